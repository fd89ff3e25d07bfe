"""`sedp schema diff A B`: what changed between two versions of a methodology's schema.

A and B are `METHODOLOGY@VERSION` (generated from the installed plugins) or paths to schema files (for example a
committed `schemas/<id>/<version>/program.schema.json` from an older release).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sedp_core.errors import InputError
from sedp_core.registry.collect import Registry, get_registry
from sedp_core.schema.export import methodology_schema

__all__ = ["Change", "diff_schemas", "load_schema"]


@dataclass(frozen=True)
class Change:
    """One difference: `kind` is added, removed, required, optional, codes-added, codes-removed, type, catalogs."""

    kind: str
    where: str
    detail: str = ""

    def __str__(self) -> str:
        sign = {"added": "+", "removed": "-", "codes-added": "+", "codes-removed": "-"}.get(self.kind, "~")
        return f"{sign} {self.kind:14} {self.where}" + (f": {self.detail}" if self.detail else "")


def load_schema(ref: str, registry: Registry | None = None) -> dict[str, Any]:
    """A schema by file path, or by `methodology@version` from the installed plugins."""
    path = Path(ref)
    if path.is_file():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"not a readable JSON schema: {exc}", location=ref, code="input.unreadable") from None
    if "@" not in ref:
        raise InputError(f"{ref!r} is neither a schema file nor METHODOLOGY@VERSION", code="input.unusable")
    mid, version = ref.split("@", 1)
    registry = registry or get_registry()
    return methodology_schema(registry.methodology(mid, version), registry)


def _objects(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {"Program": schema, **schema.get("$defs", {})}


def _signature(prop: dict[str, Any]) -> str:
    from sedp_core.schema.doc import type_of

    return type_of(prop)


def diff_schemas(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every field added, removed, made required or optional, retyped, and every code added or removed."""
    changes: list[Change] = []
    old_objs, new_objs = _objects(old), _objects(new)
    for name in sorted(old_objs.keys() - new_objs.keys()):
        changes.append(Change("removed", name, "object"))
    for name in sorted(new_objs.keys() - old_objs.keys()):
        changes.append(Change("added", name, "object"))
    for name in sorted(old_objs.keys() & new_objs.keys()):
        a, b = old_objs[name], new_objs[name]
        a_props, b_props = a.get("properties", {}), b.get("properties", {})
        a_req, b_req = set(a.get("required", [])), set(b.get("required", []))
        for field in sorted(a_props.keys() - b_props.keys()):
            changes.append(Change("removed", f"{name}.{field}"))
        for field in sorted(b_props.keys() - a_props.keys()):
            changes.append(Change("added", f"{name}.{field}", "required" if field in b_req else "optional"))
        for field in sorted(a_props.keys() & b_props.keys()):
            where = f"{name}.{field}"
            if field in b_req and field not in a_req:
                changes.append(Change("required", where))
            if field in a_req and field not in b_req:
                changes.append(Change("optional", where))
            if _signature(a_props[field]) != _signature(b_props[field]):
                changes.append(Change("type", where, f"{_signature(a_props[field])} → {_signature(b_props[field])}"))
            a_codes = [c for c in a_props[field].get("enum", []) if c is not None]
            b_codes = [c for c in b_props[field].get("enum", []) if c is not None]
            if added := [c for c in b_codes if c not in a_codes]:
                changes.append(Change("codes-added", where, ", ".join(map(str, added))))
            if removed := [c for c in a_codes if c not in b_codes]:
                changes.append(Change("codes-removed", where, ", ".join(map(str, removed))))
    a_cat = old.get("x-sedp-methodology", {}).get("catalogs", [])
    b_cat = new.get("x-sedp-methodology", {}).get("catalogs", [])
    if a_cat != b_cat:
        changes.append(Change("catalogs", "methodology", f"{', '.join(a_cat) or '—'} → {', '.join(b_cat) or '—'}"))
    return changes
