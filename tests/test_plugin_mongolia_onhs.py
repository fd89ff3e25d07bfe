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

from sedp_core.authoring.testing import draft_marked_texts
from sedp_core.registry.collect import get_registry
from sedp_core.registry.manager import get_plugin_manager
from sedp_core.rendering.formatting import format_money, format_number
from sedp_core.rendering.render import planned_documents, render_to_bytes
from sedp_core.validation.validate import validate_file
from sedp_mongolia_onhs import data
from sedp_mongolia_onhs.data_models import AllocationRule, Criterion, RankingRules
from sedp_mongolia_onhs.grammar import official_date, ordinal
from sedp_mongolia_onhs.ldf.allocation import allocate, best_set, soum_allocation
from sedp_mongolia_onhs.ldf.models import OnhsProgram
from sedp_mongolia_onhs.ldf.ranking import TieBreak, rank, weighted_score
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
    assert m.model is OnhsProgram
    assert {d.id for d in m.documents} == {"ldf_plan", "inh_minutes", "wg_ranking", "apa_report", "itk_resolution",
                                           "results_notice"}
    per = {d.id: d.per for d in m.documents}
    assert per["inh_minutes"] == "/meetings"  # one signed minutes per meeting
    assert per["results_notice"] == "/bags"  # one notice per bag's board
    assert per["apa_report"] == "/assessments"  # one report per self-assessment, none without one
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
    "apa-unknown-indicator": (lambda r: r["assessments"][0]["results"][0].update(indicator="Z9"),
                              "onhs.apa-unknown-indicator", "error"),
    "apa-points-out-of-range": (lambda r: r["assessments"][0]["results"][0].update(points=99),
                                "onhs.apa-points-out-of-range", "error"),
    "apa-duplicate": (lambda r: r["assessments"][0]["results"].append(dict(r["assessments"][0]["results"][0])),
                      "onhs.apa-duplicate", "error"),
    "apa-missing": (lambda r: r["assessments"][0]["results"].pop(), "onhs.apa-missing", "warning"),
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
    source = (Path(data.__file__).parent / "ldf" / "rules.py").read_text(encoding="utf-8")
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
    tie_break=["bag_rank", "cost"],
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


def test_borda_points_spread_a_bag_list_over_the_scale() -> None:
    from sedp_mongolia_onhs.ldf.ranking import borda_points

    scale = {"min": 1, "max": 5}
    assert [borda_points(r, 4, scale) for r in (1, 2, 3, 4)] == pytest.approx([5, 11 / 3, 7 / 3, 1])
    assert borda_points(1, 1, scale) == 5  # a bag that ranked one proposal gives it the maximum


def test_bag_rank_as_a_criterion_changes_the_order_and_is_printed() -> None:
    from sedp_mongolia_onhs.data_models import BagRankCriterion

    program = small_program()
    # P1 (4, 4, 4) scores 4.0 and P2 (5, 3, 3) scores 4.0; the bag ИНХ ranked P2 first, P1 second.
    plain = {r.proposal.id: r for r in rank(program, RULES)}
    assert plain["P1"].score == pytest.approx(plain["P2"].score)
    scored = RULES.model_copy(update={"bag_rank": BagRankCriterion(weight=1.0, mn="ИНХ", en="Bag rank")})
    ranked = {r.proposal.id: r for r in rank(program, scored)}
    # Weights 0.5/0.25/0.25/1.0: P2 = (0.5×5 + 0.25×3 + 0.25×3 + 1×5) / 2 = 4.5; P1 = (4 + 1×1) / 2 = 2.5.
    assert ranked["P2"].points["bag_rank"] == 5 and ranked["P1"].points["bag_rank"] == 1
    assert ranked["P2"].score == pytest.approx(4.5) and ranked["P1"].score == pytest.approx(2.5)
    assert ranked["P2"].rank < ranked["P1"].rank and ranked["P2"].tie is None


def test_working_group_table_shows_the_bag_rank_criterion(monkeypatch: pytest.MonkeyPatch) -> None:
    from sedp_mongolia_onhs.data_models import BagRankCriterion

    rules = data.ranking().model_copy(update={"bag_rank": BagRankCriterion(weight=0.2, mn="ИНХ-ын эрэмбэ",
                                                                           en="Rank given by the bag ИНХ")})
    monkeypatch.setattr(data, "ranking", lambda: rules)
    result = validate_file(EXAMPLE)
    doc = next(d for d in result.methodology.documents if d.id == "wg_ranking")
    text = docx_text(render_to_bytes(result.program, result.methodology, doc, "en"))
    assert "Rank given by the bag ИНХ" in text and "Borda count" in text
    assert "C4: " in text  # each proposal's breakdown has the fourth criterion


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


def greedy(method: str = "greedy_skip", **extra: Any) -> AllocationRule:
    return AllocationRule(method=method, **extra)


def decisions(lines: list[Any]) -> list[tuple[str, str]]:
    return [(a.item.proposal.id, a.reason) for a in lines]


def test_greedy_allocation_skips_what_does_not_fit() -> None:
    # 100: P3 (60) fits, 40 left; P2 (50) does not; P1 (30) fits, 10 left; P4 (10) fits exactly, 0 left.
    lines = allocate(rank(small_program(), RULES), 100, greedy())
    assert decisions(lines) == [("P3", "funded"), ("P2", "does_not_fit"), ("P1", "funded"), ("P4", "funded")]
    assert [a.remaining for a in lines] == [40, 40, 10, 0]
    assert [a.cumulative for a in lines] == [60, 60, 90, 100]


def test_allocation_can_stop_at_the_first_proposal_that_does_not_fit() -> None:
    lines = allocate(rank(small_program(), RULES), 100, greedy("greedy_stop"))
    assert decisions(lines) == [("P3", "funded"), ("P2", "does_not_fit"), ("P1", "stopped"), ("P4", "stopped")]
    assert [a.remaining for a in lines] == [40, 40, 40, 40]


def test_max_score_finds_the_best_set_where_greedy_does_not() -> None:
    # Envelope 80. Greedy: P3 (60, 5.0) then only P4 (10, 2.0) fits: total score 7.0, 70 spent.
    # Every set within 80: {P2,P1} = 80 → 4.0 + 4.0 = 8.0 is the best; {P3,P4} = 7.0; {P2,P4} = {P1,P4} = 6.0.
    ranked = rank(small_program(), RULES)
    assert {a.item.proposal.id for a in allocate(ranked, 80, greedy()) if a.funded} == {"P3", "P4"}
    lines = allocate(ranked, 80, greedy("max_score"))
    assert decisions(lines) == [("P3", "not_in_best_set"), ("P2", "funded"), ("P1", "funded"),
                                ("P4", "not_in_best_set")]
    assert [a.cumulative for a in lines] == [0, 50, 80, 80] and lines[-1].remaining == 0
    # Envelope 40: P3 and P2 cost more than the whole envelope: they "do not fit", not "not chosen".
    small = allocate(ranked, 40, greedy("max_score"))
    assert decisions(small) == [("P3", "does_not_fit"), ("P2", "does_not_fit"), ("P1", "funded"), ("P4", "funded")]


def test_best_set_breaks_equal_totals_by_cost_then_by_rank() -> None:
    # {0} and {1, 2} both score 2; {0} is cheaper (15 < 20).
    assert best_set([15, 10, 10], [2, 1, 1], 20) == {0}
    # {0, 1} and {2} both score 2 and cost 20: the set holding the better-ranked item (index 0) wins.
    assert best_set([10, 10, 20], [1, 1, 2], 20) == {0, 1}
    assert best_set([10, 20, 10], [1, 2, 1], 20) == {0, 2}
    assert best_set([30], [5], 20) == set() and best_set([], [], 20) == set()


def test_best_set_matches_brute_force_on_random_cases() -> None:
    import itertools
    import random

    rng = random.Random(86)
    for _ in range(200):
        n = rng.randint(1, 9)
        costs = [rng.choice([5, 10, 15, 20, 25, 30, 40]) * 1_000_000.0 for _ in range(n)]
        scores = [rng.choice([2.0, 2.5, 3.0, 3.4, 4.0, 4.6, 5.0]) for _ in range(n)]
        budget = rng.choice([30, 50, 70, 100]) * 1_000_000.0
        subsets = [set(c) for k in range(n + 1) for c in itertools.combinations(range(n), k)
                   if sum(costs[i] for i in c) <= budget]

        # Highest score, then lowest cost, then the better-ranked item where the sets differ.
        best = max(subsets, key=lambda chosen, c=costs, s=scores, k=n: (
            round(sum(s[i] for i in chosen), 6), -sum(c[i] for i in chosen), [int(i in chosen) for i in range(k)]))
        assert best_set(costs, scores, budget) == best


def test_bag_minimum_share_is_served_first() -> None:
    ranked = rank(small_program(), RULES)
    # greedy_stop alone funds P3 and stops at P2: bag B1 gets nothing.
    assert {a.item.proposal.id for a in allocate(ranked, 100, greedy("greedy_stop")) if a.funded} == {"P3"}
    # With 30 % per bag (30 of 100): P3 serves B2 (60); P2 (50) no longer fits; P1 (30) serves B1 (90 spent).
    # The rule then walks P2 (does not fit: stop) and P4 (stopped).
    lines = allocate(ranked, 100, greedy("greedy_stop", bag_min_share=0.3))
    assert decisions(lines) == [("P3", "funded_bag_share"), ("P2", "does_not_fit"), ("P1", "funded_bag_share"),
                                ("P4", "stopped")]
    # max_score on 80 would pick {P2, P1} (bag B1 only); 30 % each first gives B2 its P3, and P4 fills the rest.
    lines = allocate(ranked, 80, greedy("max_score", bag_min_share=0.3))
    assert decisions(lines) == [("P3", "funded_bag_share"), ("P2", "does_not_fit"), ("P1", "does_not_fit"),
                                ("P4", "funded")]


def test_proposals_of_a_meeting_below_quorum_are_ranked_but_not_funded() -> None:
    program = small_program()
    program.meetings[0].attendance = 4  # 4 of 10, below the 50 % of quorum.yaml
    exclude = RULES.model_copy(update={"allocation": greedy()})
    assert decisions(soum_allocation(program, exclude)) == [
        ("P3", "funded"), ("P2", "below_quorum"), ("P1", "below_quorum"), ("P4", "funded")]
    allow = RULES.model_copy(update={"allocation": greedy(below_quorum="allow")})
    assert decisions(soum_allocation(program, allow)) == [
        ("P3", "funded"), ("P2", "does_not_fit"), ("P1", "funded"), ("P4", "funded")]


def test_ties_record_the_key_that_decided_them() -> None:
    ranked = {r.proposal.id: r for r in rank(small_program(), RULES)}
    assert ranked["P1"].tie == TieBreak(above="P2", key="bag_rank", value_above=1, value=2)
    assert ranked["P3"].tie is None and ranked["P2"].tie is None and ranked["P4"].tie is None
    by_cost = {r.proposal.id: r for r in rank(small_program(), RULES.model_copy(update={"tie_break": ["cost"]}))}
    assert by_cost["P2"].tie == TieBreak(above="P1", key="cost", value_above=30, value=50)
    by_id = {r.proposal.id: r for r in rank(small_program(), RULES.model_copy(update={"tie_break": []}))}
    assert by_id["P2"].tie == TieBreak(above="P1", key="id", value_above="P1", value="P2")


def test_every_reason_code_has_wording_in_both_languages() -> None:
    source = (Path(data.__file__).parent / "ldf" / "allocation.py").read_text(encoding="utf-8")
    source += (Path(data.__file__).parent / "ldf" / "wg_context.py").read_text(encoding="utf-8")
    used = set(re.findall(r'"(funded|funded_bag_share|does_not_fit|stopped|not_in_best_set|below_quorum|'
                          r'ineligible|rejected|withdrawn)"', source))
    wording = data.reasons().reasons
    assert used and used <= set(wording)
    assert all({"mn", "en"} <= set(texts) for texts in wording.values())


def test_the_ranking_data_names_a_known_method_with_described_levels() -> None:
    rules = data.ranking()
    assert rules.allocation.method in ("greedy_skip", "greedy_stop", "max_score")
    assert all(c.levels for c in rules.criteria)
    with pytest.raises(ValueError, match="off the scale"):
        RankingRules.model_validate({**rules.model_dump(), "criteria": [
            {**rules.criteria[0].model_dump(), "levels": [{"points": 9, "mn": "x", "en": "x"}]}]})
    with pytest.raises(ValueError):
        AllocationRule(method="lottery")


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
    """Text of every planned document of the sample, keyed (document id or «id:item id», language)."""
    result = validate_file(SAMPLE)
    assert result.program is not None
    out = {}
    for job in planned_documents(result.program, result.methodology):
        key = job.document.id + (f":{job.item_key}" if job.item_key else "")
        out[(key, job.language)] = docx_text(render_to_bytes(result.program, result.methodology, job.document,
                                                             job.language, item=job.item, item_no=job.item_no))
    return out


def test_every_document_renders_in_each_language(texts: dict[tuple[str, str], str]) -> None:
    meetings = [m["id"] for m in sample_data()["meetings"]]
    assessments = [a["id"] for a in sample_data()["assessments"]]
    bags = [b["id"] for b in sample_data()["bags"]]
    expected = ["ldf_plan", "wg_ranking", "itk_resolution", *(f"inh_minutes:{m}" for m in meetings),
                *(f"apa_report:{a}" for a in assessments), *(f"results_notice:{b}" for b in bags)]
    assert set(texts) == {(d, lang) for d in expected for lang in ("mn", "en")}
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


def test_each_meeting_has_its_own_minutes(texts: dict[tuple[str, str], str]) -> None:
    raw = sample_data()
    titles = {p["id"]: p["title"]["mn"] for p in raw["proposals"]}
    for meeting in raw["meetings"]:
        text = texts[(f"inh_minutes:{meeting['id']}", "mn")]
        assert meeting["chair"] in text and meeting["place"] in text and meeting["secretary"] in text
        counts = [format_number(meeting[k], "mn") for k in ("registered", "attendance")]
        assert f"{counts[0]} иргэнээс {counts[1]} иргэн" in text
        for vote in meeting["votes"]:
            assert titles[vote["proposal"]] in text
        others = [m for m in raw["meetings"] if m["bag"] != meeting["bag"]]
        assert all(m["place"] not in text for m in others)  # one meeting per document
        assert raw["meetings"][0]["decisions"][0]["mn"] in texts[(f"inh_minutes:{raw['meetings'][0]['id']}", "mn")]


def test_minutes_say_so_when_a_meeting_ranked_nothing_and_say_nothing_otherwise() -> None:
    from sedp_core.input.loader import LoadedData
    from sedp_core.validation.validate import validate_data

    raw = sample_data()
    raw["meetings"][0]["votes"], raw["meetings"][0]["decisions"] = [], []
    result = validate_data(LoadedData(raw, "test.yaml"))
    assert result.program is not None, result.report.to_json()
    document = next(d for d in result.methodology.documents if d.id == "inh_minutes")
    empty, full = result.program.meetings[0], result.program.meetings[1]
    texts = [docx_text(render_to_bytes(result.program, result.methodology, document, "en", item=m, item_no=n))
             for n, m in ((1, empty), (2, full))]
    assert "The meeting ranked no proposal." in texts[0] and "No decision recorded." in texts[0]
    assert "ranked no proposal" not in texts[1] and "No decision recorded" not in texts[1]


def test_working_group_document_lets_anyone_recompute_the_result(texts: dict[tuple[str, str], str]) -> None:
    result = validate_file(SAMPLE)
    program = result.program
    text = texts[("wg_ranking", "en")]
    rules = data.ranking()
    for c in rules.criteria:  # criteria, their weights and every described level
        assert c.en in text and all(level.en in text for level in c.levels)
    lines = soum_allocation(program)
    for a in lines:  # every ranked proposal with its points × weight breakdown and its decision
        p = a.item.proposal
        assert p.title["en"] in text
        first = rules.criteria[0]
        share = first.weight / sum(c.weight for c in rules.criteria)
        assert f"C1: {p.scores[first.id]:g} × {share:.2f} = {share * p.scores[first.id]:.2f}" in text
        assert format_money(a.remaining, "en") in text
    assert data.reasons().reasons["funded"]["en"] in text
    assert data.reasons().reasons["does_not_fit"]["en"] in text
    assert "Ineligible: Budget Law art. 60.3" in text  # B1-03, the ovoo worship
    ties = [a.item for a in lines if a.item.tie]
    assert ties, "the sample should show a decided tie"
    assert "rank given by the bag meeting" in text


def test_resolution_lists_funded_proposals_only(texts: dict[tuple[str, str], str]) -> None:
    text = texts[("itk_resolution", "mn")]
    raw = sample_data()
    assert "ТОГТООЛ" in text and "Д.Батсүх" in text
    # B3-02 scores 5 on every criterion (the best possible), so it is funded first.
    assert proposal(raw, "B3-02")["title"]["mn"] in text
    assert proposal(raw, "B1-03")["title"]["mn"] not in text  # rejected (negative list)
    assert "ТӨСӨЛ" not in text and "Дугаар 07" in text  # the sample is approved: its number and date


def approved(raw: dict[str, Any]) -> dict[str, Any]:
    """The sample (approved, with its confirmations) under a later decision of the soum ИТХ."""
    raw["status"] = "approved"
    raw["approval"].update(body="Заг сумын ИТХ", date="2025-12-20", decision_number="21")
    return raw


def test_approved_plan_and_resolution_carry_number_and_date_in_official_form(tmp_path: Path) -> None:
    raw = approved(sample_data())
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


def test_a_draft_marks_the_sample_apa_indicators_and_incentive_rule(tmp_path: Path) -> None:
    raw = sample_data()
    raw["status"], raw["confirmations"] = "draft", []
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    result = validate_file(path)
    assert result.program is not None
    [job] = [j for j in planned_documents(result.program, result.methodology)
             if j.document.id == "apa_report" and j.language == "en"]
    marked = draft_marked_texts(render_to_bytes(result.program, result.methodology, job.document, "en",
                                                item=job.item, item_no=job.item_no))
    assert data.apa().indicators[0].en in marked
    assert any(t.startswith("Incentive estimate:") for t in marked)


def test_the_laws_a_resolution_cites_are_a_program_field_with_the_plugin_default_as_draft(tmp_path: Path) -> None:
    raw = sample_data()
    del raw["approval"]["legal_basis"]
    path = tmp_path / "approved.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    report = validate_file(path).report
    [finding] = [f for f in report.findings if f.code == "status.approved-unconfirmed"]
    assert finding.severity == "error" and finding.path == "/approval/legal_basis"
    raw["status"] = "draft"
    path.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    result = validate_file(path)
    assert result.program is not None
    doc = next(d for d in result.methodology.documents if d.id == "itk_resolution")
    data = render_to_bytes(result.program, result.methodology, doc, "mn")
    # The plugin's default, with the article nobody has found yet, is printed as a draft value, never plain.
    [marked] = [t for t in draft_marked_texts(data) if "Төсвийн тухай хуулийн 60" in t]
    assert "[зүйл, заалт]" in marked
    assert "тодруулах" not in docx_text(data)


def test_a_program_without_proposals_meetings_or_resolution_still_renders(tmp_path: Path) -> None:
    raw = sample_data()
    for key in ("proposals", "meetings", "resolution", "working_group", "goals", "situation", "monitoring",
                "assessments"):
        raw.pop(key)
    raw["status"] = "draft"  # an approved program would have to confirm the resolution's default articles
    path = tmp_path / "bare.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    result = validate_file(path)
    assert result.program is not None, result.report.to_json()
    jobs = planned_documents(result.program, result.methodology)
    # No meeting, no minutes; no self-assessment, no APA report; each bag still gets its (empty) notice.
    assert {job.document.id for job in jobs} == {"ldf_plan", "wg_ranking", "itk_resolution", "results_notice"}
    for job in jobs:
        text = docx_text(render_to_bytes(result.program, result.methodology, job.document, job.language,
                                         item=job.item, item_no=job.item_no))
        assert "{{" not in text
    docs = {d.id: d for d in result.methodology.documents}
    resolution = docx_text(render_to_bytes(result.program, result.methodology, docs["itk_resolution"], "mn"))
    assert MN_LABELS["blank"] in resolution  # chair, number: lines to fill in


def test_apa_data_has_the_six_sourced_areas_and_marks_indicators_as_sample() -> None:
    apa = data.apa()
    assert [a.en for a in apa.areas] == ["Public participation", "Planning", "Transparency", "Implementation",
                                         "Monitoring and evaluation", "Ownership"]
    assert all(a.status == "sourced" for a in apa.areas)
    assert apa.status == "sample data"  # the official 34 indicators were not found
    assert {i.area for i in apa.indicators} == {a.id for a in apa.areas}  # every area has indicators


def test_apa_total_counts_at_most_each_maximum_and_missing_as_zero() -> None:
    from sedp_mongolia_onhs.ldf.apa_context import apa_rows, apa_total
    from sedp_mongolia_onhs.ldf.models import PerformanceAssessment

    maximum = sum(i.max_points for i in data.apa().indicators)
    first, second = data.apa().indicators[:2]
    assessment = PerformanceAssessment.model_validate({"id": "A", "year": 2024, "results": [
        {"indicator": first.id, "points": first.max_points + 10},  # an error the rules report: counts its maximum
        {"indicator": second.id, "points": 1}]})
    assert apa_total(assessment) == (first.max_points + 1, maximum)
    rows = apa_rows(assessment, "en", str)["apa"]
    assert sum(r["points"] for r in rows["area_rows"]) == first.max_points + 1
    assert [r["points"] for r in rows["detail_rows"]][:3] == [first.max_points + 10, 1, None]


def test_apa_report_prints_every_indicator_with_evidence_and_the_total(texts: dict[tuple[str, str], str]) -> None:
    raw = sample_data()["assessments"][0]
    text = texts[(f"apa_report:{raw['id']}", "en")]
    total = sum(r["points"] for r in raw["results"])
    maximum = sum(i.max_points for i in data.apa().indicators)
    assert f"{total:g} of {maximum:g} points" in text
    for indicator in data.apa().indicators:
        assert indicator.en in text and indicator.evidence["en"] in text
    for result in raw["results"]:
        assert result["evidence"]["en"] in text
    # The indicators are sample data: each carries the core's draft mark (highlighted), not a printed note.
    assert "sample data" not in text
    # The indicators are sample data: the approved sample confirmed them, so no review note is printed.
    assert "sample data" not in text and "to be replaced" not in text
    assert "онооноос" in texts[(f"apa_report:{raw['id']}", "mn")]


@pytest.mark.parametrize(("share", "rate"), [(0.90, 0.10), (0.85, 0.10), (0.84, 0.05), (0.70, 0.05), (0.69, 0.0)])
def test_apa_incentive_takes_the_tier_the_score_reaches(share: float, rate: float) -> None:
    from sedp_mongolia_onhs.ldf.apa_context import incentive_estimate

    program = validate_file(EXAMPLE).program
    base = sum(line.amount for line in program.fund.lines if line.source == "aimag_transfer")
    estimate = incentive_estimate(program, share)
    assert (estimate["rate"], estimate["base"]) == (rate, base)
    assert estimate["amount"] == pytest.approx(base * rate)


def test_apa_incentive_rule_is_data_checked_on_load() -> None:
    from pydantic import ValidationError

    from sedp_mongolia_onhs.data_models import ApaIncentive

    assert data.apa().incentive is not None and data.apa().incentive.status == "to confirm"
    fixed = ApaIncentive.model_validate({"status": "to confirm", "method": "fixed", "tiers": [
        {"min_share": 0.8, "amount": 5_000_000}, {"min_share": 0.0, "amount": 0}]})
    assert fixed.tier_for(0.81).amount == 5_000_000 and fixed.tier_for(0.5).amount == 0
    with pytest.raises(ValidationError, match="needs 'amount'"):
        ApaIncentive.model_validate({"status": "x", "method": "fixed", "tiers": [{"min_share": 0.5, "rate": 0.1}]})
    with pytest.raises(ValidationError, match="highest min_share down"):
        ApaIncentive.model_validate({"status": "x", "method": "share_of_base", "base_source": "aimag_transfer",
                                     "tiers": [{"min_share": 0.1, "rate": 0.0}, {"min_share": 0.9, "rate": 0.1}]})


def test_apa_report_shows_the_incentive_estimate_with_its_figures(texts: dict[tuple[str, str], str]) -> None:
    raw = sample_data()
    assessment = raw["assessments"][0]
    share = sum(r["points"] for r in assessment["results"]) / sum(i.max_points for i in data.apa().indicators)
    tier = data.apa().incentive.tier_for(share)
    base = sum(line["amount"] for line in raw["fund"]["lines"] if line["source"] == "aimag_transfer")
    text = texts[(f"apa_report:{assessment['id']}", "en")]
    assert "Incentive estimate:" in text and "sample rule" not in text
    assert format_money(base * tier.rate, "en", "₮") in text and format_money(base, "en", "₮") in text


def test_larger_example_has_the_variety_it_promises() -> None:
    """examples/mongolia_onhs/tariat_2026.yaml: 6 bags, 62 proposals, the cases its header lists."""
    path = ROOT / "examples" / "mongolia_onhs" / "tariat_2026.yaml"
    result = validate_file(path)
    program = result.program
    assert program is not None and result.report.errors == []
    # the intended warnings: bag 6 below quorum, a paved road costing more than the whole envelope
    assert sorted(f.code for f in result.report.findings) == ["onhs.proposal-over-envelope", "onhs.quorum"]
    assert len(program.bags) >= 5 and len(program.proposals) >= 60
    assert "SAMPLE DATA" in path.read_text(encoding="utf-8").splitlines()[0]
    lines = soum_allocation(program)
    reasons = {a.reason for a in lines}
    assert {"funded", "does_not_fit", "below_quorum"} <= reasons
    assert any(p.restricted_uses and p.status == "rejected" for p in program.proposals)
    assert any(p.cost.amount > program.fund.total for p in program.proposals)  # above the envelope
    assert any(a.item.tie for a in lines)
    funded = sum(a.item.proposal.cost.amount for a in lines if a.funded)
    assert funded <= program.fund.total and lines[-1].remaining == program.fund.total - funded


@pytest.mark.parametrize("method", ["greedy_skip", "greedy_stop", "max_score"])
def test_every_method_allocates_the_larger_example_within_the_envelope(method: str) -> None:
    program = validate_file(ROOT / "examples" / "mongolia_onhs" / "tariat_2026.yaml").program
    rules = data.ranking().model_copy(update={"allocation": AllocationRule(method=method, bag_min_share=0.05)})
    lines = soum_allocation(program, rules)
    funded = [a for a in lines if a.funded]
    assert funded and sum(a.item.proposal.cost.amount for a in funded) <= program.fund.total
    assert not any(a.funded for a in lines if a.item.proposal.bag == "B6")  # its meeting is below quorum
    if method == "max_score":  # never worse than greedy on total score
        greedy_lines = soum_allocation(program, data.ranking())
        assert sum(a.item.score for a in funded) >= sum(a.item.score for a in greedy_lines if a.funded) - 1e-9


def test_pabulib_export_lets_anyone_recheck_the_allocation(tmp_path: Path) -> None:
    """The .pb file alone must be enough to recompute the funded set: walk the ranks, fund what fits."""
    from sedp_core.registry.collect import get_registry
    from sedp_core.validation.validate import validate_file

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
