"""Tables the reader must refuse to fill: it says why, and never guesses.

* flattened text (a web page saved with its table cells run together:
  ``规章000行政规范性文件77132470``) — the cells cannot be told apart;
* a table whose numbers were lost (only its labels came through: an image,
  or a copy that dropped the cells);
* a part 三 with prose but no table at all — absent, not unreadable;
* table 二 in the 2019 trial format — outdated, its rows are not the 2021 ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.model import Report, build_report
from gklint.source import read_source
from gklint.tables import ABSENT, OUTDATED, READ, UNREADABLE

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

TITLE = "北留镇人民政府2025年政府信息公开工作年度报告"
PART1 = "2025年，北留镇人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。"
PART5 = "主要问题是信息公开的及时性有待提高，下一步将加强培训、完善制度。"
PART6 = "本机关2025年度未收取政府信息公开信息处理费。"

T2 = """第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t0\t0\t0
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t99
第二十条第（六）项
信息内容\t本年处理决定数量
行政处罚\t7
行政强制\t0
第二十条第（八）项
信息内容\t本年收费金额（单位：万元）
行政事业性收费\t0"""

T3_LABELS_ONLY = """（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况
自然人\t法人或其他组织\t总计
商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他
一、本年新收政府信息公开申请数量
二、上年结转政府信息公开申请数量
三、本年度办理结果\t（一）予以公开
（二）部分公开（区分处理的，只计这一情形，不计其他情形）
（三）不予公开\t1.属于国家秘密
2.其他法律行政法规禁止公开
3.危及“三安全一稳定”
4.保护第三方合法权益
5.属于三类内部事务信息
6.属于四类过程性信息
7.属于行政执法案卷
8.属于行政查询事项
（四）无法提供\t1.本机关不掌握相关政府信息
2.没有现成信息需要另行制作
3.补正后申请内容仍不明确
（五）不予处理\t1.信访举报投诉类申请
2.重复申请
3.要求提供公开出版物
4.无正当理由大量反复申请
5.要求行政机关确认或重新出具已获取信息
（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
3.其他
（七）总计
四、结转下年度继续办理"""

T4 = """行政复议\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉
""" + "\t".join(["0"] * 15)

T2_FLAT = (
    "第二十条第（一）项信息内容 本年制发件数 本年废止件数 现行有效件数规章000行政规范性文件5811190"
    "第二十条第（五）项信息内容 本年处理决定数量行政许可1834第二十条第（六）项信息内容 本年处理决定数量"
    "行政处罚902行政强制37第二十条第（八）项信息内容 本年收费金额（单位：万元）行政事业性收费310.5"
)
T3_FLAT = (
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计"
    "商业企业 科研机构 社会公益组织 法律服务机构 其他一、本年新收政府信息公开申请数量801000081"
    "二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开220000022"
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）191000020（三）不予公开1.属于国家秘密0000000"
)

T2_2019 = """第二十条第（一）项
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t0\t0\t0
规范性文件\t2\t2\t15
第二十条第（五）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t12\t0\t99
其他对外管理服务事项\t0\t0\t0"""


def build(tmp_path: Path, t2: str, t3: str, t4: str, *, name: str = "report.txt") -> Report:
    text = "\n".join([
        TITLE,
        "一、总体情况", PART1,
        "二、主动公开政府信息情况", t2,
        "三、收到和处理政府信息公开申请情况", t3,
        "四、政府信息公开行政复议、行政诉讼情况", t4,
        "五、存在的主要问题及改进情况", PART5,
        "六、其他需要报告的事项", PART6, "",
    ])
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return build_report(read_source(str(path)))


def test_flattened_tables_are_unreadable_for_want_of_separators(tmp_path: Path) -> None:
    report = build(tmp_path, T2_FLAT, T3_FLAT, "行政复议 行政诉讼结果维持 结果纠正其他结果 尚未审结总计000000000000000")
    for key in ("t2", "t3", "t4"):
        table = report.tables[key]
        assert table.status == UNREADABLE, key
        assert "分隔" in table.reason_zh, key
        assert table.cells == {}, key
    assert "规章000" in report.tables["t2"].reason_zh or "5811190" in report.tables["t2"].reason_zh


def test_a_table_with_only_labels_is_unreadable(tmp_path: Path) -> None:
    report = build(tmp_path, T2, T3_LABELS_ONLY, T4)
    table = report.tables["t3"]
    assert table.status == UNREADABLE
    assert table.cells == {}
    assert "没有读到任何数字" in table.reason_zh
    assert "分隔" not in table.reason_zh  # the numbers are missing, not run together
    # the labels were still recognised, so rules can point at them
    assert "new" in table.rows and "carried_forward" in table.rows
    # the other tables are unaffected
    assert report.tables["t2"].status == READ
    assert report.tables["t4"].status == READ


def test_a_part_three_without_a_table_is_absent(tmp_path: Path) -> None:
    prose = "2025年，本机关未收到政府信息公开申请，上年度无结转申请。"
    report = build(tmp_path, T2, prose, T4)
    table = report.tables["t3"]
    assert table.status == ABSENT
    assert table.cells == {}
    assert report.tables["t2"].status == READ


def test_a_missing_part_gives_no_table(tmp_path: Path) -> None:
    path = tmp_path / "no-part-three.txt"
    path.write_text("\n".join([TITLE, "一、总体情况", PART1, "二、主动公开政府信息情况", T2,
                               "五、存在的主要问题及改进情况", PART5, "六、其他需要报告的事项", PART6, ""]), encoding="utf-8")
    report = build_report(read_source(str(path)))
    assert report.tables["t3"] is None
    assert report.tables["t2"].status == READ


def test_a_2019_format_table_two_is_outdated(tmp_path: Path) -> None:
    report = build(tmp_path, T2_2019, T3_LABELS_ONLY, T4)
    table = report.tables["t2"]
    assert table.status == OUTDATED
    assert table.cells == {}
    assert "本年新制作数量" in table.markers
    assert "其他对外管理服务事项" in table.markers
    assert "2019" in table.reason_zh


def test_the_real_flattened_report_is_unreadable() -> None:
    path = CORPUS / "full" / "pingtan-2023.flat.txt"
    if not path.exists():
        pytest.skip("the shared corpus is not available")
    report = build_report(read_source(str(path)))
    for key in ("t2", "t3", "t4"):
        assert report.tables[key].status == UNREADABLE, key
        assert "分隔" in report.tables[key].reason_zh, key
