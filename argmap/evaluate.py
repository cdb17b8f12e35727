"""Evaluation: which statements stand (IN), fall (OUT) or stay open (UNDEC).

The construction (argmap's design notes on semantics):

* Every statement and every inference of the argument graph
  (:class:`~argmap.graph.ArgumentGraph`) is a node. An inference's premises
  are its *necessary* supporters: all co-premises are needed (Nouioua &
  Risch's necessary support; Cayrol & Lagasquie-Schiex's bipolar
  frameworks). Conflicts are attacks: rebut and undermine attack a
  statement, undercut attacks an inference (ASPIC+'s three attacks,
  Prakken 2010).
* Grounded labelling (Dung 1995; Caminada's labellings), extended with
  necessary support: the least fixpoint of three rules, which hold for
  every node, circles of support included:

  - a node is OUT if some attacker is IN, or (an inference) some premise is
    OUT, or (a statement under burden of proof) every inference into it is
    OUT;
  - a node is IN if every attacker is OUT and (an inference) every premise
    is IN and (under burden of proof) some inference into it is IN;
  - every other node is UNDEC.

  Starting with every node unlabelled, a work queue labels a node as soon
  as a rule forces its label; whatever no rule ever forces is UNDEC. That
  is the least fixpoint, computed in time linear in nodes + edges. A
  statement in a circle of support is therefore labelled like any other:
  OUT when an attacker of it is IN, IN when an inference into it from
  outside the circle is IN; only what rests on the circle alone (under
  burden of proof) stays UNDEC. Rule S004 still reports every circle.

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
  used.

Each label carries a structured :class:`Reason`: its kind and the ids
involved (which attacker defeats a node, which premise fails, which
inference carries it, which cycle keeps it open), never a text to compare.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import networkx as nx

from argmap.graph import ArgumentGraph


class Label(StrEnum):
    """The three labels of a grounded labelling."""

    IN = "IN"
    """Stands: every attacker is defeated and every needed support holds."""
    OUT = "OUT"
    """Falls: an attacker stands, or a needed support fails."""
    UNDEC = "UNDEC"
    """Open: caught in (or depending on) a cycle of attacks or a circle of support."""


@dataclass
class Framework:
    """The evaluation graph: nodes, attacks, necessary support, burden of proof.

    Node ids are statement ids and inference ids of a map, or argument names
    of an abstract framework. The mappings are read, never copied: for a map
    they are the indexes of its :class:`~argmap.graph.ArgumentGraph`.
    """

    nodes: list[str] = field(default_factory=list)
    """Every node, in a stable order."""
    attackers: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Node → the nodes attacking it, each once (unattacked nodes may be left out)."""
    premises: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Inference → its premises (necessary supporters), each once."""
    conclusion: Mapping[str, str] = field(default_factory=dict)
    """Inference → the statement it supports."""
    burden: set[str] = field(default_factory=set)
    """Statements that stand only if an inference into them is IN."""
    rejected: set[str] = field(default_factory=set)
    """Nodes assumed false (what-if): OUT whatever their attackers."""


def framework_of(graph: ArgumentGraph, assume_false: Iterable[str] = ()) -> Framework:
    """The evaluation framework of an argument graph.

    Args:
        graph: the map's :class:`~argmap.graph.ArgumentGraph` (well-formed
            inferences and conflicts only).
        assume_false: statement ids to reject (labelled OUT, "assumed false").

    Returns:
        A :class:`Framework` over the graph's statements and inferences.
    """
    return Framework(
        nodes=[*graph.statements, *graph.inferences],
        attackers=graph.attackers_of,
        premises=graph.premises_of,
        conclusion={iid: inference.conclusion for iid, inference in graph.inferences.items()},
        burden=graph.burdened(),
        rejected=set(assume_false),
    )


class ReasonKind(StrEnum):
    """Why a node has its label."""

    STANDS = "stands"
    """IN: every attacker OUT, every premise IN, carried by an inference where burden applies."""
    ASSUMED_FALSE = "assumed false"
    """OUT: rejected for a what-if."""
    ATTACKED = "attacked"
    """OUT: an attacker (the first id) is IN."""
    PREMISE_OUT = "premise out"
    """OUT (an inference): a premise (the first id) is OUT."""
    UNSUPPORTED = "unsupported"
    """OUT: under burden of proof, and no inference concludes it."""
    NO_INFERENCE_IN = "no inference in"
    """OUT: under burden of proof, and every inference into it is OUT."""
    ATTACK_CYCLE = "attack cycle"
    """UNDEC: on, or depending on, a cycle of attacks (the ids, in order)."""
    SUPPORT_CIRCLE = "support circle"
    """UNDEC: on, or depending on, a circle of support under burden of proof (the statements, in order)."""
    OPEN = "open"
    """UNDEC with no cycle found (cannot happen in a complete labelling; kept for safety)."""


CYCLE_SHOWN = 8
"""Longest cycle written out in full in a reason."""


@dataclass(frozen=True)
class Reason:
    """Why a node has its label: a kind and the ids involved.

    Compare reasons by :attr:`kind` and :attr:`ids`; ``str()`` gives the
    one line ``argmap explain`` prints.
    """

    kind: ReasonKind
    """What decided the label."""
    ids: tuple[str, ...] = ()
    """The ids involved: the attacker or premise; for IN the attackers (all OUT);
    for a cycle its nodes in order, from the node explained when it is on it."""
    premises: tuple[str, ...] = ()
    """IN inferences: the premises, all IN."""
    carrier: str | None = None
    """IN under burden of proof: the inference that carries the statement."""
    depends: bool = False
    """Cycle kinds: the node depends on the cycle rather than lying on it."""

    def __str__(self) -> str:
        """One line, e.g. ``attacked by O1, which is IN`` or ``in a cycle of attacks: A -> B -> A``."""
        if self.kind == ReasonKind.STANDS:
            return self._stands()
        if self.kind in (ReasonKind.ATTACK_CYCLE, ReasonKind.SUPPORT_CIRCLE):
            what = "cycle of attacks" if self.kind == ReasonKind.ATTACK_CYCLE else "circle of support"
            return f"{'depends on' if self.depends else 'in'} a {what}: {_cycle_text(self.ids)}"
        first = self.ids[0] if self.ids else ""
        return _OUT_TEXT[self.kind].format(first=first)

    def _stands(self) -> str:
        parts = ["every attacker is OUT: " + ", ".join(self.ids) if self.ids else "no attacker"]
        if self.premises:
            parts.append("every premise is IN: " + ", ".join(self.premises))
        if self.carrier:
            parts.append(f"carried by inference {self.carrier}")
        return "; ".join(parts)


_OUT_TEXT = {
    ReasonKind.ASSUMED_FALSE: "assumed false",
    ReasonKind.ATTACKED: "attacked by {first}, which is IN",
    ReasonKind.PREMISE_OUT: "premise {first} is OUT",
    ReasonKind.UNSUPPORTED: "no inference supports it (burden of proof)",
    ReasonKind.NO_INFERENCE_IN: "every inference into it is OUT (burden of proof)",
    ReasonKind.OPEN: "open",
}


def _cycle_text(cycle: tuple[str, ...]) -> str:
    if len(cycle) <= CYCLE_SHOWN:
        return " -> ".join([*cycle, cycle[0]])
    return " -> ".join([*cycle[:CYCLE_SHOWN], f"... ({len(cycle)} nodes)"])


@dataclass(frozen=True)
class Labelling:
    """A grounded labelling with a reason for every label."""

    labels: dict[str, Label]
    """Node → label."""
    causes: dict[str, Reason]
    """Node → the reason recorded when it was labelled OUT (IN and UNDEC reasons are derived on demand)."""
    frame: Framework
    """The framework labelled."""
    carriers: dict[str, str] = field(default_factory=dict)
    """Statement under burden of proof → the inference whose IN label first carried it."""

    def reason(self, node: str) -> Reason:
        """Why ``node`` has its label (see the module doc).

        Reasons for IN and UNDEC are worked out when asked for, so labelling
        stays linear; naming the cycle of one UNDEC node is linear too.

        Raises:
            KeyError: ``node`` is not a node of the framework.
        """
        if node in self.causes:
            return self.causes[node]
        if self.labels[node] == Label.IN:
            return _in_reason(self.frame, node, self.carriers.get(node))
        return _undecided_reason(self.frame, self._open_graph, node)

    @property
    def reasons(self) -> dict[str, Reason]:
        """Node → its reason, for every node."""
        return {node: self.reason(node) for node in self.labels}

    def of(self, label: Label) -> list[str]:
        """Nodes with ``label``, in framework order."""
        return [node for node, value in self.labels.items() if value == label]

    @property
    def _open_graph(self) -> nx.DiGraph:
        cached = self.__dict__.get("_open")
        if cached is None:
            cached = _open_graph(self.frame, {n for n, label in self.labels.items() if label == Label.UNDEC})
            object.__setattr__(self, "_open", cached)
        return cached


_UNSET, _IN, _OUT = 0, 1, 2
_LABELS = (Label.UNDEC, Label.IN, Label.OUT)


@dataclass
class _Arrays:
    """The framework on lists of integers, which keeps 100,000 statements under a second."""

    names: list[str]
    index: dict[str, int]
    attacks: list[list[int]]
    live_attackers: list[int]
    premise_of: list[list[int]]
    missing: list[int]
    conclusion: list[int]
    live_inferences: list[int]
    is_inference: list[bool]
    burden: list[bool]


def _arrays(frame: Framework) -> _Arrays:
    names = frame.nodes
    index = dict(zip(names, range(len(names)), strict=True))
    size = len(names)
    arrays = _Arrays(
        names=names,
        index=index,
        attacks=[[] for _ in range(size)],
        live_attackers=[0] * size,
        premise_of=[[] for _ in range(size)],
        missing=[0] * size,
        conclusion=[-1] * size,
        live_inferences=[0] * size,
        is_inference=[False] * size,
        burden=[False] * size,
    )
    for target, attackers in frame.attackers.items():
        t = index[target]
        arrays.live_attackers[t] = len(attackers)
        for attacker in attackers:
            arrays.attacks[index[attacker]].append(t)
    for inference, premises in frame.premises.items():
        i = index[inference]
        arrays.is_inference[i] = True
        arrays.missing[i] = len(premises)
        for premise in premises:
            arrays.premise_of[index[premise]].append(i)
        c = index[frame.conclusion[inference]]
        arrays.conclusion[i] = c
        arrays.live_inferences[c] += 1
    for node in frame.burden:
        arrays.burden[index[node]] = True
    return arrays


def grounded(frame: Framework) -> Labelling:
    """Grounded labelling with necessary support, in time linear in nodes + edges.

    A work queue labels a node as soon as its label is forced (see the module
    doc); whatever is never forced is UNDEC: the least fixpoint of the rules.

    Args:
        frame: the framework to label.

    Returns:
        The :class:`Labelling`, with the reason of every OUT label recorded.
    """
    a = _arrays(frame)
    size = len(a.names)
    carried = [-1] * size  # the inference that first carried a statement, -1 if none yet
    label = [_UNSET] * size
    cause: dict[int, tuple[ReasonKind, int]] = {}
    queue: deque[tuple[int, int, ReasonKind | None, int]] = deque()

    def ready_in(n: int) -> bool:
        if label[n] or a.live_attackers[n]:
            return False
        if a.is_inference[n]:
            return a.missing[n] == 0
        return not a.burden[n] or carried[n] >= 0

    for node in frame.rejected:
        queue.append((a.index[node], _OUT, ReasonKind.ASSUMED_FALSE, -1))
    for n in range(size):
        if a.burden[n] and not a.is_inference[n] and a.live_inferences[n] == 0:
            queue.append((n, _OUT, ReasonKind.UNSUPPORTED, -1))
        elif ready_in(n):
            queue.append((n, _IN, None, -1))

    while queue:
        n, value, why, other = queue.popleft()
        if label[n]:
            continue
        label[n] = value
        if why is not None:
            cause[n] = (why, other)
        if value == _IN:
            for t in a.attacks[n]:
                if not label[t]:
                    queue.append((t, _OUT, ReasonKind.ATTACKED, n))
            for i in a.premise_of[n]:
                a.missing[i] -= 1
                if ready_in(i):
                    queue.append((i, _IN, None, -1))
            c = a.conclusion[n]
            if c >= 0:
                if carried[c] < 0:
                    carried[c] = n
                if ready_in(c):
                    queue.append((c, _IN, None, -1))
        else:
            for t in a.attacks[n]:
                a.live_attackers[t] -= 1
                if ready_in(t):
                    queue.append((t, _IN, None, -1))
            for i in a.premise_of[n]:
                if not label[i]:
                    queue.append((i, _OUT, ReasonKind.PREMISE_OUT, n))
            c = a.conclusion[n]
            if c >= 0:
                a.live_inferences[c] -= 1
                if a.burden[c] and a.live_inferences[c] == 0 and not label[c]:
                    queue.append((c, _OUT, ReasonKind.NO_INFERENCE_IN, -1))

    names = a.names
    labels = dict(zip(names, map(_LABELS.__getitem__, label), strict=True))
    causes = {
        names[n]: Reason(why, (names[other],) if other >= 0 else ()) for n, (why, other) in cause.items()
    }
    carriers = {
        names[n]: names[i] for n, i in enumerate(carried) if i >= 0 and a.burden[n] and label[n] == _IN
    }
    return Labelling(labels, causes, frame, carriers)


def _in_reason(frame: Framework, node: str, carrier: str | None) -> Reason:
    attackers = tuple(frame.attackers.get(node, ()))
    if node in frame.premises:
        return Reason(ReasonKind.STANDS, attackers, premises=tuple(frame.premises[node]))
    return Reason(ReasonKind.STANDS, attackers, carrier=carrier)


_ATTACK, _SUPPORT = "attack", "support"


def _open_graph(frame: Framework, undecided: set[str]) -> nx.DiGraph:
    """What each UNDEC node depends on among the UNDEC nodes: attacks and needed support.

    Edges run from what a node depends on to the node: attacker → target,
    premise → inference, and inference → conclusion where the conclusion is
    under burden of proof (only then does it need the inference).
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(undecided)
    for target, attackers in frame.attackers.items():
        if target in undecided:
            graph.add_edges_from(((a, target) for a in attackers if a in undecided), kind=_ATTACK)
    for inference, premises in frame.premises.items():
        if inference in undecided:
            graph.add_edges_from(((p, inference) for p in premises if p in undecided), kind=_SUPPORT)
            conclusion = frame.conclusion[inference]
            if conclusion in undecided and conclusion in frame.burden:
                graph.add_edge(inference, conclusion, kind=_SUPPORT)
    return graph


def _undecided_reason(frame: Framework, open_graph: nx.DiGraph, node: str) -> Reason:
    """Name the cycle that keeps ``node`` open: one it is on, or one it depends on."""
    try:
        edges = nx.find_cycle(open_graph, node, orientation="reverse")
    except nx.NetworkXNoCycle:
        return Reason(ReasonKind.OPEN)
    cycle = [edge[1] for edge in reversed(edges)]
    on_cycle = node in cycle
    if on_cycle:
        start = cycle.index(node)
        cycle = cycle[start:] + cycle[:start]
    support = all(open_graph.edges[u, v]["kind"] == _SUPPORT for u, v, _ in edges)
    if support:
        statements = [n for n in cycle if n not in frame.premises] or cycle
        return Reason(ReasonKind.SUPPORT_CIRCLE, tuple(statements), depends=not on_cycle)
    return Reason(ReasonKind.ATTACK_CYCLE, tuple(cycle), depends=not on_cycle)


def evaluate(graph: ArgumentGraph, assume_false: Iterable[str] = ()) -> Labelling:
    """Grounded labelling of an argument graph (see the module doc).

    Args:
        graph: the map's :class:`~argmap.graph.ArgumentGraph`.
        assume_false: statement ids rejected for a what-if (labelled OUT).

    Returns:
        The :class:`Labelling` of every statement and well-formed inference.

    Raises:
        KeyError: an id in ``assume_false`` is not a node of the graph.
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
