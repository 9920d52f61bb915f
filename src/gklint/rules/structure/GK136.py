"""GK136 outline-numbering: part numbers out of sequence or missing, or
sub-item numbers that skip or repeat."""

from __future__ import annotations

import re

from ...finding import Location, Severity
from ...layout import BOLD, MD_HEADING, NUMBERED
from ...normalize import PART_NUMERALS
from ...rule import Rule

_SUB_ITEM_PARTS = (1, 5, 6)
_ZH = "一二三四五六七八九十"
#: "一)扎实做好…": a sub-item whose opening bracket was lost
#: unnumbered headings named in the message and listed as places, at most
_LISTED = 21
_HALF_MARKER = re.compile(r"^\s*([一二三四五六七八九十])\)")  # parts 二 三 四 are tables, whose rows are numbered too


class OutlineNumbering(Rule):
    code = "GK136"
    name = "outline-numbering"
    title_zh = "标题编号不连续或不一致"
    title_en = "Heading numbers out of sequence"
    severity = Severity.WARNING
    what = "检查六个部分的编号是否与其位置一致（一至六），是否有的部分有编号、有的没有；检查第一、五、六部分的（一）（二）（三）小标题是否跳号或重号。"
    why = "编号错乱会让读者误以为缺了内容，也常见于拼接不同年份的报告。"
    basis = "国办公开办函〔2021〕30号（报告结构）；实践"
    bad_example = "一、总体情况\n（一）主动公开\n（三）政府信息管理"
    good_example = "一、总体情况\n（一）主动公开\n（二）依申请公开\n（三）政府信息管理"

    def check(self, report):
        headings = [p for p in report.parts if not p.inline]
        wrong = [p for p in headings if p.marker_number is not None and p.marker_number != p.number]
        for part in wrong:
            written = PART_NUMERALS[part.marker_number - 1] if 1 <= part.marker_number <= 6 else str(part.marker_number)
            yield self.finding(
                report,
                f"第{part.numeral}部分“{report.format.part(part.number).standard}”的编号写成了“{written}、”；应为“{part.numeral}、”",
                f"part {part.numeral} is numbered {part.marker_number}",
                line=part.line,
                section=part.numeral,
                expected=part.numeral,
                actual=written,
                key=f"number:{part.number}",
            )
        numbered = [p for p in headings if p.marker_number is not None]
        bare = [p for p in headings if p.marker_number is None]
        if numbered and bare:
            # one finding for them all; on a pathological report (a heading
            # pasted thousands of times) it names and lists the first ones only
            shown = bare[:_LISTED]
            names = "、".join(f"第{p.numeral}部分（第 {p.line} 行）" for p in shown)
            if len(bare) > _LISTED:
                names += f"等 {len(bare):,} 处"
            yield self.finding(
                report,
                f"{names}的标题没有编号，而其他部分有；请统一写成“一、”至“六、”",
                "some part headings have no number while the others do",
                line=bare[0].line,
                section=bare[0].numeral,
                key="unnumbered:" + ",".join(str(p.number) for p in shown) + (",…" if len(bare) > _LISTED else ""),
                related=[Location(p.line) for p in shown[1:]],
            )
        yield from self._sub_items(report)

    def _sub_items(self, report):
        for number in _SUB_ITEM_PARTS:
            part = report.part(number)
            if part is None:
                continue
            expected = 1
            for block in part.content:
                half = _HALF_MARKER.match(block.raw) if block.marker is None else None
                if half:
                    number = _ZH.index(half.group(1)) + 1
                    yield self.finding(
                        report,
                        f"第{part.numeral}部分的小标题编号“{half.group(1)})”缺少左括号；应为“（{half.group(1)}）”",
                        f"part {part.numeral}: sub-item number “{half.group(1)})” lacks its opening bracket",
                        line=block.line,
                        section=part.numeral,
                        expected=f"（{half.group(1)}）",
                        actual=f"{half.group(1)})",
                        key=f"half:{number}",
                    )
                    expected = number + 1
                    continue
                marker = block.marker
                if marker is None or marker.level != 2 or block.kind not in (NUMBERED, MD_HEADING, BOLD):
                    continue
                if marker.number != expected:
                    problem = "重复" if marker.number < expected else "跳号"
                    yield self.finding(
                        report,
                        f"第{part.numeral}部分的小标题编号{problem}：此处为“{marker.raw}”，按顺序应为“（{_ZH[expected - 1] if expected <= 10 else expected}）”",
                        f"part {part.numeral}: sub-item numbered {marker.number}, expected {expected}",
                        line=block.line,
                        section=part.numeral,
                        expected=str(expected),
                        actual=str(marker.number),
                        key=f"sub:{number}:{marker.number}:{expected}",
                    )
                expected = marker.number + 1
