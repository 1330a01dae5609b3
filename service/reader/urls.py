"""Canonical article URLs, so one article linked two ways is one item.

``canonical_url`` is pure and never raises: a string it cannot read as an http(s) URL comes back stripped
and otherwise unchanged. What it does, in order:

1. lower-cases the scheme and host (IDNA-encodes a non-ASCII host), drops the default port, the user info
   and the fragment;
2. maps known mobile and AMP hosts of Taiwanese outlets to the desktop host (``MOBILE_HOSTS``: ``m.udn.com``
   -> ``udn.com``, ``m.ltn.com.tw`` -> ``news.ltn.com.tw``, ...);
3. removes AMP path forms: a leading or trailing ``/amp`` segment (``/amp/news/1`` and ``/news/1/amp``), a
   ``.amp`` before the extension (``1.amp.html``), and the ``amp``/``outputType=amp`` query parameters;
4. drops tracking parameters: every name starting with one of ``TRACKING_PREFIXES`` (``utm_``, ...) and
   every name in ``TRACKING_PARAMS`` (``fbclid``, ``gclid``, ``from``, ``ref``, ``spm``, ...);
5. sorts the parameters that remain (stable for repeated names) and percent-encodes non-ASCII characters
   of the path and query the same way whether the feed gave them raw or encoded.

The scheme is kept: an http-only site must stay fetchable from the canonical URL.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import quote, unquote, unquote_to_bytes, urlsplit, urlunsplit

# Query parameter names that only say where a click came from. Matched case-insensitively.
TRACKING_PARAMS = frozenset(
    {
        # ad and social click ids
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "yclid",
        "msclkid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "igshid",
        "igsh",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "vero_id",
        # facebook share plumbing
        "fb_action_ids",
        "fb_action_types",
        "fb_ref",
        "fb_source",
        "action_object_map",
        "action_type_map",
        "action_ref_map",
        # referrer labels used by Taiwanese outlets (udn's ?from=udn-ch1_breaknews-1-0-news, ETtoday's
        # ?from=rss, China Times' ?chdtv) and by Alibaba-style sites (spm, scm)
        "from",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "src",
        "spm",
        "scm",
        "chdtv",
        "feature",
        "cmpid",
        "ncid",
        "ocid",
        "sr_share",
        "share",
        "ito",
        "_ga",
        "_gl",
        # AMP switches
        "amp",
        "outputtype",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "ga_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci")

# Mobile or AMP host -> desktop host, for the outlets we follow (see ../shared/data/feeds/taiwan-feeds.yaml).
MOBILE_HOSTS = {
    "m.ltn.com.tw": "news.ltn.com.tw",
    "m.udn.com": "udn.com",
    "m.cna.com.tw": "www.cna.com.tw",
    "m.ettoday.net": "www.ettoday.net",
    "amp.ettoday.net": "www.ettoday.net",
    "m.chinatimes.com": "www.chinatimes.com",
    "m.setn.com": "www.setn.com",
    "m.taipeitimes.com": "www.taipeitimes.com",
    "m.focustaiwan.tw": "focustaiwan.tw",
    "m.tvbs.com.tw": "news.tvbs.com.tw",
    "m.storm.mg": "www.storm.mg",
    "m.newtalk.tw": "newtalk.tw",
    "m.nownews.com": "www.nownews.com",
    "m.appledaily.com.tw": "tw.appledaily.com",
}

# Registrable domain -> outlet name shown to people. Longest suffix wins.
OUTLETS = {
    "cna.com.tw": "中央社",
    "focustaiwan.tw": "Focus Taiwan",
    "japan.focustaiwan.tw": "フォーカス台湾",
    "ltn.com.tw": "自由時報",
    "udn.com": "聯合新聞網",
    "ettoday.net": "ETtoday",
    "chinatimes.com": "中時新聞網",
    "taipeitimes.com": "Taipei Times",
    "pts.org.tw": "公視新聞網",
    "setn.com": "三立新聞網",
    "tvbs.com.tw": "TVBS",
    "appledaily.com.tw": "蘋果日報",
    "storm.mg": "風傳媒",
    "newtalk.tw": "新頭殼",
    "nownews.com": "NOWnews",
    "taiwannews.com.tw": "Taiwan News",
    "taiwantoday.tw": "Taiwan Today",
    "mofa.gov.tw": "外交部",
    "ey.gov.tw": "行政院",
    "president.gov.tw": "總統府",
    "gov.taipei": "臺北市政府",
    "kcg.gov.tw": "高雄市政府",
    "taichung.gov.tw": "臺中市政府",
    "tainan.gov.tw": "臺南市政府",
    "tycg.gov.tw": "桃園市政府",
    "ntpc.gov.tw": "新北市政府",
    "koryu.or.jp": "日本台湾交流協会",
    "feedburner.com": "FeedBurner",
}

_DEFAULT_PORTS = {"http": 80, "https": 443}
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = "/%:@!$'()*,;=+-._~?"
_STRUCTURAL_ESCAPE = re.compile(r"(%2[fF]|%3[fF]|%23|%25)")
_PERCENT = re.compile(r"%[0-9a-fA-F]{2}")
_AMP_SUFFIX = re.compile(r"\.amp(\.[A-Za-z0-9]+)$")


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def _normalise_host(hostname: str) -> str:
    host = hostname.strip(".").lower()
    with contextlib.suppress(UnicodeError):  # an unencodable host stays as it is
        host = host.encode("idna").decode("ascii")
    return MOBILE_HOSTS.get(host, host)


def _encode(part: str, safe: str) -> str:
    """Percent-encode non-ASCII and unsafe characters, leaving existing escapes alone (upper-cased)."""
    encoded = quote(part, safe=safe)
    return _PERCENT.sub(lambda m: m.group(0).upper(), encoded)


def _strip_amp_path(path: str) -> str:
    if path == "/amp" or path.startswith("/amp/"):
        path = path[len("/amp") :] or "/"
    if "/amp/" in path and re.match(r"^/[^/]+/amp/", path):  # udn: /news/amp/story/...
        path = re.sub(r"^(/[^/]+)/amp/", r"\1/", path, count=1)
    if path.endswith("/amp") and len(path) > len("/amp"):
        path = path[: -len("/amp")]
    return _AMP_SUFFIX.sub(r"\1", path)


def _clean_query(query: str) -> str:
    """Drop tracking parameters and sort the rest, without decoding values (a Big5-escaped value stays)."""
    kept: list[tuple[str, str]] = []
    for pair in query.split("&"):
        if not pair:
            continue
        name = pair.split("=", 1)[0]
        if not _is_tracking(unquote(name.replace("+", " "))):
            kept.append((name, pair))
    kept.sort(key=lambda item: item[0])
    return "&".join(_encode(pair, _QUERY_SAFE) for _, pair in kept)


def canonical_url(url: str) -> str:
    """The canonical form of an http(s) URL (see the module docstring). Never raises."""
    raw = url.strip()
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        return raw
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return raw
    host = _normalise_host(parts.hostname)
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _encode(_strip_amp_path(_unquote_path(parts.path) or "/"), _PATH_SAFE)
    query = _clean_query(parts.query)
    return urlunsplit((scheme, netloc, path, query, ""))


def _unquote_path(path: str) -> str:
    """Decode UTF-8 percent-escapes, keeping those that would change the path's structure (%2F, %3F,
    %23, %25) and any run that is not UTF-8 (a Big5-escaped path stays escaped)."""
    pieces = _STRUCTURAL_ESCAPE.split(path)
    decoded: list[str] = []
    for index, piece in enumerate(pieces):
        if index % 2:
            decoded.append(piece.upper())
            continue
        try:
            decoded.append(unquote_to_bytes(piece).decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(piece)
    return "".join(decoded)


def url_host(url: str) -> str | None:
    """The lower-case host of ``url``, or None when it has none."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def outlet_name(host_or_url: str) -> str:
    """A human name for the outlet behind a host or URL: a known outlet's name, else the bare domain."""
    host = url_host(host_or_url) if "/" in host_or_url else host_or_url.lower().strip(".")
    if not host:
        return host_or_url
    host = MOBILE_HOSTS.get(host, host)
    labels = host.split(".")
    for start in range(len(labels)):
        suffix = ".".join(labels[start:])
        if suffix in OUTLETS:
            return OUTLETS[suffix]
    return host.removeprefix("www.")
