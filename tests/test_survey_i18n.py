"""Survey forms in Kyrgyz and Mongolian: labels, hints and choices in the form's language, no rule or codelist ids."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from sedp_core.exchange.survey import form_bytes
from sedp_core.registry.collect import get_registry


def _sheets(methodology_id: str, language: str) -> dict[str, list[dict]]:
    methodology = get_registry().methodology(methodology_id, None)
    wb = openpyxl.load_workbook(io.BytesIO(form_bytes(methodology, languages=[language])))
    out = {}
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        out[ws.title] = [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]
    return out


@pytest.mark.parametrize(("methodology_id", "language"), [("kg.aa", "ky"), ("kg.aa", "ru"), ("mn.onhs", "mn")])
def test_a_form_s_words_are_in_its_language(methodology_id: str, language: str) -> None:
    english, form = _sheets(methodology_id, "en"), _sheets(methodology_id, language)
    same = []
    for sheet in ("survey", "choices"):
        for en_row, row in zip(english[sheet], form[sheet], strict=True):
            en_texts = [v for k, v in en_row.items() if k and k.startswith(("label::", "hint::")) and v]
            texts = [v for k, v in row.items() if k and k.startswith(("label::", "hint::")) and v]
            same += [t for t in texts if t in en_texts and re.search("[A-Za-z]{3}", t)]
    assert not same, same


@pytest.mark.parametrize("language", ["en", "ky", "mn"])
def test_hints_name_no_rule_or_codelist_ids(language: str) -> None:
    for methodology_id in ("kg.aa", "mn.onhs"):
        hints = [v for row in _sheets(methodology_id, language)["survey"] for k, v in row.items()
                 if k and k.startswith("hint::") and v]
        bad = [h for h in hints if re.search(r"codelist|\brule\b|\b(aa|onhs)\.[a-z-]+|'kg\.|'mn\.", h)]
        assert not bad, bad
