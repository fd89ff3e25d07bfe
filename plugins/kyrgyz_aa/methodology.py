"""Turning a version's data into the core's registration objects: Methodology, Codelist."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from sedp_core import Codelist, CodelistUse, DocumentSpec, Methodology
from sedp_core.rendering.unconfirmed import is_unconfirmed
from sedp_kyrgyz_aa.datafiles import DATA_DIR, VersionData, split_notes

__all__ = ["METHODOLOGY_ID", "TEMPLATES_DIR", "build_codelists", "build_methodology"]

METHODOLOGY_ID = "kg.aa"
TEMPLATES_DIR = Path(str(files("sedp_kyrgyz_aa.templates")))
SAMPLE = DATA_DIR / "sample.yaml"


def build_methodology(data: VersionData) -> Methodology:
    meta = data.meta
    documents = tuple(
        DocumentSpec(
            id=d["id"],
            title=split_notes(d["title"])[0],
            template=TEMPLATES_DIR / d["template"],
            headings=tuple(_label(data, key, d["id"]) for key in d.get("headings", ())),
            per=d.get("per"),
        )
        for d in meta["documents"]
    )
    return Methodology(
        id=meta["id"],
        version=str(meta["version"]),
        title=split_notes(meta["title"])[0],
        languages=tuple(meta["languages"]),
        program_model="sedp_kyrgyz_aa.models:AaProgram",  # imported on first use
        documents=documents,
        catalogs=tuple(meta["catalogs"]),
        codelist_uses=tuple(CodelistUse(u["pointer"], u["codelist"]) for u in meta["codelist_uses"]),
        labels=data.labels,
        unconfirmed_labels={key: "" for key in data.unconfirmed_labels},
        labels_source=f"sedp_kyrgyz_aa: data/{data.version}/labels.yaml",
        default=bool(meta.get("default", False)),
        currency_symbols=dict(meta.get("currency_symbols", {})),
        sample=SAMPLE,
        description=split_notes(meta.get("description", {}))[0],
        messages=data.messages,
        field_descriptions=data.field_descriptions,
        personal_data=DATA_DIR / "personal_data.yaml",
        surveys=tuple(meta.get("surveys", ())),
        not_printed=dict(meta.get("not_printed", {})),
    )


def _label(data: VersionData, key: str, document: str) -> dict[str, str]:
    """The texts of a label a document's `headings` name (a wrong key is a mistake in methodology.yaml)."""
    if key not in data.labels:
        raise ValueError(f"methodology.yaml, document {document}: heading {key!r} is not in labels.yaml")
    return data.labels[key]


def build_codelists(data: VersionData) -> list[Codelist]:
    return [
        Codelist(
            id=list_id,
            codes={code: split_notes(texts)[0] for code, texts in spec["codes"].items()},
            title=split_notes(spec.get("title", {}))[0],
            unconfirmed={code: "" for code, texts in spec["codes"].items()
                         if is_unconfirmed(split_notes(texts)[1])},
            source=f"sedp_kyrgyz_aa: data/{data.version}/codelists.yaml",
        )
        for list_id, spec in data.codelists.items()
    ]
