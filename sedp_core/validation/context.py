"""What a validator receives besides the program: `ValidationContext`, and the `Validator` type."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sedp_core.registry.types import Catalog, Codelist, Methodology

if TYPE_CHECKING:
    from sedp_core.findings import Finding
    from sedp_core.models import Program

__all__ = ["ValidationContext", "Validator"]

Validator = Callable[["Program", "ValidationContext"], Iterable["Finding"]]
"""A rule a schema cannot express. It receives the valid program and returns findings."""


@dataclass
class ValidationContext:
    """What a validator may consult besides the program: its methodology, catalogs and codelists."""

    methodology: Methodology
    catalogs: Mapping[str, Catalog]
    codelists: Mapping[str, Codelist]
    extra: dict[str, Any] = field(default_factory=dict)
    left_out: tuple[str, ...] = ()
    """JSON Pointers of the parts of the data left out of the program for their schema errors (see partial.py);
    empty when the whole program passed the schema."""

    def require_whole_program(self) -> None:
        """Call first in a rule that cannot judge a program with parts left out (for example one that renders
        the documents): the report then says the rule did not run, instead of a finding it cannot back."""
        if self.left_out:
            from sedp_core.validation.partial import RuleNeedsWholeProgram

            raise RuleNeedsWholeProgram

    def values(self, program: Program) -> list[tuple[str, Any]]:
        """Every (JSON Pointer, value) of the program, walked once per validation and shared by the rules."""
        from sedp_core.validation.walk import iter_values

        return self._walk(program, "_values", iter_values)

    def nodes(self, program: Program) -> list[tuple[str, Any]]:
        """Every (JSON Pointer, model or per-language text) of the program: `values` without the scalars."""
        from sedp_core.validation.walk import iter_nodes

        return self._walk(program, "_nodes", iter_nodes)

    def _walk(self, program: Program, key: str, walker: Any) -> list[tuple[str, Any]]:
        cached = self.extra.get(key)
        if cached is None or cached[0] is not program:
            cached = self.extra[key] = (program, list(walker(program)))
        return cached[1]
