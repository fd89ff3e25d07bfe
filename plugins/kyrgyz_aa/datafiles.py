"""Reading the plugin's data files: one folder per methodology version (data/2018/, later data/2024/).

Everything an expert may change (wording, stages, codelists, messages, the horizon) lives in those YAML files;
this module only reads them. Keys `status` and `src` inside a text mapping are review notes for experts: they
are split off here so that they never reach a document.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from sedp_core.i18n import LocalTerm
from sedp_core.input.datafiles import read_data_yaml
from sedp_core.rendering.unconfirmed import Unconfirmed, is_unconfirmed, mark, text_in

__all__ = ["DATA_DIR", "NOTE_KEYS", "VersionData", "load_version", "read_yaml", "split_notes", "versions"]

DATA_DIR = Path(str(files("sedp_kyrgyz_aa").joinpath("data")))
NOTE_KEYS = frozenset({"status", "src", "sources"})
TO_CONFIRM = "to confirm"


def read_yaml(path: Path) -> Any:
    """Parse one of the plugin's own YAML files (trusted package data: the core's fast data reader)."""
    return read_data_yaml(path)


def split_notes(texts: dict[str, Any]) -> tuple[dict[str, str], str]:
    """Separate the per-language texts from the review notes; return (texts, status)."""
    clean = {lang: str(text) for lang, text in texts.items() if lang not in NOTE_KEYS}
    return clean, str(texts.get("status", "confirmed"))


@dataclass(frozen=True)
class VersionData:
    """The data of one methodology version, as read from data/<version>/."""

    version: str
    meta: dict[str, Any]
    labels: dict[str, dict[str, str]]
    unconfirmed_labels: tuple[str, ...]
    phrases: dict[str, dict[str, str]]
    dates: dict[str, dict[str, Any]]
    abbreviations: dict[str, list[list[str]]]
    codelists: dict[str, Any]
    messages: dict[str, dict[str, str]]
    stages: tuple[dict[str, str], ...] = field(default_factory=tuple)
    stage_status: tuple[str, ...] = field(default_factory=tuple)
    numbers: dict[str, dict[str, Any]] = field(default_factory=dict)
    passport: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    """The standard passport lines (passport.yaml): code, group, name, unit, each text per language."""
    field_descriptions: dict[str, dict[str, str]] = field(default_factory=dict)
    """English field description → {ky: ..., ru: ...} (field_descriptions.yaml): hover notes and survey hints."""
    review_notes: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    """Note → {what, how: {language: text}}: what a value to confirm is and how to confirm it (review_notes.yaml)."""

    @property
    def project_passport_min_cost(self) -> float:
        """Activities costing at least this (som) get a one-page project passport (to confirm)."""
        return float(self.meta.get("project_passport_min_cost", {}).get("som", float("inf")))

    @property
    def min_years(self) -> int:
        return int(self.meta["horizon"]["min_years"])

    @property
    def max_years(self) -> int:
        return int(self.meta["horizon"]["max_years"])

    @property
    def top_needs(self) -> int:
        """How many of the best-ranked community problems the program must answer or explain (to confirm)."""
        return int(self.meta["needs"]["top_n"])

    @property
    def currency(self) -> str:
        return str(self.meta.get("currency", "KGS"))

    @property
    def thousands_digits(self) -> int:
        return int(self.meta.get("thousands_digits", 1))

    def phrase(self, key: str, language: str, kind: str | None = None) -> str:
        """A sentence pattern in `language` (a marked placeholder when that language has none: never English);
        "<key>__<kind>" replaces it for that municipality kind."""
        name = f"{key}__{kind}" if kind and f"{key}__{kind}" in self.phrases else key
        source = f"sedp_kyrgyz_aa: data/{self.version}/phrases.yaml"
        text = text_in(self.phrases[name], language, self.review_note("phrase", sentence=name), source,
                       f"phrase:{name}")
        return self.marked(text, self.phrases[name].get("status"), f"phrase:{name}", source, "phrase", sentence=name)

    def review_note(self, note: str, **params: Any) -> LocalTerm:
        """What a value to confirm is, in the officer's language (review_notes.yaml; `field_or_default`'s `what`)."""
        # A version folder copied before review_notes.yaml existed names the value by its note.
        return LocalTerm(self.review_notes.get(note, {}).get("what") or {"en": note}, **params)

    def marked(self, text: str, status: Any, name: str, source: str, note: str | None = None, **params: Any) -> str:
        """`text` marked for the core's draft/approved check when its data `status` is not confirmed (id
        ``data:kg.aa@<version>/<name>``; a program confirms it with ``confirmations: [{item: ...}]``); what it is
        and how to confirm it come from review_notes.yaml (entry `note`, else `name`), with `params`."""
        if not is_unconfirmed(status):
            return text
        how = (self.review_notes.get(note or name, {}).get("how") or self.review_notes.get("default", {}).get("how")
               or {"en": "check it against the official text, then remove `status: to confirm` in {file}"})
        return mark(text, Unconfirmed(f"data:kg.aa@{self.version}/{name}", self.review_note(note or name, **params),
                                      source, LocalTerm(how, file=source.split(": ", 1)[-1])))

    def abbreviations_for(self, language: str, kind: str) -> list[list[str]]:
        """The abbreviations list of one language, the kind's own list ("<lang>__<kind>") where there is one."""
        return self.abbreviations.get(f"{language}__{kind}") or self.abbreviations.get(language, [])


def versions(base: Path = DATA_DIR) -> list[str]:
    """Versions present as data folders (each holds a methodology.yaml)."""
    return sorted(p.name for p in base.iterdir() if (p / "methodology.yaml").is_file())


@functools.cache
def load_version(version: str, base: Path = DATA_DIR) -> VersionData:
    """Read data/<version>/; `base` lets a reviewer load a draft version folder from elsewhere."""
    folder = base / version
    labels, unconfirmed = {}, []
    for key, texts in read_yaml(folder / "labels.yaml").items():
        labels[key], status = split_notes(texts)
        if status == TO_CONFIRM:
            unconfirmed.append(key)
    meta = read_yaml(folder / "methodology.yaml")
    return VersionData(
        version=version,
        meta=meta,
        labels=labels,
        unconfirmed_labels=tuple(unconfirmed),
        phrases=read_yaml(folder / "phrases.yaml"),
        dates=read_yaml(folder / "dates.yaml"),
        abbreviations=read_yaml(folder / "abbreviations.yaml"),
        codelists=read_yaml(folder / "codelists.yaml"),
        messages={code: split_notes(texts)[0] for code, texts in read_yaml(folder / "messages.yaml").items()},
        stages=tuple(split_notes(s)[0] for s in meta.get("stages", [])),
        stage_status=tuple(split_notes(s)[1] for s in meta.get("stages", [])),
        numbers={lang: {k: v for k, v in spec.items() if k not in NOTE_KEYS}
                 for lang, spec in _optional(folder / "numbers.yaml").items()},
        passport=tuple({k: (split_notes(v)[0] if isinstance(v, dict) else v) for k, v in line.items()
                        if k not in NOTE_KEYS - {"status"}} for line in (_optional(folder / "passport.yaml") or [])),
        field_descriptions={english: dict(texts)
                            for english, texts in (_optional(folder / "field_descriptions.yaml") or {}).items()},
        review_notes=_optional(folder / "review_notes.yaml"),
    )


def _optional(path: Path) -> Any:
    """A data file a version may leave out (an older version folder copied before it existed)."""
    return read_yaml(path) if path.is_file() else {}
