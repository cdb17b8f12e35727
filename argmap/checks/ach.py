"""ACH rules (A…): the competing-hypotheses matrix is complete and consistent with the map."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.ach import RowType, disagreements, favoured_hypotheses, rated_alike, rated_beyond_na
from argmap.analysis import Analysis
from argmap.checks.registry import Hit, Severity, rule
from argmap.model import StatementKind


def _rated(analysis: Analysis) -> Iterator[tuple[tuple[str, ...], str, dict[str, object]]]:
    """(path of the ratings, row id, cells) for every rated row of every analyst."""
    ach = analysis.graph.ach
    if ach is None:
        return
    for row_id, row in ach.ratings.items():
        yield ("ach", "ratings"), row_id, row.cells
    for name, rows in ach.analysts.items():
        for row_id, row in rows.items():
            yield ("ach", "analysts", name), row_id, row.cells


@rule(
    code="A001",
    name="ach-unknown-id",
    severity=Severity.ERROR,
    summary="The ACH section names a row or hypothesis the map does not have.",
    rationale=(
        "Ratings, priors and the matrix rest on the map's own statements: one source of "
        "truth. A rating of an id that does not exist is lost from the matrix (usually a "
        "typo or a statement renamed), and the scores silently leave it out."
    ),
)
def ach_unknown_id(analysis: Analysis) -> Iterator[Hit]:
    """Rated rows, rated hypotheses and priors whose id is not a statement."""
    statements = analysis.graph.statements
    for path, row_id, cells in _rated(analysis):
        if row_id not in statements:
            yield Hit((*path, row_id), f"rated item '{row_id}' is not a statement of this map", (row_id,))
        for hypothesis in cells:
            if hypothesis not in statements:
                message = f"'{hypothesis}' is not a statement of this map"
                yield Hit((*path, row_id, hypothesis), message, (hypothesis,), key=True)
    ach = analysis.graph.ach
    for hypothesis in ach.priors if ach else {}:
        if hypothesis not in statements:
            message = f"prior for '{hypothesis}', which is not a statement"
            yield Hit(("ach", "priors", hypothesis), message, (hypothesis,), key=True)


@rule(
    code="A002",
    name="ach-wrong-kind",
    severity=Severity.ERROR,
    summary="A hypothesis is rated as a row, or a rated column is not a hypothesis.",
    rationale=(
        "ACH rates evidence, the sources' judgments and assumptions against hypotheses. "
        "Rating a hypothesis against the others, or rating a row against a claim, mixes the "
        "answers into the data and makes the scores meaningless."
    ),
)
def ach_wrong_kind(analysis: Analysis) -> Iterator[Hit]:
    """Rows that are hypotheses; columns and priors that are not hypotheses."""
    statements = analysis.graph.statements
    for path, row_id, cells in _rated(analysis):
        row = statements.get(row_id)
        if row is not None and row.kind == StatementKind.HYPOTHESIS:
            yield Hit((*path, row_id), f"'{row_id}' is a hypothesis: a column, not a row", (row_id,))
        for hypothesis in cells:
            column = statements.get(hypothesis)
            if column is not None and column.kind != StatementKind.HYPOTHESIS:
                message = f"'{hypothesis}' is a {column.kind}, not a hypothesis"
                yield Hit((*path, row_id, hypothesis), message, (hypothesis,), key=True)
    ach = analysis.graph.ach
    for hypothesis in ach.priors if ach else {}:
        column = statements.get(hypothesis)
        if column is not None and column.kind != StatementKind.HYPOTHESIS:
            message = f"prior for '{hypothesis}', which is not a hypothesis"
            yield Hit(("ach", "priors", hypothesis), message, (hypothesis,), key=True)


@rule(
    code="A003",
    name="ach-unrated-cell",
    severity=Severity.WARNING,
    summary="A scored row (evidence, judgment, assumption) is not rated against every hypothesis.",
    rationale=(
        "A blank cell counts as no information, so a hypothesis with blanks can look less "
        "inconsistent than it is. Rate every item against every hypothesis; use NA where "
        "an item does not apply."
    ),
)
def ach_unrated_cell(analysis: Analysis) -> Iterator[Hit]:
    """One finding per scored row with blanks (for the first analyst: the map's own ratings)."""
    matrix = analysis.matrix
    if matrix is None or not matrix.hypotheses:
        return
    name, rows = next(iter(matrix.ratings.items()))
    whose = f"{name}: " if len(matrix.ratings) > 1 else ""
    for row in matrix.scored:
        missing = [h for h in matrix.hypotheses if h not in rows.get(row, {})]
        if missing:
            where = ("ach", "ratings", row) if row in rows else ("statements", row)
            yield Hit(where, f"{whose}'{row}' is not rated against {', '.join(missing)}", (row, *missing))


@rule(
    code="A004",
    name="ach-too-few-hypotheses",
    severity=Severity.ERROR,
    summary="The map has an ACH section but fewer than two hypotheses.",
    rationale=(
        "ACH compares hypotheses; with one there is nothing to compare and every score "
        "is trivially first. State the alternatives, including a deception hypothesis "
        "where an adversary could be shaping the evidence."
    ),
)
def ach_too_few_hypotheses(analysis: Analysis) -> Iterator[Hit]:
    """An ``ach`` section with fewer than two hypotheses."""
    matrix = analysis.matrix
    if matrix is not None and len(matrix.hypotheses) < 2:
        message = f"ACH needs two hypotheses or more; the map has {len(matrix.hypotheses)}"
        yield Hit(("ach",), message, matrix.hypotheses)


@rule(
    code="A005",
    name="ach-non-diagnostic",
    severity=Severity.INFO,
    summary="A row is rated alike for every hypothesis it is rated against.",
    rationale=(
        "Evidence consistent (or inconsistent) with every hypothesis cannot help choose "
        "between them (Heuer): it has no diagnostic value, however strong it feels. Keep "
        "it for the record, but do not count it as support for the favoured answer."
    ),
)
def ach_non_diagnostic(analysis: Analysis) -> Iterator[Hit]:
    """Rated rows with diagnosticity 0."""
    matrix = analysis.matrix
    if matrix is None:
        return
    for row in matrix.rows:
        if rated_alike(matrix, row):
            yield Hit(
                ("ach", "ratings", row),
                f"'{row}' is rated alike for every hypothesis: not diagnostic",
                (row,),
            )


@rule(
    code="A006",
    name="ach-key-judgment-disagrees",
    severity=Severity.WARNING,
    summary="A key judgment favours (supports, or is) a hypothesis that ACH ranks below another.",
    rationale=(
        "When the map's bottom line supports a hypothesis that the evidence, rated "
        "hypothesis by hypothesis, makes less likely than another, either the ratings or "
        "the judgment need another look. This is the check ACH exists for."
    ),
)
def ach_key_judgment_disagrees(analysis: Analysis) -> Iterator[Hit]:
    """Favoured hypotheses not at the top of the map's own profile's ranking."""
    graph = analysis.graph
    result = analysis.ach()
    if result is None or len(result.matrix.hypotheses) < 2:
        return
    order = result.ranking
    for hypothesis in favoured_hypotheses(graph):
        place = order.index(hypothesis)
        if place > 0:
            yield Hit(
                ("statements", hypothesis),
                f"the key judgments favour '{hypothesis}', but ACH ({result.profile}) ranks it "
                f"{place + 1} of {len(order)}, below '{order[0]}'",
                (hypothesis, order[0]),
            )


@rule(
    code="A007",
    name="ach-analysts-disagree",
    severity=Severity.WARNING,
    summary="Analysts' ratings of one cell are two steps or more apart.",
    rationale=(
        "Merged scores average the analysts, which hides a real disagreement: one calls "
        "an item consistent, another inconsistent. Such cells are where the team should "
        "talk before the matrix is briefed."
    ),
)
def ach_analysts_disagree(analysis: Analysis) -> Iterator[Hit]:
    """Cells whose ratings differ by two steps or more."""
    matrix = analysis.matrix
    if matrix is None:
        return
    for found in disagreements(matrix):
        shown = ", ".join(f"{name} {rating}" for name, rating in found.ratings.items())
        yield Hit(
            ("ach", "ratings", found.row, found.hypothesis),
            f"'{found.row}' on '{found.hypothesis}': analysts disagree ({shown})",
            (found.row, found.hypothesis),
        )


@rule(
    code="A008",
    name="ach-row-not-scored",
    severity=Severity.WARNING,
    summary="A rated row is defeated in the map's evaluation or withdrawn, so it is not scored.",
    rationale=(
        "A row the map's own argument defeats (OUT), or that is marked retracted or "
        "discredited, cannot count for or against a hypothesis. argmap keeps it in the matrix "
        "with its ratings, for the record, but leaves it out of every score; this says so, so "
        "that nobody reads the ratings as counted. Answer the objection, or drop the row."
    ),
)
def ach_row_not_scored(analysis: Analysis) -> Iterator[Hit]:
    """Rated rows the matrix does not score (:attr:`argmap.ach.Matrix.excluded`)."""
    matrix = analysis.matrix
    if matrix is None:
        return
    for row, why in matrix.excluded.items():
        if matrix.is_rated(row):
            yield Hit(("statements", row), f"'{row}' is rated but not scored: {why}", (row,))


@rule(
    code="A009",
    name="ach-row-undecided",
    severity=Severity.WARNING,
    summary="A scored row is UNDEC in the map's evaluation.",
    rationale=(
        "An open question in the argument (a cycle of attacks) leaves the row neither standing "
        "nor fallen. It is scored, because nothing defeats it, but the matrix then rests on "
        "something the map has not settled: settle the conflict or say so in the row's note."
    ),
)
def ach_row_undecided(analysis: Analysis) -> Iterator[Hit]:
    """Scored, rated rows labelled UNDEC."""
    matrix = analysis.matrix
    if matrix is None:
        return
    for row in matrix.scored:
        if row in matrix.undecided and matrix.is_rated(row):
            reason = analysis.labelling.reason(row)
            yield Hit(("statements", row), f"'{row}' is scored but UNDEC: {reason}", (row,))


@rule(
    code="A010",
    name="ach-analyst-judgment-row",
    severity=Severity.WARNING,
    summary="A claim with no source is rated as an ACH row: the map's own judgment scored as evidence.",
    rationale=(
        "A source's judgment is evidence of what the source thinks; the analyst's own claim is "
        "a conclusion, and scoring it against the hypotheses counts the analyst's view as data. "
        "Rate the evidence the claim rests on instead, or give the claim its source."
    ),
)
def ach_analyst_judgment_row(analysis: Analysis) -> Iterator[Hit]:
    """Rated rows of type analyst judgment."""
    matrix = analysis.matrix
    if matrix is None:
        return
    for row in matrix.rows:
        if matrix.type_of(row) == RowType.ANALYST_JUDGMENT and matrix.is_rated(row):
            yield Hit(("statements", row), f"'{row}' is a claim with no source, rated as a row", (row,))


@rule(
    code="A011",
    name="ach-assumptions-decide",
    severity=Severity.WARNING,
    summary="The assumption rows change what comes first: the evidence alone ranks another hypothesis top.",
    rationale=(
        "Assumptions are the analyst's premises, not the sources' evidence. When leaving the "
        "assumption rows out changes the top of the ranking, the matrix says what the analyst "
        "assumed rather than what the evidence shows; brief both rankings, or test the "
        "assumptions (Key Assumptions Check) before relying on them."
    ),
)
def ach_assumptions_decide(analysis: Analysis) -> Iterator[Hit]:
    """A matrix with both blocks whose top differs without the assumptions."""
    result = analysis.ach()
    if result is None or not result.matrix.evidence_rows or not result.matrix.assumption_rows:
        return
    summary = result.summary
    if summary.without_assumptions is not None and summary.without_assumptions != summary.leaders:
        with_them, without = " = ".join(summary.leaders), " = ".join(summary.without_assumptions)
        yield Hit(
            ("ach",),
            f"with the assumption rows {with_them} comes first, without them {without} ({result.profile})",
            (*summary.leaders, *summary.without_assumptions),
            key=True,
        )


@rule(
    code="A012",
    name="ach-fragile-lead",
    severity=Severity.WARNING,
    summary="One rating moved one step ties or changes the top of the ACH ranking.",
    rationale=(
        "A lead of one cell is not a finding: a single rating that another analyst could "
        "reasonably give differently decides it. Every output of argmap calls such a lead "
        "tentative; brief it as a tie unless new evidence widens the margin."
    ),
)
def ach_fragile_lead(analysis: Analysis) -> Iterator[Hit]:
    """A sole leader that some single one-step flip unseats."""
    result = analysis.ach()
    if result is None or len(result.matrix.hypotheses) < 2:
        return
    summary = result.summary
    if len(summary.leaders) == 1 and summary.single_flips:
        first = summary.single_flips[0]
        yield Hit(
            ("ach",),
            f"'{summary.leaders[0]}' leads by one step ({result.profile}): {first.describe()}",
            (summary.leaders[0], first.row),
            key=True,
        )


@rule(
    code="A013",
    name="ach-profiles-disagree",
    severity=Severity.WARNING,
    summary="The heuer, parc and likelihood profiles put different hypotheses first (not only a tie broken).",
    rationale=(
        "When counting inconsistency, weighting it by credibility and relevance, and reading "
        "ratings as likelihoods give different leaders, the ranking depends on the scoring "
        "method rather than the evidence. Show the profiles side by side (--profile all) and "
        "say which the judgment rests on, and why."
    ),
)
def ach_profiles_disagree(analysis: Analysis) -> Iterator[Hit]:
    """A matrix whose profiles' top groups differ."""
    result = analysis.ach()
    if result is None or len(result.matrix.hypotheses) < 2 or not result.matrix.scored:
        return
    summary = result.summary
    if not summary.profiles_agree:
        shown = "; ".join(f"{p} {' = '.join(group)}" for p, group in summary.profile_tops.items())
        yield Hit(("ach",), f"the profiles put different hypotheses first: {shown}", (), key=True)


@rule(
    code="A014",
    name="ach-one-originator",
    severity=Severity.WARNING,
    summary="Every sourced row of the matrix comes from one originator.",
    rationale=(
        "However many rows a matrix has, if they all come from one author the scores "
        "measure that author's view: the rows are not independent (Heuer), and a likelihood "
        "posterior computed as if they were is far too sure. Find independent sources, or say "
        "that the matrix tests one source's argument."
    ),
)
def ach_one_originator(analysis: Analysis) -> Iterator[Hit]:
    """Two or more scored sourced rows, one originator."""
    result = analysis.ach()
    if result is None:
        return
    matrix = result.matrix
    sourced = [row for row in matrix.evidence_rows if row in matrix.sources and rated_beyond_na(matrix, row)]
    originators = {matrix.originators.get(s, s) for row in sourced for s in matrix.sources[row]}
    if len(sourced) >= 2 and len(originators) == 1:
        sources = sorted({s for row in sourced for s in matrix.sources[row]})
        yield Hit(
            ("ach",),
            f"all {len(sourced)} sourced rows come from one originator ({', '.join(sources)})",
            tuple(sources),
            key=True,
        )
