"""argmap: a workbench for structured analysis.

The Python API follows the pipeline load → model → check → render:

>>> from argmap import load_map, run_checks, build_dot
>>> loaded = load_map("maps/sco-expansion.yaml")      # doctest: +SKIP
>>> findings = run_checks(loaded)                      # doctest: +SKIP
>>> dot_source = build_dot(loaded.graph)               # doctest: +SKIP
"""

from argmap.checks import RULES, Finding, Severity, run_checks
from argmap.errors import MapError, Position, Problem
from argmap.load import LoadedMap, load_map, load_map_text
from argmap.model import ArgumentMap, map_file_schema
from argmap.render import build_dot, output_paths, render_map

__all__ = [
    "RULES",
    "ArgumentMap",
    "Finding",
    "LoadedMap",
    "MapError",
    "Position",
    "Problem",
    "Severity",
    "build_dot",
    "load_map",
    "load_map_text",
    "map_file_schema",
    "output_paths",
    "render_map",
    "run_checks",
]
