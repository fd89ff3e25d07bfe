"""What a plugin's context hook may ask the core for, in the document's language (`helpers` of the hook).

A plugin never needs the registry's internals to word a document: codelist titles, labels (sentences with
``{placeholders}`` filled in), catalog entries, and money, numbers and dates formatted as the document's language
writes them. Each helper is listed with an example in docs/plugin-hooks.md.
"""

from __future__ import annotations

import contextlib
import string
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from typing import Any

from sedp_core.errors import PluginError
from sedp_core.i18n import N_, Term
from sedp_core.registry.collect import Registry
from sedp_core.registry.types import Catalog, CatalogEntry, Methodology
from sedp_core.rendering import formatting
from sedp_core.rendering.context_rows import Matrix, build_matrix
from sedp_core.rendering.unconfirmed import (
    PROGRAM_FILE,
    PROGRAM_TEXT,
    catalog_title,
    codelist_title,
    entry_title,
    text_in,
)

__all__ = ["DocumentHelpers", "label_placeholders", "recording_label_uses"]

KIND_SEPARATOR = "__"

# (methodology key, label key, names of the values given): filled while `sedp templates check` renders.
_LABEL_USES: ContextVar[list[tuple[str, str, frozenset[str]]] | None] = ContextVar("sedp_label_uses", default=None)


def label_placeholders(text: str) -> frozenset[str]:
    """The ``{name}`` placeholders of a label text (``{{`` and ``}}`` are literal braces)."""
    try:
        return frozenset(name.split(".", 1)[0].split("[", 1)[0]
                         for _, name, _, _ in string.Formatter().parse(text) if name)
    except ValueError:  # an unbalanced brace: reported by `sedp templates check` as a malformed label
        return frozenset({"{"})


@contextlib.contextmanager
def recording_label_uses() -> Iterator[list[tuple[str, str, frozenset[str]]]]:
    """Within the block, every `DocumentHelpers.label` call (and ``|label`` filter) is recorded with the names of
    the values it passes, so that `sedp templates check` can compare them with each label's placeholders."""
    uses: list[tuple[str, str, frozenset[str]]] = []
    token = _LABEL_USES.set(uses)
    try:
        yield uses
    finally:
        _LABEL_USES.reset(token)


def fill_label(methodology: Methodology, key: str, language: str, kind: str | None, values: Mapping[str, Any],
               labels: Mapping[str, str]) -> str:
    """Label `key` (the ``<key>__<kind>`` variant first) with its placeholders filled from `values`; `labels` are
    the methodology's labels in `language` as the core gives them (`context.labels_for`: marked where
    unconfirmed or missing in that language)."""
    variant = f"{key}{KIND_SEPARATOR}{kind}" if kind else None
    text = labels.get(variant) if variant else None
    if text is None:
        text = labels.get(key)
    if text is None:
        raise PluginError(N_("methodology {methodology} has no label {key!r}"),
                          params={"methodology": methodology.key, "key": key}, code="plugin.unknown-label")
    recorded = _LABEL_USES.get()
    if recorded is not None:
        recorded.append((methodology.key, key, frozenset(values)))
    if not values and not label_placeholders(text):
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError) as exc:
        raise PluginError(N_("label {key!r} [{language}] of {methodology}: {error} (values given: {values})"),
                          params={"key": key, "language": language, "methodology": methodology.key,
                                  "error": f"{type(exc).__name__}: {exc}",
                                  "values": ", ".join(sorted(values)) or Term(N_("none"))},
                          code="plugin.label-placeholders") from None


class DocumentHelpers:
    """The helper set a plugin's `sedp_document_context` receives as ``helpers``: everything bound to the
    document being rendered (its program, methodology and language).

    Texts follow the core's rules for document text: a text the program or the plugin's data has only in other
    languages is a marked placeholder in the document's language, never another language's text; wording the
    plugin marks unconfirmed (labels, codelist titles, catalog entries) is marked, so that a draft shows it and an
    approved program may not contain it (`sedp_core.rendering.unconfirmed`).
    """

    def __init__(self, program: Any, methodology: Methodology, language: str, registry: Registry,
                 currency_symbol: str, labels: Mapping[str, str]) -> None:
        self.program = program
        self.methodology = methodology
        self.language = language
        """The document's language code."""
        self.currency_symbol = currency_symbol
        """The symbol `money` prints (the methodology's choice, else CLDR's)."""
        self._registry = registry
        self._labels = labels

    # --- texts -----------------------------------------------------------------------------------------------

    def text(self, value: Any) -> str:
        """A program text (one string or ``{lang: text}``) in the document's language; ``""`` for None."""
        return text_in(value, self.language, PROGRAM_TEXT, PROGRAM_FILE) if value is not None else ""

    def label(self, key: str, **values: Any) -> str:
        """The methodology's label `key` in the document's language, its ``{name}`` placeholders filled from
        `values`: ``helpers.label("coverage_line", covered=3, total=12)``. A ``<key>__<kind>`` label, where
        given, words it for the municipality's kind (a town's council, not a village's). An unknown key or a
        placeholder without a value is a `PluginError`; `sedp templates check` compares every label's placeholders
        with the values passed, in every language."""
        kind = getattr(getattr(self.program, "municipality", None), "kind", None)
        return fill_label(self.methodology, key, self.language, kind, values, self._labels)

    def code_title(self, codelist_id: str, code: str | None) -> str:
        """The title of `code` in codelist `codelist_id`, as this methodology prints it; the code itself when the
        list or code is unknown, ``""`` for None."""
        if code is None or code == "":
            return ""
        codelist = self._registry.codelists_for(self.methodology).get(codelist_id)
        if codelist is None or code not in codelist.codes:
            return code
        return codelist_title(codelist, code, self.language)

    def codelist(self, codelist_id: str) -> dict[str, str]:
        """Every code of a codelist with its title (empty when no plugin registers the list)."""
        codelist = self._registry.codelists_for(self.methodology).get(codelist_id)
        return {code: self.code_title(codelist_id, code) for code in (codelist.codes if codelist else {})}

    def catalog(self, catalog_id: str) -> Catalog:
        """A registered national catalog (its `entries`, `title`, `version`...); a `PluginError` if unknown."""
        try:
            return self._registry.catalogs[catalog_id]
        except KeyError:
            raise PluginError(N_("no plugin registers catalog {catalog!r}"), params={"catalog": catalog_id},
                              code="plugin.unknown-catalog") from None

    def catalog_title(self, catalog_id: str) -> str:
        """A catalog's title in the document's language."""
        return catalog_title(self.catalog(catalog_id), self.language)

    def catalog_entry(self, catalog_id: str, code: str) -> CatalogEntry | None:
        """The entry `code` of a catalog (its `title`, `parent`, `level`, `status`), None when it has none."""
        return self.catalog(catalog_id).get(code)

    def entry_title(self, catalog_id: str, code: str) -> str:
        """An entry's title in the document's language, marked while unconfirmed (the code itself for an
        unknown entry)."""
        catalog = self.catalog(catalog_id)
        entry = catalog.get(code)
        return entry_title(catalog, entry, self.language) if entry else code

    # --- numbers and dates -----------------------------------------------------------------------------------

    def number(self, value: float | None, digits: int = 0) -> str:
        """``1234567`` → ``1 234 567`` (ru, ky), ``1,234,567`` (en); a dash for None."""
        return formatting.format_number(value, self.language, digits)

    def money(self, value: float | None, digits: int = 0) -> str:
        """An amount with the program's currency symbol (``1 500 000 сом``); a dash for None."""
        return formatting.format_money(value, self.language, self.currency_symbol, digits)

    def amount(self, value: float | None, digits: int = 0) -> str:
        """An amount without symbol (for a table whose heading names the currency); a dash for None."""
        return formatting.format_money(value, self.language, "", digits)

    def percent(self, value: float | None, digits: int = 0) -> str:
        """``0.254`` → ``25%`` (en), ``25 %`` (ru); a dash for None."""
        return formatting.format_percent(value, self.language, digits)

    def date(self, value: Any, style: str = "long") -> str:
        """A date (``datetime.date`` or ISO text) in the language's ``long``, ``medium`` or ``short`` form."""
        return formatting.format_date(value, self.language, style)

    # --- pictures --------------------------------------------------------------------------------------------

    def picture(self, picture: Any, *, max_width_mm: float, max_height_mm: float | None = None) -> Any:
        """A program's picture (a `models.Picture` field, or None) for the template to print with ``{{ name }}``
        in a paragraph of its own: as wide as `max_width_mm` and `max_height_mm` allow, its proportions kept;
        ``""`` when there is none, so ``{%p if name %}`` leaves its paragraphs out. The file is read and checked
        when the template prints it (`sedp_core.validation.pictures`); print the caption with
        ``text(picture.caption)``."""
        from sedp_core.validation.pictures import PictureRef

        if picture is None:
            return ""
        return PictureRef(picture.path, self.program.folder, max_width_mm, max_height_mm)

    # --- tables ----------------------------------------------------------------------------------------------

    def matrix(self, rows: Sequence[tuple[Hashable, str]], columns: Sequence[tuple[Hashable, str]],
               values: Iterable[tuple[Hashable, Hashable, float | None]] | Mapping[Any, float | None], *,
               total_label: str | None = None) -> Matrix:
        """A table with a column per year, per source...: see `sedp_core.rendering.context_rows.build_matrix`; print it
        with
        `sedp_core.authoring.build.add_matrix_table`."""
        return build_matrix(rows, columns, values, total_label=total_label)
