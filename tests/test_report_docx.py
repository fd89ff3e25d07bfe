"""The generic report writer (sedp_core.analysis.report_docx): numbers formatted and right-aligned, totals row,
repeated heading row, page numbers, the templates' one font."""

from __future__ import annotations

import io

import docx
import pytest

from sedp_core.analysis.report_docx import Column, ReportDocument
from sedp_core.rendering.context_rows import build_matrix


def _read(report: ReportDocument) -> docx.document.Document:
    return docx.Document(io.BytesIO(report.to_bytes()))


def test_a_table_prints_numbers_in_the_language_right_aligned_with_a_bold_total() -> None:
    report = ReportDocument("ru", "Изменения", page_words=("Стр.", "из"))
    report.table([Column("Название"), Column("Было", "number"), Column("Стало", "number", digits=1)],
                 [["Водопровод", 1234567, 2.25], ["Дорога", None, 10]], total=["Итого", 1234567, 12.25])
    table = _read(report).tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells == [["Название", "Было", "Стало"], ["Водопровод", "1\u00a0234\u00a0567", "2,3"],
                     ["Дорога", "—", "10,0"], ["Итого", "1\u00a0234\u00a0567", "12,3"]]
    assert table.rows[1].cells[1].paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[1].cells[0].paragraphs[0].alignment is None
    assert all(run.bold for cell in table.rows[-1].cells for run in cell.paragraphs[0].runs)
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # the heading row repeats on every page


def test_matrix_page_numbers_and_font() -> None:
    report = ReportDocument("ky", "Каржылоо", header="Ак-Кыя", page_words=("Бет", "/"))
    matrix = build_matrix([("a", "Жергиликтүү бюджет")], [(2026, "2026"), (2027, "2027")],
                          [("a", 2026, 100), ("a", 2027, 50)], total_label="Бардыгы")
    report.table_of_matrix(matrix, "Булак", total_heading="Бардыгы")
    document = _read(report)
    assert [c.text for c in document.tables[0].rows[-1].cells] == ["Бардыгы", "100", "50", "150"]
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Бет" in footer
    # Each part of a field in a run of its own, every run at the footer's size: LibreOffice draws a field's
    # number at the size of the run of its "separate" mark, and a one-run field printed it larger than "Бет".
    runs = document.sections[0].footer._element.xpath(".//w:r")
    parts = [[el.tag.rsplit("}", 1)[-1] for el in r if not el.tag.endswith("}rPr")] for r in runs]
    assert all(len(p) == 1 for p in parts), parts
    assert all(r.xpath("./w:rPr/w:sz/@w:val") == ["18"] for r in runs)
    assert document.sections[0].different_first_page_header_footer is False  # the first page is numbered too
    fonts = {f for f in document.styles.element.xpath("//w:rFonts/@w:ascii")}
    assert fonts == {"Times New Roman"}


def test_a_place_name_and_a_year_range_never_break_at_their_hyphen() -> None:
    report = ReportDocument("ru", "Сводка", header="Ак-Кыя, 2025-2027", page_words=("Стр.", "из"))
    report.table([Column("Муниципалитет"), Column("Сумма", "number")], [["город Тон-Булак", 1]])
    document = _read(report)
    cell = document.tables[0].rows[1].cells[0]._tc.xml
    assert "Тон</w:t>" in cell and "<w:noBreakHyphen/>" in cell and "Тон-Булак" not in cell
    assert document.tables[0].rows[1].cells[0].text == "город Тон-Булак"  # Word shows the same letters
    assert "<w:noBreakHyphen/>" in document.sections[0].header._element.xml


def test_a_row_with_the_wrong_number_of_cells_is_refused() -> None:
    report = ReportDocument("en", "Changes")
    with pytest.raises(ValueError, match="2 cells for 3 columns"):
        report.table([Column("a"), Column("b"), Column("c")], [["x", 1]])
