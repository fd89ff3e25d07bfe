"""Numbers, money, percentages and dates follow each language's CLDR conventions (through babel)."""

from __future__ import annotations

import datetime as dt

import pytest

from sedp_core.rendering.formatting import (
    DASH,
    currency_symbol,
    first_upper,
    format_date,
    format_money,
    format_number,
    format_percent,
)
from sedp_core.rendering.unconfirmed import Unconfirmed, mark, plain

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


# --- rounding: half away from zero, as budget tables are read -------------------------------------------------

LANGUAGES = ["en", "mn", "ru", "ky", "tg"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("value", "digits", "expected"), [
    (1487.25, 1, "1487.3"), (2.5, 0, "3"), (3.5, 0, "4"), (-2.5, 0, "-3"), (0.125, 2, "0.13"), (2.675, 2, "2.68"),
    (1487.35, 1, "1487.4"), (-0.4, 0, "0"), (1_000_000.5, 0, "1000001"),
])
def test_numbers_round_half_away_from_zero_in_every_language(language: str, value: float, digits: int,
                                                               expected: str) -> None:
    from babel.numbers import get_decimal_symbol

    printed = format_number(value, language, digits)
    plain = "".join(ch for ch in printed if ch.isdigit() or ch in "-−" or ch == get_decimal_symbol(language))
    assert plain.replace(get_decimal_symbol(language), ".").replace("−", "-") == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_money_and_percentages_round_half_away_from_zero(language: str) -> None:
    assert format_money(1487.25, language, "", 1) == format_number(1487.3, language, 1)
    assert format_money(2.5, language, "₮") == format_money(3, language, "₮")
    assert format_percent(0.125, language) == format_percent(0.13, language)
    assert format_percent(0.49675, language, 2) == format_percent(0.4968, language, 2)


def test_a_share_compared_with_a_threshold_keeps_its_decimal() -> None:
    assert format_percent(0.4967, "en", 1) == "49.7%"  # not the "50%" a quorum of 50 % would read as met
    assert format_percent(0.4967, "ru", 1) == f"49,7{NBSP}%"


def test_a_column_of_rounded_halves_adds_up_to_its_rounded_total() -> None:
    # The case: 1 487,25 printed 1 487,2 (half to even) under a total that counted it as 1 487,3.
    lines = [1487.25, 24325.5]
    assert format_number(sum(lines), "ru", 1) == f"25{NBSP}812,8"
    assert [format_number(v, "ru", 1) for v in lines] == [f"1{NBSP}487,3", f"24{NBSP}325,5"]  # 25 812,8


def test_shares_add_up_to_the_hundred_percent_printed_under_them() -> None:
    from decimal import Decimal

    from sedp_core.rendering.formatting import shares_adding_up

    for amounts in ([1, 1, 1], [2, 2, 2, 1, 1, 1, 1], [5.0, 3.3, 1.7, None, 0], [1, 10**9]):
        shares = shares_adding_up(amounts, 1)
        printed = [Decimal(format_percent(s, "en", 1).rstrip("%")) for s in shares if s is not None]
        assert sum(printed) == 100
        exact = [a / sum(x for x in amounts if x) for a in amounts if a is not None]
        assert all(abs(float(p) / 100 - e) < 0.0011 for p, e in zip(printed, exact, strict=True))
    assert shares_adding_up([0, 0]) == [None, None]


def test_first_upper_capitalizes_only_the_first_letter_even_behind_a_draft_mark() -> None:
    assert first_upper("ичүүчү суу") == "Ичүүчү суу"
    assert first_upper("өрөөн ЖОЖ") == "Өрөөн ЖОЖ"  # the rest as it is, not str.capitalize
    assert first_upper("") == ""
    marked = mark("үй-бүлө", Unconfirmed("data:x/y", "a title", "test", "confirm it"))
    assert plain(first_upper(marked)) == "Үй-бүлө"
