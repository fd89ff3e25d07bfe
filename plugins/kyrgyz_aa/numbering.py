"""The document's own numbering of the goal tree (chapter 5: 1, 1.1, 1.1.1) and of the action plan's rows.

Every place that names a goal, objective, task or activity uses these numbers, never the program's ids, so a
reader finds the item under the same number in every chapter and annex.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import AaActivity, AaProgram

__all__ = ["Numbering", "numbering"]


@dataclass(frozen=True)
class Numbering:
    """Numbers by object id (`id(obj)`, so two items with one program id cannot clash) and the action plan."""

    numbers: dict[int, str]
    task_paths: dict[str, tuple[Any, Any, Any]]
    """Task id → (goal, objective, task)."""
    activities: tuple[AaActivity, ...]
    """The activities in the action plan's order: goal → objective → task, then those without a task."""
    activity_no: dict[str, int]

    def of(self, obj: Any) -> str:
        return self.numbers.get(id(obj), "")


def numbering(program: AaProgram) -> Numbering:
    numbers: dict[int, str] = {}
    paths: dict[str, tuple[Any, Any, Any]] = {}
    order: dict[str, int] = {}
    for gi, g in enumerate(program.goals, 1):
        numbers[id(g)] = f"{gi}"
        for oi, o in enumerate(g.objectives, 1):
            numbers[id(o)] = f"{gi}.{oi}"
            for ti, t in enumerate(o.tasks, 1):
                numbers[id(t)] = f"{gi}.{oi}.{ti}"
                paths.setdefault(t.id, (g, o, t))
                order.setdefault(t.id, len(order))
    last = len(order)
    # Stable: activities of one task keep the order of the file.
    ordered = tuple(sorted(program.activities, key=lambda a: order.get(a.task or "", last)))
    activity_no = {}
    for no, a in enumerate(ordered, 1):
        numbers[id(a)] = str(no)
        activity_no.setdefault(a.id, no)
    return Numbering(numbers, paths, ordered, activity_no)
