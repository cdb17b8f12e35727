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
* the map reads left to right, reasons before what they support, and key
  judgments sit on the last rank, at the right;
* an attack on a statement that does not itself attack is an *objection*
  (red); an attack on an attacker is a *rebuttal* (orange); the arrowhead
  tells rebut, undermine and undercut apart (:data:`CONFLICT_ARROW`), and an
  undercut lands on the inference point;
* groups are clusters; a legend explains all of it.

All user text goes into HTML-like labels through :func:`escape`, so no
map text can inject DOT or HTML. Output is deterministic: nodes and edges follow file
order and nothing depends on hashing or time.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import graphviz

from argmap.evaluate import Label
from argmap.files import describe_os_error, write_atomic
from argmap.model import ArgumentMap, ConflictKind, Statement, StatementKind

WRAP_WIDTH = 36
"""Characters per line of wrapped statement text."""

FONT = "Helvetica"
"""Font of every label; Graphviz falls back to a sans-serif if it is missing."""

SUPPORT_COLOUR = "#2e7d32"
"""Green: inferences and support edges."""


class AttackRole(StrEnum):
    """Role of a conflict, derived from its target, not typed by the analyst."""

    OBJECTION = "objection"
    """Attacks a statement or inference that attacks nothing itself."""
    REBUTTAL = "rebuttal"
    """Attacks an objection (a statement that attacks something)."""


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


@dataclass(frozen=True)
class RenderedFile:
    """A file written by :func:`render_map`."""

    format: str
    """``dot``, ``svg``, ``png`` or ``pdf``."""
    path: Path
    """Where it was written."""


FORMATS = ("dot", "svg", "png", "pdf")
"""Output formats :func:`render_map` can write."""


class GraphvizFailed(RuntimeError):
    """The ``dot`` program failed, hung or gave no valid output; the message says which."""

    def __init__(self, message: str) -> None:
        """Take the message; :func:`render_map` fills in :attr:`written`."""
        super().__init__(message)
        self.written: list[RenderedFile] = []
        """Files written before the failure."""


class GraphvizMissing(RuntimeError):
    """The Graphviz ``dot`` program is not installed; the DOT file was still written."""

    dot_file: Path | None = None
    """The DOT file written in place of the laid-out formats."""


MAX_LABEL_CHARS = 1200
"""User text longer than this is cut (with "…") in a label; Graphviz refuses very long tokens."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_UNUSABLE = re.compile("[\ud800-\udfff\ufdd0-\ufdef]|[\ufffe\uffff\U0001fffe-\U0010ffff]")


def escape(text: str) -> str:
    r"""User text made safe for a Graphviz HTML-like label.

    Control characters (invalid in XML) become spaces, text beyond
    :data:`MAX_LABEL_CHARS` is cut, ``& < > "`` become entities
    (:func:`html.escape`), and backslashes are doubled so that Graphviz shows
    them instead of expanding escapes such as ``\N`` (the node name); an
    entity such as ``&#92;`` would be decoded first and expanded all the same.

    Args:
        text: any string from a map file.

    Returns:
        Text for inside an HTML-like label.
    """
    return html.escape(_clean(text)).replace("\\", "\\\\")


def _clean(text: str) -> str:
    """Control characters to spaces, noncharacters and surrogates to U+FFFD, long text cut."""
    text = _UNUSABLE.sub(_replacement, _CONTROL.sub(" ", text))
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…"


def _replacement(match: re.Match[str]) -> str:
    code = ord(match.group())
    unusable = 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
    return "\ufffd" if unusable else match.group()


def _wrap(text: str, width: int = WRAP_WIDTH, align: str = "LEFT") -> str:
    lines = textwrap.wrap(_clean(text), width=width, break_long_words=True) or [""]
    newline = f'<BR ALIGN="{align}"/>'
    return newline.join(escape(line) for line in lines) + (newline if align == "LEFT" else "")


def _tooltip(text: str | None) -> dict[str, str]:
    """A ``tooltip`` attribute (shown on hover in SVG) for a note, safely escaped."""
    if not text:
        return {}
    # Graphviz reads a tooltip as an escString twice and keeps XML entities in
    # the SVG: four backslashes and "&amp;" come out as one backslash and "&".
    text = " ".join(_clean(text).split()).replace("&", "&amp;").replace("\\", "\\" * 4)
    return {"tooltip": text}


def _statement_label(sid: str, statement: Statement, graph: ArgumentMap, label: Label | None = None) -> str:
    heading = "KEY JUDGMENT" if statement.key else statement.kind.value
    if label is not None:
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


def _footer(statement: Statement, graph: ArgumentMap) -> str:
    parts = []
    if statement.source:
        source = graph.sources.get(statement.source)
        grade = source.reliability.value if source else "?"
        credibility = statement.credibility.value if statement.credibility else ""
        parts.append(f"{statement.source} · {grade}{credibility}")
    if statement.estimative:
        parts.append("“" + "”, “".join(statement.estimative) + "”")
    if statement.likelihood:
        parts.append(statement.likelihood)
    if statement.rating:
        parts.append(f"assumption {statement.rating.value}")
    if statement.background:
        parts.append("background")
    elif not statement.source and statement.kind != StatementKind.ASSUMPTION:
        parts.append("analyst's reading")
    return " · ".join(parts)


def attack_roles(graph: ArgumentMap) -> dict[str, AttackRole]:
    """The role of each conflict: rebuttal if its target attacks something, else objection.

    Args:
        graph: an expanded map.

    Returns:
        Conflict id → :class:`AttackRole`.
    """
    attackers = {conflict.attacker for conflict in graph.conflicts.values()}
    return {
        cid: AttackRole.REBUTTAL if conflict.target in attackers else AttackRole.OBJECTION
        for cid, conflict in graph.conflicts.items()
    }


def _node_name(sid: str) -> str:
    """DOT node name of a statement; prefixed so no id can clash with ``legend``."""
    return f"statement {sid}"


def _inference_name(iid: str) -> str:
    """DOT node name of an inference point."""
    return f"inference {iid}"


def build_dot(graph: ArgumentMap, *, legend: bool = True, labels: Mapping[str, Label] | None = None) -> str:
    """DOT source of a map.

    Args:
        graph: an expanded map (:meth:`ArgumentMap.expanded`). References to
            undefined ids are skipped (``argmap check`` reports them).
        legend: draw the legend.
        labels: evaluation labels (:func:`argmap.evaluate.evaluate`) to show:
            OUT greyed, UNDEC dashed, each label named in the node; None to
            draw the structure only.

    Returns:
        DOT text, identical for identical input.
    """
    dot = graphviz.Digraph(name="argmap")
    dot.attr(
        rankdir="LR",
        newrank="true",
        nodesep="0.35",
        ranksep="0.45",
        fontname=FONT,
        labelloc="t",
        label=f"<<B>{_wrap(graph.map.title, 100, 'CENTER')}</B>>",
    )
    dot.attr("node", fontname=FONT, fontsize="11", margin="0.12,0.06")
    dot.attr("edge", fontname=FONT, fontsize="9")
    points = inference_points(graph)
    shown = labels or {}
    grouped = _add_groups(dot, graph, points, shown)
    for sid, statement in graph.statements.items():
        if sid not in grouped:
            _add_statement(dot, sid, statement, graph, shown.get(sid))
            _add_points(dot, points.get(sid, []), shown)
    _add_inferences(dot, graph, points)
    _add_conflicts(dot, graph)
    _rank_key_judgments_top(dot, graph)
    if legend:
        _add_legend(dot, evaluated=labels is not None)
    return dot.source


def _rank_key_judgments_top(dot: graphviz.Digraph, graph: ArgumentMap) -> None:
    """Put key judgments on the last rank (``rank=max``: the right edge with ``rankdir=LR``)."""
    keys = [_node_name(sid) for sid in graph.key_judgments]
    if keys:
        with dot.subgraph() as top:
            top.attr(rank="max")
            for name in keys:
                top.node(name)


def _add_statement(
    dot: graphviz.Digraph, sid: str, statement: Statement, graph: ArgumentMap, label: Label | None = None
) -> None:
    attributes = dict(KIND_STYLE[statement.kind])
    if statement.key:
        attributes.update(KEY_JUDGMENT_STYLE)
    _apply_label(attributes, label)
    attributes.update(_tooltip(statement.note))
    dot.node(_node_name(sid), label=_statement_label(sid, statement, graph, label), **attributes)


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


def inference_points(graph: ArgumentMap) -> dict[str, list[str]]:
    """Inferences drawn as a point, by the id of their conclusion.

    An inference gets a point where its co-premises meet (two or more
    premises) or where an undercut lands; a single-premise inference that no
    undercut targets is a plain arrow.

    Args:
        graph: an expanded map.

    Returns:
        Conclusion id → ids of its inferences that need a point, in file order.
    """
    undercut = {c.target for c in graph.conflicts.values() if c.kind == ConflictKind.UNDERCUT}
    points: dict[str, list[str]] = {}
    for iid, inference in graph.inferences.items():
        premises = [p for p in inference.premises if p in graph.statements]
        if inference.conclusion in graph.statements and (len(premises) > 1 or iid in undercut):
            points.setdefault(inference.conclusion, []).append(iid)
    return points


def _add_points(dot: graphviz.Digraph, inference_ids: list[str], labels: Mapping[str, Label]) -> None:
    for iid in inference_ids:
        attributes = {"label": "", "shape": "point", "width": "0.12", "color": SUPPORT_COLOUR}
        if labels.get(iid) == Label.OUT:
            attributes["color"] = "#a0a0a0"
        if labels.get(iid) == Label.UNDEC:
            attributes.update(shape="circle", style="dashed", width="0.14")
        dot.node(_inference_name(iid), **attributes)


def _add_groups(
    dot: graphviz.Digraph, graph: ArgumentMap, points: dict[str, list[str]], labels: Mapping[str, Label]
) -> set[str]:
    """Draw each group as a cluster with its members and their inference points."""
    placed: set[str] = set()
    for number, (gid, group) in enumerate(graph.groups.items()):
        members = [m for m in group.members if m in graph.statements and m not in placed]
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


def _add_inferences(dot: graphviz.Digraph, graph: ArgumentMap, points: dict[str, list[str]]) -> None:
    """Draw support edges; the point nodes were placed with their conclusions."""
    for iid, inference in graph.inferences.items():
        premises = [p for p in inference.premises if p in graph.statements]
        if inference.conclusion not in graph.statements or not premises:
            continue
        attributes = {"color": SUPPORT_COLOUR, "penwidth": "1.4", "arrowhead": "normal"}
        attributes.update(_tooltip(inference.note))
        if inference.scheme:
            attributes["label"] = f"<<I>{_wrap(inference.scheme, 24, 'CENTER')}</I>>"
            attributes["fontcolor"] = SUPPORT_COLOUR
        conclusion = _node_name(inference.conclusion)
        if iid not in points.get(inference.conclusion, []):
            dot.edge(_node_name(premises[0]), conclusion, **attributes)
            continue
        point = _inference_name(iid)
        for premise in premises:
            dot.edge(_node_name(premise), point, color=SUPPORT_COLOUR, arrowhead="none", penwidth="1.4")
        dot.edge(point, conclusion, **attributes)


def _add_conflicts(dot: graphviz.Digraph, graph: ArgumentMap) -> None:
    roles = attack_roles(graph)
    for cid, conflict in graph.conflicts.items():
        if conflict.attacker not in graph.statements:
            continue
        if conflict.target in graph.statements:
            target = _node_name(conflict.target)
        elif conflict.target in graph.inferences:
            target = _inference_name(conflict.target)
        else:
            continue
        dot.edge(
            _node_name(conflict.attacker),
            target,
            color=ROLE_COLOUR[roles[cid]],
            arrowhead=CONFLICT_ARROW[conflict.kind],
            penwidth="1.6",
            arrowsize="1.3",
            constraint="false" if conflict.kind == ConflictKind.UNDERCUT else "true",
            **_tooltip(conflict.note),
        )


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
        yield f'<TR><TD><FONT COLOR="{colour}">──▶</FONT></TD><TD ALIGN="LEFT">{role.value}</TD></TR>'
    for kind, symbol in _ARROW_SYMBOL.items():
        yield f'<TR><TD>{symbol}</TD><TD ALIGN="LEFT">{kind.value} ({_CONFLICT_MEANING[kind]})</TD></TR>'


_KIND_MEANING: Mapping[StatementKind, str] = {
    StatementKind.CLAIM: "a judgment argued for",
    StatementKind.EVIDENCE: "a reported item · source, Admiralty grade",
    StatementKind.ASSUMPTION: "taken as given",
    StatementKind.HYPOTHESIS: "a candidate answer",
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


def _add_legend(dot: graphviz.Digraph, evaluated: bool = False) -> None:
    rows = "".join(_legend_rows())
    if evaluated:
        rows += (
            '<TR><TD BORDER="1">· IN</TD><TD ALIGN="LEFT">stands (grounded labelling)</TD></TR>'
            '<TR><TD BORDER="1" BGCOLOR="#eeeeee"><FONT COLOR="#8a8a8a">· OUT</FONT></TD>'
            '<TD ALIGN="LEFT">defeated: greyed</TD></TR>'
            '<TR><TD BORDER="1" STYLE="dashed">· UNDEC</TD><TD ALIGN="LEFT">open: dashed</TD></TR>'
        )
    with dot.subgraph(name="cluster_legend") as legend:
        legend.attr(label="<<B>Legend</B>>", style="rounded", color="#999999", fontsize="11")
        legend.node(
            "legend",
            label=f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">{rows}</TABLE>>',
            shape="plaintext",
            fontsize="10",
        )


def output_paths(map_file: Path, formats: Iterable[str], output: str | Path | None) -> list[RenderedFile]:
    """Where each format of a rendering goes.

    Args:
        map_file: the map file; its stem names the outputs by default.
        formats: formats from :data:`FORMATS`, in the order given.
        output: None for ``renders/<stem>.<format>`` under the current folder;
            an existing folder, or a path ending in ``/``, for
            ``<folder>/<stem>.<format>`` (created if missing); otherwise a
            file path whose format suffix (any case) is replaced by each format's.

    Returns:
        One :class:`RenderedFile` per format.
    """
    if output is None:
        base = Path("renders") / map_file.stem
    elif str(output).endswith(("/", os.sep)) or Path(output).is_dir():
        base = Path(output) / map_file.stem
    else:
        output = Path(output)
        known = output.suffix.lstrip(".").lower() in FORMATS
        base = output.with_suffix("") if known else output
    return [RenderedFile(fmt, base.with_name(f"{base.name}.{fmt}")) for fmt in formats]


def render_map(
    graph: ArgumentMap,
    targets: list[RenderedFile],
    *,
    legend: bool = True,
    labels: Mapping[str, Label] | None = None,
) -> list[RenderedFile]:
    """Write the diagram of ``graph`` in each target's format.

    The DOT file is written first. When Graphviz is missing, a DOT file is
    written even if it was not asked for (beside the first target), so the
    user keeps the diagram's source.

    Args:
        graph: an expanded map.
        targets: formats and paths, e.g. from :func:`output_paths`.
        legend: draw the legend.
        labels: evaluation labels to show, or None (see :func:`build_dot`).

    Returns:
        The files written, in order.

    Raises:
        GraphvizMissing: the ``dot`` program is not on PATH; its ``dot_file``
            attribute names the DOT file written instead.
        GraphvizFailed: the ``dot`` program failed on the generated DOT.
        CannotWrite: a file could not be written (its ``written`` attribute
            lists the files written before).
    """
    source = build_dot(graph, legend=legend, labels=labels)
    written = []
    for target in sorted(targets, key=lambda t: t.format != "dot"):
        try:
            data = source.encode("utf-8") if target.format == "dot" else _layout(source, target.format)
        except GraphvizMissing as missing:
            dot_target = next((t for t in written if t.format == "dot"), None)
            missing.dot_file = dot_target.path if dot_target else target.path.with_suffix(".dot")
            if dot_target is None:
                _write(missing.dot_file, source.encode("utf-8"), written)
            raise
        except GraphvizFailed as failed:
            failed.written = list(written)
            raise
        _write(target.path, data, written)
        written.append(target)
    return written


class CannotWrite(RuntimeError):
    """An output file could not be written; earlier outputs were."""

    def __init__(self, path: Path, reason: str, written: list[RenderedFile]) -> None:
        """Take the path that failed, why, and the files written before it."""
        super().__init__(f"cannot write {path}: {reason}")
        self.written = written


def _write(path: Path, data: bytes, written: list[RenderedFile]) -> None:
    try:
        write_atomic(path, data)
    except OSError as error:
        raise CannotWrite(path, describe_os_error(error), list(written)) from None


LAYOUT_SECONDS = 300
"""Longest time the ``dot`` program may take for one format before it is stopped."""

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


def _layout(source: str, fmt: str) -> bytes:
    """Run ``dot -T<fmt>`` on ``source`` with a time limit and check what it returns.

    The python ``graphviz`` package's ``pipe`` has no time limit, so ``dot``
    is run here directly.
    """
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissing(_INSTALL_HINT)
    try:
        run = subprocess.run(
            [program, f"-T{fmt}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=LAYOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GraphvizFailed(f"Graphviz 'dot' did not finish {fmt} within {LAYOUT_SECONDS} s") from None
    except OSError as error:
        raise GraphvizFailed(f"Graphviz 'dot' could not be started: {error.strerror}") from None
    if run.returncode != 0:
        raise GraphvizFailed(f"Graphviz 'dot' failed to write {fmt}: {_reason(run)}")
    if not run.stdout.startswith(_MAGIC[fmt]):
        raise GraphvizFailed(f"Graphviz 'dot' gave no valid {fmt} output")
    return run.stdout


def _reason(run: subprocess.CompletedProcess[bytes]) -> str:
    """The line of ``dot``'s error output that says what failed."""
    lines = [" ".join(x.split()) for x in run.stderr.decode("utf-8", "replace").splitlines() if x.strip()]
    errors = [x for x in lines if x.lower().startswith("error")]
    if errors or lines:
        return (errors or lines)[-1]
    status = run.returncode
    return f"signal {-status}" if status < 0 else f"exit status {status}"
