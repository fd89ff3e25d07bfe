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


def _row_classes() -> dict[str, type]:
    import dataclasses

    from sedp_core.rendering import context_rows

    return {name: getattr(context_rows, name) for name in context_rows.__all__
            if dataclasses.is_dataclass(getattr(context_rows, name))}


def _field_docstrings(cls: type) -> dict[str, str]:
    """Each field's docstring (the string literal under it), read from the source."""
    import ast
    import textwrap

    node = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
    assert isinstance(node, ast.ClassDef)
    body = node.body
    return {st.target.id: body[i + 1].value.value for i, st in enumerate(body[:-1])  # type: ignore[attr-defined]
            if isinstance(st, ast.AnnAssign) and isinstance(body[i + 1], ast.Expr)}


def test_every_context_row_class_is_documented_field_by_field_with_an_example() -> None:
    import dataclasses

    sections = {m.group(1): m.group(2) for m in re.finditer(r"^### (\w+)\n(.*?)(?=^##|\Z)", DOC, re.M | re.S)}
    classes = _row_classes()
    assert classes
    for name, cls in classes.items():
        assert name in sections, f"{name} is not documented in docs/plugin-hooks.md"
        fields = [f.name for f in dataclasses.fields(cls)]
        documented = re.findall(r"^\| `(\w+)` \|", sections[name], re.M)
        assert documented == fields, name
        assert "```python" in sections[name], f"{name} has no example"
        docstrings = _field_docstrings(cls)
        assert [f for f in fields if not docstrings.get(f, "").strip()] == [], f"{name}: fields without docstring"


def test_every_helper_is_documented() -> None:
    from sedp_core.rendering.context_helpers import DocumentHelpers

    public = {n for n, _ in inspect.getmembers(DocumentHelpers, inspect.isfunction) if not n.startswith("_")}
    section = DOC.split("### Helpers", 1)[1].split("### Context rows", 1)[0]
    documented = set(re.findall(r"`helpers\.(\w+)\(", section))
    assert public == documented


def test_every_row_of_the_core_context_is_a_documented_class(demo_plugin: object) -> None:
    """A new kind of row in the core context cannot be left out of the page: its class must be listed."""
    from sedp_core.rendering.context import build_context
    from sedp_core.rendering.context_rows import Row
    from sedp_core.validation.validate import validate_file
    from tests.conftest import DEMO

    result = validate_file(DEMO / "sample.yaml")
    assert result.program is not None
    ctx = build_context(result.program, result.methodology, result.methodology.documents[0], "en")
    classes = set(_row_classes().values())
    for name, value in ctx.items():
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, dict) or (isinstance(item, list) and name != "years"):
                raise AssertionError(f"context name {name!r} holds untyped rows ({type(item).__name__})")
            if isinstance(item, Row):
                assert type(item) in classes, name
