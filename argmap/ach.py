"""Analysis of Competing Hypotheses: matrix, scores, diagnosticity, sensitivity.

The method is Heuer's (*Psychology of Intelligence Analysis*, 1999, ch. 8)
as PARC ACH 2.0 implemented it. Hypotheses are the map's statements of kind
hypothesis; evidence rows are its evidence and assumption statements; each
cell is rated ``CC C N I II NA`` (or left blank: not rated).

Scoring profiles (:class:`~argmap.model.Profile`):

* ``heuer`` — inconsistency score: I counts 1, II counts 2, everything else
  0. The most likely hypothesis is the one with the **least** inconsistency;
  consistent evidence is not added up, because evidence consistent with a
  hypothesis is usually consistent with others too (Heuer, step 5). Ranking
  by net support gets this backwards.
* ``parc`` — weighted inconsistency (PARC ACH 2.0): each inconsistent cell
  × w(credibility) × w(relevance), with w(low) = 1/√2, w(medium) = 1,
  w(high) = √2.
* ``likelihood`` — ratings read as likelihoods P(e|h) (:data:`LIKELIHOODS`,
  overridable in the map), multiplied with the priors (uniform unless given)
  and normalised: a posterior over the hypotheses, assuming they are
  exhaustive and exclusive and the items independent given a hypothesis.
  NA and blank cells count as N (no information either way).

Diagnosticity of a row measures how much the row can move the ranking under
the profile in use, so it is 0 when the row is rated alike for every
hypothesis and grows as the item separates them (Heuer: an item consistent
with every hypothesis has no diagnostic value):

* ``heuer`` and ``parc``: the spread of the row's contributions to the
  scores, max - min over the hypotheses (a blank or NA contributes 0), in
  the profile's points. Consistent versus very consistent does not count,
  since neither adds to an inconsistency score.
* ``likelihood``: the largest likelihood ratio between two hypotheses, in
  bits, ``log2(max_h P(e|h) / min_h P(e|h))`` (blanks and NA as N): Heuer's
  "diagnosticity is a likelihood ratio" made a number.

Several analysts: each cell's value is the **mean** over the analysts who
rated it (NA and blanks left out), so scores do not grow with team size;
cells on which two analysts differ by two steps or more on the ordinal scale
CC > C > N > I > II, or on which one says NA and another rates the item other
than N, are reported.

Sensitivity: each row is left out in turn, and each rated cell is moved one
step up and one step down the scale (with several analysts, every analyst's
rating of the cell moves, and the change shows them all, e.g. ``II/I -> I/N``);
a change that gives the top rank to another hypothesis, or creates or breaks
a tie at the top, is reported. Rows on which the top rank hangs are the
linchpins. Scores within a relative 1e-9 of each other are a tie.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from argmap import grades
from argmap.graph import ACH_ROW_KINDS, ArgumentGraph
from argmap.model import Level, Profile, Rating

INCONSISTENCY: dict[Rating, int] = {Rating.I: 1, Rating.II: 2}
"""Heuer's inconsistency counts; every other rating counts 0."""

WEIGHT: dict[Level, float] = {Level.LOW: 1 / math.sqrt(2), Level.MEDIUM: 1.0, Level.HIGH: math.sqrt(2)}
"""PARC ACH weights of credibility and relevance."""

LIKELIHOODS: dict[Rating, float] = {
    Rating.CC: 0.95,
    Rating.C: 0.75,
    Rating.N: 0.5,
    Rating.I: 0.25,
    Rating.II: 0.05,
}
"""Default P(e|h) per rating for the likelihood profile (NA and blanks count as N)."""

SCALE: dict[Rating, int] = {Rating.CC: 2, Rating.C: 1, Rating.N: 0, Rating.I: -1, Rating.II: -2}
"""Ordinal position of each rating, for steps and disagreement (NA has none)."""

EVIDENCE_KINDS = ACH_ROW_KINDS
"""Statement kinds that are ACH evidence rows."""

DIAGNOSTICITY_UNIT: dict[Profile, str] = {
    Profile.HEUER: "points",
    Profile.PARC: "weighted points",
    Profile.LIKELIHOOD: "bits",
}
"""Unit of :func:`diagnosticity` under each profile."""

DIAGNOSTICITY_MEANING: dict[Profile, str] = {
    Profile.HEUER: "the spread of the item's inconsistency counts across the hypotheses",
    Profile.PARC: "the spread of the item's weighted inconsistency across the hypotheses",
    Profile.LIKELIHOOD: "the largest likelihood ratio the item gives between two hypotheses",
}
"""What :func:`diagnosticity` measures under each profile, for reports."""

TIE = 1e-9
"""Scores within this relative difference are a tie."""

DISAGREEMENT_STEPS = 2
"""Analysts whose ratings of one cell lie this many steps apart or more disagree."""

Ratings = dict[str, dict[str, dict[str, Rating]]]
"""Analyst → evidence id → hypothesis id → rating (blanks left out)."""


@dataclass(frozen=True)
class Matrix:
    """The ACH matrix of a map: rows, columns, every analyst's ratings, weights."""

    hypotheses: tuple[str, ...]
    """Hypothesis ids in file order."""
    evidence: tuple[str, ...]
    """Evidence and assumption ids in file order (rated or not)."""
    ratings: Ratings
    """Each analyst's ratings; blanks and ids outside the matrix left out."""
    credibility: dict[str, Level]
    """ACH credibility of each row (:func:`argmap.grades.ach_credibility`)."""
    relevance: dict[str, Level]
    """ACH relevance of each row (medium unless stated)."""
    notes: dict[str, str]
    """Each row's note, from the first analyst who gave one."""
    likelihoods: dict[Rating, float]
    """P(e|h) per rating for the likelihood profile."""
    priors: dict[str, float]
    """Normalised prior of each hypothesis."""

    def cell_ratings(self, row: str, hypothesis: str) -> list[Rating]:
        """Every analyst's rating of one cell (blanks left out), in analyst order."""
        return [
            by_row[row][hypothesis] for by_row in self.ratings.values() if hypothesis in by_row.get(row, {})
        ]


def build_matrix(graph: ArgumentGraph) -> Matrix | None:
    """The ACH matrix of a map's argument graph, or None if the map has no ``ach`` section.

    Columns are the graph's hypotheses, rows its ACH rows (evidence and
    assumptions). Ratings of ids that are not hypotheses or rows are left
    out (the ACH checks report them).
    """
    ach = graph.ach
    if ach is None:
        return None
    hypotheses, evidence = graph.hypotheses, graph.ach_rows
    columns, rows_in_matrix = set(hypotheses), set(evidence)
    analysts = {ach.analyst or graph.map.author or "analyst": ach.ratings, **ach.analysts}
    ratings: Ratings = {}
    notes: dict[str, str] = {}
    for name, rows in analysts.items():
        ratings[name] = {}
        for row_id, row in rows.items():
            if row_id not in rows_in_matrix:
                continue
            ratings[name][row_id] = {h: r for h, r in row.cells.items() if h in columns and r is not None}
            if row.note and row_id not in notes:
                notes[row_id] = row.note
    return Matrix(
        hypotheses=hypotheses,
        evidence=evidence,
        ratings=ratings,
        credibility={row: _row_credibility(graph, row) for row in evidence},
        relevance={row: graph.statements[row].relevance or Level.MEDIUM for row in evidence},
        notes=notes,
        likelihoods={**LIKELIHOODS, **ach.likelihoods},
        priors=_priors(hypotheses, ach.priors),
    )


def _row_credibility(graph: ArgumentGraph, row: str) -> Level:
    """The row's stated ``ach_credibility``, else its Admiralty grades (:func:`grades.ach_credibility`)."""
    statement = graph.statements[row]
    if statement.ach_credibility is not None:
        return statement.ach_credibility
    reliability = grades.combined_reliability(
        graph.sources[s].reliability for s in statement.source if s in graph.sources
    )
    return grades.ach_credibility(reliability, statement.credibility)


def _priors(hypotheses: tuple[str, ...], stated: dict[str, float]) -> dict[str, float]:
    """Normalised priors; stated values are weights, and a hypothesis not stated weighs 1.

    Weights are divided by the largest before they are summed, so weights
    near the largest float (1e308) do not overflow to a sum of infinity.
    """
    weights = {h: stated.get(h, 1.0) for h in hypotheses}
    largest = max(weights.values(), default=0.0)
    if largest <= 0:
        return {}
    scaled = {h: weight / largest for h, weight in weights.items()}
    total = sum(scaled.values())
    return {h: weight / total for h, weight in scaled.items()}


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def cell_inconsistency(matrix: Matrix, row: str, hypothesis: str) -> float | None:
    """Mean Heuer inconsistency of a cell over its analysts; None if nobody rated it (or all NA)."""
    values = [INCONSISTENCY.get(r, 0) for r in matrix.cell_ratings(row, hypothesis) if r != Rating.NA]
    return _mean([float(v) for v in values])


def cell_log_likelihood(matrix: Matrix, row: str, hypothesis: str) -> float | None:
    """Mean log P(e|h) of a cell over its analysts; None if nobody rated it (or all NA)."""
    values = [math.log(matrix.likelihoods[r]) for r in matrix.cell_ratings(row, hypothesis) if r != Rating.NA]
    return _mean(values)


def scores(matrix: Matrix, profile: Profile) -> dict[str, float]:
    """Score of each hypothesis under ``profile``.

    Returns:
        Hypothesis id → inconsistency (``heuer``, ``parc``: lower is more
        likely) or posterior probability in [0, 1] (``likelihood``: higher
        is more likely).
    """
    if profile == Profile.LIKELIHOOD:
        return _posterior(matrix)
    result = {}
    for hypothesis in matrix.hypotheses:
        total = 0.0
        for row in matrix.evidence:
            value = cell_inconsistency(matrix, row, hypothesis)
            if value is None:
                continue
            if profile == Profile.PARC:
                value *= WEIGHT[matrix.credibility[row]] * WEIGHT[matrix.relevance[row]]
            total += value
        result[hypothesis] = total
    return result


def _posterior(matrix: Matrix) -> dict[str, float]:
    neutral = math.log(matrix.likelihoods[Rating.N])
    logs = {}
    for hypothesis in matrix.hypotheses:
        prior = matrix.priors[hypothesis]
        if prior <= 0:
            continue
        cells = (cell_log_likelihood(matrix, row, hypothesis) for row in matrix.evidence)
        logs[hypothesis] = math.log(prior) + sum(neutral if v is None else v for v in cells)
    if not logs:
        return dict.fromkeys(matrix.hypotheses, 0.0)
    top = max(logs.values())
    weights = {h: math.exp(v - top) for h, v in logs.items()}
    total = sum(weights.values())
    return {h: weights.get(h, 0.0) / total for h in matrix.hypotheses}


def same_score(a: float, b: float) -> bool:
    """True if two scores tie: equal within a relative :data:`TIE` (or both 0)."""
    return math.isclose(a, b, rel_tol=TIE, abs_tol=1e-300)


def ranking(matrix: Matrix, profile: Profile) -> list[str]:
    """Hypotheses from most to least likely under ``profile``; tied ones keep file order."""
    return [h for group in _groups(matrix, profile) for h in group]


def _groups(matrix: Matrix, profile: Profile) -> list[list[str]]:
    """Hypotheses grouped by equal score, best group first, file order within a group."""
    return _groups_of(matrix.hypotheses, profile, scores(matrix, profile))


def _groups_of(hypotheses: tuple[str, ...], profile: Profile, values: dict[str, float]) -> list[list[str]]:
    better = -1 if profile == Profile.LIKELIHOOD else 1
    groups: list[list[str]] = []
    for hypothesis in sorted(hypotheses, key=lambda h: better * values[h]):
        if groups and same_score(values[groups[-1][0]], values[hypothesis]):
            groups[-1].append(hypothesis)
        else:
            groups.append([hypothesis])
    return [sorted(group, key=hypotheses.index) for group in groups]


def top(matrix: Matrix, profile: Profile) -> tuple[str, ...]:
    """The hypotheses sharing the best score (one unless tied)."""
    groups = _groups(matrix, profile)
    return tuple(groups[0]) if groups else ()


def ties(matrix: Matrix, profile: Profile) -> list[tuple[str, ...]]:
    """Groups of two or more hypotheses with equal scores, best first."""
    return [tuple(group) for group in _groups(matrix, profile) if len(group) > 1]


def row_contributions(matrix: Matrix, row: str, profile: Profile) -> list[float]:
    """What ``row`` adds to each hypothesis's score under ``profile`` (log P for likelihood)."""
    return [_cell_value(matrix, matrix.cell_ratings(row, h), row, profile) for h in matrix.hypotheses]


def _cell_value(matrix: Matrix, ratings: list[Rating], row: str, profile: Profile) -> float:
    """What one cell rated ``ratings`` (by every analyst) adds to its hypothesis's score.

    heuer and parc: the mean inconsistency (× the row's weights for parc), 0
    when nobody rated it; likelihood: the mean log P(e|h), log P(e|N) when
    nobody rated it. NA is left out of the means.
    """
    rated = [r for r in ratings if r != Rating.NA]
    if profile == Profile.LIKELIHOOD:
        logs = [math.log(matrix.likelihoods[r]) for r in rated]
        return sum(logs) / len(logs) if logs else math.log(matrix.likelihoods[Rating.N])
    if not rated:
        return 0.0
    value = sum(INCONSISTENCY.get(r, 0) for r in rated) / len(rated)
    if profile == Profile.PARC:
        value *= WEIGHT[matrix.credibility[row]] * WEIGHT[matrix.relevance[row]]
    return value


def diagnosticity(matrix: Matrix, row: str, profile: Profile = Profile.HEUER) -> float:
    """How far ``row`` separates the hypotheses under ``profile`` (see the module doc).

    Returns:
        >= 0: points of inconsistency (``heuer``, ``parc``) or bits (``likelihood``).
    """
    values = row_contributions(matrix, row, profile)
    if len(values) < 2:
        return 0.0
    spread = max(values) - min(values)
    if profile == Profile.LIKELIHOOD:
        spread /= math.log(2)
    return spread if spread > TIE else 0.0


def rows_by_diagnosticity(matrix: Matrix, profile: Profile = Profile.HEUER) -> list[str]:
    """Evidence ids, most diagnostic first; equal values keep file order."""
    value = {row: round(diagnosticity(matrix, row, profile), 9) for row in matrix.evidence}
    return sorted(matrix.evidence, key=lambda row: (-value[row], matrix.evidence.index(row)))


def rated_alike(matrix: Matrix, row: str) -> bool:
    """True if two or more hypotheses are rated for ``row``, all alike (NA left out)."""
    rated = {
        hypothesis: {r for r in matrix.cell_ratings(row, hypothesis) if r != Rating.NA}
        for hypothesis in matrix.hypotheses
    }
    rated = {h: ratings for h, ratings in rated.items() if ratings}
    return len(rated) >= 2 and len(set().union(*rated.values())) == 1


@dataclass(frozen=True)
class Disagreement:
    """A cell on which analysts' ratings lie :data:`DISAGREEMENT_STEPS` or more apart."""

    row: str
    hypothesis: str
    ratings: dict[str, Rating]
    """Analyst → rating of the cell."""


def disagreements(matrix: Matrix) -> list[Disagreement]:
    """Cells whose ratings differ by two steps or more between analysts, in matrix order."""
    found = []
    for row in matrix.evidence:
        for hypothesis in matrix.hypotheses:
            by_analyst = {
                name: rows[row][hypothesis]
                for name, rows in matrix.ratings.items()
                if hypothesis in rows.get(row, {})
            }
            steps = [SCALE[r] for r in by_analyst.values() if r in SCALE]
            apart = len(steps) > 1 and max(steps) - min(steps) >= DISAGREEMENT_STEPS
            not_applicable = Rating.NA in by_analyst.values() and any(steps)
            if apart or not_applicable:
                found.append(Disagreement(row, hypothesis, by_analyst))
    return found


class Effect(StrEnum):
    """What a change does to the top of the ranking."""

    TOP_CHANGES = "top changes"
    """Another hypothesis (or set of tied hypotheses) comes first."""
    TIE_CREATED = "tie created"
    """A hypothesis that was alone at the top now shares it."""
    TIE_BROKEN = "tie broken"
    """A tie at the top is resolved in favour of one of its members."""


@dataclass(frozen=True)
class Change:
    """One sensitivity test that moves the top of the ranking."""

    row: str
    """Evidence id changed."""
    hypothesis: str | None
    """The cell's hypothesis for a flip; None when the whole row is left out."""
    before: str | None
    """The cell's ratings before a flip, analysts joined by "/" (None for leave-one-out)."""
    after: str | None
    """The cell's ratings after a flip, each one step moved (None for leave-one-out)."""
    new_top: tuple[str, ...]
    """The top after the change."""
    effect: Effect
    """What the change does to the top."""

    def describe(self) -> str:
        """One line, e.g. ``without E3: H2 first (top changes)``."""
        now = " = ".join(self.new_top)
        what = (
            f"without {self.row}"
            if self.hypothesis is None
            else (f"{self.row} on {self.hypothesis} {self.before} -> {self.after}")
        )
        return f"{what}: {now} first ({self.effect})"


@dataclass(frozen=True)
class Sensitivity:
    """Result of leave-one-out and flip-one-rating re-ranking."""

    left_out: list[Change] = field(default_factory=list)
    """Rows whose removal moves the top."""
    flips: list[Change] = field(default_factory=list)
    """Single-step rating changes that move the top."""

    @property
    def linchpins(self) -> list[str]:
        """Evidence ids on which the top rank hangs, in first-found order."""
        return list(dict.fromkeys(change.row for change in [*self.left_out, *self.flips]))


def _effect(before: tuple[str, ...], after: tuple[str, ...]) -> Effect | None:
    if after == before:
        return None
    if len(after) > len(before) and set(before) <= set(after):
        return Effect.TIE_CREATED
    if len(after) < len(before) and set(after) <= set(before):
        return Effect.TIE_BROKEN
    return Effect.TOP_CHANGES


def _step(rating: Rating, step: int) -> Rating:
    position = max(-2, min(2, SCALE[rating] + step))
    return next(r for r, p in SCALE.items() if p == position)


def _flip_candidates(matrix: Matrix) -> Iterator[tuple[str, str, list[Rating], int]]:
    """Cells some analyst's rating of which can move a step, with their ratings and the step."""
    for row in matrix.evidence:
        for hypothesis in matrix.hypotheses:
            rated = [r for r in matrix.cell_ratings(row, hypothesis) if r in SCALE]
            for step in (1, -1):
                if any(_step(r, step) != r for r in rated):
                    yield row, hypothesis, rated, step


class _Totals:
    """The score totals of a matrix, changed one row or one cell at a time without rescoring it.

    Heuer and PARC totals are sums of cell contributions, likelihood totals
    sums of log-likelihoods and the log prior; a test replaces one row's or
    one cell's contribution, so each test costs O(hypotheses), not a
    rescoring of the whole matrix. A total that a test brings to 0 comes out
    exactly 0 (the removed contribution was the only one not 0, and x - x is
    0 in floating point), so ties at 0 are found as when the matrix is scored
    anew; a property test compares the two on random matrices.
    """

    def __init__(self, matrix: Matrix, profile: Profile) -> None:
        self.matrix, self.profile = matrix, profile
        self.rows = {row: row_contributions(matrix, row, profile) for row in matrix.evidence}
        likelihood = profile == Profile.LIKELIHOOD
        self.base = [math.log(matrix.priors[h]) if likelihood else 0.0 for h in matrix.hypotheses]
        for values in self.rows.values():
            for index, value in enumerate(values):
                self.base[index] += value
        self.unrated = math.log(matrix.likelihoods[Rating.N]) if likelihood else 0.0
        """What a cell nobody rated adds (:func:`_cell_value` of no ratings)."""

    def top_with(self, row: str, replaced: dict[int, float]) -> tuple[str, ...]:
        """The top when ``row``'s contributions at the given hypothesis indexes are replaced."""
        totals = list(self.base)
        old = self.rows[row]
        for index, value in replaced.items():
            totals[index] += value - old[index]
        hypotheses = self.matrix.hypotheses
        values = dict(zip(hypotheses, totals, strict=True))
        if self.profile == Profile.LIKELIHOOD:
            values = _normalised(values)
        groups = _groups_of(hypotheses, self.profile, values)
        return tuple(groups[0]) if groups else ()

    def without(self, row: str) -> tuple[str, ...]:
        """The top with ``row`` unrated by every analyst."""
        return self.top_with(row, dict.fromkeys(range(len(self.matrix.hypotheses)), self.unrated))

    def with_cell(self, row: str, hypothesis: str, ratings: list[Rating]) -> tuple[str, ...]:
        """The top with one cell rated ``ratings`` by its analysts."""
        value = _cell_value(self.matrix, ratings, row, self.profile)
        return self.top_with(row, {self.matrix.hypotheses.index(hypothesis): value})


def _normalised(logs: dict[str, float]) -> dict[str, float]:
    """A posterior from log weights: exp(log - max), divided by their sum."""
    top_log = max(logs.values())
    weights = {h: math.exp(v - top_log) for h, v in logs.items()}
    total = sum(weights.values())
    return {h: w / total for h, w in weights.items()}


def sensitivity(matrix: Matrix, profile: Profile) -> Sensitivity:
    """Leave-one-out and flip-one-rating tests under ``profile`` (see module doc).

    Each test changes one row's or one cell's contribution to the totals
    (:class:`_Totals`), in time linear in the number of hypotheses: the whole
    run takes O(rows × hypotheses²), not a rescoring of the matrix per test.
    """
    base = top(matrix, profile)
    result = Sensitivity()
    if not matrix.hypotheses:
        return result
    totals = _Totals(matrix, profile)
    for row in matrix.evidence:
        if not any(row in rows for rows in matrix.ratings.values()):
            continue
        after = totals.without(row)
        if effect := _effect(base, after):
            result.left_out.append(Change(row, None, None, None, after, effect))
    for row, hypothesis, rated, step in _flip_candidates(matrix):
        moved_all = [_step(r, step) if r in SCALE else r for r in matrix.cell_ratings(row, hypothesis)]
        after = totals.with_cell(row, hypothesis, moved_all)
        if effect := _effect(base, after):
            before, moved = "/".join(rated), "/".join(_step(r, step) for r in rated)
            result.flips.append(Change(row, hypothesis, before, moved, after, effect))
    return result


@dataclass(frozen=True)
class AchResult:
    """Everything a report needs: the matrix scored under one profile."""

    matrix: Matrix
    profile: Profile
    scores: dict[str, float]
    """Hypothesis id → score (see :func:`scores`)."""
    ranking: list[str]
    """Hypotheses, most likely first."""
    ties: list[tuple[str, ...]]
    """Tied groups in the ranking."""
    diagnosticity: dict[str, float]
    """Evidence id → diagnosticity under :attr:`profile` (points or bits)."""
    rows: list[str]
    """Evidence ids, most diagnostic first."""
    disagreements: list[Disagreement]
    """Cells on which analysts disagree by two steps or more."""

    @cached_property
    def sensitivity(self) -> Sensitivity:
        """Changes that move the top (:func:`sensitivity`), worked out on first use."""
        return sensitivity(self.matrix, self.profile)

    @property
    def analysts(self) -> list[str]:
        """Names of the analysts whose ratings are merged."""
        return list(self.matrix.ratings)


def score(matrix: Matrix, profile: Profile) -> AchResult:
    """Score and test an ACH matrix under ``profile``.

    Args:
        matrix: the matrix (:func:`build_matrix`).
        profile: the scoring profile.

    Returns:
        The :class:`AchResult`: scores, ranking, ties, diagnosticity and
        disagreements; its sensitivity is worked out when first read.
    """
    return AchResult(
        matrix=matrix,
        profile=profile,
        scores=scores(matrix, profile),
        ranking=ranking(matrix, profile),
        ties=ties(matrix, profile),
        diagnosticity={row: diagnosticity(matrix, row, profile) for row in matrix.evidence},
        rows=rows_by_diagnosticity(matrix, profile),
        disagreements=disagreements(matrix),
    )


def analyse(graph: ArgumentGraph, profile: Profile | None = None) -> AchResult | None:
    """Build, score and test the ACH matrix of a map (:func:`build_matrix`, then :func:`score`).

    Args:
        graph: the map's argument graph.
        profile: the scoring profile; the map's own (default ``heuer``) if None.

    Returns:
        The :class:`AchResult`, or None if the map has no ``ach`` section.
    """
    matrix = build_matrix(graph)
    if matrix is None or graph.ach is None:
        return None
    return score(matrix, profile or graph.ach.profile)


def favoured_hypotheses(graph: ArgumentGraph) -> list[str]:
    """Hypotheses the key judgments favour: flagged key, or concluded by an inference from a key judgment."""
    keys = set(graph.key_judgments)
    supported = {graph.conclusion(iid) for iid, premises in graph.premises_of.items() if keys & set(premises)}
    return [h for h in graph.hypotheses if h in keys or h in supported]
