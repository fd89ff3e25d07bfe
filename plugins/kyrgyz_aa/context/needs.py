"""Chapter 3: the needs-assessment sessions, inclusion shares and the ranked problems."""

from __future__ import annotations

from typing import Any

from sedp_core.rendering.formatting import DASH, first_upper
from sedp_kyrgyz_aa.context.fmt import Fmt, Tr
from sedp_kyrgyz_aa.inclusion import attendances_of, by_age_group, inclusion_of
from sedp_kyrgyz_aa.models import AaProgram
from sedp_kyrgyz_aa.names import initials
from sedp_kyrgyz_aa.numbering import Numbering

__all__ = ["gathering", "needs"]


def needs(program: AaProgram, labels: dict[str, str], codes: dict[str, dict[str, str]], f: Fmt,
          tr: Tr, nb: Numbering) -> dict[str, Any]:
    na = program.needs_assessment
    people = na.people
    village_names = {v.id: tr(v.name) for v in program.municipality.villages}
    methods = codes.get("kg.needs_method", {})
    sessions = []
    for i, s in enumerate(na.sessions, 1):
        inc = inclusion_of([s], people)
        sessions.append({"no": i, "village": village_names.get(s.village, s.village), "date": f.date(s.date, "short"),
                         "method": first_upper(methods.get(s.method, s.method)), "women": inc.women, "men": inc.men,
                         "youth": inc.youth, "total": inc.total})
    inc = inclusion_of(na.sessions, people)
    attendances = attendances_of(na.sessions, people)
    sectors = codes.get("kg.sector", {})

    def answered_by(problem: Any) -> str:
        # The action plan's row numbers of the activities that answer it, else the reason none does.
        nos = [nb.of(a) for a in nb.activities if problem.id in a.problems]
        if nos:
            return ", ".join(nos)
        reason = tr(problem.not_addressed_reason)
        return f"{labels['not_addressed']} {reason}" if reason else DASH

    problems = [{"rank": p.rank, "title": tr(p.title), "votes": p.votes,
                 "villages": ", ".join(village_names.get(v, v) for v in p.villages),
                 "sector": first_upper(sectors.get(p.sector or "", "")), "answered_by": answered_by(p)}
                for p in sorted(na.problems, key=lambda p: (p.rank, -p.votes))]
    jap = na.joint_action_plan
    jap_line = ""
    if jap is not None and jap.approved_on:
        jap_line = f.phrase("place_date", date=f.date(jap.approved_on), place=tr(jap.place) or DASH)
        if jap.reference:
            jap_line += f" ({tr(jap.reference)})"
    return {
        "session_rows": sessions,
        # The column totals add up the rows (attendances); the inclusion lines below count people once.
        "session_total": {key: sum(r[key] for r in sessions) for key in ("women", "men", "youth", "total")},
        "inclusion": {
            "total": inc.total, "women_share": inc.women_share, "youth_share": inc.youth_share,
            "rows": [
                {"label": labels["inc_total"], "value": f"{f.num(inc.total)} {labels['persons']}"},
                # Shown when people came to several sessions: the sessions' column total counts them each time.
                *([{"label": labels["inc_attendances"], "value": f.num(attendances)}]
                  if attendances != inc.total else []),
                {"label": labels["inc_women"],
                 "value": f.phrase("count_share", count=f.num(inc.women), share=f.pct(inc.women_share))},
                {"label": labels["inc_youth"],
                 "value": f.phrase("count_share", count=f.num(inc.youth), share=f.pct(inc.youth_share))},
            ],
        },
        "problem_rows": problems,
        "ranking_method": tr(na.ranking_method) or DASH,
        "votes_rule": f"{labels['votes_rule']} {na.gathering.votes_per_participant}" if na.gathering else "",
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
    groups = by_age_group(sessions, na.people)
    # Age groups in the codelist's order (youth first), then any code the list lacks (already an error).
    order = [a for a in ages if a in groups] + [a for a in groups if a not in ages]
    inc = inclusion_of(sessions, na.people)
    village = next((tr(v.name) for v in program.municipality.villages if session and v.id == session.village), "")
    blank = labels["blank_line"]
    decisions = [tr(d) for d in g.decisions] if g else []
    return {"gathering": {
        "number": (g.number if g else None) or blank,
        "date": f.date(session.date) if session else blank,
        "village": village or blank,
        "place": (tr(g.place) if g else "") or DASH,
        "chair": initials(tr(g.chair)) if g else "",
        "secretary": initials(tr(g.secretary)) if g else "",
        "present": f.phrase("present_line", total=f.num(inc.total), women=f.num(inc.women),
                            share=f.pct(inc.women_share)) if inc.total else blank,
        "age_rows": [{"group": first_upper(ages.get(a, a)), "women": groups[a].women, "men": groups[a].men,
                      "total": groups[a].total} for a in order],
        "age_total": {"women": inc.women, "men": inc.men, "total": inc.total},
        # Without decisions the minutes are a form: numbered blank lines to fill in by hand.
        "decision_rows": [{"text": f"{i}. {d}"} for i, d in enumerate(decisions or [blank] * 3, 1)],
    }}
