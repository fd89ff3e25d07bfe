#!/usr/bin/env python3
"""The project's two commands, for a fresh machine with only Python 3.11+:

    python3 scripts/dev.py run    set up .venv, render every sample program under examples/ into out/
    python3 scripts/dev.py test   set up .venv (and LibreOffice for the PDF checks), lint, run the whole test suite

Set-up is idempotent: the virtual environment is (re)installed only when pyproject.toml changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".sedp-install-stamp"


def say(message: str) -> None:
    print(f"[sedp] {message}", file=sys.stderr, flush=True)


def run(*cmd: str | Path, check: bool = True, env: dict[str, str] | None = None) -> int:
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, check=check, env=env).returncode


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be started by an older python3
        sys.exit(f"sedp needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        say(f"creating {VENV}")
        try:
            run(sys.executable, "-m", "venv", VENV)
        except subprocess.CalledProcessError:
            sys.exit("could not create a virtual environment: install your system's python3-venv package")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    say("installing sedp and its dependencies into .venv (once)")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]")
    STAMP.write_text(digest)


def ensure_libreoffice() -> None:
    """Install LibreOffice (for the PDF checks) from Debian's packages when it is missing and we may."""
    if shutil.which("soffice") or shutil.which("libreoffice"):
        return
    apt = shutil.which("apt-get")
    if not apt or (hasattr(os, "geteuid") and os.geteuid() != 0):
        say("LibreOffice is not installed and cannot be installed here: the PDF checks will be skipped")
        return
    say("installing LibreOffice Writer and poppler-utils for the PDF checks (once, a few minutes)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    ok = run(apt, "update", "-qq", check=False, env=env) == 0 and run(
        apt, "install", "-y", "-qq", "--no-install-recommends", "libreoffice-writer-nogui", "poppler-utils",
        "fonts-liberation", "fonts-dejavu-core", check=False, env=env) == 0
    if not ok:
        say("LibreOffice could not be installed: the PDF checks will be skipped")


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "run":
        ensure_venv()
        sys.exit(run(BIN / "sedp", "render", ROOT / "examples", "--out", ROOT / "out", check=False))
    if command == "test":
        ensure_venv()
        ensure_libreoffice()
        say("ruff check")
        if run(BIN / "ruff", "check", ROOT, check=False) != 0:
            sys.exit(1)
        sys.exit(run(BIN / "python", "-m", "pytest", *sys.argv[2:], check=False))
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
