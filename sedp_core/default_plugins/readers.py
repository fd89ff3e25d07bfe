"""YAML and JSON readers. YAML keeps the line and column of every value so errors can point at them."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..hookspecs import hookimpl
from ..loader import LoadedData, NodeBudget, escape_pointer, read_text


@functools.cache
def _text_timestamps_constructor() -> type:
    """A round-trip constructor that leaves dates as text: the model parses them, so an impossible date such as
    2024-02-30 becomes a located schema error instead of the loader's crash."""
    from ruamel.yaml.constructor import RoundTripConstructor

    class TextTimestamps(RoundTripConstructor):  # type: ignore[misc]
        pass

    TextTimestamps.add_constructor("tag:yaml.org,2002:timestamp", TextTimestamps.construct_yaml_str)
    return TextTimestamps


def read_yaml(path: Path) -> LoadedData:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    text = read_text(path)
    yaml = YAML(typ="rt")
    yaml.Constructor = _text_timestamps_constructor()
    try:
        node = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem, code = exc.problem or exc.context or "YAML syntax error", "input.yaml-syntax"
        if "duplicate key" in str(exc):
            problem = f"duplicate key: {str(exc).split('found duplicate key')[-1].split(chr(10))[0].strip()}"
            code = "input.duplicate-key"
        raise InputError(f"YAML error: {problem}", location=where, code=code) from None
    except YAMLError as exc:
        raise InputError(f"YAML error: {exc}", location=str(path), code="input.yaml-syntax") from None
    except RecursionError:
        raise InputError("the YAML is nested too deeply", location=str(path), code="input.too-deep") from None
    except Exception as exc:  # the loader's own failures must still reach the user as one clear message
        raise InputError(f"YAML error: {exc}", location=str(path), code="input.yaml-syntax") from None
    if node is None:
        raise InputError("the file is empty", location=str(path), code="input.empty")

    positions: dict[str, str] = {}
    budget = NodeBudget(str(path))
    budget.check_expanded_size(node, CommentedMap, CommentedSeq)

    def plain(value: Any, pointer: str, depth: int) -> Any:
        budget.spend(depth)
        if isinstance(value, CommentedMap):
            out = {}
            for key, item in value.items():
                child = f"{pointer}/{escape_pointer(key)}"
                pos = value.lc.key(key)
                if pos and pos[0] is not None:
                    positions[child] = f"{pos[0] + 1}:{pos[1] + 1}"
                out[str(key) if not isinstance(key, str) else key] = plain(item, child, depth + 1)
            return out
        if isinstance(value, CommentedSeq):
            budget.check_rows(len(value), pointer or "the top level")
            out_list = []
            for i, item in enumerate(value):
                child = f"{pointer}/{i}"
                pos = value.lc.item(i)
                if pos and pos[0] is not None:
                    positions[child] = f"{pos[0] + 1}:{pos[1] + 1}"
                out_list.append(plain(item, child, depth + 1))
            return out_list
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int):
            return int(value)
        if isinstance(value, float):
            return float(value)
        return str(value)  # strings, and dates, which the constructor leaves as text

    try:
        data = plain(node, "", 0)
    except RecursionError:
        raise InputError("the YAML is nested too deeply", location=str(path), code="input.too-deep") from None
    positions.setdefault("", "1:1")
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
        raise InputError("the file is empty", location=str(path), code="input.empty")

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
        raise InputError(f"duplicate key {key!r}: a key may appear once in an object",
                         location=f"{path}:{where}" if where else str(path), code="input.duplicate-key") from None
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
