"""Situation analysis: the socio-economic passport and the SWOT analysis."""

from __future__ import annotations

from pydantic import Field

from sedp_core.models.common import Model, Quantity, Text, Year

__all__ = ["PassportIndicator", "SituationAnalysis", "Swot"]


class PassportIndicator(Model):
    """One line of the socio-economic passport."""

    name: Text = Field(description="What is measured.")
    unit: Text = Field(description="Unit of measurement.")
    value: Quantity | None = Field(default=None, description="The value; empty when unknown.")
    year: Year | None = Field(default=None, description="Year the value refers to.")
    source: Text | None = Field(default=None, description="Where the value comes from.")
    group: Text | None = Field(default=None, description="Heading the line is shown under (demography, economy, ...).")


class Swot(Model):
    """SWOT analysis: four lists of short statements."""

    strengths: list[Text] = Field(default_factory=list, description="Internal strengths.")
    weaknesses: list[Text] = Field(default_factory=list, description="Internal weaknesses.")
    opportunities: list[Text] = Field(default_factory=list, description="External opportunities.")
    threats: list[Text] = Field(default_factory=list, description="External threats.")


class SituationAnalysis(Model):
    """What the municipality is like today."""

    summary: Text | None = Field(default=None, description="Narrative summary of the current situation.")
    passport: list[PassportIndicator] = Field(default_factory=list, description="Socio-economic passport.")
    swot: Swot = Field(default_factory=Swot, description="SWOT analysis.")
