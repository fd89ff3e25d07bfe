"""The rendering stage's rule (`approval.py`) as a plugin, imported on first validation."""

from __future__ import annotations

from typing import Any

from sedp_core.hookspecs import hookimpl


@hookimpl(trylast=True)
def sedp_register_validators(register: Any) -> None:
    from sedp_core.rendering.approval import unconfirmed

    register(f"core.{unconfirmed.__name__}", unconfirmed)
