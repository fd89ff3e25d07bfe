"""Checks of a rendered .docx that a person would otherwise only see in Word: used by `sedp templates check` on
the trial renders and by the test suite on every rendered sample.

- `leftovers`: paragraphs that still hold a template tag (`{{`, `{%`...) or a Python empty value (`None`, `nan`).
- `tables_without_repeated_header`: bordered tables whose first row is not marked "repeat as header row", so a
  table that runs onto the next page loses its column titles. Tables without borders are layout tables
  (signature lines, the date/number line of an act) and have no header.
- `missing_headings`: required section headings (`DocumentSpec.headings`) absent, or present only as plain text.
- `totals_not_adding_up`: a bold totals row whose number is not the sum of the printed numbers above it.
- `words_wider_than_columns`: a word in a table cell wider than the cell, measured in the font the PDFs use (so
  LibreOffice and Word would break it letter by letter).

Everything reads the document's XML parts directly, so nested tables, headers and footers are covered.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sedp_core.i18n import N_, Sentence

__all__ = ["TOTALS_NOTE", "Paragraph", "leftovers", "missing_headings", "paragraphs", "tables_without_repeated_header",
           "totals_not_adding_up", "widest_word_mm", "words_wider_than_columns"]

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
            core = etree.fromstring(z.read("docProps/core.xml"), parser) if "docProps/core.xml" in names else None
        language = core.find("{http://purl.org/dc/elements/1.1/}language") if core is not None else None
        self.language: str | None = language.text.strip() if language is not None and language.text else None
        """The language the renderer wrote in the document's properties (one template serves many languages)."""
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
    # A non-breaking hyphen (typography.py) is an element of its own: it reads as the hyphen it prints.
    return "".join((t.text or "") if t.tag == f"{W}t" else "-" for t in el.iter(f"{W}t", f"{W}noBreakHyphen"))


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
            problems.append(Sentence(N_("table {no} (first row: {row}) has no repeated header row"), no=str(no),
                                     row=repr(" | ".join(cells)[:80])))
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
        problems.append(Sentence(N_("heading {heading} is not styled as a heading") if text in as_text
                                 else N_("heading {heading} is missing"), heading=repr(text)))
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
    if doc.language:
        return doc.language
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

    from sedp_core.rendering.formatting import _locale

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
                problems.append(Sentence(N_("table {no} (first row: {row}): the total '{total}' is not the sum of "
                                            "the printed lines ({added}) and no note says why"), no=str(no),
                                         row=repr(_first_row_text(rows)), total=_plain(cell.text), added=str(added)))
    return problems


# --- words wider than their column ---------------------------------------------------------------------------

DEFAULT_CELL_MARGIN_TWIPS = 108
"""Word's (and LibreOffice's) left and right cell margin when a table names none: 0.19 cm."""
TWIPS_PER_MM = 1440 / 25.4


@functools.cache
def _font_widths(bold: bool) -> tuple[dict[int, float], float] | None:
    """Advance widths (em fractions) by code point of the font the PDFs draw text with (authoring.PDF_FONT), and
    the width of a letter the font lacks; None when the font is not installed."""
    import shutil
    import subprocess

    from sedp_core.authoring.build import PDF_FONT

    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    found = subprocess.run([fc_match, "-f", "%{family}\t%{file}", f"{PDF_FONT}:{'bold' if bold else 'regular'}"],
                           capture_output=True, text=True).stdout
    family, _, path = found.partition("\t")
    if PDF_FONT not in family.split(",") or not path:
        return None
    from fontTools.ttLib import TTFont

    with TTFont(path) as font:
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        widths = {cp: metrics[name][0] / units for cp, name in font.getBestCmap().items()}
        return widths, metrics[".notdef"][0] / units


def _size_and_bold(doc: _Docx, run: Any, paragraph: Any) -> tuple[float, bool]:
    """A run's type size in points and its boldness: its own, else its paragraph style's chain, else Normal's."""
    size: float | None = None
    bold: bool | None = None
    rpr = run.find(f"{W}rPr")
    if rpr is not None:
        sz, b = rpr.find(f"{W}sz"), rpr.find(f"{W}b")
        size = int(sz.get(f"{W}val")) / 2 if sz is not None else None
        bold = _on(b) if b is not None else None
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    for s in [*doc.style_chain(style.get(f"{W}val") if style is not None else "Normal"),
              *doc.style_chain("Normal")]:
        srpr = s.find(f"{W}rPr")
        if srpr is None:
            continue
        if size is None and (sz := srpr.find(f"{W}sz")) is not None:
            size = int(sz.get(f"{W}val")) / 2
        if bold is None and (b := srpr.find(f"{W}b")) is not None:
            bold = _on(b)
    return size or 11.0, bool(bold)


def _words(doc: _Docx, paragraph: Any) -> list[list[tuple[str, float, bool]]]:
    """The paragraph's unbreakable pieces, letter by letter with size and boldness: split at spaces and after a
    plain hyphen or dash (where a line may break); a non-breaking hyphen joins."""
    words: list[list[tuple[str, float, bool]]] = [[]]
    for run in paragraph.iter(f"{W}r"):
        size, bold = _size_and_bold(doc, run, paragraph)
        for el in run:
            if el.tag == f"{W}t":
                for ch in el.text or "":
                    if ch.isspace():
                        words.append([])
                    else:
                        words[-1].append((ch, size, bold))
                        if ch in "-–—/":
                            words.append([])
            elif el.tag == f"{W}noBreakHyphen":
                words[-1].append(("-", size, bold))
            elif el.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
                words.append([])
    return [w for w in words if w]


def _width_mm(word: list[tuple[str, float, bool]]) -> float | None:
    total = 0.0
    for ch, size, bold in word:
        metrics = _font_widths(bold)
        if metrics is None:
            return None
        widths, missing = metrics
        total += widths.get(ord(ch), missing) * size
    return total * 25.4 / 72


_KEPT_HYPHEN = "\u2011"  # stands for a protected hyphen while splitting (measured as "-")


def widest_word_mm(text: str, size_pt: float, bold: bool = False) -> float | None:
    """The width of the widest piece of `text` a line cannot break (see `_words`), in the font the PDFs use at
    `size_pt`; None when that font is not installed. For choosing column widths a word fits in. A hyphen the
    renderer makes non-breaking (`typography.protected_hyphens`: "Тон-Булак", "ОНХС-ийн") joins its word."""
    from sedp_core.rendering.typography import protected_hyphens

    kept = set(protected_hyphens(text))
    joined = "".join(_KEPT_HYPHEN if i in kept else ch for i, ch in enumerate(text))
    pieces = re.split(r"\s+|(?<=[-–—/])", joined)
    widths = [_width_mm([("-" if ch == _KEPT_HYPHEN else ch, size_pt, bold) for ch in piece])
              for piece in pieces if piece]
    if any(w is None for w in widths):
        return None
    return max((w for w in widths if w is not None), default=0.0)


def _twips(el: Any) -> float | None:
    if el is None or el.get(f"{W}type") not in (None, "dxa"):
        return None
    value = el.get(f"{W}w")
    return float(value) if value and value.lstrip("-").isdigit() else None


def _cell_margins(doc: _Docx, tbl: Any) -> float:
    """Left plus right cell margin of the table, in twips."""
    margins = tbl.find(f"{W}tblPr/{W}tblCellMar")
    style = tbl.find(f"{W}tblPr/{W}tblStyle")
    sources = [margins] + [s.find(f"{W}tblPr/{W}tblCellMar") for s in
                           doc.style_chain(style.get(f"{W}val") if style is not None else doc.default_table_style)]
    total = 0.0
    for side, alt in (("left", "start"), ("right", "end")):
        found = next((v for m in sources if m is not None for el in (m.find(f"{W}{side}"), m.find(f"{W}{alt}"))
                      if (v := _twips(el)) is not None), None)
        total += DEFAULT_CELL_MARGIN_TWIPS if found is None else found
    return total


def words_wider_than_columns(docx: bytes | Path) -> list[str]:
    """Table cells holding a word wider than the cell (less its margins) in the font the PDFs use: LibreOffice
    and Word break such a word letter by letter, without a hyphen. Empty when that font is not installed (the
    check cannot measure; `scripts/dev.py` installs it)."""
    if _font_widths(False) is None:
        return []
    doc = _Docx(docx)
    body = doc.parts.get("word/document.xml")
    problems: list[str] = []
    for no, tbl in enumerate(body.iter(f"{W}tbl") if body is not None else (), 1):
        grid = [_twips(c) or 0.0 for c in tbl.findall(f"{W}tblGrid/{W}gridCol")]
        margins = _cell_margins(doc, tbl)
        rows = _table_rows(tbl)
        reported: set[int] = set()
        for tr, cells in zip(tbl.findall(f"{W}tr"), rows, strict=True):
            for tc, cell in zip(tr.findall(f"{W}tc"), cells, strict=True):
                if cell.column in reported or not cell.text:
                    continue
                width = _twips(tc.find(f"{W}tcPr/{W}tcW")) or sum(grid[cell.column:cell.column + cell.span])
                room = (width - margins) / TWIPS_PER_MM
                for paragraph in tc.iter(f"{W}p"):
                    indent = paragraph.find(f"{W}pPr/{W}ind")
                    room_here = room - sum(_twips_attr(indent, a) for a in ("left", "start", "right", "end")
                                           ) / TWIPS_PER_MM
                    widest = max(_words(doc, paragraph), key=lambda w: _width_mm(w) or 0.0, default=None)
                    need = _width_mm(widest) if widest else None
                    if need is not None and need > room_here + 0.2:
                        word = "".join(ch for ch, _, _ in widest or [])
                        problems.append(Sentence(
                            N_("table {no} (first row: {row}), column {column}: {word} needs {need:.1f} mm, the column "
                               "has {room:.1f} mm"), no=str(no), row=repr(_first_row_text(rows)),
                            column=str(cell.column + 1), word=repr(word), need=need, room=room_here))
                        reported.add(cell.column)
                        break
    return problems


def _twips_attr(el: Any, attr: str) -> float:
    value = el.get(f"{W}{attr}") if el is not None else None
    return float(value) if value and value.lstrip("-").isdigit() else 0.0
