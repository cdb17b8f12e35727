"""The Admiralty grades read once per use: every reliability × credibility pair, pinned."""

from __future__ import annotations

import pytest

from argmap.grades import ach_credibility, base_score, combined_reliability, is_weak_credibility
from argmap.model import Credibility, Level, Reliability

R = [Reliability.A, Reliability.B, Reliability.C, Reliability.D, Reliability.E, Reliability.F, None]
C = [*Credibility, None]

# ACH credibility: rows reliability A, B, C, D, E, F, none; columns credibility 1 ... 6, none.
H, M, L = Level.HIGH, Level.MEDIUM, Level.LOW
ACH = {
    Reliability.A: [H, H, M, L, L, M, M],
    Reliability.B: [H, H, M, L, L, M, M],
    Reliability.C: [H, H, M, L, L, M, M],
    Reliability.D: [M, M, L, L, L, L, L],
    Reliability.E: [M, M, L, L, L, L, L],
    Reliability.F: [M, M, M, L, L, M, M],  # unknown source: never high, never worse than the item
    None: [M, M, M, L, L, M, M],
}


@pytest.mark.parametrize("reliability", R)
def test_ach_credibility_of_every_pair(reliability: Reliability | None) -> None:
    assert [ach_credibility(reliability, credibility) for credibility in C] == ACH[reliability]


def test_base_scores_put_unknown_between_the_known_grades() -> None:
    def score(r: Reliability | None, c: Credibility | None) -> float:
        return base_score(r, c, sourced=True)

    assert score(Reliability.A, Credibility.CONFIRMED) == pytest.approx(0.9)
    assert score(Reliability.B, Credibility.PROBABLY_TRUE) == pytest.approx(0.675)
    # F is neither as good as C nor as bad as D; 6 neither as good as 3 nor as bad as 4.
    assert score(Reliability.D, Credibility.CONFIRMED) < score(Reliability.F, Credibility.CONFIRMED)
    assert score(Reliability.F, Credibility.CONFIRMED) < score(Reliability.C, Credibility.CONFIRMED)
    assert score(Reliability.A, Credibility.DOUBTFUL) < score(Reliability.A, Credibility.UNKNOWN)
    assert score(Reliability.A, Credibility.UNKNOWN) < score(Reliability.A, Credibility.POSSIBLY_TRUE)
    # E and 5 are the bottom.
    assert score(Reliability.E, Credibility.IMPROBABLE) == min(score(r, c) for r in R for c in C)
    # An unsourced, ungraded statement (a claim, an assumption) starts neutral.
    assert base_score(None, None, sourced=False) == 0.5


def test_weak_credibility_is_doubtful_improbable_or_unknown() -> None:
    assert [is_weak_credibility(c) for c in C] == [False, False, False, True, True, True, False]


@pytest.mark.parametrize(
    ("grades", "combined"),
    [
        ([], None),
        ([Reliability.F], Reliability.F),
        ([Reliability.F, Reliability.D], Reliability.D),  # a known grade says more than none
        ([Reliability.C, Reliability.B, Reliability.E], Reliability.B),
    ],
)
def test_an_item_with_several_sources_reads_its_best_known_grade(grades, combined) -> None:
    assert combined_reliability(grades) == combined
