"""Who may use the review UI: password hashes, the login rule, signed session cookies and CSRF tokens.

Passwords are stored as ``scrypt$n$r$p$salt$hash`` (base64, made by ``newsmon hash-password``) and checked
in constant time. The admin password may come from an environment variable instead. A login is required
whenever the UI listens on anything but loopback, or when ``web.require_login`` says so; starting like that
with nobody able to log in is refused with a clear error.

Sessions live in a cookie signed with itsdangerous (HttpOnly, SameSite=Lax, Secure when the request came over
https). Every state-changing request carries the session's CSRF token, in the form field ``csrf_token`` or
the header ``X-CSRF-Token``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.config import WebSettings, secret
from service.errors import ConfigError

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
ADMIN = "admin"
LOCAL_REVIEWER = "local"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_COOKIE = "newsmon_session"
SESSION_DAYS = 14


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, salt: bytes | None = None) -> str:
    """A salted scrypt hash in the form stored under ``web.users``."""
    if not password:
        raise ValueError("an empty password cannot be hashed")
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


@dataclass(frozen=True)
class ParsedHash:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def parse_hash(encoded: str) -> ParsedHash:
    """Raise ValueError saying what is wrong with a stored hash."""
    parts = encoded.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise ValueError("expected scrypt$N$r$p$salt$hash as printed by `newsmon hash-password`")
    try:
        n, r, p = (int(part) for part in parts[1:4])
        salt, digest = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except ValueError as exc:
        raise ValueError(f"malformed password hash: {exc}") from None
    if n < 2 or n & (n - 1) or r < 1 or p < 1 or not salt or not digest:
        raise ValueError("password hash has impossible scrypt parameters")
    return ParsedHash(n, r, p, salt, digest)


def verify_password(password: str, encoded: str) -> bool:
    try:
        parsed = parse_hash(encoded)
    except ValueError:
        return False
    candidate = hashlib.scrypt(
        password.encode("utf-8"),
        salt=parsed.salt,
        n=parsed.n,
        r=parsed.r,
        p=parsed.p,
        dklen=len(parsed.digest),
        maxmem=256 * 1024 * 1024,
    )
    return hmac.compare_digest(candidate, parsed.digest)


_DUMMY_HASH = hash_password("newsmon-dummy", salt=b"\0" * 16)


class Accounts:
    """The configured users plus the optional admin password from the environment."""

    def __init__(self, users: Mapping[str, str], admin_password: str | None) -> None:
        self.users = dict(users)
        self.admin_password = admin_password

    @classmethod
    def from_settings(cls, web: WebSettings) -> Accounts:
        for name, encoded in web.users.items():
            try:
                parse_hash(encoded)
            except ValueError as exc:
                raise ConfigError(f"web.users.{name}: {exc}") from None
        return cls(web.users, secret(web.admin_password_env))

    def __bool__(self) -> bool:
        return bool(self.users) or self.admin_password is not None

    def check(self, name: str, password: str) -> bool:
        """True when the password is right; takes the same time for unknown names."""
        if name in self.users:
            return verify_password(password, self.users[name])
        if name == ADMIN and self.admin_password is not None:
            expected = hashlib.sha256(self.admin_password.encode("utf-8")).digest()
            return hmac.compare_digest(hashlib.sha256(password.encode("utf-8")).digest(), expected)
        verify_password(password, _DUMMY_HASH)
        return False


class LoginThrottle:
    """Failed logins per client address: after ``attempts`` failures within ``lockout_seconds``, the
    address must wait until the oldest of them is that old (scrypt alone still allows ~20 guesses a
    second). Kept in memory, so a restart forgets it; an attacker cannot cause one.
    Only addresses are counted, not names, so nobody can lock a colleague out by guessing at their name."""

    def __init__(
        self, attempts: int, lockout_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.attempts = attempts
        self.lockout_seconds = lockout_seconds
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, address: str) -> float:
        """0 when ``address`` may try to log in now, else how long it must wait."""
        with self._lock:
            failures = self._recent(address)
            if len(failures) < self.attempts:
                return 0.0
            return failures[0] + self.lockout_seconds - self.clock()

    def failed(self, address: str) -> None:
        with self._lock:
            self._recent(address).append(self.clock())
            self._forget_idle()

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._failures.pop(address, None)

    def _recent(self, address: str) -> deque[float]:
        failures = self._failures.setdefault(address, deque(maxlen=self.attempts))
        while failures and failures[0] <= self.clock() - self.lockout_seconds:
            failures.popleft()
        return failures

    def _forget_idle(self) -> None:
        """Bound memory under a spray from many addresses: drop those with no recent failure."""
        if len(self._failures) > 10_000:
            horizon = self.clock() - self.lockout_seconds
            self._failures = {key: f for key, f in self._failures.items() if f and f[-1] > horizon}


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def login_required(web: WebSettings, host: str | None = None) -> bool:
    return web.require_login or not is_loopback(host or web.host)


def check_can_start(web: WebSettings, accounts: Accounts, host: str | None = None) -> None:
    """Refuse a configuration in which the UI is exposed or locked but nobody can log in."""
    bound = host or web.host
    if login_required(web, bound) and not accounts:
        why = (
            "web.require_login is true"
            if web.require_login
            else f"web.host {bound!r} is not a loopback address"
        )
        raise ConfigError(
            f"the review UI needs a login because {why}, but no user is configured: add users to web.users "
            "(hashes made by `newsmon hash-password`) or set the environment variable "
            + web.admin_password_env
        )


def safe_next(target: str | None, default: str = "/") -> str:
    """A redirect target only when it is a path on this site (no scheme, no host, no backslash tricks)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    if any(ord(char) < 0x20 for char in target):
        return default
    return target


def csrf_token(session: dict[str, Any]) -> str:
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def csrf_ok(session: dict[str, Any], given: str | None) -> bool:
    expected = session.get("csrf")
    if not isinstance(expected, str) or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


class SignedSessions:
    """ASGI middleware: ``scope["session"]`` from a signed cookie, written back when it changed."""

    def __init__(self, app: ASGIApp, secret_key: str, max_age_seconds: int = SESSION_DAYS * 86400) -> None:
        self.app = app
        self.serializer = URLSafeTimedSerializer(secret_key, salt="newsmon-session")
        self.max_age = max_age_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = HTTPConnection(scope).cookies.get(SESSION_COOKIE)
        session = self._load(raw) if raw else {}
        scope["session"] = session
        before = json.dumps(session, sort_keys=True)
        secure = scope.get("scheme") == "https"

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                current = scope["session"]
                if json.dumps(current, sort_keys=True) != before:
                    MutableHeaders(scope=message).append("set-cookie", self._cookie(current, secure))
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _load(self, raw: str) -> dict[str, Any]:
        try:
            data = self.serializer.loads(raw, max_age=self.max_age)
        except BadSignature:
            return {}
        return data if isinstance(data, dict) else {}

    def _cookie(self, session: dict[str, Any], secure: bool) -> str:
        flags = "; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if secure else "")
        if not session:
            return f"{SESSION_COOKIE}=; Max-Age=0{flags}"
        return f"{SESSION_COOKIE}={self.serializer.dumps(session)}; Max-Age={self.max_age}{flags}"
