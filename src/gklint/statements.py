"""Sentences of a report, and the required statements found among them.

The statements are the ones the format and practice ask of every report
(spec §1): the 信息处理费 statement, where the electronic version can be
downloaded, the statistics period, and a contact.  Each is found by what it
says, wherever it stands, and keeps its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType

from .layout import TABLE_ROW, Block

_SENTENCE_END = re.compile(r"[。;!?]")
_VALUE_CELL = re.compile(r"^[0-9.,%/\-—]*$")


@dataclass(frozen=True)
class Sentence:
    text: str  # normalised
    line: int
    column: int  # 1-based, in the original line
    end_column: int
    #: for a sentence joined from lines a layout broke (PDF text): where each
    #: line's piece starts, as (offset in text, line, column)
    pieces: tuple[tuple[int, int, int], ...] = ()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original columns of ``text[start:end]`` (on the line ``start`` is on)."""
        _, column, end_column = self.locate(start, end)
        return column, end_column

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """``(line, column, end_column)`` of ``text[start:end]``; a stretch that
        runs onto the next line ends at the end of its first line."""
        if not self.pieces:
            return self.line, self.column + start, self.column + end
        offset, line, column = self.pieces[0]
        limit = len(self.text)
        for index, piece in enumerate(self.pieces):
            if piece[0] <= start:
                offset, line, column = piece
                limit = self.pieces[index + 1][0] if index + 1 < len(self.pieces) else len(self.text)
        return line, column + start - offset, column + min(end, limit) - offset


def sentences(blocks: list[Block]) -> list[Sentence]:
    """Every sentence, in order; a table cell counts as its own sentence."""
    result: list[Sentence] = []
    for block in blocks:
        if block.kind == TABLE_ROW and ("\t" in block.raw or "|" in block.raw):
            for cell in block.cells:
                if cell.text and not _VALUE_CELL.match(cell.text):  # a number is no sentence
                    result.extend(_split(cell.text, block.line, cell.column))
        elif block.text:
            result.extend(_split(block.text, block.line, block.column))
    return result


_ENDS_SENTENCE = tuple("。;!?:")


def joined_sentences(blocks: list[Block]) -> list[Sentence]:
    """Sentences of the prose, with lines a layout broke mid-sentence joined
    again (PDF text wraps every line: ``共收到政府`` / ``信息公开申请96件``).
    A paragraph line that does not end a sentence is joined to the next one
    when that is a plain paragraph line too; headings and tables never are."""
    result: list[Sentence] = []
    pending: list[Block] = []

    def flush() -> None:
        if not pending:
            return
        text, pieces = "", []
        for block in pending:
            pieces.append((len(text), block.line, block.column))
            text += block.text
        result.extend(_split_joined(text, tuple(pieces)))
        pending.clear()

    for block in blocks:
        if block.kind == TABLE_ROW or not block.text:
            flush()
            result.extend(sentences([block]))
            continue
        if block.kind != "text" and pending:
            flush()
        pending.append(block)
        # a numbered paragraph with run-in text ("（二）依申请公开方面。严格执行…")
        # may wrap too; a bare heading ("（一）主要问题") never continues
        continues = block.kind == "text" or (block.kind == "numbered" and ("。" in block.text or len(block.text) > 30))
        if not continues or block.text.endswith(_ENDS_SENTENCE):
            flush()
    flush()
    return result


def _split_joined(text: str, pieces: tuple[tuple[int, int, int], ...]) -> list[Sentence]:
    if len(pieces) == 1:
        return _split(text, pieces[0][1], pieces[0][2])
    result = []
    start = 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not bounds or bounds[-1] < len(text):
        bounds.append(len(text))
    for end in bounds:
        begin = start
        while begin < end and text[begin] == " ":
            begin += 1
        if begin < end:
            inner = _pieces_within(pieces, begin, end)
            _, line, column = inner[0]
            result.append(Sentence(text[begin:end], line, column, column + (end - begin), tuple(inner) if len(inner) > 1 else ()))
        start = end
    return result


def _pieces_within(pieces, begin: int, end: int) -> list[tuple[int, int, int]]:
    """The lines a stretch ``begin:end`` of joined text covers, as
    (offset within the stretch, line, column where it starts)."""
    inner = []
    for index, (offset, line, column) in enumerate(pieces):
        stop = pieces[index + 1][0] if index + 1 < len(pieces) else 10**12
        if stop <= begin or offset >= end:
            continue
        first = max(offset, begin)
        inner.append((first - begin, line, column + (first - offset)))
    return inner


def _split(text: str, line: int, column: int) -> list[Sentence]:
    pieces = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        pieces.append((start, match.end()))
        start = match.end()
    if start < len(text):
        pieces.append((start, len(text)))
    result = []
    for begin, end in pieces:
        while begin < end and text[begin] == " ":
            begin += 1
        if begin < end:
            result.append(Sentence(text[begin:end], line, column + begin, column + end))
    return result


@dataclass(frozen=True)
class Statement:
    """A required statement as found: its kind, the sentence, and what it says."""

    kind: str  # "fee", "download", "period", "contact"
    sentence: Sentence
    values: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))


# --- 信息处理费 ------------------------------------------------------------

_FEE = re.compile(r"处理费")
_BOOK_TITLE = re.compile(r"《[^《》]*》")
_NO_FEE_AT_ALL = re.compile(r"(?:未|没有|不|无)[^。;]{0,20}收取[^。;]{0,30}费用")


def find_fee(all_sentences: list[Sentence]) -> Statement | None:
    """The sentence that says what 信息处理费 was charged.  Citing the fee
    regulation (《政府信息公开信息处理费管理办法》) is not such a statement;
    "未收取任何费用" is."""
    for sentence in all_sentences:
        text = _BOOK_TITLE.sub("", sentence.text)
        if _FEE.search(text) or _NO_FEE_AT_ALL.search(text):
            return Statement("fee", sentence)
    return None


# --- where the electronic version can be downloaded -------------------------

_DOWNLOAD = re.compile(r"下载|(?:电子版|全文)[^。;]{0,80}?(?:查阅|获取|浏览|公布|发布|公开|刊登|登载)")
_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9./_\-?=&%#:]+|[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:gov\.cn|cn|com|net|org)\b")
_SITE_NAME = re.compile(
    r'"[^"]{2,40}"\s*(?:门户网站|政府网站|网站|官网|网|客户端|微信公众号|公众号|微信号|政务微信|小程序|APP|平台|专栏)'
    r"|[\u4e00-\u9fff]{2,30}(?:门户网站|政府网站|政府网|官网|官方网站|网站)"
)
_PLACEHOLDER = re.compile(r"\(\s*\)|\[\s*\]|\(\s*具体网址\s*\)|(?<![A-Za-z])(?:XX+|xx+)(?![A-Za-z])|××|某某|\*\*\*")


_MENTIONS_REPORT = re.compile(r"报告|电子版|全文|年报")


def find_download(all_sentences: list[Sentence]) -> Statement | None:
    """The download sentence, with the site or address it names (if any) and
    any template placeholder left in it.

    Page chrome (``文件下载`` ``资料下载``) is not a download sentence: the
    sentence must speak of the report; of several, the first that names a
    site or address wins.
    """
    candidates = []
    for sentence in all_sentences:
        text = sentence.text
        if _DOWNLOAD.search(text) and _MENTIONS_REPORT.search(text):
            url = _URL.search(text)
            site = _SITE_NAME.search(text)
            placeholder = _PLACEHOLDER.search(text)
            statement = Statement(
                "download",
                sentence,
                {
                    "url": url.group(0) if url else None,
                    "site": site.group(0) if site else None,
                    "placeholder": placeholder.group(0) if placeholder else None,
                    "placeholder_at": placeholder.span() if placeholder else None,
                },
            )
            if (url or site) and not placeholder:
                return statement
            candidates.append(statement)
    return candidates[0] if candidates else None


# --- statistics period ------------------------------------------------------

_PERIOD_KEY = re.compile(r"统计(?:期限|时限|期间|时间段|时间|区间|周期|范围|截止时间|口径)")
_PERIOD_RANGE = re.compile(r"自?\s*(?:19|20)\d{2}\s*年?\s*1\s*月\s*1\s*日.{0,6}?(?:至|到|—|-|~)")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?=\s*年|\s*[0-9]{1,2}\s*月|\s*[0-9]{1,4}\s*日)")


def find_period(all_sentences: list[Sentence]) -> Statement | None:
    """The statistics-period statement and the years it names."""
    for sentence in all_sentences:
        text = sentence.text
        key = _PERIOD_KEY.search(text)
        if key is None:
            continue
        tail_start = key.start()
        years = [(int(m.group(1)), m.start(1)) for m in _YEAR.finditer(text, tail_start)]
        if not years:
            continue
        return Statement("period", sentence, {"years": [y for y, _ in years], "offsets": [o for _, o in years]})
    for sentence in all_sentences:  # a bare range: "2023年1月1日——2023年12月31日"
        match = _PERIOD_RANGE.search(sentence.text)
        if match and ("统计" in sentence.text or "数据" in sentence.text):
            years = [(int(m.group(1)), m.start(1)) for m in _YEAR.finditer(sentence.text, match.start())]
            return Statement("period", sentence, {"years": [y for y, _ in years], "offsets": [o for _, o in years]})
    return None


# --- contact ----------------------------------------------------------------

_CONTACT = re.compile(r"联系|咨询")
_PHONE = re.compile(r"(?:电话|联系电话|邮编|地址|邮箱|E-?mail)", re.IGNORECASE)


def find_contact(all_sentences: list[Sentence]) -> Statement | None:
    for sentence in all_sentences:
        if _CONTACT.search(sentence.text) and _PHONE.search(sentence.text):
            return Statement("contact", sentence)
    return None
