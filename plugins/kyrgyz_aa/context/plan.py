"""SWOT, strategy (chapters 2, 4, 5), the action plan (6), financing (7), risks and indicators (9, 10)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from itertools import zip_longest
from typing import Any

from sedp_core.rendering.context_helpers import DocumentHelpers
from sedp_core.rendering.context_rows import Matrix
from sedp_core.rendering.formatting import DASH, first_upper, shares_adding_up
from sedp_kyrgyz_aa.context.fmt import Fmt, Tr
from sedp_kyrgyz_aa.models import AaProgram
from sedp_kyrgyz_aa.numbering import Numbering

__all__ = ["action_plan", "financing", "financing_matrix", "results_framework", "strategy", "swot"]


def swot(program: AaProgram, tr: Tr) -> dict[str, list[dict[str, str]]]:
    """SWOT as two two-column tables (strengths | weaknesses, opportunities | threats), padded to equal length."""
    sw = program.situation.swot
    return {
        "swot_sw": [{"a": tr(a) if a else "", "b": tr(b) if b else ""}
                    for a, b in zip_longest(sw.strengths, sw.weaknesses)],
        "swot_ot": [{"a": tr(a) if a else "", "b": tr(b) if b else ""}
                    for a, b in zip_longest(sw.opportunities, sw.threats)],
    }


def strategy(program: AaProgram, labels: dict[str, str], tr: Tr) -> dict[str, Any]:
    # No source shows a values section in the 2018 methodology: the line appears only when values are given.
    rows = []
    for gi, g in enumerate(program.goals, 1):
        for oi, o in enumerate(g.objectives or [None], 1):
            for ti, t in enumerate((o.tasks if o else []) or [None], 1):
                rows.append({
                    "no": f"{gi}.{oi}.{ti}" if t else (f"{gi}.{oi}" if o else f"{gi}"),
                    "goal": tr(g.title) if oi == 1 and ti == 1 else "",
                    "objective": tr(o.title) if o and ti == 1 else "",
                    "task": tr(t.title) if t else "",
                })
    return {
        "values_line": f"{labels['values_title']}: " + "; ".join(tr(v) for v in program.values)
        if program.values else "",
        "priority_rows": [{"no": i, "title": tr(p.title), "description": tr(p.description)}
                          for i, p in enumerate(program.priorities, 1)],
        "goal_rows": rows,
    }


def action_plan(program: AaProgram, labels: dict[str, str], f: Fmt, tr: Tr, nb: Numbering) -> dict[str, Any]:
    """The action plan in the goal tree's order: a group row for each goal, objective and task (numbered as in
    chapter 5), then its activities, numbered in that order."""
    sources = {s.id: tr(s.name) for s in program.financing.sources}
    rows: list[dict[str, Any]] = []
    current: tuple[Any, ...] | None = ()
    for a in nb.activities:
        chain = nb.task_paths.get(a.task or "")
        if chain is None and current is not None:
            rows.append({"group": True, "level": 1, "text": labels["other_activities"]})
        elif chain is not None:
            # From the first level that changed, every level gets its group row.
            start = next((i for i in range(3) if not current or current[i] is not chain[i]), 3)
            rows += [{"group": True, "level": i + 1, "text": f"{nb.of(chain[i])}. {tr(chain[i].title)}"}
                     for i in range(start, 3)]
        current = chain
        chain = chain or (None, None, None)
        task = chain[2]
        ind = next((x for x in (task.indicators if task else []) if x.code == a.indicator), None)
        used = list(dict.fromkeys(p.source for p in a.financing))
        target = ind.targets[-1] if ind and ind.targets else None
        rows.append({
            "group": False, "no": nb.of(a), "title": tr(a.title),
            "indicator": f"{tr(ind.name)}, {tr(ind.unit)}" if ind else "",
            "baseline": f.value(ind.baseline.value if ind and ind.baseline else None),
            "target": f.value(target.value if target else None) + (f" ({target.year})" if target else ""),
            "deadline": tr(a.deadline) or ", ".join(str(y) for y in a.schedule),
            "responsible": tr(a.responsible), "cost": a.cost.amount,
            "sources": ", ".join(sources.get(s, s) for s in used), "expected_result": tr(a.expected_result),
        })
    return {"action_rows": rows, "action_total": sum(a.cost.amount for a in program.activities)}


def financing(program: AaProgram, labels: dict[str, str], core: Mapping[str, Any], f: Fmt, tr: Tr,
              helpers: DocumentHelpers) -> dict[str, Any]:
    totals = {s.id: sum(a.amount for a in s.amounts) for s in program.financing.sources}
    grand = sum(totals.values())
    # Shares as printed (one decimal) add up to the 100 % under them (the core's largest-remainder rounding).
    shares = shares_adding_up([totals[s.id] for s in program.financing.sources], 1)
    source_rows = [{"no": i, "name": tr(s.name), "kind": first_upper(helpers.code_title("funding_source_kind", s.kind)),
                    "amount": totals[s.id], "share": share}
                   for i, (s, share) in enumerate(zip(program.financing.sources, shares, strict=True), 1)]
    cost = sum(a.cost.amount for a in program.activities)
    summary = [
        {"label": labels["fin_activities_cost"], "value": f.th(cost)},
        {"label": labels["fin_sources_total"], "value": f.th(grand)},
        {"label": labels["fin_gap"], "value": f.th(grand - cost)},
    ]
    return {"source_rows": source_rows, "source_total": grand, "fin_summary": summary,
            "sources_by_year": financing_matrix(program, labels, core["financing_matrix"], tr, helpers)}


def financing_matrix(program: AaProgram, labels: dict[str, str], by_year: Matrix, tr: Tr,
                     helpers: DocumentHelpers) -> Matrix:
    """Sources × years (the core's `financing_matrix`, ``by_year``) with its sources grouped by kind: a subtotal
    row (key "subtotal:<kind>", printed bold) after a kind that has several sources; the core's total row last."""
    groups: dict[str, list[Any]] = {}
    for s in program.financing.sources:
        groups.setdefault(s.kind, []).append(s)
    in_period = set(program.period.years)
    rows: list[tuple[str, str]] = []
    values: list[tuple[str, int, float]] = []
    for kind, sources in groups.items():
        for s in sources:
            rows.append((s.id, tr(s.name)))
            values += [(s.id, a.year, a.amount) for a in s.amounts if a.year in in_period]
        if len(sources) > 1:
            key = f"subtotal:{kind}"
            rows.append((key, f"{labels['subtotal']}: {helpers.code_title('funding_source_kind', kind)}"))
            values += [(key, a.year, a.amount) for s in sources for a in s.amounts if a.year in in_period]
    matrix = helpers.matrix(rows, [(y, str(y)) for y in program.period.years], values)
    # The core's total row: it counts each source once (the subtotal rows repeat their sources).
    return dataclasses.replace(matrix, total=by_year.total)


def results_framework(program: AaProgram, codes: dict[str, dict[str, str]], f: Fmt, tr: Tr,
                      nb: Numbering) -> list[dict[str, Any]]:
    """Goal → objective → indicator → baseline → each year's target → source of data (chapter 10): a group row per
    goal and objective (and task, for a task's indicators), numbered as in chapter 5, then its indicators."""
    freq = codes.get("frequency", {})
    years = list(program.period.years)
    rows: list[dict[str, Any]] = []
    counter = 0

    def lines(node: Any, level: int) -> None:
        nonlocal counter
        rows.append({"group": True, "level": level, "text": f"{nb.of(node)}. {tr(node.title)}"})
        for ind in node.indicators:
            counter += 1
            targets = {t.year: t.value for t in ind.targets}
            # Where the value comes from; without a stated source, who measures and reports it.
            source = (tr(ind.means_of_verification) or tr(ind.baseline.source if ind.baseline else None)
                      or tr(ind.responsible))
            rows.append({
                "group": False, "no": counter, "name": tr(ind.name), "unit": tr(ind.unit),
                "baseline": (f"{f.value(ind.baseline.value)} ({ind.baseline.year})" if ind.baseline else DASH),
                "targets": [f.value(targets[y]) if y in targets else "" for y in years],
                "source": source or DASH, "frequency": first_upper(freq.get(ind.frequency or "", "")) or DASH,
                "responsible": tr(ind.responsible) or DASH,
            })

    for g in program.goals:
        lines(g, 1)
        for o in g.objectives:
            lines(o, 2)
            for t in o.tasks:
                if t.indicators:
                    lines(t, 3)
    # A group row with nothing under it (an objective whose indicators are all at task level keeps its row:
    # it heads the tasks) is kept; a task row exists only when the task has indicators.
    return rows
