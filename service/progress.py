"""Progress of long CLI work (reprocess, train, reclassify, import): a bar on a terminal, log lines otherwise.

    with progress("reprocess", total=len(ids)) as bar:
        for item_id in ids:
            ...
            bar.advance()

On a terminal (stderr is a TTY) rich draws a bar with count, rate and time left on stderr, so stdout stays
clean for the command's own output. Elsewhere (systemd, cron, a pipe) one INFO line is logged every
``every_seconds`` and a final line at the end, e.g. ``reprocess: 1200/5000 (24%), 85.3/s, about 45 s left``.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, TextIO

log = logging.getLogger("newsmon.progress")


class Progress(Protocol):
    def advance(self, amount: int = 1) -> None: ...


class LogProgress:
    """Periodic log lines: for logs and pipes."""

    def __init__(self, description: str, total: int | None, every_seconds: float) -> None:
        self.description = description
        self.total = total
        self.every_seconds = every_seconds
        self.done = 0
        self.started = time.monotonic()
        self._last = self.started

    def advance(self, amount: int = 1) -> None:
        self.done += amount
        now = time.monotonic()
        if now - self._last >= self.every_seconds:
            self._last = now
            log.info("%s", self.line(now))

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        if self.total:
            left = (self.total - self.done) / rate if rate > 0 else float("inf")
            remaining = f", about {left:.0f} s left" if left != float("inf") else ""
            return (
                f"{self.description}: {self.done}/{self.total} ({100 * self.done / self.total:.0f}%), "
                f"{rate:.1f}/s{remaining}"
            )
        return f"{self.description}: {self.done} done, {rate:.1f}/s"

    def finish(self) -> None:
        elapsed = time.monotonic() - self.started
        log.info("%s: %d done in %.1f s", self.description, self.done, elapsed)


class BarProgress:
    """A rich progress bar on a terminal."""

    def __init__(self, description: str, total: int | None, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import (
            Progress as RichProgress,
        )

        self._bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(file=stream),
            transient=False,
        )
        self._task = self._bar.add_task(description, total=total)

    def start(self) -> None:
        self._bar.start()

    def advance(self, amount: int = 1) -> None:
        self._bar.advance(self._task, amount)

    def stop(self) -> None:
        self._bar.stop()


@contextmanager
def progress(
    description: str,
    total: int | None,
    *,
    every_seconds: float = 10.0,
    stream: TextIO | None = None,
    force_terminal: bool | None = None,
) -> Iterator[Progress]:
    """A progress reporter for ``total`` steps (None: unknown). ``force_terminal`` overrides the TTY check."""
    out = stream or sys.stderr
    on_terminal = out.isatty() if force_terminal is None else force_terminal
    if on_terminal:
        bar = BarProgress(description, total, out)
        bar.start()
        try:
            yield bar
        finally:
            bar.stop()
        return
    lines = LogProgress(description, total, every_seconds)
    yield lines
    lines.finish()
