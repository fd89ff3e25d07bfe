"""Findings and reports: the one shape in which every validation problem is told."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["Finding", "Report", "Severity"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem found in a program.

    `code` is stable (tools and docs rely on it); `path` is a JSON Pointer into the program data;
    `location` is where it is in the file (`line:column` for YAML), when known; `messages` holds the message per
    language, always with English under "en".
    """

    code: str
    severity: Severity
    path: str
    messages: dict[str, str]
    location: str | None = None
    rule: str = "core"
    params: dict[str, Any] = field(default_factory=dict)
    """Values the message was made from; plugins translate messages with them (see `Methodology.messages`)."""
    terms: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """The params that are themselves translated (`i18n.Term`, English in `params`), so that a plugin's wording
    of the message gets them in its own language too; not part of the JSON report."""

    def message(self, language: str = "en") -> str:
        return self.messages.get(language) or self.messages["en"]

    @property
    def field(self) -> str:
        """The path without array indices, to group the same problem across items."""
        return "/".join(p for p in self.path.split("/") if not p.isdigit())


@dataclass
class Report:
    """Everything found in one program, errors and warnings together."""

    source: str
    language: str | None = None
    """The program's main language, so messages can be shown in it even when the program is invalid."""
    methodology: str | None = None
    methodology_version: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def error_count(self) -> int:
        return len(self.errors)

    @property
    def valid(self) -> bool:
        return not self.errors

    def to_json(self) -> str:
        return json.dumps(
            {
                "source": self.source,
                "valid": self.valid,
                "language": self.language,
                "methodology": self.methodology,
                "methodology_version": self.methodology_version,
                "summary": {"errors": len(self.errors), "warnings": len(self.warnings)},
                "findings": [{k: v for k, v in asdict(f).items() if k != "terms"} for f in self.findings],
            },
            ensure_ascii=False,
            indent=2,
        )
