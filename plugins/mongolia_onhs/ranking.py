"""The soum working group's ranking and the allocation of the fund envelope down the ranked list.

Deterministic by construction: the order depends only on the data (score, then the tie-break keys of the
ranking rules, then the proposal id), never on the order proposals were typed in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .data import RankingRules
from .models import OnhsProgram, Proposal

__all__ = ["BagResult", "RankedProposal", "TieBreak", "bag_results", "in_competition", "rank", "weighted_score"]

OUT_OF_COMPETITION = frozenset({"rejected", "withdrawn"})


@dataclass(frozen=True)
class BagResult:
    """What the proposal's own bag ИНХ gave it."""

    rank: int
    votes: int
    meeting: str


@dataclass(frozen=True)
class TieBreak:
    """How a proposal was put below the one ranked just above it with the same score."""

    above: str
    """Id of the proposal ranked just above, with the same score."""
    key: str
    """The tie-break key that separated them (`id` when none of the rules' keys did)."""
    value_above: object
    value: object


@dataclass(frozen=True)
class RankedProposal:
    """A proposal in the soum's ranked list."""

    proposal: Proposal
    rank: int
    score: float
    bag: BagResult | None
    tie: TieBreak | None = None


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


def _tie_values(p: Proposal, bag: BagResult | None) -> dict[str, object]:
    """The tie-break keys' values as printed (None: no value, sorts last)."""
    return {"bag_rank": bag.rank if bag else None, "votes": bag.votes if bag else None,
            "beneficiaries": p.beneficiaries.total, "cost": p.cost.amount, "id": p.id}


def _sort_value(key: str, value: object) -> object:
    """Sort value of a tie-break key: smaller first; a missing value last."""
    if key in ("votes", "beneficiaries"):
        return -(value or 0)  # more first; none counts as 0
    if key == "bag_rank":
        return math.inf if value is None else value
    return value


def rank(program: OnhsProgram, rules: RankingRules) -> list[RankedProposal]:
    """The proposals in competition, best first, numbered 1..n; a tie records the key that decided it."""
    results = bag_results(program)
    keys = [*rules.tie_break, "id"]

    def key(p: Proposal) -> tuple[object, ...]:
        values = _tie_values(p, results.get(p.id))
        score = round(weighted_score(p.scores, rules), 6)  # rounding: equal scores must compare equal
        return (-score, *(_sort_value(k, values[k]) for k in keys))

    ordered = sorted((p for p in program.proposals if in_competition(p)), key=key)
    ranked: list[RankedProposal] = []
    for i, p in enumerate(ordered, 1):
        tie = None
        if ranked and key(p)[0] == key(ranked[-1].proposal)[0]:
            above = ranked[-1].proposal
            mine, theirs = _tie_values(p, results.get(p.id)), _tie_values(above, results.get(above.id))
            decider = next(k for k in keys if _sort_value(k, mine[k]) != _sort_value(k, theirs[k]))
            tie = TieBreak(above.id, decider, theirs[decider], mine[decider])
        ranked.append(RankedProposal(p, i, weighted_score(p.scores, rules), results.get(p.id), tie))
    return ranked
