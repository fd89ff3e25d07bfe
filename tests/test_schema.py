"""Committed JSON Schemas: in step with the models, and usable by any standard validator."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from sedp_core.registry.collect import get_registry
from sedp_core.schema.doc import schema_markdown
from sedp_core.schema.export import DRAFT, check_schemas, methodology_schema
from tests.conftest import EXAMPLES, ROOT

SCHEMAS = ROOT / "schemas"


def test_committed_schemas_match_the_models() -> None:
    assert check_schemas(SCHEMAS) == [], "run `sedp schema export` and commit schemas/"


def test_drift_is_detected(tmp_path: Path) -> None:
    from sedp_core.schema.export import export_schemas

    export_schemas(tmp_path)
    assert check_schemas(tmp_path) == []
    core = tmp_path / "core" / "program.schema.json"
    data = json.loads(core.read_text(encoding="utf-8"))
    data["description"] = "edited by hand"
    core.write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "old" / "1").mkdir(parents=True)
    (tmp_path / "old" / "1" / "program.schema.json").write_text("{}", encoding="utf-8")
    problems = check_schemas(tmp_path)
    assert "core/program.schema.json: differs from the models" in problems
    assert any(p.startswith("old/1/program.schema.json") for p in problems)


def test_schemas_are_draft_2020_12_with_versioned_ids() -> None:
    for path in SCHEMAS.rglob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$schema"] == DRAFT
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"].startswith("urn:sedp:schema:") and schema["$id"].count(":") >= 4


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_examples_validate_with_plain_jsonschema(example: Path) -> None:
    from sedp_core.input.loader import load_file

    data = load_file(example).data
    m = data["methodology"]
    version = m.get("version") or get_registry().methodology(m["id"]).version
    schema = json.loads((SCHEMAS / m["id"] / version / "program.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(data))
    assert errors == []


def test_plain_jsonschema_rejects_what_sedp_rejects(demo_plugin: object, demo_sample: Path) -> None:
    from sedp_core.input.loader import load_file

    schema = methodology_schema(get_registry().methodology("demo"))
    data = load_file(demo_sample).data
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(data)) == []
    data["municipality"]["population"] = "many"
    data["surprise"] = 1
    assert len(list(validator.iter_errors(data))) == 2


def test_schema_doc_describes_plugin_fields_and_codes(demo_plugin: object) -> None:
    text = schema_markdown(get_registry().methodology("demo"))
    assert "| `motto` | string or null | no | demo | A motto printed under the title. |" in text
    assert "| `vision` |" in text and "| core |" in text
    assert "`local_budget` Local budget" in text  # codes of a bound codelist are listed
    assert "| `S1` | Prosperity | confirmed |" in text


def test_bound_codelists_become_enums_for_plain_validators(demo_plugin: object, demo_sample: Path) -> None:
    from sedp_core.input.loader import load_file

    schema = methodology_schema(get_registry().methodology("demo"))
    assert schema["$defs"]["Municipality"]["properties"]["kind"]["enum"] == ["town", "village"]
    assert schema["$defs"]["FundingSource"]["properties"]["kind"]["x-sedp-codelist"] == "funding_source_kind"
    data = load_file(demo_sample).data
    data["municipality"]["kind"] = "metropolis"
    [error] = jsonschema.Draft202012Validator(schema).iter_errors(data)
    assert error.validator == "enum"


def test_schema_diff_lists_fields_and_codes(demo_plugin: object) -> None:
    import copy

    from sedp_core.schema.diff import diff_schemas

    old = methodology_schema(get_registry().methodology("demo"))
    new = copy.deepcopy(old)
    del new["properties"]["motto"]
    new["$defs"]["Activity"]["required"].append("location")
    new["$defs"]["Municipality"]["properties"]["kind"]["enum"] = ["town", "city"]
    new["properties"]["slogan"] = {"type": "string"}
    changes = {str(c) for c in diff_schemas(old, new)}
    assert changes == {
        "- removed        Program.motto",
        "+ added          Program.slogan: optional",
        "~ required       Activity.location",
        "+ codes-added    Municipality.kind: city",
        "- codes-removed  Municipality.kind: village",
    }
    assert diff_schemas(old, old) == []


def test_schema_doc_opens_clearly_keeps_redefined_descriptions_and_lists_rules(demo_plugin: object) -> None:
    """Issue 19 point 7: what a reviewer reads first, fields a plugin redefines, and the rules it applies."""
    import dataclasses

    from pydantic import Field

    from sedp_core.models import Municipality, Program

    class TownMunicipality(Municipality):
        """A town, with its wards."""

        wards: int = Field(default=0, description="Number of wards.")

    class TownProgram(Program):
        """A town program."""

        vision: str | None = None  # redefined without a description
        municipality: TownMunicipality

    registry = get_registry()
    demo = registry.methodology("demo")
    text = schema_markdown(demo)
    head = text.split("## Program", 1)[0]
    assert "The program of the methodology Demo methodology (demo, version 1), from the plugin demo." in head
    assert "gives no description of the methodology" in head and "Demo methodology Extends" not in text
    assert ("| `demo.motto` | `demo.motto-long` | warning | the motto is longer than 60 characters |" in text)
    assert ("| `core.references` | `ref.missing-task` | error | activity '{activity}' names task '{id}', which does "
            "not exist | мероприятие ссылается на несуществующую задачу {id} |") in text
    town = dataclasses.replace(demo, version="2", default=False, program_model=TownProgram,
                               description={"en": "Towns of the demo country."})
    registry.methodologies[("demo", "2")] = town
    text = schema_markdown(town)
    assert text.split("\n")[2] == "Towns of the demo country."
    assert "| `vision` | string or null | no | core (changed by" in text and "| Vision statement. |" in text
    assert "| `municipality` | TownMunicipality | yes |" in text and "A town, with its wards. |" in text


@pytest.mark.parametrize(("methodology_id", "language", "words"), [
    ("kg.aa", "ru", ("| Поле | Тип | Обязательно | Кем добавлено | Описание |", "## Правила", "Сообщение (ru)")),
    ("mn.onhs", "mn", ("| Талбар | Төрөл | Заавал | Хэн нэмсэн | Тайлбар |", "## Дүрмүүд", "Мэдэгдэл (mn)")),
])
def test_schema_doc_in_a_reviewer_s_language(methodology_id: str, language: str, words: tuple[str, ...]) -> None:
    """`sedp schema doc --lang`: the tables' words, the fields' descriptions, codes' titles and the rules'
    messages in that language; nothing of the English description is left in a table row."""
    m = get_registry().methodology(methodology_id)
    english = schema_markdown(m)
    text = schema_markdown(m, language=language)
    assert all(w in text for w in words), [w for w in words if w not in text]
    english_rows = [line for line in english.splitlines() if line.startswith("| `")]
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) == len(english_rows)
    left = [row for row in rows if row in english_rows and re.search(r"\| [A-Za-z][a-z]+ [a-z]+", row)]
    assert not left, left[:5]
    assert not [row for row in rows if re.search(r"\| (string|integer|list of|yes|no|core)\b| or ", row)], rows[:3]
