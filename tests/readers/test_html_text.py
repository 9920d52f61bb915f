"""The HTML reader's one-walk text index (gklint.readers.html_text) gives
every element the text the reader used to build for it with a walk of its
own — ``squash(" ".join(element.itertext()))`` — before and after elements
and comments are taken out of the page; and the pages it reads come out as
before: comments inside a heading, hidden chrome, merged and nested cells.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lxml import etree

from gklint.readers import HTML
from gklint.readers._common import squash
from gklint.readers.html import _PARTS, _hidden_or_chrome_role
from gklint.readers.html_text import PageTexts, remove

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def parse(page: str):
    return etree.fromstring(page, etree.HTMLParser())


def plain(element) -> str:
    """The text as the reader built it before the index (the reference)."""
    return squash(" ".join(element.itertext()))


def assert_every_text(root, texts: PageTexts) -> None:
    for element in root.iter():
        if isinstance(element.tag, str):
            assert texts.text(element) == plain(element), etree.tostring(element, encoding=str)[:200]
            assert texts.length(element) == len(plain(element))


# --- pages built here ------------------------------------------------------------------

WORDS = ["一、总体情况", "二、主动公开政府信息情况", "发布机构：某某局", "12", "3.5", "abc", "合计",
         " ", "\n  ", "\t", "\u3000", "\xa0", "\u200b", "\u2028", "a\u2028", "\u2029b", "\x85", "\u2003x", "很长的一段正文文字" * 4]
TAGS = ["div", "p", "span", "b", "td", "table", "tr", "li", "ul", "a", "font", "section"]


def random_page(seed: int) -> str:
    """A small page of nested elements, comments and odd spaces (the same for a seed)."""
    rnd = random.Random(seed)

    def text() -> str:
        return "".join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 3)))

    def node(depth: int) -> str:
        if depth > rnd.randint(1, 6):
            return text()
        tag = rnd.choice(TAGS)
        inner = [text()]
        for _ in range(rnd.randint(0, 4)):
            inner.append(f"<!--{text()}-->" if rnd.random() < 0.2 else node(depth + 1))
            inner.append(text())
        return f"<{tag}>{''.join(inner)}</{tag}>"

    return f"<html><body>{''.join(node(0) for _ in range(rnd.randint(1, 4)))}</body></html>"


@pytest.mark.parametrize("seed", range(40))
def test_every_element_has_the_text_of_its_own_walk(seed: int) -> None:
    root = parse(random_page(seed))
    assert_every_text(root, PageTexts(root))


@pytest.mark.parametrize("seed", range(40))
def test_texts_follow_the_elements_taken_out(seed: int) -> None:
    """Taking elements and comments out (tails joined to the text before
    them, in any order, nested ones too) leaves every element still in the
    page with the text a fresh walk gives it."""
    root = parse(random_page(seed))
    texts = PageTexts(root)
    nodes = [node for node in root.iter() if node is not root and node.getparent() is not root]
    rnd = random.Random(seed)
    for node in rnd.sample(nodes, k=len(nodes) // 3):
        texts.remove(node)
    assert_every_text(root, texts)


def test_a_comment_taken_out_joins_the_words_around_it() -> None:
    root = parse("<html><body><p>一、总体<!-- 注释 -->情况</p><p>二<!--x--></p></body></html>")
    texts = PageTexts(root)
    first = root.find(".//p")
    assert texts.text(first) == "一、总体 情况"  # two pieces while the comment is there
    for comment in root.xpath("//comment()"):
        texts.remove(comment)
    assert texts.text(first) == "一、总体情况" == plain(first)
    assert texts.length(root) == len(plain(root)) == len("一、总体情况 二")


def test_taking_out_keeps_the_tail_in_place() -> None:
    root = parse("<html><body><div>前<span>导航</span>后<b>粗</b>尾</div></body></html>")
    div = root.find(".//div")
    texts = PageTexts(root)
    texts.remove(div.find("span"))
    assert div.text == "前后"
    assert texts.text(div) == "前后 粗 尾"
    texts.remove(div.find("b"))
    assert texts.text(div) == "前后尾" == plain(div)


def test_odd_spaces_at_the_ends_are_stripped_as_squash_does() -> None:
    """U+2028 is no space squash collapses, but its final strip() takes it
    off the ends: in the middle it stays."""
    root = parse("<html><body><p>\u2028<b>一</b>\u2028</p><p>甲<i>\u2028</i>乙</p></body></html>")
    texts = PageTexts(root)
    first, second = root.findall(".//p")
    assert texts.text(first) == "一" and texts.length(first) == 1
    assert texts.text(second) == "甲 \u2028 乙" and texts.length(second) == 5


def test_heading_candidates_are_the_short_blocks_with_a_heading() -> None:
    page = ("<html><body><div><p>一、总体情况</p><p>正文" + "很长" * 30 + "</p>"
            "<div><span>四、行政复议、</span><span>行政诉讼情况</span></div>"
            "<p>不是标题</p></div></body></html>")
    root = parse(page)
    headings = PageTexts(root).headings()
    found = {plain(e) for e in headings}
    assert "一、总体情况" in found
    assert "四、行政复议、 行政诉讼情况" in found  # the heading words across two pieces
    assert "不是标题" not in found
    assert all(0 < len(plain(e)) <= 40 for e in headings)
    # every short element whose text names a part is a candidate
    for element in root.iter():
        text = plain(element)
        if 0 < len(text) <= 40 and any(p.search(text) for p in _PARTS):
            assert element in headings


def test_marked_elements_are_those_that_may_be_hidden() -> None:
    page = ('<html><body><div style="DISPLAY : None">a</div><div style="border:none">b</div>'
            '<div role="Navigation">c</div><div role="main">d</div><p hidden>e</p>'
            '<p aria-hidden="true">f</p><p aria-hidden="false">g</p><p style="visibility: hidden !important">h</p>'
            '<p style="mso-hide:all">i</p></body></html>')
    root = parse(page)
    texts = PageTexts(root)
    assert [plain(e) for e in texts.marked] == ["a", "c", "d", "e", "f", "g", "h"]
    assert [plain(e) for e in _hidden_or_chrome_role(texts.marked)] == ["a", "c", "e", "f", "h"]


def test_remove_outside_the_root_element() -> None:
    """A node after </html> (lxml keeps it beside the root) is taken out
    without touching the texts."""
    root = parse("<html><body><p>正文</p></body></html>")
    texts = PageTexts(root)
    stray = etree.SubElement(etree.Element("x"), "y")
    texts.remove(stray)  # not in the index: only taken out of its parent
    assert stray.getparent() is None
    assert texts.text(root) == "正文"
    remove(root)  # the root has no parent: nothing happens
    assert texts.text(root) == "正文"


# --- whole pages through the reader ------------------------------------------------------


def report_page(headings_split_by_comments: bool) -> bytes:
    split = "<!-- 栏目 -->" if headings_split_by_comments else ""
    article = "".join(
        f"<p>{h[:3]}{split}{h[3:]}</p><p>本部分的正文。</p>"
        for h in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "五、存在的主要问题及改进情况")
    )
    nav = "<div class=nav>" + "<a href=/>首页</a>" * 3 + "网站导航很多文字" * 20 + "</div>"
    return f"<html><head><title>某县2024年政府信息公开工作年度报告</title></head><body>{nav}<div class=article>{article}</div></body></html>".encode()


@pytest.mark.parametrize("split", [False, True])
def test_headings_split_by_a_comment_still_find_the_body(split: bool) -> None:
    source = HTML.read(report_page(split), "page.html")
    assert source.lines[:3] == ("某县2024年政府信息公开工作年度报告", "一、总体情况", "本部分的正文。")
    assert not any("网站导航" in line for line in source.lines)
    assert source.places[:3] == ("网页标题", "第1段", "第2段")


def test_merged_nested_and_broken_cells() -> None:
    page = """<html><body><div>
    <p>一、总体情况</p><p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p>
    <table>
      <tr><td rowspan="2">信息<br>内容</td><td colspan=2><p>本年</p><p>新收</p></td><td>x</td></tr>
      <tr><td>1</td><td colspan="abc">2</td><td> 3 <!-- c --> 4</td></tr>
      <tr><td><span>五</span>  <b>六</b></td><td></td><td>7</td></tr>
    </table>
    <table><tr><td><table><tr><td>内</td><td>层</td></tr></table></td></tr></table>
    </div></body></html>"""
    source = HTML.read(page.encode(), "page.html")
    rows = [line for line in source.lines if "\t" in line]
    assert rows == [
        "信息内容\t本年新收\tx\t",
        "\t1\t2\t3 4",
        "五 六\t\t7\t",
        "内\t层",
    ]
    assert [p for line, p in zip(source.lines, source.places) if "\t" in line] == ["表1第1行", "表1第2行", "表1第3行", "表2第1行"]


def test_gbk_page_with_a_meta_charset() -> None:
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
            "<body><p>一、总体情况</p><p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p>"
            "<table><tr><td>新收</td><td>12</td></tr></table></body></html>")
    source = HTML.read(page.encode("gb18030"), "page.html")
    assert source.encoding == "gb2312"
    assert source.lines == ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "新收\t12")


def test_empty_and_unreadable_pages_say_so() -> None:
    from gklint.errors import InputError

    with pytest.raises(InputError, match="没有任何文字内容"):
        HTML.read(b"<html><body><script>var a;</script></body></html>", "page.html")
    with pytest.raises(InputError, match="文件为空"):
        HTML.read(b"   ", "page.html")


# --- the corpus -------------------------------------------------------------------------------


def corpus_pages() -> list[Path]:
    return sorted(CORPUS.rglob("*.htm*")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("path", corpus_pages(), ids=lambda p: p.name)
def test_corpus_page_texts(path: Path) -> None:
    """On the real pages: every element's text, then again once the chrome
    and comments are taken out as the reader takes them out."""
    from gklint.readers.html import _drop_chrome, decode_page

    text, _ = decode_page(path.read_bytes(), str(path))
    root = parse(text)
    texts = PageTexts(root)
    assert_every_text(root, texts)
    _drop_chrome(root, texts)
    for comment in root.xpath("//comment()"):
        texts.remove(comment)
    assert_every_text(root, texts)
