"""Collects what every plugin registers into one read-only `Registry`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, PluginError, SedpError
from .plugins import get_plugin_manager
from .registry_types import Catalog, Codelist, Methodology, Validator

__all__ = ["Reader", "Registry", "get_registry"]

Reader = Callable[[Path], Any]


@dataclass(frozen=True)
class RegisteredValidator:
    rule_id: str
    function: Validator
    methodologies: tuple[str, ...] | None


@dataclass(frozen=True)
class Exporter:
    name: str
    function: Callable[..., None]
    description: str
    methodologies: tuple[str, ...] | None = None
    """The methodology ids whose programs the format applies to; None: every program."""
    plugin: str = ""

    def applies_to(self, methodology_id: str) -> bool:
        return self.methodologies is None or methodology_id in self.methodologies


@dataclass
class Registry:
    """Everything the loaded plugins contribute.

    Methodologies, catalogs and codelists are collected when the registry is built; validators, template filters,
    readers and exporters on first use, so that a command that only lists methodologies (`sedp plugins`) does not
    import the rules, filters and readers behind them.
    """

    methodologies: dict[tuple[str, str], Methodology] = field(default_factory=dict)
    catalogs: dict[str, Catalog] = field(default_factory=dict)
    codelists: dict[str, Codelist] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Things built once per registry and reused (the template environment)."""
    origins: dict[str, str] = field(default_factory=dict)
    """Which plugin registered each methodology ("id@version") and catalog ("catalog:id")."""

    def methodology(self, methodology_id: str, version: str | None = None) -> Methodology:
        """The methodology with that id and version (its default version when `version` is None)."""
        versions = [m for (mid, _), m in self.methodologies.items() if mid == methodology_id]
        if not versions:
            known = ", ".join(sorted({mid for mid, _ in self.methodologies})) or "none"
            raise InputError(f"unknown methodology {methodology_id!r} (installed: {known})",
                             code="input.unknown-methodology")
        if version is None:
            defaults = [m for m in versions if m.default] or versions
            return defaults[0]
        for m in versions:
            if m.version == version:
                return m
        known = ", ".join(sorted(m.version for m in versions))
        raise InputError(f"methodology {methodology_id!r} has no version {version!r} (known: {known})",
                         code="input.unknown-version")

    def validators_for(self, methodology_id: str) -> Iterable[RegisteredValidator]:
        return [v for v in self.validators if v.methodologies is None or methodology_id in v.methodologies]

    @functools.cached_property
    def validators(self) -> list[RegisteredValidator]:
        found: list[RegisteredValidator] = []

        def register(rule_id: str, function: Validator, methodologies: Iterable[str] | None = None) -> None:
            found.append(RegisteredValidator(rule_id, function, tuple(methodologies) if methodologies else None))

        _call_each(_hook().sedp_register_validators, lambda plugin: register)
        return found

    @functools.cached_property
    def filters(self) -> dict[str, Callable[..., Any]]:
        found: dict[str, Callable[..., Any]] = {}

        def register(name: str, function: Callable[..., Any]) -> None:
            if name in found:  # filters are shared by every template: a clash would change other documents
                raise PluginError(f"template filter {name!r} is registered twice")
            found[name] = function

        _call_each(_hook().sedp_register_template_filters, lambda plugin: register)
        return found

    @functools.cached_property
    def readers(self) -> dict[str, Reader]:
        found: dict[str, Reader] = {}

        def register(suffixes: Iterable[str], function: Reader) -> None:
            for suffix in suffixes:
                found[suffix.lower()] = function

        _call_each(_hook().sedp_register_readers, lambda plugin: register)
        return found

    @functools.cached_property
    def exporters(self) -> dict[str, Exporter]:
        found: dict[str, Exporter] = {}

        def make_register(plugin: str) -> Callable[..., None]:
            def register(name: str, function: Callable[..., None], description: str = "",
                         methodologies: Iterable[str] | None = None) -> None:
                if isinstance(methodologies, str):  # ("mn.onhs") without its comma: one id, not its letters
                    methodologies = (methodologies,)
                found[name] = Exporter(name, function, description,
                                       tuple(methodologies) if methodologies is not None else None, plugin)

            return register

        _call_each(_hook().sedp_register_exporters, make_register)
        return found


def _hook() -> Any:
    return get_plugin_manager().hook


def _call_each(hook_caller: Any, make_register: Callable[[str], Callable[..., None]]) -> None:
    """Call every implementation of a register hook, in pluggy's order, with a callback that knows the plugin.

    A plugin that fails (a data file it cannot read, say) is named in a PluginError, not left as a traceback."""
    for impl in reversed(hook_caller.get_hookimpls()):
        try:
            impl.function(**{name: make_register(impl.plugin_name) for name in impl.argnames})
        except SedpError:
            raise
        except Exception as exc:
            detail = " ".join(str(exc).split())[:300]
            raise PluginError(f"plugin {impl.plugin_name!r} failed in {hook_caller.name}: "
                              f"{type(exc).__name__}: {detail}", code="plugin.register-failed") from exc


def _collect() -> Registry:
    hook = _hook()
    reg = Registry()

    def add_methodology(plugin: str) -> Callable[[Methodology], None]:
        def register(m: Methodology) -> None:
            if (m.id, m.version) in reg.methodologies:
                raise PluginError(f"methodology {m.key} is registered twice (again by plugin {plugin!r})")
            reg.methodologies[(m.id, m.version)] = m
            reg.origins[m.key] = plugin

        return register

    def add_catalog(plugin: str) -> Callable[[Catalog], None]:
        def register(c: Catalog) -> None:
            if c.id in reg.catalogs:
                raise PluginError(f"catalog {c.id!r} is registered twice (again by plugin {plugin!r})")
            reg.catalogs[c.id] = c
            reg.origins[f"catalog:{c.id}"] = plugin

        return register

    def add_codelist(c: Codelist) -> None:
        old = reg.codelists.get(c.id)
        if old is None:
            reg.codelists[c.id] = c
            return
        # A second registration extends the list: new codes are added, and titles in new languages are added to
        # existing codes; the first registration's wording wins (core defaults are registered last).
        codes = {code: {**c.codes.get(code, {}), **old.codes.get(code, {})} for code in {**old.codes, **c.codes}}
        reg.codelists[c.id] = Codelist(c.id, codes, {**c.title, **old.title})

    _call_each(hook.sedp_register_codelists, lambda plugin: add_codelist)
    _call_each(hook.sedp_register_catalogs, add_catalog)
    _call_each(hook.sedp_register_methodologies, add_methodology)
    for m in reg.methodologies.values():
        missing = [c for c in m.catalogs if c not in reg.catalogs]
        if missing:
            raise PluginError(f"methodology {m.key} names catalogs that no plugin registers: {', '.join(missing)}")
    return reg


@functools.cache
def get_registry() -> Registry:
    """The registry of the loaded plugins, built once per process."""
    return _collect()
