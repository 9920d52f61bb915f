"""The 信息处理费 statement, case by case: each charge word × each outcome ×
with and without a citation of the 管理办法 before it × in part 六 or in part
一; then what only looks like one; then every real fee statement of the
shared corpus, read from there at its file and line.

All wording here is our own.  A summary line gives the count right.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.config import Config
from gklint.linter import Linter

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

#: charge word → outcome → the statement (in the request-handling sense)
SENTENCES = {
    "信息处理费": {
        "none-未": "本机关2025年度未收取信息处理费。",
        "none-没有": "全年没有向申请人收取信息处理费。",
        "none-无": "2025年，无收取信息处理费情况。",
        "zero-0元": "全年收取政府信息公开信息处理费 0 元。",
        "zero-零": "本年度信息处理费收取金额为零。",
        "amount": "全年按规定收取信息处理费共计260元。",
        "不存在": "本机关不存在收取信息处理费的情况。",
        "未发生": "本年度未发生收取信息处理费情况。",
    },
    "收费": {
        "none-未": "办理政府信息公开申请时未向申请人收费。",
        "none-没有": "本机关政府信息公开工作没有收费。",
        "none-无": "政府信息公开申请办理无收费情况。",
        "zero-0元": "政府信息公开收费0元。",
        "zero-零": "依申请公开收费金额为零。",
        "amount": "依申请公开共收费150元。",
        "不存在": "政府信息公开工作中不存在收费情况。",
        "未发生": "本年度未发生政府信息公开收费事项。",
    },
    "收取…费用": {
        "none-未": "办理信息公开申请未收取任何费用。",
        "none-没有": "没有向申请人收取任何费用。",
        "none-无": "依申请公开无收取费用情况。",
        "zero-0元": "向申请人收取费用0元。",
        "zero-零": "依申请公开收取的费用为零。",
        "amount": "依申请公开向申请人收取费用80元。",
        "不存在": "办理申请不存在收取费用的情况。",
        "未发生": "办理申请未发生收取费用的情况。",
    },
    "费用": {
        "none-未": "办理政府信息公开申请未产生费用。",
        "none-没有": "处理政府信息公开申请没有产生任何费用。",
        "none-无": "政府信息公开申请办理无费用产生。",
        "zero-0元": "政府信息公开申请产生的费用为0元。",
        "zero-零": "政府信息公开申请产生的费用为零。",
        "amount": "政府信息公开申请产生费用45元。",
        "不存在": "政府信息公开申请不存在费用。",
        "未发生": "政府信息公开申请未发生费用。",
    },
}
CITATION = "本机关严格执行《政府信息公开信息处理费管理办法》，"

HEAD = "东岭县人民政府2025年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。\n"
PART_ONE = "一、总体情况\n2025年，本机关认真落实条例要求。\n{one}\n"
PART_SIX = "六、其他需要报告的事项\n{six}\n"


def _report(sentence: str, where: str) -> tuple[str, int]:
    """The report text and the line the sentence stands on."""
    if where == "六":
        return HEAD + PART_ONE.format(one="全年主动公开政府信息50条。") + PART_SIX.format(six=sentence), 7
    return HEAD + PART_ONE.format(one=sentence) + PART_SIX.format(six="本机关无其他需要报告的事项。"), 5


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(select=("GK121",)))


COUNT: dict[str, list[bool]] = {"statements": [], "not statements": []}

POSITIVE = [
    pytest.param(word, outcome, cited, where, id=f"{word}-{outcome}-{'cited' if cited else 'plain'}-{where}")
    for word, outcomes in SENTENCES.items()
    for outcome in outcomes
    for cited in (False, True)
    for where in ("六", "一")
]


@pytest.mark.parametrize(("word", "outcome", "cited", "where"), POSITIVE)
def test_fee_statement_is_found(linter, word, outcome, cited, where) -> None:
    ok = False
    try:
        sentence = (CITATION if cited else "") + SENTENCES[word][outcome]
        text, line = _report(sentence, where)
        result = linter.lint_text(text)
        fee = result.report.fee
        assert fee is not None, f"fee statement not found (part {where}): {sentence}"
        assert fee.sentence.line == line, f"fee statement taken from line {fee.sentence.line}, not {line}: {fee.sentence.text}"
        assert "管理办法" not in fee.sentence.text, f"the citation is not the statement: {fee.sentence.text}"
        assert [f.code for f in result.findings] == [], f"GK121 on a report that says {sentence!r}"
        ok = True
    finally:
        COUNT["statements"].append(ok)


#: said only in part 六, a bare 收费 is the fee by its place
BARE = ["本年度不存在收费情况。", "全年未收费。"]


@pytest.mark.parametrize("sentence", BARE)
def test_bare_charge_word_counts_in_part_six_only(linter, sentence) -> None:
    text, line = _report(sentence, "六")
    result = linter.lint_text(text)
    assert result.report.fee is not None and result.report.fee.sentence.line == line, f"not found in part 六: {sentence}"
    text, _ = _report(sentence, "一")
    result = linter.lint_text(text)
    assert result.report.fee is None, f"a bare 收费 outside part 六 was taken for the fee statement: {sentence}"
    assert [(f.code, f.line) for f in result.findings] == [("GK121", 6)]


NEGATIVE = {
    "citation_alone": "六、其他需要报告的事项\n本机关组织学习《政府信息公开信息处理费管理办法》。\n",
    "citation_and_rule_without_outcome": "六、其他需要报告的事项\n本机关按照《政府信息公开信息处理费管理办法》的规定执行。\n",
    "table_two_admin_fee_row": "二、主动公开政府信息情况\n信息内容 | 本年收费金额（单位：万元） |\n行政事业性收费 | 0 |\n六、其他需要报告的事项\n无。\n",
    "table_two_admin_fee_pdf_text": "二、主动公开政府信息情况\n信息内容 本年收费金额（单位：万元）\n行政事业性收费 0\n六、其他需要报告的事项\n无。\n",
    "table_three_fee_notice_row": "三、收到和处理政府信息公开申请情况\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n六、其他需要报告的事项\n无。\n",
    "toll_roads": "一、总体情况\n本机关公开收费公路项目清单，全年无新增收费站。\n六、其他需要报告的事项\n无。\n",
    "fee_items_published": "一、总体情况\n主动公开行政事业性收费项目目录，各类收费的依据和标准均已公开。\n六、其他需要报告的事项\n无。\n",
    "work_funds": "一、总体情况\n政府信息公开工作经费未单列。\n六、其他需要报告的事项\n无。\n",
    "contents_list": "本报告包括主动公开政府信息情况、政府信息公开的收费及减免情况等部分。\n六、其他需要报告的事项\n无。\n",
    "page_chrome": "附件下载：收费标准.pdf\n六、其他需要报告的事项\n无。\n",
}


@pytest.mark.parametrize("name", NEGATIVE)
def test_not_a_fee_statement(linter, name) -> None:
    ok = False
    try:
        text = "东岭县人民政府2025年政府信息公开工作年度报告\n" + NEGATIVE[name]
        result = linter.lint_text(text)
        fee = result.report.fee
        assert fee is None, f"{name}: taken for the fee statement: {fee.sentence.text if fee else ''}"
        six = result.report.part(6)
        assert [(f.code, f.line) for f in result.findings] == [("GK121", six.line)], f"{name}: GK121 expected on part 六 (line {six.line})"
        ok = True
    finally:
        COUNT["not statements"].append(ok)


#: real fee statements in the shared corpus: (file, line the statement starts on)
REAL = [
    ("seed/beiliu-2025.txt", 118),
    ("full/hongze-2024.pdf.txt", 131),  # after a citation wrapped over lines 130-131
    ("full/shuyang-2025.md", 186),  # a citation first, then the amount
    ("full/pingtan-2025.copied.txt", 63),
    ("partial/095_wenzhou-lucheng-qidu-jiedao_2024.txt", 16),
    ("partial/105_dezhou-shengtaihuanjingju-p4_2023.txt", 3),
]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")
@pytest.mark.parametrize(("path", "line"), REAL, ids=[p for p, _ in REAL])
def test_real_fee_statements_in_the_corpus(path, line) -> None:
    result = Linter().lint_file(str(CORPUS / path))
    fee = result.report.fee
    assert fee is not None and fee.sentence.line == line, f"{path}: fee statement expected on line {line}, found {fee and (fee.sentence.line, fee.sentence.text)}"
    assert "GK121" not in [f.code for f in result.findings]


def test_fee_summary(capsys) -> None:
    """Print the count right (run last in this module)."""
    with capsys.disabled():
        print("\nfee cases: " + ", ".join(f"{kind} {sum(v)}/{len(v)}" for kind, v in COUNT.items()))
    assert all(all(v) for v in COUNT.values())
