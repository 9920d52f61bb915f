"""The workbench's HTML pages: upload, a batch, one report, a rule.

Pages are rendered on the server from the store (:mod:`gklint.web.store`)
with Jinja2, autoescape on: report text reaches a page only as escaped text
(or as the HTML report's escaped marking, :mod:`gklint.web.views`).  The
little JavaScript in ``static/app.js`` uploads, polls a running batch,
filters findings and posts acceptances; every page also reads without it.
There is no inline script or style anywhere (the Content-Security-Policy
forbids both), and no asset from outside the package.

Chinese first; ``?lang=en`` switches to English and a cookie remembers it.
Every label of every page is in :data:`LABELS`, both languages side by side.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Route

from . import views

LANG_COOKIE = "gklint_lang"
TEMPLATES = Path(__file__).parent / "templates"
#: a rule code as the registry spells it (GK201, a plugin's ABC12)
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,31}$")
#: the batch view shows the matrix and the chart from this many reports on
MANY = 5
FORMATS = ("json", "csv", "sarif", "html", "docx")
BATCH_FORMATS = ("json", "csv", "sarif", "docx")

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "lang": "zh",
        "html_lang": "zh-CN",
        "app": "gklint 审核工作台",
        "tagline": "政府信息公开工作年度报告合规检查：把报告拖进来，即可看到每一处问题。",
        "other_lang": "English",
        "other_lang_code": "en",
        "home": "新的检查",
        "drop": "把报告拖到这里",
        "drop_hint": "支持 txt、md、docx、html、pdf，可多选，也可拖入文件夹或 zip 压缩包",
        "choose_files": "选择文件",
        "choose_folder": "选择文件夹",
        "paste": "或者直接粘贴报告全文",
        "paste_placeholder": "在此粘贴报告全文……",
        "options": "选项",
        "profile": "检查方案",
        "fail_on": "从哪一级起算不通过",
        "previous": "上一年度的报告（可选，用于对照，按机关和年度自动配对）",
        "check": "开始检查",
        "selected": "已选择 {n} 个文件",
        "nothing": "请先选择文件、拖入报告或粘贴文本。",
        "uploading": "正在上传……",
        "upload_failed": "上传失败：",
        "no_setup": "无需任何设置，直接开始即可。文件只在内存中检查，不会保存。",
        "batch": "检查结果",
        "progress": "已检查 {done} / {total} 个报告",
        "running": "正在检查，页面会自动更新。",
        "finished": "检查完成",
        "batch_failed": "检查失败：",
        "reports": "报告",
        "report": "报告",
        "file": "文件",
        "agency": "机关",
        "year": "年度",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "accepted_n": "已接受",
        "unknown": "未知",
        "unreadable": "无法读取",
        "total": "合计",
        "matrix": "机关 × 规则",
        "matrix_hint": "每个机关的报告中各条规则发现的问题数",
        "chart": "各规则发现的问题数",
        "chart_label": "各规则的问题数柱状图",
        "downloads": "下载",
        "download_batch": "下载全部结果",
        "baseline": "基线（已接受的问题）",
        "baseline_download": "下载基线文件",
        "baseline_upload": "上传基线文件",
        "baseline_hint": "基线文件与 gklint baseline 的格式相同；上传后，其中记录的问题在本批次中标为已接受。",
        "upload": "上传",
        "not_found": "找不到该页面",
        "not_found_batch": "找不到这个批次：服务器只在内存中保留最近的检查结果，可能已被清除。",
        "not_found_item": "找不到这个报告。",
        "not_found_rule": "没有这条规则。",
        "back_batch": "返回检查结果",
        "findings": "问题",
        "no_findings": "未发现问题",
        "filter_severity": "级别",
        "filter_code": "规则",
        "all_codes": "全部规则",
        "line": "第 {n} 行",
        "place": "位置",
        "expected": "应为",
        "actual": "实际",
        "in_table": "在表中查看",
        "accept": "接受",
        "accept_reason": "接受的理由",
        "accept_placeholder": "例如：已与业务科室核实",
        "accepted": "已接受",
        "accept_failed": "未能保存：",
        "need_reason": "请写明接受的理由。",
        "tables": "三张表格",
        "tables_hint": "按 gklint 读到的单元格绘制；标红的单元格属于不成立的勾稽关系。",
        "blank": "空白",
        "unread": "未读出",
        "inferred": "按位置推断",
        "table_absent": "报告中没有找到这张表。",
        "table_status_unreadable": "这张表无法读取。",
        "table_status_partial": "这张表只读出了一部分。",
        "table_status_outdated": "这张表使用的是已废止的格式。",
        "table_status_absent": "报告中没有找到这张表。",
        "item_col": "信息内容",
        "identities": "不成立的勾稽关系",
        "text": "报告原文",
        "rule": "规则",
        "rules": "规则一览",
        "rule_source": "规则说明由 gklint 的规则元数据生成。",
        "footer": "gklint 审核工作台 · 全部在本机运行，不连接互联网",
        "fmt_json": "JSON",
        "fmt_csv": "CSV",
        "fmt_sarif": "SARIF",
        "fmt_html": "HTML 报告",
        "fmt_docx": "Word 审核稿",
        "fmt_docx_batch": "Word 审核稿（zip）",
        "level_error": "错误",
        "level_warning": "警告及以上",
        "level_info": "提示及以上",
        "level_never": "从不",
        "default": "（默认）",
    },
    "en": {
        "lang": "en",
        "html_lang": "en",
        "app": "gklint reviewer's workbench",
        "tagline": "Compliance check of government information-disclosure annual reports: drop the reports in and see every problem.",
        "other_lang": "中文",
        "other_lang_code": "zh",
        "home": "New check",
        "drop": "Drop reports here",
        "drop_hint": "txt, md, docx, html or pdf — several at once, a folder or a zip of reports",
        "choose_files": "Choose files",
        "choose_folder": "Choose a folder",
        "paste": "or paste the text of a report",
        "paste_placeholder": "Paste the report's text here…",
        "options": "Options",
        "profile": "Profile",
        "fail_on": "Fail from",
        "previous": "Last year's reports (optional, paired by agency and year)",
        "check": "Check",
        "selected": "{n} file(s) selected",
        "nothing": "Choose files, drop reports or paste a text first.",
        "uploading": "Uploading…",
        "upload_failed": "Upload failed: ",
        "no_setup": "Nothing to set up. Files are checked in memory and not kept.",
        "batch": "Results",
        "progress": "{done} of {total} reports checked",
        "running": "Checking; this page updates itself.",
        "finished": "Done",
        "batch_failed": "The check failed: ",
        "reports": "Reports",
        "report": "Report",
        "file": "File",
        "agency": "Agency",
        "year": "Year",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "accepted_n": "accepted",
        "unknown": "unknown",
        "unreadable": "cannot be read",
        "total": "Total",
        "matrix": "Agencies × rules",
        "matrix_hint": "Findings of each rule in each agency's reports",
        "chart": "Findings per rule",
        "chart_label": "Bar chart of findings per rule",
        "downloads": "Download",
        "download_batch": "Download all results",
        "baseline": "Baseline (accepted findings)",
        "baseline_download": "Download the baseline",
        "baseline_upload": "Upload a baseline",
        "baseline_hint": "The same format as gklint baseline; the findings it records are marked accepted in this batch.",
        "upload": "Upload",
        "not_found": "Page not found",
        "not_found_batch": "No such batch: the server keeps only recent results in memory; it may have been dropped.",
        "not_found_item": "No such report.",
        "not_found_rule": "No such rule.",
        "back_batch": "Back to the results",
        "findings": "Findings",
        "no_findings": "No findings",
        "filter_severity": "Severity",
        "filter_code": "Rule",
        "all_codes": "All rules",
        "line": "line {n}",
        "place": "place",
        "expected": "expected",
        "actual": "actual",
        "in_table": "show in the table",
        "accept": "Accept",
        "accept_reason": "Reason for accepting",
        "accept_placeholder": "e.g. checked with the office concerned",
        "accepted": "Accepted",
        "accept_failed": "Not saved: ",
        "need_reason": "Please give a reason.",
        "tables": "The three tables",
        "tables_hint": "Drawn from the cells gklint read; cells in red belong to an identity that does not hold.",
        "blank": "blank",
        "unread": "not read",
        "inferred": "inferred from position",
        "table_absent": "The report has no such table.",
        "table_status_unreadable": "This table cannot be read.",
        "table_status_partial": "Only part of this table was read.",
        "table_status_outdated": "This table uses a format no longer in force.",
        "table_status_absent": "The report has no such table.",
        "item_col": "Item",
        "identities": "Identities that do not hold",
        "text": "Report text",
        "rule": "Rule",
        "rules": "Rules",
        "rule_source": "Generated from gklint's rule metadata.",
        "footer": "gklint reviewer's workbench · runs on this machine, no internet needed",
        "fmt_json": "JSON",
        "fmt_csv": "CSV",
        "fmt_sarif": "SARIF",
        "fmt_html": "HTML report",
        "fmt_docx": "Word review copy",
        "fmt_docx_batch": "Word review copies (zip)",
        "level_error": "error",
        "level_warning": "warning and above",
        "level_info": "info and above",
        "level_never": "never",
        "default": " (default)",
    },
}

_ENV: Environment | None = None


def environment() -> Environment:
    """The Jinja2 environment: the package's templates, autoescape always on."""
    global _ENV
    if _ENV is None:
        _ENV = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            autoescape=select_autoescape(enabled_extensions=("html",), default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        _ENV.filters["url"] = lambda value: quote(str(value), safe="")
        _ENV.globals["severities"] = views.SEVERITIES
    return _ENV


def language(request: Request) -> tuple[str, bool]:
    """(the page's language, whether ``?lang=`` chose it now)."""
    asked = request.query_params.get("lang")
    if asked in ("zh", "en"):
        return asked, True
    return ("en" if request.cookies.get(LANG_COOKIE) == "en" else "zh"), False


def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    lang, chosen = language(request)
    labels = LABELS[lang]
    body = environment().get_template(template).render(
        t=labels, lang=lang, path=request.url.path, other=labels["other_lang_code"], **context
    )
    response = HTMLResponse(body, status_code=status)
    if chosen:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="strict", httponly=True)
    response.headers["cache-control"] = "no-store"
    return response


def _store(request: Request):
    return request.app.state.store


def _not_found(request: Request, message_key: str) -> HTMLResponse:
    return render(request, "notfound.html", status=404, message_key=message_key)


# -- pages ------------------------------------------------------------------------------


async def upload_page(request: Request) -> HTMLResponse:
    registry = views._registry()
    config = getattr(request.app.state, "config", None)
    default = getattr(config, "profile", None) or "national"
    profiles = sorted(registry.packs)
    if default not in profiles:
        profiles.insert(0, default)
    fail_on = getattr(config, "fail_on", None)
    fail_on = getattr(fail_on, "value", fail_on) or "error"
    return render(request, "upload.html", profiles=profiles, default_profile=default, default_fail_on=str(fail_on))


async def batch_page(request: Request) -> HTMLResponse:
    batch = _store(request).get(request.path_params["batch"])
    if batch is None:
        return _not_found(request, "not_found_batch")
    lang, _ = language(request)
    labels = LABELS[lang]
    items = list(batch.items)
    many = batch.finished and len(items) >= MANY
    return render(
        request,
        "batch.html",
        batch=batch,
        items=items,
        matrix=views.matrix(items, labels["unknown"]) if many else None,
        chart=views.chart(items) if many else None,
        formats=BATCH_FORMATS,
    )


async def item_page(request: Request) -> HTMLResponse:
    batch = _store(request).get(request.path_params["batch"])
    if batch is None:
        return _not_found(request, "not_found_batch")
    item = batch.item(request.path_params["item"])
    if item is None:
        return _not_found(request, "not_found_item")
    lang, _ = language(request)
    labels = LABELS[lang]
    findings = list(item.findings)
    extract = item.extract or {}
    tables = views.tables_view(extract, labels) if extract.get("tables") else []
    broken = views.identities(findings, extract, lang) if tables else []
    views.mark_tables(tables, findings, broken)
    rows = views.text_rows(list(item.lines), findings, lang)
    shown_cells = {cell.key for table in tables for block in table.blocks for row in block.rows for cell in row.cells}
    codes = sorted({str(f.get("code", "")) for f in findings})
    return render(
        request,
        "item.html",
        batch=batch,
        item=item,
        findings=findings,
        accepted=dict(getattr(item, "accepted", {}) or {}),
        tables=tables,
        identities=broken,
        identity_of={identity.finding: identity for identity in broken},
        rows=rows,
        places=_places(item, len(rows)),
        line_count=len(rows),
        shown_cells=shown_cells,
        codes=codes,
        formats=FORMATS,
    )


def _places(item, count: int) -> list[str | None]:
    """The reviewer's place of each line (第3页第12行) for a PDF or Word
    report; None for each line of a plain text."""
    places = list(getattr(item, "place_of_line", None) or [])
    return (places + [None] * count)[:count]


async def rule_page(request: Request) -> HTMLResponse:
    code = request.path_params["code"]
    entry = views._registry().get(code) if _CODE.match(code) else None
    if entry is None:
        return _not_found(request, "not_found_rule")
    from ..docs import rule_markdown

    lang, _ = language(request)
    text = rule_markdown(entry.rule, plugin=entry.plugin, lang=lang)
    return render(request, "rule.html", code=entry.code, body=views.markdown_html(text))


async def rules_page(request: Request) -> HTMLResponse:
    lang, _ = language(request)
    entries = [
        (entry.code, entry.rule.severity.value, entry.rule.title_en if lang == "en" else entry.rule.title_zh)
        for entry in views._registry()
    ]
    return render(request, "rules.html", entries=entries)


async def batch_redirect(request: Request) -> RedirectResponse:
    """``/batches/{id}/`` and ``/batches/{id}/items`` lead to the batch page."""
    return RedirectResponse(f"/batches/{quote(request.path_params['batch'], safe='')}", status_code=307)


def routes() -> list[Route]:
    return [
        Route("/", upload_page, methods=["GET"]),
        Route("/batches/{batch}", batch_page, methods=["GET"]),
        Route("/batches/{batch}/items", batch_redirect, methods=["GET"]),
        Route("/batches/{batch}/items/{item}", item_page, methods=["GET"]),
        Route("/rules", rules_page, methods=["GET"]),
        Route("/rules/{code}", rule_page, methods=["GET"]),
    ]
