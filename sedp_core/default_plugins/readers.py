"""YAML and JSON readers. YAML keeps the line and column of every value so errors can point at them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..hookspecs import hookimpl
from ..loader import LoadedData, NodeBudget, read_text


def read_yaml(path: Path) -> LoadedData:
    """A YAML program, read by libyaml with the line and column of every value (see `sedp_core.yaml_reader`)."""
    from ..yaml_reader import parse_yaml

    data, positions = parse_yaml(read_text(path), str(path))
    if data is None:
        raise InputError("the file is empty", location=str(path), code="input.empty")
    return LoadedData(data=data, source=str(path), positions=positions)


def read_json(path: Path) -> LoadedData:
    text = read_text(path)
    if not text.strip():
        raise InputError("the file is empty", location=str(path), code="input.empty")

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise InputError(f"duplicate key {key!r}", location=str(path), code="input.duplicate-key")
            out[key] = value
        return out

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON error: {exc.msg}", location=f"{path}:{exc.lineno}:{exc.colno}",
                         code="input.json-syntax") from None
    except RecursionError:
        raise InputError("the JSON is nested too deeply", location=str(path), code="input.too-deep") from None
    budget = NodeBudget(str(path))

    def count(value: Any, depth: int) -> None:
        budget.spend(depth)
        if isinstance(value, list):
            budget.check_rows(len(value), "a list")
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            count(child, depth + 1)

    count(data, 0)
    return LoadedData(data=data, source=str(path), positions={"": "1:1"})


@hookimpl
def sedp_register_readers(register: Any) -> None:
    register((".yaml", ".yml"), read_yaml)
    register((".json",), read_json)
