"""The hooks through which plugins carry a country's methodology. Every hook is prefixed `sedp_`.

Most hooks receive a `register` callback and call it once per item they contribute (the llm/tox style), so a
plugin can contribute any number of items and the core decides how to combine them. Each hook is documented, with
an example, in docs/plugin-hooks.md; a test keeps that page and these signatures in step.
"""

from __future__ import annotations

from typing import Any

import pluggy

__all__ = ["hookimpl", "hookspec"]

hookspec = pluggy.HookspecMarker("sedp")
hookimpl = pluggy.HookimplMarker("sedp")


@hookspec
def sedp_register_methodologies(register: Any) -> None:
    """Register methodologies: call ``register(Methodology(...))`` once per methodology version.

    A methodology binds an id and version to its program model (a pydantic subclass of ``Program``, or its import
    path ``"pkg.models:XxProgram"``, imported on first use), its documents (Word templates), the catalogs it
    aligns with, its codelist uses and its document wording. Called once when the registry is built.
    """


@hookspec
def sedp_register_catalogs(register: Any) -> None:
    """Register national-strategy catalogs: call ``register(Catalog(...))`` once per catalog.

    Program parts link to catalog entries through ``alignment: [{catalog, code}]``; unknown codes are errors.
    """


@hookspec
def sedp_register_codelists(register: Any) -> None:
    """Register codelists: call ``register(Codelist(...))`` once per codelist.

    A codelist with an id that is already registered adds its codes to the existing list (a plugin may extend
    the core's lists, such as ``funding_source_kind``).
    """


@hookspec
def sedp_register_validators(register: Any) -> None:
    """Register rules a schema cannot express: call ``register(rule_id, function, methodologies=None)``.

    ``function(program, context)`` receives a program that passed the schema and a ``ValidationContext``, and
    returns findings. ``methodologies`` is a tuple of methodology ids the rule applies to; ``None`` means all.
    Called once, when the first program is validated (not when plugins are listed).
    """


@hookspec
def sedp_register_template_filters(register: Any) -> None:
    """Register Jinja filters for Word templates: call ``register(name, function)``.

    The filters run inside the sandboxed template environment; they receive plain values. Called once, when the
    first template is prepared.
    """


@hookspec
def sedp_register_readers(register: Any) -> None:
    """Register input readers: call ``register(suffixes, function)``.

    ``function(path)`` returns a ``LoadedData`` (the raw data and, where known, the file location of every JSON
    Pointer). The core registers YAML and JSON readers; a plugin may add others (for example Excel workbooks).
    """


@hookspec
def sedp_register_exporters(register: Any) -> None:
    """Register output formats: call ``register(name, function, description)``.

    ``function(program, methodology, out_path)`` writes the program in that format and returns the list of paths
    it wrote (``sedp export`` prints them).
    """


@hookspec
def sedp_document_context(
    program: Any, methodology: Any, document: Any, language: str, item: Any, core_context: Any, helpers: Any
) -> dict[str, Any] | None:
    """Return names to add to the context of one document, or ``None``.

    ``item`` is the list element a per-item document (``DocumentSpec.per``) is rendered for, else ``None``.
    Called once per rendered document, after the core has built its generic context (program, labels, tables
    flattened into rows...). ``core_context`` is that context, read-only (its rows are the typed classes of
    ``sedp_core.rendering.context_rows``); ``helpers`` is a ``sedp_core.rendering.context_helpers.DocumentHelpers``
    bound to the
    document (codelist titles, labels with placeholders, catalog entries, money, numbers and dates in the
    document's language). Like every argument, both may be left out of an implementation. Every plugin's answer
    is merged; later plugins cannot silently overwrite a name: a clash is a ``PluginError``. Keep country logic
    here, never in templates.

    Validation of an approved program calls it for every document too. What does not depend on the document is
    best built once per program with ``sedp_core.validation.memo.per_program`` (within one validation or
    rendering; docs/plugin-hooks.md); the core shares that way every value of ``core_context`` but ``document``,
    ``item`` and ``item_no``. Shared values and the program are read-only.
    """


@hookspec
def sedp_register_commands(cli: Any) -> None:
    """Add commands to the ``sedp`` command line: ``cli`` is the root ``click.Group``."""


@hookspec
def sedp_compare_lists(program: Any, methodology: Any, language: str, helpers: Any) -> list[Any] | None:
    """Say how `sedp compare`'s change summary names and orders the items of the methodology's lists: return
    ``sedp_core.analysis.compare.ComparedList`` entries (the list's field name, its place, its heading, how an
    item is named in the document), or ``None``.

    Called for each program of the comparison (the old and the new version) and each document language, with a
    ``DocumentHelpers`` bound to that program and language. Without an answer the core orders lists as the model
    does, heads them with the workbook's headings and names items by the documents' numbers and titles.
    """


@hookspec
def sedp_summary_facts(program: Any, methodology: Any) -> dict[str, Any] | None:
    """Return what the regional summary (``sedp summary``) should keep of one valid program, or ``None``.

    Called once per program as it is read, while its model is in memory; the model is dropped afterwards, so keep
    only a few numbers and codes (a national run holds hundreds of these records). Return names of your own
    (prefix them with your methodology's id); every plugin's answer is merged, a clash is a ``PluginError``.
    The record reaches ``sedp_summary_sections`` as ``summary.programs[i].extra``. Example::

        @hookimpl
        def sedp_summary_facts(program, methodology):
            if methodology.id != "xx.plan":
                return None
            return {"xx.funded": sum(p.cost.amount for p in program.proposals if p.status == "approved")}
    """


@hookspec
def sedp_summary_sections(summary: Any, language: str) -> list[Any] | None:
    """Return sections of your methodology to add to the regional summary, in ``language``, or ``None``.

    ``summary`` is a ``sedp_core.analysis.summary.RegionSummary``: ``summary.methodology``, and
    ``summary.programs``, one ``ProgramFacts`` per valid program (``name`` per language, ``extra`` with what your
    ``sedp_summary_facts`` kept). Return ``sedp_core.analysis.summary.SummarySection`` objects: a heading, its
    paragraphs, ``SummaryTable``s and ``BarChart``s in order, and the workbook sheet of its tables. Every word
    must be in ``language`` (your plugin's labels); numbers as numbers (the core formats them). The document
    prints them after the core's sections, the workbook adds a sheet per section. Example::

        @hookimpl
        def sedp_summary_sections(summary, language):
            if summary.methodology.id != "xx.plan":
                return None
            rows = tuple((p.name.get(language, ""), p.extra["xx.funded"]) for p in summary.programs)
            return [SummarySection(heading=LABELS["funded"][language], sheet=LABELS["funded"][language][:31],
                                   parts=(SummaryTable((Column(LABELS["name"][language]),
                                                        Column(LABELS["amount"][language], "number")), rows),))]
    """
