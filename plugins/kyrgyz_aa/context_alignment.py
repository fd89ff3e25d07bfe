"""Chapter 8: alignment with the national documents the program claims, and the reviewer's annex.

Only catalogs the program links to are shown, and not those that expired before the program's period; the
program's items are named by the document's own numbering (chapter 5 and the action plan), the national entries
by their official number (where the national document numbers them) and name. The directions a program does not
cover are not listed in chapter 8: `sedp validate` lists them (aa.alignment-uncovered) and the reviewer's annex
prints them when the program asks (`review_annexes`).
"""

from __future__ import annotations

from typing import Any

from sedp_core import Methodology
from sedp_core.models import AlignmentLink
from sedp_core.registry import get_registry
from sedp_core.unconfirmed import catalog_title, entry_title
from sedp_core.walk import models_of

from .catalogs import catalog_extras
from .context_fmt import Fmt, Tr
from .models import AaProgram
from .numbering import Numbering

__all__ = ["alignment", "claimed_catalogs", "links_by_entry"]


def links_by_entry(program: AaProgram) -> dict[tuple[str, str], list[Any]]:
    """(catalog, code) → the program's items (goals, objectives, tasks, activities) linked to it, in file order."""
    # The program's models are walked once per program (sedp_core.walk.models_of), not once per document.
    models = models_of(program)
    values = dict(models)
    links: dict[tuple[str, str], list[Any]] = {}
    for pointer, value in models:
        if isinstance(value, AlignmentLink):
            owner = values[pointer.rsplit("/alignment/", 1)[0]]
            links.setdefault((value.catalog, value.code), []).append(owner)
    return links


def claimed_catalogs(program: AaProgram, methodology: Methodology) -> list[str]:
    """The methodology's catalogs the program links to and that are in force in its period (in the
    methodology's order)."""
    linked = {catalog for catalog, _ in links_by_entry(program)}
    return [cid for cid in methodology.catalogs
            if cid in linked and catalog_extras(cid).valid_to >= program.period.start_year]


def alignment(program: AaProgram, methodology: Methodology, f: Fmt, tr: Tr, nb: Numbering) -> dict[str, Any]:
    registry = get_registry()
    links = links_by_entry(program)
    claimed = claimed_catalogs(program, methodology)
    rows, lines, review = [], [], []
    for cid in claimed:
        catalog = registry.catalogs[cid]
        official = catalog_extras(cid).official_codes
        covered = 0
        entry_rows = []
        uncovered = []
        for e in catalog.entries:
            # An unconfirmed title is marked by the core (highlighted in a draft, an error when approved).
            title = entry_title(catalog, e, f.language)
            name = f"{official[e.code]}. {title}" if e.code in official else title
            owners = links.get((cid, e.code))
            if not owners:
                uncovered.append(name)
                continue
            covered += 1
            parts = "; ".join(f"{nb.of(o)}. {tr(o.title)}" for o in owners)
            entry_rows.append({"entry": name, "parts": parts, "group": False})
        rows += [{"entry": catalog_title(catalog, f.language), "parts": "", "group": True}, *entry_rows]
        lines.append(f.phrase("coverage_line", title=catalog_title(catalog, f.language), covered=covered,
                              covered_of=f.possessive(covered), total=len(catalog.entries)))
        if uncovered:
            review.append({"catalog": catalog_title(catalog, f.language), "entries": "; ".join(uncovered)})
    return {"alignment_rows": rows, "coverage_lines": lines,
            "review_rows": review if program.review_annexes else []}
