"""SWOT, strategy (chapters 2, 4, 5), the action plan (6), financing (7), risks and indicators (9, 10)."""

from __future__ import annotations

from itertools import zip_longest
from typing import Any

from .context_fmt import Fmt, Tr
from .models import AaProgram
from .monitoring import iter_indicators

__all__ = ["action_plan", "financing", "indicators", "strategy", "swot"]


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


def action_plan(program: AaProgram, f: Fmt, tr: Tr) -> dict[str, Any]:
    tasks = {t.id: (f"{gi}.{oi}.{ti}", t) for gi, g in enumerate(program.goals, 1)
             for oi, o in enumerate(g.objectives, 1) for ti, t in enumerate(o.tasks, 1)}
    sources = {s.id: tr(s.name) for s in program.financing.sources}
    rows = []
    for i, a in enumerate(program.activities, 1):
        task_no, task = tasks.get(a.task or "", ("", None))
        ind = next((x for x in (task.indicators if task else []) if x.code == a.indicator), None)
        used = list(dict.fromkeys(p.source for p in a.financing))
        target = ind.targets[-1] if ind and ind.targets else None
        rows.append({
            "no": i, "task": f"{task_no} {tr(task.title)}" if task else "", "title": tr(a.title),
            "indicator": f"{tr(ind.name)}, {tr(ind.unit)}" if ind else "",
            "baseline": f.value(ind.baseline.value if ind and ind.baseline else None),
            "target": f.value(target.value if target else None),
            "deadline": tr(a.deadline) or ", ".join(str(y) for y in a.schedule),
            "responsible": tr(a.responsible), "cost": a.cost.amount,
            "sources": ", ".join(sources.get(s, s) for s in used), "expected_result": tr(a.expected_result),
        })
    return {"action_rows": rows, "action_total": sum(a.cost.amount for a in program.activities)}


def financing(program: AaProgram, labels: dict[str, str], codes: dict[str, dict[str, str]], f: Fmt,
              tr: Tr) -> dict[str, Any]:
    # `codes`: the titles as this methodology prints them (another plugin's titles never replace them).
    kinds = codes.get("funding_source_kind", {})
    totals = {s.id: sum(a.amount for a in s.amounts) for s in program.financing.sources}
    grand = sum(totals.values())
    source_rows = [{"no": i, "name": tr(s.name), "kind": kinds.get(s.kind, s.kind),
                    "amount": totals[s.id], "share": totals[s.id] / grand if grand else None}
                   for i, s in enumerate(program.financing.sources, 1)]
    year_rows = []
    for year in program.period.years:
        parts = [(tr(s.name), a.amount) for s in program.financing.sources for a in s.amounts if a.year == year]
        year_rows += [{"year": str(year), "source": name, "amount": amount, "subtotal": False}
                      for name, amount in parts]
        year_rows.append({"year": str(year), "source": labels["year_total"], "amount": sum(a for _, a in parts),
                          "subtotal": True})
    cost = sum(a.cost.amount for a in program.activities)
    summary = [
        {"label": labels["fin_activities_cost"], "value": f.th(cost)},
        {"label": labels["fin_sources_total"], "value": f.th(grand)},
        {"label": labels["fin_gap"], "value": f.th(grand - cost)},
    ]
    return {"source_rows": source_rows, "source_total": grand, "year_rows": year_rows, "fin_summary": summary}


def indicators(program: AaProgram, codes: dict[str, dict[str, str]], f: Fmt, tr: Tr) -> list[dict[str, Any]]:
    freq = codes.get("frequency", {})
    return [{"no": i, "name": tr(ind.name), "unit": tr(ind.unit),
             "baseline": f.value(ind.baseline.value if ind.baseline else None),
             "target": f.value(ind.targets[-1].value if ind.targets else None),
             "frequency": freq.get(ind.frequency or "", ""), "responsible": tr(ind.responsible)}
            for i, ind in enumerate(iter_indicators(program), 1)]
