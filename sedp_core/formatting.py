"""Numbers, money, percentages and dates in the conventions of a language, through babel (CLDR)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

__all__ = ["DASH", "format_date", "format_money", "format_number", "format_percent"]

DASH = "—"
"""What an empty table cell shows, so that a reader sees 'nothing' rather than a forgotten value."""


@functools.cache
def _locale(language: str):  # type: ignore[no-untyped-def]
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@functools.lru_cache(maxsize=64)
def _pattern(pattern: str):  # type: ignore[no-untyped-def]
    """A parsed CLDR number pattern: babel's format_decimal parses its pattern on every call, a third of the cost
    of a number in a table of tens of thousands of rows."""
    from babel.numbers import parse_pattern

    return parse_pattern(pattern)


def format_number(value: float | int | None, language: str, digits: int = 0) -> str:
    """`1234567.8` → '1,234,568' (en), '1 234 568' (ru, ky); `digits` decimals are always shown."""
    if value is None or value == "":
        return DASH
    return _pattern("#,##0" + ("." + "0" * digits if digits > 0 else "")).apply(  # type: ignore[no-any-return]
        value, _locale(language), decimal_quantization=True)


def format_money(value: float | int | None, language: str, symbol: str = "", digits: int = 0) -> str:
    """A grouped amount followed by the currency symbol (₮, сом...) when one is given."""
    if value is None or value == "":
        return DASH
    number = format_number(value, language, digits)
    return f"{number}\u00a0{symbol}" if symbol else number


def format_percent(value: float | None, language: str, digits: int = 0) -> str:
    """`0.254` → '25%' (en), '25 %' (ru)."""
    if value is None:
        return DASH
    locale = _locale(language)
    pattern = locale.percent_formats[None].pattern  # the language's own placement of % ("25 %" in ru)
    if digits > 0:
        pattern = pattern.replace("0", "0." + "0" * digits, 1)
    return _pattern(pattern).apply(value, locale, decimal_quantization=True)  # type: ignore[no-any-return]


def format_date(value: dt.date | str | None, language: str, style: str = "long") -> str:
    """A date in the language's long (default), medium or short form."""
    if value is None or value == "":
        return DASH
    from babel.dates import format_date as babel_date

    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return babel_date(value, style, locale=_locale(language))


def currency_symbol(currency: str, language: str, overrides: Mapping[str, Any] | None = None) -> str:
    """The symbol a document in `language` uses for `currency`: the methodology's choice (one for all languages,
    or one per language), else CLDR's."""
    choice = (overrides or {}).get(currency)
    if isinstance(choice, str):
        return choice
    if isinstance(choice, Mapping) and language in choice:
        return str(choice[language])
    from babel.numbers import get_currency_symbol

    return get_currency_symbol(currency, locale=_locale(language))
