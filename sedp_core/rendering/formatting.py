"""Numbers, money, percentages and dates in the conventions of a language, through babel (CLDR).

Numbers round half away from zero before babel formats them (see `sedp_core.number_format`, where the number
formatter lives so that the core's messages can use it too).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping, Sequence
from typing import Any

from sedp_core.number_format import DASH, as_decimal, format_number, locale_for, number_pattern, round_half_up
from sedp_core.rendering.unconfirmed import mark_start

__all__ = ["DASH", "first_upper", "format_date", "format_money", "format_number", "format_percent", "round_half_up",
           "shares_adding_up"]

# The number formatter itself is on the surface, shared with the core's messages (sedp_core.number_format).
_locale, _pattern, _decimal = locale_for, number_pattern, as_decimal


def first_upper(text: str) -> str:
    """`text` with its first letter in upper case, for a table cell or chart label that starts with a title the
    data keeps in lower case because sentences use it too (a codelist title: "ичүүчү суу" → "Ичүүчү суу"). The
    rest is left as it is (not `str.capitalize`, which would lower "ЖОЖ"), and so is a leading unconfirmed mark
    (`sedp_core.rendering.unconfirmed`)."""
    start = mark_start(text)
    return text[:start] + text[start:start + 1].upper() + text[start + 1:]


def shares_adding_up(amounts: Sequence[float | int | None], digits: int = 1) -> list[float | None]:
    """Each amount's share of their sum, as fractions that print (with `digits` decimals of a percent) to exactly
    100 % together: rounded halves away from zero, then the points missing or left over given to, or taken from,
    the shares that rounding moved most (the largest-remainder method statistical tables use), so a shares column
    adds up to the 100 % printed under it. `None` for an amount of None, or for all when the sum is 0."""
    known = [_decimal(a) for a in amounts if a is not None]
    total = sum(known, decimal.Decimal(0))
    if total == 0:
        return [None for _ in amounts]
    step = decimal.Decimal(1).scaleb(-(digits + 2))
    exact = [None if a is None else _decimal(a) / total for a in amounts]
    shares = [None if e is None else round_half_up(e, digits + 2) for e in exact]
    missing = int((1 - sum((x for x in shares if x is not None), decimal.Decimal(0))) / step)
    # the shares rounded down most gain a point first (or those rounded up most lose one)
    order = sorted((i for i, e in enumerate(exact) if e is not None),
                   key=lambda i: (shares[i] - exact[i]) * (1 if missing > 0 else -1))  # type: ignore[operator]
    for i in order[:abs(missing)]:
        shares[i] += step if missing > 0 else -step  # type: ignore[operator]
    return [None if x is None else float(x) for x in shares]


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
    # Round the fraction at the percent's last shown digit (0.4967 → 0.497 → '49.7 %'), halves away from zero.
    rounded = round_half_up(value, max(digits, 0) + 2)
    if rounded == 0:
        rounded = abs(rounded)
    return _pattern(pattern).apply(rounded, locale, decimal_quantization=True)  # type: ignore[no-any-return]


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
