"""Schema errors in the officer's language, each saying how to write the value."""

from __future__ import annotations

from pathlib import Path

import pytest

from sedp_core.input.loader import load_file
from sedp_core.validation.validate import validate_data

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "plugins/kyrgyz_aa/data/sample.yaml"


def _with(tmp_path: Path, old: str, new: str) -> list:
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "aimak.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return validate_data(load_file(path)).report.errors


def test_a_day_first_date_says_how_to_write_it_in_every_language(tmp_path: Path) -> None:
    [error] = _with(tmp_path, "date: 2024-06-17", "date: 05.03.2026")
    assert error.code.startswith("schema.date")
    assert "invalid character" not in error.messages["en"]
    assert "YYYY-MM-DD" in error.messages["en"] and "2026-03-05" in error.messages["en"]
    assert "ЖЖЖЖ-АА-КК" in error.messages["ky"] and "2026-03-05" in error.messages["ky"]
    assert "ГГГГ-ММ-ДД" in error.messages["ru"] and "2026-03-05" in error.messages["ru"]
    assert "ОООО-СС-ӨӨ" in error.messages["mn"] and "2026-03-05" in error.messages["mn"]


@pytest.mark.parametrize(("old", "new", "words"), [
    ("number: \"34\"", "number: [34]", {"ru": "нужен текст"}),
    ("kind: order ", "kind: [order] ", {"ky": "текст керек"}),
])
def test_a_wrong_kind_of_value_is_told_in_kyrgyz_and_russian(tmp_path: Path, old: str, new: str,
                                                            words: dict[str, str]) -> None:
    errors = _with(tmp_path, old, new)
    assert errors
    for language, text in words.items():
        assert any(text in e.messages[language] for e in errors), [e.messages for e in errors]


def test_the_allowed_values_and_limits_are_named(tmp_path: Path) -> None:
    from pydantic import BaseModel, Field, ValidationError

    from sedp_core.validation.schema_messages import schema_messages

    class Example(BaseModel):
        status: str = Field(pattern=r"^[A-Z]{3}$")
        count: int = Field(ge=0)
        flag: bool

    with pytest.raises(ValidationError) as caught:
        Example.model_validate({"status": "som", "count": -1, "flag": "ооба"})
    by_field = {e["loc"][0]: schema_messages([e]) for e in caught.value.errors()}
    assert "KGS" in by_field["status"]["ky"] and "валютанын" in by_field["status"]["ky"]
    assert by_field["count"]["ru"] == "должно быть не меньше 0"
    assert "true (ооба)" in by_field["flag"]["ky"] and "true (тийм)" in by_field["flag"]["mn"]
