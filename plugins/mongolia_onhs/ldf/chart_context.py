"""The charts of the mn.onhs documents: ranking scores with the funded ones dark, the money funded per bag
(working group's ranking), and the money funded per sector (the annual plan).

Each chart's numbers are printed in a table of the same document: the score table, the per-bag table, the
per-sector table built here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from sedp_core.rendering.charts import BarChart
from sedp_mongolia_onhs.ldf.allocation import Allocation

__all__ = ["onhs_charts"]

MILLION = 1_000_000  # tögrög amounts run to hundreds of millions: the axes count in millions


def onhs_charts(allocation: Sequence[Allocation], language: str, labels: dict[str, str],
                bag_rows: Sequence[dict[str, Any]], code_title: Callable[[str, str], str]) -> dict[str, Any]:
    funded = [a for a in allocation if a.funded]
    scores = BarChart(
        categories=tuple(a.item.proposal.id for a in allocation),
        series=((labels["col_score"], tuple(a.item.score for a in allocation)),),
        language=language, value_axis=labels["col_score"], value_labels=False, upright_labels=True,
        width_mm=240, height_mm=70, highlight=tuple(a.funded for a in allocation),
        highlight_legend=(labels["chart_funded"], labels["chart_not_funded"]))
    by_bag = BarChart(
        categories=tuple(r["bag"] for r in bag_rows),
        series=((labels["unit_million"], tuple(r["amount"] / MILLION for r in bag_rows)),),
        language=language, value_axis=labels["unit_million"], horizontal=True, digits=1, width_mm=200)
    sector_cost: dict[str, float] = defaultdict(float)
    for a in funded:
        sector_cost[a.item.proposal.sector] += a.item.proposal.cost.amount
    total = sum(sector_cost.values())
    sector_rows = [{"no": i, "sector": code_title("mn.sector", code), "count": sum(
                        1 for a in funded if a.item.proposal.sector == code),
                    "amount": amount, "share": amount / total if total else None}
                   for i, (code, amount) in enumerate(sorted(sector_cost.items(), key=lambda kv: -kv[1]), 1)]
    by_sector = BarChart(
        categories=tuple(r["sector"] for r in sector_rows),
        series=((labels["unit_million"], tuple(r["amount"] / MILLION for r in sector_rows)),),
        language=language, value_axis=labels["unit_million"], horizontal=True, digits=1, width_mm=200)
    return {"chart_scores": scores, "chart_by_bag": by_bag, "chart_by_sector": by_sector,
            "sector_rows": sector_rows}
