"""Kyrgyz-methodology formatting: dates in the official wording, amounts in thousand som.

Both are driven by the version's data (dates.yaml, thousands_digits): CLDR's Kyrgyz long date ("2025-ж.,
7-апрель") is not how Kyrgyz official documents write dates ("2025-жылдын 7-апрелиндеги").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sedp_core.rendering.formatting import DASH, format_number
from sedp_kyrgyz_aa.datafiles import VersionData

__all__ = ["format_kg_date", "format_thousands"]


def format_kg_date(value: dt.date | str | None, language: str, data: VersionData, style: str = "long") -> str:
    """`style`: 'long' (a plain date), 'of' (the attributive form before a decision number), 'short' (tables)."""
    if value is None or value == "":
        return DASH
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    spec: dict[str, Any] = data.dates.get(language) or data.dates["en"]
    months = spec["months_of" if style == "of" else "months_long"]
    return str(spec[style]).format(year=value.year, day=value.day, month=months[value.month - 1],
                                   month_no=value.month)


def format_thousands(value: float | None, language: str, digits: int) -> str:
    """An amount in som shown in thousand som: 1 250 000 → '1 250,0' (ru, ky)."""
    if value is None or value == "":
        return DASH
    return format_number(value / 1000, language, digits)
