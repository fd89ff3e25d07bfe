"""The plugin manager: loads the `sedp` entry points one at a time and the core's own default plugins.

Environment variables:
  SEDP_LOAD_PLUGINS     comma-separated entry-point names to load; set but empty loads none (default: all)
  SEDP_DISABLE_PLUGINS  comma-separated entry-point names never to load
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

import pluggy

from sedp_core import hookspecs
from sedp_core.errors import SedpError
from sedp_core.registry.types import PluginInfo

__all__ = ["DEFAULT_PLUGINS", "ENTRY_POINT_GROUP", "PluginFailure", "each_answer", "get_plugin_manager", "on_reset",
           "reset_plugin_manager"]

ENTRY_POINT_GROUP = "sedp"
DEFAULT_PLUGINS: tuple[str, ...] = (
    "sedp_core.input.readers",
    "sedp_core.validation.codelists",
    "sedp_core.validation.rules_plugin",
    "sedp_core.rendering.rules_plugin",
    "sedp_core.rendering.filters_plugin",
    "sedp_core.exchange.plugin",
)


@dataclass(frozen=True)
class PluginFailure:
    """A plugin that could not be loaded, and why."""

    name: str
    error: str


_pm: pluggy.PluginManager | None = None
_on_reset: list[Callable[[], None]] = []
"""What `reset_plugin_manager` also clears: things built from the plugins (the registry)."""
failures: list[PluginFailure] = []


def _names(variable: str) -> set[str] | None:
    value = os.environ.get(variable)
    if value is None:
        return None
    return {n.strip() for n in value.split(",") if n.strip()}


def _load_entry_points(pm: pluggy.PluginManager) -> None:
    # pluggy's own load_setuptools_entrypoints stops at the first broken plugin: load one at a time instead.
    wanted = _names("SEDP_LOAD_PLUGINS")
    blocked = _names("SEDP_DISABLE_PLUGINS") or set()
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in blocked or (wanted is not None and ep.name not in wanted):
            continue
        if pm.get_plugin(ep.name) is not None:
            continue
        try:
            plugin = ep.load()
            problem = _incompatibility(plugin)
            if problem:
                failures.append(PluginFailure(ep.name, problem))
                continue
            pm.register(plugin, name=ep.name)
        except Exception as exc:  # a broken plugin must not stop the others
            failures.append(PluginFailure(ep.name, f"{type(exc).__name__}: {exc}"))
            continue
        dist = getattr(ep, "dist", None)
        pm._sedp_dists[ep.name] = (dist.name, dist.version) if dist else (ep.name, "")  # type: ignore[attr-defined]


def plugin_info(plugin: object) -> PluginInfo | None:
    """The plugin's `SEDP_PLUGIN_INFO`, when it declares one."""
    info = getattr(plugin, "SEDP_PLUGIN_INFO", None)
    return info if isinstance(info, PluginInfo) else None


def _incompatibility(plugin: object) -> str | None:
    """Why the plugin cannot run with this core, or None."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    from sedp_core._version import __version__

    info = plugin_info(plugin)
    if info is None or not info.core:
        return None
    try:
        spec = SpecifierSet(info.core)
    except InvalidSpecifier:
        return f"declares an invalid core version range {info.core!r}"
    if not spec.contains(__version__, prereleases=True):
        return f"built for sedp core {info.core}, but this is sedp core {__version__}; skipped"
    return None


def get_plugin_manager() -> pluggy.PluginManager:
    """Return the process-wide plugin manager, loading plugins on first use."""
    global _pm
    if _pm is None:
        pm = pluggy.PluginManager("sedp")
        pm.add_hookspecs(hookspecs)
        pm._sedp_dists = {}  # type: ignore[attr-defined]
        for module_name in DEFAULT_PLUGINS:
            pm.register(importlib.import_module(module_name), name=module_name)
        _load_entry_points(pm)
        pm.check_pending()
        _pm = pm
    return _pm


def reset_plugin_manager() -> None:
    """Forget the plugin manager and everything built from it (tests, or after changing the environment)."""
    global _pm
    _pm = None
    failures.clear()
    for forget in _on_reset:
        forget()


def on_reset(forget: Callable[[], None]) -> None:
    """Have `reset_plugin_manager` call `forget` too (for caches of what the plugins registered)."""
    _on_reset.append(forget)


def plugin_distribution(name: str) -> tuple[str, str]:
    """Distribution name and version of an entry-point plugin ("", "" for the core's defaults)."""
    return get_plugin_manager()._sedp_dists.get(name, ("", ""))  # type: ignore[attr-defined]


def each_answer(hook: str, kwargs: dict[str, Any], failed: Callable[[str, Exception], Exception]
                ) -> Iterator[tuple[str, Any]]:
    """(plugin name, answer) of every implementation of the hook `hook`, in plugin order (the bundled plugins
    first), each given the keyword arguments it names. A plugin's bug becomes `failed(plugin name, exception)`
    (a PluginError naming the plugin, never a traceback); a SedpError it raises passes as it is.

    Callers merge the answers themselves, since each hook has its own rule for clashes."""
    for impl in reversed(getattr(get_plugin_manager().hook, hook).get_hookimpls()):
        try:
            result = impl.function(*(kwargs[name] for name in impl.argnames))
        except SedpError:
            raise
        except Exception as exc:
            raise failed(impl.plugin_name, exc) from exc
        yield impl.plugin_name, result
