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
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sedp_core.loader import LoadedData, load_file, sanitize
from sedp_core.registry import get_registry
from sedp_core.render import planned_documents, render_to_bytes
from sedp_core.schema import methodology_schema
from sedp_core.validation import validate_data
from tests.conftest import EXAMPLES, ROOT, docx_text

MAX_EXAMPLES = int(os.environ.get("SEDP_HYPOTHESIS_EXAMPLES", "40"))

SPECIAL = ["&", "<", ">", '"', "'", "&amp;", "<w:p>", "]]>", "{{ title }}", "{% if x %}", "{#", "\n", "\t",
           "\u200f", "\u200e", "🙂", "ң", "ө", "ү", "Ө", "Ү", "Ң", "ё", "Монгол", "Кыргызстан", "  ", "\\", "%"]
CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.sampled_from(
    ["\n", "\t"])
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


@functools.cache
def _targets(example: Path) -> tuple[dict[str, Any], list[tuple[str, str, str, int | None]]]:
    """The example's data and the (pointer, document id, language, item no) of fields shown verbatim in a
    document.

    Every free-text field is given its own marker at once and the documents are rendered once: the document
    that shows a field's marker is the one that shows that field (matching the original values instead would
    also find a value that another field happens to repeat)."""
    loaded = load_file(example)
    schema = methodology_schema(validate_data(loaded).methodology)
    # The methodology reference picks the schema itself, and confirmations name the wording a program confirms:
    # neither is document text.
    pointers = [p for p in _free_text_pointers(loaded.data, schema)
                if not p.startswith(("/methodology/", "/confirmations/"))]
    markers = {pointer: f"qz{number:05d}zq" for number, pointer in enumerate(pointers)}
    while True:
        marked = copy.deepcopy(loaded.data)
        for pointer, marker in markers.items():
            _set(marked, pointer, marker)
        result = validate_data(LoadedData(data=marked, source=str(example)))
        # A field the rules refuse to see changed (a catalog code, a reference by name) is not free text.
        refused = {f.path for f in result.report.findings if f.severity == "error"} & markers.keys()
        if not refused:
            break
        markers = {pointer: marker for pointer, marker in markers.items() if pointer not in refused}
    assert result.program is not None, result.report.to_json()
    texts = {(job.document.id, job.language, job.item_no): docx_text(
        render_to_bytes(result.program, result.methodology, job.document, job.language, item=job.item,
                        item_no=job.item_no)) for job in planned_documents(result.program, result.methodology)}
    targets = []
    for pointer, marker in markers.items():
        shown = [key for key, text in texts.items() if marker in text]
        if shown:
            targets.append((pointer, *shown[0]))
    return loaded.data, targets


def _render_with(example: Path, pointer: str, doc_id: str, lang: str, item_no: int | None,
                 value: str) -> tuple[str, Any]:
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
    return docx_text(data), result.report


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
    assert value in text or corrected, f"{pointer} in {doc_id}[{lang}]"
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
