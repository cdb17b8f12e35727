"""Views of a map: which statements one diagram draws, and which it only refers to.

A big map does not fit on a page, and a decision maker needs its bottom
line first. A :class:`View` picks part of the argument graph:

- ``full``: every statement, except hypotheses that no inference or conflict
  touches (they belong to the ACH matrix, not to the argument);
- ``summary``: the key judgments, the direct reasons of each (the premises
  of the inferences into it) and the objections to them (the attackers of a
  key judgment or of an inference into it), with whatever attacks one of
  those reasons drawn as a small reference, so that no reason looks
  unchallenged that is not;
- ``judgment K``: the summary of one key judgment;
- ``group G``: one group's members, with the statements outside that their
  links reach drawn as small references;
- ``around ID``: the statements within ``depth`` links of one statement,
  with those one link further drawn as references.

:func:`select` turns a view into a :class:`Selection` the renderer reads;
nothing here depends on the order of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from argmap.graph import ArgumentGraph
from argmap.model import StatementKind, natural_key

VIEW_KINDS = ("full", "summary", "judgment", "group", "around")
"""The views ``render --view`` takes."""


class UnknownView(ValueError):
    """A view that names no view kind, or a group or statement the map lacks."""


@dataclass(frozen=True)
class View:
    """One view: its kind, the group or statement it is about, and how far ``around`` reaches."""

    kind: str = "full"
    target: str | None = None
    depth: int = 1
    members: tuple[str, ...] = ()
    """For the internal kinds of paged output: ``members``, the statements
    drawn in full; ``reasons``, the statements drawn with their reasons."""
    label: str = ""
    """A caption that replaces the kind's own."""
    inferences: tuple[str, ...] = ()
    """For ``reasons``: draw only these of the inferences into its members (all when empty)."""

    @property
    def tag(self) -> str:
        """What the view adds to default output names: ``""``, ``-summary``, ``-group-G2``, ``-around-C1``."""
        if self.kind == "full":
            return ""
        return f"-{self.kind}" + (f"-{self.target}" if self.target else "")

    @property
    def caption(self) -> str:
        """The view in words, for the diagram's title."""
        if self.label:
            return self.label
        return {
            "members": "",
            "reasons": "",
            "full": "",
            "summary": "Summary: the key judgments, their direct reasons and the objections to them",
            "judgment": f"Key judgment {self.target}: its direct reasons and the objections to them",
            "group": f"Group {self.target}, with the statements its links reach outside it",
            "around": f"Around {self.target}: statements within {self.depth} link(s)",
        }[self.kind]


def parse_view(text: str, depth: int = 1) -> View:
    """A view from ``--view``: ``full``, ``summary``, ``judgment:C1``, ``group:G2``, ``around:C1``.

    A colon or a space may join the kind and its id.

    Raises:
        UnknownView: the kind is none of :data:`VIEW_KINDS`, a group or around
            view names nothing, or the depth is negative.
    """
    parts = re.split(r"[:\s]+", text.strip(), maxsplit=1)
    kind = parts[0].lower()
    target = parts[1] if len(parts) > 1 and parts[1] else None
    if kind not in VIEW_KINDS:
        raise UnknownView(f"no view '{text}'; views: full, summary, judgment:ID, group:ID, around:ID")
    if kind in ("judgment", "group", "around") and target is None:
        raise UnknownView(f"the {kind} view names what it shows: --view {kind}:ID")
    if kind in ("full", "summary") and target is not None:
        raise UnknownView(f"the {kind} view takes no id")
    if depth < 0:
        raise UnknownView("--depth is 0 or more")
    return View(kind, target, depth)


@dataclass(frozen=True)
class Selection:
    """What a view draws: statements in full, and statements outside it as small references."""

    shown: frozenset[str]
    references: frozenset[str]

    @cached_property
    def visible(self) -> frozenset[str]:
        """Every statement that has a node in the diagram (worked out once: it is read in loops)."""
        return self.shown | self.references


def select(graph: ArgumentGraph, view: View) -> Selection:
    """The statements ``view`` draws.

    A part of the map (any view but ``full``) also draws, as references, the
    records that corroborate a statement it shows and the items a record it
    shows corroborates, so that no corroboration is lost on a page.

    Raises:
        UnknownView: the group or statement named is not in the map.
    """
    found = _selected(graph, view)
    if view.kind == "full":
        return found
    paired = _corroboration_partners(graph, found.shown) - found.shown
    return Selection(found.shown, found.references | paired)


def _corroboration_partners(graph: ArgumentGraph, shown: frozenset[str]) -> set[str]:
    partners = {r for sid in shown for r in graph.statements[sid].corroborated_by if r in graph.statements}
    partners |= {
        item for item, statement in graph.statements.items() if shown.intersection(statement.corroborated_by)
    }
    return partners


def _selected(graph: ArgumentGraph, view: View) -> Selection:
    heads = reasons_drawn_for(graph, view)
    if heads is not None:
        shown = _summary(graph, heads, set(view.inferences))
        attackers = {a for sid in shown for a in graph.attackers_of.get(sid, ())}
        return Selection(frozenset(shown), frozenset(attackers - shown))
    if view.kind == "group":
        return _group(graph, view.target or "")
    if view.kind == "members":
        shown = {m for m in view.members if m in graph.statements}
        linked = set().union(*(graph.neighbours.get(m, set()) for m in shown)) if shown else set()
        return Selection(frozenset(shown), frozenset(linked - shown))
    if view.kind == "around":
        return _around(graph, view.target or "", view.depth)
    return Selection(frozenset(sid for sid in graph.statements if in_argument(graph, sid)), frozenset())


def reasons_drawn_for(graph: ArgumentGraph, view: View) -> list[str] | None:
    """The statements whose reasons alone ``view`` draws, or None where it draws every link it can.

    The summary, judgment and (paged) ``reasons`` views draw a statement, the
    premises of the inferences into it and the objections to both, and no
    reason of a reason: drawing the one that happens to be in view would
    show a reason resting on it alone.

    Raises:
        UnknownView: a judgment view names no key judgment.
    """
    if view.kind == "summary":
        return list(graph.key_judgments)
    if view.kind == "judgment":
        return _key_judgment(graph, view.target or "")
    if view.kind == "reasons":
        return [m for m in view.members if m in graph.statements]
    return None


def in_argument(graph: ArgumentGraph, sid: str) -> bool:
    """Whether argument views draw ``sid``: a hypothesis only where an inference or conflict touches it."""
    if graph.statements[sid].kind != StatementKind.HYPOTHESIS:
        return True
    return bool(graph.neighbours.get(sid))


def _key_judgment(graph: ArgumentGraph, sid: str) -> list[str]:
    if sid not in graph.key_judgments:
        known = ", ".join(sorted(graph.key_judgments, key=natural_key)) or "none"
        raise UnknownView(f"'{sid}' is not a key judgment of the map (key judgments: {known})")
    return [sid]


def _summary(graph: ArgumentGraph, keys: list[str], only: set[str]) -> set[str]:
    shown = set(keys)
    for key in keys:
        for iid in graph.inferences_into.get(key, ()):
            if only and iid not in only:
                continue
            shown.update(graph.premises_of[iid])
            shown.update(graph.attackers_of.get(iid, ()))
        shown.update(graph.attackers_of.get(key, ()))
    return shown


def _group(graph: ArgumentGraph, gid: str) -> Selection:
    group = graph.groups.get(gid)
    if group is None:
        known = ", ".join(sorted(graph.groups, key=natural_key)) or "none"
        raise UnknownView(f"no group '{gid}' in the map (groups: {known})")
    members = {m for m in group.members if m in graph.statements}
    linked = set().union(*(graph.neighbours.get(m, set()) for m in members)) if members else set()
    return Selection(frozenset(members), frozenset(linked - members))


def _around(graph: ArgumentGraph, sid: str, depth: int) -> Selection:
    if sid not in graph.statements:
        raise UnknownView(f"no statement '{sid}' in the map")
    neighbours = graph.neighbours
    reached, frontier = {sid}, {sid}
    for _ in range(depth):
        frontier = set().union(*(neighbours.get(s, set()) for s in frontier)) - reached
        reached |= frontier
    outside = set().union(*(neighbours.get(s, set()) for s in reached)) - reached
    return Selection(frozenset(reached), frozenset(outside))
