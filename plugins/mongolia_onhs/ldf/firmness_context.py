"""Rows and sentence of the firmness section of the working group's ranking (docs/firmness.md).

Computed only when a template reads them (the section is in the ranking annex alone): the exact search runs the
allocation a few hundred times, which the other documents need not wait for.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from sedp_core.rendering.formatting import format_number
from sedp_core.rendering.unconfirmed import mark
from sedp_core.validation.memo import per_program
from sedp_mongolia_onhs.data_models import RankingRules
from sedp_mongolia_onhs.ldf.firmness import Change, Firmness, firmness
from sedp_mongolia_onhs.ldf.models import OnhsProgram
from sedp_mongolia_onhs.ldf.wg_context import ranking_item

__all__ = ["FirmnessView"]


def _digits(value: float) -> int:
    """Decimals a weight or score needs to print as computed (at least two, as the annex prints weights)."""
    for d in (2, 3, 4, 6):
        if abs(round(value, d) - value) < 1e-9:
            return d
    return 6


class FirmnessView:
    """What the template reads: `rows` (one per proposal near the funding line), `sentence` (the whole result),
    `available` (False for an allocation method firmness does not cover)."""

    def __init__(self, program: OnhsProgram, rules: RankingRules, language: str, labels: dict[str, str],
                 tr: Callable[[Any], str]) -> None:
        self._program, self._rules, self._language, self._labels, self._tr = program, rules, language, labels, tr

    @cached_property
    def _result(self) -> Firmness | None:
        # the same for every language of the annex and for validation's rendering of it: once per program
        return per_program(self._program, ("mn.onhs.firmness",), lambda: firmness(self._program, self._rules),
                           on=(self._rules,))

    @property
    def available(self) -> bool:
        return self._result is not None

    def _num(self, value: float) -> str:
        return format_number(value, self._language, _digits(value))

    def _criterion(self, cid: str) -> tuple[str, str]:
        """The criterion's code as the annex numbers it (К1, К2...) and its name."""
        prefix = self._labels["criterion_prefix"]
        named = [(c.id, c.mn if self._language == "mn" else c.en) for c in self._rules.criteria]
        if self._rules.bag_rank is not None:
            bag = self._rules.bag_rank
            named.append(("bag_rank", bag.mn if self._language == "mn" else bag.en))
        for i, (id_, name) in enumerate(named, 1):
            if id_ == cid:
                return f"{prefix}{i}", mark(name, ranking_item(self._rules))
        return cid, cid

    def _weight_text(self, change: Change | None) -> str:
        if change is None or change.criterion is None:
            return self._labels["firm_no_weight"]
        code, name = self._criterion(change.criterion)
        return self._labels["s_firm_weight"].format(code=code, name=name, old=self._num(change.old),
                                                    new=self._num(change.new))

    def _named(self, ids: set[str]) -> str:
        lines = {a.item.proposal.id: a.item for a in self._lines}
        items = sorted((lines[i] for i in ids if i in lines), key=lambda r: r.rank)
        return ", ".join(self._labels["s_firm_proposal"].format(rank=r.rank, title=self._tr(r.proposal.title))
                         for r in items)

    @cached_property
    def _lines(self) -> list[Any]:
        from sedp_mongolia_onhs.ldf.allocation import soum_allocation

        return soum_allocation(self._program, self._rules)

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        result = self._result
        if result is None:
            return []
        labels = self._labels
        return [
            {"rank": r.line.item.rank, "title": self._tr(r.line.item.proposal.title),
             "funded": labels["yes"] if r.line.funded else labels["no"],
             "weight": self._weight_text(r.weight),
             "score": labels["firm_no_score"] if r.score is None else labels["s_firm_score"].format(
                 old=self._num(r.score.old), new=self._num(r.score.new))}
            for r in result.near
        ]

    @cached_property
    def sentence(self) -> str:
        result, labels = self._result, self._labels
        if result is None:
            return labels["firm_not_available"]
        margin = self._num(result.margin)
        change = result.set_change
        if change is None or change.size > result.margin + 1e-9:
            return labels["s_firm_all_firm"].format(margin=margin)
        code, name = self._criterion(change.criterion or "")
        gained, lost = set(change.funded - result.funded), set(result.funded - change.funded)
        parts = ([labels["s_firm_gained"].format(list=self._named(gained))] if gained else []) + \
                ([labels["s_firm_lost"].format(list=self._named(lost))] if lost else [])
        return labels["s_firm_changes"].format(margin=margin, code=code, name=name, old=self._num(change.old),
                                               new=self._num(change.new), effect="; ".join(parts))
