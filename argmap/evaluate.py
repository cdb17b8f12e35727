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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

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
    withdrawn: Mapping[str, str] = field(default_factory=dict)
    """Statements marked retracted or discredited → why (``retracted on DATE: reason``): OUT whatever
    their attackers."""
    weak_attackers: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Node → the nodes attacking it only weakly: not attacks of the framework, named in reasons."""


def framework_of(graph: ArgumentGraph, assume_false: Iterable[str] = ()) -> Framework:
    """The evaluation framework of an argument graph.

    Args:
        graph: the map's :class:`~argmap.graph.ArgumentGraph` (well-formed
            inferences and conflicts only). Weak attacks (``strength: weak``)
            are not attacks of the framework: they do not defeat (ASPIC+
            with preferences, Modgil & Prakken 2013); withdrawn statements
            are OUT.
        assume_false: statement ids to reject (labelled OUT, "assumed false").

    Returns:
        A :class:`Framework` over the graph's statements and inferences.
    """
    return Framework(
        nodes=[*graph.statements, *graph.inferences],
        attackers=graph.defeaters_of,
        premises=graph.premises_of,
        conclusion={iid: inference.conclusion for iid, inference in graph.inferences.items()},
        burden=graph.burdened(),
        rejected=set(assume_false),
        withdrawn={
            sid: f"{graph.statements[sid].status} on {graph.statements[sid].status_date}: "
            f"{graph.statements[sid].status_reason}"
            for sid in graph.withdrawn
        },
        weak_attackers=graph.weak_attackers_of,
    )


class ReasonKind(StrEnum):
    """Why a node has its label."""

    STANDS = "stands"
    """IN: every attacker OUT, every premise IN, carried by an inference where burden applies."""
    ASSUMED_FALSE = "assumed false"
    """OUT: rejected for a what-if."""
    WITHDRAWN = "withdrawn"
    """OUT: the statement is marked retracted or discredited."""
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

    Compare reasons by :attr:`kind` and :attr:`ids` (for a cycle, by
    :attr:`cycle`, which starts at the node explained); ``str()`` gives the
    one line ``argmap explain`` prints.
    """

    kind: ReasonKind
    """What decided the label."""
    ids: tuple[str, ...] = ()
    """The ids involved: the attacker or premise; for IN the attackers (all OUT);
    for a cycle its nodes in order (one tuple, shared by the reasons of every
    node that names the cycle: :attr:`cycle` gives it from the node explained)."""
    premises: tuple[str, ...] = ()
    """IN inferences: the premises, all IN."""
    carrier: str | None = None
    """IN under burden of proof: the inference that carries the statement."""
    depends: bool = False
    """Cycle kinds: the node depends on the cycle rather than lying on it."""
    start: int = 0
    """Cycle kinds: where the node explained is in :attr:`ids` (0 when it depends on the cycle;
    for a circle of support, the first statement from it)."""
    weak: tuple[str, ...] = ()
    """IN: the statements that attack it only weakly (they do not defeat)."""
    detail: str = ""
    """WITHDRAWN: the statement's status, date and reason."""

    @property
    def cycle(self) -> tuple[str, ...]:
        """Cycle kinds: :attr:`ids` from :attr:`start`, i.e. from the node explained when it is on the cycle.

        Builds a new tuple, in time linear in the cycle's length.
        """
        return self.ids[self.start :] + self.ids[: self.start]

    def __str__(self) -> str:
        """One line, e.g. ``attacked by O1, which is IN`` or ``in a cycle of attacks: A -> B -> A``."""
        if self.kind == ReasonKind.STANDS:
            return self._stands()
        if self.kind in (ReasonKind.ATTACK_CYCLE, ReasonKind.SUPPORT_CIRCLE):
            what = "cycle of attacks" if self.kind == ReasonKind.ATTACK_CYCLE else "circle of support"
            return f"{'depends on' if self.depends else 'in'} a {what}: {_cycle_text(self.ids, self.start)}"
        first = self.ids[0] if self.ids else ""
        text = _OUT_TEXT[self.kind].format(first=first)
        return f"{text} ({self.detail})" if self.detail else text

    def _stands(self) -> str:
        if self.ids:
            parts = ["every attacker is OUT: " + ", ".join(self.ids)]
        else:
            parts = ["no attacker defeats it" if self.weak else "no attacker"]
        if self.premises:
            parts.append("every premise is IN: " + ", ".join(self.premises))
        if self.carrier:
            parts.append(f"carried by inference {self.carrier}")
        if self.weak:
            parts.append(
                f"weakly attacked by {', '.join(self.weak)} (weaker than its target: does not defeat)"
            )
        return "; ".join(parts)


_OUT_TEXT = {
    ReasonKind.ASSUMED_FALSE: "assumed false",
    ReasonKind.WITHDRAWN: "withdrawn",
    ReasonKind.ATTACKED: "attacked by {first}, which is IN",
    ReasonKind.PREMISE_OUT: "premise {first} is OUT",
    ReasonKind.UNSUPPORTED: "no inference supports it (burden of proof)",
    ReasonKind.NO_INFERENCE_IN: "every inference into it is OUT (burden of proof)",
    ReasonKind.OPEN: "open",
}


def _cycle_text(cycle: tuple[str, ...], start: int) -> str:
    """``A -> B -> A`` from ``cycle[start]``, or its first :data:`CYCLE_SHOWN` nodes and its length."""
    size = len(cycle)
    shown = [cycle[(start + step) % size] for step in range(min(size, CYCLE_SHOWN))]
    if size <= CYCLE_SHOWN:
        return " -> ".join([*shown, shown[0]])
    return " -> ".join([*shown, f"... ({size} nodes)"])


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
        stays linear. The first UNDEC reason asked for analyses the whole
        UNDEC region once, in time linear in its size (:class:`_OpenRegion`).
        Each UNDEC reason then takes constant time: the nodes on the cycle
        found for their component, and those that depend on a cycle, share
        its ids. Only a node of a tangle of cycles that is off that cycle
        gets a cycle of its own, in time linear in that cycle's length.

        Raises:
            KeyError: ``node`` is not a node of the framework.
        """
        if node in self.causes:
            return self.causes[node]
        if self.labels[node] == Label.IN:
            return _in_reason(self.frame, node, self.carriers.get(node))
        return self._open_region.reason(node)

    @property
    def reasons(self) -> dict[str, Reason]:
        """Node → its reason, for every node."""
        return {node: self.reason(node) for node in self.labels}

    def of(self, label: Label) -> list[str]:
        """Nodes with ``label``, in framework order."""
        return [node for node, value in self.labels.items() if value == label]

    @cached_property
    def _open_region(self) -> _OpenRegion:
        """The UNDEC region's cycles, analysed once, when the first UNDEC reason is asked for."""
        with _collector_paused():
            return _OpenRegion(self.frame, [n for n, label in self.labels.items() if label == Label.UNDEC])


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

    for node in frame.withdrawn:
        queue.append((a.index[node], _OUT, ReasonKind.WITHDRAWN, -1))
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
        names[n]: Reason(
            why,
            (names[other],) if other >= 0 else (),
            detail=frame.withdrawn.get(names[n], "") if why == ReasonKind.WITHDRAWN else "",
        )
        for n, (why, other) in cause.items()
    }
    carriers = {
        names[n]: names[i] for n, i in enumerate(carried) if i >= 0 and a.burden[n] and label[n] == _IN
    }
    return Labelling(labels, causes, frame, carriers)


def _in_reason(frame: Framework, node: str, carrier: str | None) -> Reason:
    attackers = tuple(frame.attackers.get(node, ()))
    weak = tuple(frame.weak_attackers.get(node, ()))
    if node in frame.premises:
        return Reason(ReasonKind.STANDS, attackers, premises=tuple(frame.premises[node]), weak=weak)
    return Reason(ReasonKind.STANDS, attackers, carrier=carrier, weak=weak)


_ATTACK, _SUPPORT = "attack", "support"


@dataclass(frozen=True)
class _Cycle:
    """A cycle of the UNDEC region and the ids a reason naming it lists."""

    nodes: tuple[str, ...]
    """Its nodes in order, each depending on the one before (the first on the last)."""
    kind: ReasonKind
    """:attr:`ReasonKind.SUPPORT_CIRCLE` if every edge is needed support, else an attack cycle."""
    ids: tuple[str, ...]
    """What a reason names: the statements of a circle of support, every node of an attack cycle."""


class _OpenRegion:
    """Why each UNDEC node is open: the cycles of the UNDEC region, analysed once.

    The region's graph has an edge from what a node depends on to the node:
    attacker → target, premise → inference, and inference → conclusion where
    the conclusion is under burden of proof (only then does it need the
    inference). Its strongly connected components with a cycle (two nodes or
    more, or a self-attack) hold the nodes that are *on* a cycle; every other
    UNDEC node *depends on* one, the nearest, found by one breadth-first
    search out of all of them. Each component gets one cycle, a shortest one
    through its first node (framework order), and two breadth-first trees
    through that node, so that a cycle through any other node of the
    component takes time linear in the cycle's length. Building all this is
    linear in the region's nodes and edges.

    Args:
        frame: the framework labelled.
        undecided: its UNDEC nodes, in framework order.
    """

    def __init__(self, frame: Framework, undecided: list[str]) -> None:
        self._frame = frame
        self._kind: dict[tuple[str, str], str] = _open_edges(frame, undecided)
        """Edge (from what a node depends on, to the node) → attack or support."""
        self._successors: dict[str, list[str]] = {node: [] for node in undecided}
        self._predecessors: dict[str, list[str]] = {node: [] for node in undecided}
        for source, target in self._kind:
            self._successors[source].append(target)
            self._predecessors[target].append(source)
        self._component: dict[str, int] = {}
        """Node on a cycle → the number of its component."""
        self._cycles: list[_Cycle] = []
        """Component number → its cycle, from its first node."""
        self._offset: dict[str, int] = {}
        """Node on its component's cycle → where, in the cycle's ids, its reason starts."""
        self._away: dict[str, str] = {}
        """Component node → the node before it on a shortest path from the component's first node."""
        self._toward: dict[str, str] = {}
        """Component node → the node after it on a shortest path to the component's first node."""
        self._depends: dict[str, int] = {}
        """Node on no cycle → the number of the component it depends on."""
        for root, members in self._components(undecided):
            self._add_component(root, members)
        self._find_dependents(undecided)

    def reason(self, node: str) -> Reason:
        """Why the UNDEC ``node`` is open: a cycle it is on (from it), or the cycle it depends on.

        A node that is neither (not an UNDEC node of the region) gets :attr:`ReasonKind.OPEN`.
        """
        number = self._component.get(node)
        if number is None:
            number = self._depends.get(node)
            if number is None:
                return Reason(ReasonKind.OPEN)
            cycle = self._cycles[number]
            return Reason(cycle.kind, cycle.ids, depends=True)
        offset = self._offset.get(node)
        cycle = self._cycles[number]
        if offset is None:
            cycle = self._cycle(self._through(cycle.nodes[0], node))
            offset = 0
        return Reason(cycle.kind, cycle.ids, start=offset)

    def _components(self, undecided: list[str]) -> list[tuple[str, set[str]]]:
        """The strongly connected components with a cycle, each with its first node, in framework order."""
        order = {node: number for number, node in enumerate(undecided)}
        found = [
            (min(members, key=order.__getitem__), set(members))
            for members in _strong_components(undecided, self._successors)
            if len(members) > 1 or (members[0], members[0]) in self._kind
        ]
        return sorted(found, key=lambda pair: order[pair[0]])

    def _add_component(self, root: str, members: set[str]) -> None:
        """Number a component, grow its two trees through ``root`` and find a shortest cycle through it."""
        number = len(self._cycles)
        for node in members:
            self._component[node] = number
        distance = _tree(root, members, self._successors, self._away)
        _tree(root, members, self._predecessors, self._toward)
        last = min((node for node in self._predecessors[root] if node in members), key=distance.__getitem__)
        path = [last]
        while path[-1] != root:
            path.append(self._away[path[-1]])
        cycle = self._cycle(tuple(reversed(path)))
        self._cycles.append(cycle)
        filtered = len(cycle.ids) != len(cycle.nodes)
        before = 0
        for position, node in enumerate(cycle.nodes):
            self._offset[node] = before % len(cycle.ids) if filtered else position
            before += node not in self._frame.premises

    def _cycle(self, nodes: tuple[str, ...]) -> _Cycle:
        """The cycle through ``nodes``, of support if every edge is needed support."""
        if any(self._kind[edge] != _SUPPORT for edge in zip(nodes, nodes[1:] + nodes[:1], strict=True)):
            return _Cycle(nodes, ReasonKind.ATTACK_CYCLE, nodes)
        statements = tuple(node for node in nodes if node not in self._frame.premises)
        return _Cycle(nodes, ReasonKind.SUPPORT_CIRCLE, statements or nodes)

    def _through(self, root: str, node: str) -> tuple[str, ...]:
        """A cycle through ``node``, a node of ``root``'s component: to the root and back, loops cut out."""
        walk = [node]
        while walk[-1] != root:
            walk.append(self._toward[walk[-1]])
        back = [node]
        while back[-1] != root:
            back.append(self._away[back[-1]])
        walk.extend(reversed(back[1:-1]))
        return _simple_cycle(walk)

    def _find_dependents(self, undecided: list[str]) -> None:
        """Give every UNDEC node on no cycle the nearest component it depends on (one search)."""
        queue = deque(node for node in undecided if node in self._component)
        while queue:
            node = queue.popleft()
            number = self._component[node] if node in self._component else self._depends[node]
            for other in self._successors[node]:
                if other not in self._component and other not in self._depends:
                    self._depends[other] = number
                    queue.append(other)


def _open_edges(frame: Framework, nodes: list[str]) -> dict[tuple[str, str], str]:
    """What each UNDEC node depends on among the UNDEC nodes: attacks and needed support.

    Edges run from what a node depends on to the node: attacker → target,
    premise → inference, and inference → conclusion where the conclusion is
    under burden of proof (only then does it need the inference). An edge
    that is both attack and support counts as support. Edges come in the
    order of ``nodes`` (the UNDEC nodes, in framework order), so every
    search over them, and every reason, is the same from run to run.
    """
    undecided = set(nodes)
    kind: dict[tuple[str, str], str] = {}
    for target in nodes:
        for attacker in frame.attackers.get(target, ()):
            if attacker in undecided:
                kind[(attacker, target)] = _ATTACK
    for inference in nodes:
        premises = frame.premises.get(inference)
        if premises is None:
            continue
        for premise in premises:
            if premise in undecided:
                kind[(premise, inference)] = _SUPPORT
        conclusion = frame.conclusion[inference]
        if conclusion in undecided and conclusion in frame.burden:
            kind[(inference, conclusion)] = _SUPPORT
    return kind


def _strong_components(nodes: list[str], successors: dict[str, list[str]]) -> Iterator[list[str]]:
    """The strongly connected components of a graph (Tarjan's algorithm, without recursion).

    Args:
        nodes: every node, in the order the search starts from them.
        successors: node → the nodes its edges lead to.

    Yields:
        Each component's nodes, every node in exactly one, in time linear in nodes + edges.
    """
    number: dict[str, int] = {}
    low: dict[str, int] = {}  # nodes whose component is not finished yet
    stack: list[str] = []
    for root in nodes:
        if root in number:
            continue
        number[root] = low[root] = len(number)
        stack.append(root)
        path = [(root, iter(successors[root]))]
        while path:
            node, rest = path[-1]
            for child in rest:
                if child not in number:
                    number[child] = low[child] = len(number)
                    stack.append(child)
                    path.append((child, iter(successors[child])))
                    break
                if child in low:
                    low[node] = min(low[node], number[child])
            else:
                path.pop()
                if path:
                    parent = path[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == number[node]:
                    yield _pop_component(stack, node, low)


def _pop_component(stack: list[str], node: str, low: dict[str, int]) -> list[str]:
    """Take a finished component, ``node`` and everything above it, off Tarjan's stack."""
    at = len(stack) - 1
    while stack[at] != node:
        at -= 1
    members = stack[at:]
    del stack[at:]
    for member in members:
        del low[member]
    return members


def _tree(
    root: str, members: set[str], neighbours: dict[str, list[str]], parent: dict[str, str]
) -> dict[str, int]:
    """Breadth-first search from ``root`` inside ``members``, recording each node's parent.

    Returns:
        Node → its distance from ``root``.
    """
    distance = {root: 0}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        for other in neighbours[node]:
            if other in members and other not in distance:
                distance[other] = distance[node] + 1
                parent[other] = node
                queue.append(other)
    return distance


def _simple_cycle(walk: list[str]) -> tuple[str, ...]:
    """The simple cycle through ``walk[0]`` left when every loop of a closed walk is cut out.

    Args:
        walk: nodes along edges from ``walk[0]`` back to it (the edge from
            the last node to the first implied), passing ``walk[0]`` once.

    Returns:
        The cycle's nodes in order, from ``walk[0]``.
    """
    stack: list[str] = []
    at: dict[str, int] = {}
    for node in walk:
        if node in at:
            for cut in stack[at[node] + 1 :]:
                del at[cut]
            del stack[at[node] + 1 :]
        else:
            at[node] = len(stack)
            stack.append(node)
    return tuple(stack)


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
    with _collector_paused():
        return grounded(framework_of(graph, assume_false))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration of the block.

    The passes allocate hundreds of thousands of small lists on large maps;
    pausing the collector (nothing here makes cycles) keeps it from
    rescanning the map's objects again and again, which made the time grow
    faster than the map.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
