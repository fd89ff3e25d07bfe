#!/usr/bin/env python3
"""The project's two commands, for a fresh machine with only Python 3.11+:

    python3 scripts/dev.py run    set up .venv, render every sample program under examples/ into out/
    python3 scripts/dev.py test   set up .venv (and, on Debian, LibreOffice Writer and Calc, python3-uno, poppler
                                  and the fonts for the PDF checks, Chromium and its driver for the browser test),
                                  lint, run the whole test suite
    python3 scripts/dev.py serve  set up .venv, start the web page (`sedp serve`, docs/web.md); options after it
                                  go to `sedp serve` (e.g. --host 0.0.0.0 --port 8080)

Set-up is idempotent: the virtual environment is (re)installed only when pyproject.toml changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
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


def _office_program() -> Path | None:
    """LibreOffice's program folder (where its Writer and Calc libraries live), from the soffice on PATH."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    return Path(soffice).resolve().parent if soffice else None


def _has_library(name: str) -> bool:
    program = _office_program()
    return program is not None and any(program.glob(f"{name}*"))


def _python_has_uno() -> bool:
    """The system python3 that `sedp render --pdf` runs LibreOffice's bridge with (see sedp_core/rendering/pdf.py)."""
    for python in ("/usr/bin/python3", shutil.which("python3") or ""):
        if python and Path(python).exists() and subprocess.run(
                [python, "-c", "import uno"], capture_output=True).returncode == 0:
            return True
    return False


def _font_has_letters(family: str, codepoints: str) -> bool:
    """Whether fontconfig knows `family` with all these letters (so LibreOffice needs no fallback font)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, f":family={family}:charset={codepoints}", "family"], capture_output=True,
                           text=True).stdout
    return bool(found.strip())


def _hyphenation(locale: str) -> bool:
    return any(Path(folder, f"hyph_{locale}.dic").exists() for folder in ("/usr/share/hyphen",
                                                                         "/usr/share/hyphen-patterns"))


# Ө ө Ү ү Ң ң (Mongolian, Kyrgyz), Ҷ ҷ Ҳ ҳ Қ қ Ӣ ӣ Ӯ ӯ Ғ ғ (Tajik), and the tugrik sign ₮.
# Where Debian's chromium and chromium-driver packages put them (tests/test_web_browser.py uses the same paths).
CHROMIUM = ("/usr/bin/chromium",)
CHROMEDRIVER = "/usr/bin/chromedriver"

LETTERS = "4e8 4e9 4ae 4af 4a2 4a3 4b6 4b7 4b2 4b3 49a 49b 4e2 4e3 4ee 4ef 492 493 20ae"

# What `sedp render --pdf` and the tests use, each with its check and the Debian package that provides it.
SYSTEM_NEEDS: tuple[tuple[str, Callable[[], bool], str], ...] = (
    # fc-list and fc-match: the font checks here and in sedp's document inspection (docx_inspect) ask fontconfig.
    ("fontconfig (fc-list, fc-match)", lambda: all(shutil.which(t) for t in ("fc-list", "fc-match")), "fontconfig"),
    ("LibreOffice Writer", lambda: _has_library("libswlo"), "libreoffice-writer-nogui"),
    ("LibreOffice Calc", lambda: _has_library("libsclo"), "libreoffice-calc-nogui"),
    ("LibreOffice's Python bridge (python3-uno)", _python_has_uno, "python3-uno"),
    ("poppler (pdffonts, pdftotext, pdftoppm)",
     lambda: all(shutil.which(t) for t in ("pdffonts", "pdftotext", "pdftoppm")), "poppler-utils"),
    ("the documents' font with every letter (Liberation Serif 2, in place of Times New Roman)",
     lambda: _font_has_letters("Liberation Serif", LETTERS), "fonts-liberation2"),
    ("the charts' font (DejaVu Sans)", lambda: _font_has_letters("DejaVu Sans", "4e8 4af 4a3"), "fonts-dejavu-core"),
    # LibreOffice hyphenates a language only with its patterns (Kyrgyz and Tajik have none: never hyphenated).
    ("Russian hyphenation patterns", lambda: _hyphenation("ru_RU"), "hyphen-ru"),
    ("Mongolian hyphenation patterns", lambda: _hyphenation("mn_MN"), "hyphen-mn"),
    ("English hyphenation patterns", lambda: _hyphenation("en_GB"), "hyphen-en-gb"),
    # The web application's end-to-end test drives Debian's own browser and driver (never a downloaded one).
    ("Chromium (the browser test)", lambda: any(Path(p).exists() for p in CHROMIUM), "chromium"),
    ("Chromium's WebDriver (chromedriver)", lambda: Path(CHROMEDRIVER).exists(), "chromium-driver"),
)


def missing_system_packages() -> list[tuple[str, str]]:
    """(what, Debian package) for each need of the PDF and browser checks that this machine lacks."""
    return [(what, package) for what, present, package in SYSTEM_NEEDS if not present()]


def ensure_system_packages() -> None:
    """Install from Debian's packages whatever `sedp render --pdf` and the tests (PDF, browser) use and is missing,
    when we may:
    each need is checked on its own (a machine with LibreOffice but without its Python bridge gets the bridge)."""
    missing = missing_system_packages()
    if not missing:
        return
    packages = sorted({package for _, package in missing})
    names = ", ".join(what for what, _ in missing)
    apt = shutil.which("apt-get")
    if not apt or (hasattr(os, "geteuid") and os.geteuid() != 0):
        say(f"missing: {names}; install them with `sudo apt-get install {' '.join(packages)}` "
            "(until then the checks that need them are skipped)")
        return
    say(f"installing {names} ({' '.join(packages)}; once, a few minutes)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    ok = run(apt, "update", "-qq", check=False, env=env) == 0 and run(
        apt, "install", "-y", "-qq", "--no-install-recommends", *packages, check=False, env=env) == 0
    still = missing_system_packages()
    if not ok or still:
        say("could not install: " + ", ".join(what for what, _ in still or missing)
            + "; the checks that need them will be skipped")


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "run":
        ensure_venv()
        sys.exit(run(BIN / "sedp", "render", ROOT / "examples", "--out", ROOT / "out", check=False))
    if command == "test":
        ensure_venv()
        ensure_system_packages()
        say("ruff check")
        if run(BIN / "ruff", "check", ROOT, check=False) != 0:
            sys.exit(1)
        sys.exit(run(BIN / "python", "-m", "pytest", *sys.argv[2:], check=False))
    if command == "serve":
        ensure_venv()
        sys.exit(run(BIN / "sedp", "serve", *sys.argv[2:], check=False))
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
