"""The plugin registry: loads the plugins (the core's own defaults, then the `sedp` entry points) and
collects what they register.

`manager` is the pluggy plugin manager; `types` the classes plugins register (`Methodology`, `DocumentSpec`,
`Catalog`, `Codelist`...); `collect` builds the read-only `Registry` once per process. It imports no
later stage: the core's default plugins live in their stages and are loaded by name, like entry points.
"""

# `sedp_core.registry` was a module before 0.2: its public names stay importable from here, loaded on first use so
# that importing a sibling module does not import them.
from __future__ import annotations

from sedp_core._legacy import reexports

__getattr__ = reexports(__name__, "sedp_core.registry.collect", (
    "CodelistClash", "Reader", "Registry", "get_registry",
))
