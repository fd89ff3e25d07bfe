"""`sedp compare` (issue 20): two versions of each sample program, made here by changing items (add, remove,
change, rename), costs, targets and financing, give every change and nothing else; a program compared with itself
(or with itself in another file format) gives none; programs of two methodologies are refused in the user's
language; the annex names no item by its internal id."""

from __future__ import annotations

import copy
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

from sedp_core.analysis.compare import compare_programs
from sedp_core.analysis.compare_annex import annex
from sedp_core.cli.main import cli
from sedp_core.input.loader import LoadedData, load_file
from sedp_core.validation.validate import validate_data

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "examples").glob("*/*.yaml"))
KG, MN = ROOT / "examples/kyrgyz_aa/ak_kyya_2025_2027.yaml", ROOT / "examples/mongolia_onhs/zag_2026.yaml"


def _validated(data: Any, source: Path) -> Any:
    result = validate_data(LoadedData(data, str(source)))
    assert result.program is not None, [f"{f.path}: {f.message('en')}" for f in result.report.errors]
    return result


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _replace(value: Any, old: str, new: str) -> Any:
    """`value` with every string equal to `old` (an id and every reference to it) replaced: a true renumbering."""
    if value == old:
        return new
    if isinstance(value, dict):
        return {k: _replace(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, old, new) for v in value]
    return value


def _indicators(value: Any, pattern: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(list pattern, indicator) of every indicator with targets, in the goal tree."""
    if isinstance(value, dict):
        for name, child in value.items():
            if name == "indicators" and isinstance(child, list):
                for ind in child:
                    if ind.get("targets"):
                        yield f"{pattern}/indicators", ind
            elif isinstance(child, list | dict):
                yield from _indicators(child, f"{pattern}/{name}")
    elif isinstance(value, list):
        for item in value:
            yield from _indicators(item, f"{pattern}/*")


def _texts_changed(text: Any) -> Any:
    return {lang: f"{t} (2)" for lang, t in text.items()} if isinstance(text, dict) else f"{text} (2)"


def _key_part(entry: dict[str, Any]) -> str:
    """The key fields compare gives an entry of a list of plain models: its strings and years."""
    return json.dumps({k: v for k, v in entry.items() if k != "status"  # a fixed choice: a value
                       and (isinstance(v, str) or (isinstance(v, int) and (k == "year" or k.endswith("_year"))))})


def _drop_references(value: Any, target: str, pattern: str = "", item: tuple[str, Any] = ("", None),
                     prefix: str = "") -> set[tuple[Any, ...]]:
    """Remove every list entry that refers to `target` (a vote for a removed proposal); the changes it makes."""
    changes: set[tuple[Any, ...]] = set()
    if not isinstance(value, dict):
        return changes
    for name, child in value.items():
        if isinstance(child, list):
            kept = [e for e in child if not (isinstance(e, dict) and "id" not in e and target in e.values())]
            for e in child:
                if e not in kept:
                    changes.add(("changed", item[0], item[1], None, f"{prefix}{name}", _key_part(e)))
            child[:] = kept
            for e in kept:
                if isinstance(e, dict) and "id" in e:
                    changes |= _drop_references(e, target, f"{pattern}/{name}", (f"{pattern}/{name}", e["id"]))
                elif isinstance(e, dict):
                    changes |= _drop_references(e, target, f"{pattern}/{name}/*", item, f"{prefix}{name}.")
        elif isinstance(child, dict):
            changes |= _drop_references(child, target, f"{pattern}/{name}", item, f"{prefix}{name}.")
    return changes


def _new_version(data: dict[str, Any], removed_at: int) -> tuple[dict[str, Any], set[tuple[Any, ...]]]:
    """A second version of `data` and the changes it makes: (kind, list, key, old key, field, part). The item at
    `removed_at` is removed, with every entry that refers to it."""
    d = copy.deepcopy(data)
    name = "activities" if d.get("activities") else "proposals"
    lst = f"/{name}"
    expected: set[tuple[Any, ...]] = set()
    items = d[name]
    changed = items[0]
    # a cost and a title change; the cost's new part paid from the item's first source, which gets it
    changed["cost"]["amount"] += 1000
    changed["title"] = _texts_changed(changed["title"])
    expected |= {("changed", lst, changed["id"], None, field, None) for field in ("cost", "title")}
    sources = d["financing"]["sources"]
    if changed.get("financing"):
        part = changed["financing"][0]
        part["amount"] += 1000
        expected.add(("changed", lst, changed["id"], None, "financing", _key_part(part)))
        source = next(s for s in sources if s["id"] == part["source"])
        year = next(a for a in source["amounts"] if a["year"] == part.get("year", source["amounts"][0]["year"]))
        year["amount"] += 1000
    else:  # financing: a source's amount in one year
        source, year = sources[0], sources[0]["amounts"][0]
        year["amount"] += 5000
    expected.add(("changed", "/financing/sources", source["id"], None, "amounts", json.dumps({"year": year["year"]})))
    # an item is removed, and every entry that refers to it
    removed = items.pop(removed_at)
    expected.add(("removed", lst, removed["id"], None, None, None))
    expected |= _drop_references(d, removed["id"])
    # another is renumbered, every reference to it too
    counts: dict[str, int] = {}
    for s in _strings({k: v for k, v in d.items() if k != name}):
        counts[s] = counts.get(s, 0) + 1
    renamed = max(items[1:], key=lambda i: counts.get(i["id"], 0))
    old_id, new_id = renamed["id"], f"{renamed['id']}-R"
    d = _replace(d, old_id, new_id)
    items = d[name]
    expected.add(("renamed", lst, new_id, old_id, None, None))
    # an item is added (a copy of the changed one under a new id and title), its sources giving what it needs
    added = copy.deepcopy(items[0])
    added["id"], added["title"] = "NEW-1", _texts_changed(added["title"])
    items.append(added)
    for part in added.get("financing", []):
        source = next(s for s in d["financing"]["sources"] if s["id"] == part["source"])
        year = part.get("year") or source["amounts"][0]["year"]
        entry = next((a for a in source["amounts"] if a["year"] == year), None)
        if entry is None:
            source["amounts"].append({"year": year, "amount": part["amount"]})
        else:
            entry["amount"] += part["amount"]
        expected.add(("changed", "/financing/sources", source["id"], None, "amounts", json.dumps({"year": year})))
    expected.add(("added", lst, "NEW-1", None, None, None))
    # a target
    found = next(_indicators(d.get("goals", []), "/goals"), None)
    if found is not None:
        pattern, ind = found
        ind["targets"][-1]["value"] += 1
        expected.add(("changed", pattern, ind["code"], None, "targets",
                      json.dumps({"year": ind["targets"][-1]["year"]})))
    return d, expected


def _versions(sample: Path) -> tuple[Any, Any, dict[str, Any], set[tuple[Any, ...]]]:
    """The sample validated, and a valid second version of it (the first item whose removal leaves it valid)."""
    loaded = load_file(sample)
    old = _validated(loaded.data, sample)
    name = "activities" if loaded.data.get("activities") else "proposals"
    for at in range(len(loaded.data[name]) - 1, 0, -1):
        data, expected = _new_version(loaded.data, at)
        new = validate_data(LoadedData(data, str(sample)))
        if new.program is not None:
            return old, new, data, expected
    raise AssertionError(f"no second version of {sample} is valid")


def _found(summary: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(c["kind"], c["list"], c.get("key"), c.get("old_key"), c.get("field"),
             json.dumps(c["part"]) if "part" in c else None) for c in summary["changes"]]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_change_and_nothing_else(sample: Path) -> None:
    old, new, data, expected = _versions(sample)
    loaded = load_file(sample)
    comparison = compare_programs(old.program, new.program, old.methodology, new.methodology)
    found = _found(comparison.to_json())
    assert sorted(found, key=str) == sorted(expected, key=str)  # every change, once, and nothing else
    money = {(m.list, m.field, m.key): m for m in comparison.money}
    name = "activities" if data.get("activities") else "proposals"
    total = money[(f"/{name}", "cost", None)]
    assert total.difference == pytest.approx(sum(i["cost"]["amount"] for i in data[name])
                                             - sum(i["cost"]["amount"] for i in loaded.data[name]))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_a_program_compared_with_itself_has_no_changes(sample: Path) -> None:
    result = _validated(load_file(sample).data, sample)
    again = _validated(load_file(sample).data, sample)
    comparison = compare_programs(result.program, again.program, result.methodology, again.methodology)
    assert comparison.changes == []
    assert all(m.key is None and m.difference == 0 for m in comparison.money)


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
@pytest.mark.parametrize("sample", [KG, MN], ids=lambda p: p.stem)
def test_the_same_program_in_another_format_has_no_changes(sample: Path, fmt: str, tmp_path: Path) -> None:
    for picture in sample.parent.glob("*.png"):  # the program's pictures, relative to its folder
        shutil.copy(picture, tmp_path)
    copy_ = tmp_path / sample.name
    shutil.copy(sample, copy_)
    other = tmp_path / f"program.{fmt}"
    result = CliRunner().invoke(cli, ["export", str(copy_), "--format", fmt, "--out", str(other)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["compare", str(copy_), str(other), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["changes"] == [], summary["changes"]


def test_two_methodologies_are_refused_in_the_users_language(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["compare", str(KG), str(MN), "--out", str(tmp_path)],
                                env={"LANGUAGE": "ru", "LANG": "ru_RU.UTF-8"})
    assert result.exit_code == 2
    assert "compare.different-methodologies" in result.output
    assert "две программы составлены по разным методикам (kg.aa@2018 и mn.onhs@2021)" in result.output
    assert not any(tmp_path.iterdir())


def test_the_command_writes_the_annex_per_language_and_the_json_beside_it(tmp_path: Path) -> None:
    _, _, data, expected = _versions(KG)
    new = tmp_path / "new.json"
    new.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["compare", str(KG), str(new), "--out", str(out)])
    assert result.exit_code == 0, result.output
    stem = out / "ak-kyya-2025-2027_changes"
    assert sorted(p.name for p in out.iterdir()) == [f"{stem.name}.json", f"{stem.name}_ky.docx",
                                                      f"{stem.name}_ru.docx"]
    summary = json.loads((out / f"{stem.name}.json").read_text(encoding="utf-8"))
    assert summary["counts"] == {kind: sum(1 for e in expected if e[0] == kind)
                                 for kind in ("added", "removed", "renamed", "changed")}


@pytest.mark.parametrize(("sample", "language"), [(KG, "ky"), (KG, "ru"), (MN, "mn")])
def test_the_annex_names_items_by_the_documents_numbers_never_by_their_ids(sample: Path, language: str) -> None:
    old, new, data, _ = _versions(sample)
    document, marks = annex(compare_programs(old.program, new.program, old.methodology), language)
    text = docx.Document(io.BytesIO(document.to_bytes(marks)))
    words = {w.strip(".,;:()") for p in text.paragraphs for w in p.text.split()}
    words |= {w.strip(".,;:()") for t in text.tables for row in t.rows for c in row.cells for w in c.text.split()}
    internal = {a["id"] for a in data.get("activities", [])} | {s["id"] for s in data["financing"]["sources"]}
    internal |= {g["id"] for g in data.get("goals", [])}
    assert not words & internal  # activities, sources, goals: by number and title, never by id
    english = {"Changes", "Before", "After", "Difference", "Item", "Part", "Total", "added", "removed", "changed",
               "Cost", "Title", "Amounts", "Targets", "Source"}
    assert not words & english
    if "proposals" in data:  # a proposal's registration number is the user's: printed with its title
        assert "NEW-1" in words


@pytest.mark.parametrize("confirmed", [False, True])
def test_a_label_to_confirm_in_the_annex_is_highlighted_until_the_new_program_confirms_it(
        confirmed: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14 point 1: a label (here the workbook heading of a field, `field.cost`) marked "to confirm" reaches
    the annex marked, through `sedp compare`, and prints plainly once the new version confirms it."""
    import dataclasses

    from docx.oxml.ns import qn

    from sedp_core.registry.collect import get_registry

    registry = get_registry()
    key, methodology = next((k, m) for k, m in registry.methodologies.items() if m.key == "kg.aa@2018")
    heading = "Стоимость (проверить)"
    monkeypatch.setitem(registry.methodologies, key, dataclasses.replace(
        methodology, labels={**methodology.labels, "field.cost": {"ru": heading, "ky": "Наркы"}},
        unconfirmed_labels={**methodology.unconfirmed_labels, "field.cost": "a test"}))
    _, _, data, _ = _versions(KG)
    data["status"] = "draft"
    data["confirmations"] = [{"item": "label:kg.aa@2018/field.cost", "by": "A. Reviewer"}] if confirmed else []
    new = tmp_path / "new.json"
    new.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    result = CliRunner().invoke(cli, ["compare", str(KG), str(new), "--out", str(tmp_path / "out"), "--lang", "ru"])
    assert result.exit_code == 0, result.output
    doc = docx.Document(str(tmp_path / "out" / "ak-kyya-2025-2027_changes_ru.docx"))
    runs = [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    printed = [r for r in runs if r.text == heading]
    assert printed  # the cost changed: its heading names the change
    assert all((r._r.rPr is not None and r._r.rPr.find(qn("w:highlight")) is not None) is not confirmed
               for r in printed)
