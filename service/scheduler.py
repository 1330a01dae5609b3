"""APScheduler wiring, and nothing else: a few fixed jobs with explicit ids.

    poll         every daemon.poll_tick_seconds, first run at start   (due feeds and pending items)
    digest       daily at digest.time in `timezone`
    digest-now   once at start: sends a digest missed while the daemon was down (run_digest is idempotent)
    maintenance  daily at daemon.maintenance_time in `timezone`
    alerts       every alerts.send_every_seconds, when alert rules are configured (deliver the outbox)

Every job coalesces missed runs into one, never runs twice at once in this process, and may start up to
daemon.misfire_grace_seconds late. Which feeds are due is the database's business, not the scheduler's.
The jobs themselves are plain callables supplied by the daemon, so this module knows no newsmon work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from service.config import Settings

POLL, DIGEST, DIGEST_AT_START, MAINTENANCE = "poll", "digest", "digest-now", "maintenance"
ALERTS = "alerts"


@dataclass(frozen=True)
class JobFunctions:
    poll: Callable[[], object]
    digest: Callable[[], object]
    maintenance: Callable[[], object]
    alerts: Callable[[], object] | None = None


def build_scheduler(settings: Settings, jobs: JobFunctions) -> BackgroundScheduler:
    """A scheduler (not started) with the daemon's fixed jobs."""
    tz = settings.tz
    scheduler = BackgroundScheduler(
        timezone=tz,
        # One thread per job: a long poll cycle never delays the digest or maintenance.
        executors={"default": ThreadPoolExecutor(max_workers=4)},
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": settings.daemon.misfire_grace_seconds,
        },
    )
    now = datetime.now(tz)
    common = {"replace_existing": True, "coalesce": True, "max_instances": 1}
    scheduler.add_job(
        jobs.poll,
        IntervalTrigger(seconds=settings.daemon.poll_tick_seconds, timezone=tz),
        id=POLL,
        name="poll due feeds and pending items",
        next_run_time=now,
        **common,
    )
    digest_time = settings.digest.time
    scheduler.add_job(
        jobs.digest,
        CronTrigger(hour=digest_time.hour, minute=digest_time.minute, second=digest_time.second, timezone=tz),
        id=DIGEST,
        name="daily digest",
        **common,
    )
    scheduler.add_job(
        jobs.digest,
        DateTrigger(run_date=now, timezone=tz),
        id=DIGEST_AT_START,
        name="missed digest",
        **common,
    )
    upkeep_time = settings.daemon.maintenance_time
    scheduler.add_job(
        jobs.maintenance,
        CronTrigger(hour=upkeep_time.hour, minute=upkeep_time.minute, timezone=tz),
        id=MAINTENANCE,
        name="nightly maintenance",
        **common,
    )
    if jobs.alerts is not None and settings.alerts.rules:
        scheduler.add_job(
            jobs.alerts,
            IntervalTrigger(seconds=settings.alerts.send_every_seconds, timezone=tz),
            id=ALERTS,
            name="deliver alerts",
            next_run_time=now,
            **common,
        )
    return scheduler


def next_run(scheduler: BackgroundScheduler, job_id: str) -> datetime | None:
    """When a job runs next (None: not scheduled, or the scheduler is stopped)."""
    job = scheduler.get_job(job_id)
    when: datetime | None = getattr(job, "next_run_time", None) if job else None
    return when


def run_now(scheduler: BackgroundScheduler, job_id: str, delay_seconds: float = 0.0) -> bool:
    """Bring a job's next run forward to now, or ``delay_seconds`` from now (its interval then counts from
    that run; a run already due sooner stays). False when the job or the scheduler is gone (shutting down)."""
    job = scheduler.get_job(job_id) if scheduler.running else None
    if job is None:
        return False
    when = datetime.now(scheduler.timezone) + timedelta(seconds=max(0.0, delay_seconds))
    if job.next_run_time is None or job.next_run_time > when:
        scheduler.modify_job(job_id, next_run_time=when)
    return True
