"""Gradual strength: DF-QuAD over the map's bipolar graph (optional, beside the labels).

DF-QuAD (Rago, Toni, Aurisicchio & Baroni 2016) gives each node a strength
in [0, 1] from a base score and the strengths of its attackers and
supporters:

* attackers combine as a probabilistic sum, F(v1..vn) = 1 - Π(1 - vi), and
  so do supporters;
* with combined attack ``a``, support ``s`` and base ``τ``: strength ``τ`` if
  a = s, ``τ - τ·(a - s)`` if a > s, ``τ + (1 - τ)·(s - a)`` if s > a.

argmap's graph has inferences as nodes: an inference's base is its stated
``strength`` (1 if none) times the weakest of its premises (all are needed),
and it supports its conclusion. Base scores of statements come from the
Admiralty grades (:func:`argmap.grades.base_score`): information
credibility 1 → 0.9, 2 → 0.75, 3 → 0.5, 4 → 0.3, 5 → 0.1, 6 or none → 0.5,
times the source's reliability A 1.0, B 0.9, C 0.8, D 0.6, E 0.4, F or none
0.8 (F is unknown, not bad). Claims, assumptions and hypotheses without
grades start at 0.5.

The computation runs once in topological order (linear). It is defined only
for acyclic graphs: on a cycle of attacks or support the iteration need not
converge, so the cycle is reported instead (:class:`CycleError`).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable

from argmap import grades
from argmap.graph import ArgumentGraph


class CycleError(ValueError):
    """The graph has a cycle, on which DF-QuAD need not converge; ``cycle`` names it.

    The message writes the cycle with ``→`` between its nodes and the word
    ``inference`` before each inference, since shorthand inference ids hold
    ``->`` themselves: ``C1 → inference C1->C2 → C2 → inference C2->C1 → C1``.
    """

    def __init__(self, cycle: list[str], inferences: Collection[str] = ()) -> None:
        """Take the nodes of one cycle, in order, and the ids of the inferences among them."""
        steps = [f"inference {node}" if node in inferences else node for node in [*cycle, cycle[0]]]
        super().__init__("DF-QuAD does not converge on a cycle: " + " → ".join(steps))
        self.cycle = cycle


def combine(values: list[float]) -> float:
    """Probabilistic sum 1 - Π(1 - v) of strengths in [0, 1]; 0 for none."""
    return 1 - math.prod(1 - v for v in values)


def aggregate(base: float, attack: float, support: float) -> float:
    """DF-QuAD's combination of a base score with combined attack and support."""
    if attack > support:
        return base - base * (attack - support)
    return base + (1 - base) * (support - attack)


def base_score(graph: ArgumentGraph, statement_id: str) -> float:
    """Base score of a statement from its Admiralty grades (:func:`argmap.grades.base_score`)."""
    statement = graph.statements[statement_id]
    reliability = grades.combined_reliability(
        graph.sources[s].reliability for s in statement.source if s in graph.sources
    )
    return grades.base_score(reliability, statement.credibility, sourced=bool(statement.source))


def strengths(graph: ArgumentGraph, rejected: Iterable[str] = ()) -> dict[str, float]:
    """DF-QuAD strength of every statement and inference of an argument graph.

    Args:
        graph: the map's argument graph.
        rejected: statements assumed false (a what-if): their strength is 0,
            whatever supports them. Withdrawn statements (retracted,
            discredited) get 0 too. Weak attacks count like any other: they
            lower their target's strength without defeating it.

    Returns:
        Node id → strength in [0, 1].

    Raises:
        CycleError: the graph of attacks and support has a cycle.
    """
    import networkx as nx  # loaded by the commands that need it only

    dependencies = nx.DiGraph()
    dependencies.add_nodes_from(graph.statements)
    dependencies.add_edges_from(graph.support_edges())
    for target, attackers in graph.attackers_of.items():
        dependencies.add_edges_from((attacker, target) for attacker in attackers)
    try:
        order = list(nx.topological_sort(dependencies))
    except nx.NetworkXUnfeasible:
        raise CycleError([edge[0] for edge in nx.find_cycle(dependencies)], graph.inferences) from None
    false = set(rejected) | set(graph.withdrawn)
    value: dict[str, float] = {}
    for node in order:
        if node in false:
            value[node] = 0.0
            continue
        inference = graph.inferences.get(node)
        if inference is not None:
            stated = inference.strength if inference.strength is not None else 1.0
            base = stated * min(value[p] for p in graph.premises_of[node])
        else:
            base = base_score(graph, node)
        attack = combine([value[a] for a in graph.attackers_of.get(node, ())])
        support = combine([value[i] for i in graph.inferences_into.get(node, ())])
        value[node] = aggregate(base, attack, support)
    return value
