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

from sedp_core.plugins import get_plugin_manager, reset_plugin_manager

ROOT = Path(__file__).resolve().parent.parent
DEMO = Path(__file__).parent / "demo"


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
