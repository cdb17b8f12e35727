"""Issue 9: what the ACH matrix scores, how it says so, and attacks that weaken without defeating.

Each matrix is worked by hand in the comment above its assertions.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import Analysis, app, load_map_text, run_checks
from argmap.ach import (
    Effect,
    Matrix,
    RowType,
    _moved,
    smallest_change,
    top,
)
from argmap.cli import main
from argmap.evaluate import Label
from argmap.model import Level, Profile, Rating

HEAD = """\
map: {title: Discipline}
sources:
  S1: {title: Article, author: Ann Lee}
  S2: {title: Wire, author: Bo Chen}
statements:
  H1: {kind: hypothesis, text: Enlarges, threshold: A new member joins.}
  H2: {kind: hypothesis, text: Stagnates, threshold: Nobody joins.}
"""


def analysis_of(text: str) -> Analysis:
    return Analysis(load_map_text(text, "m.yaml"))


def result_of(text: str, profile: Profile | None = None):
    result = analysis_of(text).ach(profile)
    assert result is not None
    return result


# --------------------------------------------------------------------------- rows that do not count

WITHDRAWN = (
    HEAD
    + """\
  E1: {kind: evidence, text: Iran joined., source: S1}
  E2:
    kind: evidence
    text: Laos applied.
    source: S2
    status: retracted
    status_reason: The wire corrected the report.
    status_date: 2025-02-01
  E3: {kind: evidence, text: Members are wary., source: S2}
  E4: {kind: evidence, text: India objects., source: S2, rebuts: E3}
ach:
  ratings:
    E1: {H1: C, H2: I}
    E2: {H1: C, H2: II}
    E3: {H1: II, H2: C}
"""
)


def test_a_retracted_row_and_a_defeated_row_are_shown_but_not_scored() -> None:
    # E2 is retracted; E3 is OUT (rebutted by E4, which stands). Only E1 counts: H1 0, H2 1.
    # Scored as before issue 9 it would be H1 2 (E3 II), H2 3 (E1 I + E2 II).
    analysis = analysis_of(WITHDRAWN)
    assert analysis.labelling.labels["E3"] == Label.OUT
    result = analysis.ach()
    assert result.scores == {"H1": 0.0, "H2": 1.0}
    assert set(result.matrix.excluded) == {"E2", "E3"}
    assert result.matrix.excluded["E2"] == "retracted on 2025-02-01: The wire corrected the report."
    assert result.matrix.excluded["E3"].startswith("OUT in the map's evaluation: attacked by E4")
    assert result.rows[-2:] == ["E2", "E3"]  # shown, after the scored rows
    assert [c.row for c in result.sensitivity.left_out] == ["E1"]  # nothing not scored is tested
    codes = [(f.code, f.ids[0]) for f in run_checks(analysis) if f.code in ("A008", "A009")]
    assert codes == [("A008", "E2"), ("A008", "E3")]


def test_an_undecided_row_is_scored_and_flagged() -> None:
    text = WITHDRAWN.replace(
        "rebuts: E3}", "rebuts: E3}\n  E5: {kind: evidence, text: No., source: S1, rebuts: E4}"
    )
    text = text.replace(
        "  E4: {kind: evidence, text: India objects., source: S2, rebuts: E3}",
        ("  E4: {kind: evidence, text: India objects., source: S2, rebuts: [E3, E5]}"),
    )
    analysis = analysis_of(text)
    assert analysis.labelling.labels["E3"] == Label.UNDEC
    result = analysis.ach()
    assert result.scores == {"H1": 2.0, "H2": 1.0}  # E3 counts: H1 II
    assert "E3" in result.matrix.undecided  # E4 and E5, not rated, are open too
    assert [f.ids[0] for f in run_checks(analysis) if f.code == "A009"] == ["E3"]
    assert "Scored but undecided in the map's evaluation: E3." in result.summary.sentences()


# --------------------------------------------------------------------------- rows beyond evidence

BLOCKS = (
    HEAD
    + """\
  E1: {kind: evidence, text: Iran joined., source: S1}
  C1: {kind: claim, text: Economic enlargement will be slow., source: S1}
  C2: {kind: claim, text: The analyst thinks so.}
  A1: {kind: assumption, text: Pressure pushes members together.}
  A2: {kind: assumption, text: India blocks candidates.}
ach:
  ratings:
    E1: {H1: C, H2: N}
    C1: {H1: I, H2: C}
    A1: {H1: C, H2: II}
    A2: {H1: C, H2: II}
"""
)


def test_rows_have_types_and_assumptions_are_a_block_of_their_own() -> None:
    # Evidence and judgments: H1 1 (C1 I), H2 0. Assumptions: H1 0, H2 4. All rows: H1 1, H2 4.
    result = result_of(BLOCKS)
    matrix = result.matrix
    assert [matrix.type_of(r) for r in ("E1", "C1", "A1")] == [
        RowType.EVIDENCE,
        RowType.SOURCE_JUDGMENT,
        RowType.ASSUMPTION,
    ]
    assert "C2" not in matrix.rows  # a claim is a row only once rated
    assert result.scores == {"H1": 1.0, "H2": 4.0}
    assert result.block_scores == {"evidence": {"H1": 1.0, "H2": 0.0}, "assumptions": {"H1": 0.0, "H2": 4.0}}
    summary = result.summary
    assert (summary.leaders, summary.without_assumptions) == (("H1",), ("H2",))
    assert "Without the 2 assumption rows, the top changes: H2 first" in " ".join(summary.sentences())
    assert [f.code for f in run_checks(analysis_of(BLOCKS)) if f.code == "A011"] == ["A011"]


def test_the_analysts_own_claim_as_a_row_is_flagged() -> None:
    text = BLOCKS.replace("    A2: {H1: C, H2: II}\n", "    A2: {H1: C, H2: II}\n    C2: {H1: C, H2: I}\n")
    result = result_of(text)
    assert result.matrix.type_of("C2") == RowType.ANALYST_JUDGMENT
    assert [f.ids for f in run_checks(analysis_of(text)) if f.code == "A010"] == [("C2",)]


def test_a_statement_rated_only_in_the_matrix_is_connected() -> None:
    key = "  K1: {kind: claim, key: true, text: The SCO grows., fact: true}\nach:\n"
    findings = run_checks(analysis_of(BLOCKS.replace("ach:\n", key)))
    assert not [f for f in findings if f.code == "S005" and set(f.ids) & {"E1", "C1", "A1", "A2"}]
    assert [f.ids for f in findings if f.code == "S005"] == [("C2",)]  # not rated: still flagged


# --------------------------------------------------------------------------- the summary in words

ONE_CELL = (
    HEAD
    + """\
  E1: {kind: evidence, text: A past chair stressed culture and transport., source: S1}
  E2: {kind: evidence, text: Iran joined., source: S2}
ach:
  ratings:
    E1: {H1: C, H2: I}
    E2: {H1: C, H2: C}
"""
)


def test_a_one_cell_lead_is_called_tentative_and_its_cell_named() -> None:
    # H1 0, H2 1: a margin of one point; E1 on H2 I -> N ties the top.
    result = result_of(ONE_CELL)
    summary = result.summary
    assert (summary.leaders, summary.runners_up, summary.margin) == (("H1",), ("H2",), 1.0)
    assert summary.tentative
    sentences = summary.sentences()
    assert (
        sentences[0]
        == "H1 ranks first under heuer, 1 point ahead of H2 — tentative: the lead is within one rating step."
    )
    assert (
        sentences[1]
        == "One rating moved one step changes the top: E1 on H2 I -> N: H1 = H2 first (tie created)."
    )
    assert "The 2 scored evidence and judgment rows rest on 2 sources from 2 originators." in sentences
    finding = next(f for f in run_checks(analysis_of(ONE_CELL)) if f.code == "A012")
    assert finding.message == "'H1' leads by one step (heuer): E1 on H2 I -> N: H1 = H2 first (tie created)"


def test_a_wide_lead_names_the_smallest_change_that_overturns_it() -> None:
    # H1 0, H2 4 (two II). One step moves one point, so it takes four: each II -> I -> N, or H1's
    # C cells down to I (two steps each: C -> N gains nothing under heuer). Four is the fewest.
    text = ONE_CELL.replace("E1: {H1: C, H2: I}", "E1: {H1: C, H2: II}").replace(
        "E2: {H1: C, H2: C}", "E2: {H1: C, H2: II}"
    )
    result = result_of(text)
    assert not result.summary.tentative
    change = result.summary.smallest
    assert change is not None and (change.steps, change.challenger, change.effect) == (
        4,
        "H2",
        Effect.TIE_CREATED,
    )
    assert "the smallest change that does is 4 one-step changes" in result.summary.fragility()


def test_the_same_sources_author_counts_once() -> None:
    text = ONE_CELL.replace("author: Bo Chen", "author: ann  LEE")
    summary = result_of(text).summary
    assert (summary.sources, summary.originators) == (2, 1)
    assert any("every row comes from one originator" in s for s in summary.sentences())
    assert [f.code for f in run_checks(analysis_of(text)) if f.code == "A014"] == ["A014"]


# --------------------------------------------------------------------------- profiles side by side

DISAGREE = (
    HEAD
    + """\
  A1: {kind: assumption, text: a}
  A2: {kind: assumption, text: b}
  A3: {kind: assumption, text: c}
ach:
  ratings:
    A1: {H1: N, H2: CC}
    A2: {H1: N, H2: CC}
    A3: {H1: N, H2: I}
"""
)


def test_profiles_that_disagree_are_shown_side_by_side(tmp_path: Path) -> None:
    # heuer: H1 0, H2 1 -> H1. likelihood: H1 .5^3 = .125; H2 .95 * .95 * .25 = .2256 -> H2.
    summary = result_of(DISAGREE).summary
    assert summary.profile_tops == {
        Profile.HEUER: ("H1",),
        Profile.PARC: ("H1",),
        Profile.LIKELIHOOD: ("H2",),
    }
    assert not summary.profiles_agree
    path = tmp_path / "m.yaml"
    path.write_text(DISAGREE, encoding="utf-8")
    result = CliRunner().invoke(main, ["ach", str(path), "--profile", "all", "-f", "md", "-o", "-"])
    assert result.exit_code == 0, result.output
    section = result.output.split("## Profiles compared")[1].split("## Matrix")[0]
    assert "The profiles disagree on what comes first: heuer H1; parc H1; likelihood H2." in section
    assert "Warning: the posterior assumes the hypotheses mutually exclusive and exhaustive" in section
    assert "| H1 | Enlarges | **0 (#1)** | **0 (#1)** | 0.357 (#2)" in section
    data = json.loads(
        CliRunner().invoke(main, ["ach", str(path), "--profile", "ALL", "-f", "json", "-o", "-"]).output
    )
    assert data["profiles"]["likelihood"]["ranking"] == ["H2", "H1"]
    assert data["summary"]["profiles_agree"] is False
    assert [f.code for f in run_checks(analysis_of(DISAGREE)) if f.code == "A013"] == ["A013"]


def test_the_likelihood_posterior_is_given_as_a_range() -> None:
    # One row C / I: posterior H1 .75 / (.75 + .25) = .75. One step: H1 CC .95/1.2 = .79..., N .5/.75 = .67;
    # H2 N: .75/1.25 = .6, II: .75/.8 = .9375. So H1 ranges over [.6, .9375].
    text = HEAD + "  E1: {kind: evidence, text: x, source: S1}\nach:\n  ratings:\n    E1: {H1: C, H2: I}\n"
    result = result_of(text, Profile.LIKELIHOOD)
    low, high = result.posterior_range["H1"]
    assert result.scores["H1"] == pytest.approx(0.75)
    assert (low, high) == (pytest.approx(0.6), pytest.approx(0.9375))


# --------------------------------------------------------------------------- cell notes


def test_a_cell_may_carry_its_own_note(tmp_path: Path) -> None:
    text = ONE_CELL.replace("E1: {H1: C, H2: I}", "E1: {H1: C, H2: {rating: I, note: A stale remark.}}")
    result = result_of(text)
    assert result.matrix.cell_notes == {("E1", "H2"): "A stale remark."}
    assert result.scores == {"H1": 0.0, "H2": 1.0}
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    markdown = CliRunner().invoke(main, ["ach", str(path), "-f", "md", "-o", "-"]).output
    assert "| I† |" in markdown and "- **E1 on H2** A stale remark." in markdown


# --------------------------------------------------------------------------- weak attacks

WEAK = """\
map: {title: Weak}
statements:
  C1: {kind: claim, text: Economic enlargement goes ahead.}
  C2: {kind: claim, text: Larger members are cautious.}
conflicts:
  X1: {kind: rebut, attacker: C2, target: C1, strength: weak}
"""


def test_a_weak_rebut_leaves_its_target_in_but_lowers_its_strength() -> None:
    analysis = analysis_of(WEAK)
    assert analysis.labelling.labels["C1"] == Label.IN
    strong = analysis_of(WEAK.replace(", strength: weak", ""))
    assert strong.labelling.labels["C1"] == Label.OUT
    # DF-QuAD: base 0.5 (no source), attack 0.5 -> 0.5 - 0.5 * 0.5 = 0.25, as for a strong attack.
    assert analysis.strengths.values["C1"] == pytest.approx(0.25)
    from argmap.iccma import flattened

    assert flattened(analysis.graph).attacks == ()


def test_explain_names_a_weak_attack(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(WEAK, encoding="utf-8")
    assert app.explain(path, "C1") == (
        "C1 is IN: no attacker defeats it; weakly attacked by C2 (weaker than its target: does not defeat)"
    )
    assert app.explain(path, "X1") == (
        "X1 (C2 rebuts C1): it weakens C1 without defeating it (a weak attack), because C2 is IN: no attacker"
    )


def test_a_weak_undercut_is_refused() -> None:
    from argmap import MapError

    text = WEAK.replace("kind: rebut", "kind: undercut").replace("target: C1", "target: C1")
    with pytest.raises(MapError) as raised:
        load_map_text(text, "m.yaml")
    assert "an undercut always defeats" in raised.value.problems[0].message


# --------------------------------------------------------------------------- the smallest change, checked


@st.composite
def small_matrices(draw) -> Matrix:
    hypotheses = tuple(f"H{n}" for n in range(1, draw(st.integers(2, 3)) + 1))
    rows = tuple(f"E{n}" for n in range(1, draw(st.integers(1, 3)) + 1))
    ratings = {
        row: {
            h: draw(st.sampled_from([Rating.CC, Rating.C, Rating.N, Rating.I, Rating.II])) for h in hypotheses
        }
        for row in rows
    }
    levels = st.sampled_from(list(Level))
    return Matrix(
        hypotheses=hypotheses,
        rows=rows,
        ratings={"Ana": ratings},
        credibility={row: draw(levels) for row in rows},
        relevance={row: draw(levels) for row in rows},
        notes={},
        likelihoods={Rating.CC: 0.95, Rating.C: 0.75, Rating.N: 0.5, Rating.I: 0.25, Rating.II: 0.05},
        priors={h: 1 / len(hypotheses) for h in hypotheses},
    )


def _brute_force(matrix: Matrix, profile: Profile, limit: int) -> int | None:
    """Fewest one-step changes (the leader's cells down, the others' up) that unseat a sole leader.

    Breadth first over the matrices reachable in 1, 2, ... steps: each step moves one cell one
    step, and a step past the end of the scale is no step.
    """
    from dataclasses import replace

    leaders = top(matrix, profile)
    if len(leaders) != 1:
        return None
    leader = leaders[0]
    start = tuple(tuple(matrix.ratings["Ana"][row][h] for h in matrix.hypotheses) for row in matrix.rows)
    frontier, seen = {start}, {start}
    for steps in range(1, limit + 1):
        following = set()
        for state in frontier:
            for r, row in enumerate(state):
                for c, rating in enumerate(row):
                    direction = -1 if matrix.hypotheses[c] == leader else 1
                    moved = _moved([rating], direction)[0]
                    if moved == rating:
                        continue
                    changed = tuple(
                        tuple(moved if (i, j) == (r, c) else v for j, v in enumerate(cells))
                        for i, cells in enumerate(state)
                    )
                    if changed in seen:
                        continue
                    seen.add(changed)
                    ratings = {
                        "Ana": {
                            row_id: dict(zip(matrix.hypotheses, changed[i], strict=True))
                            for i, row_id in enumerate(matrix.rows)
                        }
                    }
                    if top(replace(matrix, ratings=ratings), profile) != (leader,):
                        return steps
                    following.add(changed)
        frontier = following
    return None


@settings(max_examples=60, deadline=None)
@given(small_matrices(), st.sampled_from([Profile.HEUER, Profile.PARC]))
def test_smallest_change_is_the_fewest_steps(matrix: Matrix, profile: Profile) -> None:
    limit = 3
    found = smallest_change(matrix, profile, limit)
    expected = _brute_force(matrix, profile, limit)
    assert (found.steps if found else None) == expected


def test_the_posterior_is_withheld_when_every_row_has_one_author(tmp_path: Path) -> None:
    # ONE_CELL's rows come from S1 (Ann Lee) and S2 (Bo Chen); with one author they are not
    # independent, and the likelihood profile prints ranks only.
    text = ONE_CELL.replace("author: Bo Chen", "author: Ann Lee")
    result = result_of(text, Profile.LIKELIHOOD)
    assert result.summary.posterior_withheld
    assert any(s.startswith("The posterior is withheld") for s in result.summary.sentences())
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    markdown = (
        CliRunner().invoke(main, ["ach", str(path), "--profile", "likelihood", "-f", "md", "-o", "-"]).output
    )
    assert "**withheld**" in markdown and "0." not in markdown.split("## Matrix")[1].split("\n")[3]
    assert not result_of(ONE_CELL, Profile.LIKELIHOOD).summary.posterior_withheld


def test_the_summary_says_where_the_inconsistencies_come_from() -> None:
    # BLOCKS: C1 (a source's judgment) I on H1; A1 and A2 (assumptions) II on H2: no evidence.
    assert result_of(BLOCKS).summary.inconsistency_sentence() == (
        "No reported evidence is rated inconsistent with any hypothesis: the I and II ratings are "
        "all in judgments (1 cell) and assumptions (2 cells)."
    )
    assert (
        result_of(ONE_CELL).summary.inconsistency_sentence()
        == "Inconsistent ratings: reported evidence (1 cell)."
    )


def test_a_withheld_posterior_keeps_its_margin_back_too() -> None:
    text = ONE_CELL.replace("author: Bo Chen", "author: Ann Lee")
    headline = result_of(text, Profile.LIKELIHOOD).summary.headline()
    assert headline == "H1 ranks first under likelihood; its margin is withheld with the posterior."
    assert "bits" not in " ".join(result_of(text, Profile.LIKELIHOOD).summary.sentences())


def test_evaluate_names_weak_attackers_in_the_reason() -> None:
    from argmap.evaluate import evaluate

    analysis = analysis_of(WEAK)
    assert str(analysis.labelling.reason("C1")) == (
        "no attacker defeats it; weakly attacked by C2 (weaker than its target: does not defeat)"
    )
    assert evaluate(analysis.graph).labels["C1"] == Label.IN


# ------------------------------------------------------------------ regressions from a fresh-clone test


def test_a_hypothesis_cannot_be_withdrawn_and_a_reason_must_say_something() -> None:
    from argmap import MapError

    withdrawn = HEAD.replace(
        "threshold: Nobody joins.}",
        "threshold: Nobody joins., status: retracted, status_reason: x, status_date: 2025-01-01}",
    )
    with pytest.raises(MapError, match="a hypothesis cannot be withdrawn"):
        load_map_text(withdrawn, "m.yaml")
    with pytest.raises(MapError, match="status_reason: the text is empty"):
        load_map_text(WITHDRAWN.replace("The wire corrected the report.", "'  '"), "m.yaml")


def test_a_withdrawn_row_is_out_with_its_reason_and_asks_for_no_ratings() -> None:
    analysis = analysis_of(WITHDRAWN.replace("    E2: {H1: C, H2: II}\n", ""))
    assert str(analysis.labelling.reason("E2")) == (
        "withdrawn (retracted on 2025-02-01: The wire corrected the report.)"
    )
    assert not [f for f in run_checks(analysis) if f.code == "A003" and "E2" in f.ids]


def test_json_and_csv_keep_what_the_other_formats_show(tmp_path: Path) -> None:
    one_author = ONE_CELL.replace("author: Bo Chen", "author: Ann Lee")
    path = tmp_path / "m.yaml"
    path.write_text(one_author, encoding="utf-8")
    data = json.loads(
        CliRunner().invoke(main, ["ach", str(path), "--profile", "all", "-f", "json", "-o", "-"]).output
    )
    assert data["profiles"]["likelihood"]["scores"] is None  # withheld in JSON too
    likelihood = json.loads(
        CliRunner()
        .invoke(main, ["ach", str(path), "--profile", "likelihood", "-f", "json", "-o", "-"])
        .output
    )
    assert [h["score"] for h in likelihood["hypotheses"]] == [None, None]
    noted = WITHDRAWN.replace("E1: {H1: C, H2: I}", "E1: {H1: C, H2: {rating: I, note: Arguable.}}")
    path.write_text(noted, encoding="utf-8")
    csv_text = CliRunner().invoke(main, ["ach", str(path), "--profile", "all", "-f", "csv", "-o", "-"]).output
    rows = {row.split(",")[0]: row for row in csv_text.splitlines()}
    assert "I†" in rows["E1"] and "not scored" in rows["E2"]
    assert csv_text.count("\r\n\r\n") == 0  # one table: the matrix, loadable as one CSV


def test_ach_refuses_a_map_whose_exclusive_hypotheses_both_stand(tmp_path: Path) -> None:
    text = HEAD.replace(
        "threshold: A new member joins.}",
        "threshold: A new member joins.}\n"
        "  A1: {kind: assumption, text: a, supports: H1}\n"
        "  A2: {kind: assumption, text: b, supports: H2}",
    ) + ("ach:\n  exclusive: true\n  ratings:\n    A1: {H1: C, H2: I}\n    A2: {H1: I, H2: C}\n")
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["ach", str(path)])
    assert result.exit_code == 2 and "H004" in result.output


def test_a_misspelt_note_in_a_rating_row_is_named() -> None:
    from argmap import MapError

    with pytest.raises(MapError, match="unknown key 'notes'; did you mean 'note'"):
        load_map_text(ONE_CELL.replace("E2: {H1: C, H2: C}", "E2: {H1: C, H2: C, notes: x}"), "m.yaml")


def test_unrated_rows_say_so_and_dropped_columns_are_named() -> None:
    import io

    from rich.console import Console

    from argmap.report.ach import to_terminal

    analysis = analysis_of(ONE_CELL.replace("    E2: {H1: C, H2: C}\n", ""))
    result = analysis.ach()
    console = Console(record=True, width=100, file=io.StringIO())
    to_terminal(result, analysis.graph, console)
    text = console.export_text()
    assert "left out at this width: Eff., Note" in text
    assert "not rated" in text.split("E2")[1].splitlines()[0]


def test_a_withheld_margin_is_withheld_in_json_too(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(ONE_CELL.replace("author: Bo Chen", "author: Ann Lee"), encoding="utf-8")
    result = CliRunner().invoke(main, ["ach", str(path), "--profile", "likelihood", "-f", "json", "-o", "-"])
    assert json.loads(result.output)["summary"]["margin"] is None


def test_blank_thresholds_and_cell_notes_are_refused() -> None:
    from argmap import MapError

    with pytest.raises(MapError, match="threshold: the text is empty"):
        load_map_text(HEAD.replace("threshold: Nobody joins.", "threshold: '  '"), "m.yaml")
    with pytest.raises(MapError, match="note: the text is empty"):
        load_map_text(ONE_CELL.replace("H2: I}", "H2: {rating: I, note: '   '}}"), "m.yaml")


def test_a_matrix_with_nothing_scored_says_so() -> None:
    text = HEAD + "  E1: {kind: evidence, text: x, source: S1}\nach:\n  ratings:\n    E1: {H1: NA, H2: NA}\n"
    assert (
        "No row carries a rating that counts: the matrix ranks nothing."
        in result_of(text).summary.sentences()
    )


@settings(max_examples=80, deadline=None)
@given(small_matrices(), st.sampled_from(list(Profile)), st.integers(min_value=1, max_value=4))
def test_skipping_challengers_out_of_reach_changes_no_answer(
    matrix: Matrix, profile: Profile, limit: int
) -> None:
    """The bound that skips far challengers is safe: the search without it finds the same change."""
    from unittest import mock

    found = smallest_change(matrix, profile, limit)
    with mock.patch("argmap.ach._largest_step_gain", return_value=math.inf):
        unbounded = smallest_change(matrix, profile, limit)
    assert found == unbounded
