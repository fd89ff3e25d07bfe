"""Codelists every methodology shares. Plugins add codes by registering a codelist with the same id."""

from __future__ import annotations

from typing import Any

from sedp_core.hookspecs import hookimpl
from sedp_core.registry.types import Codelist


@hookimpl(trylast=True)
def sedp_register_codelists(register: Any) -> None:
    register(
        Codelist(
            "funding_source_kind",
            {
                "local_budget": {"en": "Local budget"},
                "state_budget": {"en": "State budget"},
                "fund": {"en": "Fund"},
                "donor": {"en": "Donor"},
                "private": {"en": "Private sector"},
                "community": {"en": "Community contribution"},
            },
            title={"en": "Kinds of funding source"},
        )
    )
    register(
        Codelist(
            "frequency",
            {
                "monthly": {"en": "Monthly"},
                "quarterly": {"en": "Quarterly"},
                "semiannual": {"en": "Every half year"},
                "annual": {"en": "Annually"},
                "end_of_period": {"en": "At the end of the period"},
            },
            title={"en": "How often an indicator is measured"},
        )
    )
