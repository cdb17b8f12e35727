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
    EFFECT_MEANING,
    EFFECT_UNIT,
    INCONSISTENCY,
    LIKELIHOODS,
    SCALE,
    AchResult,
    Change,
    RowType,
)
from argmap.model import Profile, Rating, span_text
from argmap.report import csv, html, markdown, terminal, xlsx
from argmap.report.model import Cell, Column, Field, Item, Part, Report, Section, Style, Table
from argmap.text import visible

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "CELL_NOTE_MARKER",
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

WITHHELD = "withheld"
"""In place of a posterior withheld (:attr:`argmap.ach.Summary.posterior_withheld`)."""

CELL_NOTE_MARKER = "†"
"""Follows the rating of a cell that has a note of its own (the note: tooltip and the Cell notes section)."""

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


def competition_ranks(result: AchResult) -> dict[str, int]:
    """Competition ranks (1, 1, 3): tied hypotheses share the rank of the first of them."""
    ranks: dict[str, int] = {}
    for position, hypothesis in enumerate(result.ranking, start=1):
        group = next((g for g in result.ties if hypothesis in g), ())
        first = next((h for h in group if h in ranks), None)
        ranks[hypothesis] = ranks[first] if first else position
    return ranks


def _score_text(result: AchResult, hypothesis: str) -> str:
    return _number_text(result.profile, result.scores[hypothesis])


def _number_text(profile: Profile, value: float) -> str:
    """A score as text: a posterior to three places (tiny ones in powers of ten), points to two."""
    if profile == Profile.LIKELIHOOD:
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
            competition_ranks(result),
            {
                h: WITHHELD if result.summary.posterior_withheld else _score_text(result, h)
                for h in result.ranking
            },
        )


def ach_report(
    result: AchResult, graph: MapLike, compared: Mapping[Profile, AchResult] | None = None
) -> Report:
    """The ACH matrix and its commentary as a report (see the module doc).

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from (:class:`MapLike`), for statement
            texts, kinds, sources and dates, title and question.
        compared: the same matrix scored under every profile (``--profile
            all``): adds the table of the profiles side by side.

    Returns:
        A report: fields Question, Caveat, Information cutoff (each if
        any), Profile, Score, Hypotheses set, Analysts (if several);
        sections Summary, Hypotheses, Profiles compared (with
        ``compared``), Matrix (score rows first, then the evidence and
        judgment rows, the assumption rows and the rows not scored, each
        block by diagnosticity), Cell notes, Ties, Linchpins, Not scored,
        Disagreements (if several analysts) and Legend.
    """
    shown = _Shown.of(result)
    sections = [
        Section("Summary", paragraphs=tuple(result.summary.sentences())),
        _hypotheses_section(shown, graph),
    ]
    if compared:
        sections.append(_profiles_section(compared, graph))
    sections += [
        Section(
            "Matrix",
            table=_matrix(shown, graph),
            caption=(
                "Hypotheses in the map's order, their scores and ranks in the first rows; rows most "
                "diagnostic first within each block (evidence and judgments, then assumptions, then "
                f"rows not scored). Diagnosticity: {DIAGNOSTICITY_MEANING}. Effect: "
                f"{EFFECT_MEANING[result.profile]}, in {EFFECT_UNIT[result.profile]}. "
                f"Score: {SCORE_MEANING[result.profile]}. {CELL_NOTE_MARKER} marks a cell with a note."
            ),
        ),
        _cell_notes_section(result),
        *_sensitivity_sections(shown, graph),
    ]
    if shown.team:
        sections.append(_disagreements_section(result))
    sections.append(_legend(shown))
    title = f"ACH: {visible(graph.map.title, multiline=True)}"
    return Report(title, tuple(_fields(shown, graph)), tuple(sections), PALETTE)


def _fields(shown: _Shown, graph: MapLike) -> list[Field]:
    result = shown.result
    question = visible(graph.map.question, multiline=True)
    fields = [Field("Question", question)] if question else []
    if getattr(graph.map, "caveat", None):
        fields.append(Field("Caveat", visible(graph.map.caveat, multiline=True)))
    if graph.information_cutoff is not None:
        fields.append(Field("Information cutoff", span_text(graph.information_cutoff)))
    fields += [
        Field("Profile", _explanation(result, shown.team), tag=result.profile.value),
        Field("Score", f"{SCORE_MEANING[result.profile]}."),
        Field("Hypotheses set", _set_text(result)),
    ]
    if shown.team:
        fields.append(Field("Analysts", ", ".join(shown.names)))
    return fields


def _set_text(result: AchResult) -> str:
    """What the analyst declares of the hypotheses: exclusive, exhaustive, horizon."""
    matrix = result.matrix
    declared = [
        word
        for word, flag in (("mutually exclusive", matrix.exclusive), ("exhaustive", matrix.exhaustive))
        if flag
    ]
    text = (
        f"declared {' and '.join(declared)}" if declared else "not declared mutually exclusive or exhaustive"
    )
    if matrix.horizon:
        text += f"; horizon {span_text(matrix.horizon)}"
    return text + "."


def _hypotheses_section(shown: _Shown, graph: MapLike) -> Section:
    result = shown.result
    ranges = result.posterior_range or {}

    def item(hypothesis: str) -> Item:
        score = shown.scores[hypothesis]
        if hypothesis in ranges and score != WITHHELD:
            low, high = ranges[hypothesis]
            score += f", {_probability(low)} to {_probability(high)} under one-step changes"
        statement = graph.statements.get(hypothesis)
        details = []
        if statement is not None and getattr(statement, "threshold", None):
            details.append(f"true if: {statement.threshold}")
        if statement is not None and getattr(statement, "horizon", None):
            details.append(f"horizon: {span_text(statement.horizon)}")
        return Item(
            f"(rank {shown.ranks[hypothesis]}, score {score}): {_text(graph, hypothesis)}",
            lead=hypothesis,
            sub=tuple(details),
        )

    return Section(
        "Hypotheses, in the map's order",
        items=tuple(item(h) for h in result.matrix.hypotheses),
        empty="",
    )


def _probability(value: float) -> str:
    return f"{value:.1e}" if 0 < value < 0.001 else f"{value:.2f}"


def _profiles_section(compared: Mapping[Profile, AchResult], graph: MapLike) -> Section:
    """Every profile's score and rank of each hypothesis, side by side, with disagreement flagged."""
    profiles = list(compared)
    first = next(iter(compared.values()))
    columns = (
        Column("id", "Hypothesis", width=10),
        Column("text", "Text", width=40, shorten=True),
        *(Column(p.value, p.value, subtitle=SCORE_MEANING[p], align="center", width=16) for p in profiles),
    )
    tops = {
        p: tuple(r.ranking[: len(next((g for g in r.ties if r.ranking[0] in g), (r.ranking[0],)))])
        for p, r in compared.items()
        if r.ranking
    }

    def cell(profile: Profile, hypothesis: str) -> Cell:
        result = compared[profile]
        ranks = competition_ranks(result)
        if result.summary.posterior_withheld:
            return Cell(f"{WITHHELD} (#{ranks[hypothesis]})", bold=hypothesis in tops.get(profile, ()))
        text = f"{_score_text(result, hypothesis)} (#{ranks[hypothesis]})"
        if result.posterior_range and hypothesis in result.posterior_range:
            low, high = result.posterior_range[hypothesis]
            text += f" [{_probability(low)}–{_probability(high)}]"
        best = hypothesis in tops.get(profile, ())
        return Cell(text, bold=best, flags=("best",) if best else ())

    rows = tuple(
        (Cell(h), Cell(_text(graph, h)), *(cell(p, h) for p in profiles)) for h in first.matrix.hypotheses
    )
    likelihood = compared.get(Profile.LIKELIHOOD)
    warnings = tuple(likelihood.summary.likelihood_warnings()) if likelihood else ()
    return Section(
        "Profiles compared",
        paragraphs=(first.summary.profiles_sentence(), *warnings),
        table=Table("Profiles", columns, rows),
        caption=(
            "Each profile's score and rank (#) of each hypothesis; the likelihood profile shows the "
            "range of the posterior when any one rating moves one step."
        ),
    )


def _cell_notes_section(result: AchResult) -> Section:
    notes = result.matrix.cell_notes
    order = {row: n for n, row in enumerate(result.rows)}
    return Section(
        "Cell notes",
        items=tuple(
            Item(note, lead=f"{row} on {hypothesis}", key=f"{row} on {hypothesis}")
            for (row, hypothesis), note in sorted(
                notes.items(),
                key=lambda kv: (order.get(kv[0][0], 0), result.matrix.hypotheses.index(kv[0][1])),
            )
        ),
        empty="None: no cell has a note of its own.",
        optional=True,
    )


def _sensitivity_sections(shown: _Shown, graph: MapLike) -> list[Section]:
    result = shown.result
    excluded = result.matrix.excluded
    return [
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
                    sub=tuple(change.describe() for change in changes),
                )
                for row, changes in result.sensitivity.by_row.items()
            ),
            caption=(
                "Rows on which the top of the ranking hangs: leaving the row out, or moving one of its "
                "ratings one step, changes it."
            ),
            empty="None: no single row left out or rating moved one step changes the top of the ranking.",
        ),
        Section(
            "Not scored",
            items=tuple(Item(why, lead=row, key=row) for row, why in excluded.items()),
            caption="Rows shown in the matrix with their ratings but counted in no score.",
            empty="None: every row is scored.",
            optional=True,
        ),
    ]


def _disagreements_section(result: AchResult) -> Section:
    disagreements = (
        Item(
            f"{d.row} on {d.hypothesis}: "
            + ", ".join(f"{visible(name, multiline=True)} {r.value}" for name, r in d.ratings.items()),
            key=f"{d.row} on {d.hypothesis}",
        )
        for d in result.disagreements
    )
    return Section(
        "Disagreements",
        items=tuple(disagreements),
        empty="None: no cell's ratings lie two steps or more apart.",
    )


def _row_order(result: AchResult) -> list[str]:
    """Rows by block (evidence and judgments, assumptions, not scored), each in display order."""
    matrix = result.matrix

    def block(row: str) -> int:
        if row in matrix.excluded:
            return 2
        return 1 if matrix.type_of(row) == RowType.ASSUMPTION else 0

    place = {row: number for number, row in enumerate(result.rows)}
    return sorted(result.rows, key=lambda row: (block(row), place[row]))


def _matrix(shown: _Shown, graph: MapLike) -> Table:
    """The matrix, PARC style: hypotheses in map order, score rows first, rows by block and diagnosticity."""
    result, ranks = shown.result, shown.ranks
    matrix, profile = result.matrix, result.profile
    hypotheses = matrix.hypotheses
    columns = (
        Column("id", "ID", width=10),
        Column("text", "Row", width=46, shorten=True),
        Column("type", "Type", width=12),
        Column("source", "Source", width=9),
        Column("date", "Date", width=11),
        Column("credibility", "Credibility", short_title="Cr.", width=12),
        Column("relevance", "Relevance", short_title="Rel.", width=11),
        Column(
            "diagnosticity",
            "Diagnosticity (steps)",
            short_title="Diag.",
            align="right",
            width=13,
            number_format="0.00",
            css_class="diag",
        ),
        Column(
            "effect",
            f"Effect ({EFFECT_UNIT[profile]})",
            short_title="Eff.",
            align="right",
            width=12,
            number_format="0.00",
            optional=True,
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
            for h in hypotheses
        ),
        Column("note", "Note", width=40, shorten=True, optional=True),
    )
    disputed = {(d.row, d.hypothesis) for d in result.disagreements}
    top = max(result.diagnosticity.values(), default=0.0)

    def rating(row: str, hypothesis: str) -> Cell:
        cell = _cell(result, shown.analysts, row, hypothesis)
        codes = [r.value if r else NOT_RATED for r in cell.ratings]
        by_analyst = list(zip(shown.names, codes, cell.ratings, strict=True))
        note = matrix.cell_notes.get((row, hypothesis), "")
        tips = [f"{name}: {code}" for name, code, _ in by_analyst] if shown.team else []
        return Cell(
            cell.text + (CELL_NOTE_MARKER if note else ""),
            style=_style(cell.colour),
            tooltip="; ".join([*tips, *([note] if note else [])]),
            parts=tuple(Part(code, _style(r), name) for name, code, r in by_analyst) if cell.differ else (),
            marker=DIFFER_MARKER if cell.differ else "",
            flags=("disputed",) if (row, hypothesis) in disputed else (),
        )

    def body(row: str) -> tuple[Cell, ...]:
        statement = graph.statements.get(row)
        diagnosticity, effect = result.diagnosticity[row], result.effect[row]
        credibility, relevance = matrix.credibility[row].value, matrix.relevance[row].value
        kind = matrix.type_of(row).value
        flag = " · not scored" if row in matrix.excluded else (" · UNDEC" if row in matrix.undecided else "")
        rated = matrix.is_rated(row)
        date = getattr(statement, "date", None) if statement else None
        return (
            Cell(row, kind=kind + flag),
            Cell(_text(graph, row)),
            Cell(kind + flag),
            Cell(", ".join(matrix.sources.get(row, ()))),
            Cell(span_text(date) if date else ""),
            Cell(credibility, short=credibility[:1].upper()),
            Cell(relevance, short=relevance[:1].upper()),
            Cell(
                f"{diagnosticity:.2f}",
                number=round(diagnosticity, 6),
                bar=diagnosticity / top if top > 0 else 0.0,
            )
            if rated
            else Cell("not rated"),
            Cell(f"{effect:.2f}", number=round(effect, 6)) if rated else Cell(""),
            *(rating(row, h) for h in hypotheses),
            Cell(matrix.notes.get(row, "")),
        )

    blocks = result.block_scores
    head = [
        _score_row("Score", "score", result.scores, shown, best=True),
        _score_row("Rank", "rank", {h: float(ranks[h]) for h in hypotheses}, shown, as_rank=True),
    ]
    if matrix.assumption_rows:
        head += [
            _score_row("Score, evidence", "score-evidence", blocks["evidence"], shown),
            _score_row("Score, assumptions", "score-assumptions", blocks["assumptions"], shown),
        ]
    rows = tuple(body(row) for row in _row_order(result))
    return Table("ACH", columns, rows, head=tuple(head), frozen_columns=2)


def _score_row(
    label: str,
    data: str,
    values: Mapping[str, float],
    shown: _Shown,
    best: bool = False,
    as_rank: bool = False,
) -> tuple[Cell, ...]:
    """One row of the matrix's head: a score (or rank) per hypothesis, under the hypothesis columns."""
    result = shown.result
    hypotheses = result.matrix.hypotheses

    def value(h: str) -> Cell:
        if as_rank:
            return Cell(f"#{int(values[h])}", bold=True)
        if result.summary.posterior_withheld:
            return Cell(WITHHELD, bold=True)
        text = _number_text(result.profile, values[h])
        top = best and shown.ranks[h] == 1
        return Cell(text, number=values[h], bold=True, flags=("best",) if top else ())

    return (Cell(label, bold=True, data=data), *([Cell()] * 8), *(value(h) for h in hypotheses), Cell())


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


def to_terminal(
    result: AchResult, graph: MapLike, console: Console, compared: Mapping[Profile, AchResult] | None = None
) -> None:
    """Print the ACH matrix to a rich console (:mod:`argmap.report.terminal`).

    The colour-coded matrix comes first, then the profile, the hypotheses,
    ties, linchpins, disagreements and the legend. The note column is left
    out on consoles narrower than :data:`argmap.report.terminal.WIDE`.

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from (:class:`MapLike`).
        console: where to print (a :class:`rich.console.Console`).
        compared: the matrix under every profile (``--profile all``).
    """
    terminal.render(ach_report(result, graph, compared), console)


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


def to_json(
    result: AchResult, graph: MapLike, compared: Mapping[Profile, AchResult] | None = None
) -> dict[str, Any]:
    """Everything the reports show, as plain JSON-ready data (not layout).

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from (:class:`MapLike`).
        compared: the matrix scored under every profile (``--profile all``).

    Returns:
        A dict of str, int, float, bool, None, lists and dicts only (for
        :func:`json.dumps`): ``title``, ``question``, ``caveat``,
        ``information_cutoff``, ``profile`` (name, score meaning,
        explanation, whether lower is better), ``summary`` (the sentences,
        leader, margin, tentative, profiles' tops, top without
        assumptions), ``set`` (exclusive, exhaustive, horizon),
        ``analysts``, ``hypotheses`` in the map's order (id, text, score,
        rank, threshold, horizon, and the posterior range under the
        likelihood profile), ``block_scores``, ``rows`` in display order
        (id, type, text, sources, date, credibility, relevance,
        diagnosticity, effect, scored, why not scored, undecided, note,
        ``ratings`` per hypothesis per analyst, ``merged``, ``differ`` and
        ``cell_notes`` per hypothesis), ``ties``, ``linchpins``,
        ``smallest_change``, ``disagreements``, ``profiles`` (with
        ``compared``) and the rating ``legend``.
    """
    matrix, profile, summary = result.matrix, result.profile, result.summary
    shown = _Shown.of(result)
    ranges = result.posterior_range or {}

    def row_data(row: str) -> dict[str, Any]:
        statement = graph.statements.get(row)
        cells = {h: _cell(result, shown.analysts, row, h) for h in matrix.hypotheses}
        date = getattr(statement, "date", None) if statement else None
        return {
            "id": row,
            "type": matrix.type_of(row).value,
            "kind": str(statement.kind) if statement else "",
            "text": _text(graph, row),
            "sources": list(matrix.sources.get(row, ())),
            "date": date,
            "credibility": matrix.credibility[row].value,
            "relevance": matrix.relevance[row].value,
            "rated": matrix.is_rated(row),
            "diagnosticity": result.diagnosticity[row],
            "effect": result.effect[row],
            "scored": row not in matrix.excluded,
            "not_scored_because": visible(matrix.excluded.get(row), multiline=True) or None,
            "undecided": row in matrix.undecided,
            "note": visible(matrix.notes.get(row), multiline=True) or None,
            "ratings": {
                h: {n: r.value for n, r in zip(shown.names, cell.ratings, strict=True) if r is not None}
                for h, cell in cells.items()
            },
            "merged": {h: cell.text or None for h, cell in cells.items()},
            "differ": {h: cell.differ for h, cell in cells.items()},
            "cell_notes": {
                h: visible(matrix.cell_notes[(row, h)], multiline=True)
                for h in matrix.hypotheses
                if (row, h) in matrix.cell_notes
            },
        }

    withheld = summary.posterior_withheld

    def hypothesis_data(h: str) -> dict[str, Any]:
        statement = graph.statements.get(h)
        data = {
            "id": h,
            "text": _text(graph, h),
            "score": None if withheld else result.scores[h],
            "rank": shown.ranks[h],
            "threshold": visible(getattr(statement, "threshold", None), multiline=True) or None,
            "horizon": getattr(statement, "horizon", None),
        }
        if h in ranges and not withheld:
            data["posterior_range"] = list(ranges[h])
        return data

    smallest = summary.smallest
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
        "summary": {
            "sentences": [visible(s, multiline=True) for s in summary.sentences()],
            "leaders": list(summary.leaders),
            "runners_up": list(summary.runners_up),
            "margin": None if summary.posterior_withheld else summary.margin,
            "margin_unit": EFFECT_UNIT[profile],
            "tentative": summary.tentative,
            "profile_tops": {p.value: list(group) for p, group in summary.profile_tops.items()},
            "profiles_agree": summary.profiles_agree,
            "top_without_assumptions": (
                list(summary.without_assumptions) if summary.without_assumptions is not None else None
            ),
            "sources": summary.sources,
            "originators": summary.originators,
            "posterior_withheld": summary.posterior_withheld,
            "inconsistent_cells": {t.value: n for t, n in summary.inconsistent_cells.items()},
        },
        "set": {"exclusive": matrix.exclusive, "exhaustive": matrix.exhaustive, "horizon": matrix.horizon},
        "analysts": list(shown.names),
        "hypotheses": [hypothesis_data(h) for h in matrix.hypotheses],
        "block_scores": None
        if withheld
        else {block: dict(values) for block, values in result.block_scores.items()},
        "rows": [row_data(row) for row in _row_order(result)],
        "ties": [list(group) for group in result.ties],
        "linchpins": [
            {
                "row": row,
                "text": _text(graph, row),
                "changes": [_change_data(c) for c in changes],
            }
            for row, changes in result.sensitivity.by_row.items()
        ],
        "smallest_change": None
        if smallest is None
        else {
            "steps": smallest.steps,
            "challenger": smallest.challenger,
            "effect": smallest.effect.value,
            "cells": [c.describe() for c in smallest.cells],
        },
        "disagreements": [
            {
                "row": d.row,
                "hypothesis": d.hypothesis,
                "ratings": {visible(n, multiline=True): r.value for n, r in d.ratings.items()},
            }
            for d in result.disagreements
        ],
        "profiles": None
        if not compared
        else {
            p.value: {
                "scores": None if other.summary.posterior_withheld else dict(other.scores),
                "ranking": list(other.ranking),
                "posterior_range": None
                if other.summary.posterior_withheld
                else {h: list(v) for h, v in (other.posterior_range or {}).items()} or None,
            }
            for p, other in compared.items()
        },
        "legend": {
            rating.value: {
                "name": name,
                "counts": _rating_effect(result, rating),
                "colour": RATING_COLOURS[rating],
            }
            for rating, name in RATING_NAMES.items()
        },
    }
