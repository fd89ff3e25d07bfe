"""What an office's IT person may set for the web application (`sedp serve` options, or `SEDP_WEB_*` variables
for `uvicorn --factory sedp_core.web:create_app`)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sedp_core.input.limits import limits

__all__ = ["WebSettings"]


TEMPORARY_ROOTS: set[Path] = set()
"""The roots made for one server (no SEDP_WEB_WORKSPACES): removed whole at its shutdown."""


def _root() -> Path:
    shared = os.environ.get("SEDP_WEB_WORKSPACES")
    if shared:
        return Path(shared)
    root = Path(tempfile.mkdtemp(prefix="sedp-web-"))
    TEMPORARY_ROOTS.add(root)
    return root


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def _pdf() -> bool | None:
    value = os.environ.get("SEDP_WEB_PDF", "").lower()
    return {"1": True, "yes": True, "true": True, "0": False, "no": False, "false": False}.get(value)


@dataclass
class WebSettings:
    """The web application's settings; the defaults suit one laptop in an office."""

    workspace_root: Path = field(default_factory=_root)
    """Where the workspaces live (one folder per upload). Default: a fresh temporary folder per server, removed at
    shutdown; several server processes share one when it is set (SEDP_WEB_WORKSPACES)."""
    ttl_seconds: int = field(default_factory=lambda: _int("SEDP_WEB_TTL", 3600))
    """How long a workspace lives after its upload (SEDP_WEB_TTL)."""
    workers: int = field(default_factory=lambda: _int("SEDP_WEB_WORKERS", 2))
    """Worker processes that validate and render (SEDP_WEB_WORKERS)."""
    max_upload_bytes: int = field(default_factory=lambda: limits().max_input_bytes)
    """The largest file taken: the loader's limit (SEDP_MAX_INPUT_BYTES)."""
    pdf: bool | None = field(default_factory=_pdf)
    """Make PDFs and first-page pictures: None = when LibreOffice and poppler are installed (SEDP_WEB_PDF)."""
    delete_at_shutdown: bool = field(default_factory=lambda: _int("SEDP_WEB_DELETE_AT_SHUTDOWN", 1) != 0)
    """Delete every workspace when the server stops (SEDP_WEB_DELETE_AT_SHUTDOWN=0 keeps them for the other
    processes of a rolling restart; the sweep still deletes them after their time to live)."""
    sweep_seconds: float = 60.0
    """How often expired workspaces are looked for."""
