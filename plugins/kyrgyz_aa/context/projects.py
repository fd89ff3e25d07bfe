"""The program's own annexes: the standard passport table (chapter 1) and one passport per investment project."""

from __future__ import annotations

from typing import Any

from sedp_core.rendering.formatting import DASH
from sedp_core.rendering.unconfirmed import plain, text_in
from sedp_kyrgyz_aa.context.fmt import Fmt, Tr
from sedp_kyrgyz_aa.datafiles import VersionData
from sedp_kyrgyz_aa.models import AaProgram
from sedp_kyrgyz_aa.numbering import Numbering

__all__ = ["passport_table", "project_passports"]


def passport_table(program: AaProgram, data: VersionData, labels: dict[str, str], f: Fmt, tr: Tr,
                   draft: bool) -> list[dict[str, Any]]:
    """The standard passport lines (passport.yaml) with the program's values by `code`, then the program's own
    lines. A standard line without a value is a blank to fill in a draft; an approved program leaves it out (and
    validation warns, aa.passport-incomplete)."""
    given = {p.code: p for p in program.situation.passport if p.code}
    empty = labels["blank_cell"] if draft else labels["none_yet"]
    rows = []

    source = f"sedp_kyrgyz_aa: data/{data.version}/passport.yaml"

    def text(line: dict[str, Any], key: str) -> str:
        # A standard line's wording is plugin data: marked while it is "to confirm" (its group and unit too).
        return data.marked(text_in(line[key], f.language, data.review_note("passport", code=line["code"]), source),
                           line.get("status"), f"passport:{line['code']}", source, "passport", code=line["code"])

    for line in data.passport:
        p = given.get(line["code"])
        if p is None and not draft:
            # An approved program prints what it knows; the missing lines are rule aa.passport-incomplete's.
            continue
        # The program's own wording of a standard line (it names it) replaces the plugin's.
        rows.append({"group": tr(p.group) if p and p.group else text(line, "group"),
                     "name": tr(p.name) if p else text(line, "name"), "unit": tr(p.unit) if p else text(line, "unit"),
                     "value": f.value(p.value) if p and p.value is not None else empty,
                     "year": str(p.year) if p and p.year else "", "source": tr(p.source) if p else ""})
    standard = {line["code"] for line in data.passport}
    for p in program.situation.passport:
        if p.code in standard:
            continue
        rows.append({"group": tr(p.group), "name": tr(p.name), "unit": tr(p.unit),
                     "value": f.value(p.value) if p.value is not None else empty,
                     "year": str(p.year) if p.year else "", "source": tr(p.source)})
    # Lines in the order of their groups' first appearance, each group's lines together.
    # Grouped by the group's words (without the core's review marks, which differ line by line).
    order: dict[str, int] = {}
    for r in rows:
        order.setdefault(plain(r["group"]), len(order))
    rows.sort(key=lambda r: order[plain(r["group"])])
    out: list[dict[str, Any]] = []
    for i, r in enumerate(rows, 1):
        if r["group"] and (i == 1 or plain(rows[i - 2]["group"]) != plain(r["group"])):
            out.append({"group": True, "text": r["group"]})
        out.append({**r, "no": i, "group": False})
    return out


def project_passports(program: AaProgram, data: VersionData, labels: dict[str, str], f: Fmt, tr: Tr,
                      nb: Numbering) -> list[dict[str, Any]]:
    """One page per activity whose cost reaches `project_passport_min_cost` (methodology.yaml), in the action
    plan's order: what, why (task and problems), where, when, who, how much from which source in which year."""
    threshold = data.project_passport_min_cost
    sources = {s.id: tr(s.name) for s in program.financing.sources}
    problems = {p.id: tr(p.title) for p in program.needs_assessment.problems}
    pages = []
    for a in nb.activities:
        if a.cost.amount < threshold:
            continue
        chain = nb.task_paths.get(a.task or "")
        task = chain[2] if chain else None
        ind = next((x for x in (task.indicators if task else []) if x.code == a.indicator), None)
        target = ind.targets[-1] if ind and ind.targets else None
        b = a.beneficiaries
        who = [f"{f.num(b.total)} {labels['persons']}" if b.total else "",
               f"{f.num(b.households)} {labels['pp_households']}" if b.households else ""]
        lines = [
            (labels["pp_name"], f"{nb.of(a)}. {tr(a.title)}"),
            (labels["pp_task"], f"{nb.of(task)}. {tr(task.title)}" if task else DASH),
            (labels["pp_problems"], "; ".join(problems.get(p, p) for p in a.problems) or DASH),
            (labels["pp_location"], tr(a.location) or DASH),
            (labels["pp_cost"], f"{f.th(a.cost.amount)} {labels['thousand_som']}"),
            (labels["pp_schedule"], tr(a.deadline) or ", ".join(str(y) for y in a.schedule) or DASH),
            (labels["col_responsible"], tr(a.responsible) or DASH),
            (labels["pp_partners"], "; ".join(tr(p) for p in a.partners) or DASH),
            (labels["pp_beneficiaries"], ", ".join(w for w in who if w) or tr(a.expected_result) or DASH),
            (labels["col_expected_result"], tr(a.expected_result) or DASH),
            (labels["pp_indicator"], f"{tr(ind.name)}, {tr(ind.unit)}: "
             f"{f.value(ind.baseline.value) if ind.baseline else DASH} → "
             f"{f.value(target.value) if target else DASH}" + (f" ({target.year})" if target else "")
             if ind else DASH),
        ]
        financing = [{"source": sources.get(p.source, p.source), "year": str(p.year) if p.year else DASH,
                      "amount": f.th(p.amount)} for p in a.financing]
        pages.append({"no": nb.of(a), "lines": [{"label": k, "value": v} for k, v in lines],
                      "financing": financing, "total": f.th(sum(p.amount for p in a.financing))})
    return pages
