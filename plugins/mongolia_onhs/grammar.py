"""Mongolian numeral agreement for official numbers and dates («15 дугаар», «01 дүгээр сарын 21-ний өдөр»).

Suffixes follow vowel harmony with the last spoken word of the number: нэг (1), дөрөв (4), ес (9), дөч (40) and
ер (90) take the front-vowel forms (дүгээр, -ний); every other last word takes the back-vowel forms (дугаар,
-ны). The words themselves are labels (data); this module only chooses between them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

__all__ = ["front_vowel", "official_date", "ordinal"]

_FRONT_UNITS = {1, 4, 9}
_FRONT_TENS = {4, 9}


def front_vowel(number: int) -> bool:
    """Whether the last spoken word of `number` has front vowels (and so takes дүгээр / -ний)."""
    if number % 10:
        return number % 10 in _FRONT_UNITS
    if number % 100:
        return (number % 100) // 10 in _FRONT_TENS
    return False  # зуу (100), мянга (1000) and their multiples end in back-vowel words


def ordinal(number: str | int, labels: Mapping[str, str]) -> str:
    """'15' → '15 дугаар', '21' → '21 дүгээр'; a number with letters or signs keeps the back-vowel form."""
    text = str(number).strip()
    front = text.isdigit() and front_vowel(int(text))
    return f"{text} {labels['ordinal_front' if front else 'ordinal_back']}"


def official_date(value: dt.date, labels: Mapping[str, str]) -> str:
    """The date as official Mongolian documents write it: «2025 оны 05 дугаар сарын 20-ны өдөр»."""
    month = f"{value.month:02d} {labels['ordinal_front' if front_vowel(value.month) else 'ordinal_back']}"
    day = f"{value.day:02d}-{labels['genitive_front' if front_vowel(value.day) else 'genitive_back']}"
    return labels["date_pattern"].format(year=value.year, month=month, day=day)
