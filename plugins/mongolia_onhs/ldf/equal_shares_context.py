"""Rows and sentences of the comparison page of the working group's ranking annex: what the Method of Equal Shares
over the bag ИНХ ranks would fund, beside the procedure's allocation (docs/mes.md).

Computed only when the program asks for the comparison and a template reads it: the other documents, and programs
that do not ask, never import pabutools.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from functools import cached_property
from typing import Any

from sedp_core.rendering.formatting import format_money, format_number
from sedp_core.validation.memo import per_program
from sedp_mongolia_onhs.data_models import RankingRules
from sedp_mongolia_onhs.ldf.equal_shares import EqualShares, equal_shares
from sedp_mongolia_onhs.ldf.models import OnhsProgram

__all__ = ["EqualSharesView"]


class EqualSharesView:
    """What the template reads: `requested` (the program asks for the comparison), `summary_rows` (budget used by
    each rule), `rows` (every proposal either rule funds), `bag_rows`, `totals`, and the sentences `voters_text`,
    `left_out_text` (empty when every bag votes) and `difference_text`."""

    def __init__(self, program: OnhsProgram, rules: RankingRules, language: str, labels: dict[str, str],
                 tr: Callable[[Any], str], bag_name: dict[str, str], symbol: str) -> None:
        self._program, self._rules, self._language, self._labels = program, rules, language, labels
        self._tr, self._bag_name, self._symbol = tr, bag_name, symbol

    @property
    def requested(self) -> bool:
        return self._program.equal_shares_comparison

    @cached_property
    def _result(self) -> EqualShares:
        # the same for every language of the annex and for validation's rendering of it: once per program
        return per_program(self._program, ("mn.onhs.equal_shares",),
                           lambda: equal_shares(self._program, self._rules), on=(self._rules,))

    def _money(self, value: float) -> str:
        return format_money(value, self._language, self._symbol)

    @cached_property
    def summary_rows(self) -> list[dict[str, Any]]:
        r, labels = self._result, self._labels
        return [{"rule": labels[key], "count": len(ids), "amount": r.spent(ids), "remaining": r.budget - r.spent(ids)}
                for key, ids in (("mes_rule_procedure", r.procedure_funded), ("mes_rule_mes", r.funded))]

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        r, labels = self._result, self._labels
        yes, no = labels["yes"], labels["no"]
        rows = []
        for line in r.lines:
            p = line.item.proposal
            by_mes = p.id in r.funded
            if not (by_mes or line.funded):
                continue
            difference = "" if by_mes == line.funded else labels["mes_only" if by_mes else "procedure_only"]
            rows.append({"rank": line.item.rank, "id": p.id, "bag": self._bag_name.get(p.bag, p.bag),
                         "title": self._tr(p.title), "cost": p.cost.amount,
                         "bag_rank": line.item.bag.rank if line.item.bag else None,
                         "procedure": yes if line.funded else no, "mes": yes if by_mes else no,
                         "difference": difference})
        return rows

    @cached_property
    def bag_rows(self) -> list[dict[str, Any]]:
        r = self._result
        participants = {bag.id: sum(g.voters for g in r.groups if g.bag == bag.id) for bag in self._program.bags}
        shares = _whole_shares(r.budget, participants)
        rows = []
        for bag in self._program.bags:
            lines = [line for line in r.lines if line.item.proposal.bag == bag.id]
            rows.append({"bag": self._tr(bag.name), "voters": participants[bag.id], "share": shares.get(bag.id),
                         "procedure": sum(line.item.proposal.cost.amount for line in lines if line.funded),
                         "mes": sum(line.item.proposal.cost.amount for line in lines
                                    if line.item.proposal.id in r.funded)})
        return rows

    @cached_property
    def totals(self) -> dict[str, Any]:
        r = self._result
        return {"voters": r.voters, "share": r.budget, "procedure": r.spent(r.procedure_funded),
                "mes": r.spent(r.funded)}

    @cached_property
    def voters_text(self) -> str:
        r = self._result
        return self._labels["s_mes_voters"].format(
            voters=format_number(r.voters, self._language, 0), budget=self._money(r.budget),
            share=self._money(r.budget / r.voters) if r.voters else "—")

    @cached_property
    def left_out_text(self) -> str:
        """The bags with no voters (their meeting below quorum, or ranking nothing in competition), else empty."""
        voting = {g.bag for g in self._result.groups}
        names = [self._tr(b.name) for b in self._program.bags if b.id not in voting]
        return self._labels["s_mes_left_out"].format(bags=", ".join(names)) if names else ""

    @cached_property
    def difference_text(self) -> str:
        r, labels = self._result, self._labels
        if r.funded == r.procedure_funded:
            return labels["s_mes_same"]
        order = {line.item.proposal.id: line.item.rank for line in r.lines}

        def named(ids: frozenset[str]) -> str:
            return ", ".join(sorted(ids, key=lambda i: order[i])) if ids else "—"

        return labels["s_mes_differ"].format(both=len(r.funded & r.procedure_funded),
                                             mes_only=named(r.funded - r.procedure_funded),
                                             procedure_only=named(r.procedure_funded - r.funded))


def _whole_shares(budget: float, weights: dict[str, int]) -> dict[str, float]:
    """`budget` split in proportion to `weights`, in whole tugriks that add up to it (largest remainders), so the
    printed column sums to its printed total."""
    total = sum(weights.values())
    if not total:
        return {}
    exact = {k: Fraction(round(budget * 100), 100) * w / total for k, w in weights.items()}
    whole = {k: math.floor(v) for k, v in exact.items()}
    left = round(budget) - sum(whole.values())
    for k in sorted(exact, key=lambda k: (whole[k] - exact[k], k))[:max(left, 0)]:
        whole[k] += 1
    return {k: float(v) for k, v in whole.items()}
