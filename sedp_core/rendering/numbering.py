"""Reader-facing numbers: items named the way the document numbers them, never by their internal ids.

Goals, objectives and tasks are numbered 1, 1.1, 1.1.1 (chapter order, as the goal table prints them);
activities and indicators by their row in the program's action plan and indicator table. A document that names
an item elsewhere (an alignment table, a proposal's task) uses the same number, so a reader finds it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sedp_core.models import Goal, Objective, Program, Task
from sedp_core.validation.memo import per_program
from sedp_core.validation.walk import models_of

__all__ = ["numbered", "reader_numbers"]


def reader_numbers(program: Program, activities: Sequence[Any] | None = None) -> dict[int, str]:
    """``id(item)`` → its number as documents print it, for every goal, objective, task, activity and indicator
    of `program` (keyed by object identity: ids need not be unique across kinds).

    `activities`: the program's activities in the order the document's action plan lists them, for a methodology
    whose plan is not in file order (grouped by goal and task); by default, the program's order.

    Computed once per program and order (`sedp_core.validation.memo`): the answer is shared, do not change it."""
    order = None if activities is None else tuple(id(a) for a in activities)
    # Every document (and validation's rendering of an approved program) asks: numbered once per program.
    return per_program(program, ("sedp.reader_numbers", order), lambda: _numbers(program, activities))


def _numbers(program: Program, activities: Sequence[Any] | None) -> dict[int, str]:
    numbers: dict[int, str] = {}
    for gi, goal in enumerate(program.goals, 1):
        numbers[id(goal)] = f"{gi}"
        for oi, obj in enumerate(goal.objectives, 1):
            numbers[id(obj)] = f"{gi}.{oi}"
            for ti, task in enumerate(obj.tasks, 1):
                numbers[id(task)] = f"{gi}.{oi}.{ti}"
    for no, activity in enumerate(program.activities if activities is None else activities, 1):
        numbers[id(activity)] = f"{no}"
    indicator_no = 0
    for _, value in models_of(program):  # the order of the core's indicator table (models, depth first)
        if isinstance(value, Goal | Objective | Task):
            for ind in value.indicators:
                indicator_no += 1
                numbers[id(ind)] = f"{indicator_no}"
    return numbers


def numbered(numbers: dict[int, str], item: Any, title: str) -> str:
    """«1.2 Title»: the item's reader number before its title (the title alone when it has none)."""
    number = numbers.get(id(item))
    return f"{number} {title}".strip() if number else title



