"""The plugin's template filters (registered in plugin.py): money in thousand som and dates in official wording."""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from sedp_kyrgyz_aa.datafiles import load_version
from sedp_kyrgyz_aa.formatting import format_kg_date, format_thousands

__all__ = ["kg_date", "kg_th"]


@pass_context
def kg_th(ctx: Context, value: Any) -> str:
    """`{{ row.cost|kg_th }}`: som shown in thousand som, as the Kyrgyz tables head their money columns."""
    return format_thousands(value, ctx["language"], load_version(ctx["methodology"]["version"]).thousands_digits)


@pass_context
def kg_date(ctx: Context, value: Any, style: str = "long") -> str:
    """`{{ d|kg_date }}`: a date in the official wording ('2025-жылдын 7-апрели'); style 'of' for decisions."""
    return format_kg_date(value, ctx["language"], load_version(ctx["methodology"]["version"]), style)
