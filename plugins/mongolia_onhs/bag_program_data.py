"""Reading the bag development program's data files (`data/bag_program/*.yaml`) once per process.

Wording (labels), Mongolian messages, the approval block and the catalogs of the governor's action program and
the annual development plan are data an expert edits; a malformed file fails at start-up (pydantic).
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sedp_core import Catalog, CatalogEntry

from .data import TO_CONFIRM, data_path, load_yaml

__all__ = ["ApprovalForm", "approval", "catalogs", "labels", "messages", "path"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ApprovalForm(_Data):
    """Who approves a bag program and how the title page's approval block reads (to confirm)."""

    status: str = Field(description="'to confirm' until an expert checks it.")
    source: str = Field(description="Where the wording comes from.")
    body: dict[Literal["mn", "en"], str] = Field(description="The approving body; {aimag}, {soum} are filled.")
    annex_line: dict[Literal["mn", "en"], str] = Field(
        description="The approval block of an approved program: {body_genitive}, {date}, {number}, {number_ord}.")
    body_genitive: dict[Literal["mn", "en"], str] = Field(description="The body in the form the block needs.")


class _Entry(_Data):
    code: str
    level: str
    parent: str | None = None
    status: str
    mn: str
    en: str


class _Catalog(_Data):
    id: str
    version: str
    status: str
    source: str
    title: dict[Literal["mn", "en"], str]
    entries: list[_Entry] = Field(min_length=1)


def path(name: str) -> Any:
    return data_path(f"bag_program/{name}")


def _load(name: str) -> Any:
    return load_yaml(f"bag_program/{name}")  # the plugin's one cached reader


@functools.cache
def labels() -> dict[str, dict[str, str]]:
    """Document wording of the bag program: key → {mn, en}."""
    return {key: dict(texts) for key, texts in _load("labels.yaml").items()}


@functools.cache
def messages() -> dict[str, dict[str, str]]:
    """Finding code → {mn: template}: the plugin's core-code messages plus the bag program's own."""
    from . import data

    return {**data.messages(), **{code: dict(t) for code, t in _load("messages.yaml").items()}}


@functools.cache
def approval() -> ApprovalForm:
    return ApprovalForm.model_validate(_load("approval.yaml"))


@functools.cache
def catalogs() -> tuple[Catalog, ...]:
    """The governor's action program and the annual development plan (sample entries, all to confirm)."""
    result = []
    for raw in _load("catalogs.yaml")["catalogs"]:
        c = _Catalog.model_validate(raw)
        entries = tuple(CatalogEntry(e.code, {"mn": e.mn, "en": e.en}, parent=e.parent, level=e.level,
                                     status="confirmed" if e.status == "confirmed" else TO_CONFIRM)
                        for e in c.entries)
        result.append(Catalog(c.id, c.version, dict(c.title), entries, source=c.source))
    return tuple(result)
