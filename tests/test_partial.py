"""Every problem in one run: the rules check what passed the schema, and say what they could not check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sedp_core import hookimpl
from sedp_core.findings import Finding
from sedp_core.registry.collect import get_registry
from sedp_core.registry.manager import get_plugin_manager
from sedp_core.validation.validate import validate_file
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"


def _after(text: str, anchor: str, old: str, new: str) -> str:
    """`text` with the first `old` after `anchor` replaced by `new`."""
    start = text.index(anchor)
    at = text.index(old, start)
    return text[:at] + new + text[at + len(old):]


# One bundled sample per methodology: a bad date (a schema error) and, elsewhere, a reference to nothing (a rule
# error the core or the plugin raises).
CASES = {
    "kg.aa": ("kyrgyz_aa/ak_kyya_2025_2027.yaml",
              lambda t: _after(_after(t, "working_group:", "date: 2024-06-17", "date: 17.06.2024"),
                               "- id: A3", "task: T1.1.2", "task: T9.9.9"),
              "/working_group/decision/date", "ref.missing-task"),
    "mn.onhs": ("mongolia_onhs/tariat_2026.yaml",
                lambda t: _after(_after(t, "- id: M-B1", "date: '2025-04-18'", "date: '18.04.2025'"),
                                 "- id: B3-01", "task: T1.1.1", "task: T9.9.9"),
                "/meetings/0/date", "onhs.unknown-task"),
    "mn.bag-program": ("mongolia_onhs/shaamar_bag2_2026_2031.yaml",
                       lambda t: _after(_after(t, "approval:", "date: 2025-12-19", "date: 19.12.2025"),
                                        "- id: A02", "{source: SOUM,", "{source: NOWHERE,"),
                       "/approval/date", "ref.missing-source"),
}


@pytest.mark.parametrize("methodology", sorted(CASES))
def test_a_schema_error_does_not_hide_the_rule_errors(methodology: str, tmp_path: Path) -> None:
    sample, change, schema_path, rule_code = CASES[methodology]
    path = tmp_path / "p.yaml"
    path.write_text(change((EXAMPLES / sample).read_text(encoding="utf-8")), encoding="utf-8")
    result = validate_file(path)
    assert result.report.methodology == methodology
    assert [f.path for f in result.report.errors if f.code.startswith("schema.")] == [schema_path]
    [rule_error] = [f for f in result.report.errors if f.code == rule_code]
    assert rule_error.location and rule_error.location.startswith(f"{path}:")  # located in the file
    # The report says what the rules did not see, and that the approved sample's rendering check did not run.
    [partial] = [f for f in result.report.findings if f.code == "rules.partial"]
    assert partial.severity == "warning" and schema_path.rsplit("/", 1)[0] in partial.message()
    assert {"ky", "ru", "mn"} <= set(partial.messages)  # the officer's language, from the core's catalog
    [not_run] = [f for f in result.report.findings if f.code == "rule.not-run"]
    assert "core.unconfirmed" in not_run.message()
    assert result.program is None and not result.report.valid


def test_rule_findings_keep_the_file_s_indices(demo_plugin: object, demo_sample: Path) -> None:
    # The first activity cannot be read (its cost is not a number), so the rules check the others; the second
    # activity's error must still point at /activities/1 and its line, not at /activities/0.
    text = demo_sample.read_text(encoding="utf-8").replace("activities:\n", """activities:
  - id: A0
    title: {en: "Broken", ru: "Сломано"}
    cost: {amount: lots, currency: KGS}
""")
    text = text.replace("task: T1", "task: T9")
    demo_sample.write_text(text, encoding="utf-8")
    result = validate_file(demo_sample)
    [ref] = [f for f in result.report.findings if f.code == "ref.missing-task"]
    assert ref.path == "/activities/1/task"
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "task: T9" in row)
    assert ref.location == f"{demo_sample}:{line}:5"


def test_what_was_left_out_causes_no_finding(demo_plugin: object, demo_sample: Path) -> None:
    # Task T1 cannot be read (its title is a number list), so it is left out: the activity naming it must not
    # be reported as naming a task that does not exist.
    text = demo_sample.read_text(encoding="utf-8").replace(
        'title: {en: "Build a market", ru: "Построить рынок"}', "title: [1, 2]")
    demo_sample.write_text(text, encoding="utf-8")
    result = validate_file(demo_sample)
    codes = [f.code for f in result.report.findings]
    assert any(c.startswith("schema.") for c in codes)
    assert "ref.missing-task" not in codes
    [partial] = [f for f in result.report.findings if f.code == "rules.partial"]
    assert "/goals/0/objectives/0/tasks/0" in partial.message()


def test_a_required_part_in_error_stops_only_the_rules_that_need_it(demo_plugin: object, demo_sample: Path) -> None:
    text = demo_sample.read_text(encoding="utf-8").replace("start_year: 2025", "start_year: 20x5")
    text = text.replace("task: T1", "task: T9")
    demo_sample.write_text(text, encoding="utf-8")
    result = validate_file(demo_sample)
    codes = [f.code for f in result.report.findings]
    assert "ref.missing-task" in codes  # the references rule does not need the period
    [not_run] = [f for f in result.report.findings if f.code == "rule.not-run"]
    assert "core.years_in_period" in not_run.message() and "/period" in not_run.message()
    assert "core.references" not in not_run.message()


class _CrashingRule:
    """A plugin whose rule reads the period without a second thought, and one that always fails."""

    @staticmethod
    @hookimpl
    def sedp_register_validators(register: Any) -> None:
        def period_length(program: Any, ctx: Any) -> Iterator[Finding]:
            if program.period.end_year - program.period.start_year > 50:
                yield Finding("crash.long", "warning", "/period", {"en": "long"})

        def broken(program: Any, ctx: Any) -> Iterator[Finding]:
            raise ZeroDivisionError("division by zero")

        register("crash.period_length", period_length)
        register("crash.broken", broken)


@pytest.fixture
def crashing_plugin(demo_plugin: object) -> Iterator[None]:
    get_plugin_manager().register(_CrashingRule, name="crash")
    get_registry.cache_clear()
    yield
    get_plugin_manager().unregister(name="crash")
    get_registry.cache_clear()


def test_a_plugin_rule_that_fails_on_a_partial_program_is_named(crashing_plugin: None, demo_sample: Path) -> None:
    text = demo_sample.read_text(encoding="utf-8").replace("end_year: 2027", "end_year: next")
    demo_sample.write_text(text, encoding="utf-8")
    result = validate_file(demo_sample)  # no traceback
    [not_run] = [f for f in result.report.findings if f.code == "rule.not-run"]
    assert "crash.period_length" in not_run.message() and "crash.broken" in not_run.message()
    assert not_run.severity == "warning"

