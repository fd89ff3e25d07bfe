"""The bag development program (mn.bag-program) of the Mongolian plugin: registration, rules on broken copies of
the sample, computed totals against hand sums, and the document in Mongolian and English."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from sedp_core.registry.collect import get_registry
from sedp_core.rendering.context import build_context
from sedp_core.rendering.render import planned_documents, render_to_bytes
from sedp_core.validation.validate import validate_file
from sedp_mongolia_onhs.bag import data as bag_data
from sedp_mongolia_onhs.bag.methodology import BAG_PROGRAM_ID, HEADINGS
from sedp_mongolia_onhs.bag.models import BagProgram
from tests.conftest import ROOT, docx_text

SAMPLE = bag_data.path("sample.yaml")
EXAMPLE = ROOT / "examples" / "mongolia_onhs" / "shaamar_bag2_2026_2031.yaml"
Data = dict[str, Any]


def sample_data() -> Data:
    return YAML(typ="safe").load(SAMPLE.read_text(encoding="utf-8"))


def validate(raw: Data, tmp_path: Path) -> Any:
    path = tmp_path / "bag.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    return validate_file(path)


def activity(raw: Data, aid: str) -> Data:
    return next(a for a in raw["activities"] if a["id"] == aid)


# --- Registration ---------------------------------------------------------------------------------------------

def test_methodology_is_registered_by_the_mongolian_plugin() -> None:
    registry = get_registry()
    m = registry.methodology(BAG_PROGRAM_ID)
    assert m.model is BagProgram and m.languages == ("mn", "en")
    assert [d.id for d in m.documents] == ["bag_program"] and m.documents[0].template.is_file()
    assert m.catalogs == ("mn.vision2050", "mn.governor_program", "mn.annual_plan")
    assert all(c in registry.catalogs for c in m.catalogs)
    # The other methodology of the same plugin is still there, unchanged.
    assert registry.methodology("mn.onhs").model.__name__ == "OnhsProgram"


def test_bag_rules_apply_only_to_the_bag_program() -> None:
    rules = [v for v in get_registry().validators if v.rule_id.startswith("bagp.")]
    assert len(rules) == 3 and all(v.methodologies == (BAG_PROGRAM_ID,) for v in rules)


def test_governor_program_and_annual_plan_are_marked_to_confirm() -> None:
    for catalog in bag_data.catalogs():
        assert {"mn", "en"} <= set(catalog.title)
        assert all(e.status == "to confirm" for e in catalog.entries), catalog.id
    assert bag_data.approval().status == "to confirm"


def test_every_label_has_mongolian_and_english() -> None:
    missing = [k for k, v in bag_data.labels().items() if not ({"mn", "en"} <= set(v))]
    assert missing == []


def test_sample_validates_without_findings_and_the_example_is_the_sample() -> None:
    result = validate_file(SAMPLE)
    assert result.report.findings == [], result.report.to_json()
    assert EXAMPLE.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")


def test_templates_check_reports_nothing_for_the_bag_program() -> None:
    from sedp_core.authoring.template_check import check_all_templates

    problems, _ = check_all_templates()
    assert [p for p in problems if p.startswith(BAG_PROGRAM_ID)] == []


# --- Rules: each caught on a minimally broken copy of the sample ----------------------------------------------

def _drop_vision(goal: int) -> Callable[[Data], None]:
    def change(raw: Data) -> None:
        g = raw["goals"][goal]
        for node in [g, *g["objectives"], *(t for o in g["objectives"] for t in o["tasks"])]:
            node["alignment"] = [a for a in node.get("alignment", []) if a["catalog"] != "mn.vision2050"]
    return change


CASES: dict[str, tuple[Callable[[Data], None], str, str, str]] = {
    "activity without task": (lambda r: activity(r, "A01").pop("task"),
                              "bagp.activity-without-task", "error", "/activities/0/task"),
    "activity with unknown task": (lambda r: activity(r, "A02").update(task="T9.9.9", indicator=None),
                                   "ref.missing-task", "error", "/activities/1/task"),
    "activity without financing": (lambda r: activity(r, "A04").update(financing=[]),
                                   "bagp.activity-without-source", "error", "/activities/3/financing"),
    "activity with unknown source": (lambda r: activity(r, "A04")["financing"][0].update(source="NOPE"),
                                     "ref.missing-source", "error", "/activities/3/financing/0/source"),
    "unknown Vision 2050 code": (lambda r: r["goals"][0]["alignment"][0].update(code="V2050.10"),
                                 "alignment.unknown-code", "error", "/goals/0/alignment/0/code"),
    "unknown governor program code": (lambda r: r["goals"][0]["alignment"][1].update(code="GAP.99"),
                                      "alignment.unknown-code", "error", "/goals/0/alignment/1/code"),
    "phase ends after the period": (lambda r: r["phases"][1].update(end_year=2032),
                                    "bagp.phase-outside-period", "error", "/phases/1/end_year"),
    "phase starts before the period": (lambda r: r["phases"][0].update(start_year=2025),
                                       "bagp.phase-outside-period", "error", "/phases/0/start_year"),
    "phases overlap": (lambda r: r["phases"][1].update(start_year=2028),
                       "bagp.phase-overlap", "error", "/phases/1"),
    "year in no phase": (lambda r: r["phases"][1].update(start_year=2030),
                         "bagp.phase-gap", "warning", "/phases"),
    "phase runs backwards": (lambda r: r["phases"][0].update(end_year=2025),
                             "bagp.phase-order", "error", "/phases/0/end_year"),
    "phase id twice": (lambda r: r["phases"][1].update(id="I"), "bagp.duplicate-phase", "error", "/phases/1/id"),
    "unknown phase": (lambda r: activity(r, "A01").update(phase="III"), "bagp.unknown-phase", "error",
                      "/activities/0/phase"),
    "activity outside its phase": (lambda r: activity(r, "A04").update(schedule=[2029]),
                                   "bagp.activity-outside-phase", "error", "/activities/3/schedule/0"),
    "indicator of another task": (lambda r: activity(r, "A01").update(indicator="I5"),
                                  "bagp.unknown-indicator", "error", "/activities/0/indicator"),
    "amount without a year": (lambda r: activity(r, "A02")["financing"][0].pop("year"),
                              "bagp.financing-without-year", "warning", "/activities/1/financing/0/year"),
    "activity without phase or schedule": (lambda r: activity(r, "A03").update(schedule=[]),
                                           "bagp.activity-unphased", "warning", "/activities/2/phase"),
    "goal not aligned with Vision 2050": (_drop_vision(2), "bagp.goal-not-aligned", "warning", "/goals/2/alignment"),
}


@pytest.mark.parametrize("case", CASES)
def test_rule_is_caught_on_a_broken_sample(case: str, tmp_path: Path) -> None:
    change, code, severity, path = CASES[case]
    raw = sample_data()
    change(raw)
    report = validate(raw, tmp_path).report
    hits = [f for f in report.findings if f.code == code]
    assert hits, f"{code} not raised: {report.to_json()}"
    assert {f.severity for f in hits} == {severity}
    assert path in {f.path for f in hits}
    for f in hits:  # every finding reads in Mongolian and in English
        assert f.messages.get("en") and f.messages.get("mn"), f.code
        assert "{" not in f.messages["mn"], f.messages["mn"]


def test_every_bag_code_has_a_mongolian_message() -> None:
    import inspect
    import re

    from sedp_mongolia_onhs.bag import rules as bag_rules

    codes = set(re.findall(r'"(bagp\.[a-z-]+)"', inspect.getsource(bag_rules)))
    assert codes and codes <= set(bag_data.messages())
    assert {case[1] for case in CASES.values()} >= codes  # and every code is caught by a case above


# --- Computed figures against hand sums -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def bp() -> dict[str, Any]:
    result = validate_file(SAMPLE)
    m = result.methodology
    return build_context(result.program, m, m.documents[0], "mn")["bp"]


def test_totals_are_computed_from_the_activities(bp: dict[str, Any]) -> None:
    costs = [48_000_000, 9_500_000, 7_200_000, 6_800_000, 3_600_000, 65_000_000, 86_000_000, 9_000_000,
             24_000_000, 90_000_000, 15_000_000, 32_000_000]
    assert [r["cost"] for r in bp["action_rows"]] == costs
    assert bp["action_total"] == sum(costs) == 396_100_000


def test_sums_by_source_match_hand_sums(bp: dict[str, Any]) -> None:
    by_source = {r["name"]: (r["planned"], r["amount"], r["balance"]) for r in bp["source_rows"]}
    assert by_source["Аймгийн төсөв"] == (51_200_000, 1_200_000 * 6 + 9_500_000 + 30_000_000 + 1_500_000 * 3, 0)
    assert by_source["Сумын орон нутгийн хөгжлийн сан"] == (
        106_800_000, 30_000_000 + 6_800_000 + 25_000_000 + 18_000_000 + 22_000_000, 5_000_000)
    assert by_source["Иргэд, малчдын хувь оролцоо"][1] == 6_000_000 + 6_000_000 + 8_000_000 + 3_000_000
    assert bp["source_total"]["amount"] == 396_100_000 and bp["source_total"]["balance"] == 5_000_000
    assert sum(r["share"] for r in bp["source_rows"]) == pytest.approx(1.0)


def test_sums_by_year_and_phase_match_hand_sums(bp: dict[str, Any]) -> None:
    by_year = {r["year"]: r["amount"] for r in bp["year_rows"]}
    assert by_year["2026"] == 18_000_000 + 1_200_000 + 6_800_000 + 600_000 + 1_500_000 + 18_000_000 + 6_000_000
    assert by_year["2026"] == 52_100_000 and by_year["2031"] == 45_300_000
    assert sum(by_year.values()) == bp["year_total"]["amount"] == 396_100_000
    phases = {r["title"]: (r["years"], r["amount"], r["activities"]) for r in bp["phase_rows"]}
    assert phases["Нэгдүгээр үе шат"] == ("2026–2028", 52_100_000 + 82_800_000 + 43_300_000, 9)
    assert phases["Хоёрдугаар үе шат"] == ("2029–2031", 217_900_000, 6)  # A03, A05, A08 run in both phases
    assert bp["phase_total"]["amount"] == 396_100_000
    detail = bp["year_source_rows"]
    assert sum(r["amount"] for r in detail) == 396_100_000
    assert [r["year"] for r in detail[:4]] == ["2026", "", "", ""]  # the year only on its group's first row


def test_action_plan_rows_show_task_phase_indicator_and_sources(bp: dict[str, Any]) -> None:
    a03 = bp["action_rows"][2]
    assert (a03["task"], a03["period"], a03["phase"], a03["baseline"], a03["target"]) == (
        "1.1.2", "2026–2031", "I, II", "0", "18")
    assert bp["action_rows"][6]["sources"] == ("Олон улсын байгууллагын төсөл, Аймгийн төсөв, "
                                               "Иргэд, малчдын хувь оролцоо")
    i5 = bp["indicator_rows"][4]  # indicator I5, printed by its row number (its code is an internal id)
    assert i5["code"] == "5"
    assert (i5["baseline"], i5["baseline_year"], i5["targets"]) == ("58", 2024, "2028: 75\n2031: 90")


def test_vision2050_coverage_counts_fundamental_goals(bp: dict[str, Any]) -> None:
    v2050 = bp["coverage_rows"][0]["text"]
    assert "дээд түвшний заалт 9, үүнээс хөтөлбөр хамарсан нь 4" in v2050  # V2050.2, .4, .5, .6
    codes = [r["code"] for r in bp["alignment_rows"]]
    # Vision 2050's own numbers, not the catalog's codes (V2050.2, V2050.2.2...).
    assert codes[:8] == ["2", "2.2", "2.5", "4", "5", "5.3", "5.4", "6"]
    assert [r["catalog"] != "" for r in bp["alignment_rows"]].count(True) == 3  # the catalog on its first row


# --- The document ---------------------------------------------------------------------------------------------

def _render(raw: Data, tmp_path: Path, language: str) -> str:
    result = validate(raw, tmp_path)
    assert result.program is not None, result.report.to_json()
    [job] = planned_documents(result.program, result.methodology, ("bag_program",), (language,))
    return docx_text(render_to_bytes(result.program, result.methodology, job.document, language))


@pytest.mark.parametrize("language", ["mn", "en"])
def test_document_renders_with_its_headings_and_totals(language: str, tmp_path: Path) -> None:
    text = _render(sample_data(), tmp_path, language)
    labels = bag_data.labels()
    for key in (*HEADINGS, "h_indicators", "h_by_source", "h_by_year", "h_by_phase"):
        assert labels[key][language] in text, key
    for column in ("col_indicator", "col_unit", "col_baseline", "col_target", "col_funding", "col_period",
                   "col_responsible"):
        assert labels[column][language] in text, column
    assert "396,100,000" in text and "178,200,000" in text and "5,000,000" in text
    assert labels["draft_mark"][language] not in text  # the sample is approved: no draft stamp
    assert "{{" not in text and "None" not in text
    if language == "mn":
        assert "СЭЛЭНГЭ АЙМГИЙН ШААМАР СУМЫН 2-Р БАГ" in text
        # The approved sample gives its approval block (approval_line): the act that approved it.
        assert "Шаамар сумын Иргэдийн Төлөөлөгчдийн Хурлын Тэргүүлэгчдийн 2025 оны 12 дугаар сарын 19-ний" in text
        assert "Хэрэгжих үе шат: Нэгдүгээр үе шат (2026–2028); Хоёрдугаар үе шат (2029–2031)" in text
    else:
        assert "Annex to resolution No. 23 of 19 December 2025 of the Presidium" in text


def _drop_links_without_mongolian_names(raw: Data) -> None:
    """An approved program may not rely on a Vision 2050 entry whose official Mongolian name is unknown."""
    from sedp_mongolia_onhs import data

    known = {e.code for e in data.catalog().entries if "mn" in e.title}
    stack: list[Any] = [raw]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("alignment"), list):
                node["alignment"] = [a for a in node["alignment"]
                                     if a.get("catalog") != "mn.vision2050" or a.get("code") in known]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def test_approved_program_prints_the_presidium_resolution(tmp_path: Path) -> None:
    raw = sample_data()
    raw["status"] = "approved"
    raw["approval"] = {"body": "Сэлэнгэ аймгийн ИТХ-ын Тэргүүлэгчид", "date": "2025-12-05", "decision_number": "07"}
    # The default approving body is to confirm: the program confirms it is right for this bag.
    del raw["approval_line"]
    raw["confirmations"].append({"item": "field:/approval_line", "by": "Б.Энхжаргал"})
    mn = _render(copy.deepcopy(raw), tmp_path, "mn")
    assert ("Сэлэнгэ аймгийн Иргэдийн Төлөөлөгчдийн Хурлын Тэргүүлэгчдийн 2025 оны 12 дугаар сарын 05-ны өдрийн "
            "07 дугаар тогтоолын хавсралт") in mn
    assert "ТӨСӨЛ" not in mn
    en = _render(raw, tmp_path, "en")
    assert "Annex to resolution No. 07 of December 5, 2025 of the Presidium" in en


def test_another_approving_body_is_given_by_the_program(tmp_path: Path) -> None:
    raw = sample_data()
    raw["approval_line"] = {"mn": "Шаамар сумын ИТХ-ын тогтоолын хавсралт", "en": "Annex to a Shaamar soum ИТХ act"}
    mn = _render(raw, tmp_path, "mn")
    assert "Шаамар сумын ИТХ-ын тогтоолын хавсралт" in mn and "Тэргүүлэгчдийн" not in mn
    assert "тодруулах шаардлагатай" not in mn  # the to-confirm note is about the default body only
