"""Reading the bag development program's data files (`data/bag_program/*.yaml`) once per process.

Wording (labels), Mongolian messages, the approval block and the catalogs of the governor's action program and
the annual development plan are data an expert edits. The catalogs are read as plain data when the plugin
registers (a missing or unknown key fails at start-up, naming the file); the approval block is checked by
pydantic (`data_models.py`) when first used.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from sedp_core import Catalog, CatalogEntry
from sedp_core.rendering.unconfirmed import is_unconfirmed
from sedp_mongolia_onhs.data import TO_CONFIRM, data_path, load_yaml

if TYPE_CHECKING:
    from sedp_mongolia_onhs.data_models import ApprovalForm

__all__ = ["approval", "catalogs", "labels", "messages", "path", "unconfirmed_labels"]


def path(name: str) -> Any:
    return data_path(f"bag_program/{name}")


def _load(name: str) -> Any:
    return load_yaml(f"bag_program/{name}")  # the plugin's one cached reader


@functools.cache
def labels() -> dict[str, dict[str, str]]:
    """Document wording of the bag program: key → {mn, en}."""
    return {key: {k: v for k, v in texts.items() if k not in ("status", "note")}
            for key, texts in _load("labels.yaml").items()}


@functools.cache
def unconfirmed_labels() -> dict[str, str]:
    """Label key → reviewer's note, for every label marked `status: to confirm` (the core marks them)."""
    return {key: str(texts.get("note", "")) for key, texts in _load("labels.yaml").items()
            if is_unconfirmed(texts.get("status"))}


@functools.cache
def messages() -> dict[str, dict[str, str]]:
    """Finding code → {mn: template}: the plugin's core-code messages plus the bag program's own."""
    from sedp_mongolia_onhs import data

    return {**data.messages(), **{code: dict(t) for code, t in _load("messages.yaml").items()}}


@functools.cache
def approval() -> ApprovalForm:
    from sedp_mongolia_onhs.data_models import ApprovalForm

    return ApprovalForm.model_validate(_load("approval.yaml"))


_CATALOG_KEYS = {"id", "version", "status", "source", "title", "entries"}
_ENTRY_KEYS = {"code", "level", "parent", "status", "mn", "en"}
_LANGUAGES = ("mn", "en")


def _keys(raw: dict[str, Any], allowed: set[str], optional: set[str], where: str) -> None:
    """Unknown or missing keys of a catalog (or entry) in catalogs.yaml are an expert's typo: name them."""
    unknown, missing = set(raw) - allowed, allowed - optional - set(raw)
    if unknown or missing:
        raise ValueError(f"data/bag_program/catalogs.yaml, {where}: "
                         + "; ".join(filter(None, [unknown and f"unknown key(s) {sorted(unknown)}",
                                                   missing and f"missing key(s) {sorted(missing)}"])))


@functools.cache
def catalogs() -> tuple[Catalog, ...]:
    """The governor's action program and the annual development plan (sample entries, all to confirm)."""
    result = []
    for raw in _load("catalogs.yaml")["catalogs"]:
        _keys(raw, _CATALOG_KEYS, set(), f"catalog {raw.get('id')!r}")
        if not raw["entries"]:
            raise ValueError(f"data/bag_program/catalogs.yaml, catalog {raw['id']!r}: no entries")
        entries = []
        for e in raw["entries"]:
            _keys(e, _ENTRY_KEYS, {"parent"}, f"entry {e.get('code')!r}")
            entries.append(CatalogEntry(str(e["code"]), {lang: str(e[lang]) for lang in _LANGUAGES},
                                        parent=e.get("parent"), level=str(e["level"]),
                                        status="confirmed" if e["status"] == "confirmed" else TO_CONFIRM))
        title = {lang: str(raw["title"][lang]) for lang in _LANGUAGES if lang in raw["title"]}
        # A sample structure: its title and entries are marked until an expert puts the actual document here.
        result.append(Catalog(str(raw["id"]), str(raw["version"]), title, tuple(entries), source=str(raw["source"]),
                              data_file="sedp_mongolia_onhs: data/bag_program/catalogs.yaml",
                              status=str(raw["status"])))
    return tuple(result)
