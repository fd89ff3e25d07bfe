"""Rules of the bag development program (`bagp.*` codes) that a schema cannot express.

The core rules apply too: ids unique, references to tasks and financing sources exist (`ref.missing-task`,
`ref.missing-source`), years inside the period, financing adds up, and every alignment link names a code that
exists in its catalog (`alignment.unknown-code`, which is how an unknown Vision 2050 code is caught).
English messages are here; Mongolian ones in data/bag_program/messages.yaml, filled from the params.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from sedp_core import Finding, ValidationContext
from sedp_core.findings import Severity
from sedp_core.models import AlignmentLink
from sedp_core.validation.walk import iter_values
from sedp_mongolia_onhs.bag.models import BagProgram

__all__ = ["BAG_RULES", "VISION2050"]

VISION2050 = "mn.vision2050"


def finding(code: str, severity: Severity, path: str, message: str, /, **params: Any) -> Finding:
    return Finding(code=code, severity=severity, path=path, messages={"en": message}, params=params)


def phases(program: BagProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Phases have unique ids, run forward, lie inside the program period, do not overlap and leave no year out."""
    first, last = program.period.start_year, program.period.end_year
    counts = Counter(p.id for p in program.phases)
    owner: dict[int, str] = {}
    for i, phase in enumerate(program.phases):
        if counts[phase.id] > 1:
            yield finding("bagp.duplicate-phase", "error", f"/phases/{i}/id",
                          f"the phase id {phase.id!r} is used more than once", phase=phase.id)
        if phase.end_year < phase.start_year:
            yield finding("bagp.phase-order", "error", f"/phases/{i}/end_year",
                          f"phase {phase.id!r} ends ({phase.end_year}) before it starts ({phase.start_year})",
                          phase=phase.id, start=phase.start_year, end=phase.end_year)
            continue
        if phase.start_year < first or phase.end_year > last:
            field = "start_year" if phase.start_year < first else "end_year"
            yield finding("bagp.phase-outside-period", "error", f"/phases/{i}/{field}",
                          f"phase {phase.id!r} ({phase.start_year}-{phase.end_year}) is not inside the program "
                          f"period {first}-{last}", phase=phase.id, start=phase.start_year, end=phase.end_year,
                          first=first, last=last)
        for year in phase.years:
            if year in owner and owner[year] != phase.id:
                yield finding("bagp.phase-overlap", "error", f"/phases/{i}",
                              f"phases {owner[year]!r} and {phase.id!r} both include {year}",
                              phase=phase.id, other=owner[year], year=year)
                break
        for year in phase.years:
            owner.setdefault(year, phase.id)
    missing = [y for y in program.period.years if y not in owner]
    if missing:
        yield finding("bagp.phase-gap", "warning", "/phases",
                      f"no phase covers {', '.join(map(str, missing))}", years=", ".join(map(str, missing)))


def activities(program: BagProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Every activity belongs to a task and to at least one financing source, in a phase that holds its years."""
    phase_by_id = {p.id: p for p in program.phases}
    tasks = {t.id: t for g in program.goals for o in g.objectives for t in o.tasks}
    for i, act in enumerate(program.activities):
        where = f"/activities/{i}"
        if not act.task:
            yield finding("bagp.activity-without-task", "error", f"{where}/task",
                          f"activity {act.id!r} names no task: every activity of the program serves a task",
                          activity=act.id)
        if not act.financing:
            yield finding("bagp.activity-without-source", "error", f"{where}/financing",
                          f"activity {act.id!r} has no financing source: give at least one source and amount",
                          activity=act.id)
        for j, part in enumerate(act.financing):
            if part.year is None:
                yield finding("bagp.financing-without-year", "warning", f"{where}/financing/{j}/year",
                              f"activity {act.id!r}: an amount from {part.source!r} has no year, so it is left out "
                              "of the sums by year and phase", activity=act.id, source=part.source)
        if act.indicator:
            task = tasks.get(act.task or "")
            if task is not None and act.indicator not in {ind.code for ind in task.indicators}:
                yield finding("bagp.unknown-indicator", "error", f"{where}/indicator",
                              f"activity {act.id!r} shows indicator {act.indicator!r}, which is not an indicator "
                              f"of its task {act.task!r}", activity=act.id, indicator=act.indicator, task=act.task)
        if act.phase is not None:
            phase = phase_by_id.get(act.phase)
            if phase is None:
                yield finding("bagp.unknown-phase", "error", f"{where}/phase",
                              f"activity {act.id!r} names phase {act.phase!r}, which does not exist",
                              activity=act.id, phase=act.phase)
                continue
            years = [(f"{where}/schedule/{j}", y) for j, y in enumerate(act.schedule)]
            years += [(f"{where}/financing/{j}/year", p.year) for j, p in enumerate(act.financing)
                      if p.year is not None]
            for pointer, year in years:
                if not phase.start_year <= year <= phase.end_year:
                    yield finding("bagp.activity-outside-phase", "error", pointer,
                                  f"activity {act.id!r}: {year} is outside its phase {phase.id!r} "
                                  f"({phase.start_year}-{phase.end_year})", activity=act.id, year=year,
                                  phase=phase.id, start=phase.start_year, end=phase.end_year)
        elif not act.schedule:
            yield finding("bagp.activity-unphased", "warning", f"{where}/phase",
                          f"activity {act.id!r} has neither a phase nor a schedule, so no phase can be shown",
                          activity=act.id)


def vision2050(program: BagProgram, ctx: ValidationContext) -> Iterator[Finding]:
    """Each goal is linked to Vision 2050, itself or through one of its objectives or tasks."""
    linked: set[str] = set()
    for pointer, value in iter_values(program):
        if isinstance(value, AlignmentLink) and value.catalog == VISION2050 and pointer.startswith("/goals/"):
            linked.add(pointer.split("/")[2])
    for i, goal in enumerate(program.goals):
        if str(i) not in linked:
            yield finding("bagp.goal-not-aligned", "warning", f"/goals/{i}/alignment",
                          f"goal {goal.id!r} is not linked to Vision 2050 (neither it nor its objectives or tasks)",
                          goal=goal.id)


BAG_RULES = (phases, activities, vision2050)
