"""Output formats and where outputs go: one table and one rule for every command.

:data:`FORMATS` is the table of every file format argmap writes: its name,
suffix, whether it is binary, and whether it may go to standard output.
:func:`output_targets` is the one rule that turns a command's ``--format``
and ``--output`` options into targets:

1. **Formats.** ``--format`` if given (several for ``render``). Otherwise,
   when ``--output`` names a file whose suffix is one of the command's
   formats, that format; otherwise the command's default formats.
2. **No --output**: ``renders/<map name><tag>.<suffix>`` for each format,
   under the current folder (``tag`` is ``-ach`` for ``argmap ach``).
3. **--output -**: standard output; one format only, and only a text format.
4. **--output FOLDER/** (a trailing slash, or an existing folder):
   ``FOLDER/<map name><tag>.<suffix>``; the folder is created if missing.
5. **--output FILE**: with one format, FILE itself if its suffix is that
   format's, FILE with the suffix added if FILE has no suffix of a format
   (``out.x`` → ``out.x.dot``), and a usage error if its suffix is another
   format's (``-f md -o x.html``). With several formats, FILE's suffix is
   replaced by each format's when it is a format's suffix, else each is
   added (``-f dot,svg -o map.png`` writes ``map.dot`` and ``map.svg``).
   Only a folder given as ``FOLDER/`` (and the default ``renders/``) is
   created; a file's folder must exist. A FILE whose suffix is that of a
   format the command does not write (``render -o x.md``) is refused, with
   or without ``--format``.
6. **Never over an input**: a target that is the map itself or a source
   file it names (after following symbolic links) is refused, and so are two
   targets that are one file.
7. **A format not asked for** (``render``'s DOT when Graphviz cannot draw,
   :func:`fallback_target`): beside the first file target, with the format's
   suffix; it follows rule 6, and it never replaces a file or link that is
   already there.

Writing itself is :func:`argmap.files.write_atomic`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OutputFormat:
    """A file format argmap can write."""

    name: str
    """The name given to ``--format``, e.g. ``svg``."""
    suffix: str
    """The file suffix, with its dot, e.g. ``.svg``."""
    binary: bool
    """True for formats that are not text (PNG, PDF, Excel)."""
    description: str
    """A few words for help texts."""
    other_suffixes: tuple[str, ...] = ()
    """Other suffixes files of the format go by (``.yml``)."""

    def has_suffix(self, suffix: str) -> bool:
        """Whether ``suffix`` (any case) is one of the format's."""
        return suffix.lower() in (self.suffix, *self.other_suffixes)

    @property
    def to_stdout(self) -> bool:
        """Whether the format may go to standard output: text formats only."""
        return not self.binary


FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("dot", ".dot", False, "Graphviz DOT source"),
        OutputFormat("svg", ".svg", False, "SVG image"),
        OutputFormat("png", ".png", True, "PNG image"),
        OutputFormat("pdf", ".pdf", True, "PDF document"),
        OutputFormat("md", ".md", False, "Markdown"),
        OutputFormat("csv", ".csv", False, "CSV table"),
        OutputFormat("html", ".html", False, "self-contained HTML page"),
        OutputFormat("xlsx", ".xlsx", True, "Excel workbook"),
        OutputFormat("json", ".json", False, "JSON data"),
        OutputFormat("graphml", ".graphml", False, "GraphML graph"),
        OutputFormat("argdown", ".argdown", False, "Argdown document"),
        OutputFormat("yaml", ".yaml", False, "argmap map file", (".yml",)),
    )
}
"""Every output format, by name."""

REPORT_FORMATS = ("md", "csv", "html", "xlsx")
"""The file formats of a report (:data:`argmap.report.FILE_RENDERERS` writes each)."""

RENDER_FORMATS = ("dot", "svg", "png", "pdf")
"""Formats of ``argmap render``: DOT source, or laid out by Graphviz."""

RENDER_DEFAULT = ("dot", "svg", "png")
"""What ``argmap render`` writes when no format is asked for."""

ACH_FORMATS = (*REPORT_FORMATS, "json")
"""File formats of ``argmap ach`` and the tradecraft tables: every report format, and JSON data
(without ``--format`` or ``--output`` they print a table)."""

DEFAULT_FOLDER = Path("renders")
"""Where outputs go when ``--output`` is not given."""

STDOUT = "-"
"""The ``--output`` value that means standard output."""


class OutputError(ValueError):
    """The ``--format`` and ``--output`` options cannot be satisfied; the message says why."""


@dataclass(frozen=True)
class Target:
    """Where one format of a command's output goes."""

    format: OutputFormat
    """The format written."""
    path: Path | None
    """The file, or None for standard output."""
    create_folder: bool = False
    """Whether the file's folder may be created: for ``renders/`` and ``-o FOLDER/`` only."""


def parse_formats(values: Iterable[str], allowed: Sequence[str]) -> list[str]:
    """Format names from ``--format`` values (repeatable, comma-separated), in order, each once.

    Raises:
        OutputError: a name is not one of ``allowed``.
    """
    chosen: list[str] = []
    for value in values:
        for name in value.split(","):
            name = name.strip().lower()
            if name not in allowed:
                raise OutputError(f"'{name}' is not one of {', '.join(allowed)}")
            if name not in chosen:
                chosen.append(name)
    return chosen


def output_targets(
    map_file: Path,
    *,
    formats: Sequence[str],
    output: str | None,
    allowed: Sequence[str],
    default: Sequence[str],
    tag: str = "",
    inputs: Iterable[Path] = (),
) -> list[Target]:
    """Apply the output rule (see the module doc) to one command's options.

    Args:
        map_file: the map; its name (without suffix) names the outputs.
        formats: the formats asked for with ``--format`` (may be empty).
        output: the ``--output`` value, or None.
        allowed: the formats this command can write.
        default: the formats written when none is asked for.
        tag: added to the map's name in default file names (``-ach``).
        inputs: files the command reads besides the map (its sources),
            which no target may replace.

    Returns:
        One :class:`Target` per format, in the order asked.

    Raises:
        OutputError: an empty ``--output``, several formats or a binary one
            to standard output, a file suffix that contradicts the format or
            is that of a format the command does not write, or a target that
            is an input or another target.
    """
    if output is not None and not output.strip():
        raise OutputError("give a file or folder name")
    file = Path(output) if output is not None and output != STDOUT and not _names_folder(output) else None
    if file is not None:
        _refuse_foreign_suffix(file, allowed, [*formats, *default, *allowed][0])
    chosen = list(formats) or _format_from_suffix(output, allowed) or list(default)
    if not chosen:
        raise OutputError(f"--output needs a file format: -f {', '.join(allowed)}")
    if output == STDOUT:
        return [_stdout_target(chosen)]
    stem = map_file.stem + tag
    if file is not None:
        paths = _file_paths(file, chosen)
    else:
        folder = DEFAULT_FOLDER if output is None else Path(output)
        paths = [folder / f"{stem}{FORMATS[name].suffix}" for name in chosen]
    is_folder = output is None or output.endswith(("/", os.sep))
    targets = [Target(FORMATS[name], path, is_folder) for name, path in zip(chosen, paths, strict=True)]
    _refuse_overwriting(targets, [map_file, *inputs])
    return targets


def fallback_target(
    map_file: Path, targets: Sequence[Target], name: str, inputs: Iterable[Path] = ()
) -> Target:
    """Where a format nobody asked for goes (rule 7): beside the first file target, with its suffix.

    ``render -f svg -o x.svg`` gets ``x.dot`` when Graphviz cannot draw.

    Args:
        map_file: the map, which the target may not replace.
        targets: the command's targets (:func:`output_targets`).
        name: the format written instead.
        inputs: the other files the command reads, which it may not replace.

    Returns:
        The :class:`Target`; its folder may be created if the first target's may.

    Raises:
        OutputError: every target is standard output, the file would be an
            input or another target, or a file or link already has its name.
    """
    first = next((target for target in targets if target.path is not None), None)
    if first is None or first.path is None:
        raise OutputError("the output goes to standard output")
    fallback = Target(FORMATS[name], first.path.with_suffix(FORMATS[name].suffix), first.create_folder)
    _refuse_overwriting([*targets, fallback], [map_file, *inputs])
    if os.path.lexists(fallback.path):
        raise OutputError(f"'{fallback.path}' already exists and {name} was not asked for, so it is kept")
    return fallback


def _names_folder(output: str) -> bool:
    """True if ``--output`` names a folder: it ends in a slash, or it is an existing folder."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def _refuse_foreign_suffix(output: Path, allowed: Sequence[str], example: str) -> None:
    """Refuse a file name whose suffix is that of a format the command does not write.

    Raises:
        OutputError: e.g. ``render -o x.md``; the message suggests a name with ``example``'s suffix.
    """
    owner = next((f for f in FORMATS.values() if f.has_suffix(output.suffix)), None)
    if owner is not None and owner.name not in allowed:
        raise OutputError(
            f"'{output}' ends in {output.suffix}, which is for {owner.name}, a format this command "
            f"does not write ({', '.join(allowed)}); name it e.g. "
            f"{output.with_suffix(FORMATS[example].suffix).name}"
        )


def _format_from_suffix(output: str | None, allowed: Sequence[str]) -> list[str]:
    if output is None or output == STDOUT:
        return []
    suffix = Path(output).suffix
    return [name for name in allowed if FORMATS[name].has_suffix(suffix)][:1]


def _stdout_target(chosen: list[str]) -> Target:
    if len(chosen) != 1:
        raise OutputError(f"standard output takes one format; asked for {', '.join(chosen)} (use -f)")
    chosen_format = FORMATS[chosen[0]]
    if not chosen_format.to_stdout:
        raise OutputError(f"{chosen_format.description} ({chosen_format.name}) cannot go to standard output")
    return Target(chosen_format, None)


def _file_paths(output: Path, chosen: list[str]) -> list[Path]:
    suffix = output.suffix.lower()
    known = {each: name for name, f in FORMATS.items() for each in (f.suffix, *f.other_suffixes)}
    if len(chosen) == 1:
        wanted = FORMATS[chosen[0]].suffix
        if FORMATS[chosen[0]].has_suffix(suffix):
            return [output]
        if suffix in known:
            raise OutputError(
                f"'{output}' ends in {output.suffix}, which is for {known[suffix]}, not {chosen[0]}; "
                f"name the file {output.with_suffix(wanted).name} or drop -f"
            )
        return [output.with_name(output.name + wanted)]
    base = output.with_suffix("") if suffix in known else output
    return [base.with_name(base.name + FORMATS[name].suffix) for name in chosen]


def _refuse_overwriting(targets: list[Target], inputs: list[Path]) -> None:
    protected = {_identity(path): path for path in inputs}
    seen: dict[object, Path] = {}
    for target in targets:
        if target.path is None:
            continue
        identity = _identity(target.path)
        if identity in protected:
            raise OutputError(
                f"'{target.path}' is an input of this command ({protected[identity]}); choose another output"
            )
        if identity in seen:
            raise OutputError(f"two outputs would both be written to '{target.path}'")
        seen[identity] = target.path


def _identity(path: Path) -> object:
    """What makes two paths one file: device and inode if it exists (hard links too), else the full path."""
    try:
        status = path.stat()
    except (OSError, ValueError):
        pass
    else:
        return (status.st_dev, status.st_ino)
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path.absolute()
