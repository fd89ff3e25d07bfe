"""Authoring, a side branch for plugin authors: building templates, checking them, a new plugin.

`build` (template building helpers with the shared style; build scripts use them, never the
renderer), `docx_inspect` (what a rendered .docx's XML shows), `template_check` (`sedp templates check`),
`scaffold` (`sedp plugin new`).
"""

# `sedp_core.authoring` was a module before 0.2: its public names stay importable from here, loaded on first use so
# that importing a sibling module does not import them.
from __future__ import annotations

import importlib
from typing import Any

_REEXPORTED = {
    "FONT": "sedp_core.authoring.build",
    "PDF_FONT": "sedp_core.authoring.build",
    "add_annex": "sedp_core.authoring.build",
    "add_chart": "sedp_core.authoring.build",
    "add_grouped_table": "sedp_core.authoring.build",
    "add_heading": "sedp_core.authoring.build",
    "add_loop_table": "sedp_core.authoring.build",
    "add_matrix_table": "sedp_core.authoring.build",
    "add_page_break": "sedp_core.authoring.build",
    "add_paragraph": "sedp_core.authoring.build",
    "add_running_header": "sedp_core.authoring.build",
    "add_signature_block": "sedp_core.authoring.build",
    "add_toc": "sedp_core.authoring.build",
    "keep_with_next": "sedp_core.authoring.build",
    "landscape_section": "sedp_core.authoring.build",
    "new_document": "sedp_core.authoring.build",
    "no_hyphenation": "sedp_core.authoring.build",
    "portrait_section": "sedp_core.authoring.build",
    "remove_borders": "sedp_core.authoring.build",
    "save_template": "sedp_core.authoring.build",
    "set_column_widths": "sedp_core.authoring.build",
}


def __getattr__(name: str) -> Any:
    if name in _REEXPORTED:
        return getattr(importlib.import_module(_REEXPORTED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
