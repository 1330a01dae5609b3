"""A real HTTP server on 127.0.0.1 for integration tests and benchmarks.

Routes map a path to a function of the request that returns a ``Reply``; every request is logged with its
arrival time, so tests can assert what the client sent (conditional headers, User-Agent) and when (the
politeness gap). HTTP/1.1 with keep-alive, one thread per connection, as a real server would be.

    with LocalServer() as server:
        server.route("/feed.xml", lambda request: Reply(body=b"<rss .../>"))
        fetcher.fetch(server.url("/feed.xml"))
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    arrived: float  # time.monotonic()
    finished: float = 0.0
    client_port: int = 0  # tells connections apart (keep-alive reuse)


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    chunk_delay: float = 0.0  # seconds between 1 KB chunks of the body (a slow server)
    send_length: bool = True


Handler = Callable[[Request], Reply]


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up mid-exchange are what several tests do on purpose (an oversize body, a
    timeout): not worth a traceback on stderr. Any other error still prints one."""

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class LocalServer:
    def __init__(self, latency: float = 0.0) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[Request] = []
        self.bytes_sent = 0
        self.latency = latency  # added before every answer (to model a network round trip)
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="local-http", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, handler: Handler | Reply) -> None:
        """Serve ``path`` (path and query, exactly) with a handler or a fixed reply."""
        self.routes[path] = handler if callable(handler) else (lambda _request, reply=handler: reply)

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [request for request in self.requests if request.path == path]

    def reset_log(self) -> None:
        with self._lock:
            self.requests.clear()
            self.bytes_sent = 0

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(
        self, _type: type[BaseException] | None, _exc: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                arrived = time.monotonic()
                headers = {k.lower(): v for k, v in self.headers.items()}
                request = Request(self.path, headers, arrived, client_port=self.client_address[1])
                handler = server.routes.get(self.path)
                reply = handler(request) if handler else Reply(404, b"not found")
                if server.latency:
                    time.sleep(server.latency)
                if reply.delay:
                    time.sleep(reply.delay)
                # Logged before the answer goes out, so a client that has its answer always finds its request
                # in the log ("finished" is when the answer was ready; writing a small body takes no time).
                with server._lock:
                    server.requests.append(
                        Request(request.path, headers, arrived, time.monotonic(), self.client_address[1])
                    )
                try:
                    self._send(reply)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def _send(self, reply: Reply) -> None:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.send_length:
                    self.send_header("Content-Length", str(len(reply.body)))
                else:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                if not reply.chunk_delay:
                    # Head and body in one write, as real servers do: two small writes meet Nagle's
                    # algorithm and delayed ACKs and cost the client ~40 ms per response.
                    self._headers_buffer.append(b"\r\n" + reply.body)
                    self.flush_headers()
                    return
                self.end_headers()
                for start in range(0, len(reply.body), 1024):
                    chunk = reply.body[start : start + 1024]
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    with server._lock:
                        server.bytes_sent += len(chunk)
                    time.sleep(reply.chunk_delay)

            def flush_headers(self) -> None:
                buffered = getattr(self, "_headers_buffer", [])
                with server._lock:
                    server.bytes_sent += sum(len(line) for line in buffered)
                super().flush_headers()

        return _Handler


class DripServer:
    """A raw socket server on 127.0.0.1 that answers every request slowly on purpose: ``head`` at once,
    then ``drip`` one byte every ``interval`` seconds (each byte well inside a client's read timeout), for
    at most ``ceiling`` seconds, then it hangs up. ``head=b""`` drips the status line and headers
    themselves; a complete head with a large ``Content-Length`` drips the body.

        with DripServer(drip=b"HTTP/1.1 200 OK\\r\\nX-Pad: " + b"a" * 1000) as slow:
            fetcher.fetch(slow.url("/feed.xml"))
    """

    def __init__(
        self, *, head: bytes = b"", drip: bytes, interval: float = 0.1, ceiling: float = 60.0
    ) -> None:
        self.head, self.drip, self.interval, self.ceiling = head, drip, interval, ceiling
        self.connections = 0
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self._thread = threading.Thread(target=self._accept, name="drip-http", daemon=True)

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def __enter__(self) -> DripServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        started = time.monotonic()
        with connection:
            try:
                connection.settimeout(5)
                received = b""
                while b"\r\n\r\n" not in received:
                    chunk = connection.recv(4096)
                    if not chunk:
                        return
                    received += chunk
                if self.head:
                    connection.sendall(self.head)
                for byte in self.drip:
                    if self._stop.wait(self.interval) or time.monotonic() - started > self.ceiling:
                        return
                    connection.sendall(bytes([byte]))
            except OSError:  # the client hung up: what a bounded client does
                return
