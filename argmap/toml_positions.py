r"""Where each key and array item of a TOML file is written, for messages about project files.

:mod:`tomllib` reads TOML but keeps no positions. :func:`positions` scans
the text once more and maps the path of every key (``("tool", "argmap",
"source-roots")``) and every array item (``(..., "source-roots", 2)``) to
the line and column where it starts, so that a setting found wrong after
parsing is reported where it is written, escapes such as ``"\u0000"``
included. The scan expects text that :mod:`tomllib` has accepted; on
anything else it returns what it found before the surprise.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass

from argmap.errors import Position

TomlPath = tuple[str | int, ...]
"""A key path in a TOML document; an ``int`` is an index into an array."""

_TOKEN = re.compile(
    r"""
      (?P<newline>\r?\n)
    | (?P<space>[ \t]+)
    | (?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:\\.|[^\\])*?\"\"\"\"{0,2}
                | '''.*?''''{0,2}
                | "(?:\\.|[^"\\\n])*"
                | '[^'\n]*')
    | (?P<punct>[\[\]{}=,.])
    | (?P<bare>[^\s\[\]{}=,.\#"']+)
    """,
    re.VERBOSE | re.DOTALL,
)

_VALUE_ENDS = {"\n", ",", "]", "}"}


@dataclass(frozen=True)
class _Token:
    """One token: its kind (a group name of the pattern), its text, and its offset in the file."""

    kind: str
    text: str
    offset: int


def positions(text: str) -> dict[TomlPath, Position]:
    """The position of every key, table header and array item of a valid TOML ``text``.

    Args:
        text: a TOML document that :func:`tomllib.loads` accepts.

    Returns:
        Key path → where the key (or the item) starts; for a table, its
        header's first key. A path written twice keeps its first position.
    """
    found: dict[TomlPath, int] = {}
    not_toml = (IndexError, ValueError, tomllib.TOMLDecodeError)
    with contextlib.suppress(*not_toml):  # keep what was found before the surprise
        _document([t for t in _tokens(text) if t.kind not in ("space", "comment")], found)
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    return {path: _position(starts, offset) for path, offset in found.items()}


def _position(line_starts: list[int], offset: int) -> Position:
    """The line and column (from 1) of a character offset, given where each line starts."""
    line = bisect.bisect_right(line_starts, offset)
    return Position(line, offset - line_starts[line - 1] + 1)


def _tokens(text: str) -> Iterator[_Token]:
    """The tokens of ``text``; every line break becomes one newline token, whatever its form.

    Raises:
        ValueError: a character no TOML token starts with.
    """
    at = 0
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None or not match.group():
            raise ValueError(f"not TOML at offset {at}")
        kind = match.lastgroup or "bare"
        yield _Token(kind, "\n" if kind == "newline" else match.group(), at)
        at = match.end()


def _document(tokens: list[_Token], found: dict[TomlPath, int]) -> None:
    """Walk the statements: table headers and key/value pairs."""
    table: TomlPath = ()
    at = 0
    while at < len(tokens):
        token = tokens[at]
        if token.text == "\n":
            at += 1
        elif token.text == "[":  # [table] or [[array of tables]]
            at += 2 if tokens[at + 1].text == "[" else 1
            key, start, at = _dotted_key(tokens, at)
            table = key
            found.setdefault(table, start)
            while at < len(tokens) and tokens[at].text != "\n":
                at += 1
        else:
            key, start, at = _dotted_key(tokens, at)
            found.setdefault(table + key, start)
            at = _value(tokens, at + 1, table + key, found)  # after the "="


def _dotted_key(tokens: list[_Token], at: int) -> tuple[TomlPath, int, int]:
    """A dotted key starting at ``at``: its parts, its first offset, and the index of the token after it."""
    parts: list[str] = []
    start = tokens[at].offset
    while tokens[at].text not in ("=", "]"):
        if tokens[at].text != ".":
            parts.append(_key_text(tokens[at]))
        at += 1
    return tuple(parts), start, at


def _key_text(token: _Token) -> str:
    """A key as TOML reads it: bare as written, quoted with its escapes decoded."""
    if token.kind != "string":
        return token.text
    return str(tomllib.loads(f"k = {token.text}")["k"])


def _value(tokens: list[_Token], at: int, path: TomlPath, found: dict[TomlPath, int]) -> int:
    """Record the keys and items inside the value at ``at``; the index of the token after it."""
    at = _skip_newlines(tokens, at)
    opening = tokens[at].text
    if opening == "[":
        return _array(tokens, at + 1, path, found)
    if opening == "{":
        return _inline_table(tokens, at + 1, path, found)
    while at < len(tokens) and tokens[at].text not in _VALUE_ENDS:
        at += 1  # a scalar, possibly several tokens (1.5, a date and a time)
    return at


def _array(tokens: list[_Token], at: int, path: TomlPath, found: dict[TomlPath, int]) -> int:
    """Record an array's items (``at`` is just after its ``[``); the index after its ``]``."""
    index = 0
    while True:
        at = _skip_newlines(tokens, at)
        if tokens[at].text == "]":
            return at + 1
        found.setdefault((*path, index), tokens[at].offset)
        at = _after_item(tokens, at, _value(tokens, at, (*path, index), found))
        index += 1


def _inline_table(tokens: list[_Token], at: int, path: TomlPath, found: dict[TomlPath, int]) -> int:
    """Record an inline table's keys (``at`` is just after its ``{``); the index after its ``}``."""
    while True:
        at = _skip_newlines(tokens, at)
        if tokens[at].text == "}":
            return at + 1
        key, start, after_key = _dotted_key(tokens, at)
        found.setdefault(path + key, start)
        at = _after_item(tokens, at, _value(tokens, after_key + 1, path + key, found))


def _after_item(tokens: list[_Token], start: int, end: int) -> int:
    """The index after an array item or inline-table entry that ran from ``start`` to ``end``, and its comma.

    Raises:
        ValueError: the item took no token (the text is not TOML), so the scan would not advance.
    """
    if end <= start:
        raise ValueError("not TOML: an empty item")
    at = _skip_newlines(tokens, end)
    return at + 1 if tokens[at].text == "," else at


def _skip_newlines(tokens: list[_Token], at: int) -> int:
    """The index of the first token from ``at`` on that is not a line break."""
    while at < len(tokens) and tokens[at].text == "\n":
        at += 1
    return at
