"""`sedp templates check`: every template, in every language, against its methodology's sample program."""

from __future__ import annotations

from .errors import SedpError
from .registry import Registry, get_registry
from .registry_types import DocumentSpec

__all__ = ["check_all_templates", "inspect_render"]


def inspect_render(data: bytes, document: DocumentSpec, language: str) -> list[str]:
    """What is wrong in a rendered document that rendering itself does not catch: a tag or `None`/`nan` left in
    the text, a bordered table whose header row does not repeat on each page, a required heading missing, a
    totals row that is not the sum of the printed lines, a word wider than its table column."""
    from .docx_inspect import (
        leftovers,
        missing_headings,
        tables_without_repeated_header,
        totals_not_adding_up,
        words_wider_than_columns,
    )

    return ([f"left in the text: {p}" for p in leftovers(data)] + tables_without_repeated_header(data)
            + missing_headings(data, document.heading_texts(language)) + totals_not_adding_up(data)
            + words_wider_than_columns(data))


def check_all_templates(registry: Registry | None = None) -> tuple[list[str], int]:
    """Return the problems found and the number of template/language pairs checked.

    Per pair: the names the template uses must all exist in the context built from the methodology's sample
    program; a trial render (in memory) must succeed, which catches attribute and filter faults; and the trial
    document is inspected (`inspect_render`).
    """
    from jinja2 import TemplateError

    from .context import build_context, labels_for
    from .render import _items, _template_class, environment_for, render_to_bytes
    from .templates import open_template
    from .validation import validate_file

    registry = registry or get_registry()
    problems: list[str] = []
    checked = 0
    for m in registry.methodologies.values():
        if m.sample is None:
            problems.append(f"{m.key}: no sample program, so its templates cannot be checked")
            continue
        try:
            result = validate_file(m.sample)
        except SedpError as exc:
            problems.append(f"{m.key}: sample program unusable: {exc}")
            continue
        if result.program is None:
            problems.append(f"{m.key}: sample program {m.sample} is not valid ({result.report.error_count} errors)")
            continue
        env = environment_for(registry)
        # Every template is tried in every language of the methodology, including those the sample has no text
        # in: as a draft, so that a missing text shows as its marked placeholder instead of stopping the check.
        program = result.program.model_copy(update={"status": "draft"})
        for doc in m.documents:
            for lang in doc.languages or m.languages:
                checked += 1
                where = f"{m.key} {doc.id} [{lang}]"
                try:
                    # A per-item document is checked with the sample's first item.
                    items = _items(program, doc.per) if doc.per else [None]
                    if not items:
                        problems.append(f"{where}: the sample has no item in {doc.per} to check the template with")
                        continue
                    item, item_no = items[0], (1 if doc.per else None)
                    context = build_context(program, m, doc, lang, registry, item, item_no)
                    tpl = open_template(doc.template, _template_class())
                    try:
                        missing = tpl.get_undeclared_template_variables(jinja_env=env, context=context)
                    except TemplateError:  # a broken tag: the trial render below reports it with its surroundings
                        missing = set()
                    if missing:
                        problems.append(f"{where}: {doc.template.name} uses names its context lacks: "
                                        + ", ".join(sorted(missing)))
                    data = render_to_bytes(program, m, doc, lang, registry, item, item_no)
                    problems += [f"{where}: {p}" for p in inspect_render(data, doc, lang)]
                except SedpError as exc:
                    problems.append(f"{where}: {exc}")
                labels = labels_for(m, lang)
                untranslated = [k for k, v in m.labels.items() if lang not in v]
                if untranslated and labels:
                    problems.append(f"{where}: labels without text in {lang}: {', '.join(untranslated[:10])}")
    return problems, checked
