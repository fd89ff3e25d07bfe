"""The program model of a bag development program (Багийн хөгжлийн хөтөлбөр, methodology `mn.bag-program`).

A multi-year program of one bag, the primary administrative unit, carried out in phases (the Selenge aimag
program of 2018 ran in two: 2018-2020 and 2021-2023). It is the core program (passport, SWOT, vision, values,
goals → objectives → tasks with indicators, activities, financing, monitoring) plus the bag's profile, the
phases, and activities that name their phase and the indicator they move.

Codes are checked against the plugin's codelists by the core's codelist rule (`BAG_CODELIST_USES` in
bag/methodology.py).
"""

from __future__ import annotations

from pydantic import Field

from sedp_core.models import Activity, Amount, Count, Identifier, Model, Program, Text, Year

__all__ = ["BagActivity", "BagProfile", "BagProgram", "Phase"]


class Phase(Model):
    """A phase (үе шат) of the program: whole years inside the program period."""

    id: Identifier = Field(description="Short id used by activities, e.g. «I» or «P1».")
    title: Text = Field(description="Name of the phase, e.g. «Нэгдүгээр үе шат».")
    start_year: Year = Field(description="First year of the phase.")
    end_year: Year = Field(description="Last year of the phase.")
    focus: Text | None = Field(default=None, description="What the phase concentrates on.")

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class BagProfile(Model):
    """What the program needs to know about the bag beyond the core municipality fields."""

    type: str = Field(description="Type of bag, a code of the codelist 'mn.bag_type' (village, rural, mixed, centre).")
    centre: Text | None = Field(default=None, description="Where the bag office is (settlement, place name).")
    distance_to_soum_centre_km: Amount | None = Field(
        default=None, description="Distance from the bag office to the soum centre, in km.")
    governor: Text | None = Field(default=None, description="Name of the bag Governor (багийн Засаг дарга).")
    inh_chair: Text | None = Field(default=None, description="Name of the chair of the bag ИНХ (ИНХ-ын дарга).")
    staff: Count | None = Field(default=None, description="Staff of the bag office (governor included).")


class BagActivity(Activity):
    """An activity (арга хэмжээ) of the action plan: the core activity plus its phase and indicator."""

    phase: Identifier | None = Field(
        default=None, description="Id of the phase it belongs to; empty: the phase of its first scheduled year.")
    indicator: Identifier | None = Field(
        default=None, description="Code of the indicator (of the activity's task) the action plan shows for it.")


class BagProgram(Program):
    """A bag development program (Багийн хөгжлийн хөтөлбөр) of one bag, in phases."""

    bag: BagProfile = Field(description="The bag's profile.")
    phases: list[Phase] = Field(min_length=1, description="Phases of the program, in order.")
    activities: list[BagActivity] = Field(
        default_factory=list, description="Activities of the action plan; each serves a task and has financing.")
    approval_line: Text | None = Field(
        default=None,
        description="The title page's approval block exactly as printed, for a program approved by another body "
        "than the plugin's default (aimag ИТХ Presidium, to confirm); empty: built from `approval`.")

