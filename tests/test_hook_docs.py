"""docs/plugin-hooks.md documents every hook, with the signature hookspecs.py has (pytest/datasette habit)."""

from __future__ import annotations

import inspect
import re

from sedp_core import hookspecs
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "plugin-hooks.md").read_text(encoding="utf-8")


def hookspec_signatures() -> dict[str, str]:
    out = {}
    for name, func in inspect.getmembers(hookspecs, inspect.isfunction):
        if name.startswith("sedp_"):
            out[name] = ", ".join(inspect.signature(func).parameters)
    return out


def documented_signatures() -> dict[str, str]:
    return {m.group(1): m.group(2).replace(" ", "") for m in re.finditer(r"^## (sedp_\w+)\(([^)]*)\)", DOC, re.M)}


def test_every_hook_is_documented_with_its_signature() -> None:
    specs = {k: v.replace(" ", "") for k, v in hookspec_signatures().items()}
    assert specs, "no hookspecs found"
    assert documented_signatures() == specs


def test_every_hook_is_prefixed_and_has_a_docstring() -> None:
    for name, func in inspect.getmembers(hookspecs, inspect.isfunction):
        if name in {"hookimpl", "hookspec"}:
            continue
        assert name.startswith("sedp_"), name
        assert (func.__doc__ or "").strip(), f"{name} has no docstring"


def test_every_documented_hook_has_an_example() -> None:
    sections = re.split(r"^## ", DOC, flags=re.M)[1:]
    for section in sections:
        assert "```python" in section, section.splitlines()[0]
