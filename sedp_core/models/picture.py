"""A picture a document prints: a map of the territory, a photograph."""

from __future__ import annotations

from pydantic import Field

from sedp_core.i18n import N_
from sedp_core.models.common import Model, Text

__all__ = ["Picture"]


class Picture(Model):
    """A PNG or JPEG file that a document prints (a map of the municipality, a photograph), with its caption.

    The file lies in the program file's folder or below it; `sedp validate` reads it and reports a file that is
    missing, outside that folder, not a PNG or JPEG, damaged, or too large (`picture.*` findings)."""

    path: str = Field(min_length=1, max_length=500,
                      description=N_("The picture file, relative to the folder of the program file (e.g. "
                                  "`map.png` or `pictures/map.jpg`): a PNG or JPEG inside that folder."))
    caption: Text | None = Field(default=None, description=N_("The caption printed under the picture, per language."))
