"""Every bundled example validates without errors, renders every document in every language, and converts to PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sedp_core.validation.validate import validate_file
from tests.conftest import EXAMPLES, ROOT, docx_text

PDFTOTEXT = shutil.which("pdftotext")


def test_there_are_examples_for_each_bundled_plugin() -> None:
    folders = {p.relative_to(ROOT / "examples").parts[0] for p in EXAMPLES}
    assert {"mongolia_onhs", "kyrgyz_aa"} <= folders


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_example_validates_without_errors(example: Path) -> None:
    result = validate_file(example)
    assert result.report.errors == [], result.report.to_json()


def test_every_document_renders_with_its_program_data(rendered: list[Path]) -> None:
    assert rendered
    for path in rendered:
        text = docx_text(path)
        assert len(text) > 200, path.name
        assert "{{" not in text and "{%" not in text, f"unrendered tag in {path.name}"


def test_every_document_converts_to_pdf_with_its_contents_filled(rendered: list[Path],
                                                                 rendered_pdfs: dict[str, Path]) -> None:
    import docx

    assert sorted(rendered_pdfs) == sorted(p.stem for p in rendered)
    for path in rendered:
        pdf = rendered_pdfs[path.stem]
        assert pdf.is_file() and pdf.stat().st_size > 1000, f"{path.name} did not convert"
        if not PDFTOTEXT:
            continue
        text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert text.count("\f") >= 1, f"{pdf.name} has no pages"
        headings = [p.text for p in docx.Document(str(path)).paragraphs
                    if p.style.name == "Heading 1" and p.text.strip()]
        has_toc = "TOC" in "".join(docx.Document(str(path)).element.body.itertext())
        if has_toc and headings:
            # The contents list each chapter with a page number: "HEADING ....... 7".
            first = headings[-1].split()[0]
            assert re.search(rf"{re.escape(first)}.*\.{{3,}}\s*\d+", text), f"contents of {pdf.name} not filled"


def test_no_page_of_a_sample_document_is_blank(rendered_pdfs: dict[str, Path]) -> None:
    """A page that holds only the running header and its number is a page a signer turns over for nothing; it
    comes when a section ends with a table that fills its last page and the empty paragraph carrying the section
    break spills onto a page of its own."""
    if not PDFTOTEXT:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    blank = []
    for stem, pdf in sorted(rendered_pdfs.items()):
        pages = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        for number, page in enumerate(pages.split("\f")[:-1], start=1):
            lines = [line for line in page.splitlines() if line.strip()]
            if len(lines) <= 2:  # the running header and the page number, or less
                blank.append(f"{stem} p. {number}")
    assert not blank, f"blank pages: {blank}"
