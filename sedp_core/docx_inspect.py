"""Checks of a rendered .docx that a person would otherwise only see in Word: used by `sedp templates check` on
the trial renders and by the test suite on every rendered sample.

- `leftovers`: paragraphs that still hold a template tag (`{{`, `{%`...) or a Python empty value (`None`, `nan`).
- `tables_without_repeated_header`: bordered tables whose first row is not marked "repeat as header row", so a
  table that runs onto the next page loses its column titles. Tables without borders are layout tables
  (signature lines, the date/number line of an act) and have no header.
- `missing_headings`: required section headings (`DocumentSpec.headings`) absent, or present only as plain text.
- `totals_not_adding_up`: a bold totals row whose number is not the sum of the printed numbers above it.

Everything reads the document's XML parts directly, so nested tables, headers and footers are covered.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["TOTALS_NOTE", "Paragraph", "leftovers", "missing_headings", "paragraphs", "tables_without_repeated_header",
           "totals_not_adding_up"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|(?<!\w)(?:None|nan|NaN)(?!\w)")
"""A template tag docxtpl left, or the text Python gives an empty value. Case-sensitive whole words: "none" in
an English sentence is fine."""
NO_LINE = {"nil", "none"}
EDGES = ("top", "left", "start", "bottom", "right", "end", "insideH", "insideV")


@dataclass(frozen=True)
class Paragraph:
    part: str
    """The XML part, e.g. ``word/document.xml`` or ``word/header1.xml``."""
    text: str
    heading: bool
    """Styled as a heading (a "heading N" style or an outline level), so the contents list it."""


class _Docx:
    """The XML parts of a .docx, parsed once."""

    def __init__(self, docx: bytes | Path) -> None:
        from lxml import etree

        data = docx if isinstance(docx, bytes) else Path(docx).read_bytes()
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            self.parts = {n: etree.fromstring(z.read(n), parser) for n in names if TEXT_PARTS.fullmatch(n)}
            styles = etree.fromstring(z.read("word/styles.xml"), parser) if "word/styles.xml" in names else None
        self.styles: dict[str, Any] = {}
        self.default_table_style: str | None = None
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                self.styles[style.get(f"{W}styleId")] = style
                if style.get(f"{W}type") == "table" and style.get(f"{W}default") in {"1", "true", "on"}:
                    self.default_table_style = style.get(f"{W}styleId")

    def style_chain(self, style_id: str | None) -> Iterator[Any]:
        """The style and the styles it is based on, nearest first."""
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None

    def is_heading(self, p: Any) -> bool:
        if p.find(f"{W}pPr/{W}outlineLvl") is not None:
            return True
        style = p.find(f"{W}pPr/{W}pStyle")
        for s in self.style_chain(style.get(f"{W}val") if style is not None else None):
            name = s.find(f"{W}name")
            if (name is not None and (name.get(f"{W}val") or "").lower().startswith("heading")) or \
                    s.find(f"{W}pPr/{W}outlineLvl") is not None:
                return True
        return False

    def draws_borders(self, tbl: Any) -> bool:
        """Whether the table shows any border line: its own borders, else its style's (and the styles that style is
        based on, edge by edge)."""
        edges: dict[str, str] = {}

        def take(borders: Any) -> None:
            if borders is None:
                return
            for edge in EDGES:
                el = borders.find(f"{W}{edge}")
                if el is not None and edge not in edges:
                    edges[edge] = el.get(f"{W}val") or "single"

        take(tbl.find(f"{W}tblPr/{W}tblBorders"))
        style = tbl.find(f"{W}tblPr/{W}tblStyle")
        for s in self.style_chain(style.get(f"{W}val") if style is not None else self.default_table_style):
            take(s.find(f"{W}tblPr/{W}tblBorders"))
        return any(v not in NO_LINE for v in edges.values())


def _text(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def paragraphs(docx: bytes | Path | _Docx) -> list[Paragraph]:
    """Every paragraph of the body, headers, footers and notes (table cells included), with its text."""
    doc = docx if isinstance(docx, _Docx) else _Docx(docx)
    return [Paragraph(name, _text(p), doc.is_heading(p)) for name, root in doc.parts.items()
            for p in root.iter(f"{W}p")]


def leftovers(docx: bytes | Path) -> list[str]:
    """Paragraphs holding an unrendered tag or `None`/`nan`, as `part: "text"`."""
    return [f"{p.part}: {p.text.strip()[:120]!r}" for p in paragraphs(docx) if LEFTOVER.search(p.text)]


def tables_without_repeated_header(docx: bytes | Path) -> list[str]:
    """Bordered tables of the body whose first row is not marked to repeat on each page, by their header text."""
    doc = _Docx(docx)
    body = doc.parts.get("word/document.xml")
    problems = []
    for no, tbl in enumerate(body.iter(f"{W}tbl") if body is not None else (), 1):
        rows = tbl.findall(f"{W}tr")
        if not rows or not doc.draws_borders(tbl):
            continue
        mark = rows[0].find(f"{W}trPr/{W}tblHeader")
        if mark is None or mark.get(f"{W}val", "true") not in {"1", "true", "on"}:
            cells = [_text(tc).strip() for tc in rows[0].findall(f"{W}tc")]
            problems.append(f"table {no} (first row: {' | '.join(cells)[:80]!r}) has no repeated header row")
    return problems


def _norm(text: str) -> str:
    return " ".join(text.split())


def missing_headings(docx: bytes | Path, headings: Iterable[str]) -> list[str]:
    """The required heading texts the body lacks, each with what is wrong."""
    found = [p for p in paragraphs(_Docx(docx)) if p.part == "word/document.xml"]
    as_heading = {_norm(p.text) for p in found if p.heading}
    as_text = {_norm(p.text) for p in found}
    problems = []
    for heading in headings:
        text = _norm(heading)
        if text in as_heading:
            continue
        problems.append(f"heading {text!r} " + ("is not styled as a heading" if text in as_text else "is missing"))
    return problems


# --- tables: cells by grid column ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    column: int
    """The first grid column the cell covers."""
    span: int
    text: str
    continues: bool
    """A vertically merged cell below the first of its group (it shows nothing of its own)."""
    bold: bool
    paragraphs: tuple[Any, ...]


def _on(el: Any) -> bool:
    return el is not None and el.get(f"{W}val", "true") not in {"0", "false", "off"}


def _table_rows(tbl: Any) -> list[list[Cell]]:
    rows = []
    for tr in tbl.findall(f"{W}tr"):
        cells, column = [], 0
        for tc in tr.findall(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val")) if span_el is not None else 1
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            continues = merge is not None and merge.get(f"{W}val", "continue") == "continue"
            runs = [r for r in tc.iter(f"{W}r") if _text(r).strip()]
            bold = bool(runs) and all(_on(r.find(f"{W}rPr/{W}b")) for r in runs)
            cells.append(Cell(column, span, _text(tc).strip(), continues, bold, tuple(tc.iter(f"{W}p"))))
            column += span
        rows.append(cells)
    return rows


def _plain(text: str) -> str:
    return re.sub(r"[\u00a0\u202f]", " ", text)


def _first_row_text(rows: list[list[Cell]]) -> str:
    return " | ".join(c.text for c in rows[0])[:60] if rows else ""


def _document_language(doc: _Docx) -> str:
    for style in (doc.styles.get("Normal"), *doc.styles.values()):
        lang = style.find(f"{W}rPr/{W}lang") if style is not None else None
        if lang is not None and lang.get(f"{W}val"):
            return str(lang.get(f"{W}val"))
    return "en"


# --- totals -------------------------------------------------------------------------------------------------


def _number_parser(language: str) -> Any:
    """A parser of the numbers `formatting` prints in `language` ('1 487,3', '1,487.3', '49,7 %'); None for text."""
    from decimal import Decimal, InvalidOperation

    from babel.numbers import get_decimal_symbol, get_group_symbol

    from .formatting import _locale

    locale = _locale(language.replace("-", "_"))
    decimal_sign, group = get_decimal_symbol(locale), get_group_symbol(locale)
    shape = re.compile(r"[-−]?\d[\d\s\u00a0\u202f" + re.escape(group) + r"]*(?:" + re.escape(decimal_sign)
                       + r"\d+)?")

    def parse(text: str) -> Decimal | None:
        text = text.replace("%", "").replace("\u00a0", " ").strip()
        if not shape.fullmatch(text):
            return None
        digits = re.sub(r"[\s\u202f" + re.escape(group) + "]", "", text).replace(decimal_sign, ".")
        try:
            return Decimal(digits.replace("−", "-"))
        except InvalidOperation:
            return None

    return parse


TOTALS_NOTE = "sedp:totals-note"
"""Bookmark name that marks a paragraph saying why a table's total is not the sum of its printed lines (e.g. "totals
are computed from unrounded amounts"): `totals_not_adding_up` then accepts the table the note follows."""


def totals_not_adding_up(docx: bytes | Path) -> list[str]:
    """Bordered tables whose last row is a bold totals row and whose printed total in some column differs from
    the sum of the printed numbers above it (bold subtotal rows are left out of the sum; a percentage total other
    than 100 % is a ratio, and a column whose last line equals the total runs cumulatively: both are not sums).
    A table followed by a paragraph holding a `TOTALS_NOTE` bookmark is accepted: the document says why."""
    doc = _Docx(docx)
    body = doc.parts.get("word/document.xml")
    if body is None:
        return []
    parse = _number_parser(_document_language(doc))
    problems = []
    for no, tbl in enumerate(body.iter(f"{W}tbl"), 1):
        if not doc.draws_borders(tbl):
            continue
        rows = _table_rows(tbl)
        if len(rows) < 3 or not any(c.text for c in rows[-1]) or not all(c.bold for c in rows[-1] if c.text):
            continue
        following = tbl.getnext()
        if following is not None and any(b.get(f"{W}name") == TOTALS_NOTE for b in following.iter(f"{W}bookmarkStart")):
            continue
        lines = [r for r in rows[1:-1] if not all(c.bold for c in r if c.text)]
        for cell in rows[-1]:
            total = parse(cell.text)
            if total is None or ("%" in cell.text and total != 100):
                continue  # a percentage other than 100 % is a ratio (points of the maximum), not a sum of shares
            values = [v for r in lines for c in r if c.column == cell.column and not c.continues
                      and (v := parse(c.text)) is not None]
            added = sum(values, start=type(total)(0))
            # A running column (cumulative cost, what remains) ends on its total: its last line is the total.
            if added != total and not (values and values[-1] == total):
                problems.append(f"table {no} (first row: {_first_row_text(rows)!r}): the total "
                                f"'{_plain(cell.text)}' is not the sum of the printed lines ({added}) and no note "
                                "says why")
    return problems
