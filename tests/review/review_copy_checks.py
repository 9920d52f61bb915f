"""What every review copy written in the CLI tests must satisfy: python-docx
reads back each comment with the text it is anchored on, and LibreOffice
(Debian's libreoffice-writer-nogui, which .ci/run installs) converts the copy
to PDF without error — a copy that needs repairing fails that conversion.

Also the DOCX test report: the project's own example (examples/beiliu-2025.txt)
built into a Word document with python-docx — headings as Word headings,
tables as Word tables with the merges Word prints."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from word_builder import word_from_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "beiliu-2025.txt"
CORPUS = ROOT.parent / "shared" / "corpus"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class ReadBack:
    """A comment as python-docx reads it from the saved copy."""

    id: int
    author: str
    text: str
    anchor: str  # the document text between its range marks
    in_table: bool  # anchored inside a Word table cell


def corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"the shared corpus is not available ({path})")
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_comments(path: Path) -> list[ReadBack]:
    """Every comment of the copy, in the order of its range in the body."""
    import docx

    document = docx.Document(str(path))
    by_id = {comment.comment_id: comment for comment in document.comments}
    body = document.element.body
    open_ids: list[int] = []
    anchors: dict[int, list[str]] = {}
    in_table: dict[int, bool] = {}
    order: list[int] = []
    for node in body.iter():
        if node.tag == f"{W}commentRangeStart":
            number = int(node.get(f"{W}id"))
            open_ids.append(number)
            anchors[number] = []
            order.append(number)
            in_table[number] = any(parent.tag == f"{W}tc" for parent in node.iterancestors())
        elif node.tag == f"{W}commentRangeEnd":
            number = int(node.get(f"{W}id"))
            if number in open_ids:
                open_ids.remove(number)
        elif node.tag == f"{W}t" and node.text:
            # a deleted run's text is w:delText, never w:t: what Word shows
            for number in open_ids:
                anchors[number].append(node.text)
    assert set(order) == set(by_id), "every comment has its range in the body, and every range its comment"
    return [
        ReadBack(number, by_id[number].author, by_id[number].text, "".join(anchors[number]), in_table[number]) for number in order
    ]


def check_placed_match(path: Path, placed) -> list[ReadBack]:
    """The copy holds exactly the comments write_review said it placed,
    each on the anchor text it named."""
    back = read_comments(path)
    assert len(back) == len(placed)
    assert sorted((c.text, c.anchor) for c in back) == sorted((p.text, p.anchor_text) for p in placed)
    for comment in back:
        assert comment.anchor.strip(), comment
    return back


def converts_to_pdf(path: Path, tmp_path: Path) -> None:
    """LibreOffice opens the copy and prints it to PDF without an error."""
    command = soffice()
    if command is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
    out = tmp_path / f"pdf-{path.stem}"
    completed = subprocess.run(
        [
            command,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = out / f"{path.stem}.pdf"
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert pdf.is_file(), completed.stdout + completed.stderr
    assert pdf.read_bytes().startswith(b"%PDF-") and pdf.stat().st_size > 1000


def body_texts(path: Path) -> list[str]:
    """The text of every paragraph and every table cell, in document order."""
    import docx

    document = docx.Document(str(path))
    texts = []
    for node in document.element.body.iter(f"{W}p"):
        texts.append("".join(t.text or "" for t in node.iter(f"{W}t")))
    return texts


# --- the DOCX test report ---------------------------------------------------------------


def example_text(broken: bool = True) -> str:
    """The example report; ``broken`` puts in four problems a reviewer must
    be shown in place: a placeholder (GK135), a broken total in table 四
    (GK204), no fee statement (GK121), besides the example's own
    non-standard heading of part 五 (GK103)."""
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    if not broken:
        return "\n".join(lines)
    row = next(i for i, line in enumerate(lines) if re.fullmatch(r"0(\t0){14}", line))
    lines[row] = "2" + lines[row][1:]
    fee = next(i for i, line in enumerate(lines) if "信息处理费" in line and "未收取" in line)
    del lines[fee]
    first = next(i for i, line in enumerate(lines) if line.startswith("我镇") and len(line) > 40)
    lines[first] += "全年共办理××件。"
    return "\n".join(lines)


def docx_bytes(text: str) -> bytes:
    """The report as a Word document built with python-docx (two runs a paragraph)."""
    return word_from_text(text, split_runs=True, table_style="Table Grid")


