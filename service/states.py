"""The states an item, a feed and a digest run can be in: one definition each, as ``StrEnum`` (a member is
its string, so the database keeps plain text and old rows need no migration). ``tests/test_states.py``
checks that every state the code writes or compares is one of these.

An item's life is drawn in ``service.pipeline`` (the orchestrator that moves it); in short:
``new -> fetched -> extracted -> done``, with ``fetch_failed`` (a page to retry later) and ``failed`` (an
unexpected error, kept for ``newsmon reprocess``) beside the way.
"""

from __future__ import annotations

from enum import StrEnum


class ItemStatus(StrEnum):
    """Where an item is on its way through the pipeline (``items.status``)."""

    NEW = "new"  # stored from a feed entry; its page is still to fetch
    FETCHED = "fetched"  # raw page stored; to extract
    EXTRACTED = "extracted"  # text chosen (the page's, or the feed summary's); to dedupe and classify
    FETCH_FAILED = "fetch_failed"  # page fetch failed; retried at next_attempt_at
    DONE = "done"  # clustered and classified: in the review queue, digests and reports
    FAILED = "failed"  # an unexpected error in a stage; kept with the reason


# Items a worker may claim: the pipeline's unfinished states (fetch_failed only once its retry is due).
PENDING_ITEM_STATES = (ItemStatus.NEW, ItemStatus.FETCHED, ItemStatus.EXTRACTED, ItemStatus.FETCH_FAILED)


class ItemRun(StrEnum):
    """How one item's turn in a cycle ended (``CycleReport.items``; the daemon's ``newsmon_items`` metric)."""

    DONE = "done"  # carried to the end of the pipeline
    FETCH_FAILED = "fetch_failed"  # its page failed; retried later with backoff
    DEFERRED = "deferred"  # its host had no turn for it: the request was never sent, nothing counted
    ABANDONED = "abandoned"  # the worker was shutting down: given back unstarted
    FAILED = "failed"  # an unexpected error; the item is marked failed with the reason
    # A done item's page fetched again (a recheck):
    UPDATED = "updated"  # its text changed: a new version, deduplicated and classified again
    UNCHANGED = "unchanged"  # a 304, or the same text
    RECHECK_FAILED = "recheck_failed"  # the page still cannot be had; asked again later


class ItemOutcome(StrEnum):
    """What the stages made of an item (``CycleReport.outcomes``). One item may count under several: its
    text may be the feed summary and it may be relevant."""

    KEPT_SUMMARY = "kept_summary"  # no usable page (failed, gone, too short): the feed summary is the text
    DUPLICATE = "duplicate"  # a copy of a story already stored (dedup placed it in that story)
    RELEVANT = "relevant"  # the model set a label
    IRRELEVANT = "irrelevant"  # the model set none


class TextSource(StrEnum):
    """Where an item's text came from (``items.text_source``)."""

    PAGE = "page"
    SUMMARY = "summary"  # the feed's summary stands in for the page


class PollStatus(StrEnum):
    """How one feed's poll went in a cycle (``FeedReport.status``)."""

    OK = "ok"  # fetched and parsed
    NOT_MODIFIED = "not_modified"  # 304, or the same bytes as last time
    ERROR = "error"  # fetch or parse failed; recorded on the feed, retried with backoff
    DEFERRED = "deferred"  # its host had no turn: nothing sent, due again for a later cycle, no error counted
    ABANDONED = "abandoned"  # the worker was shutting down: given back unpolled


class FeedHealthStatus(StrEnum):
    """A feed as the review UI, ``newsmon feeds`` and ``newsmon status`` show it (one rule:
    ``service.storage.feeds.feed_status``)."""

    NEVER_POLLED = "never polled"  # configured, not polled yet
    OK = "ok"
    MALFORMED = "malformed"  # the last poll parsed, with problems (its items were kept)
    FAILING = "failing"  # its last poll failed
    DISABLED = "disabled"  # removed from the config or switched off; its items stay


class DigestStatus(StrEnum):
    """A daily digest run (``digest_runs.status``)."""

    PENDING = "pending"  # claimed by a worker, being built or sent
    SENT = "sent"
    EMPTY = "empty"  # nothing relevant: a short "nothing new" mail, or nothing sent
    FAILED = "failed"  # sending failed after the retries; tried again by the next digest job
    SUPERSEDED = "superseded"  # a failed day that a later digest covered


DIGEST_DELIVERED = (DigestStatus.SENT, DigestStatus.EMPTY)
# A day with nothing left to send: delivered, or covered by a later digest.
DIGEST_DONE = (*DIGEST_DELIVERED, DigestStatus.SUPERSEDED)


class DigestJobStatus(StrEnum):
    """What one run of the digest job did (``service.digest.job.DigestOutcome.status``)."""

    SENT = "sent"
    EMPTY = "empty"
    FAILED = "failed"
    SKIPPED = "skipped"  # not due yet, or a later digest already covers the window
    BUSY = "busy"  # another worker holds the day
    ALREADY_DONE = "already_done"  # the day's digest was delivered before
    NO_RECIPIENTS = "no_recipients"  # digest.recipients is empty
