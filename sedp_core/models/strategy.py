"""Vision, values, priorities and the goal → objective → task tree with its indicators."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sedp_core.models.alignment import AlignmentLink
from sedp_core.models.common import Identifier, Model, Quantity, Text, Year, YearValue

__all__ = ["Baseline", "Goal", "Indicator", "Objective", "Priority", "Task"]


class Baseline(Model):
    """The starting value of an indicator."""

    value: Quantity = Field(description="Value at the start.")
    year: Year = Field(description="Year of the value.")
    source: Text | None = Field(default=None, description="Where the value comes from.")


class Indicator(Model):
    """A measurable indicator with its baseline and yearly targets."""

    code: Identifier
    name: Text = Field(description="What is measured.")
    unit: Text = Field(description="Unit of measurement.")
    baseline: Baseline | None = Field(default=None, description="Starting value.")
    targets: list[YearValue] = Field(default_factory=list, description="Target values per year.")
    direction: Literal["increase", "decrease", "maintain"] = Field(
        default="increase", description="Which way the indicator should move."
    )
    means_of_verification: Text | None = Field(default=None, description="How the value is checked.")
    frequency: str | None = Field(default=None, description="How often it is measured (codelist 'frequency').")
    responsible: Text | None = Field(default=None, description="Who measures and reports it.")


class Priority(Model):
    """A priority area of the program."""

    id: Identifier
    title: Text = Field(description="Name of the priority.")
    description: Text | None = Field(default=None, description="Why it is a priority.")


class Task(Model):
    """A task under an objective; activities are attached to tasks."""

    id: Identifier
    title: Text = Field(description="What the task achieves.")
    indicators: list[Indicator] = Field(default_factory=list, description="Indicators of the task.")
    alignment: list[AlignmentLink] = Field(default_factory=list, description="Links to national catalogs.")


class Objective(Model):
    """An objective under a goal."""

    id: Identifier
    title: Text = Field(description="The objective.")
    indicators: list[Indicator] = Field(default_factory=list, description="Indicators of the objective.")
    tasks: list[Task] = Field(default_factory=list, description="Tasks that serve the objective.")
    alignment: list[AlignmentLink] = Field(default_factory=list, description="Links to national catalogs.")


class Goal(Model):
    """A strategic goal of the program."""

    id: Identifier
    title: Text = Field(description="The goal.")
    priority: Identifier | None = Field(default=None, description="Id of the priority the goal belongs to.")
    indicators: list[Indicator] = Field(default_factory=list, description="Indicators of the goal.")
    objectives: list[Objective] = Field(default_factory=list, description="Objectives under the goal.")
    alignment: list[AlignmentLink] = Field(default_factory=list, description="Links to national catalogs.")
