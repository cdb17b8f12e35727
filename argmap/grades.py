"""Admiralty grades read for each use: one place, one documented mapping per use.

The Admiralty (NATO STANAG 2511, AJP-2.1) system grades a source's
reliability A–F and a piece of information's credibility 1–6, on two
independent axes. F and 6 mean *cannot be judged*: unknown, not worst (E and
5 are the bottom). argmap reads the grades in three places, each with its
own mapping, all here:

* :func:`ach_credibility` — the PARC ACH credibility level (high, medium,
  low) that weights an evidence row;
* :func:`base_score` — the DF-QuAD base score in [0, 1] of a statement
  (:mod:`argmap.gradual`);
* :func:`is_weak_credibility` — whether an item can carry a key judgment on
  its own (rule J004).

No mapping folds the two axes into one number without saying how; none
reads F or 6 as the worst grade, or as good as C or 3
(:func:`combined_reliability` for an item with several sources).
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.model import AssumptionRating, Credibility, Level, Reliability

KNOWN_RELIABILITY = (Reliability.A, Reliability.B, Reliability.C, Reliability.D, Reliability.E)
"""The reliability grades that say something, best first (F means cannot be judged)."""


def combined_reliability(grades: Iterable[Reliability]) -> Reliability | None:
    """The reliability to read for an item reported by several sources: the best known grade.

    Several sources with their own grades report one item; the item is as
    reliable as its most reliable source (provided they are independent; the
    map records that with ``corroborated_by``). F counts only when no source
    can be judged.

    Args:
        grades: the grades of the item's sources.

    Returns:
        The best of A–E among them, else F if any source is F, else None (no source).
    """
    given = set(grades)
    best = next((grade for grade in KNOWN_RELIABILITY if grade in given), None)
    return best or (Reliability.F if Reliability.F in given else None)


ACH_LEVEL: dict[Credibility | None, Level] = {
    Credibility.CONFIRMED: Level.HIGH,
    Credibility.PROBABLY_TRUE: Level.HIGH,
    Credibility.POSSIBLY_TRUE: Level.MEDIUM,
    Credibility.DOUBTFUL: Level.LOW,
    Credibility.IMPROBABLE: Level.LOW,
    Credibility.UNKNOWN: Level.MEDIUM,
    None: Level.MEDIUM,
}
"""ACH credibility level per information credibility: unknown (6, or no grade) is medium, not low."""

WEAK_SOURCES = (Reliability.D, Reliability.E)
"""Source grades (not usually reliable, unreliable) that lower the ACH level one step."""

UNKNOWN_SOURCES = (Reliability.F, None)
"""Source grades that cannot be judged (F, or no source): they cap the ACH level at medium."""

_ONE_STEP_LOWER = {Level.HIGH: Level.MEDIUM, Level.MEDIUM: Level.LOW, Level.LOW: Level.LOW}


def ach_credibility(reliability: Reliability | None, credibility: Credibility | None) -> Level:
    """ACH credibility of an evidence item from its Admiralty grades.

    Information credibility sets the level (:data:`ACH_LEVEL`: 1–2 high,
    3 medium, 4–5 low, 6 or none medium); a source graded D or E lowers it
    one step; a source that cannot be judged (F, or none) caps it at medium,
    so that information from an unknown source is never weighed as high;
    A–C leave it. This is argmap's house mapping: PARC ACH asks the analyst
    for the level and names no rule.

    Args:
        reliability: the source's grade A–F, or None (no source).
        credibility: the item's grade 1–6, or None.

    Returns:
        :class:`~argmap.model.Level`.
    """
    level = ACH_LEVEL[credibility]
    if reliability in WEAK_SOURCES:
        return _ONE_STEP_LOWER[level]
    if reliability in UNKNOWN_SOURCES and level == Level.HIGH:
        return Level.MEDIUM
    return level


CREDIBILITY_SCORE: dict[Credibility | None, float] = {
    Credibility.CONFIRMED: 0.9,
    Credibility.PROBABLY_TRUE: 0.75,
    Credibility.POSSIBLY_TRUE: 0.5,
    Credibility.DOUBTFUL: 0.3,
    Credibility.IMPROBABLE: 0.1,
    Credibility.UNKNOWN: 0.4,
    None: 0.5,
}
"""DF-QuAD base score per information credibility (argmap's own scale).

Close to STIX 2.1's mapping of Admiralty credibility to a confidence (90,
70, 50, 30, 10 out of 100), with "probably true" at 0.75. 6 (cannot be
judged), which STIX leaves without a value, sits between "possibly true"
(3) and "doubtful" (4): unknown is neither the worst nor as good as 3. A
statement with no grade at all (a claim, an assumption) starts neutral, 0.5.
"""

RELIABILITY_FACTOR: dict[Reliability | None, float] = {
    Reliability.A: 1.0,
    Reliability.B: 0.9,
    Reliability.C: 0.8,
    Reliability.D: 0.6,
    Reliability.E: 0.4,
    Reliability.F: 0.7,
    None: 0.8,
}
"""Factor on the base score per source reliability; F (cannot be judged) lies between C and D:
neither as good as "fairly reliable" nor the worst grade."""


def base_score(reliability: Reliability | None, credibility: Credibility | None, *, sourced: bool) -> float:
    """DF-QuAD base score of a statement: credibility score times reliability factor.

    Args:
        reliability: the grade of the statement's source (:func:`combined_reliability`), or None.
        credibility: the statement's information credibility, or None.
        sourced: whether the statement names a source; an unsourced
            statement (the analyst's own claim, an assumption) is not
            discounted for its source.

    Returns:
        :data:`CREDIBILITY_SCORE` × :data:`RELIABILITY_FACTOR` (× 1 when
        unsourced), in [0, 1].
    """
    factor = RELIABILITY_FACTOR[reliability] if sourced else 1.0
    return CREDIBILITY_SCORE[credibility] * factor


WEAK_CREDIBILITY = frozenset({Credibility.DOUBTFUL, Credibility.IMPROBABLE, Credibility.UNKNOWN})
"""Credibility grades that cannot carry a key judgment alone: doubtful, improbable, cannot be judged."""


def is_weak_credibility(credibility: Credibility | None) -> bool:
    """True for an item graded 4, 5 or 6 (rule J004); an ungraded item is not counted as weak."""
    return credibility in WEAK_CREDIBILITY


RELIABILITY_NAMES: dict[Reliability, str] = {
    Reliability.A: "completely reliable",
    Reliability.B: "usually reliable",
    Reliability.C: "fairly reliable",
    Reliability.D: "not usually reliable",
    Reliability.E: "unreliable",
    Reliability.F: "reliability cannot be judged",
}
"""Admiralty source reliability, in words (NATO AJP-2.1)."""

CREDIBILITY_NAMES: dict[Credibility, str] = {
    Credibility.CONFIRMED: "confirmed by independent sources",
    Credibility.PROBABLY_TRUE: "probably true",
    Credibility.POSSIBLY_TRUE: "possibly true",
    Credibility.DOUBTFUL: "doubtful",
    Credibility.IMPROBABLE: "improbable",
    Credibility.UNKNOWN: "truth cannot be judged",
}
"""Admiralty information credibility, in words (NATO AJP-2.1)."""

RATING_MEANING: dict[AssumptionRating, str] = {
    AssumptionRating.SOLID: "basically solid",
    AssumptionRating.CAVEATED: "correct with caveats",
    AssumptionRating.UNSUPPORTED: "unsupported or questionable: a key uncertainty, to collect or research on",
}
"""The Key Assumptions Check ratings (Heuer & Pherson)."""
