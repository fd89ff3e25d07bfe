"""Tables with a column per year or per source: `build_matrix`, the core's matrices, `add_matrix_table`."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sedp_core.authoring.build import add_heading, add_matrix_table, new_document, save_template
from sedp_core.rendering.context import build_context
from sedp_core.rendering.context_rows import Matrix, MatrixRow, build_matrix
from sedp_core.rendering.render import render_to_bytes
from sedp_core.validation.validate import validate_file
from tests.conftest import docx_text


def test_build_matrix_adds_up_cells_and_totals_rows_and_columns() -> None:
    m = build_matrix([("LB", "Local budget"), ("D", "Donor")], [(2026, "2026"), (2027, "2027")],
                     [("LB", 2026, 10), ("LB", 2026, 5), ("D", 2027, 7)], total_label="Total")
    assert m.columns == ("2026", "2027") and m.column_keys == ("2026", "2027")
    assert m.rows == (MatrixRow("LB", "Local budget", (15, None), 15), MatrixRow("D", "Donor", (None, 7), 7))
    assert m.total == MatrixRow("", "Total", (15, 7), 22)
    assert m.rows[0]["label"] == "Local budget"  # rows read by item too
    assert build_matrix([], [(1, "1")], {}).total is None and not build_matrix([], [(1, "1")], {})


def test_a_value_outside_the_rows_and_columns_is_an_error_not_a_lost_amount() -> None:
    with pytest.raises(ValueError, match="2030"):
        build_matrix([("LB", "Local budget")], [(2026, "2026")], {("LB", 2030): 1})


def test_the_core_context_has_the_financing_matrices(demo_plugin: Any, demo_sample: Path) -> None:
    result = validate_file(demo_sample)
    assert result.program is not None
    doc = result.methodology.documents[0]
    ctx = build_context(result.program, result.methodology, doc, "ru")
    by_year = ctx["financing_matrix"]
    assert isinstance(by_year, Matrix)
    assert by_year.columns == ("2025", "2026", "2027")
    assert by_year.rows == (MatrixRow("LB", "Местный бюджет", (1000000, 800000, None), 1800000),)
    by_source = ctx["activity_source_matrix"]
    assert by_source.columns == ("Местный бюджет",)
    assert by_source.rows[0].label == "Здание рынка" and by_source.rows[0].cells == (1500000,)


def _render(template: Path, sample: Path, language: str = "en") -> bytes:
    result = validate_file(sample)
    assert result.program is not None
    spec = dataclasses.replace(result.methodology.documents[0], template=template)
    return render_to_bytes(result.program, result.methodology, spec, language)


def test_a_matrix_table_gets_a_column_per_year_sized_to_the_page(demo_plugin: Any, demo_sample: Path,
                                                                  tmp_path: Path) -> None:
    # Five years, two sources: columns the template does not know when it is built.
    text = demo_sample.read_text(encoding="utf-8").replace("end_year: 2027", "end_year: 2029").replace(
        "amounts: [{year: 2025, amount: 1000000}, {year: 2026, amount: 800000}]",
        "amounts: [{year: 2025, amount: 1000000}, {year: 2026, amount: 800000}]\n"
        "    - id: DN\n      kind: donor\n      name: {en: Donor, ru: Донор}\n"
        "      amounts: [{year: 2029, amount: 250000}]")
    demo_sample.write_text(text, encoding="utf-8")
    doc = new_document()
    add_heading(doc, "Financing")
    add_matrix_table(doc, "financing_matrix", "Source", total_header="Total")
    save_template(doc, tmp_path / "m.docx")
    data = _render(tmp_path / "m.docx", demo_sample)
    import docx

    table = docx.Document(io.BytesIO(data)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Source", "2025", "2026", "2027", "2028", "2029", "Total"]
    assert [c.text for c in table.rows[1].cells] == ["Local budget", "1,000,000", "800,000", "—", "—", "—",
                                                     "1,800,000"]
    assert [c.text for c in table.rows[2].cells][-2:] == ["250,000", "250,000"]
    assert len(table.rows) == 4 and table.rows[3].cells[0].text == ""  # the total row: the demo has no label
    assert table.rows[3].cells[-1].text == "2,050,000"
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', xml)]
    assert len(grid) == 7
    assert grid[0] == round(40 * 1440 / 25.4) and grid[-1] == round(24 * 1440 / 25.4)
    assert len(set(grid[1:-1])) == 1 and abs(sum(grid) - round(165 * 1440 / 25.4)) < 10
    assert "sedp:matrix" not in xml and "{%" not in docx_text(data)
