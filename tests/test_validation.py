"""Validation: every problem in one report, with stable codes, JSON Pointers and YAML locations."""

from __future__ import annotations

from pathlib import Path

import pytest

from sedp_core.errors import InputError
from sedp_core.validation.validate import validate_file


def write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def codes(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in result.report.findings]


def test_sample_is_valid(demo_plugin: object, demo_sample: Path) -> None:
    result = validate_file(demo_sample)
    assert result.report.findings == []
    assert result.program is not None
    assert result.program.motto == "A & B <together>"


def test_every_problem_is_reported_in_one_run(demo_plugin: object, demo_sample: Path) -> None:
    text = demo_sample.read_text(encoding="utf-8")
    text = text.replace("task: T1", "task: T9").replace("code: S1", "code: S7").replace("kind: town", "kind: city")
    text = text.replace("source: LB, year: 2026", "source: XX, year: 2026")
    result = validate_file(write(demo_sample.parent, text))
    found = set(codes(result))
    assert {"ref.missing-task", "alignment.unknown-code", "codelist.unknown-code", "ref.missing-source"} <= found
    assert result.program is None and not result.report.valid


def test_schema_errors_carry_pointer_and_yaml_line(demo_plugin: object, demo_sample: Path) -> None:
    lines = demo_sample.read_text(encoding="utf-8").splitlines()
    idx = next(i for i, line in enumerate(lines) if "population: 12500" in line)
    lines[idx] = "  population: many"
    result = validate_file(write(demo_sample.parent, "\n".join(lines)))
    [f] = [f for f in result.report.findings if f.path == "/municipality/population"]
    assert f.code.startswith("schema.")
    assert f.severity == "error"
    assert f.location == f"{demo_sample.parent / 'p.yaml'}:{idx + 1}:3"


def test_missing_required_field_is_named(demo_plugin: object, demo_sample: Path) -> None:
    text = demo_sample.read_text(encoding="utf-8").replace("period: {start_year: 2025, end_year: 2027}\n", "")
    result = validate_file(write(demo_sample.parent, text))
    [f] = [f for f in result.report.findings if f.path == "/period"]
    assert f.code == "schema.missing"


def test_end_year_before_start_year(demo_plugin: object, demo_sample: Path) -> None:
    text = demo_sample.read_text(encoding="utf-8").replace("end_year: 2027", "end_year: 2020")
    result = validate_file(write(demo_sample.parent, text))
    assert any(f.path == "/period" and "before" in f.message() for f in result.report.errors)


def test_unknown_field_is_a_warning_and_the_rest_is_still_checked(demo_plugin: object, demo_sample: Path) -> None:
    text = demo_sample.read_text(encoding="utf-8").replace("motto:", "colour: blue\nmotto:")
    result = validate_file(write(demo_sample.parent, text))
    [f] = [f for f in result.report.findings if f.code == "schema.unknown-field"]
    assert f.severity == "warning" and f.path == "/colour"
    assert result.program is not None  # a warning alone keeps the program valid


def test_money_rules(demo_plugin: object, demo_sample: Path) -> None:
    # The activity now uses 1,000,000 in 2026 while the source gives 800,000 that year, and costs less than financed.
    text = demo_sample.read_text(encoding="utf-8")
    text = text.replace("year: 2026, amount: 500000", "year: 2026, amount: 1000000")
    result = validate_file(write(demo_sample.parent, text))
    found = codes(result)
    assert "money.source-overcommitted" in found
    assert "money.overfinanced" in found


def test_year_outside_period(demo_plugin: object, demo_sample: Path) -> None:
    text = demo_sample.read_text(encoding="utf-8").replace("schedule: [2025, 2026]", "schedule: [2025, 2031]")
    result = validate_file(write(demo_sample.parent, text))
    [f] = [f for f in result.report.findings if f.code == "period.year-outside"]
    assert f.path == "/activities/0/schedule/1"


def test_duplicate_ids(demo_plugin: object, demo_sample: Path) -> None:
    text = demo_sample.read_text(encoding="utf-8").replace("id: G1.1", "id: G1")
    result = validate_file(write(demo_sample.parent, text))
    assert "id.duplicate" not in codes(result)  # goal and objective ids are different kinds
    text = text.replace("id: T1", "id: A1")
    assert "id.duplicate" not in codes(validate_file(write(demo_sample.parent, text)))
    text = demo_sample.read_text(encoding="utf-8").replace(
        "    - id: LB", "    - id: LB\n      kind: donor\n      name: X\n    - id: LB"
    )
    assert codes(validate_file(write(demo_sample.parent, text))).count("id.duplicate") == 2


def test_plugin_translates_messages(demo_plugin: object, demo_sample: Path) -> None:
    text = demo_sample.read_text(encoding="utf-8").replace("task: T1", "task: T9").replace("languages: [en, ru]",
                                                                                           "languages: [ru, en]")
    result = validate_file(write(demo_sample.parent, text))
    [f] = [f for f in result.report.findings if f.code == "ref.missing-task"]
    assert f.messages["ru"] == "мероприятие ссылается на несуществующую задачу T9"
    assert "T9" in f.messages["en"]


def test_plugin_rule_runs_only_for_its_methodology(demo_plugin: object, demo_sample: Path) -> None:
    text = demo_sample.read_text(encoding="utf-8").replace('motto: "A & B <together>"', "motto: " + "x" * 70)
    result = validate_file(write(demo_sample.parent, text))
    [f] = [f for f in result.report.findings if f.code == "demo.motto-long"]
    assert f.rule == "demo.motto" and f.severity == "warning"


def test_forbidden_xml_characters_are_removed_with_a_warning(demo_plugin: object, demo_sample: Path) -> None:
    text = demo_sample.read_text(encoding="utf-8").replace('motto: "A & B <together>"', 'motto: "bell\\a and\\x0bvt"')
    result = validate_file(write(demo_sample.parent, text))
    [f] = [f for f in result.report.findings if f.code == "text.forbidden-character"]
    assert f.path == "/motto" and f.severity == "warning"
    assert result.program is not None and result.program.motto == "bell andvt"


@pytest.mark.parametrize(
    ("content", "expected", "code"),
    [
        ("id: [unclosed\n", "YAML error", "input.yaml-syntax"),
        ("", "empty", "input.empty"),
        ("- just\n- a list\n", "mapping", "input.not-a-mapping"),
        ("id: x\n", "does not say its methodology", "input.no-methodology"),
        ("id: x\nmethodology: {id: nowhere}\n", "unknown methodology 'nowhere'", "input.unknown-methodology"),
        ("id: x\nmethodology: {id: demo, version: '9'}\n", "has no version '9'", "input.unknown-version"),
        ("a: 1\na: 2\n", "duplicate key", "input.duplicate-key"),
    ],
)
def test_unusable_input_raises_input_error(
    demo_plugin: object, tmp_path: Path, content: str, expected: str, code: str
) -> None:
    with pytest.raises(InputError) as info:
        validate_file(write(tmp_path, content))
    assert expected in str(info.value)
    assert info.value.code == code


def test_yaml_syntax_error_is_located(demo_plugin: object, tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        validate_file(write(tmp_path, "id: x\ntitle: [a, b\nlanguages: [en]\n"))
    assert info.value.location is not None and info.value.location.startswith(str(tmp_path / "p.yaml") + ":")


def test_not_utf8_is_refused_with_advice(demo_plugin: object, tmp_path: Path) -> None:
    path = tmp_path / "cp1251.yaml"
    path.write_bytes("title: Программа\n".encode("cp1251"))
    with pytest.raises(InputError, match="not UTF-8"):
        validate_file(path)


def test_alias_bomb_is_stopped(demo_plugin: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEDP_MAX_NODES", "10000")
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        prev = chr(ord("a") + i - 1)
        levels.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    with pytest.raises(InputError, match="too many values"):
        validate_file(write(tmp_path, "\n".join(levels) + "\n"))


def test_json_input(demo_plugin: object, demo_sample: Path) -> None:
    import json

    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(demo_sample.read_text(encoding="utf-8"))
    path = demo_sample.with_suffix(".json")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert validate_file(path).report.findings == []
