"""Load a map file: bytes → YAML (with positions) → validated :class:`ArgumentMap`.

The first stage of the pipeline. ruamel.yaml composes the node tree, which
keeps the line and column of every key and value; one walk over it builds
plain data and a :class:`PositionIndex` keyed by
the path of each element (``("statements", "C1", "source")``) so that every
later diagnostic can point at ``file:line:column``. The index also keeps
the start and end of every element, and :class:`LoadedMap` the text itself,
so that an edit can change one element and leave the rest of the file, its
comments and its order, as they were.

Anything that makes the file unusable raises :class:`~argmap.errors.MapError`:
unreadable or non-UTF-8 bytes, YAML syntax errors, anchors and aliases (refused:
they let a short hostile file expand exponentially), and values that do not
fit the model. Duplicate keys are not fatal: the first wins and the check
stage reports them (rule S001), so the analyst sees every duplicate at once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML, MappingNode, Node, ScalarNode
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from argmap import limits, progress
from argmap.errors import START, MapError, Position, Problem
from argmap.files import UnreadableFile, read_text
from argmap.model import (
    DATE_SPAN_HELP,
    REF_PATTERN,
    SHORTHAND_FIELD,
    AchSection,
    ArgumentMap,
    Conflict,
    ConflictKind,
    Excerpt,
    ExpectedLabels,
    Group,
    Indicator,
    Inference,
    MapInfo,
    RatedCell,
    Source,
    Statement,
    Window,
    normal_form,
    shorthand_conflict_id,
    shorthand_inference_id,
)
from argmap.text import shorten, visible

ElementPath = tuple[str | int, ...]
"""Path of an element in the YAML tree, e.g. ``("statements", "C1", "quote", 0)``."""

MAX_YAML_KEY = 1024
"""YAML's limit on a plain (implicit) key, in characters."""


@dataclass(frozen=True)
class DuplicateKey:
    """A mapping key written twice; the first occurrence is the one loaded."""

    path: ElementPath
    """Path of the repeated key."""
    position: Position
    """Where the repetition is."""
    first: Position
    """Where the key first appears."""


class Span(NamedTuple):
    """Where an element is written: from the start of its key (or list item) to the end of its value.

    A named tuple, not a dataclass: the loader makes one per element, and a
    frozen dataclass costs several times more to build.
    """

    start: Position
    """First character of the element."""
    end: Position
    """Just after its last character (a block value may end at the start of the next line)."""
    start_offset: int
    """Offset of :attr:`start` in the file's text, in characters."""
    end_offset: int
    """Offset of :attr:`end` in the file's text, in characters."""


@dataclass
class PositionIndex:
    """Where each element of a map file is written.

    Scalars are indexed at their value, mappings and sequences at their key.
    """

    positions: dict[ElementPath, Position] = field(default_factory=dict)
    """Position of every element, by path."""
    keys: dict[ElementPath, Position] = field(default_factory=dict)
    """Position of the key of every mapping entry, by path."""
    spans: dict[ElementPath, Span] = field(default_factory=dict)
    """Start and end of every mapping entry and list item, by path."""

    def clear(self) -> None:
        """Forget every position (a composer's reading is given up for another's)."""
        self.positions.clear()
        self.keys.clear()
        self.spans.clear()

    def locate(self, path: ElementPath) -> Position:
        """Position of ``path``, or of its nearest ancestor that is in the file.

        Args:
            path: an element path; unknown tail parts are dropped one by one.

        Returns:
            A :class:`Position`; :data:`~argmap.errors.START` if nothing matches.
        """
        for end in range(len(path), 0, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
        return START


@dataclass
class LoadedMap:
    """A map file after loading: its text, the model as written and expanded, and positions."""

    file: Path
    """The map file as given by the user."""
    text: str
    """The file's text, as read."""
    document: ArgumentMap
    """The map as written, shorthand kept."""
    expanded: ArgumentMap
    """The map with shorthand turned into inferences and conflicts (:meth:`ArgumentMap.expanded`)."""
    index: PositionIndex
    """Positions of the elements of the file."""
    duplicate_keys: list[DuplicateKey]
    """Keys written twice (reported by rule S001)."""
    origins: dict[ElementPath, ElementPath]
    """For generated elements, the path of the shorthand that made them."""

    def locate(self, *path: str | int) -> Position:
        """Position of an element of the expanded map, following shorthand back to the file.

        ``locate("inferences", "E1->C1")`` gives the position of ``C1`` in
        ``E1: {supports: C1}``.
        """
        return self.index.locate(self.origin(*path))

    def locate_key(self, *path: str | int) -> Position:
        """Position of the key of a mapping entry (``H3`` in ``H3: I``), else as :meth:`locate`."""
        origin = self.origin(*path)
        return self.index.keys.get(origin) or self.index.locate(origin)

    def origin(self, *path: str | int) -> ElementPath:
        """The path in the file of an element of the expanded map (its shorthand, if generated)."""
        for end in range(len(path), 0, -1):
            origin = self.origins.get(path[:end])
            if origin is not None:
                return origin
        return path


def load_map(file: Path | str) -> LoadedMap:
    """Read, parse and validate one map file.

    Args:
        file: path of a YAML map file.

    Returns:
        The :class:`LoadedMap`.

    Raises:
        MapError: the file is unreadable, not UTF-8, empty, not YAML, uses
            anchors/aliases, or does not fit the model; every problem carries
            its ``file:line:column``.
    """
    file = Path(file)
    try:
        text = read_text(file, limits.max_map_bytes(), limits.how_to_raise("ARGMAP_MAX_MAP_MB"))
    except UnreadableFile as error:
        message = (
            error.reason if error.reason.startswith("not UTF-8") else f"cannot read the file: {error.reason}"
        )
        raise MapError.at(file, error.position, message) from None
    with progress.task(f"reading {file.name}"):
        return load_map_text(text, file)


def load_map_text(text: str, file: Path | str = Path("<string>")) -> LoadedMap:
    """Parse and validate a map given as text; ``file`` names it in messages.

    Raises:
        MapError: as :func:`load_map`.
    """
    file = Path(file)
    index = PositionIndex()
    data, duplicates = _parse_yaml(text, file, index)
    if not isinstance(data, dict):
        raise MapError.at(file, START, "a map file must be a YAML mapping with a 'map:' section")
    _within_statement_limit(data, file, index)
    try:
        document = ArgumentMap.model_validate(data)
    except ValidationError as error:
        raise MapError(_problems(error, file, index)) from None
    return LoadedMap(
        file=file,
        text=text,
        document=document,
        expanded=document.expanded(),
        index=index,
        duplicate_keys=duplicates,
        origins=_shorthand_origins(document),
    )


def _within_statement_limit(data: dict[str, Any], file: Path, index: PositionIndex) -> None:
    """Raise :class:`MapError` if the map has more statements than :func:`argmap.limits.max_statements`."""
    statements = data.get("statements")
    most = limits.max_statements()
    if isinstance(statements, dict) and len(statements) > most:
        message = (
            f"{len(statements):,} statements are more than the {most:,} a map allows "
            f"({limits.how_to_raise('ARGMAP_MAX_STATEMENTS', 'statements')})"
        )
        raise MapError.at(file, index.keys.get(("statements",), START), message)


def _parse_yaml(text: str, file: Path, index: PositionIndex) -> tuple[Any, list[DuplicateKey]]:
    """Compose the YAML node tree and convert it to plain data, recording positions."""
    if not text.lstrip("\ufeff").strip():
        raise MapError.at(file, START, "the file is empty; a map needs at least a 'map:' section")
    yaml = YAML(typ="safe", pure=True)
    try:
        fast = _compose_fast(text)
        if fast is not None:
            converter = _Converter(file, index, yaml.constructor, composed_by_libyaml=True)
            try:
                return converter.convert(fast, ()), converter.duplicates
            except _MarksDiffer:
                index.clear()
        _known_yaml_version(text, file)
        node = yaml.compose(text)
        if node is None:
            raise MapError.at(file, START, "the file holds no data; a map needs at least a 'map:' section")
        converter = _Converter(file, index, yaml.constructor)
        data = converter.convert(node, ())
    except MarkedYAMLError as error:
        raise MapError.at(file, *_syntax_problem(error)) from None
    except ReaderError as error:
        before = text[: error.position]
        position = Position(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "?")
        message = f"character U+{code:04X} is not allowed in YAML; remove it"
        raise MapError.at(file, position, message) from None
    except YAMLError as error:
        raise MapError.at(file, START, f"YAML: {' '.join(str(error).split())}") from None
    except RecursionError:  # the composer recursed deeper than Python allows, before the converter's limit
        raise MapError.at(file, START, _TOO_DEEP) from None
    return data, converter.duplicates


_ANCHOR_ALIAS_TAG = re.compile(r"[&*!](?<![^\s\[{,:][&*!])\S")
"""``&``, ``*`` or ``!`` where YAML reads an anchor, alias or tag: first in the text, or after a
space, ``[``, ``{``, ``,`` or ``:`` (``{"text":&x a}`` is an anchor in a flow mapping), and
followed by more than a space. (The character is matched first so
that the search can skip ahead to it; the look-behind then checks what stands before.)"""

_VERSION_DIRECTIVE = re.compile(r"(?:^|(?<=\r))\ufeff?%YAML[ \t]+(\S*)", re.MULTILINE)
"""A ``%YAML`` directive at a line's start, after LF or a lone CR, a byte-order mark allowed before it."""


def _known_yaml_version(text: str, file: Path) -> None:
    """Refuse a ``%YAML`` directive of a version ruamel.yaml does not read (it fails an assertion).

    Raises:
        MapError: at the directive: the version is not 1.1 or 1.2.
    """
    if "%YAML" not in text:
        return
    for match in _VERSION_DIRECTIVE.finditer(text):
        major, _, minor = match.group(1).partition(".")
        if not (major == "1" and minor.isascii() and minor.isdigit() and int(minor) in (1, 2)):
            before = text[: match.start()]
            line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
            version = visible(match.group(1))
            message = f"YAML version '{version}' is not one argmap reads: write %YAML 1.2, or nothing"
            raise MapError.at(file, Position(line, 1), message)


_LINE_STARTS = ("%", "---", "...")
"""A directive or a document marker, where it starts a line."""


def _needs_ruamel(text: str) -> bool:
    """True where libyaml may read ``text`` otherwise than ruamel.

    Anchors, aliases, tags, directives, document markers, tabs (ruamel
    refuses a tab in a plain text, libyaml does not) and a byte-order mark
    (libyaml counts offsets after it). A false alarm (a plain text holding
    `` &x``) only costs the slow path; ``tests/test_fast_yaml.py`` compares
    the two readings. Plain substring tests first: one regular expression
    over every position took 2 s of a 25 MB map.
    """
    if "\t" in text or "\ufeff" in text or text.startswith(_LINE_STARTS):
        return True
    if any(f"{end}{start}" in text for end in "\n\r" for start in _LINE_STARTS):
        return True
    return _ANCHOR_ALIAS_TAG.search(text) is not None


def _compose_fast(text: str) -> Any:
    """The node tree composed by libyaml (PyYAML's C parser), or None where ruamel must compose it.

    ruamel's pure-Python composer is the reference: its node tree, its YAML
    1.2 reading of plain scalars (the same resolver decides each tag here) and
    its error messages. libyaml composes the same tree, with the same marks,
    in C (a map of 3,000 statements loads in 1.35 s rather than 4.7 s here);
    it is used only for text :func:`_needs_ruamel` passes, and any error it
    meets sends the text to ruamel, whose message is the one reported.
    Returns None where libyaml is missing too.
    """
    if _FastLoader is None or _needs_ruamel(text):
        return None
    try:
        return yaml_c.compose(text, Loader=_FastLoader)
    except yaml_c.YAMLError:
        return None


try:
    import yaml as yaml_c

    class _FastLoader(yaml_c.CSafeLoader):  # type: ignore[name-defined,misc]
        """libyaml's parser and composer, with ruamel's YAML 1.2 resolver for plain scalars."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is not yaml_c.ScalarNode:
                return super().resolve(kind, value, implicit)
            if implicit[0]:  # a plain scalar: ruamel's YAML 1.2 table, by its first character
                for tag, pattern in _PLAIN_SCALAR_TAGS.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR_TAG

except (ImportError, AttributeError):  # no PyYAML, or one built without libyaml
    _FastLoader = None  # type: ignore[assignment,misc]


def _plain_scalar_tags() -> dict[str, list[tuple[str, Any]]]:
    """The implicit resolvers of ruamel for YAML 1.2 (the version a map is read as), by first character."""
    table = YAML(typ="safe", pure=True).resolver.versioned_resolver
    anywhere = table.get(None) or []
    return {
        first: [(str(tag), pattern) for tag, pattern in [*rows, *anywhere]] for first, rows in table.items()
    }


def _syntax_problem(error: MarkedYAMLError) -> tuple[Position, str]:
    mark = error.problem_mark or error.context_mark
    position = _position(mark) if mark else START
    problem = " ".join(str(error.problem or error.context or "syntax error").split())
    if "expected a single document" in str(error.context):
        return position, "a map file holds one YAML document; a second one starts here"
    if problem == "mapping values are not allowed here" and mark and mark.column >= MAX_YAML_KEY:
        return position, (
            f"YAML syntax: a key longer than {MAX_YAML_KEY:,} characters is not allowed in YAML "
            "(an id has at most 64)"
        )
    if "'\\t'" in problem:
        return position, (
            "YAML syntax: a tab cannot indent or start a value in YAML; indent with spaces, "
            "and put a text that holds a tab in quotes"
        )
    context = error.context_mark
    if error.context and error.problem and context and context != mark:
        started = " ".join(error.context.split())
        problem += f" ({started} at line {context.line + 1}, column {context.column + 1})"
    return position, f"YAML syntax: {problem}"


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_SCALAR_TAGS = {
    f"tag:yaml.org,2002:{name}": name for name in ("str", "int", "float", "bool", "null", "timestamp")
}


_RESOLVER = YAML().resolver
"""Tells a key YAML reads as a boolean, null, number or date by itself from one tagged so."""

_PLAIN_SCALAR_TAGS = _plain_scalar_tags()
_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_PLAIN_VALUES: dict[str, Any] = {
    "bool": lambda text: text.lower() == "true",
    "null": lambda text: None,
    "int": int,
}
"""The value of a plain scalar that YAML 1.2's resolver tagged so (an int only in plain decimal)."""
_STR_TAG = "tag:yaml.org,2002:str"


def _bad_key(node: Any) -> str:
    """Why a YAML key cannot be a map key, with what to write instead."""
    kind = _SCALAR_TAGS.get(node.tag) if node.id == "scalar" else None
    implicit = kind is not None and _SCALAR_TAGS.get(
        str(_RESOLVER.resolve(ScalarNode, node.value, (True, False)))
    )
    if kind in ("bool", "null", "float", "timestamp") and implicit == kind:
        reads = {
            "bool": "true or false",
            "null": "nothing (null)",
            "float": "a number",
            "timestamp": "a date",
        }
        quoted = f'"{node.value}"'
        return f"the key '{node.value}' reads as {reads[kind]}: quote it ({quoted}) or use an id such as C1"
    return "a key must be plain text, not a list, mapping or tagged value"


_TOO_DEEP = (
    f"the YAML nests deeper than {limits.NESTING} levels, the most argmap reads "
    "(a map nests five; this limit is fixed)"
)


_SURROGATE = re.compile("[\ud800-\udfff]")
_HALF_CHARACTER = (
    "half of a character (a lone UTF-16 surrogate escape such as \\ud800): no file can hold it; remove it"
)


def _code_points(text: str) -> str:
    r"""``text`` with every character outside ASCII as ``\uXXXX``, to tell look-alike keys apart."""
    return "".join(
        c if c.isascii() else f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}" for c in text
    )


class _MarksDiffer(Exception):
    """A node whose marks libyaml sets otherwise than ruamel (an empty value): ruamel must compose."""


class _Converter:
    """Turns a composed YAML node tree into plain dicts, lists and scalars.

    Records the position of every key and value in a :class:`PositionIndex`,
    collects duplicate keys (the first wins), refuses anchors, aliases and
    non-standard tags, and reports a scalar that cannot be constructed
    (``!!int abc``) at its position. An impossible date (``2025-02-30``)
    stays text, for the model to say what the field expects.
    """

    def __init__(
        self, file: Path, index: PositionIndex, constructor: Any, composed_by_libyaml: bool = False
    ) -> None:
        self.file = file
        self.index = index
        self.constructor = constructor
        self.duplicates: list[DuplicateKey] = []
        self.composed_by_libyaml = composed_by_libyaml
        self.longest_text = limits.max_text_characters()

    def convert(self, node: Node, path: ElementPath) -> Any:
        if self.composed_by_libyaml and node.id == "scalar" and node.value == "" and not node.style:
            raise _MarksDiffer  # libyaml and ruamel place an empty value differently: ruamel reads it
        if getattr(node, "anchor", None):
            raise MapError.at(
                self.file,
                _position(node.start_mark),
                "YAML anchors and aliases (&name, *name) are not supported in map files",
            )
        if node.id != "scalar" and node.tag not in _COLLECTION_TAGS:
            raise MapError.at(self.file, _position(node.start_mark), f"unsupported YAML tag '{node.tag}'")
        if node.id != "scalar" and len(path) >= limits.NESTING:
            raise MapError.at(self.file, _position(node.start_mark), _TOO_DEEP)
        if node.id == "mapping":
            return self._mapping(node, path)
        if node.id == "sequence":
            return [self._child(item, (*path, number)) for number, item in enumerate(node.value)]
        return self._scalar(node)

    def _child(self, node: Node, path: ElementPath) -> Any:
        self.index.positions[path] = _position(node.start_mark)
        self._span(path, node.start_mark, node.end_mark)
        return self.convert(node, path)

    def _span(self, path: ElementPath, start: Any, end: Any) -> None:
        self.index.spans[path] = Span(_position(start), _position(end), start.index, end.index)

    def _mapping(self, node: MappingNode, path: ElementPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        positions, keys, spans = self.index.positions, self.index.keys, self.index.spans
        plain_nodes = self.composed_by_libyaml  # they carry no anchors (those go to ruamel)
        all_ascii = True
        for key_node, value_node in node.value:
            start = key_node.start_mark
            here = Position(start.line + 1, start.column + 1)
            if key_node.id != "scalar" or _SCALAR_TAGS.get(key_node.tag) not in ("str", "int"):
                raise MapError.at(self.file, here, _bad_key(key_node))
            key = str(key_node.value)
            if not key.isascii() and _SURROGATE.search(key):
                raise MapError.at(self.file, here, _HALF_CHARACTER)
            all_ascii = all_ascii and key.isascii()
            child = (*path, key)
            if key in result:
                self.duplicates.append(DuplicateKey(child, here, keys[child]))
                continue
            keys[child] = positions[child] = here
            end = value_node.end_mark
            spans[child] = Span(here, Position(end.line + 1, end.column + 1), start.index, end.index)
            if value_node.id != "scalar" or value_node.value == "":
                result[key] = self.convert(value_node, child)
                continue
            value_start = value_node.start_mark
            positions[child] = Position(value_start.line + 1, value_start.column + 1)
            if value_node.tag == _STR_TAG and (plain_nodes or not getattr(value_node, "anchor", None)):
                result[key] = self._text(value_node)  # the common case, without the checks of convert
            else:
                result[key] = self.convert(value_node, child)
        if not all_ascii:
            self._same_after_normalisation(result, path)
        return result

    def _same_after_normalisation(self, mapping: dict[str, Any], path: ElementPath) -> None:
        """Refuse two keys of one mapping that differ only in Unicode normalisation (NFKC).

        ``José`` typed with a composed é and with e and a combining accent look the
        same, print the same, and would count as two analysts.
        """
        first_of: dict[str, str] = {}
        for key in mapping:
            normal = normal_form(key)
            if normal in first_of:
                first = first_of[normal]
                line = self.index.keys[(*path, first)].line
                message = (
                    f"key '{visible(key)}' ({_code_points(key)}) is the key of line {line}, "
                    f"'{visible(first)}' ({_code_points(first)}), in other Unicode characters "
                    "(the same after NFKC normalisation); write it one way"
                )
                raise MapError.at(self.file, self.index.keys[(*path, key)], message)
            first_of[normal] = key

    def _text(self, node: Node) -> str:
        text = str(node.value)
        if not text.isascii() and _SURROGATE.search(text):
            raise MapError.at(self.file, _position(node.start_mark), _HALF_CHARACTER)
        if len(text) > self.longest_text:
            message = (
                f"a text of {len(text):,} characters is longer than the {self.longest_text:,} a map allows "
                f"({limits.how_to_raise('ARGMAP_MAX_TEXT_CHARS', 'characters')}); "
                "put a long document in a source file"
            )
            raise MapError.at(self.file, _position(node.start_mark), message)
        return text

    def _scalar(self, node: Node) -> Any:
        kind = _SCALAR_TAGS.get(node.tag)
        if kind == "str":
            return self._text(node)
        where = _position(node.start_mark)
        if kind is None:
            raise MapError.at(self.file, where, f"unsupported YAML tag '{node.tag}'")
        if kind == "int" and len(node.value) > limits.NUMBER_CHARACTERS:
            most = limits.NUMBER_CHARACTERS
            message = f"a number of {len(node.value):,} characters is too long to read (at most {most:,})"
            raise MapError.at(self.file, where, message)
        if not isinstance(node, ScalarNode):  # composed by libyaml, so its tag is implicit (no '!')
            if kind in _PLAIN_VALUES and (kind != "int" or _PLAIN_INT.fullmatch(node.value)):
                return _PLAIN_VALUES[kind](node.value)
            node = ScalarNode(node.tag, node.value, node.start_mark, node.end_mark, style=node.style)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except Exception:  # ruamel raises ValueError, KeyError, IndexError... on odd scalars
            if kind == "timestamp":  # 2025-02-30: the model says which field wants what kind of date
                return str(node.value)
            shown = str(node.value)[:40]
            raise MapError.at(self.file, where, f"cannot read '{shown}' as {kind}") from None
        return str(value) if isinstance(value, str) else value


SECTION_MODELS: dict[str, type[BaseModel]] = {
    "sources": Source,
    "statements": Statement,
    "inferences": Inference,
    "conflicts": Conflict,
    "groups": Group,
    "indicators": Indicator,
}
"""The model of an entry of each id-keyed section of a map."""


def _model_at(path: ElementPath) -> type[BaseModel] | None:
    """The model whose keys are expected at ``path`` (the parent of a key)."""
    if not path:
        return ArgumentMap
    if path == ("map",):
        return MapInfo
    if len(path) == 4 and path[0] == "sources" and path[2] == "excluded":
        return Excerpt
    if len(path) == 3 and path[0] == "indicators" and path[2] == "window":
        return Window
    if path == ("ach",):
        return AchSection
    if path[:2] in (("ach", "ratings"), ("ach", "analysts")) and len(path) == (
        4 if path[1] == "ratings" else 5
    ):
        return RatedCell
    if path == ("map", "expect"):
        return ExpectedLabels
    if len(path) == 2 and isinstance(path[0], str):
        return SECTION_MODELS.get(path[0])
    return None


_CELL_BRANCHES = {"str-enum[Rating]": False, "RatedCell": True}
"""The two readings of an ACH cell (a rating, or a mapping with a note) as pydantic names them in an
error's location, each with whether it is the reading of a mapping."""


def _cell_branch(detail: Any) -> bool | None:
    """For an error under one reading of an ACH cell: whether that reading fits the value written.

    Returns:
        None for any other error; True when the reading is the one to report (a mapping read
        as a :class:`RatedCell`, anything else as a rating), False for the other reading.
    """
    branch = next((part for part in detail["loc"] if part in _CELL_BRANCHES), None)
    if branch is None:
        return None
    cell = detail["loc"][: detail["loc"].index(branch)]
    return _CELL_BRANCHES[branch] == isinstance(_value_at(detail, cell), dict)


def _value_at(detail: Any, cell: tuple[Any, ...]) -> Any:
    """The value written at an error's cell: the error's input, unless the error lies deeper."""
    return detail["input"] if len(detail["loc"]) == len(cell) + 1 else {}


def _problems(error: ValidationError, file: Path, index: PositionIndex) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        if _cell_branch(detail) is False:
            continue  # the value is read the other way; that reading's error is the one to show
        path = tuple(
            part
            for part in detail["loc"]
            if isinstance(part, str | int) and part != "[key]" and part not in _CELL_BRANCHES
        )
        written = path[:-1] if path and isinstance(path[-1], int) and path not in index.positions else path
        where = ".".join(shorten(str(part), 40) for part in written) or "the file"  # one item: as written
        on_key = detail["type"] == "extra_forbidden" or "[key]" in detail["loc"]
        position = index.keys.get(path) if on_key else None
        problems.append(Problem(file, position or index.locate(path), f"{where}: {_describe(detail, path)}"))
    return sorted(problems, key=lambda problem: problem.position)


def _rating_key_mistyped(path: ElementPath) -> bool:
    """True for a key of an ACH rating row that reads as a misspelt ``note`` (``notes``, ``Note``)."""
    in_row = path[:2] == ("ach", "ratings") and len(path) == 4
    in_row = in_row or (path[:2] == ("ach", "analysts") and len(path) == 5)
    return in_row and path[-1] != "note" and bool(difflib.get_close_matches(str(path[-1]).lower(), ["note"]))


_DATE_KEYS = frozenset({"date", "cutoff", "horizon"})
"""Keys whose value is a date span (:data:`argmap.model.DateSpan`)."""


def _required(path: ElementPath) -> bool:
    """True if the key at ``path`` must be written (a required field of its model)."""
    model = _model_at(path[:-1])
    field = model.model_fields.get(str(path[-1])) if model and path else None
    return field is not None and field.is_required()


def _keys_of(model: type[BaseModel]) -> list[str]:
    """The keys a map file may write for ``model``: its fields, by alias where they have one."""
    return [field.alias or name for name, field in model.model_fields.items()]


def _describe(detail: Any, path: ElementPath) -> str:
    kind = detail["type"]
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        keys = _keys_of(model) if (model := _model_at(path)) else []
        shown = f" ({', '.join(keys)})" if len(keys) <= 8 else f" such as {', '.join(keys[:4])}"
        return f"expected a mapping of keys{shown if keys else ''}, not {shorten(repr(detail['input']), 40)}"
    if kind == "too_short" and isinstance(detail.get("input"), list):
        return "the list is empty: give at least one item"
    if _rating_key_mistyped(path):
        return f"unknown key '{path[-1]}'; did you mean 'note'? (other keys are hypothesis ids)"
    if kind == "string_type" and path and path[-1] in _DATE_KEYS:
        return f"{detail['input']!r} is not a date: {DATE_SPAN_HELP}"
    if kind == "string_too_short":
        return "the text is empty (or only spaces): write it" + ("" if _required(path) else ", or remove it")
    if kind == "extra_forbidden":
        model = _model_at(path[:-1])
        allowed = _keys_of(model) if model else []
        guess = difflib.get_close_matches(str(path[-1]), allowed, n=1)
        hint = f"; did you mean '{guess[0]}'?" if guess else f"; allowed here: {', '.join(allowed)}"
        return f"unknown key '{path[-1]}'{hint}" if allowed else f"unknown key '{path[-1]}'"
    if kind == "missing":
        return "required key is missing"
    if kind == "string_too_long":
        limit = detail.get("ctx", {}).get("max_length")
        return f"too long: at most {limit} characters, this has {len(detail['input'])}"
    if path and path[-1] == "probability" and kind in ("less_than_equal", "greater_than_equal"):
        return f"{detail['input']!r} is not a probability: write a fraction from 0 to 1 (0.7 for 70 %)"
    if kind == "value_error":
        return str(detail.get("ctx", {}).get("error", detail["msg"]))
    if detail.get("input", "") is None:
        return "has no value; give one or remove the key"
    if kind == "string_pattern_mismatch" and detail.get("ctx", {}).get("pattern") == REF_PATTERN:
        return (
            "not a valid reference: a statement or inference id (C1, I2) or a generated inference id (E1->C1)"
        )
    if kind == "string_pattern_mismatch":
        return "not a valid id: use an ASCII letter, then ASCII letters, digits, '_' or '.' (e.g. C1, E3a)"
    return str(detail["msg"])


def _shorthand_origins(document: ArgumentMap) -> dict[ElementPath, ElementPath]:
    origins: dict[ElementPath, ElementPath] = {}
    for sid, statement in document.statements.items():
        for number, target in enumerate(statement.supports):
            origin = ("statements", sid, "supports", number)
            origins.setdefault(("inferences", shorthand_inference_id(sid, target)), origin)
        for kind in ConflictKind:
            name = SHORTHAND_FIELD[kind]
            for number, target in enumerate(getattr(statement, name)):
                origin = ("statements", sid, name, number)
                origins.setdefault(("conflicts", shorthand_conflict_id(sid, kind, target)), origin)
    return origins
