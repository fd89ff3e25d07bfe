"""The annual monitoring report: per indicator, baseline, target, actual, share achieved, status, comment.

Values measured come from `monitoring.results`; an indicator without a result gets blank lines, so that the
same document serves as the form filled in by hand.
"""

from __future__ import annotations

from typing import Any

from sedp_core.formatting import DASH

from .context_fmt import Fmt, Tr
from .models import AaProgram
from .monitoring import achievement, iter_indicators, report_year, result_for, target_for

__all__ = ["monitoring_report"]


def monitoring_report(program: AaProgram, labels: dict[str, str], codes: dict[str, dict[str, str]], f: Fmt,
                      tr: Tr) -> dict[str, Any]:
    year = report_year(program)
    statuses = codes.get("kg.progress_status", {})
    # A short line: it must fit a narrow cell without wrapping.
    blank = labels["blank_cell"]
    rows = []
    for i, ind in enumerate(iter_indicators(program), 1):
        target = target_for(ind, year)
        res = result_for(program, ind.code, year)
        share = achievement(ind, target.value if target else None, res.actual if res else None)
        rows.append({
            "no": i, "name": tr(ind.name), "unit": tr(ind.unit),
            "baseline": f.value(ind.baseline.value if ind.baseline else None),
            # A target of a later year is the next milestone: its year is shown so that nobody reads it as this
            # year's.
            "target": f.value(target.value if target else None)
            + (f" ({target.year})" if target and target.year != year else ""),
            "actual": f.value(res.actual) if res else blank,
            "achieved": f.pct(share) if share is not None else (blank if res is None else DASH),
            "status": (statuses.get(res.status, res.status) if res.status else DASH) if res else blank,
            "comment": (tr(res.comment) if res.comment else "") if res else blank,
        })
    return {"mon_report": {"year": year, "title": f.phrase("mon_report_title", year=year), "rows": rows}}
