"""How firm the working group's allocation is: the smallest change of one criterion weight, or of a proposal's own
weighted score, that changes whether a proposal near the funding line is funded (docs/firmness.md).

Exact, not sampled. The ranking depends on a weight `w_j` (moved by `t`) only through the order of the weighted
scores: two proposals' scores `(A_a + t·p_aj)/(W + t)` and `(A_b + t·p_bj)/(W + t)` share the denominator, so their
difference changes sign once, at `t = −(A_a − A_b)/(p_aj − p_bj)`. Between two such breakpoints the order, hence
the greedy allocation, is constant; so the allocation is evaluated (by the plugin's own `soum_allocation`, never a
copy of it) at each breakpoint, where the tie-break decides, and once inside each interval, in order of |t| until
every question is answered. A proposal's own score moved by `δ` crosses another's at `δ = s_b − s_a`: the same
scan. The `max_score` method depends on the scores' values, not only their order, so it has other breakpoints:
for it no firmness is computed (`firmness` returns None).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sedp_mongolia_onhs.data_models import BAG_RANK, RankingRules
from sedp_mongolia_onhs.ldf.allocation import Allocation, soum_allocation
from sedp_mongolia_onhs.ldf.models import OnhsProgram

__all__ = ["Change", "Firmness", "ProposalFirmness", "firmness", "near_line", "with_weight"]

Outcome = Callable[[float], frozenset[str]]


@dataclass(frozen=True)
class Change:
    """The smallest change of one quantity (a criterion's weight, or a proposal's own score) that changes an
    outcome, and a value that does it."""

    criterion: str | None
    """Criterion id whose weight moves; None: the proposal's own weighted score moves."""
    old: float
    bound: float
    """The exact limit: at `old + bound` (when `attained`) or just beyond it the outcome changes, never before."""
    attained: bool
    new: float
    """A value, rounded as little as the outcome allows, at which the allocation was run and the outcome differs."""
    funded: frozenset[str]
    """The funded set at `new`."""

    @property
    def size(self) -> float:
        return abs(self.bound)


@dataclass(frozen=True)
class ProposalFirmness:
    """One proposal near the funding line: how much must move before its outcome does."""

    line: Allocation
    weight: Change | None
    """The smallest single-weight change that changes whether it is funded; None: none does."""
    score: Change | None
    """The smallest change of its own weighted score (within the scale) that does; None: none does."""


@dataclass(frozen=True)
class Firmness:
    """The firmness of one allocation."""

    near: list[ProposalFirmness]
    funded: frozenset[str]
    set_change: Change | None
    """The smallest single-weight change that changes the funded set; None: no valid weight does."""
    margin: float
    """The change of a weight, in the weights' own units, the whole-result sentence speaks of."""


def with_weight(rules: RankingRules, criterion: str, weight: float) -> RankingRules:
    """The rules with one criterion's weight (the bag rank's under `bag_rank`) set to `weight`."""
    if criterion == BAG_RANK and rules.bag_rank is not None:
        return rules.model_copy(update={"bag_rank": rules.bag_rank.model_copy(update={"weight": weight})})
    return rules.model_copy(update={"criteria": [c.model_copy(update={"weight": weight}) if c.id == criterion else c
                                                 for c in rules.criteria]})


def near_line(allocation: list[Allocation], k: int) -> list[Allocation]:
    """The last `k` funded and the first `k` unfunded proposals in rank order, among those the allocation could
    fund (a proposal kept out by the quorum rule is not near the line: no weight changes that)."""
    open_lines = [a for a in allocation if a.reason != "below_quorum"]
    funded = [a for a in open_lines if a.funded]
    unfunded = [a for a in open_lines if not a.funded]
    keep = {id(a) for a in funded[-k:] + unfunded[:k]} if k > 0 else set()
    return [a for a in open_lines if id(a) in keep]


def _points(allocation: list[Allocation]) -> list[dict[str, float]]:
    return [dict(a.item.points if a.item.points is not None else a.item.proposal.scores) for a in allocation]


def _tests(breaks: list[float], sign: int, limit: float, closed: bool) -> Iterator[tuple[float, float, bool]]:
    """(value to test, exact bound, attained) in order of distance from 0, on one side: each breakpoint, then the
    open interval after it; `limit` ends the side (reached only when `closed`)."""
    side = sorted({abs(b) for b in breaks if b * sign > 0 and abs(b) < limit})
    start = 0.0
    for b in [*side, limit]:
        if b > start:
            yield sign * ((start + b) / 2 if math.isfinite(b) else start + 1.0), sign * start, False
        if b == limit and not closed:
            return
        if math.isfinite(b):
            yield sign * b, sign * b, True
        start = b


def _witness(outcome: Outcome, base: float, bound: float, attained: bool, limit: float,
             changed: Callable[[frozenset[str]], bool], tested: float) -> tuple[float, frozenset[str]] | None:
    """A value at or just beyond `base + bound`, with as few decimals as will do, at which the allocation (run
    again) shows the change; else `base + tested`, the change the scan itself ran and saw."""
    sign = 1 if bound >= 0 else -1
    target = base + bound
    for digits in (2, 3, 4, 6):
        scale = 10**digits
        value = (math.ceil(round(target * scale, 6)) if sign > 0 else math.floor(round(target * scale, 6))) / scale
        # a breakpoint computed in floats lands a hair off a round number: the round number is then the tie
        # itself, which the tie-break decides as at the start, so step past it
        if not attained and math.isclose(value, target, rel_tol=0.0, abs_tol=1e-9):
            value += sign / scale
        if abs(value - base) < limit or (attained and abs(value - base) == abs(bound)):
            got = outcome(value - base)
            if changed(got):
                return value, got
    # not `bound` plus a hair: the ranking compares scores rounded to 6 decimals, so a hair beyond a tie is a tie
    got = outcome(tested)
    return (base + tested, got) if changed(got) else None


def _scan(outcome: Outcome, breaks: list[float], lower: float, upper: float, closed: bool, base: float,
          criterion: str | None, targets: dict[str, bool], want_set: bool,
          funded: frozenset[str]) -> tuple[dict[str, Change], Change | None]:
    """The smallest |t| (t in [−lower, upper], open ends unless `closed`) at which each target's funded status, and
    the funded set, differ from t = 0; both sides scanned outward, each stopping once all is answered."""
    found: dict[str, Change] = {}
    set_change: Change | None = None
    for sign, limit in ((1, upper), (-1, lower)):
        # each side on its own: an answer found upward may be farther than the one downward
        pending = set(targets)
        need_set = want_set
        for value, bound, attained in _tests(breaks, sign, limit, closed):
            if not pending and not need_set:
                break
            got = outcome(value)
            for pid in [p for p in pending if (p in got) != targets[p]]:
                pending.discard(pid)
                w = _witness(outcome, base, bound, attained, limit,
                             lambda s, pid=pid: (pid in s) != targets[pid], value)
                if w is not None:
                    change = Change(criterion, base, bound, attained, w[0], w[1])
                    if pid not in found or change.size < found[pid].size:
                        found[pid] = change
            if need_set and got != funded:
                need_set = False
                w = _witness(outcome, base, bound, attained, limit, lambda s: s != funded, value)
                if w is not None and (set_change is None or abs(bound) < set_change.size):
                    set_change = Change(criterion, base, bound, attained, w[0], w[1])
    return found, set_change


def _funded(allocation: list[Allocation]) -> frozenset[str]:
    return frozenset(a.item.proposal.id for a in allocation if a.funded)


def firmness(program: OnhsProgram, rules: RankingRules, k: int | None = None) -> Firmness | None:
    """The firmness of the program's allocation under `rules` (None for the `max_score` method, see above)."""
    if rules.allocation.method == "max_score":
        return None
    k = rules.firmness.near if k is None else k
    allocation = soum_allocation(program, rules)
    funded = _funded(allocation)
    near = near_line(allocation, k)
    targets = {a.item.proposal.id: a.funded for a in near}
    weights = rules.weights()
    total = sum(weights.values())
    points = _points(allocation)
    best_weight: dict[str, Change] = {}
    set_change: Change | None = None
    for cid, w in weights.items():
        numer = [sum(wk * p.get(ck, 0.0) for ck, wk in weights.items()) for p in points]
        breaks = []
        for a in range(len(points)):
            for b in range(a + 1, len(points)):
                slope = points[a].get(cid, 0.0) - points[b].get(cid, 0.0)
                if slope:
                    breaks.append(-(numer[a] - numer[b]) / slope)

        def outcome(t: float, cid: str = cid, w: float = w) -> frozenset[str]:
            return _funded(soum_allocation(program, with_weight(rules, cid, w + t)))

        # a weight stays above 0 (Criterion.weight > 0); no upper bound
        found, change = _scan(outcome, breaks, w, math.inf, False, w, cid, targets, True, funded)
        for pid, c in found.items():
            if pid not in best_weight or c.size < best_weight[pid].size:
                best_weight[pid] = c
        if change is not None and (set_change is None or change.size < set_change.size):
            set_change = change
    scores = {a.item.proposal.id: a.item.score for a in allocation}
    rows = []
    for line in near:
        pid, s = line.item.proposal.id, line.item.score
        breaks = [o - s for o in scores.values() if o != s] + [0.0]

        def moved(d: float, pid: str = pid) -> frozenset[str]:
            return _funded(soum_allocation(program, rules, {pid: d}))

        # the score stays on the scale: a weighted mean of points between its min and max
        lo, hi = max(s - rules.scale["min"], 0.0), max(rules.scale["max"] - s, 0.0)
        found, _ = _scan(moved, [b for b in breaks if -lo <= b <= hi], lo, hi, True, s, None,
                         {pid: line.funded}, False, funded)
        rows.append(ProposalFirmness(line, best_weight.get(pid), found.get(pid)))
    return Firmness(rows, funded, set_change, rules.firmness.margin * total)
