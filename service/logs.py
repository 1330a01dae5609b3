"""Logging set-up: plain text for people, or one JSON object per line for log collectors.

Context travels two ways, both ending up as top-level keys of the JSON object (and as ``key=value`` after
the plain-text message):

* per call: ``log.warning("...", extra=log_fields(feed=name, url=url))`` (the pipeline names the feed or
  item a line is about);
* per block: ``with log_context(job="poll"): ...`` for everything logged by this thread inside the block.
"""

from __future__ import annotations

import contextvars
import json
import logging
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

from service.config import LoggingSettings
from service.redact import redact_url

# Record attributes that carry context when set through ``extra=``.
CONTEXT_KEYS = ("job", "feed", "item", "url", "worker")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s%(context)s"

_context: contextvars.ContextVar[Mapping[str, object] | None] = contextvars.ContextVar(
    "newsmon_log_context", default=None
)


def human_duration(duration: timedelta | float) -> str:
    """A duration as people read it in a log line: ``0.4 s``, ``38 s``, ``5 min 39 s``, ``2 h 05 min``,
    ``3 d 4 h`` (two units at most; ``str(timedelta)`` gives ``0:05:38.966347``)."""
    seconds = duration.total_seconds() if isinstance(duration, timedelta) else float(duration)
    sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
    if seconds < 10:
        return f"{sign}{seconds:.1f} s"
    whole = round(seconds)
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        text = f"{days} d {hours} h"
    elif hours:
        text = f"{hours} h {minutes:02d} min"
    elif minutes:
        text = f"{minutes} min {secs:02d} s"
    else:
        text = f"{secs} s"
    return sign + text


def log_fields(**fields: object) -> dict[str, object]:
    """``extra=`` for one log call: only known context keys, None values dropped."""
    unknown = set(fields) - set(CONTEXT_KEYS)
    if unknown:
        raise ValueError(f"unknown log context keys {sorted(unknown)}; known: {CONTEXT_KEYS}")
    return {key: value for key, value in fields.items() if value is not None}


@contextmanager
def log_context(**fields: object) -> Iterator[None]:
    """Add context to every line this thread logs inside the block."""
    token = _context.set({**(_context.get() or {}), **log_fields(**fields)})
    try:
        yield
    finally:
        _context.reset(token)


def _record_context(record: logging.LogRecord) -> dict[str, object]:
    found: dict[str, object] = dict(_context.get() or {})
    for key in CONTEXT_KEYS:
        value = getattr(record, key, None)
        if value is not None:
            found[key] = value
    return found


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        context = _record_context(record)
        record.context = "".join(f" {key}={value}" for key, value in context.items()) if context else ""
        return super().format(record)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, message, context keys, and exc for tracebacks."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,
            "thread": record.threadName,
        }
        entry.update(_record_context(record))
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class BusyJobFilter(logging.Filter):
    """APScheduler warns at every tick that finds the previous poll cycle still running; that is the
    intended behaviour (max_instances=1, coalesce), not news, so those lines are dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances reached" not in record.getMessage()


class RedactUrlsFilter(logging.Filter):
    """The last guard for secrets in URLs: a line that still holds a URL's user:password (a library's own
    debug line, a message we did not write) is printed with it replaced (``service.redact``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "@" in message and "://" in message:
            redacted = redact_url(message)
            if redacted != message:
                record.msg, record.args = redacted, None
        return True


def configure_logging(
    settings: LoggingSettings, *, verbose: bool = False, stream: TextIO | None = None
) -> None:
    """Route every logger to one handler on stderr (or ``stream``), replacing handlers set earlier."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if settings.json_format else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    handler.addFilter(BusyJobFilter())
    handler.addFilter(RedactUrlsFilter())
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else getattr(logging, settings.level))
    # Libraries that chat at INFO: keep them at WARNING unless we debug.
    for noisy in ("httpx", "httpcore", "alembic", "apscheduler", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)
