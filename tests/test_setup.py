"""A fresh machine: scripts/dev.py installs each system need of `sedp render --pdf` and the tests that is missing,
the package builds without deprecation warnings of the project's own, written files get the ordinary mode."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sedp_core.rendering.fileio import write_atomic
from tests.conftest import ROOT


def dev_script() -> Any:
    spec = importlib.util.spec_from_file_location("sedp_dev_script", ROOT / "scripts" / "dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_script_checks_every_system_need_of_the_pdf_checks() -> None:
    packages = {package for _, _, package in dev_script().SYSTEM_NEEDS}
    assert {"libreoffice-writer-nogui", "libreoffice-calc-nogui", "python3-uno", "poppler-utils",
            "fonts-liberation2", "hyphen-ru", "hyphen-mn"} <= packages


def test_dev_script_checks_the_browser_of_the_browser_test_each_on_its_own() -> None:
    dev = dev_script()
    packages = {package for _, _, package in dev.SYSTEM_NEEDS}
    assert {"chromium", "chromium-driver"} <= packages
    # the browser test starts exactly what dev.py checks (Debian's paths, never a downloaded browser)
    from tests.test_web_browser import CHROMEDRIVER, CHROMIUM

    assert CHROMIUM in dev.CHROMIUM and dev.CHROMEDRIVER == CHROMEDRIVER


def test_dev_script_prints_the_apt_line_for_the_browser_as_another_user(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    dev = dev_script()
    needs = tuple((what, (lambda p=package: p != "chromium-driver"), package) for what, _, package in dev.SYSTEM_NEEDS)
    monkeypatch.setattr(dev, "SYSTEM_NEEDS", needs)
    monkeypatch.setattr(dev.os, "geteuid", lambda: 1000, raising=False)
    monkeypatch.setattr(dev, "run", lambda *cmd, **kw: pytest.fail(f"ran {cmd} as another user"))
    dev.ensure_system_packages()
    assert "`sudo apt-get install chromium-driver`" in capsys.readouterr().err


@pytest.mark.parametrize("missing", ["chromium", "chromium-driver", "python3-uno", "libreoffice-calc-nogui",
                                     "fonts-liberation2"])
def test_dev_script_installs_what_is_missing_even_when_soffice_is_there(
        monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    dev = dev_script()
    installed = {package for _, _, package in dev.SYSTEM_NEEDS} - {missing}
    needs = tuple((what, (lambda p=package: p in installed), package) for what, _, package in dev.SYSTEM_NEEDS)
    monkeypatch.setattr(dev, "SYSTEM_NEEDS", needs)
    monkeypatch.setattr(dev.os, "geteuid", lambda: 0, raising=False)
    monkeypatch.setattr(dev.shutil, "which", lambda name: f"/usr/bin/{name}")
    commands: list[list[str]] = []

    def run(*cmd: Any, check: bool = True, env: Any = None) -> int:
        commands.append([str(c) for c in cmd])
        if "install" in cmd:
            installed.add(missing)
        return 0

    monkeypatch.setattr(dev, "run", run)
    dev.ensure_system_packages()
    install = [c for c in commands if "install" in c]
    assert install and install[0][-1] == missing and not any(p in install[0] for p in installed - {missing})


def test_dev_script_finds_the_bridge_where_the_pdf_conversion_looks() -> None:
    from sedp_core.rendering.pdf import PdfUnavailable, pdf_tools

    try:
        pdf_tools()
        available = True
    except PdfUnavailable:
        available = False
    # dev.py must see the bridge missing exactly when the PDF conversion cannot run
    assert dev_script()._python_has_uno() is available


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_get_the_ordinary_mode(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "out.docx", b"data")
        write_atomic(tmp_path / "out.docx", b"again")  # a replaced file too
    finally:
        os.umask(old)
    assert (tmp_path / "out.docx").stat().st_mode & 0o777 == mode


def test_a_rendered_document_and_workbook_are_readable_by_the_group(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    sample = next((ROOT / "examples" / "kyrgyz_aa").glob("*.yaml"))
    old = os.umask(0o022)
    try:
        code, output = run_cli("render", str(sample), "--out", str(tmp_path / "docs"))
        assert code == 0, output
        code, output = run_cli("excel", "export", str(sample), "-o", str(tmp_path / "program.xlsx"))
    finally:
        os.umask(old)
    written = [*(tmp_path / "docs").glob("*.docx"), *tmp_path.glob("*.xlsx")]
    assert written and {p.stat().st_mode & 0o777 for p in written} == {0o644}, output


def test_the_package_builds_without_deprecation_warnings(tmp_path: Path) -> None:
    """`pip install -e .` (what dev.py runs) prints every warning of the build backend: none may come from the
    project's configuration (license table, data folders missing from `packages`)."""
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                           capture_output=True, text=True)
    if build.returncode != 0 and "No matching distribution" in build.stdout + build.stderr:
        pytest.skip("no package index to fetch the build backend from")
    assert build.returncode == 0, build.stderr[-2000:]
    output = build.stdout + build.stderr
    for warning in ("project.license", "is absent from the `packages` configuration", "Deprecat"):
        assert warning not in output, output[-3000:]
