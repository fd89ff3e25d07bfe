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

FENCE = re.compile(r"```.*?```", re.S)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
TOP_FOLDERS = ("sedp_core/", "plugins/", "tests/", "docs/", "scripts/", "bench/", "templates_docx/", "examples/",
               "schemas/", ".ci/")
FILE_SUFFIXES = (".py", ".md", ".yaml", ".toml", ".docx", ".json", ".tmpl", ".png")
PLACEHOLDER = re.compile(r"[<>*…{}$|=\[\]()'\"]|://")


def _repository_files() -> list[str]:
    skip = {".git", ".venv", "out", "__pycache__", ".pytest_cache", ".ruff_cache"}
    return [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*")
            if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]


def _module_exists(dotted: str) -> bool:
    """`sedp_core.rendering.charts.BarChart`: a module file or package for the module part, then its attributes;
    or an import path of 0.1 that `sedp_core/_legacy.py` keeps (writing-plugins.md lists them)."""
    import importlib

    from sedp_core._legacy import MOVED

    if any(dotted == old or dotted.startswith(old + ".") for old in MOVED):
        return True
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        path = ROOT.joinpath(*parts[:cut])
        if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file():
            value: object = importlib.import_module(".".join(parts[:cut]))
            for name in parts[cut:]:
                if not hasattr(value, name):
                    return False
                value = getattr(value, name)
            return True
    return False


def stale_paths(page: Path, files: list[str]) -> list[str]:
    """Paths and sedp_core module names in the page's code spans that name nothing in the tree."""
    stale = []
    for span in CODE_SPAN.findall(FENCE.sub("", page.read_text(encoding="utf-8"))):
        tokens = span.split()
        for token in tokens:
            token, _, test_name = token.rstrip(".,;:").partition("::")
            if not token or PLACEHOLDER.search(token):
                continue
            if token.startswith(TOP_FOLDERS):
                if token in files and not (ROOT / token).exists():
                    continue  # a file of the generated plugin
                ok = (ROOT / token).exists() and (not test_name or f"def {test_name}(" in (ROOT / token).read_text(
                    encoding="utf-8"))
            elif len(tokens) == 1 and token.endswith(FILE_SUFFIXES) and re.fullmatch(r"[\w][\w./-]*", token) and (
                    "/" in token or token.endswith(".py")):
                # a path relative to the page, or to the package it is about (`input/loader.py`, `plugin.py`)
                ok = (page.parent / token).exists() or any(f == token or f.endswith("/" + token) for f in files)
            elif re.fullmatch(r"sedp_core(\.\w+)+", token):
                ok = _module_exists(token)
            else:
                continue
            if not ok:
                stale.append(token)
    return stale


def test_paths_in_code_spans_exist(tmp_path: Path) -> None:
    # writing-plugins.md walks through the plugin `sedp plugin new tz_village` makes: its paths count too.
    from sedp_core.authoring.scaffold import generate_plugin

    plugin = generate_plugin("tz_village", "TZ", ["sw"], tmp_path)
    files = _repository_files() + [p.relative_to(plugin).as_posix() for p in plugin.rglob("*") if p.is_file()]
    stale = {page.relative_to(ROOT).as_posix(): found for page in PAGES if (found := stale_paths(page, files))}
    assert stale == {}
