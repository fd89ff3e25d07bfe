"""Mongolian numeral agreement for official numbers and dates («15 дугаар», «01 дүгээр сарын 21-ний өдөр»).

Suffixes follow vowel harmony with the last spoken word of the number: нэг (1), дөрөв (4), ес (9), дөч (40) and
ер (90) take the front-vowel forms (дүгээр, -ний); every other last word takes the back-vowel forms (дугаар,
-ны). The words themselves are labels (data); this module only chooses between them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

__all__ = ["day_text", "front_vowel", "month_range", "official_date", "ordinal"]

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


def day_text(value: dt.date | None, language: str, labels: Mapping[str, str], day_word: bool = True) -> str:
    """The one date form of every document: «2025 оны 05 дугаар сарын 21-ний өдөр» in Mongolian, the long form
    elsewhere; a blank to fill in by hand when there is no date yet. `day_word=False` leaves out «өдөр» for the
    sentence patterns that say it themselves («... өдрийн 21 дүгээр тогтоол»)."""
    from sedp_core.rendering.formatting import format_date

    if value is None:
        text = labels["blank_date"]
    else:
        text = official_date(value, labels) if language == "mn" else format_date(value, language)
    return labels["s_day"].format(date=text) if day_word else text


def month_range(start: int, end: int, language: str, labels: Mapping[str, str]) -> str:
    """«05–09 дүгээр сар» (the suffix agrees with the last month), «May–September» in English."""
    if language != "mn":
        from babel.dates import get_month_names

        names = get_month_names("wide", locale=language)
        return names[start] if start == end else f"{names[start]}\u2013{names[end]}"
    suffix = labels["ordinal_front" if front_vowel(end) else "ordinal_back"]
    months = f"{start:02d}" if start == end else f"{start:02d}\u2013{end:02d}"
    return labels["s_months"].format(months=months, suffix=suffix)
