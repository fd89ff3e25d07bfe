"""Pictures a program names (a map of the territory, a photograph): read safely, checked, printed.

A program field of type `models.Picture` names a PNG or JPEG file relative to the folder of the program file
(`Program.folder`). The file is untrusted input, as the program is:

- its path must stay inside that folder: no `..` out of it, no absolute path elsewhere, no link leading out;
- it is read up to SEDP_MAX_PICTURE_BYTES and opened with Pillow (installed with matplotlib), which must find a
  PNG or JPEG, whatever the file's name says, of at most SEDP_MAX_PICTURE_PIXELS (width × height), checked before
  it is decoded, and must decode it whole (a truncated file is refused, not printed half).

The core rule `pictures` reports each problem at the field's `path` (codes `picture.*`, docs/validation.md).
The renderer checks again when it prints the picture (the file may have changed since), and refuses the document
with the same code otherwise.

A plugin prints a picture as it prints a chart: `helpers.picture(program.x.picture, max_width_mm=165,
max_height_mm=120)` in its context (``""`` when the program names none) and ``{{ name }}`` in a paragraph of its
own in the template; the renderer (`charts.with_pictures`) makes it an image as wide as it may be within both
bounds, its proportions kept.
"""

from __future__ import annotations

import functools
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sedp_core.errors import os_reason
from sedp_core.findings import Finding
from sedp_core.i18n import N_, messages_for
from sedp_core.input.limits import limits
from sedp_core.models import Picture, Program
from sedp_core.validation.context import ValidationContext

__all__ = ["LoadedPicture", "PictureProblem", "PictureRef", "load_picture", "pictures"]

FORMATS = ("PNG", "JPEG")
"""The formats a picture may have: the two every Word and LibreOffice version prints."""


class PictureProblem(Exception):
    """Why a picture cannot be printed: a stable `code` (`picture.*`), a msgid of the core's catalog
    (`sedp_core.i18n`) and its params; `message` is it in English, `messages()` in every catalog language."""

    def __init__(self, code: str, msgid: str, **params: object) -> None:
        self.code, self.msgid, self.params = code, msgid, params
        self.message = msgid.format(**params)
        super().__init__(self.message)

    def messages(self) -> dict[str, str]:
        """The finding's messages: the core's own wording in en, ky, ru and mn."""
        return messages_for(self.msgid, **self.params)


@dataclass(frozen=True)
class LoadedPicture:
    """A picture file that passed every check: its bytes, format and size in pixels."""

    data: bytes
    format: str
    width_px: int
    height_px: int


def load_picture(path: str, folder: Path) -> LoadedPicture:
    """The picture `path` (relative to `folder`) read and checked; a `PictureProblem` when it cannot be printed."""
    from PIL import Image, UnidentifiedImageError

    lim = limits()
    base = folder.resolve()
    try:
        # An absolute `path` replaces `base` here; resolving follows links, so a link out of the folder is caught.
        resolved = (base / path).resolve()
    except (OSError, RuntimeError) as exc:  # a loop of links
        raise PictureProblem("picture.unreadable", N_("the picture file '{path}' cannot be read: {reason}"),
                             path=path, reason=str(exc)) from None
    if not resolved.is_relative_to(base):
        raise PictureProblem("picture.outside-folder",
                             N_("the picture '{path}' is outside the folder of the program file; put it in that "
                                "folder (or below it) and give its path from there"), path=path)
    if not resolved.is_file():
        raise PictureProblem("picture.missing", N_("the picture file '{path}' is not in the folder of the program "
                                                   "file"), path=path)
    too_large = PictureProblem("picture.too-large",
                               N_("the picture file '{path}' is larger than {limit_mb} MB: save it smaller (fewer "
                                  "pixels, or JPEG)"), path=path, limit_mb=f"{lim.max_picture_bytes / 2**20:.0f}")
    try:
        if resolved.stat().st_size > lim.max_picture_bytes:
            raise too_large
        with resolved.open("rb") as file:
            data = file.read(lim.max_picture_bytes + 1)
    except OSError as exc:
        raise PictureProblem("picture.unreadable", N_("the picture file '{path}' cannot be read: {reason}"),
                             path=path, reason=os_reason(exc)) from None
    if len(data) > lim.max_picture_bytes:
        raise too_large
    not_image = PictureProblem("picture.not-an-image", N_("the file '{path}' is not a PNG or JPEG picture: save it "
                                                          "as PNG or JPEG"), path=path)
    with warnings.catch_warnings():
        # Pillow's own bound on pixels warns before it refuses; both mean a picture too large to decode.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
        except UnidentifiedImageError:
            raise not_image from None
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise _too_many_pixels(path, None, None, lim.max_picture_pixels) from None
        except (OSError, SyntaxError, ValueError):
            raise not_image from None
        with image:
            width, height = image.size
            if width * height > lim.max_picture_pixels:
                raise _too_many_pixels(path, width, height, lim.max_picture_pixels)
            if width < 1 or height < 1:
                raise not_image
            try:
                image.load()  # the whole picture decodes: a truncated or damaged file is refused here
            except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
                raise PictureProblem("picture.damaged", N_("the picture file '{path}' is damaged: it cannot be read "
                                                           "whole ({reason})"), path=path, reason=str(exc)) from None
            kind = str(image.format)
    return LoadedPicture(data, kind, width, height)


def _too_many_pixels(path: str, width: int | None, height: int | None, limit: int) -> PictureProblem:
    limit_mp = f"{limit / 1e6:g}"
    if width is None or height is None:  # Pillow refused it before telling its size
        return PictureProblem("picture.too-many-pixels", N_("the picture '{path}' has more than {limit_mp} million "
                                                            "pixels: make it smaller"), path=path, limit_mp=limit_mp)
    return PictureProblem("picture.too-many-pixels",
                          N_("the picture '{path}' has {size} pixels, more than {limit_mp} million: make it smaller"),
                          path=path, size=f"{width} × {height}", limit_mp=limit_mp)


def pictures(program: Program, ctx: ValidationContext) -> Iterator[Finding]:
    """Every picture the program names can be printed: inside the program's folder, a PNG or JPEG, not too large,
    not damaged."""
    for pointer, node in ctx.nodes(program):
        if isinstance(node, Picture):
            try:
                load_picture(node.path, program.folder)
            except PictureProblem as problem:
                yield Finding(problem.code, "error", f"{pointer}/path", problem.messages(),
                              params={k: str(v) for k, v in problem.params.items()})


@dataclass(frozen=True)
class PictureRef:
    """A picture in a document's context, before it is read: what `DocumentHelpers.picture` gives. The renderer
    reads and checks the file when the template prints it, and makes it an image at most `max_width_mm` wide
    and `max_height_mm` high."""

    path: str
    folder: Path
    max_width_mm: float
    max_height_mm: float | None = None

    def width_mm(self, picture: LoadedPicture) -> float:
        """The printed width: the widest the bounds allow, the picture's proportions kept."""
        width = self.max_width_mm
        if self.max_height_mm is not None:
            width = min(width, self.max_height_mm * picture.width_px / picture.height_px)
        return width

    def image(self, tpl: Any) -> Any:
        """The docxtpl image of this picture in template `tpl` (read when the template prints it)."""
        return _lazy_picture_class()(tpl, self)


@functools.cache
def _lazy_picture_class() -> type:
    from docx.shared import Mm
    from docxtpl import InlineImage

    from sedp_core.errors import RenderError

    class LazyPictureImage(InlineImage):  # type: ignore[misc]
        """An InlineImage whose file is read and checked only when the template prints it."""

        def __init__(self, tpl: Any, ref: PictureRef) -> None:
            super().__init__(tpl, None)
            self.ref = ref

        def _insert_image(self) -> str:
            try:
                picture = load_picture(self.ref.path, self.ref.folder)
            except PictureProblem as problem:
                raise RenderError(problem.msgid, location=self.ref.path, code=problem.code,
                                  params=problem.params) from None
            self.image_descriptor = io.BytesIO(picture.data)
            self.width, self.height = Mm(self.ref.width_mm(picture)), None
            return str(super()._insert_image())

    return LazyPictureImage
