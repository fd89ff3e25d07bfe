"""Chapter 8: alignment with the national documents the program claims, and the reviewer's annex.

Only catalogs the program links to are shown, and not those that expired before the program's period; the
program's items are named by the document's own numbering (chapter 5 and the action plan), the national entries
by their official number (where the national document numbers them) and name. The directions a program does not
cover are not listed in chapter 8: `sedp validate` lists them (aa.alignment-uncovered) and the reviewer's annex
prints them when the program asks (`review_annexes`).

The rows start from the core's (`alignment_rows`, `alignment_coverage`): one walk of the links, one entry title
(marked while unconfirmed), here only grouped, numbered and worded as the 2018 methodology prints them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sedp_core import Methodology
from sedp_core.validation.walk import alignment_links
from sedp_kyrgyz_aa.catalogs import catalog_extras
from sedp_kyrgyz_aa.context.fmt import Fmt
from sedp_kyrgyz_aa.models import AaProgram
from sedp_kyrgyz_aa.numbering import Numbering

__all__ = ["alignment", "claimed_catalogs"]


def claimed_catalogs(program: AaProgram, methodology: Methodology) -> list[str]:
    """The methodology's catalogs the program links to and that are in force in its period (in the
    methodology's order)."""
    linked = {catalog for catalog, _ in alignment_links(program)}
    return [cid for cid in methodology.catalogs
            if cid in linked and catalog_extras(cid).valid_to >= program.period.start_year]


def alignment(program: AaProgram, methodology: Methodology, core: Mapping[str, Any], f: Fmt,
              nb: Numbering) -> dict[str, Any]:
    rows, lines, review = [], [], []
    coverage = {c.catalog: c for c in core["alignment_coverage"]}
    for cid in claimed_catalogs(program, methodology):
        official = catalog_extras(cid).official_codes
        cov = coverage[cid]

        def name(code: str, title: str, official: dict[str, str] = official) -> str:
            return f"{official[code]}. {title}" if code in official else title

        rows.append({"entry": cov.title, "parts": "", "group": True})
        # An unconfirmed title is marked by the core (highlighted in a draft, an error when approved).
        rows += [{"entry": name(r.code, r.entry), "group": False,
                  "parts": "; ".join(f"{nb.of_pointer(p.pointer)}. {p.title}" for p in r.parts)}
                 for r in core["alignment_rows"] if r.catalog == cid]
        lines.append(f.phrase("coverage_line", title=cov.title, covered=cov.covered,
                              covered_of=f.possessive(cov.covered), total=cov.total))
        if cov.uncovered:
            review.append({"catalog": cov.title, "entries": "; ".join(name(u.code, u.entry) for u in cov.uncovered)})
    return {"alignment_rows": rows, "coverage_lines": lines,
            "review_rows": review if program.review_annexes else []}
