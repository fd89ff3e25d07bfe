"""Which findings each registered rule can give (code, severity, English message), read from its source.

Reviewers validate a methodology's rules as much as its fields (`sedp schema doc` lists them), without reading
Python. Rules yield `Finding`s through calls such as ``finding("code", "error", path, "message")`` or
``Finding(code=..., severity=..., path=..., messages={"en": ...})``; this module reads those calls in the rule
function and in the functions of its module it calls, so the list stays in step with the code. A finding whose
code is computed at run time cannot be read: the rule is then listed with its description only.
"""

from __future__ import annotations

import ast
import functools
import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["RuleFinding", "rule_findings"]

SEVERITIES = {"error", "warning", "info"}


@dataclass(frozen=True)
class RuleFinding:
    """A finding a rule can give: its code, its severity (``error``, ``warning``, ``info`` or ``varies``) and
    its English message with the run-time values as ``{placeholders}``."""

    code: str
    severity: str
    message: str


def _text(node: ast.AST | None) -> str:
    """A message argument as a reader sees it: f-string values become {placeholders}."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue):
                parts.append("{" + _value_name(value.value) + "}")
        return "".join(parts)
    if isinstance(node, ast.Dict):  # messages={"en": ...}
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == "en":
                return _text(value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_" and node.args:
        return _text(node.args[0])  # a catalog msgid (sedp_core/i18n.py): its placeholders are already {names}
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _text(node.left) + _text(node.right)
    return ""


def _value_name(node: ast.expr) -> str:
    """The name a reader understands for a run-time value: ``a.id`` → ``id``; an expression → ``…``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        return _value_name(node.value)
    return "…"


def _from_call(call: ast.Call) -> RuleFinding | None:
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    args = list(call.args)
    code = args[0] if args else keywords.get("code")
    severity = args[1] if len(args) > 1 else keywords.get("severity")
    message = args[3] if len(args) > 3 else keywords.get("messages", keywords.get("message"))
    if not (isinstance(code, ast.Constant) and isinstance(code.value, str) and "." in code.value):
        return None
    if isinstance(severity, ast.Constant) and severity.value in SEVERITIES:
        level = str(severity.value)
    elif severity is not None:
        level = "varies"
    else:
        return None
    return RuleFinding(code.value, level, _text(message))


@functools.cache
def _module_functions(module_name: str) -> dict[str, ast.FunctionDef]:
    import sys

    module = sys.modules.get(module_name)
    try:
        tree = ast.parse(inspect.getsource(module)) if module else None
    except (OSError, TypeError):
        return {}
    if tree is None:
        return {}
    return {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def rule_findings(function: Callable[..., Any]) -> list[RuleFinding]:
    """The findings `function` (a registered rule) can give, in source order, each code once."""
    try:
        node: ast.AST = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError):
        return []
    local = _module_functions(getattr(function, "__module__", ""))
    seen: set[str] = set()
    found: dict[str, RuleFinding] = {}
    todo = [node]
    while todo:
        current = todo.pop(0)
        for call in (n for n in ast.walk(current) if isinstance(n, ast.Call)):
            hit = _from_call(call)
            if hit and hit.code not in found:
                found[hit.code] = hit
            name = call.func.id if isinstance(call.func, ast.Name) else None
            if name and name in local and name not in seen:  # a helper of the rule's own module
                seen.add(name)
                todo.append(local[name])
    return list(found.values())
