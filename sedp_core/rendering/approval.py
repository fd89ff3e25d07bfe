"""A rule that renders: an approved program's documents print no value still to confirm.

It needs the renderer, so it lives in the rendering stage and is registered by
`rendering/rules_plugin.py` (as `core.unconfirmed`, after the core rules).
"""

from __future__ import annotations

from collections.abc import Iterator

from sedp_core.findings import Finding
from sedp_core.i18n import N_, Term
from sedp_core.models import Program
from sedp_core.validation.context import ValidationContext
from sedp_core.validation.core_rules import finding


def unconfirmed(program: Program, ctx: ValidationContext) -> Iterator[Finding]:
    """An approved program's documents print no value that the plugin's data marks "to confirm" (a wording, a
    title, a legal article) and no text missing in the document's language, unless the program confirms it."""
    if program.status != "approved":
        return
    ctx.require_whole_program()  # rendering a program with parts left out would not show what it prints
    from sedp_core.errors import SedpError
    from sedp_core.rendering.render import unconfirmed_in_documents

    try:
        found = unconfirmed_in_documents(program, ctx.methodology)
    except SedpError as exc:
        yield finding("status.approved-unchecked", "error", "/status",
                      N_("the documents could not be rendered to check them for unconfirmed values: {error}"),
                      error=str(exc))
        return
    for item, documents in found.items():
        where = item.field or "/confirmations"
        if item.field:
            confirm: str | Term = Term(N_("fill {field} with the text your decision uses; or, if the default printed "
                                          "is right, add {{item: {item}, by: ...}} to /confirmations"),
                                       field=item.field, item=item.id)
        elif item.id.startswith("missing:"):
            confirm = item.how
        else:
            confirm = Term(N_("{how}; or, once the municipality has checked it, add {{item: {item}, by: ...}} "
                              "to /confirmations"), how=item.how, item=item.id)
        shown: str | Term = ", ".join(documents)
        if len(documents) > 4:
            shown = Term(N_("{documents} and {n} more"), documents=", ".join(documents[:4]), n=len(documents) - 4)
        yield finding("status.approved-unconfirmed", "error", where,
                      N_("the program is approved but {what} is not confirmed (from {source}); "
                         "printed in {documents}. To confirm it: {how}"),
                      item=item.id, what=item.what, source=item.source, how=confirm, documents=shown)
