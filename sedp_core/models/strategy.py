"""Vision, values, priorities and the goal → objective → task tree with its indicators."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sedp_core.i18n import N_
from sedp_core.models.alignment import AlignmentLink
from sedp_core.models.common import Identifier, Model, Quantity, Text, Year, YearValue

__all__ = ["Baseline", "Goal", "Indicator", "Objective", "Priority", "Task"]


class Baseline(Model):
    """The starting value of an indicator."""

    value: Quantity = Field(description=N_("Value at the start."))
    year: Year = Field(description=N_("Year of the value."))
    source: Text | None = Field(default=None, description=N_("Where the value comes from."))


class Indicator(Model):
    """A measurable indicator with its baseline and yearly targets."""

    code: Identifier
    name: Text = Field(description=N_("What is measured."))
    unit: Text = Field(description=N_("Unit of measurement."))
    baseline: Baseline | None = Field(default=None, description=N_("Starting value."))
    targets: list[YearValue] = Field(default_factory=list, description=N_("Target values per year."))
    direction: Literal["increase", "decrease", "maintain"] = Field(
        default="increase", description=N_("Which way the indicator should move.")
    )
    means_of_verification: Text | None = Field(default=None, description=N_("How the value is checked."))
    frequency: str | None = Field(default=None, description=N_("How often it is measured (codelist 'frequency')."))
    responsible: Text | None = Field(default=None, description=N_("Who measures and reports it."))


class Priority(Model):
    """A priority area of the program."""

    id: Identifier
    title: Text = Field(description=N_("Name of the priority."))
    description: Text | None = Field(default=None, description=N_("Why it is a priority."))


class Task(Model):
    """A task under an objective; activities are attached to tasks."""

    id: Identifier
    title: Text = Field(description=N_("What the task achieves."))
    indicators: list[Indicator] = Field(default_factory=list, description=N_("Indicators of the task."))
    alignment: list[AlignmentLink] = Field(default_factory=list, description=N_("Links to national catalogs."))


class Objective(Model):
    """An objective under a goal."""

    id: Identifier
    title: Text = Field(description=N_("The objective."))
    indicators: list[Indicator] = Field(default_factory=list, description=N_("Indicators of the objective."))
    tasks: list[Task] = Field(default_factory=list, description=N_("Tasks that serve the objective."))
    alignment: list[AlignmentLink] = Field(default_factory=list, description=N_("Links to national catalogs."))


class Goal(Model):
    """A strategic goal of the program."""

    id: Identifier
    title: Text = Field(description=N_("The goal."))
    priority: Identifier | None = Field(default=None, description=N_("Id of the priority the goal belongs to."))
    indicators: list[Indicator] = Field(default_factory=list, description=N_("Indicators of the goal."))
    objectives: list[Objective] = Field(default_factory=list, description=N_("Objectives under the goal."))
    alignment: list[AlignmentLink] = Field(default_factory=list, description=N_("Links to national catalogs."))
