"""What an officer would see opening the rendered sample documents: nothing left unrendered, table headers that
repeat on every page, every section the methodology requires, a page count in its expected range, and title pages
that look as they did (compared with committed reference images).

The samples are rendered and converted to PDF once per run (fixtures in conftest.py). The references live in
tests/documents/ and are rewritten by `scripts/update_document_references.py` (see docs/documents.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sedp_core.authoring.docx_inspect import (
    leftovers,
    missing_headings,
    tables_without_repeated_header,
    totals_not_adding_up,
    words_wider_than_columns,
)
from sedp_core.authoring.template_check import inspect_render
from tests.document_refs import (
    REFERENCE,
    TOLERANCE,
    RenderedDocument,
    load_expected,
    page_bounds,
    page_count,
    page_image,
    poppler,
    reference_images,
    visible_difference,
)

UPDATE = "run `.venv/bin/python scripts/update_document_references.py` (docs/documents.md)"
needs_pdfinfo = pytest.mark.skipif(poppler("pdfinfo") is None, reason="poppler-utils (pdfinfo) is not installed")
needs_pdftoppm = pytest.mark.skipif(poppler("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")


def _failures(rendered_documents: list[RenderedDocument], check: Callable[[RenderedDocument], list[str]]
              ) -> list[str]:
    return [f"{doc.path.name}: {problem}" for doc in rendered_documents for problem in check(doc)]


# --- the .docx -------------------------------------------------------------------------------------------------


def test_no_tag_none_or_nan_is_left_in_any_paragraph(rendered_documents: list[RenderedDocument]) -> None:
    assert _failures(rendered_documents, lambda d: leftovers(d.path)) == []


def test_every_bordered_table_repeats_its_header_row(rendered_documents: list[RenderedDocument]) -> None:
    assert _failures(rendered_documents, lambda d: tables_without_repeated_header(d.path)) == []


def test_every_printed_total_is_the_sum_of_its_printed_lines(rendered_documents: list[RenderedDocument]) -> None:
    assert _failures(rendered_documents, lambda d: totals_not_adding_up(d.path)) == []


def test_no_word_is_wider_than_its_table_column(rendered_documents: list[RenderedDocument]) -> None:
    from sedp_core.authoring.docx_inspect import _font_widths

    if _font_widths(False) is None:
        pytest.skip("Liberation Serif 2 is not installed (fonts-liberation2; `scripts/dev.py test` installs it)")
    assert _failures(rendered_documents, lambda d: words_wider_than_columns(d.path)) == []


def test_shares_compared_with_a_quorum_show_a_decimal(rendered_documents: list[RenderedDocument]) -> None:
    import re

    from tests.conftest import docx_text

    minutes = [d for d in rendered_documents if d.document.id == "inh_minutes"]
    assert minutes
    for doc in minutes:  # "... 67 attended (46.9 %)": 49.67 % must never read as a quorum of 50 % met
        assert re.search(r"\(\d+[.,]\d\s?%\)", docx_text(doc.path)), doc.path.name


def test_every_required_heading_is_present(rendered_documents: list[RenderedDocument]) -> None:
    assert _failures(rendered_documents,
                     lambda d: missing_headings(d.path, d.document.heading_texts(d.language))) == []


def test_both_plugins_declare_required_headings(rendered_documents: list[RenderedDocument]) -> None:
    with_headings = {d.methodology.id for d in rendered_documents if d.document.headings}
    assert {"mn.onhs", "kg.aa"} <= with_headings


def test_the_checks_find_what_they_look_for(rendered_documents: list[RenderedDocument]) -> None:
    """Each inspection reports a document edited the way that breaks it (the checks above can fail)."""
    import io
    import zipfile

    doc = next(d for d in rendered_documents if d.document.id == "ldf_plan" and d.language == "en")
    original = doc.path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    heading = doc.document.heading_texts("en")[0]
    broken = (xml.replace("<w:tblHeader/>", "", 1).replace('<w:tblHeader w:val="true"/>', "", 1)
              .replace('w:val="Heading1"', 'w:val="Normal"', 1)
              .replace("</w:body>", "<w:p><w:r><w:t>Cost: None, share: nan, {{ total }}</w:t></w:r></w:p></w:body>"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, broken if item.filename == "word/document.xml" else src.read(item.filename))
    data = buffer.getvalue()

    assert leftovers(data) == ["word/document.xml: 'Cost: None, share: nan, {{ total }}'"]
    assert len(tables_without_repeated_header(data)) == 1
    assert missing_headings(data, [heading, "No such chapter"]) == [
        f"heading {heading!r} is not styled as a heading", "heading 'No such chapter' is missing"]
    # `sedp templates check` runs the same inspections on its trial renders.
    assert len(inspect_render(data, doc.document, "en")) == 3
    assert inspect_render(original, doc.document, "en") == []


def test_an_english_none_in_a_sentence_is_not_a_leftover(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "t.docx"
    document = docx.Document()
    document.add_paragraph("None of the proposals was excluded; none is pending; Nonesuch; nano; 'None'")
    document.save(str(path))
    assert leftovers(path) == ["word/document.xml: \"None of the proposals was excluded; none is pending; "
                               "Nonesuch; nano; 'None'\""]
    document = docx.Document()
    document.add_paragraph("none of the proposals; Nonesuch; nano; nanny")
    document.save(str(path))
    assert leftovers(path) == []


# --- the PDF ---------------------------------------------------------------------------------------------------


@needs_pdfinfo
def test_page_counts_stay_within_expected_bounds(rendered_pdfs: dict[str, Path]) -> None:
    expected = load_expected()
    stale = sorted(set(expected) - set(rendered_pdfs))
    assert stale == [], f"tests/documents/expected.yaml names documents no sample renders: {stale}; {UPDATE}"
    outside = []
    for stem, (low, high) in sorted(expected.items()):
        pages = page_count(rendered_pdfs[stem])
        if not low <= pages <= high:
            outside.append(f"{stem}: {pages} pages, expected {low}-{high}")
    assert outside == [], f"{outside}: a layout fault, or the sample grew: {UPDATE} --pages"


@needs_pdfinfo
def test_every_sample_document_has_expected_page_bounds(rendered_pdfs: dict[str, Path]) -> None:
    missing = sorted(set(rendered_pdfs) - set(load_expected()))
    if missing:
        pytest.skip(f"no expected page count yet for {', '.join(missing)}: {UPDATE}")


def test_page_bounds_leave_room() -> None:
    assert page_bounds(1) == [1, 3]
    assert page_bounds(11) == [7, 16]
    assert page_bounds(20) == [14, 27]


@needs_pdftoppm
def test_title_pages_look_as_their_reference(rendered_documents: list[RenderedDocument],
                                             rendered_pdfs: dict[str, Path], tmp_path: Path) -> None:
    references = reference_images()
    methodology = {d.path.stem: d.methodology.id for d in rendered_documents}
    assert {"mn.onhs", "kg.aa"} <= {methodology.get(stem) for stem, _, _ in references}, \
        f"a reference image in {REFERENCE} for a document of each bundled plugin"
    differing = []
    for stem, page, reference in references:
        assert stem in rendered_pdfs, f"{reference.name}: no sample renders {stem}; {UPDATE}"
        drawn = page_image(rendered_pdfs[stem], page, tmp_path / reference.name)
        difference = visible_difference(drawn, reference)
        if difference > TOLERANCE:
            differing.append(f"{stem} page {page}: {difference:.1f} % of what is drawn differs (tolerance "
                             f"{TOLERANCE} %)"
                             f"; compare {drawn} with {reference}")
    assert differing == [], f"{differing}: if the change is intended, {UPDATE} --images"


def test_the_image_comparison_sees_layout_changes_and_forgives_noise() -> None:
    from PIL import Image, ImageChops, ImageDraw

    references = reference_images()
    assert references
    for _, _, png in references:
        image = Image.open(png).convert("L")
        width, height = image.size
        assert visible_difference(image, image) == 0
        assert visible_difference(image, ImageChops.offset(image, 1, 1)) <= TOLERANCE  # antialiasing, rounding
        assert visible_difference(image, ImageChops.offset(image, 0, 5)) > TOLERANCE  # everything 3 mm lower
        # The line of text with the most ink (the title, the issuing body) is gone: a band one line (5 mm) high.
        ink = [sum(255 - v for v in image.crop((0, y, width, y + 1)).tobytes()) for y in range(height)]
        top = max(range(height - 8), key=lambda y: sum(ink[y:y + 8]))
        blanked = image.copy()
        ImageDraw.Draw(blanked).rectangle((0, top, width, top + 7), fill=255)
        assert visible_difference(image, blanked) > TOLERANCE
        # Another page size or orientation never matches; nor does another document's title page.
        assert visible_difference(image, image.resize((width + 1, height))) == 100
        others = [other for _, _, other in references if other != png]
        assert all(visible_difference(image, Image.open(other)) > TOLERANCE for other in others)


def test_templates_check_reports_a_tag_broken_in_word(tmp_path: Path) -> None:
    """A tag left unclosed while editing in Word is reported by `sedp templates check`, not a crash."""
    import dataclasses

    import docx

    from sedp_core.authoring.template_check import check_all_templates
    from sedp_core.registry.collect import get_registry

    registry = get_registry()
    key = next(k for k, m in registry.methodologies.items() if m.id == "mn.onhs")
    spec = next(d for d in registry.methodologies[key].documents if d.id == "itk_resolution")
    edited = docx.Document(str(spec.template))
    edited.add_paragraph("{{ resolution.title ")
    edited.save(str(tmp_path / "edited.docx"))
    methodology = dataclasses.replace(registry.methodologies[key],
                                      documents=(dataclasses.replace(spec, template=tmp_path / "edited.docx"),))
    problems, checked = check_all_templates(dataclasses.replace(registry, methodologies={key: methodology}))
    assert checked == 2 and len(problems) == 2
    assert all("itk_resolution" in p and "edited.docx" in p for p in problems)


def test_every_table_keeps_with_the_line_that_introduces_it(rendered_documents: list[RenderedDocument]) -> None:
    """The paragraph just before a table (a heading or an introducing sentence) is never left alone at the foot
    of a page: it is marked keep-with-next, itself or through its style."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def kept(p: object, styles: dict[str, object]) -> bool:
        mark = p.find(f"{w}pPr/{w}keepNext")  # type: ignore[attr-defined]
        if mark is not None:
            return mark.get(f"{w}val", "true") not in ("0", "false")
        style = p.find(f"{w}pPr/{w}pStyle")  # type: ignore[attr-defined]
        seen = style.get(f"{w}val") if style is not None else None
        while seen in styles:
            el = styles[seen]
            if el.find(f"{w}pPr/{w}keepNext") is not None:  # type: ignore[attr-defined]
                return True
            based = el.find(f"{w}basedOn")  # type: ignore[attr-defined]
            seen = based.get(f"{w}val") if based is not None else None
        return False

    alone = []
    for doc in rendered_documents:
        with zipfile.ZipFile(doc.path) as z:
            body = etree.fromstring(z.read("word/document.xml")).find(f"{w}body")
            styles = {s.get(f"{w}styleId"): s for s in etree.fromstring(z.read("word/styles.xml")).iter(f"{w}style")}
        for tbl in body.findall(f"{w}tbl"):
            if tbl.find(f"{w}tr/{w}trPr/{w}tblHeader") is None:
                continue  # a layout table (signature block, an act's date line), not a table a line introduces
            before = tbl.getprevious()
            text = "".join(t.text or "" for t in before.iter(f"{w}t")) if before is not None else ""
            style = before.find(f"{w}pPr/{w}pStyle") if before is not None else None
            if style is not None and style.get(f"{w}val") == "Caption":
                continue  # a chart's caption belongs to the chart above it, not to the table below
            if before is not None and before.tag == f"{w}p" and text.strip() and not kept(before, styles):
                alone.append(f"{doc.path.name}: {text.strip()[:60]!r}")
    assert alone == []
