"""Values not yet confirmed: marked where they enter a document, highlighted in drafts, refused when approved.

Plugin data keeps facts no source confirms (a label's wording, a codelist title, a catalog entry, a legal article)
marked ``status: to confirm``. Wherever such a value becomes document text, the plugin or the core wraps it with
`mark` (or takes it through `label_texts`, `codelist_title`, `entry_title`, `field_or_default`). The mark is three
invisible characters that survive ``str.format``, concatenation and case changes; after each XML part of a
document is rendered, `DocumentMarks` finds them:

- in a ``draft`` program the marked text is printed highlighted (yellow, dotted underline), so a reviewer sees
  every unconfirmed word;
- a value the program confirms (its ``confirmations`` list names the item) prints as plain text;
- in an ``approved`` program an unconfirmed value is never printed: validation reports each one as an error
  (``status.approved-unconfirmed``: what, where it comes from, how to confirm it) and rendering refuses.

A text a document needs in its language but that exists only in another language is handled the same way: a
marked placeholder in the document's language (`text_in`), never the other language's text.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sedp_core.i18n import N_, Term

__all__ = [
    "CONFIRMED",
    "TO_CONFIRM",
    "DocumentMarks",
    "Unconfirmed",
    "catalog_title",
    "codelist_title",
    "entry_title",
    "field_or_default",
    "found_in",
    "is_unconfirmed",
    "label_texts",
    "mark",
    "mark_start",
    "plain",
    "text_in",
]

TO_CONFIRM = "to confirm"
CONFIRMED = "confirmed"
_CONFIRMED_STATUSES = frozenset({CONFIRMED, "sourced", ""})

# Private-use characters: start, end of the item number, end of the marked text. Digits survive upper().
_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
_TOKEN = re.compile(f"{_OPEN}(\\d+){_SEP}|{_CLOSE}")
_OPENING = re.compile(f"{_OPEN}\\d+{_SEP}")
_ANY_MARK = re.compile(f"{_OPEN}\\d*{_SEP}?|{_SEP}|{_CLOSE}")
# A paragraph of serialized WordprocessingML holding no other paragraph (a text box's would be resolved alone).
_PARAGRAPH = re.compile(r"<w:p[ >](?:(?!<w:p[ >]).)*?</w:p>", re.S)


@dataclass(frozen=True)
class Unconfirmed:
    """One value whose wording or content nobody has confirmed yet.

    Example: ``Unconfirmed("label:res_preamble", what="wording of label 'res_preamble' (kg.aa@2018)",
    source="sedp_xx: data/labels.yaml", how="check it against the law's official text, then remove
    `status: to confirm` from the label")``.
    """

    id: str
    """Stable and unique, ``<kind>:<name>``: ``label:<key>``, ``codelist:<list>/<code>``,
    ``catalog:<catalog>/<code>``, ``data:<plugin>/<name>``, ``field:<pointer>``, ``missing:<lang>:<text>``."""
    what: str | Term
    """What it is, for the reviewer: a `Term` of the core's catalog reaches the officer in their language (a plain
    string, as plugins give it today, stays as it is)."""
    source: str | Term
    """Where the value comes from: the plugin and its data file, or the program field."""
    how: str | Term
    """How to confirm it: the plugin data to change, or the program field to fill."""
    field: str | None = None
    """JSON Pointer of the program field that, when filled, replaces the value (municipal confirmation)."""


_ITEMS: list[Unconfirmed] = []
_INDEX: dict[Unconfirmed, int] = {}


def _number(item: Unconfirmed) -> int:
    n = _INDEX.get(item)
    if n is None:
        n = _INDEX[item] = len(_ITEMS)
        _ITEMS.append(item)
    return n


def is_unconfirmed(status: object) -> bool:
    """True for a data status that is not 'confirmed' (or 'sourced'); None and '' count as confirmed."""
    return str(status or "").strip().lower() not in _CONFIRMED_STATUSES


def mark(text: str, item: Unconfirmed | None) -> str:
    """`text` marked as relying on `item` (unchanged when `item` is None or the text is empty)."""
    if item is None or not text:
        return text
    return f"{_OPEN}{_number(item)}{_SEP}{text}{_CLOSE}"


def mark_start(text: str) -> int:
    """Where the words of `text` begin: after the opening of a mark when it starts with one, else 0."""
    found = _OPENING.match(text)
    return found.end() if found else 0


def plain(text: str) -> str:
    """`text` without any mark (for file names, document properties, chart labels, width checks)."""
    return _ANY_MARK.sub("", text) if _OPEN in text or _CLOSE in text or _SEP in text else text


def found_in(value: Any) -> list[Unconfirmed]:
    """The items marked anywhere in a string, or in the strings of nested dicts, lists and tuples."""
    found: dict[Unconfirmed, None] = {}
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if _OPEN in v:
                for m in _TOKEN.finditer(v):
                    if m.group(1) is not None:
                        found[_ITEMS[int(m.group(1))]] = None
        elif isinstance(v, Mapping):
            stack.extend(v.values())
        elif isinstance(v, list | tuple):
            stack.extend(v)
    return list(found)


# --- helpers plugins and the core call where plugin data becomes document text ---------------------------

def label_texts(labels: Mapping[str, Mapping[str, str]], language: str, unconfirmed: Mapping[str, str],
                owner: str, source: str) -> dict[str, str]:
    """Every label in `language`, the unconfirmed ones marked; a label without text in `language` is a marked
    placeholder (`text_in`). `unconfirmed`: label key → why (a note for the reviewer); `owner`: the methodology
    key; `source`: the plugin data file."""
    out = {}
    for key, texts in labels.items():
        text = text_in(texts, language, Term(N_("label '{key}' of {owner}"), key=key, owner=owner), source,
                       f"label:{owner}/{key}")
        if key in unconfirmed:
            text = mark(text, Unconfirmed(
                f"label:{owner}/{key}", _noted(Term(N_("wording of label '{key}' ({owner})"), key=key, owner=owner),
                                               unconfirmed[key]),
                source, Term(N_("check the wording against the official text, then mark label '{key}' confirmed "
                                "(remove its 'status: to confirm')"), key=key)))
        out[key] = text
    return out


def codelist_title(codelist: Any, code: str, language: str, titles: Mapping[str, str] | None = None) -> str:
    """The title of `code` in `codelist` (a `Codelist`), marked when the codelist says it is unconfirmed.

    `titles` are the code's titles per language when the caller already merged them (per methodology)."""
    texts = titles if titles is not None else codelist.codes.get(code, {})
    where = f"codelist {codelist.id}"
    what = Term(N_("title of code '{code}' of codelist {codelist}"), code=code, codelist=codelist.id)
    text = text_in(texts, language, what, codelist.source or where, f"codelist:{codelist.id}/{code}")
    note = codelist.unconfirmed.get(code) if codelist.unconfirmed else None
    languages = codelist.unconfirmed_in.get(code) if codelist.unconfirmed_in else None
    if note is None or (languages is not None and language not in languages):
        return text
    return mark(text, Unconfirmed(
        f"codelist:{codelist.id}/{code}", _noted(what, note), codelist.source or where,
        Term(N_("check the title against the official text, then mark code '{code}' of codelist {codelist} "
                "confirmed"), code=code, codelist=codelist.id)))


def entry_title(catalog: Any, entry: Any, language: str) -> str:
    """A catalog entry's title in `language`, marked when the entry (or its text in that language) is unconfirmed."""
    where = f"catalog {catalog.id}"
    source = getattr(catalog, "data_file", None) or where
    text = text_in(entry.title, language, Term(N_("entry '{code}' of catalog {catalog}"), code=entry.code,
                                               catalog=catalog.id), source, f"catalog:{catalog.id}/{entry.code}")
    status = entry.language_status.get(language, entry.status) if entry.language_status else entry.status
    if not is_unconfirmed(status):
        return text
    return mark(text, Unconfirmed(
        f"catalog:{catalog.id}/{entry.code}/{language}",
        Term(N_("{language} title of entry '{code}' of catalog {catalog}"), language=language, code=entry.code,
             catalog=catalog.id),
        source, Term(N_("check the {language} title against the official text of the national document, then mark "
                        "the entry confirmed in {source}"), language=language, source=source)))


def catalog_title(catalog: Any, language: str) -> str:
    """A catalog's title in `language`, marked when the catalog says it is unconfirmed."""
    source = getattr(catalog, "data_file", None) or f"catalog {catalog.id}"
    what = Term(N_("title of catalog {catalog}"), catalog=catalog.id)
    text = text_in(catalog.title, language, what, source, f"catalog:{catalog.id}")
    if not is_unconfirmed(catalog.status):
        return text
    return mark(text, Unconfirmed(f"catalog:{catalog.id}/title", what, source,
                                  Term(N_("check it against the official document, then mark the catalog confirmed "
                                          "in {source}"), source=source)))


def field_or_default(value: str | None, default: str, pointer: str, what: str | Term, source: str) -> str:
    """A value the municipality confirms by filling a program field: the field's text when filled, else the
    plugin's default, marked as a draft value (validation of an approved program then asks for the field)."""
    if value:
        return value
    return mark(default, Unconfirmed(f"field:{pointer}", what, source,
                                     Term(N_("fill the program field {pointer}"), pointer=pointer), field=pointer))


def _noted(what: Term, note: str | None) -> str | Term:
    """`what` with the plugin data's note for the reviewer (in the plugin's words), when it has one."""
    return Term(N_("{what}: {note}"), what=what, note=note) if note else what


# Placeholders in the document's language for a text that exists only in other languages; languages without
# one here get the English one, marked too. [ky, mn wording to confirm by a native speaker]
PROGRAM_TEXT = Term(N_("a text of the program"))
PROGRAM_FILE = Term(N_("the program file"))
_MISSING = {
    "en": "[text missing in English]",
    "ru": "[текст на русском языке не заполнен]",
    "ky": "[кыргыз тилиндеги тексти толтурулган эмес]",
    "mn": "[монгол хэл дээрх бичвэр бөглөгдөөгүй]",
    "tg": "[матн ба забони тоҷикӣ пур карда нашудааст]",
}


def text_in(texts: Mapping[str, str] | str | None, language: str, what: str | Term, source: str | Term,
            key: str | None = None, pointer: str | None = None) -> str:
    """The text in `language`; when it exists only in other languages, a marked placeholder in `language`
    (never the other language's text). A plain string is language-neutral and returned as it is."""
    if texts is None:
        return ""
    if isinstance(texts, str):
        return texts
    text = texts.get(language)
    if text:
        return str(text)
    others = {k: v for k, v in texts.items() if v and len(k) in (2, 3) and k not in ("src",)}
    if not others:
        return ""
    sample = plain(str(next(iter(others.values()))))
    params = {"what": what, "language": language, "sample": sample[:60], "languages": ", ".join(others)}
    if pointer:
        missing = Term(N_("{what} at {pointer} has no {language} text (it reads «{sample}» in {languages})"),
                       pointer=pointer, **params)
        how = Term(N_("add its {language} text at {pointer}"), language=language, pointer=pointer)
    else:
        missing = Term(N_("{what} has no {language} text (it reads «{sample}» in {languages})"), **params)
        how = Term(N_("add its {language} text in {source}"), language=language, source=source)
    item = Unconfirmed(f"missing:{language}:{key or sample[:60]}", missing, source, how, field=pointer)
    return mark(_MISSING.get(language, _MISSING["en"]), item)


# --- finding the marks in a rendered document -----------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# rPr children in the schema's order (CT_RPr): a highlight and an underline must sit in their place.
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
              "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
              "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")


class DocumentMarks:
    """The marks of one rendered document: which items it relies on, and the XML with the marks resolved.

    `confirmed` are the item ids the program confirms (printed plain); the others are highlighted in the XML
    (`highlight=True`, drafts) or only collected (approved programs: rendering then refuses)."""

    def __init__(self, confirmed: Iterable[str] = (), highlight: bool = True) -> None:
        confirmed = set(confirmed)
        self.confirmed = frozenset(c for c in confirmed if "*" not in c)
        self.patterns = tuple(c for c in confirmed if "*" in c)
        self.highlight = highlight
        self.used: dict[Unconfirmed, None] = {}
        self._seen: dict[str, bool] = {}

    @property
    def unconfirmed(self) -> list[Unconfirmed]:
        """The items the document prints that the program does not confirm, in order of appearance."""
        return [i for i in self.used if not self.is_confirmed(i)]

    def is_confirmed(self, item: Unconfirmed) -> bool:
        """Whether the program confirms `item`: its id is listed, or matches a listed pattern (``*`` stands for
        any text: ``label:kg.aa@2018/*``). A text missing in a language is never confirmed this way: it must be
        written. A catalog entry is confirmed per language (``catalog:c/code/ky``) or whole (``catalog:c/code``)."""
        known = self._seen.get(item.id)
        if known is None:
            ids = (item.id, item.id.rsplit("/", 1)[0]) if item.id.startswith("catalog:") else (item.id,)
            known = not item.id.startswith("missing:") and any(
                i in self.confirmed or any(fnmatch.fnmatchcase(i, p) for p in self.patterns) for i in ids)
            self._seen[item.id] = known
        return known

    def text(self, value: str) -> str:
        """A plain string (a document property): the marks removed, the items recorded."""
        for item in found_in(value):
            self.used[item] = None
        return plain(value)

    def xml(self, xml: str) -> str:
        """A rendered XML part with its marks resolved (fast when it has none)."""
        if _OPEN not in xml and _CLOSE not in xml:
            return xml
        from lxml import etree

        root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(recover=False, resolve_entities=False,
                                                                        huge_tree=True))
        stack: list[bool] = []  # per open mark: is it unconfirmed?
        for run in list(root.iter(f"{{{_W}}}r")):
            if not stack and not any(_OPEN in (t.text or "") or _CLOSE in (t.text or "")
                                     for t in run.iter(f"{{{_W}}}t")):
                continue
            self._split_run(run, stack)
        out = etree.tostring(root, encoding="unicode")
        if not xml.lstrip().startswith("<?xml"):
            return plain(out)
        return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + plain(out)

    def xml_fragment(self, fragment: str, namespaces: str) -> str:
        """`xml` for whole paragraphs cut from a part the renderer streams (`render._render_part_streamed`):
        each paragraph that holds a mark is resolved on its own, inside a wrapper declaring the part's
        `namespaces` (its root's ``xmlns`` attributes)."""
        if _OPEN not in fragment and _CLOSE not in fragment:
            return fragment

        def resolve(match: re.Match[str]) -> str:
            paragraph = match.group(0)
            if _OPEN not in paragraph and _CLOSE not in paragraph:
                return paragraph
            out = self.xml(f"<sedp-fragment {namespaces}>{paragraph}</sedp-fragment>")
            return out[out.index(">") + 1:out.rindex("</sedp-fragment>")]

        return plain(_PARAGRAPH.sub(resolve, fragment))

    def _split_run(self, run: Any, stack: list[bool]) -> None:
        """Replace `run` by runs of one state each: highlighted where an unconfirmed mark is open."""
        from copy import deepcopy

        from lxml import etree

        rpr = run.find(f"{{{_W}}}rPr")
        pieces: list[tuple[bool, Any]] = []  # (highlighted, element)
        for child in list(run):
            if child is rpr:
                continue
            if child.tag != f"{{{_W}}}t":
                pieces.append((any(stack), child))
                continue
            text, pos = child.text or "", 0
            for m in _TOKEN.finditer(text):
                if m.start() > pos:
                    pieces.append((any(stack), _t(text[pos:m.start()])))
                if m.group(1) is not None:
                    item = _ITEMS[int(m.group(1))]
                    self.used[item] = None
                    stack.append(not self.is_confirmed(item))
                elif stack:
                    stack.pop()
                pos = m.end()
            if pos < len(text):
                pieces.append((any(stack), _t(text[pos:])))
        parent = run.getparent()
        at = parent.index(run)
        parent.remove(run)
        groups: list[tuple[bool, list[Any]]] = []
        for state, element in pieces:
            state = state and self.highlight
            if groups and groups[-1][0] == state:
                groups[-1][1].append(element)
            else:
                groups.append((state, [element]))
        for state, elements in groups:
            new = etree.Element(f"{{{_W}}}r")
            new_rpr = deepcopy(rpr) if rpr is not None else None
            if state:
                new_rpr = new_rpr if new_rpr is not None else etree.Element(f"{{{_W}}}rPr")
                _set_rpr(new_rpr, "highlight", "yellow")
                _set_rpr(new_rpr, "u", "dotted")
            if new_rpr is not None:
                new.append(new_rpr)
            for element in elements:
                new.append(element)
            parent.insert(at, new)
            at += 1


def _t(text: str) -> Any:
    from lxml import etree

    t = etree.Element(f"{{{_W}}}t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


def _set_rpr(rpr: Any, name: str, value: str) -> None:
    """Set ``<w:name w:val=value/>`` in a run's properties, in the schema's order."""
    from lxml import etree

    tag = f"{{{_W}}}{name}"
    old = rpr.find(tag)
    if old is not None:
        rpr.remove(old)
    element = etree.Element(tag)
    element.set(f"{{{_W}}}val", value)
    rank = _RPR_ORDER.index(name)
    for i, child in enumerate(rpr):
        local = etree.QName(child).localname
        if local in _RPR_ORDER and _RPR_ORDER.index(local) > rank:
            rpr.insert(i, element)
            return
    rpr.append(element)
