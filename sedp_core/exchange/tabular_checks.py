"""What the grid reader reports so that nothing an officer typed disappears or changes without a word.

`tabular_read` places the cells it can read; this module words the findings for everything else: a column the
sheet lost, a value in a cell that no column reads, a text in a number cell that two conventions read differently,
a sheet that matches no list, merged cells, and rows that look like a total. The English messages live in
`MESSAGES` (one msgid per code) so that they can be handed to the message catalog as they are.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from sedp_core.findings import Finding, Severity
from sedp_core.i18n import N_, Term, messages_for

__all__ = ["MESSAGES", "format_reading", "is_total_row", "reader_finding", "total_words"]

MESSAGES: dict[str, str] = {
    "reader.ambiguous-number": N_(
        "{column}: the text '{text}' can be read as {first} or as {second}; type the number without group "
        "separators ({first_plain} or {second_plain}) or enter it as a number, not as text"),
    "reader.ambiguous-list": N_(
        "{column}: the text '{text}' can be read as one number, {one}, or as {count} items, {items}; separate "
        "the items with ';' ({items}) or type the one number without group separators ({one_plain})"),
    "reader.missing-column": N_(
        "sheet '{table}' has no column '{column}' (the field names are in row {row}), so that field of every row "
        "would be lost; put the column back (copy it from `sedp excel template`)"),
    "reader.missing-language-column": N_(
        "sheet '{table}' has no column '{column}', so the {language} texts of every row would be lost; put the "
        "column back (copy it from `sedp excel template`)"),
    "reader.duplicate-column": N_(
        "column '{column}' appears twice in sheet '{table}' (first at {first}); only one can be read: delete or "
        "rename the other"),
    "reader.value-dropped": N_(
        "column {column} of sheet '{table}' has values that belong to no field and would be lost ({count}, the "
        "first '{first_value}'); move them into a column with a field name in row {row}, or delete them"),
    "reader.unread-table": N_(
        "sheet '{table}' holds data but is not one of the methodology's lists, so its rows would be lost; {hint}"),
    "reader.missing-table": N_(
        "the workbook has no sheet '{table}'; its list is read as empty (was the sheet deleted or renamed?)"),
    "reader.merged-cells": N_(
        "cells {cells} are merged: only {first} keeps a value and the other cells read as empty; unmerge them "
        "and fill in each cell"),
    "reader.total-row": N_(
        "this row of '{table}' looks like a total ('{text}'): sedp adds up the rows itself, so it would count as "
        "one more item; delete the row if it is a total"),
    "reader.duplicate-field": N_(
        "field '{column}' is given twice on the program sheet (first at {first}); only one value can be kept: "
        "delete the other row"),
}
"""The English msgid of each reader finding; the catalog (`i18n`) has them in ky, ru and mn."""
HINTS: dict[str, str] = {
    "renamed": N_("its columns are those of sheet '{original}': give it that name back"),
    "other": N_("rename it to one of the sheets of `sedp excel template`, or move it to another workbook"),
}


def reader_finding(code: str, severity: Severity, where: str, pointer: str = "", **params: Any) -> Finding:
    """A reader finding worded from `MESSAGES[code]` with `params`, in every catalog language."""
    return Finding(code=code, severity=severity, path=pointer, messages=messages_for(MESSAGES[code], **params),
                   location=where, rule="reader", params={k: str(v) if isinstance(v, Term) else v
                                                          for k, v in params.items()})


def format_reading(value: Decimal, language: str, grouped: bool = True) -> str:
    """A reading as the workbook's language writes it (`600 000`, `1,2`); without groups when `grouped` is
    False, so that the officer can type it back as it is."""
    from babel.numbers import format_decimal

    from sedp_core.exchange.number_text import babel_locale

    return format_decimal(value, locale=babel_locale(language), group_separator=grouped,
                          decimal_quantization=False)


@cache
def _core_total_words() -> dict[str, tuple[str, ...]]:
    import yaml

    path = Path(__file__).with_name("data") / "total_words.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {lang: tuple(str(w) for w in words) for lang, words in data.items()}


def total_words(labels: Mapping[str, Mapping[str, str]] | None = None) -> frozenset[str]:
    """The words that start a total row in any language: the core's list (`data/total_words.yaml`) and a
    methodology's `excel.total_words` label (one word or phrase per line), case-folded."""
    words = {w for group in _core_total_words().values() for w in group}
    for text in (labels or {}).get("excel.total_words", {}).values():
        words |= {line.strip() for line in str(text).splitlines() if line.strip()}
    return frozenset(w.casefold() for w in words)


def is_total_row(texts: Iterable[str], words: Collection[str], has_key: bool) -> str | None:
    """The text that makes a row look like a total, else None: a cell that is a total word (`Итого:`), or, in a
    row without an id, a cell that starts with one (`Всего по программе`). Titles such as `Жалпы билим берүү`
    (general education) have an id, so a word that also starts ordinary titles is not enough on its own."""
    for text in texts:
        folded = text.strip().casefold()
        bare = folded.rstrip(" :.-–—")
        if bare in words or any(folded.startswith(f"{w}:") for w in words):
            return text.strip()
        if not has_key and any(bare.startswith(f"{w} ") for w in words):
            return text.strip()
    return None
