"""Positions in a map file and the error raised when a map cannot be used."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple


class Position(NamedTuple):
    """A place in a text file, 1-based like editors and compilers show it.

    A named tuple (ordered by line, then column): a large map's loading makes
    one per key and value, and a tuple is made several times faster than a
    frozen dataclass.
    """

    line: int
    """Line number, from 1."""
    column: int
    """Column number in characters, from 1."""


START = Position(1, 1)
"""The first character of a file, used where nothing more precise is known."""


@dataclass(frozen=True)
class Problem:
    """One reason a map file is unusable, at a place in it."""

    file: Path
    """The map file."""
    position: Position
    """Where the problem is."""
    message: str
    """One line saying what is wrong and, where possible, how to fix it."""

    def __str__(self) -> str:
        """``file:line:column: error: message``, the form editors link to."""
        return f"{self.file}:{self.position.line}:{self.position.column}: error: {self.message}"


class MapError(Exception):
    """A map file cannot be loaded: unreadable, not UTF-8, not YAML, or not a map.

    Carries one or more :class:`Problem` entries; the CLI prints each on one
    line and exits with status 2.
    """

    def __init__(self, problems: list[Problem]) -> None:
        """Take the problems found (at least one)."""
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    @classmethod
    def at(cls, file: Path, position: Position, message: str) -> MapError:
        """A :class:`MapError` with a single problem."""
        return cls([Problem(file, position, message)])
