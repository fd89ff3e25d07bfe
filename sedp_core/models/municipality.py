"""The municipality a program is for."""

from __future__ import annotations

from pydantic import Field

from sedp_core.i18n import N_
from sedp_core.models.common import Amount, Count, Model, Text, Year

__all__ = ["Municipality", "ParentUnit"]


class ParentUnit(Model):
    """An administrative unit the municipality belongs to (province, district, ...)."""

    kind: str = Field(description=N_("Level code from the methodology's codelist of administrative levels."))
    name: Text = Field(description=N_("Name of the unit."))


class Municipality(Model):
    """The local government unit whose program this is."""

    name: Text = Field(description=N_("Official name of the municipality."))
    kind: str = Field(description=N_("Kind or level code from the methodology's codelist of administrative levels."))
    code: str | None = Field(default=None, description=N_("Official territorial code, where one exists."))
    parent_units: list[ParentUnit] = Field(default_factory=list, description=N_("Higher units, from the nearest up."))
    population: Count | None = Field(default=None, description=N_("Resident population."))
    households: Count | None = Field(default=None, description=N_("Number of households."))
    area_km2: Amount | None = Field(default=None, description=N_("Area in square kilometres."))
    population_year: Year | None = Field(default=None,
                                         description=N_("Year the population and household figures refer to."))
