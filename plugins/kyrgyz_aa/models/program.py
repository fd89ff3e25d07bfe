"""The program under the Kyrgyz ayil aimak methodology: the core program plus what the methodology asks for."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ModelWrapValidatorHandler, PrivateAttr, model_validator

from sedp_core.models import (
    Activity,
    Amount,
    Approval,
    Identifier,
    Model,
    MonitoringPlan,
    PassportIndicator,
    Program,
    Quantity,
    SituationAnalysis,
    Text,
    Year,
)
from sedp_kyrgyz_aa.letters import LetterChange, normalise_program_data
from sedp_kyrgyz_aa.models.municipality import AaMunicipality
from sedp_kyrgyz_aa.models.participation import Hearing, NeedsAssessment, WorkingGroup

__all__ = [
    "AaActivity",
    "AaApproval",
    "AaMonitoring",
    "AaPassportIndicator",
    "AaProgram",
    "AaSituation",
    "ActivityProgress",
    "IndicatorResult",
    "Risk",
    "Spent",
]


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
    session: Text | None = Field(
        default=None, description="The kenesh session, printed above the resolution's number and date, e.g. "
        "ky 'VII чакырылышынын XII сессиясы', ru 'XII сессия VII созыва'."
    )
    control_by: Text | None = Field(
        default=None,
        description="Who controls the execution of the resolution, in the form the clause needs (ky dative "
        "'… туруктуу комиссиясына', ru accusative '… постоянную комиссию …'). Empty: the kenesh chair.",
    )


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


class Spent(Model):
    """Money actually spent on an activity from one source in the report year."""

    source: Identifier = Field(description="Id of a funding source in the financing section.")
    amount: Amount = Field(description="Amount spent, in som.")


class ActivityProgress(Model):
    """How far one activity of the action plan got in one year: the activity part of the monitoring report."""

    activity: Identifier = Field(description="Id of an activity of the action plan.")
    year: Year = Field(description="The year reported on (a year of the program period).")
    status: str | None = Field(default=None, description="Status, from codelist 'kg.progress_status'.")
    spent: list[Spent] = Field(default_factory=list, description="Money spent in that year, by source.")
    comment: Text | None = Field(default=None, description="Comment: what was done, reasons for a delay.")


class AaMonitoring(MonitoringPlan):
    """The core monitoring plan plus the results the annual monitoring report shows."""

    report_year: Year | None = Field(
        default=None, description="Year of the annual monitoring report; empty: the latest year with results, "
        "else the first year of the program."
    )
    results: list[IndicatorResult] = Field(
        default_factory=list, description="Measured values; an indicator without one gets blank lines to fill in."
    )
    activity_progress: list[ActivityProgress] = Field(
        default_factory=list,
        description="Activities carried out and money spent, per year: the report's activity and by-source tables "
        "(an activity planned in the report year without an entry gets blank lines to fill in).",
    )


class AaPassportIndicator(PassportIndicator):
    """A line of the socio-economic passport; `code` names a line of the plugin's standard passport list."""

    code: str | None = Field(
        default=None, description="Code of a standard passport indicator (data/2018/passport.yaml, e.g. "
        "'budget_revenue'): the value fills that line of the standard table instead of adding a line."
    )


class AaSituation(SituationAnalysis):
    """The situation analysis with passport lines that may fill the plugin's standard passport table."""

    passport: list[AaPassportIndicator] = Field(  # type: ignore[assignment]
        default_factory=list, description="Socio-economic passport: values of the standard lines (by `code`) and "
        "lines of the municipality's own."
    )


class AaProgram(Program):
    """A socio-economic development program (СЭӨП / ПСЭР) of an ayil aimak or town of the Kyrgyz Republic."""

    municipality: AaMunicipality
    situation: AaSituation = Field(default_factory=AaSituation, description="Situation analysis.")
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
    review_annexes: bool = Field(
        default=False,
        description="Print the reviewer's annex at the end of the program: the directions of each national "
        "document the program claims that it does not cover (also listed by `sedp validate`).",
    )
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
