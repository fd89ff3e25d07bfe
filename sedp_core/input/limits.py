"""Limits on input and templates, documented in docs/reliability.md and set through environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["Limits", "limits"]


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    max_input_bytes: int
    max_nodes: int
    max_depth: int
    max_template_bytes: int
    max_unzipped_bytes: int
    max_rows: int
    max_render_seconds: float
    max_rendered_chars: int
    max_picture_bytes: int = 10 * 1024 * 1024
    max_picture_pixels: int = 40_000_000


def limits() -> Limits:
    """The limits in force: defaults, overridden by SEDP_MAX_INPUT_BYTES, SEDP_MAX_NODES, SEDP_MAX_DEPTH,
    SEDP_MAX_TEMPLATE_BYTES, SEDP_MAX_UNZIPPED_BYTES (what a workbook may expand to), SEDP_MAX_ROWS (the
    longest list in a program, or rows in a workbook sheet), SEDP_MAX_RENDER_SECONDS (the longest one document
    may take to render), SEDP_MAX_RENDERED_CHARS (the most text one part of a document may render to),
    SEDP_MAX_PICTURE_BYTES and SEDP_MAX_PICTURE_PIXELS (the largest picture file a program may name, in bytes and
    in pixels: width × height)."""
    input_bytes = _int("SEDP_MAX_INPUT_BYTES", 20 * 1024 * 1024)
    return Limits(
        max_input_bytes=input_bytes,
        max_nodes=_int("SEDP_MAX_NODES", 2_000_000),
        max_depth=_int("SEDP_MAX_DEPTH", 64),
        max_template_bytes=_int("SEDP_MAX_TEMPLATE_BYTES", 50 * 1024 * 1024),
        max_unzipped_bytes=_int("SEDP_MAX_UNZIPPED_BYTES", 10 * input_bytes),
        max_rows=_int("SEDP_MAX_ROWS", 100_000),
        max_render_seconds=_int("SEDP_MAX_RENDER_SECONDS", 300),
        max_rendered_chars=_int("SEDP_MAX_RENDERED_CHARS", 256 * 1024 * 1024),
        max_picture_bytes=_int("SEDP_MAX_PICTURE_BYTES", 10 * 1024 * 1024),
        max_picture_pixels=_int("SEDP_MAX_PICTURE_PIXELS", 40_000_000),
    )
