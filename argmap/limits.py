"""The limits argmap holds to, in one place: what each bounds, why, and how to raise it.

Light to import (the command line reads them for its help).
"""

LAYOUT_LIMIT = 15_000
"""The most nodes and edges ``render`` gives Graphviz to lay out in one drawing (``--layout-limit``).

Measured on a 2-core machine with Graphviz 2.43, generated maps without
groups: 2,000 statements (5,600 nodes and edges) 3.5 s, 5,000 statements
(13,900) 29 s; the time grows about as the square of the size, so 10,000
statements would take minutes. Past the limit, a part of the map is drawn
instead (``--view``), or the limit is raised."""

MEBIBYTE = 1024 * 1024

MAP_MEBIBYTES = 16
"""The largest map file read, in MiB, unless ``$ARGMAP_MAX_MAP_MB`` says otherwise.

A 10,000-statement map is about 2.4 MB; a 100,000-statement one about 25 MB
and takes 1.5 GB of memory to evaluate (measured on generated maps), so the
default keeps a mistaken file (a log, a data dump) from filling the memory."""

SOURCE_MEBIBYTES = 16
"""The largest source file read, in MiB, unless ``$ARGMAP_MAX_SOURCE_MB`` says otherwise."""


TEXT_CHARACTERS = 100_000
"""The longest text in a map (a statement, note, title, inline source...), in characters, unless
``$ARGMAP_MAX_TEXT_CHARS`` says otherwise.

About forty pages: a statement is a sentence or a paragraph, and a long document belongs in a
source file. A text of millions of characters is a pasted file by mistake; it would be wrapped,
escaped and drawn in every output."""

STATEMENTS = 100_000
"""The most statements in one map, unless ``$ARGMAP_MAX_STATEMENTS`` says otherwise.

Checking 100,000 generated statements takes about 40 s and 1.5 GB on a 2-core machine (README,
Performance): more is a generated file by mistake, or needs the limit raised knowingly."""

NESTING = 128
"""The deepest nesting of mappings and lists in a map file; not configurable.

A map nests five levels (``ach: ratings: ROW: HYPOTHESIS: {analyst: rating}``); the rest of the
allowance is for the ``interchange`` data an import keeps, whose JSON may nest 100 levels
(:data:`argmap.interop.MAX_JSON_DEPTH`). Deeper YAML is a generated or hostile file, and reading
it would exhaust Python's stack."""


def max_map_bytes() -> int:
    """The largest map file read, in bytes (:data:`MAP_MEBIBYTES`, or ``$ARGMAP_MAX_MAP_MB``)."""
    return _mebibytes("ARGMAP_MAX_MAP_MB", MAP_MEBIBYTES) * MEBIBYTE


def max_source_bytes() -> int:
    """The largest source file read, in bytes (:data:`SOURCE_MEBIBYTES`, or ``$ARGMAP_MAX_SOURCE_MB``)."""
    return _mebibytes("ARGMAP_MAX_SOURCE_MB", SOURCE_MEBIBYTES) * MEBIBYTE


def max_text_characters() -> int:
    """The longest text in a map, in characters (:data:`TEXT_CHARACTERS`, or ``$ARGMAP_MAX_TEXT_CHARS``)."""
    return _whole_number("ARGMAP_MAX_TEXT_CHARS", TEXT_CHARACTERS, most=1 << 31)


def max_statements() -> int:
    """The most statements in one map (:data:`STATEMENTS`, or ``$ARGMAP_MAX_STATEMENTS``)."""
    return _whole_number("ARGMAP_MAX_STATEMENTS", STATEMENTS, most=1 << 31)


def how_to_raise(variable: str, unit: str = "MiB") -> str:
    """The hint a refusal ends with: which environment variable raises the limit, and in what unit."""
    return f"set {variable} to a larger number of {unit} to allow it"


def _mebibytes(variable: str, default: int) -> int:
    """A positive whole number of MiB (at most 1 TiB) from the environment; else the default."""
    return _whole_number(variable, default, most=1 << 20)


def _whole_number(variable: str, default: int, most: int) -> int:
    """A whole number from 1 to ``most`` from the environment; the default if unset, empty or not one."""
    import os

    given = os.environ.get(variable, "").strip()
    if not (given.isascii() and given.isdigit()) or len(given) > 20:  # "²" is a digit to isdigit, not to int
        return default
    return int(given) if 0 < int(given) <= most else default
