"""The Method of Equal Shares over the bags' ИНХ ranks: a comparison with the procedure's allocation (docs/mes.md).

Not the procedure's rule: the soum funds by the working group's ranking (allocation.py). A program asks for this
comparison with `equal_shares_comparison: true`; the working group's ranking annex then gets a comparison page and
the Pabulib export a second instance (`<program>_<year>_equal_shares.pb`) that the public tools re-run.

The reading of the ИНХ ranks as votes (no individual ballots exist: a bag meeting ranks its list as one body):

- the projects are the proposals the procedure allocates to (in competition, not kept out by the quorum rule),
  at their cost, under the same envelope;
- every resident who took part in a bag's ИНХ meeting (`attendance`) is one voter, and approves every proposal of
  that meeting's ranked list: the meeting's decision is the ballot of each of its participants. A bag meeting whose
  proposals are kept out (below quorum) has no voters;
- satisfaction is the cost of the funded proposals a voter approves ("cost utilities", as on equalshares.net);
- ties (equal cost per supporter, so every pair of proposals of one bag) go to the better rank at the bag's
  meeting, then to the proposal id: a bag's share is spent down its own ranked list;
- completion "add1": the voters' shares are raised together, by 1 % of the starting share (budget / voters) per
  step, while the outcome still fits the envelope, until nothing more can be bought; what is left stays unspent.

pabutools (GPL-3.0-or-later, with numpy, gmpy2, pulp and the proprietary gurobipy solver as dependencies) is the
optional extra `sedp[mes]`: imported only here, only when a program asks for the comparison.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sedp_core.errors import PluginError
from sedp_mongolia_onhs.data_models import RankingRules
from sedp_mongolia_onhs.ldf.allocation import Allocation, soum_allocation
from sedp_mongolia_onhs.ldf.models import OnhsProgram

__all__ = ["STEP_SHARE", "EqualShares", "VoterGroup", "cost_text", "equal_shares", "equal_shares_available",
           "rank_tie_breaking"]

STEP_SHARE = Fraction(1, 100)
"""The add1 completion raises each voter's share by this part of the starting share per step."""
INSTALL_HINT = "pip install 'sedp[mes]'"


@dataclass(frozen=True)
class VoterGroup:
    """The participants of one bag ИНХ meeting: as many voters, each approving the meeting's ranked list."""

    meeting: str
    bag: str
    voters: int
    ballot: tuple[str, ...]
    """Proposal ids, in the meeting's rank order."""


@dataclass(frozen=True)
class EqualShares:
    """The outcome of the Method of Equal Shares, beside the procedure's allocation it compares with."""

    lines: tuple[Allocation, ...]
    """The procedure's allocation lines of the projects, in the soum's rank order."""
    groups: tuple[VoterGroup, ...]
    budget: float
    funded: frozenset[str]
    """Ids of the proposals the Method of Equal Shares funds."""

    @property
    def voters(self) -> int:
        return sum(g.voters for g in self.groups)

    @property
    def procedure_funded(self) -> frozenset[str]:
        return frozenset(line.item.proposal.id for line in self.lines if line.funded)

    def spent(self, ids: frozenset[str]) -> float:
        return sum(line.item.proposal.cost.amount for line in self.lines if line.item.proposal.id in ids)


def cost_text(amount: float) -> str:
    """A cost as the .pb file writes it (an integer without a decimal point), so both sides read the same number."""
    return str(int(amount)) if float(amount).is_integer() else str(amount)


def equal_shares_available() -> bool:
    """Whether pabutools (the optional extra `sedp[mes]`) can be imported."""
    try:
        import pabutools.rules  # noqa: F401
    except ImportError:
        return False
    return True


def _pabutools() -> Any:
    try:
        import pabutools.election as election
        import pabutools.rules as rules
        import pabutools.tiebreaking as tiebreaking
    except ImportError as exc:
        raise PluginError(f"the Method of Equal Shares comparison (equal_shares_comparison) needs pabutools: "
                          f"{INSTALL_HINT}", code="onhs.equal-shares-unavailable") from exc
    return election, rules, tiebreaking


def voter_groups(program: OnhsProgram, lines: Sequence[Allocation]) -> tuple[VoterGroup, ...]:
    """One group per bag ИНХ meeting that ranked at least one of the projects (the meeting that gave each proposal
    its rank: a repeated session supersedes an earlier one, as in `bag_results`)."""
    ballots: dict[str, list[tuple[int, str]]] = {}
    for line in lines:
        if line.item.bag is not None:
            ballots.setdefault(line.item.bag.meeting, []).append((line.item.bag.rank, line.item.proposal.id))
    meetings = {m.id: m for m in program.meetings}
    return tuple(VoterGroup(mid, meetings[mid].bag, meetings[mid].attendance,
                            tuple(pid for _, pid in sorted(ballot)))
                 for mid, ballot in sorted(ballots.items()) if meetings[mid].attendance > 0)


def rank_tie_breaking(rank_of: dict[str, int]) -> Any:
    """pabutools' tie-breaking by the bag meeting's rank, then the id (`rank_of`: proposal id → its bag rank)."""
    _, _, tiebreaking = _pabutools()
    return tiebreaking.TieBreakingRule(lambda instance, profile, project: (rank_of.get(project.name, 10**9),
                                                                           project.name))


def run_mes(budget: str, costs: dict[str, str], groups: Sequence[tuple[Sequence[str], int]],
            rank_of: dict[str, int]) -> frozenset[str]:
    """pabutools' `method_of_equal_shares` with cost utilities, add1 completion and ties by bag rank; `budget` and
    `costs` as the .pb writes them, `groups` (ballot, number of voters casting it)."""
    election, rules, _ = _pabutools()
    from pabutools.fractions import frac, str_as_frac

    instance = election.Instance(budget_limit=str_as_frac(budget))
    projects = {pid: election.Project(pid, str_as_frac(cost)) for pid, cost in costs.items()}
    instance.update(projects.values())
    profile = election.ApprovalMultiProfile(instance=instance)
    for ballot, voters in groups:
        frozen = election.FrozenApprovalBallot(projects[pid] for pid in ballot)
        profile[frozen] = profile.get(frozen, 0) + voters
    total = sum(v for _, v in groups)
    if not total:
        return frozenset()
    step = frac(STEP_SHARE.numerator * instance.budget_limit, STEP_SHARE.denominator * total)
    outcome = rules.method_of_equal_shares(instance, profile, sat_class=election.Cost_Sat,
                                           tie_breaking=rank_tie_breaking(rank_of), voter_budget_increment=step)
    return frozenset(p.name for p in outcome)


def equal_shares(program: OnhsProgram, rules: RankingRules | None = None) -> EqualShares:
    """The Method of Equal Shares on the program's bag ИНХ ranks, under the fund envelope (module docstring)."""
    lines = tuple(line for line in soum_allocation(program, rules) if line.reason != "below_quorum")
    groups = voter_groups(program, lines)
    rank_of = {line.item.proposal.id: line.item.bag.rank for line in lines if line.item.bag is not None}
    funded = run_mes(cost_text(program.fund.total),
                     {line.item.proposal.id: cost_text(line.item.proposal.cost.amount) for line in lines},
                     [(g.ballot, g.voters) for g in groups], rank_of)
    return EqualShares(lines, groups, program.fund.total, funded)
