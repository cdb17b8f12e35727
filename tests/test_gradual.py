"""DF-QuAD strengths pinned by hand, and map acceptance under preferred semantics."""

from pathlib import Path

import pytest

from argmap import Analysis, load_map_text
from argmap.gradual import CycleError, aggregate, combine, strengths
from argmap.iccma import Semantics, acceptance, flattened


def test_combination_and_aggregation() -> None:
    assert combine([]) == 0
    assert combine([0.5, 0.5]) == pytest.approx(0.75)
    assert aggregate(0.5, attack=0.75, support=0.25) == pytest.approx(0.25)  # 0.5 - 0.5 x 0.5
    assert aggregate(0.5, attack=0.25, support=0.75) == pytest.approx(0.75)  # 0.5 + 0.5 x 0.5
    assert aggregate(0.4, attack=0.3, support=0.3) == pytest.approx(0.4)


def test_strengths_on_a_small_map() -> None:
    graph = Analysis(
        load_map_text(
            "map: {title: t}\nsources:\n  S1: {title: s, reliability: B}\nstatements:\n"
            "  C1: {kind: claim, key: true, text: c}\n"
            "  E1: {kind: evidence, text: e, source: S1, credibility: 2, supports: C1}\n"
            "  O1: {kind: claim, text: o, rebuts: C1}\n",
            "m.yaml",
        )
    ).graph
    values = strengths(graph)
    # E1: 0.75 x 0.9 = 0.675; inference E1->C1: 1 x 0.675; O1: 0.5.
    # C1: base 0.5, attack 0.5 < support 0.675 -> 0.5 + 0.5 x 0.175 = 0.5875.
    assert values["E1"] == pytest.approx(0.675)
    assert values["E1->C1"] == pytest.approx(0.675)
    assert values["O1"] == pytest.approx(0.5)
    assert values["C1"] == pytest.approx(0.5875)


def test_cycles_are_reported_not_iterated() -> None:
    graph = Analysis(
        load_map_text(
            "map: {title: t}\nstatements:\n"
            "  A: {kind: claim, text: a, rebuts: B}\n  B: {kind: claim, text: b, rebuts: A}\n",
            "m.yaml",
        )
    ).graph
    with pytest.raises(CycleError) as raised:
        strengths(graph)
    assert set(raised.value.cycle) == {"A", "B"}


def test_credulous_and_sceptical_acceptance_of_a_map() -> None:
    graph = Analysis(
        load_map_text(
            "map: {title: t}\nstatements:\n"
            "  A: {kind: claim, text: a, rebuts: B}\n  B: {kind: claim, text: b, rebuts: A}\n"
            "  C: {kind: claim, key: true, text: c}\n"
            "  E: {kind: evidence, text: e}\n"
            "inferences:\n  I1: {premises: [E, B], conclusion: C}\n",
            "m.yaml",
        )
    ).graph
    result = acceptance(flattened(graph), Semantics.PREFERRED)
    assert sorted(map(sorted, result.extensions)) == [["A", "C", "E"], ["B", "C", "E", "I1"]]
    assert result.sceptical == {"C", "E"}
    assert result.credulous == {"A", "B", "C", "E", "I1"}  # I1 needs B: A's attack on B reaches it


def test_the_cycle_warning_names_inferences_apart_from_their_arrows(tmp_path: Path) -> None:
    # Shorthand inference ids hold "->": the warning used to read "C1 -> C1->C2 -> C2 -> C2->C1 -> C1".
    from click.testing import CliRunner

    from argmap.cli import main

    path = tmp_path / "m.yaml"
    path.write_text(
        "map: {title: t}\nstatements:\n"
        "  C1: {kind: claim, text: a, supports: C2}\n  C2: {kind: claim, text: b, supports: C1}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["evaluate", str(path), "--strength"])
    assert (
        "warning: DF-QuAD does not converge on a cycle: "
        "C1 → inference C1->C2 → C2 → inference C2->C1 → C1; strengths are left out (acyclic maps only)"
    ) in result.output
