"""The plugin manager: entry points load one at a time, broken plugins are reported and skipped."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from importlib.metadata import EntryPoint, entry_points
from typing import Any

import pytest

from sedp_core import hookimpl
from sedp_core.errors import PluginError
from sedp_core.registry import manager as plugins_module
from sedp_core.registry.collect import get_registry
from sedp_core.registry.manager import failures, get_plugin_manager, reset_plugin_manager


@pytest.fixture
def fresh() -> Iterator[None]:
    reset_plugin_manager()
    yield
    reset_plugin_manager()


def fake_entry_points(monkeypatch: pytest.MonkeyPatch, eps: list[EntryPoint]) -> None:
    monkeypatch.setattr(plugins_module, "entry_points", lambda group: [e for e in eps if e.group == group])


def good_module(name: str) -> str:
    module = types.ModuleType(name)

    @hookimpl
    def sedp_register_codelists(register: Any) -> None:
        from sedp_core import Codelist

        register(Codelist(f"{name}_list", {"a": {"en": "A"}}))

    module.sedp_register_codelists = sedp_register_codelists  # type: ignore[attr-defined]
    sys.modules[name] = module
    return name


def test_bundled_plugins_are_entry_points_like_any_other() -> None:
    eps = {ep.name: ep.value for ep in entry_points(group="sedp")}
    assert eps["mongolia_onhs"] == "sedp_mongolia_onhs.plugin"
    assert eps["kyrgyz_aa"] == "sedp_kyrgyz_aa.plugin"
    # No generic top-level package name is claimed.
    assert not any(v.split(".")[0] in {"plugins", "templates_docx"} for v in eps.values())


def test_both_bundled_plugins_load(fresh: None) -> None:
    names = {name for name, _ in get_plugin_manager().list_name_plugin()}
    assert {"mongolia_onhs", "kyrgyz_aa"} <= names
    assert failures == []


def test_broken_plugin_is_reported_and_the_rest_still_load(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SEDP_LOAD_PLUGINS")
    fake_entry_points(monkeypatch, [
        EntryPoint("broken", "sedp_no_such_module_xyz.plugin", "sedp"),
        EntryPoint("good", good_module("sedp_test_good"), "sedp"),
    ])
    names = {name for name, _ in get_plugin_manager().list_name_plugin()}
    assert "good" in names and "broken" not in names
    [failure] = failures
    assert failure.name == "broken" and "ModuleNotFoundError" in failure.error
    assert "sedp_test_good_list" in get_registry().codelists


def test_environment_selects_and_blocks_plugins(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    eps = [EntryPoint(n, good_module(f"sedp_test_{n}"), "sedp") for n in ("one", "two")]
    fake_entry_points(monkeypatch, eps)
    monkeypatch.setenv("SEDP_LOAD_PLUGINS", "one")
    assert {"one"} == {n for n, _ in get_plugin_manager().list_name_plugin() if not n.startswith("sedp_core")}
    reset_plugin_manager()
    monkeypatch.delenv("SEDP_LOAD_PLUGINS")
    monkeypatch.setenv("SEDP_DISABLE_PLUGINS", "one")
    assert {"two"} == {n for n, _ in get_plugin_manager().list_name_plugin() if not n.startswith("sedp_core")}
    reset_plugin_manager()
    monkeypatch.setenv("SEDP_LOAD_PLUGINS", "")
    monkeypatch.delenv("SEDP_DISABLE_PLUGINS")
    assert set() == {n for n, _ in get_plugin_manager().list_name_plugin() if not n.startswith("sedp_core")}


def test_misspelled_hook_is_caught(fresh: None) -> None:
    from pluggy import PluginValidationError

    module = types.ModuleType("sedp_test_typo")

    @hookimpl
    def sedp_register_methodology(register: Any) -> None:  # missing "ies"
        pass

    module.sedp_register_methodology = sedp_register_methodology  # type: ignore[attr-defined]
    pm = get_plugin_manager()
    pm.register(module)
    with pytest.raises(PluginValidationError, match="unknown hook"):
        pm.check_pending()


def test_duplicate_methodology_is_a_plugin_error(fresh: None, demo_plugin: Any) -> None:
    class Again:
        @hookimpl
        def sedp_register_methodologies(self, register: Any) -> None:
            register(demo_plugin.METHODOLOGY)

    get_plugin_manager().register(Again())
    get_registry.cache_clear()
    with pytest.raises(PluginError, match="registered twice"):
        get_registry()


@pytest.mark.parametrize(("hook", "use"), [
    ("sedp_register_methodologies", lambda registry: registry),
    ("sedp_register_codelists", lambda registry: registry),
    ("sedp_register_validators", lambda registry: registry.validators),  # collected on first use
    ("sedp_register_template_filters", lambda registry: registry.filters),
])
def test_a_plugin_failing_while_registering_is_named_in_a_plugin_error(
        fresh: None, demo_plugin: Any, hook: str, use: Callable[[Any], object]) -> None:
    def fail(self: Any, register: Any) -> None:
        raise ValueError("data/labels.yaml: line 3: bad quoting")

    get_plugin_manager().register(type("Broken", (), {hook: hookimpl(fail)})(), name="broken")
    get_registry.cache_clear()
    with pytest.raises(PluginError, match=rf"plugin 'broken' failed in {hook}: ValueError: .*line 3") as info:
        use(get_registry())
    assert info.value.code == "plugin.register-failed"


def test_a_program_model_given_as_import_path_is_imported_on_first_use() -> None:
    from sedp_core import Methodology
    from sedp_core.models import Program

    lazy = Methodology(id="x", version="1", title={"en": "X"}, languages=("en",),
                       program_model="sedp_core.models:Program")
    assert lazy.model is Program
    broken = Methodology(id="x", version="2", title={"en": "X"}, languages=("en",),
                         program_model="sedp_core.models:NoSuchProgram")
    with pytest.raises(PluginError, match=r"x@2: program_model 'sedp_core.models:NoSuchProgram'") as info:
        broken.model  # noqa: B018 - the property is the thing under test
    assert info.value.code == "plugin.model-import"


def test_listing_plugins_imports_no_models_rules_or_templates() -> None:
    # `sedp plugins` must start fast: the bundled plugins keep pydantic, jinja2 and their rules out of loading.
    code = ("import sys; from sedp_core.cli import main\nsys.argv = ['sedp', 'plugins']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pydantic', 'jinja2', 'docxtpl', 'babel', 'rich') if m in sys.modules))")
    env = {k: v for k, v in os.environ.items() if k not in ("SEDP_LOAD_PLUGINS", "SEDP_DISABLE_PLUGINS")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert "mn.onhs" in proc.stdout and "kg.aa" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_codelists_extend_each_other(demo_plugin: Any) -> None:
    kinds = get_registry().codelists["funding_source_kind"]
    assert {"local_budget", "state_budget", "fund", "donor", "private", "community"} <= set(kinds.codes)


def test_plugin_for_another_core_version_is_reported_and_skipped(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from sedp_core import PluginInfo

    old = sys.modules[good_module("sedp_test_old")]
    old.SEDP_PLUGIN_INFO = PluginInfo(name={"en": "Old"}, core=">=0.0.1,<0.1")  # type: ignore[attr-defined]
    new = sys.modules[good_module("sedp_test_new")]
    new.SEDP_PLUGIN_INFO = PluginInfo(name={"en": "New"}, core=">=0.1,<1")  # type: ignore[attr-defined]
    monkeypatch.delenv("SEDP_LOAD_PLUGINS")
    fake_entry_points(monkeypatch, [EntryPoint(n, f"sedp_test_{n}", "sedp") for n in ("old", "new")])
    names = {name for name, _ in get_plugin_manager().list_name_plugin()}
    assert "new" in names and "old" not in names
    [failure] = failures
    assert failure.name == "old" and "built for sedp core >=0.0.1,<0.1" in failure.error


def test_a_filter_name_registered_twice_is_a_plugin_error(fresh: None) -> None:
    class Shadow:
        @hookimpl
        def sedp_register_template_filters(self, register: Any) -> None:
            register("money", lambda value: "free")

    get_plugin_manager().register(Shadow())
    get_registry.cache_clear()
    with pytest.raises(PluginError, match="filter 'money' is registered twice"):
        get_registry().filters  # noqa: B018 - filters are collected on first use
