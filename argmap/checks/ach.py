"""ACH rules (A…): the competing-hypotheses matrix is complete and consistent with the map."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.ach import disagreements, favoured_hypotheses, rated_alike
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
    summary="The ACH section names an evidence item or hypothesis the map does not have.",
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
    summary="An evidence item is not rated against every hypothesis.",
    rationale=(
        "A blank cell counts as no information, so a hypothesis with blanks can look less "
        "inconsistent than it is. Rate every item against every hypothesis; use NA where "
        "an item does not apply."
    ),
)
def ach_unrated_cell(analysis: Analysis) -> Iterator[Hit]:
    """One finding per evidence row with blanks (for the first analyst: the map's own ratings)."""
    matrix = analysis.matrix
    if matrix is None or not matrix.hypotheses:
        return
    name, rows = next(iter(matrix.ratings.items()))
    whose = f"{name}: " if len(matrix.ratings) > 1 else ""
    for row in matrix.rows:
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
    summary="An evidence item is rated alike for every hypothesis it is rated against.",
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
