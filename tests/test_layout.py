"""The layout helpers of sedp_core.authoring.build (signature block, keep-with-next, titled annex) and the bundled build
scripts' use of them: what Word reads from the XML, and what LibreOffice makes of it on a page."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sedp_core.authoring.build import (
    SIGN_LINE_MM,
    add_annex,
    add_paragraph,
    add_signature_block,
    keep_with_next,
    new_document,
    save_template,
)
from tests.conftest import NO_SOFFICE, ROOT, SOFFICE

TWIPS_PER_MM = 1440 / 25.4


def render(doc: Any, tmp_path: Path, context: dict[str, Any]) -> str:
    """Save the built template, render it with docxtpl and `context`, return word/document.xml."""
    from docxtpl import DocxTemplate

    save_template(doc, tmp_path / "template.docx")
    template = DocxTemplate(tmp_path / "template.docx")
    template.render(context)
    out = io.BytesIO()
    template.save(out)
    (tmp_path / "rendered.docx").write_bytes(out.getvalue())
    return zipfile.ZipFile(out).read("word/document.xml").decode()


def tables(xml: str) -> list[str]:
    return re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S)


def rows(table: str) -> list[str]:
    return re.findall(r"<w:tr[ >].*?</w:tr>", table, re.S)


def keeps(xml: str) -> list[bool]:
    """Per paragraph: kept with the next one."""
    found = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        mark = re.search(r'<w:keepNext(?: w:val="(\w+)")?/>', p)
        found.append(bool(mark) and mark.group(1) not in ("false", "0"))
    return found


def test_signature_block_rows_are_tall_never_split_and_hold_together(tmp_path: Path) -> None:
    doc = new_document()
    add_paragraph(doc, "The meeting decided:")
    add_signature_block(doc, [("Chair", "{{ chair }}"), ("Secretary", "B. Bat")])
    xml = render(doc, tmp_path, {"chair": "D. Dorj"})
    (block,) = tables(xml)
    signer_rows = rows(block)
    assert len(signer_rows) == 2
    for row in signer_rows:
        assert "<w:cantSplit" in row
        height = re.search(r'<w:trHeight w:val="(\d+)" w:hRule="atLeast"/>', row)
        assert height and int(height.group(1)) >= round(SIGN_LINE_MM * TWIPS_PER_MM) - 1
        assert re.search(r"<w:tcBorders><w:bottom w:val=\"single\"", row), "no line to sign on"
    assert "D. Dorj" in signer_rows[0] and "Secretary" in signer_rows[1]
    # the first row keeps with the second, the second (last) does not pull the text after the block along
    assert keeps(signer_rows[0]) == [True] * 3 and keeps(signer_rows[1]) == [False] * 3
    # the line before the block stays with it
    assert keeps(xml.split("<w:tbl>")[0])[-1] is True
    # a layout table: no border but the signing lines, so it needs no repeated header row
    from sedp_core.authoring.docx_inspect import tables_without_repeated_header

    assert tables_without_repeated_header(tmp_path / "rendered.docx") == []


def test_looped_signature_block_keeps_every_row_but_the_last_with_the_next(tmp_path: Path) -> None:
    doc = new_document()
    add_signature_block(doc, [("{{ s.position }}", "{{ s.name }}")], loop="s in signers")
    signers = [{"position": f"Member {i}", "name": f"N{i}"} for i in range(3)]
    xml = render(doc, tmp_path, {"signers": signers})
    signer_rows = rows(tables(xml)[0])
    assert [re.search(r"N\d", r).group(0) for r in signer_rows] == ["N0", "N1", "N2"]  # type: ignore[union-attr]
    assert [keeps(r)[0] for r in signer_rows] == [True, True, False]


def test_signature_block_date_line_closes_the_block(tmp_path: Path) -> None:
    doc = new_document()
    add_signature_block(doc, [("Prepared by", "A. Name")], date_line="Date: ____")
    signer_rows = rows(tables(render(doc, tmp_path, {}))[0])
    assert len(signer_rows) == 2 and "Date: ____" in signer_rows[1]
    assert keeps(signer_rows[0]) == [True] * 3 and not any(keeps(signer_rows[1]))


@pytest.mark.parametrize("bad", [{"signers": []}, {"signers": [("a", "b"), ("c", "d")], "loop": "s in x"},
                                 {"signers": [("a", "b")], "widths_mm": (50, 50)}])
def test_signature_block_refuses_what_it_cannot_lay_out(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        add_signature_block(new_document(), **bad)


def test_keep_with_next_marks_paragraphs_and_tables(tmp_path: Path) -> None:
    doc = new_document()
    intro = add_paragraph(doc, "Introducing line")
    table = doc.add_table(rows=2, cols=2)
    keep_with_next(intro, table)
    add_paragraph(doc, "Kept line", keep_with_next=True)
    add_paragraph(doc, "Free line")
    xml = render(doc, tmp_path, {})
    assert keeps(xml.split("<w:tbl>")[0]) == [True]
    assert keeps(tables(xml)[0]) == [True] * 4
    assert keeps(xml.split("</w:tbl>")[1]) == [True, False]


@pytest.mark.parametrize("helper", ["add_loop_table", "add_grouped_table"])
def test_the_line_introducing_a_loop_table_is_kept_with_it(helper: str, tmp_path: Path) -> None:
    import sedp_core.authoring.build as authoring

    doc = new_document()
    add_paragraph(doc, "The national documents the program serves:")
    getattr(authoring, helper)(doc, ["A", "B"], "r in rows", ["{{ r.a }}", "{{ r.b }}"], widths_mm=[40, 40])
    xml = render(doc, tmp_path, {"rows": [{"group": False, "a": 1, "b": 2}]})
    assert keeps(xml.split("<w:tbl>")[0]) == [True]


def test_annex_starts_a_page_with_its_mark_and_a_title_kept_with_what_follows(tmp_path: Path) -> None:
    doc = new_document()
    add_paragraph(doc, "Body")
    add_annex(doc, "ANNEX TITLE", mark=["Annex 1", "to the resolution No. {{ no }}"])
    add_paragraph(doc, "Annex body")
    add_annex(doc, "WIDE ANNEX", mark="Annex 2", orientation="landscape")
    xml = render(doc, tmp_path, {"no": 7})
    before_first = xml.split("Annex 1")[0]
    assert '<w:br w:type="page"/>' in before_first
    first = xml.split("Annex 1")[1].split("Annex body")[0]
    assert "to the resolution No. 7" in first and "ANNEX TITLE" in first
    assert re.search(r'<w:jc w:val="right"/>', xml.split("Annex 1")[0].rsplit("<w:p>", 1)[-1] + first)
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
    title = next(p for p in paragraphs if "ANNEX TITLE" in p)
    assert keeps(title) == [True] and "<w:b/>" in title
    # the landscape annex opens a new section: the section break ends the paragraph before its mark
    assert re.search(r'<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>', xml)
    with pytest.raises(ValueError):
        add_annex(doc, "x", orientation="sideways")


BUILD_SCRIPTS = sorted((ROOT / "plugins").glob("*/build*templates.py"))


@pytest.mark.parametrize("script", BUILD_SCRIPTS, ids=lambda p: p.parent.name + "/" + p.name)
def test_build_scripts_use_the_core_layout_helpers_not_their_own(script: Path) -> None:
    text = script.read_text(encoding="utf-8")
    # hand-made signature lines, border XML and raw keep-with-next flags are what the helpers replace
    for copied in ("____", "tblBorders", "OxmlElement", "keep_with_next = True", "\\t\\t"):
        assert copied not in text, f"{script.name} builds {copied!r} itself: use sedp_core.authoring.build"


SIGNED = ["kyrgyz_aa/action_plan_2018", "kyrgyz_aa/gathering_minutes_2018", "kyrgyz_aa/hearing_minutes_2018",
          "kyrgyz_aa/kenesh_resolution_2018", "kyrgyz_aa/monitoring_report_2018", "mongolia_onhs/apa_report",
          "mongolia_onhs/inh_minutes", "mongolia_onhs/itk_resolution", "mongolia_onhs/wg_ranking"]


@pytest.mark.parametrize("name", SIGNED)
def test_every_signed_bundled_template_has_a_signature_block(name: str) -> None:
    xml = zipfile.ZipFile(ROOT / "templates_docx" / f"{name}.docx").read("word/document.xml").decode()
    blocks = [t for t in tables(xml) if 'w:hRule="atLeast"' in t and "<w:cantSplit" in t and "<w:tcBorders>" in t]
    assert blocks, f"{name} has no signature block (sedp_core.authoring.build.add_signature_block)"


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_libreoffice_moves_a_signature_block_whole_to_the_next_page(tmp_path: Path) -> None:
    """Lines fill the first page up to where only the first signer would fit: the decision line and both signers
    move to the second page together."""
    from sedp_core.rendering.pdf import convert_to_pdf

    found: dict[int, list[str]] = {}
    for lines in (31, 32, 33):  # around the page foot, whatever the exact line height
        doc = new_document()
        for i in range(lines):
            add_paragraph(doc, f"Line {i}")
        add_paragraph(doc, "Decided")
        add_signature_block(doc, [("Chair", "Dorj"), ("Secretary", "Bat")])
        folder = tmp_path / str(lines)
        folder.mkdir()
        render(doc, folder, {})
        (pdf,) = convert_to_pdf([folder / "rendered.docx"], folder)
        pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")
        found[lines] = [next(str(n) for n, page in enumerate(pages) if word in page)
                        for word in ("Decided", "Dorj", "Bat")]
    for lines, where in found.items():
        assert len(set(where)) == 1, f"{lines} lines: the block split across pages {where}"
    assert any(where[0] == "1" for where in found.values()), "the block never reached the page foot: test is void"


# --- totals: the printed total is the sum of the printed lines -----------------------------------------------


def totals_table(tmp_path: Path, rows: list[dict[str, Any]], total: str, note: bool = False,
                 **options: Any) -> list[str]:
    from sedp_core.authoring.build import add_loop_table
    from sedp_core.authoring.docx_inspect import TOTALS_NOTE, totals_not_adding_up

    doc = new_document("ru")
    add_loop_table(doc, ["Статья", "Сумма"], "r in rows", ["{{ r.name }}", "{{ r.amount }}"],
                   total=["Итого", total], **options)
    if note:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        mark = doc.paragraphs[-1]
        mark.add_run("Итоги рассчитаны по неокруглённым суммам.")
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), "0")
        start.set(qn("w:name"), TOTALS_NOTE)
        mark._p.insert(0, start)
    render(doc, tmp_path, {"rows": rows})
    return totals_not_adding_up(tmp_path / "rendered.docx")


def test_a_total_that_is_not_the_sum_of_the_printed_lines_is_reported(tmp_path: Path) -> None:
    rows = [{"name": "a", "amount": "1\u00a0487,2"}, {"name": "b", "amount": "24\u00a0325,5"}]
    (problem,) = totals_table(tmp_path, rows, "25\u00a0812,8")
    assert "the total '25 812,8' is not the sum of the printed lines (25812.7)" in problem
    assert totals_table(tmp_path, rows, "25\u00a0812,7") == []


def test_a_note_subtotals_ratios_and_running_columns_are_accepted(tmp_path: Path) -> None:
    rows = [{"name": "a", "amount": "1\u00a0487,2", "sub": False},
            {"name": "b", "amount": "24\u00a0325,5", "sub": False}]
    assert totals_table(tmp_path, rows, "25\u00a0812,8", note=True) == []
    with_subtotal = [{"name": "year", "amount": "25\u00a0812,7", "sub": True}, *rows]
    assert totals_table(tmp_path, with_subtotal, "25\u00a0812,7", bold_when="r.sub") == []
    assert totals_table(tmp_path, with_subtotal, "25\u00a0812,7") != []  # the same row not in bold is a line
    assert totals_table(tmp_path, [{"name": "a", "amount": "40\u00a0%"}, {"name": "b", "amount": "60\u00a0%"}],
                        "50\u00a0%") == []  # a ratio, not a sum of shares
    assert totals_table(tmp_path, [{"name": "a", "amount": "40\u00a0%"}, {"name": "b", "amount": "59,9\u00a0%"}],
                        "100,0\u00a0%") != []
    assert totals_table(tmp_path, [{"name": "a", "amount": "10"}, {"name": "b", "amount": "25"}], "25") == []


# --- hyphens that must not end a line ----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kept"), [
    ("2025-2027", ["2025-2027"]), ("Кок-Сай, Тоо-Башы", ["Кок-Сай", "Тоо-Башы"]), ("Улаан-Уул сум", ["Улаан-Уул"]),
    ("2025-жылдын 20-августу", ["2025-жылдын", "20-августу"]), ("социально-экономический", []), ("T-shirt", []),
    ("ОНХС-ийн хөрөнгө, ИТХ-ын тогтоол", ["ОНХС-ийн", "ИТХ-ын"]), ("А-зэрэг", []),
])
def test_year_ranges_numbered_words_and_place_names_keep_their_hyphen(text: str, kept: list[str]) -> None:
    from sedp_core.rendering.typography import protected_hyphens

    positions = protected_hyphens(text)
    words = [w for w in re.findall(r"[\w-]+", text) if any(text.index(w) < p < text.index(w) + len(w)
                                                            for p in positions)]
    assert words == kept


def test_a_column_is_measured_for_a_word_whose_hyphen_does_not_break() -> None:
    from sedp_core.authoring.docx_inspect import widest_word_mm

    whole = widest_word_mm("ОНХС-ийн", 10)
    if whole is None:
        pytest.skip("Liberation Serif is not installed (`scripts/dev.py test` installs fonts-liberation2)")
    assert widest_word_mm("ОНХС-ийн хөрөнгө", 10) == whole  # one piece: the renderer keeps it on one line
    assert widest_word_mm("социально-экономический", 10) < widest_word_mm("социальноэкономический", 10)


def test_every_sample_document_keeps_its_year_ranges_and_place_names_whole(
        rendered_documents: list[Any]) -> None:
    from sedp_core.rendering.typography import protected_hyphens

    breakable, kept = [], 0
    for doc in rendered_documents:
        xml = zipfile.ZipFile(doc.path).read("word/document.xml").decode()
        kept += xml.count("<w:noBreakHyphen/>")
        for text in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml):
            if protected_hyphens(text):
                breakable.append(f"{doc.path.name}: {text!r}")
    assert breakable == []
    assert kept > 0  # the Kyrgyz villages (Кок-Сай, Жаңы-Жол) and every "2025-2027"


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_libreoffice_does_not_break_a_year_range_in_a_narrow_cell(tmp_path: Path) -> None:
    """33 mm holds "Кок-Сай 2025-" but not the whole range: the range moves to the next line whole."""
    from sedp_core.authoring.build import set_column_widths
    from sedp_core.rendering.pdf import convert_to_pdf
    from sedp_core.rendering.typography import keep_hyphens

    lines = {}
    for keep in (False, True):
        doc = new_document("ky")
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        set_column_widths(table, [33, 100])
        table.rows[0].cells[0].paragraphs[0].add_run("Кок-Сай 2025-2027")
        if keep:
            keep_hyphens(doc.element)
        folder = tmp_path / str(keep)
        save_template(doc, folder / "range.docx")
        (pdf,) = convert_to_pdf([folder / "range.docx"], folder)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        lines[keep] = [line.strip() for line in text.splitlines() if line.strip()][:2]
    assert lines[False] == ["Кок-Сай 2025-", "2027"]  # what a plain hyphen does: the test can fail
    assert lines[True] == ["Кок-Сай", "2025-2027"]


def test_a_word_wider_than_its_column_is_reported_in_the_fonts_size(tmp_path: Path) -> None:
    from sedp_core.authoring.build import add_loop_table
    from sedp_core.authoring.docx_inspect import _font_widths, words_wider_than_columns

    if _font_widths(False) is None:
        pytest.skip("Liberation Serif 2 is not installed (fonts-liberation2; `scripts/dev.py test` installs it)")
    doc = new_document("ru")
    add_loop_table(doc, ["№", "Текст"], "r in rows", ["{{ r.no }}", "{{ r.text }}"], widths_mm=[12, 24])
    add_loop_table(doc, ["№", "Текст"], "r in rows", ["{{ r.no }}", "{{ r.text }}"], widths_mm=[12, 24],
                   font_pt=7)
    render(doc, tmp_path, {"rows": [{"no": 1, "text": "Зарегистрированные избиратели"}]})
    problems = words_wider_than_columns(tmp_path / "rendered.docx")
    # at 10 pt the word needs about 31 mm of the 20 mm; at 7 pt it still needs about 22 mm
    assert len(problems) == 2 and all("'Зарегистрированные' needs" in p and "column 2" in p for p in problems)
    doc = new_document("ru")
    add_loop_table(doc, ["№", "Текст"], "r in rows", ["{{ r.no }}", "{{ r.text }}"], widths_mm=[12, 45])
    render(doc, tmp_path, {"rows": [{"no": 1, "text": "Зарегистрированные избиратели"}]})
    assert words_wider_than_columns(tmp_path / "rendered.docx") == []


def test_a_group_row_across_the_table_is_as_wide_as_the_table(tmp_path: Path) -> None:
    from sedp_core.authoring.build import add_grouped_table
    from sedp_core.authoring.docx_inspect import _font_widths, words_wider_than_columns

    doc = new_document("ru")
    add_grouped_table(doc, ["№", "Мероприятие"], "r in rows", ["{{ r.no }}", "{{ r.text }}"], widths_mm=[8, 100])
    xml = render(doc, tmp_path, {"rows": [{"group": True, "text": "1.1. Водоснабжение"},
                                          {"group": False, "no": 1, "text": "Ремонт"}]})
    merged = re.search(r'<w:tc><w:tcPr><w:tcW [^>]*w:w="(\d+)"[^>]*/><w:gridSpan w:val="2"', tables(xml)[0])
    assert merged and int(merged.group(1)) == round(108 * TWIPS_PER_MM)
    # the merged cell was 8 mm wide before: the word-width check saw "Водоснабжение" in the number column
    if _font_widths(False) is not None:
        assert words_wider_than_columns(tmp_path / "rendered.docx") == []


# --- merged groups keep together ------------------------------------------------------------------------------


def goal_tree(lines: int, tmp_path: Path) -> Path:
    from sedp_core.authoring.build import add_loop_table

    doc = new_document("ru")
    for i in range(lines):
        add_paragraph(doc, f"Line {i}")
    add_loop_table(doc, ["Goal", "Task"], "r in rows", ["{{ r.goal }}", "{{ r.task }}"], merge_down={0: "r.goal"},
                   widths_mm=[60, 100])
    rows = [{"goal": f"GOAL{g}" if k == 0 else "", "task": f"T{g}.{k}"} for g in range(4) for k in range(4)]
    render(doc, tmp_path, {"rows": rows})
    return tmp_path / "rendered.docx"


def test_rows_of_a_merged_group_keep_with_the_next_until_the_group_ends(tmp_path: Path) -> None:
    xml = zipfile.ZipFile(goal_tree(0, tmp_path)).read("word/document.xml").decode()
    item_rows = rows(tables(xml)[0])[1:]
    assert [keeps(r)[0] for r in item_rows] == [True, True, True, False] * 3 + [True, True, True, False]


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_libreoffice_breaks_a_goal_tree_between_groups(tmp_path: Path) -> None:
    from sedp_core.rendering.pdf import convert_to_pdf

    split = 0
    for lines in (25, 27, 29):
        folder = tmp_path / str(lines)
        folder.mkdir()
        (pdf,) = convert_to_pdf([goal_tree(lines, folder)], folder)
        pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")
        if len(pages) > 1 and (tasks := re.findall(r"T\d\.\d", pages[1])):
            split += 1
            assert tasks[0].endswith(".0"), f"{lines} lines: page 2 starts inside a group at {tasks[0]}"
    assert split, "the table never crossed a page: the test is void"


# --- a total stays with the last row --------------------------------------------------------------------------


def totalled(lines: int, tmp_path: Path, grouped: bool = False, items: int = 24) -> Path:
    from sedp_core.authoring.build import add_grouped_table, add_loop_table

    doc = new_document("ru")
    for i in range(lines):
        add_paragraph(doc, f"Line {i}")
    if grouped:
        add_grouped_table(doc, ["№", "Item"], "r in rows", ["{{ r.no }}", "{{ r.text }}"], widths_mm=[20, 100],
                          total=["", "TOTAL"])
        rows_ = [{"group": True, "text": "GROUP"}] + [{"group": False, "no": i, "text": f"I{i}"} for i in range(items)]
    else:
        add_loop_table(doc, ["№", "Item"], "r in rows", ["{{ r.no }}", "{{ r.text }}"], widths_mm=[20, 100],
                       total=["", "TOTAL"], keep_together=3)
        rows_ = [{"no": i, "text": f"I{i}"} for i in range(items)]
    render(doc, tmp_path, {"rows": rows_})
    return tmp_path / "rendered.docx"


@pytest.mark.parametrize("grouped", [False, True])
def test_the_last_row_keeps_with_the_totals_row(grouped: bool, tmp_path: Path) -> None:
    xml = zipfile.ZipFile(totalled(0, tmp_path, grouped, items=4)).read("word/document.xml").decode()
    table_rows = rows(tables(xml)[0])
    items = [r for r in table_rows if re.search(r">I\d<", r)]
    assert [keeps(r)[0] for r in items] == [False, False, False, True]
    assert not any(keeps(table_rows[-1]))  # the totals row ends the table: it pulls nothing along
    # a short table kept together (keep_together) still keeps every row
    if not grouped:
        xml = zipfile.ZipFile(totalled(0, tmp_path, items=2)).read("word/document.xml").decode()
        assert [keeps(r)[0] for r in rows(tables(xml)[0]) if re.search(r">I\d<", r)] == [True, True]


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_libreoffice_never_leaves_a_total_alone_on_a_page(tmp_path: Path) -> None:
    from sedp_core.rendering.pdf import convert_to_pdf

    alone = 0
    for lines in range(17, 24):  # 20 lines put the total alone atop page 2 without the keep (LibreOffice 7)
        folder = tmp_path / str(lines)
        folder.mkdir()
        (pdf,) = convert_to_pdf([totalled(lines, folder, grouped=True, items=25)], folder)
        pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")
        for page in pages:
            if "TOTAL" in page:
                alone += 1
                assert re.search(r"\bI\d+\b", page), f"{lines} lines: the total stands alone on its page"
    assert alone, "no total printed: the test is void"


def test_the_numero_sign_keeps_its_number_on_its_line() -> None:
    """The new Kyrgyz program's title page ended a line with "2026 года №" and put "4" on the next one."""
    from sedp_core.rendering.typography import keep_hyphens_in_xml, keep_numero

    assert keep_numero("от 20 февраля 2026 года № 4") == "от 20 февраля 2026 года №\u00a04"
    assert keep_numero("№ 12-токтому; № ____") == "№\u00a012-токтому; №\u00a0____"
    assert keep_numero("№") == "№" and keep_numero("№ ") == "№ "
    assert "№\u00a04" in keep_hyphens_in_xml("<w:p><w:r><w:t>года № 4</w:t></w:r></w:p>")
