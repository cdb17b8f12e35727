"""Evaluation: which statements stand (IN), fall (OUT) or stay open (UNDEC).

The construction (argmap's design notes on semantics):

* Every statement and every inference is a node. An inference's premises
  are its *necessary* supporters: all co-premises are needed (Nouioua &
  Risch's necessary support; Cayrol & Lagasquie-Schiex's bipolar
  frameworks). Conflicts are attacks: rebut and undermine attack a
  statement, undercut attacks an inference (ASPIC+'s three attacks,
  Prakken 2010).
* Grounded labelling (Dung 1995; Caminada's labellings), extended with
  necessary support, computed in one pass linear in nodes + edges:

  - a node is OUT if some attacker is IN, or (an inference) some premise is
    OUT, or (a statement under burden of proof) no inference into it can be
    IN;
  - a node is IN if every attacker is OUT and (an inference) every premise
    is IN and (under burden of proof) some inference into it is IN;
  - every other node is UNDEC.

* Burden of proof: under it a statement stands only if an inference into it
  is IN (Carneades' "scintilla of evidence" standard, Gordon & Walton). The
  default is **off**: an unattacked statement stands, as in Dung's
  frameworks, so abstract frameworks evaluate exactly as their reference
  answers say and a map's reported claims are taken as the source states
  them. ``map: {burden_of_proof: true}`` puts every *claim* under it
  (evidence and assumptions are given; hypotheses are candidates), and
  ``burden: true|false`` on a statement decides for that statement.
* With no inferences this is exactly Dung's grounded labelling. The
  *deductive* reading of support (an attack on a supporter's evidence
  knocking out what it supports even when that attacker is rebutted) is not
  used. Statements in a circle of support are not labelled through: they
  stay UNDEC with the reason "circular support" (rule S004 reports them).

Each label carries a one-line explanation: which attacker defeats a node,
which premise fails, which inference carries it, which cycle keeps it open.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

import networkx as nx

from argmap.model import ArgumentMap, StatementKind


class Label(StrEnum):
    """The three labels of a grounded labelling."""

    IN = "IN"
    """Stands: every attacker is defeated and every needed support holds."""
    OUT = "OUT"
    """Falls: an attacker stands, or a needed support fails."""
    UNDEC = "UNDEC"
    """Open: caught in (or depending on) a cycle of attacks or of support."""


@dataclass
class Framework:
    """The evaluation graph: nodes, attacks, necessary support, burden of proof.

    Node ids are statement ids and inference ids of a map, or argument names
    of an abstract framework.
    """

    nodes: list[str] = field(default_factory=list)
    """Every node, in a stable order."""
    attackers: dict[str, list[str]] = field(default_factory=dict)
    """Node → the nodes attacking it (unattacked nodes may be left out)."""
    premises: dict[str, list[str]] = field(default_factory=dict)
    """Inference → its premises (necessary supporters)."""
    conclusion: dict[str, str] = field(default_factory=dict)
    """Inference → the statement it supports."""
    burden: set[str] = field(default_factory=set)
    """Statements that stand only if an inference into them is IN."""
    rejected: set[str] = field(default_factory=set)
    """Nodes assumed false (what-if): OUT whatever their attackers."""

    def inferences_into(self) -> dict[str, list[str]]:
        """Statement → the inferences concluding it."""
        into: dict[str, list[str]] = {}
        for inference, target in self.conclusion.items():
            into.setdefault(target, []).append(inference)
        return into


def framework_of(graph: ArgumentMap, assume_false: Iterable[str] = ()) -> Framework:
    """The evaluation framework of an expanded map.

    Args:
        graph: an expanded map; references to undefined ids are ignored.
        assume_false: statement ids to reject (labelled OUT, "assumed false").

    Returns:
        A :class:`Framework`.
    """
    statements = graph.statements
    ids = statements.keys()
    inferences = {
        iid: inference
        for iid, inference in graph.inferences.items()
        if inference.conclusion in ids and all(p in ids for p in inference.premises)
    }
    frame = Framework(nodes=[*statements, *inferences])
    frame.premises = {iid: inference.premises for iid, inference in inferences.items()}
    frame.conclusion = {iid: inference.conclusion for iid, inference in inferences.items()}
    for conflict in graph.conflicts.values():
        if conflict.attacker in ids and (conflict.target in ids or conflict.target in inferences):
            frame.attackers.setdefault(conflict.target, []).append(conflict.attacker)
    default = graph.map.burden_of_proof
    frame.burden = {
        sid
        for sid, s in statements.items()
        if s.burden or (s.burden is None and default and s.kind == StatementKind.CLAIM)
    }
    frame.rejected = set(assume_false)
    return frame


@dataclass(frozen=True)
class Labelling:
    """A grounded labelling with a reason for every label."""

    labels: dict[str, Label]
    """Node → label."""
    causes: dict[str, str]
    """Node → the reason recorded when it was labelled (IN reasons are derived later)."""
    frame: Framework
    """The framework labelled."""

    def reason(self, node: str) -> str:
        """One line of why ``node`` has its label (see the module doc).

        Reasons for IN and UNDEC are worked out when asked for, so labelling
        stays linear; naming the cycle of one UNDEC node is linear too.
        """
        if node in self.causes:
            return self.causes[node]
        if self.labels[node] == Label.IN:
            return _in_reason(self.frame, node, self.labels)
        undecided = {n for n, label in self.labels.items() if label == Label.UNDEC}
        return _undecided_reason(_open_graph(self.frame, undecided), node)

    @property
    def reasons(self) -> dict[str, str]:
        """Node → one line of why, for every node."""
        return {node: self.reason(node) for node in self.labels}

    def of(self, label: Label) -> list[str]:
        """Nodes with ``label``, in framework order."""
        return [node for node, value in self.labels.items() if value == label]


_UNSET, _IN, _OUT = 0, 1, 2
_LABELS = (Label.UNDEC, Label.IN, Label.OUT)


def _support_cycles(size: int, premise_of: list[list[int]], conclusion: list[int]) -> set[int]:
    """Nodes on a circle of support (premise -> inference -> conclusion), by number.

    Kahn's topological peeling (linear, on lists of integers) leaves only the
    nodes on or behind a cycle, usually none; networkx then finds the cycles
    among those few.
    """
    successors = [list(premise_of[n]) + ([conclusion[n]] if conclusion[n] >= 0 else []) for n in range(size)]
    indegree = [0] * size
    for targets in successors:
        for t in targets:
            indegree[t] += 1
    ready = deque(n for n in range(size) if indegree[n] == 0)
    while ready:
        for t in successors[ready.popleft()]:
            indegree[t] -= 1
            if indegree[t] == 0:
                ready.append(t)
    remaining = [n for n in range(size) if indegree[n] > 0]
    if not remaining:
        return set()
    kept = set(remaining)
    support = nx.DiGraph((a, b) for a in remaining for b in successors[a] if b in kept)
    return {
        n for component in nx.strongly_connected_components(support) if len(component) > 1 for n in component
    }


def grounded(frame: Framework) -> Labelling:
    """Grounded labelling with necessary support, in time linear in nodes + edges.

    A work queue labels a node as soon as its label is forced (see the module
    doc); whatever is never forced is UNDEC. Nodes are numbered and the pass
    runs on lists of integers, which keeps 100,000 statements under a second.
    """
    names = frame.nodes
    index = dict(zip(names, range(len(names)), strict=True))
    size = len(names)
    attacks: list[list[int]] = [[] for _ in range(size)]
    live_attackers = [0] * size
    for target, attackers in frame.attackers.items():
        t = index[target]
        live_attackers[t] = len(attackers)
        for attacker in attackers:
            attacks[index[attacker]].append(t)
    premise_of: list[list[int]] = [[] for _ in range(size)]
    missing = [0] * size
    conclusion = [-1] * size
    live_inferences = [0] * size
    is_inference = [False] * size
    for inference, premises in frame.premises.items():
        i = index[inference]
        is_inference[i] = True
        unique = dict.fromkeys(premises)
        missing[i] = len(unique)
        for premise in unique:
            premise_of[index[premise]].append(i)
        c = index[frame.conclusion[inference]]
        conclusion[i] = c
        live_inferences[c] += 1
    burden = [False] * size
    for node in frame.burden:
        burden[index[node]] = True
    blocked = [False] * size
    circular = _support_cycles(size, premise_of, conclusion)
    for n in circular:
        blocked[n] = True
    carried = [False] * size
    label = [_UNSET] * size
    cause: dict[int, tuple[str, int]] = {}
    queue: deque[tuple[int, int, str, int]] = deque()

    def ready_in(n: int) -> bool:
        if label[n] or blocked[n] or live_attackers[n]:
            return False
        if is_inference[n]:
            return missing[n] == 0
        return not burden[n] or carried[n]

    for node in frame.rejected:
        queue.append((index[node], _OUT, "assumed", -1))
    for n in range(size):
        if burden[n] and not is_inference[n] and live_inferences[n] == 0 and not blocked[n]:
            queue.append((n, _OUT, "unsupported", -1))
        elif ready_in(n):
            queue.append((n, _IN, "", -1))

    while queue:
        n, value, why, other = queue.popleft()
        if label[n]:
            continue
        label[n] = value
        if why:
            cause[n] = (why, other)
        if value == _IN:
            for t in attacks[n]:
                if not label[t] and not blocked[t]:
                    queue.append((t, _OUT, "attacked", n))
            for i in premise_of[n]:
                missing[i] -= 1
                if ready_in(i):
                    queue.append((i, _IN, "", -1))
            c = conclusion[n]
            if c >= 0:
                carried[c] = True
                if ready_in(c):
                    queue.append((c, _IN, "", -1))
        else:
            for t in attacks[n]:
                live_attackers[t] -= 1
                if ready_in(t):
                    queue.append((t, _IN, "", -1))
            for i in premise_of[n]:
                if not label[i] and not blocked[i]:
                    queue.append((i, _OUT, "premise", n))
            c = conclusion[n]
            if c >= 0:
                live_inferences[c] -= 1
                if burden[c] and live_inferences[c] == 0 and not label[c] and not blocked[c]:
                    queue.append((c, _OUT, "no-inference", -1))

    labels = dict(zip(names, map(_LABELS.__getitem__, label), strict=True))
    reasons = {
        names[n]: _cause_text(why, names[other] if other >= 0 else "") for n, (why, other) in cause.items()
    }
    for n in circular:
        reasons[names[n]] = "circular support"
    return Labelling(labels, reasons, frame)


_CAUSE_TEXT = {
    "assumed": "assumed false",
    "unsupported": "no inference supports it (burden of proof)",
    "attacked": "attacked by {other}, which is IN",
    "premise": "premise {other} is OUT",
    "no-inference": "every inference into it is OUT (burden of proof)",
}
"""The reason recorded for each way a node is labelled OUT."""


def _cause_text(why: str, other: str) -> str:
    return _CAUSE_TEXT[why].format(other=other)


def _in_reason(frame: Framework, node: str, labels: dict[str, Label]) -> str:
    parts = []
    if frame.attackers.get(node):
        parts.append("every attacker is OUT: " + ", ".join(dict.fromkeys(frame.attackers[node])))
    else:
        parts.append("no attacker")
    if node in frame.premises:
        parts.append("every premise is IN: " + ", ".join(frame.premises[node]))
    elif node in frame.burden:
        carried = [i for i, target in frame.conclusion.items() if target == node and labels[i] == Label.IN]
        parts.append(f"carried by inference {carried[0]}")
    return "; ".join(parts)


CYCLE_SHOWN = 8
"""Longest cycle written out in full in a reason."""


def _open_graph(frame: Framework, undecided: set[str]) -> nx.DiGraph:
    """Attacks and support among the UNDEC nodes."""
    graph = nx.DiGraph()
    graph.add_nodes_from(undecided)
    for target, attackers in frame.attackers.items():
        if target in undecided:
            graph.add_edges_from((a, target) for a in attackers if a in undecided)
    for inference, premises in frame.premises.items():
        if inference in undecided:
            graph.add_edges_from((p, inference) for p in premises if p in undecided)
    return graph


def _undecided_reason(open_graph: nx.DiGraph, node: str) -> str:
    """Name the cycle that keeps ``node`` open: one it is on, or one it depends on."""
    try:
        edges = nx.find_cycle(open_graph, node, orientation="reverse")
    except nx.NetworkXNoCycle:
        return "open"
    cycle = [edge[1] for edge in reversed(edges)]
    if node in cycle:
        start = cycle.index(node)
        cycle = cycle[start:] + cycle[:start]
    shown = (
        [*cycle, cycle[0]]
        if len(cycle) <= CYCLE_SHOWN
        else [*cycle[:CYCLE_SHOWN], f"... ({len(cycle)} nodes)"]
    )
    circle = " -> ".join(shown)
    return f"in a cycle of attacks: {circle}" if node in cycle else f"depends on a cycle of attacks: {circle}"


def evaluate(graph: ArgumentMap, assume_false: Iterable[str] = ()) -> Labelling:
    """Grounded labelling of an expanded map (see the module doc).

    Args:
        graph: an expanded map.
        assume_false: statement ids rejected for a what-if (labelled OUT).

    Returns:
        The :class:`Labelling` of every statement and inference.
    """
    # The passes allocate hundreds of thousands of small lists on large maps;
    # pausing the cyclic garbage collector (nothing here makes cycles) keeps
    # it from rescanning the map's objects again and again, which made the
    # time grow faster than the map.
    paused = gc.isenabled()
    gc.disable()
    try:
        return grounded(framework_of(graph, assume_false))
    finally:
        if paused:
            gc.enable()
