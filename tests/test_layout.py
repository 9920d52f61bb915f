"""The Lark layout grammar: what each line is, and where its text sits.

Every block and every cell must point at the original line: slicing the
original with ``column``/``end_column`` gives (after normalisation) exactly
the block's or cell's text.
"""

from __future__ import annotations

import pytest

from gklint.layout import BOLD, LIST_ITEM, MD_HEADING, NUMBERED, TABLE_ROW, TEXT, Block, Marker, parse_layout
from gklint.normalize import normalize
from gklint.source import read_source, source_from_text


def blocks_of(text: str) -> list[Block]:
    return parse_layout(source_from_text(text, "t.txt"))


def one(line: str) -> Block:
    blocks = blocks_of(line)
    assert len(blocks) == 1, blocks
    assert blocks[0].line == 1
    return blocks[0]


def cells(block: Block) -> list[tuple[str, int, int]]:
    return [(cell.text, cell.column, cell.end_column) for cell in block.cells]


def original(source, line: int, column: int, end_column: int) -> str:
    return source.line(line)[column - 1 : end_column - 1]


# --- table rows ----------------------------------------------------------------


def test_tab_row_keeps_leading_empty_cells():
    block = one("\t\t自然人\t法人或其他组织")
    assert block.kind == TABLE_ROW
    assert cells(block) == [("", 1, 1), ("", 2, 2), ("自然人", 3, 6), ("法人或其他组织", 7, 14)]
    assert (block.column, block.end_column) == (3, 14)
    assert block.text == "自然人\t法人或其他组织"
    assert block.marker is None


def test_tab_row_with_one_leading_empty_cell_and_numbered_label():
    block = one("\t(二) 部分公开\t0\t0\t0")
    assert block.kind == TABLE_ROW
    assert cells(block) == [("", 1, 1), ("(二) 部分公开", 2, 10), ("0", 11, 12), ("0", 13, 14), ("0", 15, 16)]


def test_tab_row_cell_may_hold_single_and_double_spaces():
    block = one("结果 维持\t结果  纠正\t0")
    assert block.kind == TABLE_ROW
    assert [cell.text for cell in block.cells] == ["结果 维持", "结果  纠正", "0"]


def test_tab_row_with_trailing_empty_cell():
    block = one("(七) 总计\t3\t0\t3\t")
    assert block.kind == TABLE_ROW
    assert cells(block) == [("(七) 总计", 1, 7), ("3", 8, 9), ("0", 10, 11), ("3", 12, 13), ("", 14, 14)]


@pytest.mark.parametrize(
    "line, first_cell_end, numbers",
    [
        ("一、本年新收政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2", 17, ["", "2", "0", "0", "0", "0", "0", "2"]),
        ("一、本年新收政府信息公开申请数量  2  0  0  0  0  0  2", 17, ["2", "0", "0", "0", "0", "0", "2"]),
        ("二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1", 17, ["1", "0", "0", "0", "0", "0", "1"]),
        ("四、结转下年度继续办理  0  0  0  0  0  0  0", 12, ["0"] * 7),
    ],
    ids=["tabs", "spaces", "second-row-tabs", "fourth-row-spaces"],
)
def test_table_three_row_numbered_like_a_part_is_a_table_row(line, first_cell_end, numbers):
    block = one(line)
    assert block.kind == TABLE_ROW
    assert block.marker is None
    assert block.cells[0].column == 1
    assert block.cells[0].end_column == first_cell_end
    assert block.cells[0].text == line[: first_cell_end - 1]
    assert [cell.text for cell in block.cells[1:]] == numbers


def test_pipe_row_without_outer_pipes():
    block = one("规章 | 0 | 0 | 0")
    assert block.kind == TABLE_ROW
    assert cells(block) == [("规章", 1, 3), ("0", 6, 7), ("0", 10, 11), ("0", 14, 15)]
    assert (block.column, block.end_column) == (1, 15)


def test_pipe_row_with_outer_pipes_is_a_table_row_with_columns():
    block = one("| 规章 | 0 | 0 | 0 |")
    assert block.kind == TABLE_ROW
    assert (block.column, block.end_column) == (1, 19)
    texts = [cell for cell in cells(block) if cell[0]]
    assert texts == [("规章", 3, 5), ("0", 8, 9), ("0", 12, 13), ("0", 16, 17)]


def test_markdown_separator_row_is_a_table_row():
    assert one("|---|---|---|").kind == TABLE_ROW


def test_space_aligned_row():
    block = one("规章    0    0    0")
    assert block.kind == TABLE_ROW
    assert cells(block) == [("规章", 1, 3), ("0", 7, 8), ("0", 12, 13), ("0", 17, 18)]


def test_indented_space_aligned_row_drops_the_indentation_cell():
    block = one("  行政许可    99")
    assert block.kind == TABLE_ROW
    assert cells(block) == [("行政许可", 3, 7), ("99", 11, 13)]
    assert (block.column, block.end_column) == (3, 13)


def test_single_spaces_do_not_make_a_row():
    block = one("本机关 全年 收到 申请 2 件。")
    assert block.kind == TEXT
    assert block.cells == ()


# --- headings and numbered lines -------------------------------------------------


@pytest.mark.parametrize(
    "line, level, marker, text, column",
    [
        ("# 北留镇人民政府", 1, None, "北留镇人民政府", 3),
        ("## 一、总体情况", 2, Marker("一、", 1, 1), "总体情况", 6),
        ("### (一)主动公开政府信息情况", 3, Marker("(一)", 2, 1), "主动公开政府信息情况", 8),
        ("### （一）主动公开政府信息情况", 3, Marker("(一)", 2, 1), "主动公开政府信息情况", 8),
        ("#### 1. 平台建设", 4, Marker("1.", 3, 1), "平台建设", 9),
        ("#### 3、监督保障", 4, Marker("3、", 3, 3), "监督保障", 8),
        ("## 六、其他需要报告的事项", 2, Marker("六、", 1, 6), "其他需要报告的事项", 6),
        ("##三、收到和处理政府信息公开申请情况", 2, Marker("三、", 1, 3), "收到和处理政府信息公开申请情况", 5),
    ],
)
def test_markdown_headings(line, level, marker, text, column):
    block = one(line)
    assert block.kind == MD_HEADING
    assert block.heading_level == level
    assert block.marker == marker
    assert block.text == text
    assert block.column == column
    assert block.end_column == len(line) + 1
    assert normalize(line[block.column - 1 : block.end_column - 1]) == text


def test_seven_hashes_is_not_a_heading():
    assert one("####### 标题").kind == TEXT
    assert one("#").kind == TEXT


def test_bold_heading_line():
    line = "**六、其他需要报告的事项**"
    block = one(line)
    assert block.kind == BOLD
    assert block.marker == Marker("六、", 1, 6)
    assert block.text == "其他需要报告的事项"
    assert (block.column, block.end_column) == (5, 14)
    assert line[4:13] == "其他需要报告的事项"


def test_bold_inside_markdown_heading():
    line = "## **六、其他需要报告的事项**"
    block = one(line)
    assert block.kind == MD_HEADING
    assert block.heading_level == 2
    assert block.marker == Marker("六、", 1, 6)
    assert block.text == "其他需要报告的事项"
    assert (block.column, block.end_column) == (8, 17)
    assert line[block.column - 1 : block.end_column - 1] == "其他需要报告的事项"


def test_dash_typed_for_one():
    block = one("—、总体情况")
    assert block.kind == NUMBERED
    assert block.marker == Marker("—、", 1, 1)
    assert block.text == "总体情况"
    assert (block.column, block.end_column) == (3, 7)


@pytest.mark.parametrize(
    "line, marker, text, column",
    [
        ("一、总体情况", Marker("一、", 1, 1), "总体情况", 3),
        ("一.总体情况", Marker("一.", 1, 1), "总体情况", 3),
        ("一、 总体情况", Marker("一、", 1, 1), "总体情况", 4),
        ("五、存在的主要问题及改进情况", Marker("五、", 1, 5), "存在的主要问题及改进情况", 3),
        ("（二）依申请公开", Marker("(二)", 2, 2), "依申请公开", 4),
        ("（ 三 ）政府信息管理", Marker("( 三 )", 2, 3), "政府信息管理", 6),
        ("1.属于国家秘密", Marker("1.", 3, 1), "属于国家秘密", 3),
        ("12、其他", Marker("12、", 3, 12), "其他", 4),
        ("(1)主动公开", Marker("(1)", 4, 1), "主动公开", 4),
        ("十一、其他", Marker("十一、", 1, 11), "其他", 4),
        ("  二、主动公开政府信息情况", Marker("二、", 1, 2), "主动公开政府信息情况", 5),
    ],
)
def test_numbered_lines(line, marker, text, column):
    block = one(line)
    assert block.kind == NUMBERED
    assert block.marker == marker
    assert block.text == text
    assert block.column == column
    assert block.end_column == len(line) + 1
    assert normalize(line[block.column - 1 : block.end_column - 1]) == text


@pytest.mark.parametrize("line", ["2025年1月1日起", "1.5万元", "第二十条第（一）项", "100、其他"])
def test_lines_that_only_look_numbered_are_text(line):
    block = one(line)
    assert block.kind == TEXT
    assert block.marker is None
    assert (block.column, block.end_column) == (1, len(line) + 1)


def test_too_long_chinese_numeral_gives_no_marker():
    block = one("一二三、x")
    assert block.marker is None
    assert block.text == "一二三、x"
    assert (block.column, block.end_column) == (1, 6)


@pytest.mark.parametrize("line, text, column", [("- 总体情况", "总体情况", 3), ("* 主动公开", "主动公开", 3), ("  - 子项", "子项", 5), ("• 平台建设", "平台建设", 3)])
def test_list_items(line, text, column):
    block = one(line)
    assert block.kind == LIST_ITEM
    assert block.text == text
    assert block.column == column


def test_numbered_list_item_keeps_no_marker_parse_of_dash():
    block = one("- 一、总体情况")
    assert block.kind == LIST_ITEM
    assert block.marker == Marker("一、", 1, 1)
    assert block.text == "总体情况"
    assert block.column == 5


def test_text_line():
    block = one("我镇坚持把网络平台作为公开载体。")
    assert block.kind == TEXT
    assert block.text == "我镇坚持把网络平台作为公开载体。"
    assert block.raw == block.text
    assert block.is_heading_like


def test_table_row_is_not_heading_like():
    assert not one("规章\t0\t0\t0").is_heading_like


def test_numbered_with_bold_inside_strips_markup_from_text():
    block = one("一、**总体情况**")
    assert block.kind == NUMBERED
    assert block.text == "总体情况"


# --- lines and positions over a whole document --------------------------------------

DOCUMENT = [
    "# 北留镇人民政府",
    "",
    "## ２０２５年政府信息公开工作年度报告",
    "   ",
    "### 一、总体情况",
    "#### （一）主动公开政府信息情况",
    "我镇坚持把网络平台作为公开载体，主动公开“北留镇”信息６７条。",
    "**二、主动公开政府信息情况**",
    "第二十条第（一）项\t\t\t",
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    "规章\t０\t0\t0",
    "",
    "## **三、收到和处理政府信息公开申请情况**",
    "\t\t申请人情况\t\t\t总计",
    "一、本年新收政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2",
    "\t（二）部分公开\t0\t0\t0\t0\t0\t0\t0",
    "| 行政复议 | 0 | 0 |",
    "行政处罚    7",
    "—、其他需要报告的事项",
    "- 总体情况",
    "1. 本机关未收取信息处理费。",
    "本报告电子版可从北留镇人民政府门户网站（www.example.gov.cn）下载。",
]

EXPECTED_KINDS = {
    1: MD_HEADING,
    3: MD_HEADING,
    5: MD_HEADING,
    6: MD_HEADING,
    7: TEXT,
    8: BOLD,
    9: TEXT,
    10: TABLE_ROW,
    11: TABLE_ROW,
    13: MD_HEADING,
    14: TABLE_ROW,
    15: TABLE_ROW,
    16: TABLE_ROW,
    17: TABLE_ROW,
    18: TABLE_ROW,
    19: NUMBERED,
    20: LIST_ITEM,
    21: NUMBERED,
    22: TEXT,
}


def _check_positions(source, blocks):
    for block in blocks:
        line = source.line(block.line)
        assert block.raw == normalize(line)
        span = line[block.column - 1 : block.end_column - 1]
        if "**" not in block.raw:
            assert normalize(span).strip() == block.text, (block.line, span, block.text)
            assert normalize(span) == block.text  # the span is stripped already
        for cell in block.cells:
            assert normalize(line[cell.column - 1 : cell.end_column - 1]) == cell.text, (block.line, cell)


def test_every_line_gets_its_kind_and_number():
    blocks = blocks_of("\n".join(DOCUMENT))
    assert {block.line: block.kind for block in blocks} == EXPECTED_KINDS


def test_every_block_and_cell_points_at_the_original_text():
    source = source_from_text("\n".join(DOCUMENT))
    blocks = parse_layout(source)
    _check_positions(source, blocks)
    by_line = {block.line: block for block in blocks}
    # spot checks against what the author typed (full-width characters kept)
    assert original(source, 3, by_line[3].column, by_line[3].end_column) == "２０２５年政府信息公开工作年度报告"
    assert by_line[3].text == "2025年政府信息公开工作年度报告"
    assert original(source, 6, by_line[6].column, by_line[6].end_column) == "主动公开政府信息情况"
    assert by_line[6].marker == Marker("(一)", 2, 1)
    cell = by_line[11].cells[1]
    assert original(source, 11, cell.column, cell.end_column) == "０"
    assert cell.text == "0"
    cell = by_line[16].cells[1]
    assert original(source, 16, cell.column, cell.end_column) == "（二）部分公开"
    assert by_line[13].text == "收到和处理政府信息公开申请情况"
    assert original(source, 13, by_line[13].column, by_line[13].end_column) == "收到和处理政府信息公开申请情况"


def test_crlf_input_gives_the_same_blocks():
    lf = blocks_of("\n".join(DOCUMENT) + "\n")
    crlf = blocks_of("\r\n".join(DOCUMENT) + "\r\n")
    cr = blocks_of("\r".join(DOCUMENT) + "\r")
    assert crlf == lf
    assert cr == lf


def test_gb18030_crlf_file_through_read_source(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(("\r\n".join(DOCUMENT) + "\r\n").encode("gb18030"))
    source = read_source(str(path))
    assert source.encoding == "gb18030"
    blocks = parse_layout(source)
    assert {block.line: block.kind for block in blocks} == EXPECTED_KINDS
    _check_positions(source, blocks)
    by_line = {block.line: block for block in blocks}
    assert by_line[5].text == "总体情况"
    assert (by_line[5].column, by_line[5].end_column) == (7, 11)


def test_example_report_positions():
    source = read_source("examples/beiliu-2025.txt")
    blocks = parse_layout(source)
    _check_positions(source, blocks)
    by_line = {block.line: block for block in blocks}
    assert by_line[3].kind == MD_HEADING and by_line[3].text == "北留镇人民政府"
    assert by_line[7].kind == MD_HEADING and by_line[7].marker == Marker("一、", 1, 1)
    assert by_line[90].text == "存在的主要问题及改进措施"
    assert (by_line[90].column, by_line[90].end_column) == (6, 18)
    # no block for blank lines
    assert 1 not in by_line and 2 not in by_line and 4 not in by_line


def test_blank_lines_make_no_blocks_and_shift_nothing():
    blocks = blocks_of("\n\n  \n\t\n一、总体情况\n\n\n正文")
    assert [(block.line, block.kind) for block in blocks] == [(5, NUMBERED), (8, TEXT)]


def test_ten_thousand_lines_parse():
    lines = []
    for index in range(2500):
        lines += [f"## 一、总体情况{index}", f"规章\t{index}\t0\t0", f"本机关收到申请{index}件。", ""]
    blocks = blocks_of("\n".join(lines))
    assert len(lines) == 10_000
    assert len(blocks) == 7500
    assert blocks[-1].line == 9999
    assert blocks[-1].text == "本机关收到申请2499件。"
    assert blocks[-2].kind == TABLE_ROW and blocks[-2].cells[1].text == "2499"


# --- known crashes ---------------------------------------------------------------


@pytest.mark.parametrize("line", ["**注：**本报告数据截至2025年12月31日。", "**一、总体情况**：本机关全年收到申请2件。", "**注：** 本报告"])
def test_line_starting_with_bold_phrase(line):
    block = one(line)
    assert block.kind in (TEXT, BOLD)
    assert block.end_column == len(line) + 1


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u1680"], ids=["U+2028", "U+2029", "U+1680"])
def test_line_of_unusual_whitespace_is_blank(char):
    blocks = blocks_of(f"一、总体情况\n{char}\n正文")
    assert [(block.line, block.kind) for block in blocks] == [(1, NUMBERED), (3, TEXT)]
