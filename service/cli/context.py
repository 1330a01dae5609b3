"""What every ``newsmon`` command shares: :class:`AppContext` (settings, then a migrated engine), the
one-line failure, and the batch commands' ``--in``/``--out`` options.

The command modules import these from here; ``service.cli`` imports the command modules to register them.
Keeping the shared parts out of ``service.cli`` keeps the imports one way (no cycle).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn

import click
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from service.config import Settings, load_settings
from service.i18n import gettext_for, ngettext_for


class AppContext:
    """What every command needs, built lazily: settings, then a migrated engine."""

    def __init__(self, config_path: str | None) -> None:
        self.config_path = config_path
        self._engine: Engine | None = None
        self._settings_override: Settings | None = None

    @cached_property
    def settings(self) -> Settings:
        if self._settings_override is not None:
            return self._settings_override
        return load_settings(self.config_path)

    def use_settings(self, settings: Settings) -> None:
        """Replace the loaded settings (``demo`` points everything at its own folder)."""
        self._settings_override = settings
        self.__dict__.pop("settings", None)
        self._engine = None

    @property
    def gettext(self) -> Callable[[str], str]:
        """``_`` in the interface language (``ui.language``): the commands' human-readable lines (never
        ``--json``, which stays English keys and values for scripts)."""
        return gettext_for(self.settings.ui.language)

    @property
    def ngettext(self) -> Callable[[str, str, int], str]:
        return ngettext_for(self.settings.ui.language)

    def engine(self) -> Engine:
        if self._engine is None:
            from service.storage.db import make_engine, migrate

            self._engine = make_engine(self.settings.database_url, echo=self.settings.database.echo)
            migrate(self._engine)
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        from service.storage.db import session_scope

        with session_scope(self.engine()) as session:
            yield session


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"newsmon: {message}", err=True)
    sys.exit(code)


def jsonl_in(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The ``--in F.jsonl`` option of the batch commands (classify, dedup)."""
    return click.option(
        "--in",
        "in_path",
        required=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=help,
    )


def jsonl_out(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The ``--out F.jsonl`` option of the batch commands (classify, dedup)."""
    return click.option(
        "--out", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path), help=help
    )
