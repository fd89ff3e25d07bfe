"""The command line: help everywhere, exit codes 0/1/2, located messages, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sedp_core.cli import cli
from tests.conftest import run_cli

runner = CliRunner()
run = run_cli


def all_commands() -> list[list[str]]:
    out = []
    for name, command in cli.commands.items():
        out.append([name])
        for sub in getattr(command, "commands", {}):
            out.append([name, sub])
    return out


@pytest.mark.parametrize("words", all_commands(), ids=lambda w: " ".join(w))
def test_every_command_has_help(words: list[str]) -> None:
    code, output = run(*words, "--help")
    assert code == 0 and "Usage:" in output


def test_validate_exit_codes(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    assert run("validate", str(demo_sample))[0] == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(demo_sample.read_text(encoding="utf-8").replace("task: T1", "task: T9"), encoding="utf-8")
    code, output = run("validate", str(bad))
    assert code == 1 and "ref.missing-task" in output and f"{bad}:" in output
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [oops\n", encoding="utf-8")
    code, output = run("validate", str(broken))
    assert code == 2 and f"{broken}:" in output and "Traceback" not in output
    code, _ = run("validate", str(tmp_path / "missing.yaml"))
    assert code == 2


def test_validate_json_report(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(demo_sample.read_text(encoding="utf-8").replace("code: S1", "code: S9"), encoding="utf-8")
    result = runner.invoke(cli, ["validate", "--json", str(bad)])
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["summary"]["errors"] == 1
    [finding] = report["findings"]
    assert finding["code"] == "alignment.unknown-code"
    assert finding["path"] == "/goals/0/alignment/0/code"
    assert finding["location"].startswith(f"{bad}:")


def test_render_writes_every_document_and_language(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = run("render", str(demo_sample), "--out", str(out))
    assert code == 0, output
    assert sorted(p.name for p in out.iterdir()) == ["demo-town_program_en.docx", "demo-town_program_ru.docx"]
    code, _ = run("render", str(demo_sample), "--out", str(tmp_path / "ru"), "--lang", "ru")
    assert [p.name for p in (tmp_path / "ru").iterdir()] == ["demo-town_program_ru.docx"]
    code, output = run("render", str(demo_sample), "--out", str(out), "--document", "nope")
    assert code == 1 and "has no document nope" in output


def test_a_document_of_one_methodology_renders_from_a_mixed_batch(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    out = tmp_path / "out"
    code, output = run("render", *map(str, EXAMPLES), "--out", str(out), "--document", "action_plan", "--lang", "ru")
    assert code == 0, output
    kg = [p for p in EXAMPLES if "kyrgyz_aa" in p.parts]
    assert len(list(out.iterdir())) == len(kg)  # one Russian action plan per Kyrgyz program
    flat = " ".join(output.split())  # the console wraps long lines
    assert "mn.onhs@2021 has no document action_plan" in flat  # the others are named, not failed


def test_render_goes_on_after_a_bad_program(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "a.yaml").write_text(demo_sample.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.yaml").write_text("id: [broken\n", encoding="utf-8")
    out = tmp_path / "out"
    code, output = run("render", str(folder), "--out", str(out))
    assert code == 2  # b.yaml cannot be used at all; a.yaml still rendered
    assert len(list(out.glob("*.docx"))) == 2 and "b.yaml" in output


def test_init_writes_a_valid_sample(demo_plugin: object, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    assert run("init", "demo", str(target))[0] == 0
    assert run("validate", str(target))[0] == 0
    code, output = run("init", "demo", str(target))
    assert code == 2 and "already exists" in output
    code, output = run("init", "nowhere", str(tmp_path / "x.yaml"))
    assert code == 2 and "unknown methodology" in output


def test_templates_check_passes_for_demo(demo_plugin: object) -> None:
    from sedp_core.authoring.template_check import check_all_templates
    from sedp_core.registry.collect import get_registry

    problems, checked = check_all_templates(get_registry())
    demo_problems = [p for p in problems if p.startswith("demo@")]
    assert demo_problems == [] and checked >= 2


def test_templates_check_finds_a_missing_name(
    demo_plugin: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from sedp_core.authoring.build import add_paragraph, new_document, save_template
    from sedp_core.authoring.template_check import check_all_templates
    from sedp_core.registry.collect import get_registry

    doc = new_document()
    add_paragraph(doc, "{{ title }} {{ not_in_context }}")
    save_template(doc, tmp_path / "t.docx")
    registry = get_registry()
    key = ("demo", "1")
    m = registry.methodologies[key]
    spec = dataclasses.replace(m.documents[0], template=tmp_path / "t.docx")
    monkeypatch.setitem(registry.methodologies, key, dataclasses.replace(m, documents=(spec,)))
    problems, _ = check_all_templates(registry)
    assert any("not_in_context" in p and p.startswith("demo@1") for p in problems)


def test_console_script_and_module_entry(tmp_path: Path) -> None:
    env = {**os.environ, "SEDP_LOAD_PLUGINS": "mongolia_onhs,kyrgyz_aa"}
    module = subprocess.run([sys.executable, "-m", "sedp_core", "--help"], capture_output=True, text=True, env=env)
    assert module.returncode == 0 and "validate" in module.stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [1\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "sedp_core", "validate", str(broken)], capture_output=True,
                          text=True, env=env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and f"{broken}:" in proc.stderr


def test_plugins_json_lists_bundled_plugins() -> None:
    result = runner.invoke(cli, ["plugins", "--json"])
    data = json.loads(result.stdout)
    names = {p["name"] for p in data["plugins"]}
    assert {"mongolia_onhs", "kyrgyz_aa"} <= names
    assert data["failed"] == []


def test_plugins_json_names_the_plugin_of_each_methodology(demo_plugin: object) -> None:
    data = json.loads(runner.invoke(cli, ["plugins", "--json"]).stdout)
    [demo] = [p for p in data["plugins"] if p["name"] == "demo"]
    [m] = demo["methodologies"]
    assert m["id"] == "demo" and m["languages"] == ["en", "ru"] and m["documents"] == ["program"]
    assert m["catalogs"] == ["demo_strategy"]


def test_plugin_commands_are_listed_and_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import click

    from sedp_core import hookimpl
    from sedp_core.cli.group import PluginAwareGroup
    from sedp_core.registry.manager import get_plugin_manager, reset_plugin_manager

    class Hello:
        @hookimpl
        def sedp_register_commands(self, cli: click.Group) -> None:
            @cli.command()
            def hello() -> None:
                """Say hello."""
                click.echo("hello from a plugin")

    reset_plugin_manager()
    monkeypatch.setattr(PluginAwareGroup, "_plugins_loaded", False)
    get_plugin_manager().register(Hello(), name="hello_plugin")
    try:
        assert "sedp plugins` lists them" in run("--help")[1]  # help stays fast: plugins are not imported
        listed = json.loads(runner.invoke(cli, ["plugins", "--json"]).stdout)
        assert next(p for p in listed["plugins"] if p["name"] == "hello_plugin")["commands"] == ["hello"]
        assert run("hello") == (0, "hello from a plugin\n")
    finally:
        cli.commands.pop("hello", None)
        reset_plugin_manager()


def test_batch_render_reports_programs_sharing_an_id(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "programs"
    folder.mkdir()
    for name in ("a.yaml", "b.yaml"):
        (folder / name).write_text(demo_sample.read_text(encoding="utf-8"), encoding="utf-8")
    code, output = run("render", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert code == 1 and "have the same program id" in output


def test_batch_render_in_parallel_gives_the_same_documents(
    demo_plugin: object, demo_sample: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "programs"
    folder.mkdir()
    text = demo_sample.read_text(encoding="utf-8")
    for i in range(4):
        (folder / f"p{i}.yaml").write_text(text.replace("id: demo-town", f"id: town-{i}"), encoding="utf-8")
    assert run("render", str(folder), "--out", str(tmp_path / "one"), "--jobs", "1")[0] == 0
    assert run("render", str(folder), "--out", str(tmp_path / "two"), "--jobs", "2")[0] == 0
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert len(one) == 8 and one == two


def test_invalid_program_shows_messages_in_its_language(demo_plugin: object, demo_sample: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = demo_sample.read_text(encoding="utf-8").replace("task: T1", "task: T9")
    bad.write_text(text.replace("languages: [en, ru]", "languages: [ru, en]"), encoding="utf-8")
    code, output = run("validate", str(bad))
    assert code == 1 and "мероприятие ссылается на несуществующую задачу T9" in output


def test_render_pdf_without_libreoffice_says_what_to_install(
    demo_plugin: object, demo_sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name in {"soffice", "libreoffice"}
                        else real_which(name, *a, **k))
    out = tmp_path / "out"
    code, output = run("render", str(demo_sample), "--out", str(out), "--pdf", "--jobs", "1")
    assert code == 1 and "pdf.unavailable" in output and "libreoffice-writer-nogui" in output
    assert len(list(out.glob("*.docx"))) == 2  # the documents themselves were still written


def test_plugins_lists_every_document_id_whole() -> None:
    # The listing once cut ids short to fit a table in 80 columns; an officer needs them whole for --document.
    from sedp_core.registry.collect import get_registry

    result = runner.invoke(cli, ["plugins"])
    assert result.exit_code == 0
    listed = {line.split(":", 1)[1].strip() for line in result.stdout.splitlines()
              if line.strip().startswith("documents:")}
    for m in get_registry().methodologies.values():
        assert f"  {m.id} {m.version}" in result.stdout
        assert ", ".join(d.id for d in m.documents) in listed


def test_rendering_a_program_leaves_no_cyclic_garbage(tmp_path: Path) -> None:
    # python-docx's parts point back at their package, so every rendered document is cyclic garbage holding its
    # XML trees; a batch worker that left it to the generational collector grew by a third over a national run.
    import gc

    from sedp_core.cli.render import render_program_file
    from tests.conftest import ROOT

    outcome = render_program_file(ROOT / "examples" / "mongolia_onhs" / "zag_2026.yaml", tmp_path,
                                  ("itk_resolution",), ("mn",))
    assert outcome.failures == 0 and len(outcome.written) == 1
    assert gc.collect() == 0
