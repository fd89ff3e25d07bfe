"""Reading the plugin's data files (wording, codelists, catalog, rules) from the installed package.

Everything an expert may change lives in `data/*.yaml`; this module parses it once per process. Wording,
codelists and the catalog are read as plain data when the plugin registers; the rule files are checked by the
pydantic classes of `data_models.py` when first used, so a malformed one fails loudly before any document is
written, and listing the plugin does not load pydantic.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sedp_core import Catalog, CatalogEntry, Codelist
from sedp_core.i18n import LocalTerm
from sedp_core.input.datafiles import read_data_yaml
from sedp_core.rendering.unconfirmed import Unconfirmed, is_unconfirmed

if TYPE_CHECKING:
    from sedp_mongolia_onhs.data_models import Apa, Calendar, Eligibility, QuorumRule, RankingRules, Reasons

__all__ = [
    "TO_CONFIRM",
    "apa",
    "calendar",
    "catalog",
    "catalog_status",
    "catalog_text",
    "codelists",
    "data_path",
    "eligibility",
    "field_descriptions",
    "labels",
    "load_yaml",
    "messages",
    "quorum",
    "ranking",
    "reasons",
    "templates_dir",
    "unconfirmed",
    "unconfirmed_data",
    "unconfirmed_labels",
]

TO_CONFIRM = "to confirm"


def data_path(name: str) -> Path:
    """Path of a file in the plugin's data folder (an editable or regular install gives a real path)."""
    return Path(str(files("sedp_mongolia_onhs").joinpath("data", name)))


def templates_dir() -> Path:
    return Path(str(files("sedp_mongolia_onhs.templates")))


@functools.cache
def load_yaml(name: str) -> Any:
    """A data file (a path under data/), read once per process."""
    return read_data_yaml(data_path(name))




_NOTE_KEYS = ("status", "note")


@functools.cache
def labels() -> dict[str, dict[str, str]]:
    """Document wording: key → {mn, en} (a label's `status` and `note` are for reviewers, kept apart)."""
    return {key: {k: v for k, v in texts.items() if k not in _NOTE_KEYS}
            for key, texts in load_yaml("labels.yaml").items()}


@functools.cache
def unconfirmed_labels() -> dict[str, str]:
    """Label key → reviewer's note, for every label marked `status: to confirm` (the core marks them)."""
    return {key: str(texts.get("note", "")) for key, texts in load_yaml("labels.yaml").items()
            if is_unconfirmed(texts.get("status"))}


@functools.cache
def review_notes() -> dict[str, dict[str, dict[str, str]]]:
    """Note → {what, how: {language: text}}: what a value still to confirm is and how to confirm it, as a
    validation error says it (data/review_notes.yaml)."""
    return load_yaml("review_notes.yaml")  # type: ignore[no-any-return]


def review_note(note: str, **params: Any) -> LocalTerm:
    """What a value to confirm is, in the officer's language (`field_or_default`'s `what`)."""
    return LocalTerm(review_notes()[note]["what"], **params)


def unconfirmed(name: str, file: str, note: str | None = None, **params: Any) -> Unconfirmed:
    """A value of the plugin's data no source confirms yet (`data:mn.onhs/<name>`), for
    `sedp_core.rendering.unconfirmed.mark`; what it is and how to confirm it come from review_notes.yaml (entry
    `note`, else `name`), with `params`."""
    notes = review_notes()
    entry = notes[note or name]
    return Unconfirmed(f"data:mn.onhs/{name}", LocalTerm(entry["what"], **params), f"sedp_mongolia_onhs: data/{file}",
                       LocalTerm(entry.get("how") or notes["default"]["how"], file=file))


LABELS_SOURCE = "sedp_mongolia_onhs: data/labels.yaml"


def unconfirmed_data(name: str, status: str, file: str, note: str | None = None, **params: Any) -> Unconfirmed | None:
    """`unconfirmed` for a data file with a `status`: None when it is confirmed or sourced."""
    if not is_unconfirmed(status):
        return None
    return unconfirmed(name, file, note, **params)


@functools.cache
def field_descriptions() -> dict[str, dict[str, str]]:
    """English field description → {mn: text}: the workbook's hover notes and the survey's hints (both methodologies
    of the plugin; see `Methodology.field_descriptions`)."""
    return {english: dict(texts) for english, texts in load_yaml("field_descriptions.yaml").items()}


@functools.cache
def messages() -> dict[str, dict[str, str]]:
    """Finding code → {mn: template}; templates use the finding's params."""
    return {code: dict(texts) for code, texts in load_yaml("messages.yaml").items()}


@functools.cache
def codelists() -> tuple[Codelist, ...]:
    # A list marked "to confirm" has titles no source confirmed: each of its codes is marked in documents.
    return tuple(
        Codelist(c["id"], {code: dict(t) for code, t in c["codes"].items()}, dict(c.get("title", {})),
                 unconfirmed={code: "" for code in c["codes"]} if is_unconfirmed(c.get("status")) else {},
                 source="sedp_mongolia_onhs: data/codelists.yaml")
        for c in load_yaml("codelists.yaml")["codelists"]
    )


@functools.cache
def catalog() -> Catalog:
    """Vision 2050; an entry is 'confirmed' only when every text it holds was read on the official page."""
    raw = load_yaml("vision2050.yaml")
    entries = []
    for e in raw["entries"]:
        title = {lang: e[lang] for lang in ("mn", "en") if e.get(lang)}
        statuses = set(e["status"].values())
        # A language with no status (no text read on the official page) is unconfirmed.
        by_language = {lang: str(e["status"].get(lang, TO_CONFIRM)) for lang in ("mn", "en")}
        entries.append(CatalogEntry(e["code"], title, parent=e.get("parent"), level=e["level"],
                                    status="confirmed" if statuses == {"confirmed"} else TO_CONFIRM,
                                    number=e["code"].removeprefix("V2050."),
                                    language_status=by_language))
    return Catalog(raw["id"], str(raw["version"]), dict(raw["title"]), tuple(entries), source=raw.get("source"),
                   data_file="sedp_mongolia_onhs: data/vision2050.yaml")


def catalog_text(entry: CatalogEntry, language: str) -> str:
    """A Vision 2050 entry's name in `language`, through the core: a name not read in the official text is
    marked as a draft, and an entry with no name in that language is the core's marked placeholder, never another
    language's text (an approved program relying on either is an error)."""
    from sedp_core.rendering.unconfirmed import entry_title

    return entry_title(catalog(), entry, language)


@functools.cache
def catalog_status() -> dict[str, dict[str, str]]:
    """Entry code → language → 'confirmed' / 'to confirm' (a language with no text is 'to confirm')."""
    return {e["code"]: dict(e["status"]) for e in load_yaml("vision2050.yaml")["entries"]}


@functools.cache
def quorum() -> QuorumRule:
    from sedp_mongolia_onhs.data_models import QuorumRule

    return QuorumRule.model_validate(load_yaml("quorum.yaml"))


@functools.cache
def eligibility() -> Eligibility:
    from sedp_mongolia_onhs.data_models import Eligibility

    return Eligibility.model_validate(load_yaml("eligibility.yaml"))


@functools.cache
def ranking() -> RankingRules:
    from sedp_mongolia_onhs.data_models import RankingRules

    return RankingRules.model_validate(load_yaml("ranking.yaml"))


@functools.cache
def apa() -> Apa:
    from sedp_mongolia_onhs.data_models import Apa

    return Apa.model_validate(load_yaml("apa.yaml"))


@functools.cache
def reasons() -> Reasons:
    from sedp_mongolia_onhs.data_models import Reasons

    return Reasons.model_validate(load_yaml("reasons.yaml"))


@functools.cache
def calendar() -> Calendar:
    from sedp_mongolia_onhs.data_models import Calendar

    return Calendar.model_validate(load_yaml("calendar.yaml"))
