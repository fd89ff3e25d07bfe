"""sedp: socio-economic development programs from data to official Word documents.

The public surface is what this module exports; everything else is internal and may change.
Plugins need `hookimpl`, the registration types and the models.
"""

from sedp_core import _legacy
from sedp_core._version import __version__
from sedp_core.errors import InputError, InvalidProgram, PluginError, RenderError, SedpError, TemplateProblem
from sedp_core.findings import Finding, Report
from sedp_core.hookspecs import hookimpl
from sedp_core.registry.types import (
    Catalog,
    CatalogEntry,
    Codelist,
    CodelistUse,
    DocumentSpec,
    Methodology,
    PluginInfo,
)
from sedp_core.validation.context import ValidationContext

_legacy.install()  # the 0.1 import paths (sedp_core.charts, ...)

__all__ = [
    "Catalog",
    "CatalogEntry",
    "Codelist",
    "CodelistUse",
    "DocumentSpec",
    "Finding",
    "InputError",
    "InvalidProgram",
    "Methodology",
    "PluginError",
    "PluginInfo",
    "RenderError",
    "Report",
    "SedpError",
    "TemplateProblem",
    "ValidationContext",
    "__version__",
    "hookimpl",
]
