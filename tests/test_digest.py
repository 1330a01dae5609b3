"""The daily digest end to end: real SQLite files, a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from helpers import digest_samples as samples
from helpers.smtp_server import RecordingHandler, SmtpServer, make_certificates, password_authenticator
from sqlalchemy import Engine

from service.cli import main
from service.config import Settings, load_settings, with_overrides
from service.digest.job import DigestOutcome, due_date, preview_digest, run_digest, send_time
from service.storage import digests as store
from service.storage.db import session_scope

DAY = date(2026, 11, 20)
RECIPIENTS = ["office@example.tw", "researcher@example.jp"]


def settings_for(port: int, tmp_path: Path, **digest: Any) -> Settings:
    smtp = {
        "host": "127.0.0.1",
        "port": port,
        "security": "none",
        "timeout_seconds": 5,
        "retries": 2,
        "retry_base_seconds": 0.5,
        **digest.pop("smtp", {}),
    }
    values = {
        "recipients": RECIPIENTS,
        "sender": "newsmon@example.tw",
        "public_base_url": "https://review.example.tw/",
        **digest,
        "smtp": smtp,
    }
    return with_overrides(load_settings(), digest=values, data_dir=str(tmp_path))  # type: ignore[arg-type]


def at_send_time(settings: Settings, day: date, minutes: int = 1) -> datetime:
    return send_time(settings, day) + timedelta(minutes=minutes)


@pytest.fixture
def handler() -> RecordingHandler:
    return RecordingHandler()


@pytest.fixture
def smtp_server(handler: RecordingHandler) -> Iterator[SmtpServer]:
    with SmtpServer(handler) as server:
        yield server


def fill_sample_day(engine: Engine, settings: Settings, day: date) -> None:
    with session_scope(engine) as session:
        samples.insert_sample_day(session, send_time(settings, day) - timedelta(hours=20))


def run(engine: Engine, settings: Settings, day: date, sleeps: list[float] | None = None) -> DigestOutcome:
    bucket = sleeps if sleeps is not None else []
    return run_digest(engine, settings, now=at_send_time(settings, day), sleep=bucket.append)


# --- the mail ---------------------------------------------------------------------------------------------


def test_digest_arrives_as_grouped_multipart_mail(
    sqlite_engine: Engine, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    settings = settings_for(smtp_server.port, tmp_path)
    fill_sample_day(sqlite_engine, settings, DAY)

    outcome = run(sqlite_engine, settings, DAY)

    assert outcome.status == "sent", outcome
    assert (outcome.story_count, outcome.article_count, outcome.outlet_count) == (6, 13, 8)
    [mail] = smtp_server.handler.received
    assert sorted(mail.recipients) == sorted(RECIPIENTS)
    message = mail.message
    assert message.get_content_type() == "multipart/alternative"
    plain, html_part = message.get_payload()  # type: ignore[misc]
    assert (plain.get_content_type(), html_part.get_content_type()) == ("text/plain", "text/html")
    assert plain.get_content_charset() == html_part.get_content_charset() == "utf-8"
    assert message["Message-ID"] == outcome.message_id and message["Message-ID"].endswith("@example.tw>")
    assert message["Date"] and message["Auto-Submitted"] == "auto-generated"
    # In Traditional Chinese (ui.language's default), dates in local form, no doubled parentheses.
    assert message["Subject"] == "[newsmon] 2026年11月20日（週五） · 6 則報導、13 篇文章"
    html, text = html_part.get_content(), plain.get_content()
    assert "6 則報導、13 篇文章、8 家媒體" in html and "6 則報導、13 篇文章、8 家媒體" in text
    assert "2026年11月19日 07:30 – 2026年11月20日 07:30 (Asia/Taipei)" in text  # the window in local time

    # Topic, then partner: Taiwan–Japan first; the Sendai story (both labels) is once, in city diplomacy.
    tj, cd = html.index(">台日關係 <"), html.index(">城市外交 <")
    assert tj < html.index("日台交流協會新任代表") < cd < html.index("臺北市與仙台市線上交流")
    assert html.count("臺北市與仙台市線上交流") == 1 and text.count("臺北市與仙台市線上交流") == 1
    # Partners by country (Japan first), then level, then name; counts shown, one pair of brackets at most.
    assert (
        cd < html.index("仙台市 <span") < html.index("熊本縣 <span") < html.index("Santa Clara County <span")
    )
    assert "## 仙台市 · 日本 · 1" in text and "## Santa Clara County · 美國 · 1" in text
    assert ") (" not in text and "))" not in text
    # Entry: link to the canonical article, outlet and date, lead, tags, also reported by, review link.
    assert '<a href="https://news.example.tw/0/0"' in html
    assert "中央社 · 2026年11月19日 11:30" in html
    assert "臺北市長今天與日本仙台市長舉行視訊會議" in html and "本報記者" not in html
    assert "雙方也同意擴大中學生互訪" not in html  # the lead stops after two or three sentences
    assert "其他報導：自由時報、聯合新聞網" in html and "其他報導：自由時報、聯合新聞網" in text
    assert "視訊會議</span>" in html and "台日關係</span>" in html
    assert (
        'href="https://review.example.tw/items/' in html and "審閱：https://review.example.tw/items/" in text
    )
    assert "Japanese lawmakers visit Taipei" in html and "The group met the premier" in html
    # Escaping: the title with a script tag arrives as text in the HTML, verbatim in the plain text.
    assert "<script>" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<script>alert('x')</script> 台日青年論壇" in text
    # The "maybe" section holds the item just below the threshold.
    assert html.index("可能相關") < html.index("九份老街") and "九份老街" in text
    for english in ("Maybe", "Also reported by", "Tags:", "Review:", "stories", "Partner not identified"):
        assert english not in html and english not in text, english


def test_second_run_sends_nothing(engine: Engine, smtp_server: SmtpServer, tmp_path: Path) -> None:
    settings = settings_for(smtp_server.port, tmp_path)
    fill_sample_day(engine, settings, DAY)
    first = run(engine, settings, DAY)
    again = run_digest(engine, settings, now=at_send_time(settings, DAY, minutes=90))

    assert (first.status, again.status) == ("sent", "already_done")
    assert len(smtp_server.handler.received) == 1
    with session_scope(engine) as session:
        stored = store.get_run(session, DAY)
    assert stored is not None and stored.status == "sent" and stored.message_id == first.message_id
    assert stored.story_count == 6 and len(stored.item_ids) == 13 and stored.recipients == RECIPIENTS


def test_two_workers_at_the_same_moment_send_once(
    engine: Engine, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    settings = settings_for(smtp_server.port, tmp_path)
    fill_sample_day(engine, settings, DAY)
    start = threading.Barrier(2)
    outcomes: list[DigestOutcome] = []

    def worker() -> None:
        start.wait()
        outcomes.append(run(engine, settings, DAY))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcome.status for outcome in outcomes) in (["busy", "sent"], ["already_done", "sent"])
    assert len(smtp_server.handler.received) == 1


def test_missed_day_is_caught_up_by_one_digest(
    sqlite_engine: Engine, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    settings = settings_for(smtp_server.port, tmp_path)
    day1, day2, day3 = DAY, DAY + timedelta(days=1), DAY + timedelta(days=2)
    with session_scope(sqlite_engine) as session:
        for day, title in (
            (day1, "第一天：嘉義市與日本大垣市續簽交流協定"),
            (day2, "第二天：台南市長接待日本鹿兒島縣議員團"),
            (day3, "第三天：新竹市與美國俄勒岡州比佛頓市視訊交流"),
        ):
            item_id = samples.add_item(
                session,
                title=title,
                text="市府今天表示雙方將持續交流。內容包括教育。",
                outlet="中央社",
                first_seen=send_time(settings, day) - timedelta(hours=3),
            )
            samples.add_classification(
                session, item_id, city_diplomacy=0.9, partner="某市", partner_country="日本"
            )

    assert run(sqlite_engine, settings, day1).status == "sent"
    # The daemon was down on day 2: nothing ran. Day 3's digest covers days 2 and 3.
    caught_up = run(sqlite_engine, settings, day3)

    assert caught_up.status == "sent" and caught_up.story_count == 2
    assert caught_up.window_start == send_time(settings, day1) and caught_up.window_end == send_time(
        settings, day3
    )
    first, second = smtp_server.handler.received
    html = second.message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "第二天" in html and "第三天" in html and "第一天" not in html
    assert "第一天" in first.message.get_body(("html",)).get_content()  # type: ignore[union-attr]


def test_temporary_smtp_failure_is_retried(sqlite_engine: Engine, tmp_path: Path) -> None:
    handler = RecordingHandler(fail_first=1)
    with SmtpServer(handler) as server:
        settings = settings_for(server.port, tmp_path)
        fill_sample_day(sqlite_engine, settings, DAY)
        sleeps: list[float] = []
        outcome = run(sqlite_engine, settings, DAY, sleeps)

    assert outcome.status == "sent" and outcome.attempts == 2
    assert sleeps == [0.5] and handler.attempts == 2 and len(handler.received) == 1


def test_exhausted_retries_fail_then_a_later_call_sends_with_the_same_message_id(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    handler = RecordingHandler(fail_first=3)
    with SmtpServer(handler) as server:
        settings = settings_for(server.port, tmp_path)
        fill_sample_day(sqlite_engine, settings, DAY)
        sleeps: list[float] = []
        failed = run(sqlite_engine, settings, DAY, sleeps)
        assert failed.status == "failed" and "451" in failed.detail and "3 attempt" in failed.detail
        assert sleeps == [0.5, 1.0]
        with session_scope(sqlite_engine) as session:
            stored = store.get_run(session, DAY)
        assert stored is not None and stored.status == "failed" and "451" in (stored.error or "")

        retried = run(sqlite_engine, settings, DAY)

    assert retried.status == "sent" and retried.message_id == failed.message_id
    assert len(handler.received) == 1 and handler.received[0].message["Message-ID"] == failed.message_id


def test_permanent_refusal_is_not_retried(sqlite_engine: Engine, tmp_path: Path) -> None:
    handler = RecordingHandler(fail_first=5, code="554 5.7.1 Rejected as spam")
    with SmtpServer(handler) as server:
        settings = settings_for(server.port, tmp_path)
        fill_sample_day(sqlite_engine, settings, DAY)
        sleeps: list[float] = []
        outcome = run(sqlite_engine, settings, DAY, sleeps)

    assert outcome.status == "failed" and "554" in outcome.detail and "not retried" in outcome.detail
    assert sleeps == [] and handler.attempts == 1


def test_failed_day_is_superseded_by_the_next_digest(sqlite_engine: Engine, tmp_path: Path) -> None:
    handler = RecordingHandler(fail_first=3)
    with SmtpServer(handler) as server:
        settings = settings_for(server.port, tmp_path)
        fill_sample_day(sqlite_engine, settings, DAY)
        assert run(sqlite_engine, settings, DAY).status == "failed"
        nxt = run(sqlite_engine, settings, DAY + timedelta(days=1))
    assert nxt.status == "sent" and nxt.story_count == 6  # the failed day's stories are not lost
    with session_scope(sqlite_engine) as session:
        old = store.get_run(session, DAY)
    assert old is not None and old.status == "superseded"
    assert run(sqlite_engine, settings, DAY).status == "already_done"


def test_silent_server_times_out_and_is_retried(sqlite_engine: Engine, tmp_path: Path) -> None:
    with socket.socket() as listener:  # accepts connections, never says a word
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        port = listener.getsockname()[1]
        settings = settings_for(port, tmp_path, smtp={"timeout_seconds": 0.3, "retries": 1})
        fill_sample_day(sqlite_engine, settings, DAY)
        sleeps: list[float] = []
        began = time.monotonic()
        outcome = run(sqlite_engine, settings, DAY, sleeps)
        elapsed = time.monotonic() - began
    assert outcome.status == "failed" and "2 attempt" in outcome.detail and "timed out" in outcome.detail
    assert sleeps == [0.5] and elapsed < 10


def test_late_classified_item_joins_the_next_digest(
    sqlite_engine: Engine, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    settings = settings_for(smtp_server.port, tmp_path, maybe_section=False)
    seen = send_time(settings, DAY) - timedelta(minutes=2)
    with session_scope(sqlite_engine) as session:
        early = samples.add_item(
            session, title="準時分類：屏東縣與日本石垣市交流", text="內容。", outlet="中央社", first_seen=seen
        )
        samples.add_classification(session, early, city_diplomacy=0.9)
        late = samples.add_item(
            session, title="晚分類：宜蘭縣與日本中城村續約", text="內容。", outlet="自由時報", first_seen=seen
        )
    assert run(sqlite_engine, settings, DAY).story_count == 1  # the second item was not classified yet
    with session_scope(sqlite_engine) as session:
        samples.add_classification(session, late, city_diplomacy=0.8)

    outcome = run(sqlite_engine, settings, DAY + timedelta(days=1))

    assert outcome.status == "sent" and outcome.story_count == 1
    html = smtp_server.handler.received[1].message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "宜蘭縣與日本中城村續約" in html and "屏東縣與日本石垣市交流" not in html


def test_starttls_with_login(sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    certs = make_certificates(tmp_path)
    handler = RecordingHandler()
    monkeypatch.setenv("NEWSMON_TEST_SMTP_PASSWORD", "s3cret")
    with SmtpServer(
        handler,
        tls_context=certs.server_context(),
        require_starttls=True,
        authenticator=password_authenticator("digest", "s3cret"),
        auth_require_tls=True,
    ) as server:
        settings = settings_for(
            server.port,
            tmp_path,
            smtp={
                "security": "starttls",
                "username": "digest",
                "password_env": "NEWSMON_TEST_SMTP_PASSWORD",
                "ca_file": str(certs.ca_file),
            },
        )
        fill_sample_day(sqlite_engine, settings, DAY)
        outcome = run(sqlite_engine, settings, DAY)
    assert outcome.status == "sent" and len(handler.received) == 1


def test_implicit_tls_refuses_an_untrusted_certificate(sqlite_engine: Engine, tmp_path: Path) -> None:
    certs = make_certificates(tmp_path)
    handler = RecordingHandler()
    with SmtpServer(handler, ssl_context=certs.server_context()) as server:
        trusted = settings_for(server.port, tmp_path, smtp={"security": "ssl", "ca_file": str(certs.ca_file)})
        untrusted = settings_for(server.port, tmp_path, smtp={"security": "ssl"})
        fill_sample_day(sqlite_engine, trusted, DAY)
        refused = run(sqlite_engine, untrusted, DAY)
        sent = run(sqlite_engine, trusted, DAY)
    assert refused.status == "failed" and "certificate" in refused.detail
    assert sent.status == "sent" and len(handler.received) == 1


def test_missing_password_is_a_recorded_failure(
    sqlite_engine: Engine, smtp_server: SmtpServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSMON_SMTP_PASSWORD", raising=False)
    settings = settings_for(smtp_server.port, tmp_path, smtp={"username": "digest"})
    fill_sample_day(sqlite_engine, settings, DAY)
    outcome = run(sqlite_engine, settings, DAY)
    assert outcome.status == "failed" and "NEWSMON_SMTP_PASSWORD" in outcome.detail


# --- empty days, reviewers, recipients --------------------------------------------------------------------


def test_empty_day_sends_nothing_or_a_short_note(
    sqlite_engine: Engine, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    quiet = settings_for(smtp_server.port, tmp_path, send_when_empty=False)
    assert run(sqlite_engine, quiet, DAY).status == "empty"
    assert smtp_server.handler.received == []

    chatty = settings_for(smtp_server.port, tmp_path, send_when_empty=True)
    outcome = run(sqlite_engine, chatty, DAY + timedelta(days=1))
    assert outcome.status == "empty" and outcome.mailed
    [mail] = smtp_server.handler.received
    assert mail.message["Subject"].endswith("無新消息")
    assert "無新消息" in mail.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_reviewer_labels_win_over_the_model(
    sqlite_engine: Engine, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    settings = settings_for(smtp_server.port, tmp_path, maybe_section=False)
    seen = send_time(settings, DAY) - timedelta(hours=5)
    with session_scope(sqlite_engine) as session:
        kept = samples.add_item(
            session, title="模型判定相關但審核者否決", text="內容。", outlet="中央社", first_seen=seen
        )
        samples.add_classification(session, kept, taiwan_japan=0.9)
        samples.add_review_label(session, kept, "relevant", True, seen)
        samples.add_review_label(session, kept, "relevant", False, seen + timedelta(minutes=5))  # newest wins
        added = samples.add_item(
            session, title="模型漏判但審核者加入", text="內容。", outlet="公視新聞網", first_seen=seen
        )
        samples.add_classification(session, added, taiwan_japan=0.1, city_diplomacy=0.3)
        samples.add_review_label(session, added, "city_diplomacy", True, seen)
    outcome = run(sqlite_engine, settings, DAY)
    assert outcome.status == "sent" and outcome.story_count == 1
    html = smtp_server.handler.received[0].message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "模型漏判但審核者加入" in html and "否決" not in html


def test_no_recipients_records_nothing(sqlite_engine: Engine, tmp_path: Path) -> None:
    settings = settings_for(1, tmp_path, recipients=[])
    assert run(sqlite_engine, settings, DAY).status == "no_recipients"
    with session_scope(sqlite_engine) as session:
        assert store.get_run(session, DAY) is None


def test_sending_before_the_send_time_is_refused(sqlite_engine: Engine, tmp_path: Path) -> None:
    settings = settings_for(1, tmp_path)
    early = send_time(settings, DAY) - timedelta(minutes=1)
    outcome = run_digest(sqlite_engine, settings, now=early, digest_date=DAY)
    assert outcome.status == "skipped" and outcome.due_at == send_time(settings, DAY)
    said = outcome.describe(settings.tz, "en")
    assert "not due until 20 Nov 2026 07:30" in said and "newsmon digest --send --date 2026-11-20" in said
    assert due_date(settings, early) == DAY - timedelta(days=1)


def test_claim_is_exclusive(engine: Engine) -> None:
    start = datetime(2026, 11, 19, tzinfo=UTC)
    with session_scope(engine) as session:
        first = store.claim_run(session, DAY, start, start + timedelta(days=1), RECIPIENTS, "<a@x>", start)
    with session_scope(engine) as session:
        second = store.claim_run(session, DAY, start, start + timedelta(days=1), RECIPIENTS, "<b@x>", start)
        stored = store.get_run(session, DAY)
        assert stored is not None
        # a fresh pending claim cannot be taken over; a stale one can, once
        assert (
            store.reclaim_run(session, stored, RECIPIENTS, start + timedelta(minutes=5), timedelta(hours=1))
            is None
        )
        later = start + timedelta(hours=2)
        taken = store.reclaim_run(session, stored, RECIPIENTS, later, timedelta(hours=1))
        assert store.reclaim_run(session, stored, RECIPIENTS, later, timedelta(hours=1)) is None
    assert first is not None and second is None
    assert taken is not None and taken.message_id == "<a@x>" and taken.created_at == later


# --- templates, preview, CLI ------------------------------------------------------------------------------


def test_templates_can_be_overridden(sqlite_engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "subject.txt.j2").write_text(
        "City office digest {{ digest.digest_date }}: {{ digest.story_count }}\n"
    )
    settings = settings_for(1, tmp_path, template_dir=str(folder))
    fill_sample_day(sqlite_engine, settings, DAY)
    _digest, rendered = preview_digest(sqlite_engine, settings, DAY)
    assert rendered.subject == "City office digest 2026-11-20: 6"
    assert "臺北市與仙台市線上交流" in rendered.html  # the HTML still comes from the shipped template


def test_preview_without_a_date_shows_the_next_digest_so_far(
    sqlite_engine: Engine, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    settings = settings_for(smtp_server.port, tmp_path)
    fill_sample_day(sqlite_engine, settings, DAY)
    assert run(sqlite_engine, settings, DAY).status == "sent"
    later = send_time(settings, DAY) + timedelta(hours=3)
    with session_scope(sqlite_engine) as session:
        item_id = samples.add_item(
            session, title="基隆市與日本舞鶴市交流", text="雙方互訪。", outlet="公視新聞網",
            first_seen=later - timedelta(hours=1),
        )  # fmt: skip
        samples.add_classification(
            session, item_id, city_diplomacy=0.9, partner="舞鶴市", partner_country="日本"
        )

    digest, rendered = preview_digest(sqlite_engine, settings, now=later)

    assert digest.digest_date == DAY + timedelta(days=1) and digest.story_count == 1
    assert digest.window_start == send_time(settings, DAY) and digest.window_end == later
    assert "基隆市與日本舞鶴市交流" in rendered.html and "臺北市與仙台市線上交流" not in rendered.html
    assert len(smtp_server.handler.received) == 1  # previews never send


def write_config(tmp_path: Path, port: int) -> Path:
    config = (
        yaml.safe_load(Path("config.yaml").read_text(encoding="utf-8"))
        if Path("config.yaml").exists()
        else {}
    )
    config = {
        "data_dir": str(tmp_path / "data"),
        "digest": {"recipients": RECIPIENTS, "smtp": {"host": "127.0.0.1", "port": port, "retries": 0}},
        "feeds": [{"name": "sample", "url": "https://news.example.tw/rss"}],
    }
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def test_cli_preview_and_send(tmp_path: Path, smtp_server: SmtpServer) -> None:
    config = write_config(tmp_path, smtp_server.port)
    settings = load_settings(config)
    from service.storage.db import make_engine, migrate

    engine = make_engine(settings.database_url)
    migrate(engine)
    fill_sample_day(engine, settings, DAY)
    engine.dispose()
    runner = CliRunner()
    out = tmp_path / "preview.html"

    preview = runner.invoke(
        main, ["--config", str(config), "digest", "--preview", str(out), "--date", "2026-11-20"]
    )
    assert preview.exit_code == 0, preview.output
    assert "6 則報導" in preview.output and "臺北市與仙台市線上交流" in out.read_text(encoding="utf-8")
    assert "(Asia/Taipei)" in preview.output and "UTC" not in preview.output
    assert out.with_suffix(".txt").exists() and smtp_server.handler.received == []

    sent = runner.invoke(main, ["--config", str(config), "digest", "--send", "--date", "2026-11-20"])
    again = runner.invoke(main, ["--config", str(config), "digest", "--send", "--date", "2026-11-20"])
    assert sent.exit_code == 0 and "已寄出" in sent.output and "(Asia/Taipei)" in sent.output, sent.output
    assert again.exit_code == 0 and "已寄送過" in again.output and "--test-send" in again.output
    assert len(smtp_server.handler.received) == 1

    both = runner.invoke(main, ["--config", str(config), "digest", "--send", "--preview", str(out)])
    bad_date = runner.invoke(main, ["--config", str(config), "digest", "--send", "--date", "20.11.2026"])
    assert both.exit_code == 2 and "exactly one" in both.output
    assert bad_date.exit_code == 2 and "not a date" in bad_date.output
