"""The daily digest job: claim the day, build, render, send, record. Idempotent; safe to call at any time.

``run_digest`` is what the daemon calls at ``digest.time`` (and may call at start: it only ever sends the
most recent due digest, once). The order of steps is what makes "never twice, never lost" hold:

1. **Claim** the local date (unique row in ``digest_runs``) with its window and a fresh Message-ID, and
   commit. A second worker, a restarted daemon or a CLI ``--send`` finds the row and stops.
2. **Build** the window's digest and store what it holds (item ids, story count).
3. **Render and send**, retrying with backoff; then record ``sent`` / ``empty``, or ``failed`` with the error.

The window runs from the end of the last delivered digest to today's send time, so after missed days one
digest covers them all (at most ``digest.catch_up_days``). A failed day is retried by the next call for the
same date, or covered by the next day's digest (and then marked ``superseded``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from service.config import Settings, SmtpSettings, secret
from service.digest.build import Digest, late_arrival_start, load_digest, options_from
from service.digest.render import (
    RenderedDigest,
    build_message,
    new_message_id,
    render_digest,
    template_environment,
)
from service.digest.send import send_message
from service.errors import DigestError, NewsmonError
from service.i18n import gettext_for, local_datetime, local_window, ngettext_for
from service.states import DIGEST_DONE, DigestJobStatus
from service.storage import digests as store
from service.storage.db import session_scope

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DigestOutcome:
    """What one call did (``status``, ``service.states.DigestJobStatus``): sent / empty (recorded now;
    ``mailed`` says whether an empty day's mail went out), already_done, busy (another process holds a
    fresh claim), failed (recorded; ``detail`` says why), no_recipients (nothing done, nothing recorded),
    skipped (not due yet, or a later digest exists)."""

    status: DigestJobStatus
    digest_date: date
    window_start: datetime | None = None
    window_end: datetime | None = None
    story_count: int = 0
    article_count: int = 0
    outlet_count: int = 0
    message_id: str | None = None
    attempts: int = 0
    mailed: bool = False
    detail: str = ""
    due_at: datetime | None = None  # skipped because the day's send time has not come

    def describe(self, tz: ZoneInfo | None = None, language: str = "en") -> str:
        """What happened, why, and how to proceed, in ``language``; the window in local time (``tz``)."""
        _ = gettext_for(language)
        zone = tz or ZoneInfo("UTC")
        values = {
            "date": self.digest_date.isoformat(),
            "detail": self.detail,
            "window": (
                local_window(self.window_start, self.window_end, language, zone)
                if self.window_start and self.window_end
                else ""
            ),
            "stories": ngettext_for(language)("%(num)d story", "%(num)d stories", self.story_count)
            % {"num": self.story_count},
            "due": local_datetime(self.due_at, language, zone) if self.due_at else "",
        }
        if self.status == DigestJobStatus.SENT:
            text = _("Digest of %(date)s sent: %(stories)s; window %(window)s.") % values
            if self.detail:
                text += (
                    " "
                    + _(
                        "Some recipients were refused (%(detail)s): check their addresses; "
                        "the others received it."
                    )
                    % values
                )
            return text
        if self.status == DigestJobStatus.EMPTY and self.mailed:
            return _('Digest of %(date)s sent as "nothing new": no relevant stories in %(window)s.') % values
        if self.status == DigestJobStatus.EMPTY:
            return (
                _(
                    "Digest of %(date)s: no relevant stories in %(window)s, so nothing was mailed "
                    "(digest.send_when_empty is off) and the day is recorded as done. "
                    "See what is waiting with: newsmon digest --preview FILE.html"
                )
                % values
            )
        if self.status == DigestJobStatus.ALREADY_DONE:
            return (
                _(
                    "The digest of %(date)s was already delivered; nothing sent. Look at it again with: "
                    "newsmon digest --preview FILE.html --date %(date)s, or mail it to yourself with: "
                    "newsmon digest --test-send ADDRESS --date %(date)s"
                )
                % values
            )
        if self.status == DigestJobStatus.BUSY:
            return (
                _(
                    "Another process is sending the digest of %(date)s (%(detail)s); nothing sent. "
                    "Try again in a few minutes."
                )
                % values
            )
        if self.status == DigestJobStatus.FAILED:
            return (
                _(
                    "The digest of %(date)s failed: %(detail)s. It is not recorded as sent: fix the cause "
                    "(digest.smtp, digest.recipients) and run newsmon digest --send --date %(date)s again."
                )
                % values
            )
        if self.status == DigestJobStatus.NO_RECIPIENTS:
            return (
                _(
                    "Nothing sent: digest.recipients and digest.bcc are empty. Add addresses in the config "
                    "file, or mail the preview to yourself with: newsmon digest --test-send ADDRESS"
                )
                % values
            )
        if self.due_at is not None:
            return (
                _(
                    "The digest of %(date)s is not due until %(due)s; nothing sent. "
                    "To send it now: newsmon digest --send --date %(date)s"
                )
                % values
            )
        return _("The digest of %(date)s was not sent: %(detail)s.") % values


def send_time(settings: Settings, digest_date: date) -> datetime:
    """The moment (UTC) the digest of a local date is due: ``digest.time`` in ``timezone``."""
    local = datetime.combine(digest_date, settings.digest.time, tzinfo=settings.tz)
    return local.astimezone(UTC)


def due_date(settings: Settings, now: datetime) -> date:
    """The newest local date whose send time has passed at ``now``."""
    today = now.astimezone(settings.tz).date()
    return today if send_time(settings, today) <= now else today - timedelta(days=1)


def plan_window(
    settings: Settings, last_end: datetime | None, digest_date: date, until: datetime | None = None
) -> tuple[datetime, datetime]:
    """From the end of the last delivered digest (or one day back) to this date's send time (or ``until``,
    when a day is sent early on request), capped at ``catch_up_days``."""
    end = send_time(settings, digest_date)
    if until is not None and until < end:
        end = until
    earliest = end - timedelta(days=settings.digest.catch_up_days)
    start = last_end if last_end is not None else end - timedelta(days=1)
    if start >= end:  # the send time moved earlier since the last run: still cover a day
        start = end - timedelta(days=1)
    return max(start, earliest), end


def stale_claim_after(smtp: SmtpSettings) -> timedelta:
    """How long a pending claim may stay silent before another process takes it over: longer than the
    slowest possible send (every attempt timing out on connect, TLS, login and data, plus the backoff)."""
    attempts = 1 + smtp.retries
    backoff = sum(smtp.retry_base_seconds * 2**i for i in range(smtp.retries))
    return timedelta(seconds=attempts * 4 * smtp.timeout_seconds + backoff + 300)


def _now(now: datetime | None) -> datetime:
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        raise DigestError("run_digest needs an aware datetime for 'now'")
    return moment


def _smtp_settings(settings: Settings) -> SmtpSettings:
    smtp = settings.digest.smtp
    if smtp.ca_file:
        return smtp.model_copy(update={"ca_file": str(settings.path(smtp.ca_file))})
    return smtp


def render_for(settings: Settings, digest: Digest) -> RenderedDigest:
    template_dir = settings.path(settings.digest.template_dir) if settings.digest.template_dir else None
    return render_digest(
        digest,
        template_environment(template_dir),
        settings.digest.subject_prefix,
        language=settings.ui.language,
        roc=settings.ui.roc_dates,
    )


def envelope_recipients(settings: Settings) -> list[str]:
    """Everyone a digest goes to: ``digest.recipients`` (the To header) and ``digest.bcc`` (envelope only)."""
    return list(dict.fromkeys([*settings.digest.recipients, *settings.digest.bcc]))


def _claim(
    engine: Engine, settings: Settings, digest_date: date, now: datetime, early: bool = False
) -> store.RunInfo | DigestOutcome:
    """Step 1: the run this process now owns, or the outcome that says why there is nothing to do."""
    digest = settings.digest
    with session_scope(engine) as session:
        existing = store.get_run(session, digest_date)
        if existing is not None:
            if existing.status in DIGEST_DONE:
                return _outcome_of(existing, DigestJobStatus.ALREADY_DONE)
            taken = store.reclaim_run(
                session, existing, digest.recipients, now, stale_claim_after(digest.smtp)
            )
            if taken is None:
                claimed_at = existing.created_at.astimezone(settings.tz)
                return _outcome_of(
                    existing,
                    DigestJobStatus.BUSY,
                    f"claimed at {claimed_at:%Y-%m-%d %H:%M} {settings.timezone}",
                )
            return taken
        later = store.later_delivered_run(session, digest_date)
        if later is not None:
            return DigestOutcome(
                DigestJobStatus.SKIPPED,
                digest_date,
                detail=f"the digest of {later.digest_date} already covers this window",
            )
        since = store.uncovered_since(session, digest_date)
        start, end = plan_window(settings, since, digest_date, until=now if early else None)
        message_id = new_message_id(digest.sender, digest_date.isoformat())
        claimed = store.claim_run(session, digest_date, start, end, digest.recipients, message_id, now)
        if claimed is None:
            raced = store.get_run(session, digest_date)
            return (
                _outcome_of(raced, DigestJobStatus.BUSY, "claimed by another process")
                if raced
                else DigestOutcome(DigestJobStatus.BUSY, digest_date)
            )
        return claimed


def _outcome_of(run: store.RunInfo, status: DigestJobStatus, detail: str = "") -> DigestOutcome:
    return DigestOutcome(
        status=status,
        digest_date=run.digest_date,
        window_start=run.window_start,
        window_end=run.window_end,
        story_count=run.story_count,
        message_id=run.message_id,
        attempts=run.attempts,
        detail=detail or (run.error or ""),
    )


def build_for_run(engine: Engine, settings: Settings, run: store.RunInfo) -> Digest:
    """Step 2: the digest of a claimed window, its contents recorded on the run."""
    options = options_from(settings.digest, settings.classify, settings.tz)
    with session_scope(engine) as session:
        has_previous = store.last_covered_end(session, run.digest_date) is not None
        digest = load_digest(
            session,
            run.digest_date,
            run.window_start,
            run.window_end,
            options,
            late_from=late_arrival_start(run.window_start, has_previous),
        )
        store.record_content(session, run.id, digest.item_ids, digest.story_count)
    return digest


def run_digest(
    engine: Engine,
    settings: Settings,
    now: datetime | None = None,
    digest_date: date | None = None,
    sleep: Callable[[float], None] = time.sleep,
    early: bool = False,
) -> DigestOutcome:
    """Send the digest of ``digest_date`` (default: the newest due date at ``now``) unless already done.

    A day whose send time has not come is skipped (the daemon never claims a day before its news is in),
    unless ``early`` (``newsmon digest --send --date D`` asks for it) and it is the next digest (the one
    ``--preview`` shows): then the window ends now, and the next digest starts there, so nothing is lost or
    sent twice.

    Never raises for a failed send: the failure is recorded on the run and returned (``status="failed"``),
    so the scheduler carries on. Configuration errors (a missing SMTP password) are recorded the same way.
    """
    moment = _now(now)
    day = digest_date or due_date(settings, moment)
    if send_time(settings, day) > moment and not early:
        return DigestOutcome(
            DigestJobStatus.SKIPPED, day, detail="not due yet", due_at=send_time(settings, day)
        )
    next_day = due_date(settings, moment) + timedelta(days=1)
    if day > next_day:  # claiming a later day would make the days between it and now "covered" and skipped
        return DigestOutcome(
            DigestJobStatus.SKIPPED,
            day,
            detail=f"only the next digest ({next_day.isoformat()}) can be sent early",
        )
    recipients = list(settings.digest.recipients)
    envelope = envelope_recipients(settings)
    if not envelope:
        return DigestOutcome(
            DigestJobStatus.NO_RECIPIENTS, day, detail="digest.recipients is empty: nothing sent"
        )
    claimed = _claim(engine, settings, day, moment, early=early)
    if isinstance(claimed, DigestOutcome):
        log.info("%s", claimed.describe(settings.tz))
        return claimed
    run = claimed
    attempts = run.attempts
    try:
        digest = build_for_run(engine, settings, run)
        if digest.empty and not settings.digest.send_when_empty:
            with session_scope(engine) as session:
                store.record_empty(session, run.id, attempts, None, mailed=False)
                store.supersede_failed(session, run.window_start, run.window_end)
            return _finished(DigestJobStatus.EMPTY, run, digest, attempts, mailed=False)
        rendered = render_for(settings, digest)
        message = build_message(rendered, settings.digest.sender, recipients, run.message_id or "", moment)
        password = secret(settings.digest.smtp.password_env)
        result = send_message(message, envelope, _smtp_settings(settings), password, sleep=sleep)
        attempts += result.attempts
    except NewsmonError as exc:
        attempts += 1
        with session_scope(engine) as session:
            store.record_failed(session, run.id, attempts, str(exc))
        log.error("digest %s failed: %s", day, exc)
        return DigestOutcome(
            DigestJobStatus.FAILED,
            day,
            run.window_start,
            run.window_end,
            message_id=run.message_id,
            attempts=attempts,
            detail=str(exc),
        )
    except BaseException as exc:  # a bug: record it rather than leave a claim that blocks the day
        with session_scope(engine) as session:
            store.record_failed(session, run.id, attempts + 1, f"{exc.__class__.__name__}: {exc}")
        raise
    sent_at = datetime.now(UTC)
    with session_scope(engine) as session:
        if digest.empty:
            store.record_empty(session, run.id, attempts, sent_at, mailed=True)
        else:
            store.record_sent(session, run.id, attempts, sent_at, note=result.note)
        store.supersede_failed(session, run.window_start, run.window_end)
    outcome = _finished(
        DigestJobStatus.EMPTY if digest.empty else DigestJobStatus.SENT,
        run,
        digest,
        attempts,
        mailed=True,
        detail=result.note,
    )
    log.info("%s", outcome.describe(settings.tz))
    return outcome


def _finished(
    status: DigestJobStatus,
    run: store.RunInfo,
    digest: Digest,
    attempts: int,
    mailed: bool,
    detail: str | None = None,
) -> DigestOutcome:
    return DigestOutcome(
        status=status,
        digest_date=run.digest_date,
        window_start=run.window_start,
        window_end=run.window_end,
        story_count=digest.story_count,
        article_count=digest.article_count,
        outlet_count=digest.outlet_count,
        message_id=run.message_id if mailed else None,
        attempts=attempts,
        mailed=mailed,
        detail=detail or "",
    )


def preview_digest(
    engine: Engine, settings: Settings, digest_date: date | None = None, now: datetime | None = None
) -> tuple[Digest, RenderedDigest]:
    """A digest rendered without claiming, sending or recording anything.

    With ``digest_date``: what a run for that date sends (its stored window when the day has a run).
    Without: the next digest so far, i.e. everything since the last delivered digest (one day back on a
    fresh install) up to ``now``, dated with the next send date. ``newsmon digest --preview`` and
    ``newsmon demo`` use it.
    """
    moment = _now(now)
    options = options_from(settings.digest, settings.classify, settings.tz)
    with session_scope(engine) as session:
        if digest_date is None:
            day = due_date(settings, moment) + timedelta(days=1)
            since = store.uncovered_since(session, day)
            end = moment
            start = end - timedelta(days=1) if since is None else plan_window(settings, since, day)[0]
            start = min(start, end)
        else:
            day = digest_date
            existing = store.get_run(session, day)
            if existing is not None:
                start, end = existing.window_start, existing.window_end
            else:
                start, end = plan_window(settings, store.uncovered_since(session, day), day)
        has_previous = store.last_covered_end(session, day) is not None
        digest = load_digest(
            session, day, start, end, options, late_from=late_arrival_start(start, has_previous)
        )
    return digest, render_for(settings, digest)


@dataclass(frozen=True)
class TrialSend:
    """What ``newsmon digest --test-send`` mailed: the preview, to one address, recorded nowhere."""

    address: str
    digest: Digest
    rendered: RenderedDigest
    attempts: int

    def describe(self, language: str = "en") -> str:
        _ = gettext_for(language)
        values = {
            "date": self.digest.digest_date.isoformat(),
            "address": self.address,
            "stories": ngettext_for(language)("%(num)d story", "%(num)d stories", self.digest.story_count)
            % {"num": self.digest.story_count},
        }
        if self.digest.empty:
            return (
                _(
                    'Sent the preview of %(date)s to %(address)s: "nothing new", no relevant stories so far. '
                    "Nothing was recorded."
                )
                % values
            )
        return _("Sent the preview of %(date)s (%(stories)s) to %(address)s. Nothing was recorded.") % values


def send_trial(
    engine: Engine,
    settings: Settings,
    address: str,
    digest_date: date | None = None,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> TrialSend:
    """Mail exactly what :func:`preview_digest` shows to ``address`` alone (no Bcc), with a fresh Message-ID;
    nothing is claimed or recorded, so the real digest of that day still goes out. Raises DigestError when
    the mail cannot be sent (the message says why)."""
    if "@" not in address.strip("@"):
        raise DigestError(f"--test-send {address!r} is not a mail address")
    moment = _now(now)
    digest, rendered = preview_digest(engine, settings, digest_date, now=moment)
    message_id = new_message_id(settings.digest.sender, f"test.{digest.digest_date.isoformat()}")
    message = build_message(rendered, settings.digest.sender, [address], message_id, moment)
    password = secret(settings.digest.smtp.password_env)
    result = send_message(message, [address], _smtp_settings(settings), password, sleep=sleep)
    return TrialSend(address, digest, rendered, result.attempts)
