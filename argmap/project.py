"""The project a map belongs to: the nearest ``argmap.toml`` or ``pyproject.toml`` with ``[tool.argmap]``.

A project file states settings for every map in its folder tree, the way
``ruff.toml`` or ``[tool.ruff]`` does for code. Today it has one:

``source-roots``
    folders, relative to the project file and inside its folder, from which
    the project's maps may read source files (see :mod:`argmap.sources`).

The nearest folder, from the map's folder upwards, that holds an
``argmap.toml`` or a ``pyproject.toml`` with a ``[tool.argmap]`` table is the
project; its file is read only when a setting is needed. An error in it
points at the line in that file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from argmap.errors import START, MapError, Position
from argmap.files import UnreadableFile, read_text

PROJECT_FILES = ("argmap.toml", "pyproject.toml")
"""Files that make a folder a project, looked for in this order in each folder."""

MAX_PROJECT_FILE_BYTES = 1024 * 1024
"""Project files above 1 MiB are refused."""

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class Project:
    """A project file and the settings argmap reads from it."""

    file: Path
    """The project file."""
    source_roots: tuple[Path, ...]
    """Folders (absolute, links resolved) whose files the project's maps may read."""


def find_project(folder: Path) -> Project | None:
    """The project of a map in ``folder``: the nearest project file in it or above it, or None.

    Raises:
        MapError: the project file is not valid TOML or its settings are wrong;
            the position is in the project file.
    """
    for candidate in (folder, *folder.parents):
        for name in PROJECT_FILES:
            path = candidate / name
            if path.is_file():
                text = _read(path)
                settings = _settings(path, text)
                if settings is not None:
                    return Project(path, _source_roots(path, text, settings))
    return None


def _read(path: Path) -> str:
    try:
        return read_text(path, MAX_PROJECT_FILE_BYTES)
    except UnreadableFile as error:
        raise MapError.at(path, error.position, f"cannot read the project file: it {error.reason}") from None


def _settings(path: Path, text: str) -> dict[str, object] | None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_POSITION.search(str(error))
        where = Position(int(found[1]), int(found[2])) if found else START
        message = _TOML_POSITION.sub("", str(error)).strip()
        raise MapError.at(path, where, f"not valid TOML: {message}") from None
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool")
    table = tool.get("argmap") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def _line_of(text: str, needle: str) -> Position:
    """Where ``needle`` first stands in ``text`` (line 1, column 1 if nowhere)."""
    at = text.find(needle)
    if at < 0:
        return START
    line = text.count("\n", 0, at) + 1
    return Position(line, at - (text.rfind("\n", 0, at) + 1) + 1)


def _source_roots(path: Path, text: str, settings: dict[str, object]) -> tuple[Path, ...]:
    entries = settings.get("source-roots", [])
    if not isinstance(entries, list) or not all(isinstance(entry, str) for entry in entries):
        raise MapError.at(
            path, _line_of(text, "source-roots"), "'source-roots' must be a list of folder names"
        )
    project = path.parent.resolve()
    roots = []
    for entry in entries:
        where = _line_of(text, entry) if entry else _line_of(text, "source-roots")
        try:
            root = (project / entry).resolve() if entry.strip() else None
        except (OSError, RuntimeError, ValueError):
            root = None
        if root is None:
            raise MapError.at(path, where, f"source root {entry!r} is not a usable folder name")
        if not root.is_relative_to(project):
            raise MapError.at(path, where, f"source root {entry!r} lies outside the project folder {project}")
        roots.append(root)
    return tuple(roots)
