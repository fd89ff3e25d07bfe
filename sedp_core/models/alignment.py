"""Links from parts of the program to entries of national-strategy catalogs."""

from __future__ import annotations

from pydantic import Field

from sedp_core.i18n import N_
from sedp_core.models.common import Model, Text

__all__ = ["AlignmentLink"]


class AlignmentLink(Model):
    """A link to one entry of a national-strategy catalog that a plugin registers."""

    catalog: str = Field(description=N_("Catalog (vocabulary) id, for example a national development strategy."))
    code: str = Field(description=N_("Code of the catalog entry; unknown codes are errors."))
    note: Text | None = Field(default=None, description=N_("How this part of the program contributes."))
