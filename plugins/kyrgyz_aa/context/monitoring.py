"""The annual monitoring report: per indicator, baseline, target, actual, share achieved, status, comment.

Values measured come from `monitoring.results`; an indicator without a result gets blank lines, so that the
same document serves as the form filled in by hand.
"""

from __future__ import annotations

from typing import Any

from sedp_core.rendering.formatting import DASH, first_upper
from sedp_kyrgyz_aa.context.fmt import Fmt, Tr
from sedp_kyrgyz_aa.models import AaProgram
from sedp_kyrgyz_aa.monitoring import (
    achievement,
    iter_indicators,
    progress_from_baseline,
    report_year,
    result_for,
    target_for,
)
from sedp_kyrgyz_aa.numbering import Numbering

__all__ = ["monitoring_report"]


def monitoring_report(program: AaProgram, labels: dict[str, str], codes: dict[str, dict[str, str]], f: Fmt,
                      tr: Tr, nb: Numbering) -> dict[str, Any]:
    year = report_year(program)
    # Each status starts a table cell.
    statuses = {code: first_upper(title) for code, title in codes.get("kg.progress_status", {}).items()}
    # A short line: it must fit a narrow cell without wrapping.
    blank = labels["blank_cell"]
    rows = []
    for i, ind in enumerate(iter_indicators(program), 1):
        target = target_for(ind, year)
        res = result_for(program, ind.code, year)
        share = achievement(ind, target.value if target else None, res.actual if res else None)
        progress = progress_from_baseline(ind, target.value if target else None, res.actual if res else None)
        rows.append({
            "no": i, "name": tr(ind.name), "unit": tr(ind.unit),
            "baseline": f.value(ind.baseline.value if ind.baseline else None),
            # A target of a later year is the next milestone: its year is shown so that nobody reads it as this
            # year's.
            "target": f.value(target.value if target else None)
            + (f" ({target.year})" if target and target.year != year else ""),
            "actual": f.value(res.actual) if res else blank,
            "achieved": f.pct(share) if share is not None else (blank if res is None else DASH),
            "progress": f.pct(progress) if progress is not None else (blank if res is None else DASH),
            "status": (statuses.get(res.status, res.status) if res.status else DASH) if res else blank,
            "comment": (tr(res.comment) if res.comment else "") if res else blank,
        })
    activities, sources = _activities(program, year, labels, statuses, f, tr, nb)
    has_blanks = any(blank in r.values() for r in [*rows, *activities, *sources])
    return {"mon_report": {"year": year, "title": f.phrase("mon_report_title", year=year), "rows": rows,
                           "activity_rows": activities, "source_rows": sources,
                           "blank_note": labels["mr_note_blank"] if has_blanks else ""}}


def _activities(program: AaProgram, year: int, labels: dict[str, str], statuses: dict[str, str], f: Fmt, tr: Tr,
                nb: Numbering) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The activities planned in the report year (money or schedule in it) with what was spent and their status,
    and the money planned and spent by source; an activity without a progress entry gets blank cells."""
    blank = labels["blank_cell"]
    progress = {p.activity: p for p in program.monitoring.activity_progress if p.year == year}
    planned_by_source: dict[str, float] = {}
    spent_by_source: dict[str, float] = {}
    rows = []
    for a in nb.activities:
        planned = sum(p.amount for p in a.financing if p.year == year)
        if not planned and year not in a.schedule:
            continue
        for p in a.financing:
            if p.year == year:
                planned_by_source[p.source] = planned_by_source.get(p.source, 0.0) + p.amount
        entry = progress.get(a.id)
        spent = sum(s.amount for s in entry.spent) if entry else None
        for s in entry.spent if entry else []:
            spent_by_source[s.source] = spent_by_source.get(s.source, 0.0) + s.amount
        rows.append({
            "no": nb.of(a), "title": tr(a.title), "planned": f.th(planned),
            "spent": f.th(spent) if spent is not None else blank,
            "share": (f.pct(spent / planned) if planned else DASH) if spent is not None else blank,
            "status": (statuses.get(entry.status, entry.status) if entry.status else DASH) if entry else blank,
            "comment": (tr(entry.comment) if entry.comment else "") if entry else blank,
        })
    reported = bool(progress)
    sources = []
    for s in program.financing.sources:
        planned = planned_by_source.get(s.id, 0.0)
        spent = spent_by_source.get(s.id, 0.0) if reported else None
        if not planned and not spent:
            continue
        sources.append({"name": tr(s.name), "planned": f.th(planned),
                        "spent": f.th(spent) if spent is not None else blank,
                        "share": (f.pct(spent / planned) if planned else DASH) if spent is not None else blank})
    return rows, sources
