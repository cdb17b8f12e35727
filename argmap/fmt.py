"""``argmap fmt``: one canonical layout of a map file, for clean diffs.

The layout is ruamel.yaml's round-trip dump (comments and quoting kept) with
fixed indentation and line width, then reordered as text:

- sections in the model's order (``map``, ``sources``, ``statements``, ...);
- entries of the id-keyed sections by kind (statements: claims, evidence,
  assumptions, hypotheses) and then by id, numbers compared as numbers
  (``E2`` before ``E10``); ACH rating rows by id;
- the fields of each entry in the model's order (``kind``, ``text``, ...).

Reordering is done on the dumped lines rather than on ruamel's tree because
ruamel hangs a comment written above an entry on the entry before it: here a
comment above an entry (at the entry's indentation or less) travels with that
entry, and one indented deeper stays where it is. The leading comment block of
the file (up to its last blank line before the first section) stays on top.

``keep_order`` keeps the writer's order of entries and fields (for maps whose
order tells a story, like the showcase, laid out in the article's order) and
still orders the sections and fixes indentation and width.

The result must load to the same model as the input, or nothing is written.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString

from .edit import dump, keep_conventions, lost_comment, tree_of
from .errors import MapError
from .load import SECTION_MODELS, LoadedMap, load_map, load_map_text
from .model import (
    AchSection,
    ArgumentMap,
    MapInfo,
    StatementKind,
    natural_key,
)

WIDTH = 88
"""Preferred line width: ruamel.yaml breaks plain and quoted texts near it."""

INDENT = 2

_KIND_RANK = {kind.value: rank for rank, kind in enumerate(StatementKind)}


class LayoutChangesMeaning(Exception):
    """The canonical layout would not load to the same map (nothing is written)."""


@dataclass
class Block:
    """One mapping entry as lines: the comment lines above it, then the entry itself."""

    lead: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The block's lines, lead first."""
        return self.lead + self.body


@dataclass(frozen=True)
class Formatted:
    """Outcome of :func:`format_map`: the file, its text now and in canonical layout."""

    file: Path
    before: str
    after: str
    label: str = "formatted"
    """What the new text is called in the diff's header."""

    @property
    def changed(self) -> bool:
        """Whether the canonical layout differs from the file."""
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff from the file to its canonical layout (empty when unchanged)."""
        name = str(self.file)
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=name,
                tofile=f"{name} ({self.label})",
            )
        )


def format_map(path: Path | str, keep_order: bool = False) -> Formatted:
    """The canonical layout of the map at ``path`` (the file is not written).

    Raises:
        MapError: the map cannot be loaded (its message has ``file:line:column``).
        LayoutChangesMeaning: the layout would change what the map says.
    """
    loaded = load_map(path)
    return Formatted(loaded.file, loaded.text, format_loaded(loaded, keep_order))


def format_loaded(loaded: LoadedMap, keep_order: bool = False) -> str:
    """The canonical layout of a loaded map's text; see the module's docstring for the rules.

    Raises:
        MapError: the text cannot be read as round-trip YAML.
        LayoutChangesMeaning: the layout would load to a different map.
    """
    formatted = keep_conventions(loaded.text, layout(tree_of(loaded), keep_order))
    _same_meaning(loaded, formatted)
    lost = lost_comment(loaded.text, formatted, loaded.file)
    if lost is not None:
        raise LayoutChangesMeaning(f"the layout would drop {lost}")
    return formatted


def layout(tree: CommentedMap, keep_order: bool = False) -> str:
    """A round-trip tree of a map laid out canonically, as text (the tree is changed on the way).

    The layout alone: :func:`format_loaded` also keeps the file's line ends
    and checks that the meaning and the comments are kept.
    """
    _block_style(tree)
    _fold_long_texts(tree, 0)
    lines = dump(tree).splitlines()
    split = _split(lines, 0, list(tree.keys()), file_head=True)
    if split is not None:
        sections = [_format_section(name, block, tree, keep_order) for name, block in split.entries]
        order = list(ArgumentMap.model_fields)
        sections.sort(key=lambda item: _rank(order, item[0]))
        first = sections[0][1]
        if not split.head and first.lead:  # a comment above the first section opens the file
            split.head, first.lead = first.lead, []
        lines = _join(split, [block for _, block in sections], blank_between=True)
    return "\n".join(lines).rstrip("\n") + "\n"


def _fold_long_texts(container: Any, depth: int) -> None:
    """Write each one-line text of a block mapping or list that runs past :data:`WIDTH` as ``>-``.

    Only single spaces are broken, so the folded text reads back the same;
    texts already written as block scalars keep the writer's line breaks, and
    texts inside ``{...}`` or ``[...]`` stay on their line (YAML allows no
    block scalar there).
    """
    if getattr(container, "fa", None) is not None and container.fa.flow_style():
        return
    items = container.items() if isinstance(container, CommentedMap) else enumerate(container)
    for key, value in list(items):
        if isinstance(value, (CommentedMap, CommentedSeq)):
            _fold_long_texts(value, depth + 1)
        elif isinstance(value, (FoldedScalarString, LiteralScalarString)) and value.endswith("\n\n"):
            # kept trailing blank lines (|+) cannot be told from the blank lines between
            # entries: the text is written double-quoted, its line ends as escapes
            container[key] = DoubleQuotedScalarString(value)
        elif _foldable(value) and INDENT * depth + len(str(key)) + 2 + len(value) > WIDTH:
            folded = _folded(value, WIDTH - INDENT * (depth + 1))
            if folded.fold_pos:  # one long word (an address) is left on its line
                container[key] = folded


def _foldable(value: Any) -> bool:
    if not isinstance(value, str) or isinstance(value, (FoldedScalarString, LiteralScalarString)):
        return False
    return bool(value) and value == value.strip() and "\n" not in value and "  " not in value


def _folded(text: str, width: int) -> FoldedScalarString:
    """``text`` as a ``>-`` scalar folded at single spaces, its lines at most ``width`` long."""
    folded = FoldedScalarString(text)
    folds, line_start = [], 0
    space = text.find(" ")
    while space != -1:
        following = text.find(" ", space + 1)
        word_end = len(text) if following == -1 else following
        if word_end - line_start > width and space > line_start:
            folds.append(space)
            line_start = space + 1
        space = following
    folded.fold_pos = folds  # ruamel.yaml breaks the line at these spaces
    return folded


def _block_style(tree: CommentedMap) -> None:
    """Write each section that has entries in block style; entries keep the style they are written in.

    An entry written as ``{...}`` stays so: ruamel.yaml would hang a comment
    that follows it inside the entry if it became lines.
    """
    for value in tree.values():
        if isinstance(value, CommentedMap) and len(value):
            value.fa.set_block_style()


def _format_section(name: str, block: Block, tree: CommentedMap, keep_order: bool) -> tuple[str, Block]:
    value = tree[name]
    if not isinstance(value, CommentedMap):
        return name, block
    level = INDENT
    if name in SECTION_MODELS:
        order = None if keep_order else _entry_order(name, value)
        fields = None if keep_order else list(SECTION_MODELS[name].model_fields)
        child = _fields_formatter(value, level + INDENT, fields)
        return name, _reorder(block, level, list(value.keys()), order, child)
    model = {"map": MapInfo, "ach": AchSection}.get(name)
    if model is None:
        return name, block
    fields = None if keep_order else _aliases(model)
    child = _ach_field_formatter(value, level, keep_order) if name == "ach" else None
    return name, _reorder(block, level, list(value.keys()), _by_rank(fields), child)


def _ach_field_formatter(ach: CommentedMap, level: int, keep_order: bool) -> Callable[[Any, Block], Block]:
    def format_field(key: Any, block: Block) -> Block:
        rows = ach.get(key)
        if key != "ratings" or keep_order or not isinstance(rows, CommentedMap):
            return block
        return _reorder(block, level + INDENT, list(rows.keys()), _natural_order(), None)

    return format_field


def _fields_formatter(
    mapping: CommentedMap, level: int, fields: list[str] | None
) -> Callable[[Any, Block], Block] | None:
    if fields is None:
        return None

    def format_entry(key: Any, block: Block) -> Block:
        entry = mapping.get(key)
        if not isinstance(entry, CommentedMap):
            return block
        return _reorder(block, level, list(entry.keys()), _by_rank(fields), None)

    return format_entry


def _reorder(
    block: Block,
    level: int,
    keys: list[Any],
    order: Callable[[list[Any]], list[Any]] | None,
    child: Callable[[Any, Block], Block] | None,
) -> Block:
    """``block``'s entries at ``level`` put in ``order`` (and each laid out by ``child``)."""
    split = _split(block.body[1:], level, keys)
    if split is None:
        return block
    entries = split.entries
    if child is not None:
        entries = [(key, child(key, entry)) for key, entry in entries]
    if order is not None:
        position = {key: rank for rank, key in enumerate(order(keys))}
        entries.sort(key=lambda item: position[item[0]])
    body = [block.body[0], *_join(split, [entry for _, entry in entries], blank_between=False)]
    return Block(block.lead, body)


@dataclass
class Split:
    """Lines cut into mapping entries: what comes before them, the entries, and what ends the mapping."""

    head: list[str]
    entries: list[tuple[Any, Block]]
    tail: list[str]
    """Comment lines after the last entry, no deeper than the entries: they end the mapping, and stay last."""


def _split(lines: list[str], level: int, keys: list[Any], file_head: bool = False) -> Split | None:
    """Cut ``lines`` into the blocks of the mapping entries that start at column ``level``.

    Comment and blank lines go with the entry below them when they are
    indented no deeper than ``level``; otherwise with the entry above. Those
    after the last entry end the mapping. With ``file_head``, every comment
    line before the first entry is the file's header. None when the lines
    do not match ``keys`` (then nothing is moved).
    """
    head: list[str] = []
    blocks: list[Block] = []
    pending: list[str] = []
    for line in lines:
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            pending.append(line)
            continue
        indent = len(line) - len(stripped)
        if indent < level or (indent > level and not blocks):
            return None
        if indent > level:
            blocks[-1].body.extend([*pending, line])
        else:
            cut = len(pending) if file_head and not blocks else _lead_start(pending, level)
            (blocks[-1].body if blocks else head).extend(pending[:cut])
            blocks.append(Block(pending[cut:], [line]))
        pending = []
    if len(blocks) != len(keys):
        return None
    cut = _lead_start(pending, level)
    blocks[-1].body.extend(pending[:cut]) if blocks else head.extend(pending[:cut])
    for block in blocks:
        _strip_blank(block)
    tail = pending[cut:]
    while tail and not tail[-1].strip():
        tail.pop()
    return Split(head, list(zip(keys, blocks, strict=True)), tail)


def _lead_start(pending: list[str], level: int) -> int:
    """Where the comment lines that belong to the next entry (or end the mapping) start in ``pending``."""
    for i, line in enumerate(pending):
        stripped = line.lstrip(" ")
        if stripped.startswith("#") and len(line) - len(stripped) <= level:
            return i
    return len(pending)


def _strip_blank(block: Block) -> None:
    while block.lead and not block.lead[0].strip():
        block.lead.pop(0)
    while block.body and not block.body[-1].strip():
        block.body.pop()


def _join(split: Split, blocks: Iterable[Block], blank_between: bool) -> list[str]:
    lines = list(split.head)
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and blank_between:
        lines.append("")
    for number, block in enumerate(blocks):
        if blank_between and number:
            lines.append("")
        lines.extend(block.lines())
    if split.tail:
        if blank_between:
            lines.append("")
        lines.extend(line for line in split.tail if line.strip() or not blank_between)
    return lines


def _rank(order: list[str], key: Any) -> tuple[int, str]:
    return (order.index(key), "") if key in order else (len(order), str(key))


def _by_rank(fields: list[str] | None) -> Callable[[list[Any]], list[Any]] | None:
    if fields is None:
        return None
    return lambda keys: sorted(keys, key=lambda key: _rank(fields, key))


def _aliases(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _natural_order() -> Callable[[list[Any]], list[Any]]:
    return lambda keys: sorted(keys, key=natural_key)


def _entry_order(name: str, entries: CommentedMap) -> Callable[[list[Any]], list[Any]]:
    if name != "statements":
        return _natural_order()

    def kind_rank(key: Any) -> int:
        entry = entries.get(key)
        kind = entry.get("kind") if isinstance(entry, dict) else None
        return _KIND_RANK.get(str(kind), len(_KIND_RANK))

    return lambda keys: sorted(keys, key=lambda key: (kind_rank(key), natural_key(key)))


def _same_meaning(loaded: LoadedMap, formatted: str) -> None:
    try:
        after = load_map_text(formatted, loaded.file)
    except MapError as error:
        raise LayoutChangesMeaning(
            f"the canonical layout would not load ({error.problems[0].message})"
        ) from None
    if after.document != loaded.document:
        raise LayoutChangesMeaning("the canonical layout would change what the map says")
