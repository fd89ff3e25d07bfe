"""The soum working group's ranking and the allocation of the fund envelope down the ranked list.

Deterministic by construction: the order depends only on the data (score, then the tie-break keys of the
ranking rules, then the proposal id), never on the order proposals were typed in.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sedp_mongolia_onhs.data_models import BAG_RANK, EligibilityItem, RankingRules, RestrictedKind
from sedp_mongolia_onhs.ldf.models import OnhsProgram, Proposal

__all__ = ["BagResult", "RankedProposal", "TieBreak", "bag_results", "borda_points", "in_competition",
           "negative_list_matches", "rank", "weighted_score"]

OUT_OF_COMPETITION = frozenset({"rejected", "withdrawn"})


@dataclass(frozen=True)
class BagResult:
    """What the proposal's own bag ИНХ gave it."""

    rank: int
    votes: int
    meeting: str
    listed: int = 1
    """How many proposals that meeting ranked (the length of the Borda count)."""


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
    points: dict[str, float] | None = None
    """Criterion id → points that made the score (the bag rank's computed points included)."""


def bag_results(program: OnhsProgram) -> dict[str, BagResult]:
    """Proposal id → its result at its own bag's ИНХ (votes cast at another bag's meeting do not count)."""
    bag_of = {p.id: p.bag for p in program.proposals}
    results: dict[str, BagResult] = {}
    for meeting in sorted(program.meetings, key=lambda m: (m.date, m.id)):
        own = [vote for vote in meeting.votes if bag_of.get(vote.proposal) == meeting.bag]
        for vote in own:
            # A later meeting of the same bag (a repeated session) supersedes an earlier one.
            results[vote.proposal] = BagResult(vote.rank, vote.votes, meeting.id, len(own))
    return results


def borda_points(rank: int, listed: int, scale: dict[str, float]) -> float:
    """A bag rank on the points scale: the first of `listed` gets the maximum, the last the minimum, evenly
    spaced between (a Borda count scaled to the criteria's points)."""
    if listed <= 1:
        return scale["max"]
    position = min(max(rank, 1), listed)
    return scale["min"] + (scale["max"] - scale["min"]) * (listed - position) / (listed - 1)


def criterion_points(proposal: Proposal, bag: BagResult | None, rules: RankingRules) -> dict[str, float]:
    """The working group's points, plus the bag rank's computed points when the rules score it."""
    points = dict(proposal.scores)
    if rules.bag_rank is not None:
        points[BAG_RANK] = borda_points(bag.rank, bag.listed, rules.scale) if bag else 0.0
    return points


def weighted_score(scores: dict[str, float], rules: RankingRules) -> float:
    """Weighted mean of the criterion points, on the rules' scale; a criterion with no points counts 0."""
    weights = rules.weights()
    return sum(w * scores.get(cid, 0.0) for cid, w in weights.items()) / sum(weights.values())


def in_competition(proposal: Proposal) -> bool:
    """Ranked unless rejected, withdrawn, caught by the legal negative list or found ineligible by the group."""
    decided_out = proposal.eligibility is not None and not proposal.eligibility.eligible
    return proposal.status not in OUT_OF_COMPETITION and not proposal.restricted_uses and not decided_out


def _words(text: str) -> str:
    """Lower-case words separated by single spaces (punctuation and hyphens count as spaces)."""
    return " ".join(re.findall(r"\w+", text.lower()))


def negative_list_matches(proposal: Proposal) -> list[tuple[EligibilityItem, RestrictedKind]]:
    """The negative list's kinds whose words occur in the proposal's title or description (any language), each
    once: a word of the text that starts with one of the kind's stems matches («наадмын» for «наадм»)."""
    from sedp_mongolia_onhs import data

    texts = [t for field in (proposal.title, proposal.description) if field
             for t in (field.values() if isinstance(field, dict) else [field]) if t]
    words = " " + " ".join(_words(t) for t in texts) + " "
    found = []
    for item in data.eligibility().items:
        for kind in item.kinds:
            if any(" " + _words(stem) in words for ws in kind.words.values() for stem in ws):
                found.append((item, kind))
    return found


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


def rank(program: OnhsProgram, rules: RankingRules,
         shift: dict[str, float] | None = None) -> list[RankedProposal]:
    """The proposals in competition, best first, numbered 1..n; a tie records the key that decided it. `shift`
    (proposal id → points) moves a weighted score, to ask what a different score would have done (firmness.py)."""
    results = bag_results(program)
    shift = shift or {}
    keys = [*rules.tie_break, "id"]
    # Each proposal's points, score and sort key once per ranking: the firmness search ranks hundreds of times.
    # (The score is `weighted_score` of the points plus the shift, as the annex prints it.)
    found: dict[int, tuple[tuple[object, ...], float, dict[str, float]]] = {}
    for p in program.proposals:
        if in_competition(p):
            points = criterion_points(p, results.get(p.id), rules)
            score = weighted_score(points, rules) + shift.get(p.id, 0.0)
            values = _tie_values(p, results.get(p.id))
            # rounding: equal scores must compare equal
            found[id(p)] = ((-round(score, 6), *(_sort_value(k, values[k]) for k in keys)), score, points)
    ordered = sorted((p for p in program.proposals if id(p) in found), key=lambda p: found[id(p)][0])
    ranked: list[RankedProposal] = []
    for i, p in enumerate(ordered, 1):
        tie = None
        if ranked and found[id(p)][0][0] == found[id(ranked[-1].proposal)][0][0]:
            above = ranked[-1].proposal
            mine, theirs = _tie_values(p, results.get(p.id)), _tie_values(above, results.get(above.id))
            decider = next(k for k in keys if _sort_value(k, mine[k]) != _sort_value(k, theirs[k]))
            tie = TieBreak(above.id, decider, theirs[decider], mine[decider])
        _, score, points = found[id(p)]
        ranked.append(RankedProposal(p, i, score, results.get(p.id), tie, points))
    return ranked
