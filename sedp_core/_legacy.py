"""Import paths of sedp 0.1 that plugins may still use, each an alias of the module now at that place.

docs/writing-plugins.md, docs/plugin-hooks.md and the output of `sedp plugin new` told plugin authors
to import these modules before issue 21 moved the core into one package per stage. A plugin written
then keeps working: `import sedp_core.charts` gives the very module `sedp_core.rendering.charts` (the
same classes, the same state). New code uses the new paths. The packages that took a module's name
(`sedp_core.registry`, `sedp_core.validation`, `sedp_core.authoring`) re-export its names themselves.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Callable, Collection, Sequence
from types import ModuleType
from typing import Any

MOVED: dict[str, str] = {
    "sedp_core.charts": "sedp_core.rendering.charts",
    "sedp_core.formatting": "sedp_core.rendering.formatting",
    "sedp_core.datafiles": "sedp_core.input.datafiles",
    "sedp_core.render": "sedp_core.rendering.render",
    "sedp_core.template_check": "sedp_core.authoring.template_check",
    "sedp_core.loader": "sedp_core.input.loader",
    "sedp_core.pabulib": "sedp_core.exchange.pabulib",
    "sedp_core.context": "sedp_core.rendering.context",
    "sedp_core.walk": "sedp_core.validation.walk",
}
"""Old import path -> the module it names now."""


class _AliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname in MOVED:
            return importlib.util.spec_from_loader(fullname, self)
        if any(fullname.startswith(old + ".") for old in MOVED):  # a module inside a moved package
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(_target(spec.name))

    def exec_module(self, module: ModuleType) -> None:
        pass  # the module is already loaded under its new name


def _target(name: str) -> str:
    if name in MOVED:
        return MOVED[name]
    old = next(o for o in MOVED if name.startswith(o + "."))
    return MOVED[old] + name[len(old):]


def install() -> None:
    if not any(isinstance(f, _AliasFinder) for f in sys.meta_path):
        sys.meta_path.append(_AliasFinder())


def reexports(package: str, module: str, names: Collection[str]) -> Callable[[str], Any]:
    """The `__getattr__` of a package that took the name of a 0.1 module (`sedp_core.registry`, `.validation`,
    `.authoring`): that module's public names, now in `module`, loaded on first use so that importing a sibling
    module does not import them."""

    def __getattr__(name: str) -> Any:
        if name in names:
            return getattr(importlib.import_module(module), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
