"""``gklint … --format docx -o …``: the review copy, from the command line.

Every copy written here is read back with python-docx (each comment with the
text it is anchored on) and converted to PDF by LibreOffice (skipped when
soffice is missing; .ci/run installs it): a copy Word or WPS would want to
repair fails one or the other.  Inputs: a DOCX built with python-docx from
the example report; the real PDF, HTML and Markdown reports of
../shared/corpus, read from there; the example text report.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gklint.cli import main
from gklint.linter import Linter
from gklint.review.write import write_review

from review_copy_checks import (
    EXAMPLE,
    body_texts,
    check_placed_match,
    converts_to_pdf,
    corpus_file,
    docx_bytes,
    example_text,
    read_comments,
)

pytest.importorskip("docx")

CODE = re.compile(r"^(GK|SX)\d{3}")


def run(args: list[str], capsys) -> tuple[int, str, str]:
    try:
        code = main([str(arg) for arg in args])
    except SystemExit as exit:  # a usage error: argparse exits
        code = exit.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """The agency's draft: the example report with four problems, in Word."""
    path = tmp_path / "北留镇2025年报告.docx"
    path.write_bytes(docx_bytes(example_text()))
    return path


def _summary(comments) -> str:
    summaries = [c for c in comments if not CODE.match(c.text)]
    assert len(summaries) == 1, [c.text for c in comments]
    return summaries[0].text


# --- a Word draft -----------------------------------------------------------------------------


def test_docx_draft_gets_one_comment_per_finding_in_place(draft: Path, tmp_path: Path, capsys) -> None:
    before = draft.read_bytes()
    out = tmp_path / "北留镇2025年报告-审核意见.docx"
    code, stdout, stderr = run([draft, "--format", "docx", "-o", out], capsys)
    assert code == 1, stderr  # errors found: exit 1 as for any lint
    assert stderr == ""
    assert f"审核意见副本：{out}（6 条批注）" in stdout
    assert "共 5 个问题（错误 3，警告 1，提示 1）" in stdout  # the usual report on the terminal
    assert draft.read_bytes() == before  # the draft itself is never touched

    comments = read_comments(out)
    assert len(comments) == 6
    assert all(c.author == "gklint" for c in comments)
    # the first comment, on the title, sums the review up
    first = comments[0]
    assert first.text == _summary(comments)
    assert "错误 3" in first.text and "警告 1" in first.text and "提示 1" in first.text and "national" in first.text
    by_code = {c.text[:5]: c for c in comments if CODE.match(c.text)}
    assert set(by_code) == {"GK124", "GK135", "GK204", "GK103", "GK121"}
    assert "××" in by_code["GK135"].anchor  # the sentence with the placeholder
    assert by_code["GK204"].in_table and by_code["GK204"].anchor.strip() == "0"  # the 总计 cell of 行政复议, in the Word table
    assert "表四" in by_code["GK204"].text and "相差 2" in by_code["GK204"].text
    assert "存在的主要问题及改进措施" in by_code["GK103"].anchor  # the heading itself
    assert "信息处理费" in by_code["GK121"].text and "【错误】" in by_code["GK121"].text
    assert not by_code["GK121"].in_table
    # the body is unchanged: every paragraph and cell reads as in the draft
    assert body_texts(out) == body_texts(draft)
    converts_to_pdf(out, tmp_path)


def test_write_review_returns_what_it_placed(draft: Path, tmp_path: Path) -> None:
    result = Linter().lint_file(str(draft))
    out = tmp_path / "copy.docx"
    placed = write_review(result, out, author="审核员", profile="national")
    assert placed[0].code is None and len(placed) == len(result.findings) + 1
    assert [p.code for p in placed[1:]] == [f.code for f in result.findings] or sorted(p.code for p in placed[1:]) == sorted(
        f.code for f in result.findings
    )
    back = check_placed_match(out, placed)
    assert {c.author for c in back} == {"审核员"}


def test_rerun_after_the_fix_drops_the_fixed_comments(tmp_path: Path, capsys) -> None:
    """The agency fixes the placeholder and the total; the next review copy
    has no comment on them."""
    broken = example_text()
    fixed = broken.replace("全年共办理××件。", "")
    fixed = re.sub(r"(?m)^2(\t0){14}$", "0" + "\t0" * 14, fixed)
    draft = tmp_path / "draft.docx"
    draft.write_bytes(docx_bytes(fixed))
    out = tmp_path / "draft-审核意见.docx"
    code, _, _ = run([draft, "--format", "docx", "-o", out], capsys)
    codes = {c.text[:5] for c in read_comments(out) if CODE.match(c.text)}
    assert codes == {"GK124", "GK103", "GK121"}
    assert code == 1


# --- every other input: a new Word document rendering the report --------------------------------


@pytest.mark.parametrize(
    "relative",
    ["full/hongze-2024.pdf", "full/pingtan-2021.html", "full/shuyang-2025.md", None],
    ids=["pdf", "html", "md", "example-txt"],
)
def test_other_inputs_get_a_rendered_review_copy(relative, tmp_path: Path, capsys) -> None:
    report = corpus_file(relative) if relative else EXAMPLE
    out = tmp_path / f"{report.stem}-审核意见.docx"
    code, stdout, stderr = run([report, "--format", "docx", "-o", out, "--exit-zero"], capsys)
    assert code == 0, stderr
    result = Linter().lint_file(str(report))
    comments = read_comments(out)
    assert len(comments) == len(result.findings) + 1
    assert f"（{len(comments)} 条批注）" in stdout
    assert sorted(c.text[:5] for c in comments if CODE.match(c.text)) == sorted(f.code for f in result.findings)
    assert all(c.anchor.strip() for c in comments)
    assert report.exists() and not (report.parent / out.name).exists()
    converts_to_pdf(out, tmp_path)


def test_pdf_comments_keep_the_page_and_line(tmp_path: Path, capsys) -> None:
    report = corpus_file("full/hongze-2024.pdf")
    out = tmp_path / "hongze-审核意见.docx"
    run([report, "--format", "docx", "-o", out], capsys)
    gk122 = next(c for c in read_comments(out) if c.text.startswith("GK122"))
    assert "第1页第2行" in gk122.text


# --- batch ------------------------------------------------------------------------------------


def test_batch_folder_writes_one_copy_per_report(tmp_path: Path, capsys) -> None:
    drafts = tmp_path / "收到的报告"
    (drafts / "镇政府").mkdir(parents=True)
    (drafts / "教育局").mkdir()
    (drafts / "镇政府" / "报告.docx").write_bytes(docx_bytes(example_text()))
    (drafts / "教育局" / "报告.docx").write_bytes(docx_bytes(example_text(broken=False)))
    (drafts / "北留镇.txt").write_text(example_text(broken=False), encoding="utf-8")
    out = tmp_path / "审核意见"
    code, stdout, stderr = run([drafts, "--format", "docx", "-o", out, "--jobs", "2", "--no-pairing"], capsys)
    assert code == 1, stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    assert written == ["北留镇-审核意见.docx", "教育局/报告-审核意见.docx", "镇政府/报告-审核意见.docx"]
    assert "已写入 3 份审核意见副本" in stdout
    assert "共 9 个问题（错误 3，警告 3，提示 3），3 个文件" in stdout  # the usual summary
    assert len(read_comments(out / "镇政府" / "报告-审核意见.docx")) == 6
    assert len(read_comments(out / "教育局" / "报告-审核意见.docx")) == 3
    for copy in out.rglob("*.docx"):
        converts_to_pdf(copy, tmp_path)
    assert sorted(p.name for p in drafts.rglob("*") if p.is_file()) == ["北留镇.txt", "报告.docx", "报告.docx"]


def test_batch_keeps_two_reports_of_one_name_apart(tmp_path: Path, capsys) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "报告.docx").write_bytes(docx_bytes(example_text()))
    (drafts / "报告.txt").write_text(example_text(broken=False), encoding="utf-8")
    out = tmp_path / "out"
    run([drafts, "--format", "docx", "-o", out], capsys)
    assert sorted(p.name for p in out.iterdir()) == ["报告-审核意见.docx", "报告.txt-审核意见.docx"]


def test_batch_output_inside_the_input_folder_is_refused(tmp_path: Path, capsys) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.txt").write_text(example_text(broken=False), encoding="utf-8")
    code, stdout, stderr = run([drafts, "--format", "docx", "-o", drafts / "审核意见"], capsys)
    assert code == 2 and stdout == ""
    assert len(stderr.splitlines()) == 1 and "不能在被检查的文件夹" in stderr
    assert not (drafts / "审核意见").exists()


# --- usage ------------------------------------------------------------------------------------


def test_docx_without_output_is_a_usage_error(draft: Path, capsys) -> None:
    code, stdout, stderr = run([draft, "--format", "docx"], capsys)
    assert code == 2 and stdout == ""
    assert len(stderr.splitlines()) == 1
    assert stderr.startswith("gklint: 用法错误 (usage error): --format docx 须用 -o")


def test_output_naming_the_input_is_refused(draft: Path, capsys) -> None:
    before = draft.read_bytes()
    code, stdout, stderr = run([draft, "--format", "docx", "-o", draft], capsys)
    assert code == 2
    assert len(stderr.splitlines()) == 1 and "被检查的报告本身" in stderr
    assert draft.read_bytes() == before


def test_output_must_be_a_docx_file(draft: Path, tmp_path: Path, capsys) -> None:
    code, _, stderr = run([draft, "--format", "docx", "-o", tmp_path / "意见.pdf"], capsys)
    assert code == 2 and ".docx 结尾" in stderr and len(stderr.splitlines()) == 1


def test_output_folder_for_one_report(draft: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "审核意见"
    out.mkdir()
    code, _, _ = run([draft, "--format", "docx", "-o", out], capsys)
    assert code == 1
    assert [p.name for p in out.iterdir()] == ["北留镇2025年报告-审核意见.docx"]


def test_help_shows_the_review_copy(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "docx" in text and "审核意见" in text and "--author" in text


# --- author, language, profile ------------------------------------------------------------


def test_author_option_and_config(draft: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "a.docx"
    run([draft, "--format", "docx", "-o", out, "--author", "张三"], capsys)
    assert {c.author for c in read_comments(out)} == {"张三"}
    config = tmp_path / "gklint.yaml"
    config.write_text("author: 李四\n", encoding="utf-8")
    out2 = tmp_path / "b.docx"
    run([draft, "--format", "docx", "-o", out2, "--config", config], capsys)
    assert {c.author for c in read_comments(out2)} == {"李四"}
    out3 = tmp_path / "c.docx"
    run([draft, "--format", "docx", "-o", out3, "--config", config, "--author", "王五"], capsys)  # the option wins
    assert {c.author for c in read_comments(out3)} == {"王五"}


def test_bad_author_in_config_is_one_line(draft: Path, tmp_path: Path, capsys) -> None:
    config = tmp_path / "gklint.yaml"
    config.write_text("author: [1, 2]\n", encoding="utf-8")
    code, _, stderr = run([draft, "--format", "docx", "-o", tmp_path / "x.docx", "--config", config], capsys)
    assert code == 2 and len(stderr.splitlines()) == 1 and "author 应为" in stderr


def test_english_comments(draft: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "en.docx"
    code, stdout, _ = run([draft, "--format", "docx", "-o", out, "--lang", "en"], capsys)
    assert code == 1 and "review copy:" in stdout
    comments = read_comments(out)
    summary = _summary(comments)
    assert "错误" not in summary and "error" in summary.lower()
    gk103 = next(c for c in comments if c.text.startswith("GK103"))
    assert "【" not in gk103.text and "warning" in gk103.text.lower()
    converts_to_pdf(out, tmp_path)


def test_profile_named_in_the_summary(draft: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "sx.docx"
    run([draft, "--format", "docx", "-o", out, "--profile", "shanxi"], capsys)
    comments = read_comments(out)
    assert "shanxi" in _summary(comments)
    assert any(c.text.startswith("SX") for c in comments)


def test_docx_copy_is_written_atomically(draft: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    """A copy that fails half-way leaves the earlier copy as it was, and no
    temporary file behind."""
    out = tmp_path / "copy.docx"
    out.write_bytes(b"earlier copy")
    import docx.document

    def broken_save(self, stream):
        stream.write(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", broken_save)
    code, _, stderr = run([draft, "--format", "docx", "-o", out], capsys)
    assert code == 2
    assert stderr.count("\n") == 1 and "无法写入审核意见副本" in stderr
    assert out.read_bytes() == b"earlier copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["copy.docx", draft.name])


def test_existing_comments_stay(tmp_path: Path, capsys) -> None:
    """A draft that already carries a colleague's comment keeps it."""
    import docx
    from io import BytesIO

    document = docx.Document(BytesIO(docx_bytes(example_text())))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("我镇"))
    document.add_comment(paragraph.runs[0], text="请补充数据来源", author="李科长", initials="李")
    draft = tmp_path / "draft.docx"
    document.save(str(draft))
    out = tmp_path / "draft-审核意见.docx"
    run([draft, "--format", "docx", "-o", out], capsys)
    comments = read_comments(out)
    assert len(comments) == 7
    kept = [c for c in comments if c.author == "李科长"]
    assert len(kept) == 1 and kept[0].text == "请补充数据来源" and kept[0].anchor == paragraph.runs[0].text
    assert body_texts(out) == body_texts(draft)


def test_standard_input_text_gets_a_copy(tmp_path: Path, capsys, monkeypatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(example_text().encode("utf-8")), encoding="utf-8"))
    out = tmp_path / "stdin-审核意见.docx"
    code, stdout, stderr = run(["-", "--format", "docx", "-o", out], capsys)
    assert code == 1, stderr
    assert len(read_comments(out)) == 6


def test_the_guide_quotes_the_grouping_rule() -> None:
    """docs/review-copy.md quotes the grouping rule as the code states it."""
    from gklint.review.comments import GROUPING, MAX_SPREAD

    page = (EXAMPLE.parents[1] / "docs" / "review-copy.md").read_text(encoding="utf-8")
    quoted = " ".join(line[2:] for line in page.splitlines() if line.startswith("> "))
    assert " ".join(GROUPING.split()) in " ".join(quoted.split())
    assert f"`MAX_SPREAD = {MAX_SPREAD}`" in page and f"不超过 {MAX_SPREAD} 处" in page
