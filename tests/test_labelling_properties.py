"""The labelling is the least fixpoint of its rules, circles of support included (property tests).

A brute-force reference applies the three rules of the README to every node
until nothing changes, starting from nothing labelled; whatever is never
labelled is UNDEC. The linear work-queue labelling must agree with it on
every small random map, including maps whose support runs in circles, with
burden of proof on some statements and statements assumed false.
"""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.evaluate import Label, ReasonKind, evaluate
from argmap.graph import ArgumentGraph
from argmap.model import ArgumentMap, Conflict, Inference, MapInfo, Statement

IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDEC


def reference_labels(graph: ArgumentGraph, rejected: set[str]) -> dict[str, Label]:
    """Least fixpoint of the labelling rules, by brute force (quadratic, for small graphs)."""
    nodes = [*graph.statements, *graph.inferences]
    burden = graph.burdened()
    label: dict[str, Label | None] = dict.fromkeys(nodes)
    for node in rejected:
        label[node] = OUT
    changed = True
    while changed:
        changed = False
        for node in nodes:
            if label[node] is not None:
                continue
            attackers = graph.attackers_of.get(node, ())
            premises = graph.premises_of.get(node, ())
            into = graph.inferences_into.get(node, ())
            under_burden = node in burden
            out = (
                any(label[a] == IN for a in attackers)
                or any(label[p] == OUT for p in premises)
                or (under_burden and all(label[i] == OUT for i in into))
            )
            stands = (
                all(label[a] == OUT for a in attackers)
                and all(label[p] == IN for p in premises)
                and (not under_burden or any(label[i] == IN for i in into))
            )
            if out or stands:
                label[node] = OUT if out else IN
                changed = True
    return {node: value or UNDEC for node, value in label.items()}


@st.composite
def maps(draw: st.DrawFn) -> tuple[ArgumentGraph, set[str]]:
    """A small map: statements, inferences (often in circles), conflicts of the three kinds."""
    count = draw(st.integers(min_value=1, max_value=7))
    ids = [f"S{n}" for n in range(count)]
    statements = {
        sid: Statement(
            kind=draw(st.sampled_from(["claim", "evidence"])), text=sid, burden=draw(st.booleans())
        )
        for sid in ids
    }
    inferences = {
        f"I{n}": Inference(
            premises=draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3)),
            conclusion=draw(st.sampled_from(ids)),
        )
        for n in range(draw(st.integers(min_value=0, max_value=7)))
    }
    conflicts = {}
    for n in range(draw(st.integers(min_value=0, max_value=6))):
        attacker = draw(st.sampled_from(ids))
        if inferences and draw(st.booleans()):
            conflicts[f"X{n}"] = Conflict(
                kind="undercut", attacker=attacker, target=draw(st.sampled_from(list(inferences)))
            )
        else:
            kind = draw(st.sampled_from(["rebut", "undermine"]))
            conflicts[f"X{n}"] = Conflict(kind=kind, attacker=attacker, target=draw(st.sampled_from(ids)))
    model = ArgumentMap(
        map=MapInfo(title="random", burden_of_proof=draw(st.booleans())),
        statements=statements,
        inferences=inferences,
        conflicts=conflicts,
    )
    rejected = set(draw(st.lists(st.sampled_from(ids), max_size=2)))
    return ArgumentGraph(model), rejected


@settings(max_examples=400, deadline=None)
@given(maps())
def test_labelling_is_the_least_fixpoint_of_its_rules(case: tuple[ArgumentGraph, set[str]]) -> None:
    graph, rejected = case
    assert evaluate(graph, rejected).labels == reference_labels(graph, rejected)


@settings(max_examples=300, deadline=None)
@given(maps())
def test_every_reason_names_what_decided_the_label(case: tuple[ArgumentGraph, set[str]]) -> None:
    graph, rejected = case
    labelling = evaluate(graph, rejected)
    labels = labelling.labels
    for node, label in labels.items():
        reason = labelling.reason(node)
        assert str(reason)
        if reason.kind == ReasonKind.ATTACKED:
            assert labels[reason.ids[0]] == IN and reason.ids[0] in graph.attackers_of[node]
        elif reason.kind == ReasonKind.PREMISE_OUT:
            assert labels[reason.ids[0]] == OUT and reason.ids[0] in graph.premises_of[node]
        elif reason.kind == ReasonKind.STANDS:
            assert label == IN
            assert all(labels[a] == OUT for a in reason.ids)
            if reason.carrier is not None:
                assert labels[reason.carrier] == IN and graph.conclusion(reason.carrier) == node
        elif label == UNDEC:
            # An open node is on, or depends on, a cycle: of attacks, or of support under burden of proof.
            assert reason.kind in (ReasonKind.ATTACK_CYCLE, ReasonKind.SUPPORT_CIRCLE), (node, reason)
            assert all(labels[n] == UNDEC for n in reason.ids)
        else:
            assert label == OUT


def open_dependencies(graph: ArgumentGraph, labels: dict[str, Label]) -> nx.DiGraph:
    """What each UNDEC node depends on among the UNDEC nodes (attacks, needed support), from the rules."""
    undecided = {node for node, label in labels.items() if label == UNDEC}
    burden = graph.burdened()
    edges = nx.DiGraph()
    edges.add_nodes_from(undecided)
    for target, attackers in graph.attackers_of.items():
        edges.add_edges_from((a, target) for a in attackers if a in undecided and target in undecided)
    for inference, premises in graph.premises_of.items():
        if inference in undecided:
            edges.add_edges_from((p, inference) for p in premises if p in undecided)
            conclusion = graph.conclusion(inference)
            if conclusion in undecided and conclusion in burden:
                edges.add_edge(inference, conclusion)
    return edges


@settings(max_examples=300, deadline=None)
@given(maps())
def test_an_open_node_names_a_real_cycle_it_lies_on_or_depends_on(
    case: tuple[ArgumentGraph, set[str]],
) -> None:
    graph, rejected = case
    labelling = evaluate(graph, rejected)
    edges = open_dependencies(graph, labelling.labels)
    on_a_cycle = {
        node
        for component in nx.strongly_connected_components(edges)
        for node in component
        if len(component) > 1 or edges.has_edge(node, node)
    }
    for node in edges:
        reason = labelling.reason(node)
        cycle = reason.cycle
        assert len(set(cycle)) == len(cycle) >= 1
        assert reason.depends == (node not in on_a_cycle), (node, reason)
        steps = list(zip(cycle, cycle[1:] + cycle[:1], strict=True))
        if reason.kind == ReasonKind.ATTACK_CYCLE:
            assert all(edges.has_edge(*step) for step in steps), (node, reason)
            first = node
        else:  # statements, each supporting the next through an UNDEC inference
            assert reason.kind == ReasonKind.SUPPORT_CIRCLE
            assert all(any(edges.has_edge(i, b) for i in edges.successors(a)) for a, b in steps), (
                node,
                reason,
            )
            first = graph.conclusion(node) if node in graph.inferences else node
        if reason.depends:
            assert nx.has_path(edges, cycle[0], node)
        else:
            assert cycle[0] == first, (node, reason)
