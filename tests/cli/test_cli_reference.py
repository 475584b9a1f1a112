"""`docs/cli.md` is the generated reference: complete, current, and every command explained."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from ipstrategy.cli.reference import commands, render

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
REGENERATE = "regenerate it: make docs-cli (python -m ipstrategy.cli.reference > docs/cli.md)"


def test_every_command_and_option_is_in_docs_cli_md() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for command in commands():
        heading = f"## `ipstrategy {' '.join(command.words)}`"
        assert heading in text, f"{heading} missing from docs/cli.md; {REGENERATE}"
        section = text.split(heading, 1)[1].split("\n## ", 1)[0]
        for action in command.arguments:
            if isinstance(action, argparse._SubParsersAction):
                continue
            name = action.option_strings[0] if action.option_strings else str(action.metavar or action.dest)
            assert f"`{name}" in section, f"{name} of {heading} missing from docs/cli.md; {REGENERATE}"
    assert text == render(), f"docs/cli.md is stale; {REGENERATE}"


def test_every_command_and_option_has_help_text() -> None:
    found = list(commands())
    assert len(found) >= 15  # the tree as of this writing; the walk must not come back empty
    for command in found:
        assert command.help.strip(), f"ipstrategy {' '.join(command.words)} has no help text"
        for action in command.arguments:
            if not isinstance(action, argparse._SubParsersAction):
                assert (action.help or "").strip(), f"{action.option_strings or action.dest} of {command.words}"


def test_a_command_without_help_is_caught() -> None:
    parser = argparse.ArgumentParser(prog="x")
    sub = parser.add_subparsers()
    sub.add_parser("bare").add_argument("--flag")
    (command,) = commands(parser)
    assert command.help == "" and command.arguments[0].help is None


def test_the_reference_module_prints_the_reference() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ipstrategy.cli.reference"], capture_output=True, text=True, check=True
    )
    assert proc.stdout == render()
