"""The core's rules: what a schema cannot say about any program, whatever its methodology.

The default plugin `validation/rules_plugin.py` registers them. Each rule has a stable code (listed in
docs/validation.md). Rules receive a program that already passed the schema, so they may rely on types; they
report, they never change the program.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from sedp_core.findings import Finding, Severity
from sedp_core.i18n import N_, Term, messages_for
from sedp_core.models import Activity, AlignmentLink, FundingSource, Goal, Indicator, Objective, Priority, Program, Task
from sedp_core.registry.types import CodelistUse
from sedp_core.validation.context import ValidationContext
from sedp_core.validation.pictures import pictures
from sedp_core.validation.walk import select


def finding(code: str, severity: Severity, path: str, message: str, /, **params: Any) -> Finding:
    """A core finding; `message` is a catalog msgid (marked `N_`) whose ``{placeholders}`` `params` fill."""
    return Finding(code=code, severity=severity, path=path, messages=messages_for(message, **params),
                   params={k: str(v) if isinstance(v, Term) else v for k, v in params.items()},
                   terms={k: v for k, v in params.items() if isinstance(v, Term)})


def unique_ids(program: Program, ctx: ValidationContext) -> Iterator[Finding]:
    """Ids must be unique within their kind; indicator codes within the program."""
    kinds: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pointer, value in ctx.nodes(program):
        if isinstance(value, Indicator):
            kinds["indicator"].append((value.code, pointer))
            continue
        kind = _id_kind(type(value))
        if kind:
            kinds[kind].append((value.id, pointer))
    for kind, items in kinds.items():
        counts = Counter(i for i, _ in items)
        for ident, pointer in items:
            if counts[ident] > 1:
                yield finding("id.duplicate", "error", pointer, N_("the {what} id '{id}' is used more than once"),
                              kind=kind, what=Term(_KIND_WORDS.get(kind, kind)), id=ident)


def references(program: Program, ctx: ValidationContext) -> Iterator[Finding]:
    """Every reference to an id points at something that exists."""
    priorities = {p.id for p in program.priorities}
    tasks = {t.id for g in program.goals for o in g.objectives for t in o.tasks}
    sources = {s.id for s in program.financing.sources}
    for i, goal in enumerate(program.goals):
        if goal.priority and goal.priority not in priorities:
            yield finding("ref.missing-priority", "error", f"/goals/{i}/priority",
                          N_("goal '{goal}' names priority '{id}', which does not exist"),
                          goal=goal.id, id=goal.priority)
    for i, act in enumerate(program.activities):
        if act.task and act.task not in tasks:
            yield finding("ref.missing-task", "error", f"/activities/{i}/task",
                          N_("activity '{activity}' names task '{id}', which does not exist"),
                          activity=act.id, id=act.task)
        for j, part in enumerate(act.financing):
            if part.source not in sources:
                yield finding("ref.missing-source", "error", f"/activities/{i}/financing/{j}/source",
                              N_("activity '{activity}' is financed from source '{id}', which does not exist"),
                              activity=act.id, id=part.source)


def years_in_period(program: Program, ctx: ValidationContext) -> Iterator[Finding]:
    """Schedules, financing and targets fall inside the planning period."""
    first, last = program.period.start_year, program.period.end_year

    def outside(year: int | None) -> bool:
        return year is not None and not first <= year <= last

    for i, act in enumerate(program.activities):
        for j, year in enumerate(act.schedule):
            if outside(year):
                yield finding("period.year-outside", "error", f"/activities/{i}/schedule/{j}",
                              N_("year {year} is outside the program period {first}-{last}"),
                              year=year, first=first, last=last)
        for j, part in enumerate(act.financing):
            if outside(part.year):
                yield finding("period.year-outside", "error", f"/activities/{i}/financing/{j}/year",
                              N_("year {year} is outside the program period {first}-{last}"),
                              year=part.year, first=first, last=last)
    for i, source in enumerate(program.financing.sources):
        for j, amount in enumerate(source.amounts):
            if outside(amount.year):
                yield finding("period.year-outside", "error", f"/financing/sources/{i}/amounts/{j}/year",
                              N_("year {year} is outside the program period {first}-{last}"),
                              year=amount.year, first=first, last=last)
    for pointer, value in ctx.nodes(program):
        if isinstance(value, Indicator):
            for j, target in enumerate(value.targets):
                if outside(target.year):
                    yield finding("period.target-outside", "warning", f"{pointer}/targets/{j}/year",
                                  N_("indicator '{indicator}' has a target for {year}, outside {first}-{last}"),
                                  indicator=value.code, year=target.year, first=first, last=last)
            if value.baseline and value.baseline.year > first:
                yield finding("indicator.baseline-after-start", "warning", f"{pointer}/baseline/year",
                              N_("indicator '{indicator}' has a baseline year after the program starts"),
                              indicator=value.code, year=value.baseline.year)


def money(program: Program, ctx: ValidationContext) -> Iterator[Finding]:
    """Costs are in the program's currency; financing adds up; no source is committed beyond its amount."""
    currency = program.financing.currency
    by_year: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    in_all: dict[str, float] = defaultdict(float)
    for i, act in enumerate(program.activities):
        if act.cost.currency != currency:
            yield finding("money.currency-mismatch", "error", f"/activities/{i}/cost/currency",
                          N_("activity '{activity}' costs {currency}, but the program's currency is {expected}"),
                          activity=act.id, currency=act.cost.currency, expected=currency)
        if act.financing:
            total = sum(p.amount for p in act.financing)
            if total > act.cost.amount + 0.005:
                yield finding("money.overfinanced", "error", f"/activities/{i}/financing",
                              N_("activity '{activity}' is financed {financed:,.2f}, more than its cost {cost:,.2f}"),
                              activity=act.id, financed=total, cost=act.cost.amount)
            elif total < act.cost.amount - 0.005:
                yield finding("money.underfinanced", "warning", f"/activities/{i}/financing",
                              N_("activity '{activity}' is financed {financed:,.2f} of its cost {cost:,.2f}"),
                              activity=act.id, financed=total, cost=act.cost.amount)
        for part in act.financing:
            in_all[part.source] += part.amount
            if part.year is not None:
                by_year[part.source][part.year] += part.amount
    for i, source in enumerate(program.financing.sources):
        planned = {a.year: a.amount for a in source.amounts}
        if not planned:
            continue
        for year, used in sorted(by_year[source.id].items()):
            if used > planned.get(year, 0) + 0.005:
                yield finding("money.source-overcommitted", "error", f"/financing/sources/{i}/amounts",
                              N_("source '{source}' gives {planned:,.2f} in {year}, but activities use {used:,.2f}"),
                              source=source.id, year=year, planned=planned.get(year, 0), used=used)
        if in_all[source.id] > sum(planned.values()) + 0.005:
            yield finding("money.source-overcommitted", "error", f"/financing/sources/{i}/amounts",
                          N_("source '{source}' gives {planned:,.2f} in all, but activities use {used:,.2f}"),
                          source=source.id, year="all", planned=sum(planned.values()), used=in_all[source.id])


def alignment(program: Program, ctx: ValidationContext) -> Iterator[Finding]:
    """Alignment links name a catalog the methodology uses and a code that exists in it."""
    for pointer, value in ctx.nodes(program):
        if not isinstance(value, AlignmentLink):
            continue
        catalog = ctx.catalogs.get(value.catalog)
        if catalog is None or value.catalog not in ctx.methodology.catalogs:
            known = ", ".join(ctx.methodology.catalogs)
            yield finding("alignment.unknown-catalog", "error", f"{pointer}/catalog",
                          N_("unknown catalog '{catalog}' (this methodology uses: {known})"), catalog=value.catalog,
                          known=known or Term(N_("none")))
        elif catalog.get(value.code) is None:
            yield finding("alignment.unknown-code", "error", f"{pointer}/code",
                          N_("'{code}' is not a code of catalog '{catalog}'"),
                          catalog=value.catalog, code=value.code)


def codelists(program: Program, ctx: ValidationContext) -> Iterator[Finding]:
    """Fields bound to a codelist hold one of its codes."""
    for use in (*CORE_CODELIST_USES, *ctx.methodology.codelist_uses):
        codes = ctx.codelists.get(use.codelist)
        if codes is None:
            continue
        for pointer, value in select(program, use.pointer):
            if isinstance(value, str) and value not in codes.codes:
                yield finding("codelist.unknown-code", "error", pointer,
                              N_("'{code}' is not a code of the list '{codelist}' (allowed: {allowed})"),
                              codelist=use.codelist, code=value, allowed=", ".join(codes.codes))


def translations(program: Program, ctx: ValidationContext) -> Iterator[Finding]:
    """In a program with several languages, texts given per language should have every language."""
    if len(program.languages) < 2:
        return
    for pointer, value in ctx.nodes(program):
        if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
            missing = [lang for lang in program.languages if not value.get(lang)]
            if missing:
                yield finding("text.missing-translation", "warning", pointer,
                              N_("no text in {languages}; the document will show another language"),
                              languages=", ".join(missing))


def approval(program: Program, ctx: ValidationContext) -> Iterator[Finding]:
    """An approved program records its approval decision."""
    if program.status == "approved" and (program.approval is None or not program.approval.decision_number):
        yield finding("status.approved-without-decision", "error", "/status",
                      N_("the program is marked approved but the approval decision (number) is missing"))
    languages = [lang for lang in program.languages if lang not in ctx.methodology.languages]
    for lang in languages:
        yield finding("language.unsupported", "error", "/languages",
                      N_("the methodology has no documents in '{language}' (it has: {languages})"),
                      language=lang, languages=", ".join(ctx.methodology.languages))


CORE_CODELIST_USES = (
    CodelistUse("/financing/sources/*/kind", "funding_source_kind"),
    CodelistUse("/goals/*/indicators/*/frequency", "frequency"),
    CodelistUse("/goals/*/objectives/*/indicators/*/frequency", "frequency"),
    CodelistUse("/goals/*/objectives/*/tasks/*/indicators/*/frequency", "frequency"),
)
_ID_KINDS = (Priority, Goal, Objective, Task, Activity, FundingSource)
_KIND_WORDS = {"Priority": N_("priority"), "Goal": N_("goal"), "Objective": N_("objective"), "Task": N_("task"),
               "Activity": N_("activity"), "FundingSource": N_("funding source"), "indicator": N_("indicator")}


@functools.cache
def _id_kind(cls: type) -> str | None:
    """Which kind of identified item a model class is (a plugin's subclass counts as its core kind)."""
    return next((k.__name__ for k in _ID_KINDS if issubclass(cls, k)), None)


CORE_RULES = (unique_ids, references, years_in_period, money, alignment, codelists, translations, approval, pictures)
"""Registered as `core.<name>` by the core's plugin `validation/rules_plugin.py`."""
