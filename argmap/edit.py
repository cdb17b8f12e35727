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

import hashlib
import io
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from argmap.analysis import Analysis
from argmap.checks import Finding, Severity, run_checks
from argmap.errors import MapError
from argmap.files import write_atomic
from argmap.load import MAX_FILE_BYTES, LoadedMap, load_map, load_map_text
from argmap.model import ID_PATTERN, ConflictKind, StatementKind

LOCK_SECONDS = 30.0
"""How long an edit waits for another edit of the same map before giving up."""

KIND_LETTER: dict[StatementKind, str] = {
    StatementKind.CLAIM: "C",
    StatementKind.EVIDENCE: "E",
    StatementKind.ASSUMPTION: "A",
    StatementKind.HYPOTHESIS: "H",
}
"""The letter of the ids :func:`next_id` gives each kind of statement."""

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


def round_trip_yaml() -> YAML:
    """The ruamel.yaml round-trip loader and dumper argmap edits with.

    Block sequences are indented as argmap's own files are (``key:`` then
    ``  - item``) and lines are never re-wrapped, so an untouched file dumps
    back byte for byte (a test holds the showcase to it).
    """
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump(tree: Any) -> str:
    """The round-trip tree as YAML text."""
    stream = io.StringIO()
    round_trip_yaml().dump(tree, stream)
    return stream.getvalue()


def edit_map(path: Path | str, change: Change, *, force: bool = False) -> Edited:
    """Apply ``change`` to the map at ``path``, keeping comments and order, and write it atomically.

    Args:
        path: the map file; it must be usable as it is.
        change: edits the round-trip tree and returns what to report.
        force: write even if the edit adds error-level findings.

    Returns:
        The :class:`Edited` outcome.

    Raises:
        MapError: the map is unusable before the edit (fix it first).
        EditFailed: the change cannot be made (unknown id, id taken...).
        EditRefused: the edited map would be unusable, or would have new
            errors and ``force`` is false; the file is left byte for byte.
        OSError: the file cannot be written; filelock.Timeout: another edit
            holds the map for longer than :data:`LOCK_SECONDS`.
    """
    path = Path(path)
    with FileLock(_lock_path(path), timeout=LOCK_SECONDS):
        before = load_map(path)
        tree = _tree(before)
        result = change(tree)
        text = dump(tree)
        if text == before.text:
            return Edited(path, False, result)
        added = _new_errors(before, _validated(text, path))
        if added and not force:
            raise EditRefused(
                "the edit would add errors; nothing was written (--force writes it anyway)", added
            )
        write_atomic(path, text.encode("utf-8"))
        return Edited(path, True, result, added)


def _lock_path(path: Path) -> Path:
    """The lock file of a map: in the system's temporary folder, named by the map's real path.

    Kept out of the map's folder, so that no lock file lands in the analyst's
    repository; a map reached through a link locks the same file.
    """
    folder = Path(tempfile.gettempdir()) / "argmap-locks"
    folder.mkdir(mode=0o700, exist_ok=True)
    name = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return folder / f"{name}.lock"


def _tree(loaded: LoadedMap) -> CommentedMap:
    try:
        tree = round_trip_yaml().load(loaded.text)
    except YAMLError as error:  # the safe loader accepted it, so this is unexpected
        raise MapError.at(loaded.file, loaded.locate(()), f"cannot edit this YAML: {error}") from None
    if not isinstance(tree, CommentedMap):
        raise MapError.at(loaded.file, loaded.locate(()), "a map file must be a YAML mapping")
    return tree


def _validated(text: str, path: Path) -> LoadedMap:
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise EditRefused("the edited map would be larger than a map may be; nothing was written")
    try:
        return load_map_text(text, path)
    except MapError as error:
        reasons = "; ".join(problem.message for problem in error.problems)
        raise EditRefused(f"the edit would make the map unusable ({reasons}); nothing was written") from None


def _new_errors(before: LoadedMap, after: LoadedMap) -> list[Finding]:
    """Error findings of ``after`` that ``before`` does not have (same code and message)."""
    old = Counter((f.code, f.message) for f in _errors(before))
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
            entry[{"rebut": "rebuts", "undermine": "undermines", "undercut": "undercuts"}[new.link]] = (
                new.target
            )
        section(tree, "statements")[sid] = entry
        if new.supports and new.with_premises:
            iid = next_id(tree, "I")
            premises = CommentedSeq([sid, *new.with_premises])
            premises.fa.set_flow_style()
            section(tree, "inferences")[iid] = CommentedMap(premises=premises, conclusion=new.supports)
        return sid

    return change


def set_field(element: str, name: str, value: Any, unset: bool = False) -> Change:
    """A change setting (or removing) one field of an entry, the map header (``map``) or ``ach``.

    Args:
        element: an id of a section (:data:`SECTIONS`), or ``map`` or ``ach``.
        name: the field.
        value: the new value, already parsed (a YAML scalar, list or mapping).
        unset: remove the field instead.
    """

    def change(tree: CommentedMap) -> str:
        entry = _entry(tree, element)
        if unset:
            if name not in entry:
                raise EditFailed(f"'{element}' has no field '{name}' to unset")
            del entry[name]
        else:
            entry[name] = value
        return f"{element}.{name}"

    return change


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
        if note:
            full = CommentedMap(rating=rating, note=note)
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
    try:
        value = round_trip_yaml().load(text)
    except YAMLError as error:
        raise EditFailed(f"'{text}' is not a YAML value: {str(error).splitlines()[0]}") from None
    return text if value is None and text.strip() else value
