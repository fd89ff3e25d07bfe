"""The web application: Starlette routes, Jinja2 pages, one upload per workspace (see docs/web.md).

Starlette gives the routing, forms (python-multipart), signed session cookies (itsdangerous) and static files;
Jinja2 the pages (autoescaped); htmx, vendored in `static/`, the progress that updates itself. What sedp does with
a file is the command line's own code, run in worker processes (`jobs.py`, `pool.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import re
import secrets
import shutil
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, ClassVar

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from sedp_core.i18n import catalog_languages, translation
from sedp_core.web import jobs
from sedp_core.web.pool import JobPool, WorkerCrashed
from sedp_core.web.settings import TEMPORARY_ROOTS, WebSettings
from sedp_core.web.words import WORDS
from sedp_core.web.workspace import Workspace, WorkspaceStore

__all__ = ["create_app"]

HERE = Path(__file__).parent
LANG_COOKIE = "sedp_lang"
_SAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)
_DOCUMENT_NAME = re.compile(r"[\w.\-]+")


class BodyTooLarge(Exception):
    """The request's body passed the upload limit while it was being read."""


class _BodyLimit:
    """ASGI middleware: a request body past `limit` bytes is stopped while it arrives (a missing or false
    Content-Length included), before the form parser keeps any of it."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received = 0

        async def limited() -> Any:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        await self.app(scope, limited, send)


class _SecurityHeaders:
    """Headers every page carries: no framing, no sniffing, nothing from other sites, and no Referer, so that a
    workspace's link (its only key) never leaves the page."""

    HEADERS: ClassVar[list[tuple[bytes, bytes]]] = [
               (b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
               (b"referrer-policy", b"no-referrer"),
               (b"content-security-policy", b"default-src 'self'; img-src 'self'; style-src 'self'; "
                                             b"script-src 'self'; frame-ancestors 'none'; form-action 'self'")]

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *self.HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


def _local(text: Any, language: str) -> str:
    """A plugin's text (title, description) in `language`, else English, else its first one."""
    if not text:
        return ""
    return text.get(language) or text.get("en") or next(iter(text.values()))


def _language_name(code: str) -> str:
    from babel import Locale

    return Locale.parse(code).get_display_name(code).capitalize()


class Pages:
    """Everything a page needs, shared by the routes (no per-user state: that lives in the workspaces)."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.store = WorkspaceStore(settings.workspace_root, settings.ttl_seconds)
        self.pool = JobPool(settings.workers)
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.pdf = settings.pdf if settings.pdf is not None else jobs.pdf_available()
        # why there are no pictures: LibreOffice missing, or PDF turned off by whoever runs the server
        self.pdf_turned_off = settings.pdf is False
        self.validate_job = jobs.validate_job
        self.render_job = jobs.render_job
        self._sweeper: asyncio.Task[None] | None = None

    # --- language -----------------------------------------------------------------------------------------
    def language(self, request: Request) -> str:
        known = catalog_languages()
        asked = request.query_params.get("lang", "")
        if asked in known:
            return asked
        cookie = request.cookies.get(LANG_COOKIE, "")
        if cookie in known:
            return cookie
        choices = []
        for part in request.headers.get("accept-language", "").split(","):
            code, _, q = part.strip().partition(";q=")
            try:
                weight = float(q) if q else 1.0
            except ValueError:
                continue
            choices.append((weight, code.split("-")[0].strip().lower()))
        for _, code in sorted(choices, key=lambda c: -c[0]):
            if code in known:
                return code
        return "en"

    def page(self, request: Request, template: str, language: str, status: int = 200, **values: Any) -> Response:
        t = translation(language)

        def w(key: str, **params: Any) -> str:
            text = t.gettext(WORDS[key])
            return text.format(**params) if params else text

        csrf = request.session.get("csrf")
        if not isinstance(csrf, str):
            csrf = request.session["csrf"] = secrets.token_urlsafe(32)
        response = self.templates.TemplateResponse(request, template, {
            "lang": language, "w": w, "csrf_token": csrf, "languages": [(c, _language_name(c))
                                                                          for c in catalog_languages()],
            "max_mb": self.settings.max_upload_bytes // (1024 * 1024), "local": _local,
            "minutes": max(1, self.settings.ttl_seconds // 60), **values}, status_code=status)
        if request.query_params.get("lang") == language:
            response.set_cookie(LANG_COOKIE, language, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
        return response

    def error(self, request: Request, status: int, title: str, message: str, token: str | None = None) -> Response:
        language = self.language(request)
        return self.page(request, "error.html", language, status, title=title, message=message, token=token,
                         status_code=status)

    def not_found(self, request: Request) -> Response:
        t = translation(self.language(request))
        minutes = max(1, self.settings.ttl_seconds // 60)
        return self.error(request, 404, t.gettext(WORDS["not_found"]),
                          t.gettext(WORDS["not_found_text"]).format(minutes=minutes))

    # --- background sweep ----------------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        self._sweeper = asyncio.create_task(self._sweep_forever())
        try:
            yield
        finally:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
            await asyncio.to_thread(self.pool.close)
            if self.settings.delete_at_shutdown:
                self.store.delete_all()
                if self.store.root in TEMPORARY_ROOTS:  # this server's own folder: its session key goes too
                    shutil.rmtree(self.store.root, ignore_errors=True)

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(self.settings.sweep_seconds)
            await asyncio.to_thread(self.store.sweep)

    # --- forms ---------------------------------------------------------------------------------------------
    async def form(self, request: Request) -> Any:
        """The POSTed form, within the limits: one file, a few fields, nothing past the size limit kept."""
        return await request.form(max_files=1, max_fields=8, max_part_size=64 * 1024)

    def csrf_ok(self, request: Request, form: Any) -> bool:
        sent, kept = form.get("csrf_token"), request.session.get("csrf")
        return isinstance(sent, str) and isinstance(kept, str) and secrets.compare_digest(sent, kept)


def _upload_name(raw: str) -> str | None:
    """The upload's name to show, or None when it is path-like (a browser sends only the file's own name)."""
    if not raw or raw != PurePosixPath(raw).name or raw != PureWindowsPath(raw).name or raw in {".", ".."}:
        return None
    return _SAFE_NAME.sub("_", raw)[:120] or None


def _stored_suffix(head: bytes) -> str:
    """Which reader the upload is for, by its content (the input stage's readers and the workbook reader decide
    the rest): a zip package is a workbook (the reader tells .xlsx from .ods and refuses any other zip), text that
    starts with { or [ is JSON, anything else is given to the YAML reader, which refuses binary files."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        from sedp_core.errors import InputError
        from sedp_core.exchange.workbook_formats import package_kind

        with contextlib.suppress(InputError, zipfile.BadZipFile, OSError, ValueError), \
                zipfile.ZipFile(io.BytesIO(head)) as archive:
            return "." + package_kind(archive, Path("upload"))
        return ".xlsx"  # the workbook reader says what is wrong with it
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ".xls"  # old Excel: the loader's advice says how to save it as .xlsx
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return ".json" if text[:1] in (b"{", b"[") else ".yaml"


def create_app(settings: WebSettings | None = None) -> Starlette:
    """The application; `uvicorn --factory sedp_core.web:create_app` runs it with settings from SEDP_WEB_*."""
    settings = settings or WebSettings()
    pages = Pages(settings)

    def see_other(request: Request, url: str) -> Response:
        """303 to `url`, keeping a ?lang= the request had (the page then speaks it and remembers it)."""
        lang = request.query_params.get("lang")
        return RedirectResponse(f"{url}?lang={lang}" if lang in catalog_languages() else url, status_code=303)

    def workspace(request: Request) -> Workspace | None:
        return pages.store.find(request.path_params["token"])

    async def home(request: Request) -> Response:
        from sedp_core.registry.collect import get_registry

        language = pages.language(request)
        methodologies = sorted(get_registry().methodologies.values(), key=lambda m: (m.id, m.version))
        methodologies = [m for m in methodologies if m.default] or methodologies
        chosen = request.query_params.get("methodology")
        # the one asked for first; else one whose documents are in the page's language, never one the
        # officer cannot read just because its id sorts first
        methodologies.sort(key=lambda m: (m.id != chosen, language not in m.languages))
        return pages.page(request, "home.html", language, methodologies=methodologies,
                          chosen=methodologies[0].id if methodologies else None)

    async def healthz(_request: Request) -> Response:
        return PlainTextResponse("ok")

    def methodology_or_none(request: Request) -> Any:
        from sedp_core.errors import SedpError
        from sedp_core.registry.collect import get_registry

        try:
            return get_registry().methodology(request.path_params["methodology"], None)
        except SedpError:
            return None

    def download(data: bytes, name: str, media: str) -> Response:
        return Response(data, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'})

    async def workbook(request: Request) -> Response:
        m = methodology_or_none(request)
        if m is None:
            return pages.not_found(request)
        language = pages.language(request)
        language = language if language in m.languages else m.languages[0]
        data = await pages.pool.run(_workbook_bytes, m.id, m.version, language)
        return download(data, f"{m.id}_{language}.xlsx", XLSX)

    async def sample(request: Request) -> Response:
        m = methodology_or_none(request)
        if m is None or m.sample is None or not Path(m.sample).is_file():
            return pages.not_found(request)
        return download(Path(m.sample).read_bytes(), f"{m.id}_sample.yaml", "application/yaml; charset=utf-8")

    async def survey(request: Request) -> Response:
        m = methodology_or_none(request)
        if m is None or not m.surveys:
            return pages.not_found(request)
        language = pages.language(request)
        languages = [language] if language in m.languages else None
        data = await pages.pool.run(_survey_bytes, m.id, m.version, languages)
        return download(data, f"{m.id}_survey.xlsx", XLSX)

    async def upload(request: Request) -> Response:
        return await receive_upload(request, None)

    async def upload_again(request: Request) -> Response:
        ws = workspace(request)
        if ws is None:
            return pages.not_found(request)
        return await receive_upload(request, ws)

    async def receive_upload(request: Request, previous: Workspace | None) -> Response:
        """Read the upload within the limits, check it in a worker, and keep it only when it could be read:
        a file that cannot be used leaves nothing on disk."""
        language = pages.language(request)
        t = translation(language)
        token = previous.token if previous else None

        def refused(status: int, message: str) -> Response:
            return pages.error(request, status, t.gettext(WORDS["upload_failed"]), message, token)

        try:
            declared = int(request.headers.get("content-length", "0"))
        except ValueError:
            declared = 0
        try:
            if declared > pages.settings.max_upload_bytes + 256 * 1024:
                raise BodyTooLarge  # said before it is sent: refused without reading it
            form = await pages.form(request)
        except BodyTooLarge:
            return refused(413, t.gettext(WORDS["too_large"]).format(size=pages.settings.max_upload_bytes
                                                                     // (1024 * 1024)))
        except MultiPartException:
            return refused(400, t.gettext(WORDS["bad_form"]))
        try:
            if not pages.csrf_ok(request, form):
                return pages.error(request, 403, t.gettext(WORDS["forbidden"]), t.gettext(WORDS["forbidden_text"]))
            file = form.get("file")
            if not isinstance(file, UploadFile) or not file.filename:
                return refused(400, t.gettext(WORDS["no_file"]))
            name = _upload_name(file.filename)
            if name is None:
                return refused(400, t.gettext(WORDS["path_name"]).format(name=_SAFE_NAME.sub("_", file.filename)))
            data = await file.read(pages.settings.max_upload_bytes + 1)
        finally:
            await form.close()
        if len(data) > pages.settings.max_upload_bytes:
            return refused(413, t.gettext(WORDS["too_large"]).format(size=pages.settings.max_upload_bytes
                                                                     // (1024 * 1024)))
        if not data:
            return refused(400, t.gettext(WORDS["empty_file"]))
        suffix = Path(name).suffix.lower()
        known = (".xlsx", ".xlsm", ".ods", ".yaml", ".yml", ".json")
        if suffix not in known:
            from sedp_core.input.formats import format_error

            return refused(400, format_error(Path(name), known).in_language(language))
        ws = pages.store.create()
        stored = "program" + _stored_suffix(data)
        try:
            (ws.folder / stored).write_bytes(data)
            result = await pages.pool.run(pages.validate_job, str(ws.folder), stored)
        except WorkerCrashed:
            pages.store.delete(ws.folder)
            return refused(500, t.gettext(WORDS["crashed"]))
        except BaseException:
            pages.store.delete(ws.folder)
            raise
        if "error" in result:
            pages.store.delete(ws.folder)
            return refused(400, result["error"]["messages"].get(language) or result["error"]["messages"]["en"])
        if previous is not None and previous.folder.is_dir():
            # The corrected file replaces the old one in the same workspace (its link stays the same); what was
            # made from the old file goes.
            for made in ("render.json", "progress.json", "all.zip"):
                (previous.folder / made).unlink(missing_ok=True)
            for folder in (previous.documents, previous.previews):
                pages.store.delete(folder)
            old = previous.program_file()
            (ws.folder / stored).replace(previous.folder / stored)
            if old is not None and old.name != stored:
                old.unlink(missing_ok=True)
            pages.store.delete(ws.folder)
            ws = previous
        ws.write_json("report.json", result["report"])
        ws.write_json("upload.json", {"name": name, "stored": stored})
        return see_other(request, f"/w/{ws.token}/")

    async def report(request: Request) -> Response:
        ws = workspace(request)
        if ws is None:
            return pages.not_found(request)
        language = pages.language(request)
        data = ws.read_json("report.json") or {"findings": [], "valid": False}
        meta = ws.read_json("upload.json") or {}
        groups = _groups(data["findings"], language)
        errors = sum(1 for f in data["findings"] if f["severity"] == "error")
        return pages.page(request, "report.html", language, token=ws.token, name=meta.get("name", ""),
                          groups=groups, errors=errors, warnings=len(data["findings"]) - errors,
                          methodology=_methodology_title(data, language))

    async def render(request: Request) -> Response:
        ws = workspace(request)
        if ws is None:
            return pages.not_found(request)
        t = translation(pages.language(request))
        form = await pages.form(request)
        await form.close()
        if not pages.csrf_ok(request, form):
            return pages.error(request, 403, t.gettext(WORDS["forbidden"]), t.gettext(WORDS["forbidden_text"]))
        data = ws.read_json("report.json") or {}
        meta = ws.read_json("upload.json") or {}
        if not data.get("valid") or not isinstance(meta.get("stored"), str):
            return see_other(request, f"/w/{ws.token}/")
        state = ws.read_json("render.json") or {}
        if state.get("state") not in ("running", "done"):
            ws.write_json("render.json", {"state": "running"})
            asyncio.get_running_loop().create_task(run_render(ws, meta["stored"]))
        return see_other(request, f"/w/{ws.token}/documents")

    async def run_render(ws: Workspace, stored: str) -> None:
        try:
            result = await pages.pool.run(pages.render_job, str(ws.folder), stored, pages.pdf)
        except WorkerCrashed:
            result = {"error": {"code": "web.crashed", "messages": {}}}
        except Exception:
            result = {"error": {"code": "web.failed", "messages": {}}}
        if not ws.folder.is_dir():
            return  # deleted meanwhile (expired, or a corrected file replaced it)
        if "error" in result:
            ws.write_json("render.json", {"state": "failed", "error": result["error"]})
        else:
            ws.write_json("render.json", {"state": "done", "documents": result["documents"],
                                          "failures": result.get("failures", [])})

    def render_state(ws: Workspace) -> dict[str, Any]:
        return ws.read_json("render.json") or {"state": "none"}

    def failure_text(state: dict[str, Any], language: str) -> str:
        t = translation(language)
        error = state.get("error") or {}
        if error.get("code") == "web.crashed":
            return t.gettext(WORDS["crashed"])
        messages = error.get("messages") or {}
        return messages.get(language) or messages.get("en") or t.gettext(WORDS["server_error"])

    async def documents(request: Request) -> Response:
        ws = workspace(request)
        if ws is None:
            return pages.not_found(request)
        language = pages.language(request)
        state = render_state(ws)
        if state["state"] == "none":
            return see_other(request, f"/w/{ws.token}/")
        meta = ws.read_json("upload.json") or {}
        progress = ws.read_json("progress.json") or {"done": 0, "total": 0}
        return pages.page(request, "documents.html", language, token=ws.token, name=meta.get("name", ""),
                          state=state["state"], documents=state.get("documents", []), progress=progress,
                          failures=[(f.get("messages") or {}).get(language) or (f.get("messages") or {}).get("en", "")
                                    for f in state.get("failures", [])],
                          error=failure_text(state, language) if state["state"] == "failed" else "",
                          pdf=pages.pdf, pdf_turned_off=pages.pdf_turned_off,
                          language_names=dict(pages_languages()))

    def pages_languages() -> list[tuple[str, str]]:
        return [(c, _language_name(c)) for c in catalog_languages()]

    async def status(request: Request) -> Response:
        ws = workspace(request)
        if ws is None:
            return pages.not_found(request)
        language = pages.language(request)
        state = render_state(ws)
        progress = ws.read_json("progress.json") or {"done": 0, "total": 0}
        response = pages.page(request, "progress.html", language, token=ws.token, progress=progress,
                              state=state["state"])
        if state["state"] != "running":
            response.headers["HX-Refresh"] = "true"  # htmx reloads the whole page: the documents, or the error
        return response

    def document_names(ws: Workspace) -> dict[str, Path]:
        """The files of a finished render that may be downloaded: only those it listed."""
        names: dict[str, Path] = {}
        for d in render_state(ws).get("documents", []):
            for key in ("docx", "pdf"):
                if d.get(key):
                    names[d[key]] = ws.documents / d[key]
        return names

    async def file(request: Request) -> Response:
        ws = workspace(request)
        name = request.path_params["name"]
        path = document_names(ws).get(name) if ws is not None else None
        if path is None or not _DOCUMENT_NAME.fullmatch(name) or not path.is_file():
            return pages.not_found(request)
        media = DOCX if name.endswith(".docx") else "application/pdf"
        return FileResponse(path, media_type=media, filename=name)

    async def preview(request: Request) -> Response:
        ws = workspace(request)
        name = request.path_params["name"] + ".png"
        allowed = {d.get("preview") for d in render_state(ws).get("documents", [])} if ws is not None else set()
        if ws is None or name not in allowed or not _DOCUMENT_NAME.fullmatch(name):
            return pages.not_found(request)
        path = ws.previews / name
        if not path.is_file():
            return pages.not_found(request)
        return FileResponse(path, media_type="image/png")

    async def all_zip(request: Request) -> Response:
        ws = workspace(request)
        names = document_names(ws) if ws is not None else {}
        if ws is None or not names:
            return pages.not_found(request)
        data = await asyncio.to_thread(_zip, names)
        return download(data, "documents.zip", "application/zip")

    async def not_found_handler(request: Request, _exc: Exception) -> Response:
        return pages.not_found(request)

    async def too_large_handler(request: Request, _exc: Exception) -> Response:
        t = translation(pages.language(request))
        return pages.error(request, 413, t.gettext(WORDS["upload_failed"]),
                           t.gettext(WORDS["too_large"]).format(size=pages.settings.max_upload_bytes // (1024 * 1024)))

    routes = [
        Route("/", home),
        Route("/healthz", healthz),
        Route("/methodologies/{methodology}/workbook.xlsx", workbook),
        Route("/methodologies/{methodology}/sample.yaml", sample),
        Route("/methodologies/{methodology}/survey.xlsx", survey),
        Route("/upload", upload, methods=["POST"]),
        Route("/w/{token}/", report),
        Route("/w/{token}/upload", upload_again, methods=["POST"]),
        Route("/w/{token}/render", render, methods=["POST"]),
        Route("/w/{token}/documents", documents),
        Route("/w/{token}/status", status),
        Route("/w/{token}/files/{name}", file),
        Route("/w/{token}/all.zip", all_zip),
        Route("/w/{token}/preview/{name}.png", preview),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    # The session cookie carries only the CSRF token, signed with a key kept in the workspace root, so that every
    # server process sharing the root accepts it.
    middleware = [Middleware(_SecurityHeaders),
                  Middleware(_BodyLimit, limit=settings.max_upload_bytes + 256 * 1024),
                  Middleware(SessionMiddleware, secret_key=_secret(pages.store.root), session_cookie="sedp_session",
                             same_site="strict", max_age=None)]
    app = Starlette(routes=routes, middleware=middleware, lifespan=pages.lifespan,
                    exception_handlers={404: not_found_handler, BodyTooLarge: too_large_handler})
    app.state.pages = pages
    return app


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Files taken in memory up to the upload limit (the body limit stops anything larger): an upload is never written
# outside its workspace, not even to the system's temporary folder.
MultiPartParser.spool_max_size = 64 * 1024 * 1024


def _secret(root: Path) -> str:
    path = root / ".session-key"
    try:
        return path.read_text(encoding="ascii").strip()
    except OSError:
        key = secrets.token_urlsafe(32)
        temporary = root / f".session-key.{secrets.token_hex(4)}"
        temporary.write_text(key, encoding="ascii")
        temporary.chmod(0o600)
        try:
            temporary.rename(path) if not path.exists() else temporary.unlink()
        except OSError:
            temporary.unlink(missing_ok=True)
        return path.read_text(encoding="ascii").strip()


def _zip(names: dict[str, Path]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in sorted(names.items()):
            archive.write(path, name)
    return out.getvalue()


def _workbook_bytes(methodology: str, version: str, language: str) -> bytes:
    from sedp_core.exchange.excel import workbook_bytes
    from sedp_core.registry.collect import get_registry

    return workbook_bytes(get_registry().methodology(methodology, version), language)


def _survey_bytes(methodology: str, version: str, languages: list[str] | None) -> bytes:
    from sedp_core.exchange.survey import form_bytes
    from sedp_core.registry.collect import get_registry

    return form_bytes(get_registry().methodology(methodology, version), None, languages)


def _methodology_title(data: dict[str, Any], language: str) -> str:
    from sedp_core.errors import SedpError
    from sedp_core.registry.collect import get_registry

    try:
        m = get_registry().methodology(data.get("methodology") or "", data.get("methodology_version"))
    except SedpError:
        return ""
    return _local(m.title, language)


_CELL = re.compile(r"(?P<sheet>[^!]+)!(?P<column>[A-Z]+)(?P<row>\d+)")
_LINE = re.compile(r"(?P<line>\d+):(?P<column>\d+)")


def _groups(findings: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    """Findings grouped by sheet and row (a workbook) or line (a text file), in the file's order, each finding with
    its place, message and what to do; groups with an error first, and errors before warnings in each."""
    t = translation(language)
    groups: dict[str, dict[str, Any]] = {}
    for order, f in enumerate(findings):
        location = f.get("location") or ""
        cell, line = _CELL.fullmatch(location), _LINE.fullmatch(location)
        if cell:
            sheet, row = cell["sheet"], int(cell["row"])
            key, sort = f"{sheet}!{row}", (0, sheet, row)
            title = t.gettext(WORDS["group_sheet_row"]).format(sheet=sheet, row=row)
            where, fix = location, t.gettext(WORDS["fix_cell"]).format(sheet=sheet, cell=location.split("!")[1])
        elif location and "!" not in location and ":" not in location and location.isidentifier():
            key, sort = location, (0, location, 0)
            title = t.gettext(WORDS["group_sheet"]).format(sheet=location)
            where, fix = location, t.gettext(WORDS["fix_sheet"]).format(sheet=location)
        elif line:
            n = int(line["line"])
            key, sort = f"line {n}", (1, "", n)
            title = t.gettext(WORDS["group_line"]).format(line=n)
            where = t.gettext(WORDS["location_line"]).format(line=n, column=line["column"])
            fix = t.gettext(WORDS["fix_line"]).format(line=n)
        else:
            key, sort = "file", (2, "", 0)
            title, where, fix = t.gettext(WORDS["group_file"]), location or f.get("path") or "/", \
                t.gettext(WORDS["fix_file"])
        if f["severity"] == "warning":
            fix = t.gettext(WORDS["fix_warning"])
        group = groups.setdefault(key, {"key": key, "title": title, "sort": sort, "order": order, "findings": []})
        messages = f.get("messages") or {}
        group["findings"].append({**f, "where": where, "fix": fix, "order": order,
                                  "message": messages.get(language) or messages.get("en", "")})
    for group in groups.values():
        group["findings"].sort(key=lambda f: (f["severity"] != "error", f["order"]))
        group["errors"] = sum(1 for f in group["findings"] if f["severity"] == "error")
    return sorted(groups.values(), key=lambda g: (g["errors"] == 0, g["sort"]))

