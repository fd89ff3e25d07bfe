"""The template context: a program seen in one language, with its hierarchies flattened into table rows.

Templates stay simple (one loop per table, no nested loops, no arithmetic): every row a table needs is built
here, and plugins add their own names through the `sedp_document_context` hook.
"""

from __future__ import annotations

from collections import defaultdict
from types import MappingProxyType
from typing import Any

from sedp_core.errors import PluginError
from sedp_core.i18n import N_
from sedp_core.models import Goal, Indicator, Objective, Program, Task
from sedp_core.registry.collect import Registry, get_registry
from sedp_core.registry.manager import each_answer
from sedp_core.registry.types import DocumentSpec, Methodology
from sedp_core.rendering.context_helpers import DocumentHelpers
from sedp_core.rendering.context_rows import (
    ActivityRow,
    AlignmentPart,
    AlignmentRow,
    CoverageRow,
    DocumentInfo,
    FinancingRow,
    FinancingTotals,
    GoalRow,
    IndicatorRow,
    Matrix,
    MethodologyInfo,
    PassportRow,
    UncoveredEntry,
    build_matrix,
)
from sedp_core.rendering.formatting import currency_symbol
from sedp_core.rendering.numbering import reader_numbers
from sedp_core.rendering.unconfirmed import (
    PROGRAM_FILE,
    PROGRAM_TEXT,
    catalog_title,
    codelist_title,
    entry_title,
    label_texts,
    text_in,
)
from sedp_core.validation.memo import memo_scope, per_program
from sedp_core.validation.walk import alignment_links, models_of

__all__ = ["build_context", "code_titles", "labels_for", "program_text"]


def labels_for(methodology: Methodology, language: str) -> dict[str, str]:
    """The methodology's document wording in `language`. A label marked unconfirmed is marked (highlighted in a
    draft, an error in an approved program); one without text in `language` is a marked placeholder, never
    another language's text (`sedp_core.rendering.unconfirmed`)."""
    return label_texts(methodology.labels, language, methodology.unconfirmed_labels, methodology.key,
                       methodology.labels_source or f"the labels of {methodology.key}")


def code_titles(methodology: Methodology, language: str, registry: Registry | None = None) -> dict[str, dict[str, str]]:
    """Codelist id → code → title in `language`, as this methodology prints it (its own plugin's titles first,
    a title another plugin registered never replaces them), unconfirmed titles marked."""
    registry = registry or get_registry()
    return {cid: {code: codelist_title(cl, code, language) for code in cl.codes}
            for cid, cl in registry.codelists_for(methodology).items()}


def program_text(text: Any, language: str) -> str:
    """A text of the program in `language`: a marked placeholder when the program has it only in another
    language (an error for an approved program), never the other language's text."""
    if text is None:
        return ""
    return text_in(text, language, PROGRAM_TEXT, PROGRAM_FILE)


def build_context(
    program: Program,
    methodology: Methodology,
    document: DocumentSpec,
    language: str,
    registry: Registry | None = None,
    item: Any = None,
    item_no: int | None = None,
) -> dict[str, Any]:
    """Everything a document template may use. Plugin additions come last and may not replace core names.

    `item` and `item_no` are given for a per-item document (`DocumentSpec.per`)."""
    with memo_scope():  # the caller's scope if it opened one (`sedp_core.validation.memo`)
        return _build_context(program, methodology, document, language, registry or get_registry(), item, item_no)


def _build_context(program: Program, methodology: Methodology, document: DocumentSpec, language: str,
                   registry: Registry, item: Any, item_no: int | None) -> dict[str, Any]:
    def tr(text: Any) -> str:
        return program_text(text, language)

    # Everything but the document's own names is the same for every document of the program in this language:
    # built once per program (and shared with validation's rendering of an approved program's documents).
    shared = per_program(program, ("sedp.context", language),
                         lambda: _program_context(program, methodology, language, registry), on=(methodology, registry))
    ctx = dict(shared)
    ctx["document"] = DocumentInfo(document.id, tr(dict(document.title)))
    if document.per is not None:
        ctx["item"], ctx["item_no"] = item, item_no
    # Each plugin's answer is merged in call order; a name already set is a clash, never a silent overwrite.
    # The impls are called one by one (rather than through the hook) so that a clash names the plugin.
    # Plugins see the core's names only (a snapshot, read-only: rows are frozen, their lists tuples).
    kwargs = {"program": program, "methodology": methodology, "document": document, "language": language,
              "item": item, "core_context": MappingProxyType(dict(ctx)),
              "helpers": DocumentHelpers(program, methodology, language, registry, ctx["currency_symbol"],
                                         ctx["labels"])}
    owners: dict[str, str] = {}

    def failed(plugin: str, exc: Exception) -> PluginError:
        return PluginError(N_("plugin {plugin!r} failed to build the context of {document!r} [{language}]: {error}"),
                           params={"plugin": plugin, "document": document.id, "language": language,
                                   "error": f"{type(exc).__name__}: {exc}"}, code="plugin.context-failed")

    for plugin, result in each_answer("sedp_document_context", kwargs, failed):
        for name, value in (result or {}).items():
            if name in ctx:
                owner = owners.get(name, "the core")
                raise PluginError(N_("plugin {plugin!r} sets context name {name!r}, already set by {owner}"),
                                  params={"plugin": plugin, "name": name, "owner": owner})
            ctx[name] = value
            owners[name] = plugin
    return ctx


def _program_context(program: Program, methodology: Methodology, language: str,
                     registry: Registry) -> dict[str, Any]:
    """The core's names that do not depend on the document: the program's rows in `language`."""
    fallback = tuple(lang for lang in program.languages if lang != language)

    def tr(text: Any) -> str:
        return program_text(text, language)

    years = program.period.years
    labels = labels_for(methodology, language)
    return {
        "program": program,
        "language": language,
        "fallback_languages": fallback,
        "title": tr(program.title),
        "municipality_name": tr(program.municipality.name),
        "methodology": MethodologyInfo(methodology.id, methodology.version, tr(dict(methodology.title))),
        "document": None,  # the document's own, set per document (here to keep the order of the names)
        "labels": MappingProxyType(labels),
        "years": years,
        "currency": program.financing.currency,
        "currency_symbol": currency_symbol(program.financing.currency, language, dict(methodology.currency_symbols)),
        "codes": MappingProxyType({cid: MappingProxyType(titles)
                                   for cid, titles in code_titles(methodology, language, registry).items()}),
        "swot": MappingProxyType({name: tuple(tr(s) for s in getattr(program.situation.swot, name))
                                  for name in ("strengths", "weaknesses", "opportunities", "threats")}),
        "passport_rows": tuple(
            PassportRow(no=i, group=tr(p.group), name=tr(p.name), unit=tr(p.unit), value=p.value, year=p.year,
                        source=tr(p.source))
            for i, p in enumerate(program.situation.passport, 1)
        ),
        "goal_rows": _goal_rows(program, tr),
        "indicator_rows": _indicator_rows(program, tr, years),
        "activity_rows": _activity_rows(program, tr),
        **_financing(program, methodology, tr, years, registry, language),
        # The total row is worded by the methodology's `total` label.
        **_matrices(program, tr, years, labels.get("total", "")),
        **_alignment(program, methodology, tr, registry, language),
    }


def _goal_rows(program: Program, tr: Any) -> tuple[GoalRow, ...]:
    """One row per task (or per objective/goal that has none), numbered 1, 1.1, 1.1.1, with first-of-group flags."""
    priorities = {p.id: tr(p.title) for p in program.priorities}
    rows = []
    for gi, goal in enumerate(program.goals, 1):
        objectives = goal.objectives or [None]
        for oi, obj in enumerate(objectives, 1):
            tasks = (obj.tasks if obj else []) or [None]
            for ti, task in enumerate(tasks, 1):
                rows.append(GoalRow(
                    priority=priorities.get(goal.priority or "", ""),
                    goal_no=f"{gi}", goal_id=goal.id, goal=tr(goal.title),
                    objective_no=f"{gi}.{oi}" if obj else "", objective_id=obj.id if obj else "",
                    objective=tr(obj.title) if obj else "",
                    task_no=f"{gi}.{oi}.{ti}" if task else "", task_id=task.id if task else "",
                    task=tr(task.title) if task else "",
                    first_of_goal=oi == 1 and ti == 1, first_of_objective=ti == 1,
                ))
    return tuple(rows)


def _indicator_rows(program: Program, tr: Any, years: list[int]) -> tuple[IndicatorRow, ...]:
    rows: list[IndicatorRow] = []
    for pointer, value in models_of(program):
        if not isinstance(value, Goal | Objective | Task):
            continue
        for ind in value.indicators:
            rows.append(_indicator_row(ind, value, pointer, tr, years, len(rows) + 1))
    return tuple(rows)


def _indicator_row(ind: Indicator, owner: Any, pointer: str, tr: Any, years: list[int], no: int) -> IndicatorRow:
    targets = {t.year: t.value for t in ind.targets}
    level = "goal" if isinstance(owner, Goal) else "objective" if isinstance(owner, Objective) else "task"
    return IndicatorRow(
        no=no, level=level, owner_id=owner.id, owner=tr(owner.title), pointer=pointer,
        code=ind.code, name=tr(ind.name), unit=tr(ind.unit),
        baseline=ind.baseline.value if ind.baseline else None,
        baseline_year=ind.baseline.year if ind.baseline else None,
        baseline_source=tr(ind.baseline.source) if ind.baseline else "",
        targets=tuple(targets.get(y) for y in years),
        final_target=ind.targets[-1].value if ind.targets else None,
        direction=ind.direction, frequency=ind.frequency or "",
        verification=tr(ind.means_of_verification), responsible=tr(ind.responsible),
    )


def _activity_rows(program: Program, tr: Any) -> tuple[ActivityRow, ...]:
    task_titles = {t.id: (g, o, t) for g in program.goals for o in g.objectives for t in o.tasks}
    sources = {s.id: tr(s.name) for s in program.financing.sources}
    rows = []
    for no, act in enumerate(program.activities, 1):
        goal, obj, task = task_titles.get(act.task or "", (None, None, None))
        by_source: dict[str, float] = defaultdict(float)
        for part in act.financing:
            by_source[part.source] += part.amount
        rows.append(ActivityRow(
            no=no, id=act.id, title=tr(act.title), description=tr(act.description),
            goal=tr(goal.title) if goal else "", objective=tr(obj.title) if obj else "",
            task=tr(task.title) if task else "", task_id=act.task or "",
            location=tr(act.location), cost=act.cost.amount,
            years=", ".join(str(y) for y in act.schedule) if act.schedule else "",
            responsible=tr(act.responsible), partners=", ".join(tr(p) for p in act.partners),
            beneficiaries=act.beneficiaries.total, households=act.beneficiaries.households,
            women=act.beneficiaries.women, men=act.beneficiaries.men,
            financing=MappingProxyType(dict(by_source)),
            sources=", ".join(sources.get(s, s) for s in by_source),
            expected_result=tr(act.expected_result), sector=act.sector or "",
        ))
    return tuple(rows)


def _financing(program: Program, methodology: Methodology, tr: Any, years: list[int], registry: Registry,
               language: str) -> dict[str, Any]:
    kinds = registry.codelists_for(methodology).get("funding_source_kind")
    rows = []
    for src in program.financing.sources:
        amounts = {a.year: a.amount for a in src.amounts}
        rows.append(FinancingRow(
            id=src.id, kind=src.kind, name=tr(src.name),
            kind_title=codelist_title(kinds, src.kind, language) if kinds else src.kind,
            amounts=tuple(amounts.get(y) for y in years), total=sum(amounts.values()),
        ))
    per_year = tuple(sum(r.amounts[i] or 0 for r in rows) for i in range(len(years)))
    total_cost = sum(a.cost.amount for a in program.activities)
    return {
        "financing_rows": tuple(rows),
        "financing_totals": FinancingTotals(amounts=per_year, total=sum(per_year)),
        "activities_total_cost": total_cost,
    }


def _matrices(program: Program, tr: Any, years: list[int], total_label: str) -> dict[str, Matrix]:
    """The two tables with a column per year or per source: sources × years, and activities × sources."""
    sources = [(s.id, tr(s.name)) for s in program.financing.sources]
    in_period = set(years)
    by_year = build_matrix(
        sources, [(y, str(y)) for y in years],
        [(s.id, a.year, a.amount) for s in program.financing.sources for a in s.amounts if a.year in in_period],
        total_label=total_label)
    known = {key for key, _ in sources}
    by_source = build_matrix(
        [(a.id, tr(a.title)) for a in program.activities], sources,
        [(a.id, part.source, part.amount) for a in program.activities for part in a.financing
         if part.source in known],
        total_label=total_label)
    return {"financing_matrix": by_year, "activity_source_matrix": by_source}


def _alignment(program: Program, methodology: Methodology, tr: Any, registry: Registry,
               language: str) -> dict[str, Any]:
    """Links to national catalogs, and the coverage summary: which entries the program serves, which none of it does."""
    numbers = reader_numbers(program)
    links = {key: [AlignmentPart(id=owner.id, no=numbers.get(id(owner), ""), title=tr(owner.title),
                                 note=tr(link.note), pointer=pointer) for pointer, owner, link in parts]
             for key, parts in alignment_links(program).items()}
    rows, coverage = [], []
    for catalog_id in methodology.catalogs:
        catalog = registry.catalogs[catalog_id]
        covered = 0
        uncovered = []
        for entry in catalog.entries:
            parts = links.get((catalog_id, entry.code), [])
            if parts:
                covered += 1
                rows.append(AlignmentRow(
                    catalog=catalog_id, catalog_title=catalog_title(catalog, language), code=entry.code,
                    entry=entry_title(catalog, entry, language), status=entry.status, parts=tuple(parts),
                    parts_text="; ".join(f"{p.no} {p.title}".strip() for p in parts)))
            else:
                uncovered.append(UncoveredEntry(code=entry.code, entry=entry_title(catalog, entry, language),
                                                level=entry.level or ""))
        coverage.append(CoverageRow(catalog=catalog_id, title=catalog_title(catalog, language), covered=covered,
                                    total=len(catalog.entries), uncovered=tuple(uncovered)))
    return {"alignment_rows": tuple(rows), "alignment_coverage": tuple(coverage)}
