"""A plugin written against the 0.1 docs keeps working (issue 21, point 4): the import paths those docs and the
scaffold's output gave plugin authors still name the same modules after the move to one package per stage."""

from __future__ import annotations

import importlib
import re
import runpy
import sys
from pathlib import Path

import pytest

from sedp_core._legacy import MOVED
from sedp_core.authoring.scaffold import generate_plugin
from sedp_core.registry.manager import get_plugin_manager, reset_plugin_manager
from tests.conftest import docx_text

PACKAGE_NAMES = {"sedp_core.registry.collect": "sedp_core.registry", "sedp_core.validation.validate":
                 "sedp_core.validation", "sedp_core.authoring.build": "sedp_core.authoring"}
"""Modules whose names a package took: the package re-exports their public names."""


@pytest.mark.parametrize("old", sorted(MOVED))
def test_an_old_import_path_gives_the_module_itself(old: str) -> None:
    assert importlib.import_module(old) is importlib.import_module(MOVED[old])


@pytest.mark.parametrize(("package", "module"), sorted((p, m) for m, p in PACKAGE_NAMES.items()))
def test_a_package_that_took_a_modules_name_re_exports_its_public_names(package: str, module: str) -> None:
    new = importlib.import_module(module)
    names = getattr(new, "__all__", None) or [n for n in vars(new) if not n.startswith("_")]
    old = importlib.import_module(package)
    for name in names:
        assert getattr(old, name) is getattr(new, name), name
    with pytest.raises(AttributeError):
        old.no_such_name  # noqa: B018


def _to_old_paths(text: str) -> str:
    old_of = {**{new: old for old, new in MOVED.items()}, **PACKAGE_NAMES}
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(old_of, key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: old_of[m.group(1)], text)


def test_a_plugin_written_with_the_old_import_paths_builds_validates_and_renders(tmp_path: Path) -> None:
    target = generate_plugin("zz_old", "ZZ", ["fr"], tmp_path)
    for path in target.rglob("*.py"):
        path.write_text(_to_old_paths(path.read_text(encoding="utf-8")), encoding="utf-8")
    code = "\n".join(p.read_text(encoding="utf-8") for p in target.rglob("*.py"))
    for old in ("from sedp_core.authoring import", "from sedp_core.datafiles import", "from sedp_core.render import",
                "from sedp_core.registry import", "from sedp_core.validation import"):
        assert old in code  # the 0.1 paths are what this plugin uses
    template = target / "src" / "sedp_zz_old" / "templates" / "program.docx"
    template.unlink()
    sys.path.insert(0, str(target / "src"))
    reset_plugin_manager()
    try:
        runpy.run_path(str(target / "build_templates.py"), run_name="__main__")
        assert template.is_file()
        from sedp_core.render import render_to_bytes
        from sedp_core.validation import validate_file

        get_plugin_manager().register(importlib.import_module("sedp_zz_old.plugin"), name="zz_old")
        result = validate_file(target / "src" / "sedp_zz_old" / "data" / "sample.yaml")
        assert result.report.errors == [], result.report.to_json()
        assert result.program is not None
        text = docx_text(render_to_bytes(result.program, result.methodology, result.methodology.documents[0], "fr"))
        assert "Settlements [fr: to translate]" in text
    finally:
        sys.path.remove(str(target / "src"))
        for name in [m for m in sys.modules if m.startswith("sedp_zz_old")]:
            del sys.modules[name]
        reset_plugin_manager()
