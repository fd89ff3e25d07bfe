"""A methodology for the data-exchange tests (workbook, survey, open data) with what the demo lacks: a plugin list
with a nested list, a codelist-bound field, a date, a yes/no, a list of ids, a list of free texts, a single
language, an id such as "1.10", a text starting with "=", fields marked personal, and a plugin exporter."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from sedp_core import Codelist, CodelistUse, Methodology, hookimpl
from sedp_core.exchange.pabulib import PbProject, write_pabulib
from sedp_core.models import Identifier, Model, Program, Text, Year
from sedp_core.registry.manager import get_plugin_manager, reset_plugin_manager


class Repair(Model):
    """A repair of a well."""

    year: Year
    cost: float = Field(ge=0, description="Cost of the repair.")
    contractor_phone: str | None = Field(default=None, description="Phone of the contractor.",
                                         json_schema_extra={"personal": True})


class Well(Model):
    """A well of the valley."""

    id: Identifier
    name: Text = Field(description="Name of the well.")
    kind: str = Field(description="Kind of well, codelist 'well_kind'.")
    depth_m: float | None = Field(default=None, description="Depth in metres.")
    working: bool = Field(default=True, description="Whether it gives water.")
    dug_on: dt.date | None = Field(default=None, description="When it was dug.")
    users: list[Identifier] = Field(default_factory=list, description="Ids of the households using it.")
    status: Literal["open", "closed"] = Field(default="open", description="Open or closed.")
    notes: list[str] = Field(default_factory=list, description="Free remarks.")
    repairs: list[Repair] = Field(default_factory=list, description="Repairs made.")
    task: Identifier | None = Field(default=None, description="Id of the task the well serves.")


class Caretaker(Model):
    """A resident who looks after a well."""

    name: str = Field(description="Full name.")
    phone: str = Field(description="Phone number.")


class WellsProgram(Program):
    """A program with wells."""

    wells: list[Well] = Field(default_factory=list, description="Wells of the valley.")
    caretakers: list[Caretaker] = Field(default_factory=list, description="Caretakers of the wells.",
                                        json_schema_extra={"personal": True})


@dataclass(frozen=True)
class SurveyingMethodology(Methodology):
    """A methodology that declares the list its survey collects (the field proposed for `Methodology`)."""

    surveys: tuple[str, ...] = ()


METHODOLOGY = SurveyingMethodology(
    id="wells",
    version="1",
    title={"en": "Wells methodology"},
    languages=("en",),
    program_model=WellsProgram,
    codelist_uses=(CodelistUse("/wells/*/kind", "well_kind"),),
    labels={"wells": {"en": "Wells"}, "field.depth_m": {"en": "Depth (m)"}},
    default=True,
    surveys=("/wells",),
)

PHONES = ("+976 9911 2233", "+976 8800 1122")
PERSON = "Bat Dorj"


def export_pb(program: WellsProgram, methodology: Methodology, out_path: Path) -> list[Path]:
    """How a plugin exports Pabulib: it builds projects from its own data and calls the core writer."""
    projects = [PbProject(w.id, sum(r.cost for r in w.repairs), str(w.name), votes=len(w.users),
                          selected=w.working) for w in program.wells]
    meta = {"description": str(program.title), "country": "Testland", "unit": str(program.municipality.name),
            "instance": program.period.start_year, "budget": 10000, "vote_type": "approval", "rule": "greedy"}
    return [write_pabulib(out_path, meta, projects)]


class WellsPlugin:
    @hookimpl
    def sedp_register_methodologies(self, register: Any) -> None:
        register(METHODOLOGY)

    @hookimpl
    def sedp_register_codelists(self, register: Any) -> None:
        register(Codelist("well_kind", {"dug": {"en": "Dug well"}, "bored": {"en": "Bored well"}}))

    @hookimpl
    def sedp_register_exporters(self, register: Any) -> None:
        register("wells-pb", export_pb, "Pabulib instance of the wells (test plugin).")


def wells_data() -> dict[str, Any]:
    return {
        "id": "wells-1",
        "title": "Wells of Upper Valley",
        "methodology": {"id": "wells"},
        "languages": ["en"],
        "municipality": {"name": "Upper Valley", "kind": "valley", "population": 900},
        "period": {"start_year": 2025, "end_year": 2026},
        "goals": [{"id": "1.10", "title": "Water for all", "objectives": [
            {"id": "1.10.1", "title": "Working wells", "tasks": [
                {"id": "T1", "title": "Repair wells", "indicators": [
                    {"code": "W1", "name": "Working wells", "unit": "wells", "baseline": {"value": 1, "year": 2024},
                     "targets": [{"year": 2026, "value": 3}]}]}]}]}],
        "financing": {"currency": "USD", "sources": [
            {"id": "LB", "kind": "local_budget", "name": "Local budget", "amounts": [{"year": 2025, "amount": 100}]}]},
        "wells": [
            {"id": "W-01", "name": "North well", "kind": "dug", "depth_m": 12.5, "working": False,
             "dug_on": "1998-05-01", "users": ["H1", "H2"], "status": "closed", "notes": ["Old", "=needs care"],
             "task": "T1", "repairs": [{"year": 2025, "cost": 1500.75, "contractor_phone": PHONES[0]}]},
            {"id": "W-02", "name": "South well", "kind": "bored"},
        ],
        "caretakers": [{"name": PERSON, "phone": PHONES[1]}],
    }


def wells_registered() -> Iterator[WellsPlugin]:
    """Register the wells methodology in process (with a fresh registry) for one test; body of a fixture."""
    reset_plugin_manager()
    plugin = WellsPlugin()
    get_plugin_manager().register(plugin, name="wells")
    yield plugin
    reset_plugin_manager()


def write_wells_program(folder: Path) -> Path:
    """Write the wells program as JSON into `folder`."""
    path = folder / "wells.json"
    path.write_text(json.dumps(wells_data(), ensure_ascii=False), encoding="utf-8")
    return path
