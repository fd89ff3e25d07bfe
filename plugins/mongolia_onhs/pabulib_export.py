"""The soum's fund allocation as a Pabulib instance, so anyone can re-check it with public PB tools.

One `.pb` file per fund envelope (a program has one envelope: the planning year's). Projects are the proposals in
competition, in the soum's ranked order, with their bag ИНХ votes, the working group's score and whether the
allocation funds them. No ballots are published: the ИНХ counts votes in the meeting.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sedp_core.models import pick_text
from sedp_core.pabulib import PbProject, write_pabulib

from .allocation import soum_allocation
from .data import ranking
from .models import OnhsProgram

# Pabulib's names for the methods; "greedy-no-skip" stops at the first project that does not fit.
PB_RULES = {"greedy_skip": "greedy", "greedy_stop": "greedy-no-skip", "max_score": "max-score"}


def export_pabulib(program: OnhsProgram, methodology: Any, out_path: Path) -> list[Path]:
    """Write the envelope's instance to `out_path` (a .pb file, or a folder to put `<program>_<year>.pb` in)."""
    rules = ranking()
    allocation = soum_allocation(program, rules)
    bags = {b.id: pick_text(b.name, "mn") for b in program.bags}
    projects = [
        PbProject(
            project_id=line.item.proposal.id,
            cost=line.item.proposal.cost.amount,
            name=pick_text(line.item.proposal.title, "mn"),
            votes=line.item.bag.votes if line.item.bag else None,
            selected=line.funded,
            extra={"score": round(line.item.score, 4), "rank": line.item.rank, "category": line.item.proposal.sector,
                   "district": bags.get(line.item.proposal.bag, line.item.proposal.bag)},
        )
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
        "vote_type": "approval",
        # The soum ranks by the working group's weighted score (column `score`, order in `rank`), not by votes.
        "rule": PB_RULES[rules.allocation.method],
        "comment": "selection order = rank by weighted score; votes are the bag ИНХ counts"
        + (f"; each bag first gets {rules.allocation.bag_min_share:.0%} of the budget"
           if rules.allocation.bag_min_share else "")
        + ("; proposals of a bag meeting below quorum are left out"
           if any(a.reason == "below_quorum" for a in allocation) else ""),
    }
    target = out_path / f"{program.id}_{program.fund.year}.pb" if out_path.suffix != ".pb" else out_path
    return [write_pabulib(target, meta, projects)]
