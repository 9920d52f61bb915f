"""GK121 fee-statement-missing: nothing is said about 信息处理费."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule


class FeeStatementMissing(Rule):
    code = "GK121"
    name = "fee-statement-missing"
    title_zh = "缺少信息处理费说明"
    title_en = "No statement on information-processing fees"
    severity = Severity.ERROR
    what = "检查报告是否说明本年度收取信息处理费的情况（即使是“未收取”）。"
    why = "《政府信息公开信息处理费管理办法》实施后，各地普遍要求在第六部分报告信息处理费收取情况；未说明会被视为内容不完整。注意它与第二部分表格中的“行政事业性收费”（单位万元）无关。"
    basis = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；实践（几乎所有报告在第六部分说明）"
    bad_example = "六、其他需要报告的事项\n本机关无其他需要报告的事项。"
    good_example = "六、其他需要报告的事项\n本机关2025年度未收取政府信息公开信息处理费。"
    # the 管理办法 (国办函〔2020〕109号) took effect on 1 January 2021
    years = (2021, None)

    def check(self, report):
        if report.fee is not None:
            return
        part = report.part(6)
        line, column, end_column = (part.line, part.column, part.end_column) if part else (report.last_line, 1, None)
        year = f"{report.year}年度" if report.year else "本年度"
        yield self.finding(
            report,
            f"未找到关于信息处理费的说明；请在第六部分写明本年度是否收取信息处理费（如“本机关{year}未收取信息处理费”）",
            "no statement on information-processing fees (信息处理费); state in part six whether any were charged this year",
            line=line,
            column=column,
            end_column=end_column,
            section="六",
            key="fee",
        )
