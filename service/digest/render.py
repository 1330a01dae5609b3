"""Render a :class:`~service.digest.build.Digest` to a subject, HTML and plain text, and assemble the MIME
message. Pure: no database, no network, no clock (the caller passes the date and the Message-ID).

Jinja2 lives behind this module only. Templates ship in ``service/digest/templates``; a file of the same
name in ``digest.template_dir`` replaces the shipped one. HTML templates (``*.html.j2``) are autoescaped, so a
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

import jinja2

from service.digest.build import Digest
from service.errors import DigestError

TEMPLATES = ("subject.txt.j2", "digest.html.j2", "digest.txt.j2")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAYS_ZH = ("一", "二", "三", "四", "五", "六", "日")


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


def summary_line(digest: Digest) -> str:
    """``N stories, M articles, K outlets`` (singular where it is one)."""
    return ", ".join(
        (
            _count(digest.story_count, "story", "stories"),
            _count(digest.article_count, "article", "articles"),
            _count(digest.outlet_count, "outlet", "outlets"),
        )
    )


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def render_digest(digest: Digest, environment: jinja2.Environment, subject_prefix: str) -> RenderedDigest:
    """Subject, HTML and text of one digest. Template errors become a DigestError naming the template."""
    weekday = digest.digest_date.weekday()
    context = {
        "digest": digest,
        "summary": summary_line(digest),
        "prefix": subject_prefix,
        "weekday": f"{WEEKDAYS[weekday]} (週{WEEKDAYS_ZH[weekday]})",
    }
    subject = " ".join(_render(environment, "subject.txt.j2", context).split())
    context["subject"] = subject
    html = _render(environment, "digest.html.j2", context)
    text = _render(environment, "digest.txt.j2", context)
    return RenderedDigest(subject=subject, html=html, text=text)


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
    rendered: RenderedDigest, sender: str, recipients: list[str], message_id: str, date: datetime
) -> EmailMessage:
    """multipart/alternative: text/plain first (the fallback), then text/html; UTF-8 throughout."""
    if date.tzinfo is None:
        raise DigestError("the digest's Date header needs an aware datetime")
    message = EmailMessage(policy=SMTP)
    message["Subject"] = rendered.subject
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"  # tells vacation responders not to answer
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(rendered.text, subtype="plain", charset="utf-8")
    message.add_alternative(rendered.html, subtype="html", charset="utf-8")
    return message
