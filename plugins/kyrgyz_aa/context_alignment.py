"""Chapter 8: alignment with the national catalogs, with coverage and the entries still to confirm."""

from __future__ import annotations

from typing import Any

from sedp_core import Methodology
from sedp_core.models import AlignmentLink
from sedp_core.numbering import numbered, reader_numbers
from sedp_core.registry import get_registry
from sedp_core.unconfirmed import catalog_title, entry_title
from sedp_core.walk import iter_values

from .context_fmt import Fmt, Tr
from .models import AaProgram

__all__ = ["alignment"]


def alignment(program: AaProgram, methodology: Methodology, f: Fmt, tr: Tr) -> dict[str, Any]:
    # The core's alignment rows carry no per-entry mark or coverage sentence; the walk is short, so it is redone.
    registry = get_registry()
    values = dict(iter_values(program))
    numbers = reader_numbers(program)  # the program's items by chapter 5's numbers, never their ids
    links: dict[tuple[str, str], list[str]] = {}
    for pointer, value in values.items():
        if isinstance(value, AlignmentLink):
            owner = values[pointer.rsplit("/alignment/", 1)[0]]
            links.setdefault((value.catalog, value.code), []).append(numbered(numbers, owner, tr(owner.title)))
    rows, lines, uncovered = [], [], []
    for cid in methodology.catalogs:
        catalog = registry.catalogs[cid]
        covered = 0
        # With several national documents, a heading row names the document its entries come from.
        heading = len(rows)
        for e in catalog.entries:
            parts = links.get((cid, e.code))
            if parts:
                covered += 1
                # An unconfirmed title is marked by the core (highlighted in a draft, an error when approved).
                rows.append({"code": e.code, "entry": entry_title(catalog, e, f.language), "parts": "; ".join(parts)})
            else:
                uncovered.append(entry_title(catalog, e, f.language))
        if covered and len(methodology.catalogs) > 1:
            rows.insert(heading, {"code": "", "entry": catalog_title(catalog, f.language), "parts": ""})
        lines.append(f.phrase("coverage_line", title=catalog_title(catalog, f.language), covered=covered,
                              total=len(catalog.entries)))
    return {"alignment_rows": rows, "coverage_lines": "; ".join(lines), "uncovered_text": "; ".join(uncovered)}
