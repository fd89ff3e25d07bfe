"""Allocation of the fund envelope to the soum's ranked list, by a method named in the ranking data.

Every line carries a reason code (wording in data/reasons.yaml) and the running total and remainder in rank
order, so the allocation can be recomputed by hand from the printed table. Methods:

- `greedy_skip`: down the ranked list, fund each proposal that fits what is left.
- `greedy_stop`: down the ranked list, stop at the first proposal that does not fit.
- `max_score`: the set with the highest total weighted score within the envelope (exact 0/1 knapsack).

An optional per-bag minimum share is served first, by the same walk down the ranked list, for every method.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sedp_mongolia_onhs import data
from sedp_mongolia_onhs.data_models import AllocationRule, RankingRules
from sedp_mongolia_onhs.ldf.models import OnhsProgram
from sedp_mongolia_onhs.ldf.ranking import RankedProposal, rank

__all__ = ["Allocation", "allocate", "best_set", "blocked_by_quorum", "soum_allocation"]

TOLERANCE = 0.005  # amounts are in tugrik; below half a möngö two sums are equal
SCORE_UNITS = 10**6  # weighted scores compared in millionths, so equal totals are exactly equal
COST_UNITS = 100


@dataclass(frozen=True)
class Allocation:
    """One line of the allocation: whether the ranked proposal is funded, why, and what is left afterwards."""

    item: RankedProposal
    funded: bool
    reason: str
    """A reason code of data/reasons.yaml."""
    cumulative: float
    """Total of the funded proposals up to and including this line, in rank order."""
    remaining: float
    """Envelope left after this line."""


def best_set(costs: Sequence[float], scores: Sequence[float], budget: float) -> set[int]:
    """Indexes of the items with the highest total score whose costs fit `budget` (exact 0/1 knapsack).

    Items are given in rank order. Equal totals go to the cheaper set, then to the set holding the better-ranked
    item where the two differ, so the answer never depends on anything but the data. The search keeps only the
    Pareto frontier (no kept set is both dearer and not better): it holds at most one set per distinct total
    score, so it stays small whatever the amounts, where a table by cost would need one cell per tugrik.
    """
    n = len(costs)
    limit = round(budget * COST_UNITS)
    # A state: (cost, score, mask); bit n-1-i stands for item i, so a larger mask holds better-ranked items.
    frontier: list[tuple[int, int, int]] = [(0, 0, 0)]
    for i, (cost, score) in enumerate(zip(costs, scores, strict=True)):
        c, s, bit = round(cost * COST_UNITS), round(score * SCORE_UNITS), 1 << (n - 1 - i)
        grown = [(fc + c, fs + s, fm | bit) for fc, fs, fm in frontier if fc + c <= limit]
        kept, best = [], -1
        # Cheapest first, then higher score, then larger mask: a state is kept only if it scores more than every
        # cheaper (or equally cheap and preferred) state. A dropped state can never win: the kept one plus the
        # same later items scores at least as much for no more money, and wins the same ties.
        for state in sorted(frontier + grown, key=lambda st: (st[0], -st[1], -st[2])):
            if state[1] > best:
                kept.append(state)
                best = state[1]
        frontier = kept
    _, _, mask = frontier[-1]  # scores rise with cost along the frontier: the last state scores most
    return {i for i in range(n) if mask >> (n - 1 - i) & 1}


def blocked_by_quorum(program: OnhsProgram, ranked: Sequence[RankedProposal]) -> dict[str, str]:
    """Proposal id → reason code, for proposals whose bag ИНХ meeting was below the quorum (quorum.yaml)."""
    rule = data.quorum()
    below = {m.id for m in program.meetings if m.attendance < rule.min_share * m.registered}
    return {r.proposal.id: "below_quorum" for r in ranked if r.bag and r.bag.meeting in below}


def allocate(ranked: Sequence[RankedProposal], envelope: float, rule: AllocationRule | None = None,
             blocked: Mapping[str, str] | None = None) -> list[Allocation]:
    """Allocate `envelope` to the ranked list by `rule`; `blocked` maps ids kept out to their reason code."""
    rule, blocked = rule or AllocationRule(), blocked or {}
    reasons: dict[str, str] = dict(blocked)
    open_items = [r for r in ranked if r.proposal.id not in blocked]
    spent = 0.0

    def fits(r: RankedProposal) -> bool:
        return spent + r.proposal.cost.amount <= envelope + TOLERANCE

    if rule.bag_min_share:
        floor, by_bag = rule.bag_min_share * envelope, dict[str, float]()
        for r in open_items:
            if by_bag.get(r.proposal.bag, 0.0) < floor - TOLERANCE and fits(r):
                reasons[r.proposal.id] = "funded_bag_share"
                spent += r.proposal.cost.amount
                by_bag[r.proposal.bag] = by_bag.get(r.proposal.bag, 0.0) + r.proposal.cost.amount
        open_items = [r for r in open_items if r.proposal.id not in reasons]

    if rule.method == "max_score":
        chosen = best_set([r.proposal.cost.amount for r in open_items], [r.score for r in open_items],
                          envelope - spent)
        left = envelope - spent
        for i, r in enumerate(open_items):
            fits_alone = r.proposal.cost.amount <= left + TOLERANCE
            reasons[r.proposal.id] = "funded" if i in chosen else "not_in_best_set" if fits_alone else "does_not_fit"
    else:
        stopped = False
        for r in open_items:
            if stopped:
                reasons[r.proposal.id] = "stopped"
            elif fits(r):
                reasons[r.proposal.id] = "funded"
                spent += r.proposal.cost.amount
            else:
                reasons[r.proposal.id] = "does_not_fit"
                stopped = rule.method == "greedy_stop"

    lines, total = [], 0.0
    for r in ranked:
        reason = reasons[r.proposal.id]
        funded = reason in ("funded", "funded_bag_share")
        total += r.proposal.cost.amount if funded else 0.0
        lines.append(Allocation(r, funded, reason, total, envelope - total))
    return lines


def soum_allocation(program: OnhsProgram, rules: RankingRules | None = None,
                    shift: dict[str, float] | None = None) -> list[Allocation]:
    """The program's allocation under the plugin's ranking data: rank, keep out what the quorum rule excludes,
    allocate the envelope. The one place documents, rules and exports get it from; `shift` moves proposals'
    weighted scores (see `rank`), for the firmness annex."""
    rules = rules or data.ranking()
    ranked = rank(program, rules, shift)
    blocked = blocked_by_quorum(program, ranked) if rules.allocation.below_quorum == "exclude" else {}
    return allocate(ranked, program.fund.total, rules.allocation, blocked)
