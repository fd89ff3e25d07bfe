"""Building Word templates in code, with one shared official style (used by plugins' template build scripts).

Plugins generate their .docx templates with these functions (see plugins/*/build_templates.py), so every
document shares page setup, fonts, headings, running header and page numbers; an expert may then edit the
generated .docx in Word. Only the build scripts import this module: rendering never does.

Style: A4, margins 20 mm top/bottom, 30 mm left (binding), 15 mm right; one font, Times New Roman, 12 pt text
and bold headings.

One font with every letter: a document names Times New Roman and nothing else (styles, document defaults,
no theme fonts). Word on Windows has it with every Cyrillic letter the plugins need (mn and ky Ө Ү Ң,
tg Ҷ Ҳ Қ Ӣ Ӯ Ғ, ru) and the tugrik sign ₮. LibreOffice, which makes the PDFs here, replaces it by its
metric-compatible twin Liberation Serif (fontconfig's and LibreOffice's own replacement table): the same widths,
so lines and pages break as in Word. Liberation Serif 2 (Debian `fonts-liberation2`, which `scripts/dev.py`
installs) has all those letters; version 1 (`fonts-liberation`) lacks Ө Ү Ң, which then came from a fallback
font (DejaVu) in every PDF. `PDF_FONT` names the twin; the tests fail when a PDF uses any other font.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sedp_core.rendering.context_rows import MATRIX_MARK
from sedp_core.rendering.fileio import deterministic_zip, write_atomic
from sedp_core.rendering.typography import language_tag

__all__ = [
    "FONT",
    "PDF_FONT",
    "add_annex",
    "add_chart",
    "add_grouped_table",
    "add_heading",
    "add_loop_table",
    "add_matrix_table",
    "add_page_break",
    "add_paragraph",
    "add_running_header",
    "add_signature_block",
    "add_toc",
    "keep_with_next",
    "landscape_section",
    "new_document",
    "no_hyphenation",
    "portrait_section",
    "remove_borders",
    "save_template",
    "set_column_widths",
]

FONT = "Times New Roman"
"""The one font every document names (text and headings)."""
PDF_FONT = "Liberation Serif"
"""The font LibreOffice draws `FONT` with: metric-compatible, with every letter (Liberation 2.x)."""
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def _set_font(style: Any, size: float, bold: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    # Theme font attributes override the named font in Word and LibreOffice: drop them.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _default_font(doc: Any) -> None:
    """The document defaults name `FONT` too (python-docx's template points them at the theme's Calibri and
    Cambria): a style or a pasted paragraph that names no font then still gets the one font."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if rpr is None:
        return
    if rpr.find(qn("w:rFonts")) is None:
        rpr.insert(0, OxmlElement("w:rFonts"))
    # Every style python-docx's template defines (the unused ones too: a user may pick them in Word).
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)


def _hyphenate(doc: Any) -> None:
    """Hyphenation on for the body text: Word and LibreOffice hyphenate the languages they have patterns for
    (ru, mn, en; LibreOffice through Debian's hyphen-ru, hyphen-mn, hyphen-en-gb, which
    `scripts/dev.py` installs) and leave the others (ky, tg) unbroken."""
    settings = doc.settings.element
    auto = OxmlElement("w:autoHyphenation")
    auto.set(qn("w:val"), "true")
    caps = OxmlElement("w:doNotHyphenateCaps")  # abbreviations and names in capitals stay whole
    caps.set(qn("w:val"), "true")
    tab = settings.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.addnext(auto)
    else:
        settings.insert(0, auto)
    auto.addnext(caps)


def no_hyphenation(element: Any) -> None:
    """Never hyphenate this paragraph or paragraph style (its `w:pPr` gets `w:suppressAutoHyphens`)."""
    ppr = element.get_or_add_pPr()
    if ppr.find(qn("w:suppressAutoHyphens")) is not None:
        return
    mark = OxmlElement("w:suppressAutoHyphens")
    ppr.insert_element_before(mark, "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
                              "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                              "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
                              "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                              "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def new_document(language: str = "en") -> Any:
    """A blank A4 portrait document with the shared styles; `language` marks the text language (spelling)."""
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)
    _default_font(doc)
    normal = doc.styles["Normal"]
    _set_font(normal, 12)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    lang = OxmlElement("w:lang")
    # The renderer sets the language of each document it writes (one template serves several languages).
    lang.set(qn("w:val"), language_tag(language))
    normal.element.get_or_add_rPr().append(lang)
    _hyphenate(doc)
    for level, size in ((1, 14), (2, 13), (3, 12)):
        style = doc.styles[f"Heading {level}"]
        _set_font(style, size, bold=True)
        style.font.color.rgb = None
        style.paragraph_format.space_before = Pt(12 if level == 1 else 8)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    toc_heading = doc.styles["TOC Heading"]
    _set_font(toc_heading, 14, bold=True)
    toc_heading.font.color.rgb = None
    for name in ("Title", "Subtitle"):
        _set_font(doc.styles[name], 16 if name == "Title" else 13, bold=name == "Title")
        doc.styles[name].font.color.rgb = None
    table_text = doc.styles.add_style("Table Text", 1)
    table_text.base_style = normal
    _set_font(table_text, 10)
    table_text.paragraph_format.space_after = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0
    # Table cells, headings and titles never hyphenate: a word broken in a narrow column or a title reads badly.
    for name in ("Table Text", "Heading 1", "Heading 2", "Heading 3", "Title", "Subtitle", "TOC Heading", "Caption"):
        no_hyphenation(doc.styles[name].element)
    caption = doc.styles["Caption"]
    _set_font(caption, 10)
    caption.font.italic = True
    caption.font.color.rgb = None
    caption.paragraph_format.space_after = Pt(10)
    return doc


def add_paragraph(doc: Any, text: str = "", *, style: str | None = None, align: str | None = None,
                  bold: bool = False, size: float | None = None, space_before: float | None = None,
                  keep_with_next: bool = False) -> Any:
    """A paragraph; `text` may hold template tags such as `{{ title }}`.

    `keep_with_next=True` for a line that introduces what follows (a table's introducing sentence, "The meeting
    decided:"): Word and LibreOffice never leave it alone at the foot of a page."""
    p = doc.add_paragraph(style=style)
    if keep_with_next:
        p.paragraph_format.keep_with_next = True
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
    if align:
        p.alignment = ALIGN[align]
    if space_before is not None:
        p.paragraph_format.space_before = Pt(space_before)
    return p


def add_chart(doc: Any, expression: str, caption: str) -> None:
    """A chart from the context (``expression`` names a sedp_core.rendering.charts.BarChart), centred, with its caption.

    Both paragraphs drop out when the plugin gives no chart or an empty one, so a program without the data
    shows no empty frame."""
    add_paragraph(doc, f"{{%p if {expression} %}}")
    picture = add_paragraph(doc, f"{{{{ {expression} }}}}", align="center")
    picture.paragraph_format.keep_with_next = True  # the caption stays under its chart
    picture.paragraph_format.space_before = Pt(6)
    add_paragraph(doc, caption, style="Caption", align="center")
    add_paragraph(doc, "{%p endif %}")


def add_heading(doc: Any, text: str, level: int = 1) -> Any:
    return doc.add_heading(text, level=level)


def add_page_break(doc: Any) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _field(paragraph: Any, instruction: str, placeholder: str = "1", size: Any = None) -> None:
    """A Word field (PAGE, NUMPAGES, TOC...) that Word and LibreOffice compute, each part in a run of its own,
    as Word writes it: LibreOffice draws a field's result in the font size of the run holding its "separate"
    mark, so one run for the whole field printed "Стр. 1 из 4" with the numbers at the paragraph's size."""
    for tag, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", placeholder),
                      ("end", None)):
        run = paragraph.add_run()
        if size is not None:
            run.font.size = size
        if tag == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
            run._r.append(el)
        elif tag == "text":
            el = OxmlElement("w:t")
            el.text = placeholder
            run._r.append(el)
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
            if tag == "begin":
                el.set(qn("w:dirty"), "true")
            run._r.append(el)


def add_running_header(doc: Any, header_text: str, page_label: str = "{{ labels.page }}",
                       of_label: str = "{{ labels.of }}") -> None:
    """Header with `header_text` (template tags allowed) on every page but the title page; footer 'page X of Y'.

    Written once, in the first section: later sections are linked to it (and have no separate first page).
    """
    for later in doc.sections[1:]:
        later.different_first_page_header_footer = False
    for section in doc.sections[:1]:
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.text = header_text
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in header.runs:
            run.font.size = Pt(9)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(f"{page_label} ")
        _field(footer, "PAGE", size=Pt(9))
        footer.add_run(f" {of_label} ")
        _field(footer, "NUMPAGES", size=Pt(9))
        for run in footer.runs:
            run.font.size = Pt(9)


def add_toc(doc: Any, title: str) -> None:
    """A table-of-contents field (headings 1-2). Word fills it when the file is opened; `sedp render --pdf` fills
    it in the PDF (plain `soffice --convert-to pdf` leaves it empty)."""
    # "TOC Heading" looks like a heading but is not listed in the contents it introduces.
    add_paragraph(doc, title, style="TOC Heading")
    _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', placeholder="…")
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _cant_split(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _cell_text(cell: Any, text: str, *, bold: bool = False, align: str | None = None) -> None:
    p = cell.paragraphs[0]
    p.style = "Table Text"
    run = p.add_run(text)
    run.bold = bold or None
    if align:
        p.alignment = ALIGN[align]


def _headed_table(doc: Any, headers: Sequence[str], rows: int) -> Any:
    """A bordered, centred table of `rows` rows whose first row holds the bold `headers`, repeated on each page.

    The line just before the table introduces it ("Allocation by sector:"): it is kept with the table, never left
    alone at a page's foot."""
    if (intro := _last_text_paragraph(doc)) is not None and intro.text.strip():
        intro.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=rows, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, head in enumerate(headers):
        _cell_text(table.rows[0].cells[i], head, bold=True, align="center")
    _repeat_header(table.rows[0])
    return table


def add_loop_table(
    doc: Any,
    headers: Sequence[str],
    loop: str,
    cells: Sequence[str],
    *,
    widths_mm: Sequence[float] | None = None,
    align: Sequence[str] | None = None,
    total: Sequence[str] | None = None,
    font_pt: float | None = None,
    merge_down: Mapping[int, str] | None = None,
    keep_together: int | None = None,
    bold_when: str | None = None,
) -> Any:
    """A bordered table: a repeated header row, one row per item of `loop`, an optional bold totals row; the
    paragraph just before it (its introducing line) keeps with it.

    `loop` is the Jinja loop head, e.g. ``row in activity_rows``; `cells` the tag of each column, e.g.
    ``{{ row.title }}``; `align` per column ('left', 'right', 'center'); numbers belong right-aligned.
    `widths_mm` fixes the column widths (in the table grid too, which LibreOffice uses); `font_pt` sets a smaller
    type size for dense annex tables. `merge_down` maps the group columns of a flattened hierarchy (goal →
    objective → task) to the Jinja expression that is true on a group's first row, e.g.
    ``{1: "r.goal", 2: "r.goal or r.objective"}``: the column's cells of the following rows merge into that one,
    so the context gives a group's text on its first row only; each row keeps with the next while the next
    continues its group, so a page break falls between groups (never an empty merged cell atop a page).
    `keep_together` keeps a short table on one page: when the list has at most that many items, every row is
    kept with the next (Word's and LibreOffice's "keep with next" on the rows' paragraphs), so the table moves
    to the next page whole instead of leaving a row or two behind; a longer list flows across pages under its
    repeated header row, so a long table never leaves a page empty before it.
    `bold_when` (a Jinja expression on the item, e.g. ``"r.subtotal"``) prints a row in bold: a subtotal, which
    `docx_inspect.totals_not_adding_up` leaves out when it adds a column up to the totals row.
    The last item row keeps with the totals row, so a total never stands alone at the top of a page.
    """
    table = _headed_table(doc, headers, 4 + (1 if total else 0))
    rows = table.rows
    rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
    for i, tag in enumerate(cells):
        _cell_text(rows[2].cells[i], tag, align=(align[i] if align else None))
    _cant_split(rows[2])
    rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    if total:
        for i, tag in enumerate(total):
            _cell_text(rows[4].cells[i], tag, bold=True, align=(align[i] if align else None))
        _cant_split(rows[4])
    if widths_mm:
        set_column_widths(table, widths_mm)
    for i, starts in (merge_down or {}).items():
        _merge_down(rows[2].cells[i], starts)
    if keep_together is not None:
        _keep_with_next(rows, loop, keep_together)
    elif merge_down:
        _keep_groups(rows[2], loop, merge_down.values())
    if total:
        _keep_last_with_total(rows[2])
    if bold_when:
        for run in (r for cell in rows[2].cells for p in cell.paragraphs for r in p.runs):
            run.bold = True
            # docxtpl renders the attribute like any other text of the part.
            run._r.rPr.find(qn("w:b")).set(qn("w:val"), f"{{{{ 'true' if {bold_when} else 'false' }}}}")
    if font_pt:
        for row in rows:
            for run in (r for cell in row.cells for p in cell.paragraphs for r in p.runs):
                run.font.size = Pt(font_pt)
    doc.add_paragraph()
    return table


def _keep_with_next(rows: Any, loop: str, most: int) -> None:
    """Mark the header and item rows' paragraphs "keep with next" when the loop's list is that short."""
    items = loop.split(" in ", 1)[1].strip()
    # docxtpl renders the attribute like any other text of the part; `is le` avoids '<' in the XML.
    keep = f"{{{{ 'true' if ({items})|length is le {int(most)} else 'false' }}}}"
    for i, row in enumerate(rows):
        if i in (1, 3, 4):  # the loop's own rows (docxtpl drops them); the totals row ends the table
            continue
        for p in (p for cell in row.cells for p in cell.paragraphs):
            p.paragraph_format.keep_with_next = True
            p._p.pPr.keepNext.set(qn("w:val"), keep)


_KEEP_WHEN = re.compile(r"^\{\{ 'true' if (.*) else 'false' \}\}$", re.S)


def _keep_last_with_total(row: Any) -> None:
    """The loop's row keeps with the next one the last time, so that the totals row after it never stands alone
    atop a page (a page holding only the header and "Total"); a keep the row already has is kept."""
    last = "loop.last"
    for p in (p for cell in row.cells for p in cell.paragraphs):
        keep = p._p.pPr.keepNext if p._p.pPr is not None else None
        value = keep.get(qn("w:val")) if keep is not None else "false"
        if value is None or value == "true":
            continue  # always kept with the next row already
        when = _KEEP_WHEN.match(value)
        condition = f"{last} or ({when.group(1)})" if when else last
        p.paragraph_format.keep_with_next = True
        p._p.pPr.keepNext.set(qn("w:val"), f"{{{{ 'true' if {condition} else 'false' }}}}")


def _keep_groups(row: Any, loop: str, starts: Any) -> None:
    """A row keeps with the next one while the next continues one of its merged cells: a page break falls
    between groups, so a merged cell never continues as an empty first row on the next page (a group longer
    than a page still breaks)."""
    name = loop.split(" in ", 1)[0].strip()
    # The same test on the next item: `r.goal` becomes `loop.nextitem.goal`.
    nexts = [re.sub(rf"\b{re.escape(name)}\.", "loop.nextitem.", s) for s in starts]
    continues = " or ".join(f"not ({n})" for n in nexts)
    keep = f"{{{{ 'true' if (loop.nextitem is defined and loop.nextitem and ({continues})) else 'false' }}}}"
    for p in (p for cell in row.cells for p in cell.paragraphs):
        p.paragraph_format.keep_with_next = True
        p._p.pPr.keepNext.set(qn("w:val"), keep)


def _merge_down(cell: Any, starts: str) -> None:
    """Mark the cell to start a vertical merge where `starts` is true and to continue the one above elsewhere."""
    merge = cell._tc.get_or_add_tcPr()._add_vMerge()
    # docxtpl renders the attribute like any other text of the part.
    merge.set(qn("w:val"), f"{{{{ 'restart' if {starts} else 'continue' }}}}")


def set_column_widths(table: Any, widths_mm: Sequence[float]) -> None:
    """Fix a table's column widths, in the table grid too: LibreOffice sizes columns from the grid, which
    python-docx leaves equal whatever the cells say."""
    table.autofit = False  # a fixed layout: Word and LibreOffice keep the widths given
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(round(width * 1440 / 25.4)))  # twentieths of a point
    for row in table.rows:
        # Per cell, not per column: a merged cell (a group row across the table) spans several columns and gets
        # their widths together; `row.cells` repeats it once per column, so it would keep the last one's only.
        column = 0
        for tc in row._tr.tc_lst:
            span = tc.grid_span
            tc.width = Mm(sum(widths_mm[column:column + span]))
            column += span


def _new_section(doc: Any, orient: Any) -> Any:
    from docx.enum.section import WD_SECTION

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    # A new section inherits "different first page" from the title page's section: its first page would lose
    # the running header.
    section.different_first_page_header_footer = False
    section.orientation = orient
    if orient == WD_ORIENT.LANDSCAPE:
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin, section.right_margin = Mm(20), Mm(15)
        section.top_margin, section.bottom_margin = Mm(30), Mm(15)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
    return section


def landscape_section(doc: Any) -> Any:
    """Start a landscape section (wide annex tables); headers and footers continue from the previous one."""
    return _new_section(doc, WD_ORIENT.LANDSCAPE)


def portrait_section(doc: Any) -> Any:
    return _new_section(doc, WD_ORIENT.PORTRAIT)


def keep_with_next(*items: Any) -> None:
    """Keep each paragraph (or every paragraph of each table) on the page of what follows it.

    For a heading or an introducing line built by hand, and for the rows above a block that must not split:
    ``keep_with_next(add_paragraph(doc, L % "decided", bold=True))``. Headings made by `add_heading` already keep
    with the next paragraph (their style says so)."""
    for item in items:
        paragraphs = [p for cell in _cells(item) for p in cell.paragraphs] if hasattr(item, "rows") else [item]
        for paragraph in paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _cells(table: Any) -> list[Any]:
    return [cell for row in table.rows for cell in row.cells]


def _last_text_paragraph(doc: Any) -> Any | None:
    """The body's last paragraph, unless it is a docxtpl block tag (``{%p ... %}``), which rendering removes."""
    body = doc.element.body
    last = body[-2] if len(body) > 1 else None  # body[-1] is the section properties
    if last is None or last.tag != qn("w:p"):
        return None
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(last, doc._body)
    return None if paragraph.text.lstrip().startswith("{%") else paragraph


SIGN_LINE_MM = 12.0
"""Height of a signature row: room for a hand signature above the line (Word's default row is 5 mm)."""


def add_signature_block(
    doc: Any,
    signers: Sequence[tuple[str, str]] = (),
    *,
    loop: str | None = None,
    widths_mm: Sequence[float] = (60, 45, 60),
    line_mm: float = SIGN_LINE_MM,
    keep_with_previous: bool = True,
    date_line: str | None = None,
) -> Any:
    """A signature block: per signer a row *position | line to sign on | name*, never split across pages.

    `signers` are (position, name) pairs; both may hold template tags:
    ``add_signature_block(doc, [(L % "chair", "{{ meeting.chair }}"), (L % "secretary", "{{ meeting.secretary }}")])``.
    For signers listed by the context, give `loop` (a Jinja loop head, ``"s in signer_rows"``) and one pair of
    tags of its item: ``add_signature_block(doc, [("{{ s.position }}", "{{ s.name }}")], loop="s in signer_rows")``.
    Each row is at least `line_mm` tall, its text on the row's foot, so there is room to sign above the line
    (the middle cell's bottom border); the rows never split and are kept with one another (the whole block moves
    to the next page), and with the paragraph before them when `keep_with_previous` (a signature alone on a
    page is not accepted). `date_line` (e.g. ``L % "sign_date_line"``) adds a last row "date" across the block.
    The table has no other borders, so `docx_inspect` treats it as layout (no repeated header row needed).
    """
    if loop and len(signers) != 1:
        raise ValueError("a looped signature block takes exactly one (position, name) pair of the loop's tags")
    if not signers:
        raise ValueError("a signature block needs at least one signer")
    if len(widths_mm) != 3:
        raise ValueError("a signature block has three columns: position, line, name")
    if keep_with_previous and (previous := _last_text_paragraph(doc)) is not None:
        previous.paragraph_format.keep_with_next = True
    lines = [("position", position, name) for position, name in signers]
    rows_needed = len(lines) + (2 if loop else 0) + (1 if date_line else 0)
    table = doc.add_table(rows=rows_needed, cols=3)
    remove_borders(table)
    set_column_widths(table, widths_mm)
    rows = list(table.rows)
    if loop:
        rows[0].cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
        rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")
        sign_rows = [rows[1]]
    else:
        sign_rows = rows[: len(lines)]
    for row, (_, position, name) in zip(sign_rows, lines, strict=True):
        _signature_row(row, position, name, line_mm)
    if date_line:
        date_row = rows[-1]
        merged = date_row.cells[0].merge(date_row.cells[2])
        _cell_text(merged, date_line)
        merged.paragraphs[0].style = "Normal"
        merged.paragraphs[0].paragraph_format.space_before = Pt(6)
        _cant_split(date_row)
    # Every paragraph keeps with the next, except the block's last one: the block holds together but does not
    # pull the text after it along.
    last_row = rows[-1] if (date_line or not loop) else None
    for row in rows:
        for p in (p for cell in row.cells for p in cell.paragraphs):
            p.paragraph_format.keep_with_next = True
            if row is last_row:
                p.paragraph_format.keep_with_next = None
            elif loop and row is rows[1] and not date_line:
                # docxtpl renders the attribute: the looped row keeps with the next one except the last time.
                p._p.pPr.keepNext.set(qn("w:val"), "{{ 'false' if loop.last else 'true' }}")
    doc.add_paragraph()
    return table


def _signature_row(row: Any, position: str, name: str, line_mm: float) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE

    row.height = Mm(line_mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    _cant_split(row)
    for cell, text, align in zip(row.cells, (position, "", name), ("left", "center", "left"), strict=True):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        paragraph = cell.paragraphs[0]
        if text:
            paragraph.add_run(text)
        paragraph.alignment = ALIGN[align]
        paragraph.paragraph_format.space_after = Pt(0)
        no_hyphenation(paragraph._p)
    line = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "auto")):
        bottom.set(qn(attr), value)
    line.append(bottom)
    tcpr = row.cells[1]._tc.get_or_add_tcPr()
    # Schema order of tcPr: tcW, gridSpan, vMerge, tcBorders, shd, noWrap, tcMar, textDirection, tcFitText, vAlign.
    tcpr.insert_element_before(line, "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                               "w:vAlign", "w:hideMark")
    # A little room between the line and the name.
    row.cells[2].paragraphs[0].paragraph_format.left_indent = Mm(3)


def remove_borders(table: Any) -> None:
    """A layout table: no border lines at all (Word's default "Normal Table" style draws none, but say so)."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    # Word refuses table properties out of schema order: tblBorders comes before shd, tblLayout, tblCellMar, tblLook.
    table._tbl.tblPr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                           "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def add_annex(
    doc: Any,
    title: str,
    *,
    mark: str | Sequence[str] = (),
    orientation: str | None = None,
    new_page: bool = True,
) -> Any:
    """Start an annex: on a new page (or a new `orientation` section, 'portrait' or 'landscape'), the annex mark
    right-aligned in small type, then the annex title centred in bold, kept with what follows.

    `mark` is the line (or lines) naming what the annex belongs to, e.g. ``"{{ resolution.annex_mark }}"`` or
    ``[L % "annex_line", "«{{ title }}»"]``; `title` the annex's own title. Pass ``new_page=False`` when the annex
    is a document of its own (its first page). Returns the title paragraph."""
    if orientation not in (None, "portrait", "landscape"):
        raise ValueError(f"orientation is 'portrait' or 'landscape', not {orientation!r}")
    if orientation:
        _new_section(doc, WD_ORIENT.LANDSCAPE if orientation == "landscape" else WD_ORIENT.PORTRAIT)
    elif new_page:
        add_page_break(doc)
    for line in [mark] if isinstance(mark, str) else mark:
        add_paragraph(doc, line, align="right", size=10, keep_with_next=True)
    heading = add_paragraph(doc, title, align="center", bold=True, size=14, space_before=12, keep_with_next=True)
    heading.paragraph_format.space_after = Pt(8)
    return heading


def save_template(doc: Any, path: Path, title: str = "{{ title }}") -> None:
    """Save the template; the document title property is rendered from the program too."""
    doc.core_properties.title = title
    doc.core_properties.author = "sedp"
    doc.core_properties.comments = ""
    buffer = io.BytesIO()
    doc.save(buffer)
    # Fixed zip timestamps: a rebuilt template changes in git only when its content does.
    write_atomic(path, deterministic_zip(buffer.getvalue()))


def add_matrix_table(
    doc: Any,
    matrix: str,
    corner: str,
    *,
    total_header: str | None = "{{ labels.total }}",
    filter: str = "amount",
    label_width_mm: float = 40.0,
    total_width_mm: float = 24.0,
    width_mm: float = 165.0,
    font_pt: float | None = None,
) -> Any:
    """A table with a column per year, per source...: one column per item of ``matrix.columns``, one row per
    ``matrix.rows`` and the bold ``matrix.total`` row, from a `sedp_core.rendering.context_rows.Matrix` in the context.

    `matrix` names the Matrix in the context (``financing_matrix``, ``aa.sources_by_year``); `corner` is the text
    of the top-left cell (``{{ labels.source }}``); `total_header` heads the last column (the rows' totals), or
    None for a matrix without it; `filter` formats the values (``amount``: grouped, no currency symbol, a dash
    where empty; ``num``, ``money``...). The heading column keeps `label_width_mm`, the totals column
    `total_width_mm`; the repeated columns share the rest of `width_mm` (165 mm: a portrait page's text width;
    262 mm on a `landscape_section` page), whatever their number: at 10 pt an amount of seven digits needs about
    20 mm, so give more than five years a landscape page or `font_pt=9`. This is the one table shape with a
    loop in a row: the template stays one loop per table, the columns come from the context.
    """
    m = matrix
    with_total = total_header is not None
    # Columns: heading, [loop start], repeated column, [loop end], totals. docxtpl's {%tc %} tags need a cell of
    # their own, which rendering removes.
    n = 5 if with_total else 4
    table = doc.add_table(rows=6, cols=n)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = table.rows
    value = f"|{filter}" if filter else ""

    def fill(row: Any, first: str, loop: str, cell: str, last: str, *, bold: bool = False,
             header: bool = False) -> None:
        _cell_text(row.cells[0], first, bold=bold, align="center" if header else None)
        row.cells[1].paragraphs[0].add_run(f"{{%tc for {loop} %}}")
        _cell_text(row.cells[2], cell, bold=bold, align="center" if header else "right")
        row.cells[3].paragraphs[0].add_run("{%tc endfor %}")
        if with_total:
            _cell_text(row.cells[4], last, bold=bold, align="center" if header else "right")

    fill(rows[0], corner, f"c in {m}.columns", "{{ c }}", total_header or "", bold=True, header=True)
    _repeat_header(rows[0])
    rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for r in {m}.rows %}}")
    fill(rows[2], "{{ r.label }}", "v in r.cells", f"{{{{ v{value} }}}}", f"{{{{ r.total{value} }}}}")
    _cant_split(rows[2])
    rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    rows[4].cells[0].paragraphs[0].add_run(f"{{%tr if {m}.total %}}")
    fill(rows[5], f"{{{{ {m}.total.label }}}}", f"v in {m}.total.cells", f"{{{{ v{value} }}}}",
         f"{{{{ {m}.total.total{value} }}}}", bold=True)
    _cant_split(rows[5])
    # The closing tag of the total row's condition, in a row of its own that rendering removes.
    closing = table.add_row()
    closing.cells[0].paragraphs[0].add_run("{%tr endif %}")
    rest = max(width_mm - label_width_mm - (total_width_mm if with_total else 0), 10.0)
    widths = [label_width_mm, 1.0, rest - 2.0, 1.0] + ([total_width_mm] if with_total else [])
    set_column_widths(table, widths)
    # Rendering gives the repeated columns their widths (their number is known only then): see render.py.
    twips = [round(w * 1440 / 25.4) for w in (label_width_mm, total_width_mm if with_total else 0, width_mm)]
    description = OxmlElement("w:tblDescription")
    description.set(qn("w:val"), f"{MATRIX_MARK} {twips[0]} {twips[1]} {twips[2]}")
    table._tbl.tblPr.append(description)
    if font_pt:
        for row in table.rows:
            for run in (r for cell in row.cells for p in cell.paragraphs for r in p.runs):
                run.font.size = Pt(font_pt)
    doc.add_paragraph()
    return table


def add_grouped_table(doc: Any, headers: Sequence[str], loop: str, cells: Sequence[str], widths_mm: Sequence[float],
                      *, group_cells: Sequence[str] | None = None, group_text: str = "{{ r.text }}",
                      group_when: str = "r.group", align: Sequence[str] | None = None,
                      font_pt: float | None = None, total: Sequence[str] | None = None) -> Any:
    """A loop table with two kinds of rows: where `group_when` is true a group row (one bold cell across the
    table with `group_text`: a goal, an objective, a heading; or the bold `group_cells`: a subtotal), an item row
    (`cells`) otherwise. The context gives one flat list with both kinds, in reading order.

    A group row is kept with the row after it and never split, so a heading never stands alone at a page's foot;
    the header row repeats on each page. Example (a goal tree over an action plan):
    ``add_grouped_table(doc, ["No.", "Activity"], "r in aa.action_rows", ["{{ r.no }}", "{{ r.title }}"],
    widths_mm=[10, 155])`` with rows ``{"group": True, "text": "1.1. Water"}``, ``{"group": False, "no": 1, ...}``.
    """
    n = len(headers)
    table = _headed_table(doc, headers, 8 + (1 if total else 0))
    rows = table.rows
    # docxtpl drops the rows that hold only a {%tr %} tag.
    for row, tag in ((1, f"{{%tr for {loop} %}}"), (2, f"{{%tr if {group_when} %}}"), (4, "{%tr else %}"),
                     (6, "{%tr endif %}"), (7, "{%tr endfor %}")):
        rows[row].cells[0].paragraphs[0].add_run(tag)
    if group_cells is None:
        merged = rows[3].cells[0].merge(rows[3].cells[n - 1])
        _cell_text(merged, group_text, bold=True)
        keep_with_next(*merged.paragraphs)
    else:
        for i, tag in enumerate(group_cells):
            _cell_text(rows[3].cells[i], tag, bold=True, align=(align[i] if align else None))
    for i, tag in enumerate(cells):
        _cell_text(rows[5].cells[i], tag, align=(align[i] if align else None))
    _cant_split(rows[3])
    _cant_split(rows[5])
    if total:
        for i, tag in enumerate(total):
            _cell_text(rows[8].cells[i], tag, bold=True, align=(align[i] if align else None))
        _cant_split(rows[8])
        _keep_last_with_total(rows[5])
    set_column_widths(table, widths_mm)
    if font_pt:
        for run in (r for row in rows for cell in row.cells for p in cell.paragraphs for r in p.runs):
            run.font.size = Pt(font_pt)
    doc.add_paragraph()
    return table
