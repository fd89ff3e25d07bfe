"""National-strategy catalogs, read from data/catalogs/*.yaml so that experts can update them without a release."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sedp_core import Catalog, CatalogEntry
from sedp_kyrgyz_aa.datafiles import DATA_DIR, read_yaml, split_notes

__all__ = ["CatalogExtras", "catalog_extras", "load_catalogs"]


@dataclass(frozen=True)
class CatalogExtras:
    """What the plugin's catalog files say beyond the core's Catalog: the years a document is in force and the
    official numbers of entries (as the national document numbers them: "II", "6.2")."""

    valid_from: int
    valid_to: int
    official_codes: dict[str, str]


@functools.cache
def catalog_extras(catalog_id: str) -> CatalogExtras:
    """The extras of one of the plugin's catalogs (a catalog of another plugin: always in force, no numbers)."""
    for path in sorted((DATA_DIR / "catalogs").glob("*.yaml")):
        raw = read_yaml(path)
        if raw["id"] == catalog_id:
            valid = raw.get("valid") or {}
            return CatalogExtras(int(valid.get("from", 0)), int(valid.get("to", 9999)),
                                 {str(e["code"]): str(e["official_code"]) for e in raw["entries"]
                                  if e.get("official_code")})
    return CatalogExtras(0, 9999, {})


def load_catalogs() -> list[Catalog]:
    catalogs = []
    for path in sorted((DATA_DIR / "catalogs").glob("*.yaml")):
        raw = read_yaml(path)
        entries = tuple(
            CatalogEntry(
                code=str(e["code"]),
                title=split_notes(e["title"])[0],
                parent=e.get("parent"),
                level=e.get("level"),
                status=str(e.get("status", "confirmed")),
            )
            for e in raw["entries"]
        )
        catalogs.append(Catalog(raw["id"], str(raw["version"]), split_notes(raw["title"])[0], entries,
                                raw.get("source"), data_file=f"sedp_kyrgyz_aa: data/catalogs/{path.name}"))
    return catalogs
