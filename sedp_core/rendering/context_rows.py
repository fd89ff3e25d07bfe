"""The rows the core puts in every document's context: one typed, read-only class per kind of table row.

Templates read a row's fields by name (``{{ row.title }}``, or ``row["title"]``); plugins receive the same rows
in their context hook (``core_context``). Every class and field is listed, with an example, in
docs/plugin-hooks.md ("Context rows"); a test keeps that page and these classes in step.

Lists in rows are tuples and rows are frozen, so a plugin cannot change what another document or plugin sees.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

__all__ = [
    "ActivityRow",
    "AlignmentPart",
    "AlignmentRow",
    "CoverageRow",
    "DocumentInfo",
    "FinancingRow",
    "FinancingTotals",
    "GoalRow",
    "IndicatorRow",
    "Matrix",
    "MatrixRow",
    "MethodologyInfo",
    "PassportRow",
    "Row",
    "UncoveredEntry",
    "build_matrix",
]


class Row:
    """Base of every context row: fields read by attribute (``row.title``) or by item (``row["title"]``).

    Item access keeps code written when rows were dicts working (``row["title"]``, ``row.get("title")``)."""

    __slots__ = ()

    def __getitem__(self, name: str) -> Any:
        if name in self.keys():
            return getattr(self, name)
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:
        return getattr(self, name) if name in self.keys() else default

    def keys(self) -> tuple[str, ...]:
        names = _FIELD_NAMES.get(type(self))
        if names is None:
            names = _FIELD_NAMES[type(self)] = tuple(f.name for f in fields(self))  # type: ignore[arg-type]
        return names

    def __contains__(self, name: object) -> bool:
        return name in self.keys()

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def as_dict(self) -> dict[str, Any]:
        """The row as a plain dict (nested rows stay rows)."""
        return {name: getattr(self, name) for name in self.keys()}


MATRIX_MARK = "sedp:matrix"
"""Marks a matrix table (in its description, Word's alt text) so that rendering sizes its repeated columns."""

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_row = dataclass(frozen=True, slots=True)


@_row
class MethodologyInfo(Row):
    """``methodology``: the methodology the program follows."""

    id: str
    """Methodology id, e.g. ``kg.aa``."""
    version: str
    """Methodology version, e.g. ``2018``."""
    title: str
    """Its title in the document's language."""


@_row
class DocumentInfo(Row):
    """``document``: the document being rendered."""

    id: str
    """Document id as declared in ``DocumentSpec``."""
    title: str
    """Its title in the document's language."""


@_row
class PassportRow(Row):
    """``passport_rows``: one line of the municipality's passport (situation analysis figures)."""

    no: int
    """Line number, from 1."""
    group: str
    """The group the figure belongs to (population, economy...), or ``""``."""
    name: str
    """What is measured."""
    unit: str
    """Unit of measure, or ``""``."""
    value: Any
    """The value as given (number or text); format it with ``|num``."""
    year: int | None
    """Year of the value, if given."""
    source: str
    """Where the value comes from, or ``""``."""


@_row
class GoalRow(Row):
    """``goal_rows``: one row per task (or per objective or goal that has none), numbered 1, 1.1, 1.1.1."""

    priority: str
    """Title of the goal's priority, or ``""``."""
    goal_no: str
    """Goal number: ``"1"``."""
    goal_id: str
    """Goal id as in the program."""
    goal: str
    """Goal title."""
    objective_no: str
    """Objective number ``"1.2"``, or ``""`` for a goal without objectives."""
    objective_id: str
    """Objective id, or ``""``."""
    objective: str
    """Objective title, or ``""``."""
    task_no: str
    """Task number ``"1.2.3"``, or ``""`` for an objective without tasks."""
    task_id: str
    """Task id, or ``""``."""
    task: str
    """Task title, or ``""``."""
    first_of_goal: bool
    """True on the goal's first row (for merged cells: ``merge_down``)."""
    first_of_objective: bool
    """True on the objective's first row."""


@_row
class IndicatorRow(Row):
    """``indicator_rows``: one row per indicator of a goal, objective or task, in program order."""

    no: int
    """Row number, from 1."""
    level: str
    """``goal``, ``objective`` or ``task``: what the indicator measures."""
    owner_id: str
    """Id of the goal, objective or task."""
    owner: str
    """Its title."""
    pointer: str
    """JSON Pointer of the owner in the program (``/goals/0/objectives/1``)."""
    code: str
    """Indicator code."""
    name: str
    """Indicator name."""
    unit: str
    """Unit of measure."""
    baseline: float | None
    """Baseline value, or None."""
    baseline_year: int | None
    """Year of the baseline, or None."""
    baseline_source: str
    """Source of the baseline, or ``""``."""
    targets: tuple[float | None, ...]
    """Target per year of the period (``years``), None where no target is set."""
    final_target: float | None
    """The last target given, or None."""
    direction: str
    """``increase``, ``decrease`` or ``maintain``."""
    frequency: str
    """Measurement frequency code (codelist ``frequency``), or ``""``."""
    verification: str
    """Means of verification, or ``""``."""
    responsible: str
    """Who measures it, or ``""``."""


@_row
class ActivityRow(Row):
    """``activity_rows``: one row per activity, in program order."""

    no: int
    """Row number, from 1."""
    id: str
    """Activity id."""
    title: str
    """Activity title."""
    description: str
    """Description, or ``""``."""
    goal: str
    """Title of the goal of its task, or ``""``."""
    objective: str
    """Title of the objective of its task, or ``""``."""
    task: str
    """Title of its task, or ``""``."""
    task_id: str
    """Id of its task, or ``""``."""
    location: str
    """Where it takes place, or ``""``."""
    cost: float
    """Estimated cost, in the program's currency."""
    years: str
    """The years it is scheduled in, ``"2026, 2027"``, or ``""``."""
    responsible: str
    """Who carries it out, or ``""``."""
    partners: str
    """Partners, comma-separated, or ``""``."""
    beneficiaries: int | None
    """Number of beneficiaries, or None."""
    households: int | None
    """Beneficiary households, or None."""
    women: int | None
    """Women among the beneficiaries, or None."""
    men: int | None
    """Men among the beneficiaries, or None."""
    financing: Mapping[str, float]
    """Amount per financing source id (all years together)."""
    sources: str
    """Names of its financing sources, comma-separated."""
    expected_result: str
    """Expected result, or ``""``."""
    sector: str
    """Sector code, or ``""``."""


@_row
class FinancingRow(Row):
    """``financing_rows``: one row per financing source."""

    id: str
    """Source id."""
    kind: str
    """Source kind code (codelist ``funding_source_kind``)."""
    name: str
    """Source name."""
    kind_title: str
    """Title of the kind in the document's language."""
    amounts: tuple[float | None, ...]
    """Amount per year of the period (``years``), None where none is planned."""
    total: float
    """All years together."""


@_row
class FinancingTotals(Row):
    """``financing_totals``: all sources together."""

    amounts: tuple[float, ...]
    """Total per year of the period (``years``)."""
    total: float
    """Grand total."""


@_row
class AlignmentPart(Row):
    """A program part (goal, objective, task, activity) linked to a catalog entry (``AlignmentRow.parts``)."""

    id: str
    """The part's id."""
    no: str
    """Its number as the reader sees it (``"1.2"``), or ``""``."""
    title: str
    """Its title."""
    note: str
    """The link's note, or ``""``."""
    pointer: str
    """JSON Pointer of the link in the program."""


@_row
class AlignmentRow(Row):
    """``alignment_rows``: one row per catalog entry that at least one program part serves."""

    catalog: str
    """Catalog id."""
    catalog_title: str
    """Catalog title."""
    code: str
    """Entry code."""
    entry: str
    """Entry title."""
    status: str
    """``confirmed`` or ``to confirm`` (wording not yet checked against the official text)."""
    parts: tuple[AlignmentPart, ...]
    """The program parts linked to it."""
    parts_text: str
    """The same as one line: ``"G1 Safe water; T3 Pipeline"``."""


@_row
class UncoveredEntry(Row):
    """A catalog entry no program part serves (``CoverageRow.uncovered``)."""

    code: str
    """Entry code."""
    entry: str
    """Entry title."""
    level: str
    """Entry level (goal, objective...), or ``""``."""


@_row
class CoverageRow(Row):
    """``alignment_coverage``: per catalog of the methodology, how much of it the program serves."""

    catalog: str
    """Catalog id."""
    title: str
    """Catalog title."""
    covered: int
    """Number of entries at least one program part serves."""
    total: int
    """Number of entries of the catalog."""
    uncovered: tuple[UncoveredEntry, ...]
    """The entries none serves."""


@_row
class MatrixRow(Row):
    """One row of a `Matrix`: a heading cell, one value per column, and the row's total."""

    key: str
    """What the row stands for (a source id, an activity id, a year...)."""
    label: str
    """The row's heading cell."""
    cells: tuple[float | None, ...]
    """One value per column of the matrix, None where there is none (printed as a dash)."""
    total: float | None
    """The sum of the row's values, None when it has none."""


@_row
class Matrix(Row):
    """A table with a column per year, per source... (``financing_matrix``, ``activity_source_matrix``, or built
    by a plugin with ``helpers.matrix``); ``add_matrix_table`` in ``sedp_core.authoring.build`` prints it."""

    columns: tuple[str, ...]
    """The column headings (years, source names...)."""
    column_keys: tuple[str, ...]
    """What each column stands for (``"2026"``, a source id...)."""
    rows: tuple[MatrixRow, ...]
    """The rows, in the order given."""
    total: MatrixRow | None
    """The column totals (``key`` ``""``), or None when the matrix is built without a total row."""

    def __bool__(self) -> bool:
        """A matrix without rows is false, so ``{%p if m %}`` leaves out an empty table."""
        return bool(self.rows)


def build_matrix(
    rows: Sequence[tuple[Hashable, str]],
    columns: Sequence[tuple[Hashable, str]],
    values: Iterable[tuple[Hashable, Hashable, float | None]] | Mapping[tuple[Hashable, Hashable], float | None],
    *,
    total_label: str | None = None,
) -> Matrix:
    """A `Matrix` of `rows` × `columns` (each given as ``(key, text)``), filled from `values`.

    `values` gives ``(row_key, column_key, amount)`` triples (amounts for the same cell are added up) or a mapping
    ``{(row_key, column_key): amount}``. A cell nothing is given for is None. With `total_label`, the matrix
    has a total row with that label. A value for a row or column that is not listed is a ``ValueError``: it
    would silently be left out of the document.
    """
    row_index = {key: i for i, (key, _) in enumerate(rows)}
    col_index = {key: j for j, (key, _) in enumerate(columns)}
    grid: list[list[float | None]] = [[None] * len(columns) for _ in rows]
    triples = values.items() if isinstance(values, Mapping) else values
    for entry in triples:
        if isinstance(values, Mapping):
            (row_key, col_key), amount = entry  # type: ignore[misc]
        else:
            row_key, col_key, amount = entry  # type: ignore[misc]
        if row_key not in row_index or col_key not in col_index:
            missing = row_key if row_key not in row_index else col_key
            raise ValueError(f"matrix value for {missing!r}, which is neither a listed row nor column")
        if amount is None:
            continue
        i, j = row_index[row_key], col_index[col_key]
        old = grid[i][j]
        grid[i][j] = amount if old is None else old + amount

    def line(key: Any, label: str, cells: Sequence[float | None]) -> MatrixRow:
        given = [c for c in cells if c is not None]
        return MatrixRow(str(key), label, tuple(cells), sum(given) if given else None)

    body = tuple(line(key, label, grid[i]) for i, (key, label) in enumerate(rows))
    total = None
    if total_label is not None:
        sums = []
        for j in range(len(columns)):
            given = [r.cells[j] for r in body if r.cells[j] is not None]
            sums.append(sum(given) if given else None)  # type: ignore[arg-type]
        total = line("", total_label, sums)
    return Matrix(tuple(text for _, text in columns), tuple(str(key) for key, _ in columns), body, total)
