"""The municipality a program is for."""

from __future__ import annotations

from pydantic import Field

from sedp_core.models.common import Amount, Count, Model, Text, Year

__all__ = ["Municipality", "ParentUnit"]


class ParentUnit(Model):
    """An administrative unit the municipality belongs to (province, district, ...)."""

    kind: str = Field(description="Level code from the methodology's codelist of administrative levels.")
    name: Text = Field(description="Name of the unit.")


class Municipality(Model):
    """The local government unit whose program this is."""

    name: Text = Field(description="Official name of the municipality.")
    kind: str = Field(description="Kind or level code from the methodology's codelist of administrative levels.")
    code: str | None = Field(default=None, description="Official territorial code, where one exists.")
    parent_units: list[ParentUnit] = Field(default_factory=list, description="Higher units, from the nearest up.")
    population: Count | None = Field(default=None, description="Resident population.")
    households: Count | None = Field(default=None, description="Number of households.")
    area_km2: Amount | None = Field(default=None, description="Area in square kilometres.")
    population_year: Year | None = Field(default=None,
                                         description="Year the population and household figures refer to.")
