"""The soum's fund allocation as a Pabulib instance, so anyone can re-check it with public PB tools.

One `.pb` file per fund envelope (a program has one envelope: the planning year's). Projects are the proposals in
competition, in the soum's ranked order, with their bag ИНХ votes, the working group's score and whether the
allocation funds them. No ballots are published: the ИНХ counts votes in the meeting.

The soum funds by the working group's weighted score, not by votes, so the file declares it as the format allows:
`vote_type` scoring, each project's total points in the `score` column, and `rule` the method over that score
(`greedy`: down the projects by decreasing score, ties by `rank`, fund each that fits). A greedy by the `votes`
column would fund another set (Tariat: 14 projects against 10), so a file that named `greedy` with approval votes
misled anyone who re-checked it. When the allocation first reserves a share per bag (`bag_min_share`), no Pabulib
rule reproduces it: the rule is then `unknown` and the comment says why; the `selected` column is the outcome.

When the program asks for the Method of Equal Shares comparison (`equal_shares_comparison`), a second instance,
`<program>_<year>_equal_shares.pb`, holds the same projects and envelope with the reading of the bag ИНХ ranks as
approval ballots (one per participant of a meeting, approving the meeting's list in rank order), `rule`
`equalshares/add1` and its outcome in `selected`; `bag_rank` is the tie-break (docs/mes.md says how to re-run it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sedp_core.exchange.pabulib import PbProject, PbVote, write_pabulib
from sedp_core.models import pick_text
from sedp_mongolia_onhs.data import ranking
from sedp_mongolia_onhs.ldf.allocation import soum_allocation
from sedp_mongolia_onhs.ldf.models import OnhsProgram

# Pabulib's names for the methods; "greedy-no-skip" stops at the first project that does not fit.
PB_RULES = {"greedy_skip": "greedy", "greedy_stop": "greedy-no-skip", "max_score": "max-score"}


def export_pabulib(program: OnhsProgram, methodology: Any, out_path: Path) -> list[Path]:
    """Write the envelope's instance to `out_path` (a .pb file, or a folder to put `<program>_<year>.pb` in)."""
    rules = ranking()
    allocation = soum_allocation(program, rules)
    bags = {b.id: pick_text(b.name, "mn") for b in program.bags}
    projects = [
        _project(line, bags, line.funded, votes=line.item.bag.votes if line.item.bag else None,
                 score=round(line.item.score, 4), rank=line.item.rank)
        for line in allocation
        if line.reason != "below_quorum"  # not selectable: left out so the file alone recomputes the result
    ]
    unit = pick_text(program.municipality.name, "mn")
    meta = {
        "description": f"Local Development Fund {program.fund.year}, {pick_text(program.municipality.name, 'en')}",
        "country": "Mongolia",
        "unit": unit,
        "instance": program.fund.year,
        "budget": program.fund.total,
        "currency": program.financing.currency,
        # The soum ranks by the working group's weighted score (column `score`, ties in `rank`), not by votes.
        "vote_type": "scoring",
        "rule": "unknown" if rules.allocation.bag_min_share else PB_RULES[rules.allocation.method],
        "comment": "the rule runs on the score column (the working group's weighted score), ties by rank; "
                   "votes are the bag ИНХ counts, not ballots"
        + (f"; each bag first gets {rules.allocation.bag_min_share:.0%} of the budget"
           if rules.allocation.bag_min_share else "")
        + ("; proposals of a bag meeting below quorum are left out"
           if any(a.reason == "below_quorum" for a in allocation) else ""),
    }
    target = out_path / f"{program.id}_{program.fund.year}.pb" if out_path.suffix != ".pb" else out_path
    written = [write_pabulib(target, meta, projects)]
    if program.equal_shares_comparison:
        written.append(_export_equal_shares(program, target.with_name(f"{target.stem}_equal_shares.pb")))
    return written


def _export_equal_shares(program: OnhsProgram, target: Path) -> Path:
    """The Method of Equal Shares instance: ballots are the reading of the bag ИНХ ranks (equal_shares.py)."""
    from sedp_mongolia_onhs.ldf.equal_shares import STEP_SHARE, equal_shares

    result = equal_shares(program)
    bags = {b.id: pick_text(b.name, "mn") for b in program.bags}
    projects = [
        _project(line, bags, line.item.proposal.id in result.funded,
                 bag_rank=line.item.bag.rank if line.item.bag else None, selected_by_procedure=line.funded)
        for line in result.lines
    ]
    votes = [PbVote(voter_id=f"{group.meeting}-{n}", vote=group.ballot,
                    extra={"district": bags.get(group.bag, group.bag)})
             for group in result.groups for n in range(1, group.voters + 1)]
    meta = {
        "description": f"Local Development Fund {program.fund.year}, {pick_text(program.municipality.name, 'en')}: "
                       f"the Method of Equal Shares over the bag ИНХ ranks, for comparison (not the procedure's rule)",
        "country": "Mongolia",
        "unit": pick_text(program.municipality.name, "mn"),
        "instance": program.fund.year,
        "budget": program.fund.total,
        "currency": program.financing.currency,
        "vote_type": "approval",
        "rule": "equalshares/add1",
        "comment": "not ballots: every participant of a bag ИНХ meeting is one voter approving the proposals that "
                   "meeting ranked (vote in rank order); cost utilities; ties by bag_rank, then project_id; add1 "
                   f"completion raising each voter's budget by {STEP_SHARE.numerator}/{STEP_SHARE.denominator} of "
                   "budget/num_votes per step; selected = the Method of Equal Shares, selected_by_procedure = the "
                   "procedure's allocation",
    }
    return write_pabulib(target, meta, projects, votes)


def _project(line: Any, bags: dict[str, str], selected: bool, votes: int | None = None, **extra: Any) -> PbProject:
    """A proposal of an allocation line as a Pabulib project: its id, cost and Mongolian title, its sector and bag
    as the public tools' `category` and `district`, and the rule's own columns (`extra`)."""
    proposal = line.item.proposal
    return PbProject(project_id=proposal.id, cost=proposal.cost.amount, name=pick_text(proposal.title, "mn"),
                     votes=votes, selected=selected,
                     extra={**extra, "category": proposal.sector, "district": bags.get(proposal.bag, proposal.bag)})
