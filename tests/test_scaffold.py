"""`sedp plugin new` makes a plugin that works as generated: in process, and installed into a fresh venv."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from sedp_core.authoring.scaffold import generate_plugin
from sedp_core.authoring.template_check import check_all_templates
from sedp_core.errors import InputError
from sedp_core.registry.manager import get_plugin_manager, reset_plugin_manager
from sedp_core.rendering.render import planned_documents, render_to_bytes
from sedp_core.validation.validate import validate_file
from tests.conftest import ROOT, docx_text


def test_generated_plugin_validates_and_renders_in_process(tmp_path: Path) -> None:
    target = generate_plugin("zz_town", "ZZ", ["fr", "ru"], tmp_path, title="Plan communal", version="2025")
    assert (target / "src" / "sedp_zz_town" / "templates" / "program.docx").is_file()
    assert (target / "src" / "sedp_zz_town" / "templates" / "settlement_sheet.docx").is_file()
    assert 'zz_town = "sedp_zz_town.plugin"' in (target / "pyproject.toml").read_text(encoding="utf-8")
    sys.path.insert(0, str(target / "src"))
    reset_plugin_manager()
    try:
        module = importlib.import_module("sedp_zz_town.plugin")
        get_plugin_manager().register(module, name="zz_town")
        result = validate_file(target / "src" / "sedp_zz_town" / "data" / "sample.yaml")
        assert result.report.errors == [], result.report.to_json()
        assert result.program is not None and result.program.languages == ["fr", "ru"]  # no English added
        m = result.methodology
        assert (m.id, m.version) == ("zz.town", "2025")
        assert dict(m.title) == {"fr": "Plan communal", "ru": "Plan communal [ru: to translate]"}
        doc = m.documents[0]
        text = docx_text(render_to_bytes(result.program, m, doc, "fr"))
        assert "South village pipeline, 4 km [fr: to translate]" in text  # wording left to translate is marked
        assert "Settlements [fr: to translate]" in text
        assert "2 settlements with 8\u202f200 residents. [fr: to translate]" in text  # a label with placeholders
        sheets = [j for j in planned_documents(result.program, m) if j.document.per]
        assert [(j.item_key, j.language) for j in sheets] == [("S1", "fr"), ("S2", "fr"), ("S1", "ru"), ("S2", "ru")]
        sheet = docx_text(render_to_bytes(result.program, m, sheets[1].document, "fr", item=sheets[1].item,
                                          item_no=sheets[1].item_no))
        assert "South village [fr: to translate]" in sheet and "36,6" in sheet
        problems, _ = check_all_templates()
        assert [p for p in problems if p.startswith("zz.town@")] == []
        # The rule's messages are translated (marked) in the program's language, with its values.
        data = (target / "src" / "sedp_zz_town" / "data" / "sample.yaml").read_text(encoding="utf-8")
        crowded = tmp_path / "crowded.yaml"
        crowded.write_text(data.replace("population: 5200", "population: 9000"), encoding="utf-8")
        [error] = [f for f in validate_file(crowded).report.errors if f.code == "zz_town.population-sum"]
        assert error.message("fr") == ("the settlements' populations add up to 12000, more than the "
                                       "municipality's 8200 [fr: to translate]")
    finally:
        sys.path.remove(str(target / "src"))
        for name in [m for m in sys.modules if m.startswith("sedp_zz_town")]:
            del sys.modules[name]
        reset_plugin_manager()


def test_the_command_takes_title_languages_and_version(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    code, output = run_cli("plugin", "new", "tj_jamoat", "--country", "TJ", "--title", "Нақшаи рушди ҷамоат",
                           "--languages", "tg,ru", "--version", "2025", "--out", str(tmp_path))
    assert code == 0, output
    plugin = (tmp_path / "sedp-tj-jamoat" / "src" / "sedp_tj_jamoat" / "plugin.py").read_text(encoding="utf-8")
    assert 'METHODOLOGY_ID = "tj.jamoat"' in plugin and 'VERSION = "2025"' in plugin
    assert "LANGUAGES = ('tg', 'ru')" in plugin and "'tg': 'Нақшаи рушди ҷамоат'" in plugin
    readme = (tmp_path / "sedp-tj-jamoat" / "README.md").read_text(encoding="utf-8")
    assert "TJ tj jamoat" not in readme
    code, output = run_cli("plugin", "new", "x_y", "--country", "TJ", "--languages", "tg,RUSSIAN",
                           "--out", str(tmp_path))
    assert code == 2 and "language 'RUSSIAN'" in output


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
    assert "5 passed" in tests.stdout
