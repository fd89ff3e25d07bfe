"""Numbers typed as text in a workbook cell, read by the workbook language's rules (babel's number parsing).

An officer who types `600 000` or `600,5` into an amount cell means a number written the way their language writes
it. The text is parsed with `babel.numbers.parse_decimal` in strict mode for the workbook's language, so grouping
and decimal signs follow CLDR rather than a hand-made guess. Two conventions are common for the same keyboard:
a decimal point with comma groups (`1,200.5`) and a decimal comma with point or space groups (`1.200,5`). A text
that they read differently (`600,000`: 600 or 600000; `1.200`: 1.2 or 1200) is never guessed: the reader reports
it with both readings, and the officer types it unambiguously (or as a real number cell, which is taken as it is).

A list of integers in one cell (`2025; 2026`) may also be separated by commas, so `1,200` there is one item
(1200, with a group comma) or two (1 and 200): `read_integer_list_text` reports both readings rather than choose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["IntegerListReading", "NumberReading", "babel_locale", "read_integer_list_text", "read_number_text"]

# The two conventions a text is also read with, besides the workbook language's own: English (decimal point,
# comma groups) and German (decimal comma, point groups) stand for them in CLDR.
_CONVENTIONS = ("en", "de")
_SPACES = re.compile(r"[ \u00a0\u202f\u2009\u2007]")
_LOOKS_NUMERIC = re.compile(r"^[+\-\u2212]?[\d.,\s\u00a0\u202f\u2009\u2007]+([eE][+\-]?\d+)?$")


@dataclass(frozen=True)
class NumberReading:
    """What a text in a number cell says: `value` when it has one reading, `readings` (two or more) when the
    conventions disagree, neither when it is not a number (validation then reports the text itself)."""

    value: Decimal | None = None
    readings: tuple[Decimal, ...] = ()


def babel_locale(language: str) -> str:
    """The babel locale for a language code; English when CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError, TypeError):
        return "en"
    return language


def _parse(text: str, locale: str) -> Decimal | None:
    from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

    group = get_group_symbol(locale)
    if _SPACES.fullmatch(group):
        # Keyboards type an ordinary space where CLDR writes a no-break one (ru, ky: `600 000`).
        text = _SPACES.sub(group, text)
    try:
        value = parse_decimal(text, locale=locale, strict=True)
    except (NumberFormatError, ValueError):
        return None
    return value if value.is_finite() else None


def read_number_text(text: str, language: str) -> NumberReading:
    """Read `text` (a cell's text) as a number in `language`'s way, and in the other common conventions."""
    text = text.strip().replace("\u2212", "-")
    if not _LOOKS_NUMERIC.match(text) or not any(ch.isdigit() for ch in text):
        return NumberReading()
    found: list[Decimal] = []
    for locale in dict.fromkeys((babel_locale(language), *_CONVENTIONS)):
        value = _parse(text, locale)
        if value is not None and all(value != other for other in found):
            found.append(value)
    if len(found) == 1:
        return NumberReading(value=found[0])
    return NumberReading(readings=tuple(found)) if found else NumberReading()


@dataclass(frozen=True)
class IntegerListReading:
    """What a cell of a list of integers says: its `items` (texts, each read as a number afterwards), or, when
    the commas of its part `text` may be group separators or item separators, the one number `single` and the
    items `split` instead."""

    items: tuple[str, ...] = ()
    single: Decimal | None = None
    split: tuple[str, ...] = ()
    text: str = ""


def read_integer_list_text(text: str, language: str) -> IntegerListReading:
    """Split a list of integers typed in one cell: items are separated by `;` or line breaks, and by commas
    unless a comma may also group the digits of one integer in some common convention (`1,200`), which is
    ambiguous and returned as such."""
    items: list[str] = []
    for chunk in (p.strip() for p in re.split(r"[;\n]", text)):
        if not chunk:
            continue
        pieces = [p.strip() for p in chunk.split(",") if p.strip()]
        if len(pieces) < 2:
            items.extend(pieces)
            continue
        reading = read_number_text(chunk, language)
        whole = [v for v in (reading.value, *reading.readings) if v is not None and v == v.to_integral_value()]
        if not whole:
            items.extend(pieces)  # `2025,2026`, `2025, 2026`: no convention reads one integer
            continue
        if all(_is_integer(p, language) for p in pieces):
            return IntegerListReading(single=whole[0], split=tuple(pieces), text=chunk)
        items.append(chunk)  # one integer with group commas, since the pieces are not integers
    return IntegerListReading(items=tuple(items))


def _is_integer(text: str, language: str) -> bool:
    value = read_number_text(text, language).value
    return value is not None and value == value.to_integral_value()
