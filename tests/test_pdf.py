"""PDF copies: one LibreOffice per worker, a time limit per document that ends in a located error, and no
LibreOffice process left behind on success, on failure or on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from sedp_core.errors import RenderError
from tests.conftest import interruptible

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml"


def _tools_or_skip() -> None:
    from sedp_core.rendering.pdf import PdfUnavailable, pdf_tools

    try:
        pdf_tools()
    except PdfUnavailable as exc:
        pytest.skip(f"{exc} (`scripts/dev.py test` installs LibreOffice and python3-uno)")


def processes_using(folder: Path) -> list[str]:
    """Command lines of the running processes that name `folder` (our LibreOffice profiles live in it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if str(folder) in command:
                found.append(f"{entry.name}: {command}")
    return found


@pytest.fixture
def documents(tmp_path: Path) -> list[Path]:
    from sedp_core.rendering.render import render_document
    from sedp_core.validation.validate import validate_file

    result = validate_file(EXAMPLE)
    assert result.program is not None
    return [render_document(result.program, result.methodology, doc, "ru", tmp_path / "docx")
            for doc in result.methodology.documents[:3] if doc.per is None]


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Profiles made under this test's own folder, so that other LibreOffice on the machine are not counted."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_every_document_converted_in_parallel_and_no_libreoffice_left(
    documents: list[Path], private_tmp: Path, tmp_path: Path
) -> None:
    _tools_or_skip()
    from sedp_core.rendering.pdf import convert_to_pdf

    pdfs = convert_to_pdf(documents, tmp_path / "pdf", workers=2)
    assert [p.stem for p in pdfs] == [d.stem for d in documents]
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert processes_using(private_tmp) == []
    assert list(private_tmp.iterdir()) == []  # profiles removed


def test_a_document_past_its_time_limit_is_a_located_error_and_its_libreoffice_is_ended(
    documents: list[Path], private_tmp: Path, tmp_path: Path
) -> None:
    _tools_or_skip()
    from sedp_core.rendering.pdf import convert_to_pdf

    with pytest.raises(RenderError) as caught:
        convert_to_pdf(documents[:1], tmp_path / "pdf", timeout=0.01)
    assert caught.value.code == "pdf.timeout" and caught.value.location == str(documents[0])
    assert processes_using(private_tmp) == []


def _ending_libreoffice(monkeypatch: pytest.MonkeyPatch, times: int) -> list[Path]:
    """Make the first `times` conversions find their LibreOffice ended, as it ends the first time it starts after
    an install (it restarts itself): the calls are recorded."""
    from sedp_core.rendering import pdf

    real, calls = pdf._Office.convert, []

    def convert(office: pdf._Office, document: Path, timeout: float) -> pdf.PdfResult:
        calls.append(document)
        if len(calls) <= times:
            pdf._end_group(office.bridge)
            pdf._end_group(office.office)
        return real(office, document, timeout)

    monkeypatch.setattr(pdf._Office, "convert", convert)
    return calls


def test_a_libreoffice_that_ends_without_answering_is_started_again_once(
    documents: list[Path], private_tmp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tools_or_skip()
    from sedp_core.rendering.pdf import convert_to_pdf

    calls = _ending_libreoffice(monkeypatch, times=1)
    [pdf] = convert_to_pdf(documents[:1], tmp_path / "pdf", workers=1)
    assert pdf.read_bytes().startswith(b"%PDF") and calls == [documents[0]] * 2
    assert processes_using(private_tmp) == []


def test_a_document_whose_libreoffice_ends_twice_is_a_located_error(
    documents: list[Path], private_tmp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tools_or_skip()
    from sedp_core.rendering.pdf import convert_to_pdf

    calls = _ending_libreoffice(monkeypatch, times=2)
    with pytest.raises(RenderError) as caught:
        convert_to_pdf(documents[:1], tmp_path / "pdf", workers=1)
    assert caught.value.code == "pdf.failed" and caught.value.location == str(documents[0]) and len(calls) == 2
    assert caught.value.message_in("ru").endswith("LibreOffice остановился, не ответив")  # the officer's language
    assert processes_using(private_tmp) == []


def test_ctrl_c_during_pdf_conversion_leaves_no_libreoffice(tmp_path: Path) -> None:
    _tools_or_skip()
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    env = {**os.environ, "TMPDIR": str(profiles)}
    sedp = Path(sys.executable).with_name("sedp")
    proc = subprocess.Popen([str(sedp), "render", str(EXAMPLE), "--out", str(tmp_path / "out"), "--pdf"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=interruptible)
    try:
        deadline = time.monotonic() + 240
        while not any("soffice" in p for p in processes_using(profiles)):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "LibreOffice never started"
            time.sleep(0.1)
        time.sleep(1)  # let it get busy converting
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert processes_using(profiles) == []
