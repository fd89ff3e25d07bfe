"""Checks of a rendered .docx that a person would otherwise only see in Word: used by `sedp templates check` on
the trial renders and by the test suite on every rendered sample.

- `leftovers`: paragraphs that still hold a template tag (`{{`, `{%`...) or a Python empty value (`None`, `nan`).
- `tables_without_repeated_header`: bordered tables whose first row is not marked "repeat as header row", so a
  table that runs onto the next page loses its column titles. Tables without borders are layout tables
  (signature lines, the date/number line of an act) and have no header.
- `missing_headings`: required section headings (`DocumentSpec.headings`) absent, or present only as plain text.

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

__all__ = ["Paragraph", "leftovers", "missing_headings", "paragraphs", "tables_without_repeated_header"]

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
