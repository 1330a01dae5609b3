"""Delivery through Apprise: the only module that imports it.

One message goes to one destination URL at a time, so a message that reached Slack but not Teams is
retried for Teams only (the caller keeps which destinations took it). ``deliver`` never raises: a refused
URL, an HTTP 500 or a timeout comes back as ``Delivery(ok=False, error=...)`` with Apprise's own words.

Every message carries its idempotency key. JSON webhooks (``json://``, ``jsons://``) get it as the header
``X-Newsmon-Alert-Id`` and as the body field ``id``, so a receiver can drop a repeat; other services show it
as the last line (``ref: ...``).

URL examples (see README "Alerts"): ``mailtos://user:pass@mail.example.tw?to=office@example.tw``,
``slack://TokenA/TokenB/TokenC/#channel``, ``workflows://...`` (Microsoft Teams via Power Automate),
``tgram://bottoken/chat_id``, ``line://ChannelAccessToken/UserID`` (the LINE Messaging API; LINE Notify
shut down in 2025), ``discord://webhook_id/webhook_token``, ``jsons://hooks.example.tw/newsmon``.
"""

from __future__ import annotations

import hashlib
import logging
import warnings
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import apprise

with warnings.catch_warnings():  # Apprise's e-mail plugin imports the stdlib's deprecated imghdr (for PGP)
    warnings.simplefilter("ignore", DeprecationWarning)
    import apprise.utils.pgp

KEY_HEADER = "X-Newsmon-Alert-Id"
JSON_SCHEMES = ("json", "jsons")


@dataclass(frozen=True)
class Delivery:
    ok: bool
    error: str = ""


def target_id(url: str) -> str:
    """A stable name for a destination that reveals no token: a short hash of its URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def redact(url: str) -> str:
    """A URL fit for logs and the UI: the scheme and host only."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or '…'}/…"


def with_key(url: str, key: str) -> str:
    """``url`` with the idempotency key as a header and a body field, for JSON webhooks (else unchanged)."""
    if urlsplit(url).scheme.lower() not in JSON_SCHEMES:
        return url
    joiner = "&" if "?" in url else "?"
    value = quote(key, safe="")
    return f"{url}{joiner}{quote('+' + KEY_HEADER, safe='')}={value}&{quote(':id', safe='')}={value}"


def check_url(url: str) -> str | None:
    """Why Apprise cannot use ``url`` (None when it can)."""
    if apprise.Apprise.instantiate(url) is None:
        return f"{redact(url)}: not a URL Apprise understands (unknown scheme or missing parts)"
    return None


def deliver(url: str, title: str, body: str, key: str, timeout_seconds: float = 30.0) -> Delivery:
    """Send one message to one destination; never raises."""
    notifier = apprise.Apprise()
    service = apprise.Apprise.instantiate(with_key(url, key))
    if service is None:
        return Delivery(False, check_url(url) or "unusable URL")
    service.socket_connect_timeout = min(service.socket_connect_timeout, timeout_seconds)
    service.socket_read_timeout = min(service.socket_read_timeout, timeout_seconds)
    notifier.add(service)
    text = body if urlsplit(url).scheme.lower() in JSON_SCHEMES else f"{body}\n\nref: {key}"
    with apprise.LogCapture(level=logging.WARNING) as captured:  # type: ignore[no-untyped-call]
        try:
            ok = bool(notifier.notify(body=text, title=title))
        except Exception as exc:  # a plugin bug must not stop the sender: it is this delivery's failure
            return Delivery(False, f"{redact(url)}: {exc.__class__.__name__}: {exc}")
        log_text = captured.getvalue() if hasattr(captured, "getvalue") else ""
    if ok:
        return Delivery(True)
    reason = " ".join(str(log_text).split())[:500] or "delivery failed"
    return Delivery(False, f"{redact(url)}: {reason}")
