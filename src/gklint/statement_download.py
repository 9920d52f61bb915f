"""The download statement: where this report's electronic version or full
text can be read.

It is modelled by what it must contain, in any order, within one sentence
(after lines a layout wrapped are joined again):

- a reference to **this report**: 本报告 / 本年度报告 / 本年报 / 本部门年度报告,
  报告电子版 / 报告全文, a bare 电子版 (not a 政府公报's), 全文公开, or a
  bare 报告 / 年度报告 / 年报 / 全文 that opens a clause (it is then the
  subject; not "全文包括…" / "报告由…组成", the list of the report's parts);
- a **channel**: an address, or a site word (网站 门户 网 官网 专栏 平台
  公众号 …);
- an **access**: 下载 查阅 查看 浏览 获取 访问 公布 公开 发布 登载 …, not
  the nouns 信息公开 / 发布时间.

The channel and the access must stand in the report's clause or the next two
(or the one before): a sentence whose 本报告 opens a list of the report's parts
and ends "通过网站发布信息3689篇" speaks of other things.  A clause that counts
items (``发布信息25条``) is never the access to the report; nor is a
publication formula with no channel (现公布《…年度报告》), nor page chrome
(附件下载, 发布时间), nor 对本报告有疑问 (the contact sentence).
"""

from __future__ import annotations

import re

from .statement_text import clause_index, clauses, mask_titles
from .statements import Sentence, Statement

_REPORT = re.compile(
    r"(?<![基根成资样版日文剧课账范书])(?:本|该|此)[\u4e00-\u9fff]{0,14}?(?:年度报告|年报|报告)(?!期)"
    r"|(?:年度报告|年报|报告)的?(?:电子版本?|电子档|电子文本|全文|内容)"
    r"|电子(?:版本?|档|文本)"
    r"|全文(?=\s*(?:公开|公布|发布|登载|刊登|刊载))"
    r"|(?:查阅|查看|下载|浏览|获取|阅览)(?:电子版)?全文"
)
#: a bare 报告 is this report only as the subject, opening a clause
_REPORT_OPENS = re.compile(r"(?:^|(?<=[,;:。]))\s*(?:年度报告|年报|报告|全文)(?!期|[由包共分])")
_ABOUT_REPORT = re.compile(r"^[^,;。]{0,4}有\s*(?:任何)?(?:疑问|意见|建议|问题)")
_URL = re.compile(r"(?:https?://\s*|www\.)[A-Za-z0-9./_\-?=&%#:~]+|[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:gov\.cn|cn|com|net|org)\b")
_CHANNEL = re.compile(
    r"网站|门户|官网|网页|网址|公众号|微信|微博|客户端|APP|App|小程序|平台|专栏|栏目|网上|互联网"
    r"|[\u4e00-\u9fff]网(?![格络点友红购店民])"
)
_ACCESS = re.compile(
    r"下载|查阅|查看|浏览|获取|获得|阅览|阅读|查询|查找|访问|登录|登陆|刊登|刊载|登载|发表"
    r"|(?<!信息)(?<!政务)(?<!主动)(?<!申请)(?:公开|公布|发布)"
    r"(?!时间|日期|机构|单位|部门|者|专栏|栏目|平台|网|指南|目录|工作|年报|情况|政府|信息|的政府|的信息)"
)
#: a clause that counts what was published is about those items
_COUNT = re.compile(r"[0-9]+\s*(?:条|件|篇|期|份)(?![0-9])")
_GAZETTE = re.compile(r"公报")
_NAMES_PLACE = re.compile(r"网址|https?://|www\.|\.gov\.cn|网站|门户")

_SITE = re.compile(
    r'"[^"]{2,40}"\s*(?:门户网站|政府网站|网站|官网|官方网站|门户网|政务网|网|客户端|微信公众号|公众号|微信号|政务微信|小程序|APP|平台)'
    r'|"[^"]{2,40}(?:网站|门户网|政务网|网|平台|公众号)"'
    r"|[\u4e00-\u9fff·]{2,30}(?:门户网站|政府网站|网站|官网|官方网站|门户网|政务网|信息网)"
    r"|[\u4e00-\u9fff·]{2,30}(?<![在从过到于上])网(?=\s*[(\"]|下载|查|上|获|浏|公|发|登|$)"
    # a government's portal bears its name: "从××县人民政府(网址…)"; an
    # agency's name before an address is not a site ("从××局(网址…)")
    r"|(?<=[从在过录陆于])[\u4e00-\u9fff·]{2,30}(?<![镇乡局会委办院所处室队厅部道心址])(?=\s*\(?\s*(?:网址|https?://|www\.))"
)
_SITE_LEAD = re.compile(r"^.*?(?:可以|可)?(?:通过|登录|登陆|从|在|于)(?=[\u4e00-\u9fff·\"]{2})")
_PLACEHOLDER = re.compile(
    r"\(\s*\)|\[\s*\]|\(\s*(?:具体网址|网址\s*:?)\s*\)|(?<![A-Za-z])(?:XX+|xx+)(?![A-Za-z])|××|某某|\*\*\*"
)
#: cheap test before the clause work: a sentence without any of these
#: cannot refer to the report
_MAYBE = re.compile(r"报告|年报|电子|全文")


def find_download(all_sentences: list[Sentence]) -> Statement | None:
    """The download sentence, cut to the clauses that make it, with the site
    or address it names (if any) and any template placeholder left in it.
    Of several, the first that names a site or address without a
    placeholder wins (a template line may stand above the filled-in one)."""
    candidates = []
    for sentence in all_sentences:
        if not _MAYBE.search(sentence.text) or not _ACCESS.search(sentence.text):
            continue  # no reference to a report, or no access at all
        span = _statement_span(sentence.text)
        if span is None:
            continue
        statement = _statement(sentence.slice(*span))
        values = statement.values
        if (values["url"] or values["site"]) and not values["placeholder"]:
            return statement
        candidates.append(statement)
    return candidates[0] if candidates else None


def _statement_span(raw: str) -> tuple[int, int] | None:
    """Where the statement stands in a sentence (its clauses), or None."""
    text = mask_titles(raw)
    spans = clauses(text)
    gazette = _GAZETTE.search(raw) is not None
    for start in _report_references(text, gazette):
        index = clause_index(spans, start)
        first, last = max(0, index - 1), min(len(spans) - 1, index + 2)
        found = _channel_and_access(text, spans, first, last, index)
        if found is not None:
            low, high = found
            high = max(index, high)
            # the address often follows in a clause of its own: "…下载,网址:http://…"
            while high < last and _NAMES_PLACE.search(text, *spans[high + 1]) and not _COUNT.search(text, *spans[high + 1]):
                high += 1
            begin = spans[min(index, low)][0]
            end = spans[high][1]
            while begin < end and text[begin] == " ":
                begin += 1
            return begin, end
    return None


def _report_references(text: str, gazette: bool) -> list[int]:
    starts = []
    for match in _REPORT.finditer(text):
        if match.group(0).startswith("电子") and gazette:
            continue  # the 电子版 of a 政府公报
        if _ABOUT_REPORT.match(text, match.end()):
            continue  # 如对本报告有疑问…
        starts.append(match.start())
    for match in _REPORT_OPENS.finditer(text):
        if not _ABOUT_REPORT.match(text, match.end()):
            starts.append(match.end() - 2)
    return sorted(set(starts))


def _channel_and_access(text: str, spans, first: int, last: int, index: int) -> tuple[int, int] | None:
    """Clause indexes of the channel and the access near the report's clause."""
    access = None
    download_only = False
    for number in range(index, last + 1):
        start, end = spans[number]
        clause = text[start:end]
        if _COUNT.search(clause):
            continue
        match = _ACCESS.search(clause)
        if match:
            access = number
            download_only = match.group(0) == "下载"
            break
    if access is None:
        return None
    for number in range(first, last + 1):
        start, end = spans[number]
        if _URL.search(text, start, end) or _CHANNEL.search(text, start, end):
            return min(access, number), max(access, number)
    if download_only:
        return access, access  # "本报告电子版可下载": the statement, without a site
    return None


def _statement(sentence: Sentence) -> Statement:
    text = sentence.text
    url = _URL.search(text)
    site = _SITE.search(text)
    placeholder = _PLACEHOLDER.search(text)
    site_name = None
    if site:
        site_name = site.group(0)
        trimmed = _SITE_LEAD.sub("", site_name)
        site_name = trimmed if len(trimmed) >= 2 else site_name
    return Statement(
        "download",
        sentence,
        {
            "url": url.group(0) if url else None,
            "site": site_name,
            "placeholder": placeholder.group(0) if placeholder else None,
            "placeholder_at": placeholder.span() if placeholder else None,
        },
    )
