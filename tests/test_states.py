"""States are types (service.states): every state the service writes or compares (``status = "..."``,
``.status == "..."``, ``status in (...)``, ``status="..."``, ``.status.in_(...)``) is a member of one of
its enums, so a typo or a new state nobody declared fails here with the file and line."""

from __future__ import annotations

import ast
from pathlib import Path

from service.states import DigestJobStatus, DigestStatus, FeedHealthStatus, ItemStatus, PollStatus

REPO = Path(__file__).resolve().parents[1]
ENUMS = (ItemStatus, PollStatus, FeedHealthStatus, DigestStatus, DigestJobStatus)
DECLARED = {str(member) for enum in ENUMS for member in enum}
# States of other things that carry a ``status`` too, each declared where it lives.
ELSEWHERE = {
    "pending", "sending", "sent", "failed", "interrupted",  # service.storage.alerts.AlertStatus
}  # fmt: skip


def _named_status(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "status") or (
        isinstance(node, ast.Name) and node.id == "status"
    )


def _strings(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [value for element in node.elts for value in _strings(element)]
    return []


def status_literals(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(_named_status(target) for target in node.targets):
            found += [(node.lineno, value) for value in _strings(node.value)]
        elif isinstance(node, ast.Compare) and _named_status(node.left):
            found += [(node.lineno, value) for right in node.comparators for value in _strings(right)]
        elif isinstance(node, ast.Call):
            found += [(node.lineno, v) for k in node.keywords if k.arg == "status" for v in _strings(k.value)]
            function = node.func
            if (
                isinstance(function, ast.Attribute)
                and function.attr == "in_"
                and _named_status(function.value)
            ):
                found += [(node.lineno, value) for arg in node.args for value in _strings(arg)]
    return found


def test_every_state_in_the_code_is_declared() -> None:
    unknown = [
        f"{path.relative_to(REPO)}:{line}: {value!r}"
        for path in sorted(REPO.glob("service/**/*.py"))
        if "migrations" not in path.parts
        for line, value in status_literals(ast.parse(path.read_text(encoding="utf-8")))
        if value not in DECLARED | ELSEWHERE
    ]
    assert not unknown, "states not declared in service/states.py:\n" + "\n".join(unknown)


def test_the_scan_sees_every_way_of_writing_a_state() -> None:
    code = """
item.status = "a"
if run.status == "b" or status in ("c", "d"): pass
finish(run, status="e")
select(Item).where(Item.status.in_(("f", WAITING)))
"""
    assert sorted(value for _line, value in status_literals(ast.parse(code))) == list("abcdef")


def test_members_are_their_strings() -> None:
    assert ItemStatus("done") is ItemStatus.DONE and f"{DigestStatus.SENT}" == "sent"
    assert {str(s) for s in ItemStatus} == {"new", "fetched", "extracted", "fetch_failed", "done", "failed"}
