"""Grounded labelling with necessary support on maps: the cases of the semantics, pinned."""

import networkx as nx
import pytest

from argmap import Analysis, load_map_text
from argmap import evaluate as evaluate_module
from argmap.evaluate import Label, Reason, ReasonKind, evaluate
from argmap.graph import ArgumentGraph
from argmap.model import ArgumentMap, Conflict, MapInfo, Statement

IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDEC


def labels(body: str, **extra: str) -> dict[str, Label]:
    head = "map: {title: t" + "".join(f", {k}: {v}" for k, v in extra.items()) + "}\nstatements:\n"
    return evaluate(Analysis(load_map_text(head + body, "m.yaml")).graph).labels


def test_reinstatement_through_an_objection_and_a_rebuttal() -> None:
    result = labels(
        "  C1: {kind: claim, key: true, text: The SCO will enlarge.}\n"
        "  O1: {kind: claim, text: India blocks candidates., rebuts: C1}\n"
        "  R1: {kind: evidence, text: India backed Iran in 2023., source: S, rebuts: O1}\n"
    )
    assert (result["C1"], result["O1"], result["R1"]) == (IN, OUT, IN)


def test_undercut_defeats_the_inference_but_not_its_premises() -> None:
    result = labels(
        "  C1: {kind: claim, key: true, text: c, burden: true}\n"
        "  E1: {kind: evidence, text: e}\n"
        "  U1: {kind: claim, text: u, undercuts: I1}\n"
        "inferences:\n  I1: {premises: [E1], conclusion: C1}\n"
    )
    assert (result["I1"], result["E1"], result["U1"], result["C1"]) == (OUT, IN, IN, OUT)


def test_one_failed_co_premise_while_an_independent_reason_holds() -> None:
    body = (
        "  C1: {kind: claim, key: true, text: c, burden: true}\n"
        "  E1: {kind: evidence, text: e1}\n"
        "  A1: {kind: assumption, text: a1}\n"
        "  E2: {kind: evidence, text: e2}\n"
        "  X1: {kind: evidence, text: x, undermines: A1}\n"
        "inferences:\n"
        "  I1: {premises: [E1, A1], conclusion: C1}\n"
        "  I2: {premises: [E2], conclusion: C1}\n"
    )
    result = labels(body)
    assert (result["A1"], result["I1"], result["E1"]) == (OUT, OUT, IN)  # linked: one premise falls, I1 falls
    assert (result["I2"], result["C1"]) == (IN, IN)  # the convergent second reason carries C1
    without_second = labels(body.replace("  I2: {premises: [E2], conclusion: C1}\n", ""))
    assert without_second["C1"] == OUT


def test_burden_of_proof_on_and_off() -> None:
    body = "  C1: {kind: claim, key: true, text: unsupported claim}\n  E1: {kind: evidence, text: e}\n"
    assert labels(body)["C1"] == IN  # default: an unattacked statement stands
    on = labels(body, burden_of_proof="true")
    assert on["C1"] == OUT  # claims need an IN inference
    assert on["E1"] == IN  # evidence is given, even under the map's burden
    assert (
        labels(body.replace("text: unsupported claim}", "text: x, burden: false}"), burden_of_proof="true")[
            "C1"
        ]
        == IN
    )


def test_even_cycle_is_undecided_and_explained() -> None:
    text = (
        "map: {title: t}\nstatements:\n"
        "  A: {kind: claim, key: true, text: a, rebuts: B}\n"
        "  B: {kind: claim, text: b, rebuts: A}\n"
        "  C: {kind: claim, text: c, rebuts: B}\n"
        "  D: {kind: claim, text: d, rebuts: E}\n"
        "  E: {kind: claim, text: e, rebuts: D}\n"
        "  F: {kind: claim, text: f, rebuts: D}\n"
    )
    result = evaluate(Analysis(load_map_text(text, "m.yaml")).graph)
    assert (result.labels["C"], result.labels["B"], result.labels["A"]) == (IN, OUT, IN)
    assert (result.labels["F"], result.labels["D"], result.labels["E"]) == (IN, OUT, IN)
    odd = Analysis(
        load_map_text(
            "map: {title: t}\nstatements:\n"
            "  A: {kind: claim, text: a, rebuts: B}\n  B: {kind: claim, text: b, rebuts: A}\n"
            "  K: {kind: claim, key: true, text: k, supports: A}\n",
            "m.yaml",
        )
    ).graph
    result = evaluate(odd)
    assert result.labels["A"] == UNDEC
    assert str(result.reasons["A"]) == "in a cycle of attacks: A -> B -> A"
    assert (result.reasons["A"].kind, result.reasons["A"].ids) == (ReasonKind.ATTACK_CYCLE, ("A", "B"))


def test_what_if_flips_a_key_judgment() -> None:
    graph = Analysis(
        load_map_text(
            "map: {title: t}\nstatements:\n"
            "  C1: {kind: claim, key: true, text: c, burden: true}\n"
            "  A1: {kind: assumption, text: a}\n"
            "inferences:\n  I1: {premises: [A1], conclusion: C1}\n",
            "m.yaml",
        )
    ).graph
    assert evaluate(graph).labels["C1"] == IN
    flipped = evaluate(graph, assume_false=["A1"])
    assert (flipped.labels["A1"], flipped.labels["I1"], flipped.labels["C1"]) == (OUT, OUT, OUT)
    assert str(flipped.reasons["A1"]) == "assumed false"
    assert flipped.reasons["A1"].kind == ReasonKind.ASSUMED_FALSE
    assert str(flipped.reasons["C1"]) == "every inference into it is OUT (burden of proof)"
    assert str(flipped.reasons["I1"]) == "premise A1 is OUT"
    assert flipped.reasons["I1"] == Reason(ReasonKind.PREMISE_OUT, ("A1",))


CIRCLE = "  C1: {kind: claim, key: true, text: a, supports: C2}\n  C2: {kind: claim, text: b, supports: C1}\n"


def test_circular_support_without_burden_of_proof_stands() -> None:
    # Unattacked statements stand by default; support in a circle changes nothing.
    result = labels(CIRCLE)
    assert result["C1"] == result["C2"] == result["C1->C2"] == result["C2->C1"] == IN


def test_circular_support_alone_under_burden_of_proof_stays_open() -> None:
    graph = Analysis(
        load_map_text("map: {title: t, burden_of_proof: true}\nstatements:\n" + CIRCLE, "m.yaml")
    ).graph
    result = evaluate(graph)
    assert result.labels["C1"] == result.labels["C2"] == UNDEC
    reason = result.reason("C1")
    assert (reason.kind, reason.ids, reason.depends) == (ReasonKind.SUPPORT_CIRCLE, ("C1", "C2"), False)
    assert str(reason) == "in a circle of support: C1 -> C2 -> C1"


def test_an_attacker_that_stands_defeats_a_statement_in_a_circle() -> None:
    result = labels(CIRCLE + "  X1: {kind: evidence, text: x, rebuts: C1}\n", burden_of_proof="true")
    assert (result["X1"], result["C1"], result["C1->C2"], result["C2"]) == (IN, OUT, OUT, OUT)


def test_an_inference_from_outside_the_circle_carries_it() -> None:
    body = CIRCLE + "  E1: {kind: evidence, text: e, supports: C2}\n"
    result = labels(body, burden_of_proof="true")
    assert result["C2"] == result["C1"] == IN
    graph = Analysis(
        load_map_text("map: {title: t, burden_of_proof: true}\nstatements:\n" + body, "m.yaml")
    ).graph
    assert str(evaluate(graph).reason("C2")) == "no attacker; carried by inference E1->C2"


# ----------------------------------------------------------------------------- reasons of UNDEC nodes


def attack_cycle(size: int, dependents: int = 0) -> ArgumentMap:
    """C0 rebuts C1 ... rebuts C{size-1} rebuts C0; D{n} is rebutted by C0 (depends on the cycle)."""
    statements = {f"C{n}": Statement(kind="claim", text=f"c{n}") for n in range(size)}
    statements |= {f"D{n}": Statement(kind="claim", text=f"d{n}") for n in range(dependents)}
    conflicts = {
        f"R{n}": Conflict(kind="rebut", attacker=f"C{n}", target=f"C{(n + 1) % size}") for n in range(size)
    }
    conflicts |= {f"X{n}": Conflict(kind="rebut", attacker="C0", target=f"D{n}") for n in range(dependents)}
    return ArgumentMap(map=MapInfo(title="cycle"), statements=statements, conflicts=conflicts)


def test_the_open_region_is_searched_once_and_its_cycle_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each UNDEC reason used to search the graph anew (networkx find_cycle once per node),
    # and each copied its cycle: quadratic on a long cycle (minutes at 2,000 nodes).
    searches = []
    components = evaluate_module._strong_components

    def counted(*args: object) -> object:
        searches.append(args)
        return components(*args)

    monkeypatch.setattr(evaluate_module, "_strong_components", counted)
    monkeypatch.setattr(nx, "find_cycle", None)  # no search per node
    graph = ArgumentGraph(attack_cycle(3000, dependents=3))
    labelling = evaluate(graph)
    reasons = {sid: labelling.reason(sid) for sid in graph.statements}
    assert len(searches) == 1
    assert len({id(reason.ids) for reason in reasons.values()}) == 1  # one cycle, never copied
    assert str(reasons["C2998"]) == (
        "in a cycle of attacks: C2998 -> C2999 -> C0 -> C1 -> C2 -> C3 -> C4 -> C5 -> ... (3000 nodes)"
    )
    assert reasons["C2998"].cycle[:3] == ("C2998", "C2999", "C0") and len(reasons["C2998"].cycle) == 3000
    assert (
        str(reasons["D1"])
        == "depends on a cycle of attacks: C0 -> C1 -> C2 -> C3 -> C4 -> C5 -> C6 -> C7 -> ... (3000 nodes)"
    )
    assert reasons["D1"].depends and reasons["D1"].start == 0


def test_a_support_circle_of_inferences_names_its_statements_from_the_node() -> None:
    body = (
        "  C1: {kind: claim, text: a, supports: C2}\n  C2: {kind: claim, text: b, supports: C3}\n"
        "  C3: {kind: claim, text: c, supports: C1}\n  D: {kind: claim, text: d, burden: false, rebuts: C4}\n"
        "  C4: {kind: claim, text: e}\ninferences:\n  I1: {premises: [C3, D], conclusion: C4}\n"
    )
    graph = Analysis(
        load_map_text("map: {title: t, burden_of_proof: true}\nstatements:\n" + body, "m.yaml")
    ).graph
    labelling = evaluate(graph)
    assert str(labelling.reason("C2")) == "in a circle of support: C2 -> C3 -> C1 -> C2"
    assert str(labelling.reason("C2->C3")) == "in a circle of support: C3 -> C1 -> C2 -> C3"
    assert labelling.reason("C2->C3").cycle == ("C3", "C1", "C2")
    assert str(labelling.reason("I1")) == "depends on a circle of support: C1 -> C2 -> C3 -> C1"


def test_a_node_in_a_tangle_of_cycles_is_said_to_be_on_one() -> None:
    # A and B attack each other, so do B and C: C is on a cycle (C -> B -> C), though not on
    # the first one found (A -> B -> A); the search per node used to say C depends on that one.
    body = (
        "  A: {kind: claim, text: a, rebuts: B}\n  B: {kind: claim, text: b, rebuts: [A, C]}\n"
        "  C: {kind: claim, text: c, rebuts: B}\n  D: {kind: claim, text: d}\n"
        "conflicts:\n  X: {kind: rebut, attacker: C, target: D}\n"
    )
    labelling = evaluate(Analysis(load_map_text("map: {title: t}\nstatements:\n" + body, "m.yaml")).graph)
    assert str(labelling.reason("A")) == "in a cycle of attacks: A -> B -> A"
    assert str(labelling.reason("C")) == "in a cycle of attacks: C -> B -> C"
    assert str(labelling.reason("D")) == "depends on a cycle of attacks: A -> B -> A"
