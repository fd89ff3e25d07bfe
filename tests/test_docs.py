"""The docs a newcomer follows point at files that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    broken = [target for target in LINK.findall(text)
              if "://" not in target and not (page.parent / target).exists()]
    assert broken == []


def test_readme_gives_exactly_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python3 [^\n]+)\n```", text)
    assert commands == ["python3 scripts/dev.py run", "python3 scripts/dev.py test"]
    assert "scripts/dev.py test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
