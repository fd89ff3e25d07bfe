"""Template filters every document can use, registered by `rendering/filters_plugin.py`.

They read the document's language from the template context.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from sedp_core.rendering import formatting


@pass_context
def t(ctx: Context, text: Any) -> str:
    """`{{ goal.title|t }}`: the text in the document's language; a marked placeholder when the program has it
    only in another language (never that language's text)."""
    if text is None or text == "":
        return ""
    from sedp_core.rendering.context import program_text

    return program_text(text, ctx["language"])


@pass_context
def num(ctx: Context, value: Any, digits: int = 0) -> str:
    """`{{ m.population|num }}`: a grouped number; a dash when empty."""
    return formatting.format_number(value, ctx["language"], digits)


@pass_context
def money(ctx: Context, value: Any, digits: int = 0) -> str:
    """`{{ a.cost.amount|money }}`: a grouped amount with the program's currency symbol."""
    return formatting.format_money(value, ctx["language"], ctx["currency_symbol"], digits)


@pass_context
def amount(ctx: Context, value: Any, digits: int = 0) -> str:
    """`{{ total|amount }}`: a grouped amount without symbol (for table cells under a header that names it)."""
    return formatting.format_money(value, ctx["language"], "", digits)


@pass_context
def percent(ctx: Context, value: Any, digits: int = 0) -> str:
    """`{{ share|percent }}`: 0.25 → 25 %."""
    return formatting.format_percent(value, ctx["language"], digits)


@pass_context
def date(ctx: Context, value: Any, style: str = "long") -> str:
    """`{{ program.approval.date|date }}`: a date in the document's language."""
    return formatting.format_date(value, ctx["language"], style)


@pass_context
def label(ctx: Context, key: str, **values: Any) -> str:
    """`{{ "coverage_line"|label(covered=r.covered, total=r.total) }}`: the methodology's label `key` with its
    ``{placeholders}`` filled (`sedp templates check` compares them with the values passed)."""
    from sedp_core.registry.collect import get_registry
    from sedp_core.rendering.context_helpers import fill_label

    info = ctx["methodology"]
    methodology = get_registry().methodology(info.id, info.version)
    return fill_label(methodology, key, ctx["language"], ctx["program"].municipality.kind, values, ctx["labels"])


def dash(value: Any) -> Any:
    """`{{ x|dash }}`: a dash for an empty value, so blank cells are never ambiguous."""
    return formatting.DASH if value is None or value == "" or value == [] else value


CORE_FILTERS = (t, num, money, amount, percent, date, label, dash)
"""Registered under their own names by the core's plugin `rendering/filters_plugin.py`."""
