"""Analysis of Competing Hypotheses: matrix, scores, diagnosticity, sensitivity, summary.

The method is Heuer's (*Psychology of Intelligence Analysis*, 1999, ch. 8)
as PARC ACH 2.0 implemented it. Hypotheses are the map's statements of kind
hypothesis. Rows are its evidence and assumptions and any claim an analyst
rates, each with its :class:`RowType`: reported evidence, a source's own
judgment, the analyst's own judgment, an assumption. Each cell is rated
``CC C N I II NA`` (or left blank: not rated), optionally with a note.

What is scored: a row that the map's evaluation labels OUT, or that is
withdrawn (``status: retracted`` or ``discredited``), stays in the matrix
with its ratings but counts in no score (:attr:`Matrix.excluded`); an UNDEC
row is scored and flagged. Assumptions are scored with the rest and also
as a block of their own: the summary ranks the hypotheses with and without
them, since an analyst's untested premises should not quietly decide the
matrix.

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

Diagnosticity of a row (Heuer): how far its ratings differ across the
hypotheses on the ordinal scale CC > C > N > I > II, in steps — the largest
minus the smallest rating position among the hypotheses it is rated against
(NA and blanks left out; with several analysts, each cell's mean position).
A row rated alike everywhere has none; a row consistent with one
hypothesis and neutral to the rest is diagnostic (1 step) although it adds
no inconsistency point. Beside it, :func:`effect` gives the row's effect on
the profile's scores: the spread of its contributions (points, weighted
points) or its largest likelihood ratio (bits).

Several analysts: each cell's value is the **mean** over the analysts who
rated it (NA and blanks left out), so scores do not grow with team size;
cells on which two analysts differ by two steps or more, or on which one
says NA and another rates the item other than N, are reported.

Sensitivity: each scored row is left out in turn, and each rated cell is
moved one step up and one step down the scale (with several analysts,
every analyst's rating of the cell moves, and the change shows them all,
e.g. ``II/I -> I/N``); a change that gives the top rank to another
hypothesis, or creates or breaks a tie at the top, is reported. Rows on
which the top rank hangs are the linchpins. Scores within a relative 1e-9 of
each other are a tie. Beyond single changes, :func:`smallest_change` finds
the fewest one-step rating changes that tie or overturn the leader.

The :class:`Summary` puts the result in words for every output: the
leader and its margin, how fragile it is, whether the three profiles
agree, the ranking without the assumptions, and how many sources (and
originators) stand behind the rows.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from argmap import grades
from argmap.evaluate import Label, Labelling
from argmap.graph import ArgumentGraph
from argmap.model import Level, Profile, Rating, Source, Statement, StatementKind

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


class RowType(StrEnum):
    """What an ACH row is, which decides how much weight a reader may give it."""

    EVIDENCE = "evidence"
    """Reported evidence: an event or statement a source reports."""
    SOURCE_JUDGMENT = "source judgment"
    """A claim the map takes from a source: the source's own judgment."""
    ANALYST_JUDGMENT = "analyst judgment"
    """A claim with no source: the map's own judgment (rule A010 warns: it is circular as a row)."""
    ASSUMPTION = "assumption"
    """Taken as given, not reported: scored as its own block."""


def row_type(statement: Statement) -> RowType:
    """The :class:`RowType` of a statement used as an ACH row (hypotheses are never rows)."""
    if statement.kind == StatementKind.EVIDENCE:
        return RowType.EVIDENCE
    if statement.kind == StatementKind.ASSUMPTION:
        return RowType.ASSUMPTION
    return RowType.SOURCE_JUDGMENT if statement.source else RowType.ANALYST_JUDGMENT


EFFECT_UNIT: dict[Profile, str] = {
    Profile.HEUER: "points",
    Profile.PARC: "weighted points",
    Profile.LIKELIHOOD: "bits",
}
"""Unit of :func:`effect` (and of margins) under each profile."""

EFFECT_MEANING: dict[Profile, str] = {
    Profile.HEUER: "the spread of the row's inconsistency counts across the hypotheses",
    Profile.PARC: "the spread of the row's weighted inconsistency across the hypotheses",
    Profile.LIKELIHOOD: "the largest likelihood ratio the row gives between two hypotheses",
}
"""What :func:`effect` measures under each profile, for reports."""

DIAGNOSTICITY_MEANING = (
    "how far the row's ratings differ across the hypotheses, in steps of the scale CC C N I II "
    "(0: rated alike for every hypothesis; 4: CC for one, II for another)"
)
"""What :func:`diagnosticity` measures, for reports."""

TIE = 1e-9
"""Scores within this relative difference are a tie."""

DISAGREEMENT_STEPS = 2
"""Analysts whose ratings of one cell lie this many steps apart or more disagree."""

MAX_STEPS = 8
"""The smallest change that moves the leader is searched up to this many one-step rating changes."""

Ratings = dict[str, dict[str, dict[str, Rating]]]
"""Analyst → row id → hypothesis id → rating (blanks left out)."""


@dataclass(frozen=True)
class Matrix:
    """The ACH matrix of a map: rows, columns, every analyst's ratings, weights, what is not scored."""

    hypotheses: tuple[str, ...]
    """Hypothesis ids in file order."""
    rows: tuple[str, ...]
    """Row ids in file order (rated or not): evidence, assumptions and rated claims."""
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
    types: dict[str, RowType] = field(default_factory=dict)
    """Row id → its :class:`RowType` (evidence when not given)."""
    excluded: dict[str, str] = field(default_factory=dict)
    """Rows shown but not scored → why: OUT in the map's evaluation, or withdrawn."""
    undecided: frozenset[str] = frozenset()
    """Scored rows the map's evaluation labels UNDEC (flagged, rule A009)."""
    cell_notes: dict[tuple[str, str], str] = field(default_factory=dict)
    """(row, hypothesis) → the note of that cell, from the first analyst who gave one."""
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Row id → the sources it is taken from (rows with sources only)."""
    originators: dict[str, str] = field(default_factory=dict)
    """Source id → who originated it (its author, else the source itself): sources with one
    originator are not independent of each other."""
    exclusive: bool = False
    """The analyst declares the hypotheses mutually exclusive (``ach.exclusive``)."""
    exhaustive: bool = False
    """The analyst declares the hypotheses exhaustive (``ach.exhaustive``)."""
    horizon: str | None = None
    """The date by which the hypotheses are judged (``ach.horizon``), if stated."""

    def cell_ratings(self, row: str, hypothesis: str) -> list[Rating]:
        """Every analyst's rating of one cell (blanks left out), in analyst order."""
        return [
            by_row[row][hypothesis] for by_row in self.ratings.values() if hypothesis in by_row.get(row, {})
        ]

    def type_of(self, row: str) -> RowType:
        """The row's :class:`RowType`."""
        return self.types.get(row, RowType.EVIDENCE)

    @cached_property
    def scored(self) -> tuple[str, ...]:
        """Rows that count in the scores: every row not :attr:`excluded`, in file order."""
        return tuple(row for row in self.rows if row not in self.excluded)

    @cached_property
    def evidence_rows(self) -> tuple[str, ...]:
        """Scored rows that are not assumptions: reported evidence and judgments."""
        return tuple(row for row in self.scored if self.type_of(row) != RowType.ASSUMPTION)

    @cached_property
    def assumption_rows(self) -> tuple[str, ...]:
        """Scored rows that are assumptions: the block scored apart."""
        return tuple(row for row in self.scored if self.type_of(row) == RowType.ASSUMPTION)

    def sole_analyst_row(self, row: str) -> dict[str, Rating] | None:
        """The one analyst's ratings of ``row`` (hypothesis → rating), or None with several analysts.

        With one analyst a cell holds one rating at most: the scoring reads it
        directly rather than gathering every analyst's (:meth:`cell_ratings`).
        """
        if len(self.ratings) != 1:
            return None
        (by_row,) = self.ratings.values()
        return by_row.get(row, {})

    def is_rated(self, row: str) -> bool:
        """True if some analyst rated ``row`` against some hypothesis."""
        return any(rows.get(row) for rows in self.ratings.values())

    @cached_property
    def _contributions(self) -> dict[Profile, dict[str, list[float]]]:
        """Profile → row → what the row adds to each hypothesis (filled by :func:`row_contributions`).

        A matrix is not changed once built (a changed copy is a new matrix, with
        its own), so what is kept here stays right.
        """
        return {}

    @cached_property
    def _value_tables(self) -> dict[tuple[Profile | Level, ...], dict[Rating | None, float]]:
        """(profile, weights) → a one-analyst cell's value by rating (filled by :func:`_value_table`)."""
        return {}


def build_matrix(graph: ArgumentGraph, labelling: Labelling | None = None) -> Matrix | None:
    """The ACH matrix of a map's argument graph, or None if the map has no ``ach`` section.

    Columns are the graph's hypotheses, rows its ACH rows (evidence,
    assumptions, rated claims: :attr:`~argmap.graph.ArgumentGraph.ach_rows`).
    Ratings of ids that are not hypotheses or rows are left out (the ACH
    checks report them).

    Args:
        graph: the map's argument graph.
        labelling: the map's grounded labelling; a row it labels OUT is shown
            but not scored, and an UNDEC row is flagged. Withdrawn rows are
            never scored, labelling or not.
    """
    ach = graph.ach
    if ach is None:
        return None
    hypotheses, rows = graph.hypotheses, graph.ach_rows
    columns, rows_in_matrix = set(hypotheses), set(rows)
    analysts = {ach.analyst or graph.map.author or "analyst": ach.ratings, **ach.analysts}
    ratings: Ratings = {}
    notes: dict[str, str] = {}
    cell_notes: dict[tuple[str, str], str] = {}
    for name, rated in analysts.items():
        ratings[name] = {}
        for row_id, row in rated.items():
            if row_id not in rows_in_matrix:
                continue
            ratings[name][row_id] = {h: r for h, r in row.cells.items() if h in columns and r is not None}
            if row.note and row_id not in notes:
                notes[row_id] = row.note
            for hypothesis, note in row.cell_notes.items():
                cell_notes.setdefault((row_id, hypothesis), note)
    statements = graph.statements
    return Matrix(
        hypotheses=hypotheses,
        rows=rows,
        ratings=ratings,
        credibility={row: _row_credibility(graph, row) for row in rows},
        relevance={row: statements[row].relevance or Level.MEDIUM for row in rows},
        notes=notes,
        likelihoods={**LIKELIHOODS, **ach.likelihoods},
        priors=_priors(hypotheses, ach.priors),
        types={row: row_type(statements[row]) for row in rows},
        excluded=_excluded(graph, rows, labelling),
        undecided=frozenset(
            row for row in rows if labelling is not None and labelling.labels.get(row) == Label.UNDEC
        ),
        cell_notes=cell_notes,
        sources={row: tuple(statements[row].source) for row in rows if statements[row].source},
        originators={sid: _originator(sid, source) for sid, source in graph.sources.items()},
        exclusive=ach.exclusive,
        exhaustive=ach.exhaustive,
        horizon=ach.horizon,
    )


def _excluded(graph: ArgumentGraph, rows: tuple[str, ...], labelling: Labelling | None) -> dict[str, str]:
    """Rows not scored, with why: withdrawn (status, date, reason), or OUT in the evaluation."""
    excluded = {}
    for row in rows:
        statement = graph.statements[row]
        if statement.status is not None:
            excluded[row] = f"{statement.status} on {statement.status_date}: {statement.status_reason}"
        elif labelling is not None and labelling.labels.get(row) == Label.OUT:
            excluded[row] = f"OUT in the map's evaluation: {labelling.reason(row)}"
    return excluded


def _originator(source_id: str, source: Source) -> str:
    """Who a source's information comes from: its author (case and spacing ignored), else itself."""
    return " ".join(source.author.casefold().split()) if source.author else f"source {source_id}"


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


def scores(matrix: Matrix, profile: Profile, rows: tuple[str, ...] | None = None) -> dict[str, float]:
    """Score of each hypothesis under ``profile``.

    Args:
        matrix: the matrix.
        profile: the scoring profile.
        rows: the rows to count; the scored rows (:attr:`Matrix.scored`) if None.

    Returns:
        Hypothesis id → inconsistency (``heuer``, ``parc``: lower is more
        likely) or posterior probability in [0, 1] (``likelihood``: higher
        is more likely).
    """
    counted = matrix.scored if rows is None else rows
    table = [row_contributions(matrix, row, profile) for row in counted]
    if profile == Profile.LIKELIHOOD:
        return _posterior(matrix, table)
    return {h: sum(values[i] for values in table) for i, h in enumerate(matrix.hypotheses)}


def _posterior(matrix: Matrix, table: list[list[float]]) -> dict[str, float]:
    """The posterior from each counted row's log-likelihoods (``table``, one list per row)."""
    logs = {}
    for i, hypothesis in enumerate(matrix.hypotheses):
        prior = matrix.priors[hypothesis]
        if prior <= 0:
            continue
        logs[hypothesis] = math.log(prior) + sum(values[i] for values in table)
    if not logs:
        return dict.fromkeys(matrix.hypotheses, 0.0)
    posterior = _normalised(logs)
    return {h: posterior.get(h, 0.0) for h in matrix.hypotheses}


def same_score(a: float, b: float) -> bool:
    """True if two scores tie: equal within a relative :data:`TIE` (or both 0)."""
    return math.isclose(a, b, rel_tol=TIE, abs_tol=1e-300)


def ranking(matrix: Matrix, profile: Profile, rows: tuple[str, ...] | None = None) -> list[str]:
    """Hypotheses from most to least likely under ``profile``; tied ones keep file order."""
    return [h for group in _groups(matrix, profile, rows) for h in group]


def _groups(matrix: Matrix, profile: Profile, rows: tuple[str, ...] | None = None) -> list[list[str]]:
    """Hypotheses grouped by equal score, best group first, file order within a group."""
    return _groups_of(matrix.hypotheses, profile, scores(matrix, profile, rows))


def _groups_of(hypotheses: tuple[str, ...], profile: Profile, values: dict[str, float]) -> list[list[str]]:
    better = -1 if profile == Profile.LIKELIHOOD else 1
    groups: list[list[str]] = []
    for hypothesis in sorted(hypotheses, key=lambda h: better * values[h]):
        if groups and same_score(values[groups[-1][0]], values[hypothesis]):
            groups[-1].append(hypothesis)
        else:
            groups.append([hypothesis])
    return [sorted(group, key=hypotheses.index) for group in groups]


def top(matrix: Matrix, profile: Profile, rows: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The hypotheses sharing the best score (one unless tied)."""
    groups = _groups(matrix, profile, rows)
    return tuple(groups[0]) if groups else ()


def ties(matrix: Matrix, profile: Profile) -> list[tuple[str, ...]]:
    """Groups of two or more hypotheses with equal scores, best first."""
    return [tuple(group) for group in _groups(matrix, profile) if len(group) > 1]


def row_contributions(matrix: Matrix, row: str, profile: Profile) -> list[float]:
    """What ``row`` adds to each hypothesis's score under ``profile`` (log P for likelihood).

    Worked out once per matrix, row and profile (a matrix is scored many
    times over: each profile, each block, the sensitivity tests); the list
    returned is shared, not to be changed.
    """
    memo = matrix._contributions.setdefault(profile, {})
    values = memo.get(row)
    if values is not None:
        return values
    cells = matrix.sole_analyst_row(row)
    if cells is not None:  # one rating a cell: its value looked up
        table = _value_table(matrix, row, profile)
        values = [table[cells.get(h)] for h in matrix.hypotheses]
    else:
        values = [_cell_value(matrix, matrix.cell_ratings(row, h), row, profile) for h in matrix.hypotheses]
    memo[row] = values
    return values


def _value_table(matrix: Matrix, row: str, profile: Profile) -> dict[Rating | None, float]:
    """What a cell of ``row`` rated by one analyst adds, by its rating (None: not rated).

    The same for every row but under parc, where it depends on the row's
    credibility and relevance; kept per matrix, profile and those weights.
    """
    weights = (matrix.credibility[row], matrix.relevance[row]) if profile == Profile.PARC else ()
    tables = matrix._value_tables
    key = (profile, *weights)
    if key not in tables:
        tables[key] = {None: _cell_value(matrix, [], row, profile)} | {
            rating: _cell_value(matrix, [rating], row, profile) for rating in Rating
        }
    return tables[key]


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


def diagnosticity(matrix: Matrix, row: str) -> float:
    """Heuer's diagnosticity of ``row``: how far its ratings differ across the hypotheses, in steps.

    The largest minus the smallest position on the scale CC (2) … II (-2)
    among the hypotheses the row is rated against (a cell's position is the
    mean over its analysts; NA and blanks left out).

    Returns:
        0 (rated alike, or against fewer than two hypotheses) to 4 (CC and II).
    """
    alone = matrix.sole_analyst_row(row)
    if alone is not None:  # a cell's position is its one rating's
        positions = [float(SCALE[r]) for r in (alone.get(h) for h in matrix.hypotheses) if r in SCALE]
    else:
        positions = []
        for hypothesis in matrix.hypotheses:
            rated = [SCALE[r] for r in matrix.cell_ratings(row, hypothesis) if r in SCALE]
            if rated:
                positions.append(sum(rated) / len(rated))
    if len(positions) < 2:
        return 0.0
    return max(positions) - min(positions)


def effect(matrix: Matrix, row: str, profile: Profile = Profile.HEUER) -> float:
    """The row's effect on the scores under ``profile``: how far it moves them apart.

    ``heuer`` and ``parc``: the spread (max - min) of the row's contributions
    to the hypotheses' scores, in the profile's points (a blank or NA
    contributes 0); ``likelihood``: the largest likelihood ratio between two
    hypotheses, in bits, ``log2(max_h P(e|h) / min_h P(e|h))`` (blanks and
    NA as N). A row consistent with one hypothesis and neutral to the rest
    has diagnosticity but no effect under ``heuer``.

    Returns:
        >= 0, in :data:`EFFECT_UNIT` of the profile.
    """
    values = row_contributions(matrix, row, profile)
    if len(values) < 2:
        return 0.0
    spread = max(values) - min(values)
    if profile == Profile.LIKELIHOOD:
        spread /= math.log(2)
    return spread if spread > TIE else 0.0


def rows_by_diagnosticity(matrix: Matrix, profile: Profile = Profile.HEUER) -> list[str]:
    """Row ids in display order: scored rows first, most diagnostic first, then by effect, then file order."""
    return _display_order(
        matrix,
        {row: diagnosticity(matrix, row) for row in matrix.rows},
        {row: effect(matrix, row, profile) for row in matrix.rows},
    )


def _display_order(matrix: Matrix, diagnostic: dict[str, float], effects: dict[str, float]) -> list[str]:
    """:func:`rows_by_diagnosticity` from values already worked out."""
    index = {row: number for number, row in enumerate(matrix.rows)}

    def key(row: str) -> tuple[bool, float, float, int]:
        return row in matrix.excluded, -round(diagnostic[row], 9), -round(effects[row], 9), index[row]

    return sorted(matrix.rows, key=key)


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
    found: list[Disagreement] = []
    if len(matrix.ratings) < 2:
        return found  # one analyst cannot disagree with another
    for row in matrix.rows:
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
    """Row id changed."""
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
        """Row ids on which the top rank hangs, in first-found order."""
        return list(self.by_row)

    @property
    def by_row(self) -> dict[str, list[Change]]:
        """Each linchpin's changes (its leaving out first, then its flips), in first-found order."""
        grouped: dict[str, list[Change]] = {}
        for change in [*self.left_out, *self.flips]:
            grouped.setdefault(change.row, []).append(change)
        return grouped


def _effect(before: tuple[str, ...], after: tuple[str, ...]) -> Effect | None:
    if after == before:
        return None
    if len(after) > len(before) and set(before) <= set(after):
        return Effect.TIE_CREATED
    if len(after) < len(before) and set(after) <= set(before):
        return Effect.TIE_BROKEN
    return Effect.TOP_CHANGES


_AT_POSITION = {position: rating for rating, position in SCALE.items()}


def _step(rating: Rating, step: int) -> Rating:
    return _AT_POSITION[max(-2, min(2, SCALE[rating] + step))]


def _moved(ratings: list[Rating], step: int) -> list[Rating]:
    """Every analyst's rating of a cell moved ``step`` steps (NA stays)."""
    return [_step(r, step) if r in SCALE else r for r in ratings]


def _flip_candidates(
    matrix: Matrix, columns: Collection[str] | None = None
) -> Iterator[tuple[str, str, list[Rating], int]]:
    """Scored cells some analyst's rating of which can move a step, with their ratings and the step.

    ``columns``: only the cells of these hypotheses (all if None), still in file order.
    """
    hypotheses = matrix.hypotheses if columns is None else [h for h in matrix.hypotheses if h in columns]
    for row in matrix.scored:
        for hypothesis in hypotheses:
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
    anew; a property test compares the two on random matrices. Only scored
    rows count.
    """

    def __init__(self, matrix: Matrix, profile: Profile) -> None:
        self.matrix, self.profile = matrix, profile
        self.rows = {row: row_contributions(matrix, row, profile) for row in matrix.scored}
        likelihood = profile == Profile.LIKELIHOOD
        self.base = [
            (math.log(matrix.priors[h]) if matrix.priors.get(h, 0) > 0 else -math.inf) if likelihood else 0.0
            for h in matrix.hypotheses
        ]
        for values in self.rows.values():
            for index, value in enumerate(values):
                self.base[index] += value
        self.unrated = math.log(matrix.likelihoods[Rating.N]) if likelihood else 0.0
        """What a cell nobody rated adds (:func:`_cell_value` of no ratings)."""

    def values_with(self, row: str, replaced: dict[int, float]) -> dict[str, float]:
        """The scores when ``row``'s contributions at the given hypothesis indexes are replaced."""
        totals = list(self.base)
        old = self.rows[row]
        for index, value in replaced.items():
            totals[index] += value - old[index]
        values = dict(zip(self.matrix.hypotheses, totals, strict=True))
        return _normalised(values) if self.profile == Profile.LIKELIHOOD else values

    def top_of(self, values: dict[str, float]) -> tuple[str, ...]:
        """The top group of the given scores."""
        groups = _groups_of(self.matrix.hypotheses, self.profile, values)
        return tuple(groups[0]) if groups else ()

    def without(self, row: str) -> tuple[str, ...]:
        """The top with ``row`` unrated by every analyst."""
        unrated = dict.fromkeys(range(len(self.matrix.hypotheses)), self.unrated)
        return self.top_of(self.values_with(row, unrated))

    def cell_scores(self, row: str, hypothesis: str, ratings: list[Rating]) -> dict[str, float]:
        """The scores with one cell rated ``ratings`` by its analysts."""
        value = _cell_value(self.matrix, ratings, row, self.profile)
        return self.values_with(row, {self.matrix.hypotheses.index(hypothesis): value})

    def top_with_cell(self, row: str, hypothesis: str, ratings: list[Rating]) -> tuple[str, ...]:
        """The top group with one cell rated ``ratings``: ``top_of(cell_scores(...))``, faster.

        Under heuer and parc one total changes (by the same arithmetic as
        :meth:`values_with`, so the scores are bit for bit those), and the top
        group is found by walking the other totals, kept sorted, from the best
        while they tie: O(size of the top group) rather than a sort per test.
        (For totals of 0 or more, a total ties the best only if every smaller
        one does, so the group is a run from the best.)
        Likelihood scores are normalised, so every posterior moves: those go
        the long way.
        """
        if self.profile == Profile.LIKELIHOOD or self._sorted[0][0] < 0:  # the walk needs totals >= 0
            return self.top_of(self.cell_scores(row, hypothesis, ratings))
        index = self._index[hypothesis]
        value = _cell_value(self.matrix, ratings, row, self.profile)
        changed = self.base[index] + (value - self.rows[row][index])
        best_now = self._sorted[0][0]
        if index not in self._leader_indexes and changed > best_now and not same_score(best_now, changed):
            return self._base_top  # an outsider that stays behind: nothing else moved
        others = (entry for entry in self._sorted if entry[1] != index)
        best_other = next(others, None)
        best = min(changed, best_other[0]) if best_other else changed
        group = [index] if same_score(best, changed) else []
        for total, other in itertools.chain([best_other] if best_other else [], others):
            if not same_score(best, total):
                break
            group.append(other)
        hypotheses = self.matrix.hypotheses
        return tuple(hypotheses[i] for i in sorted(group))

    def within_a_step(self) -> set[str]:
        """The hypotheses a one-step flip of one of their own cells can move into or out of the top.

        A flip changes one hypothesis's total by at most
        :func:`_largest_step_gain`, and no other total (likelihood scores are
        normalised, but their order and ties are those of the log totals), so
        a hypothesis outside the top group and further than that from the best
        total stays out of it, whatever its flips, and leaves the top as it
        is. The margin allowed for rounding is far wider than the tie
        tolerance. Every hypothesis where the best total is not finite.
        """
        better = max if self.profile == Profile.LIKELIHOOD else min
        best = better(self.base)
        if not math.isfinite(best):
            return set(self.matrix.hypotheses)
        step = _largest_step_gain(self.matrix, self.profile)
        near = set()
        for hypothesis, total in zip(self.matrix.hypotheses, self.base, strict=True):
            gap = abs(total - best)
            if same_score(best, total) or gap <= step * (1 + 1e-6) + 1e-6 * max(1.0, abs(best), abs(total)):
                near.add(hypothesis)
        return near

    @cached_property
    def _sorted(self) -> list[tuple[float, int]]:
        """The base totals with their hypothesis indexes, best first (lowest: heuer, parc)."""
        return sorted((total, index) for index, total in enumerate(self.base))

    @cached_property
    def _leader_indexes(self) -> frozenset[int]:
        """The hypothesis indexes of the top group as rated (heuer, parc)."""
        best = self._sorted[0][0]
        return frozenset(
            i for total, i in itertools.takewhile(lambda e: same_score(best, e[0]), self._sorted)
        )

    @cached_property
    def _base_top(self) -> tuple[str, ...]:
        return tuple(self.matrix.hypotheses[i] for i in sorted(self._leader_indexes))

    @cached_property
    def _index(self) -> dict[str, int]:
        return {h: i for i, h in enumerate(self.matrix.hypotheses)}


def _normalised(logs: dict[str, float]) -> dict[str, float]:
    """A posterior from log weights: exp(log - max), divided by their sum (-inf weighs 0)."""
    top_log = max(logs.values())
    weights = {h: math.exp(v - top_log) for h, v in logs.items()}
    total = sum(weights.values())
    return {h: w / total for h, w in weights.items()}


def sensitivity(matrix: Matrix, profile: Profile) -> Sensitivity:
    """Leave-one-out and flip-one-rating tests under ``profile`` (see module doc).

    Each test changes one row's or one cell's contribution to the totals
    (:class:`_Totals`), in time linear in the number of hypotheses: the whole
    run takes O(rows × hypotheses²), not a rescoring of the matrix per test.
    Only the cells of hypotheses a step from the top are flipped
    (:meth:`_Totals.within_a_step`): no other flip can move the top.
    """
    base = top(matrix, profile)
    result = Sensitivity()
    if not matrix.hypotheses:
        return result
    totals = _Totals(matrix, profile)
    for row in matrix.scored:
        if not matrix.is_rated(row):
            continue
        after = totals.without(row)
        if effect_ := _effect(base, after):
            result.left_out.append(Change(row, None, None, None, after, effect_))
    for row, hypothesis, rated, step in _flip_candidates(matrix, totals.within_a_step()):
        moved_all = _moved(matrix.cell_ratings(row, hypothesis), step)
        after = totals.top_with_cell(row, hypothesis, moved_all)
        if effect_ := _effect(base, after):
            before, moved = "/".join(rated), "/".join(_step(r, step) for r in rated)
            result.flips.append(Change(row, hypothesis, before, moved, after, effect_))
    return result


def posterior_range(matrix: Matrix) -> dict[str, tuple[float, float]]:
    """Under the likelihood profile, each hypothesis's lowest and highest posterior over one-step changes.

    The range covers the matrix as rated and every scored cell's ratings
    moved one step up or down (one cell at a time): a posterior that one
    step can move from 0.5 to 0.8 is not a precise number.

    Returns:
        Hypothesis id → (lowest, highest) posterior.
    """
    base = scores(matrix, Profile.LIKELIHOOD)
    low, high = dict(base), dict(base)
    if not matrix.hypotheses:
        return {}
    totals = _Totals(matrix, Profile.LIKELIHOOD)
    for row, hypothesis, _, step in _flip_candidates(matrix):
        values = totals.cell_scores(row, hypothesis, _moved(matrix.cell_ratings(row, hypothesis), step))
        for h, value in values.items():
            low[h], high[h] = min(low[h], value), max(high[h], value)
    return {h: (low[h], high[h]) for h in matrix.hypotheses}


@dataclass(frozen=True)
class CellChange:
    """One cell's ratings moved some steps (every analyst's rating alike)."""

    row: str
    hypothesis: str
    before: str
    """The ratings before, analysts joined by "/"."""
    after: str
    """The ratings after."""
    steps: int
    """How many one-step changes this is."""

    def describe(self) -> str:
        """``E16 on H2 I -> N``."""
        return f"{self.row} on {self.hypothesis} {self.before} -> {self.after}"


@dataclass(frozen=True)
class SmallestChange:
    """The fewest one-step rating changes that tie or overturn the leader."""

    steps: int
    """Total one-step changes."""
    challenger: str
    """The hypothesis that then ties or passes the leader."""
    cells: tuple[CellChange, ...]
    """The cells changed."""
    effect: Effect
    """:attr:`Effect.TIE_CREATED` or :attr:`Effect.TOP_CHANGES`."""


def _cell_options(
    matrix: Matrix, profile: Profile, row: str, hypothesis: str, direction: int, sign: int
) -> list[tuple[int, float, CellChange]]:
    """Moves of one cell ``1..4`` steps in ``direction`` that help a challenger: (steps, gain, change)."""
    ratings = matrix.cell_ratings(row, hypothesis)
    rated = [r for r in ratings if r in SCALE]
    if not rated:
        return []
    now = _cell_value(matrix, ratings, row, profile)
    options = []
    for steps in range(1, 5):
        moved = _moved(ratings, direction * steps)
        if moved == _moved(ratings, direction * (steps - 1)):
            break
        gain = sign * direction * (_cell_value(matrix, moved, row, profile) - now)
        if gain > TIE:
            after = "/".join(_moved(rated, direction * steps))
            options.append((steps, gain, CellChange(row, hypothesis, "/".join(rated), after, steps)))
    return options


def _fewest_steps(
    options: list[list[tuple[int, float, CellChange]]], gap: float, limit: int
) -> tuple[int, tuple[CellChange, ...]] | None:
    """The fewest steps whose gains reach ``gap``, one option per cell at most (a small knapsack).

    Only the ``limit`` best cells for each number of steps can be in a best
    answer (any other could be swapped for an unused one of them), so the
    search keeps those and is exact.
    """
    keep: set[int] = set()
    for steps in range(1, 5):
        ranked = sorted(
            (i for i, cell in enumerate(options) if any(o[0] == steps for o in cell)),
            key=lambda i: -next(o[1] for o in options[i] if o[0] == steps),
        )
        keep.update(ranked[:limit])
    best: list[tuple[float, tuple[CellChange, ...]] | None] = [None] * (limit + 1)
    best[0] = (0.0, ())
    for i in sorted(keep):
        updated = list(best)
        for used, found in enumerate(best):
            if found is None:
                continue
            for steps, gain, change in options[i]:
                total = used + steps
                if total <= limit and (updated[total] is None or found[0] + gain > updated[total][0]):
                    updated[total] = (found[0] + gain, (*found[1], change))
        best = updated
    needed = gap - TIE * max(1.0, abs(gap))
    for used, found in enumerate(best):
        if found is not None and used > 0 and found[0] >= needed:
            return used, found[1]
    return None


def smallest_change(matrix: Matrix, profile: Profile, limit: int = MAX_STEPS) -> SmallestChange | None:
    """The fewest one-step rating changes that tie or overturn a sole leader (up to ``limit``).

    Each change moves one rated cell one step (every analyst's rating of
    it): the leader's cells towards II, a challenger's towards CC. Rows are
    never left out here (:func:`sensitivity` tries that).

    Returns:
        The :class:`SmallestChange` (first challenger in file order among
        the cheapest), or None when the top is already tied or no change of
        up to ``limit`` steps moves it.
    """
    leaders = top(matrix, profile)
    if len(leaders) != 1:
        return None
    leader = leaders[0]
    sign = 1 if profile == Profile.LIKELIHOOD else -1
    totals = _Totals(matrix, profile)
    index = {h: i for i, h in enumerate(matrix.hypotheses)}
    reach = limit * _largest_step_gain(matrix, profile) * (1 + TIE)
    leader_options: list[list[tuple[int, float, CellChange]]] | None = None
    found: SmallestChange | None = None
    for challenger in matrix.hypotheses:
        if challenger == leader or totals.base[index[challenger]] == -math.inf:
            continue
        gap = sign * (totals.base[index[leader]] - totals.base[index[challenger]])
        if gap - TIE * max(1.0, abs(gap)) > reach:
            continue  # out of reach of ``limit`` steps: no need to list its cells' moves
        if leader_options is None:
            leader_options = [_cell_options(matrix, profile, row, leader, -1, sign) for row in matrix.scored]
        mine = [_cell_options(matrix, profile, row, challenger, 1, sign) for row in matrix.scored]
        answer = _fewest_steps([o for o in (*leader_options, *mine) if o], gap, limit)
        if answer is None or (found is not None and answer[0] >= found.steps):
            continue
        outcome = _tie_or_pass(matrix, profile, leader, challenger, answer[1])
        found = SmallestChange(answer[0], challenger, answer[1], outcome)
    return found


def _largest_step_gain(matrix: Matrix, profile: Profile) -> float:
    """The most that moving one cell one step can change a score, an upper bound for the search.

    A cell's value is a mean over its analysts of one value per rating (an
    inconsistency count, times the row's weights under parc, or a log
    likelihood); moving every rating one step moves each term, so the mean,
    by at most the largest difference between neighbouring ratings.
    """
    ladder = sorted(SCALE, key=SCALE.__getitem__)
    if profile == Profile.LIKELIHOOD:
        values = [math.log(matrix.likelihoods[r]) for r in ladder]
        return max(abs(a - b) for a, b in itertools.pairwise(values))
    step = max(abs(INCONSISTENCY.get(a, 0) - INCONSISTENCY.get(b, 0)) for a, b in itertools.pairwise(ladder))
    if profile == Profile.PARC:
        step *= max(
            (WEIGHT[matrix.credibility[row]] * WEIGHT[matrix.relevance[row]] for row in matrix.scored),
            default=0.0,
        )
    return step


def _tie_or_pass(
    matrix: Matrix, profile: Profile, leader: str, challenger: str, cells: tuple[CellChange, ...]
) -> Effect:
    """Whether the changes leave the challenger level with the leader or ahead of it."""
    moved = {(c.row, c.hypothesis): c for c in cells}
    direction = {leader: -1, challenger: 1}

    def total(hypothesis: str) -> float:
        value = 0.0 if profile != Profile.LIKELIHOOD else math.log(matrix.priors[hypothesis])
        for row in matrix.scored:
            ratings = matrix.cell_ratings(row, hypothesis)
            change = moved.get((row, hypothesis))
            if change is not None:
                ratings = _moved(ratings, direction[hypothesis] * change.steps)
            value += _cell_value(matrix, ratings, row, profile)
        return value

    return Effect.TIE_CREATED if same_score(total(leader), total(challenger)) else Effect.TOP_CHANGES


def _names(hypotheses: tuple[str, ...]) -> str:
    """``H1``, ``H1 and H2``, ``H1, H2 and H3``."""
    if len(hypotheses) < 2:
        return "".join(hypotheses)
    return f"{', '.join(hypotheses[:-1])} and {hypotheses[-1]}"


def _amount(value: float, unit: str) -> str:
    """``1 point``, ``2.5 weighted points``, ``1.3 bits``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    singular = unit.removesuffix("s")
    return f"{text} {singular if text == '1' else unit}"


def _count(number: int, noun: str) -> str:
    """``1 row``, ``3 rows``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


@dataclass(frozen=True)
class Summary:
    """The result in words: what every ACH output must say beside any ranking.

    Build it with :func:`summarise`; :meth:`sentences` gives the words.
    """

    profile: Profile
    leaders: tuple[str, ...]
    """The top group (more than one when tied)."""
    runners_up: tuple[str, ...]
    """The next group, if any."""
    margin: float | None
    """Between the leader and the next, in :data:`EFFECT_UNIT` (posterior ratio in bits for
    likelihood); None with fewer than two groups."""
    tentative: bool
    """The top is tied, or one rating moved one step ties or changes it."""
    single_flips: tuple[Change, ...]
    """One-step rating changes that move the top."""
    single_left_out: tuple[Change, ...]
    """Rows whose leaving out alone moves the top."""
    smallest: SmallestChange | None
    """The fewest one-step changes that move a sole leader, when no single one does."""
    profile_tops: dict[Profile, tuple[str, ...]]
    """The top group under each profile."""
    without_assumptions: tuple[str, ...] | None
    """The top group with the assumption rows left out; None when no assumption is scored."""
    assumption_rows: int
    evidence_rows: int
    """Scored rows that are not assumptions and carry a rating other than NA."""
    sources: int
    """Distinct sources behind the scored non-assumption rows."""
    originators: int
    """Distinct originators of those sources (sources with one author count once)."""
    unsourced: int
    """Scored non-assumption rows with no source (the analyst's own judgments)."""
    excluded: dict[str, str]
    """Rows shown but not scored, with why."""
    undecided: tuple[str, ...]
    """Scored rows the evaluation leaves UNDEC."""
    exclusive: bool = False
    """The hypotheses are declared mutually exclusive."""
    exhaustive: bool = False
    """The hypotheses are declared exhaustive."""
    inconsistent_cells: dict[RowType, int] = field(default_factory=dict)
    """Scored cells rated I or II (by some analyst), by the type of their row."""

    @property
    def one_originator(self) -> bool:
        """Every scored evidence and judgment row has a source, and all have one originator."""
        return self.originators == 1 and not self.unsourced and self.evidence_rows > 0

    @property
    def posterior_withheld(self) -> bool:
        """Likelihood profile: no posterior is printed when every sourced row has one originator."""
        return self.profile == Profile.LIKELIHOOD and self.one_originator

    @property
    def profiles_agree(self) -> bool:
        """True unless two profiles put disjoint groups first (one breaking another's tie still agrees)."""
        groups = [set(group) for group in self.profile_tops.values()]
        return not groups or bool(set.intersection(*groups))

    def headline(self) -> str:
        """Leader and margin, in one sentence (a tie says the matrix does not choose)."""
        if not self.leaders:
            return "No hypotheses to rank."
        if len(self.leaders) > 1:
            tied = _names(self.leaders)
            return f"{tied} tie for first under {self.profile}: the matrix does not choose between them."
        leader = self.leaders[0]
        if self.margin is None:
            return f"{leader} is the only hypothesis ranked."
        if self.posterior_withheld:
            return f"{leader} ranks first under likelihood; its margin is withheld with the posterior."
        ahead = _amount(self.margin, EFFECT_UNIT[self.profile])
        if self.profile == Profile.LIKELIHOOD:
            ahead = f"a likelihood ratio of {ahead}"
        text = f"{leader} ranks first under {self.profile}, {ahead} ahead of {_names(self.runners_up)}"
        return text + (" — tentative: the lead is within one rating step." if self.tentative else ".")

    def fragility(self) -> str:
        """How little it takes to change the top, in one sentence."""
        if len(self.leaders) > 1:
            return "Any rating that separates the tied hypotheses decides the top."
        if self.single_flips:
            first = self.single_flips[0]
            more = len(self.single_flips) - 1
            verb = "does" if more == 1 else "do"
            others = f" ({_count(more, 'other single change')} {verb} too)" if more else ""
            return f"One rating moved one step changes the top: {first.describe()}{others}."
        if self.smallest is not None:
            shown = ", ".join(c.describe() for c in self.smallest.cells)
            return (
                f"No single rating moved one step changes the top; the smallest change that does is "
                f"{_count(self.smallest.steps, 'one-step change')} ({shown}: {self.smallest.effect} "
                f"with {self.smallest.challenger})."
            )
        if len(self.leaders) == 1 and self.runners_up:
            return f"No change of up to {MAX_STEPS} ratings by one step each changes the top."
        return ""

    def sentences(self) -> list[str]:
        """Every sentence of the summary, headline first."""
        found = [self.headline()]
        if (self.leaders and self.runners_up) or len(self.leaders) > 1:
            found.append(self.fragility())
        if self.single_left_out:
            rows = ", ".join(change.row for change in self.single_left_out)
            found.append(f"Leaving out one row alone also changes the top: {rows}.")
        found.append(self.inconsistency_sentence())
        found.append(self.profiles_sentence())
        if self.without_assumptions is not None:
            found.append(self._assumptions())
        found.append(self._sourcing())
        if self.excluded:
            shown = "; ".join(f"{row} ({why})" for row, why in self.excluded.items())
            found.append(f"Not scored: {shown}.")
        if self.undecided:
            found.append(f"Scored but undecided in the map's evaluation: {', '.join(self.undecided)}.")
        if self.profile == Profile.LIKELIHOOD:
            found += self.likelihood_warnings()
        return [sentence for sentence in found if sentence]

    def likelihood_warnings(self) -> list[str]:
        """Why a posterior from this matrix claims more than it knows, if it does."""
        found = []
        if not (self.exclusive and self.exhaustive):
            found.append(
                "Warning: the posterior assumes the hypotheses mutually exclusive and exhaustive, "
                "and the map does not declare them so."
            )
        if self.one_originator:
            found.append(
                "The posterior is withheld: it would treat the rows as independent, but every "
                "sourced row comes from one originator, so any number would be far surer than the "
                "evidence. The ranking stands, as ranks only."
            )
        return found

    def inconsistency_sentence(self) -> str:
        """Where the inconsistent ratings come from: reported evidence, judgments, assumptions."""
        cells = self.inconsistent_cells
        evidence = cells.get(RowType.EVIDENCE, 0)
        judgments = cells.get(RowType.SOURCE_JUDGMENT, 0) + cells.get(RowType.ANALYST_JUDGMENT, 0)
        assumptions = cells.get(RowType.ASSUMPTION, 0)
        if not (evidence or judgments or assumptions):
            return "No scored row is rated inconsistent with any hypothesis: the matrix rules nothing out."
        where = [
            f"{name} ({_count(number, 'cell')})"
            for name, number in (("judgments", judgments), ("assumptions", assumptions))
            if number
        ]
        if not evidence:
            return (
                "No reported evidence is rated inconsistent with any hypothesis: the I and II "
                f"ratings are all in {' and '.join(where)}."
            )
        return f"Inconsistent ratings: reported evidence ({_count(evidence, 'cell')})" + (
            f", {', '.join(where)}." if where else "."
        )

    def profiles_sentence(self) -> str:
        """Whether the three profiles put the same hypotheses first, in one sentence."""
        tops = {profile: " = ".join(group) for profile, group in self.profile_tops.items()}
        shown = "; ".join(f"{profile} {group}" for profile, group in tops.items())
        if len(set(tops.values())) <= 1:
            first = next(iter(tops.values()), "")
            return f"The three profiles agree: {first} first under heuer, parc and likelihood."
        if self.profiles_agree:
            return f"The profiles differ only where one breaks another's tie: {shown}."
        return f"The profiles disagree on what comes first: {shown}."

    def _assumptions(self) -> str:
        if not self.evidence_rows:
            return ""  # the sourcing sentence says the ranking rests on assumptions alone
        group = " = ".join(self.without_assumptions or ())
        rows = _count(self.assumption_rows, "assumption row")
        if self.without_assumptions == self.leaders:
            return f"Without the {rows}, the top is the same ({group})."
        return f"Without the {rows}, the top changes: {group} first — the assumptions decide the ranking."

    def _sourcing(self) -> str:
        if not self.evidence_rows and not self.assumption_rows:
            return "No row carries a rating that counts: the matrix ranks nothing."
        if not self.evidence_rows:
            return "No evidence or judgment from a source is scored: the ranking rests on assumptions alone."
        rows = _count(self.evidence_rows, "scored evidence and judgment row")
        sources = _count(self.sources, "source")
        text = f"The {rows} rest on {sources} from {_count(self.originators, 'originator')}"
        if self.unsourced:
            text += f"; {self.unsourced} of them {'has' if self.unsourced == 1 else 'have'} no source"
        if self.one_originator:
            text += ": every row comes from one originator, so the matrix is no more reliable than it"
        return text + "."


def summarise(result: AchResult) -> Summary:
    """The :class:`Summary` of a scored matrix (profiles compared by their top groups)."""
    matrix, profile = result.matrix, result.profile
    groups = _groups_of(matrix.hypotheses, profile, result.scores)
    leaders = tuple(groups[0]) if groups else ()
    runners_up = tuple(groups[1]) if len(groups) > 1 else ()
    flips = tuple(result.sensitivity.flips)
    smallest = None if flips or len(leaders) != 1 else smallest_change(matrix, profile)
    counted = [row for row in matrix.evidence_rows if rated_beyond_na(matrix, row)]
    rows_with_sources = [row for row in counted if row in matrix.sources]
    sources = {source for row in rows_with_sources for source in matrix.sources[row]}
    originators = {matrix.originators.get(source, source) for source in sources}
    return Summary(
        profile=profile,
        leaders=leaders,
        runners_up=runners_up,
        margin=_margin(result, leaders, runners_up),
        tentative=len(leaders) > 1 or bool(flips),
        single_flips=flips,
        single_left_out=tuple(result.sensitivity.left_out),
        smallest=smallest,
        profile_tops={p: top(matrix, p) for p in Profile},
        without_assumptions=top(matrix, profile, matrix.evidence_rows) if matrix.assumption_rows else None,
        assumption_rows=len(matrix.assumption_rows),
        evidence_rows=len(counted),
        sources=len(sources),
        originators=len(originators),
        unsourced=len(counted) - len(rows_with_sources),
        excluded=dict(matrix.excluded),
        undecided=tuple(row for row in matrix.scored if row in matrix.undecided and matrix.is_rated(row)),
        exclusive=matrix.exclusive,
        exhaustive=matrix.exhaustive,
        inconsistent_cells=_inconsistent_cells(matrix),
    )


def _inconsistent_cells(matrix: Matrix) -> dict[RowType, int]:
    """Scored cells some analyst rated I or II, counted by the type of their row."""
    counts: dict[RowType, int] = {}
    for row in matrix.scored:
        alone = matrix.sole_analyst_row(row)
        found = (
            sum(alone.get(h) in INCONSISTENCY for h in matrix.hypotheses)
            if alone is not None
            else sum(any(r in INCONSISTENCY for r in matrix.cell_ratings(row, h)) for h in matrix.hypotheses)
        )
        if found:
            counts[matrix.type_of(row)] = counts.get(matrix.type_of(row), 0) + found
    return counts


def rated_beyond_na(matrix: Matrix, row: str) -> bool:
    """True if some analyst gave ``row`` a rating other than NA: a row that can count."""
    return any(r != Rating.NA for h in matrix.hypotheses for r in matrix.cell_ratings(row, h))


def _margin(result: AchResult, leaders: tuple[str, ...], runners_up: tuple[str, ...]) -> float | None:
    """How far the leader is ahead of the next: points, or log2 of the posterior ratio."""
    if len(leaders) != 1 or not runners_up:
        return None
    best, next_ = result.scores[leaders[0]], result.scores[runners_up[0]]
    if result.profile == Profile.LIKELIHOOD:
        return math.log2(best / next_) if next_ > 0 else math.inf
    return next_ - best


@dataclass(frozen=True)
class AchResult:
    """Everything a report needs: the matrix scored under one profile."""

    matrix: Matrix
    profile: Profile
    scores: dict[str, float]
    """Hypothesis id → score over the scored rows (see :func:`scores`)."""
    ranking: list[str]
    """Hypotheses, most likely first."""
    ties: list[tuple[str, ...]]
    """Tied groups in the ranking."""
    diagnosticity: dict[str, float]
    """Row id → Heuer's diagnosticity, in steps (:func:`diagnosticity`)."""
    effect: dict[str, float]
    """Row id → effect on the scores under :attr:`profile` (:func:`effect`)."""
    rows: list[str]
    """Row ids in display order (:func:`rows_by_diagnosticity`)."""
    disagreements: list[Disagreement]
    """Cells on which analysts disagree by two steps or more."""

    @cached_property
    def sensitivity(self) -> Sensitivity:
        """Changes that move the top (:func:`sensitivity`), worked out on first use."""
        return sensitivity(self.matrix, self.profile)

    @cached_property
    def summary(self) -> Summary:
        """The result in words (:func:`summarise`), worked out on first use."""
        return summarise(self)

    @cached_property
    def block_scores(self) -> dict[str, dict[str, float]]:
        """Scores of each block of rows: ``evidence`` (evidence and judgments) and ``assumptions``."""
        return {
            "evidence": scores(self.matrix, self.profile, self.matrix.evidence_rows),
            "assumptions": scores(self.matrix, self.profile, self.matrix.assumption_rows),
        }

    @cached_property
    def posterior_range(self) -> dict[str, tuple[float, float]] | None:
        """Likelihood only: each posterior's range under one-step changes (:func:`posterior_range`)."""
        return posterior_range(self.matrix) if self.profile == Profile.LIKELIHOOD else None

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
        The :class:`AchResult`: scores, ranking, ties, diagnosticity, effect
        and disagreements; its sensitivity and summary are worked out when
        first read.
    """
    diagnostic = {row: diagnosticity(matrix, row) for row in matrix.rows}
    effects = {row: effect(matrix, row, profile) for row in matrix.rows}
    return AchResult(
        matrix=matrix,
        profile=profile,
        scores=scores(matrix, profile),
        ranking=ranking(matrix, profile),
        ties=ties(matrix, profile),
        diagnosticity=diagnostic,
        effect=effects,
        rows=_display_order(matrix, diagnostic, effects),
        disagreements=disagreements(matrix),
    )


def analyse(
    graph: ArgumentGraph, profile: Profile | None = None, labelling: Labelling | None = None
) -> AchResult | None:
    """Build, score and test the ACH matrix of a map (:func:`build_matrix`, then :func:`score`).

    Args:
        graph: the map's argument graph.
        profile: the scoring profile; the map's own (default ``heuer``) if None.
        labelling: the map's grounded labelling, so that OUT rows are not scored.

    Returns:
        The :class:`AchResult`, or None if the map has no ``ach`` section.
    """
    matrix = build_matrix(graph, labelling)
    if matrix is None or graph.ach is None:
        return None
    return score(matrix, profile or graph.ach.profile)


def favoured_hypotheses(graph: ArgumentGraph) -> list[str]:
    """Hypotheses the key judgments favour: flagged key, or concluded by an inference from a key judgment."""
    keys = set(graph.key_judgments)
    supported = {graph.conclusion(iid) for iid, premises in graph.premises_of.items() if keys & set(premises)}
    return [h for h in graph.hypotheses if h in keys or h in supported]
