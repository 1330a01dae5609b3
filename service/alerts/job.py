"""The alerts job: deliver the outbox. Idempotent; safe to run at any time, in any number of workers.

``send_alerts`` is what the daemon runs every ``alerts.send_every_seconds`` and ``newsmon alerts send``
runs once. Alerts were written to the outbox in the transaction that classified their item
(``service.alerts.stage``), so an alert exists exactly when its classification does: none is lost to a
crash between classifying and alerting, and the (rule, subject) key means none is written twice.

The order of steps is what makes "never twice, never lost" hold:

1. **Recover**: alerts left ``sending`` by a worker whose lease ended become ``interrupted`` (below).
2. **Claim** a few due alerts: pending -> sending with a lease, in one conditional UPDATE (after SELECT ...
   FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one writer at a time), and **commit**. Only the worker
   whose UPDATE moved a row delivers it; a second worker skips it.
3. **Deliver** each to every destination not yet recorded as having taken it (``send.deliver``, Apprise).
4. **Mark** in a new transaction: ``sent``; or, when a destination refused (HTTP 500, a closed port), back
   to ``pending`` after ``retry_base_seconds`` x 2^(attempt-1), keeping the destinations that took it so
   they are not sent it again; after ``max_attempts``, ``failed`` with the last error. Nothing is dropped:
   failed alerts stay in the table, shown in the review UI and by ``newsmon alerts list``.

The trade-off, chosen here: a worker killed between 3 and 4 (kill -9 after the webhook answered, before
the row was marked) leaves a row ``sending`` whose delivery nobody can know. Re-sending it would deliver it
twice whenever the first delivery had arrived, so it is **not** re-sent by itself: when its lease ends it
becomes ``interrupted``, visible with its reason, and a person can send it again (``newsmon alerts retry
ID``). For a crash, delivery is therefore at most once (never twice), and never silently lost. Every
message carries an idempotency key (``newsmon-alert-<id>``; JSON webhooks get it as the header
``X-Newsmon-Alert-Id`` and the body field ``id``), kept across retries, so a receiver can drop the one
repeat that remains possible: a retry after a destination timed out having taken the message.

Batching (``every_minutes``): a rule's alerts wait until its window opens; the worker that moves the rule's
slot forward (one conditional UPDATE on ``alert_rule_state``) claims all of them and sends one message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from service.alerts import send
from service.alerts.rules import batch_message
from service.alerts.stage import enqueue_feed_alerts
from service.config import AlertRule, Settings, secret
from service.storage import alerts as store
from service.storage.db import session_scope

log = logging.getLogger(__name__)

CLAIM_BATCH = 1  # one alert per claim: a killed sender leaves at most one alert whose delivery is unknown

Deliver = Callable[[str, str, str, str], send.Delivery]  # url, title, body, idempotency key


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    interrupted: int = 0
    new_feed_alerts: int = 0

    def describe(self) -> str:
        return (
            f"alerts: {self.sent} sent, {self.retrying} to retry, {self.failed} failed, "
            f"{self.interrupted} interrupted, {self.new_feed_alerts} new feed alert(s)"
        )


def destinations(rule: AlertRule) -> tuple[list[str], str | None]:
    """The rule's URLs: ``urls`` plus those in the ``urls_env`` variable (space-separated); and why there
    are none, when there are none."""
    urls = list(rule.urls)
    if rule.urls_env:
        urls += (secret(rule.urls_env) or "").split()
    if not urls:
        return [], f"rule {rule.name!r}: no destination (environment variable {rule.urls_env} is not set)"
    return urls, None


def url_problems(settings: Settings) -> list[str]:
    """What is wrong with the rules' destinations, each line naming the key path (nothing is sent)."""
    problems = []
    for number, rule in enumerate(settings.alerts.rules):
        where = f"alerts.rules[{number}] ({rule.name})"
        for index, url in enumerate(rule.urls):
            problem = send.check_url(url)
            if problem:
                problems.append(f"{settings.source}: {where}.urls[{index}]: {problem}")
        if rule.urls_env:
            urls = (secret(rule.urls_env) or "").split()
            if not urls and not rule.urls:
                problems.append(f"{settings.source}: {where}.urls_env: {rule.urls_env} is not set")
            for url in urls:
                problem = send.check_url(url)
                if problem:
                    problems.append(f"{settings.source}: {where}.urls_env ({rule.urls_env}): {problem}")
    return problems


def backoff_seconds(settings: Settings, attempts: int) -> float:
    return float(settings.alerts.retry_base_seconds * 2 ** max(0, attempts - 1))


def _never() -> bool:
    return False


def send_alerts(
    engine: Engine,
    settings: Settings,
    *,
    deliver: Deliver | None = None,
    now: datetime | None = None,
    stop_requested: Callable[[], bool] = _never,
) -> SendReport:
    """Recover, check feeds, then claim, deliver and mark every due alert (see the module docstring).
    ``stop_requested`` (the daemon's shutdown flag) ends the run between two alerts: nothing is claimed
    that will not be delivered and marked."""
    moment = now or datetime.now(UTC)
    report = SendReport()
    rules = {rule.name: rule for rule in settings.alerts.rules}
    with session_scope(engine) as session:
        report.interrupted = store.interrupt_abandoned(session, moment)
        report.new_feed_alerts = enqueue_feed_alerts(session, settings, moment)
    lease = settings.alerts.lease_seconds
    for rule in (r for r in rules.values() if r.every_minutes > 0):
        if stop_requested():
            return report
        with session_scope(engine) as session:
            rows = store.claim_batch(session, rule.name, rule.every_minutes, lease, at=moment)
        if rows:
            _deliver(engine, settings, rule, rows, deliver or send.deliver, report)
    single = [name for name, rule in rules.items() if rule.every_minutes == 0]
    while single and not stop_requested():
        with session_scope(engine) as session:
            rows = store.claim_single(session, single, lease, limit=CLAIM_BATCH, at=moment)
        if not rows:
            break
        for row in rows:
            _deliver(engine, settings, rules[row.rule], [row], deliver or send.deliver, report)
    if report.sent or report.retrying or report.failed or report.interrupted:
        log.info("%s", report.describe())
    return report


def _message(rows: Sequence[store.AlertRow]) -> tuple[str, str]:
    if len(rows) == 1:
        return rows[0].title, rows[0].body
    return batch_message(rows[0].rule, [(row.title, row.body) for row in rows])


def _deliver(
    engine: Engine,
    settings: Settings,
    rule: AlertRule,
    rows: Sequence[store.AlertRow],
    deliver: Deliver,
    report: SendReport,
) -> None:
    """Steps 3 and 4 for claimed rows that travel in one message (one row, or a rule's batch)."""
    key = rows[0].message_key or f"newsmon-alert-{rows[0].id}"
    urls, problem = destinations(rule)
    taken: dict[int, set[str]] = {row.id: set(row.delivered) for row in rows}
    errors = [problem] if problem else []
    for url in urls:
        target = send.target_id(url)
        waiting = [row for row in rows if target not in taken[row.id]]
        if not waiting:
            continue
        title, body = _message(waiting)
        try:
            result = deliver(url, title, body, key)
        except Exception as exc:  # a bug in a deliver function is this delivery's failure, not the job's
            result = send.Delivery(False, f"{exc.__class__.__name__}: {exc}")
        if result.ok:
            for row in waiting:
                taken[row.id].add(target)
        else:
            errors.append(result.error)
    attempts = max(row.attempts for row in rows)
    with session_scope(engine) as session:
        for row in rows:
            done = sorted(taken[row.id])
            if not errors:
                store.record_sent(session, [row.id], done)
                continue
            status = store.record_failure(
                session,
                [row.id],
                done,
                "; ".join(errors),
                attempts,
                settings.alerts.max_attempts,
                backoff_seconds(settings, attempts),
            )
            if status == store.AlertStatus.FAILED:
                report.failed += 1
            else:
                report.retrying += 1
    if not errors:
        report.sent += len(rows)
    else:
        log.warning("alert %s (rule %s) attempt %d: %s", key, rule.name, attempts, "; ".join(errors))
