"""Rules of the LDF procedure that a schema cannot express. Each finding has a stable code `onhs.*`; its Mongolian
message is in data/messages.yaml, formatted with the finding's params.

Rules that rest on unconfirmed facts (quorum, negative list, ranking scale) read them from the plugin's data, so
an expert corrects the data, not the code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from sedp_core import Finding, ValidationContext
from sedp_core.findings import Severity
from sedp_mongolia_onhs import data
from sedp_mongolia_onhs.ldf.allocation import soum_allocation
from sedp_mongolia_onhs.ldf.models import OnhsProgram
from sedp_mongolia_onhs.ldf.ranking import in_competition, negative_list_matches

__all__ = ["RULES"]


def finding(code: str, severity: Severity, path: str, message: str, /, **params: Any) -> Finding:
    return Finding(code=code, severity=severity, path=path, messages={"en": message}, params=params)


def unique_ids(program: OnhsProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Bag, proposal and meeting ids are unique (the core checks only its own kinds)."""
    for kind, items in (("bag", program.bags), ("proposal", program.proposals), ("meeting", program.meetings),
                        ("assessment", program.assessments)):
        counts = Counter(item.id for item in items)
        for i, item in enumerate(items):
            if counts[item.id] > 1:
                yield finding("onhs.duplicate-id", "error", f"/{kind}s/{i}/id",
                              f"the {kind} id {item.id!r} is used more than once", kind=kind, id=item.id)


def references(program: OnhsProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Proposals and meetings name bags, tasks and proposals that exist; a bag votes only on its own proposals."""
    bags = {b.id for b in program.bags}
    tasks = {t.id for g in program.goals for o in g.objectives for t in o.tasks}
    bag_of = {p.id: p.bag for p in program.proposals}
    for i, p in enumerate(program.proposals):
        if p.bag not in bags:
            yield finding("onhs.unknown-bag", "error", f"/proposals/{i}/bag",
                          f"proposal {p.id!r} names bag {p.bag!r}, which is not a bag of the soum", id=p.bag)
        if p.task and p.task not in tasks:
            yield finding("onhs.unknown-task", "error", f"/proposals/{i}/task",
                          f"proposal {p.id!r} names task {p.task!r}, which is not in the soum's goal tree",
                          id=p.task, proposal=p.id)
    for i, m in enumerate(program.meetings):
        if m.bag not in bags:
            yield finding("onhs.unknown-bag", "error", f"/meetings/{i}/bag",
                          f"meeting {m.id!r} names bag {m.bag!r}, which is not a bag of the soum", id=m.bag)
        named = [(f"/meetings/{i}/votes/{j}/proposal", v.proposal) for j, v in enumerate(m.votes)]
        named += [(f"/meetings/{i}/discussed/{j}", pid) for j, pid in enumerate(m.discussed)]
        for path, pid in named:
            owner = bag_of.get(pid)
            if owner is None:
                yield finding("onhs.unknown-proposal", "error", path,
                              f"meeting {m.id!r} names proposal {pid!r}, which does not exist", id=pid)
            elif owner != m.bag:
                yield finding("onhs.vote-other-bag", "error", path,
                              f"the ИНХ of bag {m.bag!r} names proposal {pid!r} of bag {owner!r}",
                              proposal=pid, bag=owner, meeting_bag=m.bag)


def meetings(program: OnhsProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Attendance reaches the quorum (plugin data, to confirm); counts and ranks are consistent."""
    rule = data.quorum()
    bags = {b.id: b for b in program.bags}
    for i, m in enumerate(program.meetings):
        share = m.attendance / m.registered
        if m.attendance > m.registered:
            yield finding("onhs.attendance-over-registered", "error", f"/meetings/{i}/attendance",
                          f"meeting {m.id!r}: {m.attendance} attended but only {m.registered} are registered",
                          meeting=m.id, attendance=m.attendance, registered=m.registered)
        elif share < rule.min_share:
            yield finding("onhs.quorum", rule.severity, f"/meetings/{i}/attendance",
                          f"meeting {m.id!r}: {m.attendance} of {m.registered} registered attended ({share:.0%}), "
                          f"below the quorum of {rule.min_share:.0%} ({rule.status})",
                          meeting=m.id, attendance=m.attendance, registered=m.registered,
                          share=share, min_share=rule.min_share)
        if m.attendance <= m.registered and share < rule.min_share:
            words = [w.lower() for ws in rule.approving_words.values() for w in ws]
            for j, decision in enumerate(m.decisions):
                texts = [t for t in (decision.values() if isinstance(decision, dict) else [decision]) if t]
                if any(w in t.lower() for t in texts for w in words):
                    yield finding("onhs.below-quorum-decision", "warning", f"/meetings/{i}/decisions/{j}",
                                  f"meeting {m.id!r} was below the quorum, yet this decision reads as adopting or "
                                  "forwarding the ranking; an inquorate meeting adopts nothing", meeting=m.id)
        bag = bags.get(m.bag)
        if bag is not None and bag.population is not None and m.registered > bag.population:
            yield finding("onhs.registered-over-population", "warning", f"/meetings/{i}/registered",
                          f"meeting {m.id!r}: {m.registered} registered, more than the bag's population "
                          f"{bag.population}", meeting=m.id, registered=m.registered, population=bag.population)
        for j, vote in enumerate(m.votes):
            if vote.votes > m.attendance:
                yield finding("onhs.votes-over-attendance", "error", f"/meetings/{i}/votes/{j}/votes",
                              f"meeting {m.id!r}: proposal {vote.proposal!r} has {vote.votes} votes, more than "
                              f"the {m.attendance} who attended", meeting=m.id, proposal=vote.proposal,
                              votes=vote.votes, attendance=m.attendance)
        opens, closes = data.calendar().window(program.fund.year).dates(program.fund.year)
        if not opens <= m.date <= closes:
            yield finding("onhs.meeting-outside-round", "warning", f"/meetings/{i}/date",
                          f"meeting {m.id!r} on {m.date} is outside the {program.fund.year} round "
                          f"({opens} to {closes}, {data.calendar().status})", meeting=m.id, date=str(m.date),
                          opens=str(opens), closes=str(closes))
        ranks = Counter(v.rank for v in m.votes)
        for j, vote in enumerate(m.votes):
            if ranks[vote.rank] > 1:
                yield finding("onhs.duplicate-rank", "warning", f"/meetings/{i}/votes/{j}/rank",
                              f"meeting {m.id!r} gives rank {vote.rank} to more than one proposal",
                              meeting=m.id, rank=vote.rank)


def eligibility(program: OnhsProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """A proposal caught by the legal negative list cannot stay in the competition."""
    items = {item.id: item for item in data.eligibility().items}
    for i, p in enumerate(program.proposals):
        for j, use in enumerate(p.restricted_uses):
            if use not in items:
                yield finding("onhs.unknown-restriction", "error", f"/proposals/{i}/restricted_uses/{j}",
                              f"{use!r} is not an item of the negative list (known: {', '.join(items)})", id=use)
        known = [items[u] for u in p.restricted_uses if u in items]
        if known and p.status not in ("rejected", "withdrawn"):
            articles = ", ".join(item.article for item in known)
            yield finding("onhs.ineligible", "error", f"/proposals/{i}/restricted_uses",
                          f"proposal {p.id!r} falls under the LDF negative list (Budget Law art. {articles}) "
                          "and must be rejected", proposal=p.id, articles=articles)


def negative_list_words(program: OnhsProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """A proposal that reads like a kind the negative list catches needs the working group's eligibility decision."""
    for i, p in enumerate(program.proposals):
        if p.eligibility is not None and p.eligibility.eligible and p.restricted_uses:
            yield finding("onhs.eligibility-contradiction", "error", f"/proposals/{i}/eligibility/eligible",
                          f"proposal {p.id!r} is declared eligible but names items of the negative list",
                          proposal=p.id)
        if p.eligibility is not None or p.restricted_uses:
            continue  # decided: eligible, or caught by named items
        for item, kind in negative_list_matches(p):
            yield finding("onhs.negative-list-match", "warning", f"/proposals/{i}/title",
                          f"proposal {p.id!r} reads like {kind.en} (Budget Law art. {item.article}); record the "
                          "working group's eligibility decision, or name the item in restricted_uses",
                          proposal=p.id, kind=kind.mn, article=item.article)


def scores(program: OnhsProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Working-group points name known criteria, stay on the scale, and cover every criterion."""
    rules = data.ranking()
    criteria = {c.id for c in rules.criteria}
    low, high = rules.scale["min"], rules.scale["max"]
    ranked_by_bag = {v.proposal for m in program.meetings for v in m.votes}
    for i, p in enumerate(program.proposals):
        for name, points in p.scores.items():
            if name not in criteria:
                yield finding("onhs.unknown-criterion", "error", f"/proposals/{i}/scores/{name}",
                              f"{name!r} is not a ranking criterion (known: {', '.join(criteria)})", id=name)
            elif not low <= points <= high:
                yield finding("onhs.score-out-of-scale", "error", f"/proposals/{i}/scores/{name}",
                              f"proposal {p.id!r}: {points:g} points for {name!r}, outside the scale {low:g}-{high:g}",
                              proposal=p.id, criterion=name, points=points, min=low, max=high)
        if not in_competition(p):
            continue
        for name in sorted(criteria - set(p.scores)):
            yield finding("onhs.score-missing", "warning", f"/proposals/{i}/scores",
                          f"proposal {p.id!r} has no points for {name!r}; it counts 0", proposal=p.id, criterion=name)
        if p.id not in ranked_by_bag:
            yield finding("onhs.not-ranked-by-bag", "warning", f"/proposals/{i}",
                          f"proposal {p.id!r} was not ranked at any bag ИНХ meeting", proposal=p.id)


def envelope(program: OnhsProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """The envelope belongs to the plan's year and matches the financing; approved proposals fit inside it."""
    fund, currency = program.fund, program.financing.currency
    if not program.period.start_year <= fund.year <= program.period.end_year:
        yield finding("onhs.fund-year", "error", "/fund/year",
                      f"the envelope is for {fund.year}, outside the plan period "
                      f"{program.period.start_year}-{program.period.end_year}", year=fund.year)
    if fund.financing_source:
        source = next((s for s in program.financing.sources if s.id == fund.financing_source), None)
        if source is None:
            yield finding("onhs.unknown-source", "error", "/fund/financing_source",
                          f"{fund.financing_source!r} is not a financing source of the program",
                          id=fund.financing_source)
        else:
            planned = sum(a.amount for a in source.amounts if a.year == fund.year)
            if abs(planned - fund.total) > 0.005:
                yield finding("onhs.envelope-mismatch", "warning", "/fund/lines",
                              f"the envelope totals {fund.total:,.0f} but financing source {source.id!r} gives "
                              f"{planned:,.0f} for {fund.year}", total=fund.total, planned=planned, year=fund.year)
    for i, p in enumerate(program.proposals):
        if p.cost.amount > fund.total + 0.005 and in_competition(p):
            yield finding("onhs.proposal-over-envelope", "warning", f"/proposals/{i}/cost/amount",
                          f"proposal {p.id!r} costs {p.cost.amount:,.0f}, more than the whole envelope "
                          f"{fund.total:,.0f}: it can never be funded", proposal=p.id, cost=p.cost.amount,
                          envelope=fund.total)
        if p.cost.currency != currency:
            yield finding("onhs.proposal-currency", "error", f"/proposals/{i}/cost/currency",
                          f"proposal {p.id!r} costs {p.cost.currency}, but the program's currency is {currency}",
                          proposal=p.id, currency=p.cost.currency, expected=currency)
    approved = [p for p in program.proposals if p.status == "approved"]
    approved_total = sum(p.cost.amount for p in approved)
    if approved_total > fund.total + 0.005:
        yield finding("onhs.over-envelope", "error", "/proposals",
                      f"approved proposals cost {approved_total:,.0f}, more than the envelope {fund.total:,.0f}",
                      approved=approved_total, envelope=fund.total)
    if approved:
        funded = {a.item.proposal.id for a in soum_allocation(program) if a.funded}
        for i, p in enumerate(program.proposals):
            if (p.status == "approved") != (p.id in funded):
                code = "onhs.approved-not-funded" if p.status == "approved" else "onhs.funded-not-approved"
                state = "approved but not funded" if p.status == "approved" else "funded but not approved"
                yield finding(code, "warning", f"/proposals/{i}/status",
                              f"proposal {p.id!r} is {state} by the ranked allocation", proposal=p.id)


def assessments(program: OnhsProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Self-assessment points name known indicators once each, stay within their maximum, and cover them all."""
    indicators = {i.id: i for i in data.apa().indicators}
    for a, assessment in enumerate(program.assessments):
        seen = Counter(r.indicator for r in assessment.results)
        for r, result in enumerate(assessment.results):
            path = f"/assessments/{a}/results/{r}"
            indicator = indicators.get(result.indicator)
            if indicator is None:
                yield finding("onhs.apa-unknown-indicator", "error", f"{path}/indicator",
                              f"{result.indicator!r} is not an indicator of the assessment "
                              f"(known: {', '.join(indicators)})", id=result.indicator)
            elif result.points > indicator.max_points:
                yield finding("onhs.apa-points-out-of-range", "error", f"{path}/points",
                              f"{result.points:g} points for {result.indicator!r}, above its maximum "
                              f"{indicator.max_points:g}", indicator=result.indicator, points=result.points,
                              max=indicator.max_points)
            if seen[result.indicator] > 1:
                yield finding("onhs.apa-duplicate", "error", f"{path}/indicator",
                              f"indicator {result.indicator!r} is scored more than once", indicator=result.indicator)
        for missing in [i for i in indicators if i not in seen]:
            yield finding("onhs.apa-missing", "warning", f"/assessments/{a}/results",
                          f"indicator {missing!r} is not scored; it counts 0", indicator=missing)
        yield from _incentive_agrees(program, a, assessment)


def _incentive_agrees(program: OnhsProgram, a: int, assessment: Any) -> Iterator[Finding]:
    """The incentive the self-assessment earns goes to a named budget year; for the plan's year, it is the
    envelope's incentive line."""
    from sedp_mongolia_onhs.ldf.apa_context import apa_total, incentive_estimate

    if data.apa().incentive is None:
        return
    if assessment.incentive_year is None:
        yield finding("onhs.apa-no-budget-year", "warning", f"/assessments/{a}/incentive_year",
                      f"self-assessment {assessment.id!r} names no budget year for its incentive",
                      assessment=assessment.id)
        return
    if assessment.incentive_year != program.fund.year:
        return
    points, maximum = apa_total(assessment)
    estimate = incentive_estimate(program, points / maximum if maximum else 0.0)
    line = sum(x.amount for x in program.fund.lines if x.source == "apa_incentive")
    if estimate is not None and abs(estimate["amount"] - line) > 0.5:
        yield finding("onhs.apa-incentive-mismatch", "warning", "/fund/lines",
                      f"self-assessment {assessment.id!r} estimates an incentive of {estimate['amount']:,.0f} for "
                      f"{program.fund.year}, but the envelope's incentive line is {line:,.0f}",
                      assessment=assessment.id, estimate=estimate["amount"], line=line, year=program.fund.year)


def approved_blanks(program: OnhsProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """An approved program's documents are the adopted ones: the resolution's number, session and date, each
    minutes' number and the working group's founding order print as given, not as blank lines to fill."""
    if program.status != "approved":
        return
    blanks: list[str] = []
    if program.resolution is not None:
        blanks += [f"/resolution/{f}" for f in ("number", "session", "date") if not getattr(program.resolution, f)]
    blanks += [f"/meetings/{i}/number" for i, m in enumerate(program.meetings) if not m.number]
    if program.working_group is not None:
        blanks += [f"/working_group/{f}" for f in ("order_number", "order_date")
                   if not getattr(program.working_group, f)]
    for path in blanks:
        yield finding("onhs.approved-blank", "error", path,
                      f"the program is approved but {path} is missing: its document would print a blank line to fill")


def equal_shares_tool(program: OnhsProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """The Method of Equal Shares comparison asked for, but its library (the optional extra sedp[mes]) missing:
    said here, at the field, before any document is rendered."""
    from sedp_mongolia_onhs.ldf.equal_shares import INSTALL_HINT, equal_shares_available

    if program.equal_shares_comparison and not equal_shares_available():
        yield finding("onhs.equal-shares-unavailable", "error", "/equal_shares_comparison",
                      f"the Method of Equal Shares comparison needs the pabutools library: {INSTALL_HINT}, or set "
                      f"equal_shares_comparison to false", install=INSTALL_HINT)


RULES = (unique_ids, references, meetings, eligibility, negative_list_words, scores, envelope, assessments,
         approved_blanks, equal_shares_tool)
