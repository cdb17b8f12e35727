"""The application layer: one function per command, each returning a result object.

The ``argmap`` command line (:mod:`argmap.cli`) is a thin shell over these
functions; a notebook user can call them directly. They do the work and
apply the policies; they print nothing and never exit. Problems come back
as exceptions:

* :class:`~argmap.errors.MapError`: a map or framework file is unusable
  (exit 2);
* :class:`UsageError`: the options cannot be satisfied, e.g. an output
  that would replace the map (exit 2);
* :class:`CommandFailed`: the work could not be finished, e.g. a file could
  not be written or the solver ran out of time (exit 2);
* :class:`Blocked`: the map has findings that stop the command, listed in
  :data:`PRECONDITIONS` (exit 2);
* :class:`~argmap.render.GraphvizMissing` and
  :class:`~argmap.render.GraphvizFailed` are reported inside a
  :class:`RenderReport` (exit 3), so the DOT written instead is not lost.

Which findings stop or fail a command is data (:data:`PRECONDITIONS`), not
code in each command.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap import limits
from argmap.ach import AchResult
from argmap.analysis import Analysis
from argmap.checks import RULES, Finding, Rule, Severity, ordered_rules, run_checks
from argmap.errors import MapError, Position, Problem
from argmap.evaluate import Label
from argmap.files import TargetExists, describe_os_error, read_at_most, write_atomic
from argmap.graph import LeftOut
from argmap.iccma import Semantics, SolverFailed, SolverTimeout, answer, extensions, read_framework
from argmap.load import LoadedMap, load_map, load_map_text
from argmap.model import AttackStrength, Profile, map_file_schema
from argmap.outputs import (
    ACH_FORMATS,
    FORMATS,
    RENDER_DEFAULT,
    RENDER_FORMATS,
    OutputError,
    Target,
    fallback_target,
    output_targets,
    parse_formats,
)
from argmap.render import (
    LAYOUT_LIMIT,
    GraphvizFailed,
    GraphvizMissing,
    build_dot,
    interactive_svg,
    layout,
    node_details,
    too_large,
)
from argmap.report import Report, render_file
from argmap.report.ach import ach_report, to_json
from argmap.report.tradecraft import TABLES
from argmap.text import UNSAFE, shorten, visible_data
from argmap.views import UnknownView, View, parse_view
from argmap.vocabulary import ALL_PROFILES

if TYPE_CHECKING:
    from argmap.paging import PageSize


class UsageError(ValueError):
    """Options that cannot be satisfied; :attr:`option` names the one at fault, if any."""

    def __init__(self, message: str, option: str | None = None) -> None:
        """Take the message and the option (e.g. ``--output``)."""
        super().__init__(message)
        self.option = option
        """The option at fault, e.g. ``--output``, or None."""


class CommandFailed(Exception):
    """The command could not finish: an output could not be written, the solver ran out of time."""


class MissingProgram(CommandFailed):
    """A program the command needs (Graphviz's ``dot``) is missing or failed: exit status 3."""


class Blocked(Exception):
    """The map has findings that stop the command (:data:`PRECONDITIONS`)."""

    def __init__(self, findings: list[Finding]) -> None:
        """Take the blocking findings."""
        super().__init__(f"{len(findings)} finding(s) stop the command")
        self.findings = findings
        """The error findings that stop it."""


@dataclass(frozen=True)
class Precondition:
    """What a command needs of a map, as rule codes (or code prefixes) at error level."""

    blocking: tuple[str, ...] = ()
    """Error findings of these rules stop the command before it writes anything."""
    failing: tuple[str, ...] = ()
    """Error findings of these rules are reported after the command's work, and make it fail."""


PRECONDITIONS: dict[str, Precondition] = {
    "ach": Precondition(blocking=("S001", "A001", "A002", "A004", "H004")),
    "render": Precondition(failing=("S",)),
    "evaluate": Precondition(failing=("S",)),
    "export": Precondition(blocking=("S001", "S002"), failing=("S",)),
}
"""Per command: which findings stop it and which make it fail after its work.

``ach`` refuses a map whose ratings name unknown ids or the wrong kinds, or
with a duplicate key (a rating written twice silently keeps the first).
``render`` and ``evaluate`` work around structural errors (what the graph
leaves out is drawn broken and not evaluated) and say so; ``export`` writes
a map with any other structural error as it is (another tool may read a
circle of support) and says so, but not one with duplicate ids or links to
nothing, which the other format would get wrong.
"""

FRAMEWORK_SUFFIXES = (".apx", ".tgf", ".af", ".i23")
"""Files read as abstract frameworks (ICCMA formats) rather than maps."""


def analyse_map(path: Path | str, source_roots: Iterable[Path] = ()) -> Analysis:
    """Load a map and start its analysis.

    Args:
        path: the map file.
        source_roots: folders, beyond the map's own and its project's, that
            source files may be read from.

    Raises:
        MapError: the map is unusable.
    """
    return Analysis(load_map(path), source_roots=source_roots)


def _errors(analysis: Analysis, codes: Sequence[str]) -> list[Finding]:
    """The errors of the rules ``codes`` (code prefixes) name; rules that only warn are not run."""
    blocking = [
        r.code for r in RULES.values() if r.severity == Severity.ERROR and r.code.startswith(tuple(codes))
    ]
    return run_checks(analysis, blocking) if blocking else []


def _inputs(analysis: Analysis) -> list[Path]:
    """The source files a map names, which no output may replace.

    They lie beside the map's real file (a map that is a symbolic link reads
    them beside its target); they are named as typed when the map is no link.
    """
    folder = analysis.access.map_folder
    typed = analysis.loaded.file.parent
    if typed.resolve() == folder:
        folder = typed
    return [folder / source.file for source in analysis.graph.sources.values() if source.file]


def _targets(analysis: Analysis, also_read: Sequence[Path] = (), **options: Any) -> list[Target]:
    """The output targets of a command (:func:`argmap.outputs.output_targets`).

    Never over the map, a source it names, or ``also_read`` (files the
    command reads besides, such as templates).
    """
    try:
        return output_targets(analysis.loaded.file, inputs=[*_inputs(analysis), *also_read], **options)
    except OutputError as error:
        named = "--output" if options.get("output") is not None else None  # else the default's fault
        raise UsageError(str(error), named) from None


def _parse_formats(values: Iterable[str], allowed: Sequence[str]) -> list[str]:
    try:
        return parse_formats(values, allowed)
    except OutputError as error:
        raise UsageError(str(error), "--format") from None


def watchable(path: Path | str, formats: Sequence[str] = ()) -> None:
    """Refuse, before watching starts, what no save can mend: a MAP that is no file, formats unknown.

    A map that is a file but unusable is watched: the analyst is mending it.

    Raises:
        MapError: ``path`` is missing, a folder, a link loop or not a regular file.
        UsageError: a format is not one ``render`` writes.
    """
    _parse_formats(formats, RENDER_FORMATS)
    if not Path(path).is_file():
        load_map(path)  # raises with the reason
        raise MapError.at(Path(path), Position(1, 1), "cannot read the file: not a regular file")


# ----------------------------------------------------------------------------- check


@dataclass(frozen=True)
class MapCheck:
    """What ``argmap check`` found on one map: its findings, or why it is unusable."""

    file: Path
    """The map file, as given."""
    findings: list[Finding] = field(default_factory=list)
    """Its findings, sorted by position (none if it is unusable)."""
    problems: list[Problem] = field(default_factory=list)
    """Why it could not be loaded (none if it is usable)."""


@dataclass(frozen=True)
class CheckReport:
    """What ``argmap check`` found on one or more maps, in the order they were given."""

    maps: list[MapCheck]
    """One entry per map, in the order given."""

    @property
    def findings(self) -> list[Finding]:
        """Findings of the usable maps, map by map, each map's sorted by position."""
        return [finding for entry in self.maps for finding in entry.findings]

    @property
    def problems(self) -> list[Problem]:
        """Why each unusable map could not be loaded, map by map."""
        return [problem for entry in self.maps for problem in entry.problems]

    @property
    def unusable_maps(self) -> int:
        """How many maps could not be loaded."""
        return sum(1 for entry in self.maps if entry.problems)

    @property
    def has_errors(self) -> bool:
        """True if some finding is an error."""
        return any(f.severity == Severity.ERROR for f in self.findings)

    def counts(self) -> dict[Severity, int]:
        """Findings per severity, every severity listed."""
        counts = dict.fromkeys(Severity, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def as_json(self, shown: Iterable[Finding] | None = None) -> list[dict[str, object]]:
        """Problems and findings in one JSON shape (problems get code ``unusable``), map by map.

        Args:
            shown: the findings to include (e.g. without info); all if None.
        """
        kept = None if shown is None else {id(finding) for finding in shown}
        entries: list[dict[str, object]] = []
        for result in self.maps:
            entries.extend(problem_json(problem) for problem in result.problems)
            entries.extend(f.as_json() for f in result.findings if kept is None or id(f) in kept)
        return entries


def problem_json(problem: Problem) -> dict[str, object]:
    """An unusable map in the JSON shape of a finding: code ``unusable``, name ``unusable-map``."""
    return {
        "file": str(problem.file),
        "line": problem.position.line,
        "column": problem.position.column,
        "code": "unusable",
        "name": "unusable-map",
        "severity": "error",
        "message": problem.message,
        "ids": [],
        "fix": None,
    }


def parse_select(values: Iterable[str]) -> list[str] | None:
    """Rule codes or prefixes from ``--select`` values (repeatable, comma-separated, any case).

    Raises:
        UsageError: a prefix matches no rule code.
    """
    prefixes = [part.strip().upper() for value in values for part in value.split(",") if part.strip()]
    for prefix in prefixes:
        if not any(code.startswith(prefix) for code in RULES):
            raise UsageError(f"no rule code starts with '{prefix}'; see 'argmap rules'", "--select")
    return prefixes or None


def check(
    paths: Iterable[Path], select: Sequence[str] | None = None, source_roots: Iterable[Path] = ()
) -> CheckReport:
    """Run the rules on each map; unusable maps are reported, not raised.

    Args:
        paths: map files.
        select: rule codes or prefixes to run (:func:`parse_select`); all if None.
        source_roots: extra folders source files may be read from.
    """
    results: list[MapCheck] = []
    roots = tuple(source_roots)
    for path in paths:
        try:
            results.append(MapCheck(Path(path), findings=run_checks(analyse_map(path, roots), select)))
        except MapError as error:
            results.append(MapCheck(Path(path), problems=error.problems))
    return CheckReport(results)


# ----------------------------------------------------------------------------- render


@dataclass(frozen=True)
class Written:
    """One output of a command: a file written, or text for standard output."""

    format: str
    """The format's name."""
    path: Path | None
    """The file written, or None for standard output."""
    data: bytes = b""
    """What goes to standard output (empty for a file)."""
    instead: bool = False
    """True for a file not asked for, written in place of outputs that could not be made."""


@dataclass
class RenderReport:
    """What ``argmap render`` did."""

    written: list[Written] = field(default_factory=list)
    """Outputs in the order written (the DOT first)."""
    warnings: list[str] = field(default_factory=list)
    """Warnings from Graphviz (e.g. a PNG scaled down to fit)."""
    font_warning: str | None = None
    """Characters of the diagram that no installed font covers (they would be drawn as boxes)."""
    page_warning: str | None = None
    """``--page``: pages scaled below the 9-point minimum because nothing smaller fits."""
    structure_errors: list[Finding] = field(default_factory=list)
    """Structural errors of the map (rules S…): the command fails after drawing."""
    left_out: int = 0
    """How many inferences and conflicts the graph leaves out (drawn grey and dashed)."""
    graphviz_missing: str | None = None
    """Why Graphviz could not run, when it is not installed (a DOT file is written instead)."""
    graphviz_failed: GraphvizFailed | None = None
    """How Graphviz failed, if it did (a DOT file is written instead)."""
    dot_not_written: str | None = None
    """Why no DOT file was written in place of what Graphviz could not draw, if none was."""
    write_error: str | None = None
    """Why an output could not be written, if one could not."""

    @property
    def graphviz_problem(self) -> str | None:
        """Why Graphviz could not draw (missing or failed), or None."""
        return self.graphviz_missing or (str(self.graphviz_failed) if self.graphviz_failed else None)


def render(
    path: Path | str,
    formats: Sequence[str] = (),
    output: str | None = None,
    *,
    legend: bool = True,
    evaluated: bool = True,
    source_roots: Iterable[Path] = (),
    view: str = "full",
    depth: int = 1,
    page: str | None = None,
    layout_limit: int = LAYOUT_LIMIT,
) -> RenderReport:
    """Draw a map with Graphviz in each format asked for.

    The DOT is written first. When Graphviz is missing or fails, a DOT file
    is written even if it was not asked for, so the user keeps the diagram's
    source: beside the first file target, through the output rule
    (:func:`argmap.outputs.fallback_target`), never over an input nor over
    any file already there; :attr:`RenderReport.dot_not_written` says why
    when it is not written.

    Args:
        path: the map file.
        formats: ``--format`` values (names from :data:`RENDER_FORMATS`).
        output: ``--output`` (see :mod:`argmap.outputs`).
        legend: draw the legend.
        evaluated: show the evaluation's labels (``--no-eval`` draws structure only).
        source_roots: extra folders source files may be read from.
        view: ``--view`` (:func:`argmap.views.parse_view`): ``full``, ``summary``,
            ``group:ID`` or ``around:ID``; a view other than full adds its name to
            default output names (``-summary``).
        depth: ``--depth``, how far ``around`` reaches.
        page: ``--page`` (:func:`argmap.paging.parse_page`): the page the PDF
            is cut to fit, with no text under 9 points (:mod:`argmap.paging`);
            A4 landscape when a PDF is asked for without it; ``none`` for one
            Graphviz page at the diagram's natural size. Given alone, it
            asks for the PDF.
        layout_limit: the most nodes and edges one drawing gives Graphviz
            (:data:`argmap.render.LAYOUT_LIMIT`; 0: no limit); past it the
            DOT is written instead and the report says why (a paged PDF lays
            out one page at a time and is not limited).

    Raises:
        MapError: the map is unusable.
        UsageError: the formats or the output cannot be satisfied.
    """
    chosen = _parse_formats(formats, RENDER_FORMATS)
    if page is not None and not chosen:
        chosen = ["pdf"]  # --page alone asks for the PDF
    _paper(page, chosen)  # a bad page is a usage error before any work
    try:
        picked = parse_view(view, depth)
    except UnknownView as error:
        raise UsageError(str(error), "--view") from None
    if depth != 1 and picked.kind != "around":
        raise UsageError("--depth sets how far --view around:ID reaches; no other view takes it", "--depth")
    analysis = analyse_map(path, source_roots)
    targets = _targets(
        analysis,
        formats=chosen,
        output=output,
        allowed=RENDER_FORMATS,
        default=RENDER_DEFAULT,
        tag=picked.tag,
    )
    paper = _paper(page, [target.format.name for target in targets])
    report = RenderReport(
        structure_errors=_errors(analysis, PRECONDITIONS["render"].failing),
        left_out=len(analysis.graph.left_out_elements),
    )
    labels = analysis.labelling.labels if evaluated else None
    try:
        source = build_dot(analysis.graph, legend=legend, labels=labels, view=picked)
    except UnknownView as error:
        raise UsageError(str(error), "--view") from None
    if any(target.format.name != "dot" for target in targets):
        report.font_warning = _font_warning(source)
    for target in sorted(targets, key=lambda t: t.format.name != "dot"):
        try:
            if target.format.name == "dot":
                data = source.encode("utf-8")
            elif target.format.name == "pdf" and paper is not None:
                data = _paged(report, analysis, labels, picked, paper, legend)
            else:
                refused = too_large(source, layout_limit)
                if refused is not None:
                    raise refused
                laid_out = layout(source, target.format.name)
                data = laid_out.data
                if target.format.name == "svg":
                    details = node_details(analysis.graph, analysis.labelling if evaluated else None)
                    data = interactive_svg(data, details)
                report.warnings.extend(w for w in laid_out.warnings if w not in report.warnings)
        except GraphvizMissing as missing:
            report.graphviz_missing = str(missing)
            _write_dot_instead(report, analysis, targets, source)
            return report
        except GraphvizFailed as failed:
            report.graphviz_failed = failed
            _write_dot_instead(report, analysis, targets, source)
            return report
        if not _emit(report, target, data):
            return report
    return report


def _paper(page: str | None, chosen: list[str]) -> PageSize | None:
    """The page a PDF is cut to fit: ``--page``, A4 landscape when a PDF is asked for, None for ``none``.

    Raises:
        UsageError: an unknown page, or ``--page`` with formats that hold no PDF.
    """
    from argmap.paging import DEFAULT_PAGE, parse_page

    if page is not None and chosen and "pdf" not in chosen:
        raise UsageError("--page sets the PDF's page size: add pdf to -f", "--page")
    if page is not None and page.strip().lower() == "none":
        return None
    if page is None and "pdf" not in chosen:
        return None
    try:
        return parse_page(DEFAULT_PAGE if page is None else page)
    except ValueError as error:
        raise UsageError(str(error), "--page") from None


def _paged(
    report: RenderReport,
    analysis: Analysis,
    labels: dict[str, Label] | None,
    view: View,
    page: PageSize,
    legend: bool,
) -> bytes:
    """The paged PDF (:mod:`argmap.paging`); a page scaled below the minimum text size is warned of.

    Raises:
        UsageError: the view names a group or statement the map lacks.
        CommandFailed: Chromium is missing or could not print.
        GraphvizMissing, GraphvizFailed: ``dot`` could not lay a page out.
    """
    from argmap.paging import MIN_TEXT_POINTS, paged_pdf, sheets
    from argmap.printing import PrintingFailed

    try:
        pages = sheets(analysis.graph, labels, page, view=view, legend=legend)
        data = paged_pdf(pages, analysis.graph.map.title, page)
    except UnknownView as error:
        raise UsageError(str(error), "--view") from None
    except PrintingFailed as error:
        raise CommandFailed(str(error)) from None
    small = [sheet for sheet in pages if sheet.scale < 1]
    if small:
        smallest = min(sheet.smallest_text * sheet.scale for sheet in small)
        advice = "landscape or a larger page" if page.width < page.height else "a larger page"
        report.page_warning = (
            f"{len(small)} of {len(pages)} pages do not fit {page.name}, even cut down as far as they go, "
            f"and are scaled to fit: smallest text {smallest:.1f} pt (under {MIN_TEXT_POINTS:g}); "
            f"{advice} may keep it at {MIN_TEXT_POINTS:g} pt"
        )
    return data


def _font_warning(source: str) -> str | None:
    """Say which characters of the diagram no installed font covers (:mod:`argmap.fonts`)."""
    from argmap.fonts import FONT_HINT, describe, missing_characters

    missing = missing_characters([source])
    if missing is None:
        return "cannot tell whether the fonts cover the map's text: fontconfig's fc-list is not installed"
    if not missing:
        return None
    return f"no installed font has {describe(missing)}: they would show as empty boxes; {FONT_HINT}"


def _write_dot_instead(report: RenderReport, analysis: Analysis, targets: list[Target], source: str) -> None:
    """Keep the diagram's source when Graphviz cannot draw: a DOT file, unless one was asked for.

    The file is :func:`argmap.outputs.fallback_target`'s; when the rule
    refuses it (standard output, an input, a file already there), the
    reason goes to :attr:`RenderReport.dot_not_written` and nothing is written.
    """
    if any(target.format.name == "dot" for target in targets):
        return
    try:
        target = fallback_target(analysis.loaded.file, targets, "dot", _inputs(analysis))
    except OutputError as error:
        report.dot_not_written = str(error)
        return
    assert target.path is not None  # a fallback is always a file
    try:
        write_atomic(target.path, source.encode("utf-8"), create_folder=target.create_folder, replace=False)
    except TargetExists:  # created since fallback_target looked
        report.dot_not_written = f"'{target.path}' already exists and dot was not asked for, so it is kept"
    except OSError as error:
        report.write_error = f"cannot write {target.path}: {describe_os_error(error)}"
    else:
        report.written.append(Written("dot", target.path, instead=True))


def _emit(report: RenderReport, target: Target, data: bytes) -> bool:
    """Write ``data`` to ``target`` (or keep it for standard output); False and the reason on failure."""
    if target.path is None:
        report.written.append(Written(target.format.name, None, data))
        return True
    try:
        write_atomic(target.path, data, create_folder=target.create_folder)
    except OSError as error:
        report.write_error = f"cannot write {target.path}: {describe_os_error(error)}"
        return False
    report.written.append(Written(target.format.name, target.path))
    return True


# ----------------------------------------------------------------------------- ach


@dataclass(frozen=True)
class AchReport:
    """What ``argmap ach`` produced: the scored matrix, and the output if one was asked for."""

    analysis: Analysis
    """The map's analysis (for the terminal table: the graph)."""
    result: AchResult
    """The scored matrix."""
    written: Written | None
    """The file written or the text for standard output; None for the terminal table."""
    compared: dict[Profile, AchResult] | None = None
    """With ``--profile all``: the matrix scored under every profile, for the side-by-side table."""


def ach(
    path: Path | str,
    profile: Profile | str | None = None,
    output_format: str | None = None,
    output: str | None = None,
    source_roots: Iterable[Path] = (),
) -> AchReport:
    """Score a map's ACH matrix and write it in a file format, or leave it for the terminal.

    Without ``output_format`` and ``output`` nothing is written: the caller
    prints the terminal table. With either, the output rule
    (:mod:`argmap.outputs`) decides the format and the target. ``profile``
    :data:`ALL_PROFILES` scores under the map's own profile and adds every
    profile's ranking side by side.

    Raises:
        MapError: the map is unusable or has no ``ach`` section.
        Blocked: the map has findings that stop ``ach`` (:data:`PRECONDITIONS`).
        UsageError: the format or the output cannot be satisfied.
        CommandFailed: the output could not be written.
    """
    chosen = _parse_formats([output_format] if output_format else [], ACH_FORMATS)
    analysis = analyse_map(path, source_roots)
    loaded = analysis.loaded
    if analysis.graph.ach is None:
        raise MapError.at(loaded.file, loaded.index.locate(("ach",)), "the map has no 'ach' section")
    blocking = _errors(analysis, PRECONDITIONS["ach"].blocking)
    if blocking:
        raise Blocked(blocking)
    every = profile == ALL_PROFILES
    result = analysis.ach(None if every else Profile(profile) if profile else None)
    assert result is not None  # the map has an ach section
    compared = {p: found for p in Profile if (found := analysis.ach(p)) is not None} if every else None
    if not chosen and output is None:
        return AchReport(analysis, result, None, compared)
    [target] = _targets(analysis, formats=chosen, output=output, allowed=ACH_FORMATS, default=(), tag="-ach")
    data = _ach_bytes(result, analysis, target.format.name, compared)
    return AchReport(analysis, result, _write_output(target, data), compared)


def _ach_bytes(
    result: AchResult, analysis: Analysis, format_name: str, compared: dict[Profile, AchResult] | None
) -> bytes:
    """The scored matrix as a file: JSON data, or the ACH report in a registered report format."""
    if format_name == "json":
        data = to_json(result, analysis.graph, compared)
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    side_by_side = None if format_name == "csv" else compared  # CSV: one table a file, the matrix
    return render_file(ach_report(result, analysis.graph, side_by_side), format_name)


# ----------------------------------------------------------------------------- tradecraft tables


@dataclass(frozen=True)
class TableReport:
    """What ``argmap sources``, ``assumptions`` or ``indicators`` produced."""

    report: Report
    """The table as a report (the terminal prints it)."""
    written: Written | None
    """The file written or the text for standard output; None for the terminal."""


def table(
    path: Path | str,
    name: str,
    output_format: str | None = None,
    output: str | None = None,
    source_roots: Iterable[Path] = (),
) -> TableReport:
    """A tradecraft table of a map (:data:`argmap.report.tradecraft.TABLES`), for the terminal or as a file.

    Args:
        path: the map file.
        name: ``sources``, ``assumptions`` or ``indicators``.
        output_format: a file format (:data:`~argmap.outputs.ACH_FORMATS`), or None.
        output: ``--output`` (see :mod:`argmap.outputs`), or None.
        source_roots: extra folders source files may be read from.

    Raises:
        MapError: the map is unusable.
        UsageError: the format or the output cannot be satisfied.
        CommandFailed: the output could not be written.
    """
    chosen = _parse_formats([output_format] if output_format else [], ACH_FORMATS)
    analysis = analyse_map(path, source_roots)
    kind = TABLES[name]
    report = kind.report(analysis)
    if not chosen and output is None:
        return TableReport(report, None)
    [target] = _targets(
        analysis, formats=chosen, output=output, allowed=ACH_FORMATS, default=(), tag=f"-{name}"
    )
    if target.format.name == "json":
        shown = visible_data(kind.data(analysis))
        data = (json.dumps(shown, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    else:
        data = render_file(report, target.format.name)
    return TableReport(report, _write_output(target, data))


def _write_output(target: Target, data: bytes) -> Written:
    """Write one output (or keep it for standard output).

    Raises:
        CommandFailed: the file could not be written.
    """
    if target.path is None:
        return Written(target.format.name, None, data)
    try:
        write_atomic(target.path, data, create_folder=target.create_folder)
    except OSError as error:
        raise CommandFailed(f"cannot write {target.path}: {describe_os_error(error)}") from None
    return Written(target.format.name, target.path)


# ----------------------------------------------------------------------------- brief

BRIEF_FORMATS = ("html", "pdf", "md")
"""Formats of ``argmap brief``; all three unless told."""


class BriefRefused(Exception):
    """The map does not meet the standards a briefing is held to; ``--draft`` issues it anyway."""

    def __init__(self, problems: list[str]) -> None:
        """Take the problems, one sentence each."""
        super().__init__(f"{len(problems)} problem(s) keep the briefing from being issued")
        self.problems = problems
        """What is missing or wrong (:func:`argmap.brief.shortcomings`)."""


@dataclass
class BriefReport:
    """What ``argmap brief`` wrote."""

    written: list[Written] = field(default_factory=list)
    shortcomings: list[str] = field(default_factory=list)
    """What a draft lacks (empty unless ``--draft``)."""
    font_warning: str | None = None


def brief(
    path: Path | str,
    formats: Sequence[str] = (),
    output: str | None = None,
    *,
    banner: str = "",
    draft: bool = False,
    templates: Path | None = None,
    page: str = "A4,landscape",
    source_roots: Iterable[Path] = (),
) -> BriefReport:
    """Write a map's briefing (:mod:`argmap.brief`) as HTML, PDF and Markdown.

    Args:
        path: the map file.
        formats: ``--format`` values (:data:`BRIEF_FORMATS`; all when empty).
        output: ``--output`` (see :mod:`argmap.outputs`); default ``renders/MAP-brief.*``.
        banner: ``--banner``: the handling banner (a TLP label or free text),
            instead of the map's ``banner``.
        draft: ``--draft``: write it even if the map falls short, under a DRAFT banner.
        templates: ``--template``: a folder whose ``brief.html.j2`` or
            ``brief.md.j2`` replace argmap's.
        page: the PDF's page (:func:`argmap.paging.parse_page`), A4 landscape by default:
            the diagram's pages and the ACH matrix need its width.
        source_roots: extra folders source files may be read from.

    Raises:
        MapError: the map is unusable.
        BriefRefused: the map falls short of the briefing's standards (without ``draft``).
        UsageError: a bad format, output, banner, page or template folder.
        CommandFailed: Graphviz or Chromium failed, or an output could not be written.
    """
    from argmap import brief as briefing_module
    from argmap.model import banner_text
    from argmap.paging import parse_page

    chosen = _parse_formats(formats, BRIEF_FORMATS)
    try:
        banner = banner_text(banner) if banner else ""
    except ValueError as error:
        raise UsageError(str(error), "--banner") from None
    try:
        paper = parse_page(page)
    except ValueError as error:
        raise UsageError(str(error), "--page") from None
    template_files = _template_files(templates) if templates is not None else []
    analysis = analyse_map(path, source_roots)
    ach_blocked = (
        [f.code for f in _errors(analysis, PRECONDITIONS["ach"].blocking)] if analysis.graph.ach else []
    )
    errors = [f"{f.code}: {f.message}" for f in run_checks(analysis) if f.severity == Severity.ERROR]
    problems = briefing_module.shortcomings(analysis, ach_blocked, errors)
    if problems and not draft:
        raise BriefRefused(problems)
    targets = _targets(
        analysis,
        formats=chosen,
        output=output,
        allowed=BRIEF_FORMATS,
        default=BRIEF_FORMATS,
        tag="-brief",
        also_read=template_files,
    )
    keys = bool(analysis.graph.key_judgments)
    summary_svg, full_svg = _brief_diagrams(analysis) if keys else ("", "")
    result = analysis.ach() if analysis.graph.ach is not None and not ach_blocked else None
    made = briefing_module.build_briefing(
        analysis,
        result,
        banner=banner,
        draft=draft,
        ach_blocked=ach_blocked,
        errors=errors,
        summary_svg=summary_svg,
        full_svg=full_svg,
        sheets=_brief_sheets(analysis, paper) if keys else [],
    )
    report = BriefReport(shortcomings=list(made.shortcomings), font_warning=_font_warning(summary_svg))
    html_text = _brief_text(briefing_module.to_html, made, templates, (paper.width, paper.height))
    made_by_format: dict[str, bytes] = {}
    for target in targets:  # everything is made before anything is written: a failure leaves no half
        name = target.format.name
        if name == "html":
            made_by_format[name] = html_text.encode("utf-8")
        elif name == "md":
            made_by_format[name] = _brief_text(briefing_module.to_markdown, made, templates, None).encode(
                "utf-8"
            )
        else:
            made_by_format[name] = _brief_pdf(made, html_text, paper)
    for target in targets:
        report.written.append(_write_output(target, made_by_format[target.format.name]))
    return report


BRIEF_TEMPLATES = ("brief.html.j2", "brief.md.j2")
"""The templates ``--template DIR`` may replace."""


def _template_files(folder: Path) -> list[Path]:
    """The templates in ``folder`` that replace argmap's: regular files inside it, at least one.

    Raises:
        UsageError: ``folder`` is no folder, holds neither template, or one of them is not a
            regular file inside it (a folder, a device, a link that leads outside or nowhere).
    """
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder of templates", "--template")
    found = []
    for name in BRIEF_TEMPLATES:
        path = folder / name
        if not path.exists() and not path.is_symlink():
            continue
        resolved = path.resolve()
        if not resolved.is_file() or not resolved.is_relative_to(folder.resolve()):
            raise UsageError(f"{path} is not a template file inside {folder}", "--template")
        found.append(path)
    if not found:
        raise UsageError(f"{folder} holds neither {' nor '.join(BRIEF_TEMPLATES)}", "--template")
    return found


_TEMPLATE_FAILURES = (
    ArithmeticError,
    AssertionError,
    AttributeError,
    LookupError,
    RecursionError,
    TypeError,
    UnicodeError,
    ValueError,
    MemoryError,
)
"""What a user's template can raise while it runs, besides Jinja's own errors."""


def _brief_text(render: Any, made: Any, templates: Path | None, page: tuple[float, float] | None) -> str:
    """Render one of the briefing's templates; a template of the user's that fails is a usage error."""
    import jinja2

    try:
        return render(made, templates, page) if page else render(made, templates)
    except jinja2.TemplateError as error:
        where = (
            f" ({error.filename or error.name}, line {error.lineno})"
            if getattr(error, "lineno", None)
            else ""
        )
        raise UsageError(
            f"the template cannot be used{where}: {error.message or error}", "--template"
        ) from None
    except _TEMPLATE_FAILURES as error:
        if templates is None:
            raise  # argmap's own templates: a bug, not the user's input
        failure = f"{type(error).__name__}: {shorten(str(error), 200)}"
        raise UsageError(f"the template in {templates} failed as it ran: {failure}", "--template") from None


def _brief_pdf(made: Any, html_text: str, paper: PageSize) -> bytes:
    from argmap import brief as briefing_module
    from argmap.printing import PrintingFailed

    try:
        return briefing_module.to_pdf(made, html_text, (paper.width, paper.height))
    except PrintingFailed as error:
        raise CommandFailed(str(error)) from None


def _brief_sheets(analysis: Analysis, paper: PageSize) -> list[str]:
    """The summary view cut to fit ``paper`` (:mod:`argmap.paging`), for print.

    Raises:
        CommandFailed: Graphviz is missing or failed.
    """
    from argmap.paging import inline_svg, sheets

    try:
        found = sheets(analysis.graph, analysis.labelling.labels, paper, view=View("summary"))
    except (GraphvizMissing, GraphvizFailed) as error:
        raise MissingProgram(f"the briefing's diagrams: {error}") from None
    return [inline_svg(sheet) for sheet in found]


def _brief_diagrams(analysis: Analysis) -> tuple[str, str]:
    """The summary view and the whole map as interactive SVG, for the briefing.

    Raises:
        CommandFailed: Graphviz is missing or failed.
    """
    labels = analysis.labelling.labels
    details = node_details(analysis.graph, analysis.labelling)
    drawn = []
    for view in (View("summary"), View()):
        source = build_dot(analysis.graph, labels=labels, view=view, legend=view.kind == "full")
        try:
            svg = interactive_svg(layout(source, "svg").data, details)
        except (GraphvizMissing, GraphvizFailed) as error:
            raise MissingProgram(f"the briefing's diagrams: {error}") from None
        drawn.append(re.sub(r"^.*?(<svg)", r"\1", svg.decode("utf-8"), count=1, flags=re.S))
    return drawn[0], drawn[1]


# ----------------------------------------------------------------------------- interchange

EXPORT_OUTPUTS = {"aif": "json", "graphml": "graphml", "argdown": "argdown"}
"""The output format (:data:`argmap.outputs.FORMATS`) each exported interchange format is written as."""


@dataclass
class ImportReport:
    """What ``argmap import`` wrote and what it could not carry over."""

    path: Path | None
    """The map file written, or None when the map went to standard output (:attr:`text`)."""
    text: str
    """The map as written."""
    notes: list[str]
    """What was dropped, kept aside or guessed, with counts."""
    structure: list[Finding]
    """Error findings of the structure rules (S) on the imported map: none when it is well-formed."""


def _interchange(name: str, direction: str) -> Any:
    from argmap.interop import formats

    known = formats()
    able = sorted(n for n, f in known.items() if (f.read if direction == "import" else f.write))
    chosen = known.get(name.lower())
    if chosen is None or (chosen.read if direction == "import" else chosen.write) is None:
        way = "from" if direction == "import" else "to"
        raise UsageError(f"no {direction} {way} '{name}'; formats: {', '.join(able)}", "FORMAT")
    return chosen


def import_file(name: str, file: Path | str, output: Path | str | None = None) -> ImportReport:
    """Read a file another tool wrote (:mod:`argmap.interop`) and write it as a new map file.

    Args:
        name: the format (``aif``...).
        file: the file to read.
        output: where the map goes, by the output rule (:mod:`argmap.outputs`):
            a file (``.yaml`` or ``.yml``; the suffix added if it has neither),
            ``FOLDER/`` (``FOLDER/<file name>.yaml``) or ``-`` (standard
            output); default: ``file`` with the suffix ``.yaml``. An existing
            file is never replaced.

    Raises:
        UsageError: an unknown format, or an output the rule refuses.
        CommandFailed: the file cannot be read or is not that format (the
            message has ``file:line:column`` where known), or the map cannot be written.
    """
    chosen = _interchange(name, "import")
    file = Path(file)
    target = _import_target(file, output)
    try:
        data = _read_bounded(file)  # the reader refuses what is over the bound
    except OSError as error:
        raise CommandFailed(f"cannot read {file}: {describe_os_error(error)}") from None
    report = convert(chosen.name, data, file, target.path or Path(f"{file.stem}.yaml"))
    if target.path is not None:
        try:
            write_atomic(
                target.path, report.text.encode("utf-8"), replace=False, create_folder=target.create_folder
            )
        except TargetExists:
            raise CommandFailed(
                f"{target.path} already exists; argmap import never replaces a file"
            ) from None
        except OSError as error:
            raise CommandFailed(f"cannot write {target.path}: {describe_os_error(error)}") from None
    return replace(report, path=target.path)


class ImportBug(CommandFailed):
    """The map an import would write does not say what was read: a defect of argmap, not of the file."""


def convert(name: str, data: bytes, file: Path, shown_as: Path) -> ImportReport:
    """The map text an import of ``data`` (the content of ``file``, in format ``name``) gives; writes nothing.

    Args:
        name: the format (``aif``...).
        data: the file's bytes.
        file: the file's name, for messages.
        shown_as: the name the map is given in findings.

    Returns:
        The report, its :attr:`~ImportReport.path` None.

    Raises:
        UsageError: an unknown format.
        CommandFailed: the data is not that format, or does not make a valid map.
        ImportBug: the map laid out would not load back as what was read.
    """
    from pydantic import ValidationError

    from argmap.edit import tree_from_data
    from argmap.fmt import layout
    from argmap.interop import InterchangeError
    from argmap.model import ArgumentMap

    chosen = _interchange(name, "import")
    try:
        imported = chosen.read(data, file)
    except InterchangeError as error:
        raise CommandFailed(str(error)) from None
    try:
        expected = ArgumentMap.model_validate(imported.document)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise CommandFailed(
            f"{file}: what it holds does not make a valid map: {where}: {first['msg']}"
        ) from None
    text = layout(tree_from_data(imported.document))
    most = limits.max_map_bytes()
    if len(text.encode("utf-8")) > most:  # argmap would then refuse to read the map it wrote
        raise CommandFailed(
            f"{file}: the map it makes is refused: it would be larger than {most // limits.MEBIBYTE} MiB "
            f"({limits.how_to_raise('ARGMAP_MAX_MAP_MB')})"
        )
    try:
        loaded = load_map_text(text, shown_as)
    except MapError as error:  # past a limit of map files (the longest text...)
        raise CommandFailed(f"{file}: the map it makes is refused: {error.problems[0].message}") from None
    if loaded.document != expected:  # the layout must say what was imported, exactly
        raise ImportBug(f"{file}: the map written would not say what was imported (a bug: please report it)")
    structure = [f for f in run_checks(loaded, select=["S"]) if f.severity == Severity.ERROR]
    return ImportReport(None, text, [str(note) for note in imported.notes], structure)


def _import_target(file: Path, output: Path | str | None) -> Target:
    """Where ``argmap import`` writes: beside ``file`` by default, else by the output rule.

    Raises:
        UsageError: the rule refuses ``output``, or it is the file being imported.
    """
    if output is None:
        if not file.name or file.is_dir():  # ".", "/": no name to give the map, and nothing to read
            raise CommandFailed(f"{file} is not a regular file")
        target = Target(FORMATS["yaml"], file.with_suffix(".yaml"))
    else:
        try:
            [target] = output_targets(
                file, formats=[], output=str(output), allowed=("yaml",), default=("yaml",)
            )
        except OutputError as error:
            raise UsageError(str(error), "--output") from None
    if target.path is not None and target.path.resolve() == file.resolve():
        raise UsageError(f"{target.path} is the file being imported; give another", "--output")
    return target


def _read_bounded(file: Path) -> bytes:
    """At most one byte more than an import reads, so that a huge file is refused without reading it all."""
    if not file.exists():
        raise CommandFailed(f"cannot read {file}: it was not found")
    if not file.is_file():  # a FIFO or a device would block or never end
        raise CommandFailed(f"{file} is not a regular file")
    with file.open("rb") as stream:
        return read_at_most(stream, limits.max_import_bytes() + 1)


@dataclass(frozen=True)
class ExportReport:
    """What ``argmap export`` wrote, what it could not carry, and the map's structural errors."""

    written: Written
    notes: list[str]
    """What the format could not carry, with counts."""
    structure: list[Finding]
    """Error findings of the structure rules: the map was written as it is, and the command fails."""


def export_map(
    name: str, path: Path | str, output: str | None = None, source_roots: Iterable[Path] = ()
) -> ExportReport:
    """Write a map in another tool's format (:mod:`argmap.interop`).

    Raises:
        MapError: the map is unusable.
        UsageError: an unknown format, or the output cannot be satisfied.
        Blocked: the map has duplicate ids or links to nothing (:data:`PRECONDITIONS`).
        CommandFailed: the file could not be written.
    """
    from argmap.interop import Note

    chosen = _interchange(name, "export")
    analysis = analyse_map(path, source_roots)
    blocking = _errors(analysis, PRECONDITIONS["export"].blocking)
    if blocking:
        raise Blocked(blocking)
    written_as = EXPORT_OUTPUTS[chosen.name]
    options = {"formats": [written_as], "allowed": (written_as,), "default": (), "tag": f"-{chosen.name}"}
    [target] = _targets(analysis, output=output, **options)
    notes: list[Note] = []
    written = _write_output(target, chosen.write(analysis, notes))
    structure = _errors(analysis, PRECONDITIONS["export"].failing)
    return ExportReport(written, [str(note) for note in notes], structure)


# ----------------------------------------------------------------------------- evaluate


@dataclass(frozen=True)
class StatementResult:
    """One statement's evaluation, as ``argmap evaluate`` prints it."""

    id: str
    """The statement."""
    key: bool
    """True for a key judgment."""
    label: Label
    """IN, OUT or UNDEC."""
    reason: str
    """Why, in one line."""
    strength: float | None
    """DF-QuAD strength, when asked for and defined."""
    acceptance: str | None
    """``sceptical``, ``credulous`` or None, under the semantics asked for."""


@dataclass(frozen=True)
class LabelChange:
    """A key judgment whose label a what-if changes."""

    id: str
    """The key judgment."""
    before: Label
    """Its label on the map as it is."""
    after: Label
    """Its label with the statements assumed false."""


@dataclass
class EvaluationReport:
    """What ``argmap evaluate`` found on a map (or on its what-if)."""

    statements: list[StatementResult]
    """Every statement, in file order."""
    left_out: list[LeftOut]
    """Inferences and conflicts the evaluation leaves out, and why (one entry per broken reference)."""
    structure_errors: list[Finding]
    """The map's structural errors (rules S…), which make the command fail."""
    assumed_false: tuple[str, ...] = ()
    """Statements assumed false for a what-if."""
    changes: list[LabelChange] = field(default_factory=list)
    """Key judgments whose label the what-if changes."""
    semantics: Semantics = Semantics.GROUNDED
    """The semantics of the acceptance column."""
    no_extension: bool = False
    """True if the semantics asked for has no extension (only stable can have none).

    Then no statement is marked accepted: none is credulously accepted, and
    argmap marks none sceptically accepted either, although under the usual
    convention every statement is, vacuously (:data:`NO_EXTENSION` says so).
    """
    burden_ignored: bool = False
    """True if extensions were computed on a map with burden of proof, which they ignore."""
    strength_cycle: str | None = None
    """Why strengths are left out, if they were asked for on a map with a cycle."""


NO_EXTENSION = (
    "no statement is credulously accepted; argmap marks none sceptically accepted either, "
    "although by the usual convention (accepted in every extension) every statement is, vacuously"
)
"""What ``argmap evaluate`` says when the semantics asked for has no extension."""


def evaluate(
    path: Path | str,
    assume_false: Sequence[str] = (),
    semantics: Semantics = Semantics.GROUNDED,
    seconds: float = limits.SOLVER_SECONDS,
    strength: bool = False,
    source_roots: Iterable[Path] = (),
) -> EvaluationReport:
    """Label every statement IN, OUT or UNDEC with the reason, optionally under a what-if.

    Everything reported (labels, strengths, acceptance) is computed on the
    same map: with ``assume_false``, on the map with those statements
    rejected.

    Raises:
        MapError: the map is unusable.
        UsageError: an id in ``assume_false`` is not a statement of the map.
        CommandFailed: the solver ran out of time or stopped without an answer.
    """
    base = analyse_map(path, source_roots)
    unknown = [sid for sid in assume_false if sid not in base.graph.statements]
    if unknown:
        shown = ", ".join(f"'{shorten(sid, 60)}'" for sid in unknown)
        raise UsageError(f"no statement {shown} in {path}", "--assume-false")
    analysis = base.what_if(assume_false) if assume_false else base
    accepted = None
    if semantics != Semantics.GROUNDED:
        try:
            accepted = analysis.acceptance(semantics, seconds)
        except SolverFailed as error:
            raise _solver_failed(error, "map") from None
    strengths = analysis.strengths if strength else None
    labelling = analysis.labelling
    rows = []
    for sid, statement in analysis.graph.statements.items():
        value = strengths.values.get(sid) if strengths is not None else None
        mode = None
        if accepted is not None:
            mode = (
                "sceptical"
                if sid in accepted.sceptical
                else "credulous"
                if sid in accepted.credulous
                else None
            )
        rows.append(
            StatementResult(
                sid, statement.key, labelling.labels[sid], str(labelling.reason(sid)), value, mode
            )
        )
    report = EvaluationReport(
        statements=rows,
        left_out=list(base.graph.left_out),
        structure_errors=_errors(base, PRECONDITIONS["evaluate"].failing),
        assumed_false=analysis.assumed_false,
        semantics=semantics,
        no_extension=accepted is not None and not accepted.extensions,
        burden_ignored=accepted is not None and bool(analysis.graph.burdened()),
        strength_cycle=str(strengths.cycle) if strengths is not None and strengths.cycle else None,
    )
    if assume_false:
        report.changes = [LabelChange(*change) for change in base.changed_key_judgments(assume_false)]
    return report


def is_framework(path: Path) -> bool:
    """True if the file is read as an abstract framework (:data:`FRAMEWORK_SUFFIXES`, any case), not a map."""
    return path.suffix.lower() in FRAMEWORK_SUFFIXES


def evaluate_framework(path: Path, semantics: Semantics, seconds: float = limits.SOLVER_SECONDS) -> str:
    """The extensions of an abstract framework (ICCMA formats) in the ICCMA answer format.

    Raises:
        MapError: the file is unusable.
        CommandFailed: the solver ran out of time or stopped without an answer.
    """
    framework = read_framework(path)
    try:
        found = extensions(framework, semantics, seconds)
    except SolverFailed as error:
        raise _solver_failed(error, "framework") from None
    return answer(found, single=semantics == Semantics.GROUNDED)


def _solver_failed(error: SolverFailed, what: str) -> CommandFailed:
    """The :class:`CommandFailed` for a solver run on a ``what`` (map or framework) that gave no answer."""
    if isinstance(error, SolverTimeout):
        return CommandFailed(f"{error}; the {what} is too hard for this time limit (--seconds)")
    return CommandFailed(str(error))


# ----------------------------------------------------------------------------- explain


def explain(path: Path | str, element: str, source_roots: Iterable[Path] = ()) -> str:
    """One line of why a statement, inference or conflict stands, falls or stays open.

    Every id of the file is known, shorthand ones included (``E1->C1``,
    ``C3-rebut->C1``); an inference or conflict that the graph leaves out is
    explained as left out. When one id names a statement or inference and
    also an inference or conflict left out for it (rule S001), the line
    explains the first and says the other is left out.

    Raises:
        MapError: the map is unusable.
        UsageError: ``element`` is no statement, inference or conflict of the map.
    """
    analysis = analyse_map(path, source_roots)
    graph, labelling = analysis.graph, analysis.labelling
    left_out = [entry for entry in graph.left_out if entry.element == element]
    if element in labelling.labels:
        line = f"{element} is {labelling.labels[element]}: {labelling.reason(element)}"
        return line + _also_left_out(element, left_out)
    if left_out:
        return f"{element} is left out of the evaluation: {_problems(left_out)} (see argmap check)"
    conflict = graph.conflicts.get(element)
    if conflict is None:
        raise UsageError(f"no statement, inference or conflict '{shorten(element, 60)}' in {path}")
    attacker = conflict.attacker
    label = labelling.labels[attacker]
    weak = conflict.strength == AttackStrength.WEAK
    effect = {
        Label.IN: f"it weakens {conflict.target} without defeating it (a weak attack)"
        if weak
        else f"it defeats {conflict.target}",
        Label.OUT: "it has no effect",
        Label.UNDEC: f"it leaves {conflict.target} open unless something else decides it",
    }[label]
    return (
        f"{element} ({attacker} {conflict.kind.value}s {conflict.target}): {effect}, "
        f"because {attacker} is {label}: {labelling.reason(attacker)}"
    )


def _problems(entries: list[LeftOut]) -> str:
    """What is wrong with the elements of one id, each problem named with its element if there are two."""
    if len({entry.section for entry in entries}) == 1:
        return "; ".join(entry.problem for entry in entries)
    return "; ".join(str(entry) for entry in entries)


def _also_left_out(element: str, entries: list[LeftOut]) -> str:
    """`` (the id also names conflict 'C2', left out ...)`` if the id names elements left out, else ``""``."""
    if not entries:
        return ""
    what = {"inferences": "inference", "conflicts": "conflict"}
    names = " and ".join(
        f"{what[section]} '{element}'" for section in dict.fromkeys(e.section for e in entries)
    )
    return f" (the id also names {names}, left out of the evaluation: {_problems(entries)}; see argmap check)"


# ----------------------------------------------------------------------------- rules, schema


def rule_help(code: str) -> Rule:
    """The rule with ``code`` (any case).

    Raises:
        UsageError: no rule has that code.
    """
    found = RULES.get(code.upper())
    if found is None:
        raise UsageError(f"no rule '{code}'; 'argmap rules' lists them")
    return found


def rules_table() -> str:
    """The rules as a Markdown table (code, name, severity, what it finds), as in the README."""
    lines = ["| code | name | severity | finds |", "|---|---|---|---|"]
    for found in ordered_rules():
        lines.append(f"| {found.code} | {found.name} | {found.severity} | {found.summary} |")
    return "\n".join(lines) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema of the map file format."""
    return map_file_schema()


# ----------------------------------------------------------------------------- editing

NEW_MAP = """\
# yaml-language-server: $schema=map.schema.json
# An argmap map (`argmap schema > map.schema.json` writes the schema beside it,
# for completion and validation in editors with the YAML language server).
#
# Sections: `map` (what the map is about), `sources` (documents, with their
# Admiralty reliability A-F), `statements` (claims, evidence, assumptions and
# hypotheses, by id: C1, E1, A1, H1), `inferences` and `conflicts` (links with
# several premises, or written out), `groups`, `indicators`, `ach` (ratings of
# the rows against the hypotheses). Shorthand on a statement: `supports: C1`,
# `rebuts: C2`, `undermines: A1`, `undercuts: E1->C1`.
#
# Edit it by hand or with `argmap add`, `argmap set`, `argmap rate`; check it
# with `argmap check`, draw it with `argmap render`.

map:
  title: {title}
  question: {question}
  date: {date}

sources:
  S1:
    title: The first source (replace with its title)
    # file: ../seeds/source.txt   # its text, relative to this map; quotes are checked against it
    reliability: F               # Admiralty A-F; F = cannot be judged

statements:
  C1:
    kind: claim
    text: The bottom line this map argues for (replace it).
    key: true
"""
"""The map ``argmap new`` writes: a header on the format, a source stub and a key-judgment placeholder."""


def _yaml_text(value: str) -> str:
    """A double-quoted YAML text (JSON's escapes), invisible and bidirectional controls escaped too."""
    return UNSAFE.sub(_yaml_escape, json.dumps(value, ensure_ascii=False))


def _yaml_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def new_map(
    path: Path | str, title: str, question: str | None = None, today: datetime.date | None = None
) -> Path:
    """Write a new map file from :data:`NEW_MAP`; an existing file is never replaced.

    The title and question are written as double-quoted YAML strings (JSON's
    escapes), so no text can break the file.

    Raises:
        CommandFailed: the file exists or cannot be written.
        MapError: the title or question cannot stand in a map (checked by loading the result).
    """
    from argmap.fmt import format_loaded

    path = Path(path)
    text = NEW_MAP.format(
        title=_yaml_text(title),
        question=_yaml_text(question or "The question the map answers (replace it)."),
        date=(today or datetime.date.today()).isoformat(),
    )
    text = format_loaded(load_map_text(text, path), keep_order=True)  # a long title folded as fmt would
    try:
        write_atomic(path, text.encode("utf-8"), create_folder=True, replace=False)
    except TargetExists:
        raise CommandFailed(f"{path} already exists; argmap new never replaces a file") from None
    except OSError as error:
        raise CommandFailed(f"cannot write {path}: {describe_os_error(error)}") from None
    return path


def edit(path: Path | str, change: Any, force: bool = False, renamed: tuple[str, str] | None = None) -> Any:
    """Run one editing change on a map (:func:`argmap.edit.edit_map`), with its errors as the CLI shows them.

    Raises:
        MapError: the map is unusable as it is.
        UsageError: the change cannot be made as asked.
        EditRefused: the edit would make the map unusable or add errors.
        CommandFailed: the file could not be written, or another edit held it too long.
    """
    from argmap.edit import EditFailed, edit_map

    with _writing(path):
        try:
            return edit_map(path, change, force=force, renamed=renamed)
        except EditFailed as error:
            raise UsageError(str(error)) from None


@contextmanager
def _writing(path: Path | str) -> Iterator[None]:
    """Turn the failures of writing a map (lock held too long, system errors) into :class:`CommandFailed`."""
    from filelock import Timeout

    try:
        yield
    except Timeout:
        raise CommandFailed(f"another edit of {path} is still running; try again") from None
    except OSError as error:
        raise CommandFailed(f"cannot write {path}: {describe_os_error(error)}") from None


def format_file(path: Path | str, keep_order: bool = False, write: bool = True) -> Any:
    """Lay out one map in argmap's canonical layout (:mod:`argmap.fmt`); write it if ``write``.

    Returns:
        The :class:`argmap.fmt.Formatted` outcome (text before and after).

    Raises:
        MapError: the map is unusable as it is.
        CommandFailed: the layout would change the map's meaning, or the file
            could not be written, or another edit held it too long.
    """
    from argmap.edit import rewrite_map
    from argmap.fmt import Formatted, LayoutChangesMeaning, format_loaded, format_map

    outcome: list[Formatted] = []

    def lay_out(loaded: LoadedMap) -> tuple[str, None]:
        outcome.append(Formatted(loaded.file, loaded.text, format_loaded(loaded, keep_order)))
        return outcome[0].after, None

    with _writing(path):
        try:
            if not write:
                return format_map(path, keep_order)
            rewrite_map(path, lay_out)
            return outcome[0]
        except LayoutChangesMeaning as error:
            raise CommandFailed(f"{path}: {error}; nothing was written") from None


@dataclass(frozen=True)
class Fixed:
    """What ``argmap fix`` did or would do to one map."""

    text: Any
    """The :class:`argmap.fmt.Formatted` pair of texts (before and after), for the diff."""
    repaired: list[Finding]
    """The findings repaired, in the order made."""


def fix_file(
    path: Path | str,
    write: bool = True,
    select: Sequence[str] | None = None,
    source_roots: Iterable[Path] = (),
) -> Fixed:
    """Make the unambiguous repairs the rules offer (:func:`argmap.edit.repaired_text`); write if ``write``.

    Raises:
        MapError: the map is unusable as it is.
        EditRefused: a repair would make the map unusable or add errors.
        CommandFailed: the file could not be written, or another edit held it too long.
    """
    from argmap.edit import EditFailed, repaired_text, rewrite_map
    from argmap.fmt import Formatted

    roots = tuple(source_roots)
    outcome: list[Fixed] = []

    def repair(loaded: LoadedMap) -> tuple[str, None]:
        text, repaired = repaired_text(loaded, lambda m: Analysis(m, source_roots=roots), select)
        outcome.append(Fixed(Formatted(loaded.file, loaded.text, text, "fixed"), repaired))
        return text, None

    with _writing(path):
        try:
            if write:
                rewrite_map(path, repair, keep_comments=False)  # a removed copy may take its comment
            else:
                repair(load_map(path))
        except EditFailed as error:
            raise CommandFailed(str(error)) from None
    return outcome[0]
