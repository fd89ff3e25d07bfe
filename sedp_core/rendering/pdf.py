"""PDF copies of rendered documents, made by LibreOffice with the table of contents and page fields updated.

LibreOffice's plain `--convert-to pdf` keeps the contents field as the template left it (empty); this drives
headless LibreOffice through its Python bridge (`pdf_uno.py`, run by the system python3 that has `uno`) to update
indexes and fields before exporting. Without LibreOffice a clear `PdfUnavailable` error says how to get it.

`PdfConverter` runs one LibreOffice per core, each with its own profile (two on one profile lock each other out),
and converts documents as they are submitted, so PDFs are made while the other programs still render. Each
document has its own time limit (`SEDP_PDF_TIMEOUT` seconds, 300 by default): past it that LibreOffice is ended,
the document's failure names it, and a fresh LibreOffice takes the next document. Every LibreOffice process is
started in a process group of its own and the whole group is ended when the converter closes: on success, on
failure and on Ctrl-C, so no soffice.bin is left behind.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from sedp_core.errors import RenderError
from sedp_core.i18n import N_, Term

__all__ = ["PdfConverter", "PdfResult", "PdfUnavailable", "convert_to_pdf", "pdf_tools"]

PROFILE_PREFIX = "sedp-lo-"
"""The start of every LibreOffice profile folder sedp makes (the tests look for processes that use one)."""


class PdfUnavailable(RenderError):
    """LibreOffice (or its Python bridge) is not installed, so no PDF can be made."""

    default_code = "pdf.unavailable"


def pdf_tools() -> tuple[str, str]:
    """The soffice program and a python3 that can `import uno`; `PdfUnavailable` if either is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise PdfUnavailable(N_("LibreOffice is not installed: install it (Debian/Ubuntu: apt-get install "
                                "libreoffice-writer-nogui) to get PDF copies; the .docx files were written"), params={})
    for candidate in ("/usr/bin/python3", shutil.which("python3") or ""):
        if candidate and subprocess.run([candidate, "-c", "import uno"], capture_output=True).returncode == 0:
            return soffice, candidate
    raise PdfUnavailable(N_("LibreOffice's Python bridge is missing: install python3-uno to get PDF copies"),
                         params={})


def _timeout() -> float:
    try:
        return float(os.environ.get("SEDP_PDF_TIMEOUT", 300))
    except ValueError:
        return 300.0


@dataclass(frozen=True)
class PdfResult:
    """One document's conversion: the PDF written, or the error that stopped it (located at the document)."""

    document: Path
    pdf: Path | None = None
    error: RenderError | None = None
    ended: bool = False
    """LibreOffice (or its bridge) ended before it answered, which says nothing of the document: it ends so the
    first time it starts after being installed or updated (it restarts itself), and when it crashes."""


def _end_group(process: subprocess.Popen[bytes] | subprocess.Popen[str] | None, grace: float = 0) -> None:
    """End a process and everything it started (its process group: soffice starts soffice.bin), after letting it
    finish by itself for `grace` seconds."""
    if process is None:
        return
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # what SIGTERM left (soffice.bin may outlive its launcher)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # return only once every process of the group is gone
        try:
            os.killpg(process.pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.05)


class _Office:
    """One headless LibreOffice with its own profile, and the bridge script that drives it."""

    def __init__(self, soffice: str, python: str, out_dir: Path) -> None:
        self.profile = tempfile.mkdtemp(prefix=PROFILE_PREFIX)
        pipe = f"sedp-{uuid.uuid4().hex}"
        self.office: subprocess.Popen[bytes] | None = None
        self.bridge: subprocess.Popen[str] | None = None
        self.lines: queue.Queue[str | None] = queue.Queue()
        try:
            self.office = subprocess.Popen(
                [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
                 f"-env:UserInstallation=file://{self.profile}", f"--accept=pipe,name={pipe};urp;"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
            self.bridge = subprocess.Popen(
                [python, str(Path(__file__).with_name("pdf_uno.py")), pipe, str(out_dir), "-"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
                start_new_session=True, bufsize=1,
            )
        except BaseException:
            self.close()
            raise
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.bridge is not None and self.bridge.stdout is not None
        with self.bridge.stdout as stream:  # ends when the bridge does
            for line in stream:
                self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def convert(self, document: Path, timeout: float) -> PdfResult:
        assert self.bridge is not None and self.bridge.stdin is not None
        try:
            self.bridge.stdin.write(f"{document}\n")
            self.bridge.stdin.flush()
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            return PdfResult(document, error=RenderError(
                N_("LibreOffice took more than {seconds:g} s to convert this document to PDF and was stopped "
                   "(set SEDP_PDF_TIMEOUT to allow more)"), params={"seconds": timeout}, location=str(document),
                code="pdf.timeout"))
        except (BrokenPipeError, OSError):
            line = None
        if line is not None and line.startswith("ok "):
            return PdfResult(document, pdf=Path(line[3:]))
        # LibreOffice's own reason is its English; that it stopped is ours, in the user's language.
        reason: str | Term = line.split(": ", 1)[-1] if line else Term(N_("LibreOffice stopped before it answered"))
        return PdfResult(document, error=RenderError(N_("PDF conversion failed: {reason}"), params={"reason": reason},
                                                     location=str(document), code="pdf.failed"), ended=line is None)

    def close(self, grace: float = 0) -> None:
        """End the bridge and LibreOffice; with `grace`, the bridge first closes LibreOffice itself (it does when
        its input ends)."""
        if self.bridge is not None and self.bridge.stdin is not None:
            with contextlib.suppress(OSError):
                self.bridge.stdin.close()
        _end_group(self.bridge, grace)
        _end_group(self.office, grace)
        shutil.rmtree(self.profile, ignore_errors=True)


class PdfConverter:
    """Converts documents to PDF in `out_dir` with `workers` LibreOffice processes while the caller goes on.

    Use it as a context manager: `submit()` documents as they are written, then `results()` yields one
    `PdfResult` per document as each finishes. Leaving the block (normally, by an error or by Ctrl-C) ends every
    LibreOffice it started."""

    def __init__(self, out_dir: Path, workers: int | None = None, timeout: float | None = None) -> None:
        self.soffice, self.python = pdf_tools()
        self.out_dir = Path(out_dir)
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.timeout = _timeout() if timeout is None else timeout
        self._todo: queue.Queue[Path | None] = queue.Queue()
        self._done: queue.Queue[PdfResult] = queue.Queue()
        self._offices: list[_Office] = []
        self._lock = threading.Lock()
        self._closing = False
        self._threads: list[threading.Thread] = []
        self._submitted = 0

    def __enter__(self) -> PdfConverter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        return self

    def submit(self, document: Path) -> None:
        if len(self._threads) < min(self.workers, self._submitted + 1):  # start a worker only when there is work
            thread = threading.Thread(target=self._work, daemon=True)
            self._threads.append(thread)
            thread.start()
        self._submitted += 1
        self._todo.put(Path(document))

    def results(self) -> Iterator[PdfResult]:
        """Every submitted document's result, in the order they finish (no more documents may be submitted)."""
        for _ in self._threads:
            self._todo.put(None)
        for _ in range(self._submitted):
            yield self._done.get()

    def _start_office(self) -> _Office | None:
        with self._lock:
            if self._closing:
                return None
            office = _Office(self.soffice, self.python, self.out_dir)
            self._offices.append(office)
            return office

    def _stop_office(self, office: _Office, grace: float = 0) -> None:
        with self._lock:
            if office in self._offices:
                self._offices.remove(office)
        office.close(grace)

    def _work(self) -> None:
        office: _Office | None = None
        while (document := self._todo.get()) is not None:
            try:
                for _ in (1, 2):  # a LibreOffice that ended without answering is started again, once
                    office = office or self._start_office()
                    if office is None:
                        result = PdfResult(document, error=RenderError(N_("interrupted"), params={},
                                                                       location=str(document), code="pdf.failed"))
                        break
                    result = office.convert(document, self.timeout)
                    if result.error is None:
                        break
                    self._stop_office(office)  # a stuck or broken LibreOffice is not given another document
                    office = None
                    if not result.ended:
                        break
            except OSError as exc:
                result = PdfResult(document, error=RenderError(N_("LibreOffice could not be started: {reason}"),
                                                               params={"reason": str(exc)}, location=str(document),
                                                               code="pdf.failed"))
            self._done.put(result)
        if office is not None:
            self._stop_office(office, grace=20)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        with self._lock:
            self._closing = True
            offices = list(self._offices)
        for office in offices:
            office.close()
        for _ in self._threads:
            self._todo.put(None)
        deadline = time.monotonic() + 30
        for thread in self._threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        with self._lock:
            for office in self._offices:  # started while closing began
                office.close()
            self._offices.clear()


def convert_to_pdf(documents: Sequence[Path], out_dir: Path, workers: int | None = None,
                   timeout: float | None = None) -> list[Path]:
    """Convert the documents to PDF in `out_dir`; return the PDFs written, in the order of `documents`.

    Raises the first failure (a `RenderError` located at its document) after every document was tried."""
    if not documents:
        return []
    with PdfConverter(out_dir, workers, timeout) as converter:
        for document in documents:
            converter.submit(document)
        results = {r.document: r for r in converter.results()}
    failures = [r.error for r in results.values() if r.error is not None]
    if failures:
        raise failures[0]
    return [results[Path(d)].pdf for d in documents if results[Path(d)].pdf is not None]  # type: ignore[misc]
