"""``newsmon alerts``: deliver the alert outbox once, list alerts, send one again."""

from __future__ import annotations

import click

from service.cli.context import AppContext


@click.group()
def alerts() -> None:
    """Alerts from the rules in ``alerts.rules``: deliver, list, retry.

    The daemon delivers every alerts.send_every_seconds; these commands do it by hand.

    Examples: newsmon alerts check;  newsmon alerts send;  newsmon alerts list --status failed;
    newsmon alerts retry 42
    """


@alerts.command(name="check")
@click.pass_obj
def check_command(app: AppContext) -> None:
    """Check that Apprise understands every rule's destinations (``urls`` and the ``urls_env`` variable),
    without sending anything. Exit status 2 names the rule and the URL at fault (tokens are not printed).

    Example: newsmon alerts check
    """
    from service.alerts.job import url_problems

    problems = url_problems(app.settings)
    for line in problems:
        click.echo(line, err=True)
    if problems:
        raise SystemExit(2)
    click.echo(f"{len(app.settings.alerts.rules)} alert rule(s), every destination understood")


@alerts.command(name="send")
@click.pass_obj
def send_command(app: AppContext) -> None:
    """Deliver every due alert once (and write alerts for failing or silent feeds). Safe beside a daemon.

    Example: newsmon alerts send
    """
    from service.alerts.job import send_alerts

    click.echo(send_alerts(app.engine(), app.settings).describe())


@alerts.command(name="list")
@click.option("--status", type=click.Choice(["pending", "sending", "sent", "failed", "interrupted"]))
@click.option("--limit", type=int, default=50, show_default=True)
@click.pass_obj
def list_command(app: AppContext, status: str | None, limit: int) -> None:
    """The newest alerts with their delivery state.

    Example: newsmon alerts list --status interrupted
    """
    from service.storage import alerts as store
    from service.storage.db import session_scope

    with session_scope(app.engine()) as session:
        rows = store.recent_alerts(session, limit=limit, status=status)
    for row in rows:
        when = row.sent_at or row.created_at
        click.echo(f"{row.id:>6}  {row.status:<11} {when:%Y-%m-%d %H:%M}  {row.rule}  {row.title}")
        if row.last_error and row.status != "sent":
            click.echo(f"        {row.last_error[:200]}")
    if not rows:
        click.echo("no alerts")


@alerts.command(name="retry")
@click.argument("alert_id", type=int)
@click.pass_obj
def retry_command(app: AppContext, alert_id: int) -> None:
    """Queue a failed or interrupted alert again (same idempotency key); the next send delivers it.

    Example: newsmon alerts retry 42
    """
    from service.storage import alerts as store
    from service.storage.db import session_scope

    with session_scope(app.engine()) as session:
        queued = store.retry_alert(session, alert_id)
    if not queued:
        raise click.ClickException(f"alert {alert_id} is not failed or interrupted (see newsmon alerts list)")
    click.echo(f"alert {alert_id} queued again")


def commands() -> list[click.Command]:
    return [alerts]
