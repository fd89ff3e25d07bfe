"""Title page, general characteristics (chapter 1) and how the program was prepared (introduction)."""

from __future__ import annotations

from typing import Any

from sedp_core.formatting import DASH
from sedp_core.models import pick_text

from .context_fmt import Fmt, Tr
from .datafiles import VersionData
from .models import AaProgram, Hearing

__all__ = ["general", "preparation", "title_page"]


def title_page(program: AaProgram, labels: dict[str, str], f: Fmt, tr: Tr) -> dict[str, Any]:
    ap = program.approval
    m = program.municipality

    parents = ", ".join(tr(u.name) for u in m.parent_units)
    if program.title_page == "signatures":
        date_line = labels["sign_date_line"]
        rows = [
            {"left": labels["agreed_stamp"], "right": labels["approve_first_person"]},
            {"left": labels["res_signature"], "right": labels["head_title"]},
            {"left": f"____________ {m.kenesh_chair or ''}", "right": f"____________ {m.head or ''}"},
            {"left": date_line, "right": date_line},
        ]
        return {"stamp": "", "stamp_line": "", "signature_rows": rows, "parents_line": parents}
    if program.status == "approved" and ap is not None:
        stamp_key = "approved_stamp"
        line = f.phrase("approval_line", body=tr(ap.body_genitive) or tr(ap.body),
                        date=f.date(ap.date, "of"), number=ap.decision_number or DASH)
    else:
        stamp_key, line = "draft_stamp", ""
    # One empty row keeps the (borderless) signature table valid: Word rejects a table without rows.
    blank = [{"left": "", "right": ""}]
    return {"stamp": labels[stamp_key], "stamp_line": line, "signature_rows": blank, "parents_line": parents}


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
    rows = [
        ("f_name", tr(m.name)),
        ("f_kind", codes.get("kg.municipality_kind", {}).get(m.kind, m.kind)),
        ("f_parents", ", ".join(tr(u.name) for u in m.parent_units) or DASH),
        ("f_geography", tr(m.geography) or DASH),
        ("f_centre", tr(centre.name) if centre else DASH),
        ("f_to_capital", km(d.to_capital_km)),
        ("f_to_oblast", km(d.to_oblast_centre_km)),
        ("f_to_rayon", km(d.to_rayon_centre_km)),
        ("f_established", str(m.year_established) if m.year_established else DASH),
        ("f_area", f"{f.num(area)} {labels['ha']}" if area is not None else DASH),
        ("f_population", f"{f.num(population)} {labels['persons']}" if population else DASH),
        ("f_households", f.num(households) if households else DASH),
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
                         "head": m.head or "", "kenesh_chair": m.kenesh_chair or "",
                         "centre": tr(centre.name) if centre else ""},
    }


def preparation(program: AaProgram, data: VersionData, labels: dict[str, str], codes: dict[str, dict[str, str]],
                 f: Fmt, tr: Tr, item: Any = None) -> dict[str, Any]:
    wg = program.working_group
    decision = ""
    if wg.decision:
        dec = wg.decision
        decision = f.phrase("decision_line", issued_by=tr(dec.issued_by),
                            kind=codes.get("kg.decision_kind", {}).get(dec.kind, dec.kind),
                            number=dec.number or DASH, date=f.date(dec.date))
    roles = codes.get("kg.wg_role", {})
    members = [{"no": i, "name": mb.name, "position": tr(mb.position), "role": roles.get(mb.role, mb.role)}
               for i, mb in enumerate(wg.members, 1)]

    def named(role: str) -> str:
        return next((mb.name for mb in wg.members if mb.role == role), "")

    hearings = [{"no": i, "date": f.date(h.date, "short"), "place": tr(h.place), "participants": h.participants,
                 "women": h.women, "remarks": len(h.remarks)} for i, h in enumerate(program.hearings, 1)]
    # The minutes of one hearing show that hearing; other documents speak of the last one.
    last = item if isinstance(item, Hearing) else (program.hearings[-1] if program.hearings else None)
    remarks = [{"no": i, "text": tr(r.text), "response": tr(r.response),
                "accepted": labels["yes"] if r.accepted else (DASH if r.accepted is None else "")}
               for i, r in enumerate(last.remarks if last else [], 1)]
    return {
        "stage_rows": [{"no": i, "stage": pick_text(s, f.language, ("en",))} for i, s in enumerate(data.stages, 1)],
        "wg_decision": decision,
        "member_rows": members,
        "wg_chair": named("chair"),
        "wg_secretary": named("secretary"),
        "hearing_rows": hearings,
        "hearing": {"date": f.date(last.date) if last else DASH, "place": tr(last.place) if last else DASH,
                    "participants": last.participants if last else None, "women": last.women if last else None},
        "remark_rows": remarks,
    }
