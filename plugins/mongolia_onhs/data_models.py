"""The pydantic classes of the plugin's rule data files (quorum, eligibility, calendar, ranking, APA, reasons,
the bag program's approval block): a malformed file fails loudly when first read, never halfway through a document.

Imported by `data.py` on first use, so that listing the plugin (`sedp plugins`) does not load pydantic.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "BAG_RANK",
    "AllocationMethod",
    "AllocationRule",
    "Apa",
    "ApaArea",
    "ApaIncentive",
    "ApaIncentiveTier",
    "ApaIndicator",
    "ApprovalForm",
    "BagRankCriterion",
    "Calendar",
    "Criterion",
    "Eligibility",
    "EligibilityItem",
    "QuorumRule",
    "RankingRules",
    "Reasons",
    "ScaleLevel",
    "Window",
]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class QuorumRule(_Data):
    """The quorum of a bag ИНХ meeting (to confirm against the law)."""

    status: str = Field(description="'to confirm' until an expert checks it against the law.")
    min_share: float = Field(gt=0, le=1, description="Least share of registered residents that must attend.")
    severity: Literal["error", "warning"] = Field(description="How a meeting below quorum is reported.")
    legal_basis: dict[str, str] = Field(description="The article the rule comes from, per language.")
    consequence: dict[Literal["mn", "en"], str] = Field(
        description="What the minutes of a meeting below quorum say happens next (a repeated meeting, the list "
        "not forwarded).")
    consequence_status: str = Field(description="'sourced' or 'to confirm': where the consequence comes from.")
    approving_words: dict[Literal["mn", "en"], list[str]] = Field(
        description="Word stems that make a recorded decision read as adopting or forwarding the list; a meeting "
        "below quorum with such a decision is reported.")


class RestrictedKind(_Data):
    """A kind of proposal an item of the negative list catches (e.g. an ovoo worship ceremony under 60.3.3),
    with the word stems whose presence in a proposal's title or description asks for the group's decision."""

    id: str
    mn: str = Field(description="The kind, as printed in a finding.")
    en: str
    words: dict[Literal["mn", "en"], list[str]] = Field(
        description="Lower-case word stems: a word of the title or description starting with one matches.")
    status: str = Field(description="'sourced' (the law names it) or 'to confirm' (our reading of the law).")
    source: str = Field(description="Where the kind comes from.")


class EligibilityItem(_Data):
    """One item of the legal negative list (Budget Law art. 60.3)."""

    id: str
    article: str = Field(description="Article number, e.g. 60.3.1.")
    status: str = Field(description="'sourced' or 'to confirm'.")
    mn: str
    en: str
    kinds: list[RestrictedKind] = Field(
        default_factory=list, description="Kinds of proposal the item catches, with the words that reveal them.")


class Eligibility(_Data):
    status: str
    source: str
    items: list[EligibilityItem]


class Window(_Data):
    """Opening and closing day (MM-DD) of a round, in the year before the budget year."""

    opens: str = Field(pattern=r"^\d{2}-\d{2}$")
    closes: str = Field(pattern=r"^\d{2}-\d{2}$")

    def dates(self, budget_year: int) -> tuple[dt.date, dt.date]:
        year = budget_year - 1
        return (dt.date.fromisoformat(f"{year}-{self.opens}"), dt.date.fromisoformat(f"{year}-{self.closes}"))


class Calendar(_Data):
    """The proposal round's window per budget year (to confirm)."""

    status: str
    default: Window
    by_budget_year: dict[int, Window] = Field(default_factory=dict)

    def window(self, budget_year: int) -> Window:
        return self.by_budget_year.get(budget_year, self.default)


class ScaleLevel(_Data):
    """What a number of points means for one criterion, so scorers give points the same way."""

    points: float
    mn: str
    en: str


class Criterion(_Data):
    """A ranking criterion of the soum working group."""

    id: str
    weight: float = Field(gt=0)
    mn: str
    en: str
    levels: list[ScaleLevel] = Field(default_factory=list, description="Described points of the scale.")


BAG_RANK = "bag_rank"
"""Criterion id of the bag ИНХ rank when the ranking rules score it (`bag_rank:` in ranking.yaml)."""


class BagRankCriterion(_Data):
    """The bag ИНХ's own ranking as a scored criterion: the rank a proposal got at its bag's meeting, turned into
    points on the scale by a Borda count over that meeting's list (first = scale max, last = scale min)."""

    weight: float = Field(gt=0)
    method: Literal["borda"] = "borda"
    mn: str
    en: str


AllocationMethod = Literal["greedy_skip", "greedy_stop", "max_score"]


class AllocationRule(_Data):
    """How the envelope is allocated to the ranked list (to confirm); see data/ranking.yaml."""

    method: AllocationMethod = "greedy_skip"
    bag_min_share: float | None = Field(default=None, gt=0, le=1)
    below_quorum: Literal["exclude", "allow"] = "exclude"


TieBreak = Literal["bag_rank", "votes", "beneficiaries", "cost", "id"]


class FirmnessRule(_Data):
    """What the working group's ranking annex says about the firmness of the allocation (docs/firmness.md)."""

    near: int = Field(default=3, ge=0, description="The last `near` funded and first `near` unfunded proposals "
                      "are shown with the change that would alter their outcome.")
    margin: float = Field(default=0.1, gt=0, description="The whole-result sentence: does a change of one weight by "
                          "up to this share of the weights' sum change the funded set?")


class RankingRules(_Data):
    """Criteria, weights, scale, tie-break and allocation rule of the soum working group (to confirm)."""

    status: str
    scale: dict[Literal["min", "max"], float]
    criteria: list[Criterion] = Field(min_length=1)
    bag_rank: BagRankCriterion | None = Field(
        default=None, description="The bag ИНХ rank as a criterion; without it the rank only breaks ties.")
    tie_break: list[TieBreak] = Field(default_factory=list)
    allocation: AllocationRule = Field(default_factory=AllocationRule)
    firmness: FirmnessRule = Field(default_factory=FirmnessRule)

    def weights(self) -> dict[str, float]:
        """Criterion id → weight, the bag rank (id `bag_rank`) included when it is a criterion."""
        weights = {c.id: c.weight for c in self.criteria}
        if self.bag_rank is not None:
            weights[BAG_RANK] = self.bag_rank.weight
        return weights

    @model_validator(mode="after")
    def _scale_in_order(self) -> RankingRules:
        if self.scale["min"] >= self.scale["max"]:
            raise ValueError("ranking scale: min must be below max")
        for c in self.criteria:
            if any(not self.scale["min"] <= level.points <= self.scale["max"] for level in c.levels):
                raise ValueError(f"ranking criterion {c.id}: a described level is off the scale")
        return self


class ApaArea(_Data):
    """One of the six areas of the Annual Performance Assessment (sourced)."""

    id: str
    mn: str
    en: str
    status: str


class ApaIndicator(_Data):
    """An indicator of the assessment, with its maximum points and the evidence a soum shows (sample data)."""

    id: str
    area: str
    max_points: float = Field(gt=0)
    mn: str
    en: str
    evidence: dict[Literal["mn", "en"], str]


class ApaIncentiveTier(_Data):
    """A score tier of the incentive rule: from `min_share` of the maximum points, a rate of the base or an amount."""

    min_share: float = Field(ge=0, le=1)
    rate: float | None = Field(default=None, ge=0, description="Share of the base (method share_of_base).")
    amount: float | None = Field(default=None, ge=0, description="Amount in MNT (method fixed).")


class ApaIncentive(_Data):
    """How the incentive is estimated from the self-assessment score (no official formula found: to confirm)."""

    status: str
    method: Literal["share_of_base", "fixed"]
    base_source: str | None = None
    tiers: list[ApaIncentiveTier] = Field(min_length=1)

    @model_validator(mode="after")
    def _tiers_fit_the_method(self) -> ApaIncentive:
        field = "rate" if self.method == "share_of_base" else "amount"
        if any(getattr(t, field) is None for t in self.tiers):
            raise ValueError(f"APA incentive: every tier needs '{field}' for method {self.method}")
        if self.method == "share_of_base" and not self.base_source:
            raise ValueError("APA incentive: method share_of_base needs base_source (an mn.ldf_source code)")
        if [t.min_share for t in self.tiers] != sorted((t.min_share for t in self.tiers), reverse=True):
            raise ValueError("APA incentive: tiers go from the highest min_share down")
        return self

    def tier_for(self, share: float) -> ApaIncentiveTier | None:
        """The first (highest) tier the share reaches."""
        return next((t for t in self.tiers if share >= t.min_share), None)


class Apa(_Data):
    """The Annual Performance Assessment's areas and indicators (indicators: sample data, to confirm)."""

    status: str
    source: str
    areas: list[ApaArea] = Field(min_length=1)
    indicators: list[ApaIndicator] = Field(min_length=1)
    incentive: ApaIncentive | None = None

    @model_validator(mode="after")
    def _indicators_in_known_areas(self) -> Apa:
        areas = {a.id for a in self.areas}
        if stray := [i.id for i in self.indicators if i.area not in areas]:
            raise ValueError(f"APA indicators in no known area: {', '.join(stray)}")
        return self


class Reasons(_Data):
    """Reason codes of the allocation and their wording; `{articles}` is filled for the negative list."""

    status: str
    reasons: dict[str, dict[Literal["mn", "en"], str]]


class ApprovalForm(_Data):
    """Who approves a bag program and how the title page's approval block reads (to confirm)."""

    status: str = Field(description="'to confirm' until an expert checks it.")
    source: str = Field(description="Where the wording comes from.")
    body: dict[Literal["mn", "en"], str] = Field(description="The approving body; {aimag}, {soum} are filled.")
    annex_line: dict[Literal["mn", "en"], str] = Field(
        description="The approval block of an approved program: {body_genitive}, {date}, {number}, {number_ord}.")
    body_genitive: dict[Literal["mn", "en"], str] = Field(description="The body in the form the block needs.")
