"""Soak: ``newsmon run`` for N minutes over loopback feeds, a tenth of them hostile (issue 16).

Setup: one loopback site (tests/helpers/http_server.py) serves ``--feeds`` RSS feeds of our own text whose
entries grow by one every ``--entry-every`` seconds (60), each entry linking to an article page. Every
tenth feed is hostile, in turn: headers dripped a byte at a time (a second server, never finishing within
the fetch's total timeout), ``503`` with ``Retry-After: 100000000000000``, a gzip bomb (20 MB of zeros in
20 KB), an HTML page, a ``500``. The daemon runs as a real process on a SQLite file with intervals of
seconds, so every feed is polled again and again.

Printed: cycle times (from ``/metrics``, sampled every 10 s: mean per window, first and last window and
their ratio), items processed by outcome, the daemon's RSS when its first cycle finished and at the end
(ratio: flat means within 10 %), and the count of unhandled errors (ERROR lines and tracebacks in the
daemon's log), which must be 0. The baseline of each figure is the same run's start.

    python bench/soak.py [--minutes 10] [--feeds 200] [--entry-every 60]

Measured 2026-12-06 on the shared 2-core machine (other sessions busy), 10 minutes, 200 feeds, an entry
every 20 s per feed: 0 unhandled errors, exit status 0; RSS 699.9 MB after the first cycle, 720.2 MB at
the end (1.03); 1,440 items done; cycle times grew from 117 s to 357 s because entries arrived (9 a
second) faster than this machine classified them (~2.7 a second), hence the 60 s default.

``tests/test_soak.py`` runs a one-minute, 40-feed version (slow).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the loopback servers

from helpers.http_server import DripServer, LocalServer, Reply, Request
from helpers.smtp_server import free_port

NEWSMON = str(Path(sys.executable).parent / "newsmon")
HOSTILE_KINDS = ("slow_headers", "huge_retry_after", "bomb", "html", "error_500")
ENTRY_EVERY_SECONDS = 60.0  # each benign feed gains an entry this often (the default)
SAMPLE_SECONDS = 10.0
ARTICLE = (
    "<!DOCTYPE html><html lang='zh-Hant'><head><meta charset='utf-8'><title>{title}</title></head><body>"
    "<article><h1>{title}</h1><p>{title}。臺北市與日本松山市簽署友好交流協定，雙方將在觀光、教育、防災與產業"
    "等領域深化合作，並於明年互派青年交流團。</p><p>市長表示，城市外交是地方政府走向國際的重要途徑，這次合作"
    "也將帶動兩地的經濟發展與文化交流。</p></article></body></html>"
)
BOMB = gzip.compress(b"\0" * 20_000_000, compresslevel=9)
SLOW_HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Pad: " + b"a" * 100_000


@dataclass
class SoakResult:
    seconds: float
    feeds: int
    hostile: int
    cycles: int
    cycle_means: list[float]  # mean cycle time per sampling window, in order
    items: dict[str, float]
    rss_start_kb: int
    rss_end_kb: int
    unhandled_errors: list[str]
    exit_code: int
    polls: dict[str, float] = field(default_factory=dict)

    @property
    def rss_ratio(self) -> float:
        return self.rss_end_kb / self.rss_start_kb if self.rss_start_kb else float("nan")


def hostile_kind(number: int) -> str | None:
    """Every tenth feed is hostile, the kinds in turn."""
    if number % 10:
        return None
    return HOSTILE_KINDS[(number // 10) % len(HOSTILE_KINDS)]


class Site:
    def __init__(self, server: LocalServer, slow: DripServer, feeds: int, every: float) -> None:
        self.server, self.slow, self.feeds, self.every = server, slow, feeds, every
        self.started = time.monotonic()
        for number in range(feeds):
            server.route(f"/feed{number}.xml", self._feed(number))

    def url(self, number: int) -> str:
        """Hostile servers under their own host name ("localhost"): a host's Retry-After rightly keeps
        requests to that host away, and must not cool down the well-behaved one."""
        kind = hostile_kind(number)
        if kind == "slow_headers":
            return self.slow.url(f"/feed{number}.xml", host="localhost")
        url = self.server.url(f"/feed{number}.xml")
        return url.replace("127.0.0.1", "localhost") if kind == "huge_retry_after" else url

    def _feed(self, number: int) -> Callable[[Request], Reply]:
        kind = hostile_kind(number)

        def handle(_request: Request) -> Reply:
            if kind == "huge_retry_after":
                return Reply(503, b"busy", {"Retry-After": "100000000000000"})
            if kind == "bomb":
                return Reply(200, BOMB, {"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"})
            if kind == "html":
                return Reply(200, b"<html><body><h1>Home</h1></body></html>", {"Content-Type": "text/html"})
            if kind == "error_500":
                return Reply(500, b"internal error")
            count = 2 + int((time.monotonic() - self.started) / self.every)
            items = []
            for entry in range(count):
                guid = f"f{number}-e{entry}"
                path = f"/a/{guid}.html"
                if path not in self.server.routes:
                    page = ARTICLE.format(title=f"第{guid}號 臺北與日本城市交流").encode()
                    self.server.route(path, Reply(200, page, {"Content-Type": "text/html; charset=utf-8"}))
                items.append(
                    f"<item><title>第{guid}號 臺北與日本城市交流</title><link>{self.server.url(path)}</link>"
                    f"<guid isPermaLink='false'>{guid}</guid>"
                    f"<description>第{guid}號摘要。</description></item>"
                )
            body = (
                "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                f"<title>f{number}</title>{''.join(items)}</channel></rss>"
            )
            return Reply(200, body.encode(), {"Content-Type": "application/rss+xml"})

        return handle


def write_config(folder: Path, site: Site, port: int) -> Path:
    config = {
        "data_dir": str(folder / "data"),
        "timezone": "UTC",
        "fetch": {
            "allow_loopback": True,
            "per_host_min_gap_seconds": 0,
            "per_host_concurrency": 8,
            "total_concurrency": 8,
            "connect_timeout_seconds": 2,
            "read_timeout_seconds": 2,
            "total_timeout_seconds": 5,
            "page_retry_limit": 1,
        },
        # Feeds due again within seconds, errors retried within half a minute: the soak repeats everything.
        "polling": {
            "default_interval_minutes": 0.1,
            "min_interval_minutes": 0.1,
            "max_interval_minutes": 0.2,
            "max_error_backoff_minutes": 0.5,
        },
        "web": {"port": port},
        "daemon": {"poll_tick_seconds": 2, "shutdown_timeout_seconds": 15, "web": False},
        "logging": {"level": "INFO", "json": True},
        "feeds": [{"name": f"feed{n}", "url": site.url(n)} for n in range(site.feeds)],
    }
    path = folder / "config.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


_SAMPLE = re.compile(r"^(newsmon_[a-z_]+)(?:\{([^}]*)\})? ([0-9.e+-]+)$", re.M)


def metric(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for found_name, found_labels, value in _SAMPLE.findall(text):
        if found_name != name:
            continue
        pairs = dict(re.findall(r'(\w+)="([^"]*)"', found_labels or ""))
        if all(pairs.get(key) == wanted for key, wanted in labels.items()):
            total += float(value)
    return total


def by_label(text: str, name: str, label: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for found_name, found_labels, value in _SAMPLE.findall(text):
        if found_name == name:
            key = dict(re.findall(r'(\w+)="([^"]*)"', found_labels or "")).get(label, "")
            found[key] = found.get(key, 0.0) + float(value)
    return found


def unhandled(log: Path) -> list[str]:
    """ERROR/CRITICAL lines and tracebacks in the daemon's log."""
    found = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            if "Traceback" in line or "Error" in line:
                found.append(line)
            continue
        if entry.get("level") in ("ERROR", "CRITICAL") or "exc" in entry:
            found.append(f"{entry.get('level')} {entry.get('logger')}: {entry.get('message')}")
    return found


def run_soak(seconds: float, feeds: int, folder: Path, every: float = ENTRY_EVERY_SECONDS) -> SoakResult:
    with LocalServer() as server, DripServer(drip=SLOW_HEADERS, interval=0.2, ceiling=seconds + 120) as slow:
        site = Site(server, slow, feeds, every)
        port = free_port()
        config = write_config(folder, site, port)
        log = folder / "daemon.log"
        with open(log, "wb") as handle:
            process = subprocess.Popen(
                [NEWSMON, "--config", str(config), "run"], stdout=handle, stderr=handle
            )
        try:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:  # the first cycle done: the baseline moment
                if process.poll() is not None:
                    raise RuntimeError(f"the daemon exited: {log.read_text(errors='replace')[-3000:]}")
                try:
                    status, body = get(port, "/healthz")
                    if status == 200 and json.loads(body)["poll"]["last_success"]:
                        break
                except (OSError, ValueError):
                    pass
                time.sleep(0.5)
            else:
                raise RuntimeError(f"no first cycle within 180 s: {log.read_text(errors='replace')[-3000:]}")
            started = time.monotonic()
            rss_start = rss_kb(process.pid)
            samples: list[tuple[float, float]] = []
            while time.monotonic() - started < seconds:
                time.sleep(min(SAMPLE_SECONDS, max(0.0, seconds - (time.monotonic() - started))))
                text = get(port, "/metrics")[1]
                samples.append(
                    (
                        metric(text, "newsmon_stage_seconds_count", stage="cycle"),
                        metric(text, "newsmon_stage_seconds_sum", stage="cycle"),
                    )
                )
            rss_end = rss_kb(process.pid)
            text = get(port, "/metrics")[1]
            elapsed = time.monotonic() - started
            process.send_signal(signal.SIGTERM)
            exit_code = process.wait(60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    means = []
    previous = (0.0, 0.0)
    for count, total in samples:
        if count > previous[0]:
            means.append((total - previous[1]) / (count - previous[0]))
        previous = (count, total)
    return SoakResult(
        seconds=elapsed,
        feeds=feeds,
        hostile=sum(hostile_kind(n) is not None for n in range(feeds)),
        cycles=int(metric(text, "newsmon_stage_seconds_count", stage="cycle")),
        cycle_means=means,
        items=by_label(text, "newsmon_items_processed_total", "outcome"),
        rss_start_kb=rss_start,
        rss_end_kb=rss_end,
        unhandled_errors=unhandled(log),
        exit_code=exit_code,
        polls=by_label(text, "newsmon_polls_total", "status"),
    )


def report(result: SoakResult) -> str:
    means = result.cycle_means
    first, last = (means[0], means[-1]) if means else (float("nan"), float("nan"))
    lines = [
        f"soak: newsmon run for {result.seconds:.0f} s over {result.feeds} loopback feeds"
        f" ({result.hostile} hostile: {', '.join(HOSTILE_KINDS)})",
        f"cycles: {result.cycles}; mean cycle time per {SAMPLE_SECONDS:.0f} s window: "
        + ", ".join(f"{mean:.2f}" for mean in means),
        f"cycle time, first window {first:.2f} s, last {last:.2f} s, ratio last/first {last / first:.2f}",
        f"polls: {', '.join(f'{k} {v:.0f}' for k, v in sorted(result.polls.items()))}",
        f"items processed: {sum(result.items.values()):.0f} "
        f"({', '.join(f'{k} {v:.0f}' for k, v in sorted(result.items.items()))})",
        f"RSS: start {result.rss_start_kb / 1024:.1f} MB, end {result.rss_end_kb / 1024:.1f} MB,"
        f" ratio end/start {result.rss_ratio:.2f}",
        f"unhandled errors: {len(result.unhandled_errors)}; exit status {result.exit_code}",
        *(f"  {line[:300]}" for line in result.unhandled_errors[:20]),
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entry-every", type=float, default=ENTRY_EVERY_SECONDS, help="seconds per entry")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmon-soak-") as folder:
        result = run_soak(args.minutes * 60, args.feeds, Path(folder), args.entry_every)
    print(report(result))
    return 0 if not result.unhandled_errors and result.exit_code == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
