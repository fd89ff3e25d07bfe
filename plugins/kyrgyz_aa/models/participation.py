"""Who prepared the program with whom: the working group, the needs assessment and the public hearings."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from sedp_core.models import Count, Identifier, Model, Text

__all__ = [
    "Decision",
    "Gathering",
    "Hearing",
    "HearingRemark",
    "JointActionPlan",
    "Member",
    "NeedsAssessment",
    "ParticipantCount",
    "Person",
    "Problem",
    "Session",
    "WorkingGroup",
]


class Decision(Model):
    """A decision of a local body (an order of the head, a kenesh resolution): who, number, date."""

    issued_by: Text = Field(description="Who took the decision, as the document names it.")
    issued_by_genitive: Text | None = Field(
        default=None,
        description="Who took it, in the form the decision line needs (ky: 'Ак-Кыя айыл өкмөтүнүн башчысынын', "
        "ru: 'главы айыл окмоту Ак-Кыя айылного аймака'): 'распоряжением главы … от 17 июня 2024 года № 34'. "
        "The plugin does not inflect names; empty: `issued_by` is printed as it is.",
    )
    kind: str = Field(description="Kind of decision, from codelist 'kg.decision_kind' (order, resolution).")
    number: str | None = Field(default=None, description="Number of the decision.")
    date: dt.date | None = Field(default=None, description="Date of the decision.")


class Member(Model):
    """A member of the working group."""

    # Members may be residents, not officials: their names stay out of open-data exports.
    name: Text = Field(description="Full name as it is written in the documents, per language where the spellings "
                       "differ.", json_schema_extra={"personal": True})
    role: str = Field(description="Role in the group, from codelist 'kg.wg_role' (chair, secretary, member...).")
    position: Text | None = Field(default=None, description="Position or organisation the member comes from.")
    sex: str | None = Field(default=None, description="Sex, from codelist 'kg.sex' (female, male).")


class WorkingGroup(Model):
    """The working group that prepared the program, and the decision that created it."""

    decision: Decision | None = Field(default=None, description="The decision that created the group.")
    members: list[Member] = Field(default_factory=list, description="Members of the group.")


class ParticipantCount(Model):
    """How many participants of one sex and one age group took part in a session."""

    sex: str = Field(description="Sex, from codelist 'kg.sex' (female, male).")
    age_group: str = Field(description="Age group, from codelist 'kg.age_group' (youth, adult, elder).")
    count: Count = Field(description="Number of participants.")


class Session(Model):
    """One needs-assessment session held in a village (PRA session, focus group, survey, gathering)."""

    id: Identifier
    village: Identifier = Field(description="Id of the village (in municipality.villages) where it was held.")
    date: dt.date = Field(description="Date of the session.")
    method: str = Field(description="Method, from codelist 'kg.needs_method' (pra, focus_group, survey, gathering).")
    participants: list[ParticipantCount] = Field(
        default_factory=list, description="Participants split by sex and age group."
    )
    facilitator: Text | None = Field(default=None, description="Who led the session.")
    attendees: list[Identifier] = Field(
        default_factory=list,
        description="Ids of the people (needs_assessment.people) who came, where a register was kept: a person "
        "who came to several sessions is then counted once in the inclusion figures, and the session's counts by "
        "sex and age come from the register (leave `participants` empty).",
    )


class Person(Model):
    """One participant of the needs assessment in the attendance register: no name, only what the inclusion
    figures need."""

    id: Identifier = Field(description="The register number (a session's `attendees` names it).")
    sex: str = Field(description="Sex, from codelist 'kg.sex' (female, male).")
    age_group: str = Field(description="Age group, from codelist 'kg.age_group' (youth, adult, elder).")


class Problem(Model):
    """A problem raised by the community, with the votes it got and its rank in the priority list."""

    id: Identifier
    title: Text = Field(description="The problem as the community stated it.")
    villages: list[Identifier] = Field(default_factory=list, description="Ids of the villages that raised it.")
    votes: Count = Field(description="Votes it received at the prioritisation gathering.")
    rank: Count = Field(ge=1, description="Rank in the priority list (1 = most important); must follow the votes.")
    sector: str | None = Field(default=None, description="Sector code from codelist 'kg.sector'.")
    not_addressed_reason: Text | None = Field(
        default=None,
        description="Why no activity of the program answers the problem (rule aa.top-need-unanswered: a top-ranked "
        "problem is answered by an activity or carries this reason).",
    )


class Gathering(Model):
    """The community gathering (жыйын / сход) that ranked the needs; its minutes are a document of their own.

    Date, village and participants are those of the session it names, so they are entered once.
    """

    session: Identifier = Field(
        description="Id of the needs-assessment session (method 'gathering') at which the problems were ranked."
    )
    number: str | None = Field(default=None, description="Number of the minutes (протокол №).")
    place: Text | None = Field(default=None, description="Where exactly it took place (building).")
    # Chair and secretary of a village gathering are residents, not always officials: personal data.
    chair: Text | None = Field(default=None, description="Who chaired the gathering (full name, surname first).",
                               json_schema_extra={"personal": True})
    secretary: Text | None = Field(default=None, description="Who kept the minutes (full name, surname first).",
                                   json_schema_extra={"personal": True})
    votes_per_participant: Count = Field(
        default=1, ge=1,
        description="How many votes each participant had. The problems' votes add up to at most the gathering "
        "session's participants times this number (rule aa.votes-exceed-participants).",
    )
    decisions: list[Text] = Field(default_factory=list, description="What the gathering decided, item by item.")


class JointActionPlan(Model):
    """The joint action plan (биргелешкен аракеттер планы) approved at a village gathering."""

    approved_on: dt.date | None = Field(default=None, description="Date of the gathering that approved it.")
    place: Text | None = Field(default=None, description="Where the gathering took place.")
    reference: Text | None = Field(default=None, description="Reference to the plan (minutes, annex, web link).")


class NeedsAssessment(Model):
    """The participatory needs assessment (ЖМБА / СИНС): sessions, ranked problems, the joint action plan."""

    sessions: list[Session] = Field(default_factory=list, description="Sessions held, one or more per village.")
    people: list[Person] = Field(
        default_factory=list, description="The attendance register (optional): each participant once, by sex and age "
        "group; sessions name who came in `attendees`."
    )
    problems: list[Problem] = Field(default_factory=list, description="Problems raised, with votes and rank.")
    ranking_method: Text | None = Field(
        default=None, description="How the problems were ranked (the methodology does not fix a rule: to confirm)."
    )
    joint_action_plan: JointActionPlan | None = Field(default=None, description="The joint action plan.")
    gathering: Gathering | None = Field(
        default=None, description="The gathering that ranked the problems (document 'gathering_minutes')."
    )


class HearingRemark(Model):
    """A remark made at a public hearing and what the working group did with it."""

    text: Text = Field(description="The remark.")
    response: Text | None = Field(default=None, description="How it was taken into account, or why not.")
    accepted: bool | None = Field(default=None, description="Whether the draft was changed because of it.")


class Hearing(Model):
    """A public hearing (коомдук угуу / общественные слушания) on the draft program."""

    date: dt.date = Field(description="Date of the hearing; hearings come before the kenesh approves the program.")
    place: Text = Field(description="Where it took place.")
    participants: Count = Field(description="Number of participants.")
    women: Count | None = Field(default=None, description="Of whom women.")
    remarks: list[HearingRemark] = Field(default_factory=list, description="Remarks made, with the responses.")
