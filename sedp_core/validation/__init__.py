"""Validation: raw data becomes a `Program` and one `Report` of every problem.

`validate` (schema, then rules), `context` (`ValidationContext`, what a rule may consult), `walk`
(JSON Pointers over a program), `core_rules` and the plugins that register them and the shared
codelists (`rules_plugin`, `codelists`).
"""

# `sedp_core.validation` was a module before 0.2: its public names stay importable from here, loaded on first use so
# that importing a sibling module does not import them.
from __future__ import annotations

from sedp_core._legacy import reexports

__getattr__ = reexports(__name__, "sedp_core.validation.validate", (
    "ValidatedProgram", "load_program", "validate_data", "validate_file",
))
