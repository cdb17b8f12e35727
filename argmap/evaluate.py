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
    """Node → the nodes attacking it."""
    premises: dict[str, list[str]] = field(default_factory=dict)
    """Inference → its premises (necessary supporters)."""
    conclusion: dict[str, str] = field(default_factory=dict)
    """Inference → the statement it supports."""
    burden: set[str] = field(default_factory=set)
    """Statements that stand only if an inference into them is IN."""
    frozen: dict[str, str] = field(default_factory=dict)
    """Nodes held UNDEC before labelling, with the reason (circular support)."""
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
    statements = list(graph.statements)
    inferences = [
        iid
        for iid, inference in graph.inferences.items()
        if inference.conclusion in graph.statements and all(p in graph.statements for p in inference.premises)
    ]
    frame = Framework(nodes=[*statements, *inferences])
    for node in frame.nodes:
        frame.attackers[node] = []
    for iid in inferences:
        frame.premises[iid] = list(graph.inferences[iid].premises)
        frame.conclusion[iid] = graph.inferences[iid].conclusion
    for conflict in graph.conflicts.values():
        if conflict.attacker in graph.statements and conflict.target in frame.attackers:
            frame.attackers[conflict.target].append(conflict.attacker)
    default = graph.map.burden_of_proof
    frame.burden = {
        sid
        for sid, s in graph.statements.items()
        if (s.burden if s.burden is not None else default and s.kind == StatementKind.CLAIM)
    }
    frame.frozen = dict.fromkeys(_support_cycles(frame), "circular support")
    frame.rejected = set(assume_false)
    return frame


def _support_cycles(frame: Framework) -> set[str]:
    support = nx.DiGraph()
    for inference, premises in frame.premises.items():
        support.add_edges_from((premise, inference) for premise in premises)
        support.add_edge(inference, frame.conclusion[inference])
    cyclic: set[str] = set()
    for component in nx.strongly_connected_components(support):
        if len(component) > 1:
            cyclic |= component
    return cyclic


@dataclass(frozen=True)
class Labelling:
    """A grounded labelling with a reason for every label."""

    labels: dict[str, Label]
    """Node → label."""
    reasons: dict[str, str]
    """Node → one line of why."""

    def of(self, label: Label) -> list[str]:
        """Nodes with ``label``, in framework order."""
        return [node for node, value in self.labels.items() if value == label]


def grounded(frame: Framework) -> Labelling:
    """Grounded labelling with necessary support, in time linear in nodes + edges.

    A work queue labels a node as soon as its label is forced (see the module
    doc); whatever is never forced is UNDEC.
    """
    attacks: dict[str, list[str]] = {node: [] for node in frame.nodes}
    for target, attackers in frame.attackers.items():
        for attacker in attackers:
            attacks[attacker].append(target)
    premise_of: dict[str, list[str]] = {node: [] for node in frame.nodes}
    for inference, premises in frame.premises.items():
        for premise in dict.fromkeys(premises):
            premise_of[premise].append(inference)
    into = frame.inferences_into()
    live_attackers = {node: len(frame.attackers[node]) for node in frame.nodes}
    missing_premises = {i: len(set(p)) for i, p in frame.premises.items()}
    live_inferences = {node: len(into.get(node, [])) for node in frame.nodes}
    labels: dict[str, Label] = {}
    reasons: dict[str, str] = {}
    queue: deque[tuple[str, Label, str]] = deque()

    def ready_in(node: str) -> bool:
        if node in labels or node in frame.frozen or live_attackers[node]:
            return False
        if node in frame.premises:
            return missing_premises[node] == 0
        return node not in frame.burden or any(labels.get(i) == Label.IN for i in into.get(node, []))

    def in_reason(node: str) -> str:
        parts = []
        if frame.attackers[node]:
            parts.append("every attacker is OUT: " + ", ".join(dict.fromkeys(frame.attackers[node])))
        else:
            parts.append("no attacker")
        if node in frame.premises:
            parts.append("every premise is IN: " + ", ".join(frame.premises[node]))
        elif node in frame.burden:
            carried = [i for i in into.get(node, []) if labels.get(i) == Label.IN]
            parts.append(f"carried by inference {carried[0]}")
        return "; ".join(parts)

    for node in frame.nodes:
        if node in frame.rejected:
            queue.append((node, Label.OUT, "assumed false"))
        elif node in frame.burden and not into.get(node) and node not in frame.frozen:
            queue.append((node, Label.OUT, "no inference supports it (burden of proof)"))
        elif ready_in(node):
            queue.append((node, Label.IN, in_reason(node)))

    while queue:
        node, label, reason = queue.popleft()
        if node in labels:
            continue
        labels[node] = label
        reasons[node] = reason
        if label == Label.IN:
            for target in attacks[node]:
                if target not in labels and target not in frame.frozen:
                    queue.append((target, Label.OUT, f"attacked by {node}, which is IN"))
            for inference in premise_of[node]:
                missing_premises[inference] -= 1
                if ready_in(inference):
                    queue.append((inference, Label.IN, in_reason(inference)))
            if node in frame.conclusion:
                target = frame.conclusion[node]
                if ready_in(target):
                    queue.append((target, Label.IN, in_reason(target)))
        else:
            for target in attacks[node]:
                live_attackers[target] -= 1
                if ready_in(target):
                    queue.append((target, Label.IN, in_reason(target)))
            for inference in premise_of[node]:
                if inference not in labels and inference not in frame.frozen:
                    queue.append((inference, Label.OUT, f"premise {node} is OUT"))
            if node in frame.conclusion:
                target = frame.conclusion[node]
                live_inferences[target] -= 1
                if (
                    target in frame.burden
                    and live_inferences[target] == 0
                    and target not in labels
                    and target not in frame.frozen
                ):
                    queue.append((target, Label.OUT, "every inference into it is OUT (burden of proof)"))

    for node in frame.nodes:
        if node not in labels:
            labels[node] = Label.UNDEC
            reasons[node] = frame.frozen.get(node) or _undecided_reason(frame, node, labels)
    return Labelling({node: labels[node] for node in frame.nodes}, reasons)


def _undecided_reason(frame: Framework, node: str, labels: dict[str, Label]) -> str:
    """Name the cycle that keeps ``node`` open: one it is on, or one it depends on."""
    open_graph = nx.DiGraph()
    open_graph.add_node(node)
    undecided = {n for n, label in labels.items() if label == Label.UNDEC}
    for target, attackers in frame.attackers.items():
        open_graph.add_edges_from((a, target) for a in attackers if {a, target} <= undecided)
    for inference, premises in frame.premises.items():
        open_graph.add_edges_from((p, inference) for p in premises if {p, inference} <= undecided)
    try:
        edges = nx.find_cycle(open_graph, node, orientation="reverse")
    except nx.NetworkXNoCycle:
        return "open"
    cycle = [edge[1] for edge in reversed(edges)]
    circle = " -> ".join([*cycle, cycle[0]])
    return f"in a cycle of attacks: {circle}" if node in cycle else f"depends on a cycle of attacks: {circle}"


def evaluate(graph: ArgumentMap, assume_false: Iterable[str] = ()) -> Labelling:
    """Grounded labelling of an expanded map (see the module doc).

    Args:
        graph: an expanded map.
        assume_false: statement ids rejected for a what-if (labelled OUT).

    Returns:
        The :class:`Labelling` of every statement and inference.
    """
    return grounded(framework_of(graph, assume_false))
