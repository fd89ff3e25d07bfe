"""PDF copies of rendered documents, made by LibreOffice with the table of contents and page fields updated.

LibreOffice's plain `--convert-to pdf` keeps the contents field as the template left it (empty); this drives a
headless LibreOffice through its Python bridge (`pdf_uno.py`, run by the system python3 that has `uno`) to update
indexes and fields before exporting. Without LibreOffice a clear `PdfUnavailable` error says how to get it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path

from .errors import RenderError

__all__ = ["PdfUnavailable", "convert_to_pdf", "pdf_tools"]


class PdfUnavailable(RenderError):
    """LibreOffice (or its Python bridge) is not installed, so no PDF can be made."""

    default_code = "pdf.unavailable"


def pdf_tools() -> tuple[str, str]:
    """The soffice program and a python3 that can `import uno`; `PdfUnavailable` if either is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise PdfUnavailable("LibreOffice is not installed: install it (Debian/Ubuntu: apt-get install "
                             "libreoffice-writer-nogui) to get PDF copies; the .docx files were written")
    for candidate in ("/usr/bin/python3", shutil.which("python3") or ""):
        if candidate and subprocess.run([candidate, "-c", "import uno"], capture_output=True).returncode == 0:
            return soffice, candidate
    raise PdfUnavailable("LibreOffice's Python bridge is missing: install python3-uno to get PDF copies")


def convert_to_pdf(documents: Sequence[Path], out_dir: Path, timeout: float = 900) -> list[Path]:
    """Convert the documents to PDF in `out_dir` with one LibreOffice process; return the PDFs written."""
    if not documents:
        return []
    soffice, python = pdf_tools()
    out_dir.mkdir(parents=True, exist_ok=True)
    pipe = f"sedp-{uuid.uuid4().hex}"
    with tempfile.TemporaryDirectory(prefix="sedp-lo-") as profile:
        office = subprocess.Popen(
            [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
             f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            script = Path(__file__).with_name("pdf_uno.py")
            env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
            proc = subprocess.run([python, str(script), pipe, str(out_dir), *map(str, documents)],
                                  capture_output=True, text=True, timeout=timeout, env=env)
        finally:
            try:
                office.wait(timeout=20)
            except subprocess.TimeoutExpired:
                office.kill()
    written, errors = [], []
    for line in proc.stdout.splitlines():
        if line.startswith("ok "):
            written.append(Path(line[3:]))
        elif line.startswith("error "):
            errors.append(line[6:])
    if proc.returncode != 0 or errors:
        detail = "; ".join(errors) or proc.stderr.strip().splitlines()[-1:] or ["LibreOffice failed"]
        raise RenderError(f"PDF conversion failed: {'; '.join(detail) if isinstance(detail, list) else detail}",
                          code="pdf.failed")
    return written
