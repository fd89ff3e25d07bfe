"""Chapter 3: the needs-assessment sessions, inclusion shares and the ranked problems."""

from __future__ import annotations

from typing import Any

from sedp_core.formatting import DASH

from .context_fmt import Fmt, Tr
from .inclusion import by_age_group, inclusion_of
from .models import AaProgram

__all__ = ["gathering", "needs"]


def needs(program: AaProgram, labels: dict[str, str], codes: dict[str, dict[str, str]], f: Fmt,
           tr: Tr) -> dict[str, Any]:
    na = program.needs_assessment
    village_names = {v.id: tr(v.name) for v in program.municipality.villages}
    methods = codes.get("kg.needs_method", {})
    sessions = []
    for i, s in enumerate(na.sessions, 1):
        inc = inclusion_of([s])
        sessions.append({"no": i, "village": village_names.get(s.village, s.village), "date": f.date(s.date, "short"),
                         "method": methods.get(s.method, s.method), "women": inc.women, "men": inc.men,
                         "youth": inc.youth, "total": inc.total})
    inc = inclusion_of(na.sessions)
    sectors = codes.get("kg.sector", {})
    problems = [{"rank": p.rank, "title": tr(p.title), "votes": p.votes,
                 "villages": ", ".join(village_names.get(v, v) for v in p.villages),
                 "sector": sectors.get(p.sector or "", ""), "not_addressed": tr(p.not_addressed_reason)}
                for p in sorted(na.problems, key=lambda p: (p.rank, -p.votes))]
    jap = na.joint_action_plan
    jap_line = ""
    if jap is not None and jap.approved_on:
        jap_line = f.phrase("place_date", date=f.date(jap.approved_on), place=tr(jap.place) or DASH)
        if jap.reference:
            jap_line += f" ({tr(jap.reference)})"
    return {
        "session_rows": sessions,
        "session_total": {"women": inc.women, "men": inc.men, "youth": inc.youth, "total": inc.total},
        "inclusion": {
            "total": inc.total, "women_share": inc.women_share, "youth_share": inc.youth_share,
            "rows": [
                {"label": labels["inc_total"], "value": f"{f.num(inc.total)} {labels['persons']}"},
                {"label": labels["inc_women"],
                 "value": f.phrase("count_share", count=f.num(inc.women), share=f.pct(inc.women_share))},
                {"label": labels["inc_youth"],
                 "value": f.phrase("count_share", count=f.num(inc.youth), share=f.pct(inc.youth_share))},
            ],
        },
        "problem_rows": problems,
        "ranking_method": tr(na.ranking_method) or DASH,
        "jap_line": jap_line or DASH,
    }


def gathering(program: AaProgram, labels: dict[str, str], codes: dict[str, dict[str, str]], f: Fmt,
              tr: Tr) -> dict[str, Any]:
    """The minutes of the gathering that ranked the needs: date, village and participants of its session."""
    na = program.needs_assessment
    g = na.gathering
    session = next((s for s in na.sessions if g is not None and s.id == g.session), None)
    sessions = [session] if session else []
    ages = codes.get("kg.age_group", {})
    groups = by_age_group(sessions)
    # Age groups in the codelist's order (youth first), then any code the list lacks (already an error).
    order = [a for a in ages if a in groups] + [a for a in groups if a not in ages]
    inc = inclusion_of(sessions)
    village = next((tr(v.name) for v in program.municipality.villages if session and v.id == session.village), "")
    blank = labels["blank_line"]
    decisions = [tr(d) for d in g.decisions] if g else []
    return {"gathering": {
        "number": (g.number if g else None) or blank,
        "date": f.date(session.date) if session else blank,
        "village": village or blank,
        "place": (tr(g.place) if g else "") or DASH,
        "chair": (g.chair if g else None) or "",
        "secretary": (g.secretary if g else None) or "",
        "present": f.phrase("present_line", total=f.num(inc.total), women=f.num(inc.women),
                            share=f.pct(inc.women_share)) if inc.total else blank,
        "age_rows": [{"group": ages.get(a, a), "women": groups[a].women, "men": groups[a].men,
                      "total": groups[a].total} for a in order],
        "age_total": {"women": inc.women, "men": inc.men, "total": inc.total},
        # Without decisions the minutes are a form: numbered blank lines to fill in by hand.
        "decision_rows": [{"text": f"{i}. {d}"} for i, d in enumerate(decisions or [blank] * 3, 1)],
    }}
