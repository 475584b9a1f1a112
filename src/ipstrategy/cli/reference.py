"""The CLI reference ``docs/cli.md``, generated from the command tree so that it cannot drift.

Regenerate after adding or changing a command or option (``tests/cli/test_reference.py`` fails
until you do)::

    make docs-cli                 # or: python -m ipstrategy.cli.reference > docs/cli.md

``commands()`` walks the argparse tree; the test also uses it to check that every command and
option has help text.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from ipstrategy.cli.app import build_parser

HEADER = """\
# Command line reference

Generated from the command tree by `make docs-cli` (`python -m ipstrategy.cli.reference > docs/cli.md`);
do not edit by hand. Every command prints results on stdout; an expected failure (bad input, a refusal,
an unknown id, an unreadable file) is one line `error: ...` on stderr with exit code 2.
"""


@dataclass(frozen=True)
class Command:
    """One runnable command: its words (``["periods", "create"]``), help and arguments."""

    words: tuple[str, ...]
    help: str
    parser: argparse.ArgumentParser

    @property
    def arguments(self) -> list[argparse.Action]:
        return [a for a in self.parser._actions if not isinstance(a, argparse._HelpAction | argparse._VersionAction)]


def commands(parser: argparse.ArgumentParser | None = None) -> Iterator[Command]:
    """Every leaf command of the tree, depth first in registration order."""
    yield from _walk(parser or build_parser(), ())


def _walk(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> Iterator[Command]:
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
        for name, child in action.choices.items():
            if any(isinstance(a, argparse._SubParsersAction) for a in child._actions):
                yield Command((*words, name), helps.get(name, ""), child)  # a group: listed for its help
                yield from _walk(child, (*words, name))
            else:
                yield Command((*words, name), helps.get(name, ""), child)


def _argument(action: argparse.Action) -> str:
    if action.option_strings:
        name = ", ".join(action.option_strings)
        if action.nargs != 0:
            name += f" {action.metavar or action.dest.upper()}"
    else:
        name = str(action.metavar or action.dest)
    return f"`{name}`"


def _details(action: argparse.Action) -> str:
    text = (action.help or "").replace("|", "\\|")
    notes = []
    if action.choices and not isinstance(action, argparse._SubParsersAction):
        notes.append("one of " + ", ".join(f"`{c}`" for c in action.choices))
    if action.required and action.option_strings:
        notes.append("required")
    return "; ".join([text, *notes]) if notes else text


def render() -> str:
    """The whole reference as Markdown."""
    out = [HEADER]
    for command in commands():
        out.append(f"\n## `ipstrategy {' '.join(command.words)}`\n\n{command.help}\n")
        arguments = [a for a in command.arguments if not isinstance(a, argparse._SubParsersAction)]
        subs = [a for a in command.arguments if isinstance(a, argparse._SubParsersAction)]
        if subs:
            out.append("\nActions: " + ", ".join(f"`{name}`" for a in subs for name in a.choices) + ".\n")
        if arguments:
            out.append("\n| argument | meaning |\n|---|---|\n")
            out.extend(f"| {_argument(a)} | {_details(a)} |\n" for a in arguments)
    return "".join(out)


if __name__ == "__main__":
    sys.stdout.write(render())
