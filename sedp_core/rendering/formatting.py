"""Numbers, money, percentages and dates in the conventions of a language, through babel (CLDR).

Every number is rounded half away from zero (1 487,25 → 1 487,3; −2,5 → −3), as budget tables are read and
checked by hand, before babel formats it: babel (like Python) rounds half to even (1 487,25 → 1 487,2), which makes
a column visibly disagree with its total. A float is taken at its shortest decimal form (`repr`), so 2.675 is
2,675 and rounds to 2,68, not the 2,67 its binary value would give.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["DASH", "format_date", "format_money", "format_number", "format_percent", "round_half_up",
           "shares_adding_up"]

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


def _decimal(value: Any) -> decimal.Decimal:
    """A number as the decimal a reader sees: a float by its shortest form (2.675, not 2.67499999...)."""
    if isinstance(value, decimal.Decimal):
        return value
    if isinstance(value, numbers.Integral):
        return decimal.Decimal(int(value))
    if isinstance(value, numbers.Real):  # float, numpy's float64 (whose repr is "np.float64(...)")
        return decimal.Decimal(repr(float(value)))
    return decimal.Decimal(str(value).strip())


def round_half_up(value: float | int | decimal.Decimal, digits: int = 0) -> decimal.Decimal:
    """`value` rounded to `digits` decimals, halves away from zero: what every formatted number shows, and what a
    context should add up when a table's total must equal the sum of its printed lines."""
    number = _decimal(value)
    if not number.is_finite():
        return number
    return number.quantize(decimal.Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP)


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


def format_number(value: float | int | None, language: str, digits: int = 0) -> str:
    """`1234567.8` → '1,234,568' (en), '1 234 568' (ru, ky); `digits` decimals are always shown; halves round away
    from zero."""
    if value is None or value == "":
        return DASH
    try:
        return _format_number(value, language, digits)
    except TypeError:  # an unhashable value: formatted without the cache
        return _format_number.__wrapped__(value, language, digits)


@functools.lru_cache(maxsize=4096, typed=True)
def _format_number(value: float | int, language: str, digits: int) -> str:
    """`format_number`, remembered: every document of a program formats the same amounts again (a validation of an
    approved program renders all of them), and babel's formatting is most of the cost of a number.
    `typed`: 1 and 1.0 are kept apart, though they print alike."""
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    rounded = round_half_up(value, max(digits, 0))
    if rounded == 0:
        rounded = abs(rounded)  # −0,4 shows as 0, not "−0"
    return _pattern(pattern).apply(rounded, _locale(language), decimal_quantization=True)  # type: ignore[no-any-return]


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
