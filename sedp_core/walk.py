"""Walking a validated program: every model, list item and value with its JSON Pointer."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .loader import escape_pointer

__all__ = ["iter_values", "match_pointer"]


def iter_values(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (pointer, value) for the value and everything inside it, depth first."""
    yield pointer, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_values(getattr(value, name), f"{pointer}/{escape_pointer(name)}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from iter_values(item, f"{pointer}/{i}")


def match_pointer(pointer: str, pattern: str) -> bool:
    """Whether `pointer` matches `pattern`, where `*` in the pattern stands for one path segment."""
    parts, pattern_parts = pointer.split("/"), pattern.split("/")
    return len(parts) == len(pattern_parts) and all(
        fnmatch.fnmatchcase(p, q) if q == "*" else p == q for p, q in zip(parts, pattern_parts, strict=True)
    )
