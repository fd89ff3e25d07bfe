"""`sedp plugin new` makes a plugin that works as generated: in process, and installed into a fresh venv."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from sedp_core.errors import InputError
from sedp_core.plugins import get_plugin_manager, reset_plugin_manager
from sedp_core.render import render_to_bytes
from sedp_core.scaffold import generate_plugin
from sedp_core.validation import validate_file
from tests.conftest import ROOT, docx_text


def test_generated_plugin_validates_and_renders_in_process(tmp_path: Path) -> None:
    target = generate_plugin("zz_town", "ZZ", ["fr"], tmp_path)
    assert (target / "src" / "sedp_zz_town" / "templates" / "program.docx").is_file()
    assert 'zz_town = "sedp_zz_town.plugin"' in (target / "pyproject.toml").read_text(encoding="utf-8")
    sys.path.insert(0, str(target / "src"))
    reset_plugin_manager()
    try:
        module = importlib.import_module("sedp_zz_town.plugin")
        get_plugin_manager().register(module, name="zz_town")
        result = validate_file(target / "src" / "sedp_zz_town" / "data" / "sample.yaml")
        assert result.report.errors == [], result.report.to_json()
        assert result.program is not None and result.program.languages == ["fr", "en"]
        doc = result.methodology.documents[0]
        text = docx_text(render_to_bytes(result.program, result.methodology, doc, "fr"))
        assert "South village pipeline, 4 km [fr: to translate]" in text  # wording left to translate is marked
        assert "Settlements [fr: to translate]" in text
    finally:
        sys.path.remove(str(target / "src"))
        for name in [m for m in sys.modules if m.startswith("sedp_zz_town")]:
            del sys.modules[name]
        reset_plugin_manager()


def test_bad_names_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="lower-case"):
        generate_plugin("Bad-Name", "ZZ", [], tmp_path)
    with pytest.raises(InputError, match="two-letter"):
        generate_plugin("ok", "ZZZ", [], tmp_path)
    generate_plugin("ok", "ZZ", [], tmp_path)
    with pytest.raises(InputError, match="already exists"):
        generate_plugin("ok", "ZZ", [], tmp_path)


def test_generated_plugin_passes_its_own_tests_in_a_fresh_venv(tmp_path: Path) -> None:
    """The promise to a donor expert: generate, pip install -e, pytest, green, with no edits."""
    target = generate_plugin("zz_village", "ZZ", ["fr"], tmp_path)
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEDP_")}
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-e", str(ROOT), "-e", f"{target}[test]"],
        capture_output=True, text=True, env=env, timeout=900,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    tests = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=target,
                           capture_output=True, text=True, env=env, timeout=600)
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert "4 passed" in tests.stdout
