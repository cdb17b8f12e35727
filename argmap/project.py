"""The project a map belongs to: the nearest ``argmap.toml`` or ``pyproject.toml`` with ``[tool.argmap]``.

A project file states settings for every map in its folder tree, the way
``ruff.toml`` or ``[tool.ruff]`` does for code. Today it has one:

``source-roots``
    folders, relative to the project file and inside its folder, from which
    the project's maps may read source files (see :mod:`argmap.sources`).
    Each must exist and be a folder.

The nearest folder, from the map's (real) folder upwards, that holds an
``argmap.toml`` or a ``pyproject.toml`` with a ``[tool.argmap]`` table is the
project; its file is read only when a setting is needed. An unknown key is
refused (it is most likely a typo that would silently do nothing). An error
in the file points at its line and column (:mod:`argmap.toml_positions`).
"""

from __future__ import annotations

import difflib
import errno
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from argmap.errors import START, MapError, Position
from argmap.files import UnreadableFile, read_text, resolve_links
from argmap.text import shorten
from argmap.toml_positions import TomlPath, positions

PROJECT_FILES = ("argmap.toml", "pyproject.toml")
"""Files that make a folder a project, looked for in this order in each folder."""

MAX_PROJECT_FILE_BYTES = 1024 * 1024
"""Project files above 1 MiB are refused."""

SETTINGS = ("source-roots",)
"""The settings a project file may hold; any other key is refused."""

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

    Args:
        folder: the map's folder, symbolic links resolved (the real map's folder).

    Raises:
        MapError: the project file is not valid TOML or its settings are wrong
            (an unknown key, a source root that is missing, a file or outside
            the project's folder); the position is in the project file.
    """
    for candidate in (folder, *folder.parents):
        for name in PROJECT_FILES:
            path = candidate / name
            if path.is_file():
                project = _load(path)
                if project is not None:
                    return project
    return None


def _load(path: Path) -> Project | None:
    """The project a project file states, or None if it is a ``pyproject.toml`` without ``[tool.argmap]``.

    Raises:
        MapError: as :func:`find_project`.
    """
    text = _read(path)
    found = _settings(path, text)
    if found is None:
        return None
    settings, table = found
    where = _Locator(positions(text), table)
    _refuse_unknown(path, settings, where)
    return Project(path, _source_roots(path, settings, where))


def _read(path: Path) -> str:
    try:
        return read_text(path, MAX_PROJECT_FILE_BYTES).removeprefix("\ufeff")  # a BOM is not TOML
    except UnreadableFile as error:
        raise MapError.at(path, error.position, f"cannot read the project file: it {error.reason}") from None


def _settings(path: Path, text: str) -> tuple[dict[str, object], TomlPath] | None:
    """The settings table of the project file and its key path (``()`` or ``("tool", "argmap")``).

    Returns:
        The table and its path; None for a ``pyproject.toml`` without ``[tool.argmap]``.

    Raises:
        MapError: the file is not valid TOML.
    """
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise MapError.at(path, START, "not valid TOML: nested too deeply") from None
    except tomllib.TOMLDecodeError as error:
        found = _TOML_POSITION.search(str(error))
        where = Position(int(found[1]), int(found[2])) if found else _end_of(text, str(error))
        message = _TOML_POSITION.sub("", str(error)).strip()
        raise MapError.at(path, where, f"not valid TOML: {message}") from None
    if path.name != "pyproject.toml":
        return data, ()
    tool = data.get("tool")
    table = tool.get("argmap") if isinstance(tool, dict) else None
    if isinstance(tool, dict) and "argmap" in tool and not isinstance(table, dict):
        where = positions(text).get(("tool", "argmap"), START)
        shown = _TOML_KINDS.get(type(table), "value")
        raise MapError.at(path, where, f"tool.argmap must be a table ([tool.argmap]), not {shown}")
    return (table, ("tool", "argmap")) if isinstance(table, dict) else None


_TOML_KINDS = {int: "a number", float: "a number", str: "text", bool: "a boolean", list: "an array"}
"""How a message names the TOML value that stands where a table belongs."""


def _end_of(text: str, message: str) -> Position:
    """Where tomllib's "at end of document" points: after the last character; else the start."""
    if "end of document" not in message:
        return START
    lines = text.split("\n")
    return Position(len(lines), len(lines[-1]) + 1)


@dataclass(frozen=True)
class _Locator:
    """Where the settings of argmap's table are written in the project file."""

    found: dict[TomlPath, Position]
    """Every key and item of the file (:func:`argmap.toml_positions.positions`)."""
    table: TomlPath
    """The key path of argmap's table."""

    def __call__(self, *path: str | int) -> Position:
        """Where ``path`` (inside argmap's table) is written, or its nearest enclosing key; else 1:1."""
        full = (*self.table, *path)
        for length in range(len(full), 0, -1):
            if full[:length] in self.found:
                return self.found[full[:length]]
        return START


def _refuse_unknown(path: Path, settings: dict[str, object], where: _Locator) -> None:
    """Refuse a setting argmap does not know (a typo such as ``source_roots``).

    Raises:
        MapError: at the first unknown key, naming the known ones.
    """
    for key in settings:
        if key not in SETTINGS:
            close = difflib.get_close_matches(key, SETTINGS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise MapError.at(
                path, where(key), f"unknown setting '{key}'; known settings: {', '.join(SETTINGS)}{hint}"
            )


def _source_roots(path: Path, settings: dict[str, object], where: _Locator) -> tuple[Path, ...]:
    """The ``source-roots`` folders, absolute with links resolved, each checked.

    Raises:
        MapError: the setting is not a list of names, or an entry is no usable
            folder inside the project's folder; at the entry.
    """
    entries = settings.get("source-roots", [])
    if not isinstance(entries, list):
        raise MapError.at(path, where("source-roots"), "'source-roots' must be a list of folder names")
    project = path.parent.resolve()
    roots = []
    for number, entry in enumerate(entries):
        root = _root(project, entry)
        if isinstance(root, str):
            raise MapError.at(path, where("source-roots", number), root)
        roots.append(root)
    return tuple(roots)


def _root(project: Path, entry: object) -> Path | str:
    """The folder a ``source-roots`` entry names, or why it names none (a message)."""
    if not isinstance(entry, str):
        return "'source-roots' must be a list of folder names"
    shown = repr(shorten(entry, 80)) if isinstance(entry, str) else ""
    try:
        root = resolve_links(project / entry) if entry.strip() else None
        if root is not None and not root.is_relative_to(project):
            return f"source root {shown} lies outside the project folder {project}"
        if root is not None and not root.exists():
            return f"source root {shown} does not exist (looked for {root})"
        if root is not None and not root.is_dir():
            return f"source root {shown} is a file, not a folder"
    except OSError as error:
        if error.errno == errno.ELOOP or "loop" in str(error).lower():
            return f"source root {shown} is a symbolic link loop"
        return f"source root {shown} is not a usable folder: {error.strerror or error}"
    except ValueError:  # a NUL character
        root = None
    if root is None:
        return f"source root {shown} is not a usable folder name"
    return root
