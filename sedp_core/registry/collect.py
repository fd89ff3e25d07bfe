"""Collects what every plugin registers into one read-only `Registry`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sedp_core.errors import InputError, PluginError, SedpError
from sedp_core.i18n import N_, Term
from sedp_core.registry.manager import get_plugin_manager, on_reset
from sedp_core.registry.types import Catalog, Codelist, Methodology

__all__ = ["CodelistClash", "Reader", "Registry", "get_registry"]

Reader = Callable[[Path], Any]
Validator = Callable[..., Iterable[Any]]
"""A rule (see `sedp_core.validation.context.Validator`; the registry only stores it)."""


@dataclass(frozen=True)
class RegisteredValidator:
    rule_id: str
    function: Validator
    methodologies: tuple[str, ...] | None


@dataclass(frozen=True)
class CodelistClash:
    """Two plugins give one code of a shared codelist different titles in the same language."""

    codelist: str
    code: str
    language: str
    titles: tuple[tuple[str, str], ...]
    """(plugin, title) per registration, in registration order."""

    def __str__(self) -> str:
        given = "; ".join(f"{plugin}: «{title}»" for plugin, title in self.titles)
        return f"codelist {self.codelist}, code {self.code!r} [{self.language}]: {given}"


def _merge(cid: str, parts: list[tuple[str, Codelist]], override: Any = None) -> Codelist:
    """One codelist from registrations in order of precedence: for each code and language, the first title."""
    codes: dict[str, dict[str, str]] = {code: dict(texts) for code, texts in (override or {}).items()}
    title: dict[str, str] = {}
    unconfirmed: dict[str, str] = {}
    unconfirmed_in: dict[str, frozenset[str]] = {}
    source = ""
    for _, c in parts:
        for code, texts in c.codes.items():
            merged = codes.setdefault(code, {})
            added = {lang: text for lang, text in texts.items() if lang not in merged}
            if code in c.unconfirmed and added:
                # Only the titles this registration supplies are unconfirmed by it.
                unconfirmed[code] = c.unconfirmed[code]
                langs = c.unconfirmed_in.get(code, frozenset(added)) & frozenset(added)
                unconfirmed_in[code] = unconfirmed_in.get(code, frozenset()) | langs
            merged.update(added)
        title = {**c.title, **title}
        source = source or c.source
    return Codelist(cid, codes, title, unconfirmed=unconfirmed, unconfirmed_in=unconfirmed_in, source=source)


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
    codelist_parts: dict[str, list[tuple[str, Codelist]]] = field(default_factory=dict)
    """Codelist id → every registration of it, (plugin, codelist), in registration order (core defaults last)."""

    def codelists_for(self, methodology: Methodology) -> dict[str, Codelist]:
        """The codelists as one methodology's documents print them: its own `codelist_titles` first, then the
        titles its plugin registered, then the others' only for codes and languages still without a title, so
        that a plugin extending a shared list never changes another methodology's official text."""
        key = ("codelists_for", methodology.key)
        cached = self.cache.get(key)
        if cached is None:
            own = self.origins.get(methodology.key)
            cached = self.cache[key] = {
                cid: _merge(cid, sorted(parts, key=lambda part: part[0] != own),
                            methodology.codelist_titles.get(cid, {}))
                for cid, parts in self.codelist_parts.items()}
        return cached  # type: ignore[no-any-return]

    def codelist_clashes(self) -> list[CodelistClash]:
        """Every code title two plugins registered differently in one language (the first plugin's wins in
        the shared list; each methodology still prints its own plugin's title: `codelists_for`)."""
        clashes = []
        for cid, parts in self.codelist_parts.items():
            titles: dict[tuple[str, str], list[tuple[str, str]]] = {}
            for plugin, codelist in parts:
                for code, texts in codelist.codes.items():
                    for lang, text in texts.items():
                        titles.setdefault((code, lang), []).append((plugin, text))
            for (code, lang), given in titles.items():
                if len({text for _, text in given}) > 1:
                    clashes.append(CodelistClash(cid, code, lang, tuple(given)))
        return clashes

    def methodology(self, methodology_id: str, version: str | None = None) -> Methodology:
        """The methodology with that id and version (its default version when `version` is None)."""
        versions = [m for (mid, _), m in self.methodologies.items() if mid == methodology_id]
        if not versions:
            known = ", ".join(sorted({mid for mid, _ in self.methodologies})) or Term(N_("none"))
            raise InputError(N_("unknown methodology '{methodology}' (installed: {known})"),
                             params={"methodology": methodology_id, "known": known}, code="input.unknown-methodology")
        if version is None:
            defaults = [m for m in versions if m.default] or versions
            return defaults[0]
        for m in versions:
            if m.version == version:
                return m
        known = ", ".join(sorted(m.version for m in versions))
        raise InputError(N_("methodology '{methodology}' has no version '{version}' (known: {known})"),
                         params={"methodology": methodology_id, "version": version, "known": known},
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
                raise PluginError(N_("template filter {name!r} is registered twice"), params={"name": name})
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
                if isinstance(methodologies, str):  # ("xx.method") without its comma: one id, not its letters
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
            raise PluginError(N_("plugin {plugin!r} failed in {hook}: {error}"),
                              params={"plugin": impl.plugin_name, "hook": hook_caller.name,
                                      "error": f"{type(exc).__name__}: {detail}"},
                              code="plugin.register-failed") from exc


def _collect() -> Registry:
    hook = _hook()
    reg = Registry()

    def add_methodology(plugin: str) -> Callable[[Methodology], None]:
        def register(m: Methodology) -> None:
            if (m.id, m.version) in reg.methodologies:
                raise PluginError(N_("methodology {methodology} is registered twice (again by plugin {plugin!r})"),
                                  params={"methodology": m.key, "plugin": plugin})
            reg.methodologies[(m.id, m.version)] = m
            reg.origins[m.key] = plugin

        return register

    def add_catalog(plugin: str) -> Callable[[Catalog], None]:
        def register(c: Catalog) -> None:
            if c.id in reg.catalogs:
                raise PluginError(N_("catalog {catalog!r} is registered twice (again by plugin {plugin!r})"),
                                  params={"catalog": c.id, "plugin": plugin})
            reg.catalogs[c.id] = c
            reg.origins[f"catalog:{c.id}"] = plugin

        return register

    def add_codelist(plugin: str) -> Callable[[Codelist], None]:
        def register(c: Codelist) -> None:
            # A second registration extends the list: new codes are added, and titles in new languages are
            # added to existing codes; in the shared list the first registration's wording wins (core defaults
            # are registered last). Each methodology prints its own plugin's titles (`codelists_for`).
            parts = reg.codelist_parts.setdefault(c.id, [])
            parts.append((plugin, c))
            reg.codelists[c.id] = c if len(parts) == 1 else _merge(c.id, parts)

        return register

    _call_each(hook.sedp_register_codelists, add_codelist)
    _call_each(hook.sedp_register_catalogs, add_catalog)
    _call_each(hook.sedp_register_methodologies, add_methodology)
    for m in reg.methodologies.values():
        missing = [c for c in m.catalogs if c not in reg.catalogs]
        if missing:
            raise PluginError(N_("methodology {methodology} names catalogs that no plugin registers: {catalogs}"),
                              params={"methodology": m.key, "catalogs": ", ".join(missing)})
    return reg


@functools.cache
def get_registry() -> Registry:
    """The registry of the loaded plugins, built once per process."""
    return _collect()


on_reset(get_registry.cache_clear)
