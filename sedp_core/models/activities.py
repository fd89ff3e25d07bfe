"""Activities and projects that carry out the tasks."""

from __future__ import annotations

from pydantic import Field

from sedp_core.models.alignment import AlignmentLink
from sedp_core.models.common import Amount, Count, Identifier, Model, Money, Text, Year

__all__ = ["Activity", "ActivityFinancing", "Beneficiaries"]


class Beneficiaries(Model):
    """Who benefits; give what is known."""

    total: Count | None = Field(default=None, description="Number of persons who benefit.")
    women: Count | None = Field(default=None, description="Of whom women.")
    men: Count | None = Field(default=None, description="Of whom men.")
    households: Count | None = Field(default=None, description="Number of households that benefit.")


class ActivityFinancing(Model):
    """The part of an activity's cost paid from one source."""

    source: Identifier = Field(description="Id of a funding source in the financing section.")
    year: Year | None = Field(default=None, description="Year of the payment; empty when not split by year.")
    amount: Amount = Field(description="Amount, in the activity's currency.")


class Activity(Model):
    """An activity or project with its cost, schedule and financing."""

    id: Identifier
    title: Text = Field(description="Name of the activity or project.")
    description: Text | None = Field(default=None, description="What will be done.")
    task: Identifier | None = Field(default=None, description="Id of the task the activity serves.")
    location: Text | None = Field(default=None, description="Where it takes place.")
    cost: Money = Field(description="Estimated total cost.")
    schedule: list[Year] = Field(default_factory=list, description="Years in which it is carried out.")
    responsible: Text | None = Field(default=None, description="Who is responsible.")
    partners: list[Text] = Field(default_factory=list, description="Partners.")
    beneficiaries: Beneficiaries = Field(default_factory=Beneficiaries, description="Who benefits.")
    financing: list[ActivityFinancing] = Field(default_factory=list, description="Financing by source.")
    expected_result: Text | None = Field(default=None, description="The result expected.")
    sector: str | None = Field(default=None, description="Sector code from the methodology's codelist 'sector'.")
    alignment: list[AlignmentLink] = Field(default_factory=list, description="Links to national catalogs.")
