"""The generic program model. Plugins subclass these classes to add what their methodology needs."""

from .activities import Activity, ActivityFinancing, Beneficiaries
from .alignment import AlignmentLink
from .common import (
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
from .financing import Financing, FundingSource
from .monitoring import MonitoringPlan, ReportingStep
from .municipality import Municipality, ParentUnit
from .program import Approval, Confirmation, MethodologyRef, Period, Program
from .situation import PassportIndicator, SituationAnalysis, Swot
from .strategy import Baseline, Goal, Indicator, Objective, Priority, Task

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
