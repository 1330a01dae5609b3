"""The demo site's ``manifest.yaml`` read into typed objects, checked for consistency.

The manifest is the single description of the bundled demo site (``service/demo/site/``): which URL
paths exist, which file answers each, with what media type, charset, status and Last-Modified, and the
facts a correct pipeline run should find (relevant items, duplicates, counts). Its header comment
documents every key. ``load_manifest`` raises ``DemoSiteError`` naming the file and the key at fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from service.errors import DemoSiteError

SITE_DIR = Path(__file__).resolve().parent / "site"
MANIFEST_FILE = SITE_DIR / "manifest.yaml"
PLACEHOLDER = "{base}"

# Charset declared to clients -> codec we encode with. Real Big5 pages contain CP950 characters.
CODECS = {"utf-8": "utf-8", "big5": "cp950", "gbk": "gbk"}


@dataclass(frozen=True)
class Resource:
    """One URL path the demo server answers, as it is in a given round."""

    path: str
    file: str
    media_type: str
    charset: str
    status: int
    modified: datetime
    round2_file: str | None = None
    round2_modified: datetime | None = None
    from_round: int = 1

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset={self.charset}"

    def file_in(self, round_no: int) -> str:
        return self.round2_file if round_no >= 2 and self.round2_file else self.file

    def modified_in(self, round_no: int) -> datetime:
        return self.round2_modified if round_no >= 2 and self.round2_modified else self.modified


@dataclass(frozen=True)
class FeedSpec:
    name: str
    path: str
    lang: str
    outlet: str
    format: str
    bozo: bool = False


@dataclass(frozen=True)
class ExpectedItem:
    """What a correct pipeline run knows about one distinct article."""

    id: str
    url: str
    feeds: tuple[str, ...]
    lang: str
    taiwan_japan: bool
    city_diplomacy: bool
    why: str
    dup_of: str | None = None
    story: str | None = None
    page: str = "ok"
    published: bool = True
    round: int = 1
    updated_round: int | None = None
    traps: tuple[str, ...] = ()

    @property
    def relevant(self) -> bool:
        return self.taiwan_japan or self.city_diplomacy


@dataclass(frozen=True)
class Manifest:
    resources: tuple[Resource, ...]
    feeds: tuple[FeedSpec, ...]
    items: tuple[ExpectedItem, ...]
    expected: dict[str, dict[str, int]] = field(default_factory=dict)
    site_dir: Path = SITE_DIR

    def resource(self, path: str) -> Resource:
        for resource in self.resources:
            if resource.path == path:
                return resource
        raise KeyError(path)

    def items_in(self, round_no: int) -> list[ExpectedItem]:
        return [item for item in self.items if item.round <= round_no]


def load_manifest(path: Path = MANIFEST_FILE) -> Manifest:
    """Read and check ``manifest.yaml``; files are resolved against the manifest's folder."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DemoSiteError(f"{path}: cannot read the demo manifest: {exc}") from exc
    if not isinstance(raw, dict):
        raise DemoSiteError(f"{path}: the manifest must be a mapping")
    site_dir = path.parent
    manifest = Manifest(
        resources=tuple(_resource(path, i, r) for i, r in enumerate(_list(path, raw, "resources"))),
        feeds=tuple(_feed(path, i, f) for i, f in enumerate(_list(path, raw, "feeds"))),
        items=tuple(_item(path, i, it) for i, it in enumerate(_list(path, raw, "items"))),
        expected=_expected(raw.get("expected") or {}),
        site_dir=site_dir,
    )
    _check(path, manifest)
    return manifest


def _expected(raw: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {str(stage): {str(key): int(n) for key, n in counts.items()} for stage, counts in raw.items()}


def _list(path: Path, raw: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise DemoSiteError(f"{path}: key '{key}' must be a list of mappings")
    return value


def _get(path: Path, where: str, raw: dict[str, Any], key: str, kind: type) -> Any:
    value = raw.get(key)
    if not isinstance(value, kind):
        raise DemoSiteError(f"{path}: {where}.{key} must be a {kind.__name__}, got {value!r}")
    return value


def _when(path: Path, where: str, value: object) -> datetime:
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise DemoSiteError(f"{path}: {where}: {value!r} is not an ISO 8601 time") from exc
    if when.tzinfo is None:
        raise DemoSiteError(f"{path}: {where}: {value!r} needs a time zone (use Z for UTC)")
    return when


def _resource(path: Path, index: int, raw: dict[str, Any]) -> Resource:
    where = f"resources[{index}]"
    charset = _get(path, where, raw, "charset", str).lower()
    if charset not in CODECS:
        raise DemoSiteError(f"{path}: {where}.charset {charset!r} is not one of {sorted(CODECS)}")
    round2 = raw.get("round2") or {}
    return Resource(
        path=_get(path, where, raw, "path", str),
        file=_get(path, where, raw, "file", str),
        media_type=_get(path, where, raw, "type", str),
        charset=charset,
        status=int(raw.get("status", 200)),
        modified=_when(path, f"{where}.modified", raw.get("modified")),
        round2_file=round2.get("file"),
        round2_modified=_when(path, f"{where}.round2.modified", round2["modified"]) if round2 else None,
        from_round=int(raw.get("from_round", 1)),
    )


def _feed(path: Path, index: int, raw: dict[str, Any]) -> FeedSpec:
    where = f"feeds[{index}]"
    return FeedSpec(
        name=_get(path, where, raw, "name", str),
        path=_get(path, where, raw, "path", str),
        lang=_get(path, where, raw, "lang", str),
        outlet=_get(path, where, raw, "outlet", str),
        format=_get(path, where, raw, "format", str),
        bozo=bool(raw.get("bozo", False)),
    )


def _item(path: Path, index: int, raw: dict[str, Any]) -> ExpectedItem:
    where = f"items[{index}]"
    return ExpectedItem(
        id=_get(path, where, raw, "id", str),
        url=_get(path, where, raw, "url", str),
        feeds=tuple(_get(path, where, raw, "feeds", list)),
        lang=_get(path, where, raw, "lang", str),
        taiwan_japan=_get(path, where, raw, "taiwan_japan", bool),
        city_diplomacy=_get(path, where, raw, "city_diplomacy", bool),
        why=_get(path, where, raw, "why", str),
        dup_of=raw.get("dup_of"),
        story=raw.get("story"),
        page=str(raw.get("page", "ok")),
        published=bool(raw.get("published", True)),
        round=int(raw.get("round", 1)),
        updated_round=raw.get("updated_round"),
        traps=tuple(raw.get("traps") or ()),
    )


def _check(path: Path, manifest: Manifest) -> None:
    """Cross-references: files exist, feeds and item URLs are served, ids and feed names resolve."""
    paths = [r.path for r in manifest.resources]
    duplicated = {p for p in paths if paths.count(p) > 1}
    if duplicated:
        raise DemoSiteError(f"{path}: resources: paths listed twice: {sorted(duplicated)}")
    for i, resource in enumerate(manifest.resources):
        for name in filter(None, (resource.file, resource.round2_file)):
            if not (manifest.site_dir / name).is_file():
                raise DemoSiteError(f"{path}: resources[{i}] ({resource.path}): file {name!r} does not exist")
    feed_names = {f.name for f in manifest.feeds}
    for i, feed in enumerate(manifest.feeds):
        if feed.path not in paths:
            raise DemoSiteError(f"{path}: feeds[{i}] ({feed.name}): path {feed.path!r} is not a resource")
    ids = {item.id for item in manifest.items}
    for i, item in enumerate(manifest.items):
        where = f"{path}: items[{i}] ({item.id})"
        if item.url not in paths:
            raise DemoSiteError(f"{where}: url {item.url!r} is not a resource")
        unknown = set(item.feeds) - feed_names
        if unknown:
            raise DemoSiteError(f"{where}: unknown feeds {sorted(unknown)}")
        if item.dup_of is not None and item.dup_of not in ids:
            raise DemoSiteError(f"{where}: dup_of {item.dup_of!r} is not an item id")
        if item.page not in ("ok", "not_found"):
            raise DemoSiteError(f"{where}: page must be 'ok' or 'not_found', got {item.page!r}")
