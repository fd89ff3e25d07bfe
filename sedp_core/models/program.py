"""The program: the root of the data a municipality fills in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, PrivateAttr, model_validator

from sedp_core.i18n import N_
from sedp_core.models.activities import Activity
from sedp_core.models.common import Identifier, LanguageCode, Model, Text
from sedp_core.models.financing import Financing
from sedp_core.models.monitoring import MonitoringPlan
from sedp_core.models.municipality import Municipality
from sedp_core.models.situation import SituationAnalysis
from sedp_core.models.strategy import Goal, Priority

__all__ = ["CORE_NOT_PRINTED", "Approval", "Confirmation", "MethodologyRef", "Period", "Program"]

CORE_NOT_PRINTED = {
    "/confirmations": "a record for reviewers and validation: documents print the confirmed values, unmarked",
    "/templates": "the folder of the program's own Word templates: it chooses how documents look, it is no text",
}
"""Core program fields no document prints, with the reason (methodologies add theirs: `Methodology.not_printed`)."""


class Period(Model):
    """The planning period, in whole years."""

    start_year: int = Field(ge=1990, le=2100, description=N_("First year of the program."))
    end_year: int = Field(ge=1990, le=2100, description=N_("Last year of the program (not before the first)."))

    @model_validator(mode="after")
    def _in_order(self) -> Period:
        if self.end_year < self.start_year:
            raise ValueError(f"end_year {self.end_year} is before start_year {self.start_year}")
        return self

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class MethodologyRef(Model):
    """Which methodology (and which version of it) the program follows."""

    id: str = Field(description=N_("Methodology id, as listed by `sedp plugins`."))
    version: str | None = Field(default=None, description=N_("Methodology version; empty means the plugin's default."))


class Approval(Model):
    """The decision that approved the program."""

    body: Text = Field(description=N_("The body that approved it (the local council or assembly)."))
    date: dt.date | None = Field(default=None, description=N_("Date of the decision."))
    decision_number: str | None = Field(default=None, description=N_("Number of the decision."))
    legal_basis: Text | None = Field(
        default=None, description=N_("The law (with its article) the decision is taken under, as the decision cites "
                                  "it; empty: the methodology's default wording, printed as a draft value (an "
                                  "approved program must fill it when its documents cite it)."))


class Confirmation(Model):
    """The municipality's statement that it checked one value its documents print that the plugin's data marks
    "to confirm" (a wording against the official text); `sedp validate` names each such value and its id."""

    item: str = Field(min_length=1, description=N_("The id of the value, as `sedp validate` names it "
                                                "(e.g. `label:kg.aa@2018/res_subject`); `*` stands for any text "
                                                "(`label:kg.aa@2018/*` confirms every label)."))
    by: str = Field(min_length=1, description=N_("Who checked it (name and position)."))
    date: dt.date | None = Field(default=None, description=N_("When it was checked."))
    note: str | None = Field(default=None, description=N_("Against what it was checked (the official text used)."))


class Program(Model):
    """A socio-economic development program of one municipality."""

    id: Identifier
    title: Text = Field(description=N_("Title of the program, per language."))
    methodology: MethodologyRef = Field(description=N_("The methodology the program follows."))
    languages: list[LanguageCode] = Field(
        min_length=1, description=N_("Languages of the documents; the first is the main one.")
    )
    municipality: Municipality
    period: Period
    status: Literal["draft", "approved"] = Field(default="draft", description=N_("Draft or approved."))
    approval: Approval | None = Field(default=None, description=N_("The approval decision, once approved."))
    confirmations: list[Confirmation] = Field(
        default_factory=list, description=N_("Values marked 'to confirm' in the plugin's data that the municipality "
                                          "checked; they then print without the draft mark."))
    situation: SituationAnalysis = Field(default_factory=SituationAnalysis, description=N_("Situation analysis."))
    vision: Text | None = Field(default=None, description=N_("Vision statement."))
    values: list[Text] = Field(default_factory=list, description=N_("Values the community shares."))
    priorities: list[Priority] = Field(default_factory=list, description=N_("Priority areas."))
    goals: list[Goal] = Field(default_factory=list, description=N_("Goals, with their objectives and tasks."))
    activities: list[Activity] = Field(default_factory=list, description=N_("Activities and projects."))
    financing: Financing = Field(description=N_("Resources and financing."))
    monitoring: MonitoringPlan = Field(default_factory=MonitoringPlan,
                                       description=N_("Monitoring and evaluation plan."))
    templates: str | None = Field(
        default=None,
        description=N_("A folder of the municipality's own Word templates, relative to the program file: a "
        "`<document>.docx` in it replaces the methodology's template of that document (a letterhead of its own)."),
    )

    _folder: Path | None = PrivateAttr(default=None)
    # What rendering computes once per program (`sedp_core.validation.memo.per_program`), kept on the program so
    # that it goes with it; None outside a memo scope. Not data: no schema, no dump, ignored by ==.
    _memo: Any = PrivateAttr(default=None)

    @property
    def main_language(self) -> str:
        return self.languages[0]

    @property
    def folder(self) -> Path:
        """The folder of the program file, which the program's pictures are relative to (set when the program is
        validated; the current folder for a program not read from a file)."""
        return self._folder if self._folder is not None else Path()
