"""The program under the Kyrgyz ayil aimak methodology: the core program plus what the methodology asks for."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ModelWrapValidatorHandler, PrivateAttr, model_validator

from sedp_core.models import Activity, Approval, Identifier, Model, MonitoringPlan, Program, Quantity, Text, Year

from .letters import LetterChange, normalise_program_data
from .model_municipality import AaMunicipality
from .model_participation import Hearing, NeedsAssessment, WorkingGroup

__all__ = ["AaActivity", "AaApproval", "AaMonitoring", "AaProgram", "IndicatorResult", "Risk"]


class AaActivity(Activity):
    """An activity of the action plan: the core activity plus the columns the Kyrgyz action plan has.

    Costs are in som (KGS), in units; the documents show them in thousand som.
    """

    deadline: Text | None = Field(
        default=None, description="Deadline as the action plan writes it (e.g. 'IV квартал 2025 г.'); "
        "the years of `schedule` are shown when it is empty."
    )
    indicator: Identifier | None = Field(
        default=None, description="Code of the indicator (of the activity's task) the action plan shows for it."
    )
    problems: list[Identifier] = Field(
        default_factory=list, description="Ids of the community problems (needs assessment) the activity answers."
    )


class AaApproval(Approval):
    """The ayil (town) kenesh resolution that approved the program."""

    body_genitive: Text | None = Field(
        default=None,
        description="The kenesh's name in the form the approval line needs (ky: '… айылдык кеңешинин', "
        "ru: '… айылного кенеша'); the plugin does not inflect names.",
    )
    session: Text | None = Field(default=None, description="The kenesh session, e.g. 'VII чакырылышынын 12-сессиясы'.")


class Risk(Model):
    """A risk to carrying out the program and how it is reduced (Тобокелдер жана аларды төмөндөтүү ыкмалары)."""

    risk: Text = Field(description="The risk.")
    mitigation: Text = Field(description="How it is reduced.")


class IndicatorResult(Model):
    """What an indicator actually reached in one year: the "actual" column of the annual monitoring report.

    The share of the target achieved is computed from it (monitoring.py), never typed in.
    """

    indicator: Identifier = Field(description="Code of an indicator of the goal tree.")
    year: Year = Field(description="The year the value was measured (a year of the program period).")
    actual: Quantity = Field(description="The value reached, in the indicator's unit.")
    status: str | None = Field(default=None, description="Status, from codelist 'kg.progress_status'.")
    comment: Text | None = Field(default=None, description="Comment: reasons for a gap, what is being done.")


class AaMonitoring(MonitoringPlan):
    """The core monitoring plan plus the results the annual monitoring report shows."""

    report_year: Year | None = Field(
        default=None, description="Year of the annual monitoring report; empty: the latest year with results, "
        "else the first year of the program."
    )
    results: list[IndicatorResult] = Field(
        default_factory=list, description="Measured values; an indicator without one gets blank lines to fill in."
    )


class AaProgram(Program):
    """A socio-economic development program (СЭӨП / ПСЭР) of an ayil aimak or town of the Kyrgyz Republic."""

    municipality: AaMunicipality
    introduction: Text | None = Field(
        default=None, description="Introduction: legal basis, how the program was prepared, who took part."
    )
    working_group: WorkingGroup = Field(default_factory=WorkingGroup, description="The working group.")
    needs_assessment: NeedsAssessment = Field(
        default_factory=NeedsAssessment, description="The participatory needs assessment."
    )
    activities: list[AaActivity] = Field(default_factory=list, description="Activities of the action plan.")
    risks: list[Risk] = Field(default_factory=list, description="Risks and how they are reduced.")
    hearings: list[Hearing] = Field(default_factory=list, description="Public hearings on the draft.")
    approval: AaApproval | None = Field(default=None, description="The kenesh resolution, once approved.")
    monitoring: AaMonitoring = Field(default_factory=AaMonitoring, description="Monitoring and evaluation.")
    title_page: Literal["resolution", "signatures"] = Field(
        default="resolution",
        description="Title page style: 'resolution' prints the approval line of the kenesh resolution (or DRAFT); "
        "'signatures' prints the МАКУЛДАШЫЛДЫ (kenesh chair) and БЕКИТЕМИН (head) blocks. Programs use both.",
    )
    letter_repair: bool = Field(
        default=True,
        description="Replace look-alike characters typed for ң ө ү in Kyrgyz texts (ӊ, ɵ, a Latin y inside a "
        "Cyrillic word...), with a warning per field at validation and at render; false keeps every text exactly "
        "as typed.",
    )

    # Kyrgyz texts are normalised on load (look-alike letters to ң ө ү) unless letter_repair is false; what was
    # changed is kept here so that the rule kg.aa.letters reports it (validate and render show the warning): a
    # silent change to an official text would go unnoticed.
    _letter_changes: list[LetterChange] = PrivateAttr(default_factory=list)

    @model_validator(mode="wrap")
    @classmethod
    def _normalise_kyrgyz_letters(cls, data: Any, handler: ModelWrapValidatorHandler[AaProgram]) -> AaProgram:
        if isinstance(data, dict) and data.get("letter_repair") is False:
            return handler(data)  # the officer asked for the texts exactly as typed
        clean, changes = normalise_program_data(data)
        program = handler(clean)
        program._letter_changes = changes
        return program

    @property
    def letter_changes(self) -> list[LetterChange]:
        """The look-alike letters replaced when the program was loaded, one entry per field."""
        return self._letter_changes
