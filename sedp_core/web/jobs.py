"""The work done in worker processes: validating an upload and rendering its documents.

Each job takes a workspace folder and returns plain data (lists, dicts, strings) the pages are made from: the same
validation (`validation.validate.validate_file`), the same rendering (`rendering.render`) and the same PDF converter
(`rendering.pdf`) as the command line, never a second implementation. A job writes only inside its workspace.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from sedp_core.errors import OutputError, SedpError
from sedp_core.i18n import catalog_languages

__all__ = ["error_messages", "pdf_available", "render_job", "report_data", "validate_job", "warm_up"]


def warm_up() -> None:
    """Run once in each worker when it starts: the plugins, models, rules and template environment every job
    needs, so the first user of a worker does not wait for them."""
    from sedp_core.rendering.render import prepare_for_workers

    prepare_for_workers()


def error_messages(exc: SedpError, folder: str) -> dict[str, Any]:
    """An error that stopped a job, in every catalog language (the page shows the user's), without the
    workspace's path: the page names the file by the name it was uploaded with, and the path holds the token."""
    messages = {}
    for lang in catalog_languages():
        text = exc.in_language(lang)
        if exc.location:
            text = text.removeprefix(f"{exc.location}: ")
        messages[lang] = text.replace(str(Path(folder)) + "/", "").replace(str(Path(folder)), "")
    return {"code": exc.code, "messages": messages}


def report_data(report: Any) -> dict[str, Any]:
    """A validation report as the report page reads it: each finding with its messages in every language."""
    prefix = f"{report.source}:"
    return {
        "methodology": report.methodology, "methodology_version": report.methodology_version,
        "language": report.language, "valid": report.valid,
        "findings": [{"code": f.code, "severity": f.severity, "path": f.path, "messages": dict(f.messages),
                      "location": (f.location or "").removeprefix(prefix) if f.location != report.source else ""}
                     for f in report.findings],
    }


def validate_job(folder: str, name: str) -> dict[str, Any]:
    """Validate the workspace's upload `name`: {"report": ...}, or {"error": ...} when it cannot be used at all."""
    from sedp_core.validation.validate import validate_file

    try:
        result = validate_file(Path(folder) / name)
    except SedpError as exc:
        return {"error": error_messages(exc, folder)}
    return {"report": report_data(result.report)}


def pdf_available() -> bool:
    """Whether PDFs and first-page pictures can be made here: LibreOffice with its Python bridge, and poppler."""
    from sedp_core.rendering.pdf import PdfUnavailable, pdf_tools

    try:
        pdf_tools()
    except PdfUnavailable:
        return False
    return shutil.which("pdftoppm") is not None


def _progress(folder: Path, done: int, total: int) -> None:
    temporary = folder / ".progress.json.tmp"
    temporary.write_text(json.dumps({"done": done, "total": total}), encoding="utf-8")
    temporary.replace(folder / "progress.json")


def render_job(folder: str, name: str, pdf: bool) -> dict[str, Any]:
    """Render every document of the workspace's program into `documents/` (and, with `pdf`, a PDF of each and a
    PNG of its first page into `previews/`). Returns {"documents": [...]} or {"error": ...}."""
    from sedp_core.rendering.render import planned_documents, render_document
    from sedp_core.validation.validate import validate_file

    workspace = Path(folder)
    out = workspace / "documents"
    out.mkdir(exist_ok=True)
    try:
        result = validate_file(workspace / name)
        if result.program is None:
            return {"error": {"code": "program.invalid", "messages": {}}}
        program, methodology = result.program, result.methodology
        jobs = planned_documents(program, methodology)
        documents: list[dict[str, Any]] = []
        _progress(workspace, 0, len(jobs))
        failures: list[dict[str, Any]] = []
        for n, job in enumerate(jobs, 1):
            try:
                path = render_document(program, methodology, job.document, job.language, out, item=job.item,
                                       item_no=job.item_no)
            except OutputError:
                raise  # a full disk fails every further document too
            except SedpError as exc:  # as `sedp render`: one document's failure does not stop the others
                failures.append(error_messages(exc, folder))
                continue
            documents.append({"docx": path.name, "document": job.document.id, "item_no": job.item_no,
                              "title": dict(job.document.title), "language": job.language, "pdf": None,
                              "preview": None})
            _progress(workspace, n, len(jobs))
        if failures and not documents:
            return {"error": failures[0]}
        if pdf:
            _pdfs(out, workspace / "previews", documents)
    except SedpError as exc:
        return {"error": error_messages(exc, folder)}
    return {"documents": documents, "failures": failures}


def _pdfs(out: Path, previews: Path, documents: list[dict[str, Any]]) -> None:
    """A PDF of each document (contents updated, `rendering.pdf`) and a picture of its first page (pdftoppm)."""
    from sedp_core.rendering.pdf import PdfConverter

    previews.mkdir(exist_ok=True)
    by_name = {d["docx"]: d for d in documents}
    with PdfConverter(out, workers=1) as converter:
        for d in documents:
            converter.submit(out / d["docx"])
        results = list(converter.results())
    for result in results:
        if result.pdf is None:
            continue  # that document has no PDF; its .docx is still offered
        entry = by_name[Path(result.document).name]
        entry["pdf"] = Path(result.pdf).name
        stem = previews / Path(result.pdf).stem
        done = subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile",
                               str(result.pdf), str(stem)], capture_output=True, timeout=120,
                              env={**os.environ, "LC_ALL": "C"})
        if done.returncode == 0 and stem.with_suffix(".png").is_file():
            entry["preview"] = stem.with_suffix(".png").name
