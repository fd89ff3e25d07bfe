"""Pydantic models of a program under the Kyrgyz ayil aimak methodology (they become its JSON Schema)."""

from .model_municipality import AaMunicipality, Distances, Village
from .model_participation import (
    Decision,
    Hearing,
    HearingRemark,
    JointActionPlan,
    Member,
    NeedsAssessment,
    ParticipantCount,
    Problem,
    Session,
    WorkingGroup,
)
from .model_program import AaActivity, AaApproval, AaProgram, Risk

__all__ = [
    "AaActivity",
    "AaApproval",
    "AaMunicipality",
    "AaProgram",
    "Decision",
    "Distances",
    "Hearing",
    "HearingRemark",
    "JointActionPlan",
    "Member",
    "NeedsAssessment",
    "ParticipantCount",
    "Problem",
    "Risk",
    "Session",
    "Village",
    "WorkingGroup",
]
