"""The ``newsmon`` command line: thin wiring around library functions.

Every command parses its options, takes settings and database from :class:`AppContext`, and calls one
function that does the work. A command's docstring is its ``--help``; README.md documents each one (a test
checks that). Expected failures (``NewsmonError``) print one clear line and exit non-zero: 2 for bad
configuration or usage, 1 otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import click

from service.cli.context import AppContext, fail
from service.errors import ConfigError, NewsmonError


class NewsmonGroup(click.Group):
    """Turns newsmon's own errors into one line on stderr and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            fail(str(exc), 2)
        except NewsmonError as exc:
            fail(str(exc), 1)


@click.group(cls=NewsmonGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    envvar="NEWSMON_CONFIG",
    help="Configuration file (default: the shipped config.yaml; env NEWSMON_CONFIG).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log at DEBUG level.")
@click.version_option(package_name="newsmon")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, verbose: bool) -> None:
    """newsmon: Taiwanese news on Taiwan–Japan relations and city diplomacy, polled, cleaned, deduplicated,
    classified and explained.

    Example: newsmon demo
    """
    ctx.obj = AppContext(config_path)
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def not_built(name: str, issue: str) -> click.Command:
    """A placeholder for a command whose stage has not landed yet: says so and exits 1."""

    @click.command(
        name=name,
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
        help=f"Not built yet ({issue}). Example: newsmon {name}",
    )
    def command() -> None:
        fail(f"'{name}' is not built yet ({issue}); it arrives with that issue.")

    return command


def plain_help(command: click.Command) -> click.Command:
    """Docstrings mark code as ``code`` for developers; ``--help`` shows it without the backticks."""
    command.help = command.help.replace("``", "") if command.help else command.help
    command.short_help = command.short_help.replace("``", "") if command.short_help else command.short_help
    for param in command.params:
        if isinstance(param, click.Option) and param.help:
            param.help = param.help.replace("``", "")
    if isinstance(command, click.Group):
        for subcommand in command.commands.values():
            plain_help(subcommand)
    return command


def register(group: click.Group) -> None:
    """Add every command module's commands, then placeholders for the ones not built yet."""
    from service.cli import alerts as alerts_commands
    from service.cli import classify as classify_commands
    from service.cli import core
    from service.cli import daemon as daemon_commands
    from service.cli import dedup as dedup_commands
    from service.cli import demo as demo_commands
    from service.cli import digest as digest_commands
    from service.cli import extract as extract_commands
    from service.cli import feeds as feeds_commands
    from service.cli import search as search_commands
    from service.cli import web as web_commands

    modules: list[Callable[[], list[click.Command]]] = [
        alerts_commands.commands,
        classify_commands.commands,
        core.commands,
        daemon_commands.commands,
        dedup_commands.commands,
        demo_commands.commands,
        extract_commands.commands,
        digest_commands.commands,
        feeds_commands.commands,
        search_commands.commands,
        web_commands.commands,
    ]
    for module_commands in modules:
        for command in module_commands():
            group.add_command(plain_help(command))
    placeholders = {
        "run": "issue 8, the daemon",
        "serve": "issue 7, the review UI",
        "digest": "issue 6, the daily digest",
        "feeds": "issue 3, ingestion",
        "extract": "issue 9, extraction",
        "reprocess": "issue 9, extraction",
        "classify": "issue 4, classification",
        "evaluate": "issue 4, classification",
        "train": "issue 4, classification",
        "reclassify": "issue 4, classification",
        "dedup": "issue 5, dedup",
    }
    for name, issue in placeholders.items():
        if name not in group.commands:
            group.add_command(not_built(name, issue))


register(main)
