"""Annotations that make a generated schema readable on its own: who added each field, and which codes it takes.

- `x-sedp-origin` on every property: "core", or the plugin that added the field; `x-sedp-changed-by` where a plugin
  redefined a core field (for example to a list of its own, richer items).
- `x-sedp-codelist` and `enum` on every property bound to a codelist, so any standard validator checks the codes.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from sedp_core.registry.types import Codelist, CodelistUse

__all__ = ["annotate_codelists", "annotate_origins", "model_classes"]


def model_classes(root: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model class reachable from `root` through field types, by class name (pydantic's $defs names)."""
    found: dict[str, type[BaseModel]] = {}

    def visit(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if found.get(tp.__name__) is tp:
                return
            found[tp.__name__] = tp
            for field in tp.model_fields.values():
                visit(field.annotation)
            return
        if isinstance(tp, types.UnionType) or typing.get_origin(tp) is not None:
            for arg in typing.get_args(tp):
                visit(arg)

    visit(root)
    return found


def _owner(cls: type, plugin: str) -> str:
    return "core" if cls.__module__.startswith("sedp_core.") else plugin


def annotate_origins(schema: dict[str, Any], root: type[BaseModel], plugin: str) -> None:
    """Mark each property with the package that added it ("core" or `plugin`), and who changed it."""
    classes = model_classes(root)
    bodies = {**schema.get("$defs", {}), root.__name__: schema}
    for name, cls in classes.items():
        body = bodies.get(name)
        if body is None:
            continue
        for field_name, prop in body.get("properties", {}).items():
            bases = [b for b in cls.__mro__ if isinstance(b, type) and issubclass(b, BaseModel)
                     and field_name in inspect.get_annotations(b)]
            if not bases:
                continue
            prop["x-sedp-origin"] = _owner(bases[-1], plugin)  # the most basic class that declares it
            changed = _owner(bases[0], plugin)
            if changed != prop["x-sedp-origin"]:
                prop["x-sedp-changed-by"] = changed


def _deref(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while True:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null"]
            if len(options) != 1:
                return node
            node = options[0]
        else:
            return node


def _resolve(schema: dict[str, Any], pattern: str) -> dict[str, Any] | None:
    """The property schema a pointer pattern such as `/financing/sources/*/kind` designates, if the schema has it."""
    node: dict[str, Any] | None = schema
    parts = pattern.strip("/").split("/")
    for i, part in enumerate(parts):
        node = _deref(schema, node or {})
        if part == "*":
            node = node.get("items")
        else:
            props = node.get("properties", {})
            if part not in props:
                return None
            if i == len(parts) - 1:
                return props[part]
            node = props[part]
        if node is None:
            return None
    return None


def annotate_codelists(schema: dict[str, Any], uses: Iterable[CodelistUse], codelists: dict[str, Codelist]) -> None:
    """Add `x-sedp-codelist` and `enum` to every property bound to a codelist."""
    for use in uses:
        prop = _resolve(schema, use.pointer)
        codelist = codelists.get(use.codelist)
        if prop is None or codelist is None:
            continue
        if prop.get("x-sedp-codelist", use.codelist) != use.codelist:
            continue  # one property bound to two lists (shared model): leave it to the rules
        prop["x-sedp-codelist"] = use.codelist
        nullable = any(o.get("type") == "null" for o in prop.get("anyOf", []))
        prop["enum"] = [*codelist.codes, *([None] if nullable else [])]
