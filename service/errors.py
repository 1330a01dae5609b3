"""The exceptions newsmon raises, in one tree.

::

    NewsmonError
    ├── ConfigError            config file unreadable or invalid (names the file and key path)
    ├── StorageError           database unreachable, migration failed, second daemon on SQLite
    ├── FetchError             any failed HTTP exchange (names the URL)
    │   ├── BlockedAddressError   target resolves to a private/loopback/link-local address not allowed
    │   ├── TooLargeError         body (or decompressed body) over the configured limit
    │   ├── TooManyRedirectsError redirect limit reached or redirect loop
    │   ├── HTTPStatusError       non-success status; ``retry_after`` set for 429/503 when given
    │   ├── HostBusyError         not sent: the host's politeness turn would come after the fetch's deadline
    │   └── NetworkError          timeouts, refused connections, TLS and protocol errors
    ├── FeedError              feed bytes that yielded nothing usable
    ├── ModelError             classifier artifact missing, untrusted or from incompatible versions
    ├── DigestError            digest could not be rendered or sent
    ├── ReviewError            a review request that cannot be carried out (unknown label or action)
    │   └── UnknownItemError      no item with that id
    ├── DemoSiteError          the bundled demo site's manifest is inconsistent (names the file and key)
    └── InputError             a line of an input file that cannot be used (names the file, line and key)

Stages raise these; the orchestrator catches them once per feed and once per item and records them on
the row, so one bad feed or item never stops a cycle.
"""

from __future__ import annotations

from service.redact import redact_url


class NewsmonError(Exception):
    """Base of every error newsmon raises on purpose."""


class ConfigError(NewsmonError):
    """The configuration is invalid; the message names the file and the key path."""


class StorageError(NewsmonError):
    """The database could not be used as asked."""


class FetchError(NewsmonError):
    """An HTTP exchange failed. ``url`` is the URL at fault, ``kind`` a short label for metrics."""

    kind = "fetch"

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{redact_url(url)}: {message}")  # a feed URL's user:password is never shown
        self.url = url


class BlockedAddressError(FetchError):
    kind = "blocked_address"


class TooLargeError(FetchError):
    kind = "too_large"


class TooManyRedirectsError(FetchError):
    kind = "redirects"


class HTTPStatusError(FetchError):
    kind = "http_status"

    def __init__(
        self, url: str, status: int, retry_after: float | None = None, detail: str | None = None
    ) -> None:
        super().__init__(url, f"HTTP {status}" + (f" ({detail})" if detail else ""))
        self.status = status
        self.retry_after = retry_after


class HostBusyError(FetchError):
    """Nothing was sent: other fetches hold the host's turns past this fetch's deadline. Not the host's
    fault, so not an error of the feed or item: the orchestrator gives the work back for a later cycle."""

    kind = "host_busy"


class NetworkError(FetchError):
    kind = "network"


class FeedError(NewsmonError):
    """Feed bytes that yielded no entries and no usable structure."""


class ModelError(NewsmonError):
    """A classifier model could not be loaded or trained."""


class DigestError(NewsmonError):
    """A digest could not be rendered or sent."""


class ReviewError(NewsmonError):
    """A review request that cannot be carried out: unknown label, unknown bulk action."""


class UnknownItemError(ReviewError):
    """No item with the id asked for."""


class DemoSiteError(NewsmonError):
    """The demo site's manifest or files are inconsistent; the message names the file and the key."""


class InputError(NewsmonError):
    """A record of an input file (``newsmon dedup --in``) that cannot be used; names file, line and key."""
