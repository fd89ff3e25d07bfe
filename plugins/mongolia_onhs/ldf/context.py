"""The plugin's template context: bags, envelope, proposals, ranking, allocation, meetings and Vision 2050 rows.

Every table of the templates gets a flat list of rows here (one `{%tr for %}` loop per table, no arithmetic in
templates). Words come from the labels and codelists (data); this module only picks and arranges them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sedp_core import Methodology
from sedp_core.rendering.context import code_titles, labels_for, program_text
from sedp_core.rendering.formatting import currency_symbol
from sedp_core.rendering.numbering import reader_numbers
from sedp_core.rendering.unconfirmed import codelist_title, entry_title, is_unconfirmed, mark
from sedp_core.validation.memo import per_program
from sedp_mongolia_onhs import data
from sedp_mongolia_onhs.grammar import day_text, month_range
from sedp_mongolia_onhs.ldf.allocation import soum_allocation
from sedp_mongolia_onhs.ldf.apa_context import apa_rows
from sedp_mongolia_onhs.ldf.chart_context import onhs_charts
from sedp_mongolia_onhs.ldf.equal_shares_context import EqualSharesView
from sedp_mongolia_onhs.ldf.firmness_context import FirmnessView
from sedp_mongolia_onhs.ldf.models import Bag, BagMeeting, OnhsProgram, PerformanceAssessment
from sedp_mongolia_onhs.ldf.ranking import bag_results, in_competition
from sedp_mongolia_onhs.ldf.sentences import sentences
from sedp_mongolia_onhs.ldf.wg_context import out_of_competition_reason, ranking_item, reason_text, working_group_rows

__all__ = ["document_context"]

Tr = Callable[[Any], str]


def document_context(program: OnhsProgram, methodology: Methodology, language: str,
                     item: Any = None) -> dict[str, Any]:
    """Names added to every document of the methodology, in `language`; `item` is the list element of a per-item
    document: a meeting (the minutes, as `meeting`), a self-assessment (the APA report, as `apa`) or a bag (its
    results notice, as `notice`)."""
    # Every name but the item's is the same in every document of the program in this language: built once per
    # program (`per_program`; validation of an approved program renders every document too). Read-only.
    shared = per_program(program, ("mn.onhs.context", language),
                         lambda: _program_rows(program, methodology, language), on=(methodology,))
    rows = dict(shared.rows)
    if isinstance(item, BagMeeting):
        rows["meeting"] = next((row for row in rows["meeting_rows"] if row["id"] == item.id), None)
    if isinstance(item, PerformanceAssessment):
        rows.update(apa_rows(item, language, shared.tr, program))
    if isinstance(item, Bag):
        rows["notice"] = _notice(program, item, shared.allocation, shared.tr, language, shared.labels)
    return {**rows, **sentences(program, language, shared.labels, shared.tr, shared.symbol, rows)}


@dataclass(frozen=True)
class _ProgramRows:
    """What every document of a program shares in one language (`document_context`)."""

    rows: dict[str, Any]
    """The names without an item: `meeting`, `apa` and `notice` are None."""
    allocation: list[Any]
    labels: dict[str, str]
    tr: Tr
    symbol: str


def _program_rows(program: OnhsProgram, methodology: Methodology, language: str) -> _ProgramRows:
    labels = labels_for(methodology, language)

    def tr(text: Any) -> str:
        return program_text(text, language)

    titles = code_titles(methodology, language)

    def code_title(codelist: str, code: str) -> str:
        return titles.get(codelist, {}).get(code) or code

    rules = data.ranking()
    allocation = soum_allocation(program, rules)
    funded = [a for a in allocation if a.funded]
    bags = {b.id: b for b in program.bags}
    bag_name = {b.id: tr(b.name) for b in program.bags}
    tasks = _task_numbers(program, tr)

    rows: dict[str, Any] = {
        "plan_year": program.fund.year,
        "aimag_name": next((tr(u.name) for u in program.municipality.parent_units if u.kind == "aimag"), ""),
        "bag_rows": _bag_rows(program, tr, code_title),
        "bag_totals": {"population": sum(b.population or 0 for b in program.bags),
                       "households": sum(b.households or 0 for b in program.bags), "count": len(bags)},
        "swot_rows": _swot_rows(program, tr, labels),
        "monitoring_rows": [
            {"no": i, "what": tr(s.what), "who": tr(s.who), "when": tr(s.when), "to_whom": tr(s.to_whom)}
            for i, s in enumerate(program.monitoring.steps, 1)
        ],
        "envelope_rows": _envelope_rows(program, tr, code_title),
        "envelope_total": program.fund.total,
        "proposal_rows": _proposal_rows(program, tr, code_title, bag_name, tasks, labels),
        "proposal_total_cost": sum(p.cost.amount for p in program.proposals),
        "excluded_rows": _excluded_rows(program, tr, bag_name, language),
        "ranking_scale": {"min": rules.scale["min"], "max": rules.scale["max"]},
        "tie_break_text": mark(", ".join(labels[f"tie_{key}"] for key in rules.tie_break), ranking_item(rules)),
        "ranked_rows": [
            {"rank": a.item.rank, "id": a.item.proposal.id, "bag": bag_name.get(a.item.proposal.bag, ""),
             "title": tr(a.item.proposal.title), "cost": a.item.proposal.cost.amount,
             "beneficiaries": a.item.proposal.beneficiaries.total,
             "bag_rank": a.item.bag.rank if a.item.bag else None, "votes": a.item.bag.votes if a.item.bag else None,
             "scores_text": " · ".join(_points((a.item.points or a.item.proposal.scores).get(cid))
                                       for cid in rules.weights()),
             "score": a.item.score, "funded": labels["yes"] if a.funded else labels["no"],
             "reason": "" if a.funded else reason_text(a.reason, language),
             "cumulative": a.cumulative if a.funded else None, "remaining": a.remaining}
            for a in allocation
        ],
        "schedule_rows": _schedule_rows(funded, tr, code_title, bag_name, language, labels),
        "allocation_rows": [
            {"no": i, "rank": a.item.rank, "id": a.item.proposal.id, "bag": bag_name.get(a.item.proposal.bag, ""),
             "title": tr(a.item.proposal.title), "location": tr(a.item.proposal.location),
             "sector": code_title("mn.sector", a.item.proposal.sector),
             "type": code_title("mn.proposal_type", a.item.proposal.type),
             "beneficiaries": a.item.proposal.beneficiaries.total, "cost": a.item.proposal.cost.amount,
             "cumulative": a.cumulative}
            for i, a in enumerate(funded, 1)
        ],
        "funded_total": sum(a.item.proposal.cost.amount for a in funded),
        "funded_count": len(funded),
        "balance": program.fund.total - sum(a.item.proposal.cost.amount for a in funded),
        **_meetings(program, tr, labels, bag_name, language),
        **working_group_rows(program, rules, allocation, language, labels, tr, bag_name),
        **apa_rows(None, language, tr, program),
        **_vision(program, tr, methodology, language, labels),
        "negative_list_rows": [
            {"article": item.article,
             "text": mark(item.mn if language == "mn" else item.en,
                          data.unconfirmed(f"eligibility/{item.id}", "eligibility.yaml", "eligibility/item",
                                           id=item.id) if is_unconfirmed(item.status) else None)}
            for item in data.eligibility().items
        ],
        "resolution": _resolution(program, tr, labels),
        "firmness": FirmnessView(program, rules, language, labels, tr),  # lazy: computed when a document prints it
        "notice": None,
    }
    rows.update(onhs_charts(allocation, language, labels, rows["wg_bag_rows"], code_title))
    symbol = currency_symbol(program.financing.currency, language, dict(methodology.currency_symbols))
    # The comparison page of the ranking annex (docs/mes.md), computed only when asked for and read.
    rows["equal_shares"] = EqualSharesView(program, rules, language, labels, tr, bag_name, symbol)
    return _ProgramRows(rows, allocation, labels, tr, symbol)


def _schedule_rows(funded: list[Any], tr: Tr, code_title: Callable[[str, str], str], bag_name: dict[str, str],
                   language: str, labels: dict[str, str]) -> list[dict[str, Any]]:
    """The implementation schedule: each funded project's months, responsible unit and procurement method."""
    lists = {c.id: c for c in data.codelists()}

    def marked_title(codelist: str, code: str) -> str:
        return codelist_title(lists[codelist], code, language) if code in lists[codelist].codes else code

    rows = []
    for i, a in enumerate(funded, 1):
        p, plan = a.item.proposal, a.item.proposal.implementation
        rows.append({"no": i, "id": p.id, "bag": bag_name.get(p.bag, p.bag), "title": tr(p.title),
                     "cost": p.cost.amount,
                     "months": month_range(plan.start_month, plan.end_month, language, labels) if plan else "",
                     "responsible": tr(plan.responsible) if plan else "",
                     "procurement": marked_title("mn.procurement_method", plan.procurement) if plan else ""})
    return rows


def _notice(program: OnhsProgram, bag: Bag, allocation: list[Any], tr: Tr, language: str,
            labels: dict[str, str]) -> dict[str, Any]:
    """The results notice of one bag: each of its proposals, funded (with the amount) or why not."""
    lines = {a.item.proposal.id: a for a in allocation}
    rows = []
    for p in program.proposals:
        if p.bag != bag.id:
            continue
        line = lines.get(p.id)
        if line is None:
            outcome, reason = labels["no"], out_of_competition_reason(p, language, tr)
        else:
            outcome = labels["yes"] if line.funded else labels["no"]
            reason = reason_text(line.reason, language) if not line.funded else labels["notice_funded"].format(
                rank=line.item.rank)
        rows.append({"no": len(rows) + 1, "id": p.id, "title": tr(p.title), "proposer": tr(p.proposer),
                     "cost": p.cost.amount, "funded": outcome, "reason": reason,
                     "amount": p.cost.amount if line is not None and line.funded else None})
    funded = [r for r in rows if r["amount"] is not None]
    return {"bag": tr(bag.name), "governor": tr(bag.governor), "rows": rows, "funded_count": len(funded),
            "funded_total": sum(r["amount"] for r in funded), "count": len(rows)}


def _points(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _task_numbers(program: OnhsProgram, tr: Tr) -> dict[str, str]:
    """Task id → «1.2.1», numbered as in the plan's goal table (chapter 3), where the task's name is: the number
    alone keeps a proposal's row short."""
    return {t.id: f"{gi}.{oi}.{ti}"
            for gi, g in enumerate(program.goals, 1) for oi, o in enumerate(g.objectives, 1)
            for ti, t in enumerate(o.tasks, 1)}


def _bag_rows(program: OnhsProgram, tr: Tr, code_title: Callable[[str, str], str]) -> list[dict[str, Any]]:
    return [{"no": i, "id": b.id, "name": tr(b.name), "type": code_title("mn.bag_type", b.type),
             "population": b.population, "households": b.households, "governor": tr(b.governor),
             "inh_chair": tr(b.inh_chair)} for i, b in enumerate(program.bags, 1)]


def _swot_rows(program: OnhsProgram, tr: Tr, labels: dict[str, str]) -> list[dict[str, str]]:
    swot = program.situation.swot
    return [{"title": labels[f"swot_{name}"], "text": "\n".join(f"• {tr(s)}" for s in getattr(swot, name))}
            for name in ("strengths", "weaknesses", "opportunities", "threats")]


def _envelope_rows(program: OnhsProgram, tr: Tr, code_title: Callable[[str, str], str]) -> list[dict[str, Any]]:
    total = program.fund.total
    return [{"no": i, "source": code_title("mn.ldf_source", line.source), "amount": line.amount,
             "share": line.amount / total if total else None, "reference": tr(line.reference), "note": tr(line.note)}
            for i, line in enumerate(program.fund.lines, 1)]


def _proposal_rows(program: OnhsProgram, tr: Tr, code_title: Callable[[str, str], str], bag_name: dict[str, str],
                   tasks: dict[str, str], labels: dict[str, str]) -> list[dict[str, Any]]:
    results = bag_results(program)
    rows = []
    for i, p in enumerate(program.proposals, 1):
        bag = results.get(p.id)
        rows.append({
            "no": i, "id": p.id, "bag": bag_name.get(p.bag, p.bag), "proposer": tr(p.proposer),
            "channel": code_title("mn.proposal_channel", p.channel), "title": tr(p.title),
            "description": tr(p.description),
            "type": code_title("mn.proposal_type", p.type), "sector": code_title("mn.sector", p.sector),
            "location": tr(p.location), "cost": p.cost.amount, "beneficiaries": p.beneficiaries.total,
            "households": p.beneficiaries.households, "task": tasks.get(p.task or "", ""),
            "status": code_title("mn.proposal_status", p.status), "bag_rank": bag.rank if bag else None,
            "eligible": labels["no"] if p.restricted_uses else labels["yes"],
        })
    return rows


def _excluded_rows(program: OnhsProgram, tr: Tr, bag_name: dict[str, str], language: str) -> list[dict[str, Any]]:
    rows = []
    for p in program.proposals:
        if in_competition(p):
            continue
        rows.append({"no": len(rows) + 1, "id": p.id, "bag": bag_name.get(p.bag, p.bag), "title": tr(p.title),
                     "cost": p.cost.amount, "reason": out_of_competition_reason(p, language, tr),
                     "note": tr(p.note)})
    return rows


def _meetings(program: OnhsProgram, tr: Tr, labels: dict[str, str], bag_name: dict[str, str],
              language: str) -> dict[str, Any]:
    """One row per bag meeting (votes and decisions inside), in bag order; `meeting` (the row of a minutes'
    meeting) is set per document."""
    rule = data.quorum()
    titles = {p.id: tr(p.title) for p in program.proposals}
    proposals = {p.id: p for p in program.proposals}
    voting = {c.id: c for c in data.codelists()}["mn.voting_method"]
    order = {b.id: i for i, b in enumerate(program.bags)}
    meetings = sorted(program.meetings, key=lambda m: (order.get(m.bag, len(order)), m.date, m.id))
    meeting_rows = []
    for i, m in enumerate(meetings, 1):
        share = m.attendance / m.registered
        bag = next((b for b in program.bags if b.id == m.bag), None)
        quorate = share >= rule.min_share
        votes = [{"rank": v.rank, "id": v.proposal, "title": titles.get(v.proposal, ""), "votes": v.votes,
                  "proposer": tr(proposals[v.proposal].proposer) if v.proposal in proposals else "",
                  "share": v.votes / m.attendance if m.attendance else None, "outcome": ""}
                 for v in sorted(m.votes, key=lambda v: (v.rank, v.proposal))]
        # Discussed, not ranked: the minutes name them with what became of them.
        votes += [{"rank": None, "id": pid, "title": titles.get(pid, ""), "votes": None, "share": None,
                   "proposer": tr(proposals[pid].proposer) if pid in proposals else "",
                   "outcome": out_of_competition_reason(proposals[pid], language, tr) if pid in proposals else ""}
                  for pid in m.discussed]
        meeting_rows.append({
            "no": i, "id": m.id, "bag": bag_name.get(m.bag, m.bag), "date": m.date,
            "date_text": day_text(m.date, language, labels), "place": tr(m.place),
            "number": m.number or "", "registered": m.registered, "attendance": m.attendance, "share": share,
            "quorate": quorate, "quorate_text": labels["yes"] if quorate else labels["no"],
            "chair": tr(m.chair), "chair_position": tr(m.chair_position) or labels["minutes_chair_office"],
            "secretary": tr(m.secretary),
            "secretary_position": tr(m.secretary_position) or labels["minutes_secretary_sign"],
            "proposals": len(m.votes),
            "time": _time_range(m.start_time, m.end_time, labels),
            "voting_method": codelist_title(voting, m.voting_method, language)
            if m.voting_method in voting.codes else "",
            "governor": tr(bag.governor) if bag else "",
            "votes": votes,
            "decisions": [{"no": j, "text": tr(d)} for j, d in enumerate(m.decisions, 1)],
        })
    return {
        "meeting_rows": meeting_rows, "meeting": None,
        "quorum": {"min_share": rule.min_share,
                   "legal_basis": mark(rule.legal_basis.get(language, rule.legal_basis["en"]),
                                       data.unconfirmed("quorum", "quorum.yaml") if is_unconfirmed(rule.status)
                                       else None),
                   "confirmed": not is_unconfirmed(rule.status),
                   "consequence": rule.consequence.get(language, rule.consequence["en"])},
    }


def _time_range(start: str | None, end: str | None, labels: dict[str, str]) -> str:
    """«10:00–12:30», or the opening time alone; empty when the minutes record no time."""
    if start is None:
        return ""
    return f"{start}\u2013{end}" if end is not None else str(start)


def _vision(program: OnhsProgram, tr: Tr, methodology: Methodology, language: str,
            labels: dict[str, str]) -> dict[str, Any]:
    """Links to Vision 2050 (names through the core: a name not read in the official text is a marked draft),
    and goal coverage."""
    from sedp_core.validation.walk import alignment_links

    catalog = data.catalog()
    numbers = reader_numbers(program)
    links: dict[str, list[str]] = {}
    for (catalog_id, code), parts in alignment_links(program).items():  # the core's walk, once per program
        if catalog_id != catalog.id:
            continue
        for _, owner, _ in parts:
            # Plan items by the document's numbers; a proposal by its registration number.
            label = numbers.get(id(owner)) or getattr(owner, "id", "")
            links.setdefault(code, []).append(f"{label} {tr(owner.title)}".strip())
    rows = []
    for entry in catalog.entries:
        if entry.code not in links:
            continue
        # An unconfirmed name is marked by the core: highlighted in a draft, an error in an approved program.
        rows.append({"code": entry.number or "", "level": labels[f"level_{entry.level}"],
                     "entry": entry_title(catalog, entry, language), "parts": "\n".join(links[entry.code])})
    goals = [e for e in catalog.entries if e.level == "goal"]
    linked_goals = {e.code for e in goals if e.code in links}
    linked_goals |= {e.parent for e in catalog.entries if e.code in links and e.parent}
    return {
        "v2050_rows": rows,
        "v2050_coverage": {
            "goals_covered": len(linked_goals), "goals_total": len(goals),
            "entries_covered": len(rows), "entries_total": len(catalog.entries),
            "uncovered_goals": ", ".join(f"{e.number or ''} {entry_title(catalog, e, language)}".strip() for e in goals
                                         if e.code not in linked_goals),
        },
    }


def _resolution(program: OnhsProgram, tr: Tr, labels: dict[str, str]) -> dict[str, Any]:
    """Who and where of the ИТХ resolution draft; missing details print as lines to fill in by hand."""
    r = program.resolution
    blank = labels["blank"]
    return {
        "place": tr(r.place) if r else blank, "chair": tr(r.chair) if r else blank,
        "implementer": tr(r.implementer) if r else blank, "overseer": tr(r.overseer) if r and r.overseer else blank,
        "is_draft": not (r and r.number and r.date),
    }
