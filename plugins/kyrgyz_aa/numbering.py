"""The action plan's order of the goal tree (chapter 5: 1, 1.1, 1.1.1), and the numbers every chapter names items by.

Every place that names a goal, objective, task or activity uses these numbers, never the program's ids, so a
reader finds the item under the same number in every chapter and annex. The numbers are the core's
(`sedp_core.rendering.numbering.reader_numbers`); only the activities' order is this methodology's: goal → objective →
task.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sedp_core.rendering.numbering import reader_numbers
from sedp_core.validation.walk import models_of
from sedp_kyrgyz_aa.models import AaActivity, AaProgram

__all__ = ["Numbering", "numbering"]


@dataclass(frozen=True)
class Numbering:
    """Numbers by object id (`id(obj)`, so two items with one program id cannot clash) and the action plan."""

    program: AaProgram
    numbers: dict[int, str]
    """``id(item)`` → its number (`reader_numbers`, activities in the action plan's order)."""
    task_paths: dict[str, tuple[Any, Any, Any]]
    """Task id → (goal, objective, task)."""
    activities: tuple[AaActivity, ...]
    """The activities in the action plan's order: goal → objective → task, then those without a task."""

    def of(self, obj: Any) -> str:
        """The item's number, ``""`` for one without."""
        return self.numbers.get(id(obj), "")

    def of_pointer(self, pointer: str) -> str:
        """The number of the part an alignment link belongs to (`AlignmentPart.pointer`): the core numbers the
        activities in file order, this action plan in its own."""
        return self.of(dict(models_of(self.program)).get(pointer.rsplit("/alignment/", 1)[0]))


def numbering(program: AaProgram) -> Numbering:
    """The numbering of `program`'s documents."""
    paths: dict[str, tuple[Any, Any, Any]] = {}
    for g in program.goals:
        for o in g.objectives:
            for t in o.tasks:
                paths.setdefault(t.id, (g, o, t))
    order = {task: i for i, task in enumerate(paths)}
    last = len(order)
    # Stable: activities of one task keep the order of the file.
    ordered = tuple(sorted(program.activities, key=lambda a: order.get(a.task or "", last)))
    return Numbering(program, reader_numbers(program, ordered), paths, ordered)
