"""Load ``config.yaml`` into one typed, validated settings object.

Every section is a pydantic model that forbids unknown keys, so a typo is an error rather than a silently
ignored setting. ``load_settings`` turns any validation failure into a :class:`ConfigError` that names the
file, the key path (``feeds[3].url``) and what was expected. Secrets are never read from the file: the file
names the environment variable (``password_env``) and :func:`secret` reads it when needed.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from classifiers.model import DEFAULT_THRESHOLDS
from service.errors import ConfigError
from service.labels import TOPICS, Label, Topic

# The shipped defaults, inside the package (a plain `pip install .` has them); the repository's top-level
# config.yaml is a link to this file. `newsmon init` writes a copy to start from.
DEFAULT_CONFIG = Path(__file__).resolve().parent / "config.yaml"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


HttpUrl = Annotated[str, Field(min_length=1)]


def _check_time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {value!r} (expected an IANA name such as Asia/Taipei)") from exc
    return value


def _check_http_url(value: str) -> str:
    AnyHttpUrl(value)  # raises ValueError with pydantic's explanation
    return value


class FeedConfig(Section):
    name: str = Field(min_length=1, max_length=200)
    url: HttpUrl
    lang: str = "zh-Hant"
    publisher: str | None = None
    enabled: bool = True
    # The place the feed's items call home when they never name it (a prefectural paper's 県 and 知事, a
    # township office's 本所): a Japanese prefecture or municipality, or a Taiwanese county, city or
    # township, by its Traditional Chinese name (熊本縣, 龜山市, 花蓮縣壽豐鄉). Needed only where the items'
    # addresses do not tell it (classifiers/events/home.py reads regional papers' and governments' hosts).
    home: str | None = None

    _url = field_validator("url")(_check_http_url)

    @field_validator("home")
    @classmethod
    def _known_home(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from classifiers.events.home import named_home  # (loads the gazetteer only when a home is set)

        if named_home(value) is None:
            raise ValueError(
                f"{value!r} is not one Japanese prefecture or municipality, or one Taiwanese county, city or "
                "township, that the gazetteer knows (write it as 熊本縣, 龜山市 or 花蓮縣壽豐鄉)"
            )
        return value


class DatabaseSettings(Section):
    url: str | None = None  # None: a SQLite file ``newsmon.db`` in data_dir
    password_env: str = "NEWSMON_DB_PASSWORD"
    echo: bool = False

    @field_validator("url")
    @classmethod
    def _database_url(cls, value: str | None) -> str | None:
        """A URL the database layer can read: scheme, and a port that is a number in range (a bad port
        once passed the check and failed later with a traceback)."""
        if value is None:
            return None
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number in 0..65535
        except ValueError as exc:
            raise ValueError(f"not a database URL ({exc})") from None
        if not parts.scheme or not re.fullmatch(r"[a-z][a-z0-9+]*", parts.scheme):
            raise ValueError("not a database URL: expected e.g. postgresql+psycopg://user@host:5432/db")
        return value


class FetchSettings(Section):
    user_agent: str = "newsmon/0.1 (+{contact_url})"
    contact_url: HttpUrl = "https://github.com/newsmon/newsmon"
    connect_timeout_seconds: float = Field(10.0, gt=0)
    read_timeout_seconds: float = Field(30.0, gt=0)
    total_timeout_seconds: float = Field(60.0, gt=0)
    max_bytes: int = Field(5_000_000, gt=0)
    max_redirects: int = Field(5, ge=0)
    allow_loopback: bool = False
    allowed_networks: list[str] = Field(default_factory=list)
    per_host_concurrency: int = Field(2, ge=1)
    per_host_min_gap_seconds: float = Field(1.0, ge=0)
    total_concurrency: int = Field(16, ge=1)
    page_retry_limit: int = Field(5, ge=0)
    page_retry_base_minutes: float = Field(10.0, gt=0)

    _contact = field_validator("contact_url")(_check_http_url)

    @model_validator(mode="after")
    def _ordered(self) -> FetchSettings:
        for part in ("connect_timeout_seconds", "read_timeout_seconds"):
            if getattr(self, part) > self.total_timeout_seconds:
                raise ValueError(
                    f"{part} ({getattr(self, part):g}) is longer than total_timeout_seconds"
                    f" ({self.total_timeout_seconds:g}), which bounds the whole exchange"
                )
        return self


class PollingSettings(Section):
    default_interval_minutes: float = Field(15.0, gt=0)
    min_interval_minutes: float = Field(5.0, gt=0)
    max_interval_minutes: float = Field(360.0, gt=0)
    max_error_backoff_minutes: float = Field(1440.0, gt=0)
    parse_processes: int = Field(1, ge=0)
    claim_batch: int = Field(50, ge=1)  # due feeds one worker claims at a time (several workers share them)
    silent_days: float = Field(7.0, gt=0)  # no new entry for this long: "silent" in newsmon status

    @model_validator(mode="after")
    def _ordered(self) -> PollingSettings:
        if not self.min_interval_minutes <= self.default_interval_minutes <= self.max_interval_minutes:
            raise ValueError(
                "intervals must be ordered: min_interval_minutes <= default_interval_minutes <="
                f" max_interval_minutes (got {self.min_interval_minutes:g},"
                f" {self.default_interval_minutes:g}, {self.max_interval_minutes:g})"
            )
        return self


class ExtractSettings(Section):
    min_text_chars: int = Field(80, ge=0)
    assume_timezone: str = "Asia/Taipei"  # for page dates that carry no UTC offset

    _zone = field_validator("assume_timezone")(_check_time_zone)


def _default_thresholds() -> dict[Topic, float]:
    """The relevance model's own default thresholds (``classifiers.DEFAULT_THRESHOLDS``: one place)."""
    return {topic: DEFAULT_THRESHOLDS[topic] for topic in TOPICS}


class ClassifySettings(Section):
    model_dir: str | None = None  # None: <data_dir>/models
    keep_models: int = Field(5, ge=1)  # inactive trained versions kept on disk; older ones are deleted
    thresholds: dict[Topic, float] = Field(default_factory=_default_thresholds)
    maybe_margin: float = Field(0.15, ge=0, le=1)


class DedupSettings(Section):
    window_days: int = Field(14, ge=1)
    jaccard: float = Field(0.4, gt=0, le=1)
    containment: float = Field(0.5, gt=0, le=1)
    min_shingles: int = Field(20, ge=1)
    numbers_match: float = Field(0.8, ge=0, le=1)


class SmtpSettings(Section):
    host: str = "127.0.0.1"
    port: int = Field(25, ge=1, le=65535)
    security: Literal["none", "starttls", "ssl"] = "none"
    username: str | None = None
    password_env: str = "NEWSMON_SMTP_PASSWORD"
    timeout_seconds: float = Field(30.0, gt=0)
    retries: int = Field(3, ge=0)
    retry_base_seconds: float = Field(5.0, ge=0)
    ca_file: str | None = None  # extra CA bundle to trust (an internal mail server's CA); None: system store


class DigestSettings(Section):
    time: dt.time = dt.time(7, 30)
    sender: str = "newsmon@localhost"
    recipients: list[str] = Field(default_factory=list)
    bcc: list[str] = Field(default_factory=list)  # blind copies: in the envelope, never in a header
    subject_prefix: str = "[newsmon]"
    send_when_empty: bool = False
    maybe_section: bool = True
    max_stories: int = Field(200, ge=1)
    template_dir: str | None = None
    public_base_url: str | None = None
    catch_up_days: int = Field(7, ge=1)  # longest window one digest covers after missed days
    smtp: SmtpSettings = SmtpSettings()


class UiSettings(Section):
    """The interface language (service/i18n.py) of the digest, the review UI, the report and the CLI."""

    language: Literal["zh-Hant", "en", "ja"] = "zh-Hant"
    roc_dates: bool = False  # dates with the ROC year (115年12月3日) in Traditional Chinese


class WebSettings(Section):
    host: str = "127.0.0.1"
    port: int = Field(8080, ge=0, le=65535)
    require_login: bool = False
    admin_password_env: str = "NEWSMON_ADMIN_PASSWORD"
    secret_key_env: str = "NEWSMON_SECRET_KEY"
    users: dict[str, str] = Field(default_factory=dict)  # name -> password hash
    login_attempts: int = Field(5, ge=1)  # failed logins from one address before it must wait
    login_lockout_minutes: float = Field(15.0, gt=0)
    # Reverse proxies (addresses or CIDRs) whose X-Forwarded-For / -Proto are believed; none by default.
    trusted_proxies: list[str] = Field(default_factory=list)

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, values: list[str]) -> list[str]:
        for value in values:
            ipaddress.ip_network(value, strict=False)  # ValueError names the bad entry
        return values


class DaemonSettings(Section):
    poll_tick_seconds: float = Field(60.0, gt=0)
    web: bool = True
    maintenance_time: dt.time = dt.time(3, 30)
    raw_page_retention_days: int = Field(30, ge=0)
    retrain_on_new_labels: bool = True
    shutdown_timeout_seconds: float = Field(10.0, gt=0)
    misfire_grace_seconds: int = Field(300, ge=1)


class LoggingSettings(Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    json_format: bool = Field(False, alias="json")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- alerts and syndication (service/alerts, service/web/feeds_out.py) ------------------------------------


class ScoreCondition(Section):
    """The model's score for ``label`` is at least ``above``."""

    label: Label = "relevant"
    above: float = Field(ge=0, le=1)


class AlertRule(Section):
    """One alert rule: every condition given must hold (a list condition holds when any of its values
    does). Item conditions (label, score, partners, parties, event_types, keywords, regex) are checked when
    an item is classified; feed conditions (feed_failing_hours, feed_silent_days) by the alerts job. A rule
    has item conditions or feed conditions, not both."""

    name: str = Field(min_length=1, max_length=100, pattern=r"^[\w\-. ]+$")
    label: Label | None = None  # the effective label, by the label rule (service.labels.decide)
    score: ScoreCondition | None = None
    partners: list[str] = Field(default_factory=list)
    parties: list[str] = Field(default_factory=list)
    event_types: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    regex: str | None = None
    feed_failing_hours: float | None = Field(None, gt=0)
    feed_silent_days: float | None = Field(None, gt=0)
    urls: list[str] = Field(default_factory=list)
    urls_env: str | None = None  # an environment variable holding more URLs (secrets), space-separated
    every_minutes: float = Field(0, ge=0)  # 0: one message per alert; N: at most one message per N minutes

    @field_validator("event_types")
    @classmethod
    def _known_types(cls, values: list[str]) -> list[str]:
        from classifiers.events.types import EventType

        known = {kind.value for kind in EventType}
        for value in values:
            if value not in known:
                raise ValueError(f"unknown event type {value!r} (one of {', '.join(sorted(known))})")
        return values

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            import re

            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"regex {value!r} does not compile: {exc}") from None
        return value

    @field_validator("urls")
    @classmethod
    def _url_shape(cls, values: list[str]) -> list[str]:
        for value in values:
            if "://" not in value:
                raise ValueError(f"{value!r} is not an Apprise URL (scheme://...)")
        return values

    @property
    def item_conditions(self) -> bool:
        return bool(
            self.label
            or self.score
            or self.partners
            or self.parties
            or self.event_types
            or self.keywords
            or self.regex
        )

    @property
    def feed_conditions(self) -> bool:
        return self.feed_failing_hours is not None or self.feed_silent_days is not None

    @model_validator(mode="after")
    def _complete(self) -> AlertRule:
        if not self.item_conditions and not self.feed_conditions:
            raise ValueError("a rule needs at least one condition")
        if self.item_conditions and self.feed_conditions:
            raise ValueError(
                "a rule has item conditions or feed conditions (feed_failing_hours, feed_silent_days),"
                " not both"
            )
        if not self.urls and not self.urls_env:
            raise ValueError("a rule needs urls or urls_env (where to deliver)")
        return self


class AlertSettings(Section):
    rules: list[AlertRule] = Field(default_factory=list)
    send_every_seconds: float = Field(30.0, gt=0)  # how often the alerts job delivers the outbox
    max_attempts: int = Field(6, ge=1)  # deliveries tried before an alert is marked failed
    retry_base_seconds: float = Field(30.0, ge=0)  # backoff: base, 2 x base, 4 x base, ...
    lease_seconds: float = Field(300.0, gt=0)  # a claimed alert is another worker's after this long
    max_item_age_hours: float = Field(48.0, gt=0)  # older items never alert (reclassifying history)
    public_base_url: str | None = None  # links to the review UI in messages (default: digest.public_base_url)

    @field_validator("rules")
    @classmethod
    def _unique_names(cls, rules: list[AlertRule]) -> list[AlertRule]:
        seen: set[str] = set()
        for rule in rules:
            if rule.name in seen:
                raise ValueError(f"duplicate rule name {rule.name!r}")
            seen.add(rule.name)
        return rules


class SyndicationSettings(Section):
    days: int = Field(14, ge=1)  # stories first seen this many days back
    max_entries: int = Field(50, ge=1)
    token_env: str = "NEWSMON_FEED_TOKEN"  # the token feed readers add (?token=) when a login is required


class Settings(Section):
    """The whole configuration. ``source`` is the file it came from (for messages and relative paths)."""

    data_dir: str = "newsmon-data"
    timezone: str = "Asia/Taipei"
    database: DatabaseSettings = DatabaseSettings()
    fetch: FetchSettings = FetchSettings()
    polling: PollingSettings = PollingSettings()
    extract: ExtractSettings = ExtractSettings()
    classify: ClassifySettings = ClassifySettings()
    dedup: DedupSettings = DedupSettings()
    digest: DigestSettings = DigestSettings()
    ui: UiSettings = UiSettings()
    web: WebSettings = WebSettings()
    daemon: DaemonSettings = DaemonSettings()
    logging: LoggingSettings = LoggingSettings()
    alerts: AlertSettings = AlertSettings()
    syndication: SyndicationSettings = SyndicationSettings()
    feeds: list[FeedConfig] = Field(min_length=1)

    source: str = Field("<defaults>", exclude=True)

    _zone = field_validator("timezone")(_check_time_zone)

    @field_validator("feeds")
    @classmethod
    def _unique_feeds(cls, feeds: list[FeedConfig]) -> list[FeedConfig]:
        for attr in ("name", "url"):
            seen: set[str] = set()
            for feed in feeds:
                value = getattr(feed, attr)
                if value in seen:
                    raise ValueError(f"duplicate feed {attr} {value!r}")
                seen.add(value)
        return feeds

    @property
    def feed_homes(self) -> dict[str, str]:
        """Feed name -> the home its items speak of (``feeds[].home``), for the events stage."""
        return {feed.name: feed.home for feed in self.feeds if feed.home}

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def base_dir(self) -> Path:
        """Where relative paths start: the config file's folder (as named, links not followed), or the working
        directory for the shipped defaults (the package's folder is no place for data)."""
        if self.source in ("<defaults>", str(DEFAULT_CONFIG)):
            return Path.cwd()
        return Path(self.source).absolute().parent

    def path(self, value: str) -> Path:
        """A configured path, relative ones taken from the config file's folder."""
        candidate = Path(value).expanduser()
        return candidate if candidate.is_absolute() else self.base_dir / candidate

    @property
    def data_path(self) -> Path:
        return self.path(self.data_dir)

    def data_file(self, value: str | None, default: str) -> Path:
        """A path of newsmon's own data: ``value`` when set explicitly (like every configured path, relative
        to the config file's folder), else ``default`` inside ``data_dir``, so that moving ``data_dir`` (a
        systemd state folder, a Docker volume) moves them too."""
        return self.path(value) if value else self.data_path / default

    @property
    def model_path(self) -> Path:
        """Trained model versions: ``classify.model_dir`` when set, else ``<data_dir>/models``."""
        return self.data_file(self.classify.model_dir, "models")

    @property
    def database_url(self) -> str:
        if self.database.url:
            return _with_password(self.database.url, os.environ.get(self.database.password_env))
        return f"sqlite:///{self.data_path / 'newsmon.db'}"


def _with_password(url: str, password: str | None) -> str:
    """Insert the password from the environment into a URL that names a user but no password."""
    if not password:
        return url
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.username and not parsed.password:
        return parsed.set(password=password).render_as_string(hide_password=False)
    return url


def secret(env_name: str) -> str | None:
    """Read a secret from the environment; empty counts as unset."""
    return os.environ.get(env_name) or None


def _key_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "<top level>"


def _describe(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    message: str = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    given = error.get("input")
    if isinstance(given, str):
        from service.redact import redact_url

        given = redact_url(given)  # a database or feed URL's password is not printed
    if not isinstance(given, dict | list) and repr(given) not in message:
        message += f" (got {given!r})"
    return message


def parse_settings(data: Any, source: str) -> Settings:
    """Validate already-loaded YAML data. Raises ConfigError naming ``source`` and every bad key path."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            f"{source}: expected a mapping of settings at the top level, got {type(data).__name__}"
        )
    try:
        settings = Settings.model_validate({**data, "source": source})
    except ValidationError as exc:
        lines = [f"{source}: {_key_path(err['loc'])}: {_describe(err)}" for err in exc.errors()]
        raise ConfigError("\n".join(lines)) from None
    return settings


def load_settings(path: str | Path | None = None) -> Settings:
    """Read and validate a config file (default: the shipped ``config.yaml``)."""
    file = Path(path) if path else DEFAULT_CONFIG
    try:
        raw = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read config file: {exc.strerror or exc}") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ConfigError(f"{file}:{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    return parse_settings(data, str(file))


def write_starter_config(directory: Path, force: bool = False) -> Path:
    """Write ``config.yaml`` into ``directory`` (made if missing): the shipped defaults with every key's
    comment, to edit. Refuses to replace an existing file unless ``force``. Returns the file written."""
    target = directory / "config.yaml"
    if target.exists() and not force:
        raise ConfigError(f"{target}: already exists (newsmon init --force replaces it)")
    shipped = DEFAULT_CONFIG.read_text(encoding="utf-8")
    body = shipped.split("\n\n", 1)[1]  # the shipped file's header speaks of itself
    header = (
        "# newsmon configuration, written by `newsmon init` from the shipped defaults. Every key is\n"
        "# optional except `feeds`; delete what you do not change. Check: `newsmon --config FILE check`.\n"
        "# Secrets never go here: keys ending in _env name the environment variable that holds them.\n\n"
    )
    try:
        directory.mkdir(parents=True, exist_ok=True)
        target.write_text(header + body, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{target}: cannot write: {exc.strerror or exc}") from None
    return target


def with_overrides(settings: Settings, **sections: dict[str, Any]) -> Settings:
    """A copy of ``settings`` with some section keys replaced, validated again (used by demo and tests)."""
    data = settings.model_dump(by_alias=True)
    for name, values in sections.items():
        if isinstance(data.get(name), dict):
            data[name] = {**data[name], **values}
        else:
            data[name] = values
    return parse_settings(data, settings.source)
