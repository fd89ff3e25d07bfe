"""Rows of the Annual Performance Assessment report: the soum's points per indicator and area, and the total.

Points above an indicator's maximum (an error the rules report) count at the maximum, so the totals never exceed
what the assessment allows; an indicator with no points counts 0.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sedp_core.rendering.unconfirmed import is_unconfirmed, mark
from sedp_mongolia_onhs import data
from sedp_mongolia_onhs.ldf.models import OnhsProgram, PerformanceAssessment

__all__ = ["apa_rows", "apa_total", "incentive_estimate"]


def apa_total(assessment: PerformanceAssessment) -> tuple[float, float]:
    """(points, maximum) of the whole assessment."""
    given = {r.indicator: r.points for r in assessment.results}
    indicators = data.apa().indicators
    return (sum(min(given.get(i.id, 0.0), i.max_points) for i in indicators),
            sum(i.max_points for i in indicators))


def incentive_estimate(program: OnhsProgram, share: float) -> dict[str, Any] | None:
    """The incentive the score earns under the rule in apa.yaml: the tier, its rate, the base and the amount."""
    rule = data.apa().incentive
    if rule is None:
        return None
    tier = rule.tier_for(share)
    if tier is None:
        return {"min_share": None, "rate": None, "base": None, "amount": 0.0}
    if rule.method == "fixed":
        return {"min_share": tier.min_share, "rate": None, "base": None, "amount": tier.amount}
    base = sum(line.amount for line in program.fund.lines if line.source == rule.base_source)
    sources = next(c for c in data.codelists() if c.id == "mn.ldf_source").codes
    return {"min_share": tier.min_share, "rate": tier.rate, "base": base, "amount": base * (tier.rate or 0.0),
            "base_name": dict(sources.get(rule.base_source or "", {}))}


def apa_rows(assessment: PerformanceAssessment | None, language: str, tr: Callable[[Any], str],
             program: OnhsProgram | None = None) -> dict[str, Any]:
    """`apa`: the assessment's rows by area and in detail; None when the document is not an assessment."""
    if assessment is None:
        return {"apa": None}
    apa = data.apa()
    results = {r.indicator: r for r in assessment.results}


    def text(entry: Any) -> str:
        return entry.mn if language == "mn" else entry.en

    # The indicators are sample data until the official list replaces them: marked (highlighted in a draft).
    sample = (data.unconfirmed("apa/indicators", "apa.yaml") if is_unconfirmed(apa.status) and apa.status != "sourced"
              else None)

    area_rows, detail_rows = [], []
    for no, area in enumerate(apa.areas, 1):
        indicators = [i for i in apa.indicators if i.area == area.id]
        points = 0.0
        for k, indicator in enumerate(indicators, 1):
            result = results.get(indicator.id)
            given = min(result.points, indicator.max_points) if result else 0.0
            points += given
            detail_rows.append({
                "area": f"{no}. {text(area)}", "code": f"{no}.{k}", "indicator": mark(text(indicator), sample),
                "required": indicator.evidence.get(language, indicator.evidence["en"]),
                "max": indicator.max_points, "points": result.points if result else None,
                "evidence": tr(result.evidence) if result else "", "note": tr(result.note) if result else "",
            })
        maximum = sum(i.max_points for i in indicators)
        area_rows.append({"no": no, "area": text(area), "indicators": len(indicators), "max": maximum,
                          "points": points, "share": points / maximum if maximum else None})
    points, maximum = apa_total(assessment)
    return {"apa": {"id": assessment.id, "year": assessment.year, "date": assessment.date,
                    "assessed_by": tr(assessment.assessed_by), "area_rows": area_rows, "detail_rows": detail_rows,
                    "points": points, "max": maximum, "share": points / maximum if maximum else None,
                    "sample": apa.status != "sourced",
                    "incentive": incentive_estimate(program, points / maximum if maximum else 0.0)
                    if program is not None else None}}
