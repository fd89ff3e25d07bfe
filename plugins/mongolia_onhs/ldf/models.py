"""The program model of the Local Development Fund (ОНХС) procedure: the core program plus the soum's bags, the
fund envelope, the citizens' proposals, the bag ИНХ meetings and the ИТХ resolution draft.

Codes (bag type, envelope source, channel, proposal type, sector, status) are checked against the plugin's
codelists by the core's codelist rule (`CODELIST_USES` in plugin.py), so the lists stay data an expert can edit.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from sedp_core.models import Amount, Beneficiaries, Count, Identifier, Model, Money, Program, Quantity, Text, Year

__all__ = [
    "ApaResult",
    "Bag",
    "BagMeeting",
    "EligibilityDecision",
    "EnvelopeLine",
    "FundEnvelope",
    "Implementation",
    "MeetingVote",
    "OnhsProgram",
    "PerformanceAssessment",
    "Proposal",
    "ResolutionDraft",
    "WorkingGroup",
]


class Bag(Model):
    """A bag (баг), the primary administrative unit of the soum, whose ИНХ ranks its citizens' proposals."""

    id: Identifier
    name: Text = Field(description="Name of the bag, e.g. «1-р баг, Тэгш».")
    type: str = Field(description="Type of bag, a code of the codelist 'mn.bag_type' (village, rural, mixed, centre).")
    population: Count | None = Field(default=None, description="Resident population.")
    households: Count | None = Field(default=None, description="Number of households.")
    governor: Text | None = Field(default=None, description="Name of the bag Governor (багийн Засаг дарга).")
    inh_chair: Text | None = Field(default=None, description="Name of the chair of the bag ИНХ (ИНХ-ын дарга).")


class EnvelopeLine(Model):
    """One line of the fund envelope: an amount from one source."""

    source: str = Field(
        description="Source, a code of the codelist 'mn.ldf_source' (aimag_transfer, own_topup, apa_incentive, "
        "general_support, balance, donation)."
    )
    amount: Amount = Field(description="Amount in the program's currency (units, not thousands).")
    reference: Text | None = Field(default=None, description="The decision or notice that sets the amount.")
    note: Text | None = Field(default=None, description="Remarks.")


class FundEnvelope(Model):
    """The Local Development Fund envelope of the soum for the planning year, line by source."""

    year: Year = Field(description="Budget year the envelope is for.")
    lines: list[EnvelopeLine] = Field(min_length=1, description="Amounts by source; reported separately.")
    financing_source: Identifier | None = Field(
        default=None,
        description="Id of the core financing source that stands for the LDF; its amount for the year should "
        "equal the envelope total.",
    )

    @property
    def total(self) -> float:
        return sum(line.amount for line in self.lines)


class EligibilityDecision(Model):
    """The soum working group's decision on whether the fund may pay for a proposal (the legal negative list)."""

    eligible: bool = Field(description="True: the group checked it against the negative list and it may be funded; "
                           "false: it may not (name the items in `restricted_uses`).")
    reason: Text | None = Field(default=None, description="Why, in a sentence (printed in the working group's "
                                "ranking), e.g. «Нийтийн эрх ашигт нийцсэн, шашны зан үйл биш».")


class Implementation(Model):
    """When, by whom and how a funded project is carried out (the implementation schedule of the LDF plan)."""

    start_month: int = Field(ge=1, le=12, description="First month of the work in the budget year (1-12).")
    end_month: int = Field(ge=1, le=12, description="Last month of the work in the budget year (1-12).")
    responsible: Text = Field(description="The unit responsible (хариуцах байгууллага), e.g. «Сумын ЗДТГ».")
    procurement: str = Field(description="Procurement method, a code of 'mn.procurement_method'.")


class Proposal(Model):
    """A citizens' proposal for a project or measure to finance from the fund."""

    id: Identifier = Field(description="Proposal number, unique in the soum (e.g. «B1-03»).")
    bag: Identifier = Field(description="Id of the bag the proposal comes from.")
    # A citizen's name: kept in the documents, never in open-data exports.
    proposer: Text = Field(description="The citizen or group who proposed it.", json_schema_extra={"personal": True})
    channel: str = Field(description="How it came in, a code of 'mn.proposal_channel'.")
    title: Text = Field(description="Name of the project or measure.")
    description: Text | None = Field(
        default=None, description="What the proposal asks for, in the proposer's words (printed under its name).")
    type: str = Field(description="Type, a code of 'mn.proposal_type' (new_construction, repair, equipment, service).")
    sector: str = Field(description="Sector, a code of 'mn.sector'.")
    location: Text | None = Field(default=None, description="Where it would be carried out.")
    cost: Money = Field(description="Estimated cost.")
    beneficiaries: Beneficiaries = Field(default_factory=Beneficiaries, description="Persons and households served.")
    task: Identifier | None = Field(
        default=None, description="Id of the task of the soum development plan (goal tree) the proposal serves."
    )
    restricted_uses: list[str] = Field(
        default_factory=list,
        description="Items of the legal negative list (Budget Law art. 60.3) that apply to the proposal, by id "
        "(see the plugin's eligibility data); any item makes the proposal ineligible.",
    )
    scores: dict[str, Quantity] = Field(
        default_factory=dict,
        description="Points the soum working group gave, by ranking criterion id (see the plugin's ranking data).",
    )
    eligibility: EligibilityDecision | None = Field(
        default=None, description="The working group's decision against the legal negative list; required when the "
        "title or description reads like an item of the list (see the plugin's eligibility data).")
    status: str = Field(default="submitted", description="Status, a code of 'mn.proposal_status'.")
    note: Text | None = Field(default=None, description="Remarks, e.g. why it was rejected.")
    implementation: Implementation | None = Field(
        default=None, description="Implementation schedule, for a funded proposal: months, responsible unit, "
        "procurement method.")


class MeetingVote(Model):
    """The result of one proposal at a bag ИНХ meeting."""

    proposal: Identifier = Field(description="Id of the proposal.")
    votes: Count = Field(description="Number of participants who voted for it.")
    rank: Count = Field(ge=1, description="Rank the meeting gave it (1 = first).")


class BagMeeting(Model):
    """A bag Citizens' Public Meeting (ИНХ) that ranked and approved the bag's proposals."""

    id: Identifier
    bag: Identifier = Field(description="Id of the bag.")
    number: str | None = Field(default=None, description="Number of the minutes (тэмдэглэлийн дугаар), once given.")
    date: dt.date = Field(description="Date of the meeting.")
    # Hours and minutes as officers write them («10:00»): a JSON Schema time would demand seconds and a zone.
    start_time: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
                                   description="Time the meeting opened, HH:MM, e.g. «10:00».")
    end_time: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
                                 description="Time the meeting closed, HH:MM.")
    place: Text = Field(description="Where it was held.")
    registered: Count = Field(ge=1, description="Residents entitled to take part, as counted in the meeting register.")
    attendance: Count = Field(description="Residents who took part.")
    chair: Text = Field(description="Who chaired the meeting (normally the ИНХ chair).")
    chair_position: Text | None = Field(
        default=None, description="The chair's office as signed; empty: the chair of the bag ИНХ (ИНХ-ын дарга).")
    secretary: Text = Field(description="Who took the minutes.")
    secretary_position: Text | None = Field(default=None, description="The secretary's position, if any.")
    voting_method: str | None = Field(default=None, description="How the meeting voted, a code of "
                                      "'mn.voting_method' (show of hands, ballot, electronic).")
    votes: list[MeetingVote] = Field(default_factory=list, description="Votes and rank of each proposal.")
    discussed: list[Identifier] = Field(
        default_factory=list, description="Proposals of the bag the meeting discussed but did not rank (rejected, "
        "withdrawn), by id: the minutes list them with their decision.")
    decisions: list[Text] = Field(default_factory=list, description="What the meeting decided, one item per line.")


class WorkingGroup(Model):
    """The soum working group that ranks the lists coming from the bags."""

    date: dt.date | None = Field(default=None, description="Date the group ranked the proposals.")
    order_number: str | None = Field(
        default=None, description="Number of the soum Governor's order (захирамж) that set up the group.")
    order_date: dt.date | None = Field(default=None, description="Date of that order.")
    chair: Text | None = Field(default=None, description="Chair of the group.")
    members: list[Text] = Field(default_factory=list, description="Members (name, position).",
                                json_schema_extra={"personal": True})


class ResolutionDraft(Model):
    """Details of the soum ИТХ resolution that approves the list; blank number or date print as lines to fill."""

    number: str | None = Field(default=None, description="Resolution number, once given.")
    session: str | None = Field(
        default=None, description="Number of the Khural's session (хуралдаан) that adopts it, e.g. «5», once known.")
    date: dt.date | None = Field(default=None, description="Date of the session.")
    place: Text = Field(description="Place of the session (the soum centre).")
    chair: Text = Field(description="Name of the chair of the soum ИТХ, who signs.")
    implementer: Text = Field(description="Who is tasked with carrying out the list (normally the soum Governor).")
    overseer: Text | None = Field(default=None, description="Who is tasked with oversight (e.g. an ИТХ section).")
    remainder_article: Text | None = Field(
        default=None, description="The article on the unallocated remainder as the Khural adopts it ({balance} is "
        "replaced by the amount); empty: the plugin's draft wording.")
    publication_article: Text | None = Field(
        default=None, description="The article on publishing the approved list ({implementer} is replaced); "
        "empty: the plugin's wording.")


class ApaResult(Model):
    """The points the soum gives itself on one indicator of the Annual Performance Assessment, with evidence."""

    indicator: Identifier = Field(description="Id of the indicator (see the plugin's data/apa.yaml).")
    points: Amount = Field(description="Points given, at most the indicator's maximum.")
    evidence: Text | None = Field(default=None, description="The documents that show it (what, where).")
    note: Text | None = Field(default=None, description="Remarks.")


class PerformanceAssessment(Model):
    """The soum's self-assessment of one year's LDF under the Annual Performance Assessment (ЖГҮ)."""

    id: Identifier
    year: Year = Field(description="The LDF year assessed.")
    date: dt.date | None = Field(default=None, description="Date the self-assessment was completed.")
    assessed_by: Text | None = Field(default=None, description="Who led it (name, position).")
    incentive_year: Year | None = Field(
        default=None, description="The budget year whose LDF envelope receives the incentive this assessment earns; "
        "its envelope's incentive line is checked against the estimate.")
    results: list[ApaResult] = Field(default_factory=list, description="Points per indicator.")


class OnhsProgram(Program):
    """A soum's Local Development Fund plan for one budget year under MoF order 86/2021."""

    bags: list[Bag] = Field(min_length=1, description="The bags of the soum.")
    fund: FundEnvelope = Field(description="The fund envelope for the year.")
    proposals: list[Proposal] = Field(default_factory=list, description="Citizens' proposals from every bag.")
    meetings: list[BagMeeting] = Field(default_factory=list, description="Bag ИНХ meetings that ranked them.")
    working_group: WorkingGroup = Field(default_factory=WorkingGroup, description="The soum working group.")
    resolution: ResolutionDraft | None = Field(default=None, description="The soum ИТХ resolution draft.")
    assessments: list[PerformanceAssessment] = Field(
        default_factory=list, description="The soum's Annual Performance Assessment self-assessments.")
    equal_shares_comparison: bool = Field(
        default=False, description="True: the working group's ranking annex gets a comparison page, and the Pabulib "
        "export a second instance, with what the Method of Equal Shares over the bag ИНХ ranks would fund under the "
        "same envelope (each participant of a bag meeting approves the meeting's ranked list; docs/mes.md). A "
        "comparison only: the allocation stays the procedure's. Needs the optional extra sedp[mes] (pabutools).")

