"""Rendering Word documents with docxtpl, safely.

- Every value is escaped (autoescape), so `&`, `<`, `>` and quotes come out verbatim; values are rendered once,
  so text that looks like `{{ a tag }}` stays text. Newlines in values (LF, CRLF or CR) become line breaks.
- Templates run in a sandboxed Jinja environment with StrictUndefined: a template cannot reach Python internals,
  files or the environment, and a name the context lacks fails loudly, with the text around the tag.
- Every rendered XML part is parsed strictly before the document is kept: docxtpl's own parse repairs broken XML
  by dropping content silently, so a document that would be damaged is refused instead.
- The file is written atomically.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sedp_core.errors import PluginError, RenderError, TemplateProblem
from sedp_core.i18n import N_
from sedp_core.models import Program
from sedp_core.registry.collect import Registry, get_registry
from sedp_core.registry.types import DocumentSpec, Methodology
from sedp_core.rendering.charts import with_pictures
from sedp_core.rendering.fileio import deterministic_zip, write_atomic

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
    env.concat = _limited_concat
    return env


def _limited_concat(chunks: Any) -> str:
    """Jinja's join of a part's output, within the limits of `_limited_chunks`."""
    return "".join(_limited_chunks(chunks))


def _limited_chunks(chunks: Any) -> Iterator[str]:
    """A part's output, chunk by chunk, refusing output beyond SEDP_MAX_RENDERED_CHARS and renders past their
    time: a template of nested loops (10⁵ × 10⁵) would otherwise run for hours or fill the memory. The streamed
    document part goes through it too."""
    import time

    from sedp_core.input.limits import limits

    limit, deadline = limits().max_rendered_chars, _deadline[0]
    size = 0
    for n, chunk in enumerate(chunks):
        size += len(chunk)
        if size > limit:
            raise TemplateProblem(N_("the template renders to more than {limit:,} characters in one part (a loop "
                                     "that repeats too often?); set SEDP_MAX_RENDERED_CHARS to change the limit"),
                                  params={"limit": limit}, code="template.too-large-output")
        if n % 1024 == 0 and deadline is not None and time.monotonic() > deadline:
            raise _too_slow()
        yield chunk


_deadline: list[float | None] = [None]
"""When the document being rendered must be done (time.monotonic), or None outside a render."""


def _too_slow() -> TemplateProblem:
    from sedp_core.input.limits import limits

    return TemplateProblem(N_("rendering took more than {seconds:,} s and was stopped (a loop that repeats too "
                              "often?); set SEDP_MAX_RENDER_SECONDS to change the limit"),
                           params={"seconds": limits().max_render_seconds}, code="template.too-slow")


@contextlib.contextmanager
def _time_limit() -> Iterator[None]:
    """Stop a render that runs past SEDP_MAX_RENDER_SECONDS: checked as output is produced and, in the main
    thread, by an alarm signal, which also stops loops that produce nothing. An outer alarm that would ring
    sooner (a test's guard) is left alone, and restored after."""
    import signal
    import threading
    import time

    from sedp_core.input.limits import limits

    seconds = limits().max_render_seconds
    start = time.monotonic()
    _deadline[0] = start + seconds if seconds > 0 else None
    use_alarm = (seconds > 0 and hasattr(signal, "setitimer")
                 and threading.current_thread() is threading.main_thread())
    previous_handler: Any = None
    previous_delay = 0.0
    if use_alarm:
        previous_delay = signal.getitimer(signal.ITIMER_REAL)[0]
        use_alarm = not previous_delay or previous_delay > seconds
    if use_alarm:
        def expired(*_: Any) -> None:
            raise _too_slow()

        previous_handler = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        _deadline[0] = None
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler)
            if previous_delay:
                signal.setitimer(signal.ITIMER_REAL, max(previous_delay - (time.monotonic() - start), 0.001))


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

        body_file: Any = None
        """The rendered document part (word/document.xml) as UTF-8, in a temporary file: see `render`."""

        def render(self, context: dict[str, Any], jinja_env: Any = None, autoescape: bool = False) -> None:
            # docxtpl's render, except the document part: docxtpl renders it to one string, copies it five times
            # (regular expressions, replacements), parses it and moves the tree into the template's lxml document
            # (a move that grew 27 × for 5 × the rows of a large table). Here it is rendered as a stream, fixed
            # window by window, checked by an incremental strict parse that keeps no rows, and written to a
            # temporary file that `render_to_bytes` puts into the .docx: memory stays flat however long the tables.
            self.render_init()
            jinja_env.autoescape = autoescape
            self.body_file = _render_part_streamed(self, context, jinja_env)
            for uri in (self.HEADER_URI, self.FOOTER_URI):
                for rel_key, xml in self.build_headers_footers_xml(context, uri, jinja_env):
                    self.map_headers_footers_xml(rel_key, xml)
            self.render_properties(context, jinja_env)
            self.render_footnotes(context, jinja_env)
            self.is_rendered = True

        def save(self, filename: Any, *args: Any, **kwargs: Any) -> None:
            """The .docx with the rendered document part (python-docx would write the template's own), members
            in a fixed order with fixed timestamps (`deterministic_zip`)."""
            buffer = io.BytesIO()
            super().save(buffer, *args, **kwargs)
            replace = {}
            if self.body_file is not None:
                self.body_file.seek(0)
                replace[self.docx._part.partname.lstrip("/")] = self.body_file
            data = deterministic_zip(buffer.getvalue(), replace)
            if hasattr(filename, "write"):
                filename.write(data)
            else:
                Path(filename).write_bytes(data)

        def describe_fault(self, exc: Exception, src_xml: str) -> TemplateProblem:
            code = "template.undefined-name" if isinstance(exc, UndefinedError) else "template.fault"
            return TemplateProblem(_describe(exc, src_xml), location=self.template_name, code=code)

        def render_xml_part(self, src_xml: str, part: Any, context: dict[str, Any], jinja_env: Any = None) -> str:
            try:
                dst_xml = super().render_xml_part(src_xml, part, context, jinja_env)
            except TemplateError as exc:
                raise self.describe_fault(exc, src_xml) from None
            if self.marks is not None:
                dst_xml = self.marks.xml(dst_xml)
            try:
                etree.fromstring(dst_xml.encode("utf-8"), etree.XMLParser(recover=False, resolve_entities=False))
            except etree.XMLSyntaxError as exc:
                raise _broken(part, self.template_name, exc) from None
            return dst_xml

        def fix_tables(self, xml: str) -> Any:
            tree = super().fix_tables(xml)
            _size_matrix_columns(tree)
            return tree
        def resolve_listing(self, xml: str) -> str:
            # docxtpl turns LF in a value into a Word line break; a CR or CRLF (text from Windows, a workbook cell)
            # would stay a raw character inside w:t, which Word shows as a space. All three are line breaks.
            return super().resolve_listing(xml.replace("\r\n", "\n").replace("\r", "\n"))

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
    from sedp_core.rendering.context_rows import MATRIX_MARK

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


_LISTING_CHARS = re.compile("[\t\n\r\a\f]")  # \r: CR and CRLF are line breaks too (resolve_listing)
_NAMESPACE_DECLARATION = re.compile(r'xmlns(?::[\w.-]+)?="[^"]*"')
_DOCPR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")[0-9]*(")')
_WINDOW = 1 << 20  # characters of rendered XML fixed and written at a time
_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _broken(part: Any, template_name: str, exc: Exception) -> RenderError:
    return RenderError(f"the rendered part {part.partname} is not well-formed XML ({exc}); nothing was written",
                       location=template_name, code="render.broken-xml")


def _render_part_streamed(tpl: Any, context: dict[str, Any], env: Any) -> Any:
    """The template's document part rendered into a temporary file (UTF-8, XML declaration first).

    Does, window by window, what docxtpl does to the whole string: undo the line breaks it puts before paragraphs
    (so that template line numbers point at paragraphs), restore escaped braces, turn tabs and newlines in values
    into Word's elements (only in paragraphs that hold one) and number the pictures. Each window ends just after a
    `</w:p>`, where none of these patterns can straddle the cut. A strict incremental parse checks the result
    (docxtpl's own parse repairs broken XML by dropping content) and notes tables whose grid does not match their
    rows, which are then fixed as docxtpl's `fix_tables` does (a loop over cells)."""
    import tempfile

    from docx.oxml.ns import qn
    from jinja2 import TemplateError
    from lxml import etree

    from sedp_core.rendering.context_rows import MATRIX_MARK
    from sedp_core.rendering.typography import keep_hyphens_in_xml, shrink_break_paragraphs

    part = tpl.docx._part
    src_xml = tpl.patch_xml(etree.tostring(tpl.docx._element, encoding="unicode"))
    src_xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
    namespaces = " ".join(_NAMESPACE_DECLARATION.findall(src_xml[:src_xml.index(">")]))
    out = tempfile.TemporaryFile(prefix="sedp-part-")  # noqa: SIM115 - returned open, closed by the caller
    out.write(_XML_DECLARATION)
    checker = _StreamChecker(qn)
    counter = [tpl.docx_ids_index]
    matrix = [False]  # a matrix table seen: its columns are sized in `fix_tables` (`_size_matrix_columns`)

    def number(match: re.Match[str]) -> str:
        counter[0] += 1
        return f"{match.group(1)}{counter[0]}{match.group(2)}"

    def emit(text: str) -> None:
        text = re.sub(r"\n<w:p([ >])", r"<w:p\1", text)
        text = text.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if _LISTING_CHARS.search(text):
            text = tpl.resolve_listing(text)
        if "docPr" in text:
            text = _DOCPR_ID.sub(number, text)
        if tpl.marks is not None:
            text = tpl.marks.xml_fragment(text, namespaces)
        text = keep_hyphens_in_xml(text)  # the body is streamed: `_typeset` sees only headers and footers
        text = shrink_break_paragraphs(text)
        if MATRIX_MARK in text:
            matrix[0] = True
        data = text.encode("utf-8")
        try:
            checker.feed(data)
        except etree.XMLSyntaxError as exc:
            raise _broken(part, tpl.template_name, exc) from None
        out.write(data)

    try:
        tpl.current_rendering_part = part
        pending: list[str] = []
        size = 0
        try:
            for chunk in _limited_chunks(env.from_string(src_xml).generate(context)):
                pending.append(chunk)
                size += len(chunk)
                if size >= _WINDOW:
                    text = "".join(pending)
                    cut = text.rfind("</w:p>") + len("</w:p>")
                    if cut >= len("</w:p>"):
                        emit(text[:cut])
                        text = text[cut:]
                    pending, size = [text], len(text)
        except TemplateError as exc:
            raise tpl.describe_fault(exc, src_xml) from None
        emit("".join(pending))
        try:
            checker.close()
        except etree.XMLSyntaxError as exc:
            raise _broken(part, tpl.template_name, exc) from None
        if checker.tables_to_fix or matrix[0]:
            out.seek(len(_XML_DECLARATION))
            # docxtpl's, on the checked part: rare (a loop over cells, a matrix table to size)
            tree = tpl.fix_tables(out.read())
            out.seek(len(_XML_DECLARATION))
            out.truncate()
            out.write(etree.tostring(tree, encoding="UTF-8"))
        tpl.docx_ids_index = counter[0]
        out.seek(0)
        return out
    except BaseException:
        out.close()
        raise


class _StreamChecker:
    """A strict, incremental parse of a rendered part that drops each table row and top-level paragraph once read
    (so it holds no more than one of them), and counts, per table, grid columns against the cells of its rows."""

    def __init__(self, qn: Any) -> None:
        from lxml import etree

        self._tr, self._tbl, self._tc, self._p = qn("w:tr"), qn("w:tbl"), qn("w:tc"), qn("w:p")
        self._grid_col, self._grid, self._span, self._pr, self._val = (
            qn("w:gridCol"), qn("w:tblGrid"), qn("w:gridSpan"), qn("w:tcPr"), qn("w:val"))
        self._body = qn("w:body")
        self._parser = etree.XMLPullParser(events=("end",), tag=(self._tr, self._tbl, self._p), recover=False,
                                           resolve_entities=False, huge_tree=True)
        self._widest: dict[Any, tuple[int, int]] = {}  # table → (most cells, most spanned columns)
        self.tables_to_fix = 0

    def feed(self, data: bytes) -> None:
        self._parser.feed(data)
        self._read()

    def close(self) -> None:
        self._parser.close()
        self._read()

    def _read(self) -> None:
        for _, element in self._parser.read_events():
            parent = element.getparent()
            if element.tag == self._tr:
                cells = element.findall(self._tc)
                spanned = 0
                for cell in cells:
                    pr = cell.find(self._pr)
                    span = None if pr is None else pr.find(self._span)
                    spanned += int(span.get(self._val)) if span is not None else 1
                most, most_spanned = self._widest.get(parent, (0, 0))
                self._widest[parent] = (max(most, len(cells)), max(most_spanned, spanned))
                if parent is not None:
                    parent.remove(element)
            elif element.tag == self._tbl:
                grid = element.find(self._grid)
                columns = len(grid.findall(self._grid_col)) if grid is not None else 0
                most, most_spanned = self._widest.pop(element, (0, 0))
                if grid is not None and (most > columns or most_spanned < columns):
                    self.tables_to_fix += 1
                if parent is not None and parent.tag == self._body:
                    parent.remove(element)
            elif parent is not None and parent.tag == self._body:
                parent.remove(element)


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
        raise PluginError(N_("a document is declared per item of {pointer!r}, which is not a list of the program"),
                          params={"pointer": pointer}, code="plugin.bad-document")
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
        raise PluginError(N_("document {document!r} is rendered per item of {per}: give the item"),
                          params={"document": document.id, "per": document.per}, code="plugin.bad-document")
    tpl, marks = _render_template(program, methodology, document, language, registry, item, item_no,
                                  pictures=True)
    try:
        if program.status == "approved" and marks.unconfirmed:
            # Validation reports each of them (status.approved-unconfirmed); this keeps any other caller from
            # writing an approved document with a value nobody confirmed.
            raise RenderError(N_("the program is approved but its document relies on values not confirmed: {values}"),
                              params={"values": "; ".join(f"{i.what} [{i.id}]" for i in marks.unconfirmed)},
                              location=str(document.template), code="render.approved-unconfirmed")
        _set_core_properties(tpl.docx.core_properties, program, methodology, document, language)
        _typeset(tpl.docx, language)
        buffer = io.BytesIO()
        tpl.save(buffer)
    finally:
        tpl.body_file.close()
    return buffer.getvalue()


def _render_template(program: Program, methodology: Methodology, document: DocumentSpec, language: str,
                     registry: Registry, item: Any, item_no: int | None, pictures: bool) -> tuple[Any, Any]:
    """The rendered template and the marks of unconfirmed values it printed (`sedp_core.rendering.unconfirmed`)."""
    from sedp_core.rendering.context import build_context
    from sedp_core.rendering.templates import open_template
    from sedp_core.rendering.unconfirmed import DocumentMarks

    context = build_context(program, methodology, document, language, registry, item, item_no)
    env = environment_for(registry)
    tpl = open_template(document.template, _template_class())
    tpl.template_name = str(document.template)
    tpl.marks = marks = DocumentMarks((c.item for c in program.confirmations),
                                      highlight=program.status != "approved")
    if pictures:
        context = with_pictures(context, tpl)
    try:
        with _time_limit():
            tpl.render(context, jinja_env=env, autoescape=True)
    except TemplateProblem as exc:
        exc.location = exc.location or str(document.template)
        raise
    except RenderError:
        raise
    except Exception as exc:  # jinja faults outside parts (properties), docx faults
        raise TemplateProblem(f"{type(exc).__name__}: {exc}", location=str(document.template)) from None
    return tpl, marks


def unconfirmed_in_documents(program: Program, methodology: Methodology,
                             registry: Registry | None = None) -> dict[Any, list[str]]:
    """Every unconfirmed value (`Unconfirmed`) the program's documents print and the program does not confirm,
    with the documents ("id [lang]") that print it. The documents are rendered in memory, without charts."""
    from sedp_core.validation.memo import memo_scope

    registry = registry or get_registry()
    found: dict[Any, list[str]] = {}
    with memo_scope():  # what the documents share is built once (`sedp_core.validation.memo`)
        for job in planned_documents(program, methodology):
            tpl, marks = _render_template(program, methodology, job.document, job.language, registry, job.item,
                                          job.item_no, pictures=False)
            tpl.body_file.close()
            name = f"{job.document.id}" + (f" #{job.item_no}" if job.item_no else "") + f" [{job.language}]"
            for unconfirmed in marks.unconfirmed:
                found.setdefault(unconfirmed, []).append(name)
    return found


def _typeset(docx: Any, language: str) -> None:
    """The document's text tagged with its language (hyphenation, spelling); hyphens of year ranges and place
    names made non-breaking in headers, footers and notes (typography.py; the body, streamed, gets them as it is
    written: `_render_part_streamed`)."""
    from sedp_core.rendering.typography import keep_hyphens, set_language

    set_language(docx.styles.element, language)

    for part in docx.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is not None and re.fullmatch(r"/word/(header\d*|footer\d*|footnotes|endnotes)\.xml",
                                                str(part.partname)):
            keep_hyphens(element)


def _set_core_properties(props: Any, program: Program, methodology: Methodology, document: DocumentSpec,
                         language: str) -> None:
    """Document properties come from the program, never from the clock, so the same input gives the same file."""
    import datetime as dt

    from sedp_core.models import pick_text

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
