"""Rendering: values come out verbatim, templates are sandboxed and strict, broken output is refused."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sedp_core.authoring.build import add_paragraph, new_document, save_template
from sedp_core.errors import RenderError, TemplateProblem
from sedp_core.registry.collect import get_registry
from sedp_core.rendering.render import render_document, render_to_bytes
from sedp_core.validation.validate import validate_file
from tests.conftest import docx_text


def one_paragraph_template(tmp_path: Path, text: str) -> Path:
    doc = new_document()
    add_paragraph(doc, text)
    path = tmp_path / "t.docx"
    save_template(doc, path, title="{{ title }}")
    return path


def program_with_motto(tmp_path: Path, sample: Path, motto: str) -> Any:
    import json

    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(sample.read_text(encoding="utf-8"))
    data["motto"] = motto
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = validate_file(path)
    assert result.program is not None, result.report.to_json()
    return result


def render_with(tmp_path: Path, result: Any, template_text: str, language: str = "en") -> bytes:
    doc = dataclasses.replace(result.methodology.documents[0], template=one_paragraph_template(tmp_path, template_text))
    return render_to_bytes(result.program, result.methodology, doc, language)


@pytest.mark.parametrize(
    "value",
    [
        "A & B",
        "x < y > z",
        "\"quoted\" and 'single'",
        "{{ title }} and {% if true %}block{% endif %}",
        "Монгол: ө ү; Кыргыз: ң ө ү",
        "<w:p>not xml</w:p>",
        "emoji 🙂 and rtl \u200f mark",
    ],
)
def test_values_come_out_verbatim(demo_plugin: object, demo_sample: Path, tmp_path: Path, value: str) -> None:
    result = program_with_motto(tmp_path, demo_sample, value)
    text = docx_text(render_with(tmp_path, result, "[{{ motto }}]"))
    assert f"[{value}]" in text


def test_newlines_become_line_breaks(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    result = program_with_motto(tmp_path, demo_sample, "first line\nsecond line")
    data = render_with(tmp_path, result, "{{ motto }}")
    xml = zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/document.xml").decode()
    assert "first line</w:t><w:br/><w:t xml:space=\"preserve\">second line" in xml


def test_title_property_is_escaped_once(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    import io

    import docx

    result = program_with_motto(tmp_path, demo_sample, "m")
    program = result.program.model_copy(update={"title": {"en": "Roads & <schools>", "ru": "Дороги"}})
    doc = dataclasses.replace(result.methodology.documents[0], template=one_paragraph_template(tmp_path, "{{ title }}"))
    data = render_to_bytes(program, result.methodology, doc, "en")
    assert docx.Document(io.BytesIO(data)).core_properties.title == "Roads & <schools>"


def test_a_title_longer_than_a_document_property_allows_is_kept_whole_in_the_body(
        demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    import io

    import docx

    title = "Roads and schools " * 40  # 720 characters; a .docx property holds at most 255
    result = program_with_motto(tmp_path, demo_sample, "m")
    program = result.program.model_copy(update={"title": {"en": title, "ru": "Дороги"}})
    doc = dataclasses.replace(result.methodology.documents[0], template=one_paragraph_template(tmp_path, "{{ title }}"))
    data = render_to_bytes(program, result.methodology, doc, "en")
    shown = docx.Document(io.BytesIO(data)).core_properties.title
    assert len(shown) <= 255 and shown.endswith("…") and title.startswith(shown[:-1])
    assert title.strip() in docx_text(data)


def test_undefined_name_fails_with_its_surroundings(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    result = program_with_motto(tmp_path, demo_sample, "m")
    with pytest.raises(TemplateProblem) as info:
        render_with(tmp_path, result, "Budget line: {{ no_such_name }} end")
    message = str(info.value)
    assert "no_such_name" in message and "Budget line:" in message


def test_template_cannot_reach_python_internals(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    result = program_with_motto(tmp_path, demo_sample, "m")
    with pytest.raises(TemplateProblem, match=r"unsafe|not safely|access"):
        render_with(tmp_path, result, "{{ program.__class__.__mro__ }}")


def test_broken_xml_is_refused_and_nothing_is_written(
    demo_plugin: Any, demo_sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from markupsafe import Markup

    result = program_with_motto(tmp_path, demo_sample, "m")
    # A (badly written) plugin filter that returns unescaped markup would break the XML; docxtpl alone would
    # "repair" it by dropping content. sedp must refuse instead.
    monkeypatch.setitem(get_registry().filters, "raw_bad", lambda v: Markup("<broken & unclosed"))
    doc = dataclasses.replace(result.methodology.documents[0],
                              template=one_paragraph_template(tmp_path, "{{ motto|raw_bad }}"))
    out = tmp_path / "out"
    with pytest.raises(RenderError, match="not well-formed"):
        render_document(result.program, result.methodology, doc, "en", out)
    assert not out.exists() or list(out.iterdir()) == []


def test_unsafe_template_files_are_refused(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    result = program_with_motto(tmp_path, demo_sample, "m")
    not_zip = tmp_path / "not.docx"
    not_zip.write_text("hello")
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("../../etc/x", "x")
        zf.writestr("word/document.xml", "<x/>")
    for bad, pattern in ((not_zip, "not a valid .docx"), (evil, "unsafe member path")):
        doc = dataclasses.replace(result.methodology.documents[0], template=bad)
        with pytest.raises(TemplateProblem, match=pattern):
            render_to_bytes(result.program, result.methodology, doc, "en")


def test_demo_document_in_both_languages(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    result = validate_file(demo_sample)
    assert result.program is not None
    doc = result.methodology.documents[0]
    en = docx_text(render_document(result.program, result.methodology, doc, "en", tmp_path))
    ru = docx_text(render_document(result.program, result.methodology, doc, "ru", tmp_path))
    assert "Demo Town development program 2025-2027" in en and "Market hall" in en
    assert "1,500,000" in en  # en grouping
    assert "Программа развития г. Демо" in ru and "Здание рынка" in ru
    assert "1\u00a0500\u00a0000" in ru  # ru groups with no-break spaces
    assert "Цели" in ru and "Goals" in en  # labels come from the methodology, per language
    assert (tmp_path / "demo-town_program_ru.docx").is_file()


def test_plugin_context_names_cannot_clash(demo_plugin: Any, demo_sample: Path) -> None:
    from sedp_core.errors import PluginError
    from sedp_core.hookspecs import hookimpl
    from sedp_core.registry.manager import get_plugin_manager
    from sedp_core.rendering.context import build_context

    class Clash:
        @hookimpl
        def sedp_document_context(self, program: Any, methodology: Any, document: Any, language: str) -> dict:
            return {"title": "overwritten"}

    get_plugin_manager().register(Clash(), name="clash")
    result = validate_file(demo_sample)
    with pytest.raises(PluginError, match="'clash' sets context name 'title'"):
        build_context(result.program, result.methodology, result.methodology.documents[0], "en")


def test_same_input_gives_byte_identical_documents(
    demo_plugin: object, demo_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt
    import io
    import time

    import docx

    result = validate_file(demo_sample)
    assert result.program is not None
    doc = result.methodology.documents[0]
    first = render_to_bytes(result.program, result.methodology, doc, "en")
    later = time.time() + 86_400 * 400  # a render a year later must give the same bytes
    monkeypatch.setattr(time, "time", lambda: later)
    second = render_to_bytes(result.program, result.methodology, doc, "en")
    assert first == second
    props = docx.Document(io.BytesIO(first)).core_properties
    assert props.created == dt.datetime(2025, 1, 1, tzinfo=dt.UTC) and props.identifier == "demo-town/program/en"
    assert props.language == "en"


def test_templates_are_compiled_once_per_process(demo_plugin: object, demo_sample: Path) -> None:
    from sedp_core.rendering.render import environment_for

    result = validate_file(demo_sample)
    assert result.program is not None
    doc = result.methodology.documents[0]
    render_to_bytes(result.program, result.methodology, doc, "en")
    env = environment_for(get_registry())
    compiled = dict(env.compiled)
    assert compiled, "nothing was cached"
    other = result.program.model_copy(update={"id": "another-town"})
    render_to_bytes(other, result.methodology, doc, "ru")
    assert env.compiled.keys() == compiled.keys()
    assert all(env.compiled[k] is compiled[k] for k in compiled)


def test_a_plugin_crash_in_the_context_is_reported_with_the_plugin_name(demo_plugin: Any, demo_sample: Path) -> None:
    from sedp_core.errors import PluginError
    from sedp_core.hookspecs import hookimpl
    from sedp_core.registry.manager import get_plugin_manager
    from sedp_core.rendering.context import build_context

    class Buggy:
        @hookimpl
        def sedp_document_context(self, program: Any) -> dict:
            return {"x": 1 / 0}

    get_plugin_manager().register(Buggy(), name="buggy")
    result = validate_file(demo_sample)
    with pytest.raises(PluginError, match=r"plugin 'buggy' failed .*ZeroDivisionError") as info:
        build_context(result.program, result.methodology, result.methodology.documents[0], "en")
    assert info.value.code == "plugin.context-failed"


def test_a_document_per_item_renders_once_per_list_element(
    demo_plugin: Any, demo_sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sedp_core.hookspecs import hookimpl
    from sedp_core.registry.manager import get_plugin_manager
    from sedp_core.rendering.render import planned_documents

    seen: list[tuple[str, Any]] = []

    class Watcher:
        @hookimpl
        def sedp_document_context(self, document: Any, item: Any) -> None:
            seen.append((document.id, item.id if item is not None else None))

    get_plugin_manager().register(Watcher())
    template = one_paragraph_template(tmp_path, "Sheet {{ item_no }}: {{ item.id }} — {{ item.title|t }}")
    sheet = dataclasses.replace(demo_plugin.METHODOLOGY.documents[0], id="sheet", template=template,
                                per="/activities")
    registry = get_registry()
    key = ("demo", "1")
    monkeypatch.setitem(registry.methodologies, key,
                        dataclasses.replace(registry.methodologies[key], documents=(sheet,)))
    text = demo_sample.read_text(encoding="utf-8").replace("activities:\n", """activities:
  - id: A0
    title: {en: "Bus stop", ru: "Остановка"}
    task: T1
    cost: {amount: 1000, currency: KGS}
""")
    program_file = tmp_path / "p.yaml"
    program_file.write_text(text, encoding="utf-8")
    result = validate_file(program_file)
    assert result.program is not None, result.report.to_json()
    jobs = planned_documents(result.program, result.methodology, languages=("ru",))
    assert [(j.item_no, j.item_key) for j in jobs] == [(1, "A0"), (2, "A1")]
    paths = [render_document(result.program, result.methodology, j.document, j.language, tmp_path / "out",
                             item=j.item, item_no=j.item_no) for j in jobs]
    assert [p.name for p in paths] == ["demo-town_sheet_A0_ru.docx", "demo-town_sheet_A1_ru.docx"]
    assert "Sheet 2: A1 — Здание рынка" in docx_text(paths[1])
    assert ("sheet", "A0") in seen and ("sheet", "A1") in seen


def _document_xml_of(doc: Any, template: Path, sample: Path) -> str:
    """Save a built template, render the demo sample with it as its first document, return word/document.xml."""
    save_template(doc, template)
    result = validate_file(sample)
    spec = dataclasses.replace(result.methodology.documents[0], template=template)
    rendered = render_to_bytes(result.program, result.methodology, spec, "en")
    return zipfile.ZipFile(io.BytesIO(rendered)).read("word/document.xml").decode()


def test_group_columns_merge_down_until_the_next_group(demo_plugin: Any, demo_sample: Path, tmp_path: Path) -> None:
    from sedp_core.authoring.build import add_loop_table
    from sedp_core.hookspecs import hookimpl
    from sedp_core.registry.manager import get_plugin_manager

    rows = [{"goal": "G1", "task": "a"}, {"goal": "", "task": "b"}, {"goal": "G2", "task": "c"},
            {"goal": "", "task": "d"}, {"goal": "", "task": "e"}]

    class Rows:
        @hookimpl
        def sedp_document_context(self) -> dict[str, Any]:
            return {"tree": rows}

    get_plugin_manager().register(Rows(), name="rows")
    doc = new_document()
    add_loop_table(doc, ["Goal", "Task"], "r in tree", ["{{ r.goal }}", "{{ r.task }}"], merge_down={0: "r.goal"})
    xml = _document_xml_of(doc, tmp_path / "tree.docx", demo_sample)
    merges = re.findall(r'<w:vMerge w:val="(\w+)"/>', xml)
    assert merges == ["restart", "continue", "restart", "continue", "continue"]


def test_short_tables_keep_together_long_ones_flow(demo_plugin: Any, demo_sample: Path, tmp_path: Path) -> None:
    from sedp_core.authoring.build import add_loop_table
    from sedp_core.hookspecs import hookimpl
    from sedp_core.registry.manager import get_plugin_manager

    class Rows:
        @hookimpl
        def sedp_document_context(self) -> dict[str, Any]:
            return {"short": [{"a": i} for i in range(3)], "long": [{"a": i} for i in range(4)]}

    get_plugin_manager().register(Rows(), name="rows")
    doc = new_document()
    for name in ("short", "long"):
        add_loop_table(doc, ["A"], f"r in {name}", ["{{ r.a }}"], total=["Total"], keep_together=3)
    xml = _document_xml_of(doc, tmp_path / "keep.docx", demo_sample)
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S)
    # header and item rows of the short table keep with the next row; the totals row ends the table
    assert re.findall(r'<w:keepNext w:val="(\w+)"/>', tables[0]) == ["true"] * 4
    # a long one flows, but its last item row keeps with the totals row (a total never stands alone on a page)
    assert re.findall(r'<w:keepNext w:val="(\w+)"/>', tables[1]) == ["false"] * 4 + ["true"]
    assert "Total" in tables[0].rsplit("<w:tr>", 1)[1] and "keepNext" not in tables[0].rsplit("<w:tr>", 1)[1]


def test_prepare_for_workers_loads_what_every_forked_worker_needs() -> None:
    # Loaded in the parent, these pages are shared by the forked workers instead of copied into each.
    import os
    import subprocess
    import sys

    wanted = ("docxtpl", "matplotlib.figure", "sedp_mongolia_onhs.ldf.models", "sedp_kyrgyz_aa.models",
              "sedp_kyrgyz_aa.rules", "sedp_core.validation.core_rules", "sedp_core.rendering.filters")
    code = ("import sys; from sedp_core.rendering.render import prepare_for_workers; prepare_for_workers(); "
            f"print([m for m in {wanted!r} if m not in sys.modules])")
    env = {k: v for k, v in os.environ.items() if k not in ("SEDP_LOAD_PLUGINS", "SEDP_DISABLE_PLUGINS")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert proc.stdout.strip() == "[]"


def test_the_document_part_streamed_in_small_windows_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    # The rendered document part is fixed and written window by window (each cut after a paragraph): the cuts
    # must not change a byte, whether the part fits one window or needs hundreds.
    from sedp_core.rendering import render as render_module

    example = Path(__file__).resolve().parent.parent / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml"
    result = validate_file(example)
    assert result.program is not None
    doc = result.methodology.documents[0]
    whole = render_to_bytes(result.program, result.methodology, doc, result.program.languages[0])
    monkeypatch.setattr(render_module, "_WINDOW", 500)
    windows = render_to_bytes(result.program, result.methodology, doc, result.program.languages[0])
    assert len(zipfile.ZipFile(io.BytesIO(whole)).read("word/document.xml")) > 100 * 500
    assert windows == whole


def _docx_with(tmp_path: Path, name: str, members: dict[str, bytes]) -> Path:
    """A copy of a one-paragraph template with members added or replaced."""
    source = zipfile.ZipFile(one_paragraph_template(tmp_path, "{{ motto }}"))
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        for info in source.infolist():
            if info.filename not in members:
                zf.writestr(info, source.read(info))
        for member, data in members.items():
            zf.writestr(member, data)
    return path


def test_windows_style_parent_paths_and_fetched_links_are_refused(demo_plugin: object, demo_sample: Path,
                                                                  tmp_path: Path) -> None:
    """`..\\..\\x` climbs two folders for a Windows tool; a picture linked by r:link (or an attached template) to
    a file:// share is fetched by Word on opening, sending the reader's credentials. Hyperlinks stay allowed."""
    result = program_with_motto(tmp_path, demo_sample, "m")
    rels = zipfile.ZipFile(one_paragraph_template(tmp_path, "x")).read("word/_rels/document.xml.rels").decode()
    image = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
    link = rels.replace("</Relationships>", f'<Relationship Id="rIdX" Type="{image}" '
                        'Target="file://fileserver/share/logo.png" TargetMode="External"/></Relationships>')
    hyperlink = rels.replace("</Relationships>", '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/'
                             'officeDocument/2006/relationships/hyperlink" Target="https://example.org" '
                             'TargetMode="External"/></Relationships>')
    cases = {
        _docx_with(tmp_path, "backslash.docx", {"..\\..\\x": b"x"}): "template.unsafe-path",
        _docx_with(tmp_path, "linked.docx", {"word/_rels/document.xml.rels": link.encode()}): "template.external-link",
    }
    for bad, code in cases.items():
        doc = dataclasses.replace(result.methodology.documents[0], template=bad)
        with pytest.raises(TemplateProblem) as raised:
            render_to_bytes(result.program, result.methodology, doc, "en")
        assert raised.value.code == code and raised.value.location == str(bad)
    (tmp_path / "zero.docx").symlink_to("/dev/zero")
    doc = dataclasses.replace(result.methodology.documents[0], template=tmp_path / "zero.docx")
    with pytest.raises(TemplateProblem, match="not a regular file"):
        render_to_bytes(result.program, result.methodology, doc, "en")
    allowed = _docx_with(tmp_path, "hyperlink.docx", {"word/_rels/document.xml.rels": hyperlink.encode()})
    doc = dataclasses.replace(result.methodology.documents[0], template=allowed)
    assert "m" in docx_text(render_to_bytes(result.program, result.methodology, doc, "en"))


@pytest.mark.parametrize(("body", "variable", "code"), [
    ("x", "SEDP_MAX_RENDERED_CHARS", "template.too-large-output"),  # 10¹⁰ characters: the memory would fill up
    ("", "SEDP_MAX_RENDER_SECONDS", "template.too-slow"),  # no output at all, only hours of looping
], ids=["output", "time"])
def test_a_template_that_loops_without_end_is_stopped(demo_plugin: object, demo_sample: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, body: str, variable: str,
                                                      code: str) -> None:
    import time

    monkeypatch.setenv(variable, "2" if variable.endswith("SECONDS") else "1000000")
    result = program_with_motto(tmp_path, demo_sample, "m")
    start = time.monotonic()
    with pytest.raises(TemplateProblem) as raised:
        render_with(tmp_path, result, "{% for i in range(100000) %}{% for j in range(100000) %}" + body
                    + "{% endfor %}{% endfor %}")
    assert raised.value.code == code, raised.value
    assert raised.value.location and raised.value.location.endswith("t.docx")
    assert time.monotonic() - start < 60
