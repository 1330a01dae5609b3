"""All of newsmon's HTTP. The only module that imports httpx (and httpcore).

``Fetcher.fetch(url, etag=..., last_modified=...)`` does one GET the way a polite, careful feed reader
does, and returns ``service.models.FetchResult`` or raises one of ``service.errors.FetchError``'s
subclasses, each naming the URL:

* **Addresses.** Every TCP connection goes through ``_GuardedBackend``: the host is resolved once, every
  address it resolves to is checked (``AddressPolicy``), and the socket is opened to that same vetted
  address, so DNS cannot answer differently between check and connect (no DNS rebinding). Private,
  loopback, link-local, shared, multicast and reserved addresses are refused (``BlockedAddressError``)
  unless ``allow_loopback`` or ``allowed_networks`` allow them; cloud metadata addresses
  (169.254.169.254, fd00:ec2::254) are refused always. Environment proxies are ignored
  (``trust_env=False``), since a proxy would connect on our behalf and bypass the check. TLS still
  verifies the certificate against the host name (httpcore sends the name, not the address, as SNI).
* **Redirects** are followed here, hop by hop (each hop connects through the guard and waits for its
  host's politeness slot), up to ``max_redirects``; a URL seen twice is a loop (``TooManyRedirectsError``).
* **Size.** ``Content-Length`` above ``max_bytes`` fails before reading; the raw stream is counted while
  it arrives, and gzip/deflate/br are decoded by ``_BoundedDecoder`` whose output is bounded too, so a
  compression bomb stops after ``max_bytes + 1`` decoded bytes (``TooLargeError``). A gzip body sent
  without ``Content-Encoding`` (seen on feed servers) is recognised by its magic bytes and decoded.
* **Time.** connect/read timeouts per socket operation, and ``total_timeout_seconds`` for the whole
  fetch, every hop included: each socket operation (connect, TLS, the status line and headers, the body,
  draining an error or redirect body) is cut to what is left of it (``_DeadlineStream``), so a server
  dripping one byte per read timeout cannot hold a worker (``NetworkError``). The politeness wait ends
  there too: a fetch whose turn at its host would come later is not sent (``HostBusyError``).
* **Conditional GET.** The stored ETag and Last-Modified go out as If-None-Match/If-Modified-Since; a 304
  is ``FetchResult(not_modified=True)`` with an empty body.
* **Errors.** Any other non-2xx status raises ``HTTPStatusError``; its ``retry_after`` (seconds) comes from
  a Retry-After header in seconds or as an HTTP date. After a 429/503 with Retry-After the host is cooled
  down: further requests to it in this process fail at once with the remaining wait, without asking again.
* **Charset.** Not here: a fetch returns bytes, and each body is decoded once by its reader with
  ``service.reader.charset.decode_bytes`` (a feed by ``parse_feed``, a page into a ``DecodedPage`` by the
  pipeline), so the many bodies a cycle only stores or compares are never decoded at all.

``fetch_all`` runs many fetches on a thread pool of ``total_concurrency`` workers; ``Politeness`` bounds
requests per host, the gap between them, and the total in flight.
"""

from __future__ import annotations

import email.utils
import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar
from urllib.parse import urljoin, urlsplit

import brotli
import httpcore
import httpx

from service.config import FetchSettings
from service.errors import (
    BlockedAddressError,
    FetchError,
    HostBusyError,
    HTTPStatusError,
    NetworkError,
    TooLargeError,
    TooManyRedirectsError,
)
from service.models import FetchResult
from service.reader.politeness import Politeness, SharedHosts, SlotTimeout

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
ACCEPT_LANGUAGE = "zh-TW, zh;q=0.9, en;q=0.8, ja;q=0.7"
ACCEPT_ENCODING = "gzip, deflate, br"

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ALWAYS_BLOCKED = (ipaddress.ip_network("169.254.169.254/32"), ipaddress.ip_network("fd00:ec2::254/128"))
_DRAIN_LIMIT = 64 * 1024
_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*\"?(\d+)", re.I)
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
# The longest Retry-After we read as given (30 days); the schedule caps it further at max_error_backoff.
RETRY_AFTER_CEILING_SECONDS = 30 * 24 * 3600
HOST_COOLDOWN_MAX_SECONDS = 3600  # the longest a host's Retry-After keeps this process's requests away

_T = TypeVar("_T")
_R = TypeVar("_R")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


# ------------------------------------------------------------------------------------------- addresses


class AddressPolicy:
    """Which IP addresses we may connect to: public ones, plus loopback/CIDRs the config allows."""

    def __init__(self, *, allow_loopback: bool = False, allowed_networks: Iterable[str] = ()) -> None:
        self.allow_loopback = allow_loopback
        self.allowed_networks: tuple[IPNetwork, ...] = tuple(
            ipaddress.ip_network(cidr, strict=False) for cidr in allowed_networks
        )

    def refusal(self, address: IPAddress) -> str | None:
        """Why ``address`` is refused, or None when it is allowed. An IPv6 address that carries an IPv4
        one (mapped, NAT64, 6to4, IPv4-compatible) is judged by the IPv4 rules as well: ``64:ff9b::7f00:1``
        reaches 127.0.0.1 through a NAT64 gateway."""
        if isinstance(address, ipaddress.IPv6Address):
            for inner in embedded_ipv4(address):
                reason = self._refusal(inner)
                if reason is not None:
                    return f"{reason} ({inner} embedded in {address})"
            if address.ipv4_mapped is not None:
                return None
        return self._refusal(address)

    def _refusal(self, address: IPAddress) -> str | None:
        if any(address in network for network in _ALWAYS_BLOCKED):
            return "cloud metadata address"
        if any(address.version == net.version and address in net for net in self.allowed_networks):
            return None
        if address.is_loopback:
            return None if self.allow_loopback else "loopback address"
        if address.is_global and not address.is_multicast:
            return None
        if address.is_link_local:
            return "link-local address"
        if address.is_private:
            return "private address"
        return "non-public address"


_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052 well-known prefix
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215 local-use prefix
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated ::a.b.c.d


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: IPv4-mapped (``::ffff:a.b.c.d``), NAT64 (the
    well-known ``64:ff9b::/96`` and the local-use ``64:ff9b:1::/48``, read both in its /48 layout and in
    the last 32 bits), 6to4 (``2002:AABB:CCDD::``) and IPv4-compatible (``::a.b.c.d``, not ``::`` or
    ``::1``). Empty for any other address."""
    value = int(address)
    found: list[ipaddress.IPv4Address] = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address in _NAT64 or address in _NAT64_LOCAL:
        found.append(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    if address in _NAT64_LOCAL:  # RFC 6052 /48: v4 bits 48-63, the zero u-octet (64-71), then 72-87
        found.append(ipaddress.IPv4Address(((value >> 64) & 0xFFFF) << 16 | ((value >> 40) & 0xFFFF)))
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address in _IPV4_COMPATIBLE and value > 1:
        found.append(ipaddress.IPv4Address(value))
    return found


class _BlockedHost(Exception):
    """Raised inside the connection layer; ``Fetcher`` turns it into ``BlockedAddressError`` with the URL."""

    def __init__(self, host: str, reason: str) -> None:
        super().__init__(f"{host}: {reason}")
        self.host = host
        self.reason = reason


# The deadline of the fetch running on this thread (``time.monotonic()``), read by every socket operation.
_DEADLINE = threading.local()


def _bounded(timeout: float | None) -> float | None:
    """A socket operation's timeout, cut to what is left of this thread's fetch deadline."""
    deadline: float | None = getattr(_DEADLINE, "at", None)
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise httpcore.ReadTimeout("total timeout reached")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket whose every read, write and TLS handshake ends by the fetch's deadline: per-operation
    timeouts alone let a server that drips its status line or headers a byte at a time (each byte inside
    the read timeout) hold a fetch for as long as it likes."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """Resolve, check every address, then connect to a checked address (the pin against DNS rebinding)."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._resolve(host, port)
        for address in addresses:
            reason = self.policy.refusal(address)
            if reason is not None:
                raise _BlockedHost(host, f"resolves to {address}, a {reason}")
        last_error: Exception | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(
                    str(address), port, _bounded(timeout), local_address, socket_options
                )
                return _DeadlineStream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        raise last_error or httpcore.ConnectError(f"{host}: no address to connect to")

    @staticmethod
    def _resolve(host: str, port: int) -> list[IPAddress]:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        found: list[IPAddress] = []
        for _family, _type, _proto, _name, sockaddr in infos:
            address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            if address not in found:
                found.append(address)
        return found


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool built on ``_GuardedBackend``.

    httpx has no parameter for httpcore's ``network_backend``, so the pool it built is replaced by one
    with the same settings and our backend (httpx 0.28's ``_pool`` attribute)."""

    def __init__(self, policy: AddressPolicy, limits: httpx.Limits) -> None:
        super().__init__(trust_env=False, limits=limits)
        ssl_context = httpx.create_ssl_context(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_GuardedBackend(policy),
        )


# ---------------------------------------------------------------------------------------- decompression


class _Oversize(Exception):
    pass


class _Step(Protocol):
    def feed(self, data: bytes) -> bytes: ...
    def finish(self) -> bytes: ...


class _ZlibStep:
    """gzip (possibly multi-member) or deflate (zlib-wrapped or raw), output bounded by ``limit``."""

    def __init__(self, coding: str, limit: int) -> None:
        self.coding = coding
        self.limit = limit
        self.produced = 0
        self._obj: Any = None

    def _new(self, first: bytes) -> Any:
        if self.coding == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        zlib_wrapped = len(first) >= 2 and first[0] & 0x0F == 8 and ((first[0] << 8) | first[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if zlib_wrapped else -zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes:
        out: list[bytes] = []
        while data:
            if self._obj is None:
                self._obj = self._new(data)
            chunk = self._obj.decompress(data, self.limit - self.produced + 1)
            self._count(chunk, out)
            data = self._obj.unconsumed_tail
            if self._obj.eof:  # another gzip member may follow
                data = self._obj.unused_data + data
                self._obj = None
                if self.coding != "gzip" or not data.strip(b"\0"):
                    break
        return b"".join(out)

    def finish(self) -> bytes:
        out: list[bytes] = []
        if self._obj is not None:
            self._count(self._obj.flush(), out)
        return b"".join(out)

    def _count(self, chunk: bytes, out: list[bytes]) -> None:
        self.produced += len(chunk)
        if self.produced > self.limit:
            raise _Oversize
        out.append(chunk)


class _BrotliStep:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.produced = 0
        self._obj = brotli.Decompressor()

    def feed(self, data: bytes) -> bytes:
        out = [self._process(data)]
        while not self._obj.can_accept_more_data():
            out.append(self._process(b""))
        return b"".join(out)

    def _process(self, data: bytes) -> bytes:
        chunk: bytes = self._obj.process(data, output_buffer_limit=self.limit - self.produced + 1)
        self.produced += len(chunk)
        if self.produced > self.limit:
            raise _Oversize
        return chunk

    def finish(self) -> bytes:
        return b""


class _BoundedDecoder:
    """Undo Content-Encoding (applied codings in reverse order), each step's output bounded by ``limit``."""

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        self.steps: list[_Step] = []
        for coding in reversed(codings):
            if coding in ("gzip", "x-gzip"):
                self.steps.append(_ZlibStep("gzip", limit))
            elif coding == "deflate":
                self.steps.append(_ZlibStep("deflate", limit))
            elif coding == "br":
                self.steps.append(_BrotliStep(limit))
            else:
                raise ValueError(f"unsupported Content-Encoding {coding!r}")

    def feed(self, data: bytes) -> bytes:
        for step in self.steps:
            data = step.feed(data)
        return data

    def finish(self) -> bytes:
        tail = b""
        for step in self.steps:
            tail = step.feed(tail) + step.finish() if tail else step.finish()
        return tail


# ------------------------------------------------------------------------------------------ header help


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After in seconds from its delta-seconds or HTTP-date form; None when absent or unreadable.

    Clamped to ``RETRY_AFTER_CEILING_SECONDS``: a header is the server's word, and ``100000000000000`` or a
    date in the year 9999 must not reach a ``timedelta`` or a clock sum unbounded. A non-integer number
    (``1e20``, ``1.5``) is not delta-seconds, but it is read (clamped) rather than ignored."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(min(int(text), RETRY_AFTER_CEILING_SECONDS))
    if _NUMBER.fullmatch(text):
        number = float(text)
        return min(number, RETRY_AFTER_CEILING_SECONDS) if number >= 0 else None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(0.0, seconds), RETRY_AFTER_CEILING_SECONDS)


def cache_max_age(headers: dict[str, str]) -> float | None:
    """``Cache-Control: max-age`` in seconds (None when absent, or when the response says no-store)."""
    value = headers.get("cache-control", "")
    if "no-store" in value.lower():
        return None
    match = _MAX_AGE.search(value)
    return float(match.group(1)) if match else None


def _flat_headers(headers: httpx.Headers) -> dict[str, str]:
    flat: dict[str, str] = {}
    for name, value in headers.multi_items():
        key = name.lower()
        flat[key] = f"{flat[key]}, {value}" if key in flat else value
    return flat


# ---------------------------------------------------------------------------------------------- fetcher


@dataclass(frozen=True)
class FetchRequest:
    """One fetch for ``fetch_all``."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    accept: str = FEED_ACCEPT


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: dict[str, str]
    body: bytes


class Fetcher:
    """Thread-safe; one per process (or per cycle). Use as a context manager or call ``close()``."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        politeness: Politeness | None = None,
        shared_hosts: SharedHosts | None = None,
    ) -> None:
        self.settings = settings
        self.policy = AddressPolicy(
            allow_loopback=settings.allow_loopback, allowed_networks=settings.allowed_networks
        )
        self.politeness = politeness or Politeness(
            per_host=settings.per_host_concurrency,
            min_gap=settings.per_host_min_gap_seconds,
            total=settings.total_concurrency,
            shared=shared_hosts,  # PostgreSQL: per-host slots and gap held across worker processes
        )
        self.user_agent = settings.user_agent.replace("{contact_url}", str(settings.contact_url))
        connections = settings.total_concurrency * 2
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        self._client = httpx.Client(
            transport=_GuardedTransport(self.policy, limits),
            timeout=httpx.Timeout(
                connect=settings.connect_timeout_seconds,
                read=settings.read_timeout_seconds,
                write=settings.read_timeout_seconds,
                pool=settings.total_timeout_seconds,
            ),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": self.user_agent},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # ---------------------------------------------------------------------------------------- public

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult:
        """GET ``url`` (see the module docstring). Raises a ``FetchError`` subclass naming the URL."""
        headers = self._request_headers(accept, etag, last_modified)
        deadline = time.monotonic() + self.settings.total_timeout_seconds
        current, seen = url, {url}
        for _hop in range(self.settings.max_redirects + 1):
            answer = self._exchange(current, headers, deadline)
            location = answer.headers.get("location") if answer.status in _REDIRECTS else None
            if location is None:
                return self._result(url, current, answer)
            target = self._redirect_target(current, location)
            if target in seen:
                raise TooManyRedirectsError(url, f"redirect loop at {target}")
            seen.add(target)
            current = target
        raise TooManyRedirectsError(
            url, f"more than {self.settings.max_redirects} redirects (last {current})"
        )

    def fetch_all(self, requests: Sequence[FetchRequest]) -> list[FetchResult | FetchError]:
        """Fetch many URLs on ``total_concurrency`` threads; each slot holds a result or the error."""
        return run_concurrently(self._fetch_one, requests, self.settings.total_concurrency)

    def _fetch_one(self, request: FetchRequest) -> FetchResult | FetchError:
        try:
            return self.fetch(
                request.url, etag=request.etag, last_modified=request.last_modified, accept=request.accept
            )
        except FetchError as exc:
            return exc

    # ------------------------------------------------------------------------------------- one hop

    def _request_headers(self, accept: str, etag: str | None, last_modified: str | None) -> dict[str, str]:
        headers = {"Accept": accept, "Accept-Encoding": ACCEPT_ENCODING, "Accept-Language": ACCEPT_LANGUAGE}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    def _exchange(self, url: str, headers: dict[str, str], deadline: float) -> _Answer:
        host = _host_of(url)
        cooling = self.politeness.cooldown_remaining(host)
        if cooling > 0:
            detail = f"not sent: the host asked for {cooling:.0f}s without requests (Retry-After)"
            raise HTTPStatusError(url, 429, retry_after=cooling, detail=detail)
        try:
            with self.politeness.slot(host, deadline=deadline):  # only entering it raises SlotTimeout
                answer = self._send(url, headers, deadline)
        except SlotTimeout as exc:
            waited = self.settings.total_timeout_seconds
            raise HostBusyError(url, f"not sent: no turn at the host within {waited}s ({exc})") from None
        if answer.status in (429, 503):
            retry_after = parse_retry_after(answer.headers.get("retry-after"))
            if retry_after:
                # Held in this process only, and at most an hour: the feed's own next poll keeps the
                # server's word (up to polling.max_error_backoff_minutes); a huge value must not silence
                # every other feed and page of the host for the life of the daemon.
                self.politeness.cool_down(host, min(retry_after, HOST_COOLDOWN_MAX_SECONDS))
        return answer

    def _send(self, url: str, headers: dict[str, str], deadline: float) -> _Answer:
        """One request and its answer, every socket operation bounded by ``deadline`` (``_DEADLINE``):
        connecting, sending, the status line and headers, the body, and draining an unwanted body."""
        _DEADLINE.at = deadline
        try:
            return self._send_bounded(url, headers, deadline)
        finally:
            _DEADLINE.at = None

    def _send_bounded(self, url: str, headers: dict[str, str], deadline: float) -> _Answer:
        try:
            request = self._client.build_request("GET", url, headers=headers)
            response = self._client.send(request, stream=True)
        except _BlockedHost as exc:
            raise BlockedAddressError(url, f"refused: {exc}") from None
        except httpx.TimeoutException as exc:
            if time.monotonic() >= deadline:
                raise NetworkError(url, self._overran("waiting for the answer's headers")) from None
            raise NetworkError(url, f"timed out ({type(exc).__name__})") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise NetworkError(url, f"{type(exc).__name__}: {exc}") from None
        try:
            status, flat = response.status_code, _flat_headers(response.headers)
            if 200 <= status < 300:
                return _Answer(status, flat, self._read_body(url, response, flat, deadline))
            _drain(response)
            return _Answer(status, flat, b"")
        finally:
            response.close()

    def _overran(self, doing: str) -> str:
        return f"exchange took longer than {self.settings.total_timeout_seconds}s ({doing})"

    def _read_body(
        self, url: str, response: httpx.Response, headers: dict[str, str], deadline: float
    ) -> bytes:
        limit = self.settings.max_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise TooLargeError(url, f"Content-Length {declared} exceeds max_bytes {limit}")
        raw_total = 0
        decoder: _BoundedDecoder | None = None
        parts: list[bytes] = []
        try:
            for chunk in response.iter_raw():  # as received (a chunk_size would buffer)
                raw_total += len(chunk)
                if raw_total > limit:
                    raise TooLargeError(url, f"body exceeds max_bytes {limit} while downloading")
                if decoder is None:
                    decoder = self._decoder(url, headers, chunk)
                parts.append(decoder.feed(chunk))
                if time.monotonic() > deadline:
                    raise NetworkError(url, self._overran("reading the body"))
            if decoder is not None:
                parts.append(decoder.finish())
        except _Oversize:
            raise TooLargeError(url, f"decompressed body exceeds max_bytes {limit}") from None
        except (zlib.error, brotli.error) as exc:
            raise NetworkError(url, f"corrupt compressed body: {exc}") from None
        except httpx.TimeoutException as exc:
            if time.monotonic() >= deadline:
                raise NetworkError(url, self._overran("reading the body")) from None
            raise NetworkError(url, f"timed out reading the body ({type(exc).__name__})") from None
        except httpx.HTTPError as exc:
            raise NetworkError(url, f"{type(exc).__name__}: {exc}") from None
        return b"".join(parts)

    def _decoder(self, url: str, headers: dict[str, str], first_chunk: bytes) -> _BoundedDecoder:
        encoding = headers.get("content-encoding")
        content_type = headers.get("content-type", "").lower()
        if not encoding and first_chunk[:3] == b"\x1f\x8b\x08" and "gzip" not in content_type:
            encoding = "gzip"  # gzip without the header: decode it rather than hand a parser binary
        try:
            return _BoundedDecoder(encoding, self.settings.max_bytes)
        except ValueError as exc:
            raise NetworkError(url, str(exc)) from None

    @staticmethod
    def _redirect_target(current: str, location: str) -> str:
        target = urljoin(current, location.strip())
        if urlsplit(target).scheme not in ("http", "https"):
            raise FetchError(current, f"redirect to unsupported URL {target!r}")
        return target

    def _result(self, url: str, final_url: str, answer: _Answer) -> FetchResult:
        headers = answer.headers
        retry_after = parse_retry_after(headers.get("retry-after"))
        if answer.status == 304:
            return FetchResult(
                url=url,
                final_url=final_url,
                status=304,
                headers=headers,
                body=b"",
                not_modified=True,
                etag=headers.get("etag"),
                last_modified=headers.get("last-modified"),
            )
        if not 200 <= answer.status < 300:
            detail = f"Retry-After {retry_after:.0f}s" if retry_after else None
            raise HTTPStatusError(final_url, answer.status, retry_after=retry_after, detail=detail)
        return FetchResult(
            url=url,
            final_url=final_url,
            status=answer.status,
            headers=headers,
            body=answer.body,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            retry_after_seconds=retry_after,
        )


def _drain(response: httpx.Response) -> None:
    """Read a small unwanted body (a 304, a redirect, an error page) so the connection can be reused;
    a large one is left unread and the connection closed instead."""
    read = 0
    try:
        for chunk in response.iter_raw():
            read += len(chunk)
            if read > _DRAIN_LIMIT:
                return
    except httpx.HTTPError:
        return


def _host_of(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchError(url, "not a valid URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "not an http(s) URL")
    return parts.hostname.lower()


def run_concurrently(func: Callable[[_T], _R], items: Sequence[_T], workers: int) -> list[_R]:
    """``func`` over ``items`` on a thread pool, results in input order."""
    if not items:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(items)))) as pool:
        return list(pool.map(func, items))
