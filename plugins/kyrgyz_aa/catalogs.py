"""National-strategy catalogs, read from data/catalogs/*.yaml so that experts can update them without a release."""

from __future__ import annotations

from sedp_core import Catalog, CatalogEntry

from .datafiles import DATA_DIR, read_yaml, split_notes

__all__ = ["load_catalogs"]


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
