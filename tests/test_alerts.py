"""Alerts end to end with real parts: items classified into the outbox in one transaction, delivered by
Apprise to a loopback webhook (tests/helpers/webhook.py) and to aiosmtpd, retried, batched, and a sender
killed with SIGKILL between delivery and marking.

What is guaranteed (service/alerts/job.py): an alert is written once per (rule, item); each is delivered
to each destination at most once by the sender itself; a crash between delivery and marking leaves it
``interrupted`` (visible, not re-sent by itself); a refused delivery is retried with backoff. Every message
carries its idempotency key, so a person's retry of an interrupted alert can be dropped by the receiver.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers.smtp_server import RecordingHandler, SmtpServer
from helpers.webhook import WebhookReceiver
from sqlalchemy import Engine, func, select

from service.alerts.job import send_alerts
from service.classify import classify_items, load_model_at
from service.config import Settings, parse_settings
from service.models import FeedEntry
from service.storage import alerts as alert_store
from service.storage import items as item_store
from service.storage.db import session_scope
from service.storage.schema import Feed, Item

CEILING = 120.0
NEWSMON = [str(Path(sys.executable).parent / "newsmon")]


def settings_for(database_url: str, rules: list[dict[str, Any]], **alerts: Any) -> Settings:
    return parse_settings(
        {
            "database": {"url": database_url},
            "timezone": "Asia/Taipei",
            "alerts": {"rules": rules, "retry_base_seconds": 0, **alerts},
            "digest": {"public_base_url": "https://newsmon.example.tw"},
            "feeds": [{"name": "cna", "url": "https://example.org/feed.xml"}],
        },
        "test-config.yaml",
    )


def add_items(engine: Engine, count: int, title: str = "臺南市與日本熊本縣簽署城市交流協定") -> list[int]:
    with session_scope(engine) as session:
        if session.scalar(select(Feed.id).where(Feed.name == "cna")) is None:
            moment = datetime.now(UTC)
            session.add(
                Feed(
                    name="cna",
                    url="https://example.org/feed.xml",
                    enabled=True,
                    interval_seconds=900,
                    next_check_at=moment,
                    error_count=0,
                    created_at=moment,
                )
            )
    with session_scope(engine) as session:
        feed_id = session.scalars(select(Feed.id).where(Feed.name == "cna")).one()
        start = session.scalar(select(func.count()).select_from(Item)) or 0
        entries = [
            FeedEntry(
                identity_key=f"guid:alert-test-{start}-{n}",
                url=f"https://news.example.tw/a/{start}-{n}.html",
                link=f"https://news.example.tw/a/{start}-{n}.html",
                title=f"{title}（第{n}則）",
                summary=f"{title}。雙方將在觀光與教育領域合作，第{n}則。",
                published=datetime.now(UTC),
            )
            for n in range(count)
        ]
        stored = item_store.insert_entries(session, feed_id, entries, "中央社")
        return [row.item_id for row in stored]


def classify(engine: Engine, settings: Settings, ids: list[int]) -> None:
    model = load_model_at(None, settings)
    with session_scope(engine) as session:
        classify_items(session, model, settings, ids)


def outbox(engine: Engine) -> list[alert_store.AlertRow]:
    with session_scope(engine) as session:
        return sorted(alert_store.recent_alerts(session, limit=1000), key=lambda row: row.id)


def wait_for(condition: Callable[[], bool], what: str, timeout: float = CEILING) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


KEYWORD_RULE = {"name": "熊本", "keywords": ["熊本"]}


def test_a_rule_matching_5_items_delivers_5_messages_each_once(engine: Engine) -> None:
    with WebhookReceiver() as hook:
        settings = settings_for(str(engine.url), [{**KEYWORD_RULE, "urls": [hook.apprise_url()]}])
        ids = add_items(engine, 5)
        classify(engine, settings, ids)
        classify(engine, settings, ids)  # a reclassification writes no second alert
        assert len(outbox(engine)) == 5
        report = send_alerts(engine, settings)
        assert report.sent == 5
        assert send_alerts(engine, settings).sent == 0  # nothing left: nothing sent again
        keys = hook.keys()
    assert len(keys) == 5 and set(keys.values()) == {1}
    bodies = [request.body for request in hook.accepted()]
    assert {body["id"] for body in bodies} == set(keys)  # the key in the body too
    assert all(
        "熊本" in body["title"] and "審閱：https://newsmon.example.tw/items/" in body["message"]
        for body in bodies
    )
    assert {row.status for row in outbox(engine)} == {"sent"}


def test_rules_read_the_label_rule_and_the_event(sqlite_engine: Engine) -> None:
    """A reviewer's "not relevant" wins over the model (service.labels.decide) for a label condition."""
    from service.storage.labels import record_label

    settings = settings_for(
        str(sqlite_engine.url),
        [
            {"name": "relevant", "label": "relevant", "urls": ["json://127.0.0.1:9/x"]},
            {
                "name": "score",
                "score": {"label": "taiwan_japan", "above": 0.0},
                "urls": ["json://127.0.0.1:9/x"],
            },
            {"name": "regex", "regex": "熊本[縣県]", "urls": ["json://127.0.0.1:9/x"]},
            {"name": "nothing", "keywords": ["沖繩"], "urls": ["json://127.0.0.1:9/x"]},
        ],
    )
    ids = add_items(sqlite_engine, 2)
    with session_scope(sqlite_engine) as session:
        record_label(session, ids[1], "relevant", False, "reviewer")
    classify(sqlite_engine, settings, ids)
    found = {(row.rule, row.item_id) for row in outbox(sqlite_engine)}
    assert ("regex", ids[0]) in found and ("regex", ids[1]) in found
    assert ("relevant", ids[0]) in found and ("relevant", ids[1]) not in found  # the reviewer's "no" wins
    assert ("score", ids[0]) in found and ("score", ids[1]) in found  # scores are the model's
    assert not any(rule == "nothing" for rule, _ in found)


def test_old_items_never_alert(sqlite_engine: Engine) -> None:
    settings = settings_for(str(sqlite_engine.url), [{**KEYWORD_RULE, "urls": ["json://127.0.0.1:9/x"]}])
    ids = add_items(sqlite_engine, 2)
    with session_scope(sqlite_engine) as session:
        session.query(Item).filter(Item.id == ids[0]).update(
            {"first_seen_at": datetime.now(UTC) - timedelta(days=5)}
        )
    classify(sqlite_engine, settings, ids)
    assert [row.item_id for row in outbox(sqlite_engine)] == [ids[1]]


def test_a_webhook_answering_500_twice_is_retried_then_succeeds(sqlite_engine: Engine) -> None:
    with WebhookReceiver(fail_first=2) as hook:
        settings = settings_for(str(sqlite_engine.url), [{**KEYWORD_RULE, "urls": [hook.apprise_url()]}])
        classify(sqlite_engine, settings, add_items(sqlite_engine, 1))

        def delivered() -> bool:
            send_alerts(sqlite_engine, settings)
            return outbox(sqlite_engine)[0].status == "sent"

        wait_for(delivered, "the third attempt to succeed")
        statuses = [request.status for request in hook.requests]
        keys = {request.headers["x-newsmon-alert-id"] for request in hook.requests}
    assert statuses == [500, 500, 200]
    assert len(keys) == 1  # the same idempotency key on every attempt
    row = outbox(sqlite_engine)[0]
    assert row.attempts == 3 and row.last_error is None


def test_after_max_attempts_an_alert_is_failed_and_kept(sqlite_engine: Engine) -> None:
    with WebhookReceiver(fail_first=100) as hook:
        settings = settings_for(
            str(sqlite_engine.url), [{**KEYWORD_RULE, "urls": [hook.apprise_url()]}], max_attempts=2
        )
        classify(sqlite_engine, settings, add_items(sqlite_engine, 1))

        def failed() -> bool:
            send_alerts(sqlite_engine, settings)
            return outbox(sqlite_engine)[0].status == "failed"

        wait_for(failed, "the alert to be marked failed")
        assert len(hook.requests) == 2
    row = outbox(sqlite_engine)[0]
    assert "500" in (row.last_error or "") or "Internal" in (row.last_error or ""), row.last_error


def test_email_through_aiosmtpd_and_a_webhook_each_get_every_alert_once(sqlite_engine: Engine) -> None:
    handler = RecordingHandler()
    with WebhookReceiver() as hook, SmtpServer(handler) as smtp:
        mail = f"mailto://127.0.0.1:{smtp.port}?from=newsmon@example.tw&to=office@example.tw"
        settings = settings_for(
            str(sqlite_engine.url), [{**KEYWORD_RULE, "urls": [hook.apprise_url(), mail]}]
        )
        classify(sqlite_engine, settings, add_items(sqlite_engine, 3))
        assert send_alerts(sqlite_engine, settings).sent == 3
        wait_for(lambda: len(handler.received) >= 3, "three mails")
    assert len(hook.accepted()) == 3 and len(handler.received) == 3
    subjects = sorted(str(received.message["subject"]) for received in handler.received)
    assert all("熊本" in subject for subject in subjects)


def test_a_destination_that_took_the_message_is_not_sent_it_again(sqlite_engine: Engine) -> None:
    with WebhookReceiver() as good, WebhookReceiver(fail_first=1) as flaky:
        settings = settings_for(
            str(sqlite_engine.url), [{**KEYWORD_RULE, "urls": [good.apprise_url(), flaky.apprise_url()]}]
        )
        classify(sqlite_engine, settings, add_items(sqlite_engine, 1))
        send_alerts(sqlite_engine, settings)
        assert outbox(sqlite_engine)[0].status == "pending"
        wait_for(lambda: send_alerts(sqlite_engine, settings).sent == 1, "the retry")
        assert len(good.requests) == 1 and [r.status for r in flaky.requests] == [500, 200]


def test_batching_sends_one_message_per_window(sqlite_engine: Engine) -> None:
    with WebhookReceiver() as hook:
        rule = {**KEYWORD_RULE, "urls": [hook.apprise_url()], "every_minutes": 30}
        settings = settings_for(str(sqlite_engine.url), [rule])
        classify(sqlite_engine, settings, add_items(sqlite_engine, 4))
        start = datetime.now(UTC)
        assert send_alerts(sqlite_engine, settings, now=start).sent == 4
        classify(sqlite_engine, settings, add_items(sqlite_engine, 2, title="熊本市長訪問高雄"))
        assert send_alerts(sqlite_engine, settings, now=start + timedelta(minutes=10)).sent == 0
        assert send_alerts(sqlite_engine, settings, now=start + timedelta(minutes=31)).sent == 2
        messages = hook.accepted()
    assert len(messages) == 2
    assert "4 則提醒" in messages[0].body["title"] and "2 則提醒" in messages[1].body["title"]


def test_feed_failing_for_hours_and_silent_feeds_alert_once(sqlite_engine: Engine) -> None:
    settings = settings_for(
        str(sqlite_engine.url),
        [
            {"name": "failing", "feed_failing_hours": 6, "urls": ["json://127.0.0.1:9/x"]},
            {"name": "silent", "feed_silent_days": 3, "urls": ["json://127.0.0.1:9/x"]},
        ],
    )
    now = datetime.now(UTC)
    with session_scope(sqlite_engine) as session:
        for name, success, errors in (
            ("broken", now - timedelta(hours=8), 5),
            ("quiet", now - timedelta(hours=1), 0),
        ):
            session.add(
                Feed(
                    name=name,
                    url=f"https://example.org/{name}.xml",
                    enabled=True,
                    interval_seconds=900,
                    next_check_at=now,
                    error_count=errors,
                    last_error="HTTP 404" if errors else None,
                    last_success_at=success,
                    created_at=now - timedelta(days=10),
                )
            )
    from service.alerts.stage import enqueue_feed_alerts

    with session_scope(sqlite_engine) as session:
        assert enqueue_feed_alerts(session, settings, now) == 3  # broken: failing and silent; quiet: silent
    with session_scope(sqlite_engine) as session:
        assert enqueue_feed_alerts(session, settings, now + timedelta(hours=1)) == 0  # one outage, one alert
    rows = outbox(sqlite_engine)
    assert sorted(row.rule for row in rows) == ["failing", "silent", "silent"]
    assert any("無法讀取" in row.title and "HTTP 404" in row.body for row in rows)


def test_config_errors_name_the_rule(tmp_path: Path) -> None:
    from service.errors import ConfigError

    bad = [
        ({"name": "a", "urls": ["json://x"]}, "alerts.rules[0]: a rule needs at least one condition"),
        ({"name": "a", "keywords": ["x"]}, "alerts.rules[0]: a rule needs urls or urls_env"),
        ({"name": "a", "regex": "(", "urls": ["json://x"]}, "alerts.rules[0].regex"),
        ({"name": "a", "event_types": ["party"], "urls": ["json://x"]}, "alerts.rules[0].event_types"),
        ({"name": "a", "keywords": ["x"], "feed_silent_days": 2, "urls": ["json://x"]}, "not both"),
    ]
    for rule, message in bad:
        with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
            settings_for("sqlite://", [rule])


def test_urls_from_the_environment(sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    with WebhookReceiver() as hook:
        monkeypatch.setenv("NEWSMON_TEST_ALERT_URLS", hook.apprise_url())
        settings = settings_for(
            str(sqlite_engine.url), [{**KEYWORD_RULE, "urls_env": "NEWSMON_TEST_ALERT_URLS"}]
        )
        classify(sqlite_engine, settings, add_items(sqlite_engine, 1))
        assert send_alerts(sqlite_engine, settings).sent == 1
        monkeypatch.delenv("NEWSMON_TEST_ALERT_URLS")
        classify(sqlite_engine, settings, add_items(sqlite_engine, 1, title="熊本縣知事來訪"))
        send_alerts(sqlite_engine, settings)
    assert "NEWSMON_TEST_ALERT_URLS is not set" in (outbox(sqlite_engine)[-1].last_error or "")


@pytest.mark.slow
def test_kill_9_between_delivery_and_marking_delivers_nothing_twice(engine: Engine, tmp_path: Path) -> None:
    with WebhookReceiver(hold_at=3) as hook:
        rule = {**KEYWORD_RULE, "urls": [hook.apprise_url()]}
        settings = settings_for(str(engine.url), [rule], lease_seconds=1)
        classify(engine, settings, add_items(engine, 5))
        config = tmp_path / "config.yaml"
        config.write_text(
            yaml.safe_dump(
                {
                    "database": {"url": str(engine.url)},
                    "alerts": {"rules": [rule], "lease_seconds": 1},
                    "feeds": [{"name": "cna", "url": "https://example.org/feed.xml"}],
                },
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
        sender = subprocess.Popen(
            [*NEWSMON, "--config", str(config), "alerts", "send"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            assert hook.held.wait(CEILING), "the third delivery never arrived"
            sender.send_signal(signal.SIGKILL)  # the webhook has the message; the row is not marked
            sender.wait(CEILING)
        finally:
            if sender.poll() is None:
                sender.kill()
                sender.wait()
        hook.release.set()
        held_key = hook.requests[2].headers["x-newsmon-alert-id"]

        def settled() -> bool:
            send_alerts(engine, settings)  # another run, after the killed sender's lease ended
            return {row.status for row in outbox(engine)} == {"sent", "interrupted"}

        wait_for(settled, "the other alerts sent and the killed one interrupted")
        keys = hook.keys()
        rows = outbox(engine)
        assert len(keys) == 5 and set(keys.values()) == {1}  # five alerts, each delivered once
        interrupted = [row for row in rows if row.status == "interrupted"]
        assert [row.message_key for row in interrupted] == [held_key]
        assert "可能已送達" in (interrupted[0].last_error or "")
        # A person's retry sends it again with the same key, so the receiver can drop the repeat.
        with session_scope(engine) as session:
            assert alert_store.retry_alert(session, interrupted[0].id)
        send_alerts(engine, settings)
        assert hook.keys()[held_key] == 2


def test_the_documented_urls_are_understood_by_apprise() -> None:
    from service.alerts.send import check_url

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    examples = [
        "slack://TokenA/TokenB/TokenC/#channel",
        "workflows://prod-01.westus.logic.azure.com:443/workflows/abc123/triggers/sig456",
        "tgram://123456789:ABCdefGhIJKlmnoPQRsTUVwxyZ/12345",
        "line://ChannelAccessToken/U1234567890abcdef1234567890abcdef",
        "discord://123456/abcdefg",
        "jsons://hooks.example.tw/newsmon",
        "mailtos://newsmon:secret@mail.example.tw?to=ops@example.tw",
    ]
    assert [url for url in examples if check_url(url) is not None] == []
    for scheme in ("mailto://", "slack://", "workflows://", "tgram://", "line://", "discord://", "jsons://"):
        assert scheme in readme
    assert check_url("nosuchservice://x") is not None


def test_alerts_check_names_the_rule_and_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from service.cli import main

    config = tmp_path / "config.yaml"
    rules = [
        {"name": "ok", "keywords": ["熊本"], "urls": ["jsons://hooks.example.tw/x"]},
        {"name": "bad", "keywords": ["熊本"], "urls": ["json://ok.example.tw/x", "nosuch://token@x"]},
        {"name": "env", "keywords": ["熊本"], "urls_env": "NEWSMON_TEST_UNSET_URLS"},
    ]
    config.write_text(
        yaml.safe_dump(
            {
                "data_dir": str(tmp_path / "data"),
                "alerts": {"rules": rules},
                "feeds": [{"name": "cna", "url": "https://example.org/feed.xml"}],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    monkeypatch.delenv("NEWSMON_TEST_UNSET_URLS", raising=False)
    result = CliRunner().invoke(main, ["--config", str(config), "alerts", "check"])
    assert result.exit_code == 2
    assert "alerts.rules[1] (bad).urls[1]" in result.output and "token" not in result.output
    assert "alerts.rules[2] (env).urls_env: NEWSMON_TEST_UNSET_URLS is not set" in result.output
    assert "rules[0]" not in result.output


def test_the_scheduler_runs_the_alerts_job_only_with_rules() -> None:
    from service.scheduler import ALERTS, JobFunctions, build_scheduler

    def nothing() -> None:
        return None

    jobs = JobFunctions(poll=nothing, digest=nothing, maintenance=nothing, alerts=nothing)
    with_rules = settings_for("sqlite://", [{**KEYWORD_RULE, "urls": ["json://x/y"]}], send_every_seconds=7)
    job = build_scheduler(with_rules, jobs).get_job(ALERTS)
    assert job is not None and job.trigger.interval.total_seconds() == 7 and job.max_instances == 1
    assert build_scheduler(settings_for("sqlite://", []), jobs).get_job(ALERTS) is None


def test_concurrent_senders_deliver_each_alert_and_each_batch_once(engine: Engine) -> None:
    """Four senders at once over one database (threads, each its own connections): every single alert
    arrives once, and a batched rule's window yields one message."""
    from concurrent.futures import ThreadPoolExecutor

    with WebhookReceiver() as hook:
        rules = [
            {**KEYWORD_RULE, "urls": [hook.apprise_url("/single")]},
            {
                "name": "batched",
                "keywords": ["熊本"],
                "every_minutes": 60,
                "urls": [hook.apprise_url("/batch")],
            },
        ]
        settings = settings_for(str(engine.url), rules)
        classify(engine, settings, add_items(engine, 12))
        moment = datetime.now(UTC)
        with ThreadPoolExecutor(max_workers=4) as pool:
            reports = list(pool.map(lambda _n: send_alerts(engine, settings, now=moment), range(4)))
        single = [r for r in hook.accepted() if r.path == "/single"]
        batch = [r for r in hook.accepted() if r.path == "/batch"]
    assert sum(report.sent for report in reports) == 24  # 12 single + 12 carried by the one batch
    keys = [r.headers["x-newsmon-alert-id"] for r in single]
    assert len(keys) == 12 and len(set(keys)) == 12
    assert len(batch) == 1 and "12 則提醒" in batch[0].body["title"]


def test_a_party_spelt_two_ways_is_named_once() -> None:
    from classifiers.events import Event
    from service.alerts.rules import ItemFacts, party_names

    facts = ItemFacts(
        item_id=1,
        title="熊本縣知事拜會台南市長",
        text="",
        outlet=None,
        url=None,
        published_at=None,
        scores={},
        labels={},
        event=Event(taiwan_party=("臺南市",)),
        party="台南市",
    )
    assert party_names(facts) == ["臺南市"]
