"""Authoring, a side branch for plugin authors: building templates, checking them, a new plugin.

`build` (template building helpers with the shared style; build scripts use them, never the
renderer), `docx_inspect` (what a rendered .docx's XML shows), `template_check` (`sedp templates check`),
`scaffold` (`sedp plugin new`).
"""

# `sedp_core.authoring` was a module before 0.2: its public names stay importable from here, loaded on first use so
# that importing a sibling module does not import them.
from __future__ import annotations

from sedp_core._legacy import reexports

__getattr__ = reexports(__name__, "sedp_core.authoring.build", (
    "FONT", "PDF_FONT", "add_annex", "add_chart", "add_grouped_table", "add_heading", "add_loop_table",
    "add_matrix_table", "add_page_break", "add_paragraph", "add_running_header", "add_signature_block", "add_toc",
    "keep_with_next", "landscape_section", "new_document", "no_hyphenation", "portrait_section", "remove_borders",
    "save_template", "set_column_widths",
))
