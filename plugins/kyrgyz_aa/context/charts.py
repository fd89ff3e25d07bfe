"""The program's charts (financing by year and source, cost by sector) and the monitoring report's chart.

Each chart has its numbers in a table of the same document too: the by-year and by-source tables of chapter 7,
the by-sector table built here, the monitoring report's own table.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sedp_core.rendering.charts import BarChart
from sedp_core.rendering.formatting import first_upper, shares_adding_up
from sedp_kyrgyz_aa.context.fmt import Fmt, Tr
from sedp_kyrgyz_aa.models import AaProgram
from sedp_kyrgyz_aa.monitoring import achievement, iter_indicators, report_year, result_for, target_for

__all__ = ["baseline_chart", "monitoring_chart", "program_charts"]

THOUSAND = 1000


def program_charts(program: AaProgram, labels: dict[str, str], codes: dict[str, dict[str, str]], f: Fmt,
                   tr: Tr) -> dict[str, Any]:
    years = list(program.period.years)
    sources = program.financing.sources
    by_year = BarChart(
        categories=tuple(str(y) for y in years),
        series=tuple((tr(s.name), tuple(sum(a.amount for a in s.amounts if a.year == y) / THOUSAND for y in years))
                     for s in sources),
        language=f.language, value_axis=labels["unit_th"], stacked=True, digits=f.data.thousands_digits)
    sector_names = codes.get("kg.sector", {})
    cost: dict[str, float] = defaultdict(float)
    for a in program.activities:
        cost[a.sector or ""] += a.cost.amount
    total = sum(cost.values())
    ordered = sorted(cost.items(), key=lambda item: -item[1])
    shares = shares_adding_up([amount for _, amount in ordered], 1)  # printed, they add up to 100 %
    sector_rows = [{"no": i, "sector": first_upper(sector_names.get(code, code)) if code else labels["no_sector"],
                    "amount": amount, "share": share}
                   for i, ((code, amount), share) in enumerate(zip(ordered, shares, strict=True), 1)]
    by_sector = BarChart(
        categories=tuple(r["sector"] for r in sector_rows),
        series=((labels["unit_th"], tuple(r["amount"] / THOUSAND for r in sector_rows)),),
        language=f.language, value_axis=labels["unit_th"], horizontal=True, digits=f.data.thousands_digits)
    return {"chart_by_year": by_year, "chart_by_sector": by_sector, "sector_rows": sector_rows,
            "sector_total": total}


def monitoring_chart(program: AaProgram, labels: dict[str, str], f: Fmt, tr: Tr) -> BarChart:
    """The share of each indicator's target achieved in the report year (only indicators with a result)."""
    year = report_year(program)
    names, shares = [], []
    for ind in iter_indicators(program):
        target = target_for(ind, year)
        res = result_for(program, ind.code, year)
        share = achievement(ind, target.value if target else None, res.actual if res else None)
        if share is not None:
            names.append(tr(ind.name))
            shares.append(round(share * 100, 1))
    return BarChart(categories=tuple(names), series=((labels["col_achieved"], tuple(shares)),), language=f.language,
                    value_axis=labels["col_achieved"], horizontal=True, digits=0, width_mm=200,
                    highlight=tuple(s >= 100 for s in shares), highlight_legend=(labels["chart_met"],
                                                                                 labels["chart_not_met"]))


def baseline_chart(program: AaProgram, labels: dict[str, str], f: Fmt, tr: Tr) -> BarChart:
    """Where each indicator starts: its baseline as a share of its last target (100 = the target; for an indicator
    that should decrease, the target over the baseline), so indicators in different units fit one chart."""
    names, shares = [], []
    for ind in iter_indicators(program):
        target = ind.targets[-1].value if ind.targets else None
        share = achievement(ind, target, ind.baseline.value if ind.baseline else None)
        if share is not None:
            names.append(tr(ind.name))
            shares.append(round(share * 100, 1))
    return BarChart(categories=tuple(names), series=((labels["chart_baseline_axis"], tuple(shares)),),
                    language=f.language, value_axis=labels["chart_baseline_axis"], horizontal=True)
