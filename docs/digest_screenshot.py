"""Regenerate docs/digest.png: our sample stories rendered as the HTML digest, shot with headless Chromium.

Needs Debian's ``chromium`` and CJK fonts (``apt-get install chromium fonts-noto-cjk``).

    python docs/digest_screenshot.py [--out docs/digest.png] [--html digest-sample.html]
    python docs/digest_screenshot.py --out docs/digest-phone.png --width 390 --height 1100
    python docs/digest_screenshot.py --stories 60 --out docs/digest-long-phone.png --width 390 --height 1100

``--stories N`` renders a synthetic busy day (tests/helpers/long_digest.py) instead of the sample day: the
mail stays under 100 KB, so its head says how many stories are in full and the rest are listed by title.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from service.config import load_settings, with_overrides
from service.digest.job import preview_digest, send_time
from service.storage.db import make_engine, migrate, session_scope

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "tests"))  # our sample stories (tests/helpers)
from helpers import digest_samples, long_digest  # noqa: E402

SAMPLE_DAY = date(2026, 11, 20)


def render_sample(folder: Path) -> Path:
    """Sample rows in a fresh SQLite file, rendered to ``folder/digest.html``."""
    settings = with_overrides(
        load_settings(),
        digest={"public_base_url": "https://newsmon.example.tw", "recipients": ["office@example.tw"]},
    )
    engine = make_engine(f"sqlite:///{folder / 'sample.db'}")
    migrate(engine)
    with session_scope(engine) as session:
        digest_samples.insert_sample_day(session, send_time(settings, SAMPLE_DAY) - timedelta(hours=20))
    _digest, rendered = preview_digest(engine, settings, SAMPLE_DAY)
    engine.dispose()
    path = folder / "digest.html"
    path.write_text(rendered.html, encoding="utf-8")
    return path


def render_long(folder: Path, stories: int) -> Path:
    """A synthetic day of ``stories`` stories, rendered and fitted under 100 KB, to ``folder/digest.html``."""
    from service.digest.render import render_digest, template_environment

    rendered = render_digest(long_digest.digest_of(stories), template_environment(), "[newsmon]")
    path = folder / "digest.html"
    path.write_text(rendered.html, encoding="utf-8")
    return path


def screenshot(html: Path, out: Path, width: int = 800, height: int = 1400) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("chromium not found: apt-get install chromium fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as profile:
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={out}",
            f"--window-size={width},{height}", html.resolve().as_uri(),
        ]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=DOCS / "digest.png")
    parser.add_argument("--html", type=Path, help="also keep the rendered HTML here")
    parser.add_argument("--width", type=int, default=800)
    parser.add_argument("--height", type=int, default=1400)
    parser.add_argument("--stories", type=int, help="a synthetic busy day of this many stories")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        html = render_long(Path(folder), args.stories) if args.stories else render_sample(Path(folder))
        if args.html:
            shutil.copyfile(html, args.html)
        screenshot(html, args.out, args.width, args.height)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
