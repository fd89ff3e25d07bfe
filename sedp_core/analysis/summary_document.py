"""The regional summary in one language: its sections (the core's, then each plugin's `sedp_summary_sections`),
written as a Word document with the generic report writer (`report_docx.py`). The workbook
(`summary_workbook.py`) writes the same sections, so the two never disagree.

Every word is the core's (gettext catalog) or plugin data (codelist and catalog titles, the plugins' sections);
numbers are printed by the report writer, in the language's conventions. Plugin data marked "to confirm" keeps its
mark (`sedp_core.rendering.unconfirmed`): the document highlights it, as a draft does, unless every program
summarized confirms it (`summary_marks`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sedp_core.analysis.report_docx import Column, ReportDocument
from sedp_core.analysis.summary import (
    AMOUNT_UNIT,
    RegionSummary,
    SummaryHeading,
    SummarySection,
    SummaryTable,
    sector_codelist,
    source_codelist,
)
from sedp_core.errors import PluginError
from sedp_core.i18n import N_, Term, translation
from sedp_core.registry.collect import get_registry
from sedp_core.registry.manager import each_answer
from sedp_core.rendering.charts import BarChart
from sedp_core.rendering.formatting import currency_symbol, first_upper
from sedp_core.rendering.unconfirmed import (
    DocumentMarks,
    Unconfirmed,
    catalog_title,
    codelist_title,
    entry_title,
    text_in,
)

__all__ = ["all_sections", "amount_unit", "codelist_titles", "core_sections", "municipality_names", "summary_marks",
           "write_document"]

LIST_NAMES_UP_TO = 25
"""A coverage row names the municipalities that serve the entry when there are at most this many programs (a
region's municipalities); beyond, a national run, it gives their number only."""


def _text(texts: dict[str, str], language: str, fallback: str) -> str:
    """A plugin or program text in `language`, else in the program's main language (a proper name)."""
    return texts.get(language) or texts.get(fallback) or next(iter(texts.values()), "")


def municipality_names(summary: RegionSummary, language: str) -> list[str]:
    """Each program's municipality, in `language` where the program has it. Where two have the same name, the
    higher unit is added ("Name, Unit"), and where that is not enough either, the file name, so that no row is
    ambiguous."""

    def dedupe(names: list[str], extra: list[str]) -> list[str]:
        counts: dict[str, int] = {}
        for name in names:
            counts[name] = counts.get(name, 0) + 1
        return [f"{n}, {e}" if counts[n] > 1 and e else n for n, e in zip(names, extra, strict=True)]

    names = [_text(p.name, language, p.main_language) for p in summary.programs]
    names = dedupe(names, [_text(p.parent, language, p.main_language) for p in summary.programs])
    return dedupe(names, [Path(p.source).name for p in summary.programs])


def codelist_titles(summary: RegionSummary, codelist_id: str, language: str) -> dict[str, str]:
    """Code → its title in `language` as the summary's methodology prints it, capitalized to start a cell, marked
    while the codelist says it is unconfirmed."""
    codelist = get_registry().codelists_for(summary.methodology).get(codelist_id)
    if codelist is None:
        return {}
    return {code: first_upper(codelist_title(codelist, code, language)) for code in codelist.codes}


def _entry_label(catalog: Any, entry: Any, language: str) -> str:
    """An entry as a reader finds it in the national document: its number and title (never the code alone)."""
    title = entry_title(catalog, entry, language)
    return f"{entry.number} {title}" if entry.number else title


def amount_unit(summary: RegionSummary, language: str) -> str:
    """The unit of the summary's amounts in `language`: thousands of the programs' currency."""
    symbol = currency_symbol(summary.currency, language, dict(summary.methodology.currency_symbols))
    return translation(language).gettext("thousand {currency}").format(currency=symbol)


def core_sections(summary: RegionSummary, language: str) -> list[SummarySection]:
    """The core's sections: the programs summarized (and those left out), money by source and year, money per
    municipality, activities by sector, national-strategy coverage, indicators shared by several programs."""
    t = translation(language)
    _ = t.gettext
    symbol = amount_unit(summary, language)
    scale = float(AMOUNT_UNIT)
    names = municipality_names(summary, language)
    years = summary.years
    sections: list[SummarySection] = []

    # 1. What is summarized, and what is not (nothing is dropped silently).
    intro: list[Any] = [t.ngettext(
        "This summary adds up {n} program of the methodology «{methodology}». Amounts are in {unit}.",
        "This summary adds up {n} programs of the methodology «{methodology}». Amounts are in {unit}.",
        len(summary.programs)).format(n=len(summary.programs), unit=symbol,
                                      methodology=text_in(summary.methodology.title, language,
                                                          Term(N_("title of {methodology}"),
                                                               methodology=summary.methodology.key), ""))]
    if summary.left_out:
        intro.append(t.ngettext(
            "{n} file was left out because it could not be read or is not a valid program; it is not counted in "
            "any figure below:",
            "{n} files were left out because they could not be read or are not valid programs; they are not "
            "counted in any figure below:", len(summary.left_out)).format(n=len(summary.left_out)))
        rows = []
        for outcome in summary.left_out:
            if outcome.report is not None:
                errors = len(outcome.report.errors)
                why = t.ngettext("not valid: {n} error", "not valid: {n} errors", errors).format(n=errors)
            else:
                why = _("could not be read")
            rows.append((Path(outcome.source).name, why))
        intro.append(SummaryTable((Column(_("File")), Column(_("Why it was left out"))), tuple(rows)))
        intro.append(_("Run `sedp validate` on these files to see every problem, then summarize again."))
    else:
        intro.append(_("Every file given was a valid program: none was left out."))
    sections.append(SummarySection(_("Programs summarized"), tuple(intro), _("Programs")))

    # 2. Money by source and year.
    source_titles = codelist_titles(summary, source_codelist(summary.methodology), language)
    by_source_year = {key: value / scale for key, value in summary.by_source_year().items()}
    kinds = summary.source_kinds
    year_columns = tuple(Column(str(y), "number") for y in years)
    total_column = Column(f"{_('Total')}, {symbol}", "number")  # the unit in the heading: a sheet has no intro
    rows2 = tuple((source_titles.get(k, k), *(by_source_year.get((k, y), 0.0) for y in years),
                   sum(by_source_year.get((k, y), 0.0) for y in years)) for k in kinds)
    total_row = (_("Total"), *(sum(by_source_year.get((c, y), 0.0) for c in kinds) for y in years),
                 summary.total / scale)
    parts: list[Any] = [
        _("The financing the programs plan, by kind of source and year, in all municipalities together."),
        SummaryTable((Column(_("Source")), *year_columns, total_column), rows2, total_row)]
    if kinds and len(years) > 1:
        parts.append(BarChart(categories=tuple(str(y) for y in years), language=language, stacked=True,
                              series=tuple((source_titles.get(k, k), tuple(by_source_year.get((k, y), 0.0)
                                                                          for y in years)) for k in kinds),
                              value_axis=symbol, value_labels=False))
    elif kinds:
        parts.append(BarChart(categories=tuple(source_titles.get(k, k) for k in kinds), language=language,
                              horizontal=True, series=((str(years[0]) if years else "", tuple(r[-1] for r in rows2)),),
                              value_axis=symbol))
    sections.append(SummarySection(_("Financing by source and year"), tuple(parts), _("By source")))

    # 3. Money per municipality.
    rows3 = tuple((name, *(p.year_total(y) / scale for y in years), p.total / scale)
                  for name, p in zip(names, summary.programs, strict=True))
    total3 = (_("Total"), *(sum(p.year_total(y) for p in summary.programs) / scale for y in years),
              summary.total / scale)
    sections.append(SummarySection(_("Financing per municipality"), (
        _("Each municipality's planned financing by year, all sources together."),
        SummaryTable((Column(_("Municipality")), *year_columns, total_column), rows3, total3)),
        _("By municipality")))

    # 4. Activities by sector.
    sector_titles = codelist_titles(summary, sector_codelist(summary.methodology), language)
    by_sector = {key: value / scale for key, value in summary.by_sector().items()}
    if by_sector:
        whole = sum(by_sector.values()) or 1.0
        counts = {s: sum(1 for p in summary.programs if p.by_sector.get(s)) for s in summary.sectors}
        label = {s: sector_titles.get(s, s) if s else _("Sector not given") for s in summary.sectors}
        rows4 = tuple((label[s], counts[s], by_sector[s], 100 * by_sector[s] / whole) for s in summary.sectors)
        parts4: list[Any] = [
            _("The cost of the programs' activities by sector, and how many municipalities plan activities in "
              "each."),
            SummaryTable((Column(_("Sector")), Column(_("Municipalities"), "number"), Column(f"{_('Cost')}, {symbol}",
                                                                                              "number"),
                          Column(_("Share, %"), "number", 1)), rows4,
                         (_("Total"), len(summary.programs), sum(by_sector.values()), 100.0)),
            BarChart(categories=tuple(label[s] for s in summary.sectors), language=language, horizontal=True,
                     series=((_("Cost"), tuple(by_sector[s] for s in summary.sectors)),), value_axis=symbol)]
    else:
        parts4 = [_("No program lists activities with their costs, so there is no sector table.")]
    sections.append(SummarySection(_("Activities by sector"), tuple(parts4), _("By sector")))

    # 5. National-strategy coverage.
    registry = get_registry()
    coverage = summary.coverage()
    parts5: list[Any] = []
    few = len(summary.programs) <= LIST_NAMES_UP_TO
    for catalog_id in summary.methodology.catalogs:
        catalog = registry.catalogs[catalog_id]
        entries = [c for c in coverage if c.catalog == catalog_id]
        served = [c for c in entries if c.served_by]
        parts5.append(SummaryHeading(catalog_title(catalog, language)))
        parts5.append(_("{served} of {total} entries are served by at least one municipality.").format(
            served=len(served), total=len(entries)))
        columns = [Column(_("Entry of the national document")), Column(_("Municipalities"), "number")]
        if few:
            columns.append(Column(_("Which")))
        rows5 = []
        for c in entries:
            entry = catalog.get(c.code)
            row: list[Any] = [_entry_label(catalog, entry, language), len(c.served_by)]
            if few:
                row.append(", ".join(names[i] for i in c.served_by) or None)
            rows5.append(tuple(row))
        parts5.append(SummaryTable(tuple(columns), tuple(rows5)))
        none = [_entry_label(catalog, catalog.get(c.code), language) for c in entries if not c.served_by]
        parts5.append(_("Entries no municipality serves: {entries}.").format(entries="; ".join(none)) if none else
                      _("Every entry is served by at least one municipality."))
    sections.append(SummarySection(_("National strategy coverage"), tuple(parts5), _("Coverage")))

    # 6. Indicators several programs share.
    shared = summary.shared_indicators()
    parts6: list[Any] = []
    if shared:
        parts6.append(_("Indicators that several programs measure with the same code: each municipality's "
                        "baseline and its target for the last year it sets one."))
        for rows_of in shared.values():
            first = rows_of[0][1]
            main = summary.programs[rows_of[0][0]].main_language
            parts6.append(_("{indicator} ({unit})").format(indicator=_text(first.name, language, main),
                                                           unit=_text(first.unit, language, main)))
            values = [v for _, f in rows_of for v in (f.baseline, f.target) if v is not None]
            digits = 0 if all(float(v).is_integer() for v in values) else 1  # counts print as whole numbers
            parts6.append(SummaryTable(
                (Column(_("Municipality")), Column(_("Baseline"), "number", digits), Column(_("Year"), "text"),
                 Column(_("Target"), "number", digits), Column(_("Year"), "text")),
                tuple((names[i], f.baseline, str(f.baseline_year) if f.baseline_year else None, f.target,
                       str(f.target_year) if f.target_year else None) for i, f in rows_of)))
    else:
        parts6.append(_("No indicator code is used by more than one program."))
    sections.append(SummarySection(_("Indicators"), tuple(parts6), _("Indicators")))
    return sections


def plugin_sections(summary: RegionSummary, language: str) -> list[SummarySection]:
    """Every plugin's `sedp_summary_sections`, in plugin order."""
    kwargs = {"summary": summary, "language": language}
    out: list[SummarySection] = []
    def failed(plugin: str, exc: Exception) -> PluginError:
        return PluginError(N_("plugin {plugin!r} failed to write its summary sections: {error}"),
                           params={"plugin": plugin, "error": f"{type(exc).__name__}: {exc}"},
                           code="plugin.summary-failed")

    for _plugin, result in each_answer("sedp_summary_sections", kwargs, failed):
        out += list(result or [])
    return out


def all_sections(summary: RegionSummary, language: str) -> list[SummarySection]:
    """The core's sections, then the plugins'."""
    return core_sections(summary, language) + plugin_sections(summary, language)


class _ConfirmedByEvery(DocumentMarks):
    """The marks of a summary: a value to confirm prints plain only when every program summarized confirms it
    (each municipality confirms the wording its own documents print); otherwise it is highlighted."""

    def __init__(self, confirmations: Iterable[Iterable[str]]) -> None:
        super().__init__(highlight=True)
        self._each = [DocumentMarks(c) for c in confirmations]

    def is_confirmed(self, item: Unconfirmed) -> bool:
        return bool(self._each) and all(marks.is_confirmed(item) for marks in self._each)


def summary_marks(summary: RegionSummary) -> DocumentMarks:
    """How the summary's document and workbook show values plugin data marks "to confirm": highlighted, as in a
    draft (nobody signs a summary), unless every program summarized confirms the value."""
    return _ConfirmedByEvery(p.confirmations for p in summary.programs)


def write_document(summary: RegionSummary, language: str, path: Path,
                   sections: list[SummarySection] | None = None) -> Path:
    """The summary as a .docx at `path`: a title, then each section numbered, its parts in order; values to
    confirm highlighted (`summary_marks`)."""
    t = translation(language)
    years = summary.years
    period = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
    report = ReportDocument(
        language, title=t.gettext("Summary of the development programs of the municipalities"),
        subtitle=t.ngettext("{n} municipality, {period}", "{n} municipalities, {period}",
                            len(summary.programs)).format(n=len(summary.programs), period=period),
        page_words=(t.gettext("Page"), t.gettext("of")))
    for number, section in enumerate(sections if sections is not None else all_sections(summary, language), 1):
        report.heading(f"{number}. {section.heading}")
        for i, part in enumerate(section.parts):
            if isinstance(part, str):
                following = section.parts[i + 1] if i + 1 < len(section.parts) else None
                report.paragraph(part, introduces=isinstance(following, SummaryTable | BarChart))
            elif isinstance(part, SummaryHeading):
                report.heading(part.text, 2)
            elif isinstance(part, SummaryTable):
                report.table(part.columns, part.rows, total=part.total)
            elif isinstance(part, BarChart):
                report.chart(part)
            else:
                raise PluginError(N_("a summary section {heading!r} holds a {kind}; parts are texts, SummaryTable or "
                                     "BarChart"), params={"heading": section.heading, "kind": type(part).__name__},
                                  code="plugin.summary-part")
    return report.save(path, summary_marks(summary))
