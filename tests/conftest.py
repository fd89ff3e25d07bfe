"""Test set-up: only the bundled plugins load (installed third-party plugins stay out), and the demo plugin is
registered in process by the fixtures that need it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["SEDP_LOAD_PLUGINS"] = "mongolia_onhs,kyrgyz_aa"
os.environ.pop("SEDP_DISABLE_PLUGINS", None)

from sedp_core.registry.manager import get_plugin_manager, reset_plugin_manager

# EXAMPLES: every bundled sample program; tests parametrized over it cover each new example automatically.
from tests.document_refs import EXAMPLES, RenderedDocument, render_examples

__all__ = ["DEMO", "EXAMPLES", "ROOT", "docx_text", "interruptible", "run_cli"]
ROOT = Path(__file__).resolve().parent.parent
DEMO = Path(__file__).parent / "demo"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NO_SOFFICE = "LibreOffice (soffice) is not installed; `scripts/dev.py test` installs it"


@pytest.fixture(scope="session")
def rendered_documents(tmp_path_factory: pytest.TempPathFactory) -> list[RenderedDocument]:
    """Every document of every sample program in each of its languages, rendered once per test run."""
    return render_examples(tmp_path_factory.mktemp("examples"))


@pytest.fixture(scope="session")
def rendered(rendered_documents: list[RenderedDocument]) -> list[Path]:
    """The paths of the rendered sample documents."""
    return [d.path for d in rendered_documents]


@pytest.fixture(scope="session")
def rendered_pdfs(rendered: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A PDF of every rendered sample document (one LibreOffice run), by file stem; skips without LibreOffice."""
    if SOFFICE is None:
        pytest.skip(NO_SOFFICE)
    from sedp_core.rendering.pdf import convert_to_pdf

    return {p.stem: p for p in convert_to_pdf(rendered, tmp_path_factory.mktemp("pdf"))}


def interruptible() -> None:
    """`preexec_fn` of a command a test interrupts as Ctrl-C in a terminal would: SIGINT at its default there. A
    shell starts a background job (`pytest ... &` in a script or CI) with SIGINT ignored, the child inherits that,
    and sedp rightly keeps ignoring it: the test would see the whole batch rendered and exit 0."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_cli(*args: str) -> tuple[int, str]:
    """Run the `sedp` command in process; return the exit code and everything it printed."""
    from click.testing import CliRunner

    from sedp_core.cli import cli

    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes is not None else "")


@pytest.fixture
def wells_plugin() -> Iterator[object]:
    """The test-only 'wells' methodology (tests/exchange_plugin.py), registered in process."""
    from tests.exchange_plugin import wells_registered

    yield from wells_registered()


@pytest.fixture
def wells_program(tmp_path: Path) -> Path:
    """A valid program under the 'wells' methodology."""
    from tests.exchange_plugin import write_wells_program

    return write_wells_program(tmp_path)


@pytest.fixture
def demo_plugin() -> Iterator[object]:
    """The plugin manager with the demo methodology registered in process (and a fresh registry)."""
    from tests.demo import plugin as demo

    reset_plugin_manager()
    get_plugin_manager().register(demo, name="demo")
    yield demo
    reset_plugin_manager()


@pytest.fixture
def demo_sample(tmp_path: Path) -> Path:
    """A writable copy of the demo sample program."""
    target = tmp_path / "sample.yaml"
    shutil.copy(DEMO / "sample.yaml", target)
    return target


def docx_text(path: Path | bytes) -> str:
    """All the text of a .docx: body paragraphs, table cells, headers and footers, one line each."""
    import io

    import docx

    doc = docx.Document(io.BytesIO(path) if isinstance(path, bytes) else str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    for section in doc.sections:
        lines += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
        lines += [p.text for p in section.first_page_header.paragraphs]
    return "\n".join(lines)
