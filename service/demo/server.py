"""A real HTTP server on 127.0.0.1 that serves the bundled demo site.

Used by ``newsmon demo``, by integration tests and by benchmarks::

    with DemoServer() as server:
        server.base_url                 # "http://127.0.0.1:PORT"
        server.feed_urls                # [DemoFeed(name, url, lang), ...]
        ...poll the feeds...
        server.set_round(2)             # a later poll: one story updated, one press release added
        server.requests                 # how many requests were answered

What it does, per request (GET or HEAD):

- looks the path up in the manifest: the exact path with its query string first (press-release URLs
  such as ``/kcg/News_Content.aspx?n=873&s=1203451``; parameter order does not matter), then the path
  alone, so a link carrying ``?utm_source=...`` reaches the same page; unknown paths get a plain 404;
- replaces ``{base}`` in the stored UTF-8 text with its own base URL, encodes the text to the resource's
  charset (Big5 through cp950, GBK) and declares it: ``Content-Type: text/html; charset=big5``;
- sends the manifest's status (the deleted article answers 404 with its error page);
- sends ``ETag`` (a hash of the bytes) and ``Last-Modified`` (from the manifest), and answers 304 to a
  conditional request that matches (``If-None-Match`` wins over ``If-Modified-Since``, as RFC 9110 says).

It runs in a background thread (``ThreadingHTTPServer``, port 0 = a free port) and stops on ``__exit__``.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import NamedTuple, cast
from urllib.parse import parse_qsl, urlsplit

from service.demo.manifest import CODECS, PLACEHOLDER, Manifest, Resource, load_manifest


class DemoFeed(NamedTuple):
    """One demo feed as the pipeline sees it."""

    name: str
    url: str
    lang: str


@dataclass(frozen=True)
class _Response:
    status: int
    content_type: str
    body: bytes
    etag: str | None
    last_modified: str | None


def _lookup_key(path: str, query: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    return path, tuple(sorted(parse_qsl(query, keep_blank_values=True)))


class _Site:
    """The manifest plus rendered bodies, for one base URL; shared by the request threads."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self.base_url = ""
        self.round = 1
        self.requests = 0
        self.log: list[tuple[str, str, int]] = []
        self._lock = threading.Lock()
        self._by_key: dict[tuple[str, tuple[tuple[str, str], ...]], Resource] = {}
        for resource in manifest.resources:
            split = urlsplit(resource.path)
            self._by_key[_lookup_key(split.path, split.query)] = resource
        self._cache: dict[tuple[str, str], _Response] = {}

    def find(self, target: str) -> Resource | None:
        split = urlsplit(target)
        resource = self._by_key.get(_lookup_key(split.path, split.query))
        if resource is None:
            resource = self._by_key.get(_lookup_key(split.path, ""))
        if resource is None or resource.from_round > self.round:
            return None
        return resource

    def response(self, resource: Resource) -> _Response:
        with self._lock:
            key = (resource.path, resource.file_in(self.round))
            cached = self._cache.get(key)
            if cached is None:
                cached = self._cache[key] = self._render(resource)
            return cached

    def _render(self, resource: Resource) -> _Response:
        text = (self.manifest.site_dir / resource.file_in(self.round)).read_text(encoding="utf-8")
        body = text.replace(PLACEHOLDER, self.base_url).encode(CODECS[resource.charset])
        ok = resource.status == HTTPStatus.OK
        return _Response(
            status=resource.status,
            content_type=resource.content_type,
            body=body,
            etag=f'"{hashlib.sha256(body).hexdigest()[:32]}"' if ok else None,
            last_modified=format_datetime(resource.modified_in(self.round), usegmt=True) if ok else None,
        )

    def record(self, method: str, target: str, status: int) -> None:
        with self._lock:
            self.requests += 1
            self.log.append((method, target, status))

    def set_round(self, round_no: int) -> None:
        with self._lock:
            self.round = round_no


class _SiteHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    site: _Site


def _not_modified(handler: BaseHTTPRequestHandler, response: _Response) -> bool:
    """RFC 9110 section 13.2.2: If-None-Match decides when present, else If-Modified-Since."""
    if_none_match = handler.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or response.etag in tags
    since = handler.headers.get("If-Modified-Since")
    if since is None or response.last_modified is None:
        return False
    try:
        return parsedate_to_datetime(response.last_modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False  # an unreadable date is ignored, as the RFC asks


class _Handler(BaseHTTPRequestHandler):
    server_version = "newsmon-demo/1"
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; without this, keep-alive clients wait ~40 ms per request
    # for the delayed ACK that Nagle's algorithm holds the body back for.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Silent: tests and the demo report requests through ``DemoServer.request_log``."""

    def _answer(self, send_body: bool) -> None:
        # Each request is recorded before its reply goes out: a client that has read the reply must find it
        # counted (recorded after, a test reading the count under load saw one request fewer).
        site = cast(_SiteHTTPServer, self.server).site
        resource = site.find(self.path)
        if resource is None:
            body = f"not found on the newsmon demo site: {self.path}\n".encode()
            site.record(self.command, self.path, HTTPStatus.NOT_FOUND)
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", body, {}, send_body)
            return
        response = site.response(resource)
        validators = {"ETag": response.etag, "Last-Modified": response.last_modified}
        headers = {name: value for name, value in validators.items() if value is not None}
        if response.status == HTTPStatus.OK and _not_modified(self, response):
            site.record(self.command, self.path, HTTPStatus.NOT_MODIFIED)
            self._send(HTTPStatus.NOT_MODIFIED, None, b"", headers, send_body=False)
            return
        site.record(self.command, self.path, response.status)
        self._send(response.status, response.content_type, response.body, headers, send_body)

    def _send(
        self, status: int, content_type: str | None, body: bytes, headers: dict[str, str], send_body: bool
    ) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class DemoServer:
    """The demo site on ``http://127.0.0.1:PORT``, in a background thread; a context manager."""

    def __init__(self, manifest: Manifest | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.manifest = manifest if manifest is not None else load_manifest()
        self._site = _Site(self.manifest)
        self._address = (host, port)
        self._httpd: _SiteHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> DemoServer:
        if self._httpd is not None:
            return self
        httpd = _SiteHTTPServer(self._address, _Handler)
        httpd.site = self._site
        host, port = httpd.server_address[:2]
        self._site.base_url = f"http://{host!s}:{port}"
        self._httpd = httpd
        # A short poll interval makes stop() (and so every `with DemoServer()`) return quickly.
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="newsmon-demo-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the demo server is not running; use it as a context manager or call start()")
        return self._site.base_url

    def url(self, path: str) -> str:
        """The full URL of a site path such as ``/fna/rss/aall.xml``."""
        return self.base_url + path

    @property
    def feed_urls(self) -> list[DemoFeed]:
        return [DemoFeed(feed.name, self.url(feed.path), feed.lang) for feed in self.manifest.feeds]

    @property
    def round(self) -> int:
        return self._site.round

    def set_round(self, round_no: int) -> None:
        """Serve the site as it is at a later poll (see the manifest header); 1 is the start."""
        if round_no < 1:
            raise ValueError(f"round must be 1 or more, got {round_no}")
        self._site.set_round(round_no)

    @property
    def requests(self) -> int:
        """How many requests were answered (any status, 304s included)."""
        return self._site.requests

    @property
    def request_log(self) -> list[tuple[str, str, int]]:
        """Every request answered so far, as ``(method, path with query, status)``."""
        return list(self._site.log)

    def body(self, path: str) -> bytes:
        """The bytes the server sends for ``path`` in the current round (tests compare against it)."""
        resource = self._site.find(path)
        if resource is None:
            raise KeyError(path)
        return self._site.response(resource).body
