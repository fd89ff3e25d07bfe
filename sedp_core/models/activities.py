"""Activities and projects that carry out the tasks."""

from __future__ import annotations

from pydantic import Field

from sedp_core.i18n import N_
from sedp_core.models.alignment import AlignmentLink
from sedp_core.models.common import Amount, Count, Identifier, Model, Money, Text, Year

__all__ = ["Activity", "ActivityFinancing", "Beneficiaries"]


class Beneficiaries(Model):
    """Who benefits; give what is known."""

    total: Count | None = Field(default=None, description=N_("Number of persons who benefit."))
    women: Count | None = Field(default=None, description=N_("Of whom women."))
    men: Count | None = Field(default=None, description=N_("Of whom men."))
    households: Count | None = Field(default=None, description=N_("Number of households that benefit."))


class ActivityFinancing(Model):
    """The part of an activity's cost paid from one source."""

    source: Identifier = Field(description=N_("Id of a funding source in the financing section."))
    year: Year | None = Field(default=None, description=N_("Year of the payment; empty when not split by year."))
    amount: Amount = Field(description=N_("Amount, in the activity's currency."))


class Activity(Model):
    """An activity or project with its cost, schedule and financing."""

    id: Identifier
    title: Text = Field(description=N_("Name of the activity or project."))
    description: Text | None = Field(default=None, description=N_("What will be done."))
    task: Identifier | None = Field(default=None, description=N_("Id of the task the activity serves."))
    location: Text | None = Field(default=None, description=N_("Where it takes place."))
    cost: Money = Field(description=N_("Estimated total cost."))
    schedule: list[Year] = Field(default_factory=list, description=N_("Years in which it is carried out."))
    responsible: Text | None = Field(default=None, description=N_("Who is responsible."))
    partners: list[Text] = Field(default_factory=list, description=N_("Partners."))
    beneficiaries: Beneficiaries = Field(default_factory=Beneficiaries, description=N_("Who benefits."))
    financing: list[ActivityFinancing] = Field(default_factory=list, description=N_("Financing by source."))
    expected_result: Text | None = Field(default=None, description=N_("The result expected."))
    sector: str | None = Field(default=None, description=N_("Sector code from the methodology's codelist 'sector'."))
    alignment: list[AlignmentLink] = Field(default_factory=list, description=N_("Links to national catalogs."))
