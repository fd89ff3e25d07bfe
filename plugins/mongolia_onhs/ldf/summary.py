"""The LDF's part of a regional summary (`sedp summary`): each soum's funded and unfunded proposals by sector.

`summary_facts` keeps, per soum, the envelope and, per sector, how many ranked proposals are funded and how many
are not, with their costs (the allocation the documents print, `allocation.soum_allocation`); `summary_sections`
turns the soums' records into a section in the summary's language (the plugin's labels, `sum_*`).
"""

from __future__ import annotations

from typing import Any

from sedp_core.analysis.report_docx import Column
from sedp_core.analysis.summary import AMOUNT_UNIT, SummaryHeading, SummarySection, SummaryTable
from sedp_core.analysis.summary_document import amount_unit, codelist_titles, municipality_names
from sedp_core.rendering.charts import BarChart
from sedp_core.rendering.context import labels_for
from sedp_core.rendering.formatting import format_number
from sedp_mongolia_onhs.ldf.allocation import soum_allocation

__all__ = ["FACTS", "summary_facts", "summary_sections"]

FACTS = "mn.onhs.ldf"
"""The name the soum's record goes under in `ProgramFacts.extra`."""


def summary_facts(program: Any) -> dict[str, Any]:
    """The soum's envelope, and per sector [funded count, funded cost, unfunded count, unfunded cost] of its
    ranked proposals; proposals not in the competition (rejected, withdrawn) are counted apart."""
    allocation = soum_allocation(program)
    sectors: dict[str, list[float]] = {}
    for line in allocation:
        cell = sectors.setdefault(line.item.proposal.sector, [0, 0.0, 0, 0.0])
        at = 0 if line.funded else 2
        cell[at] += 1
        cell[at + 1] += line.item.proposal.cost.amount
    return {FACTS: {"envelope": program.fund.total, "sectors": sectors,
                    "not_ranked": len(program.proposals) - len(allocation)}}


def _sum(records: list[dict[str, Any]], index: int) -> float:
    return sum(cell[index] for r in records for cell in r["sectors"].values())


def summary_sections(summary: Any, language: str) -> list[SummarySection]:
    # The core's labels: a label to confirm stays marked (the summary highlights it), a label without text in
    # the summary's language is a marked placeholder, never another language's text.
    labels = labels_for(summary.methodology, language)

    def label(key: str) -> str:
        return labels[key]

    records = [p.extra.get(FACTS) for p in summary.programs]
    if not any(records):
        return []
    names = municipality_names(summary, language)
    soums = [(n, r) for n, r in zip(names, records, strict=True) if r]
    scale = float(AMOUNT_UNIT)
    unit = amount_unit(summary, language)
    all_records = [r for _, r in soums]
    funded, unfunded = _sum(all_records, 1), _sum(all_records, 3)
    envelope = sum(r["envelope"] for r in all_records)
    intro = label("sum_intro").format(
        soums=format_number(len(soums), language), envelope=format_number(envelope / scale, language),
        funded_count=format_number(_sum(all_records, 0), language), funded=format_number(funded / scale, language),
        unfunded_count=format_number(_sum(all_records, 2), language),
        unfunded=format_number(unfunded / scale, language), unit=unit,
        not_ranked=format_number(sum(r["not_ranked"] for r in all_records), language))
    count_f, count_u = label("sum_col_funded_count"), label("sum_col_unfunded_count")
    per_soum = SummaryTable(
        (Column(label("sum_col_soum")), Column(f"{label('sum_col_envelope')}, {unit}", "number"),
         Column(count_f, "number"), Column(f"{label('sum_col_funded')}, {unit}", "number"),
         Column(count_u, "number"), Column(f"{label('sum_col_unfunded')}, {unit}", "number")),
        tuple((name, r["envelope"] / scale, _sum([r], 0), _sum([r], 1) / scale, _sum([r], 2), _sum([r], 3) / scale)
              for name, r in soums),
        (label("total"), envelope / scale, _sum(all_records, 0), funded / scale, _sum(all_records, 2),
         unfunded / scale))
    titles = codelist_titles(summary, "mn.sector", language)
    order = list(titles) + sorted({s for r in all_records for s in r["sectors"]} - set(titles))
    by_sector = {s: [sum(r["sectors"][s][i] for r in all_records if s in r["sectors"]) for i in range(4)]
                 for s in order if any(s in r["sectors"] for r in all_records)}
    per_sector = SummaryTable(
        (Column(label("sum_col_sector")), Column(count_f, "number"), Column(f"{label('sum_col_funded')}, {unit}",
                                                                            "number"),
         Column(count_u, "number"), Column(f"{label('sum_col_unfunded')}, {unit}", "number")),
        tuple((titles.get(s, s), c[0], c[1] / scale, c[2], c[3] / scale) for s, c in by_sector.items()),
        (label("total"), _sum(all_records, 0), funded / scale, _sum(all_records, 2), unfunded / scale))
    chart = BarChart(categories=tuple(titles.get(s, s) for s in by_sector), language=language, horizontal=True,
                     series=((label("sum_col_funded"), tuple(c[1] / scale for c in by_sector.values())),
                             (label("sum_col_unfunded"), tuple(c[3] / scale for c in by_sector.values()))),
                     value_axis=unit)
    heading = label("sum_heading")
    return [SummarySection(heading, (intro, SummaryHeading(label("sum_by_soum")), per_soum,
                                     SummaryHeading(label("sum_by_sector")), per_sector, chart), label("sum_sheet"))]
