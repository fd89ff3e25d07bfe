"""What a soum officer signs (issue 15): quorum, negative list, consistency rules, the resolution, the schedule and
the results notice, the minutes, the bag program's phase targets, Vision 2050 in Mongolian, table layout.

Most tests change a copy of the shipped sample; `tests/fixtures/mn_onhs_bayanlig_2023.yaml` is an approved LDF year
written from the domain notes alone, rendered whole.
"""

from __future__ import annotations

import copy
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from sedp_core.rendering.render import planned_documents, render_to_bytes
from sedp_core.rendering.unconfirmed import found_in, plain
from sedp_core.validation.validate import validate_file
from sedp_mongolia_onhs import data
from sedp_mongolia_onhs.ldf.models import Proposal
from sedp_mongolia_onhs.ldf.ranking import negative_list_matches
from tests.conftest import ROOT, docx_text

SAMPLE = data.data_path("sample.yaml")
FIXTURE = ROOT / "tests" / "fixtures" / "mn_onhs_bayanlig_2023.yaml"
TARIAT = ROOT / "examples" / "mongolia_onhs" / "tariat_2026.yaml"


def load(path: Path = SAMPLE) -> dict[str, Any]:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def validate(raw: dict[str, Any], tmp_path: Path) -> Any:
    path = tmp_path / "program.json"
    path.write_text(json.dumps(raw, ensure_ascii=False, default=str), encoding="utf-8")
    return validate_file(path)


def codes(raw: dict[str, Any], tmp_path: Path) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for f in validate(raw, tmp_path).report.findings:
        found.setdefault(f.code, []).append(f)
    return found


def render(raw: dict[str, Any], tmp_path: Path, document: str, language: str = "mn",
           item: str | None = None) -> str:
    """The text of one document (one item of a per-item document), marks removed."""
    result = validate(raw, tmp_path)
    assert result.program is not None, result.report.to_json()
    jobs = [j for j in planned_documents(result.program, result.methodology, (document,), (language,))
            if item is None or getattr(j.item, "id", None) == item]
    job = jobs[0]
    return docx_text(render_to_bytes(result.program, result.methodology, job.document, language,
                                     item=job.item, item_no=job.item_no))


def proposal(raw: dict[str, Any], pid: str) -> dict[str, Any]:
    return next(p for p in raw["proposals"] if p["id"] == pid)


def below_quorum(raw: dict[str, Any], index: int = 1) -> dict[str, Any]:
    """Meeting `index` of the sample (bag 2, which records «эрэмбийг баталж ... хүргүүлсүгэй») below quorum."""
    m = raw["meetings"][index]
    m["attendance"] = int(m["registered"] * data.quorum().min_share) - 1
    for v in m["votes"]:
        v["votes"] = min(v["votes"], m["attendance"])
    return m


# --- 1. Quorum ------------------------------------------------------------------------------------------------

def test_minutes_of_a_meeting_below_quorum_say_the_list_is_not_adopted(tmp_path: Path) -> None:
    raw = load()
    m = below_quorum(raw)
    m["decisions"] = []
    text = render(raw, tmp_path, "inh_minutes", item=m["id"])
    consequence = data.quorum().consequence["mn"]
    assert consequence in text
    assert "батлагдаагүй" in text and "хүргүүлэхгүй" in text and "давтан" in text
    quorate = render(load(), tmp_path, "inh_minutes", item=m["id"])
    assert consequence not in quorate


def test_below_quorum_meeting_that_records_an_approving_decision_is_warned(tmp_path: Path) -> None:
    raw = load()
    below_quorum(raw)
    (f,) = codes(raw, tmp_path)["onhs.below-quorum-decision"]
    assert f.severity == "warning" and f.path == "/meetings/1/decisions/0"
    assert "ирц хүрээгүй" in f.messages["mn"]
    assert "onhs.below-quorum-decision" not in codes(load(), tmp_path)  # quorate: approving is fine


def test_plan_shows_attendance_per_bag_and_the_reason_of_every_unfunded_proposal(tmp_path: Path) -> None:
    raw = load()
    text = render(raw, tmp_path, "ldf_plan")
    assert data.labels()["h_attendance"]["mn"] in text
    for m in raw["meetings"]:
        assert f"{m['registered']:,}" in text or str(m["registered"]) in text
    # B4-02 is ranked but does not fit: «Үгүй» has its reason in the same row.
    doc = __import__("docx").Document(io.BytesIO(_plan_bytes(raw, tmp_path)))
    rows = [[plain(c.text) for c in row.cells] for t in doc.tables for row in t.rows]
    unfunded = [r for r in rows if "B4-02" in r and data.labels()["no"]["mn"] in r]
    assert unfunded, "B4-02 should be listed as not funded"
    assert any(data.reasons().reasons["does_not_fit"]["mn"] in cell for cell in unfunded[0])


def _plan_bytes(raw: dict[str, Any], tmp_path: Path) -> bytes:
    result = validate(raw, tmp_path)
    doc = next(d for d in result.methodology.documents if d.id == "ldf_plan")
    return render_to_bytes(result.program, result.methodology, doc, "mn")


# --- 2. Negative list -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("title", "kind"), [
    ("Овооны тахилгын зардал", "ovoo"), ("Сумын наадмын шагнал", "festival"),
    ("Сургуулийн 80 жилийн ойн баяр", "anniversary"), ("Улс төрийн намын хурал", "political_party"),
    ("Support for the NGO office", "ngo_running_costs")])
def test_a_proposal_that_reads_like_the_negative_list_is_warned(tmp_path: Path, title: str, kind: str) -> None:
    raw = load()
    p = proposal(raw, "B2-02")
    p["title"] = {"mn": title, "en": title}
    assert kind in {k.id for _, k in negative_list_matches(Proposal.model_validate(p))}
    found = codes(raw, tmp_path)["onhs.negative-list-match"]  # one per kind the title reads like
    for f in found:
        assert f.severity == "warning" and f.path == "/proposals/4/title" and "B2-02" in f.messages["mn"]
    p["eligibility"] = {"eligible": True, "reason": "Ажлын хэсэг хянав"}
    assert "onhs.negative-list-match" not in codes(raw, tmp_path)


def test_ordinary_titles_are_not_caught() -> None:
    from sedp_mongolia_onhs.ldf.models import Proposal

    for title in ("Баян-Овоо багийн гудамжны гэрэлтүүлэг", "Намрын бэлчээрийн худаг", "Ойн зурвас тарих"):
        p = Proposal.model_validate({"id": "X", "bag": "B1", "proposer": "x", "channel": "questionnaire",
                                     "title": title, "type": "repair", "sector": "water",
                                     "cost": {"amount": 1, "currency": "MNT"}})
        assert negative_list_matches(p) == [], title


def test_working_group_ranking_prints_each_proposals_eligibility_decision(tmp_path: Path) -> None:
    raw = load()
    text = render(raw, tmp_path, "wg_ranking")
    assert data.labels()["h_wg_eligibility"]["mn"] in text
    decision = proposal(raw, "B3-04")["eligibility"]["reason"]["mn"]
    assert decision in text  # the recorded decision
    assert "Төсвийн тухай хуулийн 60.3.3" in text  # B1-03, named items
    assert text.count(data.labels()["eligible_no_item"]["mn"]) == len(raw["proposals"]) - 2


def test_a_proposal_found_ineligible_by_the_group_is_not_ranked(tmp_path: Path) -> None:
    raw = load()
    proposal(raw, "B3-04")["eligibility"] = {"eligible": False, "reason": "Баяр наадмын тоног төхөөрөмж"}
    result = validate(raw, tmp_path)
    from sedp_mongolia_onhs.ldf.allocation import soum_allocation

    assert "B3-04" not in {a.item.proposal.id for a in soum_allocation(result.program)}


# --- 3. Consistency rules -------------------------------------------------------------------------------------

CASES: dict[str, tuple[Callable[[dict[str, Any]], None], str, str]] = {
    "over-envelope": (lambda r: proposal(r, "B2-03")["cost"].update(amount=500_000_000),
                      "onhs.proposal-over-envelope", "/proposals/5/cost/amount"),
    "no-budget-year": (lambda r: r["assessments"][0].pop("incentive_year"), "onhs.apa-no-budget-year",
                       "/assessments/0/incentive_year"),
    "incentive-mismatch": (lambda r: r["assessments"][0].update(incentive_year=2026), "onhs.apa-incentive-mismatch",
                           "/fund/lines"),
    "registered-over-population": (lambda r: r["meetings"][0].update(registered=700, attendance=400),
                                   "onhs.registered-over-population", "/meetings/0/registered"),
    "attendance-over-registered": (lambda r: r["meetings"][0].update(attendance=300),
                                   "onhs.attendance-over-registered", "/meetings/0/attendance"),
    "eligible-but-restricted": (lambda r: proposal(r, "B1-03").update(eligibility={"eligible": True}),
                                "onhs.eligibility-contradiction", "/proposals/2/eligibility/eligible"),
}


@pytest.mark.parametrize("case", CASES)
def test_consistency_rules_are_located_findings_in_mongolian(tmp_path: Path, case: str) -> None:
    change, code, path = CASES[case]
    raw = load()
    change(raw)
    found = codes(raw, tmp_path).get(code)
    assert found, code
    assert found[0].path == path
    assert found[0].messages["mn"] and "{" not in found[0].messages["mn"]


def test_incentive_that_agrees_with_the_envelope_line_passes(tmp_path: Path) -> None:
    from sedp_mongolia_onhs.ldf.apa_context import apa_total, incentive_estimate

    raw = load()
    raw["assessments"][0]["incentive_year"] = 2026
    result = validate(raw, tmp_path)
    points, maximum = apa_total(result.program.assessments[0])
    amount = incentive_estimate(result.program, points / maximum)["amount"]
    line = next(x for x in raw["fund"]["lines"] if x["source"] == "apa_incentive")
    topup = next(x for x in raw["fund"]["lines"] if x["source"] == "own_topup")
    topup["amount"] += line["amount"] - amount  # keep the total; the base (aimag transfer) stays as it is
    line["amount"] = amount
    raw["financing"]["sources"][0]["amounts"][0]["amount"] = sum(x["amount"] for x in raw["fund"]["lines"])
    assert "onhs.apa-incentive-mismatch" not in codes(raw, tmp_path)


# --- 4. The Khural resolution ---------------------------------------------------------------------------------

def test_resolution_names_the_session_writes_togrog_and_has_remainder_and_publication_articles(
        tmp_path: Path) -> None:
    raw = load()
    raw["resolution"].update(session="5")
    text = render(raw, tmp_path, "itk_resolution")
    body = text.split(plain(data.labels()["res_signature"]["mn"]))[0]
    assert "5 дугаар хуралдаанаас ТОГТООХ нь" in body
    assert "₮" not in body and "төгрөгийн хөрөнгөөр" in body
    assert "хуваарилагдаагүй 7,600,000 төгрөгийг" in body  # the remainder article, with the amount
    assert "нээлттэй өгөгдлийн" in body and "Шилэн данс" in body  # publishing the approved list
    assert data.labels()["h_envelope"]["mn"] not in text  # no numbered plan heading in the annex
    assert data.labels()["res_annex_envelope"]["mn"] in text


@pytest.mark.parametrize("field", ["number", "session", "date"])
def test_an_approved_resolution_without_its_number_session_or_date_is_an_error(tmp_path: Path, field: str) -> None:
    raw = load()
    del raw["resolution"][field]
    found = codes(raw, tmp_path).get("onhs.approved-blank", [])
    assert [(f.severity, f.path) for f in found] == [("error", f"/resolution/{field}")]
    assert "хоосон зураас" in found[0].messages["mn"]
    assert "onhs.approved-blank" not in codes({**raw, "status": "draft"}, tmp_path)  # a draft keeps its blanks


@pytest.mark.parametrize("path", [SAMPLE, TARIAT, FIXTURE], ids=lambda p: p.stem)
def test_approved_documents_print_no_line_to_fill(tmp_path: Path, path: Path) -> None:
    result = validate(load(path), tmp_path)
    assert result.program is not None and result.program.status == "approved", result.report.to_json()
    for job in planned_documents(result.program, result.methodology, languages=("mn",)):
        text = docx_text(render_to_bytes(result.program, result.methodology, job.document, "mn", item=job.item,
                                         item_no=job.item_no))
        assert "____" not in text and "20__" not in text, (job.document.id, job.item)


def test_remainder_article_is_left_out_when_nothing_remains(tmp_path: Path) -> None:
    raw = load()
    raw["fund"]["lines"][0]["amount"] -= 7_600_000
    raw["financing"]["sources"][0]["amounts"][0]["amount"] -= 7_600_000
    text = render(raw, tmp_path, "itk_resolution")
    assert "Хурлын дараагийн хуралдаанаар" not in text and "5. " not in text  # four articles


def test_draft_remainder_article_is_marked_and_an_approved_program_must_fill_it(tmp_path: Path) -> None:
    from sedp_mongolia_onhs.ldf.context import document_context
    from sedp_mongolia_onhs.ldf.sentences import sentences  # noqa: F401  (the article comes from there)

    draft = {**load(), "status": "draft", "confirmations": []}  # the sample is approved, with confirmations
    result = validate(draft, tmp_path)
    doc = next(d for d in result.methodology.documents if d.id == "itk_resolution")
    ctx = document_context(result.program, result.methodology, "mn")
    remainder = next(a["text"] for a in ctx["resolution"]["articles"] if "хуваарилагдаагүй" in a["text"])
    assert [i.field for i in found_in(remainder)] == ["/resolution/remainder_article"]
    raw = load()
    raw["status"] = "approved"
    raw["confirmations"] = []
    raw["approval"] = {"body": "ИТХ", "date": "2025-12-20", "decision_number": "21"}
    found = [f for f in validate(raw, tmp_path).report.errors if f.code == "status.approved-unconfirmed"]
    errors = {f.params.get("item") for f in found}
    assert "field:/resolution/remainder_article" in errors and "field:/approval/legal_basis" in errors
    assert doc is not None
    # Each says what is to confirm and how in Mongolian: the plugin's notes (review_notes.yaml) and the core's.
    assert "data:mn.onhs/ranking" in errors
    english = ("the ranking rules", "the resolution's article", "the laws and articles", "check it against",
               "fill the program field", "the procedure sets none")
    assert not [(f.params["item"], w) for f in found for w in english if w in f.messages["mn"]], \
        [f.messages["mn"] for f in found][:3]


def test_plan_cites_the_working_groups_founding_order(tmp_path: Path) -> None:
    text = render(load(), tmp_path, "ldf_plan")
    assert "2025 оны 06 дугаар сарын 20-ны өдрийн А/112 дугаар захирамжаар байгуулагдсан" in text


# --- 5. Implementation schedule and results notice ------------------------------------------------------------

def test_plan_has_an_implementation_schedule_for_every_funded_project(tmp_path: Path) -> None:
    raw = load()
    text = render(raw, tmp_path, "ldf_plan")
    assert data.labels()["h_schedule"]["mn"] in text
    assert "03–04 дүгээр сар" in text and "06–08 дугаар сар" in text  # B3-02, B3-01: suffix of the last month
    assert "Нээлттэй тендер шалгаруулалт" in text and "Иргэдийн оролцоотой худалдан авах ажиллагаа" in text
    proposal(raw, "B4-03").pop("implementation")
    assert data.labels()["schedule_missing"]["mn"] in render(raw, tmp_path, "ldf_plan")


def test_each_bag_gets_a_results_notice_with_every_proposal_and_why(tmp_path: Path) -> None:
    raw = load()
    text = render(raw, tmp_path, "results_notice", item="B3")
    assert data.labels()["notice_kind"]["mn"] in text
    for p in raw["proposals"]:
        if p["bag"] == "B3":
            assert p["title"]["mn"] in text
        else:
            assert p["title"]["mn"] not in text
    assert "Санхүүжнэ (сумын эрэмбэ 1)" in text  # B3-02
    assert data.reasons().reasons["does_not_fit"]["mn"] in text  # B3-03, B3-04
    assert "Ж.Одгэрэл" not in text  # no proposer's name on a public board
    b1 = render(raw, tmp_path, "results_notice", item="B1")
    assert "Төсвийн тухай хуулийн 60.3.3" in b1  # the ovoo worship, out of the competition


# --- 6. Minutes and dates -------------------------------------------------------------------------------------

def test_minutes_carry_number_time_voting_method_discussed_proposals_and_the_chairs_office(
        tmp_path: Path) -> None:
    raw = load()
    text = render(raw, tmp_path, "inh_minutes", item="M-B1")
    assert "Тэмдэглэлийн дугаар: 1" in text
    assert "2025 оны 05 дугаар сарын 21-ний өдөр, Тэгш багийн төвийн байр, 10:00–12:30 цаг" in text
    assert "Санал хураалтын арга: Гар өргөж санал хураах." in text
    assert proposal(raw, "B1-03")["title"]["mn"] in text  # rejected, discussed, named by a decision
    assert "ИНХ-ын дарга:" in text and "Хуралдаан даргалсан:" not in text
    assert "Тэгш багийн малчдын бүлэг" in text  # the proposer


def test_one_date_form_in_every_document_and_place_year_on_the_title_page(tmp_path: Path) -> None:
    raw = load()
    wg = render(raw, tmp_path, "wg_ranking")
    assert "2025 оны 05 дугаар сарын 21-ний өдөр" in wg  # the meetings table
    assert not re.search(r"\b2025-05-21\b|May 21|21 May", wg)
    plan = render(raw, tmp_path, "ldf_plan")
    assert "Заг сум, 2025 он" in plan


def test_plan_prints_the_proposer(tmp_path: Path) -> None:
    raw = load()
    assert proposal(raw, "B2-01")["proposer"] in render(raw, tmp_path, "ldf_plan")


# --- 7. Bag development program -------------------------------------------------------------------------------

def test_phase_one_activity_shows_its_phases_target(tmp_path: Path) -> None:
    from sedp_core.rendering.context import build_context

    raw = load(data.data_path("bag_program/sample.yaml"))
    result = validate(raw, tmp_path)
    program = result.program
    phase1 = program.phases[0]
    ctx = build_context(program, result.methodology, result.methodology.documents[0], "mn")["bp"]
    checked = 0
    tasks = {t.id: t for g in program.goals for o in g.objectives for t in o.tasks}
    for act, row in zip(program.activities, ctx["action_rows"], strict=True):
        task = tasks.get(act.task or "")
        ind = next((i for i in (task.indicators if task else []) if i.code == act.indicator), None)
        if ind is None or act.phase != phase1.id:
            continue
        inside = [t for t in ind.targets if t.year <= phase1.end_year]
        final = max(ind.targets, key=lambda t: t.year)
        if inside and max(inside, key=lambda t: t.year).value != final.value:
            assert row["target"] == f"{max(inside, key=lambda t: t.year).value:g}", act.id
            checked += 1
    assert checked, "the sample should have a phase-I activity whose phase target differs from the final one"


def test_bag_program_share_columns_say_what_they_are_a_share_of() -> None:
    import docx

    from sedp_mongolia_onhs.bag import data as bag_data

    labels = bag_data.labels()
    doc = docx.Document(str(data.templates_dir() / "bag_program.docx"))
    headers = {c.text for t in doc.tables for c in t.rows[0].cells}
    assert "{{ labels.col_share }}" not in headers and "{{ labels.col_share_total }}" in headers
    assert "эзлэх" in labels["col_share_total"]["mn"]


# --- 8. Vision 2050 in Mongolian ------------------------------------------------------------------------------

def test_vision2050_entry_without_a_mongolian_name_is_a_marked_placeholder_not_english(tmp_path: Path) -> None:
    from sedp_mongolia_onhs.ldf.context import document_context

    result = validate(load(), tmp_path)
    ctx = document_context(result.program, result.methodology, "mn")
    row = next(r for r in ctx["v2050_rows"] if r["code"] == "5.3")
    assert "E-Mongolia" not in row["entry"]
    # integ's catalog now holds a Mongolian name for 5.3, not read in the official text: marked, never English.
    assert [i.id for i in found_in(row["entry"])] == ["catalog:mn.vision2050/V2050.5.3/mn"]
    confirmed = next(r for r in ctx["v2050_rows"] if r["code"] == "2.1")
    assert found_in(confirmed["entry"]) == [] and confirmed["entry"] == "Боловсрол"
    goal6 = next(r for r in ctx["v2050_rows"] if r["code"] == "6")
    assert found_in(goal6["entry"])  # a name not read in the official text: the core's draft mark


def test_goals_7_and_8_stay_marked_with_their_disagreeing_sources() -> None:
    raw = data.load_yaml("vision2050.yaml")
    for code, other in (("V2050.7", "Энх тайван, аюулгүй нийгэм"), ("V2050.8", "Бүсчилсэн хөгжил")):
        entry = next(e for e in raw["entries"] if e["code"] == code)
        assert entry["status"]["mn"] == "to confirm" and other in entry["source"]


def test_documents_print_no_review_notes_of_their_own(tmp_path: Path) -> None:
    raw = load()
    for document in ("ldf_plan", "wg_ranking", "itk_resolution"):
        text = render(raw, tmp_path, document)
        for note in ("тодруулах", "Тодруулах", "to confirm", "sample rule"):
            assert note not in text, (document, note)


# --- 9. Tables ------------------------------------------------------------------------------------------------

def test_plan_task_column_holds_the_task_number_only(tmp_path: Path) -> None:
    from sedp_mongolia_onhs.ldf.context import document_context

    result = validate(load(), tmp_path)
    rows = document_context(result.program, result.methodology, "mn")["proposal_rows"]
    assert {r["task"] for r in rows} >= {"2.2.1", "1.1.2"}
    assert all(re.fullmatch(r"(\d+\.){2}\d+|", r["task"]) for r in rows)


def test_score_chart_stands_under_its_heading_before_its_table() -> None:
    import docx

    doc = docx.Document(str(data.templates_dir() / "wg_ranking.docx"))
    body = [p.text for p in doc.paragraphs]
    heading = body.index("{{ labels.h_wg_scores }}")
    assert "{{ chart_scores }}" in body[heading + 1: heading + 3]


# --- An LDF year written from the domain notes alone, approved ------------------------------------------------

def test_new_ldf_year_validates_and_renders_every_approved_document(tmp_path: Path) -> None:
    result = validate_file(FIXTURE)
    assert result.program is not None and result.report.errors == [], result.report.to_json()
    assert [f.code for f in result.report.findings] == ["onhs.quorum"]  # bag 3 below quorum, recorded as such
    texts = {}
    for job in planned_documents(result.program, result.methodology):
        texts[(job.document.id, job.item_key if hasattr(job, "item_key") else "", job.language)] = docx_text(
            render_to_bytes(result.program, result.methodology, job.document, job.language, item=job.item,
                            item_no=job.item_no))
    assert len(texts) == 2 * (3 + 3 + 3)  # plan, ranking, resolution; 3 minutes; 3 notices; in mn and en
    mn = "\n".join(t for k, t in texts.items() if k[2] == "mn")
    assert "ТӨСӨЛ" not in mn and "тодруулах" not in mn
    assert "6 дугаар хуралдаанаас" in mn and "18.1.4" in mn
    assert "дараа оны Орон нутгийн хөгжлийн санд шилжүүлсүгэй" in mn
    assert "Баянлиг сум, 2022 он" in mn
    assert data.quorum().consequence["mn"] in mn
    assert "Сумын наадмын шагнал" in mn and "60.3.3" in mn


def test_new_ldf_year_without_its_confirmations_is_refused(tmp_path: Path) -> None:
    raw = copy.deepcopy(load(FIXTURE))
    raw.pop("confirmations")
    errors = [f for f in validate(raw, tmp_path).report.errors if f.code == "status.approved-unconfirmed"]
    items = {f.params.get("item") for f in errors}
    assert "data:mn.onhs/quorum" in items and "codelist:mn.procurement_method/open_tender" in items


def test_tariat_bag_6_minutes_record_no_adoption(tmp_path: Path) -> None:
    text = render(load(TARIAT), tmp_path, "inh_minutes", item="M-B6")
    assert data.quorum().consequence["mn"] in text and "баталж" not in text
