"""The Mongolian Local Development Fund plugin (mn.onhs): registration, rules, ranking, documents, messages."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from sedp_mongolia_onhs import data
from sedp_mongolia_onhs.data import Criterion, RankingRules
from sedp_mongolia_onhs.grammar import official_date, ordinal
from sedp_mongolia_onhs.models import OnhsProgram
from sedp_mongolia_onhs.ranking import allocate, rank, weighted_score

from sedp_core.formatting import format_money
from sedp_core.plugins import get_plugin_manager
from sedp_core.registry import get_registry
from sedp_core.render import render_to_bytes
from sedp_core.validation import validate_file
from tests.conftest import ROOT, docx_text

SAMPLE = data.data_path("sample.yaml")
EXAMPLE = ROOT / "examples" / "mongolia_onhs" / "zag_2026.yaml"
MN_LABELS = {k: v["mn"] for k, v in data.labels().items()}


def sample_data() -> dict[str, Any]:
    return YAML(typ="safe").load(SAMPLE.read_text(encoding="utf-8"))


def validate_changed(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Any:
    """Validate a copy of the sample after `change` edits its data."""
    raw = sample_data()
    change(raw)
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    return validate_file(path).report


def proposal(raw: dict[str, Any], pid: str) -> dict[str, Any]:
    return next(p for p in raw["proposals"] if p["id"] == pid)


# --- Registration ---------------------------------------------------------------------------------------------

def test_plugin_is_discovered_through_its_entry_point() -> None:
    assert get_plugin_manager().get_plugin("mongolia_onhs") is not None
    m = get_registry().methodology("mn.onhs")
    assert (m.version, m.default, m.languages) == ("2021", True, ("mn", "en"))
    assert m.program_model is OnhsProgram
    assert {d.id for d in m.documents} == {"ldf_plan", "inh_minutes", "itk_resolution"}
    assert all(d.template.is_file() for d in m.documents)
    assert m.currency_symbols == {"MNT": "₮"}


def test_rules_apply_only_to_the_onhs_methodology() -> None:
    onhs = [v for v in get_registry().validators if v.rule_id.startswith("onhs.")]
    assert onhs and all(v.methodologies == ("mn.onhs",) for v in onhs)


def test_codelists_have_mongolian_and_english_titles() -> None:
    registry = get_registry()
    for cid in ("mn.admin_unit", "mn.bag_type", "mn.ldf_source", "mn.proposal_channel", "mn.proposal_type",
                "mn.proposal_status", "mn.sector"):
        codelist = registry.codelists[cid]
        assert {"mn", "en"} <= set(codelist.title)
        assert all({"mn", "en"} <= set(t) for t in codelist.codes.values()), cid
    assert set(registry.codelists["mn.admin_unit"].codes) >= {"aimag", "soum", "bag", "district", "khoroo"}


def test_vision2050_catalog_marks_only_officially_read_text_confirmed() -> None:
    catalog = get_registry().catalogs["mn.vision2050"]
    goals = [e for e in catalog.entries if e.level == "goal"]
    assert [g.code for g in goals] == [f"V2050.{i}" for i in range(1, 10)]
    assert catalog.get("V2050.1.1").status == "confirmed"  # English page read in full, no Mongolian text stored
    assert catalog.get("V2050.2").status == "to confirm"  # Mongolian name confirmed, English is a translation
    assert data.catalog_status()["V2050.2"]["mn"] == "confirmed"
    for code in ("V2050.3", "V2050.4", "V2050.6", "V2050.7", "V2050.8", "V2050.9"):
        assert catalog.get(code).status == "to confirm"
    assert all(e.parent in {g.code for g in goals} for e in catalog.entries if e.level == "objective")


# --- Sample and example ---------------------------------------------------------------------------------------

def test_sample_validates_without_errors_or_warnings() -> None:
    report = validate_file(SAMPLE).report
    assert report.findings == [], report.to_json()


def test_example_is_the_shipped_sample() -> None:
    # `sedp init` copies the packaged sample; the example must not drift from it.
    assert EXAMPLE.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")


# --- Rules ----------------------------------------------------------------------------------------------------

def _below_quorum(raw: dict[str, Any]) -> None:
    raw["meetings"][0]["attendance"] = int(raw["meetings"][0]["registered"] * data.quorum().min_share) - 1
    for vote in raw["meetings"][0]["votes"]:
        vote["votes"] = min(vote["votes"], raw["meetings"][0]["attendance"])


def _approve_all(raw: dict[str, Any]) -> None:
    for p in raw["proposals"]:
        if p["status"] == "ranked_by_soum":
            p["status"] = "approved"


CASES: dict[str, tuple[Callable[[dict[str, Any]], None], str, str]] = {
    "quorum": (_below_quorum, "onhs.quorum", data.quorum().severity),
    "ineligible": (lambda r: proposal(r, "B1-03").update(status="ranked_by_soum"), "onhs.ineligible", "error"),
    "unknown-restriction": (lambda r: proposal(r, "B2-01").update(restricted_uses=["gambling"]),
                            "onhs.unknown-restriction", "error"),
    "over-envelope": (_approve_all, "onhs.over-envelope", "error"),
    "unknown-bag": (lambda r: proposal(r, "B2-01").update(bag="B9"), "onhs.unknown-bag", "error"),
    "meeting-unknown-bag": (lambda r: r["meetings"][1].update(bag="B9"), "onhs.unknown-bag", "error"),
    "unknown-task": (lambda r: proposal(r, "B2-01").update(task="T9.9.9"), "onhs.unknown-task", "error"),
    "vote-other-bag": (lambda r: r["meetings"][0]["votes"].append({"proposal": "B2-01", "votes": 5, "rank": 3}),
                       "onhs.vote-other-bag", "error"),
    "unknown-proposal": (lambda r: r["meetings"][0]["votes"].append({"proposal": "X-1", "votes": 5, "rank": 3}),
                         "onhs.unknown-proposal", "error"),
    "attendance-over-registered": (lambda r: r["meetings"][0].update(attendance=r["meetings"][0]["registered"] + 1),
                                   "onhs.attendance-over-registered", "error"),
    "votes-over-attendance": (lambda r: r["meetings"][0]["votes"][0].update(votes=r["meetings"][0]["attendance"] + 1),
                              "onhs.votes-over-attendance", "error"),
    "meeting-late": (lambda r: r["meetings"][0].update(date="2025-09-15"), "onhs.meeting-outside-round", "warning"),
    "meeting-in-budget-year": (lambda r: r["meetings"][0].update(date="2026-03-01"), "onhs.meeting-outside-round",
                               "warning"),
    "duplicate-rank": (lambda r: r["meetings"][0]["votes"][1].update(rank=1), "onhs.duplicate-rank", "warning"),
    "score-out-of-scale": (lambda r: proposal(r, "B2-01")["scores"].update(importance=9),
                           "onhs.score-out-of-scale", "error"),
    "unknown-criterion": (lambda r: proposal(r, "B2-01")["scores"].update(beauty=3), "onhs.unknown-criterion", "error"),
    "score-missing": (lambda r: proposal(r, "B2-01")["scores"].pop("importance"), "onhs.score-missing", "warning"),
    "not-ranked-by-bag": (lambda r: r["meetings"][0]["votes"].pop(), "onhs.not-ranked-by-bag", "warning"),
    "fund-year": (lambda r: r["fund"].update(year=2031), "onhs.fund-year", "error"),
    "envelope-mismatch": (lambda r: r["fund"]["lines"][0].update(amount=r["fund"]["lines"][0]["amount"] + 1000),
                          "onhs.envelope-mismatch", "warning"),
    "unknown-source": (lambda r: r["fund"].update(financing_source="NOPE"), "onhs.unknown-source", "error"),
    "proposal-currency": (lambda r: proposal(r, "B2-01")["cost"].update(currency="USD"), "onhs.proposal-currency",
                          "error"),
    "duplicate-id": (lambda r: proposal(r, "B2-02").update(id="B2-01"), "onhs.duplicate-id", "error"),
    "approved-not-funded": (lambda r: proposal(r, "B3-04").update(status="approved"), "onhs.approved-not-funded",
                            "warning"),
    "bag-type": (lambda r: r["bags"][0].update(type="town"), "codelist.unknown-code", "error"),
    "sector": (lambda r: proposal(r, "B2-01").update(sector="space"), "codelist.unknown-code", "error"),
    "kind": (lambda r: r["municipality"].update(kind="village"), "codelist.unknown-code", "error"),
    "alignment": (lambda r: r["goals"][0]["alignment"][0].update(code="V2050.99"), "alignment.unknown-code", "error"),
}


@pytest.mark.parametrize("case", CASES)
def test_each_rule_fires_on_a_broken_copy_of_the_sample(tmp_path: Path, case: str) -> None:
    change, code, severity = CASES[case]
    report = validate_changed(tmp_path, change)
    found = [f for f in report.findings if f.code == code]
    assert found, f"{code} not reported: {[f.code for f in report.findings]}"
    assert {f.severity for f in found} == {severity}
    # The program's main language is Mongolian: every finding also reads in Mongolian, made from its params.
    for f in found:
        assert f.messages.get("mn") and f.messages["mn"] != f.messages["en"], f
        assert "{" not in f.messages["mn"]


def test_quorum_finding_names_the_counts(tmp_path: Path) -> None:
    report = validate_changed(tmp_path, _below_quorum)
    (f,) = [f for f in report.findings if f.code == "onhs.quorum"]
    meeting = sample_data()["meetings"][0]
    attendance = int(meeting["registered"] * data.quorum().min_share) - 1
    assert f.path == "/meetings/0/attendance"
    assert f"{meeting['registered']}" in f.messages["mn"] and f"{attendance}" in f.messages["mn"]


def test_meeting_exactly_at_quorum_passes(tmp_path: Path) -> None:
    def at_quorum(raw: dict[str, Any]) -> None:
        raw["meetings"][0].update(registered=200, attendance=int(200 * data.quorum().min_share))

    assert "onhs.quorum" not in {f.code for f in validate_changed(tmp_path, at_quorum).findings}


def test_rejected_proposal_on_the_negative_list_is_accepted() -> None:
    raw = sample_data()
    assert proposal(raw, "B1-03")["restricted_uses"] and proposal(raw, "B1-03")["status"] == "rejected"
    assert "onhs.ineligible" not in {f.code for f in validate_file(SAMPLE).report.findings}


def test_core_finding_gets_its_mongolian_message(tmp_path: Path) -> None:
    def bad_activity(raw: dict[str, Any]) -> None:
        raw["activities"] = [{"id": "A1", "title": "Туршилт", "task": "T-none",
                              "cost": {"amount": 1, "currency": "MNT"}}]

    report = validate_changed(tmp_path, bad_activity)
    (f,) = [f for f in report.findings if f.code == "ref.missing-task"]
    assert f.messages["mn"] == data.messages()["ref.missing-task"]["mn"].format(id="T-none")


def test_every_rule_code_has_a_mongolian_message() -> None:
    source = (Path(data.__file__).parent / "rules.py").read_text(encoding="utf-8")
    codes = set(re.findall(r'"(onhs\.[a-z-]+)"', source))
    assert codes, "no codes found in rules.py"
    assert codes <= set(data.messages()), sorted(codes - set(data.messages()))
    for core_code in ("ref.missing-task", "money.source-overcommitted", "period.year-outside",
                      "alignment.unknown-code", "codelist.unknown-code", "schema.missing"):
        assert "mn" in data.messages()[core_code]


# --- Ranking and allocation -----------------------------------------------------------------------------------

RULES = RankingRules(
    status="test", scale={"min": 1, "max": 5},
    criteria=[Criterion(id="importance", weight=0.5, mn="а", en="a"),
              Criterion(id="beneficiaries", weight=0.25, mn="б", en="b"),
              Criterion(id="policy_fit", weight=0.25, mn="в", en="c")],
    tie_break=["bag_rank", "cost"], skip_unaffordable=True,
)


def small_program(order: list[int] | None = None) -> OnhsProgram:
    """Five proposals of two bags; P5 is rejected. Costs 60, 50, 30, 10 (and 5) against an envelope of 100."""
    def prop(pid: str, bag: str, cost: float, scores: tuple[int, int, int], status: str = "ranked_by_soum") -> dict:
        return {"id": pid, "bag": bag, "proposer": "x", "channel": "questionnaire", "title": pid,
                "type": "repair", "sector": "water", "cost": {"amount": cost, "currency": "MNT"},
                "scores": dict(zip(("importance", "beneficiaries", "policy_fit"), scores, strict=True)),
                "status": status}

    proposals = [prop("P1", "B1", 30, (4, 4, 4)), prop("P2", "B1", 50, (5, 3, 3)), prop("P3", "B2", 60, (5, 5, 5)),
                 prop("P4", "B2", 10, (2, 2, 2)), prop("P5", "B2", 5, (5, 5, 5), status="rejected")]
    if order:
        proposals = [proposals[i] for i in order]
    raw = copy.deepcopy(sample_data())
    raw.update(proposals=proposals, fund={"year": 2026, "lines": [{"source": "aimag_transfer", "amount": 100}]},
               meetings=[{"id": "M1", "bag": "B1", "date": "2025-05-01", "place": "x", "registered": 10,
                          "attendance": 8, "chair": "x", "secretary": "y",
                          "votes": [{"proposal": "P1", "votes": 3, "rank": 2},
                                    {"proposal": "P2", "votes": 5, "rank": 1}]}])
    return OnhsProgram.model_validate(raw)


def test_weighted_score_is_the_weighted_mean_on_the_scale() -> None:
    assert weighted_score({"importance": 5, "beneficiaries": 3, "policy_fit": 3}, RULES) == pytest.approx(4.0)
    scaled = [c.model_copy(update={"weight": c.weight * 4}) for c in RULES.criteria]
    doubled = RULES.model_copy(update={"criteria": scaled})
    assert weighted_score({"importance": 5, "beneficiaries": 1, "policy_fit": 2}, doubled) == pytest.approx(3.25)
    assert weighted_score({"importance": 4}, RULES) == pytest.approx(2.0)  # missing criteria count 0


def test_ranking_order_and_ties() -> None:
    # P3 scores 5.0; P1 (4,4,4) and P2 (0.5*5 + 0.25*3 + 0.25*3) both score 4.0 and the tie goes to the better
    # bag ИНХ rank, P2 (rank 1) before P1 (rank 2); P4 scores 2.0; P5 is rejected and not ranked.
    ranked = rank(small_program(), RULES)
    assert [r.proposal.id for r in ranked] == ["P3", "P2", "P1", "P4"]
    assert [r.rank for r in ranked] == [1, 2, 3, 4]
    assert [r.score for r in ranked] == pytest.approx([5.0, 4.0, 4.0, 2.0])


def test_ranking_does_not_depend_on_input_order() -> None:
    shuffled = rank(small_program(order=[4, 3, 0, 2, 1]), RULES)
    assert [r.proposal.id for r in shuffled] == ["P3", "P2", "P1", "P4"]


def test_cost_breaks_ties_when_bag_ranks_are_equal() -> None:
    no_bag_rank = RULES.model_copy(update={"tie_break": ["cost"]})
    ranked = rank(small_program(), no_bag_rank)
    assert [r.proposal.id for r in ranked] == ["P3", "P1", "P2", "P4"]  # P1 costs 30, P2 50


def test_greedy_allocation_skips_what_does_not_fit() -> None:
    # 100: P3 (60) fits, 40 left; P2 (50) does not; P1 (30) fits, 10 left; P4 (10) fits exactly, 0 left.
    lines = allocate(rank(small_program(), RULES), 100, skip_unaffordable=True)
    assert [(a.item.proposal.id, a.funded) for a in lines] == [("P3", True), ("P2", False), ("P1", True), ("P4", True)]
    assert [a.remaining for a in lines] == [40, 40, 10, 0]
    assert lines[-1].cumulative == 100


def test_allocation_can_stop_at_the_first_proposal_that_does_not_fit() -> None:
    lines = allocate(rank(small_program(), RULES), 100, skip_unaffordable=False)
    assert [a.funded for a in lines] == [True, False, False, False]


# --- Grammar --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("number", "expected"), [
    (15, "15 дугаар"), (21, "21 дүгээр"), (4, "4 дүгээр"), (9, "9 дүгээр"), (40, "40 дүгээр"), (90, "90 дүгээр"),
    (10, "10 дугаар"), (100, "100 дугаар"), ("12/3", "12/3 дугаар"),
])
def test_ordinal_suffix_follows_vowel_harmony(number: int | str, expected: str) -> None:
    assert ordinal(number, MN_LABELS) == expected


def test_official_date() -> None:
    assert official_date(dt.date(2025, 9, 1), MN_LABELS) == "2025 оны 09 дүгээр сарын 01-ний"
    assert official_date(dt.date(2025, 12, 20), MN_LABELS) == "2025 оны 12 дугаар сарын 20-ны"


# --- Documents ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def texts() -> dict[tuple[str, str], str]:
    result = validate_file(SAMPLE)
    assert result.program is not None
    out = {}
    for doc in result.methodology.documents:
        for lang in doc.languages or result.methodology.languages:
            out[(doc.id, lang)] = docx_text(render_to_bytes(result.program, result.methodology, doc, lang))
    return out


def test_every_document_renders_in_each_language(texts: dict[tuple[str, str], str]) -> None:
    assert set(texts) == {(d, lang) for d in ("ldf_plan", "inh_minutes", "itk_resolution") for lang in ("mn", "en")}
    for key, text in texts.items():
        assert "{{" not in text and "{%" not in text, key


def test_plan_shows_the_soum_the_proposals_and_the_envelope_total(texts: dict[tuple[str, str], str]) -> None:
    raw = sample_data()
    total = sum(line["amount"] for line in raw["fund"]["lines"])
    for lang in ("mn", "en"):
        text = texts[("ldf_plan", lang)]
        assert raw["municipality"]["name"][lang] in text
        assert format_money(total, lang, "₮") in text
        for p in raw["proposals"]:
            assert p["title"][lang] in text
        for line in raw["fund"]["lines"]:
            assert format_money(line["amount"], lang) in text
    assert "Ultrasound scanner for the health centre" in texts[("ldf_plan", "en")]


def test_minutes_list_every_meeting(texts: dict[tuple[str, str], str]) -> None:
    text = texts[("inh_minutes", "mn")]
    for meeting in sample_data()["meetings"]:
        assert meeting["chair"] in text and meeting["place"] in text and meeting["secretary"] in text


def test_resolution_lists_funded_proposals_only(texts: dict[tuple[str, str], str]) -> None:
    text = texts[("itk_resolution", "mn")]
    raw = sample_data()
    assert "ТОГТООЛ" in text and "Д.Батсүх" in text
    # B3-02 scores 5 on every criterion (the best possible), so it is funded first.
    assert proposal(raw, "B3-02")["title"]["mn"] in text
    assert proposal(raw, "B1-03")["title"]["mn"] not in text  # rejected (negative list)
    assert "ТӨСӨЛ" in text  # no number and date yet: a draft


def test_approved_plan_and_resolution_carry_number_and_date_in_official_form(tmp_path: Path) -> None:
    raw = sample_data()
    raw["status"] = "approved"
    raw["approval"] = {"body": "Заг сумын ИТХ", "date": "2025-12-20", "decision_number": "21"}
    raw["resolution"].update(number="21", date="2025-12-20")
    path = tmp_path / "approved.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    result = validate_file(path)
    assert result.program is not None, result.report.to_json()
    docs = {d.id: d for d in result.methodology.documents}
    plan = docx_text(render_to_bytes(result.program, result.methodology, docs["ldf_plan"], "mn"))
    assert "2025 оны 12 дугаар сарын 20-ны өдрийн 21 дүгээр тогтоолын хавсралт" in plan
    assert "ТӨСӨЛ" not in plan
    resolution = docx_text(render_to_bytes(result.program, result.methodology, docs["itk_resolution"], "mn"))
    assert "2025 оны 12 дугаар сарын 20-ны өдөр" in resolution and "Дугаар 21" in resolution
    assert "ТӨСӨЛ" not in resolution


def test_a_program_without_proposals_meetings_or_resolution_still_renders(tmp_path: Path) -> None:
    raw = sample_data()
    for key in ("proposals", "meetings", "resolution", "working_group", "goals", "situation", "monitoring"):
        raw.pop(key)
    path = tmp_path / "bare.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    result = validate_file(path)
    assert result.program is not None, result.report.to_json()
    for doc in result.methodology.documents:
        for lang in ("mn", "en"):
            text = docx_text(render_to_bytes(result.program, result.methodology, doc, lang))
            assert "{{" not in text
    resolution = docx_text(render_to_bytes(result.program, result.methodology, result.methodology.documents[2], "mn"))
    assert MN_LABELS["blank"] in resolution  # chair, number: lines to fill in


def test_pabulib_export_lets_anyone_recheck_the_allocation(tmp_path: Path) -> None:
    """The .pb file alone must be enough to recompute the funded set: walk the ranks, fund what fits."""
    from sedp_core.registry import get_registry
    from sedp_core.validation import validate_file

    result = validate_file(EXAMPLE)
    assert result.program is not None
    [path] = get_registry().exporters["pabulib"].function(result.program, result.methodology, tmp_path)
    sections: dict[str, list[list[str]]] = {}
    current = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line in {"META", "PROJECTS", "VOTES"}:
            current = line
            sections[current] = []
        else:
            sections[current].append(line.split(";"))
    meta = {row[0]: row[1] for row in sections["META"][1:]}
    header, *rows = sections["PROJECTS"]
    projects = [dict(zip(header, row, strict=True)) for row in rows]
    budget = float(meta["budget"])
    assert budget == sum(line.amount for line in result.program.fund.lines)
    assert meta["rule"] == "greedy" and int(meta["num_projects"]) == len(projects)
    spent, recomputed = 0.0, set()
    for project in sorted(projects, key=lambda p: int(p["rank"])):
        if spent + float(project["cost"]) <= budget:
            spent += float(project["cost"])
            recomputed.add(project["project_id"])
    assert recomputed == {p["project_id"] for p in projects if p["selected"] == "1"}
    assert "proposer" not in header  # no personal data
