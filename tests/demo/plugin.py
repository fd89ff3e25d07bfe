"""A tiny methodology used by the core's tests: it names no country and shows the hooks at their simplest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field

from sedp_core import Catalog, CatalogEntry, Codelist, CodelistUse, DocumentSpec, Finding, Methodology, hookimpl
from sedp_core.models import Program

HERE = Path(__file__).parent


class DemoProgram(Program):
    """A program under the demo methodology."""

    motto: str | None = Field(default=None, description="A motto printed under the title.")


METHODOLOGY = Methodology(
    id="demo",
    version="1",
    title={"en": "Demo methodology", "ru": "Демонстрационная методика"},
    languages=("en", "ru"),
    program_model=DemoProgram,
    documents=(DocumentSpec("program", {"en": "Program", "ru": "Программа"}, HERE / "program.docx"),),
    catalogs=("demo_strategy",),
    codelist_uses=(CodelistUse("/municipality/kind", "demo_unit"),),
    labels={"goals": {"en": "Goals", "ru": "Цели"}, "page": {"en": "Page", "ru": "Стр."},
            "of": {"en": "of", "ru": "из"}},
    default=True,
    sample=HERE / "sample.yaml",
    messages={"ref.missing-task": {"ru": "мероприятие ссылается на несуществующую задачу {id}"}},
)


@hookimpl
def sedp_register_methodologies(register: Any) -> None:
    register(METHODOLOGY)


@hookimpl
def sedp_register_catalogs(register: Any) -> None:
    register(Catalog("demo_strategy", "1", {"en": "Demo national strategy"},
                     (CatalogEntry("S1", {"en": "Prosperity"}, level="goal"),
                      CatalogEntry("S2", {"en": "Health"}, level="goal"))))


@hookimpl
def sedp_register_codelists(register: Any) -> None:
    register(Codelist("demo_unit", {"town": {"en": "Town"}, "village": {"en": "Village"}}))


@hookimpl
def sedp_register_validators(register: Any) -> None:
    def motto_short(program: DemoProgram, ctx: Any) -> list[Finding]:
        if program.motto and len(program.motto) > 60:
            return [Finding("demo.motto-long", "warning", "/motto", {"en": "the motto is longer than 60 characters"})]
        return []

    register("demo.motto", motto_short, methodologies=("demo",))


@hookimpl
def sedp_document_context(program: Any, methodology: Any, document: Any, language: str) -> dict[str, Any] | None:
    if methodology.id != "demo":
        return None
    return {"motto": program.motto or ""}
