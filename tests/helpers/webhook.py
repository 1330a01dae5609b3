"""A real webhook receiver on 127.0.0.1: keeps every POST (path, headers, JSON body), can answer 500 to the
first N, and can hold a request after recording it (a sender killed between delivery and marking).

    with WebhookReceiver(fail_first=2) as hook:
        url = hook.apprise_url()          # json://127.0.0.1:PORT/hook
        ...
        hook.keys()                        # the X-Newsmon-Alert-Id of every accepted request
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    status: int


class WebhookReceiver:
    def __init__(self, fail_first: int = 0, hold_at: int | None = None) -> None:
        self.fail_first = fail_first
        self.hold_at = hold_at  # the request with this number (1-based) waits for ``release`` after recording
        self.requests: list[Received] = []
        self.held = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def apprise_url(self, path: str = "/hook") -> str:
        return f"json://127.0.0.1:{self.port}{path}"

    def accepted(self) -> list[Received]:
        with self._lock:
            return [request for request in self.requests if request.status == 200]

    def keys(self) -> Counter[str]:
        return Counter(request.headers.get("x-newsmon-alert-id", "") for request in self.accepted())

    def __enter__(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"raw": raw.decode("utf-8", "replace")}
                with receiver._lock:
                    number = len(receiver.requests) + 1
                    status = 500 if number <= receiver.fail_first else 200
                    receiver.requests.append(
                        Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body, status)
                    )
                if receiver.hold_at == number:
                    receiver.held.set()
                    receiver.release.wait(180)
                payload = b'{"ok": true}' if status == 200 else b'{"error": "try later"}'
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        return Handler
