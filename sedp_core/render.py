"""Rendering Word documents with docxtpl, safely.

- Every value is escaped (autoescape), so `&`, `<`, `>` and quotes come out verbatim; values are rendered once,
  so text that looks like `{{ a tag }}` stays text. Newlines in values become line breaks (docxtpl).
- Templates run in a sandboxed Jinja environment with StrictUndefined: a template cannot reach Python internals,
  files or the environment, and a name the context lacks fails loudly, with the text around the tag.
- Every rendered XML part is parsed strictly before the document is kept: docxtpl's own parse repairs broken XML
  by dropping content silently, so a document that would be damaged is refused instead.
- The file is written atomically.
"""

from __future__ import annotations

import functools
import io
import re
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .charts import with_pictures
from .errors import PluginError, RenderError, TemplateProblem
from .fileio import deterministic_zip, write_atomic
from .models import Program
from .registry import Registry, get_registry
from .registry_types import DocumentSpec, Methodology

__all__ = [
    "RenderJob",
    "document_filename",
    "environment_for",
    "make_environment",
    "planned_documents",
    "render_document",
    "render_to_bytes",
    "unconfirmed_in_documents",
]


def make_environment(filters: dict[str, Callable[..., Any]]) -> Any:
    """The sandboxed, strict, autoescaping Jinja environment every template is rendered in.

    It keeps every compiled template: rendering many programs with one Word template compiles its XML once
    (compiling is about half the cost of a render).
    """
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class CachingEnvironment(ImmutableSandboxedEnvironment):  # type: ignore[misc]
        compiled: dict[tuple[str, bool], Any]

        def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            key = (source, bool(self.autoescape))  # an overlay shares the cache but may escape differently
            template = self.compiled.get(key)
            if template is None:
                template = self.compiled[key] = super().from_string(source)
            return template

    env = CachingEnvironment(undefined=StrictUndefined, autoescape=True)
    env.compiled = {}
    env.filters.update(filters)
    return env


def environment_for(registry: Registry) -> Any:
    """The registry's template environment, made once per process."""
    env = registry.cache.get("jinja_environment")
    if env is None:
        env = registry.cache["jinja_environment"] = make_environment(registry.filters)
    return env


def prepare_for_workers(registry: Registry | None = None) -> None:
    """Load, before worker processes are forked, what every worker needs whatever it renders: the methodologies'
    models, the rules, the template environment, docxtpl and matplotlib. Forked workers then share these pages
    with the parent instead of each importing its own copy (plugins now defer these imports to first use)."""
    registry = registry or get_registry()
    for methodology in registry.methodologies.values():
        _ = methodology.model
    _ = registry.validators
    environment_for(registry)
    _template_class()
    import matplotlib.figure  # noqa: F401 - most documents draw a chart


# The string core properties docxtpl renders as templates (the others are not strings in python-docx).
_STRING_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_PROPERTY_LIMIT = 255


def _shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    head = cut.rsplit(" ", 1)[0] if " " in cut[limit // 2:] else cut
    return head.rstrip() + "…"


@functools.cache  # one class per process: it is built on every render otherwise
def _template_class() -> type:
    from docxtpl import DocxTemplate
    from jinja2 import Environment, TemplateError, UndefinedError
    from lxml import etree

    class CheckedDocxTemplate(DocxTemplate):  # type: ignore[misc]
        """A DocxTemplate that refuses broken XML and reports template faults with their surroundings."""

        template_name = ""
        marks: Any = None
        """The `DocumentMarks` of this render: unconfirmed values found in the parts (None: left as they are)."""

        def patch_xml(self, src_xml: str) -> str:
            # A pure function of the part's XML, which is the same for every render of one template.
            return _patched(src_xml)

        def render_xml_part(self, src_xml: str, part: Any, context: dict[str, Any], jinja_env: Any = None) -> str:
            try:
                dst_xml = super().render_xml_part(src_xml, part, context, jinja_env)
            except TemplateError as exc:
                code = "template.undefined-name" if isinstance(exc, UndefinedError) else "template.fault"
                raise TemplateProblem(_describe(exc, src_xml), location=self.template_name, code=code) from None
            if self.marks is not None:
                dst_xml = self.marks.xml(dst_xml)
            try:
                etree.fromstring(dst_xml.encode("utf-8"), etree.XMLParser(recover=False, resolve_entities=False))
            except etree.XMLSyntaxError as exc:
                raise RenderError(
                    f"the rendered part {part.partname} is not well-formed XML ({exc}); nothing was written",
                    location=self.template_name,
                    code="render.broken-xml",
                ) from None
            return dst_xml

        def fix_tables(self, xml: str) -> Any:
            tree = super().fix_tables(xml)
            _size_matrix_columns(tree)
            return tree

        def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
            # Core properties are plain strings that python-docx escapes itself: escaping here would double it.
            plain = (jinja_env or Environment()).overlay(autoescape=False)
            props = self.docx.core_properties
            for name in _STRING_PROPERTIES:
                rendered = plain.from_string(getattr(props, name)).render(context)
                if self.marks is not None:
                    rendered = self.marks.text(rendered)
                # The file format caps a property at 255 characters; a long title stays whole in the body.
                setattr(props, name, _shorten(rendered, _PROPERTY_LIMIT))

    return CheckedDocxTemplate


def _size_matrix_columns(tree: Any) -> None:
    """Give a matrix table's repeated columns (a column per year, per source: `authoring.add_matrix_table`) their
    share of the width once their number is known, keeping the heading and totals columns as built.

    docxtpl spreads added columns evenly over the whole table, which would squeeze the heading column."""
    from .context_rows import MATRIX_MARK

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for description in list(tree.iter(f"{w}tblDescription")):
        mark = description.get(f"{w}val", "").split()
        if not mark or mark[0] != MATRIX_MARK:
            continue
        label, total, width = (int(x) for x in mark[1:4])
        table = description.getparent().getparent()
        description.getparent().remove(description)  # an internal mark, not alt text for readers
        rows = table.findall(f"{w}tr")
        cells = max((len(r.findall(f"{w}tc")) for r in rows), default=0)
        repeated = cells - 1 - (1 if total else 0)
        share = (width - label - total) // repeated if repeated > 0 else 0
        widths = [label] + [share] * max(repeated, 0) + ([total] if total else [])
        grid = table.find(f"{w}tblGrid")
        for col in grid.findall(f"{w}gridCol"):
            grid.remove(col)
        for value in widths:
            grid.append(grid.makeelement(f"{w}gridCol", {f"{w}w": str(value)}))
        for row in rows:
            for cell, value in zip(row.findall(f"{w}tc"), widths, strict=False):
                tcw = cell.find(f"{w}tcPr/{w}tcW")
                if tcw is not None:
                    tcw.set(f"{w}w", str(value))
                    tcw.set(f"{w}type", "dxa")


@functools.lru_cache(maxsize=64)
def _patched(src_xml: str) -> str:
    from docxtpl import DocxTemplate

    return DocxTemplate.patch_xml(None, src_xml)  # type: ignore[arg-type]  # patch_xml does not use self


def _describe(exc: Exception, src_xml: str) -> str:
    """A template fault as a user can act on it: the message and the document text around the tag."""
    lineno = getattr(exc, "lineno", None)
    if lineno is None:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
        lineno = frames[-1].lineno if frames else None
    message = str(exc)
    if lineno:
        lines = src_xml.splitlines()[max(lineno - 2, 0): lineno + 1]
        around = " ".join(re.sub(r"<[^>]+>", "", line).strip() for line in lines).strip()
        if around:
            message += f"; near: «{around[:200]}»"
    return message


@dataclass(frozen=True)
class RenderJob:
    """One document to render: a methodology document in one language, for one list item if it is per item."""

    document: DocumentSpec
    language: str
    item: Any = None
    item_no: int | None = None

    @property
    def item_key(self) -> str | None:
        if self.item_no is None:
            return None
        key = getattr(self.item, "id", None) or getattr(self.item, "code", None) or str(self.item_no)
        return re.sub(r"[^A-Za-z0-9._-]+", "-", str(key))


def _items(program: Program, pointer: str) -> list[Any]:
    value: Any = program
    for part in pointer.strip("/").split("/"):
        value = getattr(value, part, None)
    if not isinstance(value, list):
        raise PluginError(f"a document is declared per item of {pointer!r}, which is not a list of the program",
                          code="plugin.bad-document")
    return value


def planned_documents(program: Program, methodology: Methodology, document_ids: Sequence[str] = (),
                      languages: Sequence[str] = ()) -> list[RenderJob]:
    """Every document the program's methodology produces: per document, per language, per item where `per` is
    set; limited to `document_ids` and `languages` when they are given."""
    jobs = []
    for doc in methodology.documents:
        if document_ids and doc.id not in document_ids:
            continue
        for lang in program.languages:
            if (languages and lang not in languages) or (doc.languages and lang not in doc.languages):
                continue
            if doc.per is None:
                jobs.append(RenderJob(doc, lang))
            else:
                jobs += [RenderJob(doc, lang, item, no) for no, item in enumerate(_items(program, doc.per), 1)]
    return jobs


def document_filename(program: Program, document: DocumentSpec, language: str, item_key: str | None = None) -> str:
    middle = f"{document.id}_{item_key}" if item_key else document.id
    return f"{program.id}_{middle}_{language}.docx"


def render_to_bytes(
    program: Program,
    methodology: Methodology,
    document: DocumentSpec,
    language: str,
    registry: Registry | None = None,
    item: Any = None,
    item_no: int | None = None,
) -> bytes:
    """Render one document in one language (for one item, if the document is per item) and return the bytes."""
    registry = registry or get_registry()
    if document.per is not None and item_no is None:
        raise PluginError(f"document {document.id!r} is rendered per item of {document.per}: give the item",
                          code="plugin.bad-document")
    tpl, marks = _render_template(program, methodology, document, language, registry, item, item_no,
                                  pictures=True)
    if program.status == "approved" and marks.unconfirmed:
        # Validation reports each of them (status.approved-unconfirmed); this keeps any other caller from
        # writing an approved document with a value nobody confirmed.
        raise RenderError("the program is approved but its document relies on values not confirmed: "
                          + "; ".join(f"{i.what} [{i.id}]" for i in marks.unconfirmed),
                          location=str(document.template), code="render.approved-unconfirmed")
    _set_core_properties(tpl.docx.core_properties, program, methodology, document, language)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return deterministic_zip(buffer.getvalue())


def _render_template(program: Program, methodology: Methodology, document: DocumentSpec, language: str,
                     registry: Registry, item: Any, item_no: int | None, pictures: bool) -> tuple[Any, Any]:
    """The rendered template and the marks of unconfirmed values it printed (`sedp_core.unconfirmed`)."""
    from .context import build_context
    from .templates import open_template
    from .unconfirmed import DocumentMarks

    context = build_context(program, methodology, document, language, registry, item, item_no)
    env = environment_for(registry)
    tpl = open_template(document.template, _template_class())
    tpl.template_name = str(document.template)
    tpl.marks = marks = DocumentMarks((c.item for c in program.confirmations),
                                      highlight=program.status != "approved")
    if pictures:
        context = with_pictures(context, tpl)
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except (TemplateProblem, RenderError):
        raise
    except Exception as exc:  # jinja faults outside parts (properties), docx faults
        raise TemplateProblem(f"{type(exc).__name__}: {exc}", location=str(document.template)) from None
    return tpl, marks


def unconfirmed_in_documents(program: Program, methodology: Methodology,
                             registry: Registry | None = None) -> dict[Any, list[str]]:
    """Every unconfirmed value (`Unconfirmed`) the program's documents print and the program does not confirm,
    with the documents ("id [lang]") that print it. The documents are rendered in memory, without charts."""
    registry = registry or get_registry()
    found: dict[Any, list[str]] = {}
    for job in planned_documents(program, methodology):
        _, marks = _render_template(program, methodology, job.document, job.language, registry, job.item,
                                    job.item_no, pictures=False)
        name = f"{job.document.id}" + (f" #{job.item_no}" if job.item_no else "") + f" [{job.language}]"
        for unconfirmed in marks.unconfirmed:
            found.setdefault(unconfirmed, []).append(name)
    return found


def _set_core_properties(props: Any, program: Program, methodology: Methodology, document: DocumentSpec,
                         language: str) -> None:
    """Document properties come from the program, never from the clock, so the same input gives the same file."""
    import datetime as dt

    from .models import pick_text

    when = program.approval.date if program.approval and program.approval.date else None
    stamp = dt.datetime.combine(when or dt.date(program.period.start_year, 1, 1), dt.time())
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.identifier = _shorten(f"{program.id}/{document.id}/{language}", _PROPERTY_LIMIT)
    props.language = language
    props.subject = _shorten(pick_text(dict(methodology.title), language, ("en",)), _PROPERTY_LIMIT)
    props.last_modified_by = "sedp"


def render_document(
    program: Program,
    methodology: Methodology,
    document: DocumentSpec,
    language: str,
    out_dir: Path,
    registry: Registry | None = None,
    item: Any = None,
    item_no: int | None = None,
) -> Path:
    """Render one document into `out_dir`; nothing is written when rendering fails."""
    data = render_to_bytes(program, methodology, document, language, registry, item, item_no)
    key = RenderJob(document, language, item, item_no).item_key
    path = Path(out_dir) / document_filename(program, document, language, key)
    write_atomic(path, data)
    return path
