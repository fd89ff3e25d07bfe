"""What plugins register: methodologies, their documents, catalogs and codelists.

What a validator receives (`ValidationContext`) is in `sedp_core.validation.context`.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sedp_core.models import Program

__all__ = [
    "Catalog",
    "CatalogEntry",
    "Codelist",
    "CodelistUse",
    "DocumentSpec",
    "Methodology",
    "PluginInfo",
]

LocalText = Mapping[str, str]
"""Text per language code, e.g. {"en": "Goals", "mn": "Зорилго"}."""


@dataclass(frozen=True)
class PluginInfo:
    """What a plugin says about itself, as the module attribute ``SEDP_PLUGIN_INFO``.

    The core reads it before registering the plugin: a plugin whose ``core`` specifier (PEP 440, e.g.
    ``">=0.1,<0.2"``) does not admit the running sedp core is reported and skipped.
    """

    name: LocalText
    description: LocalText = field(default_factory=dict)
    core: str = ""
    """Compatible sedp core versions; empty means any."""
    country: str | None = None
    """ISO 3166-1 alpha-2 code of the country the methodology is for, if any."""
    documentation: str | None = None


@dataclass(frozen=True)
class DocumentSpec:
    """A document a methodology produces: one Word template, rendered once per language."""

    id: str
    title: LocalText
    template: Path
    languages: tuple[str, ...] = ()
    """Languages the template is written for; empty means every language of the methodology."""
    description: LocalText = field(default_factory=dict)
    per: str | None = None
    """A JSON Pointer to a list of the program (e.g. ``/meetings``): the document is then rendered once per item,
    the template gets ``item`` (the element) and ``item_no`` (1-based), and the file name ends with the item's
    ``id`` (or its number). ``None``: one document per program and language."""
    headings: tuple[LocalText, ...] = ()
    """The section headings the methodology requires in this document, each with its text per language (as the
    document prints it, e.g. from the labels). `sedp templates check` and the test suite check that every
    rendered document has each of them as a heading; empty: nothing is checked."""

    def heading_texts(self, language: str) -> list[str]:
        """The required headings in `language`, with the labels' fallback (English, then any text given)."""
        return [h.get(language) or h.get("en") or next(iter(h.values()), "") for h in self.headings]


@dataclass(frozen=True)
class CodelistUse:
    """Says that a field (a JSON Pointer pattern with `*` for array items) must hold a code of a codelist."""

    pointer: str
    codelist: str


@dataclass(frozen=True)
class Methodology:
    """A country's methodology, in one version.

    `program_model` is the pydantic class of a program under this methodology (a subclass of
    `sedp_core.models.Program`), or its import path (``"my_plugin.models:XxProgram"``) so that commands that only
    list methodologies (`sedp plugins`) need not import pydantic; read the class as `model`. `labels` holds
    document wording per language, kept as data so that experts can change it; it reaches templates as `labels`.
    """

    id: str
    version: str
    title: LocalText
    languages: tuple[str, ...]
    program_model: type[Program] | str
    documents: tuple[DocumentSpec, ...] = ()
    catalogs: tuple[str, ...] = ()
    codelist_uses: tuple[CodelistUse, ...] = ()
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    unconfirmed_labels: Mapping[str, str] = field(default_factory=dict)
    """Label key → a note for the reviewer, for every label whose wording no source confirms (``status: to
    confirm`` in the plugin's data). Documents print them highlighted in drafts; an approved program whose
    documents print one is a validation error until the label is confirmed or the program confirms it."""
    labels_source: str = ""
    """Where the labels live (``"sedp_xx: data/labels.yaml"``), named when one is to be confirmed."""
    codelist_titles: Mapping[str, Mapping[str, LocalText]] = field(default_factory=dict)
    """Codelist id → code → title per language that this methodology's documents print instead of the shared
    codelist's (a title another plugin registered never replaces it)."""
    not_printed: Mapping[str, str] = field(default_factory=dict)
    """Program fields (JSON Pointer patterns with ``*`` for list items, e.g. ``/activities/*/partners``) that no
    document of the methodology prints, each with the reason; the test suite checks that every other field a
    user can fill is printed somewhere."""
    default: bool = False
    """The version used when a program names the methodology without a version."""
    currency_symbols: Mapping[str, str | Mapping[str, str]] = field(default_factory=dict)
    """Currency → the symbol documents print, either one for every language ({"MNT": "₮"}) or per language
    ({"KGS": {"ky": "сом", "ru": "сом", "en": "KGS"}}); CLDR's symbol otherwise."""
    sample: Path | None = None
    """A commented sample program `sedp init` copies; optional."""
    description: LocalText = field(default_factory=dict)
    surveys: tuple[str, ...] = ()
    """Pointers of the lists a phone survey collects (for example ``("/proposals",)``): `sedp survey form`
    offers them when no --field is given."""
    personal_data: Path | None = None
    """The reviewed list of the program's fields that name a person: YAML with `personal` (left out of open data)
    and `public` (published, with the reason), each a map of pointer pattern → text; see
    `sedp_core/exchange/personal.py`.
    A test requires every field that looks like a person's name to be in one of them."""
    field_descriptions: Mapping[str, LocalText] = field(default_factory=dict)
    """The English description of a field of the program model, exactly as the model writes it
    (``Field(description=...)``) → the text in the methodology's other languages, e.g. ``{"Date of the session.":
    {"ky": "Сессиянын күнү."}}``. The workbook's hover notes and the survey form's hints show it; the core's own
    fields are translated in the core's catalog. A description without a text in a language shows nothing there,
    never the English (a test checks that each one has its text)."""
    messages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Finding code → language → message template (`str.format` with the finding's params), so that validation
    messages reach officers in the program's language. A key ``"<code>__<kind>"`` gives the wording for programs
    whose ``municipality.kind`` is that kind (a town's council rather than a village's), language by language."""

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def described(self, description: str, key: str, language: str) -> str:
        """What a field (or a list) holds, in `language`, for a hover note, a survey hint or `sedp schema doc`:
        the methodology's `note.<key>` label; else, in English, the model's description itself; else its text in
        `field_descriptions`, or the core catalog's translation (the core's own fields). Nothing rather than a
        text in a language the reader may not read."""
        from sedp_core.i18n import SOURCE_LANGUAGE, translation

        own = self.labels.get(f"note.{key}")
        if isinstance(own, Mapping) and isinstance(own.get(language), str) and own[language]:
            return own[language]
        if not description or language == SOURCE_LANGUAGE:
            return description
        plugin = self.field_descriptions.get(description, {}).get(language)
        if plugin:
            return plugin
        core = translation(language).gettext(description)
        return core if core != description else ""

    @functools.cached_property
    def model(self) -> type[Program]:
        """The program class, imported on first use when `program_model` is an import path."""
        if not isinstance(self.program_model, str):
            return self.program_model
        module_name, _, name = self.program_model.partition(":")
        try:
            return getattr(importlib.import_module(module_name), name)  # type: ignore[no-any-return]
        except (ImportError, AttributeError) as exc:
            from sedp_core.errors import PluginError
            from sedp_core.i18n import N_

            raise PluginError(N_("methodology {methodology}: program_model {model!r} cannot be imported: {error}"),
                              params={"methodology": self.key, "model": self.program_model,
                                      "error": f"{type(exc).__name__}: {exc}"}, code="plugin.model-import") from exc


@dataclass(frozen=True)
class CatalogEntry:
    """One entry of a national-strategy catalog (a goal, objective, direction...)."""

    code: str
    title: LocalText
    parent: str | None = None
    level: str | None = None
    status: str = "confirmed"
    """'confirmed' or 'to confirm' (wording not yet checked against the official text)."""
    number: str | None = None
    """The entry's number as the national document prints it ("5.3"), shown to readers next to its name; the
    `code` is an identifier for programs and is never printed alone."""
    language_status: Mapping[str, str] = field(default_factory=dict)
    """Language → status, where the languages differ (the English title confirmed, the other not)."""


@dataclass(frozen=True)
class Catalog:
    """A vocabulary of national-strategy entries that program parts can be aligned with."""

    id: str
    version: str
    title: LocalText
    entries: tuple[CatalogEntry, ...]
    source: str | None = None
    data_file: str | None = None
    """Where the catalog's data lives (``"sedp_xx: data/catalogs/sdg.yaml"``), named when an entry is
    to be confirmed."""
    status: str = "confirmed"
    """'to confirm' when the catalog's title (or the catalog itself, a sample structure) is not confirmed."""

    def get(self, code: str) -> CatalogEntry | None:
        return self._by_code().get(code)

    def _by_code(self) -> dict[str, CatalogEntry]:
        cache = self.__dict__.get("_index")
        if cache is None:
            cache = {e.code: e for e in self.entries}
            object.__setattr__(self, "_index", cache)
        return cache


@dataclass(frozen=True)
class Codelist:
    """A closed list of codes with their titles per language."""

    id: str
    codes: Mapping[str, LocalText]
    title: LocalText = field(default_factory=dict)
    unconfirmed: Mapping[str, str] = field(default_factory=dict)
    """Code → a note for the reviewer, for every code whose title no source confirms."""
    unconfirmed_in: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Code → the languages whose titles are unconfirmed, where not all are (set by the core when it merges the
    registrations of several plugins: one plugin's unconfirmed Russian title leaves another's English alone)."""
    source: str = ""
    """Where the codelist's data lives, named when a title is to be confirmed."""
