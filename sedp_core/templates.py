"""Opening Word templates as untrusted input, and checking that they fit their context."""

from __future__ import annotations

import dataclasses
import functools
import io
import zipfile
from pathlib import Path
from typing import Any

from .errors import InputError, TemplateProblem
from .limits import limits
from .registry_types import Methodology

__all__ = ["check_template_file", "open_template", "override_templates"]


def check_template_file(path: Path) -> None:
    """Refuse a .docx that is not a zip, has absolute or `..` member paths, or unpacks beyond the size limit."""
    if not path.is_file():
        raise TemplateProblem("the template file does not exist", location=str(path), code="template.missing")
    try:
        with zipfile.ZipFile(path) as zf:
            total = 0
            for info in zf.infolist():
                name = info.filename
                if name.startswith(("/", "\\")) or ".." in Path(name).parts or ":" in name:
                    raise TemplateProblem(f"the template has an unsafe member path {name!r}", location=str(path),
                                          code="template.unsafe-path")
                total += info.file_size
            if total > limits().max_template_bytes:
                raise TemplateProblem(
                    f"the template unpacks to {total:,} bytes, more than the limit of {limits().max_template_bytes:,}"
                    " (SEDP_MAX_TEMPLATE_BYTES)",
                    location=str(path),
                    code="template.too-large",
                )
            if "word/document.xml" not in zf.namelist():
                raise TemplateProblem("the file is a zip but not a Word document", location=str(path),
                                      code="template.not-docx")
    except zipfile.BadZipFile:
        raise TemplateProblem("the template is not a valid .docx (zip) file", location=str(path),
                              code="template.not-docx") from None


def open_template(path: Path, template_class: type) -> Any:
    """Check, then open, a template with the given DocxTemplate class (each call gives a fresh template)."""
    return template_class(io.BytesIO(_checked_bytes(Path(path))))


def _checked_bytes(path: Path) -> bytes:
    """The template's bytes, checked once per process for each version of the file."""
    try:
        stat = path.stat()
    except OSError:
        check_template_file(path)  # raises the clear error
        raise
    return _read_checked(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _read_checked(path: Path, mtime_ns: int, size: int) -> bytes:
    check_template_file(path)
    return path.read_bytes()


def override_templates(methodology: Methodology, template_dir: Path | None) -> Methodology:
    """The methodology with each document whose own template is in `template_dir` pointing at it.

    A municipality's folder replaces a document's template with ``<document id>.docx`` (``program.docx``), or
    with a file of the same name as the plugin's template (``program_2018.docx``, a copy of the installed one).
    The folder is the municipality's own, outside the installed package, so no upgrade writes over it."""
    if template_dir is None:
        return methodology
    folder = Path(template_dir)
    if not folder.is_dir():
        raise InputError(f"the templates folder {folder} does not exist or is not a folder",
                         code="input.no-templates-dir")
    documents = []
    for doc in methodology.documents:
        own = next((p for p in (folder / f"{doc.id}.docx", folder / doc.template.name) if p.is_file()), None)
        documents.append(dataclasses.replace(doc, template=own) if own else doc)
    if all(new is old for new, old in zip(documents, methodology.documents, strict=True)):
        return methodology
    return dataclasses.replace(methodology, documents=tuple(documents))
