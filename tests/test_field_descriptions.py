"""What each field holds reaches the officer in the workbook's language: the hover note of its heading, the
instructions sheet and the survey form's hint, from the core's catalog (the core's fields) or the methodology's
`field_descriptions` (its own), never in English."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import openpyxl
import pytest

from sedp_core.exchange.excel import sheet_names, workbook_bytes
from sedp_core.exchange.survey import form_bytes
from sedp_core.exchange.tabular import build_layout, iter_columns
from sedp_core.registry.collect import get_registry

METHODOLOGIES = [(m, lang) for m, langs in (("kg.aa", ("ky", "ru")), ("mn.onhs", ("mn",)),
                                            ("mn.bag-program", ("mn",))) for lang in langs]


def descriptions(methodology: Any) -> Iterator[tuple[str, str, str]]:
    """(where, key, English description) of every column and list of the methodology's workbook."""
    layout = build_layout(methodology.model)
    for table, col, _ in iter_columns(layout):
        if col.description:
            yield f"{table.name}.{col.key}", col.key, col.description
    for table in layout.tables.values():
        if table.description:
            yield table.name, table.name, table.description


@pytest.mark.parametrize(("methodology_id", "language"), METHODOLOGIES)
def test_every_field_description_has_a_text_in_each_language_of_its_methodology(methodology_id: str,
                                                                                   language: str) -> None:
    m = get_registry().methodology(methodology_id, None)
    missing = {english: where for where, key, english in descriptions(m) if not m.described(english, key, language)}
    assert not missing, (f"{len(missing)} descriptions have no {language} text (the core's catalog for core "
                         f"fields, the plugin's field_descriptions for its own): {sorted(missing.items())[:10]}")


def test_a_plugin_translates_only_descriptions_its_models_have() -> None:
    # A description changed in the model leaves its old translation behind; the new one is then missing (above),
    # and the old one is found here, so that it is translated again rather than forgotten.
    by_file: dict[int, tuple[Any, set[str]]] = {}
    for m in get_registry().methodologies.values():
        _, known = by_file.setdefault(id(m.field_descriptions), (m.field_descriptions, set()))
        known.update(english for _, _, english in descriptions(m))
    stale = sorted(english for texts, known in by_file.values() for english in texts if english not in known)
    assert not stale, f"field_descriptions for descriptions no model has: {stale[:10]}"


def _note(methodology: Any, language: str, table: str, header: str) -> str:
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(methodology, language)))
    ws = wb[sheet_names(build_layout(methodology.model), language, methodology.labels)[table]]
    cell = next(c for c in ws[2] if c.value == header)
    return str(cell.comment.text)


def _english(methodology: Any, table: str, key: str) -> str:
    return next(english for where, _, english in descriptions(methodology) if where == f"{table}.{key}")


@pytest.mark.parametrize(("methodology_id", "language", "table", "header", "own"), [
    # a field the plugin adds, and one of the core
    ("kg.aa", "ky", "villages", "distance_to_centre_km", True),
    ("kg.aa", "ru", "activities", "title[ru]", False),
    ("mn.onhs", "mn", "proposals", "bag", True),
])
def test_a_hover_note_says_what_the_field_holds_in_the_workbooks_language(
        methodology_id: str, language: str, table: str, header: str, own: bool) -> None:
    m = get_registry().methodology(methodology_id, None)
    key = header.split("[")[0]
    english = _english(m, table, key)
    text = m.described(english, key, language)
    assert text and text != english
    assert (text == m.field_descriptions.get(english, {}).get(language)) is own
    note = _note(m, language, table, header)
    assert text in note
    assert english not in note
    assert english in _note(m, "en", table, header)


def test_a_survey_hint_says_what_the_field_holds_in_the_forms_language() -> None:
    m = get_registry().methodology("mn.onhs", None)
    ws = openpyxl.load_workbook(io.BytesIO(form_bytes(m, "/proposals", ["mn"])))["survey"]
    header = [c.value for c in ws[1]]
    hints = {r[header.index("name")]: r[header.index("hint::Mongolian (mn)")] for r in ws.iter_rows(values_only=True)}
    expected = m.field_descriptions[_english(m, "proposals", "bag")]["mn"]
    assert hints["bag"] == expected
