"""The layering of src/ipstrategy, read from the import graph (docs/adr/0003-layering.md).

    0 core            pure Python: parsing, registry, catalogue, assessment (no Django)
    1 foundation      web.foundation: error tree, roles, audit log, page frame, access helpers
    2 domain apps     web.agencies, web.plans, web.indicators, web.accounts, web.tracking, ...
    3 composition     web.portal (home, cross-area pages), web.bootstrap (corpus and demo loading)
    4 entry points    web.urls, web.api, web.settings, ..., ipstrategy.cli

An import may run to the same layer or a lower one, never a higher one; domain apps may import
each other but never in a cycle (where two need each other, a seam like ``plans/status.py``). Every
import counts, at module level or inside a function. Templates count too: a ``{% load lib %}``
names a tag library, which belongs to the app that defines it.

A new module under ``web/`` must be placed in ``LAYERS``: a new domain app (evaluation, lineage,
...) is one line ``"ipstrategy.web.<app>": DOMAIN``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

CORE, FOUNDATION, DOMAIN, COMPOSITION, ENTRY = range(5)
LAYER_NAMES = ("core", "foundation", "domain app", "composition", "entry point")

#: Each unit (a package, or a module) and its layer. A module belongs to the longest unit that
#: contains it; ``ipstrategy`` and ``ipstrategy.web`` (package metadata) match only exactly.
LAYERS: dict[str, int] = {
    "ipstrategy": CORE,  # __version__ only
    "ipstrategy.core": CORE,
    "ipstrategy.web.foundation": FOUNDATION,
    "ipstrategy.web.agencies": DOMAIN,
    "ipstrategy.web.plans": DOMAIN,
    "ipstrategy.web.indicators": DOMAIN,
    "ipstrategy.web.accounts": DOMAIN,
    "ipstrategy.web.tracking": DOMAIN,
    "ipstrategy.web.evaluation": DOMAIN,
    "ipstrategy.web.delivery": DOMAIN,
    "ipstrategy.web.jobs": DOMAIN,
    "ipstrategy.web.lineage": DOMAIN,
    "ipstrategy.web.notifications": DOMAIN,
    "ipstrategy.web.portal": COMPOSITION,
    "ipstrategy.web.bootstrap": COMPOSITION,
    "ipstrategy.web.scale": COMPOSITION,  # demo data at scale, backup and restore (issue 14)
    "ipstrategy.web.operations": COMPOSITION,  # deploy checks, error pages, database faults, serving, sweep (issue 9)
    "ipstrategy.web.security_config": ENTRY,  # hardening settings read by settings.py
    "ipstrategy.web.api_errors": ENTRY,  # the error answers written into the OpenAPI document
    "ipstrategy.web.search": COMPOSITION,  # the search index over every area (docs/search.md)
    "ipstrategy.web.opendata": COMPOSITION,  # the open-data package over every area (docs/api.md)
    "ipstrategy.web": ENTRY,  # the package's docstring
    "ipstrategy.web.areas": ENTRY,  # the list of areas that settings, urls and api read
    "ipstrategy.web.settings": ENTRY,
    "ipstrategy.web.urls": ENTRY,
    "ipstrategy.web.api": ENTRY,
    "ipstrategy.web.wsgi": ENTRY,
    "ipstrategy.web.__main__": ENTRY,
    "ipstrategy.cli": ENTRY,
}
EXACT_ONLY = {"ipstrategy", "ipstrategy.web"}

HOW_TO_PLACE = (
    "add it to LAYERS in tests/test_layering.py: a domain app as "
    '"ipstrategy.web.<app>": DOMAIN, a page reading several areas under web.portal (COMPOSITION), '
    "something every area needs under web.foundation (FOUNDATION); see docs/adr/0003-layering.md"
)


def unit_of(module: str, layers: Mapping[str, int] = LAYERS) -> str | None:
    """The unit in ``layers`` that ``module`` belongs to, or None when none does."""
    matching = [u for u in layers if module == u or (u not in EXACT_ONLY and module.startswith(u + "."))]
    return max(matching, key=len, default=None)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Every module name an import statement anywhere in ``tree`` names (relative ones resolved)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, base] if base else package)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def template_libraries(root: Path) -> dict[str, str]:
    """Tag library name -> the module that defines it (``<app>/templatetags/<name>.py``)."""
    return {
        path.stem: module_name(path, root)
        for path in root.glob("ipstrategy/**/templatetags/*.py")
        if path.stem != "__init__"
    }


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the ipstrategy modules it imports (Python imports, and template ``{% load %}``s).

    Templates count as modules of their app (``<app>.templates``).
    """
    paths = {module_name(p, root): p for p in root.glob("ipstrategy/**/*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        names = imported_names(ast.parse(path.read_text(encoding="utf-8")), module, path.name == "__init__.py")
        graph[module] = {name for name in names if name in paths}
    libraries = template_libraries(root)
    for template in root.glob("ipstrategy/**/templates/**/*.html"):
        parts = template.relative_to(root).parts
        owner = ".".join(parts[: max(i for i, part in enumerate(parts) if part == "templates")])
        loads = re.findall(r"{%\s*load\s+([^%]+?)\s*%}", template.read_text(encoding="utf-8"))
        used = {libraries[lib] for names in loads for lib in names.split() if lib in libraries}
        graph.setdefault(f"{owner}.templates", set()).update(used)
    return graph


def _cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
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


def violations(graph: Mapping[str, set[str]], layers: Mapping[str, int] = LAYERS) -> list[str]:
    """Every module outside the map, upward import and cycle between domain apps, in words."""
    problems = []
    for module in sorted(graph):
        if unit_of(module, layers) is None:
            problems.append(f"{module} is in no layer: {HOW_TO_PLACE}")
    app_edges = set()
    for module, targets in sorted(graph.items()):
        source = unit_of(module, layers)
        for target in sorted(targets):
            unit = unit_of(target, layers)
            if source is None or unit is None or unit == source:
                continue
            if layers[unit] > layers[source]:
                problems.append(
                    f"upward import: {module} ({LAYER_NAMES[layers[source]]}) imports {target} "
                    f"({LAYER_NAMES[layers[unit]]}); move the code down or add a seam (docs/adr/0003-layering.md)"
                )
            elif layers[unit] == layers[source] == DOMAIN:
                app_edges.add((source, unit))
    problems.extend(
        f"cycle between domain apps: {' <-> '.join(cycle)}; break it with a seam (plans/status.py)"
        for cycle in _cycles(app_edges)
    )
    return problems


def test_the_tree_keeps_its_layers() -> None:
    graph = import_graph(SRC)
    assert len(graph) > 100  # the walk found the tree
    assert violations(graph) == []


def test_an_upward_import_in_a_tree_fails_the_check(tmp_path: Path) -> None:
    """A temporary tree where the core imports a domain app: the checker names the edge."""
    for name, text in {
        "ipstrategy/__init__.py": "",
        "ipstrategy/core/__init__.py": "",
        "ipstrategy/core/model.py": "def f():\n    from ipstrategy.web.plans.models import Plan\n",
        "ipstrategy/web/__init__.py": "",
        "ipstrategy/web/plans/__init__.py": "",
        "ipstrategy/web/plans/models.py": "from ipstrategy.core import model\n",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    problems = violations(import_graph(tmp_path))
    assert problems == [
        "upward import: ipstrategy.core.model (core) imports ipstrategy.web.plans.models (domain app); "
        "move the code down or add a seam (docs/adr/0003-layering.md)"
    ]


def test_one_upward_edge_added_to_the_real_graph_fails_the_check() -> None:
    graph = import_graph(SRC)
    graph["ipstrategy.web.foundation.roles"] = {
        *graph["ipstrategy.web.foundation.roles"],
        "ipstrategy.web.accounts.models",
    }
    (problem,) = violations(graph)
    assert problem.startswith(
        "upward import: ipstrategy.web.foundation.roles (foundation) imports ipstrategy.web.accounts"
    )


def test_a_cycle_between_domain_apps_fails_the_check() -> None:
    graph = import_graph(SRC)
    graph["ipstrategy.web.agencies.views"] = {*graph["ipstrategy.web.agencies.views"], "ipstrategy.web.plans.selectors"}
    (problem,) = violations(graph)
    assert problem.startswith("cycle between domain apps: ipstrategy.web.agencies <-> ipstrategy.web.plans")


def test_a_template_loading_a_higher_layers_tags_fails_the_check() -> None:
    graph = import_graph(SRC)
    assert "ipstrategy.web.foundation.templatetags.ipstrategy" in graph["ipstrategy.web.plans.templates"]
    graph["ipstrategy.web.plans.templates"].add("ipstrategy.web.tracking.templatetags.tracking")
    assert any("cycle between domain apps" in p and "ipstrategy.web.tracking" in p for p in violations(graph))


def test_an_unknown_module_under_web_says_where_to_add_it() -> None:
    graph = {
        "ipstrategy.web.newarea.services": {"ipstrategy.web.plans.models"},
        "ipstrategy.web.plans.models": set(),
    }
    (problem,) = violations(graph)
    assert problem.startswith(
        "ipstrategy.web.newarea.services is in no layer: add it to LAYERS in tests/test_layering.py"
    )
    assert '"ipstrategy.web.<app>": DOMAIN' in problem


@pytest.mark.parametrize(
    ("module", "unit"),
    [
        ("ipstrategy.web.plans.views", "ipstrategy.web.plans"),
        ("ipstrategy.web.urls", "ipstrategy.web.urls"),
        ("ipstrategy.web", "ipstrategy.web"),
        ("ipstrategy.web.newthing", None),
        ("ipstrategy.cli.app", "ipstrategy.cli"),
    ],
)
def test_modules_belong_to_the_longest_unit(module: str, unit: str | None) -> None:
    assert unit_of(module) == unit
