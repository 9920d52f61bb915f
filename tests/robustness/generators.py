"""Input generators and checks shared by the property tests
(``test_properties.py``, through hypothesis) and the long fuzz run
(``scripts/fuzz.py``, through ``random.Random(seed)``).

Every generator takes a ``random.Random`` and returns report text, so one
integer seed reproduces one input exactly: ``python scripts/fuzz.py --replay N``.
"""

from __future__ import annotations

import io
import json
import random
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository
EXAMPLES = ROOT / "examples"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
EXAMPLE = EXAMPLES / "beiliu-2025.txt"

# --- the alphabet of random text ------------------------------------------------------

#: Characters and fragments real reports are made of, and the ones that break parsers.
CJK = "一二三四五六七八九十百千万年月日件项部分情况总计公开申请政府信息本机关予以不处理结转收费元下载网站镇人民县市区的了和与及、，。；：！？“”‘’《》…—·"
DIGITS = "0123456789０１２３４５６７８９.-+%"
SEPARATORS = "|\t \u3000,，"
BRACKETS = "()（）[]【】{}<>〔〕"
CONTROL = "".join(chr(c) for c in range(0x20) if c not in (0x0A, 0x0D)) + "\x7f\x85"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202e\u2028\u2029"
NEWLINES = ("\n", "\r\n", "\r")
FRAGMENTS = (
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    "（一）", "(七) 总计", "第二十条第（一）项", "## ", "### ", "|---|---|", "| 1 | 2 |",
    "2025年", "2025年1月1日起至2025年12月31日止", "本机关2025年度未收取信息处理费", "本报告电子版可从（）下载",
    "北留镇人民政府2025年政府信息公开工作年度报告", "一、本年新收政府信息公开申请数量", "自然人", "总计",
    "http://www.example.gov.cn", "**", "- 2 -", "9" * 60,
)


def random_text(rng: random.Random, max_len: int = 400) -> str:
    """Text made of report characters, digits, separators, brackets, control
    and zero-width characters, and real headings and table fragments."""
    pools = (CJK, DIGITS, SEPARATORS, BRACKETS, CONTROL, ZERO_WIDTH)
    weights = (40, 20, 15, 6, 3, 3)
    out: list[str] = []
    length = rng.randrange(1, max_len)
    while sum(map(len, out)) < length:
        roll = rng.random()
        if roll < 0.08:
            out.append(rng.choice(NEWLINES))
        elif roll < 0.16:
            out.append(rng.choice(FRAGMENTS))
        elif roll < 0.18:
            out.append(chr(rng.randrange(0x20, 0x3000)))  # anything from the BMP below CJK
        else:
            pool = rng.choices(pools, weights)[0]
            out.append(rng.choice(pool))
    return "".join(out)


# --- seeds: the real reports ---------------------------------------------------------------


def seed_files() -> list[Path]:
    """The real reports the mutations start from (examples/, the shared corpus)."""
    files = sorted(EXAMPLES.glob("*.txt")) + sorted((EXAMPLES / "defects").glob("*.txt"))
    if CORPUS.is_dir():
        files += sorted(p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".md") and p.is_file() and p.name != "README.md")
    return files


_SEED_CACHE: dict[str, str] = {}


def seed_texts() -> dict[str, str]:
    """name → decoded text, read the way gklint reads them (undecodable ones skipped)."""
    if not _SEED_CACHE:
        from gklint.errors import GklintError
        from gklint.source import read_source

        for path in seed_files():
            try:
                source = read_source(str(path))
            except GklintError:
                continue
            name = str(path.relative_to(CORPUS.parent)) if CORPUS in path.parents else str(path.relative_to(ROOT))
            _SEED_CACHE[name] = "\n".join(source.lines) + "\n"
    return _SEED_CACHE


# --- mutations ------------------------------------------------------------------------------------


def _cells(line: str) -> tuple[str, list[str]] | None:
    for sep in ("\t", "|"):
        if line.count(sep) >= 2:
            return sep, line.split(sep)
    return None


def m_delete(lines: list[str], rng: random.Random) -> None:
    if lines:
        del lines[rng.randrange(len(lines))]


def m_duplicate(lines: list[str], rng: random.Random) -> None:
    if lines:
        i = rng.randrange(len(lines))
        lines.insert(rng.randrange(len(lines) + 1), lines[i])


def m_swap(lines: list[str], rng: random.Random) -> None:
    if len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]


def m_truncate(lines: list[str], rng: random.Random) -> None:
    """Cut a line mid-way, and sometimes everything after it (a truncated file)."""
    if lines:
        i = rng.randrange(len(lines))
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        if rng.random() < 0.3:
            del lines[i + 1 :]


def m_shift_cells(lines: list[str], rng: random.Random) -> None:
    """Swap two cells of a table row."""
    rows = [i for i, line in enumerate(lines) if _cells(line)]
    if rows:
        i = rng.choice(rows)
        sep, cells = _cells(lines[i])  # type: ignore[misc]
        a, b = rng.randrange(len(cells)), rng.randrange(len(cells))
        cells[a], cells[b] = cells[b], cells[a]
        lines[i] = sep.join(cells)


def m_digits(lines: list[str], rng: random.Random) -> None:
    """Change, insert or delete a digit somewhere (a number edited)."""
    places = [(i, m.start()) for i, line in enumerate(lines) for m in re.finditer(r"\d", line)]
    if not places:
        return
    i, at = rng.choice(places)
    line = lines[i]
    roll = rng.random()
    if roll < 0.5:
        new = rng.choice("0123456789")
        lines[i] = line[:at] + new + line[at + 1 :]
    elif roll < 0.75:
        lines[i] = line[:at] + rng.choice("0123456789") * rng.randrange(1, 40) + line[at:]
    elif roll < 0.9:
        lines[i] = line[:at] + line[at + 1 :]
    else:
        lines[i] = line[:at] + rng.choice(("-", ".5", "１", "e3", ",000", "万")) + line[at:]


def m_insert_chars(lines: list[str], rng: random.Random) -> None:
    """Insert control or zero-width characters (or a random fragment)."""
    if not lines:
        lines.append("")
    i = rng.randrange(len(lines))
    at = rng.randrange(len(lines[i]) + 1)
    pool = rng.choice((CONTROL, ZERO_WIDTH, SEPARATORS, BRACKETS))
    lines[i] = lines[i][:at] + "".join(rng.choice(pool) for _ in range(rng.randrange(1, 4))) + lines[i][at:]


def m_splice(lines: list[str], rng: random.Random) -> None:
    """Move a block of lines elsewhere (a part out of place, a report in a report)."""
    if len(lines) > 2:
        a = rng.randrange(len(lines))
        b = min(len(lines), a + rng.randrange(1, 30))
        block = lines[a:b]
        del lines[a:b]
        at = rng.randrange(len(lines) + 1)
        lines[at:at] = block if rng.random() < 0.7 else block * 2


MUTATIONS = (m_delete, m_duplicate, m_swap, m_truncate, m_shift_cells, m_digits, m_insert_chars, m_splice)


def mutate(text: str, rng: random.Random, count: int | None = None) -> str:
    lines = text.split("\n")
    for _ in range(rng.randrange(1, 6) if count is None else count):
        rng.choice(MUTATIONS)(lines, rng)
    newline = "\n" if rng.random() < 0.85 else rng.choice(("\r\n", "\r"))
    return newline.join(lines)


def case(seed: int) -> tuple[str, str]:
    """``(description, text)`` of fuzz input number ``seed`` — fully reproducible."""
    rng = random.Random(seed)
    seeds = seed_texts()
    roll = rng.random()
    if roll < 0.25 or not seeds:
        return "random-text", random_text(rng)
    name = rng.choice(sorted(seeds))
    if roll < 0.35:
        return f"digit-edit:{name}", mutate(seeds[name], rng, count=1) if rng.random() < 0.5 else _digit_only(seeds[name], rng)
    return f"mutation:{name}", mutate(seeds[name], rng)


def _digit_only(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    m_digits(lines, rng)
    return "\n".join(lines)


# --- table 三 of the example: one number in an identity changed ------------------------------

#: Row labels of table 三 that take part in an identity (GK201, GK202, GK203).
T3_ROW_PREFIXES = ("一、本年新收", "二、上年结转", "(七) 总计", "四、结转下年度")


def t3_number_cells(text: str) -> list[tuple[int, int]]:
    """(line index, cell index) of every number cell in the identity rows of
    table 三 and in its outcome rows (every line between 三 and 四 that holds
    tab-separated numbers)."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("### 三、"))
    end = next(i for i, line in enumerate(lines) if line.startswith("## 四、"))
    cells = []
    for i in range(start, end):
        parts = lines[i].split("\t")
        numbers = [j for j, cell in enumerate(parts) if re.fullmatch(r"\d+", cell.strip())]
        if len(numbers) >= 7:  # a data row: six applicant columns and the total
            cells += [(i, j) for j in numbers]
    return cells


def edit_cell(text: str, line: int, cell: int, value: str) -> str:
    lines = text.split("\n")
    parts = lines[line].split("\t")
    parts[cell] = value
    lines[line] = "\t".join(parts)
    return "\n".join(lines)


def changed_value(old: str, rng: random.Random) -> str:
    """A different number: another count, more digits, or a digit replaced."""
    value = int(old)
    roll = rng.random()
    if roll < 0.4:
        new = value + rng.randrange(1, 1000)
    elif roll < 0.6 and value > 0:
        new = rng.randrange(0, value)
    elif roll < 0.8:
        new = int(old + str(rng.randrange(10)))  # a digit typed twice / appended
        if new == value:
            new += 1
    else:
        digits = list(str(value))
        k = rng.randrange(len(digits))
        digits[k] = rng.choice([d for d in "0123456789" if d != digits[k]])
        new = int("".join(digits))
        if new == value:
            new += 1
    return str(new)


CAUGHT_BY = re.compile(r"^GK(20\d|113|112)$")


# --- the checks every input must pass ---------------------------------------------------------------


@dataclass
class Outcome:
    kind: str  # "findings" or "error"
    codes: tuple
    json_text: str
    sarif_text: str | None


def _run_for(result):
    from gklint.linter import RunResult

    return RunResult(files=[result], failures=list(result.failures))


def has_sarif() -> bool:
    return (ROOT / "src" / "gklint" / "outputs" / "sarif.py").exists()


def lint_once(linter, text: str, sarif: bool = True) -> Outcome:
    """Lint text; a GklintError is an allowed answer (one line in both languages).
    Any other exception propagates: that is a failure."""
    from gklint.errors import GklintError
    from gklint.linter import FileResult
    from gklint.outputs import write

    try:
        result = linter.lint_text(text)
        kind = "findings"
    except GklintError as error:
        for message in (error.zh, error.en):
            assert "\n" not in message and "\r" not in message, f"multi-line error message: {message!r}"
        assert error.exit_code == 2
        result = FileResult(path="<text>", error=error)
        kind = "error"
    codes = tuple(
        (f.code, f.line, f.location.column, f.location.cell, f.severity.value, f.message.zh, f.message.en, f.fingerprint)
        for f in result.findings
    )
    assert not result.failures, f"rule failures: {result.failures}"
    run = _run_for(result.compact())
    buffer = io.StringIO()
    write("json", run, buffer)
    json_text = buffer.getvalue()
    json.loads(json_text)
    sarif_text = None
    if sarif and has_sarif():
        buffer = io.StringIO()
        write("sarif", run, buffer)
        sarif_text = buffer.getvalue()
        json.loads(sarif_text)
    return Outcome(kind, codes, json_text, sarif_text)


def check(linter, text: str, sarif: bool = True, fresh_linter=None) -> Outcome:
    """The properties: no exception escapes, the answer is findings or a
    GklintError, and the same input gives the same output (findings, JSON and
    SARIF bytes) — again with the same linter, and with a fresh one if given."""
    first = lint_once(linter, text, sarif)
    second = lint_once(linter, text, sarif)
    assert first == second, "the same input gave different output"
    if fresh_linter is not None:
        assert lint_once(fresh_linter, text, sarif) == first, "a fresh Linter gave different output"
    return first


def check_t3_edit(linter, text: str, line: int, cell: int, value: str) -> tuple[str, ...]:
    """Edit one number of table 三; return the codes found.  The property:
    one of them is an identity (GK20x), GK205, or unreadable (GK112/GK113)."""
    codes = tuple(f.code for f in linter.lint_text(edit_cell(text, line, cell, value)).findings)
    assert any(CAUGHT_BY.match(code) for code in codes), (
        f"table 三 line {line + 1} cell {cell} changed to {value!r} passed silently: {codes}"
    )
    return codes


__all__ = [
    "CAUGHT_BY", "EXAMPLE", "MUTATIONS", "Outcome", "case", "changed_value", "check", "check_t3_edit", "edit_cell",
    "has_sarif", "lint_once", "mutate", "random_text", "seed_texts", "t3_number_cells", "Decimal",
]
