"""Resources and financing: the funding sources and their amounts per year."""

from __future__ import annotations

from pydantic import Field

from sedp_core.i18n import N_
from sedp_core.models.common import Identifier, Model, Text, YearAmount

__all__ = ["Financing", "FundingSource"]


class FundingSource(Model):
    """A source of money for the program, with the amount expected each year."""

    id: Identifier
    kind: str = Field(
        description=N_(
            "Kind of source, from the codelist 'funding_source_kind': local_budget, state_budget, fund, donor, "
            "private, community (plugins may add codes)."
        )
    )
    name: Text = Field(description=N_("Name of the source as written in the document."))
    amounts: list[YearAmount] = Field(default_factory=list, description=N_("Amount expected per year."))


class Financing(Model):
    """How the program is paid for."""

    currency: str = Field(pattern=r"^[A-Z]{3}$", description=N_("ISO 4217 currency of every amount in the program."))
    sources: list[FundingSource] = Field(default_factory=list, description=N_("Funding sources."))
    notes: Text | None = Field(default=None, description=N_("Remarks on the financing."))
