"""Pydantic models of a program under the Kyrgyz ayil aimak methodology (they become its JSON Schema)."""

from .model_municipality import AaMunicipality, Distances, Village
from .model_participation import (
    Decision,
    Gathering,
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
from .model_program import AaActivity, AaApproval, AaMonitoring, AaProgram, IndicatorResult, Risk

__all__ = [
    "AaActivity",
    "AaApproval",
    "AaMonitoring",
    "AaMunicipality",
    "AaProgram",
    "Decision",
    "Distances",
    "Gathering",
    "Hearing",
    "HearingRemark",
    "IndicatorResult",
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
