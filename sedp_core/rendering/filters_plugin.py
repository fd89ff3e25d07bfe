"""The core's template filters (`filters.py`) as a plugin, imported when the first template is prepared."""

from __future__ import annotations

from typing import Any

from sedp_core.hookspecs import hookimpl


@hookimpl(trylast=True)
def sedp_register_template_filters(register: Any) -> None:
    from sedp_core.rendering.filters import CORE_FILTERS

    for function in CORE_FILTERS:
        register(function.__name__, function)
