"""A small, generic writer of report documents (.docx): a title, headings, paragraphs and tables whose numbers are
right-aligned and formatted as the document's language writes them, with totals rows and page numbers.

Reports are documents the core makes from its own analysis of programs (`sedp compare`'s change summary, a
region's summary), not from a methodology's Word template: their tables have as many columns as the data has
(years, sources), so they are written directly with python-docx rather than through a docxtpl template. They share
the templates' look, because the page, fonts and styles come from `sedp_core.authoring.build.new_document`: A4,
one font, Times New Roman (which LibreOffice draws as Liberation Serif, with Ө Ү Ң), the same heading and table
styles. Numbers go through the core's one formatter (`sedp_core.rendering.formatting`): halves away from zero,
the language's grouping and decimal sign, a dash for nothing.

Use::

    report = ReportDocument("ky", title="...", subtitle="...", page_words=("Бет", "/"))
    report.heading("1. ...")
    report.paragraph("...")
    report.table([Column("Аталышы"), Column("Мурда", "number"), Column("Азыр", "number")],
                 rows=[["Суу түтүгү", 1000, 1500]], total=["Бардыгы", 1000, 1500])
    report.table_of_matrix(context["financing_matrix"], first_heading="Булак")
    report.save(Path("out/report.docx"))

Every word comes from the caller (already in the document's language): the writer adds none of its own.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from docx.enum.table import WD_TABLE_ALIGNMENT

# The table helpers of the templates' builder: the same header row, cell style and row properties as templates.
from sedp_core.authoring.build import (
    _cant_split,
    _cell_text,
    _repeat_header,
    add_heading,
    add_paragraph,
    add_running_header,
    keep_with_next,
    landscape_section,
    new_document,
    portrait_section,
    set_column_widths,
)
from sedp_core.authoring.docx_inspect import DEFAULT_CELL_MARGIN_TWIPS, TWIPS_PER_MM, widest_word_mm
from sedp_core.rendering.context_rows import Matrix
from sedp_core.rendering.fileio import deterministic_zip, write_atomic
from sedp_core.rendering.formatting import DASH, format_number
from sedp_core.rendering.unconfirmed import DocumentMarks, plain

__all__ = ["Cell", "Column", "ReportDocument"]

Cell = str | int | float | None
"""A table cell: a text printed as it is, a number formatted in the document's language, None printed as a dash."""


@dataclass(frozen=True)
class Column:
    """One column of a report table."""

    heading: str
    """The column's heading, in the document's language."""
    kind: Literal["text", "number"] = "text"
    """`number`: numbers are formatted and the column is right-aligned (texts in it too, such as "1 000 → 1 500")."""
    digits: int = 0
    """Decimals shown for a number column."""
    width_mm: float | None = None
    """A fixed width; when any column of a table has none, the free width is shared among those without."""


_TEXT_WIDTH_MM = {"portrait": 165.0, "landscape": 262.0}
"""Width between the margins `new_document` and `landscape_section` set (A4 210 − 30 − 15; 297 − 20 − 15)."""
_CELL_MARGINS_MM = 2 * DEFAULT_CELL_MARGIN_TWIPS / TWIPS_PER_MM + 0.5  # Word's left and right margins, and a hair
_TABLE_TEXT_PT = 10.0  # the "Table Text" style of `new_document`


def _needed_mm(texts: Sequence[str]) -> float:
    """The width a column needs for its widest word (measured bold, as headings and totals are); 0 when the font
    cannot be measured."""
    widest = 0.0
    for text in texts:
        width = widest_word_mm(text, _TABLE_TEXT_PT, bold=True)  # headings and totals are bold
        if width is None:
            return 0.0
        widest = max(widest, width)
    return widest + _CELL_MARGINS_MM


class ReportDocument:
    """One report document in one language. Methods add to the end of the document, in order."""

    def __init__(self, language: str, title: str, subtitle: str | None = None,
                 page_words: tuple[str, str] | None = None, header: str = "") -> None:
        """`title` (and `subtitle`) open the first page. `page_words` puts "page 2 of 5" in the footer of every
        page: the word before the page number and the one before the number of pages (``("Бет", "/")``);
        `header` a line at the top of every page (the program's title, say)."""
        self.language = language
        self._doc = new_document(language)
        self._orientation = "portrait"
        props = self._doc.core_properties
        # A property cannot be highlighted: its text goes without marks (the first page prints them).
        props.title, props.author, props.last_modified_by, props.comments = plain(title), "", "", ""
        # Bold centred lines, as the templates' title pages (the "Title" style has a coloured rule under it).
        add_paragraph(self._doc, title, align="center", bold=True, size=14, keep_with_next=True)
        if subtitle:
            add_paragraph(self._doc, subtitle, align="center", keep_with_next=True)
        if page_words or header:
            page, of = page_words or ("", "")
            add_running_header(self._doc, header, page, of)
            # A report has no title page: its first page is numbered like the others (a one-page annex too).
            self._doc.sections[0].different_first_page_header_footer = False

    # --- text ------------------------------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> None:
        """A heading (levels 1-3, the templates' heading styles); it keeps with what follows it."""
        add_heading(self._doc, text, level)

    def paragraph(self, text: str, *, bold: bool = False, introduces: bool = False) -> None:
        """A paragraph of text. `introduces=True` for a line that introduces the next table or list: it is never
        left alone at the foot of a page."""
        add_paragraph(self._doc, text, bold=bold, keep_with_next=introduces)

    def landscape(self) -> None:
        """Continue on landscape pages (a wide table); page numbers continue."""
        if self._orientation != "landscape":
            landscape_section(self._doc)
            self._orientation = "landscape"

    def portrait(self) -> None:
        """Continue on portrait pages."""
        if self._orientation != "portrait":
            portrait_section(self._doc)
            self._orientation = "portrait"

    def chart(self, chart: Any) -> None:
        """A `sedp_core.rendering.charts.BarChart`, drawn (grey tones, DejaVu Sans) and centred in a paragraph of
        its own; an empty chart (no category, every value zero) is left out. The numbers belong in a table too."""
        if chart.is_empty:
            return
        from docx.shared import Mm

        from sedp_core.rendering.charts import draw

        paragraph = self._doc.add_paragraph()
        paragraph.alignment = 1  # centred
        paragraph.add_run().add_picture(io.BytesIO(draw(chart)), width=Mm(chart.width_mm))

    # --- tables ----------------------------------------------------------------------------------------------

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[Cell]],
              total: Sequence[Cell] | None = None) -> None:
        """A bordered table: a bold heading row repeated on every page, one row per entry of `rows` (one cell per
        column), and a bold `total` row at the end when given. Rows never split across pages; the last row
        stays with the total."""
        table = self._doc.add_table(rows=1 + len(rows) + (1 if total is not None else 0), cols=len(columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for j, column in enumerate(columns):
            _cell_text(table.rows[0].cells[j], column.heading, bold=True, align="center")
        _repeat_header(table.rows[0])
        lines = [*rows, *([total] if total is not None else [])]
        for i, values in enumerate(lines, 1):
            if len(values) != len(columns):
                raise ValueError(f"row {i} has {len(values)} cells for {len(columns)} columns")
            row = table.rows[i]
            _cant_split(row)
            bold = total is not None and i == len(lines)
            for j, (column, value) in enumerate(zip(columns, values, strict=True)):
                align = "right" if column.kind == "number" else None
                _cell_text(row.cells[j], self.cell_text(value, column.digits), bold=bold, align=align)
        if total is not None and len(lines) > 1:
            keep_with_next(*table.rows[-2].cells[0].paragraphs)  # the total never stands alone on a page
        texts = [[column.heading] for column in columns]
        for values in lines:
            for j, value in enumerate(values):
                texts[j].append(self.cell_text(value, columns[j].digits))
        set_column_widths(table, self._widths(columns, texts))
        self._doc.add_paragraph()  # space after the table, and two tables in a row stay apart

    def table_of_matrix(self, matrix: Matrix, first_heading: str, total_heading: str | None = None,
                        digits: int = 0) -> None:
        """A `Matrix` (``financing_matrix`` of a context, or one from `build_matrix`) as a table: its row labels
        under `first_heading`, a number column per matrix column, a total column when `total_heading` is given,
        and the matrix's total row."""
        columns = [Column(first_heading), *(Column(c, "number", digits) for c in matrix.columns),
                   *([Column(total_heading, "number", digits)] if total_heading else [])]

        def line(row: Any) -> list[Cell]:
            return [row.label, *row.cells, *([row.total] if total_heading else [])]

        self.table(columns, [line(r) for r in matrix.rows], total=line(matrix.total) if matrix.total else None)

    def cell_text(self, value: Cell, digits: int = 0) -> str:
        """How a cell prints: texts as they are, numbers in the document's language, None as a dash."""
        if value is None:
            return DASH
        if isinstance(value, str):
            return value
        return format_number(value, self.language, digits)

    # --- output ----------------------------------------------------------------------------------------------

    def to_bytes(self, marks: DocumentMarks | None = None) -> bytes:
        """The .docx, the same bytes for the same content. The marks of unconfirmed values in its texts
        (`sedp_core.rendering.unconfirmed`: a codelist title or label to confirm) are resolved by `marks`, by
        default highlighted as in a draft; never left as invisible characters. A place name's hyphen and a year
        range's never end a line (`typography.keep_hyphens_in_xml`, as in rendered documents)."""
        import zipfile

        from sedp_core.rendering.typography import keep_hyphens_in_xml

        marks = marks if marks is not None else DocumentMarks()
        buffer = io.BytesIO()
        self._doc.save(buffer)
        data = buffer.getvalue()
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = {name: io.BytesIO(keep_hyphens_in_xml(marks.xml(package.read(name).decode("utf-8")))
                                      .encode("utf-8"))
                     for name in package.namelist()
                     if name.startswith("word/") and name.endswith(".xml") and "/_rels/" not in name}
        return deterministic_zip(data, replace=parts)

    def save(self, path: Path, marks: DocumentMarks | None = None) -> Path:
        """Write the document to `path` atomically (no partial file on failure); returns `path`."""
        write_atomic(path, self.to_bytes(marks))
        return path

    def _widths(self, columns: Sequence[Column], texts: Sequence[Sequence[str]]) -> list[float]:
        """Fixed widths as given; the free width shared among the other columns, text columns taking twice a
        number column's share, but each at least as wide as its widest word (`texts`: each column's heading,
        then its cells): a narrower column breaks "Санхүүжихгүй" letter by letter."""
        free = _TEXT_WIDTH_MM[self._orientation] - sum(c.width_mm or 0 for c in columns)
        open_columns = [j for j, c in enumerate(columns) if c.width_mm is None]
        shares = {j: (2.0 if columns[j].kind == "text" else 1.0) for j in open_columns}
        need = {j: _needed_mm(texts[j]) for j in open_columns}
        fixed: dict[int, float] = {}
        while True:
            rest = [j for j in open_columns if j not in fixed]
            room = max(free - sum(fixed.values()), 20.0)
            whole = sum(shares[j] for j in rest) or 1.0
            widths = {j: room * shares[j] / whole for j in rest}
            short = {j: need[j] for j in rest if widths[j] < need[j]}
            if not short or sum(fixed.values()) + sum(short.values()) > free:
                break  # every word fits, or they cannot all fit: the shares stand
            fixed.update(short)
        widths.update(fixed)
        return [c.width_mm if c.width_mm is not None else widths[j] for j, c in enumerate(columns)]
