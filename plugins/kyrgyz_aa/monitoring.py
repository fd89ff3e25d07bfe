"""Indicators of the goal tree and what the annual monitoring report computes from them.

The share of a target achieved is computed here from the measured value, never typed in, so that the report
always matches its data. The formula (actual ÷ target; target ÷ actual for an indicator meant to decrease) is
the usual "% выполнения" of Kyrgyz and Russian reports; no source of the methodology states it (to confirm).
"""

from __future__ import annotations

from collections.abc import Iterator

from sedp_core.models import Goal, Indicator, YearValue
from sedp_kyrgyz_aa.models import AaProgram, IndicatorResult

__all__ = ["achievement", "goal_indicators", "iter_indicators", "progress_from_baseline", "report_year", "result_for",
           "target_for"]


def goal_indicators(goal: Goal) -> list[Indicator]:
    """Every indicator under a goal: its own, its objectives', its tasks', in document order."""
    found = list(goal.indicators)
    for o in goal.objectives:
        found += o.indicators
        for t in o.tasks:
            found += t.indicators
    return found


def iter_indicators(program: AaProgram) -> Iterator[Indicator]:
    for goal in program.goals:
        yield from goal_indicators(goal)


def report_year(program: AaProgram) -> int:
    """The year the monitoring report covers: as given, else the latest year with results, else the first year."""
    mon = program.monitoring
    if mon.report_year is not None:
        return mon.report_year
    return max((r.year for r in mon.results), default=program.period.start_year)


def target_for(indicator: Indicator, year: int) -> YearValue | None:
    """The target of `year`; without one, the next target after it (the milestone the indicator is heading to),
    else the last target."""
    targets = sorted(indicator.targets, key=lambda t: t.year)
    return next((t for t in targets if t.year >= year), targets[-1] if targets else None)


def result_for(program: AaProgram, code: str, year: int) -> IndicatorResult | None:
    return next((r for r in program.monitoring.results if r.indicator == code and r.year == year), None)


def achievement(indicator: Indicator, target: float | None, actual: float | None) -> float | None:
    """Share of the target achieved (1.0 = 100 %); None when it cannot be computed (no value, a zero divisor)."""
    if target is None or actual is None:
        return None
    if indicator.direction == "decrease":
        return target / actual if actual else None
    return actual / target if target else None


def progress_from_baseline(indicator: Indicator, target: float | None, actual: float | None) -> float | None:
    """The share of the way from the baseline to the target covered: (actual − baseline) ÷ (target − baseline);
    1.0 = the target reached, 0 = still at the baseline, below 0 = worse than the baseline. The same formula
    serves an indicator meant to decrease (both differences are negative). None without a baseline, a value,
    or when the target equals the baseline."""
    if target is None or actual is None or indicator.baseline is None:
        return None
    way = target - indicator.baseline.value
    return (actual - indicator.baseline.value) / way if way else None
