"""annotate(): every finding of a real lint run as a Word comment, read back
with python-docx from the saved copy — on the right paragraph or cell, with
the right text — and the body of the document unchanged."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from lxml import etree  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from wordreport import Switches, build, lint  # noqa: E402

from gklint.review.anchors import docx_anchor_map  # noqa: E402
from gklint.review.comments import MAX_SPREAD, annotate  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BROKEN = Switches(period=False, download=False, part5=False, fee=False, review_total="0")


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def review(tmp_path: Path, switches: Switches, **options):
    """Lint the built report, annotate a fresh copy, save it and open it again."""
    linted = lint(build(switches), tmp_path / "draft.docx")
    assert linted.result.error is None
    document = docx.Document(str(linted.path))
    placed = annotate(document, docx_anchor_map(document, linted.result.report.source), linted.result, **options)
    out = tmp_path / "draft-审核意见.docx"
    document.save(out)
    return linted, placed, out, docx.Document(str(out))


def anchors_of(document) -> dict[int, dict]:
    """For each comment id: the text between its range marks, the paragraph
    holding the start mark, and the table cell (table, row, column) if any."""
    body = document.element.body
    tables = [t for t in body.iter(q("tbl"))]
    found: dict[int, dict] = {}
    open_ids: set[int] = set()
    for node in body.iter():
        if node.tag == q("commentRangeStart"):
            cid = int(node.get(q("id")))
            open_ids.add(cid)
            paragraph = next(a for a in node.iterancestors(q("p")))
            cell = next(node.iterancestors(q("tc")), None)
            where = None
            if cell is not None:
                row = cell.getparent()
                table = row.getparent()
                where = (tables.index(table), list(table.iter(q("tr"))).index(row), list(row.iter(q("tc"))).index(cell))
            found[cid] = {"text": "", "paragraph": paragraph, "cell": where}
        elif node.tag == q("commentRangeEnd"):
            open_ids.discard(int(node.get(q("id"))))
        elif node.tag == q("t"):
            for cid in open_ids:
                found[cid]["text"] += node.text or ""
    return found


def paragraph_text(element) -> str:
    return "".join(t.text or "" for t in element.iter(q("t")))


def comments(document) -> list[tuple[int, str, str]]:
    return [(c.comment_id, c.author, c.text) for c in document.comments]


def without_marks(xml: bytes) -> bytes:
    """document.xml with the comments' range marks and reference runs taken out, canonical."""
    root = etree.fromstring(xml)
    for node in list(root.iter(q("commentRangeStart"), q("commentRangeEnd"))):
        node.getparent().remove(node)
    for ref in list(root.iter(q("commentReference"))):
        run = ref.getparent()
        run.getparent().remove(run)
    return etree.tostring(root, method="c14n")


def part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


# --- the placing of each comment --------------------------------------------------------------


def test_every_finding_is_a_comment_on_its_text(tmp_path: Path) -> None:
    linted, placed, out, copy = review(tmp_path, BROKEN)
    codes = sorted(f.code for f in linted.result.findings)
    assert codes == ["GK101", "GK121", "GK122", "GK124", "GK204"]
    read = comments(copy)
    assert [text for _, _, text in read] == [p.text for p in placed]
    assert all(author == "gklint" for _, author, _ in read)
    marks = anchors_of(copy)
    assert sorted(marks) == [cid for cid, _, _ in read]
    for (cid, _, text), p in zip(read, placed):
        assert marks[cid]["text"] == p.anchor_text, text

    by_code = {p.code: (cid, p) for (cid, _, _), p in zip(read, placed)}
    # the summary first, on the title
    first_id, _, first_text = read[0]
    assert first_text == "gklint 审核意见：错误 4，警告 0，提示 1；配置方案 national"
    assert paragraph_text(marks[first_id]["paragraph"]) == "青石镇人民政府2025年政府信息公开工作年度报告"
    assert placed[0].code is None and placed[0].place == "第1段"

    # the broken 表四 total: in its own cell of the third Word table (row 4, column 5)
    cid, p = by_code["GK204"]
    assert marks[cid]["cell"] == (2, 3, 4)
    assert marks[cid]["text"] == "0"
    assert p.text == (
        "GK204【错误】表四“行政复议”：总计 0，但结果维持、结果纠正、其他结果、尚未审结之和为 1 + 0 + 0 + 0 = 1，相差 1\n"
        "请核对该组单元格，使“总计”等于结果维持、结果纠正、其他结果、尚未审结之和。"
    )

    # absences: where the missing thing belongs, and the comment says so
    cid, p = by_code["GK101"]
    assert paragraph_text(marks[cid]["paragraph"]) == "六、其他需要报告的事项"
    assert p.text.endswith("（应在第六部分“其他需要报告的事项”之前）\n（位置为应补充之处：应在此标题之前补上）")
    cid, p = by_code["GK121"]
    assert paragraph_text(marks[cid]["paragraph"]) == "六、其他需要报告的事项"
    assert p.text.endswith("（位置为应补充之处：应在此部分中补上）")
    for code in ("GK122", "GK124"):
        cid, p = by_code[code]
        assert paragraph_text(marks[cid]["paragraph"]) == "青石镇人民政府2025年政府信息公开工作年度报告"
        assert p.text.endswith("（位置为应补充之处：应在此处之后补上）")
    # messages that already say what to do get no second line of advice
    assert by_code["GK122"][1].text.count("\n") == 1


def test_a_clean_report_gets_only_the_summary(tmp_path: Path) -> None:
    linted, placed, out, copy = review(tmp_path, Switches())
    assert linted.result.findings == []
    assert [text for _, _, text in comments(copy)] == ["gklint 审核意见：错误 0，警告 0，提示 0；配置方案 national\n未发现问题。"]


def test_the_smallest_run_range_holding_the_text(tmp_path: Path) -> None:
    """A paragraph of five runs; the finding quotes the middle three: the
    comment covers exactly those three, whole, and no run is split."""
    linted, placed, out, copy = review(tmp_path, Switches(count_runs=True))
    (finding,) = linted.result.findings
    assert finding.code == "GK301"
    (cid, _, text), = [c for c in comments(copy) if c[2].startswith("GK301")]
    mark = anchors_of(copy)[cid]
    assert mark["text"] == "本年度共收到政府信息公开申请5件。"
    assert paragraph_text(mark["paragraph"]) == "全年运行平稳。本年度共收到政府信息公开申请5件。另有电话咨询若干。"
    assert [r.text for r in docx.text.paragraph.Paragraph(mark["paragraph"], copy).runs] == [
        "全年运行平稳。", "本年度共收到政府信息公开申请", "5", "件。", "", "另有电话咨询若干。",
    ]  # the empty run after the range is the comment's reference mark


def test_the_body_is_unchanged(tmp_path: Path) -> None:
    linted, placed, out, copy = review(tmp_path, Switches(period=False, review_total="0", placeholders=3, comment=True, count_runs=True))
    original = docx.Document(str(linted.path))
    assert [p.text for p in copy.paragraphs] == [p.text for p in original.paragraphs]
    cells = lambda d: [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]  # noqa: E731
    assert cells(copy) == cells(original)
    assert without_marks(part(out, "word/document.xml")) == without_marks(part(linted.path, "word/document.xml"))
    for name in ("word/styles.xml", "word/numbering.xml", "word/settings.xml"):
        assert etree.tostring(etree.fromstring(part(out, name)), method="c14n") == etree.tostring(
            etree.fromstring(part(linted.path, name)), method="c14n"
        ), name
    # and gklint reads the copy exactly as it read the draft
    from gklint.linter import Linter

    again = Linter().lint_file(str(out))
    assert again.report.source.lines == linted.result.report.source.lines
    assert [f.message.zh for f in again.findings] == [f.message.zh for f in linted.result.findings]


def test_existing_comments_stay(tmp_path: Path) -> None:
    linted, placed, out, copy = review(tmp_path, Switches(fee=False, comment=True))
    read = comments(copy)
    assert read[0] == (0, "李审核", "请补充具体数字。")
    marks = anchors_of(copy)
    assert marks[0]["text"] == "全年镇政府围绕便民服务推进公开，公开栏和网站同步更新。"
    assert [text.split("\n")[0][:5] for _, _, text in read[1:]] == ["gklin", "GK121"]
    assert len({cid for cid, _, _ in read}) == len(read)


# --- one finding, many places ---------------------------------------------------------------------


def test_a_few_places_get_a_comment_each(tmp_path: Path) -> None:
    linted, placed, out, copy = review(tmp_path, Switches(placeholders=3))
    (finding,) = linted.result.findings
    assert finding.code == "GK135" and len(finding.related) == 2
    ours = [(cid, text) for cid, _, text in comments(copy) if text.startswith("GK135")]
    assert len(ours) == 3 <= MAX_SPREAD
    marks = anchors_of(copy)
    held = [paragraph_text(marks[cid]["paragraph"]) for cid, _ in ours]
    assert held == [f"第{n}项工作由XX办公室牵头，按季度通报进展。" for n in (1, 2, 3)]
    for _, text in ours:
        assert text.endswith("\n（共 3 处之一）")
    assert [p.place for p in placed[1:]] == ["第6段", "第7段", "第8段"]


def test_many_places_get_one_comment_listing_them(tmp_path: Path) -> None:
    linted, placed, out, copy = review(tmp_path, Switches(placeholders=7))
    (finding,) = linted.result.findings
    assert len(finding.related) == 6
    ours = [(cid, text) for cid, _, text in comments(copy) if text.startswith("GK135")]
    assert len(ours) == 1
    cid, text = ours[0]
    assert paragraph_text(anchors_of(copy)[cid]["paragraph"]) == "第1项工作由XX办公室牵头，按季度通报进展。"
    assert text.endswith("\n（共 7 处，其余 6 处在：第7段、第8段、第9段、第10段、第11段、第12段）")


# --- English, author ---------------------------------------------------------------------------------


def test_english_and_author(tmp_path: Path) -> None:
    linted, placed, out, copy = review(tmp_path, BROKEN, lang="en", author="Zhang San", profile="national")
    read = comments(copy)
    assert read[0][2] == "gklint review: 4 errors, 0 warnings, 1 note; profile national"
    assert {author for _, author, _ in read} == {"Zhang San"}
    assert {c.initials for c in copy.comments} == {"Z"}
    texts = {text.split(" ")[0]: text for _, _, text in read[1:]}
    assert texts["GK204"].startswith("GK204 [error] table four, review: total 0, but upheld + corrected")
    assert texts["GK204"].endswith("\nCorrect the cells so that the total equals upheld + corrected + other + pending.")
    assert texts["GK101"].endswith("(marked where it belongs: add it before this heading)")
    assert "【" not in "".join(texts.values())


def test_blank_cells_in_their_cell_or_their_row(tmp_path: Path) -> None:
    """Two blank cells of 表三, one finding (GK205) with two places: the cell
    holding an empty run gets its comment in the cell itself; the cell never
    typed in has no run to anchor on, so its row carries the comment, which
    says so."""
    linted, placed, out, copy = review(tmp_path, Switches(t3_blanks=True))
    (finding,) = linted.result.findings
    assert finding.code == "GK205"
    assert [finding.location.cell, *(r.cell for r in finding.related)] == ["t3.carried_over.commercial", "t3.carried_over.research"]
    ours = [(cid, text) for cid, _, text in comments(copy) if text.startswith("GK205")]
    assert len(ours) == 2
    marks = anchors_of(copy)
    (row_id, row_text), (cell_id, cell_text) = ours
    assert marks[row_id]["cell"] == (1, 4, 0) and marks[row_id]["text"] == "二、上年结转政府信息公开申请数量"
    assert row_text.endswith("（共 2 处之一）\n（所指单元格为空白，批注标在同一行）")
    assert marks[cell_id]["cell"] == (1, 4, 5) and marks[cell_id]["text"] == ""
    assert cell_text.endswith("（共 2 处之一）")
    assert [p.place for p in placed[1:]] == ["表2第5行", "表2第5行"]


def test_places_of_the_original_when_asked(tmp_path: Path) -> None:
    """A copy rendered from a PDF or text keeps, in each comment, where the
    problem is in the original (the DOCX input's own copy needs no such line)."""
    linted, placed, out, copy = review(tmp_path, Switches(placeholders=2), show_places=True)
    texts = [text for _, _, text in comments(copy)]
    assert texts[1].endswith("（共 2 处之一）\n（原文位置：第6段）")
    assert texts[2].endswith("（原文位置：第7段）")
    assert "原文位置" not in texts[0]
