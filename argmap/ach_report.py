r"""Reports of an ACH result: Markdown, CSV, JSON, HTML, Excel workbook and terminal table.

Every format shows the same matrix, built once by :func:`_build`:

* hypotheses as columns in ranking order (most likely first; tied
  hypotheses share a rank);
* evidence and assumption rows in diagnosticity order (most diagnostic
  first), each with its credibility, relevance, diagnosticity (in the
  profile's unit, :data:`~argmap.ach.DIAGNOSTICITY_UNIT`) and note;
* each cell in the merged view: the rating if every analyst who rated the
  cell gave the same one, else every analyst's rating joined with ``/`` in
  analyst order (``–`` for an analyst who left it blank); blank when nobody
  rated it;
* a score row, the ties, the linchpins (rows on which the top rank hangs,
  with each change that moves it), the cells on which analysts disagree, and
  a legend of the ratings.

Colours come from one table, :data:`RATING_COLOURS` (with
:data:`RATING_TEXT_COLOURS` for the text on them), shared by the HTML,
Excel and terminal outputs. A cell on which analysts differ is coloured by
the mean of their ratings (NA left out, halves rounded towards N).

User text is never trusted: control and invisible format characters are
shown as escapes (``\x1b``), Markdown special characters are
backslash-escaped, HTML is escaped by Jinja's autoescape, rich markup by
:func:`rich.markup.escape`, and CSV and Excel cells that a spreadsheet
would read as a formula get a leading ``'``.

The optional libraries (jinja2, openpyxl, rich) are imported by the
function that needs them, so the text formats work without them.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from argmap.ach import (
    DIAGNOSTICITY_MEANING,
    DIAGNOSTICITY_UNIT,
    INCONSISTENCY,
    LIKELIHOODS,
    SCALE,
    AchResult,
    Change,
)
from argmap.model import ArgumentMap, Profile, Rating

if TYPE_CHECKING:
    import jinja2
    from rich.console import Console

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

SHORT_TEXT = 70
"""Longest statement text in the Markdown table and the terminal (longer text is cut with "…")."""

DIFFER_MARKER = "≠"
"""Shown in HTML and terminal cells on which analysts gave different ratings."""

NOT_RATED = "–"
"""Stands for an analyst's blank in a cell whose ratings differ (``C/–/I``)."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_INVISIBLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ufeff\ufdd0-\ufdef\ufffe\uffff]"
)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~$])")


# --------------------------------------------------------------------------- the shared view


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
    disputed: bool
    """Listed in the result's disagreements (two steps or more apart)."""


@dataclass(frozen=True)
class _Row:
    id: str
    kind: str
    text: str
    credibility: str
    relevance: str
    diagnosticity: float
    cells: dict[str, _Cell]
    note: str


@dataclass(frozen=True)
class _Column:
    id: str
    text: str
    rank: int
    score: float
    score_text: str


@dataclass(frozen=True)
class _Linchpin:
    row: str
    text: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class _View:
    title: str
    question: str
    profile: Profile
    analysts: tuple[str, ...]
    """Analysts whose ratings are shown, names cleaned for display."""
    columns: tuple[_Column, ...]
    rows: tuple[_Row, ...]
    ties: tuple[tuple[str, ...], ...]
    linchpins: tuple[_Linchpin, ...]
    disagreements: tuple[tuple[str, str, tuple[tuple[str, Rating], ...]], ...]
    model: str = ""
    """For the likelihood profile: the P(e|h) table and priors in use."""

    @property
    def meaning(self) -> str:
        return SCORE_MEANING[self.profile]

    @property
    def unit(self) -> str:
        return DIAGNOSTICITY_UNIT[self.profile]

    @property
    def diagnosticity_meaning(self) -> str:
        return DIAGNOSTICITY_MEANING[self.profile]

    @property
    def explanation(self) -> str:
        text = PROFILE_EXPLANATION[self.profile]
        if len(self.analysts) > 1:
            text += " Each cell counts the mean over the analysts who rated it."
        return f"{text} {self.model}" if self.model else text

    def score_text(self, hypothesis: str) -> str:
        return next(c.score_text for c in self.columns if c.id == hypothesis)


def _clean(text: str | None) -> str:
    r"""User text: line ends unified, tabs as spaces, other control and invisible characters as ``\x1b``."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _INVISIBLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _short(text: str, limit: int = SHORT_TEXT) -> str:
    text = _one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _score_text(value: float, profile: Profile) -> str:
    if profile == Profile.LIKELIHOOD:
        if value == 0:
            return "0"
        return f"{value:.1e}" if value < 0.001 else f"{value:.3f}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _diagnosticity_text(value: float) -> str:
    return f"{value:.2f}"


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


def _cell(result: AchResult, analysts: tuple[str, ...], row: str, hypothesis: str, disputed: bool) -> _Cell:
    ratings = tuple(result.matrix.ratings[name].get(row, {}).get(hypothesis) for name in analysts)
    rated = [r for r in ratings if r is not None]
    differ = len(set(rated)) > 1
    if not rated:
        text = ""
    elif not differ:
        text = rated[0].value
    else:
        text = "/".join(r.value if r is not None else NOT_RATED for r in ratings)
    return _Cell(ratings, text, _merged_colour(rated), differ, disputed)


def _ranks(result: AchResult) -> dict[str, int]:
    """Competition ranks (1, 1, 3): tied hypotheses share the rank of the first of them."""
    ranks: dict[str, int] = {}
    for position, hypothesis in enumerate(result.ranking, start=1):
        group = next((g for g in result.ties if hypothesis in g), ())
        first = next((h for h in group if h in ranks), None)
        ranks[hypothesis] = ranks[first] if first else position
    return ranks


def _statement_text(graph: ArgumentMap, sid: str) -> str:
    statement = graph.statements.get(sid)
    return _clean(statement.text) if statement else ""


def _build(result: AchResult, graph: ArgumentMap) -> _View:
    """The matrix and its commentary as every report shows it."""
    matrix = result.matrix
    analysts = tuple(name for name, rows in matrix.ratings.items() if any(rows.values())) or tuple(
        matrix.ratings
    )
    ranks = _ranks(result)
    columns = tuple(
        _Column(
            id=h,
            text=_statement_text(graph, h),
            rank=ranks[h],
            score=result.scores[h],
            score_text=_score_text(result.scores[h], result.profile),
        )
        for h in result.ranking
    )
    disputed = {(d.row, d.hypothesis) for d in result.disagreements}
    rows = tuple(
        _Row(
            id=row,
            kind=graph.statements[row].kind.value if row in graph.statements else "",
            text=_statement_text(graph, row),
            credibility=matrix.credibility[row].value,
            relevance=matrix.relevance[row].value,
            diagnosticity=result.diagnosticity[row],
            cells={h: _cell(result, analysts, row, h, (row, h) in disputed) for h in result.ranking},
            note=_clean(matrix.notes.get(row)),
        )
        for row in result.rows
    )
    changes = [*result.sensitivity.left_out, *result.sensitivity.flips]
    linchpins = tuple(
        _Linchpin(row, _statement_text(graph, row), tuple(c for c in changes if c.row == row))
        for row in result.sensitivity.linchpins
    )
    disagreements = tuple(
        (d.row, d.hypothesis, tuple((_clean(name), rating) for name, rating in d.ratings.items()))
        for d in result.disagreements
    )
    model = ""
    if result.profile == Profile.LIKELIHOOD:
        table = ", ".join(f"{r} {p:g}" for r, p in matrix.likelihoods.items())
        priors = ", ".join(f"{h} {p:.3g}" for h, p in matrix.priors.items())
        model = f"P(e|h) used: {table} (NA and blanks as N). Priors used: {priors}."
    return _View(
        model=model,
        title=_clean(graph.map.title),
        question=_clean(graph.map.question),
        profile=result.profile,
        analysts=tuple(_clean(name) for name in analysts),
        columns=columns,
        rows=rows,
        ties=tuple(result.ties),
        linchpins=linchpins,
        disagreements=disagreements,
    )


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


def _tie_text(view: _View, group: tuple[str, ...]) -> str:
    return f"{' = '.join(group)} (score {view.score_text(group[0])})"


def _disagreement_text(entry: tuple[str, str, tuple[tuple[str, Rating], ...]]) -> str:
    row, hypothesis, ratings = entry
    return f"{row} on {hypothesis}: " + ", ".join(f"{name} {rating.value}" for name, rating in ratings)


# --------------------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    """One line of user text with Markdown and HTML special characters backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _one_line(text))


def to_markdown(result: AchResult, graph: ArgumentMap) -> str:
    """The ACH matrix as a Markdown document (GitHub-flavoured table).

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from, for statement texts, title and question.

    Returns:
        Markdown text: title, question, profile and score meaning, a legend of
        the hypotheses, the matrix (hypotheses in ranking order, rows by
        diagnosticity, a score row), then ties, linchpins, disagreements (if
        several analysts) and a legend of the rating codes. User text is
        escaped so that it cannot break the table or inject HTML.
    """
    view = _build(result, graph)
    out = [f"# ACH: {_md(view.title)}", ""]
    if view.question:
        out += [f"**Question:** {_md(view.question)}", ""]
    out += [
        f"**Profile:** {view.profile.value} — {_md(view.explanation)}",
        "",
        f"**Score:** {_md(view.meaning)}.",
        "",
    ]
    if len(view.analysts) > 1:
        out += [f"**Analysts:** {_md(', '.join(view.analysts))}", ""]
    out += ["## Hypotheses, most likely first", ""]
    out += [f"- **{_md(c.id)}** (rank {c.rank}, score {c.score_text}): {_md(c.text)}" for c in view.columns]
    out += ["", "## Matrix", ""]
    header = ["ID", "Evidence", "Credibility", "Relevance", f"Diagnosticity ({view.unit})"]
    header += [f"{_md(c.id)} (rank {c.rank})" for c in view.columns] + ["Note"]
    align = ["---", "---", "---", "---", "---:"] + [":---:"] * len(view.columns) + ["---"]
    out += [_md_row(header), _md_row(align)]
    for row in view.rows:
        cells = [
            _md(row.id),
            _md(row.text),
            row.credibility,
            row.relevance,
            _diagnosticity_text(row.diagnosticity),
            *(_md(row.cells[c.id].text) for c in view.columns),
            _md(row.note),
        ]
        out.append(_md_row(cells))
    out.append(_md_row(["**Score**", "", "", "", "", *(f"**{c.score_text}**" for c in view.columns), ""]))
    if view.ties:
        out += ["", "## Ties", ""] + [f"- {_md(_tie_text(view, group))}" for group in view.ties]
    out += ["", "## Linchpins", ""]
    if view.linchpins:
        for linchpin in view.linchpins:
            out.append(f"- **{_md(linchpin.row)}** {_md(_short(linchpin.text))}")
            out += [f"  - {_md(change.describe())}" for change in linchpin.changes]
    else:
        out.append("None: no single row left out or rating moved one step changes the top of the ranking.")
    if len(view.analysts) > 1:
        out += ["", "## Disagreements", ""]
        if view.disagreements:
            out += [f"- {_md(_disagreement_text(entry))}" for entry in view.disagreements]
        else:
            out.append("None: no cell's ratings lie two steps or more apart.")
    out += ["", "## Legend", ""]
    out += [f"- **{rating.value}** {name}" for rating, name in RATING_NAMES.items()]
    if len(view.analysts) > 1:
        out.append(
            f"- **C/I** analysts differ (in analyst order: {_md(', '.join(view.analysts))}; "
            f"{NOT_RATED} not rated by that analyst)"
        )
    return "\n".join(out) + "\n"


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


# --------------------------------------------------------------------------- CSV and Excel text


def _spreadsheet_safe(text: str) -> str:
    """``text`` with a leading ``'`` if a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START) else text


def _matrix_table(view: _View) -> list[list[str]]:
    """Header, one row per evidence item and the score row, as plain unescaped text."""
    table = [
        ["id", "text", "credibility", "relevance", "diagnosticity", *(c.id for c in view.columns), "note"]
    ]
    for row in view.rows:
        table.append(
            [
                row.id,
                row.text,
                row.credibility,
                row.relevance,
                _diagnosticity_text(row.diagnosticity),
                *(row.cells[c.id].text for c in view.columns),
                row.note,
            ]
        )
    table.append(["score", "", "", "", "", *(c.score_text for c in view.columns), ""])
    return table


def to_csv(result: AchResult, graph: ArgumentMap) -> str:
    """The ACH matrix as CSV text.

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from, for statement texts.

    Returns:
        CSV (RFC 4180, CRLF line ends; write it with ``newline=""``): a header
        ``id, text, credibility, relevance, diagnosticity, <hypothesis ids in
        ranking order>, note``, one row per evidence item in diagnosticity
        order (merged cell view) and a last row ``score``. Cells a spreadsheet
        would read as a formula (starting with ``= + - @``, tab or CR) get a
        leading ``'``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in _matrix_table(_build(result, graph)):
        writer.writerow([_spreadsheet_safe(cell) for cell in line])
    return buffer.getvalue()


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


def to_json(result: AchResult, graph: ArgumentMap) -> dict[str, Any]:
    """Everything the reports show, as plain JSON-ready data.

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from, for statement texts, title and question.

    Returns:
        A dict of str, int, float, bool, None, lists and dicts only (for
        :func:`json.dumps`): ``title``, ``question``, ``profile`` (name,
        score meaning, explanation, whether lower is better), ``analysts``,
        ``hypotheses`` in ranking order (id, text, score, rank), ``rows`` in
        diagnosticity order (id, kind, text, credibility, relevance,
        diagnosticity, note, ``ratings`` per hypothesis per analyst,
        ``merged`` per hypothesis, ``differ`` per hypothesis), ``ties``,
        ``linchpins`` (row, text, changes with their descriptions),
        ``disagreements`` and the rating ``legend``.
    """
    view = _build(result, graph)
    return {
        "title": view.title,
        "question": view.question or None,
        "profile": {
            "name": view.profile.value,
            "score_meaning": view.meaning,
            "explanation": view.explanation,
            "lower_is_more_likely": view.profile != Profile.LIKELIHOOD,
        },
        "analysts": list(view.analysts),
        "hypotheses": [{"id": c.id, "text": c.text, "score": c.score, "rank": c.rank} for c in view.columns],
        "rows": [
            {
                "id": row.id,
                "kind": row.kind,
                "text": row.text,
                "credibility": row.credibility,
                "relevance": row.relevance,
                "diagnosticity": row.diagnosticity,
                "note": row.note or None,
                "ratings": {
                    h: {
                        _clean(name): rating.value
                        for name, rating in zip(view.analysts, cell.ratings, strict=True)
                        if rating is not None
                    }
                    for h, cell in row.cells.items()
                },
                "merged": {h: cell.text or None for h, cell in row.cells.items()},
                "differ": {h: cell.differ for h, cell in row.cells.items()},
            }
            for row in view.rows
        ],
        "ties": [list(group) for group in view.ties],
        "linchpins": [
            {"row": lp.row, "text": lp.text, "changes": [_change_data(c) for c in lp.changes]}
            for lp in view.linchpins
        ],
        "disagreements": [
            {"row": row, "hypothesis": h, "ratings": {name: r.value for name, r in ratings}}
            for row, h, ratings in view.disagreements
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


# --------------------------------------------------------------------------- HTML


def _css_class(rating: Rating | None) -> str:
    return f"r-{rating.value}" if rating else "r-none"


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("argmap", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def to_html(result: AchResult, graph: ArgumentMap) -> str:
    """The ACH matrix as one self-contained HTML page.

    The page has inline CSS only (no scripts, no external resources, and a
    Content-Security-Policy that forbids both); all user text is escaped by
    Jinja's autoescape.

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from, for statement texts, title and question.

    Returns:
        HTML text: the profile explanation, the colour-coded matrix
        (hypotheses by score, rows by diagnosticity with its value, cells
        where analysts differ showing every rating and a marker, a score
        row), and sections for ties, linchpins, disagreements and the colour
        legend.
    """
    view = _build(result, graph)
    top = max((row.diagnosticity for row in view.rows), default=0.0)
    palette = [
        {
            "css": _css_class(rating),
            "code": rating.value if rating else "",
            "name": RATING_NAMES[rating] if rating else "not rated",
            "effect": _rating_effect(result, rating) if rating else "",
            "background": RATING_COLOURS[rating],
            "colour": RATING_TEXT_COLOURS[rating],
        }
        for rating in [*RATING_NAMES, None]
    ]
    rows = [
        {
            "id": row.id,
            "kind": row.kind,
            "text": row.text,
            "credibility": row.credibility,
            "relevance": row.relevance,
            "diagnosticity": _diagnosticity_text(row.diagnosticity),
            "bar": round(100 * row.diagnosticity / top) if top > 0 else 0,
            "note": row.note,
            "cells": [_html_cell(view, row.cells[c.id]) for c in view.columns],
        }
        for row in view.rows
    ]
    template = _environment().get_template("ach.html.j2")
    return template.render(
        view=view,
        rows=rows,
        palette=palette,
        ties=[_tie_text(view, group) for group in view.ties],
        disagreements=[_disagreement_text(entry) for entry in view.disagreements],
        marker=DIFFER_MARKER,
        not_rated=NOT_RATED,
    )


def _html_cell(view: _View, cell: _Cell) -> dict[str, Any]:
    chips = [
        {"css": _css_class(r), "code": r.value if r else NOT_RATED, "analyst": name}
        for name, r in zip(view.analysts, cell.ratings, strict=True)
    ]
    tooltip = "; ".join(f"{c['analyst']}: {c['code']}" for c in chips) if len(chips) > 1 else ""
    return {
        "css": _css_class(cell.colour),
        "text": cell.text,
        "differ": cell.differ,
        "disputed": cell.disputed,
        "chips": chips,
        "tooltip": tooltip,
    }


# --------------------------------------------------------------------------- Excel


def _xml_safe(text: str) -> str:
    """Text without the characters XML forbids (already escaped by :func:`_clean`; a safety net)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub(" ", text)


def _put(sheet: Any, row: int, column: int, text: str | None) -> Any:
    """Write ``text`` into a cell as text, never as a formula, and return the cell.

    Text a spreadsheet would read as a formula (``= + - @``...) is stored as
    a string with Excel's quote prefix: shown as typed, without an apostrophe,
    and never evaluated. Empty text leaves the cell empty.
    """
    cell = sheet.cell(row=row, column=column, value=_xml_safe(text) if text else None)
    if text and _spreadsheet_safe(text) != text:
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def to_xlsx(result: AchResult, graph: ArgumentMap) -> bytes:
    """The ACH matrix as an Excel workbook.

    Sheet ``ACH`` holds the matrix (header row, rows by diagnosticity,
    hypotheses in ranking order, a score row) with cells filled in the
    colours of :data:`RATING_COLOURS`, a bold header, panes frozen below the
    header and right of the id and text columns, and wrapped text; cells on
    which analysts differ carry a comment with each analyst's rating. Sheet
    ``Notes`` lists the map, the profile, the hypotheses, ties, linchpins,
    disagreements and the colour legend. Text cells that a spreadsheet would
    read as a formula are stored as text with Excel's quote prefix.

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from, for statement texts, title and question.

    Returns:
        The ``.xlsx`` file's bytes.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    view = _build(result, graph)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "ACH"
    header_fill = PatternFill("solid", fgColor="DDE3EA")
    thin = Side(style="thin", color="C0C6CE")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap_top = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    score_format = "0.000" if view.profile == Profile.LIKELIHOOD else "0.00"
    first_hypothesis = 6
    note_column = first_hypothesis + len(view.columns)

    header = ["ID", "Evidence", "Credibility", "Relevance", f"Diagnosticity ({view.unit})"]
    header += [f"{c.id} (rank {c.rank})\n{c.text}" for c in view.columns] + ["Note"]
    for column, title in enumerate(header, start=1):
        cell = _put(sheet, 1, column, title)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.border = border
        cell.alignment = centre if first_hypothesis <= column < note_column else wrap_top

    for index, row in enumerate(view.rows, start=2):
        values: list[Any] = [row.id, row.text, row.credibility, row.relevance]
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, index, column, value)
            cell.alignment = wrap_top
            cell.border = border
        cell = sheet.cell(row=index, column=5, value=round(row.diagnosticity, 6))
        cell.number_format = "0.00"
        cell.alignment = Alignment(horizontal="right", vertical="top")
        cell.border = border
        for column, hypothesis in enumerate(view.columns, start=first_hypothesis):
            rated = row.cells[hypothesis.id]
            cell = _put(sheet, index, column, rated.text)
            cell.fill = PatternFill("solid", fgColor=RATING_COLOURS[rated.colour].lstrip("#"))
            cell.font = Font(bold=True, color=RATING_TEXT_COLOURS[rated.colour].lstrip("#"))
            cell.alignment = centre
            cell.border = border
            if rated.differ:
                lines = [
                    f"{name}: {r.value if r else NOT_RATED}"
                    for name, r in zip(view.analysts, rated.ratings, strict=True)
                ]
                cell.comment = Comment(_xml_safe("\n".join(lines)), "argmap")
        cell = _put(sheet, index, note_column, row.note)
        cell.alignment = wrap_top
        cell.border = border

    score_row = len(view.rows) + 2
    label = sheet.cell(row=score_row, column=1, value="Score")
    label.font = Font(bold=True)
    meaning = _put(sheet, score_row, 2, view.meaning)
    meaning.font = Font(italic=True)
    for column in range(1, note_column + 1):
        sheet.cell(row=score_row, column=column).fill = header_fill
        sheet.cell(row=score_row, column=column).border = border
    for column, hypothesis in enumerate(view.columns, start=first_hypothesis):
        cell = sheet.cell(row=score_row, column=column, value=hypothesis.score)
        cell.number_format = score_format
        cell.font = Font(bold=True)
        cell.alignment = centre

    widths = {1: 10, 2: 50, 3: 12, 4: 11, 5: 13, note_column: 40}
    for column in range(1, note_column + 1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(column, 16)
    sheet.row_dimensions[1].height = 48
    sheet.freeze_panes = "C2"

    _notes_sheet(book.create_sheet("Notes"), view, result)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _notes_sheet(sheet: Any, view: _View, result: AchResult) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    heading = Font(bold=True, size=13)
    wrap = Alignment(wrap_text=True, vertical="top")
    line = 0

    def put(*values: Any, font: Any = None) -> None:
        nonlocal line
        line += 1
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                cell = _put(sheet, line, column, value)
            else:
                cell = sheet.cell(row=line, column=column, value=value)
            cell.alignment = wrap
            if font is not None and column == 1:
                cell.font = font

    def section(title: str) -> None:
        nonlocal line
        line += 1
        put(title, font=heading)

    put("ACH", view.title, font=heading)
    if view.question:
        put("Question", view.question, font=bold)
    put("Profile", f"{view.profile.value}: {view.explanation}", font=bold)
    put("Score", view.meaning, font=bold)
    put("Analysts", ", ".join(view.analysts), font=bold)

    section("Hypotheses, most likely first")
    for c in view.columns:
        put(c.id, f"rank {c.rank}, score {c.score_text}: {c.text}", font=bold)

    section("Ties")
    for group in view.ties:
        put(" = ".join(group), _tie_text(view, group))
    if not view.ties:
        put("None", "no two hypotheses share a score")

    section("Linchpins")
    for linchpin in view.linchpins:
        put(linchpin.row, linchpin.text, font=bold)
        for change in linchpin.changes:
            put("", change.describe())
    if not view.linchpins:
        put("None", "no single row left out or rating moved one step changes the top of the ranking")

    section("Disagreements")
    for entry in view.disagreements:
        put(f"{entry[0]} on {entry[1]}", _disagreement_text(entry))
    if not view.disagreements:
        put("None", "no cell's ratings lie two steps or more apart")

    section("Legend")
    for rating, name in [*RATING_NAMES.items(), (None, "not rated")]:
        put(rating.value if rating else "", f"{name} ({_rating_effect(result, rating)})" if rating else name)
        swatch = sheet.cell(row=line, column=1)
        swatch.fill = PatternFill("solid", fgColor=RATING_COLOURS[rating].lstrip("#"))
        swatch.font = Font(bold=True, color=RATING_TEXT_COLOURS[rating].lstrip("#"))
        swatch.alignment = Alignment(horizontal="center", vertical="top")
    if len(view.analysts) > 1:
        put("C/I", f"analysts differ (in analyst order; {NOT_RATED} not rated by that analyst)")

    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 100


# --------------------------------------------------------------------------- terminal


def _rich_style(rating: Rating | None) -> str:
    return f"bold {RATING_TEXT_COLOURS[rating]} on {RATING_COLOURS[rating]}"


TERMINAL_MIN_EVIDENCE = 16
"""Narrowest evidence column in the terminal table."""

TERMINAL_NOTE_WIDTH = 140
"""Terminals narrower than this get the matrix without the note column."""


def to_terminal(result: AchResult, graph: ArgumentMap, console: Console) -> None:
    """Print the ACH matrix to a rich console.

    Args:
        result: the scored matrix (:func:`argmap.ach.analyse`).
        graph: the map it was computed from, for statement texts and title.
        console: where to print (a :class:`rich.console.Console`).

    Prints a colour-coded table (hypotheses in ranking order, rows by
    diagnosticity, a score row), then the profile, ties, linchpins and
    disagreements. User text is escaped with :func:`rich.markup.escape`.
    The note column is left out on terminals narrower than
    :data:`TERMINAL_NOTE_WIDTH`.
    """
    from rich import box
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    view = _build(result, graph)
    table = Table(
        title=f"ACH: {escape(_one_line(view.title))}",
        caption=f"Score: {escape(view.meaning)} ({view.profile.value}); Cr./Rel.: credibility, relevance",
        show_lines=False,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    with_note = console.width >= TERMINAL_NOTE_WIDTH
    table.add_column("ID", no_wrap=True)
    table.add_column("Evidence", overflow="fold", min_width=TERMINAL_MIN_EVIDENCE, ratio=2)
    table.add_column("Cr.", no_wrap=True)
    table.add_column("Rel.", no_wrap=True)
    table.add_column("Diag.", justify="right", no_wrap=True)
    for c in view.columns:
        table.add_column(f"{escape(c.id)}\n#{c.rank}", justify="center", min_width=4, no_wrap=True)
    if with_note:
        table.add_column("Note", overflow="fold", min_width=24, ratio=3)
    for row in view.rows:
        cells = []
        for c in view.columns:
            cell = row.cells[c.id]
            text = cell.text + (f" {DIFFER_MARKER}" if cell.differ else "")
            cells.append(Text(text, style=_rich_style(cell.colour), justify="center"))
        table.add_row(
            escape(row.id),
            escape(_short(row.text)),
            row.credibility[:1].upper(),
            row.relevance[:1].upper(),
            _diagnosticity_text(row.diagnosticity),
            *cells,
            *([escape(_short(row.note))] if with_note else []),
        )
    table.add_section()
    scores = [f"[bold]{c.score_text}[/]" for c in view.columns]
    table.add_row("[bold]Score[/]", "", "", "", "", *scores, *([""] if with_note else []))
    say = partial(console.print, highlight=False)
    needed = TERMINAL_MIN_EVIDENCE + 40 + 7 * len(view.columns)
    width = console.width
    if width < needed:
        say(f"[dim](terminal narrower than the matrix: drawn {needed} columns wide)[/]")
        console.width = needed  # lines wrap on screen, but no column is dropped
    try:
        say(table)
    finally:
        console.width = width
    say(f"[bold]Profile:[/] {view.profile.value} — {escape(view.explanation)}")
    for c in view.columns:
        say(f"  [bold]{escape(c.id)}[/] (rank {c.rank}) {escape(_short(c.text))}")
    if view.ties:
        say("[bold]Ties:[/] " + "; ".join(escape(_tie_text(view, group)) for group in view.ties))
    if view.linchpins:
        say("[bold]Linchpins:[/]")
        for linchpin in view.linchpins:
            say(f"  [bold]{escape(linchpin.row)}[/] {escape(_short(linchpin.text))}")
            for change in linchpin.changes:
                say(f"    {escape(change.describe())}")
    else:
        say("[bold]Linchpins:[/] none")
    if len(view.analysts) > 1:
        say(
            "[bold]Disagreements:[/] "
            + ("; ".join(escape(_disagreement_text(e)) for e in view.disagreements) or "none")
        )
