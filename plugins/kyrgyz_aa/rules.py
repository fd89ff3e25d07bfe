"""Rules of the Kyrgyz ayil aimak methodology that a schema cannot express.

Each rule yields findings with a stable code `aa.*`; Kyrgyz and Russian messages come from the version's
messages.yaml, formatted with the finding's params. Rules report and never change the program.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sedp_core import Finding, ValidationContext
from sedp_core.findings import Severity
from sedp_core.models import pick_text
from sedp_core.registry.collect import get_registry
from sedp_core.validation.walk import alignment_links
from sedp_kyrgyz_aa.catalogs import catalog_extras
from sedp_kyrgyz_aa.context.alignment import claimed_catalogs
from sedp_kyrgyz_aa.datafiles import load_version
from sedp_kyrgyz_aa.inclusion import inclusion_of
from sedp_kyrgyz_aa.models import AaProgram
from sedp_kyrgyz_aa.monitoring import goal_indicators, iter_indicators

__all__ = ["RULES"]


def _finding(code: str, severity: Severity, path: str, message: str, **params: Any) -> Finding:
    return Finding(code=code, severity=severity, path=path, messages={"en": message}, params=params)


def _name(text: Any, program: AaProgram) -> str:
    return pick_text(text, program.main_language, program.languages)


def horizon(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """The program covers between min_years and max_years (data: methodology.yaml `horizon`, to confirm)."""
    data = load_version(ctx.methodology.version)
    years = len(program.period.years)
    if not data.min_years <= years <= data.max_years:
        yield _finding("aa.horizon", "error", "/period",
                       f"the program covers {years} years; the methodology expects {data.min_years} to "
                       f"{data.max_years}", years=years, min=data.min_years, max=data.max_years)


def currency(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Amounts are in the methodology's currency (som): the documents print them as thousand som."""
    expected = load_version(ctx.methodology.version).currency
    if program.financing.currency != expected:
        yield _finding("aa.currency", "error", "/financing/currency",
                       f"the program's currency is {program.financing.currency}; this methodology budgets in "
                       f"{expected}", currency=program.financing.currency, expected=expected)


def title_period(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Titles name the period ("… 2025-2027-жылдарга …" [SRC 10, SRC 11]); a title without both years is stale."""
    years = (str(program.period.start_year), str(program.period.end_year))
    one_text = isinstance(program.title, str)
    for lang in [program.main_language] if one_text else program.languages:
        text = program.title if one_text else program.title.get(lang)
        if text and not all(y in text for y in years):
            yield _finding("aa.title-period", "warning", "/title" if one_text else f"/title/{lang}",
                           f"the title does not name the period {years[0]}-{years[1]}",
                           start=years[0], end=years[1])


def villages(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Exactly one centre village; village populations add up to the municipality's, when both are given."""
    vs = program.municipality.villages
    if not vs:
        return
    centres = sum(1 for v in vs if v.is_centre)
    if centres != 1:
        yield _finding("aa.centre-count", "warning", "/municipality/villages",
                       f"{centres} villages are marked as the centre; one is expected", count=centres)
    total = program.municipality.population
    summed = sum(v.population for v in vs)
    if total is not None and summed != total:
        yield _finding("aa.village-population", "warning", "/municipality/population",
                       f"the villages' populations add up to {summed}, not to the municipality's {total}",
                       villages=summed, total=total)


def needs(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Sessions and problems name existing villages; the ranking follows the votes (more votes, better rank)."""
    known = {v.id for v in program.municipality.villages}
    na = program.needs_assessment
    for i, s in enumerate(na.sessions):
        if s.village not in known:
            yield _finding("aa.session-unknown-village", "error", f"/needs_assessment/sessions/{i}/village",
                           f"session {s.id!r} names village {s.village!r}, which is not in municipality.villages",
                           village=s.village, session=s.id)
        if not s.participants and not s.attendees:
            yield _finding("aa.session-no-participants", "warning", f"/needs_assessment/sessions/{i}/participants",
                           f"session {s.id!r} gives no participants", session=s.id)
    for i, p in enumerate(na.problems):
        for j, v in enumerate(p.villages):
            if v not in known:
                yield _finding("aa.problem-unknown-village", "error", f"/needs_assessment/problems/{i}/villages/{j}",
                               f"problem {p.id!r} names village {v!r}, which does not exist", village=v)
    yield from _ranking(program)


def _ranking(program: AaProgram) -> Iterator[Finding]:
    # A problem ranked better (smaller number) than another must have at least as many votes; equal ranks
    # (ties) must have equal votes. One finding per problem, against the first problem it contradicts.
    problems = program.needs_assessment.problems
    for i, p in enumerate(problems):
        for q in problems:
            if q is p:
                continue
            wrong = (q.rank < p.rank and q.votes < p.votes) or (q.rank == p.rank and q.votes != p.votes)
            if wrong:
                yield _finding("aa.needs-ranking", "error", f"/needs_assessment/problems/{i}/rank",
                               f"problem {p.id!r} has rank {p.rank} with {p.votes} votes, but {q.id!r} has rank "
                               f"{q.rank} with {q.votes} votes", problem=_name(p.title, program), rank=p.rank,
                               votes=p.votes, other=_name(q.title, program), other_rank=q.rank, other_votes=q.votes)
                break


def activities(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Each action-plan line has a responsible, a deadline or schedule, financing, and valid links."""
    problems = {p.id for p in program.needs_assessment.problems}
    indicators = {t.id: {ind.code for ind in t.indicators} for g in program.goals for o in g.objectives
                  for t in o.tasks}
    for i, a in enumerate(program.activities):
        base = f"/activities/{i}"
        if not _name(a.responsible, program).strip():
            yield _finding("aa.activity-no-responsible", "error", f"{base}/responsible",
                           f"activity {a.id!r} has no responsible", activity=a.id)
        if not a.schedule and not _name(a.deadline, program).strip():
            yield _finding("aa.activity-no-deadline", "error", f"{base}/deadline",
                           f"activity {a.id!r} has neither a deadline nor a schedule", activity=a.id)
        if not a.financing:
            yield _finding("aa.activity-no-financing", "warning", f"{base}/financing",
                           f"activity {a.id!r} names no source of financing", activity=a.id)
        for j, pid in enumerate(a.problems):
            if pid not in problems:
                yield _finding("aa.activity-unknown-problem", "error", f"{base}/problems/{j}",
                               f"activity {a.id!r} names problem {pid!r}, which does not exist",
                               activity=a.id, problem=pid)
        if a.indicator and a.indicator not in indicators.get(a.task or "", set()):
            yield _finding("aa.activity-unknown-indicator", "error", f"{base}/indicator",
                           f"activity {a.id!r} names indicator {a.indicator!r}, which its task does not have",
                           activity=a.id, indicator=a.indicator)


def approval(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """An approved program records the kenesh resolution (number and date) and hearings held before it."""
    ap = program.approval
    if program.status == "approved":
        missing = [name for name, value in (("number", ap and ap.decision_number), ("date", ap and ap.date))
                   if not value]
        if missing:
            yield _finding("aa.approval-incomplete", "error", "/approval",
                           f"the program is approved but the kenesh resolution has no {' and '.join(missing)}",
                           missing=", ".join(missing))
        if not program.hearings:
            yield _finding("aa.hearings-missing", "warning", "/hearings",
                           "the program is approved but no public hearing is recorded")
    if ap and ap.date:
        for i, h in enumerate(program.hearings):
            if h.date > ap.date:
                yield _finding("aa.hearing-after-approval", "error", f"/hearings/{i}/date",
                               f"the hearing of {h.date} comes after the approval of {ap.date}",
                               date=h.date.isoformat(), approved=ap.date.isoformat())


def top_needs(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Each of the best-ranked problems (rank <= top_n, data) is answered by an activity or says why it is not."""
    top_n = load_version(ctx.methodology.version).top_needs
    answered = {pid for a in program.activities for pid in a.problems}
    for i, p in enumerate(program.needs_assessment.problems):
        if p.rank <= top_n and p.id not in answered and not _name(p.not_addressed_reason, program).strip():
            yield _finding("aa.top-need-unanswered", "error", f"/needs_assessment/problems/{i}",
                           f"problem {p.id!r} is ranked {p.rank} (top {top_n}), but no activity answers it and no "
                           f"not_addressed_reason says why", problem=_name(p.title, program), rank=p.rank, top=top_n)


def strategy_chain(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Every priority has a goal; every goal an indicator; every indicator a baseline and a target."""
    served = {g.priority for g in program.goals}
    for i, p in enumerate(program.priorities):
        if p.id not in served:
            yield _finding("aa.priority-no-goal", "error", f"/priorities/{i}",
                           f"priority {p.id!r} has no goal", priority=_name(p.title, program))
    for i, g in enumerate(program.goals):
        if not goal_indicators(g):
            yield _finding("aa.goal-no-indicator", "error", f"/goals/{i}",
                           f"goal {g.id!r} has no indicator (of its own, its objectives' or its tasks')", goal=g.id)
    for pointer, ind in _indicator_pointers(program):
        if ind.baseline is None:
            yield _finding("aa.indicator-no-baseline", "error", f"{pointer}/baseline",
                           f"indicator {ind.code!r} has no baseline", indicator=ind.code)
        if not ind.targets:
            yield _finding("aa.indicator-no-target", "error", f"{pointer}/targets",
                           f"indicator {ind.code!r} has no target", indicator=ind.code)


def _indicator_pointers(program: AaProgram) -> Iterator[tuple[str, Any]]:
    for gi, g in enumerate(program.goals):
        yield from ((f"/goals/{gi}/indicators/{k}", ind) for k, ind in enumerate(g.indicators))
        for oi, o in enumerate(g.objectives):
            base = f"/goals/{gi}/objectives/{oi}"
            yield from ((f"{base}/indicators/{k}", ind) for k, ind in enumerate(o.indicators))
            for ti, t in enumerate(o.tasks):
                yield from ((f"{base}/tasks/{ti}/indicators/{k}", ind) for k, ind in enumerate(t.indicators))


def financing_by_year(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Financing by source and year adds up: each source's amount of a year is what the activities take from it.

    The core already reports a source giving less than the activities take (money.source-overcommitted) and an
    activity financed above or below its cost; this is the other direction, money planned but given to no
    activity, which would make the by-year table disagree with the action plan. It needs every financing part
    to name its year.
    """
    used: dict[tuple[str, int], float] = {}
    for i, a in enumerate(program.activities):
        for j, part in enumerate(a.financing):
            if part.year is None:
                yield _finding("aa.financing-no-year", "warning", f"/activities/{i}/financing/{j}/year",
                               f"activity {a.id!r} takes money from {part.source!r} without saying in which year",
                               activity=a.id, source=part.source)
            else:
                used[(part.source, part.year)] = used.get((part.source, part.year), 0.0) + part.amount
    for i, s in enumerate(program.financing.sources):
        for j, amount in enumerate(s.amounts):
            taken = used.get((s.id, amount.year), 0.0)
            if amount.amount > taken + 0.005:
                yield _finding("aa.source-unallocated", "warning", f"/financing/sources/{i}/amounts/{j}/amount",
                               f"source {s.id!r} gives {amount.amount:,.0f} in {amount.year}, but the activities "
                               f"take {taken:,.0f}", source=_name(s.name, program), year=amount.year,
                               planned=amount.amount, used=taken)


def gathering(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """The gathering that ranked the needs names one of the sessions, held as a gathering."""
    g = program.needs_assessment.gathering
    if g is None:
        return
    session = next((s for s in program.needs_assessment.sessions if s.id == g.session), None)
    if session is None:
        yield _finding("aa.gathering-unknown-session", "error", "/needs_assessment/gathering/session",
                       f"the gathering names session {g.session!r}, which does not exist", session=g.session)
    elif session.method != "gathering":
        yield _finding("aa.gathering-method", "warning", "/needs_assessment/gathering/session",
                       f"the gathering names session {g.session!r}, whose method is {session.method!r}",
                       session=g.session)


def monitoring_results(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Monitoring results name an existing indicator, a year of the period, and come once per indicator and year;
    activity progress names an activity of the action plan."""
    codes = {ind.code for ind in iter_indicators(program)}
    seen: set[tuple[str, int]] = set()
    years = program.period.years
    for i, r in enumerate(program.monitoring.results):
        base = f"/monitoring/results/{i}"
        if r.indicator not in codes:
            yield _finding("aa.result-unknown-indicator", "error", f"{base}/indicator",
                           f"the result names indicator {r.indicator!r}, which does not exist", indicator=r.indicator)
        if r.year not in years:
            yield _finding("aa.result-year-outside", "error", f"{base}/year",
                           f"the result of {r.year} is outside the period {years[0]}-{years[-1]}", year=r.year)
        if (r.indicator, r.year) in seen:
            yield _finding("aa.result-duplicate", "error", base,
                           f"indicator {r.indicator!r} has two results for {r.year}", indicator=r.indicator,
                           year=r.year)
        seen.add((r.indicator, r.year))
    # An entry for an activity the plan does not have would be left out of the report without a word.
    activity_ids = {a.id for a in program.activities}
    for i, p in enumerate(program.monitoring.activity_progress):
        if p.activity not in activity_ids:
            yield _finding("aa.progress-unknown-activity", "error", f"/monitoring/activity_progress/{i}/activity",
                           f"the activity progress names activity {p.activity!r}, which is not in the action plan",
                           activity=p.activity)
    ry = program.monitoring.report_year
    if ry is not None and ry not in years:
        yield _finding("aa.result-year-outside", "error", "/monitoring/report_year",
                       f"the report year {ry} is outside the period {years[0]}-{years[-1]}", year=ry)


def letters(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Look-alike letters replaced in Kyrgyz texts on load (letters.py): one warning per field changed."""
    for change in program.letter_changes:
        yield _finding("aa.kyrgyz-letters", "warning", change.path,
                       f"look-alike letters replaced in a Kyrgyz text: {change.summary()} (set letter_repair: "
                       "false in the program to keep texts exactly as typed)",
                       replaced=change.summary())


def votes(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """The problems' votes add up to at most the gathering's participants × votes per participant; the
    attendance register and the sessions agree."""
    na = program.needs_assessment
    g = na.gathering
    session = next((s for s in na.sessions if g is not None and s.id == g.session), None)
    if g is not None and session is not None:
        present = inclusion_of([session], na.people).total
        cast = sum(p.votes for p in na.problems)
        if present and cast > present * g.votes_per_participant:
            yield _finding("aa.votes-exceed-participants", "error", "/needs_assessment/problems",
                           f"the problems got {cast} votes, but the gathering had {present} participants with "
                           f"{g.votes_per_participant} vote(s) each (at most {present * g.votes_per_participant})",
                           votes=cast, participants=present, per=g.votes_per_participant,
                           most=present * g.votes_per_participant)
    register = {p.id for p in na.people}
    for i, s in enumerate(na.sessions):
        for j, a in enumerate(s.attendees):
            if a not in register:
                yield _finding("aa.attendee-unknown", "error", f"/needs_assessment/sessions/{i}/attendees/{j}",
                               f"session {s.id!r} names attendee {a!r}, who is not in needs_assessment.people",
                               session=s.id, person=a)
        if s.attendees and s.participants:
            yield _finding("aa.attendees-and-counts", "error", f"/needs_assessment/sessions/{i}/participants",
                           f"session {s.id!r} gives both attendees and participant counts; the counts come from the "
                           f"register, leave participants empty", session=s.id)


def alignment_claims(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """A national document in force before the period only (aa.alignment-expired), and what a claimed document
    has that the program does not cover (aa.alignment-uncovered: the list chapter 8 no longer prints)."""
    registry = get_registry()
    links = alignment_links(program)
    linked = dict.fromkeys(catalog for catalog, _ in links)
    claimed = set(claimed_catalogs(program, ctx.methodology))
    for cid in linked:
        extras = catalog_extras(cid)
        catalog = registry.catalogs.get(cid)
        if catalog is None:
            continue
        title = _name(dict(catalog.title), program)
        if cid not in claimed and extras.valid_to < program.period.start_year:
            yield _finding("aa.alignment-expired", "warning", "/goals",
                           f"the program links to {title}, in force until {extras.valid_to}, before its period "
                           f"starts ({program.period.start_year}); chapter 8 does not show it",
                           catalog=title, until=extras.valid_to, start=program.period.start_year)
            continue
        uncovered = [_name(dict(e.title), program) for e in catalog.entries if (cid, e.code) not in links]
        if uncovered:
            yield _finding("aa.alignment-uncovered", "warning", "/goals",
                           f"{title}: the program covers none of: {'; '.join(uncovered)}",
                           catalog=title, count=len(uncovered), entries="; ".join(uncovered))


def official_forms(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """An approved program gives the forms its resolution and annex headings need: the municipality's name in
    the genitive (else they quote the title)."""
    if program.status != "approved":
        return
    missing = [lang for lang in program.languages if not _text_in(program.municipality.name_genitive, lang)]
    if missing:
        yield _finding("aa.name-genitive-missing", "warning", "/municipality/name_genitive",
                       f"the resolution's subject and the annex headings need the municipality's name in the genitive "
                       f"({', '.join(missing)}); they quote the program's title instead", languages=", ".join(missing))


def passport(program: AaProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """An approved program gives every line of the standard passport (data/<version>/passport.yaml, by `code`)."""
    if program.status != "approved":
        return
    given = {p.code for p in program.situation.passport if p.code and p.value is not None}
    missing = [line["code"] for line in load_version(ctx.methodology.version).passport if line["code"] not in given]
    if missing:
        yield _finding("aa.passport-incomplete", "warning", "/situation/passport",
                       f"the standard passport lines {', '.join(missing)} have no value; the approved program "
                       f"leaves them out", missing=", ".join(missing))


def _text_in(text: Any, language: str) -> bool:
    if text is None:
        return False
    return bool(text.strip()) if isinstance(text, str) else bool(text.get(language, "").strip())


RULES: dict[str, Callable[[AaProgram, ValidationContext], Iterator[Finding]]] = {
    "kg.aa.horizon": horizon,
    "kg.aa.currency": currency,
    "kg.aa.title_period": title_period,
    "kg.aa.villages": villages,
    "kg.aa.needs": needs,
    "kg.aa.activities": activities,
    "kg.aa.approval": approval,
    "kg.aa.top_needs": top_needs,
    "kg.aa.strategy_chain": strategy_chain,
    "kg.aa.financing_by_year": financing_by_year,
    "kg.aa.gathering": gathering,
    "kg.aa.monitoring_results": monitoring_results,
    "kg.aa.letters": letters,
    "kg.aa.votes": votes,
    "kg.aa.alignment_claims": alignment_claims,
    "kg.aa.official_forms": official_forms,
    "kg.aa.passport": passport,
}
