"""The real sentences of ../shared/sentences, each fed through the whole
pipeline (layout, joined prose, statement finders, rules) inside a small
report written here, once as the source had it and once hard-wrapped the way
PDF text wraps every line.

Every row must be classified right:

- download.tsv: found as the download statement (not the report-contents
  sentence placed before it), naming what the ``names`` column says, with
  ``defect=placeholder`` rows reported as placeholders by GK122;
- not_download.tsv: no download statement;
- period.tsv: found, with the years the sentence states (GK123 speaks only
  where the sentence states another year than the report's);
- not_period.tsv: no statistics period.

The rows stay in ../shared (they are real report text); the module is skipped
when that folder is not beside the checkout.  A summary line per file is
printed at the end (``download.tsv 199/199``).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from gklint.config import Config
from gklint.linter import Linter
from gklint.normalize import normalize

SENTENCES = Path(__file__).resolve().parents[3] / "shared" / "sentences"

pytestmark = pytest.mark.skipif(not SENTENCES.is_dir(), reason="../shared/sentences is not beside this checkout")

#: Width at which the second variant is hard-wrapped (a PDF text line).
WRAP = 23

#: Text of our own around each row: a title, a sentence about the report's
#: contents (which must never be taken for the download statement), part 一
#: with a count of items published on a site and a cut-off date (look-alikes).
TITLE = "东岭县人民政府办公室{year}年政府信息公开工作年度报告"
CONTENTS = "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等部分组成。"
BODY = "一、总体情况\n截至{year}年12月31日，本机关通过门户网站主动公开政府信息120条。\n"


def _rows(name: str) -> list[dict]:
    if not SENTENCES.is_dir():
        return []
    with open(SENTENCES / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _wrapped(sentence: str) -> str:
    flat = sentence.replace("⏎", "")
    return "\n".join(flat[i : i + WRAP] for i in range(0, len(flat), WRAP))


VARIANTS = {"as-is": lambda s: s.replace("⏎", "\n"), "wrapped": _wrapped}


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(select=("GK122", "GK123", "GK124")))


def _lint(linter: Linter, row: dict, variant: str):
    year = row.get("year") or "2024"
    body = VARIANTS[variant](row["sentence"])
    text = "\n".join([TITLE.format(year=year), CONTENTS, body, BODY.format(year=year)])
    result = linter.lint_text(text, path=f"{row['id']}-{variant}.txt")
    assert result.error is None and not result.failures
    first = 3  # the row's first line
    last = first + body.count("\n")
    return result, first, last


RESULTS: dict[str, dict[str, list[bool]]] = {}


def _record(file: str, variant: str, ok: bool) -> None:
    RESULTS.setdefault(file, {}).setdefault(variant, []).append(ok)


def _check_download(linter, row, variant) -> None:
    result, first, last = _lint(linter, row, variant)
    report = result.report
    statement = report.download
    where = f"{row['id']} ({variant}): {row['sentence']}"
    assert statement is not None, f"download statement not found: {where}"
    sentence = statement.sentence
    assert first <= sentence.line <= last, f"download statement taken from line {sentence.line}, not the row (lines {first}-{last}): {sentence.text} — {where}"
    joined = normalize(row["sentence"].replace("⏎", "")).replace(" ", "")
    assert sentence.text.replace(" ", "") in joined, f"statement text {sentence.text!r} is not part of {where}"
    names = row["names"]
    url, site = statement.values.get("url"), statement.values.get("site")
    assert bool(url) == ("URL" in names), f"url={url!r}, names={names}: {where}"
    assert bool(site) == ("SITE" in names), f"site={site!r}, names={names}: {where}"
    placeholder = statement.values.get("placeholder")
    codes = [(f.code, f.key) for f in result.findings if f.code == "GK122"]
    if row["defect"] == "placeholder":
        assert placeholder, f"placeholder not detected: {where}"
        assert codes == [("GK122", "download:placeholder")], f"GK122 findings {codes}: {where}"
        finding = next(f for f in result.findings if f.code == "GK122")
        at = finding.location
        if at.end_line in (None, at.line):
            quoted = result.report.quote(at.line, at.column, at.end_column)
        else:  # wrapped over two lines
            quoted = result.report.quote(at.line, at.column, None) + result.report.quote(at.end_line, 1, at.end_column)
        assert quoted == finding.actual and normalize(quoted) == placeholder, f"placeholder read as {quoted!r} at {at.line}:{at.column}-{at.end_line}:{at.end_column}, found {placeholder!r}: {where}"
    else:
        assert not placeholder, f"placeholder {placeholder!r} reported: {where}"
        assert codes == [], f"GK122 findings {codes}: {where}"
    if url:
        # the address is located on the line and column where it stands
        start = sentence.text.find(url)
        line, column, end_column = sentence.locate(start, start + len(url))
        original = normalize(result.report.source.line(line))
        piece = url[: end_column - column]
        assert original[column - 1 : end_column - 1] == piece, f"address located at {line}:{column} reads {original[column - 1:end_column - 1]!r}, not {piece!r}: {where}"


def _check_not_download(linter, row, variant) -> None:
    result, first, last = _lint(linter, row, variant)
    statement = result.report.download
    assert statement is None, f"taken for the download statement ({statement.sentence.text if statement else ''}): {row['id']} ({variant}) — {row['why']}"


_YEAR_IN = re.compile(r"(?:19|20)[0-9]{2}")


def _check_period(linter, row, variant) -> None:
    result, first, last = _lint(linter, row, variant)
    statement = result.report.period
    where = f"{row['id']} ({variant}): {row['sentence']}"
    assert statement is not None, f"period not found: {where}"
    assert first <= statement.sentence.line <= last, f"period taken from line {statement.sentence.line}: {where}"
    years = set(statement.values["years"])
    year = int(row["year"])
    gk123 = [f for f in result.findings if f.code == "GK123"]
    if years == {year}:
        assert gk123 == [], f"GK123 on a period of the report year: {where}"
    else:
        # the sentence itself states another year (README: kept as found)
        stated = {int(y) for y in _YEAR_IN.findall(normalize(row["sentence"]))}
        assert years and years <= stated and year not in stated, f"years {sorted(years)} for a {year} report: {where}"
        assert len(gk123) == 1 and int(gk123[0].actual) in years, f"GK123 should report the stated year {sorted(years)}: {where}"
    assert not [f for f in result.findings if f.code == "GK124"], where


def _check_not_period(linter, row, variant) -> None:
    result, first, last = _lint(linter, row, variant)
    statement = result.report.period
    assert statement is None, f"taken for the statistics period ({statement.sentence.text if statement else ''}): {row['id']} ({variant}) — {row['why']}"


CHECKS = {
    "download.tsv": _check_download,
    "not_download.tsv": _check_not_download,
    "period.tsv": _check_period,
    "not_period.tsv": _check_not_period,
}

PARAMS = [
    pytest.param(file, row, variant, id=f"{row['id']}-{variant}")
    for file in CHECKS
    for row in _rows(file)
    for variant in VARIANTS
]


@pytest.mark.parametrize(("file", "row", "variant"), PARAMS)
def test_sentence_is_classified_right(linter: Linter, file: str, row: dict, variant: str) -> None:
    ok = False
    try:
        CHECKS[file](linter, row, variant)
        ok = True
    finally:
        _record(file, variant, ok)


def test_summary_per_file(capsys) -> None:
    """Print the count right per file (run last in this module)."""
    lines = []
    for file in CHECKS:
        expected = len(_rows(file))
        variants = RESULTS.get(file, {})
        per = {v: sum(variants.get(v, [])) for v in VARIANTS}
        lines.append(f"{file} {min(per.values())}/{expected} (" + ", ".join(f"{v} {n}/{expected}" for v, n in per.items()) + ")")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    if all(len(RESULTS.get(f, {}).get(v, [])) == len(_rows(f)) for f in CHECKS for v in VARIANTS):
        assert all(all(results) for variants in RESULTS.values() for results in variants.values())
