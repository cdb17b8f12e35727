"""argmap: a workbench for structured analysis.

One pipeline, each stage a module with one job, data flowing one way:

* ``load`` reads a map file (YAML with the position, start and end of every
  element) into ``model``, the pydantic classes of the file format;
* ``graph`` builds the :class:`ArgumentGraph` once: well-formed inferences
  and conflicts only, the list of what was left out and why, and the indexes
  every later stage reads;
* ``analysis`` holds everything derived from one map, each computed once and
  on first use: the labelling (``evaluate``), extensions (``iccma``),
  strengths (``gradual``), the ACH matrix and scores (``ach``), the source
  texts (``sources``);
* ``checks`` are rules that read the analysis;
* the outputs: ``render`` (Graphviz diagrams), ``report`` (tables in every
  format), ``outputs`` (the output formats and the one rule for where files
  go);
* ``app`` has one function per command, returning results; ``cli`` is a
  thin click layer that prints them and sets the exit status.

Shared pieces: ``text`` (the one sanitiser, shortener and escapes),
``grades`` (the Admiralty grade readings), ``files`` (safe reading and
atomic writing), ``errors`` (positions and the unusable-map error).

>>> from argmap import Analysis, load_map, run_checks, build_dot
>>> analysis = Analysis(load_map("maps/sco-expansion.yaml"))   # doctest: +SKIP
>>> findings = run_checks(analysis)                               # doctest: +SKIP
>>> dot_source = build_dot(analysis.graph, labels=analysis.labelling.labels)  # doctest: +SKIP
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.analysis import Analysis
    from argmap.checks import RULES, Finding, Severity, run_checks
    from argmap.errors import MapError, Position, Problem
    from argmap.graph import ArgumentGraph
    from argmap.load import LoadedMap, load_map, load_map_text
    from argmap.model import ArgumentMap, map_file_schema
    from argmap.render import build_dot

_PUBLIC = {
    "Analysis": "argmap.analysis",
    "RULES": "argmap.checks",
    "Finding": "argmap.checks",
    "Severity": "argmap.checks",
    "run_checks": "argmap.checks",
    "MapError": "argmap.errors",
    "Position": "argmap.errors",
    "Problem": "argmap.errors",
    "ArgumentGraph": "argmap.graph",
    "LoadedMap": "argmap.load",
    "load_map": "argmap.load",
    "load_map_text": "argmap.load",
    "ArgumentMap": "argmap.model",
    "map_file_schema": "argmap.model",
    "build_dot": "argmap.render",
}
"""Where each public name lives: imported on first use, so that ``argmap --help`` starts at once."""


def __getattr__(name: str) -> Any:
    """The public name ``name``, from its module (PEP 562).

    Raises:
        AttributeError: ``argmap`` has no such name.
    """
    if name not in _PUBLIC:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    return getattr(import_module(_PUBLIC[name]), name)


__all__ = [
    "RULES",
    "Analysis",
    "ArgumentGraph",
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
    "run_checks",
]
