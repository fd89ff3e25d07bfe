"""What a plugin gets from the core: the core's context read-only and a helper set (issue 19 points 1, 3), and a
municipality's own templates (point 8)."""

from __future__ import annotations

import dataclasses
import io
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest

from sedp_core.authoring.template_check import check_all_templates
from sedp_core.errors import PluginError
from sedp_core.hookspecs import hookimpl
from sedp_core.registry.collect import get_registry
from sedp_core.registry.manager import get_plugin_manager
from sedp_core.rendering.context import build_context
from sedp_core.rendering.context_rows import GoalRow
from sedp_core.rendering.unconfirmed import plain
from sedp_core.validation.validate import validate_file
from tests.conftest import docx_text, run_cli

SENTENCE = {"en": "{count} activities cost {cost}", "ru": "{count} мероприятий стоят {cost}"}


def _with_labels(labels: dict[str, dict[str, str]]) -> None:
    """Give the demo methodology extra labels, in the registry every command uses."""
    registry = get_registry()
    key = ("demo", "1")
    m = registry.methodologies[key]
    registry.methodologies[key] = dataclasses.replace(m, labels={**m.labels, **labels})


def test_the_context_hook_gets_the_core_context_read_only_and_helpers(demo_plugin: Any, demo_sample: Path) -> None:
    seen: dict[str, Any] = {}

    class Probe:
        @hookimpl
        def sedp_document_context(self, program: Any, methodology: Any, core_context: Any,
                                  helpers: Any) -> dict[str, Any] | None:
            if methodology.id != "demo":
                return None
            seen["core"], seen["helpers"] = core_context, helpers
            return {"sentence": helpers.label("sentence", count=len(program.activities),
                                              cost=helpers.money(program.activities[0].cost.amount))}

    get_plugin_manager().register(Probe(), name="probe")
    _with_labels({"sentence": SENTENCE})
    result = validate_file(demo_sample)
    assert result.program is not None
    ctx = build_context(result.program, get_registry().methodology("demo"), result.methodology.documents[0], "ru")
    core, h = seen["core"], seen["helpers"]
    assert ctx["sentence"] == "1 мероприятий стоят 1\u00a0500\u00a0000\u00a0KGS"
    assert isinstance(core["goal_rows"][0], GoalRow) and core["goal_rows"][0].goal == "Процветание"
    assert "sentence" not in core and "motto" not in core  # the core's names, not other plugins'
    with pytest.raises(TypeError):
        core["goal_rows"] = ()  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        core["goal_rows"][0].goal = "changed"
    # Wording without a Russian text is a marked placeholder, never the English text (sedp_core.rendering.unconfirmed).
    assert plain(h.code_title("demo_unit", "town")) == "[текст на русском языке не заполнен]"
    assert h.code_title("funding_source_kind", "local_budget") == core["codes"]["funding_source_kind"]["local_budget"]
    assert plain(h.code_title("funding_source_kind", "local_budget")) == "местный бюджет"
    assert h.code_title("demo_unit", "hamlet") == "hamlet" and h.code_title("demo_unit", None) == ""
    assert set(h.codelist("demo_unit")) == {"town", "village"}
    assert h.catalog_entry("demo_strategy", "S2").title == {"en": "Health"}
    assert h.entry_title("demo_strategy", "S9") == "S9"
    assert plain(h.entry_title("demo_strategy", "S1")) == plain(h.catalog_title("demo_strategy")) != "Prosperity"
    assert h.text(result.program.municipality.name) == "г. Демо"
    assert h.date("2026-03-05") == "5 марта 2026\u202fг." and h.number(1234.5, 1) == "1\u00a0234,5"
    assert h.percent(0.25) == "25\u00a0%" and h.amount(None) == "—"
    assert h.matrix([("a", "A")], [(1, "1")], [("a", 1, 2.0)]).rows[0].total == 2.0
    with pytest.raises(PluginError, match="no label 'nothing'"):
        h.label("nothing")
    with pytest.raises(PluginError, match="values given: count"):
        h.label("sentence", count=1)


def test_a_hook_written_for_the_old_signature_still_works(demo_plugin: Any, demo_sample: Path) -> None:
    # tests/demo/plugin.py takes (program, methodology, document, language), as the docs showed until now.
    result = validate_file(demo_sample)
    assert result.program is not None
    ctx = build_context(result.program, result.methodology, result.methodology.documents[0], "en")
    assert ctx["motto"] == "A & B <together>"
    assert ctx["goal_rows"][0]["goal"] == "Prosperity" and dict(ctx["goal_rows"][0])["goal_no"] == "1"


def test_templates_check_compares_placeholders_with_the_values_passed(demo_plugin: Any) -> None:
    class Sentence:
        @hookimpl
        def sedp_document_context(self, methodology: Any, helpers: Any) -> dict[str, Any] | None:
            if methodology.id != "demo":
                return None
            return {"sentence": helpers.label("sentence", count=2, cost="x")}

    get_plugin_manager().register(Sentence(), name="sentence")
    _with_labels({"sentence": SENTENCE})
    problems, _ = check_all_templates()
    assert [p for p in problems if p.startswith("demo@")] == []
    # A translation that lost a placeholder, and a language whose text uses a name the code does not pass.
    _with_labels({"sentence": {"en": "{count} activities cost {cost}", "ru": "{count} мероприятий"}})
    problems, _ = check_all_templates()
    assert ("demo@1: label 'sentence' has different placeholders in its languages: en {cost, count}; ru {count}"
            in problems)
    assert "demo@1: label 'sentence' [ru] has placeholders {count} but its code passes {cost, count}" in problems
    _with_labels({"sentence": {"en": "{count} for {total}", "ru": "{count} за {total}"}})
    problems, _ = check_all_templates()
    assert "demo@1: label 'sentence' [en] has placeholders {count, total} but its code passes {cost, count}" in problems


def test_the_template_filter_label_fills_a_sentence(demo_plugin: Any, demo_sample: Path, tmp_path: Path) -> None:
    from tests.test_render import render_with

    _with_labels({"sentence": SENTENCE})
    result = validate_file(demo_sample)
    data = render_with(tmp_path, result, '{{ "sentence"|label(count=activity_rows|length, cost=0|money) }}', "ru")
    assert "1 мероприятий стоят 0\u00a0KGS" in docx_text(data)


# --- A municipality's own templates ------------------------------------------------------------------------------

def _letterhead_copy(template: Path, target: Path, line: str) -> Path:
    """The plugin's template with a letterhead line above everything, as an officer would make it in Word."""
    document = docx.Document(str(template))
    first = document.paragraphs[0]
    first.insert_paragraph_before(line)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


@pytest.mark.parametrize("methodology_id", ["kg.aa", "mn.onhs"])
def test_own_templates_replace_the_plugins_for_that_render(methodology_id: str, tmp_path: Path) -> None:
    m = get_registry().methodology(methodology_id)
    doc = next(d for d in m.documents if d.per is None)
    installed = doc.template.read_bytes()
    own = tmp_path / "letterhead"
    _letterhead_copy(doc.template, own / f"{doc.id}.docx", "AIYL OKMOTU OF SAMPLE — OUR LETTERHEAD")
    program = tmp_path / "p.yaml"
    shutil.copy(m.sample, program)
    main = m.languages[0]
    code, output = run_cli("render", str(program), "--out", str(tmp_path / "out"), "--document", doc.id,
                           "--templates", str(own), "--lang", main, "--jobs", "1")
    assert code == 0, output
    rendered = sorted((tmp_path / "out").glob(f"*_{doc.id}_*.docx"))
    assert rendered and all("OUR LETTERHEAD" in docx_text(p) for p in rendered)
    assert doc.template.read_bytes() == installed  # the plugin's own file is untouched
    # The same folder named in the program file.
    text = program.read_text(encoding="utf-8")
    program.write_text(f"templates: letterhead\n{text}", encoding="utf-8")
    code, output = run_cli("render", str(program), "--out", str(tmp_path / "out2"), "--document", doc.id,
                           "--lang", main, "--jobs", "1")
    assert code == 0, output
    assert all("OUR LETTERHEAD" in docx_text(p) for p in (tmp_path / "out2").glob("*.docx"))
    # Checked like the plugin's own: it passes, and another render without the folder keeps the plugin's template.
    code, output = run_cli("templates", "check", "--templates", str(own))
    assert code == 0 and " 0 problems" in output, output


def test_templates_check_reports_a_broken_or_stray_own_template(tmp_path: Path) -> None:
    m = get_registry().methodology("mn.onhs")
    doc = next(d for d in m.documents if d.per is None)
    own = tmp_path / "own"
    target = _letterhead_copy(doc.template, own / f"{doc.id}.docx", "{{ no_such_name }}")
    (own / "letter.docx").write_bytes(target.read_bytes())
    code, output = run_cli("templates", "check", "--templates", str(own))
    assert code == 1
    assert f"mn.onhs@2021 {doc.id} [mn]: {doc.id}.docx uses names its context lacks: no_such_name" in output
    assert "letter.docx: replaces no document of an installed methodology" in output
    code, output = run_cli("render", str(m.sample), "--out", str(tmp_path / "o"), "--templates", str(tmp_path / "x"))
    assert code == 2 and "the templates folder" in output and "does not exist" in output


def test_the_letterhead_text_reaches_the_page(tmp_path: Path) -> None:
    """The override is a whole template: its first paragraph is the letterhead, before the title block."""
    m = get_registry().methodology("kg.aa")
    doc = next(d for d in m.documents if d.per is None)
    own = tmp_path / "own"
    _letterhead_copy(doc.template, own / doc.template.name, "LETTERHEAD BY FILE NAME")
    program = tmp_path / "p.yaml"
    shutil.copy(m.sample, program)
    code, output = run_cli("render", str(program), "--out", str(tmp_path / "out"), "--document", doc.id,
                           "--templates", str(own), "--lang", "ky", "--jobs", "1")
    assert code == 0, output
    path = next((tmp_path / "out").glob("*.docx"))
    assert docx.Document(io.BytesIO(path.read_bytes())).paragraphs[0].text == "LETTERHEAD BY FILE NAME"
