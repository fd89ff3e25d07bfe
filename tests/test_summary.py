"""`sedp summary`: a region's programs added up. Every figure is checked against a sum computed here from the
program files themselves (plain JSON/YAML, not the models), never against the summary's own code."""

from __future__ import annotations

import gc
import json
import pickle
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from ruamel.yaml import YAML

from sedp_core.analysis.summary import AMOUNT_UNIT, read_programs, summarize
from sedp_core.analysis.summary_document import all_sections, write_document
from sedp_core.analysis.summary_workbook import write_workbook
from sedp_core.cli.group import cli
from sedp_core.errors import SedpError
from sedp_core.models import Program
from sedp_core.registry.collect import get_registry
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import national

KG = sorted((ROOT / "examples" / "kyrgyz_aa").glob("*.yaml"))
MN = [ROOT / "examples" / "mongolia_onhs" / "zag_2026.yaml", ROOT / "examples" / "mongolia_onhs" / "tariat_2026.yaml"]
runner = CliRunner()


def _raw(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else YAML(typ="safe").load(text)


def _expected(paths: list[Path]) -> tuple[dict[tuple[str, int], float], dict[str, float], set[tuple[str, str]]]:
    """(source kind, year) and sector totals, and the served catalog entries, from the files' data."""
    by_source_year: dict[tuple[str, int], float] = {}
    by_sector: dict[str, float] = {}
    served: set[tuple[str, str]] = set()
    for path in paths:
        data = _raw(path)
        for source in data["financing"]["sources"]:
            for a in source.get("amounts", []):
                by_source_year[(source["kind"], a["year"])] = by_source_year.get((source["kind"], a["year"]), 0) \
                    + a["amount"]
        for activity in data.get("activities", []):
            sector = activity.get("sector") or ""
            by_sector[sector] = by_sector.get(sector, 0) + activity["cost"]["amount"]

        def walk(value: Any) -> None:
            if isinstance(value, dict):
                for link in value.get("alignment", []) if isinstance(value.get("alignment"), list) else []:
                    served.add((link["catalog"], link["code"]))
                for v in value.values():
                    walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)
        walk(data)
    return by_source_year, by_sector, served


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Five ayil aimaks from the national generator, each one's money scaled by its own whole factor (the
    program's rules tie activities' financing to the sources', so all of it scales together)."""
    folder = tmp_path_factory.mktemp("region")
    paths = national.kyrgyzstan(folder, count=5)
    factors = [3, 1, 5, 2, 4]
    for path, factor in zip(paths, factors, strict=True):
        data = json.loads(path.read_text(encoding="utf-8"))
        for source in data["financing"]["sources"]:
            for a in source["amounts"]:
                a["amount"] *= factor
        for activity in data["activities"]:
            activity["cost"]["amount"] *= factor
            for part in activity.get("financing", []):
                part["amount"] *= factor
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return paths


@pytest.mark.parametrize("which", ["samples", "synthetic"])
def test_totals_equal_the_sums_over_the_programs(which: str, synthetic: list[Path]) -> None:
    paths = KG if which == "samples" else synthetic
    summary = summarize(read_programs(paths))
    by_source_year, by_sector, _ = _expected(paths)
    assert summary.by_source_year() == pytest.approx(by_source_year)
    assert summary.by_sector() == pytest.approx(by_sector)
    years = {y for _, y in by_source_year}
    for year in years:
        assert sum(p.year_total(year) for p in summary.programs) == pytest.approx(
            sum(v for (_, y), v in by_source_year.items() if y == year))
    assert summary.total == pytest.approx(sum(by_source_year.values()))
    # the document's table of sources prints the same totals, in thousands
    source_table = next(p for s in all_sections(summary, "ru")[1:2] for p in s.parts if hasattr(p, "rows"))
    assert source_table.total[-1] == pytest.approx(sum(by_source_year.values()) / AMOUNT_UNIT)


def test_entries_no_municipality_serves_are_listed(synthetic: list[Path], tmp_path: Path) -> None:
    summary = summarize(read_programs(synthetic))
    _, _, served = _expected(synthetic)
    registry = get_registry()
    expected_none = {(c, e.code) for c in summary.methodology.catalogs for e in registry.catalogs[c].entries
                     if (c, e.code) not in served}
    assert expected_none, "the sample serves every entry: the test would prove nothing"
    assert {(c.catalog, c.code) for c in summary.coverage() if not c.served_by} == expected_none
    text = _docx_text(write_document(summary, "ky", tmp_path / "s.docx"))
    for catalog_id, code in expected_none:
        catalog = registry.catalogs[catalog_id]
        assert catalog.get(code).title["ky"] in text  # by its title, never by its code


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_a_failing_file_is_reported_and_named_in_the_summary(synthetic: list[Path], tmp_path: Path) -> None:
    bad = tmp_path / "broken-aimak.json"
    data = json.loads(synthetic[0].read_text(encoding="utf-8"))
    del data["financing"]
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    unreadable = tmp_path / "garbage.yaml"
    unreadable.write_text("a: [1,\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["summary", *map(str, synthetic[:2]), str(bad), str(unreadable), "--out", str(out),
                                 "--lang", "ru"])
    assert result.exit_code == 1, result.output
    assert "broken-aimak.json" in result.stderr and "garbage.yaml" in result.stderr
    text = _docx_text(out / "summary_ru.docx")
    assert "broken-aimak.json" in text and "garbage.yaml" in text
    from openpyxl import load_workbook

    cells = {str(c.value) for ws in load_workbook(out / "summary_ru.xlsx") for row in ws.iter_rows() for c in row}
    assert "broken-aimak.json" in cells


def test_mixed_methodologies_are_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SedpError) as caught:
        summarize(read_programs([KG[0], MN[0]]))
    assert caught.value.code == "summary.mixed-methodologies"
    result = runner.invoke(cli, ["summary", str(KG[0]), str(MN[0]), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "summary.mixed-methodologies" in result.stderr and "kg.aa" in result.stderr
    assert not list(tmp_path.iterdir())


def test_programs_are_dropped_as_they_are_read(synthetic: list[Path]) -> None:
    """Memory: the models do not pile up as programs are read (none lives on: what validation computes once per
    program is kept on the program, for one validation only: sedp_core/validation/memo.py), and what is kept of
    one is small."""
    gc.collect()
    before = sum(1 for o in gc.get_objects() if isinstance(o, Program))  # earlier tests' programs, in the full run
    live = []
    for outcome in read_programs(synthetic):
        gc.collect()
        live.append(sum(1 for o in gc.get_objects() if isinstance(o, Program)) - before)
        assert outcome.facts is not None
        assert len(pickle.dumps(outcome.facts)) < 16_000
    assert max(live) <= 0, live


def test_indicators_with_the_same_code_are_side_by_side(synthetic: list[Path]) -> None:
    summary = summarize(read_programs(synthetic))
    shared = summary.shared_indicators()
    codes: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            codes.update(i["code"] for i in value.get("indicators", []) if isinstance(i, dict))
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
    walk(_raw(synthetic[0])["goals"])
    assert codes and codes <= set(shared)
    assert all(len(rows) == len(synthetic) for code, rows in shared.items() if code in codes)


def test_ldf_funded_and_unfunded_equal_each_soums_allocation(tmp_path: Path) -> None:
    from sedp_core.validation.validate import load_program
    from sedp_mongolia_onhs.ldf.allocation import soum_allocation
    from sedp_mongolia_onhs.ldf.summary import FACTS

    summary = summarize(read_programs(MN))
    funded = unfunded = 0.0
    for path in MN:
        program, _, _ = load_program(path)
        for line in soum_allocation(program):
            if line.funded:
                funded += line.item.proposal.cost.amount
            else:
                unfunded += line.item.proposal.cost.amount
    kept = [p.extra[FACTS] for p in summary.programs]
    assert sum(c[1] for r in kept for c in r["sectors"].values()) == pytest.approx(funded)
    assert sum(c[3] for r in kept for c in r["sectors"].values()) == pytest.approx(unfunded)
    sections = all_sections(summary, "mn")
    ldf = sections[-1]
    assert ldf.sheet == "ОНХС"
    table = next(p for p in ldf.parts if hasattr(p, "rows"))
    assert table.total[3] == pytest.approx(funded / AMOUNT_UNIT)
    path = write_workbook(sections, tmp_path / "s.xlsx")
    from openpyxl import load_workbook

    assert "ОНХС" in load_workbook(path).sheetnames


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_document_has_no_english_core_word(language: str, tmp_path: Path) -> None:
    summary = summarize(read_programs(KG))
    text = _docx_text(write_document(summary, language, tmp_path / "s.docx"))
    for english in ("Total", "Financing", "Municipality", "Sector", "Indicators", "Page", "thousand"):
        assert english not in text, english


def test_municipalities_of_the_same_name_stay_apart(tmp_path: Path) -> None:
    from sedp_core.analysis.summary_document import municipality_names

    data = _raw(national.MN_EXAMPLE)
    paths = []
    for i, parent in enumerate(["Архангай аймаг", "Төв аймаг", "Төв аймаг"]):
        data["id"] = f"same-name-{i}"
        data["municipality"]["parent_units"][0]["name"] = {"mn": parent, "en": parent}
        paths.append(tmp_path / f"soum{i}.json")
        paths[-1].write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    names = municipality_names(summarize(read_programs(paths)), "mn")
    assert len(set(names)) == 3, names
    assert names[0].endswith("Архангай аймаг") and names[2].endswith("soum2.json")


def test_a_plugin_s_bug_or_clash_in_the_summary_names_the_plugin() -> None:
    from sedp_core.analysis.summary import plugin_facts
    from sedp_core.errors import PluginError
    from sedp_core.hookspecs import hookimpl
    from sedp_core.registry.manager import get_plugin_manager, reset_plugin_manager
    from sedp_core.validation.validate import validate_file

    class Buggy:
        @hookimpl
        def sedp_summary_facts(self, program: Any) -> dict:
            return {"x.share": 1 / 0}

    class Twin:
        @hookimpl
        def sedp_summary_facts(self) -> dict:
            return {"x.same": 1}

    result = validate_file(ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml")
    reset_plugin_manager()
    try:
        get_plugin_manager().register(Buggy(), name="buggy")
        with pytest.raises(PluginError, match=r"plugin 'buggy' failed to summarize .*ZeroDivisionError") as info:
            plugin_facts(result.program, result.methodology)
        assert info.value.code == "plugin.summary-failed"
        get_plugin_manager().unregister(name="buggy")
        get_plugin_manager().register(Twin(), name="twin-a")
        get_plugin_manager().register(Twin(), name="twin-b")
        with pytest.raises(PluginError, match=r"plugin 'twin-[ab]' keeps summary facts 'x.same', already kept by "
                                              r"'twin-[ab]'") as info:
            plugin_facts(result.program, result.methodology)
        assert info.value.code == "plugin.summary-clash"
    finally:
        reset_plugin_manager()


@pytest.mark.parametrize(("files", "language"), [(MN, "mn"), (KG, "ky"), (KG, "ru")], ids=["mn", "ky", "ru"])
def test_no_word_of_the_document_s_tables_is_broken_in_its_cell(files: list[Path], language: str,
                                                                  tmp_path: Path) -> None:
    """Each column is at least as wide as its widest word: the soums' table broke "Санхүүжихгүй" letter by letter
    in its heading (`words_wider_than_columns`, the check `sedp templates check` runs on templates)."""
    from sedp_core.authoring.docx_inspect import words_wider_than_columns

    path = write_document(summarize(read_programs(files)), language, tmp_path / "s.docx")
    assert words_wider_than_columns(path) == []


# --- values to confirm (issue 14 point 1): marked in the summary as in a draft ---------------------------------

def _highlighted(path: Path) -> list[str]:
    """The texts of the highlighted runs of a .docx (the core's mark of a value to confirm)."""
    from docx.oxml.ns import qn

    doc = Document(str(path))
    paragraphs = [*doc.paragraphs, *(p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs)]
    return [r.text for p in paragraphs for r in p.runs
            if r._r.rPr is not None and r._r.rPr.find(qn("w:highlight")) is not None]


def _yellow_cells(path: Path) -> list[str]:
    from openpyxl import load_workbook

    return [str(c.value) for ws in load_workbook(path).worksheets for row in ws.iter_rows() for c in row
            if c.fill is not None and c.fill.fgColor is not None and c.fill.fgColor.rgb in ("FFFFFF00", "00FFFF00")]


def _copies(sample: Path, folder: Path, confirms: list[list[str]]) -> list[Path]:
    """Draft copies of `sample`, the i-th confirming only the items `confirms[i]`."""
    paths = []
    for i, items in enumerate(confirms):
        data = _raw(sample)
        data["id"], data["status"] = f"{data['id']}-{i}", "draft"
        data["confirmations"] = [{"item": item, "by": "A. Reviewer"} for item in items]
        paths.append(folder / f"copy{i}.json")
        paths[-1].write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return paths


@pytest.mark.parametrize(("confirms", "marked"), [([[], []], True), ([["codelist:funding_source_kind/*"], []], True),
                                                  ([["codelist:funding_source_kind/*"]] * 2, False)],
                         ids=["none-confirms", "one-of-two-confirms", "every-program-confirms"])
def test_a_codelist_title_to_confirm_is_highlighted_unless_every_program_confirms_it(
        confirms: list[list[str]], marked: bool, tmp_path: Path) -> None:
    sample = ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml"
    registry = get_registry()
    methodology = next(m for m in registry.methodologies.values() if m.id == "kg.aa")
    kinds = registry.codelists_for(methodology)["funding_source_kind"]
    assert "donor" in kinds.unconfirmed and any(s["kind"] == "donor" for s in _raw(sample)["financing"]["sources"])
    donor = kinds.codes["donor"]["ru"]
    out = tmp_path / "out"
    result = runner.invoke(cli, ["summary", *map(str, _copies(sample, tmp_path, confirms)), "--out", str(out),
                                 "--lang", "ru"])
    assert result.exit_code == 0, result.output
    highlighted = " ".join(_highlighted(out / "summary_ru.docx")).casefold()
    yellow = " ".join(_yellow_cells(out / "summary_ru.xlsx")).casefold()
    assert (donor.casefold() in highlighted) is marked
    assert (donor.casefold() in yellow) is marked
    assert donor.casefold() in _docx_text(out / "summary_ru.docx").casefold()  # printed either way


@pytest.mark.parametrize("confirmed", [False, True])
def test_a_plugin_label_to_confirm_in_its_summary_section_is_highlighted(confirmed: bool, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    registry = get_registry()
    key, methodology = next((k, m) for k, m in registry.methodologies.items() if m.key == "mn.onhs@2021")
    monkeypatch.setitem(registry.methodologies, key, dataclasses.replace(
        methodology, unconfirmed_labels={**methodology.unconfirmed_labels, "sum_by_sector": "a test"}))
    # Tariat confirms every label; a draft copy of Zag confirms none, or this one only.
    zag = _raw(MN[0])
    zag["status"] = "draft"
    zag["confirmations"] = [{"item": "label:mn.onhs@2021/sum_by_sector", "by": "A. Reviewer"}] if confirmed else []
    (tmp_path / "zag.json").write_text(json.dumps(zag, ensure_ascii=False, default=str), encoding="utf-8")
    summary = summarize(read_programs([tmp_path / "zag.json", MN[1]]))
    assert len(summary.programs) == 2
    heading = methodology.labels["sum_by_sector"]["mn"]
    path = write_document(summary, "mn", tmp_path / "s.docx")
    assert heading in _docx_text(path)
    assert (heading in _highlighted(path)) is not confirmed
