"""The README documents every CLI command and every config key (datasette's habit)."""

from __future__ import annotations

import re
from pathlib import Path

import click
from click.testing import CliRunner
from pydantic import BaseModel

from service.cli import main
from service.config import FeedConfig, Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def config_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    keys = []
    for name, field in model.model_fields.items():
        if field.exclude:
            continue
        key = f"{prefix}{field.alias or name}"
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            keys += config_keys(annotation, key + ".")
        elif name == "thresholds":
            keys += [f"{key}.taiwan_japan", f"{key}.city_diplomacy"]
        else:
            keys.append(key)
    return keys


def test_every_config_key_is_in_the_readme() -> None:
    keys = config_keys(Settings) + config_keys(FeedConfig, "feeds[].")
    missing = [key for key in keys if f"`{key}`" not in README]
    assert not missing, f"README.md does not document these config keys: {missing}"


def test_every_command_is_in_the_readme() -> None:
    missing = [name for name in main.commands if not re.search(rf"`newsmon {re.escape(name)}\b", README)]
    assert not missing, f"README.md does not document these commands: {missing}"


def test_every_command_has_help_with_an_example() -> None:
    lacking = [name for name, command in main.commands.items() if "Example" not in (command.help or "")]
    assert not lacking, f"these commands' --help has no example: {lacking}"


def test_help_shows_no_rst_markup() -> None:
    """Docstrings mark code as ``code``; --help shows it plainly (the group's own help is its docstring)."""
    runner = CliRunner()
    pending: list[tuple[str, ...]] = [(name,) for name in main.commands]
    marked = []
    while pending:
        path = pending.pop()
        command = main
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        if isinstance(command, click.Group):
            pending += [(*path, name) for name in command.commands]
        output = runner.invoke(main, [*path, "--help"]).output
        if "``" in output:
            marked.append(" ".join(path))
    assert not marked, f"--help with ``double backticks``: {marked}"


def test_every_make_target_a_user_runs_is_in_the_readme() -> None:
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M)
    assert phony is not None
    internal = {"lint", "typecheck", "pytest", "system-deps", "clean"}  # steps of `make test`, housekeeping
    targets = [name for name in phony.group(1).split() if name not in internal]
    missing = [name for name in targets if f"`make {name}`" not in README]
    assert not missing, f"README.md does not document these make targets: {missing}"


def test_readme_gives_exactly_two_setup_commands() -> None:
    section = README.split("## Set-up: two commands", 1)[1].split("##", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert [c.split("#")[0].strip() for c in commands] == ["make demo", "make test"]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
