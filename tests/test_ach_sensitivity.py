"""Sensitivity by changed totals agrees with rescoring the whole matrix for every test (property tests)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.ach import SCALE, Change, Matrix, Sensitivity, _effect, _flip_candidates, _step, sensitivity, top
from argmap.model import Level, Profile, Rating


def without_row(matrix: Matrix, row: str) -> Matrix:
    ratings = {
        name: {r: cells for r, cells in rows.items() if r != row} for name, rows in matrix.ratings.items()
    }
    return replace(matrix, ratings=ratings)


def with_cell(matrix: Matrix, row: str, hypothesis: str, step: int) -> Matrix:
    ratings = {name: {r: dict(cells) for r, cells in rows.items()} for name, rows in matrix.ratings.items()}
    for rows in ratings.values():
        cells = rows.get(row, {})
        if hypothesis in cells and cells[hypothesis] in SCALE:
            cells[hypothesis] = _step(cells[hypothesis], step)
    return replace(matrix, ratings=ratings)


def rescored(matrix: Matrix, profile: Profile) -> Sensitivity:
    """The reference: every test rescores a changed copy of the matrix from scratch."""
    base = top(matrix, profile)
    result = Sensitivity()
    for row in matrix.scored:
        if any(row in rows for rows in matrix.ratings.values()):
            after = top(without_row(matrix, row), profile)
            if effect := _effect(base, after):
                result.left_out.append(Change(row, None, None, None, after, effect))
    for row, hypothesis, rated, step in _flip_candidates(matrix):
        after = top(with_cell(matrix, row, hypothesis, step), profile)
        if effect := _effect(base, after):
            before, moved = "/".join(rated), "/".join(_step(r, step) for r in rated)
            result.flips.append(Change(row, hypothesis, before, moved, after, effect))
    return result


@st.composite
def matrices(draw: st.DrawFn) -> Matrix:
    hypotheses = tuple(f"H{n}" for n in range(draw(st.integers(min_value=1, max_value=5))))
    rows = tuple(f"E{n}" for n in range(draw(st.integers(min_value=1, max_value=7))))
    cell = st.one_of(st.none(), st.sampled_from(list(Rating)))
    analysts = {}
    for name in ("Ana", "Ben", "Cy")[: draw(st.integers(min_value=1, max_value=3))]:
        analysts[name] = {}
        for row in rows:
            if draw(st.booleans()) or name == "Ana":
                cells = {h: draw(cell) for h in hypotheses}
                analysts[name][row] = {h: r for h, r in cells.items() if r is not None}
    level = st.sampled_from(list(Level))
    weights = [draw(st.floats(min_value=0.1, max_value=5)) for _ in hypotheses]
    return Matrix(
        hypotheses=hypotheses,
        rows=rows,
        ratings=analysts,
        credibility={row: draw(level) for row in rows},
        relevance={row: draw(level) for row in rows},
        notes={},
        likelihoods={Rating.CC: 0.95, Rating.C: 0.75, Rating.N: 0.5, Rating.I: 0.25, Rating.II: 0.05},
        priors={h: w / sum(weights) for h, w in zip(hypotheses, weights, strict=True)},
    )


@settings(max_examples=300, deadline=None)
@given(matrices(), st.sampled_from(list(Profile)))
def test_sensitivity_agrees_with_rescoring_every_test(matrix: Matrix, profile: Profile) -> None:
    assert sensitivity(matrix, profile) == rescored(matrix, profile)


@settings(max_examples=200, deadline=None)
@given(matrices(), st.sampled_from(list(Profile)))
def test_one_analysts_shortcut_scores_as_the_general_way(matrix: Matrix, profile: Profile) -> None:
    """With one analyst cells are read directly; adding an analyst who rated nothing takes the
    general way (every analyst's ratings gathered per cell), and every figure must be the same."""
    from argmap.ach import _inconsistent_cells, diagnosticity, scores

    alone = replace(matrix, ratings=dict(list(matrix.ratings.items())[:1]))
    general = replace(alone, ratings={**alone.ratings, "Nobody": {}})
    assert alone.sole_analyst_row(alone.rows[0]) is not None
    assert general.sole_analyst_row(general.rows[0]) is None
    assert scores(alone, profile) == scores(general, profile)
    assert [diagnosticity(alone, r) for r in alone.rows] == [diagnosticity(general, r) for r in general.rows]
    assert _inconsistent_cells(alone) == _inconsistent_cells(general)
