"""Opening Word templates as untrusted input, and checking that they fit their context."""

from __future__ import annotations

import dataclasses
import functools
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from sedp_core.errors import InputError, TemplateProblem
from sedp_core.i18n import N_
from sedp_core.input.limits import limits
from sedp_core.registry.types import Methodology

__all__ = ["check_template_file", "open_template", "override_templates", "unsafe_member_name"]

# Relationship types a Word document may point outside itself with: hyperlinks open only when a reader clicks.
# Anything else external (a picture by r:link, an attached template, a frame, an OLE object) is fetched by Word
# when the document opens: from a file:// share that sends the reader's Windows credentials, or a tracking URL.
_CLICKED_ONLY = ("/hyperlink",)
_EXTERNAL = re.compile(rb"<Relationship\b[^>]*\bTargetMode\s*=\s*[\"']External[\"'][^>]*>")
_TYPE = re.compile(rb"\bType\s*=\s*[\"']([^\"']*)[\"']")
_TARGET = re.compile(rb"\bTarget\s*=\s*[\"']([^\"']*)[\"']")


def unsafe_member_name(name: str) -> bool:
    """A zip member name that could land outside the folder it is unpacked into, on any system: absolute, with a
    drive, or with a `..` part, whichever of / and \\ separates its parts (a Windows tool reads `..\\..\\x` as a
    path up two folders; on Linux it is one odd file name, so a Path check alone misses it)."""
    return name.startswith(("/", "\\")) or ":" in name or ".." in re.split(r"[\\/]", name)


def _external_links(zf: zipfile.ZipFile) -> list[str]:
    """'part → target' of each relationship that Word would follow by itself when opening the document."""
    found = []
    for info in zf.infolist():
        if not info.filename.endswith(".rels"):
            continue
        for match in _EXTERNAL.finditer(zf.read(info)):
            kind = _TYPE.search(match.group())
            if kind and kind.group(1).decode("utf-8", "replace").endswith(_CLICKED_ONLY):
                continue
            target = _TARGET.search(match.group())
            found.append(f"{info.filename} → {target.group(1).decode('utf-8', 'replace') if target else '?'}")
    return found


def check_template_file(path: Path) -> None:
    """Refuse a .docx that is not a zip, has absolute or `..` member paths (with / or \\), unpacks beyond the size
    limit, or links to a picture, template or object outside itself that Word would fetch on opening."""
    if not path.is_file():
        if path.exists():  # a folder, a FIFO or a link to a device: never opened (a FIFO would wait forever)
            raise TemplateProblem(N_("the template is not a regular file"), params={}, location=str(path),
                                  code="template.not-a-file")
        raise TemplateProblem(N_("the template file does not exist"), params={}, location=str(path),
                              code="template.missing")
    try:
        with zipfile.ZipFile(path) as zf:
            total = 0
            for info in zf.infolist():
                name = info.filename
                if unsafe_member_name(name):
                    raise TemplateProblem(N_("the template has an unsafe member path {name!r}"), params={"name": name},
                                          location=str(path), code="template.unsafe-path")
                total += info.file_size
            if total > limits().max_template_bytes:
                raise TemplateProblem(
                    N_("the template unpacks to {size:,} bytes, more than the limit of {limit:,} "
                       "(SEDP_MAX_TEMPLATE_BYTES)"), params={"size": total, "limit": limits().max_template_bytes},
                    location=str(path),
                    code="template.too-large",
                )
            if "word/document.xml" not in zf.namelist():
                raise TemplateProblem(N_("the file is a zip but not a Word document"), params={}, location=str(path),
                                      code="template.not-docx")
            external = _external_links(zf)
            if external:
                raise TemplateProblem(
                    N_("the template makes Word fetch something from outside the document when it opens "
                       "({links}); embed the picture instead of linking it"), params={"links": "; ".join(external[:3])},
                    location=str(path),
                    code="template.external-link")
    except zipfile.BadZipFile:
        raise TemplateProblem(N_("the template is not a valid .docx (zip) file"), params={}, location=str(path),
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
        raise InputError(N_("the templates folder {folder} does not exist or is not a folder"),
                         params={"folder": str(folder)}, code="input.no-templates-dir")
    documents = []
    for doc in methodology.documents:
        own = next((p for p in (folder / f"{doc.id}.docx", folder / doc.template.name) if p.is_file()), None)
        documents.append(dataclasses.replace(doc, template=own) if own else doc)
    if all(new is old for new, old in zip(documents, methodology.documents, strict=True)):
        return methodology
    return dataclasses.replace(methodology, documents=tuple(documents))
