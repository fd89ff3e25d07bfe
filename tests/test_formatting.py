"""Numbers, money, percentages and dates follow each language's CLDR conventions (through babel)."""

from __future__ import annotations

import datetime as dt

import pytest

from sedp_core.formatting import DASH, currency_symbol, format_date, format_money, format_number, format_percent

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1,234,568"), ("mn", "1,234,568"), ("ru", f"1{NBSP}234{NBSP}568"), ("ky", f"1{NBSP}234{NBSP}568")],
)
def test_numbers_are_grouped_per_language(language: str, expected: str) -> None:
    assert format_number(1234567.8, language) == expected


def test_decimals_use_the_language_separator() -> None:
    assert format_number(1234.5, "en", 2) == "1,234.50"
    assert format_number(1234.5, "ru", 2) == f"1{NBSP}234,50"


def test_money_carries_the_symbol_the_methodology_chose() -> None:
    assert format_money(2500000, "mn", "₮") == f"2,500,000{NBSP}₮"
    assert format_money(1500, "ky", "сом") == f"1{NBSP}500{NBSP}сом"
    assert format_money(None, "ky", "сом") == DASH


def test_currency_symbol_comes_from_cldr_unless_overridden() -> None:
    assert currency_symbol("MNT", "mn") == "₮"
    assert currency_symbol("KGS", "ky") == "сом"
    assert currency_symbol("KGS", "ru", {"KGS": "сом"}) == "сом"
    per_language = {"KGS": {"ky": "сом", "ru": "сом"}}
    assert currency_symbol("KGS", "ru", per_language) == "сом"
    assert currency_symbol("KGS", "en", per_language) == "KGS"  # no choice for English: CLDR's


def test_percent() -> None:
    assert format_percent(0.254, "en") == "25%"
    assert format_percent(0.254, "ru") == f"25{NBSP}%"
    assert format_percent(0.2546, "en", 1) == "25.5%"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "April 7, 2025"),
        ("ru", "7 апреля 2025\u202fг."),  # CLDR puts a narrow no-break space before "г."
        ("mn", "2025\u202fоны дөрөвдүгээр сарын 7"),
        ("ky", "2025-ж., 7-апрель"),
    ],
)
def test_long_dates_per_language(language: str, expected: str) -> None:
    assert format_date(dt.date(2025, 4, 7), language) == expected


def test_empty_values_show_a_dash() -> None:
    assert format_number(None, "en") == DASH
    assert format_date("", "ru") == DASH
    assert format_date("2025-04-07", "ru", "short") == "07.04.2025"
