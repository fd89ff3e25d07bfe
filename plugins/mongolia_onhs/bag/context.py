"""The bag development program's template context, all under one name `bp`.

Every table is a flat list of rows (one `{%tr for %}` loop each, no arithmetic in the template): the goal tree,
indicators with their phase targets, the action plan, sums by source, by year and by phase, alignment with the
three catalogs. Every figure is computed here from the program's activities and sources, never typed in.
Words come from data/bag_program/labels.yaml and the codelists.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sedp_core import Methodology
from sedp_core.models import AlignmentLink, Goal, Indicator, Objective, Task
from sedp_core.rendering.context import labels_for, program_text
from sedp_core.rendering.context_helpers import DocumentHelpers
from sedp_core.rendering.formatting import DASH, format_date, format_number, shares_adding_up
from sedp_core.rendering.numbering import reader_numbers
from sedp_core.rendering.unconfirmed import entry_title, field_or_default, is_unconfirmed
from sedp_core.validation.walk import iter_values
from sedp_mongolia_onhs import data
from sedp_mongolia_onhs.bag import data as bag_data
from sedp_mongolia_onhs.bag.models import BagActivity, BagProgram, Phase
from sedp_mongolia_onhs.grammar import official_date, ordinal

__all__ = ["activity_phases", "bag_context", "money_by"]

Tr = Callable[[Any], str]


def bag_context(program: BagProgram, methodology: Methodology, language: str,
                helpers: DocumentHelpers) -> dict[str, Any]:
    """Every name the bag program template uses, under `bp`, in `language` (`helpers`: the context hook's)."""
    labels = labels_for(methodology, language)

    def tr(text: Any) -> str:
        return program_text(text, language)

    code_title = helpers.code_title  # the titles as this methodology prints them (`Registry.codelists_for`)

    m = program.municipality
    names = {"bag": tr(m.name),
             "soum": next((tr(u.name) for u in m.parent_units if u.kind == "soum"), ""),
             "aimag": next((tr(u.name) for u in m.parent_units if u.kind == "aimag"), "")}
    period = f"{program.period.start_year}–{program.period.end_year}"
    unit_line = helpers.label("s_unit_line", **names)
    sums = money_by(program)
    return {"bp": {
        "unit_line": unit_line,
        "names": names,
        "period": period,
        "issue_year": program.approval.date.year if program.approval and program.approval.date
        else program.period.start_year - 1,
        "phases_line": "; ".join(f"{tr(p.title)} ({p.start_year}–{p.end_year})" for p in program.phases),
        **_approval(program, labels, language, tr, names),
        "general_line": _general_line(program, labels, language, names),
        "profile_rows": _profile_rows(program, labels, language, tr, code_title),
        **_phase_rows(program, labels, tr, sums),
        "swot_rows": [{"title": labels[f"swot_{name}"],
                       "text": "\n".join(f"• {tr(s)}" for s in getattr(program.situation.swot, name)) or DASH}
                      for name in ("strengths", "weaknesses", "opportunities", "threats")],
        "value_rows": [{"no": i, "text": tr(v)} for i, v in enumerate(program.values, 1)],
        "priority_rows": [{"no": i, "title": tr(p.title), "description": tr(p.description)}
                          for i, p in enumerate(program.priorities, 1)],
        "goal_rows": _goal_rows(program, tr),
        "indicator_rows": _indicator_rows(program, labels, language, tr, code_title),
        **_action_rows(program, language, tr),
        **_source_rows(program, labels, tr, code_title, sums),
        **_year_rows(program, labels, tr, sums),
        **_alignment(program, methodology, labels, language, tr, helpers),
        "monitoring_rows": [{"no": i, "what": tr(s.what), "who": tr(s.who), "when": tr(s.when),
                             "to_whom": tr(s.to_whom)} for i, s in enumerate(program.monitoring.steps, 1)],
    }}


# --- Sums -------------------------------------------------------------------------------------------------------

def phase_of_year(program: BagProgram, year: int | None) -> Phase | None:
    return next((p for p in program.phases if year is not None and p.start_year <= year <= p.end_year), None)


def activity_phases(program: BagProgram, act: BagActivity) -> list[Phase]:
    """The activity's phase, or the phases of its scheduled years, in program order."""
    if act.phase:
        return [p for p in program.phases if p.id == act.phase][:1]
    years = set(act.schedule) | {part.year for part in act.financing if part.year is not None}
    return [p for p in program.phases if any(p.start_year <= y <= p.end_year for y in years)]


def money_by(program: BagProgram) -> dict[str, Any]:
    """The activities' financing summed by source, by year, by (year, source) and by phase."""
    by_source: dict[str, float] = defaultdict(float)
    by_year: dict[int | None, float] = defaultdict(float)
    by_year_source: dict[tuple[int | None, str], float] = defaultdict(float)
    by_phase: dict[str | None, float] = defaultdict(float)
    for act in program.activities:
        for part in act.financing:
            by_source[part.source] += part.amount
            by_year[part.year] += part.amount
            by_year_source[(part.year, part.source)] += part.amount
            phase = phase_of_year(program, part.year)
            by_phase[phase.id if phase else None] += part.amount
    return {"source": dict(by_source), "year": dict(by_year), "year_source": dict(by_year_source),
            "phase": dict(by_phase), "total": sum(by_source.values()),
            "cost": sum(a.cost.amount for a in program.activities)}


# --- Title page and general information -------------------------------------------------------------------------

def _date(value: dt.date | None, labels: dict[str, str], language: str) -> str:
    if value is None:
        return labels["blank_date"]
    return official_date(value, labels) if language == "mn" else format_date(value, language)


def _approval(program: BagProgram, labels: dict[str, str], language: str, tr: Tr,
              names: dict[str, str]) -> dict[str, Any]:
    """The approval block: the act's annex line, with blanks to fill while the program is a draft."""
    form = bag_data.approval()
    ap = program.approval
    approved = program.status == "approved" and ap is not None and bool(ap.decision_number) and ap.date is not None
    number = ap.decision_number if approved and ap else None
    if number:
        number_ord = ordinal(number, labels) if language == "mn" else number
    else:
        number_ord = labels["blank"] + (f" {labels['ordinal_back']}" if language == "mn" else "")
    body_genitive = form.body_genitive.get(language, form.body_genitive["en"]).format(**names)
    line = form.annex_line.get(language, form.annex_line["en"]).format(
        body_genitive=body_genitive, date=_date(ap.date if approved and ap else None, labels, language),
        number=number or labels["blank"], number_ord=number_ord)
    body = form.body.get(language, form.body["en"]).format(**names)
    # Who approves a bag program, and the form of its act, are the plugin's defaults (no source confirms them):
    # the program's own approval_line replaces them; until then they are printed as a draft value.
    if is_unconfirmed(form.status):
        line = field_or_default(tr(program.approval_line) if program.approval_line else None, line,
                                "/approval_line", data.review_note("field/approval_line"),
                                "sedp_mongolia_onhs: data/bag_program/approval.yaml")
    elif program.approval_line:
        line = tr(program.approval_line)
    return {"approval": {"stamp": "" if approved else labels["draft_mark"], "line": line, "body": body}}


def _general_line(program: BagProgram, labels: dict[str, str], language: str, names: dict[str, str]) -> str:
    m = program.municipality
    return labels["s_general"].format(
        **names, population=format_number(m.population, language), households=format_number(m.households, language),
        year=m.population_year or DASH, area=format_number(m.area_km2, language, 0 if (m.area_km2 or 0) >= 100 else 1),
        period=f"{program.period.start_year}–{program.period.end_year}", phases=len(program.phases))


def _profile_rows(program: BagProgram, labels: dict[str, str], language: str, tr: Tr,
                  code_title: Callable[[str, str | None], str]) -> list[dict[str, str]]:
    m, b = program.municipality, program.bag

    def num(value: float | None, unit: str = "", digits: int = 0) -> str:
        return DASH if value is None else f"{format_number(value, language, digits)}{' ' + unit if unit else ''}"

    rows = [
        ("f_bag", tr(m.name)),
        ("f_parents", ", ".join(tr(u.name) + " " + code_title("mn.admin_unit", u.kind).lower()
                                for u in m.parent_units) or DASH),
        ("f_type", code_title("mn.bag_type", b.type)),
        ("f_centre", tr(b.centre) or DASH),
        ("f_distance", num(b.distance_to_soum_centre_km, labels["km"])),
        ("f_population", num(m.population, labels["persons"])),
        ("f_households", num(m.households, labels["households_unit"])),
        ("f_area", num(m.area_km2, labels["km2"], 0 if (m.area_km2 or 0) >= 100 else 1)),
        ("f_governor", tr(b.governor) or DASH),
        ("f_inh_chair", tr(b.inh_chair) or DASH),
        ("f_staff", num(b.staff, labels["persons"])),
    ]
    return [{"label": labels[key], "value": value} for key, value in rows]


def _shares_adding_up(rows: list[dict[str, Any]]) -> None:
    """Shares that print (to 0.1 %) as the 100.0 % of the totals row, whatever the rounding of each line."""
    for row, share in zip(rows, shares_adding_up([r["amount"] for r in rows], 1), strict=True):
        row["share"] = share


def _phase_rows(program: BagProgram, labels: dict[str, str], tr: Tr, sums: dict[str, Any]) -> dict[str, Any]:
    total = sums["total"]
    rows = []
    for i, p in enumerate(program.phases, 1):
        amount = sums["phase"].get(p.id, 0.0)
        rows.append({"no": i, "title": tr(p.title), "years": f"{p.start_year}–{p.end_year}",
                     "focus": tr(p.focus), "activities": sum(p in activity_phases(program, a)
                                                              for a in program.activities),
                     "amount": amount, "share": amount / total if total else None})
    if sums["phase"].get(None):  # amounts without a year, or in a year no phase covers
        amount = sums["phase"][None]
        rows.append({"no": "", "title": labels["no_phase"], "years": DASH, "focus": "", "activities": None,
                     "amount": amount, "share": amount / total if total else None})
    _shares_adding_up(rows)
    return {"phase_rows": rows, "phase_total": {"amount": total, "share": 1.0 if total else None,
                                                "activities": len(program.activities)}}


# --- Strategy and indicators ------------------------------------------------------------------------------------

def _numbers(program: BagProgram) -> dict[int, str]:
    """id(goal/objective/task) → «1», «1.2», «1.2.3» (the core's reader numbers)."""
    return reader_numbers(program)


def _goal_rows(program: BagProgram, tr: Tr) -> list[dict[str, str]]:
    """One row per task (or objective/goal without any), the goal and objective only on their first row."""
    rows = []
    for gi, g in enumerate(program.goals, 1):
        for oi, o in enumerate(g.objectives or [None], 1):
            for ti, t in enumerate((o.tasks if o else []) or [None], 1):
                rows.append({
                    "goal": f"{gi}. {tr(g.title)}" if oi == 1 and ti == 1 else "",
                    "objective": f"{gi}.{oi}. {tr(o.title)}" if o and ti == 1 else "",
                    "task": f"{gi}.{oi}.{ti}. {tr(t.title)}" if t else DASH,
                })
    return rows


def _value(value: float | None, language: str) -> str:
    """An indicator value with only the decimals it has (62 → «62», 0.5 → «0.5»)."""
    if value is None:
        return DASH
    digits = next((d for d in range(3) if round(value, d) == round(value, 2)), 2)
    return format_number(value, language, digits)


def _phase_targets(ind: Indicator, program: BagProgram, language: str) -> str:
    """Target at the end of each phase (the last target given in it): «2028: 80; 2031: 95»."""
    parts = []
    for p in program.phases:
        inside = [t for t in ind.targets if p.start_year <= t.year <= p.end_year]
        if inside:
            last = max(inside, key=lambda t: t.year)
            parts.append(f"{last.year}: {_value(last.value, language)}")
    return "\n".join(parts) or DASH


def _indicator_rows(program: BagProgram, labels: dict[str, str], language: str, tr: Tr,
                    code_title: Callable[[str, str | None], str]) -> list[dict[str, Any]]:
    numbers = _numbers(program)
    rows = []
    for _, owner in iter_values(program):
        if not isinstance(owner, Goal | Objective | Task):
            continue
        for ind in owner.indicators:
            rows.append({
                # The indicator by its row number: its code is an internal id, never printed alone.
                "no": len(rows) + 1, "owner": numbers.get(id(owner), ""), "code": str(len(rows) + 1),
                "name": tr(ind.name),
                "unit": tr(ind.unit), "baseline": _value(ind.baseline.value if ind.baseline else None, language),
                "baseline_year": ind.baseline.year if ind.baseline else DASH,
                "targets": _phase_targets(ind, program, language),
                "source": tr(ind.means_of_verification) or DASH,
                "frequency": code_title("frequency", ind.frequency) if ind.frequency else DASH,
                "responsible": tr(ind.responsible) or DASH,
            })
    return rows


def _activity_target(program: BagProgram, act: BagActivity, ind: Indicator | None) -> Any:
    """The target an activity works towards: the last target inside its own (last) phase, so a phase-I activity
    shows what phase I must reach, not the program's final target; the final target when the activity has no
    phase or its phase has no target."""
    if ind is None or not ind.targets:
        return None
    phases = activity_phases(program, act)
    if phases:
        end = phases[-1].end_year
        inside = [t for t in ind.targets if t.year <= end]
        if inside:
            return max(inside, key=lambda t: t.year)
    return max(ind.targets, key=lambda t: t.year)


def _action_rows(program: BagProgram, language: str, tr: Tr) -> dict[str, Any]:
    numbers = _numbers(program)
    tasks = {t.id: t for g in program.goals for o in g.objectives for t in o.tasks}
    sources = {s.id: tr(s.name) for s in program.financing.sources}
    rows = []
    for i, act in enumerate(program.activities, 1):
        task = tasks.get(act.task or "")
        ind = next((x for x in (task.indicators if task else []) if x.code == act.indicator), None)
        target = _activity_target(program, act, ind)
        years = sorted(set(act.schedule))
        period = (f"{years[0]}–{years[-1]}" if len(years) > 1 and years[-1] - years[0] == len(years) - 1
                  else ", ".join(map(str, years))) if years else DASH
        rows.append({
            "no": i, "task": f"{numbers[id(task)]}" if task else DASH, "title": tr(act.title),
            "period": period, "phase": ", ".join(p.id for p in activity_phases(program, act)) or DASH,
            "indicator": tr(ind.name) if ind else DASH, "unit": tr(ind.unit) if ind else DASH,
            "baseline": _value(ind.baseline.value if ind and ind.baseline else None, language),
            "target": _value(target.value if target else None, language),
            "cost": act.cost.amount,
            "sources": ", ".join(sources.get(s, s) for s in dict.fromkeys(p.source for p in act.financing)) or DASH,
            "responsible": tr(act.responsible) or DASH,
        })
    return {"action_rows": rows, "action_total": sum(a.cost.amount for a in program.activities)}


# --- Financing --------------------------------------------------------------------------------------------------

def _source_rows(program: BagProgram, labels: dict[str, str], tr: Tr,
                 code_title: Callable[[str, str | None], str], sums: dict[str, Any]) -> dict[str, Any]:
    total = sums["total"]
    rows = []
    for i, s in enumerate(program.financing.sources, 1):
        planned = sum(a.amount for a in s.amounts) if s.amounts else None
        used = sums["source"].get(s.id, 0.0)
        rows.append({"no": i, "name": tr(s.name), "kind": code_title("funding_source_kind", s.kind),
                     "planned": planned, "amount": used, "share": used / total if total else None,
                     "balance": planned - used if planned is not None else None})
    _shares_adding_up(rows)
    planned_all = [r["planned"] for r in rows if r["planned"] is not None]
    return {"source_rows": rows, "source_total": {
        "planned": sum(planned_all) if planned_all else None, "amount": total, "share": 1.0 if total else None,
        "balance": sum(planned_all) - sum(r["amount"] for r in rows if r["planned"] is not None)
        if planned_all else None}}


def _year_rows(program: BagProgram, labels: dict[str, str], tr: Tr, sums: dict[str, Any]) -> dict[str, Any]:
    """Sums by year (with its phase and share), and by year and source (the year on its group's first row)."""
    names = {s.id: tr(s.name) for s in program.financing.sources}
    order = list(names)
    total = sums["total"]
    years: list[int | None] = [*program.period.years]
    years += sorted(y for y in sums["year"] if y is not None and y not in years)
    if None in sums["year"]:
        years.append(None)
    year_rows, detail = [], []
    for year in years:
        amount = sums["year"].get(year, 0.0)
        phase = phase_of_year(program, year)
        year_text = str(year) if year is not None else labels["no_year"]
        year_rows.append({"year": year_text, "phase": phase.id if phase else DASH, "amount": amount,
                          "share": amount / total if total else None})
        parts = sorted(((src, a) for (y, src), a in sums["year_source"].items() if y == year and a),
                       key=lambda item: order.index(item[0]) if item[0] in order else len(order))
        for j, (src, a) in enumerate(parts):
            detail.append({"year": year_text if j == 0 else "", "source": names.get(src, src), "amount": a})
    _shares_adding_up(year_rows)
    return {"year_rows": year_rows, "year_source_rows": detail,
            "year_total": {"amount": total, "share": 1.0 if total else None}}


# --- Alignment --------------------------------------------------------------------------------------------------

def _alignment(program: BagProgram, methodology: Methodology, labels: dict[str, str], language: str,
               tr: Tr, helpers: DocumentHelpers) -> dict[str, Any]:
    """Links to each catalog (Vision 2050, governor's action program, annual plan) and their coverage."""
    numbers = _numbers(program)
    values = dict(iter_values(program))
    links: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pointer, value in values.items():
        if isinstance(value, AlignmentLink):
            owner = values[pointer.rsplit("/alignment/", 1)[0]]
            ref = numbers.get(id(owner)) or getattr(owner, "id", "")
            links[(value.catalog, value.code)].append(f"{ref}. {tr(owner.title)}")
    rows, coverage = [], []
    for catalog_id in methodology.catalogs:
        catalog = helpers.catalog(catalog_id)
        title = helpers.catalog_title(catalog_id)
        linked = [e for e in catalog.entries if (catalog_id, e.code) in links]
        for j, e in enumerate(linked):
            # An unconfirmed name is marked by the core: highlighted in a draft, an error when approved.
            rows.append({"catalog": title if j == 0 else "", "code": e.number or "",
                         "level": labels.get(f"level_{e.level}", e.level or ""),
                         "entry": entry_title(catalog, e, language), "parts": "\n".join(links[(catalog_id, e.code)])})
        tops = [e for e in catalog.entries if e.parent is None]
        served = {e.code for e in linked} | {e.parent for e in linked if e.parent}
        uncovered = ", ".join(f"{e.number or ''} {entry_title(catalog, e, language)}".strip() for e in tops
                              if e.code not in served)
        coverage.append({"text": helpers.label("s_coverage",
            catalog=title, covered=sum(e.code in served for e in tops), total=len(tops),
            entries=len(linked), uncovered=uncovered or DASH)})
    return {"alignment_rows": rows, "coverage_rows": coverage}
