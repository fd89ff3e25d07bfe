"""Building blocks shared by every section of a program: identifiers, multilingual text, years, money."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

from sedp_core.i18n import N_

__all__ = ["MAX_NUMBER", "Amount", "Count", "Identifier", "LanguageCode", "Model", "Money", "Quantity", "Text", "Year",
           "YearAmount", "YearValue", "pick_text"]

MAX_NUMBER = 10**15
"""The largest amount, count or quantity a program may state (a thousand trillion). Far above any municipal
budget in any currency, and far below what a document can print: an amount of 1e26 or more cannot be rounded to
its digits, so without a bound the render fails long after validation said the program was fine."""

# Money and quantities are finite and bounded: YAML `.inf`, `1e309`, JSON `Infinity` or `NaN` would otherwise be
# read as a float and printed as "∞" in an official document.
Amount = Annotated[float, Field(ge=0, le=MAX_NUMBER, allow_inf_nan=False)]
"""An amount of money or any non-negative measure (a cost, an area, a distance): finite, 0 to MAX_NUMBER."""
Quantity = Annotated[float, Field(ge=-MAX_NUMBER, le=MAX_NUMBER, allow_inf_nan=False)]
"""A value that may be negative (an indicator, a change): finite, within ±MAX_NUMBER."""
Count = Annotated[int, Field(ge=0, le=MAX_NUMBER)]
"""A number of persons, households, votes...: a whole number from 0 to MAX_NUMBER."""

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=64),
    Field(description=N_(
        "A stable identifier: letters, digits, '.', '_' or '-'; other parts of the program refer to it.")),
]
LanguageCode = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}$"),
    Field(description=N_("An ISO 639 language code such as 'mn', 'ky', 'ru' or 'en'.")),
]
_PerLanguage = Annotated[
    dict[LanguageCode, str],
    Field(min_length=1),
    WithJsonSchema(
        {
            "type": "object",
            "patternProperties": {"^[a-z]{2,3}$": {"type": "string"}},
            "additionalProperties": False,
            "minProperties": 1,
        }
    ),
]
Text = Annotated[
    str | _PerLanguage,
    Field(
        description=N_(
            "Text in the program's main language, or an object with one text per language code "
            "(for example {ky: ..., ru: ...})."
        )
    ),
]
Year = Annotated[int, Field(ge=1990, le=2100, description=N_("A calendar year."))]


class Model(BaseModel):
    """Base of every program model: unknown fields are refused (the validator reports them as warnings)."""

    # defer_build: a model's validator is built when first used, so commands that only list methodologies
    # (sedp plugins, --help of plugin commands) do not pay for every plugin's model.
    # allow_inf_nan=False: any float field a plugin declares without Amount or Quantity still refuses infinity/NaN.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, validate_default=True, defer_build=True,
                              allow_inf_nan=False)


class Money(Model):
    """An amount of money in a currency."""

    amount: Amount = Field(description=N_("The amount, in units of the currency (not thousands)."))
    currency: str = Field(pattern=r"^[A-Z]{3}$", description=N_("ISO 4217 currency code, e.g. MNT or KGS."))


class YearValue(Model):
    """A value for one year (a target, a measurement)."""

    year: Year
    value: Quantity = Field(description=N_("The value in the indicator's unit."))


class YearAmount(Model):
    """An amount of money for one year, in the program's currency."""

    year: Year
    amount: Amount = Field(description=N_("The amount, in units of the program's currency."))


def pick_text(text: str | dict[str, str] | None, language: str, fallback: list[str] | tuple[str, ...] = ()) -> str:
    """Return the text for `language`, falling back to the given languages, then to any text present."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for lang in (language, *fallback):
        if text.get(lang):
            return text[lang]
    return next(iter(text.values()), "")
