"""Render a map as a Graphviz diagram.

:func:`build_dot` turns the graph into DOT with the python ``graphviz``
package; :func:`render_map` has the ``dot`` program lay it out as SVG, PNG or
PDF and writes each file atomically.

The visual grammar is kept in tables, one per enum, rather than in branches:

* a shape and fill per statement kind (:data:`KIND_STYLE`); key judgments
  get a heavy border;
* support is green; a linked argument's co-premises meet at a small point
  (the inference) and go on as one arrow, and so does any inference that an
  undercut targets; a single-premise inference is a plain arrow;
* the map reads left to right, reasons before what they support; each node
  stands in a column counted from the right (one left of what it supports or
  attacks), pinned with ``rank=same``, so key judgments that support nothing
  stand at the right and a statement added on the left moves no column;
* an attack on a statement that does not itself attack is an *objection*
  (red); an attack on an attacker is a *rebuttal* (orange); the arrowhead
  tells rebut, undermine and undercut apart (:data:`CONFLICT_ARROW`), and an
  undercut lands on the inference point;
* groups are clusters; a legend explains all of it.

* only what the evaluation sees is drawn as argument: an inference or
  conflict that the argument graph leaves out (a missing co-premise, an
  undercut aimed at a statement) is drawn grey and dashed as a *broken
  link*, with an id that names nothing drawn as a dashed "not in the map"
  box, never as a plain support or attack.

All user text goes through :func:`argmap.text.visible` (control and
bidirectional characters shown as escapes) and then into HTML-like labels
through :func:`argmap.text.dot_html`, so no map text can inject DOT or HTML
or display reversed. Output is deterministic: nodes and edges follow the
order of ids, not of the file: statements, inferences, conflicts, groups and
their members are drawn in :func:`argmap.model.natural_key` order, so the
same map written in any order gives the same DOT, byte for byte; nothing
depends on hashing or time.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import graphviz

from argmap import grades, limits, progress, text
from argmap.evaluate import Label, Labelling
from argmap.graph import ArgumentGraph, AttackRole, LeftOut
from argmap.model import AttackStrength, ConflictKind, Statement, StatementKind, natural_key, span_text
from argmap.standards import SCALES, read_not_said
from argmap.views import Selection, View, reasons_drawn_for, select

WRAP_WIDTH = 32
"""Characters per line of wrapped statement text."""

FONT = "Helvetica"
"""Font of every label; Graphviz falls back to a sans-serif if it is missing."""

SUPPORT_COLOUR = "#2e7d32"
"""Green: inferences and support edges."""


ROLE_COLOUR: dict[AttackRole, str] = {
    AttackRole.OBJECTION: "#c62828",
    AttackRole.REBUTTAL: "#ef6c00",
}
"""Edge colour per attack role: objection red, rebuttal orange."""

CONFLICT_ARROW: dict[ConflictKind, str] = {
    ConflictKind.REBUT: "normal",
    ConflictKind.UNDERMINE: "diamond",
    ConflictKind.UNDERCUT: "tee",
}
"""Arrowhead per conflict kind."""

KIND_STYLE: dict[StatementKind, dict[str, str]] = {
    StatementKind.CLAIM: {
        "shape": "box",
        "style": "rounded,filled",
        "fillcolor": "#dbe9f6",
        "color": "#2b5d8a",
    },
    StatementKind.EVIDENCE: {
        "shape": "note",
        "style": "filled",
        "fillcolor": "#fff4cc",
        "color": "#9c7a00",
    },
    StatementKind.ASSUMPTION: {
        "shape": "box",
        "style": "filled,diagonals",
        "fillcolor": "#ece0f3",
        "color": "#6a3d7c",
    },
    StatementKind.HYPOTHESIS: {
        "shape": "box3d",
        "style": "filled",
        "fillcolor": "#dff0ec",
        "color": "#2d6e62",
    },
}
"""Node attributes per statement kind."""

KEY_JUDGMENT_STYLE: dict[str, str] = {"penwidth": "3", "fillcolor": "#b9d5f0"}
"""Attributes added to key judgments."""


CORROBORATION_COLOUR = "#8d6e63"
"""Brown, dotted: two records of one item from different sources."""

BROKEN_COLOUR = "#9e9e9e"
"""Grey: links the evaluation leaves out, drawn dashed."""

MISSING_COLOUR = "#c62828"
"""Red: the border of a box standing for an id that names nothing in the map."""


class GraphvizFailed(RuntimeError):
    """The ``dot`` program failed, hung or gave no valid output; the message says which.

    :attr:`installation` tells whether the fault looks like Graphviz's own
    (a format or plugin missing) rather than argmap's DOT.
    """

    def __init__(self, message: str, *, installation: bool = False) -> None:
        """Take the message and whether the Graphviz installation is at fault."""
        super().__init__(message)
        self.installation = installation
        """True if Graphviz lacks a format or plugin (an install problem)."""


class GraphvizMissing(RuntimeError):
    """The Graphviz ``dot`` program is not installed."""


MAX_LABEL_CHARS = 1200
"""User text longer than this is cut (with "…") in a label; Graphviz refuses very long tokens."""


def _label_text(value: str) -> str:
    """User text made visible (:func:`argmap.text.visible`) and cut to :data:`MAX_LABEL_CHARS`."""
    shown = text.visible(value, multiline=True)
    return shown if len(shown) <= MAX_LABEL_CHARS else text.shorten(shown, MAX_LABEL_CHARS)


def escape(value: str) -> str:
    """User text for a Graphviz HTML-like label: made visible, cut, escaped (:func:`argmap.text.dot_html`)."""
    return text.dot_html(_label_text(value))


def _wrap(value: str, width: int = WRAP_WIDTH, align: str = "LEFT") -> str:
    if align == "LEFT" and _right_to_left(value):
        align = "RIGHT"
    lines = textwrap.wrap(_label_text(value), width=width, break_long_words=True) or [""]
    newline = f'<BR ALIGN="{align}"/>'
    return newline.join(text.dot_html(line) for line in lines) + (newline if align != "CENTER" else "")


def _right_to_left(value: str) -> bool:
    """Whether most of the letters of ``value`` are written right to left (Arabic, Hebrew...)."""
    if value.isascii():
        return False  # no ASCII letter is written right to left
    directions = [unicodedata.bidirectional(c) for c in value if c.isalpha()]
    right = sum(d in ("R", "AL") for d in directions)
    return right > len(directions) / 2


def _tooltip(value: str | None) -> dict[str, str]:
    """A ``tooltip`` attribute (shown on hover in SVG) for a note, safely escaped.

    :func:`graphviz.nohtml` keeps a note written ``<b>...</b>`` from being read
    as an HTML string by the python ``graphviz`` package.
    """
    if not value:
        return {}
    return {"tooltip": graphviz.nohtml(text.dot_attribute(text.one_line(_label_text(value))))}


SHOWN_LABELS = frozenset({Label.OUT, Label.UNDEC})
"""Labels printed in a node's header; IN is the normal case and goes unsaid (the legend says so)."""


def _statement_label(sid: str, statement: Statement, graph: ArgumentGraph, label: Label | None = None) -> str:
    heading = "KEY JUDGMENT" if statement.key else statement.kind.value
    likelihood = _likelihood_heading(statement)
    if likelihood:
        heading += f" · {likelihood}"
    if label in SHOWN_LABELS:
        heading += f" · {label.value}"
    rows = [
        f'<TR><TD ALIGN="LEFT"><B>{escape(sid)}</B>  <FONT POINT-SIZE="9">{escape(heading)}</FONT></TD></TR>',
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_wrap(statement.text)}</TD></TR>',
    ]
    footer = _footer(statement, graph)
    if footer:
        rows.append(
            '<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#555555">'
            f"{_wrap(footer, WRAP_WIDTH + 8)}</FONT></TD></TR>"
        )
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{"".join(rows)}</TABLE>>'


def _footer(statement: Statement, graph: ArgumentGraph) -> str:
    parts = []
    if statement.source:
        known = [graph.sources[s].reliability for s in statement.source if s in graph.sources]
        reliability = grades.combined_reliability(known)
        grade = reliability.value if reliability else "?"
        credibility = statement.credibility.value if statement.credibility else ""
        parts.append(f"{', '.join(statement.source)} · {grade}{credibility}")
    if statement.estimative:
        parts.append("“" + "”, “".join(statement.estimative) + "”")
    judgment = _judgment_footer(statement)
    if judgment:
        parts.append(judgment)
    if statement.rating:
        parts.append(f"assumption {statement.rating.value}")
    if statement.kind == StatementKind.ASSUMPTION and not statement.source:
        parts.append("the analyst's, not the source's")
    if statement.background:
        parts.append("background")
    elif not statement.source and statement.kind != StatementKind.ASSUMPTION:
        parts.append("analyst's reading")
    return " · ".join(parts)


def _likelihood_heading(statement: Statement) -> str:
    """The likelihood term for the node's header (with its probability when given)."""
    if not statement.likelihood:
        return ""
    if statement.probability is not None:
        return f"{statement.likelihood} ({statement.probability:.0%})"
    return statement.likelihood


def _judgment_footer(statement: Statement) -> str:
    """Whose the header's likelihood is (or "stated as fact") and, in a sentence of its own, the confidence.

    The likelihood term stands in the header; the source's own estimative
    words are shown before this, in quotes. A term that those words do not
    hold is said to be the map's reading, so that a reader does not take
    "likely" for the source's word.
    """
    sentences = []
    said = " ".join(statement.estimative)
    if statement.likelihood and read_not_said(statement.likelihood, statement.estimative):
        sentences.append("The likelihood is this map's reading.")
    elif statement.fact and statement.key and said:
        sentences.append("Stated as fact by the source; this map gives no likelihood.")
    elif statement.fact and statement.key:
        sentences.append("Stated as fact.")
    if statement.confidence:
        sentences.append(f"Confidence: {statement.confidence.value}.")
    return " ".join(sentences)


def _by_id(ids: Iterable[str]) -> list[str]:
    """Ids in :func:`argmap.model.natural_key` order, so the DOT does not depend on the file's order."""
    return sorted(ids, key=natural_key)


def _node_name(sid: str) -> str:
    """DOT node name of a statement; prefixed so no id can clash with ``legend``."""
    return f"statement {sid}"


def _inference_name(iid: str) -> str:
    """DOT node name of an inference point."""
    return f"inference {iid}"


def build_dot(
    graph: ArgumentGraph,
    *,
    legend: bool = True,
    labels: Mapping[str, Label] | None = None,
    view: View | None = None,
    title: bool = True,
    compact: bool = False,
) -> str:
    """DOT source of a map.

    Args:
        graph: the map's :class:`~argmap.graph.ArgumentGraph`. Links it left
            out are drawn as broken (grey, dashed), ids that name nothing as
            "not in the map" boxes.
        legend: draw the legend.
        labels: evaluation labels (:func:`argmap.evaluate.evaluate`) to show:
            OUT greyed, UNDEC dashed, OUT and UNDEC named in the node; None to
            draw the structure only.
        view: the part of the map to draw (:mod:`argmap.views`); the full map if None.
        title: draw the map's title, caveat and cutoff above the diagram (the
            view's caption is drawn either way); paged output puts the title
            in each page's header instead.
        compact: set an inference's scheme beside its arrow once the layout
            is done (``xlabel``) instead of in it, which saves a column's
            width; paged output uses it. (Laid out with the arrow, as by
            default, the scheme keeps the layout stable when the map changes.)

    Returns:
        DOT text, identical for identical input (in any order of its entries).

    Raises:
        UnknownView: the view names a group or statement the map lacks.
    """
    view = view or View()
    selection = select(graph, view)
    dot = graphviz.Digraph(name="argmap")
    dot.attr(
        rankdir="LR",
        newrank="true",
        mclimit="0.3",  # fewer crossing passes: a small change reorders less (benchmarks/layout_stability.py)
        nodesep="0.35",
        ranksep="0.4",
        fontname=FONT,
        labelloc="t",
        label=_title(graph, view.caption) if title else _caption(view.caption),
    )
    if compact:
        dot.attr(
            forcelabels="false"
        )  # a scheme placed after the layout is left out rather than drawn over a node
    dot.attr("node", fontname=FONT, fontsize="11", margin="0.1,0.06")
    dot.attr("edge", fontname=FONT, fontsize="9")
    drawn = _drawn_inferences(graph, selection, view)
    points = {c: [i for i in ids if i in drawn] for c, ids in inference_points(graph).items()}
    shown = labels or {}
    grouped = _add_groups(dot, graph, points, shown, selection.shown)
    for sid in _by_id(selection.shown):
        if sid not in grouped:
            _add_statement(dot, sid, graph.statements[sid], graph, shown.get(sid))
            _add_points(dot, points.get(sid, []), shown)
    for sid in _by_id(selection.references):
        _add_reference(dot, sid, graph.statements[sid])
        _add_points(dot, points.get(sid, []), shown)
    _add_inferences(dot, graph, points, drawn, "xlabel" if compact else "label")
    _add_conflicts(
        dot, graph, selection.visible, {i for ids in points.values() for i in ids}, selection.references
    )
    pointed = {iid for ids in points.values() for iid in ids}
    corroborations = _corroborations(graph, selection)
    for start, end in corroborations:
        dot.edge(
            _node_name(start),
            _node_name(end),
            id=f"cor {start} {end}",
            color=CORROBORATION_COLOUR,
            style="dotted",
            arrowhead="none",
            penwidth="1.2",
            constraint="false",
            tooltip=f"{start} and {end} record the same item from two sources",
        )
    if view.kind == "full":
        _add_broken_links(dot, graph, pointed)
    _rank_columns(dot, _columns(graph, selection, drawn, pointed))
    if legend:
        weak = any(c.strength == AttackStrength.WEAK for c in graph.conflicts.values())
        _add_legend(
            dot,
            graph,
            evaluated=labels is not None,
            broken=bool(graph.left_out) and view.kind == "full",
            weak=weak,
            references=bool(selection.references),
            corroboration=bool(corroborations),
        )
    return dot.source


def _drawn_inferences(graph: ArgumentGraph, selection: Selection, view: View) -> set[str]:
    """Inferences whose premises and conclusion all have a node, and one of them is drawn in full.

    Where the view draws the reasons of chosen statements only
    (:func:`argmap.views.reasons_drawn_for`), only the inferences into them.
    """
    visible = selection.visible
    heads = reasons_drawn_for(graph, view)
    return {
        iid
        for iid, premises in graph.premises_of.items()
        if graph.conclusion(iid) in visible
        and all(p in visible for p in premises)
        and (graph.conclusion(iid) in selection.shown or any(p in selection.shown for p in premises))
        and (heads is None or graph.conclusion(iid) in heads)
        and (not view.inferences or iid in view.inferences)
    }


REFERENCE_CHARACTERS = 110
"""A reference shows this much of its statement's text: enough to recognise it; hovering shows the rest."""

REFERENCE_WRAP = 34
"""Characters per line of a reference's text (at 9 points, about as wide as a statement at 11)."""

REFERENCE_STYLE: dict[str, str] = {"shape": "box", "style": "dotted,rounded", "color": "#777777"}
"""A statement outside the view: a small dotted box (dashed means UNDEC)."""


def _add_reference(dot: graphviz.Digraph, sid: str, statement: Statement) -> None:
    """A statement outside the view: id, kind, likelihood or rating, and its text, small and dotted."""
    kind = "KEY JUDGMENT" if statement.key else statement.kind.value
    extra = statement.likelihood or (statement.rating.value if statement.rating else "")
    heading = escape(f"{kind} · {extra}" if extra else kind)
    label = (
        f'<<FONT POINT-SIZE="9"><B>{escape(sid)}</B> {heading}<BR ALIGN="LEFT"/>'
        f"{_wrap(text.shorten(statement.text, REFERENCE_CHARACTERS), REFERENCE_WRAP)}</FONT>>"
    )
    dot.node(_node_name(sid), label=label, fontsize="9", id=f"s-{sid}", **REFERENCE_STYLE)


def _caption(caption: str) -> str:
    return f'<<FONT POINT-SIZE="12">{_wrap(caption, 110, "CENTER")}</FONT>>' if caption else ""


def _title(graph: ArgumentGraph, caption: str = "") -> str:
    """The diagram's title, the view's caption, and the map's caveat and information cutoff when given."""
    title = f"<B>{_wrap(graph.map.title, 100, 'CENTER')}</B>"
    if caption:
        title += f'<BR/><FONT POINT-SIZE="12">{_wrap(caption, 110, "CENTER")}</FONT>'

    if graph.map.caveat:
        title += f'<BR/><FONT POINT-SIZE="11">{_wrap(graph.map.caveat, 110, "CENTER")}</FONT>'
    cutoff = graph.information_cutoff
    if cutoff is not None:
        title += f'<BR/><FONT POINT-SIZE="10">Information cutoff: {escape(span_text(cutoff))}</FONT>'
    return f"<{title}>"


def _corroborations(graph: ArgumentGraph, selection: Selection) -> list[tuple[str, str]]:
    """Pairs ``(record, item)`` of drawn statements where ``record`` corroborates ``item``, each pair once.

    ``item`` names ``record`` in its ``corroborated_by``; where both name each
    other, the later id is taken for the record. The record is drawn left of
    the item it confirms.
    """
    pairs: set[tuple[str, str]] = set()
    for item, statement in graph.statements.items():
        for record in statement.corroborated_by:
            if record == item or not {record, item} <= selection.visible:
                continue
            mutual = item in graph.statements[record].corroborated_by if record in graph.statements else False
            if mutual and natural_key(record) < natural_key(item):
                record, item = item, record
            pairs.add((record, item))
    return sorted(pairs, key=lambda pair: (natural_key(pair[1]), natural_key(pair[0])))


def _columns(
    graph: ArgumentGraph,
    selection: Selection,
    drawn: set[str],
    pointed: set[str],
) -> dict[str, int]:
    """Each linked node's column counted from the right: key judgments that point nowhere stand in 0.

    A node stands one column left of the furthest-left node it points to
    (a premise of its inference point or conclusion, an attacker of its
    target); another node that points nowhere (a statement with no link
    too) stands in column 1, so that only key judgments stand at the right.
    Counting from the right keeps every column where it was when a statement
    is added on the left, as a new premise is.
    """
    successors: dict[str, set[str]] = {}

    def edge(start: str, end: str) -> None:
        successors.setdefault(start, set()).add(end)

    for iid in drawn:
        conclusion = _node_name(graph.conclusion(iid))
        premises = [_node_name(p) for p in graph.premises_of[iid]]
        if iid in pointed:
            for premise in premises:
                edge(premise, _inference_name(iid))
            edge(_inference_name(iid), conclusion)
        else:
            edge(premises[0], conclusion)
    for conflict in graph.conflicts.values():
        if (
            conflict.kind != ConflictKind.UNDERCUT
            and {conflict.attacker, conflict.target} <= selection.visible
        ):
            edge(_node_name(conflict.attacker), _node_name(conflict.target))
    nodes = [_node_name(s) for s in selection.visible] + [_inference_name(i) for i in pointed]
    keys = {_node_name(sid) for sid in graph.key_judgments if sid in selection.shown}
    last = 0 if not keys else 1  # only key judgments stand in the right-most column
    column: dict[str, int] = {}
    on_path: set[str] = set()

    def depth(node: str) -> int:
        if node in column:
            return column[node]
        on_path.add(node)
        ahead = [depth(n) for n in sorted(successors.get(node, ()), key=natural_key) if n not in on_path]
        on_path.discard(node)
        column[node] = 1 + max(ahead) if ahead else (0 if node in keys else last)
        return column[node]

    for node in sorted(nodes, key=natural_key):
        depth(node)
    return column


def _rank_columns(dot: graphviz.Digraph, columns: dict[str, int]) -> None:
    """One ``rank=same`` set per column, so each node keeps its column whatever is added to its left."""
    by_column: dict[int, list[str]] = {}
    for node, number in columns.items():
        by_column.setdefault(number, []).append(node)
    for number in sorted(by_column):
        with dot.subgraph() as same:
            same.attr(rank="same")
            for node in sorted(by_column[number], key=natural_key):
                same.node(node)


def _add_statement(
    dot: graphviz.Digraph, sid: str, statement: Statement, graph: ArgumentGraph, label: Label | None = None
) -> None:
    attributes = dict(KIND_STYLE[statement.kind])
    if statement.key:
        attributes.update(KEY_JUDGMENT_STYLE)
    _apply_label(attributes, label)
    attributes.update(_tooltip(statement.note))
    dot.node(
        _node_name(sid), label=_statement_label(sid, statement, graph, label), id=f"s-{sid}", **attributes
    )


LABEL_STYLE: dict[Label, dict[str, str]] = {
    Label.IN: {},
    Label.OUT: {"fillcolor": "#eeeeee", "color": "#a0a0a0", "fontcolor": "#8a8a8a"},
    Label.UNDEC: {"style": "dashed"},
}
"""Node attributes per evaluation label: defeated greyed, undecided dashed (styles add up)."""


def _apply_label(attributes: dict[str, str], label: Label | None) -> None:
    """Overlay :data:`LABEL_STYLE` on a node's attributes; ``style`` values are combined."""
    for name, value in LABEL_STYLE.get(label, {}).items() if label else ():
        attributes[name] = f"{attributes[name]},{value}" if name == "style" and name in attributes else value


def inference_points(graph: ArgumentGraph) -> dict[str, list[str]]:
    """Inferences drawn as a point, by the id of their conclusion.

    An inference gets a point where its co-premises meet (two or more
    premises) or where an undercut lands; a single-premise inference that no
    undercut targets is a plain arrow.

    Args:
        graph: the map's argument graph.

    Returns:
        Conclusion id → ids of its inferences that need a point, in file order.
    """
    points: dict[str, list[str]] = {}
    for iid in _by_id(graph.premises_of):
        premises = graph.premises_of[iid]
        undercut = any(
            graph.conflicts[c].kind == ConflictKind.UNDERCUT for c in graph.conflicts_into.get(iid, ())
        )
        if len(premises) > 1 or undercut:
            points.setdefault(graph.conclusion(iid), []).append(iid)
    return points


def _add_points(dot: graphviz.Digraph, inference_ids: list[str], labels: Mapping[str, Label]) -> None:
    for iid in inference_ids:
        attributes = {"label": "", "shape": "point", "width": "0.12", "color": SUPPORT_COLOUR}
        if labels.get(iid) == Label.OUT:
            attributes["color"] = "#a0a0a0"
        if labels.get(iid) == Label.UNDEC:
            attributes.update(shape="circle", style="dashed", width="0.14")
        dot.node(_inference_name(iid), id=f"p-{iid}", **attributes)


def _add_groups(
    dot: graphviz.Digraph,
    graph: ArgumentGraph,
    points: dict[str, list[str]],
    labels: Mapping[str, Label],
    shown: frozenset[str],
) -> set[str]:
    """Draw each group as a cluster with its members in the view and their inference points."""
    placed: set[str] = set()
    for number, gid in enumerate(_by_id(graph.groups)):
        group = graph.groups[gid]
        members = [m for m in _by_id(group.members) if m in shown and m not in placed]
        if not members:
            continue
        with dot.subgraph(name=f"cluster_{number}") as cluster:
            cluster.attr(
                label=f"<<B>{_wrap(group.label, 60, 'CENTER')}</B>>",
                style="rounded,filled",
                fillcolor="#f6f6f6",
                color="#bbbbbb",
                fontsize="12",
                id=f"group-{gid}",
            )
            for member in members:
                _add_statement(cluster, member, graph.statements[member], graph, labels.get(member))
                _add_points(cluster, points.get(member, []), labels)
                placed.add(member)
    return placed


def _add_inferences(
    dot: graphviz.Digraph,
    graph: ArgumentGraph,
    points: dict[str, list[str]],
    drawn: set[str],
    scheme_label: str = "label",
) -> None:
    """Draw support edges of the inferences ``drawn``; the point nodes were placed with their conclusions."""
    for iid in _by_id(drawn & set(graph.inferences)):
        inference = graph.inferences[iid]
        premises = _by_id(graph.premises_of[iid])
        attributes = {"color": SUPPORT_COLOUR, "penwidth": "1.4", "arrowhead": "normal"}
        attributes.update(_tooltip(inference.note))
        if inference.scheme:
            attributes[scheme_label] = f"<<I>{_wrap(inference.scheme, 24, 'CENTER')}</I>>"
            attributes["fontcolor"] = SUPPORT_COLOUR
        conclusion = _node_name(inference.conclusion)
        if iid not in points.get(inference.conclusion, []):
            dot.edge(_node_name(premises[0]), conclusion, id=f"inf {iid} 0", **attributes)
            continue
        point = _inference_name(iid)
        for number, premise in enumerate(premises, start=1):
            dot.edge(
                _node_name(premise),
                point,
                color=SUPPORT_COLOUR,
                arrowhead="none",
                penwidth="1.4",
                id=f"inf {iid} {number}",
            )
        dot.edge(point, conclusion, id=f"inf {iid} 0", **attributes)


def _add_conflicts(
    dot: graphviz.Digraph,
    graph: ArgumentGraph,
    visible: frozenset[str],
    pointed: set[str],
    references: frozenset[str] = frozenset(),
) -> None:
    for cid in _by_id(graph.conflicts):
        conflict = graph.conflicts[cid]
        inference = conflict.kind == ConflictKind.UNDERCUT
        if conflict.attacker not in visible or conflict.target not in (pointed if inference else visible):
            continue
        if conflict.attacker in references and conflict.target in references:
            continue  # a link between two statements outside the view is not the view's
        target = _inference_name(conflict.target) if inference else _node_name(conflict.target)
        dot.edge(
            _node_name(conflict.attacker),
            target,
            color=ROLE_COLOUR[graph.roles[cid]],
            arrowhead=CONFLICT_ARROW[conflict.kind],
            penwidth="1.6",
            arrowsize="1.3",
            constraint="false" if inference else "true",
            id=f"att {cid}",
            **({"style": "dashed"} if conflict.strength == AttackStrength.WEAK else {}),
            **_tooltip(conflict.note),
        )


BROKEN_EDGE: dict[str, str] = {
    "color": BROKEN_COLOUR,
    "style": "dashed",
    "penwidth": "1.2",
    "fontcolor": BROKEN_COLOUR,
}
"""Attributes of a link the evaluation leaves out."""


def _add_broken_links(dot: graphviz.Digraph, graph: ArgumentGraph, pointed: set[str]) -> None:
    """Draw each left-out inference and conflict as a broken link, and each missing id as a box.

    The link keeps its premises, conclusion, attacker and target where they
    exist; the label names what is wrong (``argmap check`` says it in full).
    """
    reasons: dict[tuple[str, str], list[LeftOut]] = {}
    for entry in sorted(
        graph.left_out, key=lambda e: (e.section, natural_key(e.element), natural_key(e.ref))
    ):
        reasons.setdefault((entry.section, entry.element), []).append(entry)
    missing: dict[str, None] = {}
    for (section, element), entries in reasons.items():
        label = {"label": f"<<I>{_wrap('left out: ' + entries[0].why.value, 24, 'CENTER')}</I>>"}
        for entry in entries:
            if entry.missing:
                missing[entry.ref] = None
        if section == "inferences":
            inference = graph.model.inferences[element]
            point = _inference_name(element)
            dot.node(point, label="", shape="circle", width="0.14", style="dashed", color=BROKEN_COLOUR)
            for premise in _by_id(dict.fromkeys(inference.premises)):
                dot.edge(_reference(graph, premise), point, arrowhead="none", **BROKEN_EDGE)
            dot.edge(point, _reference(graph, inference.conclusion), **BROKEN_EDGE, **label)
        else:
            conflict = graph.model.conflicts[element]
            target = _target_node(graph, conflict.target, pointed)
            arrow = CONFLICT_ARROW[conflict.kind]
            dot.edge(_reference(graph, conflict.attacker), target, arrowhead=arrow, **BROKEN_EDGE, **label)
    for ref in missing:
        dot.node(
            _missing_name(ref),
            label=f'<{escape(ref)}<BR/><FONT POINT-SIZE="9">not in the map</FONT>>',
            shape="box",
            style="dashed",
            color=MISSING_COLOUR,
            fontcolor=MISSING_COLOUR,
        )


def _target_node(graph: ArgumentGraph, target: str, pointed: set[str]) -> str:
    """The node a broken conflict is drawn to: a statement, an inference point, or a missing box.

    A well-formed inference drawn as a plain arrow has no point: the edge
    goes to its conclusion, and its label says why it is left out.
    """
    if target in graph.statements:
        return _node_name(target)
    if target in graph.inferences and target not in pointed:
        return _node_name(graph.conclusion(target))
    if target in graph.model.inferences:
        return _inference_name(target)
    return _missing_name(target)


def _reference(graph: ArgumentGraph, ref: str) -> str:
    """The node a reference is drawn to: the statement, or the "not in the map" box."""
    return _node_name(ref) if ref in graph.statements else _missing_name(ref)


def _missing_name(ref: str) -> str:
    """DOT node name of the box standing for an id that names nothing."""
    return f"missing {ref}"


def _legend_rows() -> Iterable[str]:
    for kind, style in KIND_STYLE.items():
        yield (
            f'<TR><TD BGCOLOR="{style["fillcolor"]}" BORDER="1" COLOR="{style["color"]}">'
            f'{kind.value}</TD><TD ALIGN="LEFT">{_KIND_MEANING[kind]}</TD></TR>'
        )
    yield (
        f'<TR><TD BGCOLOR="{KEY_JUDGMENT_STYLE["fillcolor"]}" BORDER="3" '
        f'COLOR="{KIND_STYLE[StatementKind.CLAIM]["color"]}">key judgment</TD>'
        '<TD ALIGN="LEFT">the bottom line</TD></TR>'
    )
    yield (
        f'<TR><TD><FONT COLOR="{SUPPORT_COLOUR}">●──▶</FONT></TD>'
        '<TD ALIGN="LEFT">support; co-premises meet at the point</TD></TR>'
    )
    for role, colour in ROLE_COLOUR.items():
        meaning = _ROLE_MEANING[role]
        yield f'<TR><TD><FONT COLOR="{colour}">──▶</FONT></TD><TD ALIGN="LEFT">{meaning}</TD></TR>'
    for kind, symbol in _ARROW_SYMBOL.items():
        yield f'<TR><TD>{symbol}</TD><TD ALIGN="LEFT">{kind.value} ({_CONFLICT_MEANING[kind]})</TD></TR>'


_KIND_MEANING: Mapping[StatementKind, str] = {
    StatementKind.CLAIM: "a judgment argued for",
    StatementKind.EVIDENCE: "a reported item · source, Admiralty grade",
    StatementKind.ASSUMPTION: "taken as given; the analyst's unless a source is named",
    StatementKind.HYPOTHESIS: "a candidate answer",
}
_ROLE_MEANING: Mapping[AttackRole, str] = {
    AttackRole.OBJECTION: "objection: an attack on a statement that attacks nothing",
    AttackRole.REBUTTAL: "rebuttal: an attack on an objection",
}
_ARROW_SYMBOL: Mapping[ConflictKind, str] = {
    ConflictKind.REBUT: "──▶",
    ConflictKind.UNDERMINE: "──◆",
    ConflictKind.UNDERCUT: "──┤",
}
_CONFLICT_MEANING: Mapping[ConflictKind, str] = {
    ConflictKind.REBUT: "attacks a conclusion",
    ConflictKind.UNDERMINE: "attacks a premise",
    ConflictKind.UNDERCUT: "attacks an inference",
}


def _grade_rows(graph: ArgumentGraph) -> Iterator[str]:
    """Legend rows for the Admiralty grades and Key Assumptions Check ratings the map uses, in scale order."""
    used_reliability = {source.reliability for source in graph.sources.values() if source.reliability}
    used_credibility = {s.credibility for s in graph.statements.values() if s.credibility}
    used_rating = {s.rating for s in graph.statements.values() if s.rating}
    for title, names, used in (
        ("source reliability (Admiralty)", grades.RELIABILITY_NAMES, used_reliability),
        ("information credibility (Admiralty)", grades.CREDIBILITY_NAMES, used_credibility),
        ("assumption (Key Assumptions Check)", grades.RATING_MEANING, used_rating),
    ):
        shown = [(grade, meaning) for grade, meaning in names.items() if grade in used]
        if shown:
            yield f'<TR><TD COLSPAN="2" ALIGN="LEFT"><B>{title}</B></TD></TR>'
            for grade, meaning in shown:
                cells = f'<TD>{text.dot_html(grade.value)}</TD><TD ALIGN="LEFT">{_wrap(meaning, 40)}</TD>'
                yield f"<TR>{cells}</TR>"


def _likelihood_rows(graph: ArgumentGraph) -> Iterator[str]:
    """Legend rows for the likelihood terms the map uses, with their bands on its declared scale."""
    scale = SCALES[graph.map.scale]
    used = {scale.term(s.likelihood) for s in graph.statements.values() if s.likelihood}
    terms = [term for term in scale.terms if term in used]
    if terms:
        yield f'<TR><TD COLSPAN="2" ALIGN="LEFT"><B>likelihood ({text.dot_html(scale.label)})</B></TD></TR>'
        for term in terms:
            cells = (
                f'<TD>{text.dot_html(term.words)}</TD><TD ALIGN="LEFT">{text.dot_html(str(term.band))}</TD>'
            )
            yield f"<TR>{cells}</TR>"


def legend_dot(graph: ArgumentGraph, *, evaluated: bool) -> str:
    """DOT of the legend alone, for a page of its own in paged output.

    It explains every mark the pages of :mod:`argmap.paging` use: references,
    weak attacks and corroboration where the map has them, and the labels
    when ``evaluated``.
    """
    dot = graphviz.Digraph(name="argmap")
    dot.attr(fontname=FONT)
    dot.attr("node", fontname=FONT)
    _add_legend(
        dot,
        graph,
        evaluated=evaluated,
        weak=any(c.strength == AttackStrength.WEAK for c in graph.conflicts.values()),
        references=True,
        corroboration=bool(_corroborations(graph, select(graph, View()))),
    )
    return dot.source


def _add_legend(
    dot: graphviz.Digraph,
    graph: ArgumentGraph,
    evaluated: bool = False,
    broken: bool = False,
    weak: bool = False,
    references: bool = False,
    corroboration: bool = False,
) -> None:
    rows = "".join(_legend_rows())
    if corroboration:
        rows += (
            f'<TR><TD><FONT COLOR="{CORROBORATION_COLOUR}">·······</FONT></TD><TD ALIGN="LEFT">'
            "corroborates: the same item recorded by another source</TD></TR>"
        )
    if references:
        rows += (
            '<TR><TD BORDER="1" STYLE="dotted">id</TD><TD ALIGN="LEFT">'
            f"{_wrap('a statement outside this view, named for the links that reach it', 36)}</TD></TR>"
        )
    if weak:
        rows += '<TR><TD>- - ▶</TD><TD ALIGN="LEFT">weak attack: weakens, does not defeat</TD></TR>'
    if broken:
        rows += (
            f'<TR><TD><FONT COLOR="{BROKEN_COLOUR}">- - ▶</FONT></TD><TD ALIGN="LEFT">'
            f"{_wrap('broken link, left out of the evaluation (see argmap check)', 40)}</TD></TR>"
            f'<TR><TD BORDER="1" STYLE="dashed" COLOR="{MISSING_COLOUR}">id</TD>'
            '<TD ALIGN="LEFT">named, but not in the map</TD></TR>'
        )
    if evaluated:
        rows += (
            '<TR><TD BORDER="1">no mark</TD><TD ALIGN="LEFT">IN: not defeated in this map\'s argument '
            '(grounded labelling);<BR ALIGN="LEFT"/>not the same as true<BR ALIGN="LEFT"/></TD></TR>'
            '<TR><TD BORDER="1" BGCOLOR="#eeeeee"><FONT COLOR="#8a8a8a">· OUT</FONT></TD>'
            '<TD ALIGN="LEFT">defeated: greyed</TD></TR>'
            '<TR><TD BORDER="1" STYLE="dashed">· UNDEC</TD><TD ALIGN="LEFT">open: dashed</TD></TR>'
        )
    scales = "".join(_likelihood_rows(graph)) + "".join(_grade_rows(graph))
    table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">{}</TABLE>'
    label = table.format(rows)
    if scales:  # the scales stand beside the marks, so the legend is about as wide as it is tall
        beside = f'<TD VALIGN="TOP">{label}</TD><TD VALIGN="TOP">{table.format(scales)}</TD>'
        label = table.format(f"<TR>{beside}</TR>")
    with dot.subgraph(name="cluster_legend") as legend:
        legend.attr(label="<<B>Legend</B>>", style="rounded", color="#999999", fontsize="11")
        legend.node("legend", label=f"<{label}>", shape="plaintext", fontsize="10")


def node_details(graph: ArgumentGraph, labelling: Labelling | None) -> dict[str, dict[str, Any]]:
    """Statement id → what a reader sees on hovering or clicking it: text, sources, quotes, label, reason.

    ``related`` names what clicking highlights: the inferences into the
    statement, the attacks on it and on those inferences (undercuts), and
    the premises and attackers at their other ends. Read by the
    interactive SVG and by ``argmap serve``'s page.
    """
    details = {}
    for sid, statement in graph.statements.items():
        label = labelling.labels.get(sid) if labelling else None
        inferences = list(graph.inferences_into.get(sid, ()))
        conflicts = [*graph.conflicts_into.get(sid, ())]
        for iid in inferences:
            conflicts.extend(graph.conflicts_into.get(iid, ()))
        nodes = {p for iid in inferences for p in graph.premises_of.get(iid, ())}
        nodes |= {graph.conflicts[c].attacker for c in conflicts if c in graph.conflicts}
        details[sid] = {
            "kind": statement.kind.value,
            "text": statement.text,
            "sources": [
                f"{source}: {graph.sources[source].title}" if source in graph.sources else source
                for source in statement.source
            ],
            "quotes": list(statement.quote),
            "judgment": _judgment_lines(statement),
            "label": str(label) if label else ("left out" if labelling else ""),
            "reason": str(labelling.reason(sid)) if label and labelling else "",
            "related": {
                "inferences": _by_id(inferences),
                "conflicts": _by_id(c for c in conflicts if c in graph.conflicts),
                "statements": _by_id(nodes),
            },
        }
    return details


def _judgment_lines(statement: Statement) -> list[str]:
    """Likelihood, then confidence with its basis, each a sentence of its own (ICD 203)."""
    lines = []
    if statement.likelihood:
        lines.append(f"Likelihood: {_likelihood_heading(statement)}.")
    if statement.confidence:
        basis = f" Basis: {statement.confidence_basis}" if statement.confidence_basis else ""
        lines.append(f"Confidence: {statement.confidence.value}.{basis}")
    return lines


def interactive_svg(svg: bytes, details: Mapping[str, Any]) -> bytes:
    """Graphviz's SVG with a script: hovering a statement shows its details, clicking highlights its links.

    The script and its data are inline (no request leaves the file); the
    data is JSON inside CDATA with ``<``, ``>`` and ``&`` written as JSON
    unicode escapes (so neither ``]]>`` nor a tag can occur, in the SVG file
    or inlined in an HTML page), and shown with ``textContent`` only, so no
    map text becomes markup. A viewer that runs no script (an ``<img>``,
    GitHub) shows the plain diagram.
    """
    data = json.dumps(details, ensure_ascii=True, sort_keys=True)
    for character, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        data = data.replace(character, escaped)  # markup-free in XML and in an HTML page alike
    script = _INTERACTIVE_SCRIPT.replace("/*DATA*/", data)
    addition = f"<style>{_INTERACTIVE_STYLE}</style>\n<script><![CDATA[\n{script}\n]]></script>\n</svg>"
    text = svg.decode("utf-8")
    end = text.rfind("</svg>")
    return (text[:end] + addition + text[end + len("</svg>") :]).encode("utf-8")


_INTERACTIVE_STYLE = """
g.node[id^="s-"] { cursor: pointer; }
.argmap-hi path, .argmap-hi polygon, .argmap-hi ellipse { stroke: #d35400 !important; stroke-width: 3px; }
#argmap-tip rect { fill: #fffff4; stroke: #555; }
#argmap-tip text { font-family: Helvetica, Arial, sans-serif; font-size: 12px; fill: #1d1d1d; }
"""

_INTERACTIVE_SCRIPT = r"""
"use strict";
(function () {
  const details = /*DATA*/;
  // The drawing this script belongs to: the file itself, or one <svg> inside an HTML page.
  const me = document.currentScript;
  const svg = (me && me.ownerSVGElement) || document.documentElement;
  const byId = (id) => svg.querySelector('[id="' + CSS.escape(id) + '"]');
  const NS = "http://www.w3.org/2000/svg";
  const tip = document.createElementNS(NS, "g");
  tip.setAttribute("id", "argmap-tip");
  tip.style.display = "none";
  const box = document.createElementNS(NS, "rect");
  const words = document.createElementNS(NS, "text");
  tip.append(box, words);
  svg.append(tip);

  function wrap(text, width) {
    const lines = [];
    let line = "";
    for (const word of String(text).split(/\s+/)) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    }
    if (line) lines.push(line);
    return lines;
  }

  function describe(id) {
    const d = details[id];
    const lines = [id + " · " + d.kind, ...wrap(d.text, 70)];
    for (const source of d.sources) lines.push(...wrap("Source " + source, 70));
    for (const quote of d.quotes) lines.push(...wrap("“" + quote + "”", 70));
    for (const sentence of d.judgment) lines.push(...wrap(sentence, 70));
    if (d.label) lines.push(...wrap(d.label + ": " + d.reason, 70));
    return lines;
  }

  function show(id, event) {
    words.replaceChildren();
    describe(id).forEach((line, number) => {
      const span = document.createElementNS(NS, "tspan");
      span.setAttribute("x", "8");
      span.setAttribute("dy", number ? "15" : "16");
      span.textContent = line;
      words.append(span);
    });
    const matrix = svg.getScreenCTM().inverse();
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    tip.setAttribute("transform", "translate(" + (point.x + 12) + "," + (point.y + 12) + ")");
    tip.style.display = "";
    const size = words.getBBox();
    box.setAttribute("width", String(size.width + 16));
    box.setAttribute("height", String(size.height + 10));
  }

  function highlight(id) {
    for (const old of svg.querySelectorAll(".argmap-hi")) old.classList.remove("argmap-hi");
    const related = details[id].related;
    const marked = [byId("s-" + id)];
    for (const other of related.statements) marked.push(byId("s-" + other));
    for (const edge of svg.querySelectorAll("g.edge")) {
      const name = edge.getAttribute("id") || "";
      if (related.inferences.some((i) => name.startsWith("inf " + i + " "))) marked.push(edge);
      if (related.conflicts.some((c) => name === "att " + c)) marked.push(edge);
    }
    for (const iid of related.inferences) marked.push(byId("p-" + iid));
    for (const element of marked) if (element) element.classList.add("argmap-hi");
    return marked[0] || null;
  }
  // A page that holds the drawing (a briefing) highlights a statement through this.
  svg.argmapHighlight = (id) => (id in details ? highlight(id) : null);

  for (const node of svg.querySelectorAll('g.node[id^="s-"]')) {
    const id = node.getAttribute("id").slice(2);
    if (!(id in details)) continue;
    node.addEventListener("mousemove", (event) => show(id, event));
    node.addEventListener("mouseleave", () => { tip.style.display = "none"; });
    node.addEventListener("click", () => highlight(id));
  }
})();
"""


"""Longest time the ``dot`` program may take for one format before it is stopped."""

LAYOUT_LIMIT = limits.LAYOUT_LIMIT


def layout_size(source: str) -> int:
    """How many nodes and edges a DOT text made by :func:`build_dot` declares (one a line)."""
    return sum(
        1 for line in source.splitlines() if "[" in line and line.split("[")[0].strip() not in _DEFAULTS
    )


_DEFAULTS = ("graph", "node", "edge")
"""DOT statements that set attributes for the whole graph, not one node or edge."""


def too_large(source: str, limit: int) -> GraphvizFailed | None:
    """Why the DOT is not given to Graphviz (more than ``limit`` nodes and edges), or None; 0: no limit."""
    size = layout_size(source)
    if not limit or size <= limit:
        return None
    return GraphvizFailed(
        f"not laid out: the drawing has {size:,} nodes and edges, more than --layout-limit {limit:,} "
        "(Graphviz's time grows as the square of the size: the default is about half a minute); draw a "
        "part of the map: --view summary, --view group:ID or --view around:ID, or raise the limit"
    )


_MAGIC: dict[str, tuple[bytes, ...]] = {
    "svg": (b"<?xml", b"<svg"),
    "png": (b"\x89PNG",),
    "pdf": (b"%PDF",),
}
"""How each laid-out format begins; anything else is not the format asked for."""

_INSTALL_HINT = (
    "the Graphviz 'dot' program is not installed; install it with "
    "'sudo apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' "
    "(macOS) or from https://graphviz.org/download/"
)


@dataclass(frozen=True)
class Layout:
    """A diagram laid out by Graphviz."""

    data: bytes
    """The file's content (SVG, PNG or PDF)."""
    warnings: tuple[str, ...]
    """What ``dot`` printed on a run that succeeded, each line once: its warnings, e.g.
    ``dot: graph is too large for cairo-renderer bitmaps. Scaling by 0.19 to fit``."""


def layout(source: str, fmt: str) -> Layout:
    """Run ``dot -T<fmt>`` on DOT ``source`` with a time limit and check what it returns.

    The python ``graphviz`` package's ``pipe`` has no time limit, so ``dot``
    is run here directly.

    Args:
        source: DOT text (:func:`build_dot`).
        fmt: ``svg``, ``png`` or ``pdf``.

    Returns:
        The :class:`Layout`: the bytes and the warnings ``dot`` gave.

    Raises:
        GraphvizMissing: ``dot`` is not on PATH.
        GraphvizFailed: ``dot`` failed, timed out or returned something that is not ``fmt``.
    """
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing(_INSTALL_HINT)
    try:
        with progress.task(f"Graphviz is laying out the diagram ({fmt})"):
            run = subprocess.run(
                [program, f"-T{fmt}"],
                input=source.encode("utf-8"),
                capture_output=True,
                timeout=limits.layout_seconds(),
                check=False,
                start_new_session=True,  # a Ctrl-C meant for argmap must not make dot write half a layout
            )
    except subprocess.TimeoutExpired:
        raise GraphvizFailed(
            f"Graphviz 'dot' did not finish {fmt} within {limits.layout_seconds():g} s "
            f"(draw a part with --view, or {limits.how_to_raise('ARGMAP_LAYOUT_SECONDS', 'seconds')})"
        ) from None
    except OSError as error:
        raise GraphvizFailed(
            f"Graphviz 'dot' could not be started: {error.strerror}", installation=True
        ) from None
    lines = _stderr_lines(run)
    if run.returncode != 0:
        raise _failure(fmt, lines, run.returncode)
    if not run.stdout.startswith(_MAGIC[fmt]):
        raise GraphvizFailed(f"Graphviz 'dot' gave no valid {fmt} output", installation=True)
    return Layout(run.stdout, tuple(dict.fromkeys(lines)))  # on success, dot prints only warnings


def _stderr_lines(run: subprocess.CompletedProcess[bytes]) -> list[str]:
    return [" ".join(x.split()) for x in run.stderr.decode("utf-8", "replace").splitlines() if x.strip()]


_LAYOUT_FAULTS = ("lost ", "triangulation failed", "Pshortestpath failed", "trouble in init_rank")
"""What ``dot`` says when its layout itself breaks down (not the DOT, not the installation)."""


def _failure(fmt: str, lines: list[str], status: int) -> GraphvizFailed:
    """Say why ``dot`` failed, and whose fault it looks like: argmap's DOT or the Graphviz install."""
    errors = [x for x in lines if x.lower().startswith("error")]
    reason = (
        (errors or lines)[-1] if lines else (f"signal {-status}" if status < 0 else f"exit status {status}")
    )
    if any("syntax error" in line for line in lines):
        return GraphvizFailed(
            f"Graphviz 'dot' could not read the DOT argmap made for {fmt}: {reason}; "
            "this is a bug in argmap, please report it with the map"
        )
    if any(sign in line for line in lines for sign in _LAYOUT_FAULTS):
        return GraphvizFailed(
            f"Graphviz 'dot' could not lay the map out for {fmt} ({reason}), a fault of its layout that "
            "large maps drawn in groups meet; draw a part of it: --view summary, --view group:ID or "
            "--view around:ID"
        )
    return GraphvizFailed(f"Graphviz 'dot' failed to write {fmt}: {reason}", installation=True)
