"""Numbers in the conventions of a language, through babel (CLDR): the one formatter that the core's messages
(`sedp_core.i18n`, any stage) and the documents (`sedp_core.rendering.formatting`) share.

Every number is rounded half away from zero (1 487,25 → 1 487,3; −2,5 → −3), as budget tables are read and
checked by hand, before babel formats it: babel (like Python) rounds half to even (1 487,25 → 1 487,2), which makes
a column visibly disagree with its total. A float is taken at its shortest decimal form (`repr`), so 2.675 is
2,675 and rounds to 2,68, not the 2,67 its binary value would give.

It lives on the public surface, not in rendering, because validation and input words messages with amounts and
limits in them and must not import the rendering stage (tests/test_import_flow.py).
"""

from __future__ import annotations

import decimal
import functools
import numbers
from typing import Any

__all__ = ["DASH", "as_decimal", "format_number", "locale_for", "number_pattern", "round_half_up"]

DASH = "—"
"""What an empty table cell shows, so that a reader sees 'nothing' rather than a forgotten value."""


@functools.cache
def locale_for(language: str):  # type: ignore[no-untyped-def]
    """babel's Locale of `language`; English for a code babel does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@functools.lru_cache(maxsize=64)
def number_pattern(pattern: str):  # type: ignore[no-untyped-def]
    """A parsed CLDR number pattern: babel's format_decimal parses its pattern on every call, a third of the cost
    of a number in a table of tens of thousands of rows."""
    from babel.numbers import parse_pattern

    return parse_pattern(pattern)


def as_decimal(value: Any) -> decimal.Decimal:
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
    number = as_decimal(value)
    if not number.is_finite():
        return number
    return number.quantize(decimal.Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP)


def format_number(value: float | int | None, language: str, digits: int = 0, grouped: bool = True) -> str:
    """`1234567.8` → '1,234,568' (en), '1 234 568' (ru, ky); `digits` decimals are always shown; halves round away
    from zero. `grouped=False` leaves out the thousands separator (the language's decimal sign stays)."""
    if value is None or value == "":
        return DASH
    try:
        return _format_number(value, language, digits, grouped)
    except TypeError:  # an unhashable value: formatted without the cache
        return _format_number.__wrapped__(value, language, digits, grouped)


@functools.lru_cache(maxsize=4096, typed=True)
def _format_number(value: float | int, language: str, digits: int, grouped: bool = True) -> str:
    """`format_number`, remembered: every document of a program formats the same amounts again (a validation of an
    approved program renders all of them), and babel's formatting is most of the cost of a number.
    `typed`: 1 and 1.0 are kept apart, though they print alike."""
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * digits if digits > 0 else "")
    rounded = round_half_up(value, max(digits, 0))
    if rounded == 0:
        rounded = abs(rounded)  # −0,4 shows as 0, not "−0"
    return number_pattern(pattern).apply(rounded, locale_for(language),  # type: ignore[no-any-return]
                                         decimal_quantization=True)
