"""Walking a validated program: every model, list item and value with its JSON Pointer."""

from __future__ import annotations

import fnmatch
import functools
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from sedp_core.input.loader import escape_pointer
from sedp_core.validation.memo import per_program

__all__ = ["alignment_links", "iter_nodes", "iter_values", "match_pointer", "models_of", "select"]


@functools.cache
def _field_names(cls: type[BaseModel]) -> tuple[str, ...]:
    # Reading `model_fields` goes through a pydantic descriptor: once per class, not once per node of a large program.
    return tuple(cls.model_fields)


def iter_values(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (pointer, value) for the value and everything inside it, depth first."""
    # An explicit stack, not one generator per value: the values of a deep program otherwise pass through every
    # generator frame above them (3 million resumptions for the two example programs' documents).
    stack: list[tuple[str, Any]] = [(pointer, value)]
    pop, push = stack.pop, stack.extend
    while stack:
        pointer, value = pop()
        yield pointer, value
        if isinstance(value, BaseModel):  # field names are identifiers: nothing to escape
            push(reversed([(f"{pointer}/{name}", getattr(value, name)) for name in _field_names(type(value))]))
        elif isinstance(value, list):
            push(reversed([(f"{pointer}/{i}", item) for i, item in enumerate(value)]))


_CONTAINERS = (BaseModel, list, dict)


def iter_nodes(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Like `iter_values`, but only models and mappings (texts per language): what most rules look at, for a
    fraction of the cost on large programs. Depth first, in field order."""
    # An explicit stack, not nested generators: a program of 10,000 proposals has some 60,000 nodes, and each
    # would otherwise pass through every generator frame above it.
    stack: list[tuple[str, Any]] = [(pointer, value)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, BaseModel):
            yield pointer, value
            children = [(f"{pointer}/{name}", child) for name in _field_names(type(value))
                        if isinstance(child := getattr(value, name), _CONTAINERS)]
        elif isinstance(value, list):
            children = [(f"{pointer}/{i}", item) for i, item in enumerate(value) if isinstance(item, _CONTAINERS)]
        else:
            if isinstance(value, dict):
                yield pointer, value
            continue
        stack.extend(reversed(children))


def models_of(program: BaseModel) -> list[tuple[str, BaseModel]]:
    """Every model inside `program` (itself included) with its pointer, depth first in field order; walked once
    per program within a validation or rendering (`memo.per_program`), not once per document: each document's
    context needs them, and a program of 50,000 rows has some million values. The list is shared: do not change
    it."""
    return per_program(program, "sedp.models_of",
                       lambda: [(p, v) for p, v in iter_nodes(program) if isinstance(v, BaseModel)])


def alignment_links(program: BaseModel) -> dict[tuple[str, str], list[tuple[str, BaseModel, Any]]]:
    """(catalog id, entry code) → every (link pointer, program part, link) that aligns a part (goal, objective,
    task, activity...) of `program` to that entry, in program order: what the alignment table, its coverage
    summary and a plugin's alignment rules all start from. Found once per program within a validation or
    rendering (`memo.per_program`): the answer is shared, do not change it."""
    return per_program(program, "sedp.alignment_links", lambda: _alignment_links(program))


def _alignment_links(program: BaseModel) -> dict[tuple[str, str], list[tuple[str, BaseModel, Any]]]:
    from sedp_core.models import AlignmentLink  # the models use no walk; imported here so that `walk` stays a leaf
    # module

    models = models_of(program)
    values = dict(models)
    links: dict[tuple[str, str], list[tuple[str, BaseModel, Any]]] = {}
    for pointer, value in models:
        if isinstance(value, AlignmentLink):
            owner = values[pointer.rsplit("/alignment/", 1)[0]]
            links.setdefault((value.catalog, value.code), []).append((pointer, owner, value))
    return links


def select(value: Any, pattern: str) -> Iterator[tuple[str, Any]]:
    """The (pointer, value) pairs a pattern such as `/goals/*/indicators/*/frequency` designates, found by
    following the pattern through the model (no walk of the whole program)."""
    parts = pattern.strip("/").split("/") if pattern.strip("/") else []

    def follow(current: Any, pointer: str, rest: list[str]) -> Iterator[tuple[str, Any]]:
        if not rest:
            yield pointer, current
            return
        head, tail = rest[0], rest[1:]
        if head == "*":
            if isinstance(current, list):
                for i, item in enumerate(current):
                    yield from follow(item, f"{pointer}/{i}", tail)
        elif isinstance(current, BaseModel) and head in _field_names(type(current)):
            yield from follow(getattr(current, head), f"{pointer}/{escape_pointer(head)}", tail)
        elif isinstance(current, dict) and head in current:
            yield from follow(current[head], f"{pointer}/{escape_pointer(head)}", tail)

    yield from follow(value, "", parts)


def match_pointer(pointer: str, pattern: str) -> bool:
    """Whether `pointer` matches `pattern`, where `*` in the pattern stands for one path segment."""
    parts, pattern_parts = pointer.split("/"), pattern.split("/")
    return len(parts) == len(pattern_parts) and all(
        fnmatch.fnmatchcase(p, q) if q == "*" else p == q for p, q in zip(parts, pattern_parts, strict=True)
    )
