"""`newsmon serve` as a user runs it: a real process on 127.0.0.1 that answers, and stops on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from service.config import DEFAULT_CONFIG
from service.web.server import free_port

pytestmark = pytest.mark.slow  # a real `newsmon serve` process
# seconds: the most a start or a stop may take on a loaded 2-core machine (beside the other test workers and
# two CPU hogs a start took over 30 s), not the expected time
STARTUP_CEILING = 180


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_answers_and_stops_on_interrupt(tmp_path: Path, stop: signal.Signals) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(
        DEFAULT_CONFIG.read_text(encoding="utf-8").replace("data_dir: newsmon-data", f"data_dir: {tmp_path}"),
        encoding="utf-8",
    )
    port = free_port()
    command = [
        sys.executable,
        "-c",
        "from service.cli import main; main()",
        "--config",
        str(config),
        "serve",
        "--port",
        str(port),
    ]
    environment = {key: value for key, value in os.environ.items() if not key.startswith("NEWSMON_")}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
    try:
        deadline = time.monotonic() + STARTUP_CEILING
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/queue", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.communicate()[1].decode()
                assert time.monotonic() < deadline, f"newsmon serve did not start within {STARTUP_CEILING} s"
                time.sleep(0.2)
        assert answer.status_code == 200 and "待審閱清單" in answer.text  # "Review queue", zh-Hant
        assert "HttpOnly" in answer.headers["set-cookie"]
    finally:
        process.send_signal(stop)
        out, _err = process.communicate(timeout=STARTUP_CEILING)
    assert process.returncode == 0
    assert f"審閱介面位於 http://127.0.0.1:{port}/" in out.decode()  # "review UI on", zh-Hant
