"""Two daemons on one PostgreSQL database: an alert rule that matches 5 items delivers 5 messages, each once,
to a loopback webhook and to an aiosmtpd server. Processes, a real feed site, real SMTP: marked slow."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers.http_server import LocalServer
from helpers.smtp_server import RecordingHandler, SmtpServer
from helpers.webhook import WebhookReceiver
from sqlalchemy import Engine, select
from test_daemon import CEILING, DaemonProcess, NewsSite, daemons, launch, wait_for, write_config

from service.storage.schema import AlertOutbox

__all__ = ["daemons"]  # the fixture, shared with test_daemon

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def with_alerts(config: Path, urls: list[str]) -> Path:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["alerts"] = {
        "send_every_seconds": 1,
        "retry_base_seconds": 1,
        "rules": [{"name": "城市交流", "keywords": ["城市交流"], "urls": urls}],
    }
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return config


def test_two_daemons_deliver_each_of_5_alerts_once(
    pg_server_url: str, pg_engine: Engine, tmp_path: Path, daemons: list[DaemonProcess]
) -> None:
    engine = pg_engine  # emptied, and disposed even when an assertion below fails
    handler = RecordingHandler()
    with LocalServer() as server, SmtpServer(handler) as smtp, WebhookReceiver() as hook:
        site = NewsSite(server, feeds=1, start_entries=5)
        mail = f"mailto://127.0.0.1:{smtp.port}?from=newsmon@example.tw&to=office@example.tw"
        workers = [
            launch(
                daemons,
                with_alerts(
                    write_config(tmp_path / name, site, database_url=pg_server_url),
                    [hook.apprise_url(), mail],
                ),
                name,
            )
            for name in ("one", "two")
        ]
        for worker in workers:
            worker.wait_healthy(polled=False)

        def all_sent() -> bool:
            with engine.connect() as connection:
                statuses = list(connection.scalars(select(AlertOutbox.status)))
            return len(statuses) == 5 and set(statuses) == {"sent"}

        wait_for(all_sent, CEILING, "5 alerts sent")
        wait_for(lambda: len(handler.received) >= 5, CEILING, "5 mails")
        for worker in workers:
            assert worker.terminate()[0] == 0, worker.log_text()
        keys = hook.keys()
        mails = [str(received.message["subject"]) for received in handler.received]
    assert len(keys) == 5 and set(keys.values()) == {1}, keys  # 5 webhook messages, each once
    assert len(mails) == 5 and len(set(mails)) == 5, mails  # 5 mails, each once
    with engine.connect() as connection:
        rows = connection.execute(select(AlertOutbox.item_id, AlertOutbox.attempts)).all()
    assert len({item for item, _ in rows}) == 5 and all(attempts == 1 for _, attempts in rows)
