"""The generic program model. Plugins subclass these classes to add what their methodology needs."""

from sedp_core.models.activities import Activity, ActivityFinancing, Beneficiaries
from sedp_core.models.alignment import AlignmentLink
from sedp_core.models.common import (
    MAX_NUMBER,
    Amount,
    Count,
    Identifier,
    LanguageCode,
    Model,
    Money,
    Quantity,
    Text,
    Year,
    YearAmount,
    YearValue,
    pick_text,
)
from sedp_core.models.financing import Financing, FundingSource
from sedp_core.models.monitoring import MonitoringPlan, ReportingStep
from sedp_core.models.municipality import Municipality, ParentUnit
from sedp_core.models.picture import Picture
from sedp_core.models.program import Approval, Confirmation, MethodologyRef, Period, Program
from sedp_core.models.situation import PassportIndicator, SituationAnalysis, Swot
from sedp_core.models.strategy import Baseline, Goal, Indicator, Objective, Priority, Task

__all__ = [
    "MAX_NUMBER",
    "Activity",
    "ActivityFinancing",
    "AlignmentLink",
    "Amount",
    "Approval",
    "Baseline",
    "Beneficiaries",
    "Confirmation",
    "Count",
    "Financing",
    "FundingSource",
    "Goal",
    "Identifier",
    "Indicator",
    "LanguageCode",
    "MethodologyRef",
    "Model",
    "Money",
    "MonitoringPlan",
    "Municipality",
    "Objective",
    "ParentUnit",
    "PassportIndicator",
    "Period",
    "Picture",
    "Priority",
    "Program",
    "Quantity",
    "ReportingStep",
    "SituationAnalysis",
    "Swot",
    "Task",
    "Text",
    "Year",
    "YearAmount",
    "YearValue",
    "pick_text",
]
