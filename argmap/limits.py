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


def max_map_bytes() -> int:
    """The largest map file read, in bytes (:data:`MAP_MEBIBYTES`, or ``$ARGMAP_MAX_MAP_MB``)."""
    return _mebibytes("ARGMAP_MAX_MAP_MB", MAP_MEBIBYTES) * MEBIBYTE


def max_source_bytes() -> int:
    """The largest source file read, in bytes (:data:`SOURCE_MEBIBYTES`, or ``$ARGMAP_MAX_SOURCE_MB``)."""
    return _mebibytes("ARGMAP_MAX_SOURCE_MB", SOURCE_MEBIBYTES) * MEBIBYTE


def how_to_raise(variable: str) -> str:
    """The hint a refusal ends with: which environment variable raises the limit."""
    return f"set {variable} to a larger number of MiB to allow it"


def _mebibytes(variable: str, default: int) -> int:
    """A positive whole number of MiB from the environment; the default if unset, empty or not one."""
    import os

    given = os.environ.get(variable, "").strip()
    if not (given.isascii() and given.isdigit()):  # "²" is a digit to isdigit, not to int
        return default
    return int(given) if 0 < int(given) <= 1 << 20 else default
