"""Schema (pydantic) errors told as an officer needs them: in every catalog language, each with the fix.

pydantic's own messages are English and name no fix ("invalid character in year" for 05.03.2026); this module
turns each error type into a catalog message that says what to write (the date format, the allowed values, a
number written with digits). A type it does not know keeps pydantic's wording after a translated lead.
"""

from __future__ import annotations

import re
from typing import Any

from sedp_core.i18n import N_, Term, catalog_languages, translation

__all__ = ["schema_messages"]

_DATE = ("date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type", "datetime_parsing")
_PATTERNS = {
    # The core's and bundled plugins' patterns, in words (the regular expression itself means nothing to an officer).
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": N_("an id is letters, digits, '.', '_' or '-', starting with a letter or "
                                        "a digit, such as T1.2"),
    r"^[a-z]{2,3}$": N_("a language code of 2 or 3 small letters is expected, such as ky, ru, mn or en"),
    r"^[A-Z]{3}$": N_("a currency code of 3 capital letters is expected, such as KGS or MNT"),
    r"^([01]\d|2[0-3]):[0-5]\d$": N_("a time written HH:MM is expected, such as 09:30"),
    r"^\d{2}-\d{2}$": N_("a day of the year written MM-DD is expected, such as 03-15"),
}


def _example_date(value: Any) -> str:
    """The date a day-first text such as 05.03.2026 most likely means, written YYYY-MM-DD."""
    match = re.fullmatch(r"\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*", value) if isinstance(value, str) else None
    if match and 1 <= int(match[1]) <= 31 and 1 <= int(match[2]) <= 12:
        return f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
    return "2026-03-05"


def _one(err: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(msgid, params) for one pydantic error."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "missing":
        return N_("this field is required"), {}
    if kind == "finite_number":
        return N_("must be a finite number (infinity and NaN are not amounts or quantities)"), {}
    if kind in _DATE:
        return N_("a date must be written YYYY-MM-DD, such as {example}"), {"example": _example_date(err.get("input"))}
    if kind in ("bool_parsing", "bool_type"):
        return N_("write true (yes) or false (no)"), {}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return N_("a whole number is expected, written with digits only, such as 2000"), {}
    if kind in ("float_parsing", "float_type"):
        return N_("a number is expected, written with digits and a decimal point, such as 1500.5"), {}
    if kind in ("literal_error", "enum"):
        return N_("allowed values: {allowed}"), {"allowed": str(ctx.get("expected", ""))}
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        limit = next((ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx), "")
        return {"greater_than_equal": N_("must be {limit} or more"), "greater_than": N_("must be more than {limit}"),
                "less_than_equal": N_("must be {limit} or less"),
                "less_than": N_("must be less than {limit}")}[kind], {"limit": limit}
    if kind == "string_too_long":
        return N_("at most {max} characters"), {"max": ctx.get("max_length", "")}
    if kind == "string_too_short":
        return N_("at least {min} characters"), {"min": ctx.get("min_length", "")}
    if kind == "too_long":
        return N_("at most {max} items"), {"max": ctx.get("max_length", "")}
    if kind == "too_short":
        return N_("at least {min} items"), {"min": ctx.get("min_length", "")}
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern in _PATTERNS:
            return _PATTERNS[pattern], {}
        return N_("the text does not have the expected form ({pattern})"), {"pattern": pattern}
    if kind == "string_type":
        return N_("a text is expected"), {}
    if kind == "list_type":
        return N_("a list is expected (in YAML, lines starting with '- ')"), {}
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return N_("a group of fields is expected (in YAML, indented 'name: value' lines)"), {}
    msg = err.get("msg") or ""
    return N_("the value is not valid: {detail}"), {"detail": msg[:1].lower() + msg[1:]}


def schema_messages(errors: list[dict[str, Any]]) -> dict[str, str]:
    """A finding's `messages` for the pydantic errors of one value (a union fails once per branch: each different
    message is said once, joined by "or")."""
    parts = list(dict.fromkeys((msgid, tuple(sorted(params.items(), key=str))) for msgid, params in map(_one, errors)))
    out = {}
    for language in catalog_languages():
        t = translation(language)
        texts = [t.gettext(msgid).format(**dict(params)) for msgid, params in parts]
        text = texts[0]
        for other in texts[1:]:
            text = Term(N_("{one} or {other}"), one=text, other=other).in_language(language)
        out[language] = text
    return out
