"""Part headings written in other words (issue 12, class 2).

A part is recognised by its numbering and by how close its title is to the
standard one (gklint.part_titles): a wrong, missing or extra character, 其它
for 其他, 和/及/与 for 、, words added or left out, a title without its number on
a line of its own, a wrong number.  Each variant must still give its part on
its own line, and GK103 must quote the title as written and the standard one.
Look-alikes must give no part: table 三's numbered rows, sub-headings of part
一, sentences holding the key words, wrapped lines, the title line.

Every report text here is written for these tests.  The real headings are
read from ../shared (the corpus reports and the sentence sets), never copied.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gklint.format import load_format
from gklint.layout import parse_layout
from gklint.linter import Linter
from gklint.rules.structure.GK101 import _runs as runs_of
from gklint.part_titles import MAX_EDITS, RELATIVE_TOLERANCE, distance, fold, match_title, tolerance
from gklint.sections import find_parts
from gklint.source import source_from_text

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS = SHARED / "corpus"
SENTENCES = SHARED / "sentences"

STANDARD = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}
NUMERALS = "一二三四五六"

#: A small report of our own; {1}…{6} are the six heading lines.  The line
#: of part n's heading is HEADING_LINE[n].
TEMPLATE = """青石镇人民政府2024年政府信息公开工作年度报告
本报告电子版可在青石镇人民政府网站下载。
{1}
本年度本镇共发布政府信息52条。
{2}
行政许可 | 12 |
{3}
一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
{4}
0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
{5}
个别栏目更新不够及时。下一步将加强内容维护。
{6}
本镇本年度没有收取信息处理费。
"""
HEADING_LINE = {1: 3, 2: 5, 3: 7, 4: 9, 5: 11, 6: 13}


def report_with(number: int, heading: str) -> str:
    headings = {n: f"{NUMERALS[n - 1]}、{STANDARD[n]}" for n in STANDARD}
    headings[number] = heading
    text = TEMPLATE
    for n, line in headings.items():
        text = text.replace("{%d}" % n, line)
    return text


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


# (class, part, heading as written, title GK103 quotes, how it is recognised)
VARIANTS = [
    # one character wrong (OCR or typing)
    ("substitution", 1, "一、总休情况", "总休情况", "similar"),
    ("substitution", 2, "二、主动公幵政府信息情况", "主动公幵政府信息情况", "similar"),
    ("substitution", 3, "三、收到和处理政府信息公开申清情况", "收到和处理政府信息公开申清情况", "similar"),
    ("substitution", 4, "四、政府信息公开行政复仪、行政诉讼情况", "政府信息公开行政复仪、行政诉讼情况", "similar"),
    ("substitution", 5, "五、存在的主要问题及改近情况", "存在的主要问题及改近情况", "similar"),
    ("substitution", 6, "六、其他需要报吿的事项", "其他需要报吿的事项", "similar"),
    ("two substitutions", 4, "四、政府信息公开行政复仪、行政诉松情况", "政府信息公开行政复仪、行政诉松情况", "similar"),
    # one character missing
    ("deletion", 1, "一、总情况", "总情况", "similar"),
    ("deletion", 2, "二、主动公开政府信情况", "主动公开政府信情况", "similar"),
    ("deletion", 3, "三、收到和处理政府信息公开申情况", "收到和处理政府信息公开申情况", "similar"),
    ("deletion", 4, "四、政府信息公开行政复议、行政诉情况", "政府信息公开行政复议、行政诉情况", "similar"),
    ("deletion", 5, "五、存在的主要问题改进情况", "存在的主要问题改进情况", "similar"),
    ("deletion", 6, "六、其他需要报告事项", "其他需要报告事项", "similar"),
    # one character too many
    ("insertion", 2, "二、主动公开政府信息息情况", "主动公开政府信息息情况", "similar"),
    ("insertion", 3, "三、收到和处理政府信息公开申请的情况", "收到和处理政府信息公开申请的情况", "alias"),
    ("insertion", 4, "四、政府信息公开的行政复议、行政诉讼情况", "政府信息公开的行政复议、行政诉讼情况", "similar"),
    ("insertion", 5, "五、存在的主要问题及其改进情况", "存在的主要问题及其改进情况", "similar"),
    ("insertion", 6, "六、其他需要报告的事项项", "其他需要报告的事项项", "similar"),
    # 其它 for 其他
    ("qita", 6, "六、其它需要报告的事项", "其它需要报告的事项", "similar"),
    ("qita", 6, "六、其它需要报告事项", "其它需要报告事项", "similar"),
    # 和 / 及 / 与 / 、 exchanged
    ("conjunction", 3, "三、收到及处理政府信息公开申请情况", "收到及处理政府信息公开申请情况", "similar"),
    ("conjunction", 4, "四、政府信息公开行政复议和行政诉讼情况", "政府信息公开行政复议和行政诉讼情况", "alias"),
    ("conjunction", 4, "四、政府信息公开行政复议与行政诉讼情况", "政府信息公开行政复议与行政诉讼情况", "similar"),
    ("conjunction", 5, "五、存在的主要问题和改进情况", "存在的主要问题和改进情况", "similar"),
    ("conjunction", 5, "五、存在的主要问题、改进情况", "存在的主要问题、改进情况", "similar"),
    # words added
    ("longer", 1, "一、政府信息公开工作总体情况", "政府信息公开工作总体情况", "similar"),
    ("longer", 2, "二、主动公开政府信息工作情况", "主动公开政府信息工作情况", "similar"),
    ("longer", 3, "三、行政机关收到并处理政府信息公开申请的情况", "行政机关收到并处理政府信息公开申请的情况", "similar"),
    ("longer", 4, "四、因政府信息公开被申请行政复议或者提起行政诉讼的情况", "因政府信息公开被申请行政复议或者提起行政诉讼的情况", "similar"),
    ("longer", 5, "五、政府信息公开工作中存在的主要问题及改进措施", "政府信息公开工作中存在的主要问题及改进措施", "similar"),
    ("longer", 6, "六、其他需要向社会报告的事项", "其他需要向社会报告的事项", "keyword"),
    # words left out
    ("shorter", 3, "三、收到处理政府信息公开申请情况", "收到处理政府信息公开申请情况", "similar"),
    ("shorter", 4, "四、行政复议、行政诉讼情况", "行政复议、行政诉讼情况", "alias"),
    ("shorter", 5, "五、存在问题及改进情况", "存在问题及改进情况", "similar"),
    ("shorter", 6, "六、其他需报告事项", "其他需报告事项", "similar"),
    # the title alone on its line, its number lost
    ("unnumbered", 1, "总体概况", "总体概况", "similar"),
    ("unnumbered", 2, "主动公开政府信息工作情况", "主动公开政府信息工作情况", "similar"),
    ("unnumbered", 3, "收到和处理政府信息公开申请的情况", "收到和处理政府信息公开申请的情况", "alias"),
    ("unnumbered", 4, "政府信息公开行政复议和行政诉讼的情况", "政府信息公开行政复议和行政诉讼的情况", "similar"),
    ("unnumbered", 5, "存在的主要问题和改进情况", "存在的主要问题和改进情况", "similar"),
    ("unnumbered", 6, "其它需要报告的事项", "其它需要报告的事项", "similar"),
    ("unnumbered markdown", 5, "## 存在的主要问题和改进措施", "存在的主要问题和改进措施", "similar"),
    # marked up as a heading: compared with the aliases too (改进措施 is one)
    ("unnumbered bold", 5, "**存在的主要问题及整改措施**", "存在的主要问题及整改措施", "similar"),
    # numbered otherwise than 一、
    ("part word", 4, "第四部分：政府信息公开行政复议和行政诉讼情况", "政府信息公开行政复议和行政诉讼情况", "alias"),
    ("arabic", 6, "6.其它需要报告的事项", "其它需要报告的事项", "similar"),
    # the number says which part, the title only what it is about
    ("numbered in place", 4, "四、行政复议情况", "行政复议情况", "numbered"),
    ("numbered in place", 5, "五、存在问题与下一步工作打算", "存在问题与下一步工作打算", "numbered"),
    ("numbered in place", 6, "六、其他", "其他", "numbered"),
]


@pytest.mark.parametrize(
    ("kind", "number", "heading", "written", "match"),
    VARIANTS,
    ids=[f"{kind}-{number}-{heading}" for kind, number, heading, _, _ in VARIANTS],
)
def test_variant_heading_gives_its_part_and_gk103_quotes_it(linter, kind, number, heading, written, match) -> None:
    result = linter.lint_text(report_with(number, heading), path="variant.txt")
    part = result.report.part(number)
    assert part is not None, f"{kind}: part {number} lost"
    assert (part.line, part.match) == (HEADING_LINE[number], match)
    assert [p.number for p in result.report.parts] == [1, 2, 3, 4, 5, 6]
    assert not [f for f in result.findings if f.code in ("GK101", "GK102", "GK104")]
    gk103 = [f for f in result.findings if f.code == "GK103"]
    assert len(gk103) == 1
    finding = gk103[0]
    column = heading.index(written) + 1
    assert (finding.location.line, finding.location.column, finding.location.section) == (HEADING_LINE[number], column, NUMERALS[number - 1])
    assert (finding.expected, finding.actual) == (STANDARD[number], written)
    assert finding.message.zh == f"第{NUMERALS[number - 1]}部分标题“{written}”不是标准表述，应为“{STANDARD[number]}”"


WRONG_NUMBERS = [
    # part 四's title numbered 三, part 六's numbered 五: the title decides
    (4, "三、政府信息公开行政复议和行政诉讼情况", "三"),
    (6, "五、其它需要报告的事项", "五"),
    (2, "一、主动公开政府信息工作情况", "一"),
]


@pytest.mark.parametrize(("number", "heading", "written_number"), WRONG_NUMBERS, ids=[h for _, h, _ in WRONG_NUMBERS])
def test_similar_title_with_a_wrong_number_is_its_part(linter, number, heading, written_number) -> None:
    result = linter.lint_text(report_with(number, heading), path="wrong.txt")
    assert [(p.number, p.line) for p in result.report.parts] == [(n, HEADING_LINE[n]) for n in range(1, 7)]
    codes = {(f.code, f.location.line) for f in result.findings if f.code.startswith("GK1")}
    assert ("GK103", HEADING_LINE[number]) in codes
    gk136 = [f for f in result.findings if f.code == "GK136"]
    assert [(f.location.line, f.expected, f.actual) for f in gk136] == [(HEADING_LINE[number], NUMERALS[number - 1], written_number)]
    assert not [f for f in result.findings if f.code in ("GK101", "GK102")]


def test_similar_title_followed_by_its_text_on_the_same_line(linter) -> None:
    """A run-in heading with a typo: the title ends at the first break."""
    heading = "四、政府信息公开行政复仪和行政诉讼情况 本年度未发生行政复议和行政诉讼。"
    result = linter.lint_text(report_with(4, heading), path="runin.txt")
    four = result.report.part(4)
    assert (four.line, four.match, four.title, four.run_in) == (9, "similar", "政府信息公开行政复仪和行政诉讼情况", True)
    gk103 = [f for f in result.findings if f.code == "GK103"]
    assert [(f.location.line, f.location.column, f.location.end_column, f.actual) for f in gk103] == [
        (9, 3, 3 + len("政府信息公开行政复仪和行政诉讼情况"), "政府信息公开行政复仪和行政诉讼情况")
    ]


def test_flattened_web_text_finds_similar_titles_inline(linter) -> None:
    """A page saved as one line: titles glued to the text after them."""
    text = (
        "青石镇2025年度政府信息公开工作年度报告\n"
        "一、总体情况 本年度全镇公开各类信息300余条。二、主动公开政府信息工作情况 规章 0 0 0 "
        "三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量 8 0 0 0 0 0 8 "
        "四、政府信息公开行政复仪、行政诉讼情况 0 0 0 0 0 五、存在的主要问题和改进措施本年度仍有栏目更新不及时。"
        "六、其他需要报告的事情本年度未收取信息处理费。\n"
    )
    result = linter.lint_text(text, path="flat.txt")
    parts = result.report.parts
    assert [p.number for p in parts] == [1, 2, 3, 4, 5, 6]
    assert all(p.line == 2 for p in parts)
    assert [p.inline for p in parts] == [False, True, True, True, True, True]  # 一 starts the line
    line = text.splitlines()[1]
    gk103 = {f.location.column: (f.expected, f.actual) for f in result.findings if f.code == "GK103"}
    assert gk103 == {
        line.index("二、主动") + 1: ("主动公开政府信息情况", "主动公开政府信息工作情况"),
        line.index("四、") + 1: ("政府信息公开行政复议、行政诉讼情况", "政府信息公开行政复仪、行政诉讼情况"),
        line.index("五、") + 1: ("存在的主要问题及改进情况", "存在的主要问题和改进措施"),
        line.index("六、") + 1: ("其他需要报告的事项", "其他需要报告的事情"),
    }
    assert not [f for f in result.findings if f.code in ("GK101", "GK102", "GK104")]


def test_a_title_glued_to_figures_ends_before_them(linter) -> None:
    text = (
        "青石镇2025年度政府信息公开工作年度报告\n"
        "一、总体情况 本年度全镇公开各类信息300余条。二、主动公开政府信息情况 规章 0 0 0 "
        "三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量 8 0 0 0 0 0 8 "
        "四、政府信息公开行政复议、行政诉讼情况 0 0 0 0 0 五、存在的主要问题及改进情况本年度仍有不足。"
        "六、其他需要报告的事2025年未收取信息处理费。\n"
    )
    result = linter.lint_text(text, path="flat.txt")
    six = result.report.part(6)
    assert six is not None and six.title == "其他需要报告的事"


# --- look-alikes that are not parts ------------------------------------------

NOT_PARTS = [
    # table 三's rows, numbered like parts, with parts 一, 二 and 四 left out
    (
        "table rows",
        "青石镇人民政府2024年政府信息公开工作年度报告\n"
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n"
        "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
        "三、本年度办理结果\n"
        "四、结转下年度继续办理 0 0 0 0 0 0 0\n"
        "五、存在的主要问题及改进情况\n"
        "个别栏目更新不够及时。\n"
        "六、其他需要报告的事项\n"
        "本镇本年度没有收取信息处理费。\n",
        [3, 5, 6],
    ),
    # sub-headings of part 一 with part 二 left out
    (
        "sub-headings",
        "青石镇人民政府2024年政府信息公开工作年度报告\n"
        "一、总体情况\n"
        "（一）主动公开政府信息情况\n"
        "本年度本镇共发布政府信息52条。\n"
        "主动公开情况\n"
        "依申请公开情况\n"
        "（二）依申请公开\n"
        "主动公开方面\n"
        "本年度本镇收到申请1件。\n"
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n",
        [1, 3],
    ),
    # sentences with the key words, each on a line of its own, parts 四 and 六 left out
    (
        "sentences",
        "青石镇人民政府2024年政府信息公开工作年度报告\n"
        "一、总体情况\n"
        "本年度未发生政府信息公开行政复议、行政诉讼情况。\n"
        "无行政复议、行政诉讼情况\n"
        "二、主动公开政府信息情况\n"
        "行政许可 | 12 |\n"
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "五、存在的主要问题及改进情况\n"
        "存在的主要问题是栏目更新不及时\n"
        "无行政复议及行政诉讼情况\n"
        "其他需要报告的事项均已在上文说明。\n"
        "其他事项\n",
        [1, 2, 3, 5],
    ),
    # table 二's caption and the title line, part 二 left out
    (
        "caption and title",
        "青石镇人民政府2024年主动公开政府信息情况年度报告\n"
        "一、总体情况\n"
        "本年度本镇共发布政府信息52条。\n"
        "第二十条第（一）项\n"
        "信息内容 | 本年制发件数 | 本年废止件数 |\n"
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n",
        [1, 3],
    ),
    # a sentence wrapped over two lines (PDF text): the second line is not a heading
    (
        "wrapped lines",
        "青石镇人民政府2024年政府信息公开工作年度报告\n"
        "一、总体情况\n"
        "本报告分为总体情况、主动公开政府信息情况、\n"
        "收到和处理政府信息公开申请的情况、\n"
        "政府信息公开行政复议和行政诉讼的情况等部分，现将全年工作报告如下\n"
        "主动公开政府信息工作情况的详细数字见下表\n",
        [1],
    ),
    # numbered lines of the author's own lists, out of place or off topic
    (
        "own lists",
        "青石镇人民政府2024年政府信息公开工作年度报告\n"
        "一、总体情况\n"
        "本年度本镇共发布政府信息52条。\n"
        "二、主动公开政府信息情况\n"
        "行政许可 | 12 |\n"
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "五、存在的主要问题及改进情况\n"
        "四、加强行政复议案件的应诉准备\n"
        "六、加强队伍建设\n",
        [1, 2, 3, 5],
    ),
]


@pytest.mark.parametrize(("kind", "text", "numbers"), NOT_PARTS, ids=[k for k, _, _ in NOT_PARTS])
def test_look_alikes_are_not_parts(linter, kind, text, numbers) -> None:
    result = linter.lint_text(text, path="neg.txt")
    assert [p.number for p in result.report.parts] == numbers
    assert all(p.match == "standard" for p in result.report.parts)
    missing = {int(f.key.split(":")[1].split(",")[0]) for f in result.findings if f.code == "GK101"}
    assert missing == {min(run) for run in runs_of(sorted(set(range(1, 7)) - set(numbers)))}
    assert not [f for f in result.findings if f.code in ("GK102", "GK103")]


# --- the thresholds -----------------------------------------------------------


def test_tolerance_is_a_quarter_of_the_title_and_at_most_two_edits() -> None:
    assert (RELATIVE_TOLERANCE, MAX_EDITS) == (0.25, 2)
    assert [tolerance(n) for n in (2, 4, 6, 7, 8, 9, 17)] == [1, 1, 1, 1, 2, 2, 2]


def test_folding_removes_only_what_does_not_tell_the_parts_apart() -> None:
    spec = load_format()
    four, five, six = spec.part(4), spec.part(5), spec.part(6)
    assert fold("因政府信息公开被申请行政复议或提起行政诉讼的情况", four.optional) == fold(four.standard, four.optional)
    assert fold("政府信息公开工作存在的主要问题和改进情况", five.optional) == fold(five.standard, five.optional)
    assert fold("其它需要报告的事项", six.optional) == fold(six.standard, six.optional)
    # the words that tell the parts apart stay
    assert fold("存在的主要问题", five.optional) == "存在问题"
    assert distance(fold("主动公开情况", spec.part(2).optional), fold(spec.part(2).standard, spec.part(2).optional), 2) == 3


def test_one_edit_too_many_is_not_similar() -> None:
    spec = load_format()
    # three wrong characters in part 四's title, numbered as another part: no part
    assert match_title("政府信息公开行政复仪、行政诉松情兄", spec, 5) is None
    # two in 总体情况 (4 characters allow one)
    assert match_title("具体状况", spec, None) is None
    # unnumbered, similar, but without the part's key words
    assert match_title("具体情况", spec, None) is None


# --- real text from ../shared --------------------------------------------------

#: The parts of every corpus report, as found before this matcher existed
#: (number:line of each part heading): no report gains or loses a part.
CORPUS_PARTS = {
    "full/hongze-2024.pdf": "1:4 2:11 3:26 4:53 5:58 6:61",
    "full/hongze-2024.pdf.txt": "1:9 2:40 3:56 4:104 5:113 6:129",
    "full/pingtan-2021.flat.txt": "1:10 2:10 3:10 4:10 5:10 6:10",
    "full/pingtan-2021.html": "1:3 2:10 3:25 4:54 5:59 6:62",
    "full/pingtan-2023.flat.txt": "1:10 2:10 3:10 4:10 5:10 6:10",
    "full/pingtan-2025.copied.txt": "1:3 2:10 3:25 4:54 5:59 6:62",
    "full/pingtan-2025.flat.txt": "1:10 2:10 3:10 4:10 5:10 6:10",
    "full/pingtan-2025.html": "1:3 2:10 3:25 4:54 5:59 6:62",
    "full/shuyang-2025.md": "1:8 2:53 3:77 4:158 5:175 6:184",
    "partial/001_longgang-qu-bumen_2024.txt": "1:1 2:3 3:18",
    "partial/003_ningdu-duifang-xiang_2023.txt": "1:15 2:27",
    "partial/005_guangdong-jiaoyu-kaoshiyuan_2022.txt": "1:3 2:7 3:8 4:9 5:10",
    "partial/007_shijiazhuang-changan-tongjiju_2023.txt": "1:3 2:8",
    "partial/009_shanghai-canshishi_2022.txt": "1:4 2:15",
    "partial/011_zoucheng-tianhuang-zhen_2021.txt": "1:2",
    "partial/013_wuqi-zhouwan-zhen_2021.txt": "1:7 2:19",
    "partial/015_sichuan-wenwuju_2025.txt": "1:7",
    "partial/017_fugu-xianzhengfuban_2022.txt": "1:15",
    "partial/019_tongzi-xian_2022.txt": "1:3",
    "partial/021_zhenkang-muchang-xiang_2023.txt": "1:6",
    "partial/023_lishui-shi_2024.txt": "1:2",
    "partial/025_harbin-daoli-jingwei-jiedao_2022.txt": "1:3",
    "partial/027_changchun-lvyuan-chuncheng-jiedao_2022.txt": "1:3",
    "partial/029_chongqing-jiaowei_2023.txt": "1:2",
    "partial/031_tianchang-yongfeng-zhen_2021.txt": "1:10",
    "partial/033_huludao-jiaoyuju_2022.txt": "1:5",
    "partial/035_qingshui-jiaoyuju_2023.txt": "1:16",
    "partial/037_jingmen-dongbao-zhaoshangju_2024.txt": "1:2",
    "partial/039_shanghai-jingxinwei_2021.txt": "1:4",
    "partial/041_beijing-shi-big5_2024.txt": "1:3",
    "partial/043_beijing-dongcheng-zhujianwei_2023.txt": "1:2",
    "partial/045_zhengding-xian_2022.txt": "1:4",
    "partial/047_hejiang-xian_2022.txt": "1:3",
    "partial/049_etuoke-qipanjing-zhen_2023.txt": "1:9",
    "partial/051_wulatehouqi_2024.txt": "1:2",
    "partial/053_baotou-waiban_2023.txt": "1:2",
    "partial/055_tianjin-baoshuiqu_2022.txt": "1:4",
    "partial/057_tianjin-fagaiwei_2022.txt": "1:2",
    "partial/059_shuozhou-shi_2023.txt": "1:2",
    "partial/061_hainan-yingshang-huanjing-ting_2023.txt": "1:14",
    "partial/063_xizang-guoziwei_2023.txt": "1:15",
    "partial/065_xizang-dizhenju_2023.txt": "1:5",
    "partial/067_helan-xian-big5-mirror_2022.txt": "1:5",
    "partial/069_xingren-shi_2022.txt": "1:2",
    "partial/071_linzhou-shi_2023.txt": "1:2",
    "partial/073_zunyi-tongjiju_2022.txt": "1:2",
    "partial/075_guojia-weijianwei-repost_2024.txt": "1:4",
    "partial/077_guangdong-shuiliting_2024.txt": "1:2",
    "partial/079_zhashui-yibaoju_2024.txt": "1:2 2:8",
    "partial/081_xuwen-sifaju_2023.txt": "1:2 2:4 3:19",
    "partial/083_xian-minzhengju-mirror_2023.txt": "1:2 2:7",
    "partial/085_yibin-cuiping-zhengfuban_2021.txt": "1:5",
    "partial/087_jiaxian-xi-zhen_2022.txt": "1:5 2:9 3:73",
    "partial/089_dianjiang-yantai-zhen_2022.txt": "1:2 2:9",
    "partial/091_zhangye-ganzhou-beijie-jiedao_2025.txt": "1:6",
    "partial/093_changchun-nanguan-changtong-jiedao_2024.txt": "1:3",
    "partial/095_wenzhou-lucheng-qidu-jiedao_2024.txt": "1:10",
    "partial/097_xixian-taiping-zhen_2022.txt": "1:3 2:9 3:71",
    "partial/099_xinle-matoupu-zhen_2022.txt": "1:11",
    "partial/101_shaanxi-zhishichanquanju_2023.txt": "1:2",
    "partial/103_bazhong-qixiangju_2022.txt": "1:7",
    "partial/105_dezhou-shengtaihuanjingju-p4_2023.txt": "",
    "partial/107_zaozhuang-gaoxin-huanbao-fenju_2025.txt": "1:3",
    "seed/beiliu-2025.txt": "1:7 2:33 3:51 4:83 5:90 6:116",
}
#: The corpus's non-standard titles, and how they are recognised now.
CORPUS_VARIANTS = {
    ("full/shuyang-2025.md", 5): "similar",  # 政府信息公开工作… (a word added)
    ("partial/005_guangdong-jiaoyu-kaoshiyuan_2022.txt", 5): "alias",
    ("partial/013_wuqi-zhouwan-zhen_2021.txt", 2): "similar",  # a word written twice
    ("seed/beiliu-2025.txt", 5): "alias",
}

needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared is not beside this checkout")


@needs_shared
def test_every_corpus_report_keeps_its_parts(linter) -> None:
    reports = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name not in ("README.md", "INDEX.md"))
    assert {str(p.relative_to(CORPUS)) for p in reports} == set(CORPUS_PARTS)
    changed = []
    variants = {}
    for path in reports:
        name = str(path.relative_to(CORPUS))
        result = linter.lint_file(str(path))
        found = " ".join(f"{p.number}:{p.line}" for p in result.report.parts)
        if found != CORPUS_PARTS[name]:
            changed.append(f"{name}: {found!r}, was {CORPUS_PARTS[name]!r}")
        variants.update({(name, p.number): p.match for p in result.report.parts if p.match != "standard"})
    assert not changed, "\n".join(changed)
    assert variants == CORPUS_VARIANTS


def _sentence_lines():
    for path in sorted(SENTENCES.glob("*.tsv")):
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle, delimiter="\t"))[1:]
        for row in rows:
            for line in row[1].split("⏎"):
                if line.strip():
                    yield path.name, row[0], line


@needs_shared
def test_real_sentences_and_titles_are_never_parts(capsys) -> None:
    """Every real sentence and title line of ../shared/sentences, standing on
    a line of its own, is no part heading (the statements name the six parts,
    the titles hold 政府信息公开…)."""
    spec = load_format()
    counts: dict[str, list[int]] = {}
    wrong = []
    for name, row_id, line in _sentence_lines():
        parts = find_parts(parse_layout(source_from_text(line, "s.txt")), spec)
        tally = counts.setdefault(name, [0, 0])
        tally[0] += 1
        if parts:
            wrong.append(f"{row_id}: {line[:40]} -> {[(p.number, p.match) for p in parts]}")
        else:
            tally[1] += 1
    with capsys.disabled():
        print("\n" + "; ".join(f"{name}: {ok}/{total} no part" for name, (total, ok) in counts.items()))
    assert len(counts) == 5 and sum(total for total, _ in counts.values()) > 1000
    assert not wrong, "\n".join(wrong)
