"""Title page, general characteristics (chapter 1) and how the program was prepared (introduction)."""

from __future__ import annotations

from typing import Any

from sedp_core.rendering.formatting import DASH, first_upper
from sedp_core.rendering.unconfirmed import field_or_default, text_in
from sedp_kyrgyz_aa.context.fmt import Fmt, Tr
from sedp_kyrgyz_aa.datafiles import VersionData
from sedp_kyrgyz_aa.models import AaProgram, Hearing
from sedp_kyrgyz_aa.names import initials

__all__ = ["annex_heading", "approved", "general", "preparation", "resolution", "title_page"]


def _parents(program: AaProgram, tr: Tr) -> str:
    """'Нарын облусу, Кочкор району': the region before the district (`parent_units` go from the nearest up)."""
    return ", ".join(tr(u.name) for u in reversed(program.municipality.parent_units))


def _document_year(program: AaProgram) -> int:
    """The year on the title page: of the approval; for a draft, of the last hearing, else of the first year."""
    ap = program.approval
    if program.status == "approved" and ap is not None and ap.date:
        return ap.date.year
    if program.hearings:
        return max(h.date for h in program.hearings).year
    return program.period.start_year


def title_page(program: AaProgram, labels: dict[str, str], f: Fmt, tr: Tr) -> dict[str, Any]:
    ap = program.approval
    m = program.municipality
    centre = next((v for v in m.villages if v.is_centre), None)
    parents = _parents(program, tr)
    place = tr(centre.name) if centre else ""
    foot = f.phrase("place_year", place=place, year=_document_year(program)) if place else str(_document_year(program))
    if program.title_page == "signatures":
        date_line = labels["sign_date_line"]
        rows = [
            {"left": labels["agreed_stamp"], "right": labels["approve_first_person"]},
            {"left": labels["res_signature"], "right": labels["head_title"]},
            {"left": f"____________ {initials(tr(m.kenesh_chair))}", "right": f"____________ {initials(tr(m.head))}"},
            {"left": date_line, "right": date_line},
        ]
        return {"stamp": "", "stamp_line": "", "signature_rows": rows, "parents_line": parents, "title_foot": foot}
    if approved(program) and ap is not None:
        stamp_key = "approved_stamp"
        line = f.phrase("approval_line", body=tr(ap.body_genitive) or tr(ap.body),
                        date=f.date(ap.date, "of"), number=ap.decision_number or DASH)
    else:
        stamp_key, line = "draft_stamp", ""
    # One empty row keeps the (borderless) signature table valid: Word rejects a table without rows.
    blank = [{"left": "", "right": ""}]
    return {"stamp": labels[stamp_key], "stamp_line": line, "signature_rows": blank, "parents_line": parents,
            "title_foot": foot}


def approved(program: AaProgram) -> bool:
    """The program is approved and its resolution has a number and a date (else the documents keep the draft
    forms, and rule aa.approval-incomplete says what is missing)."""
    ap = program.approval
    return program.status == "approved" and ap is not None and bool(ap.decision_number) and ap.date is not None


def resolution(program: AaProgram, labels: dict[str, str], f: Fmt, tr: Tr) -> dict[str, Any]:
    """The kenesh resolution: the adopted one (session, date and number) for an approved program, the draft form
    (blank number and date under ДОЛБООР / ПРОЕКТ) otherwise."""
    ap = program.approval
    m = program.municipality
    period = {"start": program.period.start_year, "end": program.period.end_year}
    name = tr(m.name_genitive)
    subject = (f.phrase("res_subject_named", name=name, **period) if name
               else f.phrase("res_subject_titled", title=tr(program.title)))
    who = tr(ap.control_by) if ap and ap.control_by else labels["res_control_default"]
    adopted = approved(program)
    return {"resolution": {
        "draft": not adopted,
        "stamp": "" if adopted else labels["draft_stamp"],
        "session": tr(ap.session) if adopted and ap and ap.session else "",
        "number_line": f.phrase("res_date_number", date=f.date(ap.date, "of"), number=ap.decision_number)
        if adopted and ap else labels["res_number_line"],
        "subject": subject,
        # The law and article are the municipality's to confirm: its own wording, else the plugin's draft value.
        "preamble": field_or_default(tr(ap.legal_basis) if ap else None, labels["res_preamble"],
                                     "/approval/legal_basis", f.data.review_note("field/legal_basis"),
                                     "sedp_kyrgyz_aa: data/2018/labels.yaml (res_preamble)"),
        "control": f.phrase("res_item_control", who=who),
        "chair": initials(tr(m.kenesh_chair)),
    }}


def annex_heading(program: AaProgram, no: int, f: Fmt, tr: Tr) -> str:
    """"Приложение 1 к Программе …, утверждённой постановлением … от … № …" / "…программасына 1-тиркеме"."""
    name = tr(program.municipality.name_genitive)
    head = (f.phrase("annex_of_program", name=name, no=no, start=program.period.start_year,
                     end=program.period.end_year) if name
            else f.phrase("annex_of_titled", title=tr(program.title), no=no))
    ap = program.approval
    if approved(program) and ap is not None:
        by = f.phrase("annex_approved", body=tr(ap.body_genitive) or tr(ap.body), date=f.date(ap.date, "of"),
                      number=ap.decision_number)
        # Kyrgyz puts the approval before the annex word ("…токтому менен бекитилген … программасына 1-тиркеме").
        return f"{by} {head}" if f.language == "ky" else f"{head}, {by}"
    return head


def general(program: AaProgram, labels: dict[str, str], codes: dict[str, dict[str, str]], f: Fmt,
             tr: Tr) -> dict[str, Any]:
    m = program.municipality
    d = m.distances
    centre = next((v for v in m.villages if v.is_centre), None)

    def km(value: float | None) -> str:
        return f"{f.num(value)} {labels['km']}" if value is not None else DASH

    area = m.area_ha if m.area_ha is not None else (m.area_km2 * 100 if m.area_km2 is not None else None)
    population = m.population if m.population is not None else sum(v.population for v in m.villages) or None
    households = m.households if m.households is not None else sum(v.households for v in m.villages) or None
    # The year the figures refer to, after them: "5 500 чел. (2024)".
    as_of = f" ({m.population_year})" if m.population_year else ""
    rows = [
        ("f_name", tr(m.name)),
        ("f_kind", first_upper(codes.get("kg.municipality_kind", {}).get(m.kind, m.kind))),
        ("f_parents", _parents(program, tr) or DASH),
        ("f_geography", tr(m.geography) or DASH),
        ("f_centre", tr(centre.name) if centre else DASH),
        ("f_to_capital", km(d.to_capital_km)),
        ("f_to_oblast", km(d.to_oblast_centre_km)),
        ("f_to_rayon", km(d.to_rayon_centre_km)),
        ("f_established", str(m.year_established) if m.year_established else DASH),
        ("f_area", f"{f.num(area)} {labels['ha']}" if area is not None else DASH),
        ("f_population", f"{f.num(population)} {labels['persons']}{as_of}" if population else DASH),
        ("f_households", f"{f.num(households)}{as_of}" if households else DASH),
        ("f_landscape", tr(m.landscape) or DASH),
    ]
    village_rows = [
        {"no": i, "name": tr(v.name) + (f" {labels['centre_mark']}" if v.is_centre else ""),
         "population": v.population, "households": v.households, "distance": v.distance_to_centre_km}
        for i, v in enumerate(m.villages, 1)
    ]
    return {
        "general_rows": [{"label": labels[k], "value": v} for k, v in rows],
        "village_rows": village_rows,
        "village_total": {"population": sum(v.population for v in m.villages),
                          "households": sum(v.households for v in m.villages)},
        # Without the kenesh's own name the resolution still needs a subject: the generic "ayil kenesh".
        "municipality": {"kenesh": tr(m.kenesh) or labels["kenesh_generic"], "executive": tr(m.executive_body),
                         "head": initials(tr(m.head)), "kenesh_chair": initials(tr(m.kenesh_chair)),
                         "centre": tr(centre.name) if centre else ""},
    }


def preparation(program: AaProgram, data: VersionData, labels: dict[str, str], codes: dict[str, dict[str, str]],
                 f: Fmt, tr: Tr, item: Any = None) -> dict[str, Any]:
    wg = program.working_group
    decision = ""
    if wg.decision:
        dec = wg.decision
        decision = f.phrase("wg_created", decision=f.phrase(
            "decision_line", issued_by=tr(dec.issued_by_genitive) or tr(dec.issued_by),
            by=f.phrase(f"decision_by__{dec.kind}") if f"decision_by__{dec.kind}" in data.phrases
            else codes.get("kg.decision_kind", {}).get(dec.kind, dec.kind),
            number=dec.number or DASH, date=f.date(dec.date, "of")))
    roles = codes.get("kg.wg_role", {})
    members = [{"no": i, "name": tr(mb.name), "position": tr(mb.position),
                "role": first_upper(roles.get(mb.role, mb.role))} for i, mb in enumerate(wg.members, 1)]

    def named(role: str) -> str:
        return next((initials(tr(mb.name)) for mb in wg.members if mb.role == role), "")

    hearings = [{"no": i, "date": f.date(h.date, "short"), "place": tr(h.place), "participants": h.participants,
                 "women": h.women, "remarks": len(h.remarks)} for i, h in enumerate(program.hearings, 1)]
    # The minutes of one hearing show that hearing; other documents speak of the last one.
    last = item if isinstance(item, Hearing) else (program.hearings[-1] if program.hearings else None)
    remarks = [{"no": i, "text": tr(r.text), "response": tr(r.response),
                "accepted": DASH if r.accepted is None else labels["yes" if r.accepted else "no_word"]}
               for i, r in enumerate(last.remarks if last else [], 1)]
    kind = program.municipality.kind
    source = f"sedp_kyrgyz_aa: data/{data.version}/methodology.yaml"
    stages = []
    for i, (s, status) in enumerate(zip(data.stages, data.stage_status, strict=True), 1):
        own = s.get(f"{f.language}__{kind}") or text_in({k: v for k, v in s.items() if "__" not in k}, f.language,
                                                         data.review_note("stage", number=i), source)
        stages.append(data.marked(own, status, f"stage:{i}", source, "stage", number=i))
    return {
        "stage_rows": [{"no": i, "stage": stage} for i, stage in enumerate(stages, 1)],
        "wg_decision": decision,
        "member_rows": members,
        "wg_chair": named("chair"),
        "wg_secretary": named("secretary"),
        "hearing_rows": hearings,
        "hearing": {"date": f.date(last.date) if last else DASH, "place": tr(last.place) if last else DASH,
                    "participants": last.participants if last else None, "women": last.women if last else None},
        "remark_rows": remarks,
    }
