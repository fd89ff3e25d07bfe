"""Exports: open data (a Frictionless package without personal data), canonical JSON, Pabulib, plugin exporters."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from frictionless import validate

from sedp_core.errors import InputError
from sedp_core.exchange.pabulib import PbProject, PbVote, pabulib_text
from sedp_core.schema.export import methodology_schema
from sedp_core.validation.validate import load_program
from tests.conftest import EXAMPLES, ROOT, run_cli
from tests.exchange_plugin import PERSON, PHONES

run = run_cli


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_opendata_package_is_valid_and_complete(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "open"
    code, output = run("export", str(demo_sample), "--format", "opendata", "--out", str(out))
    assert code == 0, output
    report = validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in package["resources"]}
    assert {"program", "goals", "objectives", "tasks", "indicators", "targets", "activities", "financing",
            "sources", "amounts", "alignment"} <= names
    program = read_csv(out / "program.csv")
    assert len(program) == 1 and program[0]["id"] == "demo-town" and program[0]["motto"] == "A & B <together>"
    objectives = read_csv(out / "objectives.csv")
    assert objectives[0]["goal_id"] == "G1" and objectives[0]["title[ru]"] == "Рабочие места"
    targets = read_csv(out / "targets.csv")
    assert [(t["indicator_code"], t["year"], t["value"]) for t in targets] == [("I1", "2025", "20"),
                                                                               ("I1", "2027", "40")]
    goals = next(r for r in package["resources"] if r["name"] == "objectives")
    assert goals["schema"]["foreignKeys"][0]["reference"] == {"resource": "goals", "fields": ["id"]}


def test_opendata_leaves_personal_data_out(wells_plugin: object, wells_program: Path, tmp_path: Path) -> None:
    out = tmp_path / "open"
    code, output = run("export", str(wells_program), "--format", "opendata", "--out", str(out))
    assert code == 0, output
    assert validate(str(out / "datapackage.json")).valid
    everything = "".join(p.read_text(encoding="utf-8") for p in out.iterdir())
    for secret in (*PHONES, PERSON):
        assert secret not in everything
    assert "contractor_phone" not in everything and not (out / "caretakers.csv").exists()
    repairs = read_csv(out / "repairs.csv")
    assert repairs == [{"well_id": "W-01", "year": "2025", "cost": "1500.75"}]
    wells = read_csv(out / "wells.csv")
    assert wells[0]["users"] == "H1; H2" and wells[0]["working"] == "false" and wells[0]["dug_on"] == "1998-05-01"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_examples_make_valid_packages(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "open"
    code, output = run("export", str(example), "--format", "opendata", "--out", str(out))
    assert code == 0, output
    report = validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])


def test_json_export_validates_against_the_schema(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "program.json"
    code, output = run("export", str(demo_sample), "--format", "json", "--out", str(out))
    assert code == 0, output
    data = json.loads(out.read_text(encoding="utf-8"))
    program, methodology, _ = load_program(demo_sample)
    jsonschema.Draft202012Validator(methodology_schema(methodology)).validate(data)
    assert data["motto"] == "A & B <together>" and data == program.model_dump(mode="json")
    assert load_program(out)[0].model_dump() == program.model_dump()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_examples_json_validates_against_committed_schema(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "program.json"
    assert run("export", str(example), "--format", "json", "--out", str(out))[0] == 0
    _, methodology, _ = load_program(example)
    committed = ROOT / "schemas" / methodology.id / methodology.version / "program.schema.json"
    schema = json.loads(committed.read_text(encoding="utf-8")) if committed.is_file() else methodology_schema(
        methodology)
    jsonschema.Draft202012Validator(schema).validate(json.loads(out.read_text(encoding="utf-8")))


def test_export_refuses_overwrite_and_unknown_format(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "program.json"
    out.write_text("{}", encoding="utf-8")
    code, output = run("export", str(demo_sample), "--format", "json", "--out", str(out))
    assert code == 2 and "already exists" in output and out.read_text(encoding="utf-8") == "{}"
    code, output = run("export", str(demo_sample), "--format", "pdf", "--out", str(tmp_path / "x"))
    assert code == 2 and "unknown format 'pdf'" in output and "opendata" in output


def test_plugin_exporter_writes_pabulib(wells_plugin: object, wells_program: Path, tmp_path: Path) -> None:
    out = tmp_path / "wells.pb"
    code, output = run("export", str(wells_program), "--format", "wells-pb", "--out", str(out))
    assert code == 0, output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("META\nkey;value\n")
    projects = text.split("PROJECTS\n", 1)[1].splitlines()
    assert projects[0] == "project_id;cost;name;votes;selected"
    assert projects[1:] == ["W-01;1500.75;North well;2;0", "W-02;0;South well;0;1"]


def sections(text: str) -> dict[str, list[list[str]]]:
    """A small Pabulib reader: section title → rows (header first)."""
    out: dict[str, list[list[str]]] = {}
    current = ""
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        if len(row) == 1 and row[0] in ("META", "PROJECTS", "VOTES"):
            current = row[0]
            out[current] = []
        else:
            out[current].append(row)
    return out


def test_pabulib_text() -> None:
    meta = {"description": "Fund; year 2026", "country": "Testland", "unit": "Valley", "instance": 2026,
            "budget": 1000, "vote_type": "approval", "rule": "greedy"}
    projects = [PbProject("1", 600, "Well", votes=2, selected=True, extra={"category": "water"}),
                PbProject("2", 500.5, "Road", votes=1, selected=False)]
    votes = [PbVote("v1", ["1", "2"], extra={"age": 30}), PbVote("v2", ["1"])]
    parsed = sections(pabulib_text(meta, projects, votes))
    meta_rows = dict(parsed["META"][1:])
    assert meta_rows["description"] == "Fund; year 2026"  # a ';' inside a value is quoted, not a new column
    assert meta_rows["num_projects"] == "2" and meta_rows["num_votes"] == "2"
    assert parsed["PROJECTS"][0] == ["project_id", "cost", "name", "votes", "selected", "category"]
    assert parsed["PROJECTS"][1] == ["1", "600", "Well", "2", "1", "water"]
    assert parsed["PROJECTS"][2][1] == "500.5"
    assert parsed["VOTES"] == [["voter_id", "vote", "age"], ["v1", "1,2", "30"], ["v2", "1", ""]]


def test_pabulib_refuses_incomplete_instances() -> None:
    projects = [PbProject("1", 600)]
    with pytest.raises(InputError, match="budget"):
        pabulib_text({"description": "x", "country": "c", "unit": "u", "instance": "i", "vote_type": "approval",
                      "rule": "greedy"}, projects)
    meta = {"description": "x", "country": "c", "unit": "u", "instance": "i", "budget": 1, "vote_type": "approval",
            "rule": "greedy"}
    with pytest.raises(InputError, match="unknown project"):
        pabulib_text(meta, projects, [PbVote("v1", ["9"])])
    with pytest.raises(InputError, match="vote_type"):
        pabulib_text({**meta, "vote_type": "plurality"}, projects)


def test_replacing_a_package_removes_tables_that_became_empty(wells_plugin: object, wells_program: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "open"
    assert run("export", str(wells_program), "--format", "opendata", "--out", str(out))[0] == 0
    assert (out / "repairs.csv").exists()
    data = json.loads(wells_program.read_text(encoding="utf-8"))
    data["wells"][0]["repairs"] = []
    wells_program.write_text(json.dumps(data), encoding="utf-8")
    (out / "notes_by_hand.csv").write_text("kept\n", encoding="utf-8")  # not listed: never touched
    assert run("export", str(wells_program), "--format", "opendata", "--out", str(out), "--force")[0] == 0
    assert not (out / "repairs.csv").exists() and (out / "notes_by_hand.csv").exists()
    assert validate(str(out / "datapackage.json")).valid


def test_every_delimited_file_is_written_by_the_one_formula_safe_writer() -> None:
    """CSV, TSV and .pb text is written only by sedp_core/exchange/csvtext.py, which neutralizes formulas: a new
    exporter
    that calls the csv module itself would publish live spreadsheet formulas again."""
    root = Path(__file__).parent.parent
    writers = [f"{p.relative_to(root)}" for base in ("sedp_core", "plugins") for p in (root / base).rglob("*.py")
               if p.name != "csvtext.py" and re.search(r"csv\.(writer|DictWriter)\b", p.read_text(encoding="utf-8"))]
    assert writers == []


def test_every_person_name_field_is_marked_personal_or_declared_public_with_a_reason() -> None:
    """Each methodology's reviewed list (Methodology.personal_data) covers every field that looks like a person's
    name (who, chair, secretary, governor, member, assessor...), and names no field that does not exist."""
    from sedp_core.exchange.personal import listed_patterns_without_field, personal_data, unreviewed_person_fields
    from sedp_core.registry.collect import get_registry

    for methodology in get_registry().methodologies.values():
        assert methodology.personal_data is not None, methodology.key
        assert unreviewed_person_fields(methodology) == [], methodology.key
        assert listed_patterns_without_field(methodology) == [], methodology.key
        reviewed = personal_data(methodology)
        assert all(why.strip() for why in (*reviewed.personal.values(), *reviewed.public.values()))


def _values_at(data: object, pattern: list[str]) -> list[str]:
    if not pattern:
        if isinstance(data, str):
            return [data]
        if isinstance(data, dict):
            return [v for v in data.values() if isinstance(v, str)]
        if isinstance(data, list):
            return [v for item in data for v in _values_at(item, [])]
        return []
    head, *rest = pattern
    if head == "*":
        items = data if isinstance(data, list) else list(data.values()) if isinstance(data, dict) else []
        return [v for item in items for v in _values_at(item, rest)]
    return _values_at(data.get(head), rest) if isinstance(data, dict) else []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name + "/" + p.name)
def test_open_data_publishes_no_value_of_a_personal_field(example: Path, tmp_path: Path) -> None:
    """No name from a field the reviewed list marks personal appears anywhere in the package (48 names from 9
    Mongolian fields did)."""
    from sedp_core.exchange.opendata import write_datapackage
    from sedp_core.exchange.personal import personal_data

    program, methodology, _ = load_program(example)
    data = program.model_dump(mode="json")
    reviewed = personal_data(methodology)

    def values(patterns: object) -> set[str]:
        return {v for pattern in patterns for v in _values_at(data, pattern.strip("/").split("/"))
                if len(v.strip()) > 3}

    # An official who also chairs a meeting is published by the public field (the head who signs), not by this.
    names = values(reviewed.personal) - values(reviewed.public)
    published = "\n".join(p.read_text(encoding="utf-8") for p in write_datapackage(program, methodology, tmp_path))
    assert sorted(n for n in names if n in published) == []


MONGOLIAN = [e for e in EXAMPLES if e.parent.name == "mongolia_onhs" and "bag" not in e.name]


@pytest.mark.parametrize("example", MONGOLIAN, ids=lambda p: p.name)
def test_pabulib_file_read_by_pabutools_reproduces_the_funded_set_with_the_rule_it_names(example: Path,
                                                                                         tmp_path: Path) -> None:
    """pabutools (the Pabulib project's own parser) reads the .pb; the rule the file names, run on what pabutools
    read, funds exactly the projects sedp funds (the file said greedy over approval votes, which funded 14
    projects of Tariat against sedp's 10)."""
    from pabutools.election import parse_pabulib

    from sedp_core.registry.collect import get_registry
    from sedp_mongolia_onhs.ldf.allocation import soum_allocation

    program, methodology, _ = load_program(example)
    [path] = get_registry().exporters["pabulib"].function(program, methodology, tmp_path)
    instance, _ = parse_pabulib(str(path))
    meta = instance.meta
    assert meta["vote_type"] == "scoring" and meta["rule"] == "greedy", meta
    budget = float(instance.budget_limit)
    spent, funded = 0.0, set()
    order = sorted(instance, key=lambda p: (-float(instance.project_meta[p]["score"]),
                                            int(instance.project_meta[p]["rank"])))
    for project in order:  # Pabulib's greedy: by decreasing score, skipping what does not fit
        if spent + float(project.cost) <= budget:
            spent += float(project.cost)
            funded.add(project.name)
    expected = {line.item.proposal.id for line in soum_allocation(program) if line.funded}
    assert funded == expected
    assert {p.name for p in instance if instance.project_meta[p].get("selected") == "1"} == expected
    votes_greedy, spent = set(), 0.0
    for project in sorted(instance, key=lambda p: -int(instance.project_meta[p].get("votes") or 0)):
        if spent + float(project.cost) <= budget:
            spent += float(project.cost)
            votes_greedy.add(project.name)
    assert votes_greedy != expected or example.name != "tariat_2026.yaml"  # why the votes cannot be the rule
