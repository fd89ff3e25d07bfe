"""A region's summary of many programs of one methodology (`sedp summary`): the aggregation, as plain data.

Each program is validated and at once reduced to a `ProgramFacts` record (its money by funding-source kind and
year, by sector, the national-catalog entries it serves, its indicators' baselines and final targets, and what
plugins keep through `sedp_summary_facts`); the model is dropped before the next file is read, so a national run
(hundreds of programs) holds only the small records. `RegionSummary` adds the records up. No words here: the
document (`summary_document.py`) and the workbook (`summary_workbook.py`) write them in a language.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sedp_core.errors import PluginError, SedpError
from sedp_core.i18n import N_
from sedp_core.registry.collect import get_registry
from sedp_core.registry.manager import each_answer
from sedp_core.validation.validate import validate_file
from sedp_core.validation.walk import alignment_links

__all__ = [
    "AMOUNT_UNIT",
    "IndicatorFacts",
    "Outcome",
    "ProgramFacts",
    "RegionSummary",
    "SummaryHeading",
    "SummarySection",
    "SummaryTable",
    "facts_of",
    "read_programs",
    "sector_codelist",
    "source_codelist",
    "summarize",
]

LocalText = dict[str, str]
"""A text per language code."""


def local_text(text: Any, main_language: str) -> LocalText:
    """A program's `Text` (one string in its main language, or one per language) as a dict per language."""
    if text is None:
        return {}
    if isinstance(text, str):
        return {main_language: text}
    return dict(text)


@dataclass(frozen=True)
class IndicatorFacts:
    """One indicator of one program: what the summary compares across programs with the same code."""

    name: LocalText
    unit: LocalText
    baseline: float | None
    baseline_year: int | None
    target: float | None
    """The target of the last year that has one."""
    target_year: int | None


@dataclass
class ProgramFacts:
    """What the summary keeps of one program (a few hundred numbers; the model itself is dropped)."""

    source: str
    """The file the program was read from."""
    methodology: str
    """The methodology's key, `id@version`."""
    name: LocalText
    """The municipality's name per language."""
    parent: LocalText
    """The name of the nearest higher unit per language (empty when the program names none)."""
    main_language: str
    currency: str
    years: tuple[int, ...]
    by_source_year: dict[tuple[str, int], float] = field(default_factory=dict)
    """(funding-source kind, year) → amount of the program's financing section."""
    by_sector: dict[str, float] = field(default_factory=dict)
    """Sector code of the activities → their total cost ("" for activities without a sector)."""
    served: frozenset[tuple[str, str]] = frozenset()
    """(catalog id, entry code) of every national-catalog entry a part of the program is aligned with."""
    indicators: dict[str, IndicatorFacts] = field(default_factory=dict)
    """Indicator code → its facts (the first indicator with a code, where a program repeats one)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Name → what plugins' `sedp_summary_facts` kept of the program (each plugin under names of its own)."""
    confirmations: tuple[str, ...] = ()
    """The items (ids or ``*`` patterns) the program's `confirmations` confirm: a value plugin data marks "to
    confirm" prints plain in the summary only when every program summarized confirms it."""

    @property
    def total(self) -> float:
        return sum(self.by_source_year.values())

    def year_total(self, year: int) -> float:
        return sum(v for (_, y), v in self.by_source_year.items() if y == year)

    def source_total(self, kind: str) -> float:
        return sum(v for (k, _), v in self.by_source_year.items() if k == kind)


def _indicators(program: Any) -> Iterator[Any]:
    for goal in program.goals:
        yield from goal.indicators
        for objective in goal.objectives:
            yield from objective.indicators
            for task in objective.tasks:
                yield from task.indicators


def plugin_facts(program: Any, methodology: Any) -> dict[str, Any]:
    """Every plugin's `sedp_summary_facts` answer for the program, merged (a name two plugins set is an error)."""
    kwargs = {"program": program, "methodology": methodology}
    out: dict[str, Any] = {}
    owners: dict[str, str] = {}

    def failed(plugin: str, exc: Exception) -> PluginError:
        return PluginError(N_("plugin {plugin!r} failed to summarize {program!r}: {error}"),
                           params={"plugin": plugin, "program": program.id, "error": f"{type(exc).__name__}: {exc}"},
                           code="plugin.summary-failed")

    for plugin, result in each_answer("sedp_summary_facts", kwargs, failed):
        for name, value in (result or {}).items():
            if name in out:
                raise PluginError(N_("plugin {plugin!r} keeps summary facts {name!r}, already kept by {owner!r}"),
                                  params={"plugin": plugin, "name": name, "owner": owners[name]},
                                  code="plugin.summary-clash")
            out[name] = value
            owners[name] = plugin
    return out


def facts_of(program: Any, methodology: Any, source: str) -> ProgramFacts:
    """Reduce a validated program to its facts."""
    main = program.main_language
    by_source_year: dict[tuple[str, int], float] = {}
    for src in program.financing.sources:
        for amount in src.amounts:
            key = (src.kind, amount.year)
            by_source_year[key] = by_source_year.get(key, 0.0) + amount.amount
    by_sector: dict[str, float] = {}
    for activity in program.activities:
        sector = activity.sector or ""
        by_sector[sector] = by_sector.get(sector, 0.0) + activity.cost.amount
    indicators: dict[str, IndicatorFacts] = {}
    for indicator in _indicators(program):
        if indicator.code in indicators:
            continue
        last = max(indicator.targets, key=lambda t: t.year, default=None)
        indicators[indicator.code] = IndicatorFacts(
            name=local_text(indicator.name, main), unit=local_text(indicator.unit, main),
            baseline=indicator.baseline.value if indicator.baseline else None,
            baseline_year=indicator.baseline.year if indicator.baseline else None,
            target=last.value if last else None, target_year=last.year if last else None)
    return ProgramFacts(
        source=source, methodology=methodology.key, name=local_text(program.municipality.name, main),
        parent=local_text(program.municipality.parent_units[0].name, main) if program.municipality.parent_units
        else {},
        main_language=main, currency=program.financing.currency, years=tuple(program.period.years),
        by_source_year=by_source_year, by_sector=by_sector, served=frozenset(alignment_links(program)),
        indicators=indicators, extra=plugin_facts(program, methodology),
        confirmations=tuple(c.item for c in program.confirmations))


@dataclass
class Outcome:
    """One file read for the summary: its facts, or why it is left out (the validation report, or the error
    that kept it from being read at all)."""

    source: str
    facts: ProgramFacts | None = None
    report: Any = None
    error: SedpError | None = None


def read_programs(paths: Iterable[Path], on_done: Callable[[Outcome], None] | None = None) -> Iterator[Outcome]:
    """Validate each file and reduce it to its facts at once, one at a time: only the records stay in memory.

    A file that cannot be read or is not valid (any error in its report) is an outcome without facts, never
    silently skipped. Raises `SedpError` (`summary.mixed-methodologies`) at the first valid program whose
    methodology differs from the first one's: a summary adds up programs of one methodology only."""
    first: ProgramFacts | None = None
    for path in paths:
        outcome = Outcome(str(path))
        try:
            result = validate_file(path)
        except SedpError as exc:
            outcome.error = exc
        else:
            if result.program is None or result.report.errors:
                outcome.report = result.report
            else:
                outcome.facts = facts_of(result.program, result.methodology, str(path))
            del result  # the model goes before the next file is read
        gc.collect()  # a program's model is a large tree of cycles; collect it now, as the batch renderer does
        facts = outcome.facts
        if facts is not None:
            if first is None:
                first = facts
            elif facts.methodology != first.methodology or facts.currency != first.currency:
                raise SedpError(
                    N_("a summary adds up programs of one methodology and currency: {first} follows {m1} "
                       "({c1}), {other} follows {m2} ({c2}); summarize them separately"),
                    params={"first": first.source, "m1": first.methodology, "c1": first.currency,
                            "other": facts.source, "m2": facts.methodology, "c2": facts.currency},
                    code="summary.mixed-methodologies")
        if on_done is not None:
            on_done(outcome)
        yield outcome


def source_codelist(methodology: Any) -> str:
    """The codelist of funding-source kinds the methodology uses (its own, where it names one)."""
    return _codelist_at(methodology, "/financing/sources/*/kind", "funding_source_kind")


def sector_codelist(methodology: Any) -> str:
    """The codelist of the activities' sectors the methodology uses."""
    return _codelist_at(methodology, "/activities/*/sector", "sector")


def _codelist_at(methodology: Any, pointer: str, default: str) -> str:
    for use in getattr(methodology, "codelist_uses", ()):
        if use.pointer == pointer:
            return str(use.codelist)
    return default


@dataclass(frozen=True)
class CoverageEntry:
    """One entry of a national catalog and the municipalities (their indices in `RegionSummary.programs`)
    whose programs serve it."""

    catalog: str
    code: str
    served_by: tuple[int, ...]


@dataclass
class RegionSummary:
    """The facts of the programs of one methodology, and their sums."""

    methodology: Any
    programs: list[ProgramFacts]
    left_out: list[Outcome]
    """Files left out: not valid, or not readable (in the order given)."""

    @property
    def currency(self) -> str:
        return self.programs[0].currency if self.programs else ""

    @property
    def years(self) -> list[int]:
        return sorted({y for p in self.programs for (_, y) in p.by_source_year} | {y for p in self.programs
                                                                                 for y in p.years})

    @property
    def source_kinds(self) -> list[str]:
        """The funding-source kinds any program has, in the codelist's order (then any other, sorted)."""
        found = {k for p in self.programs for (k, _) in p.by_source_year}
        order = _code_order(self.methodology, source_codelist(self.methodology))
        return [k for k in order if k in found] + sorted(found - set(order))

    @property
    def sectors(self) -> list[str]:
        found = {s for p in self.programs for s in p.by_sector}
        order = _code_order(self.methodology, sector_codelist(self.methodology))
        return [s for s in order if s in found] + sorted(found - set(order) - {""}) + ([""] if "" in found else [])

    def by_source_year(self) -> dict[tuple[str, int], float]:
        out: dict[tuple[str, int], float] = {}
        for p in self.programs:
            for key, value in p.by_source_year.items():
                out[key] = out.get(key, 0.0) + value
        return out

    def by_sector(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for p in self.programs:
            for key, value in p.by_sector.items():
                out[key] = out.get(key, 0.0) + value
        return out

    @property
    def total(self) -> float:
        return sum(p.total for p in self.programs)

    def coverage(self) -> list[CoverageEntry]:
        """Every entry of the methodology's catalogs, in catalog order, with the programs that serve it."""
        registry = get_registry()
        out = []
        for catalog_id in self.methodology.catalogs:
            for entry in registry.catalogs[catalog_id].entries:
                key = (catalog_id, entry.code)
                out.append(CoverageEntry(catalog_id, entry.code,
                                         tuple(i for i, p in enumerate(self.programs) if key in p.served)))
        return out

    def shared_indicators(self) -> dict[str, list[tuple[int, IndicatorFacts]]]:
        """Indicator code → (program index, facts) for every code that two or more programs use, in the order
        the codes first appear."""
        by_code: dict[str, list[tuple[int, IndicatorFacts]]] = {}
        for i, p in enumerate(self.programs):
            for code, facts in p.indicators.items():
                by_code.setdefault(code, []).append((i, facts))
        return {code: rows for code, rows in by_code.items() if len(rows) > 1}


def _code_order(methodology: Any, codelist_id: str) -> list[str]:
    """The codes of a codelist in its order (none when the methodology has no such codelist)."""
    codelist = get_registry().codelists_for(methodology).get(codelist_id)
    return list(codelist.codes) if codelist is not None else []


def summarize(outcomes: Iterable[Outcome]) -> RegionSummary:
    """Add up the outcomes of `read_programs`. Raises `SedpError` (`summary.no-valid-program`) when no program is
    valid: there is nothing to summarize."""
    programs: list[ProgramFacts] = []
    left_out: list[Outcome] = []
    for outcome in outcomes:
        (programs.append(outcome.facts) if outcome.facts is not None else left_out.append(outcome))
    if not programs:
        raise SedpError(N_("none of the {n} files is a valid program: nothing to summarize"),
                        params={"n": len(left_out)}, code="summary.no-valid-program")
    registry = get_registry()
    methodology = next(m for m in registry.methodologies.values() if m.key == programs[0].methodology)
    return RegionSummary(methodology=methodology, programs=programs, left_out=left_out)


AMOUNT_UNIT = 1000
"""Amounts in a summary's tables and charts are in thousands of the currency: a region's totals run to
billions, and whole units would not fit a column."""


@dataclass(frozen=True)
class SummaryHeading:
    """A sub-heading inside a section (level 2 in the document, a bold line in the workbook)."""

    text: str


@dataclass(frozen=True)
class SummaryTable:
    """A table of a summary section: the document prints it, the workbook writes it on the section's sheet.

    `columns` are `sedp_core.analysis.report_docx.Column`s (heading, `text` or `number`, digits); each row has one
    cell per column (a text, a number, or None for a dash); `total` is an optional bold last row."""

    columns: tuple[Any, ...]
    rows: tuple[tuple[Any, ...], ...]
    total: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class SummarySection:
    """A section a plugin adds to the regional summary (`sedp_summary_sections`): a heading and its parts in
    order, each a paragraph (a `str`), a `SummaryHeading`, a `SummaryTable` or a
    `sedp_core.rendering.charts.BarChart`. Amounts go in thousands (divide by `AMOUNT_UNIT`; the unit's words are
    `summary_document.amount_unit(summary, language)`). Every text is
    already in the summary's language. `sheet` names the workbook sheet its tables go to (at most 31
    characters); the document numbers the heading itself."""

    heading: str
    parts: tuple[Any, ...]
    sheet: str
