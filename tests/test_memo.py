"""What a program's documents share is built once per program (`sedp_core.validation.memo`), and never outlives
the program nor answers for a changed one."""

from __future__ import annotations

import gc
import pickle
import weakref
from pathlib import Path

import pytest

from sedp_core.models import Program
from sedp_core.rendering.context import build_context
from sedp_core.rendering.render import render_to_bytes
from sedp_core.validation.memo import memo_scope, per_program
from sedp_core.validation.validate import validate_file
from sedp_core.validation.walk import models_of
from tests.conftest import ROOT, docx_text

KG = ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml"
MN = ROOT / "examples" / "mongolia_onhs" / "zag_2026.yaml"


def _program_document(path: Path) -> tuple[Program, object, object]:
    result = validate_file(path)
    assert result.program is not None
    document = next(d for d in result.methodology.documents if d.per is None)
    return result.program, result.methodology, document


@pytest.mark.parametrize("path", [KG, MN], ids=["kg", "mn"])
def test_validated_and_rendered_programs_are_freed(path: Path) -> None:
    """The memo lives on the program: validated and rendered in a scope, every program is freed afterwards (a
    module-level memo keyed by the program kept every one alive: its answers refer to the program)."""
    refs = []
    for _ in range(3):
        with memo_scope():
            program, methodology, document = _program_document(path)
            render_to_bytes(program, methodology, document, program.languages[0])
            models_of(program)
            refs.append(weakref.ref(program))
        del program, methodology, document
    gc.collect()
    assert [r() for r in refs] == [None, None, None]


def test_within_a_scope_an_answer_is_built_once_and_dropped_after() -> None:
    program, methodology, document = _program_document(KG)
    calls = []
    with memo_scope():
        first = per_program(program, "test.key", lambda: calls.append(1) or object())
        assert per_program(program, "test.key", lambda: calls.append(1) or object()) is first
        shared = build_context(program, methodology, document, "ky")["goal_rows"]
        assert build_context(program, methodology, document, "ky")["goal_rows"] is shared
    assert calls == [1]
    assert program._memo is None  # the scope dropped what it kept
    per_program(program, "test.key", lambda: calls.append(1) or object())
    assert calls == [1, 1]  # outside a scope: built every time


def test_a_changed_copy_is_not_served_the_original_answers() -> None:
    """A copy made inside a scope (as `templates check` makes a draft copy of an approved sample) shares the
    original's private attributes: it must be built afresh, and show its change."""
    program, methodology, document = _program_document(KG)
    with memo_scope():
        before = build_context(program, methodology, document, "ky")
        assert before["title"] != "Өзгөртүлгөн аталыш"
        changed = program.model_copy(update={"title": {**program.title, "ky": "Өзгөртүлгөн аталыш"}})
        assert build_context(program=changed, methodology=methodology, document=document,
                             language="ky")["title"] == "Өзгөртүлгөн аталыш"
        deep = program.model_copy(deep=True)
        deep.municipality.name = {**deep.municipality.name, "ky": "Башка айыл"}
        assert build_context(deep, methodology, document, "ky")["municipality_name"] == "Башка айыл"
        assert build_context(program, methodology, document, "ky")["title"] == before["title"]
        unpickled = pickle.loads(pickle.dumps(program))
        assert unpickled._memo is None
        assert unpickled == program  # what is kept makes no program unequal to its copy


def test_a_program_changed_after_rendering_is_rendered_with_its_change() -> None:
    """Outside one validate or render call nothing is kept: a caller that edits a validated program in place and
    renders it again gets the edit (a memo kept for the program's life would print the old title)."""
    program, methodology, document = _program_document(KG)
    assert "Жаңы аталыш" not in docx_text(render_to_bytes(program, methodology, document, "ky"))
    program.title = {**program.title, "ky": "Жаңы аталыш"}
    assert "Жаңы аталыш" in docx_text(render_to_bytes(program, methodology, document, "ky"))
