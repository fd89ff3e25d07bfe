"""One font with every letter: each document names one font (authoring.FONT) and its PDF uses only that font's
LibreOffice twin (authoring.PDF_FONT), so Ө Ү Ң (and Tajik Ҷ Ҳ Қ) never come from a fallback font and a PDF
search finds words such as "хөгжлийн" whole. One document per language of the samples, plus a Tajik one."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from sedp_core.authoring.build import FONT, PDF_FONT, add_heading, add_paragraph, new_document, save_template
from tests.conftest import NO_SOFFICE, SOFFICE
from tests.document_refs import RenderedDocument

NO_POPPLER = "poppler-utils (pdffonts, pdftotext) is not installed; `scripts/dev.py test` installs it"
LETTERS = "ӨөҮүҢңҶҷҲҳҚқӢӣӮӯҒғ"
TAJIK = "Қарори ҷамоати деҳот оид ба барномаи рушди иҷтимоию иқтисодӣ. Ҳукумати маҳаллӣ. Ғизо, ҷӯй, кӯҳ."


def named_fonts(docx: Path) -> set[str]:
    """Every font the styles, text, headers and footers name (a theme font counts as one more). The list
    definitions (numbering.xml) of python-docx's template name Symbol for bullets no document uses: a bullet
    used would show in pdffonts."""
    with zipfile.ZipFile(docx) as z:
        parts = [z.read(n).decode("utf-8") for n in z.namelist()
                 if re.fullmatch(r"word/(document|styles|header\d*|footer\d*)\.xml", n)]
    fonts = set()
    for xml in parts:
        fonts |= set(re.findall(r'w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"', xml)) - {"en-US"}
        if re.search(r'w:(?:ascii|hAnsi)Theme="', xml):
            fonts.add("(a theme font)")
    return fonts


def pdf_fonts(pdf: Path) -> set[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {line.split()[0].split("+", 1)[-1] for line in out.splitlines()[2:] if line.strip()}


def pdf_faces(family: str) -> set[str]:
    base = family.replace(" ", "")
    return {base, f"{base}-Bold", f"{base}-Italic", f"{base}-BoldItalic"}


def words_with_letters(text: str) -> list[str]:
    return sorted({w for w in re.findall(r"\w{5,}", text) if any(ch in LETTERS for ch in w)})


def check_pdf(docx: Path, pdf: Path) -> list[str]:
    problems = []
    if named_fonts(docx) != {FONT}:
        problems.append(f"{docx.name} names {sorted(named_fonts(docx))}, not only {FONT!r}")
    if extra := pdf_fonts(pdf) - pdf_faces(PDF_FONT):
        problems.append(f"{pdf.name} uses {sorted(extra)}: a font the document did not name (a fallback)")
    from tests.conftest import docx_text

    pdf_text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    missing = [w for w in words_with_letters(docx_text(docx)) if w not in pdf_text]
    if missing:
        problems.append(f"{pdf.name}: pdftotext does not find {missing[:5]} in one piece")
    return problems


def one_per_language(rendered_documents: list[RenderedDocument]) -> dict[str, RenderedDocument]:
    """Per language, a program document (the most text and every kind of table) where there is one."""
    chosen: dict[str, RenderedDocument] = {}
    for doc in rendered_documents:
        if doc.language not in chosen or doc.document.id in ("program", "bag_program"):
            chosen[doc.language] = doc
    return chosen


def test_every_sample_language_prints_in_the_one_font(rendered_documents: list[RenderedDocument],
                                                       rendered_pdfs: dict[str, Path]) -> None:
    if not (shutil.which("pdffonts") and shutil.which("pdftotext")):
        pytest.skip(NO_POPPLER)
    chosen = one_per_language(rendered_documents)
    assert {"mn", "ky", "ru", "en"} <= set(chosen)
    problems = [p for doc in chosen.values() for p in check_pdf(doc.path, rendered_pdfs[doc.path.stem])]
    assert problems == []
    # the check has something to find: the Mongolian and Kyrgyz documents have words with Ө Ү Ң
    from tests.conftest import docx_text

    for language in ("mn", "ky"):
        assert words_with_letters(docx_text(chosen[language].path)), language


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
@pytest.mark.skipif(not (shutil.which("pdffonts") and shutil.which("pdftotext")), reason=NO_POPPLER)
def test_a_tajik_document_prints_in_the_one_font(tmp_path: Path) -> None:
    from sedp_core.rendering.pdf import convert_to_pdf

    doc = new_document("tg")
    add_heading(doc, "Барномаи рушди ҷамоат", 1)
    add_paragraph(doc, TAJIK)
    add_paragraph(doc, TAJIK, bold=True)
    save_template(doc, tmp_path / "tajik.docx", title="Тоҷикӣ")
    (pdf,) = convert_to_pdf([tmp_path / "tajik.docx"], tmp_path)
    assert check_pdf(tmp_path / "tajik.docx", pdf) == []


def test_the_check_sees_a_fallback_font(tmp_path: Path) -> None:
    """A document naming another font for one run is reported, before any PDF is made."""
    doc = new_document("mn")
    add_paragraph(doc, "хөгжлийн").runs[0].font.name = "DejaVu Sans"
    save_template(doc, tmp_path / "other.docx")
    assert named_fonts(tmp_path / "other.docx") == {FONT, "DejaVu Sans"}
