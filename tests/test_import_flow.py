"""The package layout keeps the flow of docs/architecture.md true: no import circle, and every import goes from a
later stage to an earlier one, never back and never between two side branches.

Every import counts: at the top of a module, inside a function (lazy) and under `if TYPE_CHECKING:`, because a lazy
import that goes backwards is the start of a circle all the same. The last tests prove the check can fail.
"""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

RANKS: dict[str, int] = {
    "": 0,  # the public surface beside the packages: errors, findings, hookspecs, models/, _version, _legacy
    "registry": 1,  # loads the plugins, collects what they register
    "input": 2,  # a file becomes LoadedData
    "validation": 3,  # LoadedData becomes a Program and a Report
    "rendering": 4,  # a Program becomes documents
    "schema": 5,  # side branches: each may use every stage, none may use another side branch
    "exchange": 5,
    "authoring": 5,
    "web": 6,  # the web application uses the stages and side branches; only the command line uses it
    "cli": 7,  # the command line uses everything
}
"""Package of sedp_core -> its place in the flow. A new package needs a rank here and a row in docs/architecture.md."""

FACADE = "sedp_core"
"""The package's public face (`sedp_core/__init__.py`) re-exports from every stage; nothing inside may import it."""

PLUGIN_METHODOLOGIES = {"sedp_mongolia_onhs": ("ldf", "bag")}
"""A plugin's methodology subpackages: independent of one another; of what lies beside them only the entry point
(`plugin`) registers them."""

ROOTS = {"sedp_core": ROOT / "sedp_core", "sedp_mongolia_onhs": ROOT / "plugins" / "mongolia_onhs",
         "sedp_kyrgyz_aa": ROOT / "plugins" / "kyrgyz_aa"}

Sources = dict[str, tuple[str, bool]]
"""Module name -> (source text, whether it is a package's __init__)."""


def read_sources(package: str) -> Sources:
    root = ROOTS[package]
    sources: Sources = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        sources[".".join([package, *parts])] = (path.read_text(encoding="utf-8"), is_package)
    return sources


def imports(sources: Sources) -> list[tuple[str, str, int]]:
    """Every (importer, imported module, line) between the given modules, lazy and type-only imports included."""
    edges = []
    for module, (source, is_package) in sources.items():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module.split(".") if is_package else module.split(".")[:-1]
                    base = base[: len(base) - node.level + 1]
                    name = ".".join(base + ([node.module] if node.module else []))
                else:
                    name = node.module or ""
                targets = [f"{name}.{a.name}" if f"{name}.{a.name}" in sources else name for a in node.names]
            else:
                continue
            for target in targets:
                while target not in sources and "." in target:  # `import a.b.c` of an attribute path
                    target = target.rpartition(".")[0]
                if target in sources and target != module and (module, target, node.lineno) not in edges:
                    edges.append((module, target, node.lineno))
    return edges


SURFACE_PACKAGES = {"models"}
"""Packages that are part of the public surface."""


def core_package(module: str) -> str:
    """sedp_core.rendering.render -> 'rendering'; sedp_core.errors and sedp_core.models.x -> '' (the surface);
    `python -m sedp_core` (__main__) is the command line."""
    parts = module.split(".")
    if parts[1:] == ["__main__"]:
        return "cli"
    if len(parts) == 1 or parts[1] in SURFACE_PACKAGES:
        return ""
    return parts[1] if len(parts) > 2 or parts[1] in RANKS else ""


def flow_violations(sources: Sources) -> list[str]:
    problems = []
    for module in sources:
        if module != FACADE and core_package(module) not in RANKS:
            problems.append(f"{module}: package {core_package(module)!r} has no rank in RANKS "
                            "(tests/test_import_flow.py)")
    for source, target, line in imports(sources):
        if source == FACADE:
            continue
        where = f"{source} (line {line}) imports {target}"
        if target == FACADE:
            problems.append(f"{where}: the public face; import from the module that defines the name")
            continue
        a, b = core_package(source), core_package(target)
        if a == b or a not in RANKS or b not in RANKS:
            continue
        if RANKS[b] > RANKS[a]:
            problems.append(f"{where}: backwards, {b or 'the surface'} comes after {a or 'the surface'} in the flow")
        elif RANKS[b] == RANKS[a]:
            problems.append(f"{where}: {a} and {b} are side branches; neither may use the other")
    return problems


def circles(sources: Sources) -> list[list[str]]:
    """The import circles (strongly connected components of more than one module), each sorted."""
    graph: dict[str, set[str]] = {m: set() for m in sources}
    for source, target, _ in imports(sources):
        graph[source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def methodology_violations(package: str, sources: Sources) -> list[str]:
    subpackages = PLUGIN_METHODOLOGIES.get(package, ())
    problems = []

    def methodology_of(module: str) -> str | None:
        parts = module.split(".")
        return parts[1] if len(parts) > 1 and parts[1] in subpackages else None

    for source, target, line in imports(sources):
        a, b = methodology_of(source), methodology_of(target)
        if b is None or a == b:
            continue
        if a is not None:
            problems.append(f"{source} (line {line}) imports {target}: two methodologies depend on each other; "
                            "put what they share beside them")
        elif source != f"{package}.plugin":
            problems.append(f"{source} (line {line}) imports {target}: a shared module depends on one methodology")
    return problems


def test_no_import_circle_in_the_core() -> None:
    assert circles(read_sources("sedp_core")) == []


def test_every_core_import_follows_the_flow() -> None:
    assert flow_violations(read_sources("sedp_core")) == []


@pytest.mark.parametrize("package", ["sedp_mongolia_onhs", "sedp_kyrgyz_aa"])
def test_plugins_have_no_circle_and_their_methodologies_stand_apart(package: str) -> None:
    sources = read_sources(package)
    assert circles(sources) == []
    assert methodology_violations(package, sources) == []


def test_every_core_package_says_its_one_job() -> None:
    packages = [p for p in (ROOT / "sedp_core").iterdir() if (p / "__init__.py").is_file()]
    assert {p.name for p in packages} - {"models"} <= set(RANKS)
    for package in packages:
        assert ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))), package


def _with_line(sources: Sources, module: str, line: str) -> Sources:
    text, is_package = sources[module]
    return {**sources, module: (text + "\n" + line + "\n", is_package)}


def test_the_check_catches_a_backward_import() -> None:
    sources = _with_line(read_sources("sedp_core"), "sedp_core.input.loader",
                         "def _f():\n    from sedp_core.rendering.render import render_document")
    assert [p for p in flow_violations(sources) if p.startswith("sedp_core.input.loader")] == [
        f"sedp_core.input.loader (line {len(sources['sedp_core.input.loader'][0].splitlines())}) imports "
        "sedp_core.rendering.render: backwards, rendering comes after input in the flow"]


def test_the_check_catches_a_circle_and_a_side_branch_using_another() -> None:
    sources = _with_line(read_sources("sedp_core"), "sedp_core.rendering.charts", "import sedp_core.rendering.render")
    assert ["sedp_core.rendering.charts", "sedp_core.rendering.render"] in circles(sources)
    sources = _with_line(read_sources("sedp_core"), "sedp_core.exchange.excel",
                         "from sedp_core.schema.export import export_schemas")
    assert any("exchange and schema are side branches" in p for p in flow_violations(sources))
    sources = _with_line(read_sources("sedp_core"), "sedp_core.rendering.render", "from sedp_core import Finding")
    assert any("the public face" in p for p in flow_violations(sources))


def test_the_check_catches_methodologies_that_depend_on_each_other() -> None:
    sources = _with_line(read_sources("sedp_mongolia_onhs"), "sedp_mongolia_onhs.bag.rules",
                         "from sedp_mongolia_onhs.ldf.ranking import rank")
    assert any("two methodologies" in p for p in methodology_violations("sedp_mongolia_onhs", sources))
