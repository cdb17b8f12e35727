"""Argdown export: the map as an Argdown document (argdown.org) that Argdown's own tools read.

- the map's title and question go in the front matter (``===`` ... ``===``);
- statements in no group come first, in no section; then each group is a
  section (``# label``) holding its statements;
- each statement is defined once as ``[ID]: text #kind`` (a key judgment also
  ``#key-judgment``), its id the title, so every relation names it the same way;
- each inference is an argument ``<ID>`` with a premise-conclusion structure:
  the numbered premises ``(1) [P1]``, a line ``----`` (``-- scheme --`` when
  the inference names one), and the conclusion; co-premises of a linked
  argument are premises of one structure;
- a rebuttal or an undermining is an attack ``[A]`` ``-> [T]``; an undercut
  ``[A]`` ``_> <I>`` on the argument; a weak attack says so in a comment.

Argdown's syntax reserves ``[ ] < > # * _ + -`` and a few more at the start
of a line; every text is written with those escaped by a backslash, and line
breaks folded, so no map text changes the document's structure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from argmap.interop import Interchange, Note, register
from argmap.model import AttackStrength, ConflictKind, natural_key

if TYPE_CHECKING:
    from argmap.analysis import Analysis

_SPECIAL = re.compile(r"([\\\[\]<>#*_+\-=/{}()@:`~|!.])")


def _text(value: str) -> str:
    """Text safe inside an Argdown line: one line, every character Argdown gives a meaning escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(value.split()))


def _title(value: str) -> str:
    """An id as an Argdown title: ids are letters, digits, ``_`` and ``.``, and shorthand ids add ``->``."""
    return value.replace("->", " to ")


def write(analysis: Analysis, notes: list[Note] | None = None) -> bytes:
    """The map as an Argdown document, UTF-8."""
    graph = analysis.graph
    info = graph.map
    lines = ["===", f"title: {_front(info.title)}"]
    if info.question:
        lines.append(f"subTitle: {_front(info.question)}")
    lines += ["===", ""]
    grouped = {m for group in graph.groups.values() for m in group.members}
    for sid in graph.statements:  # before the first heading: in no section, as in the map
        if sid not in grouped:
            lines += _statement(graph, sid)
    placed: set[str] = set()
    for gid in sorted(graph.groups, key=natural_key):
        group = graph.groups[gid]
        members = [m for m in group.members if m in graph.statements and m not in placed]
        if not members:
            continue
        lines += [f"# {_text(group.label)}", ""]
        for sid in members:
            lines += _statement(graph, sid)
            placed.add(sid)
    for iid in sorted(graph.premises_of, key=natural_key):
        lines += _argument(graph, iid)
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def _front(value: str) -> str:
    """A front-matter value: YAML, so double-quoted with JSON's escapes."""
    import json

    return json.dumps(" ".join(value.split()), ensure_ascii=False)


def _statement(graph, sid: str) -> list[str]:
    statement = graph.statements[sid]
    tags = f" #{statement.kind.value}" + (" #key-judgment" if statement.key else "")
    lines = [f"[{_title(sid)}]: {_text(statement.text)}{tags}"]
    for cid in sorted((c for c, k in graph.conflicts.items() if k.attacker == sid), key=natural_key):
        conflict = graph.conflicts[cid]
        weak = " // weak: weakens, does not defeat" if conflict.strength == AttackStrength.WEAK else ""
        if conflict.kind == ConflictKind.UNDERCUT:
            lines.append(f"  _> <{_title(conflict.target)}>{weak}")
        else:
            lines.append(f"  -> [{_title(conflict.target)}]{weak}")
    return [*lines, ""]


def _argument(graph, iid: str) -> list[str]:
    inference = graph.inferences.get(iid)
    lines = [f"<{_title(iid)}>", ""]
    premises = graph.premises_of[iid]
    for number, premise in enumerate(premises, start=1):
        lines.append(f"({number}) [{_title(premise)}]")
    scheme = inference.scheme if inference is not None and inference.scheme else ""
    lines.append(f"-- {_text(scheme)} --" if scheme else "----")
    lines += [f"({len(premises) + 1}) [{_title(graph.conclusion(iid))}]", ""]
    return lines


register(
    Interchange(
        name="argdown",
        description="Argdown document (argdown.org)",
        suffixes=(".argdown",),
        write=write,
        keeps="statements with their kind as a tag, groups as sections, inferences as premise-conclusion "
        "arguments (scheme on the inference line), rebuttals and underminings as attacks, undercuts; "
        "export only (Argdown's JSON import is still to come)",
    )
)
