"""Validation: raw data becomes a `Program` and one `Report` of every problem.

`validate` (schema, then rules), `context` (`ValidationContext`, what a rule may consult), `walk`
(JSON Pointers over a program), `core_rules` and the plugins that register them and the shared
codelists (`rules_plugin`, `codelists`).
"""

# `sedp_core.validation` was a module before 0.2: its public names stay importable from here, loaded on first use so
# that importing a sibling module does not import them.
from __future__ import annotations

import importlib
from typing import Any

_REEXPORTED = {
    "ValidatedProgram": "sedp_core.validation.validate",
    "load_program": "sedp_core.validation.validate",
    "validate_data": "sedp_core.validation.validate",
    "validate_file": "sedp_core.validation.validate",
}


def __getattr__(name: str) -> Any:
    if name in _REEXPORTED:
        return getattr(importlib.import_module(_REEXPORTED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
