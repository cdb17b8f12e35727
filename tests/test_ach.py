"""ACH scoring pinned on hand-worked matrices (see the numbers in each test's comment)."""

import math

import pytest

from argmap import Analysis, MapError, load_map_text
from argmap.ach import (
    Effect,
    analyse,
    build_matrix,
    diagnosticity,
    disagreements,
    effect,
    rows_by_diagnosticity,
    scores,
    sensitivity,
    ties,
    top,
)
from argmap.grades import ach_credibility
from argmap.model import Credibility, Level, Profile, Reliability

HYPOTHESES = """\
  H1: {kind: hypothesis, text: Broad enlargement}
  H2: {kind: hypothesis, text: Security focus}
  H3: {kind: hypothesis, text: Stagnation}
"""

# E1 credibility high (Admiralty B1), relevance medium; E2 credibility low (Admiralty 4),
# relevance high; E3 all neutral; E4 medium credibility (no grade), relevance low.
WORKED = (
    "map: {title: Worked}\nsources:\n  S1: {title: Registry, reliability: B}\nstatements:\n"
    + HYPOTHESES
    + """\
  E1: {kind: evidence, text: e1, source: S1, credibility: 1}
  E2: {kind: evidence, text: e2, credibility: 4, relevance: high}
  E3: {kind: evidence, text: e3}
  E4: {kind: assumption, text: e4, relevance: low}
ach:
  ratings:
    E1: {H1: C, H2: I, H3: II}
    E2: {H1: I, H2: C, H3: C}
    E3: {H1: N, H2: N, H3: N}
    E4: {H1: CC, H2: II, H3: NA}
"""
)


def matrix_of(text: str):
    return build_matrix(Analysis(load_map_text(text, "m.yaml")).graph)


def test_heuer_counts_inconsistency_and_ranks_least_first() -> None:
    # H1: E2 I = 1; H2: E1 I + E4 II = 3; H3: E1 II = 2 (NA counts 0).
    matrix = matrix_of(WORKED)
    assert scores(matrix, Profile.HEUER) == {"H1": 1.0, "H2": 3.0, "H3": 2.0}
    assert analyse(Analysis(load_map_text(WORKED, "m.yaml")).graph).ranking == ["H1", "H3", "H2"]


def test_parc_weights_credibility_and_relevance() -> None:
    # w(L) = 1/sqrt2, w(M) = 1, w(H) = sqrt2.
    # H1: E2 I (1) x cred low x rel high = 1; H2: E1 I x sqrt2 x 1 + E4 II (2) x 1 x 1/sqrt2 = 2 sqrt2;
    # H3: E1 II (2) x sqrt2 = 2 sqrt2: H2 and H3 tie.
    matrix = matrix_of(WORKED)
    assert matrix.credibility == {"E1": Level.HIGH, "E2": Level.LOW, "E3": Level.MEDIUM, "E4": Level.MEDIUM}
    result = scores(matrix, Profile.PARC)
    assert result["H1"] == pytest.approx(1.0)
    assert result["H2"] == pytest.approx(2 * math.sqrt(2))
    assert result["H3"] == pytest.approx(2 * math.sqrt(2))
    assert ties(matrix, Profile.PARC) == [("H2", "H3")]
    assert top(matrix, Profile.PARC) == ("H1",)


def test_likelihood_posterior() -> None:
    # P(e|h): CC .95, C .75, N .5, I .25, II .05; NA counts as N; uniform priors.
    # H1 = .75 x .25 x .5 x .95 = .0890625; H2 = .25 x .75 x .5 x .05 = .0046875;
    # H3 = .05 x .75 x .5 x .5 = .009375; total .103125 -> 19/22, 1/22, 2/22.
    result = scores(matrix_of(WORKED), Profile.LIKELIHOOD)
    assert result == pytest.approx({"H1": 19 / 22, "H2": 1 / 22, "H3": 2 / 22})


def test_likelihood_with_priors_and_own_table() -> None:
    text = WORKED + "  priors: {H1: 1, H2: 1, H3: 2}\n  likelihoods: {N: 0.4}\n"
    # N = .4 now: H1 = .75 x .25 x .4 x .95 x 1, H2 = .25 x .75 x .4 x .05 x 1, H3 = .05 x .75 x .4 x .4 x 2.
    raw = {"H1": 0.75 * 0.25 * 0.4 * 0.95, "H2": 0.25 * 0.75 * 0.4 * 0.05, "H3": 0.05 * 0.75 * 0.4 * 0.4 * 2}
    total = sum(raw.values())
    assert scores(matrix_of(text), Profile.LIKELIHOOD) == pytest.approx(
        {h: v / total for h, v in raw.items()}
    )


NET_SUPPORT_TRAP = (
    "map: {title: Trap}\nstatements:\n"
    + HYPOTHESES
    + """\
  E1: {kind: evidence, text: e1}
  E2: {kind: evidence, text: e2}
  E3: {kind: evidence, text: e3}
  E4: {kind: evidence, text: e4}
ach:
  ratings:
    E1: {H1: CC, H2: N, H3: I}
    E2: {H1: CC, H2: N, H3: I}
    E3: {H1: CC, H2: N, H3: I}
    E4: {H1: II, H2: C, H3: I}
"""
)


def test_ranking_is_by_inconsistency_not_net_support() -> None:
    # Net support (CC 2, C 1, N 0, I -1, II -2): H1 = 4, H2 = 1, H3 = -4, so H1 would come first.
    # Inconsistency: H1 = 2, H2 = 0, H3 = 4, so H2 comes first.
    graph = Analysis(load_map_text(NET_SUPPORT_TRAP, "m.yaml")).graph
    assert analyse(graph, Profile.HEUER).ranking == ["H2", "H1", "H3"]
    assert analyse(graph, Profile.PARC).ranking == ["H2", "H1", "H3"]


def test_diagnosticity_is_the_spread_of_ratings_in_steps() -> None:
    # Positions CC 2, C 1, N 0, I -1, II -2. E1 (C, I, II) -> 1 - (-2) = 3; E2 (I, C, C) -> 2;
    # E3 all N -> 0; E4 (CC, II, NA left out) -> 4. Sorted most diagnostic first.
    matrix = matrix_of(WORKED)
    assert [diagnosticity(matrix, row) for row in matrix.rows] == [3, 2, 0, 4]
    assert rows_by_diagnosticity(matrix) == ["E4", "E1", "E2", "E3"]
    assert rows_by_diagnosticity(matrix, Profile.LIKELIHOOD) == ["E4", "E1", "E2", "E3"]


def test_effect_in_bits() -> None:
    # Likelihood, in bits: E1 log2(.75/.05) = log2 15; E2 log2(.75/.25) = log2 3; E3 0;
    # E4 log2(.95/.05) = log2 19 (NA counts as N, .5, between the two).
    matrix = matrix_of(WORKED)
    bits = Profile.LIKELIHOOD
    assert effect(matrix, "E1", bits) == pytest.approx(math.log2(15))
    assert effect(matrix, "E2", bits) == pytest.approx(math.log2(3))
    assert effect(matrix, "E3", bits) == 0
    assert effect(matrix, "E4", bits) == pytest.approx(math.log2(19))


def test_effect_in_inconsistency_points() -> None:
    # Heuer: spread of the row's inconsistencies. E1 (0, 1, 2) -> 2; E2 (1, 0, 0) -> 1;
    # E3 0; E4 (0, 2, 0) -> 2. PARC weighs them: E1 x sqrt2 (high, medium), E4 x 1/sqrt2.
    matrix = matrix_of(WORKED)
    assert [effect(matrix, row) for row in matrix.rows] == [2, 1, 0, 2]
    parc = [effect(matrix, row, Profile.PARC) for row in matrix.rows]
    assert parc == pytest.approx([2 * math.sqrt(2), 1, 0, math.sqrt(2)])


def test_consistent_with_one_and_neutral_elsewhere_is_diagnostic_without_effect() -> None:
    # Heuer: E3 separates H1 (C) from the rest (N) although it adds no inconsistency point.
    text = WORKED.replace("E3: {H1: N, H2: N, H3: N}", "E3: {H1: C, H2: N, H3: N}")
    matrix = matrix_of(text)
    assert diagnosticity(matrix, "E3") == 1
    assert effect(matrix, "E3", Profile.HEUER) == 0
    assert effect(matrix, "E3", Profile.LIKELIHOOD) == pytest.approx(math.log2(0.75 / 0.5))


def test_consistent_against_very_consistent_has_no_heuer_effect() -> None:
    text = WORKED.replace("E3: {H1: N, H2: N, H3: N}", "E3: {H1: CC, H2: C, H3: C}")
    matrix = matrix_of(text)
    assert diagnosticity(matrix, "E3") == 1
    assert effect(matrix, "E3", Profile.HEUER) == 0
    assert effect(matrix, "E3", Profile.LIKELIHOOD) == pytest.approx(math.log2(0.95 / 0.75))


def test_linchpin_whose_removal_changes_the_top() -> None:
    # Heuer base: H1 1, H3 2, H2 3. Without E1: H1 1, H2 2, H3 0 -> H3 first.
    result = sensitivity(matrix_of(WORKED), Profile.HEUER)
    without_e1 = next(c for c in result.left_out if c.row == "E1")
    assert (without_e1.new_top, without_e1.effect) == (("H3",), Effect.TOP_CHANGES)
    # Without E4: H1 1, H2 1, H3 2 -> H1 and H2 tie at the top.
    without_e4 = next(c for c in result.left_out if c.row == "E4")
    assert (without_e4.new_top, without_e4.effect) == (("H1", "H2"), Effect.TIE_CREATED)
    assert [c.row for c in result.left_out] == ["E1", "E4"]
    # E2 on H1 from I to II makes H1 2 = H3 2: a tie at the top.
    flip = next(c for c in result.flips if (c.row, c.hypothesis, c.after) == ("E2", "H1", "II"))
    assert (flip.new_top, flip.effect) == (("H1", "H3"), Effect.TIE_CREATED)
    # The margin is one point, so a single step on E3 (N -> I on H1) ties the top too.
    assert result.linchpins == ["E1", "E4", "E2", "E3"]


def test_wide_margin_has_no_linchpin() -> None:
    # H1 = 4, H2 = 0, H3 = 5 (Heuer): no single removal or step reaches H2's place.
    wide = NET_SUPPORT_TRAP.replace("E1: {H1: CC, H2: N, H3: I}", "E1: {H1: II, H2: N, H3: II}")
    assert sensitivity(matrix_of(wide), Profile.HEUER).linchpins == []


def test_merged_analysts_do_not_grow_scores_and_disagreements_show() -> None:
    text = WORKED.replace("ach:\n", "ach:\n  analyst: Ana\n") + (
        "  analysts:\n    Ben:\n      E1: {H1: C, H2: II, H3: II}\n      E2: {H1: C, H2: C, H3: C}\n"
    )
    matrix = matrix_of(text)
    # E1 on H2: Ana I (1), Ben II (2) -> 1.5; E2 on H1: Ana I (1), Ben C (0) -> 0.5.
    assert scores(matrix, Profile.HEUER) == {"H1": 0.5, "H2": 3.5, "H3": 2.0}
    [found] = disagreements(matrix)
    assert (found.row, found.hypothesis, found.ratings) == ("E2", "H1", {"Ana": "I", "Ben": "C"})
    same_twice = (
        WORKED.replace("ach:\n", "ach:\n  analyst: Ana\n")
        + "  analysts:\n    Ben:\n"
        + "".join("    " + line + "\n" for line in WORKED.split("  ratings:\n")[1].splitlines())
    )
    assert scores(matrix_of(same_twice), Profile.HEUER) == scores(matrix_of(WORKED), Profile.HEUER)


@pytest.mark.parametrize(
    ("reliability", "credibility", "level"),
    [
        (None, None, Level.MEDIUM),
        (Reliability.F, Credibility.CONFIRMED, Level.MEDIUM),  # an unknown source is never weighed high
        (Reliability.A, Credibility.CONFIRMED, Level.HIGH),
        (Reliability.A, Credibility.POSSIBLY_TRUE, Level.MEDIUM),
        (Reliability.C, Credibility.DOUBTFUL, Level.LOW),
        (Reliability.E, Credibility.PROBABLY_TRUE, Level.MEDIUM),
        (Reliability.D, Credibility.UNKNOWN, Level.LOW),
    ],
)
def test_credibility_from_admiralty(reliability, credibility, level) -> None:
    assert ach_credibility(reliability, credibility) == level


def test_unrated_and_na_cells() -> None:
    text = WORKED.replace("E3: {H1: N, H2: N, H3: N}", "E3: {H1: I}")
    matrix = matrix_of(text)
    assert scores(matrix, Profile.HEUER)["H1"] == 2.0
    # A lone I against blanks moves H1's score (blanks count 0 / as N), but with one rated
    # cell there is no spread of ratings to measure.
    assert effect(matrix, "E3") == 1
    assert effect(matrix, "E3", Profile.LIKELIHOOD) == pytest.approx(1.0)
    assert diagnosticity(matrix, "E3") == 0


def test_tiny_posteriors_are_ranked_by_ratio_not_by_absolute_difference() -> None:
    rows = "".join(f"  E{n}: {{kind: evidence, text: e}}\n" for n in range(1, 10))
    ratings = "".join(f"    E{n}: {{H1: CC, H2: II, H3: II}}\n" for n in range(1, 9))
    text = (
        "map: {title: Tiny}\nstatements:\n"
        + HYPOTHESES
        + rows
        + "ach:\n  profile: likelihood\n  ratings:\n"
        + ratings
        + "    E9: {H1: CC, H2: II, H3: CC}\n"
    )
    graph = Analysis(load_map_text(text, "m.yaml")).graph
    result = analyse(graph)
    assert result.ranking == ["H1", "H3", "H2"]
    assert result.ties == []


def test_an_analyst_cannot_rate_twice() -> None:
    text = WORKED.replace("ach:\n", "ach:\n  analyst: Ana\n") + "  analysts:\n    Ana:\n      E1: {H1: C}\n"
    with pytest.raises(MapError, match="analyst 'Ana' rates twice"):
        load_map_text(text, "m.yaml")


def test_partial_priors_weigh_the_others_one() -> None:
    matrix = matrix_of(WORKED + "  priors: {H1: 2}\n")
    assert matrix.priors == {"H1": 0.5, "H2": 0.25, "H3": 0.25}


def test_not_applicable_against_a_rating_is_a_disagreement() -> None:
    text = WORKED.replace("ach:\n", "ach:\n  analyst: Ana\n") + (
        "  analysts:\n    Ben:\n      E4: {H1: CC, H2: II, H3: II}\n"
    )
    [found] = disagreements(matrix_of(text))
    assert (found.row, found.hypothesis, found.ratings) == ("E4", "H3", {"Ana": "NA", "Ben": "II"})


def test_flip_of_a_shared_cell_shows_every_analyst() -> None:
    text = WORKED.replace("ach:\n", "ach:\n  analyst: Ana\n") + (
        "  analysts:\n    Ben:\n      E1: {H1: C, H2: II, H3: II}\n"
    )
    flips = sensitivity(matrix_of(text), Profile.HEUER).flips
    # E1 on H3: Ana II and Ben II both move to I: H3 falls to 1 and ties H1.
    assert "E1 on H3 II/II -> I/I: H1 = H3 first (tie created)" in [c.describe() for c in flips]


def test_likelihood_report_names_the_table_and_priors() -> None:
    from argmap.report.ach import to_markdown

    graph = Analysis(load_map_text(WORKED + "  profile: likelihood\n  priors: {H1: 2}\n", "m.yaml")).graph
    text = to_markdown(analyse(graph), graph)
    assert "P(e\\|h) used: CC 0.95, C 0.75, N 0.5, I 0.25, II 0.05" in text
    assert "Priors used: H1 0.5, H2 0.25, H3 0.25." in text
