"""A rule that renders: an approved program's documents print no value still to confirm.

It needs the renderer, so it lives in the rendering stage and is registered by
`rendering/rules_plugin.py` (as `core.unconfirmed`, after the core rules).
"""

from __future__ import annotations

from collections.abc import Iterator

from sedp_core.findings import Finding
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
                      f"the documents could not be rendered to check them for unconfirmed values: {exc}",
                      error=str(exc))
        return
    for item, documents in found.items():
        where = item.field or "/confirmations"
        if item.field:
            confirm = (f"fill {item.field} with the text your decision uses; or, if the default printed is "
                       f"right, add {{item: {item.id}, by: ...}} to /confirmations")
        elif item.id.startswith("missing:"):
            confirm = item.how
        else:
            confirm = (f"{item.how}; or, once the municipality has checked it, add {{item: {item.id}, by: ...}} "
                       f"to /confirmations")
        shown = ", ".join(documents[:4]) + (f" and {len(documents) - 4} more" if len(documents) > 4 else "")
        yield finding("status.approved-unconfirmed", "error", where,
                      f"the program is approved but {item.what} is not confirmed (from {item.source}); "
                      f"printed in {shown}. To confirm it: {confirm}",
                      item=item.id, what=item.what, source=item.source, how=confirm, documents=shown)
