"""Render a :class:`~service.digest.build.Digest` to a subject, HTML and plain text, and assemble the MIME
message. Pure: no database, no network, no clock (the caller passes the date and the Message-ID).

Jinja2 lives behind this module only. Templates ship in ``service/digest/templates``; a file of the same
name in ``digest.template_dir`` replaces the shipped one. Strings are translated into ``ui.language`` by
``service.i18n`` (gettext catalogues, Jinja2's i18n extension); dates are written in local form. Each part
is kept under the size limit by ``service.digest.fit``. HTML templates (``*.html.j2``) are autoescaped, so a
title such as ``<script>`` arrives as text; text templates are not (they are not markup).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2

from service import i18n
from service.digest.build import Digest
from service.digest.fit import MAX_PART_BYTES, fit_digest
from service.errors import DigestError
from service.i18n import DEFAULT_LANGUAGE, gettext_for, ngettext_for

TEMPLATES = ("subject.txt.j2", "digest.html.j2", "digest.txt.j2")


@dataclass(frozen=True)
class RenderedDigest:
    subject: str
    html: str
    text: str


def template_environment(template_dir: Path | None = None) -> jinja2.Environment:
    """Templates from ``template_dir`` first (when given), then the shipped ones."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise DigestError(f"digest.template_dir: {template_dir} is not a folder")
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.PackageLoader("service.digest", "templates"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def summary_line(digest: Digest, language: str = DEFAULT_LANGUAGE) -> str:
    """``6 則報導、13 篇文章、8 家媒體`` or ``6 stories, 13 articles, 8 outlets`` (singular for one)."""
    ngettext = ngettext_for(language)
    parts = (
        ngettext("%(num)d story", "%(num)d stories", digest.story_count) % {"num": digest.story_count},
        ngettext("%(num)d article", "%(num)d articles", digest.article_count) % {"num": digest.article_count},
        ngettext("%(num)d outlet", "%(num)d outlets", digest.outlet_count) % {"num": digest.outlet_count},
    )
    return gettext_for(language)(", ").join(parts)


def headline(digest: Digest, language: str = DEFAULT_LANGUAGE) -> str:
    """The subject's counts: stories and articles."""
    ngettext = ngettext_for(language)
    return gettext_for(language)(", ").join(
        (
            ngettext("%(num)d story", "%(num)d stories", digest.story_count) % {"num": digest.story_count},
            ngettext("%(num)d article", "%(num)d articles", digest.article_count)
            % {"num": digest.article_count},
        )
    )


def size_notes(digest: Digest, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """What the mail leaves out and why: stories by title only, stories not listed, "maybe" stories
    trimmed, stories past ``digest.max_stories``."""
    ngettext = ngettext_for(language)
    notes: list[str] = []
    listed = len(digest.overflow) + digest.unlisted_stories
    if listed:
        full = digest.story_count - listed
        notes.append(
            ngettext(
                "%(full)d of %(total)d story in full; the rest by title, to keep this mail whole.",
                "%(full)d of %(total)d stories in full; the rest by title, to keep this mail whole.",
                digest.story_count,
            )
            % {"full": full, "total": digest.story_count}
        )
    if digest.unlisted_stories:
        notes.append(
            ngettext(
                "%(num)d more story is not listed here.",
                "%(num)d more stories are not listed here.",
                digest.unlisted_stories,
            )
            % {"num": digest.unlisted_stories}
        )
    if digest.maybe_trimmed:
        notes.append(
            ngettext(
                "%(num)d story just below the threshold left out.",
                "%(num)d stories just below the threshold left out.",
                digest.maybe_trimmed,
            )
            % {"num": digest.maybe_trimmed}
        )
    if digest.omitted_stories:
        notes.append(
            ngettext(
                "%(num)d more story beyond digest.max_stories.",
                "%(num)d more stories beyond digest.max_stories.",
                digest.omitted_stories,
            )
            % {"num": digest.omitted_stories}
        )
    return notes


def _joined(notes: list[str], language: str) -> list[str]:
    """The notes as one paragraph: joined by a space in English, directly in Chinese and Japanese."""
    return [("" if language in ("zh-Hant", "ja") else " ").join(notes)] if notes else []


def render_digest(
    digest: Digest,
    environment: jinja2.Environment,
    subject_prefix: str,
    language: str = DEFAULT_LANGUAGE,
    roc: bool = False,
    limit: int | None = MAX_PART_BYTES,
) -> RenderedDigest:
    """Subject, HTML and text of one digest in ``language``, each part at most ``limit`` bytes
    (``service.digest.fit``; None: no limit). Template errors become a DigestError naming the template."""
    tz = ZoneInfo(digest.timezone)
    i18n.install(environment, language, tz, roc=roc)

    def render(shown: Digest) -> RenderedDigest:
        context: dict[str, object] = {
            "digest": shown,
            "summary": summary_line(shown, language),
            "headline": headline(shown, language),
            "notes": _joined(size_notes(shown, language), language),
            "prefix": subject_prefix,
            "language": language,
            "window": i18n.local_window(shown.window_start, shown.window_end, language, tz, roc),
        }
        subject = " ".join(_render(environment, "subject.txt.j2", context).split())
        context["subject"] = subject
        html = _render(environment, "digest.html.j2", context)
        text = _render(environment, "digest.txt.j2", context)
        return RenderedDigest(subject=subject, html=html, text=text)

    if limit is None:
        return render(digest)
    return fit_digest(digest, render, limit)[1]


def _render(environment: jinja2.Environment, name: str, context: dict[str, object]) -> str:
    try:
        return environment.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise DigestError(
            f"digest template {exc.filename or name}, line {exc.lineno}: {exc.message}"
        ) from exc
    except jinja2.TemplateError as exc:
        raise DigestError(f"digest template {name}: {exc}") from exc


def new_message_id(sender: str, digest_date: str) -> str:
    """A fresh ``<…@domain>`` Message-ID in the sender's domain; stored with the run and reused on resends."""
    domain = sender.rpartition("@")[2] or "newsmon.localhost"
    return f"<digest.{digest_date}.{secrets.token_hex(6)}@{domain}>"  # short: the header stays on one line


def build_message(
    rendered: RenderedDigest,
    sender: str,
    recipients: list[str],
    message_id: str,
    date: datetime,
) -> EmailMessage:
    """multipart/alternative: text/plain first (the fallback), then text/html; UTF-8, base64. Blind
    copies (``digest.bcc``) are not headers: the caller adds them to the envelope only."""
    if date.tzinfo is None:
        raise DigestError("the digest's Date header needs an aware datetime")
    message = EmailMessage(policy=SMTP)
    message["Subject"] = rendered.subject
    message["From"] = sender
    message["To"] = ", ".join(recipients) if recipients else "undisclosed-recipients:;"  # Bcc only
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"  # tells vacation responders not to answer
    message["X-Auto-Response-Suppress"] = "All"
    # base64 always: predictable size (service.digest.fit measures it), and smaller than quoted-printable for
    # Chinese text and for HTML full of style="..." (each = becomes =3D)
    message.set_content(rendered.text, subtype="plain", charset="utf-8", cte="base64")
    message.add_alternative(rendered.html, subtype="html", charset="utf-8", cte="base64")
    return message
