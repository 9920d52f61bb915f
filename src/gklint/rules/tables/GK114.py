"""GK114 outdated-format: a 2021-or-later report uses the 2019 trial tables."""

from __future__ import annotations

from ...finding import Severity
from ...rule import Rule
from ...tables import OUTDATED


class OutdatedFormat(Rule):
    code = "GK114"
    name = "outdated-format"
    title_zh = "使用了已废止的 2019 年表格格式"
    title_en = "Uses the outdated 2019 table format"
    severity = Severity.ERROR
    what = "检查 2021 年度及以后的报告是否仍使用 2019 年试行格式的表二（如“本年新制作数量”“对外公开总数量”“第二十条第（九）项”“政府集中采购”）。2019、2020 年度的报告本应使用试行格式，不检查，其表格按试行格式读取和核对。"
    why = "自 2021 年度报告起，全国统一使用国办公开办函〔2021〕30号印发的格式；沿用旧表格说明报告套用了旧模板，数据口径也不同。"
    basis = "国办公开办函〔2021〕30号（替代国办公开办函〔2019〕60号）"
    bad_example = "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量"
    good_example = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"
    # 2019–2020 reports were due in the 2019 trial format: their tables are
    # right and are read with that format's template (rules/tables-2019.yaml)
    years = (2021, None)

    def check(self, report):
        table = report.tables.get("t2")
        if table is None or table.status != OUTDATED:
            return
        part = report.part(2)
        markers = "、".join(f"“{m}”" for m in table.markers)
        if report.year is not None:
            due = f"{report.year} 年度报告应使用国办公开办函〔2021〕30号规定的表格"
        else:  # the year is unknown: checked as a report of the format in force
            due = "未能确定报告年度，按现行格式核对：2021 年度及以后的报告应使用国办公开办函〔2021〕30号规定的表格"
        yield self.finding(
            report,
            f"表二使用了 2019 年试行格式（出现{markers}）；{due}",
            f"table two uses the 2019 trial format ({', '.join(table.markers)}); use the 2021 format",
            line=part.line if part else table.line,
            section="二",
            actual="、".join(table.markers),
            key="outdated:t2",
        )
