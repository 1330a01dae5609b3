"""Secrets out of what is shown: a URL's user info (``http://user:pass@host/``) is never printed.

``redact_url`` is the one rule, used wherever a URL reaches a person or a log: error messages
(``service.errors.FetchError``), the orchestrator's log lines, the feeds page and API, configuration errors.
The URL itself is kept as configured, so fetching still sends the credentials.
"""

from __future__ import annotations

import re

# scheme://user[:password]@ -> scheme://***@ ; anywhere in a text (an error message quoting a URL too)
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/@\s?#]*@")


def redact_url(text: str) -> str:
    """``text`` with the user info of every URL in it replaced by ``***``."""
    return _USERINFO.sub(r"\1***@", text)
