"""Dedup of a JSON-lines file: records in arrival order in, each with its cluster and relation out.

Used by ``newsmon dedup``. Each input line is an object with ``id`` (required), ``text`` (or ``title``),
and optionally ``url``, ``outlet``/``source`` and ``published`` (ISO 8601; a time without offset is taken
in the configured time zone). A line that cannot be used stops the run with an error naming the file, the
line and the key; nothing is written for a file that is not valid.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime, tzinfo
from typing import Any

from service.dedup.core import Deduper, Document
from service.errors import InputError


def _text_field(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise InputError(f"{where}: key {key!r} must be a string, not {type(value).__name__}")


def _published(record: dict[str, Any], where: str, tz: tzinfo) -> datetime | None:
    value = _text_field(record, "published", where)
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise InputError(f"{where}: key 'published' is not an ISO 8601 date-time: {value!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def document_from(record: object, where: str, tz: tzinfo) -> Document:
    """A ``Document`` from one decoded JSON line; ``where`` is ``file:line`` for messages."""
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    identifier = record.get("id")
    if not isinstance(identifier, str | int) or isinstance(identifier, bool) or identifier == "":
        raise InputError(f"{where}: key 'id' is missing or not a string/number")
    text = _text_field(record, "text", where) or ""
    title = _text_field(record, "title", where)
    if not text.strip() and not (title or "").strip():
        raise InputError(f"{where}: keys 'text' and 'title' are both empty")
    return Document(
        id=str(identifier),
        text=text,
        title=title,
        url=_text_field(record, "url", where),
        outlet=_text_field(record, "outlet", where) or _text_field(record, "source", where),
        published=_published(record, where, tz),
    )


def read_records(lines: Iterable[str], name: str, tz: tzinfo) -> list[tuple[dict[str, Any], Document]]:
    """Decode and check every line first, so a bad line fails the run before anything is written."""
    records: list[tuple[dict[str, Any], Document]] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
        doc = document_from(record, where, tz)
        if doc.id in seen:
            raise InputError(f"{where}: key 'id' repeats an earlier line: {doc.id!r}")
        seen.add(doc.id)
        records.append((record, doc))
    return records


def dedup_records(
    records: list[tuple[dict[str, Any], Document]], deduper: Deduper
) -> Iterator[dict[str, Any]]:
    """Each record with ``cluster`` (the id of its cluster's first item), ``relation``, ``similarity``,
    ``matched`` (the member it matched) and ``reason`` added, in input order."""
    for record, doc in records:
        decision = deduper.add(doc)
        yield {
            **record,
            "cluster": decision.cluster,
            "relation": decision.relation,
            "similarity": decision.similarity,
            "matched": decision.matched,
            "reason": decision.reason,
        }
