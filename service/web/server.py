"""Running the review UI with uvicorn: in the foreground (``newsmon serve``) or in a thread (the daemon,
browser tests). The only module that knows about uvicorn."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Sequence

import uvicorn
from sqlalchemy import Engine
from starlette.types import ASGIApp

from service.config import Settings
from service.errors import NewsmonError
from service.web.app import create_app
from service.web.retrain import Trainer


def make_server(
    settings: Settings,
    engine: Engine,
    host: str | None = None,
    port: int | None = None,
    trainer: Trainer | None = None,
    secret_key: str | None = None,
) -> uvicorn.Server:
    """A uvicorn server for the review UI (not started). Raises ConfigError when it may not start."""
    bound_host = host or settings.web.host
    app = create_app(settings, engine, host=bound_host, trainer=trainer, secret_key=secret_key)
    port = settings.web.port if port is None else port
    return app_server(app, bound_host, port, trusted_proxies=settings.web.trusted_proxies)


def app_server(
    app: ASGIApp,
    host: str,
    port: int,
    graceful_shutdown_seconds: int | None = None,
    trusted_proxies: Sequence[str] = (),
) -> uvicorn.Server:
    """A uvicorn server for any of our ASGI apps (the review UI alone, or the daemon's app around it).

    X-Forwarded-For and X-Forwarded-Proto are believed only from ``trusted_proxies`` (``web.trusted_proxies``,
    none by default): uvicorn's own default trusts any loopback client, which let a local client pick the
    address the login throttle counts."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        proxy_headers=bool(trusted_proxies),  # behind a trusted https proxy, cookies are marked Secure
        forwarded_allow_ips=list(trusted_proxies),
        server_header=False,
        lifespan="off",
        timeout_graceful_shutdown=graceful_shutdown_seconds,
    )
    return uvicorn.Server(config)


class ServerThread:
    """The review UI in a background thread; ``stop()`` shuts it down gracefully."""

    def __init__(self, server: uvicorn.Server) -> None:
        self.server = server
        self.thread = threading.Thread(target=server.run, name="newsmon-web", daemon=True)

    def start(self, timeout: float = 10.0) -> None:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                config = self.server.config
                where = f"{config.host}:{config.port}"
                raise NewsmonError(f"the HTTP server could not listen on {where} (port in use? see the log)")
            time.sleep(0.02)

    def alive(self) -> bool:
        return self.thread.is_alive()

    @property
    def port(self) -> int:
        sockets = [sock for server in self.server.servers for sock in server.sockets]
        port: int = sockets[0].getsockname()[1]
        return port

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port
