"""The workbench's JSON API and downloads (documented in docs/workbench.md).

``POST /api/lint`` answers what ``gklint --format json`` prints (schema v1)
for the files uploaded — the CMS integrator's endpoint.  Batches are what the
page uses: ``POST /api/batches`` starts one and answers its id at once, the
page polls ``GET /api/batches/{id}`` for progress, opens each report with
``GET /api/batches/{id}/items/{item}``, accepts findings and downloads.

Uploads are read to bytes inside the request (Starlette's multipart parser
spools a large file to a private temporary file, closed and deleted when the
request ends); a zip is opened in memory, refusing absolute or ``..`` member
names and bounding its members' count and size (a zip bomb is cut off at
the limit, not inflated).  No name or path the client sends is ever opened
on the server: names are only shown, and profiles are accepted by name only.
"""

from __future__ import annotations

import io
import re
import zipfile
from concurrent.futures.process import BrokenProcessPool
from pathlib import PurePosixPath
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import GklintError
from .app import too_large_message
from .jobs import PASTED_NAME, Upload

#: files one request may carry (a province's batch fits; a flood does not)
MAX_FILES = 2000
#: members a zip may hold (directories and skipped files count too)
MAX_ZIP_MEMBERS = 5000
FORMATS = ("json", "csv", "sarif", "html", "docx")
BATCH_FORMATS = ("json", "csv", "sarif", "html", "docx")
MEDIA = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "sarif": "application/sarif+json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
}
#: the reports a zip is searched for (what a folder search finds, plus .docx/.pdf/.html)
REPORT_SUFFIXES = (".txt", ".md", ".text", ".markdown", ".docx", ".doc", ".wps", ".pdf", ".html", ".htm", ".shtml")


class ApiError(HTTPException):
    """An answer with a status and a Chinese message (``{"error": …}``)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status_code=status, detail=message)


def is_api(path: str) -> bool:
    """Paths answered in JSON (the API and the downloads), not as pages."""
    return path.startswith("/api/") or "/download/" in path or path.endswith("/baseline")


async def api_error(request: Request, exc: HTTPException) -> Response:
    """Every error of the API as ``{"error": "…"}`` (a Chinese message)."""
    detail = exc.detail if isinstance(exc, ApiError) else _DEFAULT.get(exc.status_code, exc.detail)
    return JSONResponse({"error": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))


_DEFAULT = {404: "找不到这个地址", 405: "不支持这种请求方法"}


# -- reading uploads -----------------------------------------------------------


def safe_name(filename: str | None, fallback: str = "未命名.txt") -> str:
    """A client's file name as it may be shown: folders kept (a folder
    upload sends ``机关/2024.txt``), ``.``/``..``/empty parts and control
    characters dropped.  Only ever displayed, never opened."""
    text = re.sub(r"[\x00-\x1f\x7f]", "", (filename or "").replace("\\", "/"))
    parts = [part.strip() for part in text.split("/") if part.strip() not in ("", ".", "..")]
    name = "/".join(parts)[-200:]
    return name or fallback


def _zip_name(info: zipfile.ZipInfo) -> str:
    """A member's name; Chinese zips made on Windows store GBK names without
    the UTF-8 flag, which Python reads as cp437: read them back as GBK."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def unsafe_member(name: str) -> bool:
    """An absolute path, a drive, or a ``..`` part: refused (zip slip)."""
    text = name.replace("\\", "/")
    return text.startswith("/") or bool(re.match(r"^[A-Za-z]:", text)) or any(part == ".." for part in text.split("/"))


def expand_zip(name: str, data: bytes, max_file: int, budget: list[int]) -> list[Upload]:
    """The reports inside a zip, read in memory, bounded.

    ``budget`` is ``[bytes left for this request]``: inflated members count
    against the request limit, so a small zip cannot unpack to gigabytes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ApiError(400, f"{name}：不是有效的 zip 压缩包") from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ApiError(413, f"{name}：压缩包中有 {len(infos)} 个文件，最多 {MAX_ZIP_MEMBERS} 个")
    for info in infos:
        if unsafe_member(info.filename):
            raise ApiError(400, f"{name}：压缩包中有不安全的文件名“{safe_name(_zip_name(info))}”（绝对路径或 ..），已拒绝整个压缩包")
    uploads = []
    for info in infos:
        member = _zip_name(info)
        path = PurePosixPath(member.replace("\\", "/"))
        if info.is_dir() or any(part.startswith(".") or part == "__MACOSX" for part in path.parts):
            continue
        if path.suffix.lower() not in REPORT_SUFFIXES:
            continue  # only reports are read; anything else in the zip is left alone
        if info.flag_bits & 0x1:
            raise ApiError(400, f"{name}：{member} 已加密，无法读取")
        if info.file_size > max_file:
            raise ApiError(413, too_large_message(max_file, "文件") + f"（{name} 中的 {safe_name(member)}）")
        try:
            with archive.open(info) as stream:
                content = stream.read(min(max_file, budget[0]) + 1)
        # zipfile raises NotImplementedError for a compression method it lacks: the archive's fault, not a stub
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
            raise ApiError(400, f"{name}：无法解压 {safe_name(member)}（{exc}）") from None
        if len(content) > max_file:
            raise ApiError(413, too_large_message(max_file, "文件") + f"（{name} 中的 {safe_name(member)}）")
        budget[0] -= len(content)
        if budget[0] < 0:
            raise ApiError(413, f"{name}：解压后的内容超过每个请求的上限 {budget[1] // (1024 * 1024)} MB")
        uploads.append(Upload(safe_name(member), content))
    return uploads


async def read_form(request: Request):
    """The multipart form, within the limits (file count; field size)."""
    kind = request.headers.get("content-type", "")
    if not kind.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        raise ApiError(400, "请以 multipart/form-data 上传报告文件（字段 file）")
    try:
        return await request.form(max_files=MAX_FILES, max_fields=200, max_part_size=request.app.state.max_request)
    except HTTPException as exc:
        raise ApiError(400 if exc.status_code != 413 else 413, f"无法读取上传的内容：{exc.detail}") from None


async def read_uploads(request: Request, form, field: str = "file", text_field: str | None = None) -> list[Upload]:
    """The reports of one form field as bytes (zips expanded), each checked
    against the per-file limit; answered 413 in Chinese past a limit."""
    max_file = request.app.state.max_file
    budget = [request.app.state.max_request, request.app.state.max_request]
    uploads: list[Upload] = []
    for value in form.getlist(field):
        if not isinstance(value, UploadFile):
            continue
        name = safe_name(value.filename)
        if value.size is not None and value.size > max_file:
            raise ApiError(413, too_large_message(max_file, "文件") + f"（{name}）")
        data = await value.read(max_file + 1)
        if len(data) > max_file:
            raise ApiError(413, too_large_message(max_file, "文件") + f"（{name}）")
        if not data and not value.filename:
            continue  # an empty file input sends an empty part
        if name.lower().endswith(".zip") or (data[:4] == b"PK\x03\x04" and not _is_office(data)):
            uploads.extend(expand_zip(name, data, max_file, budget))
        else:
            uploads.append(Upload(name, data))
    if text_field:
        for text in form.getlist(text_field):
            if isinstance(text, str) and text.strip():
                data = text.encode("utf-8")
                if len(data) > max_file:
                    raise ApiError(413, too_large_message(max_file, "文件") + "（粘贴的文本）")
                uploads.append(Upload(PASTED_NAME, data))
    return uploads


def _is_office(data: bytes) -> bool:
    """A Word document is a zip too: it is a report, not an archive of them."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return True  # not a readable zip: let the readers say what it is
    return "[Content_Types].xml" in names


async def _options(request: Request, form) -> dict:
    """profile / fail_on / lang from the form or the query, checked."""
    from ..pack_sources import looks_like_path

    def get(key: str) -> str | None:
        value = form.get(key) if form is not None else None
        value = value if isinstance(value, str) else request.query_params.get(key)
        return value.strip() if value and value.strip() else None

    options = {"profile": get("profile"), "fail_on": get("fail_on") or get("fail-on"), "lang": get("lang")}
    if options["profile"] is not None and (looks_like_path(options["profile"]) or len(options["profile"]) > 64):
        raise ApiError(400, "配置方案应为名称（如 national、shanxi），不接受文件路径")
    if options["fail_on"] is not None and options["fail_on"] not in ("error", "warning", "info"):
        raise ApiError(400, "fail_on 应为 error、warning 或 info")
    if options["lang"] is not None and options["lang"] not in ("zh", "en"):
        raise ApiError(400, "lang 应为 zh 或 en")
    await parent_linter(request, options)  # an unknown profile is said now, once
    return options


def _config(request: Request, options: dict):
    config = request.app.state.runner.config_for(options)
    return config.with_options(lang=options.get("lang"))


async def parent_linter(request: Request, options: dict):
    """The server's own Linter for these options (rules, plugin failures),
    built once per configuration, in a thread (the event loop stays free)."""
    from ..linter import Linter

    config = _config(request, options)
    cache = request.app.state.__dict__.setdefault("linters", {})
    key = repr(config)
    if key not in cache:
        try:
            cache[key] = await run_in_threadpool(Linter, config)
        except GklintError as error:
            raise ApiError(400, error.message("zh")) from None
    return cache[key]


# -- /api/lint -----------------------------------------------------------------


async def lint(request: Request) -> Response:
    """The same JSON as ``gklint --format json`` for the uploaded files."""
    from ..linter import RunResult
    from ..outputs.json_report import run_dict

    form = await read_form(request)
    try:
        options = await _options(request, form)
        uploads = await read_uploads(request, form, "file", "text")
        previous = await read_uploads(request, form, "previous")
    finally:
        await form.close()  # spooled temporary files go now
    if not uploads:
        raise ApiError(400, "请上传至少一个报告文件（字段 file）")
    config = _config(request, options)
    linter = await parent_linter(request, options)
    try:
        linted = await request.app.state.runner.lint_now(config, uploads, previous)
    except BrokenProcessPool:
        raise ApiError(503, "检查进程意外退出（可能内存不足），请稍后重试") from None
    del uploads, previous
    run = RunResult(failures=list(linter.registry.failures), tracebacks=list(linter.registry.tracebacks))
    run.rules = _rules_ran(linter)
    for one in linted:
        run.files.append(one.result)
        run.failures.extend(one.result.failures)
    body = run_dict(run, config.lang)
    return JSONResponse(body, headers={"X-Gklint-Exit-Code": str(run.exit_code(config.fail_on))})


def _rules_ran(linter) -> list:
    ran = {type(rule).code: type(rule) for rule, _ in linter.rules}
    return [ran[code] for code in sorted(ran)]


# -- /api/rules ----------------------------------------------------------------


async def rules(request: Request) -> Response:
    """Every rule (``?profile=X``: those that run under X, at their severity)."""
    options = await _options(request, None)
    linter = await parent_linter(request, options)
    running = {type(rule).code: rule.effective_severity for rule, _ in linter.rules} if options["profile"] else None
    rows = []
    for entry in linter.registry:
        if running is not None and entry.code not in running:
            continue
        severity = running[entry.code] if running is not None else entry.rule.severity
        rows.append(
            {
                "code": entry.code,
                "name": entry.rule.name,
                "severity": severity.value,
                "title_zh": entry.rule.title_zh,
                "title_en": entry.rule.title_en,
                "plugin": entry.plugin,
                "profile": entry.profile or ",".join(entry.rule.scope_profiles()) or "*",
                "url": f"/rules/{entry.code}",
            }
        )
    return JSONResponse(rows)


async def profiles(request: Request) -> Response:
    """The profiles a check can choose (the page's select)."""
    linter = await parent_linter(request, {})
    names = sorted(linter.registry.packs)
    return JSONResponse({"default": request.app.state.config.profile, "profiles": names})


# -- batches -------------------------------------------------------------------


def _batch(request: Request):
    batch = request.app.state.store.get(request.path_params["batch"])
    if batch is None:
        raise ApiError(404, "找不到这批检查：链接有误，或已过期（服务器只保留最近的检查结果）")
    return batch


def _item(request: Request):
    batch = _batch(request)
    item = batch.item(request.path_params["item"])
    if item is None:
        raise ApiError(404, "找不到这份报告：链接有误，或已过期")
    return batch, item


async def create_batch(request: Request) -> Response:
    """Start checking the uploaded reports; answer the batch's id at once."""
    from ..baseline import parse_baseline

    form = await read_form(request)
    try:
        options = await _options(request, form)
        uploads = await read_uploads(request, form, "file", "text")
        previous = await read_uploads(request, form, "previous")
        baseline_files = await read_uploads(request, form, "baseline")
    finally:
        await form.close()
    if not uploads:
        raise ApiError(400, "没有可检查的报告：请选择 txt/md/docx/html/pdf 文件、文件夹或 zip，或粘贴报告全文")
    entries = {}
    for upload in baseline_files:
        entries.update(_parse_baseline_upload(upload, parse_baseline).entries)
    config = _config(request, options)
    store = request.app.state.store
    batch = store.new_batch(len(uploads), {"profile": config.profile, "fail_on": config.fail_on.value, "lang": config.lang})
    batch.config = config
    batch.baseline = entries
    request.app.state.runner.start_batch(batch, config, uploads, previous)
    return JSONResponse({"id": batch.id, "total": batch.total, "url": f"/batches/{batch.id}"}, status_code=202)


def _parse_baseline_upload(upload: Upload, parse):
    try:
        return parse(upload.data.decode("utf-8-sig"), upload.name)
    except UnicodeDecodeError:
        raise ApiError(400, f"{upload.name}：不是 gklint 基线文件（应为 UTF-8 编码的 JSON）") from None
    except GklintError as error:
        raise ApiError(400, error.message("zh")) from None


async def batch_status(request: Request) -> Response:
    return JSONResponse(_batch(request).progress())


async def item_detail(request: Request) -> Response:
    """One report: its findings (each with ``accepted``: the reason or null),
    the cells gklint read, and its lines with their places."""
    batch, item = _item(request)
    with request.app.state.store.lock:
        findings = [{**finding, "accepted": item.accepted.get(finding["fingerprint"])} for finding in item.findings]
        body = {
            **item.summary(),
            "batch": batch.id,
            "format": item.format,
            "encoding": item.encoding,
            "findings": findings,
            "extract": item.extract,
            "lines": item.lines,
            "places": item.place_of_line,
        }
    return JSONResponse(body)


async def accept(request: Request) -> Response:
    """Accept one finding with a reason (``"accept": false`` withdraws it)."""
    batch = _batch(request)
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "请求应为 JSON：{\"item\": …, \"fingerprint\": …, \"reason\": …}") from None
    if not isinstance(body, dict) or not isinstance(body.get("item"), str) or not isinstance(body.get("fingerprint"), str):
        raise ApiError(400, "请求应为 JSON：{\"item\": …, \"fingerprint\": …, \"reason\": …}")
    item = batch.item(body["item"])
    if item is None:
        raise ApiError(404, "找不到这份报告")
    fingerprint = body["fingerprint"]
    if not any(finding["fingerprint"] == fingerprint for finding in item.findings):
        raise ApiError(404, "这份报告中没有这个问题（指纹不符）")
    reason = body.get("reason")
    reason = reason.strip()[:500] if isinstance(reason, str) else ""
    with request.app.state.store.lock:
        if body.get("accept", True) is False:
            item.accepted.pop(fingerprint, None)
        else:
            item.accepted[fingerprint] = reason
        item.recount()
    return JSONResponse({"item": item.id, "fingerprint": fingerprint, "accepted": item.accepted.get(fingerprint), "counts": item.counts})


def batch_baseline(batch):
    """The accepted findings of a batch as a :class:`gklint.baseline.Baseline`."""
    from ..baseline import Baseline, Entry

    entries = {}
    for item in list(batch.items):
        for finding in item.findings:
            fingerprint = finding["fingerprint"]
            if fingerprint in item.accepted:
                entries[fingerprint] = Entry(
                    fingerprint, finding["code"], item.name, int(finding["line"] or 0), finding["message_zh"], item.accepted[fingerprint]
                )
    return Baseline(entries)


async def download_baseline(request: Request) -> Response:
    """The accepted findings in the ``gklint baseline`` file format."""
    from ..baseline import DEFAULT_BASELINE, baseline_text

    batch = _batch(request)
    with request.app.state.store.lock:
        text = baseline_text(batch_baseline(batch))
    return Response(text, media_type=MEDIA["json"], headers=_attachment(DEFAULT_BASELINE))


async def upload_baseline(request: Request) -> Response:
    """A baseline file uploaded: its entries mark the batch's findings accepted."""
    from ..baseline import parse_baseline

    batch = _batch(request)
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await read_form(request)
        try:
            files = await read_uploads(request, form, "file")
        finally:
            await form.close()
        if not files:
            raise ApiError(400, "请上传基线文件（字段 file）")
    else:
        files = [Upload("gklint-baseline.json", await request.body())]
    entries = {}
    for upload in files:
        entries.update(_parse_baseline_upload(upload, parse_baseline).entries)
    batch.baseline = {**getattr(batch, "baseline", {}), **entries}
    matched = apply_baseline(request.app.state.store, batch, entries)
    return JSONResponse({"entries": len(entries), "matched": matched, "unmatched": len(entries) - matched})


def apply_baseline(store, batch, entries: dict) -> int:
    """Mark accepted every finding of ``batch`` an entry names (by
    fingerprint, as ``gklint --baseline`` matches); return how many entries matched."""
    matched: set[str] = set()
    with store.lock:
        for item in batch.items:
            for finding in item.findings:
                entry = entries.get(finding["fingerprint"])
                if entry is not None:
                    item.accepted[finding["fingerprint"]] = entry.reason or item.accepted.get(finding["fingerprint"], "")
                    matched.add(finding["fingerprint"])
            item.recount()
    return len(matched)


# -- downloads -----------------------------------------------------------------


def _attachment(filename: str) -> dict:
    """Content-Disposition for a Chinese file name (ASCII fallback + RFC 5987)."""
    fallback = re.sub(r"[^A-Za-z0-9._-]", "_", filename) or "download"
    return {"Content-Disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"}


def _stem(name: str) -> str:
    base = PurePosixPath(name).name
    return PurePosixPath(base).stem or base or "report"


def _run_of(request: Request, batch, items) -> object:
    """A RunResult of ``items`` as ``gklint --baseline`` would give it: the
    accepted findings hidden and counted as suppressed."""
    from ..linter import RunResult

    linter = request.app.state.__dict__.get("linters", {}).get(repr(getattr(batch, "config", None)))
    run = RunResult(failures=list(linter.registry.failures) if linter else [])
    if linter is not None:
        run.rules = _rules_ran(linter)
    accepted_any = False
    for item in items:
        if item.result is None:
            continue
        result = item.result_without(item.accepted)
        run.suppressed += len(item.result.findings) - len(result.findings)
        accepted_any = accepted_any or bool(item.accepted)
        run.files.append(result)
    if accepted_any:
        from ..baseline import DEFAULT_BASELINE

        run.baseline_path = DEFAULT_BASELINE
    return run


def _written(fmt: str, run, lang: str) -> str:
    from ..outputs import write

    stream = io.StringIO()
    if fmt == "csv":
        write("csv", run, stream, lang=lang, bom=True)  # Excel opens UTF-8 CSV right only with a BOM
    else:
        write(fmt, run, stream, lang=lang)
    return stream.getvalue()


async def download_item(request: Request) -> Response:
    batch, item = _item(request)
    fmt = request.path_params["fmt"]
    if fmt not in FORMATS:
        raise ApiError(404, f"不支持的下载格式 {fmt}（可选：{'、'.join(FORMATS)}）")
    lang = _lang(request, batch)
    if fmt == "docx":
        data = await _review_copy(request, batch, item)
        from ..review.write import review_name

        return Response(data, media_type=MEDIA["docx"], headers=_attachment(review_name(PurePosixPath(item.name).name)))
    run = _run_of(request, batch, [item])
    text = await run_in_threadpool(_written, fmt, run, lang)
    return Response(text, media_type=MEDIA[fmt], headers=_attachment(f"{_stem(item.name)}.{fmt}"))


def _lang(request: Request, batch) -> str:
    lang = request.query_params.get("lang") or request.cookies.get("lang") or batch.options.get("lang") or "zh"
    return lang if lang in ("zh", "en") else "zh"


async def _review_copy(request: Request, batch, item) -> bytes:
    """The Word review copy, made on first request and kept with the item
    (made again when the accepted findings change: they are left out)."""
    if item.error is not None or item.result is None:
        raise ApiError(409, f"{item.name}：这份报告未能读取，没有审核意见副本")
    if item.format == "docx" and item.original_docx is None:
        raise ApiError(410, f"{item.name}：原 Word 文件已不在服务器内存中（只保留最近上传的），请重新上传后下载审核意见副本")
    key = tuple(sorted(item.accepted))
    if item.review_docx is not None and item.review_key == key:
        return item.review_docx
    config = getattr(batch, "config", None) or request.app.state.config
    try:
        data = await request.app.state.runner.review(config, item, config.author)
    except GklintError as error:
        raise ApiError(422, error.message("zh")) from None
    except Exception as exc:  # noqa: BLE001 - said in one line, never a traceback
        raise ApiError(500, f"{item.name}：无法生成审核意见副本（{type(exc).__name__}: {exc}）"[:300]) from None
    item.review_docx = data
    item.review_key = key
    return data


async def download_batch(request: Request) -> Response:
    batch = _batch(request)
    fmt = request.path_params["fmt"]
    if fmt not in BATCH_FORMATS:
        raise ApiError(404, f"不支持的下载格式 {fmt}（可选：{'、'.join(BATCH_FORMATS)}）")
    if not batch.finished:
        raise ApiError(409, f"这批报告仍在检查中（{batch.done}/{batch.total}），请稍候再下载")
    items = list(batch.items)
    if fmt == "docx":
        from ..review.write import review_name

        buffer = io.BytesIO()
        taken: set[str] = set()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for item in items:
                if item.error is not None:
                    continue
                name = review_name(PurePosixPath(item.name).name)
                number = 2
                while name in taken:
                    name = f"{_stem(item.name)}（{number}）-审核意见.docx"
                    number += 1
                taken.add(name)
                try:
                    archive.writestr(name, await _review_copy(request, batch, item))
                except ApiError as error:
                    archive.writestr(f"{name}.无法生成.txt", str(error.detail))
        return Response(buffer.getvalue(), media_type=MEDIA["zip"], headers=_attachment("审核意见副本.zip"))
    run = _run_of(request, batch, items)
    text = await run_in_threadpool(_written, fmt, run, _lang(request, batch))
    return Response(text, media_type=MEDIA[fmt], headers=_attachment(f"gklint-{batch.id}.{fmt}"))


def routes() -> list:
    return [
        Route("/api/lint", lint, methods=["POST"]),
        Route("/api/rules", rules, methods=["GET"]),
        Route("/api/profiles", profiles, methods=["GET"]),
        Route("/api/batches", create_batch, methods=["POST"]),
        Route("/api/batches/{batch}", batch_status, methods=["GET"]),
        Route("/api/batches/{batch}/items/{item}", item_detail, methods=["GET"]),
        Route("/api/batches/{batch}/accept", accept, methods=["POST"]),
        Route("/api/batches/{batch}/baseline", upload_baseline, methods=["POST"]),
        Route("/batches/{batch}/baseline", download_baseline, methods=["GET"]),
        Route("/batches/{batch}/items/{item}/download/{fmt}", download_item, methods=["GET"]),
        Route("/batches/{batch}/download/{fmt}", download_batch, methods=["GET"]),
    ]

