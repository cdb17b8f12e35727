"""The ``argmap`` command: click options, printing and exit statuses over :mod:`argmap.app`.

Exit status: 0 success (``check``: no error-level finding), 1 findings at
error level (``check``; ``render`` and ``evaluate`` after working around
structural errors), 2 unusable input or usage (the message says
``file:line:column``), 3 a needed external program (Graphviz ``dot``) is
missing or failed.

Everything printed that comes from a map goes through
:func:`argmap.text.visible`, so control and bidirectional characters show
as escapes and each message stays on one line.
"""

from __future__ import annotations

import datetime
import errno
import functools
import gc
import io
import json
import math
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from argmap import limits, progress
from argmap.errors import MapError
from argmap.lazy import LazyModule
from argmap.limits import LAYOUT_LIMIT
from argmap.outputs import ACH_FORMATS, FORMATS, RENDER_DEFAULT, RENDER_FORMATS
from argmap.text import shorten, visible
from argmap.vocabulary import (
    ALL_PROFILES,
    TABLE_COMMANDS,
    ConflictKind,
    Profile,
    Rating,
    Semantics,
    StatementKind,
)

if TYPE_CHECKING:
    from rich.console import Console

    from argmap import app, edit
else:  # loaded by the first command that needs them: --help needs neither
    app = LazyModule("argmap.app")
    edit = LazyModule("argmap.edit")

EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2
EXIT_MISSING_PROGRAM = 3
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE, as a shell reports a command whose reader went away (``argmap ... | head``)."""

F = TypeVar("F", bound=Callable[..., Any])

MAX_SECONDS = 7 * 24 * 3600.0
"""The longest solver time limit accepted: a week."""


def _finite(value: float) -> float:
    if math.isnan(value):
        raise click.BadParameter("not a number")
    return value


def _one_format(_context: click.Context, parameter: click.Parameter, values: tuple[str, ...]) -> str | None:
    """The one ``--format`` of a command that writes one format; None if not given.

    Raises:
        click.BadParameter: the option was given more than once.
    """
    if len(values) > 1:
        raise click.BadParameter(
            f"given {len(values)} times ({', '.join(values)}); this command writes one format, "
            "so give -f once",
            param=parameter,
        )
    return values[0] if values else None


def _echo(message: str, err: bool = False) -> None:
    click.echo(visible(message), err=err)


def _exit(status: int) -> NoReturn:
    sys.exit(status)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that Python's own flush at exit fails no more."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # no real file descriptor (a test runner's capture): nothing will flush at exit


def _output_failed(error: OSError) -> NoReturn:
    """End the command when standard output cannot be written: quietly if its reader went away."""
    _silence_stdout()
    if error.errno == errno.EPIPE:
        _exit(EXIT_BROKEN_PIPE)
    _echo(f"error: cannot write the output: {error.strerror or error}", err=True)
    _exit(EXIT_UNUSABLE)


class _Commands(click.Group):
    """The command group, which also ends cleanly when help or version text cannot be written.

    A command runs with Python's cyclic garbage collector off: a map's data
    holds no reference cycles worth finding, reference counting frees it, and
    the collector would only rescan the loaded map again and again while it is
    built (about a third of a 10,000-statement check here). The long-running
    commands (``watch``, ``serve``) turn it back on; it is restored on return.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run click's main loop; a failed write outside a command gets a message, not a traceback."""
        if sys.stdout is None:  # started with standard output closed (``argmap ... >&-``)
            _echo("error: cannot write the output: standard output is closed", err=True)
            _exit(EXIT_UNUSABLE)
        collecting = gc.isenabled()
        gc.disable()  # see _Commands
        progress.show_on_terminal()
        previous_handler = _end_on_sigterm()
        try:
            return super().main(*args, **kwargs)
        except OSError as error:
            _output_failed(error)
        finally:
            progress.hide()
            _restore_sigterm(previous_handler)
            if collecting:
                gc.enable()

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; Ctrl-C (SIGINT) ends it with status 130, as a shell reports it, not click's 1.

        The interrupt unwinds the command first, so its cleanup runs as for SIGTERM.
        """
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _echo("interrupted", err=True)
            raise click.exceptions.Exit(128 + signal.SIGINT) from None


def _end_on_sigterm() -> Any:
    """Make SIGTERM end a command as Ctrl-C does; return the handler it replaces (None off the main thread).

    Raising from the handler unwinds the command, so its cleanup runs: a
    half-written file is removed, a running ``dot`` is killed and a progress
    bar is erased. Exit status 143 (128 + 15), as a process ended by SIGTERM.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def end(_number: int, _frame: Any) -> NoReturn:
        raise SystemExit(128 + signal.SIGTERM)

    return signal.signal(signal.SIGTERM, end)


def _restore_sigterm(handler: Any) -> None:
    if handler is not None:
        signal.signal(signal.SIGTERM, handler)


def _console() -> Console:
    """A rich console that ends like every other command when the reader of a pipe goes away.

    Rich's own ending exits 1, which means findings here; this one exits
    :data:`EXIT_BROKEN_PIPE`, quietly. Rich is imported here, not at start-up.
    """
    from rich.console import Console

    console = Console(highlight=False)
    console.on_broken_pipe = _reader_gone  # type: ignore[method-assign]
    return console


def _reader_gone() -> NoReturn:
    _silence_stdout()
    _exit(EXIT_BROKEN_PIPE)


def _reports_errors(command: F) -> F:
    """Turn the application layer's exceptions into messages and exit statuses."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            result = command(*args, **kwargs)
            sys.stdout.flush()  # a full disk or a closed terminal shows here, not at exit
            return result
        except OSError as error:
            if error.filename is not None:  # a file the command read or wrote, named by the system
                _echo(f"error: {shorten(str(error.filename), 200)}: {error.strerror or error}", err=True)
                _exit(EXIT_UNUSABLE)
            _output_failed(error)
        except UnicodeEncodeError as error:
            _silence_stdout()
            _echo(
                f"error: the output's encoding ({error.encoding}) cannot show this text; "
                "set PYTHONIOENCODING=utf-8, or write a file with -f and -o",
                err=True,
            )
            _exit(EXIT_UNUSABLE)
        except MapError as error:
            for problem in error.problems:
                _echo(str(problem), err=True)
            _exit(EXIT_UNUSABLE)
        except app.Blocked as blocked:
            for finding in blocked.findings:
                _echo(str(finding), err=True)
            _exit(EXIT_UNUSABLE)
        except edit.EditRefused as refused:
            for finding in refused.findings:  # in the edited text, never written: no position to show
                _echo(f"{finding.code} [{finding.severity}] {finding.message}", err=True)
            _echo(f"error: {refused}", err=True)
            _exit(EXIT_UNUSABLE)
        except app.MissingProgram as error:
            _echo(f"error: {error}", err=True)
            _exit(EXIT_MISSING_PROGRAM)
        except app.CommandFailed as error:
            _echo(f"error: {error}", err=True)
            _exit(EXIT_UNUSABLE)
        except MemoryError:
            _echo("error: out of memory: the input is larger than this machine can work on", err=True)
            _exit(EXIT_UNUSABLE)
        except app.UsageError as error:
            message = visible(str(error))
            if error.option is None:
                raise click.UsageError(message) from None
            raise click.BadParameter(message, param_hint=f"'{error.option}'") from None

    return run  # type: ignore[return-value]


def _source_roots(function: F) -> F:
    return click.option(
        "--source-root",
        "source_roots",
        multiple=True,
        type=click.Path(path_type=Path, exists=True, file_okay=False),
        metavar="DIR",
        help="Also allow source files under DIR (repeatable); by default only the map's folder "
        "and the project's 'source-roots'.",
    )(function)


@click.group(
    cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True
)
@click.version_option(package_name="argmap")
@click.pass_context
def main(context: click.Context) -> None:
    """argmap: check, evaluate and draw argument maps for structured analysis."""
    if context.invoked_subcommand is None:
        click.echo(context.get_help())


# ----------------------------------------------------------------------------- check


@main.command()
@click.argument("maps", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github", "sarif"], case_sensitive=False),
    default="text",
    show_default=True,
    help="Output findings as lines of text, a JSON list, GitHub Actions annotations, or a SARIF 2.1.0 log.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODE",
    help="Run only rules whose code starts with CODE (repeatable or comma-separated), e.g. S,P002.",
)
@click.option("--quiet", "-q", is_flag=True, help="Do not print info-level findings.")
@_source_roots
@_reports_errors
def check(
    maps: tuple[Path, ...],
    output_format: str,
    select: tuple[str, ...],
    quiet: bool,
    source_roots: tuple[Path, ...],
) -> None:
    """Check MAPS for structural, provenance, ACH and judgment problems.

    Prints one finding a line as FILE:LINE:COLUMN: CODE [severity] message.
    Exits 0 if no finding is an error, 1 if some is, 2 if a map is unusable.
    """
    from argmap.report import annotations

    report = app.check(maps, app.parse_select(select), source_roots)
    shown = [f for f in report.findings if not (quiet and f.severity == "info")]
    output_format = output_format.lower()
    if output_format == "json":
        click.echo(json.dumps(report.as_json(shown), indent=2, ensure_ascii=False))
    elif output_format == "github":
        click.echo(annotations.github_annotations(report.as_json(shown)), nl=False)
    elif output_format == "sarif":
        log = annotations.sarif_log(report.as_json(shown), app.ordered_rules(), _version())
        click.echo(json.dumps(log, indent=2, ensure_ascii=False))
    else:
        for result in report.maps:  # map by map, in the order given
            for problem in result.problems:
                _echo(str(problem), err=True)
            for finding in result.findings:
                if not (quiet and finding.severity == "info"):
                    _echo(str(finding) + (" (argmap fix)" if finding.repair else ""))
        click.echo(_summary(report, quiet), err=True)
    if report.problems:
        _exit(EXIT_UNUSABLE)
    if report.has_errors:
        _exit(EXIT_FINDINGS)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("argmap")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _summary(report: app.CheckReport, quiet: bool = False) -> str:
    plural = {"error": "errors", "warning": "warnings", "info": "info"}
    parts = [f"{count} {plural[s] if count != 1 else s}" for s, count in report.counts().items()]
    if quiet:
        parts[-1] += " (not shown: -q)"
    fixable = sum(1 for finding in report.findings if finding.repair)
    if fixable:
        parts.append(f"{fixable} fixable with 'argmap fix'")
    unusable = report.unusable_maps
    if unusable:
        parts.insert(0, f"{unusable} unusable map{'s' if unusable != 1 else ''} (exit 2)")
    return ", ".join(parts)


# ----------------------------------------------------------------------------- render

_OUTPUT_HELP = (
    "A file, a folder (ending in /), or '-' for standard output. A file's suffix picks the format "
    "when -f is not given; one that is not a format's suffix gets the format's added; one of a "
    "format this command does not write is refused. "
    "Default: renders/MAP-NAME{tag}.FORMAT"
)


_RENDER_FORMATS = click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    help=f"Output formats, repeatable or comma-separated, in any case: {', '.join(RENDER_FORMATS)} "
    f"(default: {','.join(RENDER_DEFAULT)}).",
)
_RENDER_OUTPUT = click.option("--output", "-o", type=str, help=_OUTPUT_HELP.format(tag=""))


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@_RENDER_FORMATS
@_RENDER_OUTPUT
@click.option("--no-legend", is_flag=True, help="Leave out the legend.")
@click.option("--no-eval", is_flag=True, help="Draw the structure only, without IN/OUT/UNDEC labels.")
@click.option(
    "--view",
    default="full",
    show_default=True,
    metavar="VIEW",
    help="full; summary (key judgments, direct reasons, objections); judgment:ID (one key judgment's); "
    "group:ID; around:ID (with --depth).",
)
@click.option(
    "--depth", type=click.IntRange(0, 50), default=1, show_default=True, help="How far --view around reaches."
)
@click.option(
    "--page",
    metavar="SIZE",
    help="The PDF's page: A4, A3 or letter, with ',landscape' if wanted (default A4,landscape); the "
    "map is cut into views that fit it with no text under 9 pt (printed by Debian's chromium). "
    "'none': one Graphviz page at natural size. Given alone, writes the PDF.",
)
@click.option(
    "--layout-limit",
    type=click.IntRange(min=0),
    default=LAYOUT_LIMIT,
    show_default=True,
    metavar="N",
    help="The most nodes and edges given to Graphviz in one drawing (about half a minute's layout); "
    "past it the DOT is written and a --view suggested. 0: no limit.",
)
@_source_roots
@_reports_errors
def render(
    map_file: Path,
    formats: tuple[str, ...],
    output: str | None,
    no_legend: bool,
    no_eval: bool,
    view: str,
    depth: int,
    page: str | None,
    layout_limit: int,
    source_roots: tuple[Path, ...],
) -> None:
    """Draw MAP with Graphviz as DOT, SVG, PNG or PDF: the whole map, one view of it, or pages."""
    report = app.render(
        map_file,
        formats,
        output,
        legend=not no_legend,
        evaluated=not no_eval,
        source_roots=source_roots,
        view=view,
        depth=depth,
        page=page,
        layout_limit=layout_limit,
    )
    status = _say_rendered(report)
    if status:
        _exit(status)
    if report.structure_errors:
        for finding in report.structure_errors:
            _echo(str(finding), err=True)
        broken = f"; {report.left_out} broken link(s) drawn grey and dashed" if report.left_out else ""
        _echo(f"error: {map_file} has {len(report.structure_errors)} structural error(s){broken}", err=True)
        _exit(EXIT_FINDINGS)


def _say_rendered(report: app.RenderReport) -> int:
    """Print what a render wrote and what went wrong; return the exit status it calls for (0: none)."""
    for written in report.written:
        if written.path is None:
            click.echo(written.data, nl=False)
        else:
            only = " (DOT only)" if report.graphviz_problem and written.format == "dot" else ""
            _echo(f"wrote {written.path}{only}")
    for warning in report.warnings:
        _echo(f"warning: Graphviz: {warning}", err=True)
    for warning in (report.font_warning, report.page_warning):
        if warning:
            _echo(f"warning: {warning}", err=True)
    _say_graphviz_problem(report)
    if report.write_error:
        _echo(f"error: {report.write_error}", err=True)
        return EXIT_UNUSABLE
    return EXIT_MISSING_PROGRAM if report.graphviz_problem else 0


def _say_graphviz_problem(report: app.RenderReport) -> None:
    """Print why Graphviz could not draw, and why no DOT file was written instead if none was."""
    if report.graphviz_missing:
        _echo(f"error: {report.graphviz_missing}", err=True)
    if report.graphviz_failed:
        hint = "; is Graphviz installed completely?" if report.graphviz_failed.installation else ""
        _echo(f"error: {report.graphviz_failed}{hint}", err=True)
    if report.dot_not_written:
        _echo(f"warning: no DOT file written in place of the drawing: {report.dot_not_written}", err=True)


# ----------------------------------------------------------------------------- ach


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "--profile",
    type=click.Choice([*(p.value for p in Profile), ALL_PROFILES], case_sensitive=False),
    help="Scoring profile; default: the map's own (heuer unless it says otherwise). 'all': the "
    "map's own, with every profile's ranking side by side.",
)
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["terminal", *ACH_FORMATS], case_sensitive=False),
    multiple=True,
    callback=_one_format,
    help="Colour table in the terminal (the default), or a file: "
    + ", ".join(f"{FORMATS[name].description} ({name})" for name in ACH_FORMATS)
    + "; in any case, given once.",
)
@click.option("--output", "-o", type=str, help=_OUTPUT_HELP.format(tag="-ach"))
@_source_roots
@_reports_errors
def ach(
    map_file: Path,
    profile: str | None,
    output_format: str | None,
    output: str | None,
    source_roots: tuple[Path, ...],
) -> None:
    """Score MAP's Analysis of Competing Hypotheses and print or write the matrix."""
    if output_format == "terminal" and output is not None:
        raise click.BadParameter(
            f"--output needs a file format: -f {', '.join(ACH_FORMATS)}", param_hint="'--output'"
        )
    chosen = None if output_format == "terminal" else output_format
    report = app.ach(map_file, profile.lower() if profile else None, chosen, output, source_roots)
    if report.written is None:
        from argmap.report.ach import to_terminal

        to_terminal(report.result, report.analysis.graph, _console(), report.compared)
    elif report.written.path is None:
        click.echo(report.written.data.decode("utf-8"), nl=False)
    else:
        _echo(f"wrote {report.written.path}")


# ----------------------------------------------------------------------------- tradecraft tables


def _table_command(name: str, summary: str) -> None:
    """Register ``argmap NAME MAP``: one tradecraft table, in the terminal or as a file."""

    @main.command(name=name, help=f"{summary}\n\nPrinted in the terminal, or written with -f and -o.")
    @click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
    @click.option(
        "--format",
        "-f",
        "output_format",
        type=click.Choice(["terminal", *ACH_FORMATS], case_sensitive=False),
        multiple=True,
        callback=_one_format,
        help="A table in the terminal (the default), or a file: "
        + ", ".join(f"{FORMATS[n].description} ({n})" for n in ACH_FORMATS)
        + "; in any case, given once.",
    )
    @click.option("--output", "-o", type=str, help=_OUTPUT_HELP.format(tag=f"-{name}"))
    @_source_roots
    @_reports_errors
    def command(
        map_file: Path, output_format: str | None, output: str | None, source_roots: tuple[Path, ...]
    ) -> None:
        if output_format == "terminal" and output is not None:
            raise click.BadParameter(
                f"--output needs a file format: -f {', '.join(ACH_FORMATS)}", param_hint="'--output'"
            )
        chosen = None if output_format == "terminal" else output_format
        result = app.table(map_file, name, chosen, output, source_roots)
        if result.written is None:
            from argmap.report import terminal

            terminal.render(result.report, _console())
        elif result.written.path is None:
            click.echo(result.written.data.decode("utf-8"), nl=False)
        else:
            _echo(f"wrote {result.written.path}")


for _name, _help in TABLE_COMMANDS.items():
    _table_command(_name, _help)


# ----------------------------------------------------------------------------- brief


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    help="Output formats, repeatable or comma-separated: html, pdf, md (default: all three).",
)
@click.option("--output", "-o", type=str, help=_OUTPUT_HELP.format(tag="-brief"))
@click.option(
    "--banner",
    default="",
    metavar="TEXT",
    help="Handling banner atop and below every page: a TLP label (TLP:CLEAR, TLP:GREEN, TLP:AMBER, "
    "TLP:AMBER+STRICT, TLP:RED) or free text; default: the map's 'banner'.",
)
@click.option(
    "--draft",
    is_flag=True,
    help="Write it even if the map falls short of a briefing's standards, under a DRAFT banner "
    "that lists what is missing.",
)
@click.option(
    "--template",
    "templates",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="A folder with your own brief.html.j2 and/or brief.md.j2 (Jinja2, run sandboxed).",
)
@click.option(
    "--page",
    default="A4,landscape",
    show_default=True,
    metavar="SIZE",
    help="The PDF's page: A4, A3 or letter, with ',landscape' if wanted.",
)
@_source_roots
@_reports_errors
def brief(
    map_file: Path,
    formats: tuple[str, ...],
    output: str | None,
    banner: str,
    draft: bool,
    templates: Path | None,
    page: str,
    source_roots: tuple[Path, ...],
) -> None:
    """Write MAP's briefing for a decision maker: HTML, PDF and Markdown.

    Bottom line up front (each key judgment with its likelihood, and its
    confidence and basis), the summary diagram, the ACH matrix with its
    summary, alternatives, key assumptions, indicators, sources, information
    gaps and the scales. It refuses a map whose key judgments lack a
    likelihood, a confidence or its basis, or do not stand, unless --draft.
    """
    try:
        report = app.brief(
            map_file,
            formats,
            output,
            banner=banner,
            draft=draft,
            templates=templates,
            page=page,
            source_roots=source_roots,
        )
    except app.BriefRefused as refused:
        for problem in refused.problems:
            _echo(f"error: {visible(problem)}", err=True)
        _echo(f"error: {map_file}: not briefed; fix the above, or write a draft with --draft", err=True)
        _exit(EXIT_FINDINGS)
    for problem in report.shortcomings:
        _echo(f"draft: {visible(problem)}", err=True)
    if report.font_warning:
        _echo(f"warning: {report.font_warning}", err=True)
    for written in report.written:
        if written.path is None:
            click.echo(written.data, nl=False)
        else:
            _echo(f"wrote {written.path}")


# ----------------------------------------------------------------------------- evaluate, explain


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
    type=click.Choice([s.value for s in Semantics], case_sensitive=False),
    default="GR",
    show_default=True,
    help="Grounded labels only (GR), or also credulous/sceptical acceptance under complete, "
    "preferred or stable extensions; for abstract frameworks, the extensions to print.",
)
@click.option(
    "--seconds",
    type=click.FloatRange(min=0.1, max=MAX_SECONDS),
    default=limits.SOLVER_SECONDS,
    show_default=True,
    callback=lambda _context, _param, value: _finite(value),
    help="Time limit of the clingo solver (CO, PR, ST), in seconds: it bounds clingo's grounding and "
    "search together; reading the file and grounded labelling are not counted.",
)
@click.option("--strength", is_flag=True, help="Also show each statement's DF-QuAD strength in [0, 1].")
@_source_roots
@_reports_errors
def evaluate(
    map_file: Path,
    assume_false: tuple[str, ...],
    semantics: str,
    seconds: float,
    strength: bool,
    source_roots: tuple[Path, ...],
) -> None:
    """Label MAP's statements IN, OUT or UNDEC, with the reason for each.

    Files ending in .apx, .tgf, .af or .i23 are read as abstract frameworks
    (ICCMA formats) and their extensions printed in the ICCMA answer format.
    """
    if app.is_framework(map_file):
        if strength or assume_false:
            raise click.BadParameter("--strength and --assume-false apply to maps, not abstract frameworks")
        _echo(app.evaluate_framework(map_file, Semantics(semantics), seconds))
        return
    report = app.evaluate(map_file, assume_false, Semantics(semantics), seconds, strength, source_roots)
    for entry in report.left_out:
        _echo(f"warning: {map_file}: {entry}; left out of the evaluation", err=True)
    for finding in report.structure_errors:
        _echo(str(finding), err=True)
    if report.strength_cycle:
        _echo(f"warning: {report.strength_cycle}; strengths are left out (acyclic maps only)", err=True)
    for row in report.statements:
        key = " (key judgment)" if row.key else ""
        extra = f" [strength {row.strength:.2f}]" if row.strength is not None else ""
        extra += f" [{row.acceptance}]" if row.acceptance else ""
        _echo(f"{row.label:<5} {row.id}{key}{extra}: {row.reason}")
    if report.no_extension:
        _echo(f"no {report.semantics.name.lower()} extension: {app.NO_EXTENSION}")
    if report.burden_ignored:
        _echo("note: extensions ignore burden of proof; the labels above apply it")
    if report.assumed_false:
        _echo(f"assumed false: {', '.join(report.assumed_false)}")
        if not report.changes:
            _echo("no key judgment changes")
        for change in report.changes:
            _echo(f"key judgment {change.id}: {change.before} -> {change.after}")
    if report.structure_errors:
        _exit(EXIT_FINDINGS)


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.argument("element")
@_source_roots
@_reports_errors
def explain(map_file: Path, element: str, source_roots: tuple[Path, ...]) -> None:
    """Say why ELEMENT (a statement, inference or conflict id) of MAP stands, falls or stays open."""
    _echo(app.explain(map_file, element, source_roots))


# ----------------------------------------------------------------------------- schema, rules


@main.command()
def schema() -> None:
    """Print the JSON Schema of the map file format."""
    click.echo(json.dumps(app.schema(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print the list as the Markdown table of the README.")
@_reports_errors
def rules(code: str | None, markdown: bool) -> None:
    """List the check rules, or explain the rule CODE with a failing example and what to write instead."""
    if markdown:
        click.echo(app.rules_table(), nl=False)
        return
    if code is None:
        listed = app.ordered_rules()
        width = max(len(found.name) for found in listed)
        for found in listed:
            click.echo(f"{found.code}  {found.severity:<7}  {found.name:<{width}}  {found.summary}")
        return
    found = app.rule_help(code)
    fixture = found.fixture
    click.echo(f"{found.code} {found.name} ({found.family}, {found.severity})\n")
    click.echo(f"{found.summary}\n\n{found.rationale}\n\nExample (fails):\n")
    click.echo(fixture.failing_map)
    click.echo("Use instead:\n")
    click.echo(fixture.passing_map, nl=False)
    for name, content in fixture.files.items():
        click.echo(f"\nBoth maps expect the file {name} beside them:\n")
        click.echo(content, nl=False)


# ----------------------------------------------------------------------------- editing

_FORCE = click.option(
    "--force", is_flag=True, help="Write even if the edit adds error findings (never an unusable map)."
)


@main.command(name="new")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--title", required=True, help="The map's title.")
@click.option("--question", help="The question the map answers.")
@_reports_errors
def new_command(path: Path, title: str, question: str | None) -> None:
    """Write a new map at PATH: a header on the format, a source stub and a key-judgment placeholder."""
    _echo(f"wrote {app.new_map(path, title, question)}")


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.argument("kind", type=click.Choice([k.value for k in StatementKind], case_sensitive=False))
@click.argument("text")
@click.option(
    "--id", "new_id", help="The new statement's id; the next free one of its kind's letter if not given."
)
@click.option("--supports", metavar="ID", help="The new statement supports ID.")
@click.option("--rebuts", metavar="ID", help="The new statement rebuts ID (a statement).")
@click.option("--undermines", metavar="ID", help="The new statement undermines ID (a premise).")
@click.option("--undercuts", metavar="INFERENCE", help="The new statement undercuts an inference.")
@click.option(
    "--with", "with_premises", multiple=True, metavar="ID", help="A co-premise of --supports (repeatable)."
)
@click.option("--source", metavar="ID", help="The source the statement is taken from.")
@click.option("--quote", help="The source's exact words the statement rests on.")
@click.option("--key", is_flag=True, help="Flag the statement as a key judgment.")
@_FORCE
@_reports_errors
def add(
    map_file: Path,
    kind: str,
    text: str,
    new_id: str | None,
    supports: str | None,
    rebuts: str | None,
    undermines: str | None,
    undercuts: str | None,
    with_premises: tuple[str, ...],
    source: str | None,
    quote: str | None,
    key: bool,
    force: bool,
) -> None:
    """Add a statement to MAP (and its support or attack); print its id."""
    links = {"supports": supports, "rebuts": rebuts, "undermines": undermines, "undercuts": undercuts}
    given = [name for name, value in links.items() if value]
    if len(given) > 1:
        raise click.UsageError(f"give one link at most, not {', '.join('--' + g for g in given)}")
    if with_premises and not supports:
        raise click.BadParameter("co-premises go with --supports", param_hint="'--with'")
    attack = {
        "rebuts": ConflictKind.REBUT,
        "undermines": ConflictKind.UNDERMINE,
        "undercuts": ConflictKind.UNDERCUT,
    }
    link = next((attack[name] for name in given if name in attack), None)
    new = edit.NewStatement(
        kind=StatementKind(kind.lower()),
        text=text,
        id=new_id,
        link=link,
        supports=supports,
        target=rebuts or undermines or undercuts,
        with_premises=with_premises,
        source=source,
        quote=quote,
        key=key,
    )
    edited = app.edit(map_file, edit.add_statement(new), force=force)
    click.echo(edited.result)


@main.command(name="set")
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.argument("element", metavar="ID")
@click.argument("field_name", metavar="FIELD")
@click.argument("value", required=False)
@click.option("--unset", is_flag=True, help="Remove FIELD instead of setting it.")
@_FORCE
@_reports_errors
def set_command(
    map_file: Path, element: str, field_name: str, value: str | None, unset: bool, force: bool
) -> None:
    """Set FIELD of the entry ID (a statement, source...; or 'map', 'ach') to VALUE, read as YAML."""
    if unset and value is not None:
        raise click.UsageError("give a VALUE or --unset, not both")
    if not unset and value is None:
        raise click.UsageError("give a VALUE to set (read as YAML), or --unset to remove the field")
    parsed = None if unset else _parsed(value)
    edited = app.edit(map_file, edit.set_field(element, field_name, parsed, unset, typed=value), force=force)
    click.echo(f"{'unset' if unset else 'set'} {edited.result}" + ("" if edited.changed else " (no change)"))


def _parsed(value: str | None) -> object:
    try:
        return edit.parse_value(value or "")
    except edit.EditFailed as error:
        raise click.BadParameter(str(error), param_hint="'VALUE'") from None


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.argument("row")
@click.argument("hypothesis")
@click.argument("rating", type=click.Choice([r.value for r in Rating], case_sensitive=False))
@click.option("--analyst", metavar="NAME", help="Rate as this analyst (under ach.analysts).")
@click.option("--note", help="Why this cell is rated so, kept with the cell.")
@_FORCE
@_reports_errors
def rate(
    map_file: Path, row: str, hypothesis: str, rating: str, analyst: str | None, note: str | None, force: bool
) -> None:
    """Set one ACH cell of MAP: ROW against HYPOTHESIS, rated CC, C, N, I, II or NA."""
    code = next(r.value for r in Rating if r.value.lower() == rating.lower())
    edited = app.edit(map_file, edit.rate_cell(row, hypothesis, code, analyst, note), force=force)
    click.echo(f"rated {edited.result}" + ("" if edited.changed else " (no change)"))


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.argument("element", metavar="ID")
@click.option("--cascade", is_flag=True, help="Also remove the links, ratings and mentions that name ID.")
@_FORCE
@_reports_errors
def rm(map_file: Path, element: str, cascade: bool, force: bool) -> None:
    """Remove the entry ID from MAP; refused while anything names it, unless --cascade (listing what goes)."""
    click.echo(app.edit(map_file, edit.remove(element, cascade), force=force).result)


@main.command(name="rename")
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.argument("old")
@click.argument("new")
@_FORCE
@_reports_errors
def rename_command(map_file: Path, old: str, new: str, force: bool) -> None:
    """Rename the entry OLD of MAP to NEW, and every reference to it (shorthand ids such as E1->C1 too)."""
    click.echo(f"renamed {app.edit(map_file, edit.rename(old, new), force=force, renamed=(old, new)).result}")


_LINK_KIND = click.option(
    "--kind",
    type=click.Choice(["support", "rebut", "undermine", "undercut"], case_sensitive=False),
    default="support",
    show_default=True,
    help="The kind of link.",
)


@main.command(name="link")
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@_LINK_KIND
@click.option(
    "--with", "with_premises", multiple=True, metavar="ID", help="A co-premise of a support (repeatable)."
)
@click.option(
    "--weak", is_flag=True, help="An attack weaker than its target: it does not defeat (rebut, undermine)."
)
@click.option("--id", "new_id", help="Write the link out under this id (an inference or a conflict).")
@_FORCE
@_reports_errors
def link_command(
    map_file: Path,
    source: str,
    target: str,
    kind: str,
    with_premises: tuple[str, ...],
    weak: bool,
    new_id: str | None,
    force: bool,
) -> None:
    """Link two entries of MAP: FROM supports (or attacks) TO."""
    if with_premises and kind.lower() != "support":
        raise click.BadParameter("co-premises go with a support", param_hint="'--with'")
    change = edit.link(source, target, kind.lower(), with_premises, weak, new_id)
    click.echo(f"linked {app.edit(map_file, change, force=force).result}")


@main.command(name="unlink")
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@_LINK_KIND
@_FORCE
@_reports_errors
def unlink_command(map_file: Path, source: str, target: str, kind: str, force: bool) -> None:
    """Remove the link from FROM to TO in MAP: its shorthand, or the one inference or conflict."""
    click.echo(app.edit(map_file, edit.unlink(source, target, kind.lower()), force=force).result)


# ----------------------------------------------------------------------------- interchange


@main.command(name="import")
@click.argument("format_name", metavar="FORMAT")
@click.argument("file", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=str,
    help="The map file to write (default: FILE with the suffix .yaml), FOLDER/, or - for standard "
    "output; an existing file is never replaced.",
)
@_reports_errors
def import_command(format_name: str, file: Path, output: str | None) -> None:
    """Read FILE, written by another tool, as a new map: FORMAT is aif, argdown-json or kialo.

    Prints what could not be carried over, with counts, and whether the map
    passes the structure rules (exit 1 if not).
    """
    report = app.import_file(format_name, file, output)
    for note in report.notes:
        _echo(f"note: {visible(note)}", err=True)
    if report.path is None:
        click.echo(report.text, nl=False)
    else:
        _echo(f"wrote {report.path}")
    for finding in report.structure:
        _echo(str(finding), err=True)
    if report.structure:
        where = report.path or "the map"
        _echo(
            f"error: {where} has {len(report.structure)} structural error(s): argmap check says more",
            err=True,
        )
        _exit(EXIT_FINDINGS)


@main.command(name="export")
@click.argument("format_name", metavar="FORMAT")
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=str,
    help="A file, a folder (ending in /), or '-' for standard output; a file without the format's "
    "suffix gets it added. Default: renders/MAP-NAME-FORMAT.SUFFIX",
)
@_source_roots
@_reports_errors
def export_command(
    format_name: str, map_file: Path, output: str | None, source_roots: tuple[Path, ...]
) -> None:
    """Write MAP in another tool's format: FORMAT is aif, argdown or graphml.

    Prints what the format cannot carry, with counts. A map with structural
    errors is written as it is, and the command exits 1 saying so; one with
    duplicate ids or links to nothing is refused (exit 2).
    """
    report = app.export_map(format_name, map_file, output, source_roots)
    written = report.written
    if written.path is None:
        click.echo(written.data.decode("utf-8"), nl=False)
    else:
        _echo(f"wrote {written.path}")
    for note in report.notes:
        _echo(f"note: {visible(note)}", err=True)
    for finding in report.structure:
        _echo(str(finding), err=True)
    if report.structure:
        _echo(
            f"error: {map_file} has {len(report.structure)} structural error(s), written as they are",
            err=True,
        )
        _exit(EXIT_FINDINGS)


@main.command(name="fmt")
@click.argument("map_files", metavar="MAP...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; show a diff and exit 1 if a map is not formatted.",
)
@click.option("--diff", "show_diff", is_flag=True, help="Write nothing; show what formatting would change.")
@click.option(
    "--keep-order",
    is_flag=True,
    help="Keep the order of entries and fields as written (sections, indentation and width are still fixed).",
)
@_reports_errors
def fmt_command(map_files: tuple[Path, ...], check_only: bool, show_diff: bool, keep_order: bool) -> None:
    """Lay out each MAP canonically, keeping its comments; the meaning is checked unchanged first.

    Sections in the model's order, entries by kind and id, fields in the
    model's order, two-space indentation, one-line texts longer than 88
    characters folded.
    """
    unformatted, unusable = 0, 0
    for map_file in map_files:  # every map is looked at, even after one that cannot be
        try:
            formatted = app.format_file(map_file, keep_order, write=not (check_only or show_diff))
        except MapError as error:
            unusable += 1
            for problem in error.problems:
                _echo(str(problem), err=True)
            continue
        except app.CommandFailed as error:
            unusable += 1
            _echo(f"error: {error}", err=True)
            continue
        if not formatted.changed:
            if not check_only:
                _echo(f"{map_file}: already formatted", err=True)
            continue
        unformatted += 1
        if check_only or show_diff:
            click.echo(formatted.diff(), nl=False)
        else:
            _echo(f"formatted {map_file}")
    if check_only and unformatted:
        _echo(f"{unformatted} of {len(map_files)} map(s) not formatted (argmap fmt formats them)", err=True)
    if unusable:
        _echo(f"{unusable} of {len(map_files)} map(s) could not be formatted (exit 2)", err=True)
        _exit(EXIT_UNUSABLE)
    if check_only and unformatted:
        _exit(EXIT_FINDINGS)


@main.command(name="fix")
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option("--diff", "show_diff", is_flag=True, help="Write nothing; show what the repairs would change.")
@click.option(
    "--select",
    multiple=True,
    metavar="CODE",
    help="Only repair findings of rules whose code starts with CODE (repeatable or comma-separated).",
)
@_source_roots
@_reports_errors
def fix_command(
    map_file: Path, show_diff: bool, select: tuple[str, ...], source_roots: tuple[Path, ...]
) -> None:
    """Make the repairs the rules offer where one is unambiguous, showing each.

    An undermine of a statement that is no premise becomes a rebut; a link
    written twice loses its bare copy; a quote that differs from its source
    only in case, punctuation, outer quotation marks or an ellipsis becomes the
    source's words. The map is re-checked after each repair.
    """
    codes = app.parse_select(select)
    fixed = app.fix_file(map_file, write=not show_diff, select=codes, source_roots=source_roots)
    for finding in fixed.repaired:
        if finding.repair is None:
            continue
        where = f"{finding.file}:{finding.position.line}:{finding.position.column}"
        _echo(
            f"{'would fix' if show_diff else 'fixed'} {where}: {finding.code} {finding.repair.description}",
            err=show_diff,
        )
    if show_diff:
        click.echo(fixed.text.diff(), nl=False)
    if not fixed.repaired:
        _echo(f"{map_file}: nothing to fix", err=True)


# ----------------------------------------------------------------------------- live


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@_RENDER_FORMATS
@_RENDER_OUTPUT
@_source_roots
@_reports_errors
def watch(
    map_file: Path, formats: tuple[str, ...], output: str | None, source_roots: tuple[Path, ...]
) -> None:
    """Re-check MAP and redraw its diagram on every save of it or of a source it reads; Ctrl-C stops.

    Prints the findings after each save, as check does, and the files written.
    """
    import threading

    from argmap.live import changes

    gc.enable()  # runs for hours: cycles left by each save must be collected
    app.watchable(map_file, formats)
    stop = threading.Event()
    saves = iter(range(1, 2**62))

    def once() -> None:
        _echo(f"--- save {next(saves)} ({datetime.datetime.now():%H:%M:%S}) ---")
        report = app.check([map_file], None, source_roots)
        for problem in report.problems:
            _echo(str(problem))
        for finding in report.findings:
            _echo(str(finding))
        _echo(_summary(report))
        if not report.problems:
            _say_rendered(app.render(map_file, formats, output, source_roots=source_roots))
        _echo(f"watching {map_file} (Ctrl-C stops)")

    once()
    try:
        for _ in changes(map_file, source_roots, stop):
            try:
                once()
            except (app.UsageError, app.CommandFailed) as error:
                _echo(f"error: {error}", err=True)
    except KeyboardInterrupt:
        stop.set()


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@_source_roots
@_reports_errors
def serve(map_file: Path, port: int, source_roots: tuple[Path, ...]) -> None:
    """Show MAP in a page on this machine (127.0.0.1 only), redrawn on every save; Ctrl-C stops.

    The page shows the diagram, the findings and the ACH summary; clicking a
    statement shows its text, source and quote, label and the reason for it.
    """
    import threading

    from argmap.live import LiveState, describe, make_server, page, watch_in_background

    gc.enable()  # runs for hours: cycles left by each save must be collected
    app.watchable(map_file)  # a map being mended is served; a path that is no file is refused
    state = LiveState(map_file, tuple(source_roots))
    stop = threading.Event()
    try:
        server = make_server(state, port, page(state.current.title or map_file.name), stop)
    except OSError as error:
        raise app.CommandFailed(f"cannot listen on 127.0.0.1:{port}: {error.strerror or error}") from None
    watch_in_background(state, stop, lambda snap: _echo(f"save {snap.version}: {describe(snap)}"))
    _echo(f"serving {map_file} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
    _echo(f"save 1: {describe(state.current)}")
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
