"""YAML and JSON readers. YAML keeps the line and column of every value so errors can point at them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sedp_core.errors import InputError
from sedp_core.hookspecs import hookimpl
from sedp_core.i18n import N_
from sedp_core.input.loader import LoadedData, NodeBudget, read_text


def read_yaml(path: Path) -> LoadedData:
    """A YAML program, read by libyaml with the line and column of every value (see `sedp_core.input.yaml_reader`)."""
    from sedp_core.input.yaml_reader import parse_yaml

    data, positions = parse_yaml(read_text(path), str(path))
    if data is None:
        raise InputError(N_("the file is empty"), params={}, location=str(path), code="input.empty")
    return LoadedData(data=data, source=str(path), positions=positions)


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')


def _duplicate_key_at(text: str) -> tuple[str, str] | None:
    """(key, "line:column") of the first key repeated within one object of `text`, which is valid JSON apart from
    that; the json module reports duplicates to a hook that knows no position, so they are found again here."""
    stack: list[set[str] | None] = []
    tokens = list(_JSON_TOKEN.finditer(text))
    for i, match in enumerate(tokens):
        token = match.group()
        if token in "{[":
            stack.append(set() if token == "{" else None)
        elif token in "}]":
            stack.pop()
        elif token.startswith('"') and i + 1 < len(tokens) and tokens[i + 1].group() == ":" and stack \
                and stack[-1] is not None:
            key = json.loads(token)
            if key in stack[-1]:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                return key, f"{line}:{column}"
            stack[-1].add(key)
    return None


def read_json(path: Path) -> LoadedData:
    text = read_text(path)
    if not text.strip():
        raise InputError(N_("the file is empty"), params={}, location=str(path), code="input.empty")

    class DuplicateKey(Exception):
        pass

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) != len(pairs):
            raise DuplicateKey
        return out

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except DuplicateKey:
        found = _duplicate_key_at(text)
        key, where = found if found else ("?", "")
        raise InputError(N_("duplicate key '{key}': a key may appear once in an object"), params={"key": key},
                         location=f"{path}:{where}" if where else str(path), code="input.duplicate-key") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON error: {exc.msg}", location=f"{path}:{exc.lineno}:{exc.colno}",
                         code="input.json-syntax") from None
    except RecursionError:
        raise InputError(N_("the JSON is nested too deeply"), params={}, location=str(path),
                         code="input.too-deep") from None
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
