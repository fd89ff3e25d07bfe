"""The ayil aimak (or town) as the Kyrgyz programs describe it in their chapter on general characteristics."""

from __future__ import annotations

from pydantic import Field

from sedp_core.models import Amount, Count, Identifier, Model, Municipality, Picture, Text

__all__ = ["AaMunicipality", "Distances", "Village"]


class Village(Model):
    """A village (айыл / село) of the ayil aimak, with its population figures."""

    id: Identifier
    name: Text = Field(description="Name of the village, per language (Russian texts write it without ң ө ү).")
    population: Count = Field(description="Resident population (persons).")
    households: Count = Field(description="Number of households.")
    is_centre: bool = Field(default=False, description="True for the administrative centre of the ayil aimak.")
    distance_to_centre_km: Amount | None = Field(
        default=None, description="Distance to the centre of the ayil aimak, in km."
    )


class Distances(Model):
    """Distances from the centre of the ayil aimak, in km, as the general-characteristics chapter gives them."""

    to_rayon_centre_km: Amount | None = Field(default=None, description="To the rayon centre, km.")
    to_oblast_centre_km: Amount | None = Field(default=None, description="To the oblast centre, km.")
    to_capital_km: Amount | None = Field(default=None, description="To Bishkek, km.")


class AaMunicipality(Municipality):
    """An ayil aimak or town: the core municipality plus the facts of chapter 1 of a Kyrgyz program.

    The oblast and rayon are given as `parent_units` with kinds `rayon` and `oblast` (codelist `kg.admin_level`).
    """

    villages: list[Village] = Field(default_factory=list, description="Villages of the ayil aimak.")
    distances: Distances = Field(default_factory=Distances, description="Distances from the centre.")
    area_ha: Amount | None = Field(default=None, description="Total area in hectares (Жалпы аянты, га).")
    year_established: int | None = Field(
        default=None, ge=1900, le=2100, description="Year the ayil aimak (or town) was established."
    )
    geography: Text | None = Field(default=None, description="Geographic position (Географиялык абал).")
    landscape: Text | None = Field(
        default=None, description="Landscape and natural conditions (Ландшафт жана жаратылыш шарттары)."
    )
    executive_body: Text | None = Field(
        default=None, description="Name of the executive body as documents head it (ky: '… айыл өкмөтү')."
    )
    kenesh: Text | None = Field(default=None, description="Name of the local council (ky: '… айылдык кеңеши').")
    name_genitive: Text | None = Field(
        default=None,
        description="The municipality's name in the form the resolution's subject and the annex headings need "
        "(ky: 'Ак-Кыя айыл аймагынын', ru: 'Ак-Кыя айылного аймака'); the plugin does not inflect names.",
    )
    head: Text | None = Field(
        default=None, description="Full name of the head of the ayil okmotu (or mayor), surname first; per language "
        "where the Russian spelling differs. Signatures print it with initials ('Б.А. Сапаров')."
    )
    picture: Picture | None = Field(
        default=None, description="A map of the ayil aimak (or town) or a photograph, printed on the passport page "
        "of the program under its heading, with its caption; without it a draft prints a framed space to paste one "
        "in and an approved program prints none."
    )
    kenesh_chair: Text | None = Field(
        default=None, description="Full name of the chair (төрага) of the kenesh, surname first; per language where "
        "the spelling differs."
    )
