"""Situation analysis: the socio-economic passport and the SWOT analysis."""

from __future__ import annotations

from pydantic import Field

from sedp_core.i18n import N_
from sedp_core.models.common import Model, Quantity, Text, Year

__all__ = ["PassportIndicator", "SituationAnalysis", "Swot"]


class PassportIndicator(Model):
    """One line of the socio-economic passport."""

    name: Text = Field(description=N_("What is measured."))
    unit: Text = Field(description=N_("Unit of measurement."))
    value: Quantity | None = Field(default=None, description=N_("The value; empty when unknown."))
    year: Year | None = Field(default=None, description=N_("Year the value refers to."))
    source: Text | None = Field(default=None, description=N_("Where the value comes from."))
    group: Text | None = Field(default=None,
                               description=N_("Heading the line is shown under (demography, economy, ...)."))


class Swot(Model):
    """SWOT analysis: four lists of short statements."""

    strengths: list[Text] = Field(default_factory=list, description=N_("Internal strengths."))
    weaknesses: list[Text] = Field(default_factory=list, description=N_("Internal weaknesses."))
    opportunities: list[Text] = Field(default_factory=list, description=N_("External opportunities."))
    threats: list[Text] = Field(default_factory=list, description=N_("External threats."))


class SituationAnalysis(Model):
    """What the municipality is like today."""

    summary: Text | None = Field(default=None, description=N_("Narrative summary of the current situation."))
    passport: list[PassportIndicator] = Field(default_factory=list, description=N_("Socio-economic passport."))
    swot: Swot = Field(default_factory=Swot, description=N_("SWOT analysis."))
