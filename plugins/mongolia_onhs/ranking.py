"""The soum working group's ranking and the allocation of the fund envelope down the ranked list.

Deterministic by construction: the order depends only on the data (score, then the tie-break keys of the
ranking rules, then the proposal id), never on the order proposals were typed in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from .data import RankingRules
from .models import OnhsProgram, Proposal

__all__ = ["Allocation", "BagResult", "RankedProposal", "allocate", "bag_results", "in_competition", "rank",
           "weighted_score"]

OUT_OF_COMPETITION = frozenset({"rejected", "withdrawn"})


@dataclass(frozen=True)
class BagResult:
    """What the proposal's own bag ИНХ gave it."""

    rank: int
    votes: int
    meeting: str


@dataclass(frozen=True)
class RankedProposal:
    """A proposal in the soum's ranked list."""

    proposal: Proposal
    rank: int
    score: float
    bag: BagResult | None


@dataclass(frozen=True)
class Allocation:
    """One line of the allocation: whether the ranked proposal is funded and what is left afterwards."""

    item: RankedProposal
    funded: bool
    cumulative: float
    """Total of the funded proposals up to and including this line."""
    remaining: float
    """Envelope left after this line."""


def bag_results(program: OnhsProgram) -> dict[str, BagResult]:
    """Proposal id → its result at its own bag's ИНХ (votes cast at another bag's meeting do not count)."""
    bag_of = {p.id: p.bag for p in program.proposals}
    results: dict[str, BagResult] = {}
    for meeting in sorted(program.meetings, key=lambda m: (m.date, m.id)):
        for vote in meeting.votes:
            if bag_of.get(vote.proposal) == meeting.bag:
                # A later meeting of the same bag (a repeated session) supersedes an earlier one.
                results[vote.proposal] = BagResult(vote.rank, vote.votes, meeting.id)
    return results


def weighted_score(scores: dict[str, float], rules: RankingRules) -> float:
    """Weighted mean of the criterion points, on the rules' scale; a criterion with no points counts 0."""
    total_weight = sum(c.weight for c in rules.criteria)
    return sum(c.weight * scores.get(c.id, 0.0) for c in rules.criteria) / total_weight


def in_competition(proposal: Proposal) -> bool:
    """Ranked unless rejected, withdrawn, or caught by the legal negative list."""
    return proposal.status not in OUT_OF_COMPETITION and not proposal.restricted_uses


def rank(program: OnhsProgram, rules: RankingRules) -> list[RankedProposal]:
    """The proposals in competition, best first, numbered 1..n."""
    results = bag_results(program)

    def key(p: Proposal) -> tuple[float, ...] | tuple[object, ...]:
        bag = results.get(p.id)
        ties: dict[str, object] = {
            "bag_rank": bag.rank if bag else math.inf,
            "votes": -(bag.votes if bag else 0),
            "beneficiaries": -(p.beneficiaries.total or 0),
            "cost": p.cost.amount,
            "id": p.id,
        }
        score = round(weighted_score(p.scores, rules), 6)  # rounding: equal scores must compare equal
        return (-score, *(ties[k] for k in rules.tie_break), p.id)

    ordered = sorted((p for p in program.proposals if in_competition(p)), key=key)
    return [RankedProposal(p, i, weighted_score(p.scores, rules), results.get(p.id)) for i, p in enumerate(ordered, 1)]


def allocate(ranked: Iterable[RankedProposal], envelope: float, skip_unaffordable: bool = True) -> list[Allocation]:
    """Fund down the ranked list while the envelope lasts (greedy); see `skip_unaffordable` in the ranking data."""
    lines, spent, stopped = [], 0.0, False
    for item in ranked:
        cost = item.proposal.cost.amount
        funded = not stopped and spent + cost <= envelope + 0.005
        if funded:
            spent += cost
        elif not skip_unaffordable:
            stopped = True
        lines.append(Allocation(item, funded, spent, envelope - spent))
    return lines
