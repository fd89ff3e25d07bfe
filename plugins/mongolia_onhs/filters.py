"""Template filter of the plugin: `onhs_num`, a number with only the decimals it needs (212.4, 3,870, 0.25)."""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from sedp_core.rendering.formatting import format_number

__all__ = ["onhs_num"]

MAX_DIGITS = 2


@pass_context
def onhs_num(ctx: Context, value: Any) -> str:
    """Passport and indicator values mix counts and shares: `num(1)` would print «3,870.0» for a count."""
    if value is None or value == "":
        return format_number(None, ctx["language"])
    digits = next((d for d in range(MAX_DIGITS + 1) if round(value, d) == round(value, MAX_DIGITS)), MAX_DIGITS)
    return format_number(value, ctx["language"], digits)
