"""Review UI commands: serve, hash-password."""

from __future__ import annotations

import contextlib
import signal
import sys
from types import FrameType

import click

from service.cli.context import AppContext


@click.command()
@click.option("--host", help="Address to bind (default: web.host, 127.0.0.1). Non-loopback requires a login.")
@click.option("--port", type=click.IntRange(0, 65535), help="Port (default: web.port, 8080).")
@click.pass_obj
def serve(app: AppContext, host: str | None, port: int | None) -> None:
    """Serve the review UI (queue, item pages, feeds, digests, model, JSON API) until Ctrl-C or SIGTERM
    (both stop it cleanly, exit status 0).

    Binds 127.0.0.1 by default. Bound anywhere else, or with web.require_login, a login is required and
    the command refuses to start unless web.users or the admin password variable is set.

    Example: newsmon serve --port 8080
    """
    from service.web.server import make_server

    settings = app.settings
    server = make_server(settings, app.engine(), host=host, port=port)
    shown_host = host or settings.web.host
    shown_port = settings.web.port if port is None else port
    address = {"url": f"http://{shown_host}:{shown_port}/"}
    click.echo(app.gettext("review UI on %(url)s (Ctrl-C stops)") % address)
    # uvicorn shuts down on SIGINT and SIGTERM, then raises the signal again for the previous handler: Ctrl-C
    # becomes KeyboardInterrupt, and SIGTERM (systemd, docker stop) would end the process with 143 unless it
    # too is turned into an exception here.
    previous = signal.signal(signal.SIGTERM, _stopped)
    try:
        with contextlib.suppress(KeyboardInterrupt, _Stopped):
            server.run()
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo(app.gettext("review UI stopped"))


class _Stopped(Exception):
    """SIGTERM after uvicorn's shutdown."""


def _stopped(signum: int, frame: FrameType | None) -> None:
    raise _Stopped


@click.command(name="hash-password")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
def hash_password(password_stdin: bool) -> None:
    """Print a salted scrypt hash of a password, for web.users in the configuration.

    Example: newsmon hash-password   (then put  users: {alice: "scrypt$..."}  under web:)
    """
    from service.web import auth

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise click.UsageError("the password is empty")
    click.echo(auth.hash_password(password))


def commands() -> list[click.Command]:
    return [serve, hash_password]
