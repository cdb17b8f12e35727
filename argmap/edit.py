"""Editing a map file: the one write path of every editing command.

:func:`edit_map` loads the file with ruamel.yaml's round-trip mode, so that
comments, key order, flow or block style and quoting are kept; applies one
change to that tree; checks the result with the same loader and rules as
``argmap check``; and only then replaces the file atomically
(:func:`argmap.files.write_atomic`), holding a lock (filelock, in the
system's temporary folder) so that two edits of one map run one after the
other, never interleaved. An edit that
would make the map unusable, or add an error-level finding, writes nothing
and says why; ``force`` writes a map with new findings, never an unusable
one.

The changes themselves (:func:`add_statement`, :func:`set_field`,
:func:`rate_cell`) are small functions on the round-trip tree; the
commands in :mod:`argmap.app` pair each with :func:`edit_map`.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import math
import os
import re
import tempfile
import typing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from filelock import FileLock
from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarfloat import ScalarFloat
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from argmap import limits
from argmap.analysis import Analysis
from argmap.checks import Finding, Severity, run_checks
from argmap.checks.registry import FileEdit, Repair
from argmap.errors import MapError
from argmap.files import write_atomic
from argmap.load import SECTION_MODELS, LoadedMap, load_map, load_map_text
from argmap.model import ID_PATTERN, AchSection, ConflictKind, MapInfo, StatementKind
from argmap.text import UNSAFE, shorten

KIND_LETTER: dict[StatementKind, str] = {
    StatementKind.CLAIM: "C",
    StatementKind.EVIDENCE: "E",
    StatementKind.ASSUMPTION: "A",
    StatementKind.HYPOTHESIS: "H",
}
"""The letter of the ids :func:`next_id` gives each kind of statement."""

LINK_FIELD = {"support": "supports", "rebut": "rebuts", "undermine": "undermines", "undercut": "undercuts"}
"""The statement's shorthand field for each kind of link."""

SECTIONS = ("statements", "sources", "inferences", "conflicts", "groups", "indicators")
"""The sections whose entries :func:`set_field` finds by id, searched in this order."""


class EditRefused(Exception):
    """An edit that would make the map unusable or add errors: nothing was written."""

    def __init__(self, reason: str, findings: Iterable[Finding] = ()) -> None:
        """Take why, and the new error findings if that is why."""
        super().__init__(reason)
        self.findings = list(findings)
        """The error findings the edit would add (empty when the map would be unusable)."""


class EditFailed(ValueError):
    """The change cannot be made as asked (an unknown id, an id taken): a usage problem."""


@dataclass(frozen=True)
class Edited:
    """What an edit did."""

    path: Path
    """The map file."""
    changed: bool
    """False when the change left the file as it was."""
    result: str = ""
    """What the change reports, such as the new id."""
    findings: list[Finding] = field(default_factory=list)
    """Error findings written anyway (with ``force``)."""


Change = Callable[[CommentedMap], str]
"""A change: edits the round-trip tree in place and returns what to report."""


class _Constructor(RoundTripConstructor):
    """ruamel.yaml's round-trip constructor, but a text that reads as an impossible date stays text.

    The map loader reads ``note: 2025-02-30`` as the text it is (and the
    model says which fields want a date); editing must read it alike.
    """


def _timestamp_or_text(constructor: RoundTripConstructor, node: Any) -> Any:
    try:
        return RoundTripConstructor.construct_yaml_timestamp(constructor, node)
    except ValueError:
        return str(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def round_trip_yaml() -> YAML:
    """The ruamel.yaml round-trip loader and dumper argmap edits with.

    Block sequences are indented as argmap's own files are (``key:`` then
    ``  - item``) and lines are never re-wrapped, so an untouched file dumps
    back byte for byte (a test holds the showcase to it).
    """
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.Emitter = _Emitter
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


class _Representer(RoundTripRepresenter):
    """ruamel.yaml's representer, but a number always reads back as the same number.

    ruamel.yaml writes a float it read in its original shape (``0.80`` stays
    ``0.80``), and cuts rather than rounds the digits of a long mantissa in
    exponent form (``1.330209305282413e+299`` came back as ``...412e+299``):
    such a number is written as Python writes it instead (found by the
    property tests).
    """

    def represent_scalar_float(self, data: Any) -> ScalarNode:
        node = super().represent_scalar_float(data)
        if math.isfinite(data) and _yaml_float(node.value) != float(data):
            node.value = repr(float(data))
        return node


_Representer.add_representer(ScalarFloat, _Representer.represent_scalar_float)


def _yaml_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


class _Emitter(RoundTripEmitter):
    """ruamel.yaml's emitter, but a text holding invisible or bidirectional controls keeps them as escapes.

    ruamel.yaml writes such characters (U+202E, U+200B...) as they are,
    which would turn an escape the user can see into a hidden reordering of
    the file's text. A scalar holding one is written double-quoted with
    every character past ASCII escaped.
    """

    def write_double_quoted(self, text: Any, split: Any = True) -> None:
        if not UNSAFE.search(text):
            return super().write_double_quoted(text, split)
        unicode = self.allow_unicode
        self.allow_unicode = False
        try:
            return super().write_double_quoted(text, split)
        finally:
            self.allow_unicode = unicode


def dump(tree: Any) -> str:
    """The round-trip tree as YAML text; texts with invisible controls double-quoted and escaped."""
    _quote_unsafe_texts(tree)
    stream = io.StringIO()
    round_trip_yaml().dump(tree, stream)
    return stream.getvalue()


def tree_from_data(data: Any) -> Any:
    """Plain data (dicts, lists, scalars) as a round-trip tree, for :func:`dump` and the layout."""
    if isinstance(data, dict):
        return CommentedMap((key, tree_from_data(value)) for key, value in data.items())
    if isinstance(data, list):
        return CommentedSeq(tree_from_data(item) for item in data)
    return data


def _quote_unsafe_texts(container: Any) -> None:
    items = container.items() if isinstance(container, dict) else enumerate(container)
    for key, value in list(items):
        if isinstance(value, (dict, list)):
            _quote_unsafe_texts(value)
        elif (
            isinstance(value, str)
            and UNSAFE.search(value)
            and not isinstance(value, DoubleQuotedScalarString)
        ):
            container[key] = DoubleQuotedScalarString(value)


def _line_comment(line: str) -> str | None:
    """The comment a YAML line ends with, if any: a ``#`` after a space, not inside quotes on the line."""
    quote = None
    for number, character in enumerate(line):
        before = line[number - 1] if number else " "
        if quote is not None:
            if character == quote and not (quote == '"' and before == "\\"):
                quote = None
        elif character in "\"'" and before in " [{:,-":
            quote = character
        elif character == "#" and before in " \t":
            return line[number:].strip()
    return None


def lost_comment(before: str, after: str, file: Path | str = "<string>") -> str | None:
    """The first comment of ``before`` that ``after`` lacks, with its line, said for a message; else None.

    A safety net over ruamel.yaml, which drops a comment written between a
    key and its value, inside a flow mapping written over several lines, or
    after a document end marker (``...``). Comments are compared as texts,
    each as often as it occurs.
    """
    kept = Counter(filter(None, map(_line_comment, after.splitlines())))
    for number, line in enumerate(before.splitlines(), start=1):
        comment = _line_comment(line)
        if comment is None:
            continue
        if kept[comment]:
            kept[comment] -= 1
        else:
            column = line.index(comment) + 1
            return (
                f"the comment at {file}:{number}:{column} ({shorten(comment, 60)}): ruamel.yaml cannot "
                "keep one between a key and its value, inside a {...} written over several lines, "
                "or after '...'; move it above its entry"
            )
    return None


def keep_conventions(before: str, after: str) -> str:
    """``after`` with ``before``'s byte-order mark and line endings (CRLF stays CRLF)."""
    body = after.removeprefix("\ufeff")
    if "\r\n" in before:
        body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return ("\ufeff" if before.startswith("\ufeff") else "") + body


def edit_map(
    path: Path | str, change: Change, *, force: bool = False, renamed: tuple[str, str] | None = None
) -> Edited:
    """Apply ``change`` to the map at ``path``, keeping comments and order, and write it atomically.

    Args:
        path: the map file; it must be usable as it is.
        change: edits the round-trip tree and returns what to report.
        force: write even if the edit adds error-level findings.
        renamed: ``(old, new)`` for a rename: a finding that only names the
            entry anew is not a new finding.

    Returns:
        The :class:`Edited` outcome.

    Raises:
        MapError: the map is unusable before the edit (fix it first).
        EditFailed: the change cannot be made (unknown id, id taken...).
        EditRefused: the edited map would be unusable, or would have new
            errors and ``force`` is false; the file is left byte for byte.
        OSError: the file cannot be written; filelock.Timeout: another edit
            holds the map for longer than :data:`argmap.limits.LOCK_SECONDS`.
    """

    def apply(before: LoadedMap) -> tuple[str, Any]:
        tree = tree_of(before)
        result = change(tree)
        return dump(tree), result

    keep = not getattr(change, "removes", False)
    return rewrite_map(path, apply, force=force, renamed=renamed, keep_comments=keep)


def rewrite_map(
    path: Path | str,
    rewrite: Callable[[LoadedMap], tuple[str, Any]],
    *,
    force: bool = False,
    renamed: tuple[str, str] | None = None,
    keep_comments: bool = True,
) -> Edited:
    """The one way argmap writes a map: under the map's lock, validated, atomically.

    ``rewrite`` gets the map as loaded and returns its new text and what to
    report. The new text must load (else :class:`EditRefused`), keep every
    comment when ``keep_comments`` (an edit that removes entries or fields
    may take their comments with them, but is refused, like any other, on a
    map holding a comment ruamel.yaml's round trip drops), and add no error
    finding unless ``force``; only then does it replace the file.

    Raises:
        MapError, EditFailed, EditRefused, OSError, filelock.Timeout: as :func:`edit_map`.
    """
    path = Path(path)
    with FileLock(lock_path(path), timeout=limits.LOCK_SECONDS):
        before = load_map(path)
        text, result = rewrite(before)
        text = keep_conventions(before.text, text)
        if text == before.text:
            return Edited(path, False, result)
        lost = lost_comment(before.text, text if keep_comments else dump(tree_of(before)), before.file)
        if lost is not None:  # a removal may take its own comments, never one ruamel.yaml cannot keep
            raise EditRefused(f"the edit would drop {lost}; nothing was written")
        added = _new_errors(before, _validated(text, path), renamed)
        if added and not force:
            raise EditRefused(
                "the edit would add errors; nothing was written (--force writes it anyway)", added
            )
        write_atomic(path, text.encode("utf-8"))
        return Edited(path, True, result, added)


def lock_path(path: Path) -> Path:
    """The lock file of a map: in the system's temporary folder, named by the map's real path.

    Kept out of the map's folder, so that no lock file lands in the analyst's
    repository; a map reached through a link locks the same file.
    """
    user = os.getuid() if hasattr(os, "getuid") else "user"
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a link loop: loading the map reports it
        real = Path(os.path.abspath(path))
    folder = Path(tempfile.gettempdir()) / f"argmap-locks-{user}"  # one per user: 0700 shuts out the rest
    folder.mkdir(mode=0o700, exist_ok=True)
    name = hashlib.sha256(str(real).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return folder / f"{name}.lock"


def tree_of(loaded: LoadedMap) -> CommentedMap:
    """The round-trip tree of a loaded map's text (comments, order and quoting kept).

    Raises:
        MapError: ruamel.yaml cannot read the text (at the map's start).
    """
    if loaded.duplicate_keys:
        duplicate = loaded.duplicate_keys[0]
        name = shorten(str(duplicate.path[-1]), 60)
        raise MapError.at(
            loaded.file,
            duplicate.position,
            f"'{name}' is written twice (first at line {duplicate.first.line}); argmap edits only a map "
            "whose keys are each written once: rename or remove one copy by hand (rule S001)",
        )
    try:
        tree = round_trip_yaml().load(loaded.text)
    except (YAMLError, ValueError) as error:  # e.g. a text that reads as an impossible date
        reason = " ".join(str(error).split())
        raise MapError.at(
            loaded.file, loaded.locate(()), f"cannot edit this file as YAML: {reason}"
        ) from None
    if not isinstance(tree, CommentedMap):
        raise MapError.at(loaded.file, loaded.locate(()), "a map file must be a YAML mapping")
    return tree


def _validated(text: str, path: Path) -> LoadedMap:
    if len(text.encode("utf-8")) > limits.max_map_bytes():
        raise EditRefused(
            "the edited map would be larger than a map may be "
            f"({limits.how_to_raise('ARGMAP_MAX_MAP_MB')}); nothing was written"
        )
    try:
        return load_map_text(text, path)
    except MapError as error:
        reasons = "; ".join(problem.message for problem in error.problems)
        raise EditRefused(f"the edit would make the map unusable ({reasons}); nothing was written") from None


def _new_errors(before: LoadedMap, after: LoadedMap, renamed: tuple[str, str] | None = None) -> list[Finding]:
    """Error findings of ``after`` that ``before`` does not have (same code and message, ids renamed)."""

    def message(finding: Finding) -> str:
        if renamed is None:
            return finding.message
        return re.sub(
            rf"(?<![A-Za-z0-9_.]){re.escape(renamed[0])}(?![A-Za-z0-9_])", renamed[1], finding.message
        )

    old = Counter((f.code, message(f)) for f in _errors(before))
    added = []
    for finding in _errors(after):
        if old[(finding.code, finding.message)]:
            old[(finding.code, finding.message)] -= 1
        else:
            added.append(finding)
    return added


def _errors(loaded: LoadedMap) -> list[Finding]:
    return [f for f in run_checks(Analysis(loaded)) if f.severity == Severity.ERROR]


# --------------------------------------------------------------------------- the changes


def section(tree: CommentedMap, name: str) -> CommentedMap:
    """The section ``name`` of the map, added at the end if the map has none."""
    if tree.get(name) is None:
        if name not in tree and len(tree):
            _append_after(tree, list(tree.keys())[-1], "\n")  # a blank line between sections
        tree[name] = CommentedMap()
    found = tree[name]
    if not isinstance(found, CommentedMap):
        raise EditFailed(f"'{name}' is not a mapping of entries by id")
    return found


def next_id(tree: CommentedMap, letter: str) -> str:
    """The next free id of a letter: one more than the highest ``<letter><number>`` of any section."""
    taken = _ids(tree)
    numbers = [int(match[1]) for sid in taken if (match := re.fullmatch(rf"{letter}(\d+)", sid))]
    candidate = max(numbers, default=0) + 1
    while f"{letter}{candidate}" in taken:
        candidate += 1
    return f"{letter}{candidate}"


def _ids(tree: CommentedMap) -> set[str]:
    """Every id of every section."""
    return {str(key) for name in SECTIONS if isinstance(tree.get(name), dict) for key in tree[name]}


def _check_new_id(tree: CommentedMap, new: str) -> None:
    if not re.fullmatch(ID_PATTERN, new):
        raise EditFailed(
            f"'{new}' is not a valid id: an ASCII letter, then ASCII letters, digits, '_' or '.'"
        )
    if new in _ids(tree):
        raise EditFailed(f"the id '{new}' is already taken")


@dataclass(frozen=True)
class NewStatement:
    """What ``argmap add`` adds: a statement and, optionally, its one link."""

    kind: StatementKind
    text: str
    id: str | None = None
    """The id to use; the next free one of the kind's letter if None."""
    link: ConflictKind | None = None
    """rebut, undermine or undercut; None with ``supports`` for support."""
    supports: str | None = None
    """The statement the new one supports."""
    target: str | None = None
    """The statement (rebut, undermine) or inference (undercut) attacked."""
    with_premises: tuple[str, ...] = ()
    """Co-premises of the support (a linked argument: an explicit inference)."""
    source: str | None = None
    quote: str | None = None
    key: bool = False


def add_statement(new: NewStatement) -> Change:
    """A change adding one statement, with its inference or conflict; it reports the new id.

    A single-premise support or an attack is written as the statement's
    shorthand (``supports: C1``); support with co-premises as an explicit
    inference with the next free ``I`` id.
    """

    def change(tree: CommentedMap) -> str:
        sid = new.id or next_id(tree, KIND_LETTER[new.kind])
        _check_new_id(tree, sid)
        entry = CommentedMap(kind=new.kind.value, text=new.text)
        if new.key:
            entry["key"] = True
        if new.source:
            entry["source"] = new.source
        if new.quote:
            entry["quote"] = new.quote
        if new.supports and not new.with_premises:
            entry["supports"] = new.supports
        if new.link is not None and new.target:
            entry[LINK_FIELD[new.link]] = new.target
        section(tree, "statements")[sid] = entry
        if new.supports and new.with_premises:
            iid = next_id(tree, "I")
            premises = _flow([sid, *new.with_premises])
            section(tree, "inferences")[iid] = CommentedMap(premises=premises, conclusion=new.supports)
        return sid

    return change


def set_field(element: str, name: str, value: Any, unset: bool = False, typed: str | None = None) -> Change:
    """A change setting (or removing) one field of an entry, the map header (``map``) or ``ach``.

    Args:
        element: an id of a section (:data:`SECTIONS`), or ``map`` or ``ach``.
        name: the field.
        value: the new value, already parsed (a YAML scalar, list or mapping).
        unset: remove the field instead.
        typed: the value as typed; a field that holds text gets it when
            ``value`` read as a number, a date or a truth value (``123``).
    """

    def change(tree: CommentedMap) -> str:
        entry = _entry(tree, element)
        if unset:
            if name not in entry:
                raise EditFailed(f"'{element}' has no field '{name}' to unset")
            delete_key(entry, name)
        elif typed is not None and _holds_text(_model_of(tree, element), name) and _scalar_not_text(value):
            entry[name] = typed
        else:
            entry[name] = value
        return f"{element}.{name}"

    change.removes = unset  # type: ignore[attr-defined]  # its comments may go with it
    return change


def _model_of(tree: CommentedMap, element: str) -> type[BaseModel] | None:
    if element in ("map", "ach"):
        return MapInfo if element == "map" else AchSection
    try:
        return SECTION_MODELS.get(_section_of(tree, element))
    except EditFailed:
        return None


def _holds_text(model: type[BaseModel] | None, name: str) -> bool:
    """Whether the model's field ``name`` takes text and no number, date or truth value."""
    info = model.model_fields.get(name) if model else None
    if info is None:
        return False
    kinds = set(_flat_types(info.annotation))
    return str in kinds and not kinds & {int, float, bool, datetime.date}


def _flat_types(annotation: Any) -> Iterator[Any]:
    arguments = typing.get_args(annotation)
    if not arguments:
        yield annotation
        return
    for argument in arguments:
        yield from _flat_types(argument)


def _scalar_not_text(value: Any) -> bool:
    return isinstance(value, (int, float, bool, datetime.date)) and not isinstance(value, str)


def _entry(tree: CommentedMap, element: str) -> CommentedMap:
    if element in ("map", "ach"):
        return section(tree, element)
    for name in SECTIONS:
        entries = tree.get(name)
        if isinstance(entries, dict) and element in entries:
            found = entries[element]
            if not isinstance(found, CommentedMap):
                raise EditFailed(f"'{element}' in '{name}' is not a mapping of fields")
            return found
    raise EditFailed(f"no entry '{element}' in this map")


def rate_cell(
    row: str, hypothesis: str, rating: str, analyst: str | None = None, note: str | None = None
) -> Change:
    """A change setting one ACH cell: ``ratings`` (or ``analysts.NAME`` with ``analyst``), row, hypothesis.

    With ``note`` the cell is written in full, ``{rating: I, note: ...}``.
    """

    def change(tree: CommentedMap) -> str:
        ach = section(tree, "ach")
        rows = section(section(ach, "analysts"), analyst) if analyst else section(ach, "ratings")
        if rows.get(row) is None:
            cells = CommentedMap()
            cells.fa.set_flow_style()
            rows[row] = cells
        cells = rows[row]
        if not isinstance(cells, CommentedMap):
            raise EditFailed(f"the ratings of '{row}' are not a mapping")
        kept = cells.get(hypothesis)
        old_note = kept.get("note") if isinstance(kept, dict) else None
        if note or old_note:
            full = CommentedMap(rating=rating, note=note or old_note)
            full.fa.set_flow_style()
            cells[hypothesis] = full
        else:
            cells[hypothesis] = rating
        return f"{row} on {hypothesis}: {rating}"

    return change


def parse_value(text: str) -> Any:
    """A field value given on the command line, read as YAML: ``true``, ``2025``, ``[A1, A2]``, text.

    Raises:
        EditFailed: the text is not one YAML value.
    """
    if any(line.lstrip("\ufeff").startswith("%") for line in text.splitlines()):
        return text  # a YAML directive is no value; ruamel.yaml fails an assertion on an unknown version
    try:
        value = round_trip_yaml().load(text)
    except (YAMLError, ValueError):
        return text  # not YAML (an impossible date, an unclosed bracket): the text as typed
    if value is None and text.strip() and text.strip() not in ("null", "~"):
        return text
    if isinstance(value, str):
        quoted = text.strip()[:1] in ("'", '"')
        return str(value) if quoted else text  # '"x"' is x; unquoted text keeps everything, '#' too
    return value


# --------------------------------------------------------------------------- references: rm and rename

_REFERENCE_FIELDS = ("source", "corroborated_by", "supports", "rebuts", "undermines", "undercuts")
"""Fields of a statement that name other entries."""


@dataclass(frozen=True)
class Reference:
    """One place that names an id: the container, the key or index there, and how it names it."""

    where: str
    """Readable path, e.g. ``inferences.I1.premises``."""
    container: Any
    """The mapping or list holding it."""
    slot: Any
    """The key (mapping) or index (list) in :attr:`container`."""
    as_key: bool = False
    """The id is the key itself (a rating row, a hypothesis of a rating or an indicator)."""


LINK_SECTIONS = ("inferences", "conflicts")
"""The sections whose entries link statements."""


def references(tree: CommentedMap, sid: str) -> list[Reference]:
    """Every place of the map, outside ``sid``'s own entry, that names ``sid`` (shorthand ids included)."""
    found: list[Reference] = []

    def names(value: Any) -> bool:
        return isinstance(value, str) and (value == sid or sid in value.split("->"))

    def values(container: Any, slot: Any, where: str) -> None:
        value = container[slot]
        if isinstance(value, list):
            found.extend(Reference(where, value, n) for n, item in enumerate(value) if names(item))
        elif names(value):
            found.append(Reference(where, container, slot))

    for name in ("statements", "inferences", "conflicts", "groups", "indicators"):
        for eid, entry in _entries(tree, name):
            if not isinstance(entry, dict) or (name == "statements" and eid == sid):
                continue
            for key in entry:
                if key in (*_REFERENCE_FIELDS, "premises", "conclusion", "attacker", "target", "members"):
                    values(entry, key, f"{name}.{eid}.{key}")
            expect = entry.get("expect") if name == "indicators" else None
            if isinstance(expect, dict) and sid in expect:
                found.append(Reference(f"indicators.{eid}.expect", expect, sid, as_key=True))
    ach = tree.get("ach")
    if isinstance(ach, dict):
        tables = [("ach.ratings", ach.get("ratings"))]
        tables += [(f"ach.analysts.{n}", rows) for n, rows in _entries(ach, "analysts")]
        for where, rows in tables:
            if not isinstance(rows, dict):
                continue
            if sid in rows:
                found.append(Reference(where, rows, sid, as_key=True))
            found.extend(
                Reference(f"{where}.{row}", cells, sid, as_key=True)
                for row, cells in rows.items()
                if isinstance(cells, dict) and sid in cells
            )
        if isinstance(ach.get("priors"), dict) and sid in ach["priors"]:
            found.append(Reference("ach.priors", ach["priors"], sid, as_key=True))
    expect = tree.get("map", {}).get("expect") if isinstance(tree.get("map"), dict) else None
    for label in ("in", "out", "undec"):
        if isinstance(expect, dict) and isinstance(expect.get(label), list):
            values(expect, label, f"map.expect.{label}")
    return found


def _entries(tree: Any, name: str) -> list[tuple[str, Any]]:
    section_ = tree.get(name) if isinstance(tree, dict) else None
    return list(section_.items()) if isinstance(section_, dict) else []


def _section_of(tree: CommentedMap, sid: str) -> str:
    for name in SECTIONS:
        if sid in dict(_entries(tree, name)):
            return name
    raise EditFailed(f"no entry '{sid}' in this map")


def _rename_key(mapping: CommentedMap, old: str, new: str) -> None:
    """Rename a key in place: same position, same value, its comments moved along."""
    position = list(mapping).index(old)
    value = mapping.pop(old)
    mapping.insert(position, new, value)
    if old in mapping.ca.items:
        mapping.ca.items[new] = mapping.ca.items.pop(old)


def rename(old: str, new: str) -> Change:
    """A change renaming an entry and every reference to it (shorthand ids like ``E1->C1`` too)."""

    def change(tree: CommentedMap) -> str:
        name = _section_of(tree, old)
        _check_new_id(tree, new)
        for ref in references(tree, old):
            if ref.as_key:
                _rename_key(ref.container, old, new)
            else:
                value = ref.container[ref.slot]
                ref.container[ref.slot] = "->".join(
                    new if part == old else part for part in value.split("->")
                )
        _rename_key(tree[name], old, new)
        for ids in _interchange_ids(tree, create=True):
            if old in ids:
                _rename_key(ids, old, new)
            else:
                ids[new] = old  # the other format's id was the old map id
        return f"{old} -> {new}"

    return change


def _forget_ids(tree: CommentedMap, removed: set[str]) -> None:
    """Drop removed elements from the interchange id tables (:func:`_interchange_ids`)."""
    for ids in _interchange_ids(tree):
        for element in removed & set(ids):
            delete_key(ids, element)


def _interchange_ids(tree: CommentedMap, create: bool = False) -> list[CommentedMap]:
    """The ``ids`` table (map id → the other format's id) of each ``interchange`` section.

    With ``create``, a section without one gets an empty one. An id with no
    entry is the same in both; a rename or a removal keeps these tables true,
    so that an export writes the ids the other tool knows.
    """
    sections = [value for _, value in _entries(tree, "interchange") if isinstance(value, dict)]
    if create:
        for found in sections:
            if "ids" not in found:
                found["ids"] = CommentedMap()
    return [found["ids"] for found in sections if isinstance(found.get("ids"), dict)]


def remove(sid: str, cascade: bool = False) -> Change:
    """A change removing an entry; with references to it, refused unless ``cascade``, which removes them too.

    Cascading removes the inferences and conflicts that name the id (a
    linked argument loses the whole inference), the id from groups, lists
    and expected labels, and its ratings; it reports every place it touched.
    """

    def change(tree: CommentedMap) -> str:
        name = _section_of(tree, sid)
        found = references(tree, sid)
        if found and not cascade:
            places = ", ".join(dict.fromkeys(ref.where for ref in found))
            raise EditFailed(f"'{sid}' is named in {places}; --cascade removes those too")
        gone = [f"{name}.{sid}"]
        for ref in sorted(
            found, key=lambda r: (isinstance(r.slot, int), -r.slot if isinstance(r.slot, int) else 0)
        ):
            gone.append(_cut(tree, ref))
        delete_key(tree[name], sid)
        removed_links = [g.split(".")[1] for g in gone if g.split(".")[0] in LINK_SECTIONS]
        for element in removed_links:  # an undercut of a removed inference goes too
            gone.extend(_cut(tree, ref) for ref in references(tree, element))
        for gid, group in _entries(tree, "groups"):
            if isinstance(group, dict) and group.get("members") == []:
                delete_key(tree["groups"], gid)  # a group needs a member: an emptied one goes too
                gone.append(f"groups.{gid}")
        _forget_ids(
            tree, {g.split(".")[1] for g in gone if g.split(".")[0] in ("statements", *LINK_SECTIONS)}
        )
        return "removed " + ", ".join(dict.fromkeys(gone))

    change.removes = True  # type: ignore[attr-defined]  # its comments may go with it
    return change


def _cut(tree: CommentedMap, ref: Reference) -> str:
    """Remove one reference; a link that needs it (an inference, a conflict) goes whole."""
    parts = ref.where.split(".")
    if parts[0] in ("inferences", "conflicts") and parts[2] in (
        "premises",
        "conclusion",
        "attacker",
        "target",
    ):
        if parts[1] in tree[parts[0]]:
            delete_key(tree[parts[0]], parts[1])
        return f"{parts[0]}.{parts[1]}"
    if isinstance(ref.container, list):
        del ref.container[ref.slot]
    elif ref.slot in ref.container:
        delete_key(ref.container, ref.slot)
    return ref.where


# --------------------------------------------------------------------------- link and unlink


def link(
    source: str,
    target: str,
    kind: str = "support",
    with_premises: tuple[str, ...] = (),
    weak: bool = False,
    new_id: str | None = None,
) -> Change:
    """A change linking two existing entries: ``source`` supports or attacks ``target``.

    Written as the source's shorthand when it can be (``supports: C1``); as an
    explicit inference (co-premises, or an id given) or conflict (weak, or an
    id given) otherwise.
    """

    def change(tree: CommentedMap) -> str:
        statements = section(tree, "statements")
        if source not in statements:
            raise EditFailed(f"no statement '{source}' in this map")
        if kind == "support" and (with_premises or new_id):
            return _explicit(
                tree,
                "inferences",
                new_id or next_id(tree, "I"),
                premises=[source, *with_premises],
                conclusion=target,
            )
        if kind != "support" and (weak or new_id):
            fields = {"kind": kind, "attacker": source, "target": target}
            if weak:
                fields["strength"] = "weak"
            return _explicit(tree, "conflicts", new_id or next_id(tree, "X"), **fields)
        if weak:
            raise EditFailed("only an attack can be weak")
        entry = statements[source]
        name = LINK_FIELD[kind]
        if target in _ids_in(entry.get(name)):
            raise EditFailed(f"'{source}' already {name} '{target}'")
        _append_id(entry, name, target)
        return f"{source} {name} {target}"

    return change


def _flow(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _explicit(tree: CommentedMap, name: str, element: str, **fields: Any) -> str:
    _check_new_id(tree, element)
    entry = CommentedMap()
    for key, value in fields.items():
        entry[key] = _flow(value) if isinstance(value, list) else value
    section(tree, name)[element] = entry
    return element


def unlink(source: str, target: str, kind: str = "support") -> Change:
    """A change removing the link from ``source`` to ``target``: its shorthand, else its one explicit link."""

    def change(tree: CommentedMap) -> str:
        entry = dict(_entries(tree, "statements")).get(source)
        name = LINK_FIELD[kind]
        if isinstance(entry, dict) and entry.get(name) is not None:
            current = entry[name]
            if current == target:
                delete_key(entry, name)
                return f"{source} no longer {name} {target}"
            if isinstance(current, list) and target in current:
                current.remove(target)
                if not current:
                    delete_key(entry, name)
                return f"{source} no longer {name} {target}"
        found = _explicit_links(tree, source, target, kind)
        if len(found) != 1:
            what = (
                f"several links ({', '.join(e for _, e in found)}): rm the one to drop"
                if found
                else "no link"
            )
            raise EditFailed(f"{what} from '{source}' to '{target}' of kind {kind}")
        [(name_, element)] = found
        delete_key(tree[name_], element)
        _forget_ids(tree, {element})
        return f"removed {name_}.{element}"

    change.removes = True  # type: ignore[attr-defined]  # its comments may go with it
    return change


def _explicit_links(tree: CommentedMap, source: str, target: str, kind: str) -> list[tuple[str, str]]:
    if kind == "support":
        return [
            ("inferences", iid)
            for iid, entry in _entries(tree, "inferences")
            if isinstance(entry, dict)
            and entry.get("conclusion") == target
            and source in (entry.get("premises") or [])
        ]
    return [
        ("conflicts", cid)
        for cid, entry in _entries(tree, "conflicts")
        if isinstance(entry, dict)
        and entry.get("kind") == kind
        and entry.get("attacker") == source
        and entry.get("target") == target
    ]


# --------------------------------------------------------------------------- deleting without losing comments


def delete_key(mapping: CommentedMap, key: Any) -> None:
    """Delete ``mapping[key]`` and keep the comments ruamel.yaml attached to it that belong to its neighbours.

    ruamel.yaml hangs the comment lines that follow an entry on that entry
    (on its last line, deep inside a block value), and a comment above an
    entry sometimes on the entry itself. Deleting the entry would lose both.
    Here the lines after the entry's own end-of-line comment move to the
    entry before it, and the lines above it to the entry after it.
    """
    keys = list(mapping)
    position = keys.index(key)
    after = _trailing_lines(mapping, key)
    before = mapping.ca.items.get(key, [None, None])[1]
    del mapping[key]
    mapping.ca.items.pop(key, None)
    if before and position < len(keys) - 1:
        following = mapping.ca.items.setdefault(keys[position + 1], [None, None, None, None])
        following[1] = [*before, *(following[1] or [])]
    elif before:
        after = "".join(token.value for token in before) + after
    if after.strip() and position > 0:
        _append_after(mapping, keys[position - 1], after)


def _tail(mapping: CommentedMap, key: Any) -> tuple[dict[Any, list[Any]], Any, int]:
    """Where the comment after ``mapping[key]`` hangs: (comment items, their key, slot)."""
    value = mapping[key]
    if isinstance(value, CommentedMap) and len(value) and not value.fa.flow_style():
        return _tail(value, list(value)[-1])
    if isinstance(value, CommentedSeq) and len(value) and not value.fa.flow_style():
        return value.ca.items, len(value) - 1, 0
    return mapping.ca.items, key, 2


def _trailing_lines(mapping: CommentedMap, key: Any) -> str:
    """The comment lines after the entry's own line (its end-of-line comment left out)."""
    items, slot, index = _tail(mapping, key)
    entry = items.get(slot)
    token = entry[index] if entry and len(entry) > index else None
    if token is None or "\n" not in token.value:
        return ""
    return token.value.split("\n", 1)[1]


def _append_after(mapping: CommentedMap, key: Any, lines: str) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    items, slot, index = _tail(mapping, key)
    entry = items.setdefault(slot, [None, None, None, None] if index == 2 else [None, None])
    token = entry[index]
    if token is None:
        entry[index] = CommentToken("\n" + lines, CommentMark(0), None)
    else:
        token.value = (token.value if token.value.endswith("\n") else token.value + "\n") + lines


# --------------------------------------------------------------------------- repairs (argmap fix)


def apply_repair(tree: CommentedMap, repair: Repair) -> str:
    """Make a rule's :class:`~argmap.checks.registry.Repair` on the round-trip tree; return its description.

    Raises:
        EditFailed: an edit's path is not in the file as the rule saw it.
    """
    for edit in repair.edits:
        _apply_edit(tree, edit)
    return repair.description


def _apply_edit(tree: CommentedMap, edit: FileEdit) -> None:
    *parents, last = edit.path
    container: Any = tree
    for step in parents:
        if not _holds(container, step):
            raise EditFailed(f"cannot repair: {'.'.join(map(str, edit.path))} is not in the file")
        container = container[step]
    if isinstance(last, int) and not isinstance(container, list):  # one value written as a scalar
        container, last = _scalar_parent(tree, parents), parents[-1]
    if edit.action == "set":
        container[last] = edit.value
    elif edit.action == "remove":
        _remove(tree, parents, container, last)
    elif edit.action == "split" and isinstance(container, list):
        container[last : last + 1] = list(edit.value)  # one passage or several, in place
    elif edit.action == "split":
        container[last] = edit.value[0] if len(edit.value) == 1 else CommentedSeq(edit.value)
    elif edit.action == "append":
        _append_id(container, last, edit.value)
    elif edit.action == "rename":
        _rename_key(container, last, edit.value)
    else:
        raise EditFailed(f"unknown repair action {edit.action!r}")


def _holds(container: Any, step: Any) -> bool:
    if isinstance(container, list):
        return isinstance(step, int) and 0 <= step < len(container)
    return isinstance(container, dict) and step in container


def _scalar_parent(tree: CommentedMap, parents: list[Any]) -> Any:
    container: Any = tree
    for step in parents[:-1]:
        container = container[step]
    return container


def _remove(tree: CommentedMap, parents: list[Any], container: Any, last: Any) -> None:
    if isinstance(container, list):
        del container[last]
        if not container:
            delete_key(_scalar_parent(tree, parents), parents[-1])
    else:
        delete_key(container, last)


def _ids_in(value: Any) -> list[str]:
    """The ids of a shorthand field written as one id or a list."""
    return list(value) if isinstance(value, list) else ([value] if value else [])


def _append_id(entry: Any, name: str, value: str) -> None:
    """Add ``value`` to the id field ``name`` (created, or widened from one id to a flow list)."""
    targets = _ids_in(entry.get(name))
    if value not in targets:
        entry[name] = value if not targets else _flow([*targets, value])


FIX_ROUNDS = 200
"""Most repairs ``argmap fix`` makes in one run (each followed by a fresh check)."""


def repaired_text(
    loaded: LoadedMap, analyse: Callable[[LoadedMap], Analysis], select: Iterable[str] | None = None
) -> tuple[str, list[Finding]]:
    """The map's text with every repair its rules offer made, one at a time, re-checking after each.

    Args:
        loaded: the map as it is.
        analyse: builds the analysis the rules read (with the user's source folders).
        select: rule codes or prefixes whose repairs to make; all if None.

    Returns:
        The repaired text and the findings repaired, in the order made, each
        at its place in the file as it was (found again by code and message;
        a finding that only appeared after an earlier repair is placed in
        the text as that repair left it).

    Raises:
        EditRefused: a repair would make the map unusable (a bug in a rule's repair).
        EditFailed: a repair's path is not in the file.
    """
    repaired: list[Finding] = []
    seen = {loaded.text}
    current = loaded
    original: dict[tuple[str, str], list[Finding]] = {}
    for _ in range(FIX_ROUNDS):
        findings = run_checks(analyse(current), select)
        if current is loaded:
            for found in findings:
                original.setdefault((found.code, found.message), []).append(found)
        finding = next((f for f in findings if f.repair), None)
        if finding is None or finding.repair is None:
            break
        tree = tree_of(current)
        apply_repair(tree, finding.repair)
        text = dump(tree)
        if text in seen:  # a repair that undoes another: stop rather than go round
            break
        seen.add(text)
        same = original.get((finding.code, finding.message))
        first = same.pop(0) if same else None  # copies of one message are repaired in file order
        repaired.append(replace(finding, position=first.position) if first else finding)
        current = _validated(text, loaded.file)
    return current.text, repaired
