"""Interchange: reading and writing the field's other formats, one module per format.

Each format is a :class:`Interchange` registered here by name and file
suffixes, with a reader (bytes → a map document and an account of what was
dropped or guessed) and a writer (an analysed map → bytes), either of which
may be missing. ``argmap import NAME FILE`` and ``argmap export NAME MAP``
look formats up in :data:`FORMATS`; adding a format is adding a module that
calls :func:`register`.

A reader returns the map as plain data (the shape of a map file), never
writes anything itself, and reports every loss as a :class:`Note` with a
count. Malformed input raises :class:`InterchangeError` with the position
in the file where one is known.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap import limits

if TYPE_CHECKING:
    from argmap.analysis import Analysis


class InterchangeError(ValueError):
    """A file another tool wrote that cannot be read: the message says where and why."""

    def __init__(self, file: Path, message: str, line: int | None = None, column: int | None = None) -> None:
        """Take the file, what is wrong, and where, when known."""
        where = f"{file}:{line}:{column or 1}" if line else str(file)
        super().__init__(f"{where}: {message}")
        self.file = file
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Note:
    """Something an importer dropped, kept aside or guessed, with how many times."""

    what: str
    count: int = 1

    def __str__(self) -> str:
        """``3 × edge to a missing node, dropped``."""
        return f"{self.count} × {self.what}" if self.count != 1 else self.what


@dataclass
class Imported:
    """What a reader made of a file: the map as data, and the notes on what did not carry over."""

    document: dict[str, Any]
    notes: list[Note] = field(default_factory=list)

    def note(self, what: str, count: int = 1) -> None:
        """Record a loss or a guess (nothing when ``count`` is 0)."""
        if count:
            self.notes.append(Note(what, count))


Reader = Callable[[bytes, Path], Imported]
Writer = Callable[["Analysis", list[Note]], bytes]
"""A writer takes the analysed map and a list to which it adds a :class:`Note` for each loss."""


@dataclass(frozen=True)
class Interchange:
    """A format argmap reads or writes."""

    name: str
    description: str
    suffixes: tuple[str, ...]
    read: Reader | None = None
    write: Writer | None = None
    keeps: str = ""
    """What the format carries over, for the README's table and ``--help``."""


FORMATS: dict[str, Interchange] = {}
"""Every registered format by name."""


def register(interchange: Interchange) -> Interchange:
    """Add a format to :data:`FORMATS` (a module does this once, when imported).

    Raises:
        ValueError: a format of that name is registered already.
    """
    if interchange.name in FORMATS:
        raise ValueError(f"interchange format {interchange.name!r} registered twice")
    FORMATS[interchange.name] = interchange
    return interchange


def bounded(data: bytes, file: Path) -> bytes:
    """``data`` if it is no larger than :func:`argmap.limits.max_import_bytes`.

    Raises:
        InterchangeError: the file is larger.
    """
    most = limits.max_import_bytes()
    if len(data) > most:
        hint = limits.how_to_raise("ARGMAP_MAX_IMPORT_MB")
        message = f"the file is over {most // 2**20} MiB, the most argmap import reads ({hint})"
        raise InterchangeError(file, message)
    return data


def read_text(data: bytes, file: Path) -> str:
    """The file's text: bounded (:func:`bounded`), UTF-8, a byte-order mark dropped.

    Raises:
        InterchangeError: too large, or not UTF-8.
    """
    try:
        return bounded(data, file).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InterchangeError(file, f"not UTF-8 text (byte {error.start})") from None


MAX_JSON_DEPTH = limits.JSON_NESTING
"""The deepest nesting of arrays and objects an import reads (:data:`argmap.limits.JSON_NESTING`)."""


class _NotJson(ValueError):
    """Something Python's JSON reader accepts that argmap does not: NaN, Infinity, a number out of range.

    :attr:`token` tells the offending token from others, to find where it is.
    """

    def __init__(self, message: str, token: Callable[[str], bool]) -> None:
        super().__init__(message)
        self.token = token


def _no_constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON number", lambda token: token == name)


def _integer(text: str) -> int:
    if len(text) > limits.NUMBER_CHARACTERS:
        raise _NotJson(f"a number of {len(text):,} digits is too long", _too_long)
    return int(text)


def _finite(text: str) -> float:
    if len(text) > limits.NUMBER_CHARACTERS:
        raise _NotJson(f"a number of {len(text):,} characters is too long", _too_long)
    value = float(text)
    if not math.isfinite(value):
        raise _NotJson(f"the number {text[:40]} is out of range", _out_of_range)
    return value


def _too_long(token: str) -> bool:
    return token[0] in "-0123456789" and len(token) > limits.NUMBER_CHARACTERS


def _out_of_range(token: str) -> bool:
    return token[0] in "-0123456789" and not math.isfinite(float(token))


_JSON_TOKEN = re.compile(
    r'"(?:[^"\\]|\\.)*"|[\[\]{}]|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|NaN|-?Infinity'
)
"""A string (skipped whole), a bracket, a number or a constant: enough of JSON to find a token's place."""


def _where(text: str, wanted: Callable[[str], bool] | None) -> tuple[int | None, int | None]:
    """Line and column of the first token ``wanted`` picks, or where nesting first passes the limit.

    Only for error messages: it walks the text once, outside strings.
    """
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            continue
        if token in ("]", "}"):
            depth -= 1
            continue
        depth += token in ("[", "{")
        if wanted(token) if wanted else depth > MAX_JSON_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            return line, match.start() - text.rfind("\n", 0, match.start())
    return None, None


class _FirstKeyKept:
    """An ``object_pairs_hook`` that keeps the first of a key given twice (as maps do), counting them."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                self.count += 1
            else:
                result[key] = value
        return result


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether ``value`` nests arrays and objects more than ``limit`` deep (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


def read_json(data: bytes, file: Path, notes: list[Note] | None = None) -> Any:
    """The file as JSON data (:func:`read_text`, then parsed).

    A key given twice in one object keeps its first value, and is counted in
    ``notes`` when given.

    Raises:
        InterchangeError: too large, not UTF-8, not JSON (with line and column; NaN and Infinity
            are not JSON), nested more than :data:`MAX_JSON_DEPTH` deep, or an integer too long to read.
    """
    text = read_text(data, file)
    duplicates = _FirstKeyKept()
    try:
        parsed = json.loads(
            text,
            object_pairs_hook=duplicates,
            parse_constant=_no_constant,
            parse_int=_integer,
            parse_float=_finite,
        )
    except json.JSONDecodeError as error:
        raise InterchangeError(file, f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    except _NotJson as error:
        raise InterchangeError(file, f"not valid JSON: {error}", *_where(text, error.token)) from None
    except RecursionError:
        raise InterchangeError(file, _TOO_DEEP, *_where(text, None)) from None
    if _deeper_than(parsed, MAX_JSON_DEPTH):
        raise InterchangeError(file, _TOO_DEEP, *_where(text, None))
    if duplicates.count and notes is not None:
        notes.append(Note("key given twice in one JSON object: the first kept", duplicates.count))
    if _SURROGATE_ESCAPE.search(text):
        try:
            json.dumps(parsed, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            message = "half of a character (a lone UTF-16 surrogate escape such as \\uD800): no text holds it"
            raise InterchangeError(file, message, *_lone_surrogate(text)) from None
    return parsed


_TOO_DEEP = f"JSON nested more than {MAX_JSON_DEPTH} levels deep, the most argmap import reads (fixed)"

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"  # a high half without its low half
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"  # a low half alone
)


def _lone_surrogate(text: str) -> tuple[int | None, int | None]:
    """Line and column of the first lone surrogate escape in JSON text, or (None, None)."""
    for match in _LONE_SURROGATE.finditer(text):
        before = match.start()
        while before > 0 and text[before - 1] == "\\":
            before -= 1
        if (match.start() - before) % 2 == 0:  # not "\\\\uD800", a backslash and the letters uD800
            line = text.count("\n", 0, match.start()) + 1
            return line, match.start() - text.rfind("\n", 0, match.start())
    return None, None


def as_list(value: Any) -> list[Any]:
    """``value`` if it is a list, else an empty list (a field of the wrong type reads as none)."""
    return value if isinstance(value, list) else []


_NOT_IN_ID = re.compile(r"[^A-Za-z0-9_.]")


class MapIds:
    """Map ids for another format's ids: valid (a letter first, ``_`` elsewhere), unique, stable."""

    def __init__(self) -> None:
        """Start with no id given."""
        self.of: dict[str, str] = {}
        """The other format's id → the map id given to it."""
        self.taken: set[str] = set()

    def __call__(self, key: str, prefix: str = "S") -> str:
        """The map id of ``key``.

        ``key`` itself where a map may hold it, else made so (``prefix`` first
        where it does not start with a letter), with ``_2``, ``_3``... where
        another key already has it.
        """
        if key in self.of:
            return self.of[key]
        base = _NOT_IN_ID.sub("_", key.strip())
        base = (base if re.match(r"[A-Za-z]", base) else f"{prefix}{base}")[:60]
        unique, number = base, 2
        while unique in self.taken:
            unique, number = f"{base}_{number}", number + 1
        self.taken.add(unique)
        self.of[key] = unique
        return unique


def formats() -> dict[str, Interchange]:
    """Every format, its module imported (formats register themselves on import)."""
    from argmap.interop import aif, argdown, argdown_json, graphml, kialo  # noqa: F401

    return FORMATS
