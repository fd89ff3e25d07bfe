"""The monitoring and evaluation plan."""

from __future__ import annotations

from pydantic import Field

from sedp_core.i18n import N_
from sedp_core.models.common import Model, Text

__all__ = ["MonitoringPlan", "ReportingStep"]


class ReportingStep(Model):
    """One recurring monitoring or reporting step."""

    what: Text = Field(description=N_("What is done (report, review, survey, hearing...)."))
    who: Text = Field(description=N_("Who does it."))
    when: Text = Field(description=N_("When or how often."))
    to_whom: Text | None = Field(default=None, description=N_("Who receives the result."))


class MonitoringPlan(Model):
    """How the program's progress is followed and evaluated."""

    description: Text | None = Field(default=None, description=N_("How monitoring is organised."))
    responsible: Text | None = Field(default=None, description=N_("Body responsible for monitoring."))
    steps: list[ReportingStep] = Field(default_factory=list, description=N_("Monitoring and reporting steps."))
    evaluation: Text | None = Field(default=None, description=N_("How and when the program is evaluated."))
