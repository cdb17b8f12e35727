r"""ACH reports: the matrix of an :class:`~argmap.ach.AchResult` as a report, in every format.

:func:`ach_report` builds one :class:`~argmap.report.model.Report` of the
result; ``to_markdown``, ``to_csv``, ``to_html``, ``to_xlsx`` and
``to_terminal`` render it with the generic renderers of
:mod:`argmap.report`, and :func:`to_json` gives the same content as data.
The report shows:

* hypotheses as columns in ranking order (most likely first; tied
  hypotheses share a rank);
* evidence and assumption rows in diagnosticity order (most diagnostic
  first), each with its credibility, relevance, diagnosticity (in the
  profile's unit, :data:`~argmap.ach.DIAGNOSTICITY_UNIT`) and note;
* each cell in the merged view: the rating if every analyst who rated the
  cell gave the same one, else every analyst's rating joined with ``/`` in
  analyst order (:data:`NOT_RATED` for an analyst who left it blank); blank
  when nobody rated it;
* a score row, the ties, the linchpins (rows on which the top rank hangs,
  with each change that moves it), the cells on which analysts disagree, and
  a legend of the ratings.

Colours come from one table, :data:`RATING_COLOURS` (with
:data:`RATING_TEXT_COLOURS` for the text on them), shared by the HTML,
Excel and terminal outputs. A cell on which analysts differ is coloured by
the mean of their ratings (NA left out, halves rounded towards N).

The map is read only for ``graph.statements[id].text`` and ``.kind`` and
``graph.map.title`` and ``.question`` (:class:`MapLike`). User text is made
visible by the report model (:func:`argmap.text.visible`) and escaped by
each renderer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from argmap.ach import (
    DIAGNOSTICITY_MEANING,
    DIAGNOSTICITY_UNIT,
    INCONSISTENCY,
    LIKELIHOODS,
    SCALE,
    AchResult,
    Change,
)
from argmap.model import Profile, Rating, span_text
from argmap.report import csv, html, markdown, terminal, xlsx
from argmap.report.model import Cell, Column, Field, Item, Part, Report, Section, Style, Table
from argmap.text import visible

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "DIFFER_MARKER",
    "NOT_RATED",
    "PALETTE",
    "PROFILE_EXPLANATION",
    "RATING_COLOURS",
    "RATING_NAMES",
    "RATING_TEXT_COLOURS",
    "SCORE_MEANING",
    "MapLike",
    "ach_report",
    "to_csv",
    "to_html",
    "to_json",
    "to_markdown",
    "to_terminal",
    "to_xlsx",
]

RATING_COLOURS: dict[Rating | None, str] = {
    Rating.CC: "#1B7837",
    Rating.C: "#A6DBA0",
    Rating.N: "#E4E6EA",
    Rating.I: "#F4A582",
    Rating.II: "#B2182B",
    Rating.NA: "#FFFFFF",
    None: "#FFFFFF",
}
"""Background colour of a cell per rating (None: not rated), as ``#RRGGBB``."""

RATING_TEXT_COLOURS: dict[Rating | None, str] = {
    Rating.CC: "#FFFFFF",
    Rating.C: "#1F2328",
    Rating.N: "#1F2328",
    Rating.I: "#1F2328",
    Rating.II: "#FFFFFF",
    Rating.NA: "#8C959F",
    None: "#1F2328",
}
"""Text colour on each background of :data:`RATING_COLOURS`."""

RATING_NAMES: dict[Rating, str] = {
    Rating.CC: "very consistent",
    Rating.C: "consistent",
    Rating.N: "neutral",
    Rating.I: "inconsistent",
    Rating.II: "very inconsistent",
    Rating.NA: "not applicable",
}
"""What each rating code means."""

SCORE_MEANING: dict[Profile, str] = {
    Profile.HEUER: "inconsistency — lower is more likely",
    Profile.PARC: "inconsistency — lower is more likely",
    Profile.LIKELIHOOD: "posterior probability — higher is more likely",
}
"""What the score of a hypothesis means under each profile."""

PROFILE_EXPLANATION: dict[Profile, str] = {
    Profile.HEUER: (
        "Heuer (1999): each I counts 1 and each II counts 2; consistent evidence is not added up, "
        "because evidence consistent with one hypothesis is usually consistent with others too."
    ),
    Profile.PARC: (
        "PARC ACH 2.0: each I counts 1 and each II counts 2, weighted by the item's credibility and "
        "its relevance (low ×0.71, medium ×1, high ×1.41)."
    ),
    Profile.LIKELIHOOD: (
        "Ratings read as likelihoods P(e|h), multiplied with the priors (uniform unless given) and "
        "normalised: a posterior over the hypotheses, assuming they are exhaustive and exclusive and "
        "the items independent given a hypothesis. NA and blank cells count as N."
    ),
}
"""How each profile turns ratings into scores."""

DIFFER_MARKER = "≠"
"""Shown in HTML and terminal cells on which analysts gave different ratings."""

NOT_RATED = "–"
"""Stands for an analyst's blank in a cell whose ratings differ (``C/–/I``)."""


def _style(rating: Rating | None) -> str:
    """Palette name of a rating's colours (also its CSS class): ``r-II``, ``r-none``."""
    return f"r-{rating.value}" if rating else "r-none"


PALETTE = tuple(
    Style(_style(r), RATING_COLOURS[r], RATING_TEXT_COLOURS[r], bold=True) for r in [*RATING_NAMES, None]
)
"""The report's palette: one style per rating and one for a cell not rated."""


class MapLike(Protocol):
    """What the ACH report reads of a map (an :class:`~argmap.model.ArgumentMap` or alike).

    ``statements`` maps ids to objects with ``text`` and ``kind``; ``map`` has
    ``title`` and ``question``.
    """

    @property
    def statements(self) -> Mapping[str, Any]:
        """Statements by id."""
        ...

    @property
    def map(self) -> Any:
        """The map's header, with ``title`` and ``question``."""
        ...

    @property
    def information_cutoff(self) -> str | None:
        """The latest date the map's information reflects, if known."""
        ...


# --------------------------------------------------------------------------- the matrix's cells


@dataclass(frozen=True)
class _Cell:
    ratings: tuple[Rating | None, ...]
    """Each analyst's rating, in analyst order (None: left blank)."""
    text: str
    """Merged view: ``C``, ``C/I``, ``C/–/I`` or ``""``."""
    colour: Rating | None
    """Key into :data:`RATING_COLOURS`."""
    differ: bool
    """Analysts who rated the cell gave different ratings."""


def _analysts(result: AchResult) -> tuple[str, ...]:
    """Analysts whose ratings are shown: those who rated anything (all if nobody did)."""
    ratings = result.matrix.ratings
    return tuple(name for name, rows in ratings.items() if any(rows.values())) or tuple(ratings)


def _merged_colour(rated: list[Rating]) -> Rating | None:
    """Colour key of a cell from the ratings given (NA left out of the mean, halves towards N)."""
    if not rated:
        return None
    if len(set(rated)) == 1:
        return rated[0]
    positions = [SCALE[r] for r in rated if r in SCALE]
    if not positions:
        return Rating.NA
    mean = sum(positions) / len(positions)
    position = int(math.copysign(math.ceil(abs(mean) - 0.5), mean))
    return next(r for r, p in SCALE.items() if p == position)


def _cell(result: AchResult, analysts: tuple[str, ...], row: str, hypothesis: str) -> _Cell:
    ratings = tuple(result.matrix.ratings[name].get(row, {}).get(hypothesis) for name in analysts)
    rated = [r for r in ratings if r is not None]
    differ = len(set(rated)) > 1
    if not rated:
        text = ""
    elif not differ:
        text = rated[0].value
    else:
        text = "/".join(r.value if r is not None else NOT_RATED for r in ratings)
    return _Cell(ratings, text, _merged_colour(rated), differ)


def _ranks(result: AchResult) -> dict[str, int]:
    """Competition ranks (1, 1, 3): tied hypotheses share the rank of the first of them."""
    ranks: dict[str, int] = {}
    for position, hypothesis in enumerate(result.ranking, start=1):
        group = next((g for g in result.ties if hypothesis in g), ())
        first = next((h for h in group if h in ranks), None)
        ranks[hypothesis] = ranks[first] if first else position
    return ranks


def _score_text(result: AchResult, hypothesis: str) -> str:
    value = result.scores[hypothesis]
    if result.profile == Profile.LIKELIHOOD:
        if value == 0:
            return "0"
        return f"{value:.1e}" if value < 0.001 else f"{value:.3f}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text(graph: MapLike, sid: str) -> str:
    statement = graph.statements.get(sid)
    return visible(statement.text, multiline=True) if statement else ""


def _explanation(result: AchResult, team: bool) -> str:
    text = PROFILE_EXPLANATION[result.profile]
    if team:
        text += " Each cell counts the mean over the analysts who rated it."
    if result.profile == Profile.LIKELIHOOD:
        table = ", ".join(f"{r} {p:g}" for r, p in result.matrix.likelihoods.items())
        priors = ", ".join(f"{h} {p:.3g}" for h, p in result.matrix.priors.items())
        text += f" P(e|h) used: {table} (NA and blanks as N). Priors used: {priors}."
    return text


def _rating_effect(result: AchResult, rating: Rating) -> str:
    """What a rating counts under the result's profile, for legends."""
    if result.profile == Profile.LIKELIHOOD:
        if rating == Rating.NA:
            return "counts as N"
        value = result.matrix.likelihoods.get(rating, LIKELIHOODS[rating])
        return f"P(e|h) = {value:g}"
    if rating == Rating.NA:
        return "left out"
    count = INCONSISTENCY.get(rating, 0)
    weighted = " × credibility and relevance weights" if count and result.profile == Profile.PARC else ""
    return f"counts {count}{weighted}"


def _tie_text(result: AchResult, group: tuple[str, ...]) -> str:
    return f"{' = '.join(group)} (score {_score_text(result, group[0])})"


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class _Shown:
    """Who and what a report of ``result`` shows, computed once."""

    result: AchResult
    analysts: tuple[str, ...]
    """Analysts whose ratings are shown (:func:`_analysts`), as the matrix names them."""
    names: tuple[str, ...]
    """The same names made visible, for display."""
    ranks: dict[str, int]
    scores: dict[str, str]
    """Score of each hypothesis as text."""

    @property
    def team(self) -> bool:
        return len(self.analysts) > 1

    @classmethod
    def of(cls, result: AchResult) -> _Shown:
        analysts = _analysts(result)
        return cls(
            result,
            analysts,
            tuple(visible(name, multiline=True) for name in analysts),
            _ranks(result),
            {h: _score_text(result, h) for h in result.ranking},
        )


def ach_report(result: AchResult, graph: MapLike) -> Report:
    """The ACH matrix and its commentary as a report (see the module doc).

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from (:class:`MapLike`), for statement
            texts and kinds, title and question.

    Returns:
        A report: fields Question (if any), Profile, Score and Analysts (if
        several); sections Hypotheses, Matrix (the table), Ties (optional),
        Linchpins, Disagreements (if several analysts) and Legend.
    """
    shown = _Shown.of(result)
    profile, ranks, scores = result.profile, shown.ranks, shown.scores
    meaning = SCORE_MEANING[profile]
    question = visible(graph.map.question, multiline=True)
    fields = [Field("Question", question)] if question else []
    if getattr(graph.map, "caveat", None):
        fields.append(Field("Caveat", visible(graph.map.caveat, multiline=True)))
    if graph.information_cutoff is not None:
        fields.append(Field("Information cutoff", span_text(graph.information_cutoff)))
    fields += [
        Field("Profile", _explanation(result, shown.team), tag=profile.value),
        Field("Score", f"{meaning}."),
    ]
    if shown.team:
        fields.append(Field("Analysts", ", ".join(shown.names)))
    changes = [*result.sensitivity.left_out, *result.sensitivity.flips]
    sections = [
        Section(
            "Hypotheses, most likely first",
            items=tuple(
                Item(f"(rank {ranks[h]}, score {scores[h]}): {_text(graph, h)}", lead=h)
                for h in result.ranking
            ),
            empty="",
        ),
        Section(
            "Matrix",
            table=_matrix(shown, graph),
            caption=(
                "Hypotheses from most to least likely, left to right; evidence from most to least "
                f"diagnostic, top to bottom (diagnosticity: {DIAGNOSTICITY_MEANING[profile]}, "
                f"in {DIAGNOSTICITY_UNIT[profile]}). Score: {meaning}."
            ),
        ),
        Section(
            "Ties",
            items=tuple(Item(_tie_text(result, group), key=" = ".join(group)) for group in result.ties),
            empty="None: no two hypotheses share a score.",
            optional=True,
        ),
        Section(
            "Linchpins",
            items=tuple(
                Item(
                    _text(graph, row),
                    lead=row,
                    shorten=True,
                    sub=tuple(change.describe() for change in changes if change.row == row),
                )
                for row in result.sensitivity.linchpins
            ),
            caption=(
                "Rows on which the top of the ranking hangs: leaving the row out, or moving one of its "
                "ratings one step, changes it."
            ),
            empty="None: no single row left out or rating moved one step changes the top of the ranking.",
        ),
    ]
    if shown.team:
        disagreements = (
            Item(
                f"{d.row} on {d.hypothesis}: "
                + ", ".join(f"{visible(name, multiline=True)} {r.value}" for name, r in d.ratings.items()),
                key=f"{d.row} on {d.hypothesis}",
            )
            for d in result.disagreements
        )
        sections.append(
            Section(
                "Disagreements",
                items=tuple(disagreements),
                empty="None: no cell's ratings lie two steps or more apart.",
            )
        )
    sections.append(_legend(shown))
    title = f"ACH: {visible(graph.map.title, multiline=True)}"
    return Report(title, tuple(fields), tuple(sections), PALETTE)


def _matrix(shown: _Shown, graph: MapLike) -> Table:
    """The matrix: hypotheses as columns in ranking order, rows by diagnosticity, a score row."""
    result, ranks = shown.result, shown.ranks
    matrix, profile = result.matrix, result.profile
    columns = (
        Column("id", "ID", width=10),
        Column("text", "Evidence", width=50, shorten=True),
        Column("credibility", "Credibility", short_title="Cr.", width=12),
        Column("relevance", "Relevance", short_title="Rel.", width=11),
        Column(
            "diagnosticity",
            f"Diagnosticity ({DIAGNOSTICITY_UNIT[profile]})",
            short_title="Diag.",
            align="right",
            width=13,
            number_format="0.00",
            css_class="diag",
        ),
        *(
            Column(
                h,
                h,
                subtitle=f"rank {ranks[h]}",
                description=_text(graph, h),
                short_title=f"{h}\n#{ranks[h]}",
                align="center",
                width=16,
                number_format="0.000" if profile == Profile.LIKELIHOOD else "0.00",
                css_class="score",
            )
            for h in result.ranking
        ),
        Column("note", "Note", width=40, shorten=True, optional=True),
    )
    disputed = {(d.row, d.hypothesis) for d in result.disagreements}
    top = max(result.diagnosticity.values(), default=0.0)

    def rating(row: str, hypothesis: str) -> Cell:
        cell = _cell(result, shown.analysts, row, hypothesis)
        codes = [r.value if r else NOT_RATED for r in cell.ratings]
        by_analyst = list(zip(shown.names, codes, cell.ratings, strict=True))
        return Cell(
            cell.text,
            style=_style(cell.colour),
            tooltip="; ".join(f"{name}: {code}" for name, code, _ in by_analyst) if shown.team else "",
            parts=tuple(Part(code, _style(r), name) for name, code, r in by_analyst) if cell.differ else (),
            marker=DIFFER_MARKER if cell.differ else "",
            flags=("disputed",) if (row, hypothesis) in disputed else (),
        )

    def body(row: str) -> tuple[Cell, ...]:
        statement = graph.statements.get(row)
        diagnosticity = result.diagnosticity[row]
        credibility, relevance = matrix.credibility[row].value, matrix.relevance[row].value
        return (
            Cell(row, kind=str(statement.kind) if statement else ""),
            Cell(_text(graph, row)),
            Cell(credibility, short=credibility[:1].upper()),
            Cell(relevance, short=relevance[:1].upper()),
            Cell(
                f"{diagnosticity:.2f}",
                number=round(diagnosticity, 6),
                bar=diagnosticity / top if top > 0 else 0.0,
            ),
            *(rating(row, h) for h in result.ranking),
            Cell(matrix.notes.get(row, "")),
        )

    footer = (
        Cell("Score", bold=True, data="score"),
        *([Cell()] * 4),
        *(
            Cell(
                shown.scores[h], number=result.scores[h], bold=True, flags=("best",) if ranks[h] == 1 else ()
            )
            for h in result.ranking
        ),
        Cell(),
    )
    return Table("ACH", columns, tuple(body(row) for row in result.rows), (footer,), frozen_columns=2)


def _legend(shown: _Shown) -> Section:
    """The rating codes with their colours and what each counts; with several analysts, the merged view."""
    legend = [
        Item(name, lead=r.value, style=_style(r), note=_rating_effect(shown.result, r))
        for r, name in RATING_NAMES.items()
    ]
    legend.append(Item("not rated", style=_style(None), detail=True))
    if shown.team:
        legend += [
            Item(
                f"analysts differ (in analyst order: {', '.join(shown.names)}; "
                f"{NOT_RATED} not rated by that analyst)",
                lead="C/I",
                style=_style(None),
                note=f"marked {DIFFER_MARKER} in HTML and the terminal; coloured by the mean of the ratings",
            ),
            Item("ratings two steps or more apart", style=_style(None), flags=("disputed",), detail=True),
        ]
    return Section("Legend", items=tuple(legend))


# --------------------------------------------------------------------------- the formats


def to_markdown(result: AchResult, graph: MapLike) -> str:
    """The ACH matrix as a Markdown document (:mod:`argmap.report.markdown`).

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from (:class:`MapLike`).

    Returns:
        Markdown text: title, question, profile and score meaning, the
        hypotheses, the matrix (a GitHub-flavoured table with a score row),
        then ties, linchpins, disagreements (if several analysts) and a
        legend of the rating codes.
    """
    return markdown.render(ach_report(result, graph))


def to_csv(result: AchResult, graph: MapLike) -> str:
    """The ACH matrix as CSV text (:mod:`argmap.report.csv`).

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from (:class:`MapLike`).

    Returns:
        CSV (RFC 4180, CRLF line ends; write it with ``newline=""``): a header
        ``id, text, credibility, relevance, diagnosticity, <hypothesis ids in
        ranking order>, note``, one row per evidence item in diagnosticity
        order (merged cell view) and a last row ``score``. Cells a spreadsheet
        would read as a formula get a leading ``'``.
    """
    return csv.render(ach_report(result, graph))


def to_html(result: AchResult, graph: MapLike) -> str:
    """The ACH matrix as one self-contained HTML page (:mod:`argmap.report.html`).

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from (:class:`MapLike`).

    Returns:
        HTML text: the summary, the hypotheses, the colour-coded matrix
        (cells where analysts differ showing every analyst's rating and a
        marker, disputed cells outlined, a bar per diagnosticity, a score
        row), ties, linchpins, disagreements and the legend. No scripts, no
        external resources; all user text escaped.
    """
    return html.render(ach_report(result, graph))


def to_xlsx(result: AchResult, graph: MapLike) -> bytes:
    """The ACH matrix as an Excel workbook (:mod:`argmap.report.xlsx`).

    Sheet ``ACH`` holds the matrix with cells filled in the colours of
    :data:`RATING_COLOURS` and panes frozen below the header and right of the
    id and text columns; sheet ``Notes`` holds the fields, hypotheses, ties,
    linchpins, disagreements and legend.

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from (:class:`MapLike`).

    Returns:
        The ``.xlsx`` file's bytes.
    """
    return xlsx.render(ach_report(result, graph))


def to_terminal(result: AchResult, graph: MapLike, console: Console) -> None:
    """Print the ACH matrix to a rich console (:mod:`argmap.report.terminal`).

    The colour-coded matrix comes first, then the profile, the hypotheses,
    ties, linchpins, disagreements and the legend. The note column is left
    out on consoles narrower than :data:`argmap.report.terminal.WIDE`.

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from (:class:`MapLike`).
        console: where to print (a :class:`rich.console.Console`).
    """
    terminal.render(ach_report(result, graph), console)


# --------------------------------------------------------------------------- JSON


def _change_data(change: Change) -> dict[str, Any]:
    return {
        "test": "leave out" if change.hypothesis is None else "flip",
        "row": change.row,
        "hypothesis": change.hypothesis,
        "before": change.before,
        "after": change.after,
        "new_top": list(change.new_top),
        "effect": change.effect.value,
        "description": change.describe(),
    }


def to_json(result: AchResult, graph: MapLike) -> dict[str, Any]:
    """Everything the reports show, as plain JSON-ready data (not layout).

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from (:class:`MapLike`).

    Returns:
        A dict of str, int, float, bool, None, lists and dicts only (for
        :func:`json.dumps`): ``title``, ``question``, ``caveat``,
        ``information_cutoff``, ``profile`` (name,
        score meaning, explanation, whether lower is better), ``analysts``,
        ``hypotheses`` in ranking order (id, text, score, rank), ``rows`` in
        diagnosticity order (id, kind, text, credibility, relevance,
        diagnosticity, note, ``ratings`` per hypothesis per analyst,
        ``merged`` per hypothesis, ``differ`` per hypothesis), ``ties``,
        ``linchpins`` (row, text, changes with their descriptions),
        ``disagreements`` and the rating ``legend``.
    """
    matrix, profile = result.matrix, result.profile
    shown = _Shown.of(result)
    changes = [*result.sensitivity.left_out, *result.sensitivity.flips]

    def row_data(row: str) -> dict[str, Any]:
        statement = graph.statements.get(row)
        cells = {h: _cell(result, shown.analysts, row, h) for h in result.ranking}
        return {
            "id": row,
            "kind": str(statement.kind) if statement else "",
            "text": _text(graph, row),
            "credibility": matrix.credibility[row].value,
            "relevance": matrix.relevance[row].value,
            "diagnosticity": result.diagnosticity[row],
            "note": visible(matrix.notes.get(row), multiline=True) or None,
            "ratings": {
                h: {n: r.value for n, r in zip(shown.names, cell.ratings, strict=True) if r is not None}
                for h, cell in cells.items()
            },
            "merged": {h: cell.text or None for h, cell in cells.items()},
            "differ": {h: cell.differ for h, cell in cells.items()},
        }

    return {
        "title": visible(graph.map.title, multiline=True),
        "question": visible(graph.map.question, multiline=True) or None,
        "caveat": visible(getattr(graph.map, "caveat", None), multiline=True) or None,
        "information_cutoff": graph.information_cutoff,
        "profile": {
            "name": profile.value,
            "score_meaning": SCORE_MEANING[profile],
            "explanation": _explanation(result, shown.team),
            "lower_is_more_likely": profile != Profile.LIKELIHOOD,
        },
        "analysts": list(shown.names),
        "hypotheses": [
            {"id": h, "text": _text(graph, h), "score": result.scores[h], "rank": shown.ranks[h]}
            for h in result.ranking
        ],
        "rows": [row_data(row) for row in result.rows],
        "ties": [list(group) for group in result.ties],
        "linchpins": [
            {
                "row": row,
                "text": _text(graph, row),
                "changes": [_change_data(c) for c in changes if c.row == row],
            }
            for row in result.sensitivity.linchpins
        ],
        "disagreements": [
            {
                "row": d.row,
                "hypothesis": d.hypothesis,
                "ratings": {visible(n, multiline=True): r.value for n, r in d.ratings.items()},
            }
            for d in result.disagreements
        ],
        "legend": {
            rating.value: {
                "name": name,
                "counts": _rating_effect(result, rating),
                "colour": RATING_COLOURS[rating],
            }
            for rating, name in RATING_NAMES.items()
        },
    }
