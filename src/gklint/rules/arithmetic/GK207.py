"""GK207 fee-unit: 元 written in the 万元 fee cell, or an implausible amount."""

from __future__ import annotations

from decimal import Decimal

from ...finding import Severity
from ...rule import Rule
from .._cells import fmt, readable

#: Above this many 万元 (1,000,000,000 元) a fee is taken to be written in 元.
IMPLAUSIBLE_WAN = Decimal(100000)


class FeeUnit(Rule):
    code = "GK207"
    name = "fee-unit"
    title_zh = "收费金额单位可疑"
    title_en = "The fee amount's unit looks wrong"
    severity = Severity.WARNING
    what = "检查表二第二十条第（八）项“行政事业性收费”：单位是万元，单元格中写了“元”，或金额大到不合常理（超过 10 亿元，即 100000 万元）时提示。"
    why = "把元当作万元填写会使金额放大一万倍，汇总数据随之失真。注意它与第六部分的信息处理费（单位元）无关。"
    basis = "国办公开办函〔2021〕30号表二（本年收费金额，单位：万元）；实践（金额上限）"
    bad_example = "行政事业性收费\t251000元"
    good_example = "行政事业性收费\t25.1"

    def check(self, report):
        table = report.tables.get("t2")
        if not readable(table):
            return
        cell = table.cells.get("t2.fees.amount")
        if cell is None or not cell.checkable:
            return
        if cell.unit == "元":
            zh = f"表二“行政事业性收费”的单位是万元，单元格却写作“{cell.raw}”；请换算为万元（{fmt(cell.value / 10000)}）并去掉“元”"
            en = f"the fee cell is in 万元 but reads “{cell.raw}”; convert it to 万元"
        elif cell.value is not None and cell.value > IMPLAUSIBLE_WAN:
            zh = f"表二“行政事业性收费”为 {fmt(cell.value)} 万元（即 {fmt(cell.value / 10000)} 亿元），金额异常；请核对是否把元当作万元填写"
            en = f"the fee is {fmt(cell.value)} 万元, implausibly large; check whether it was written in 元"
        else:
            return
        yield self.finding(
            report,
            zh,
            en,
            line=cell.line,
            column=cell.column,
            end_column=cell.end_column,
            cell=cell.key,
            actual=cell.raw,
            key="fee-unit",
        )
