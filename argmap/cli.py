"""The ``argmap`` command: a thin click layer over the Python API.

Exit status: 0 success (``check``: no error-level finding), 1 ``check`` found
errors, 2 unusable input or usage (the message says ``file:line:column``),
3 a needed external program (Graphviz ``dot``) is missing.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import click
from rich.console import Console

from argmap import ach_report
from argmap.ach import AchResult, analyse
from argmap.checks import RULES, Finding, Severity, run_checks
from argmap.errors import MapError, Problem
from argmap.evaluate import evaluate as evaluate_map
from argmap.files import describe_os_error, write_atomic
from argmap.gradual import CycleError, strengths
from argmap.iccma import (
    Acceptance,
    Semantics,
    SolverTimeout,
    acceptance,
    answer,
    extensions,
    flattened,
    read_framework,
)
from argmap.load import LoadedMap, load_map
from argmap.model import ArgumentMap, Profile, map_file_schema
from argmap.render import (
    FORMATS,
    CannotWrite,
    GraphvizFailed,
    GraphvizMissing,
    output_paths,
    render_map,
)

EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2
EXIT_MISSING_PROGRAM = 3

_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)


def printable(text: str) -> str:
    r"""``text`` with control characters shown as escapes (``\x1b``, ``\n``).

    Messages quote map and source text; a terminal must never receive its
    control sequences, and every message must stay on one line. Invisible
    format characters (zero-width spaces, bidirectional overrides, which can
    make text read differently from what it is) and noncharacters are shown
    as escapes too.
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _echo(text: str, err: bool = False) -> None:
    click.echo(printable(text), err=err)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap")
def main() -> None:
    """argmap: check, evaluate and draw argument maps for structured analysis."""


def _load_or_exit(path: Path) -> LoadedMap:
    try:
        return load_map(path)
    except MapError as error:
        for problem in error.problems:
            _echo(str(problem), err=True)
        sys.exit(EXIT_UNUSABLE)


@main.command()
@click.argument("maps", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output findings as lines of text or as a JSON list.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODE",
    help="Run only rules whose code starts with CODE (repeatable or comma-separated), e.g. S,P002.",
)
@click.option("--quiet", "-q", is_flag=True, help="Do not print info-level findings.")
def check(maps: tuple[Path, ...], output_format: str, select: tuple[str, ...], quiet: bool) -> None:
    """Check MAPS for structural and provenance problems.

    Prints one finding a line as FILE:LINE:COLUMN: CODE [severity] message.
    Exits 0 if no finding is an error, 1 if some is, 2 if a map is unusable.
    """
    prefixes = _parse_select(select)
    findings: list[Finding] = []
    problems: list[Problem] = []
    for path in maps:
        try:
            loaded = load_map(path)
        except MapError as error:
            problems.extend(error.problems)
            continue
        findings.extend(run_checks(loaded, prefixes))
    shown = [f for f in findings if not (quiet and f.severity == Severity.INFO)]
    if output_format == "json":
        entries = [_problem_json(p) for p in problems] + [f.as_json() for f in shown]
        click.echo(json.dumps(entries, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            _echo(str(problem), err=True)
        for finding in shown:
            _echo(str(finding))
        click.echo(_summary(findings, len({p.file for p in problems})), err=True)
    if problems:
        sys.exit(EXIT_UNUSABLE)
    if any(f.severity == Severity.ERROR for f in findings):
        sys.exit(EXIT_FINDINGS)


def _parse_select(values: tuple[str, ...]) -> list[str] | None:
    prefixes = [part.strip().upper() for value in values for part in value.split(",") if part.strip()]
    for prefix in prefixes:
        if not any(code.startswith(prefix) for code in RULES):
            raise click.BadParameter(f"no rule code starts with '{prefix}'; see 'argmap rules'")
    return prefixes or None


def _problem_json(problem: Problem) -> dict[str, object]:
    return {
        "file": str(problem.file),
        "line": problem.position.line,
        "column": problem.position.column,
        "code": "unusable",
        "name": "unusable-map",
        "severity": "error",
        "message": problem.message,
    }


def _summary(findings: list[Finding], unusable_maps: int) -> str:
    counts = {severity: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity] += 1
    plural = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}
    parts = [f"{count} {plural[s] if count != 1 else s}" for s, count in counts.items()]
    if unusable_maps:
        parts.insert(0, f"{unusable_maps} unusable map{'s' if unusable_maps != 1 else ''} (exit 2)")
    return ", ".join(parts)


def _parse_formats(values: tuple[str, ...]) -> list[str]:
    formats: list[str] = []
    for value in values:
        for name in value.split(","):
            name = name.strip().lower()
            if name not in FORMATS:
                raise click.BadParameter(f"'{name}' is not one of {', '.join(FORMATS)}")
            if name not in formats:
                formats.append(name)
    return formats


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    default=("dot", "svg", "png"),
    show_default=True,
    help=f"Output formats, repeatable or comma-separated: {', '.join(FORMATS)}.",
)
@click.option(
    "--output",
    "-o",
    type=str,
    help="Output file (its suffix is replaced per format) or folder. Default: renders/MAP-NAME.*",
)
@click.option("--no-legend", is_flag=True, help="Leave out the legend.")
@click.option("--no-eval", is_flag=True, help="Draw the structure only, without IN/OUT/UNDEC labels.")
def render(
    map_file: Path, formats: tuple[str, ...], output: str | None, no_legend: bool, no_eval: bool
) -> None:
    """Draw MAP with Graphviz as DOT, SVG, PNG or PDF."""
    chosen = _parse_formats(formats)
    if output is not None and not output.strip():
        raise click.BadParameter("give a file or folder name", param_hint="'--output'")
    loaded = _load_or_exit(map_file)
    errors = [f for f in run_checks(loaded, ["S"]) if f.severity == Severity.ERROR]
    if errors:
        _echo(
            f"warning: {map_file} has {len(errors)} structural error(s) and may be drawn "
            f"wrongly; run 'argmap check {map_file}'",
            err=True,
        )
    targets = output_paths(map_file, chosen, output)
    try:
        labels = None if no_eval else evaluate_map(loaded.graph).labels
        written = render_map(loaded.graph, targets, legend=not no_legend, labels=labels)
    except GraphvizMissing as error:
        _echo(f"error: {error}", err=True)
        _echo(f"wrote {error.dot_file} (DOT only)", err=True)
        sys.exit(EXIT_MISSING_PROGRAM)
    except GraphvizFailed as error:
        for target in error.written:
            _echo(f"wrote {target.path}")
        _echo(f"error: {error}; is Graphviz installed completely?", err=True)
        sys.exit(EXIT_MISSING_PROGRAM)
    except CannotWrite as error:
        for target in error.written:
            _echo(f"wrote {target.path}")
        _echo(f"error: {error}", err=True)
        sys.exit(EXIT_UNUSABLE)
    for target in written:
        _echo(f"wrote {target.path}")


ACH_FORMATS = ("terminal", "md", "csv", "html", "xlsx", "json")
"""Output formats of ``argmap ach``."""


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "--profile",
    type=click.Choice([p.value for p in Profile]),
    help="Scoring profile; default: the map's own (heuer unless it says otherwise).",
)
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(ACH_FORMATS),
    default="terminal",
    show_default=True,
    help="Colour table in the terminal, or a file: Markdown, CSV, self-contained HTML, Excel, JSON.",
)
@click.option(
    "--output",
    "-o",
    type=str,
    help="Output file, or '-' for standard output. Default: renders/MAP-NAME-ach.FORMAT",
)
def ach(map_file: Path, profile: str | None, output_format: str, output: str | None) -> None:
    """Score MAP's Analysis of Competing Hypotheses and print or write the matrix."""
    if output is not None and output_format == "terminal":
        raise click.BadParameter("--output needs a file format: -f md, csv, html, xlsx or json")
    loaded = _load_or_exit(map_file)
    blocking = [
        f for f in run_checks(loaded, ["S001", "A001", "A002", "A004"]) if f.severity == Severity.ERROR
    ]
    if loaded.graph.ach is None:
        where = loaded.index.locate(("ach",))
        _echo(f"{map_file}:{where.line}:{where.column}: error: the map has no 'ach' section", err=True)
        sys.exit(EXIT_UNUSABLE)
    if blocking:
        for finding in blocking:
            _echo(str(finding), err=True)
        sys.exit(EXIT_UNUSABLE)
    result = analyse(loaded.graph, Profile(profile) if profile else None)
    assert result is not None  # the map has an ach section
    if output_format == "terminal":
        ach_report.to_terminal(result, loaded.graph, Console(highlight=False))
        return
    data = _ach_bytes(result, loaded.graph, output_format)
    if output == "-":
        if output_format == "xlsx":
            raise click.BadParameter(
                "an Excel workbook cannot go to standard output", param_hint="'--output'"
            )
        click.echo(data.decode("utf-8"), nl=False)
        return
    name = f"{map_file.stem}-ach.{output_format}"
    if not output:
        target = Path("renders") / name
    elif output.endswith(("/", os.sep)) or Path(output).is_dir():
        target = Path(output) / name
    else:
        target = Path(output)
    try:
        write_atomic(target, data)
    except OSError as error:
        _echo(f"error: cannot write {target}: {describe_os_error(error)}", err=True)
        sys.exit(EXIT_UNUSABLE)
    _echo(f"wrote {target}")


def _ach_bytes(result: AchResult, graph: ArgumentMap, output_format: str) -> bytes:
    if output_format == "xlsx":
        return ach_report.to_xlsx(result, graph)
    if output_format == "json":
        return (json.dumps(ach_report.to_json(result, graph), indent=2, ensure_ascii=False) + "\n").encode()
    render = {"md": ach_report.to_markdown, "csv": ach_report.to_csv, "html": ach_report.to_html}
    return render[output_format](result, graph).encode("utf-8")


FRAMEWORK_SUFFIXES = (".apx", ".tgf", ".af", ".i23")
"""Files read as abstract frameworks (ICCMA formats) rather than maps."""


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "--assume-false",
    "assume_false",
    multiple=True,
    metavar="ID",
    help="Reject the statement ID (repeatable) and report which key judgments change.",
)
@click.option(
    "--semantics",
    type=click.Choice([s.value for s in Semantics]),
    default="GR",
    show_default=True,
    help="Grounded labels only (GR), or also credulous/sceptical acceptance under complete, "
    "preferred or stable extensions; for abstract frameworks, the extensions to print.",
)
@click.option(
    "--seconds", type=click.FloatRange(min=0.1), default=60.0, show_default=True, help="Solver time limit."
)
@click.option("--strength", is_flag=True, help="Also show each statement's DF-QuAD strength in [0, 1].")
def evaluate(
    map_file: Path, assume_false: tuple[str, ...], semantics: str, seconds: float, strength: bool
) -> None:
    """Label MAP's statements IN, OUT or UNDEC, with the reason for each.

    Files ending in .apx, .tgf, .af or .i23 are read as abstract frameworks
    (ICCMA formats) and their extensions printed in the ICCMA answer format.
    """
    if map_file.suffix in FRAMEWORK_SUFFIXES:
        if strength or assume_false:
            raise click.BadParameter("--strength and --assume-false apply to maps, not abstract frameworks")
        _evaluate_framework(map_file, Semantics(semantics), seconds)
        return
    loaded = _load_or_exit(map_file)
    graph = loaded.graph
    unknown = [sid for sid in assume_false if sid not in graph.statements]
    if unknown:
        raise click.BadParameter(
            f"no statement {', '.join(unknown)} in {map_file}", param_hint="'--assume-false'"
        )
    labelling = evaluate_map(graph, assume_false)
    values = _strengths_or_warn(graph) if strength else {}
    accepted = _acceptance_or_exit(graph, Semantics(semantics), seconds)
    for sid in graph.statements:
        key = " (key judgment)" if graph.statements[sid].key else ""
        extra = f" [strength {values[sid]:.2f}]" if values else ""
        if accepted is not None:
            extra += (
                " [sceptical]"
                if sid in accepted.sceptical
                else " [credulous]"
                if sid in accepted.credulous
                else ""
            )
        _echo(f"{labelling.labels[sid]:<5} {sid}{key}{extra}: {labelling.reason(sid)}")
    if accepted is not None and not accepted.extensions:
        name = Semantics(semantics).name.lower()
        _echo(f"no {name} extension: nothing is credulously or sceptically accepted")
    if accepted is not None and labelling.frame.burden:
        _echo("note: extensions ignore burden of proof; the labels above apply it")
    if assume_false:
        base = evaluate_map(graph)
        changed = [k for k in graph.key_judgments if base.labels[k] != labelling.labels[k]]
        _echo(f"assumed false: {', '.join(assume_false)}")
        if not changed:
            _echo("no key judgment changes")
        for key in changed:
            _echo(f"key judgment {key}: {base.labels[key]} -> {labelling.labels[key]}")


def _strengths_or_warn(graph: ArgumentMap) -> dict[str, float]:
    try:
        return strengths(graph)
    except CycleError as error:
        _echo(f"warning: {error}; strengths are left out (acyclic maps only)", err=True)
        return {}


def _acceptance_or_exit(graph: ArgumentMap, semantics: Semantics, seconds: float) -> Acceptance | None:
    """Credulous/sceptical acceptance under a non-grounded semantics; None for grounded."""
    if semantics == Semantics.GROUNDED:
        return None
    try:
        return acceptance(flattened(graph), semantics, seconds)
    except SolverTimeout as error:
        _echo(f"error: {error}; the map is too hard for this time limit (--seconds)", err=True)
        sys.exit(EXIT_UNUSABLE)


def _evaluate_framework(path: Path, semantics: Semantics, seconds: float) -> None:
    try:
        framework = read_framework(path)
        found = extensions(framework, semantics, seconds)
    except MapError as error:
        for problem in error.problems:
            _echo(str(problem), err=True)
        sys.exit(EXIT_UNUSABLE)
    except SolverTimeout as error:
        _echo(f"error: {error}; the framework is too hard for this time limit (--seconds)", err=True)
        sys.exit(EXIT_UNUSABLE)
    _echo(answer(found, single=semantics == Semantics.GROUNDED))


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.argument("element")
def explain(map_file: Path, element: str) -> None:
    """Say why ELEMENT (a statement or inference id) of MAP is IN, OUT or UNDEC."""
    loaded = _load_or_exit(map_file)
    labelling = evaluate_map(loaded.graph)
    if element not in labelling.labels:
        raise click.BadParameter(f"no statement or inference '{element}' in {map_file}", param_hint="ELEMENT")
    _echo(f"{element} is {labelling.labels[element]}: {labelling.reasons[element]}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the map file format."""
    click.echo(json.dumps(map_file_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List the check rules, or explain the rule CODE with a failing example."""
    if code is None:
        for rule_ in sorted(RULES.values(), key=lambda r: r.code):
            click.echo(f"{rule_.code}  {rule_.severity:<7}  {rule_.name:<28} {rule_.summary}")
        return
    rule_ = RULES.get(code.upper())
    if rule_ is None:
        raise click.BadParameter(f"no rule '{code}'; 'argmap rules' lists them", param_hint="CODE")
    click.echo(f"{rule_.code} {rule_.name} ({rule_.family}, {rule_.severity})\n")
    click.echo(f"{rule_.summary}\n\n{rule_.rationale}\n\nExample (fails):\n")
    click.echo(rule_.example)
