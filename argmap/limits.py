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


IMPORT_MEBIBYTES = 50
"""The largest file ``argmap import`` reads, in MiB, unless ``$ARGMAP_MAX_IMPORT_MB`` says otherwise.

AIF corpora and Argdown JSON of whole debates stay well below; the bound keeps a wrong file
(a database dump) from filling the memory, as JSON takes several times its size once read."""

JSON_NESTING = 100
"""The deepest nesting of arrays and objects an import reads; not configurable.

AIF and Argdown JSON nest a handful of levels; deeper JSON is generated or hostile."""

FRAMEWORK_MEBIBYTES = 256
"""The largest abstract framework file read, in MiB, unless ``$ARGMAP_MAX_FRAMEWORK_MB`` says otherwise.

ICCMA benchmark files reach tens of MiB."""

FRAMEWORK_ARGUMENTS = 2_000_000
"""The most arguments of an abstract framework, unless ``$ARGMAP_MAX_ARGUMENTS`` says otherwise.

Labelling two million arguments takes some gigabytes of memory already."""

LAYOUT_SECONDS = 300
"""How long Graphviz may lay out one drawing, in seconds, unless ``$ARGMAP_LAYOUT_SECONDS`` says otherwise.

:data:`LAYOUT_LIMIT` keeps layouts to tens of seconds on a 2-core machine; a layout still running
after five minutes is stopped, and ``render`` writes the DOT file instead."""

SOLVER_SECONDS = 60.0
"""The clingo solver's default time limit for complete, preferred and stable semantics (``--seconds``)."""

LOCK_SECONDS = 30.0
"""How long an edit waits for another edit of the same map to finish before giving up."""


NUMBER_CHARACTERS = 1000
"""The most characters in a number read from a map or an import; not configurable.

Far past any count, year or probability; Python itself refuses to convert integers of more than
4,300 digits, and the time it takes grows as the square of their length."""


def max_map_bytes() -> int:
    """The largest map file read, in bytes (:data:`MAP_MEBIBYTES`, or ``$ARGMAP_MAX_MAP_MB``)."""
    return _mebibytes("ARGMAP_MAX_MAP_MB", MAP_MEBIBYTES) * MEBIBYTE


def max_source_bytes() -> int:
    """The largest source file read, in bytes (:data:`SOURCE_MEBIBYTES`, or ``$ARGMAP_MAX_SOURCE_MB``)."""
    return _mebibytes("ARGMAP_MAX_SOURCE_MB", SOURCE_MEBIBYTES) * MEBIBYTE


def max_import_bytes() -> int:
    """The largest file an import reads, in bytes (:data:`IMPORT_MEBIBYTES`, or ``$ARGMAP_MAX_IMPORT_MB``)."""
    return _mebibytes("ARGMAP_MAX_IMPORT_MB", IMPORT_MEBIBYTES) * MEBIBYTE


def max_framework_bytes() -> int:
    """The largest framework file, in bytes (:data:`FRAMEWORK_MEBIBYTES`, or ``$ARGMAP_MAX_FRAMEWORK_MB``)."""
    return _mebibytes("ARGMAP_MAX_FRAMEWORK_MB", FRAMEWORK_MEBIBYTES) * MEBIBYTE


def max_arguments() -> int:
    """The most arguments of a framework (:data:`FRAMEWORK_ARGUMENTS`, or ``$ARGMAP_MAX_ARGUMENTS``)."""
    return _whole_number("ARGMAP_MAX_ARGUMENTS", FRAMEWORK_ARGUMENTS, most=1 << 40)


def layout_seconds() -> float:
    """How long Graphviz may run (:data:`LAYOUT_SECONDS`, or ``$ARGMAP_LAYOUT_SECONDS``)."""
    return _whole_number("ARGMAP_LAYOUT_SECONDS", LAYOUT_SECONDS, most=7 * 24 * 3600)


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
