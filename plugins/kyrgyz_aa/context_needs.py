"""Chapter 3: the needs-assessment sessions, inclusion shares and the ranked problems."""

from __future__ import annotations

from typing import Any

from sedp_core.formatting import DASH

from .context_fmt import Fmt, Tr
from .inclusion import inclusion_of
from .models import AaProgram

__all__ = ["needs"]


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
                 "sector": sectors.get(p.sector or "", "")}
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
