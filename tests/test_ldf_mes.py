"""The Method of Equal Shares comparison of the mn.onhs allocation (docs/mes.md): the annex and the Pabulib export
agree with pabutools re-run on the exported file; small cases against a hand computation; the page only when asked
for; its wording unconfirmed in an approved program is an error; a clear error when pabutools is missing."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from sedp_core.input.loader import LoadedData
from sedp_core.registry.collect import get_registry
from sedp_core.rendering.render import render_to_bytes
from sedp_core.validation.validate import validate_data
from sedp_mongolia_onhs import data
from sedp_mongolia_onhs.ldf.equal_shares import equal_shares
from sedp_mongolia_onhs.ldf.models import OnhsProgram
from sedp_mongolia_onhs.ldf.pabulib_export import export_pabulib
from tests.conftest import ROOT, docx_text

TARIAT = ROOT / "examples" / "mongolia_onhs" / "tariat_2026.yaml"
BASE = YAML(typ="safe").load(data.data_path("sample.yaml").read_text(encoding="utf-8"))
# The comparison page's labels, the words an approved program must have confirmed before it prints them.
MES_LABELS = {"h_mes", "mes_not_decision", "mes_intro", "s_mes_voters", "s_mes_left_out", "h_mes_summary",
              "h_mes_proposals", "h_mes_bags", "col_mes_rule", "mes_rule_procedure", "mes_rule_mes",
              "col_mes_procedure", "col_mes_mes", "col_mes_difference", "col_mes_voters", "col_mes_share",
              "col_mes_procedure_mnt", "col_mes_mes_mnt", "mes_only", "procedure_only", "s_mes_same", "s_mes_differ"}


def tariat(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = YAML(typ="safe").load(TARIAT.read_text(encoding="utf-8"))
    raw.update(changes)
    return raw


def validated(raw: dict[str, Any]) -> Any:
    return validate_data(LoadedData(copy.deepcopy(raw), str(TARIAT), {}))


def wg_ranking_text(program: OnhsProgram, language: str) -> str:
    methodology = get_registry().methodology(program.methodology.id, program.methodology.version)
    document = next(d for d in methodology.documents if d.id == "wg_ranking")
    return docx_text(render_to_bytes(program, methodology, document, language))


# --- (a) the annex and the export equal pabutools' MES re-run on the exported .pb ---------------------------

def test_the_exported_instance_re_runs_to_the_same_outcome_with_pabutools(tmp_path: Path) -> None:
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.fractions import frac
    from pabutools.rules import method_of_equal_shares
    from pabutools.tiebreaking import TieBreakingRule

    result = validated(tariat(equal_shares_comparison=True))
    program = result.program
    written = export_pabulib(program, result.methodology, tmp_path)
    assert [p.name for p in written] == ["tariat-onhs-2026_2026.pb", "tariat-onhs-2026_2026_equal_shares.pb"]
    instance, profile = parse_pabulib(str(written[1]))
    assert instance.meta["rule"] == "equalshares/add1" and instance.meta["vote_type"] == "approval"
    # What the file says, read only from the file: the tie-break column and the completion step of its comment.
    ties = TieBreakingRule(lambda inst, prof, p: (int(inst.project_meta[p]["bag_rank"]), p.name))
    step = frac(instance.budget_limit, 100 * profile.num_ballots())
    outcome = method_of_equal_shares(instance, profile, sat_class=Cost_Sat, tie_breaking=ties,
                                     voter_budget_increment=step)
    rerun = {p.name for p in outcome}
    selected = {p.name for p in instance if instance.project_meta[p]["selected"] == "1"}
    ours = equal_shares(program).funded
    assert rerun == selected == ours
    assert ours != {line.item.proposal.id for line in equal_shares(program).lines if line.funded}
    # the annex prints the same set: every proposal MES funds is a row with "yes" in its column
    view = _view(program, "en")
    assert {row["id"] for row in view.rows if row["mes"] == "Yes"} == ours
    assert view.summary_rows[1]["amount"] == sum(float(p.cost) for p in instance if p.name in ours)


def _view(program: OnhsProgram, language: str) -> Any:
    from sedp_mongolia_onhs.ldf.context import document_context

    methodology = get_registry().methodology(program.methodology.id, program.methodology.version)
    return document_context(program, methodology, language)["equal_shares"]


# --- (b) small cases against a hand computation ------------------------------------------------------------

def small_program(bags: list[tuple[int, list[int]]], budget: int) -> OnhsProgram:
    """Bags given as (participants of its ИНХ meeting, costs of its proposals in the meeting's rank order)."""
    raw: dict[str, Any] = copy.deepcopy(BASE)
    template_bag, template_proposal, template_meeting = raw["bags"][0], raw["proposals"][0], raw["meetings"][0]
    raw["status"] = "draft"
    raw["fund"]["lines"] = [{"source": "aimag_transfer", "amount": budget}]
    raw["bags"], raw["proposals"], raw["meetings"] = [], [], []
    for b, (participants, costs) in enumerate(bags):
        bag = f"B{b + 1}"
        raw["bags"].append({**template_bag, "id": bag})
        ids = [f"{'ABCDEFGH'[b]}{i + 1}" for i in range(len(costs))]
        raw["proposals"] += [{**template_proposal, "id": pid, "bag": bag, "cost": {"amount": c, "currency": "MNT"},
                              "implementation": None, "restricted_uses": [], "eligibility": None}
                             for pid, c in zip(ids, costs, strict=True)]
        raw["meetings"].append({**template_meeting, "id": f"M-{bag}", "bag": bag, "registered": participants,
                                "attendance": participants, "discussed": [],
                                "votes": [{"proposal": pid, "votes": participants, "rank": r}
                                          for r, pid in enumerate(ids, 1)]})
    return OnhsProgram.model_validate(raw)


def test_each_bag_spends_its_share_down_its_own_ranked_list() -> None:
    """10 participants, budget 10, one share of 1 each: the first-ranked (8) is bought before the cheaper ones, then
    what still fits (2), not the second-ranked (3)."""
    assert equal_shares(small_program([(10, [8, 3, 2])], 10)).funded == {"A1", "A3"}


def test_a_small_bag_gets_its_proposal_where_shares_are_equal() -> None:
    """90 + 10 participants, budget 100: bag A's pool of 90 buys A1 (60) and cannot buy A2 (40); bag B's pool of 10
    buys B1 (10). Nothing more fits the 30 left, so the completion stops at once: {A1, B1}, 70 spent."""
    result = equal_shares(small_program([(90, [60, 40]), (10, [10])], 100))
    assert result.funded == {"A1", "B1"}
    assert result.spent(result.funded) == 70


def test_the_add1_completion_raises_the_shares_until_the_envelope_is_used() -> None:
    """60 + 40 participants, budget 100. With shares of 1: A buys A1 (50) and cannot buy A2 (30) from its 10 left;
    B cannot buy B1 (45) from 40 and buys B2 (10): {A1, B2}, 60 spent, A2 would still fit. Raised by 1 % a step,
    at 1.13 B's pool (45.2) buys B1, its first; A's pool (67.8) still holds A1 only: {A1, B1}, 95, and nothing
    fits the 5 left."""
    result = equal_shares(small_program([(60, [50, 30]), (40, [45, 10])], 100))
    assert result.funded == {"A1", "B1"}
    assert result.spent(result.funded) == 95


def test_a_meeting_below_quorum_has_no_voters_and_its_proposals_are_out() -> None:
    program = small_program([(90, [60, 40]), (10, [10])], 100)
    meetings = [m.model_copy(update={"registered": 100}) if m.bag == "B2" else m for m in program.meetings]
    result = equal_shares(program.model_copy(update={"meetings": meetings}))
    assert [g.bag for g in result.groups] == ["B1"]
    assert "B1" not in {line.item.proposal.id for line in result.lines}
    assert result.funded == {"A1", "A2"}  # bag A alone: its pool is the whole envelope


# --- (c) only when the field asks for it ------------------------------------------------------------------

def test_the_comparison_page_and_file_only_when_the_program_asks(tmp_path: Path) -> None:
    labels = data.labels()
    on = validated(tariat(equal_shares_comparison=True)).program
    assert on is not None
    for language in ("mn", "en"):
        text = wg_ranking_text(on, language)
        assert labels["h_mes"][language] in text
        assert labels["mes_not_decision"][language] in text
    assert labels["h_mes"]["mn"] not in wg_ranking_text(validated(tariat()).program, "mn")
    off = validated(tariat())
    assert off.program.equal_shares_comparison is False
    assert [p.name for p in export_pabulib(off.program, off.methodology, tmp_path)] == ["tariat-onhs-2026_2026.pb"]


def test_the_mongolian_page_has_no_english_word() -> None:
    import re

    text = wg_ranking_text(validated(tariat(equal_shares_comparison=True)).program, "mn")
    page = text[text.index(data.labels()["h_mes"]["mn"]):]
    ids = {p["id"] for p in tariat()["proposals"]}
    latin = {w for w in re.findall(r"[A-Za-z][A-Za-z-]*", page) if not any(w in i for i in ids)}
    assert latin == set()


# --- (d) approved, the new wording unconfirmed: an error ----------------------------------------------------

def _confirm_all_labels_but_the_comparison(raw: dict[str, Any]) -> dict[str, Any]:
    """The program confirms every unconfirmed label one by one, except the comparison page's."""
    confirmations = [c for c in raw["confirmations"] if c["item"] != "label:mn.onhs@2021/*"]
    by = {"by": "Сумын ажлын хэсэг", "date": "2025-08-18"}
    confirmations += [{"item": f"label:mn.onhs@2021/{key}", **by} for key in data.unconfirmed_labels()
                      if key not in MES_LABELS]
    return {**raw, "confirmations": confirmations}


def test_an_approved_program_with_the_comparison_unconfirmed_is_an_error() -> None:
    raw = _confirm_all_labels_but_the_comparison(tariat(equal_shares_comparison=True))
    report = validated(raw).report
    unconfirmed = {f.params["item"] for f in report.errors if f.code == "status.approved-unconfirmed"}
    printed = MES_LABELS - {"s_mes_same"}  # Tariat's two rules differ
    assert {f"label:mn.onhs@2021/{key}" for key in printed} <= unconfirmed
    assert all(i.startswith("label:mn.onhs@2021/") and i.rsplit("/", 1)[1] in MES_LABELS for i in unconfirmed)
    # the same program not asking for the comparison prints none of it
    off = validated(_confirm_all_labels_but_the_comparison(tariat()))
    assert not [f for f in off.report.errors if f.code == "status.approved-unconfirmed"]


def test_every_comparison_label_is_marked_to_confirm() -> None:
    assert set(data.unconfirmed_labels()) >= MES_LABELS


# --- pabutools is an optional extra: asked for without it, a located error in Mongolian ------------------------

def test_asking_for_the_comparison_without_pabutools_is_a_located_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "pabutools" or m.startswith("pabutools.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pabutools", None)  # an import of it now fails, as when it is not installed
    report = validated(tariat(equal_shares_comparison=True)).report
    found = [f for f in report.errors if f.code == "onhs.equal-shares-unavailable"]
    assert len(found) == 1 and found[0].path == "/equal_shares_comparison"
    assert "pabutools" in found[0].message("mn") and "sedp[mes]" in found[0].message("mn")
    assert not [f for f in validated(tariat()).report.errors if f.code == "onhs.equal-shares-unavailable"]


def test_the_bags_starting_shares_add_up_to_the_envelope_in_whole_tugriks() -> None:
    """Three bags of one participant share 100: 34, 33, 33, so the printed column sums to its printed total."""
    program = small_program([(1, [50]), (1, [50]), (1, [50])], 100)
    view = _view(program, "en")
    assert [row["share"] for row in view.bag_rows] == [34, 33, 33]
    assert view.totals["share"] == 100


def test_the_comparison_is_computed_once_per_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`sedp render` of the ranking annex: validation renders it in memory in mn and en (the approved program's
    unconfirmed values), then it is written in both; pabutools' rule runs once, not once per rendering."""
    from sedp_core.cli.render import render_program_file
    from sedp_mongolia_onhs.ldf import equal_shares_context

    program = tmp_path / "tariat.yaml"
    raw = tariat(equal_shares_comparison=True)
    raw["confirmations"] = [*raw.get("confirmations", []),
                            {"item": "label:mn.onhs@2021/*", "by": "test", "date": "2026-12-03"}]
    YAML().dump(raw, program)
    calls: list[int] = []
    original = equal_shares_context.equal_shares
    monkeypatch.setattr(equal_shares_context, "equal_shares", lambda *a, **k: calls.append(1) or original(*a, **k))
    outcome = render_program_file(program, tmp_path / "out", ("wg_ranking",), ())
    assert not outcome.failures and len(outcome.written) == 2, (outcome.reasons, outcome.messages)
    assert calls == [1]
