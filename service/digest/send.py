"""Send one message over SMTP: implicit TLS (``ssl``), STARTTLS, or plain (loopback relays), with login,
timeouts, and retries with exponential backoff.

Only SMTP lives here. What counts as worth retrying: 4xx answers (greylisting, "try again later"), dropped
connections, timeouts and refused connections. 5xx answers, failed logins and certificate errors are
permanent: retrying would only delay the error. Every failure becomes a :class:`DigestError` saying which
server answered what.
"""

from __future__ import annotations

import ipaddress
import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from service.config import SmtpSettings
from service.errors import DigestError


@dataclass(frozen=True)
class SendResult:
    attempts: int
    refused: dict[str, str] = field(default_factory=dict)  # recipient -> server answer, when only some failed

    @property
    def note(self) -> str | None:
        if not self.refused:
            return None
        return "refused recipients: " + "; ".join(
            f"{who}: {why}" for who, why in sorted(self.refused.items())
        )


class _Transient(Exception):
    pass


def send_message(
    message: EmailMessage,
    recipients: Sequence[str],
    smtp: SmtpSettings,
    password: str | None,
    sleep: Callable[[float], None] = time.sleep,
) -> SendResult:
    """Deliver ``message`` to ``recipients``; up to ``1 + smtp.retries`` attempts.

    Raises DigestError when it cannot (the message says after how many attempts and the last answer).
    """
    _check_settings(smtp, password)
    where = f"SMTP {smtp.host}:{smtp.port} ({smtp.security})"
    attempts = 1 + smtp.retries
    for attempt in range(1, attempts + 1):
        try:
            refused = _deliver(message, recipients, smtp, password)
            return SendResult(attempts=attempt, refused=refused)
        except _Transient as exc:
            if attempt == attempts:
                raise DigestError(f"{where}: gave up after {attempt} attempt(s): {exc}") from exc
            sleep(smtp.retry_base_seconds * 2 ** (attempt - 1))
        except DigestError as exc:
            raise DigestError(f"{where}: {exc} (attempt {attempt}, not retried)") from exc
    raise AssertionError("unreachable")  # pragma: no cover


def _check_settings(smtp: SmtpSettings, password: str | None) -> None:
    if smtp.username and not password:
        raise DigestError(
            f"digest.smtp.username is {smtp.username!r} but the environment variable {smtp.password_env} "
            "holding its password is not set"
        )
    if smtp.username and smtp.security == "none" and not _is_loopback(smtp.host):
        raise DigestError(
            f"digest.smtp: refusing to send a password to {smtp.host} unencrypted; "
            "set security to starttls or ssl"
        )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _tls_context(smtp: SmtpSettings) -> ssl.SSLContext:
    cafile = str(Path(smtp.ca_file).expanduser()) if smtp.ca_file else None
    try:
        return ssl.create_default_context(cafile=cafile)
    except (OSError, ssl.SSLError) as exc:
        raise DigestError(f"digest.smtp.ca_file {smtp.ca_file}: cannot load: {exc}") from exc


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    helo = "newsmon.localhost"
    if smtp.security == "ssl":
        return smtplib.SMTP_SSL(
            smtp.host,
            smtp.port,
            local_hostname=helo,
            timeout=smtp.timeout_seconds,
            context=_tls_context(smtp),
        )
    client = smtplib.SMTP(smtp.host, smtp.port, local_hostname=helo, timeout=smtp.timeout_seconds)
    if smtp.security == "starttls":
        try:
            client.ehlo()
            client.starttls(context=_tls_context(smtp))
            client.ehlo()
        except BaseException:
            client.close()
            raise
    return client


def _deliver(
    message: EmailMessage, recipients: Sequence[str], smtp: SmtpSettings, password: str | None
) -> dict[str, str]:
    """One attempt. Raises _Transient for what is worth retrying, DigestError for what is not."""
    try:
        client = _connect(smtp)
        try:
            if smtp.username and password:
                client.login(smtp.username, password)
            refused = client.send_message(message, to_addrs=list(recipients))
        finally:
            _quit(client)
    except smtplib.SMTPRecipientsRefused as exc:
        answers = {who: _answer(code, text) for who, (code, text) in exc.recipients.items()}
        if all(400 <= code < 500 for code, _ in exc.recipients.values()):
            raise _Transient(f"all recipients deferred: {answers}") from exc
        raise DigestError(f"all recipients refused: {answers}") from exc
    except smtplib.SMTPAuthenticationError as exc:
        raise DigestError(
            f"login as {smtp.username!r} refused: {_answer(exc.smtp_code, exc.smtp_error)}"
        ) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise DigestError(f"server does not support what was asked: {exc}") from exc
    except smtplib.SMTPResponseException as exc:
        answer = _answer(exc.smtp_code, exc.smtp_error)
        if 400 <= exc.smtp_code < 500:
            raise _Transient(answer) from exc
        raise DigestError(answer) from exc
    except ssl.SSLCertVerificationError as exc:
        raise DigestError(f"TLS certificate not trusted: {exc.verify_message or exc}") from exc
    except (smtplib.SMTPException, OSError) as exc:  # disconnects, timeouts, refused connections, TLS hiccups
        raise _Transient(f"{exc.__class__.__name__}: {exc}") from exc
    return {who: _answer(code, text) for who, (code, text) in refused.items()}


def _quit(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()


def _answer(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {message}".strip()
