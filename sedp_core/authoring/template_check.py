"""`sedp templates check`: every template, in every language, against its methodology's sample program."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sedp_core.errors import SedpError
from sedp_core.i18n import N_, Sentence
from sedp_core.registry.collect import Registry, get_registry
from sedp_core.registry.types import DocumentSpec, Methodology
from sedp_core.rendering.context_helpers import label_placeholders, recording_label_uses
from sedp_core.rendering.templates import override_templates

__all__ = ["check_all_templates", "inspect_render", "label_placeholder_problems", "label_use_problems"]


def inspect_render(data: bytes, document: DocumentSpec, language: str) -> list[str]:
    """What is wrong in a rendered document that rendering itself does not catch: a tag or `None`/`nan` left in
    the text, a bordered table whose header row does not repeat on each page, a required heading missing, a
    totals row that is not the sum of the printed lines, a word wider than its table column."""
    from sedp_core.authoring.docx_inspect import (
        leftovers,
        missing_headings,
        tables_without_repeated_header,
        totals_not_adding_up,
        words_wider_than_columns,
    )

    return ([Sentence(N_("left in the text: {text}"), text=p) for p in leftovers(data)]
            + tables_without_repeated_header(data)
            + missing_headings(data, document.heading_texts(language)) + totals_not_adding_up(data)
            + words_wider_than_columns(data))


def label_placeholder_problems(m: Methodology) -> list[str]:
    """Labels whose ``{placeholders}`` differ between languages (a translation lost or renamed one)."""
    problems = []
    for key, texts in m.labels.items():
        found = {lang: label_placeholders(text) for lang, text in texts.items() if isinstance(text, str)}
        if len(set(found.values())) > 1:
            detail = "; ".join(f"{lang} {{{', '.join(sorted(names))}}}" for lang, names in sorted(found.items()))
            problems.append(Sentence(N_("{methodology}: label '{label}' has different placeholders in its languages: "
                                        "{detail}"), methodology=m.key, label=key, detail=detail))
    return problems


def label_use_problems(m: Methodology, uses: Iterable[tuple[str, str, frozenset[str]]]) -> list[str]:
    """Labels filled (`helpers.label`, ``|label``) with other values than their placeholders, in any language
    (the label's ``<key>__<kind>`` variants included)."""
    problems = []
    for key, names in sorted({(k, n) for mkey, k, n in uses if mkey == m.key}, key=lambda u: (u[0], sorted(u[1]))):
        variants = [k for k in m.labels if k == key or k.startswith(f"{key}__")]
        for variant in variants:
            for lang, text in sorted(m.labels[variant].items()):
                wanted = label_placeholders(text)
                if wanted != names:
                    problems.append(Sentence(
                        N_("{methodology}: label '{label}' [{language}] has placeholders {{{wanted}}} but its code "
                           "passes {{{passed}}}"), methodology=m.key, label=variant, language=lang,
                        wanted=", ".join(sorted(wanted)), passed=", ".join(sorted(names))))
    return problems


def check_all_templates(registry: Registry | None = None, template_dir: Path | None = None) -> tuple[list[str], int]:
    """Return the problems found and the number of template/language pairs checked.

    Per pair: the names the template uses must all exist in the context built from the methodology's sample
    program; a trial render (in memory) must succeed, which catches attribute and filter faults; and the trial
    document is inspected (`inspect_render`). Labels' placeholders must agree between languages and with the values
    the plugin's code passes. With `template_dir` (a municipality's own templates), only the documents that folder
    replaces are checked, with its templates; a `.docx` in it that replaces no document is reported.
    """
    from sedp_core.validation.validate import validate_file

    registry = registry or get_registry()
    problems: list[str] = []
    checked = 0
    used: set[Path] = set()
    for m in registry.methodologies.values():
        if template_dir is not None:
            replaced = override_templates(m, template_dir)
            documents = [d for d, old in zip(replaced.documents, m.documents, strict=True)
                         if d.template != old.template]
            if not documents:
                continue
            used |= {d.template for d in documents}
            m = replaced
        else:
            documents = list(m.documents)
            problems += label_placeholder_problems(m)
        if m.sample is None:
            problems.append(Sentence(N_("{methodology}: no sample program, so its templates cannot be checked"),
                                     methodology=m.key))
            continue
        try:
            result = validate_file(m.sample)
        except SedpError as exc:
            problems.append(Sentence(N_("{methodology}: sample program unusable: {error}"), methodology=m.key,
                                     error=exc))
            continue
        if result.program is None:
            problems.append(Sentence(N_("{methodology}: sample program {path} is not valid ({n} errors)"),
                                     methodology=m.key, path=str(m.sample), n=result.report.error_count))
            continue
        # Every template is tried in every language of the methodology, including those the sample has no text
        # in: as a draft, so that a missing text shows as its marked placeholder instead of stopping the check.
        program = result.program.model_copy(update={"status": "draft"})
        with recording_label_uses() as uses:
            found, count = _check_documents(m, documents, program, registry)
        problems += found + label_use_problems(m, uses)
        checked += count
    if template_dir is not None:
        known = sorted({d.id for m in registry.methodologies.values() for d in m.documents})
        for path in sorted(Path(template_dir).glob("*.docx")):
            if path not in used and not path.name.startswith("~$"):  # ~$...: Word's lock file of an open document
                problems.append(Sentence(N_("{path}: replaces no document of an installed methodology (documents: "
                                            "{documents}); name it <document>.docx"), path=str(path),
                                         documents=", ".join(known)))
    return problems, checked


def _check_documents(m: Methodology, documents: list[DocumentSpec], program: Any,
                     registry: Registry) -> tuple[list[str], int]:
    from jinja2 import TemplateError

    from sedp_core.rendering.context import build_context, labels_for
    from sedp_core.rendering.render import _items, _template_class, environment_for, render_to_bytes
    from sedp_core.rendering.templates import open_template

    env = environment_for(registry)
    problems: list[str] = []
    checked = 0
    for doc in documents:
        for lang in doc.languages or m.languages:
            checked += 1
            where = f"{m.key} {doc.id} [{lang}]"
            try:
                # A per-item document is checked with the sample's first item.
                items = _items(program, doc.per) if doc.per else [None]
                if not items:
                    problems.append(Sentence(N_("{where}: the sample has no item in {list} to check the template "
                                                "with"), where=where, list=doc.per))
                    continue
                item, item_no = items[0], (1 if doc.per else None)
                context = build_context(program, m, doc, lang, registry, item, item_no)
                tpl = open_template(doc.template, _template_class())
                try:
                    missing = tpl.get_undeclared_template_variables(jinja_env=env, context=context)
                except TemplateError:  # a broken tag: the trial render below reports it with its surroundings
                    missing = set()
                if missing:
                    problems.append(Sentence(N_("{where}: {template} uses names its context lacks: {names}"),
                                             where=where, template=doc.template.name, names=", ".join(sorted(missing))))
                data = render_to_bytes(program, m, doc, lang, registry, item, item_no)
                problems += [Sentence(N_("{where}: {problem}"), where=where, problem=p)
                             for p in inspect_render(data, doc, lang)]
            except SedpError as exc:
                problems.append(Sentence(N_("{where}: {problem}"), where=where, problem=exc))
            labels = labels_for(m, lang)
            untranslated = [k for k, v in m.labels.items() if lang not in v]
            if untranslated and labels:
                problems.append(Sentence(N_("{where}: labels without text in {language}: {labels}"), where=where,
                                         language=lang, labels=", ".join(untranslated[:10])))
    return problems, checked
