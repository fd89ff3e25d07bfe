"""Formatting bound to one language and methodology version, shared by the context builders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sedp_core.rendering.formatting import format_number, format_percent
from sedp_kyrgyz_aa.datafiles import VersionData
from sedp_kyrgyz_aa.formatting import format_kg_date, format_thousands
from sedp_kyrgyz_aa.names import possessive_number

__all__ = ["Fmt", "Tr"]

Tr = Callable[[Any], str]
"""Picks a program text in the document's language."""


class Fmt:
    """Formatting bound to one language and version."""

    def __init__(self, data: VersionData, language: str, kind: str | None = None) -> None:
        self.data, self.language, self.kind = data, language, kind

    def date(self, value: Any, style: str = "long") -> str:
        return format_kg_date(value, self.language, self.data, style)

    def num(self, value: Any, digits: int = 0) -> str:
        return format_number(value, self.language, digits)

    def value(self, value: float | None) -> str:
        """An indicator value: decimals only where the value has them (62 → '62', 0.5 → '0,5')."""
        return self.num(value, 0 if value is None or float(value).is_integer() else 1)

    def th(self, value: Any) -> str:
        return format_thousands(value, self.language, self.data.thousands_digits)

    def pct(self, value: Any) -> str:
        return format_percent(value, self.language, 1)

    def phrase(self, key: str, **values: Any) -> str:
        """A sentence of phrases.yaml filled with `values`, in the wording for the municipality's kind."""
        return self.data.phrase(key, self.language, self.kind).format(**values)

    def possessive(self, value: int) -> str:
        """A number with the possessive suffix the language needs after "N of M" ('8и' in Kyrgyz)."""
        return possessive_number(value, self.data.numbers.get(self.language, {}))
