"""Documents an official can sign: what the core guarantees for every methodology.

- A value plugin data marks "to confirm" is highlighted in a draft, and an approved program that prints one is a
  validation error naming it (what, from where, how to confirm); no review note reaches an approved document.
- A text missing in the document's language is a marked placeholder in that language, never another's text.
- A plugin extending a shared codelist never changes another methodology's official titles.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sedp_core import Codelist, hookimpl
from sedp_core.authoring.testing import assert_no_codelist_clashes, codelist_clashes, draft_marked_texts
from sedp_core.errors import RenderError
from sedp_core.input.loader import LoadedData, load_file
from sedp_core.registry.collect import Registry, get_registry
from sedp_core.registry.manager import get_plugin_manager, reset_plugin_manager
from sedp_core.registry.types import Methodology
from sedp_core.rendering.render import planned_documents, render_to_bytes
from sedp_core.rendering.unconfirmed import DocumentMarks, Unconfirmed, found_in, mark, plain, text_in
from sedp_core.validation.validate import validate_data, validate_file
from tests.conftest import ROOT, docx_text, run_cli
from tests.document_refs import EXAMPLES, RenderedDocument

AK_KYYA = ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml"
ZAG = ROOT / "examples" / "mongolia_onhs" / "zag_2026.yaml"

# What reviewers wrote into documents before the core had a mark of its own: none may reach a signed page.
REVIEW_NOTES = ("to confirm", "To confirm", "тодруулах", "Тодруулах", "Формулировка подлежит сверке",
                "тактоо талап кылынат", "checked against the official text", "sample rule", "sample data",
                "UNVERIFIED", "[article")


def _draft(path: Path) -> LoadedData:
    """The sample as a draft nobody has confirmed anything in yet (the draft variant of an approved sample)."""
    loaded = load_file(path)
    data = copy.deepcopy(loaded.data)
    data["status"] = "draft"
    data.pop("confirmations", None)
    data.pop("approval_line", None)
    if isinstance(data.get("approval"), dict):
        data["approval"].pop("legal_basis", None)
    return LoadedData(data, loaded.source, loaded.positions)


# --- the samples -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_sample_is_approved_and_valid(example: Path) -> None:
    result = validate_file(example)
    assert result.program is not None, result.report.to_json()
    assert result.program.status == "approved"
    assert result.report.errors == []


def test_approved_sample_documents_print_no_review_note_and_no_draft_mark(
        rendered_documents: list[RenderedDocument]) -> None:
    problems = []
    for doc in rendered_documents:
        data = doc.path.read_bytes()
        text = docx_text(data)
        problems += [f"{doc.path.name}: {note!r}" for note in REVIEW_NOTES if note in text]
        problems += [f"{doc.path.name}: draft mark on {t!r}" for t in draft_marked_texts(data)]
        if plain(text) != text:
            problems.append(f"{doc.path.name}: a mark character is left in the text")
    assert problems == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_draft_variant_of_every_sample_shows_its_marks(example: Path) -> None:
    result = validate_data(_draft(example))
    assert result.program is not None, result.report.to_json()
    job = planned_documents(result.program, result.methodology, languages=result.program.languages[:1])[0]
    data = render_to_bytes(result.program, result.methodology, job.document, job.language, item=job.item,
                           item_no=job.item_no)
    text = docx_text(data)
    assert draft_marked_texts(data), f"{job.document.id}: no value is marked"
    assert [n for n in REVIEW_NOTES if n in text] == []  # the mark replaces the old review notes
    assert plain(text) == text


# --- approved programs that rely on unconfirmed values --------------------------------------------------------


def test_an_approved_program_relying_on_unconfirmed_values_is_an_error_naming_each() -> None:
    loaded = _draft(AK_KYYA)
    loaded.data["status"] = "approved"
    report = validate_data(loaded).report
    found = [f for f in report.findings if f.code == "status.approved-unconfirmed"]
    assert found and all(f.severity == "error" for f in found)
    by_item = {f.params["item"]: f for f in found}
    # A label of the resolution, a codelist title and a national catalog entry, each with its source and remedy.
    subject = by_item["label:kg.aa@2018/res_decides"]
    assert "data/2018/labels.yaml" in subject.params["source"]
    assert "kenesh_resolution [ky]" in subject.params["documents"]
    assert "/confirmations" in subject.params["how"] and subject.path == "/confirmations"
    assert any(i.startswith("codelist:kg.") for i in by_item)
    assert any(i.startswith("catalog:kg.nds2040/") for i in by_item)
    # In the officer's language too, what it is and how to confirm it included.
    assert "тастыктала элек" in subject.messages["ky"]
    assert not [english for english in ("wording of label", "check the wording", "mark label")
                if english in subject.messages["ky"] or english in subject.messages["ru"]]
    # So are the plugin's own values to confirm (its review_notes.yaml).
    phrases = [f for i, f in by_item.items() if i.startswith("data:kg.aa@2018/phrase:")]
    assert phrases and not [f.messages["ky"] for f in phrases
                            if "the wording of" in f.messages["ky"] or "check it against" in f.messages["ky"]]
    assert "сүйлөмүнүн жазылышы" in phrases[0].messages["ky"]


def test_a_municipal_value_is_a_program_field_named_by_the_error() -> None:
    loaded = _draft(ZAG)
    loaded.data["status"] = "approved"
    loaded.data["confirmations"] = load_file(ZAG).data["confirmations"]
    report = validate_data(loaded).report
    [finding] = [f for f in report.findings if f.code == "status.approved-unconfirmed"]
    assert finding.path == "/approval/legal_basis" and "fill /approval/legal_basis" in finding.params["how"]


def test_rendering_refuses_an_approved_document_with_an_unconfirmed_value() -> None:
    loaded = _draft(AK_KYYA)
    result = validate_data(loaded)
    assert result.program is not None
    approved = result.program.model_copy(update={"status": "approved"})
    document = next(d for d in result.methodology.documents if d.id == "kenesh_resolution")
    with pytest.raises(RenderError, match="res_subject"):
        render_to_bytes(approved, result.methodology, document, "ru")


def test_confirmations_name_values_or_patterns() -> None:
    label = Unconfirmed("label:x@1/title", "wording", "x: labels.yaml", "check it")
    entry = Unconfirmed("catalog:c/goal.1/ru", "title", "x: c.yaml", "check it")
    missing = Unconfirmed("missing:ru:label:x@1/title", "no ru text", "x", "write it")
    assert DocumentMarks(["label:x@1/title"]).is_confirmed(label)
    assert DocumentMarks(["label:x@1/*"]).is_confirmed(label)
    assert not DocumentMarks(["label:y@1/*"]).is_confirmed(label)
    assert DocumentMarks(["catalog:c/goal.1"]).is_confirmed(entry)  # an entry in every language
    assert not DocumentMarks(["missing:*", "*"]).is_confirmed(missing)  # a missing text must be written


def test_marks_survive_formatting_and_case_and_are_highlighted_in_the_xml() -> None:
    item = Unconfirmed("data:t/quorum", "the quorum", "t: quorum.yaml", "check it")
    text = "Quorum: {share}. ".format(share=mark("two thirds", item)).upper()
    assert found_in({"rows": [text]}) == [item] and plain(text) == "QUORUM: TWO THIRDS. "
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:rPr><w:b/><w:sz w:val="20"/></w:rPr>' \
          f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:body></w:document>'
    out = DocumentMarks().xml(xml)
    assert "QUORUM: " in out and plain(out) == out
    # The marked words get their own run, highlighted, the run's own properties kept (in the schema's order).
    assert '<w:rPr><w:b/><w:sz w:val="20"/><w:highlight w:val="yellow"/><w:u w:val="dotted"/></w:rPr>' \
           '<w:t xml:space="preserve">TWO THIRDS</w:t>' in out
    approved = DocumentMarks(highlight=False)
    assert "highlight" not in approved.xml(xml) and approved.unconfirmed == [item]
    assert DocumentMarks(["data:t/quorum"]).unconfirmed == []


# --- no language fallback --------------------------------------------------------------------------------------


def test_a_text_missing_in_the_document_language_is_a_marked_placeholder_never_another_language() -> None:
    text = text_in({"ky": "Бюджет", "ru": ""}, "ru", "a label", "x: labels.yaml", "label:x/budget")
    assert "Бюджет" not in text and plain(text) == "[текст на русском языке не заполнен]"
    [item] = found_in(text)
    assert item.id.startswith("missing:ru:") and "Бюджет" in str(item.what)


def test_an_approved_program_with_a_text_missing_in_one_of_its_languages_is_an_error() -> None:
    loaded = load_file(AK_KYYA)
    loaded.data["activities"][0]["title"].pop("ru")
    report = validate_data(loaded).report
    errors = [f for f in report.errors if f.code == "status.approved-unconfirmed"]
    [missing] = [f for f in errors if f.params["item"].startswith("missing:ru:")]
    # The officer reads what lacks its text and where to add it in their own language, not in English.
    assert not [english for english in ("has no", "a text of the program", "add its", "the program file")
                if english in missing.messages["ky"]], missing.messages["ky"]
    assert "программанын тексти ru тилинде жок" in missing.messages["ky"]
    loaded.data["status"] = "draft"
    result = validate_data(loaded)
    assert result.program is not None
    document = next(d for d in result.methodology.documents if d.id == "program")
    data = render_to_bytes(result.program, result.methodology, document, "ru")
    assert loaded.data["activities"][0]["title"]["ky"] not in docx_text(data)
    assert "[текст на русском языке не заполнен]" in draft_marked_texts(data)


# --- plugins cannot change each other's official text ---------------------------------------------------------


class Intruder:
    """A third plugin extending the shared codelist the way docs/writing-plugins.md says, with its own titles."""

    @hookimpl
    def sedp_register_codelists(self, register: Any) -> None:
        register(Codelist("funding_source_kind", {
            "local_budget": {"ru": "бюджет джамоата", "en": "jamoat budget", "tg": "буҷети ҷамоат"},
            "jamoat_fund": {"ru": "фонд джамоата", "tg": "фонди ҷамоат"},
        }))


@pytest.fixture
def intruder() -> Iterator[None]:
    reset_plugin_manager()
    get_plugin_manager().register(Intruder(), name="intruder")
    yield
    reset_plugin_manager()


def _kyrgyz_documents() -> dict[str, bytes]:
    result = validate_file(AK_KYYA)
    assert result.program is not None
    return {f"{job.document.id}_{job.language}": render_to_bytes(result.program, result.methodology, job.document,
                                                                 job.language)
            for job in planned_documents(result.program, result.methodology, ("program", "action_plan"))}


@pytest.fixture(scope="module")
def kyrgyz_before() -> dict[str, bytes]:
    reset_plugin_manager()
    return _kyrgyz_documents()


def test_a_plugin_extending_a_shared_codelist_leaves_the_kyrgyz_documents_unchanged(
        kyrgyz_before: dict[str, bytes], intruder: None) -> None:
    registry = get_registry()
    kyrgyz = registry.methodology("kg.aa")
    titles = registry.codelists_for(kyrgyz)["funding_source_kind"]
    assert titles.codes["local_budget"]["ru"] == "местный бюджет"
    # It adds codes, and titles in languages that had none.
    assert titles.codes["local_budget"]["tg"] == "буҷети ҷамоат"
    assert "jamoat_fund" in registry.codelists["funding_source_kind"].codes
    after = _kyrgyz_documents()
    assert after.keys() == kyrgyz_before.keys()
    assert [name for name in after if after[name] != kyrgyz_before[name]] == []
    assert "бюджет джамоата" not in docx_text(after["program_ru"])


def test_a_codelist_clash_is_reported_by_sedp_plugins_and_the_test_helper(intruder: None) -> None:
    clashes = codelist_clashes("intruder")
    assert {(c.code, c.language) for c in clashes} >= {("local_budget", "ru"), ("local_budget", "en")}
    with pytest.raises(AssertionError, match="local_budget"):
        assert_no_codelist_clashes("intruder")
    code, output = run_cli("plugins")
    assert code == 0 and "бюджет джамоата" in output and "местный бюджет" in output
    code, output = run_cli("plugins", "--json")
    assert any(c["code"] == "local_budget" for c in json.loads(output)["codelist_clashes"])


def test_the_bundled_plugins_do_not_clash() -> None:
    reset_plugin_manager()
    assert_no_codelist_clashes()


def test_a_methodology_can_set_its_own_title_for_a_shared_code() -> None:
    m = Methodology("x", "1", {"en": "X"}, ("ru",), "m:X",
                    codelist_titles={"kinds": {"local": {"ru": "местный бюджет (по методике)"}}})
    registry = Registry()
    registry.origins[m.key] = "x_plugin"
    registry.codelist_parts["kinds"] = [("other", Codelist("kinds", {"local": {"ru": "бюджет джамоата"}})),
                                        ("x_plugin", Codelist("kinds", {"local": {"ru": "местный бюджет"}}))]
    assert registry.codelists_for(m)["kinds"].codes["local"]["ru"] == "местный бюджет (по методике)"
    plain_m = Methodology("x", "2", {"en": "X"}, ("ru",), "m:X")
    registry.origins[plain_m.key] = "x_plugin"
    assert registry.codelists_for(plain_m)["kinds"].codes["local"]["ru"] == "местный бюджет"


# --- reader-facing numbering -----------------------------------------------------------------------------------


def test_no_internal_id_or_catalog_code_stands_in_a_sample_document(
        rendered_documents: list[RenderedDocument]) -> None:
    import re

    from sedp_core.models import Activity, Goal, Indicator, Objective, Task
    from sedp_core.validation.walk import iter_values

    registry = get_registry()
    problems = []
    for example in EXAMPLES:
        result = validate_file(example)
        assert result.program is not None
        program, methodology = result.program, result.methodology
        ids = {v.id for _, v in iter_values(program) if isinstance(v, Goal | Objective | Task | Activity)}
        ids |= {v.code for _, v in iter_values(program) if isinstance(v, Indicator)}
        ids |= {e.code for c in methodology.catalogs for e in registry.catalogs[c].entries}
        pattern = re.compile("|".join(rf"(?<![\w.-]){re.escape(i)}(?![\w-])" for i in sorted(ids, key=len,
                                                                                             reverse=True)))
        for doc in rendered_documents:
            if doc.path.name.startswith(f"{program.id}_"):
                found = sorted(set(pattern.findall(docx_text(doc.path))))
                problems += [f"{doc.path.name}: {', '.join(found)}"] if found else []
    assert problems == []
