"""The core's rules (`core_rules.py`) as a plugin, imported on first validation: listing plugins needs no models."""

from __future__ import annotations

from typing import Any

from sedp_core.hookspecs import hookimpl


@hookimpl(trylast=True)
def sedp_register_validators(register: Any) -> None:
    from sedp_core.validation.core_rules import CORE_RULES

    for rule in CORE_RULES:
        register(f"core.{rule.__name__}", rule)
