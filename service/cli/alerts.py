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
    rules = {"count": len(app.settings.alerts.rules)}
    click.echo(app.gettext("%(count)d alert rule(s), every destination understood") % rules)


@alerts.command(name="send")
@click.pass_obj
def send_command(app: AppContext) -> None:
    """Deliver every due alert once (and write alerts for failing or silent feeds). Safe beside a daemon.

    Example: newsmon alerts send
    """
    from service.alerts.job import send_alerts

    done = send_alerts(app.engine(), app.settings)
    values = {
        "sent": done.sent,
        "retrying": done.retrying,
        "failed": done.failed,
        "interrupted": done.interrupted,
        "feeds": done.new_feed_alerts,
    }
    click.echo(
        app.gettext(
            "alerts: %(sent)d sent, %(retrying)d to retry, %(failed)d failed, %(interrupted)d interrupted,"
            " %(feeds)d new feed alert(s)"
        )
        % values
    )


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
        click.echo(app.gettext("no alerts"))


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
    _ = app.gettext
    if not queued:
        refused = _("alert %(id)d is not failed or interrupted (see newsmon alerts list)")
        raise click.ClickException(refused % {"id": alert_id})
    click.echo(_("alert %(id)d queued again") % {"id": alert_id})


def commands() -> list[click.Command]:
    return [alerts]
