"""ACH reports: Markdown, CSV, JSON, HTML, Excel and terminal output of one matrix."""

import csv
import io
import json
import re

import pytest

from argmap import Analysis, load_map_text
from argmap.ach import analyse
from argmap.model import Profile, Rating
from argmap.report.ach import (
    RATING_COLOURS,
    to_csv,
    to_html,
    to_json,
    to_markdown,
    to_terminal,
    to_xlsx,
)

openpyxl = pytest.importorskip("openpyxl")
rich_console = pytest.importorskip("rich.console")

MAP = """\
map: {title: Test, question: Which course?}
sources:
  S1: {title: Registry, reliability: B}
statements:
  H1: {kind: hypothesis, text: Broad enlargement}
  H2: {kind: hypothesis, text: Security focus}
  H3: {kind: hypothesis, text: Stagnation}
  E1: {kind: evidence, text: "Iran joined | 2023 <b>", source: S1, credibility: 1}
  E2: {kind: evidence, text: "=HYPERLINK(\\"x\\")", relevance: high}
  E3: {kind: evidence, text: Neutral item}
  E4: {kind: assumption, text: Members agree}
ach:
  ratings:
    E1: {H1: C, H2: I, H3: II, note: why one}
    E2: {H1: I, H2: C, H3: C}
    E3: {H1: N, H2: N, H3: N}
    E4: {H1: CC, H2: II, H3: NA}
"""
# Heuer scores: H1 = 1 (E2 I), H3 = 2 (E1 II), H2 = 3 (E1 I + E4 II): ranking H1, H3, H2.
# Diagnosticity (steps, CC 2 ... II -2): E4 (2, -2) -> 4, E1 (1, -1, -2) -> 3, E2 (-1, 1, 1) -> 2, E3 0.
# Effect (heuer, points): E1 (0, 1, 2) -> 2, E4 (0, 2, 0) -> 2, E2 (1, 0, 0) -> 1, E3 0.
# The matrix shows H1, H2, H3 (the map's order); the evidence block E1, E2, E3, then the assumption E4.
COLUMNS = [
    "ID",
    "Row",
    "Type",
    "Source",
    "Date",
    "Credibility",
    "Relevance",
    "Diagnosticity (steps)",
    "Effect (points)",
]

TEAM_MAP = """\
map: {title: "Team <i>map</i>", question: Which?, author: Ann}
statements:
  H1: {kind: hypothesis, text: Alpha}
  H2: {kind: hypothesis, text: Beta}
  E1: {kind: evidence, text: "First\\x1b[31m item"}
  E2: {kind: evidence, text: Second item}
ach:
  ratings:
    E1: {H1: C, H2: I}
    E2: {H1: N, H2: C}
  analysts:
    bob:
      E1: {H1: I, H2: I}
      E2: {H2: CC}
"""


def result_of(text: str = MAP, profile: Profile | None = None):
    graph = Analysis(load_map_text(text, "m.yaml")).graph
    result = analyse(graph, profile)
    assert result is not None
    return result, graph


def table_lines(markdown: str) -> list[list[str]]:
    rows = []
    for line in markdown.splitlines():
        if line.startswith("| "):
            # Split on pipes that are not backslash-escaped.
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            rows.append([cell.strip() for cell in cells])
    return rows


def test_the_fixture_scores_as_expected() -> None:
    result, _ = result_of()
    assert result.ranking == ["H1", "H3", "H2"]
    assert result.scores == {"H1": 1.0, "H2": 3.0, "H3": 2.0}
    assert result.rows == ["E4", "E1", "E2", "E3"]  # diagnosticity 4, 3, 2, 0 steps


# --------------------------------------------------------------------------- Markdown


def test_markdown_matrix_parc_style() -> None:
    markdown = to_markdown(*result_of())
    rows = table_lines(markdown)
    header = rows[0]
    assert header[:9] == COLUMNS
    assert header[9:12] == ["H1 (rank 1)", "H2 (rank 3)", "H3 (rank 2)"]
    assert header[12] == "Note"
    assert all(len(row) == 13 for row in rows)
    head, body = rows[2:6], rows[6:]
    assert [row[0] for row in head] == [
        "**Score**",
        "**Rank**",
        "**Score, evidence**",
        "**Score, assumptions**",
    ]
    assert [row[9:12] for row in head] == [
        ["**1**", "**3**", "**2**"],
        ["**#1**", "**#3**", "**#2**"],
        ["**1**", "**1**", "**2**"],
        ["**0**", "**2**", "**0**"],
    ]
    assert [row[0] for row in body] == ["E1", "E2", "E3", "E4"]
    assert body[0][2:] == ["evidence", "S1", "", "high", "medium", "3.00", "2.00", "C", "I", "II", "why one"]
    assert body[1][2:12] == ["evidence", "", "", "medium", "high", "2.00", "1.00", "I", "C", "C"]
    e4 = [
        "E4",
        "Members agree",
        "assumption",
        "",
        "",
        "medium",
        "medium",
        "4.00",
        "2.00",
        "CC",
        "II",
        "NA",
        "",
    ]
    assert body[3] == e4


def test_markdown_summary_in_words_comes_first() -> None:
    markdown = to_markdown(*result_of())
    summary = markdown.split("## Summary")[1].split("## ")[0]
    assert "H1 ranks first under heuer, 1 point ahead of H3 — tentative" in summary
    assert "One rating moved one step changes the top" in summary
    assert "Without the 1 assumption row, the top changes: H1 = H2 first" in summary
    assert "rest on 1 source from 1 originator; 2 of them have no source." in summary
    assert markdown.index("## Summary") < markdown.index("| ID |")
    assert "most likely" not in markdown.split("## Legend")[0].replace("more likely", "")


def test_markdown_header_and_legends() -> None:
    markdown = to_markdown(*result_of())
    assert markdown.startswith("# ACH: Test\n")
    assert "**Question:** Which course?" in markdown
    assert "inconsistency — lower is more likely" in markdown
    assert "- **H1** (rank 1, score 1): Broad enlargement" in markdown
    assert markdown.index("- **H1**") < markdown.index("- **H2**") < markdown.index("- **H3**")
    assert markdown.index("- **H3**") < markdown.index("| ID |")
    for code, name in [("CC", "very consistent"), ("II", "very inconsistent"), ("NA", "not applicable")]:
        assert f"- **{code}** {name}" in markdown
    assert "## Ties" not in markdown
    assert "## Disagreements" not in markdown  # one analyst


def test_markdown_escapes_user_text() -> None:
    markdown = to_markdown(*result_of())
    assert r"Iran joined \| 2023 \<b\>" in markdown
    assert "<b>" not in markdown
    assert not re.search(r"(?<!\\)\| 2023", markdown)


def test_markdown_lists_linchpins_with_their_changes() -> None:
    markdown = to_markdown(*result_of())
    linchpins = markdown.split("## Linchpins")[1].split("## Legend")[0]
    assert "- **E1** Iran joined" in linchpins
    assert "  - without E1: H3 first (top changes)" in linchpins
    assert r"  - E1 on H3 II -\> I: H1 = H3 first (tie created)" in linchpins
    assert "  - without E4: H1 = H2 first (tie created)" in linchpins


def test_markdown_likelihood_profile_says_higher_is_better() -> None:
    markdown = to_markdown(*result_of(profile=Profile.LIKELIHOOD))
    assert "posterior probability — higher is more likely" in markdown
    score = table_lines(markdown)[2]
    assert score[9:12] == ["**0.864**", "**0.045**", "**0.091**"]
    assert "under one-step changes" in markdown  # the posterior is a range, not one number


def test_markdown_ties_are_listed() -> None:
    tied = MAP.replace("E2: {H1: I, H2: C, H3: C}", "E2: {H1: II, H2: C, H3: C}")
    result, graph = result_of(tied)
    assert result.ties == [("H1", "H3")]
    markdown = to_markdown(result, graph)
    assert "- H1 = H3 (score 2)" in markdown
    assert "H1 (rank 1) | H2 (rank 3) | H3 (rank 1)" in markdown
    assert "H1 and H3 tie for first under heuer" in markdown


def test_markdown_several_analysts() -> None:
    markdown = to_markdown(*result_of(TEAM_MAP))
    rows = {row[0]: row for row in table_lines(markdown)[2:]}
    assert rows["E1"][9:11] == ["C/I", "I"]  # H1, H2 in the map's order
    assert rows["E2"][9:11] == ["N", "C/CC"]  # bob left E2 on H1 blank: Ann's N stands
    assert "## Disagreements" in markdown
    assert "- E1 on H1: Ann C, bob I" in markdown
    assert r"First\\x1b\[31m item" in markdown  # the escape character is shown, not sent
    assert "\x1b" not in markdown
    assert r"# ACH: Team \<i\>map\</i\>" in markdown


# --------------------------------------------------------------------------- CSV


def test_csv_parses_back_with_formula_guard() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(*result_of()))))
    assert rows[0] == [
        "id",
        "text",
        "type",
        "source",
        "date",
        "credibility",
        "relevance",
        "diagnosticity",
        "effect",
        "H1",
        "H2",
        "H3",
        "note",
    ]
    assert [row[0] for row in rows[1:]] == [
        "score",
        "rank",
        "score-evidence",
        "score-assumptions",
        "E1",
        "E2",
        "E3",
        "E4",
    ]
    by_id = {row[0]: row for row in rows}
    assert by_id["E1"] == [
        "E1",
        "Iran joined | 2023 <b>",
        "evidence",
        "S1",
        "",
        "high",
        "medium",
        "3.00",
        "2.00",
        "C",
        "I",
        "II",
        "why one",
    ]
    assert by_id["E2"][1] == '\'=HYPERLINK("x")'
    assert by_id["score"][9:12] == ["1", "3", "2"]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_csv_guards_every_formula_start() -> None:
    hostile = (
        MAP.replace("note: why one", 'note: "@SUM(A1)"')
        .replace("text: Neutral item", 'text: "-2+3"')
        .replace("E3: {H1: N, H2: N, H3: N}", 'E3: {H1: N, H2: N, H3: N, note: "\\t=1+1"}')
        .replace("text: Members agree", 'text: "+cmd"')
    )
    rows = {row[0]: row for row in csv.reader(io.StringIO(to_csv(*result_of(hostile))))}
    assert rows["E1"][-1] == "'@SUM(A1)"
    assert rows["E3"][1] == "'-2+3"
    assert rows["E3"][-1] == "' =1+1"  # a tab becomes a space; the formula behind it is still guarded
    assert rows["E4"][1] == "'+cmd"


# --------------------------------------------------------------------------- JSON


def test_json_round_trips_and_holds_the_analysis() -> None:
    data = to_json(*result_of())
    assert json.loads(json.dumps(data)) == data
    assert data["title"] == "Test"
    assert data["profile"]["name"] == "heuer"
    assert data["profile"]["lower_is_more_likely"] is True
    assert [(h["id"], h["rank"], h["score"]) for h in data["hypotheses"]] == [
        ("H1", 1, 1.0),
        ("H2", 3, 3.0),
        ("H3", 2, 2.0),
    ]
    assert [row["id"] for row in data["rows"]] == ["E1", "E2", "E3", "E4"]
    e1 = data["rows"][0]
    assert e1["text"] == "Iran joined | 2023 <b>"
    assert (e1["type"], e1["sources"], e1["scored"]) == ("evidence", ["S1"], True)
    assert e1["ratings"]["H3"] == {"analyst": "II"}
    assert e1["merged"] == {"H1": "C", "H2": "I", "H3": "II"}
    assert (e1["diagnosticity"], e1["effect"]) == (pytest.approx(3.0), pytest.approx(2.0))
    assert data["summary"]["leaders"] == ["H1"] and data["summary"]["tentative"] is True
    assert data["summary"]["margin"] == pytest.approx(1.0)
    assert data["block_scores"]["assumptions"] == {"H1": 0.0, "H2": 2.0, "H3": 0.0}
    assert e1["note"] == "why one"
    linchpins = {lp["row"]: lp for lp in data["linchpins"]}
    assert list(linchpins) == ["E1", "E4", "E2", "E3"]
    assert linchpins["E1"]["changes"][0]["description"] == "without E1: H3 first (top changes)"
    assert linchpins["E1"]["changes"][1]["before"] == "II"
    assert data["ties"] == []
    assert data["disagreements"] == []


def test_json_several_analysts() -> None:
    data = to_json(*result_of(TEAM_MAP))
    assert data["analysts"] == ["Ann", "bob"]
    e2 = next(row for row in data["rows"] if row["id"] == "E2")
    assert e2["ratings"]["H1"] == {"Ann": "N"}
    assert e2["ratings"]["H2"] == {"Ann": "C", "bob": "CC"}
    assert e2["differ"] == {"H1": False, "H2": True}
    assert e2["merged"] == {"H1": "N", "H2": "C/CC"}
    assert data["disagreements"] == [{"row": "E1", "hypothesis": "H1", "ratings": {"Ann": "C", "bob": "I"}}]
    assert json.loads(json.dumps(data)) == data


# --------------------------------------------------------------------------- HTML


def test_html_is_self_contained_and_escaped() -> None:
    html = to_html(*result_of())
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html.lower()
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"\b(src|href)\s*=", html)
    assert "url(" not in html and "@import" not in html
    assert "Iran joined | 2023 &lt;b&gt;" in html
    assert "<b>" not in html
    assert "=HYPERLINK(&#34;x&#34;)" in html


def test_html_colours_and_orders() -> None:
    html = to_html(*result_of())
    ii = RATING_COLOURS[Rating.II]
    assert re.search(rf"\.r-II \{{ background: {ii};", html)
    assert '<td class="cell r-II">II</td>' in html
    heads = re.findall(r'<span class="hid">(\w+)</span>', html)
    assert heads == ["H1", "H2", "H3"]
    rows = re.findall(r'<th class="col-id" scope="row">(\w+)<span class="kind">', html)
    assert rows == ["E1", "E2", "E3", "E4"]
    assert '<td class="diag">3.00<span class="bar">' in html
    assert re.findall(r'<td class="score[^"]*">([^<]*)</td>', html)[:3] == ["1", "3", "2"]
    assert html.index('<tbody class="head">') < html.index('scope="row">E1<')
    assert "inconsistency — lower is more likely" in html
    assert "without E1: H3 first (top changes)" in html
    assert "very inconsistent" in html


def test_html_marks_cells_on_which_analysts_differ() -> None:
    html = to_html(*result_of(TEAM_MAP))
    assert "Team &lt;i&gt;map&lt;/i&gt;" in html
    assert "\x1b" not in html
    cell = re.search(r'<td class="cell r-N disputed" title="Ann: C; bob: I">(.*?)</td>', html, re.S)
    assert cell is not None
    assert '<span class="chip r-C" title="Ann">C</span>' in cell.group(1)
    assert '<span class="chip r-I" title="bob">I</span>' in cell.group(1)
    assert "≠" in cell.group(1)
    assert "<h2>Disagreements</h2>" in html


# --------------------------------------------------------------------------- Excel


def test_xlsx_matrix_fills_and_panes() -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(*result_of())))
    assert book.sheetnames == ["ACH", "Notes"]
    sheet = book["ACH"]
    assert sheet.freeze_panes == "C6"  # below the header and the four score rows
    header = [cell.value for cell in sheet[1]]
    assert header[:9] == COLUMNS
    assert [h.split("\n")[0] for h in header[9:12]] == ["H1 (rank 1)", "H2 (rank 3)", "H3 (rank 2)"]
    assert all(cell.font.bold for cell in sheet[1])
    assert [sheet.cell(row=r, column=1).value for r in range(2, 10)] == [
        "Score",
        "Rank",
        "Score, evidence",
        "Score, assumptions",
        "E1",
        "E2",
        "E3",
        "E4",
    ]
    ii_cell = sheet["L6"]  # E1 on H3
    assert ii_cell.value == "II"
    assert ii_cell.fill.fgColor.rgb.endswith(RATING_COLOURS[Rating.II].lstrip("#"))
    cc_cell = sheet["J9"]  # E4 on H1
    assert cc_cell.value == "CC"
    assert cc_cell.fill.fgColor.rgb.endswith(RATING_COLOURS[Rating.CC].lstrip("#"))
    # Shown as typed, stored as text with Excel's quote prefix: never a formula.
    assert sheet["B7"].value == '=HYPERLINK("x")'
    assert sheet["B7"].data_type == "s"
    assert sheet["B7"].quotePrefix
    assert sheet["B6"].alignment.wrap_text
    assert [sheet.cell(row=2, column=c).value for c in (10, 11, 12)] == [1, 3, 2]
    assert sheet["H6"].value == pytest.approx(3.0)
    assert sheet.column_dimensions["B"].width >= 40


def test_xlsx_notes_sheet() -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(*result_of(TEAM_MAP))))
    notes = [row for row in book["Notes"].iter_rows(values_only=True)]
    firsts = [row[0] for row in notes]
    for heading in ("Ties", "Linchpins", "Disagreements", "Legend"):
        assert heading in firsts
    assert ("E1 on H1", "E1 on H1: Ann C, bob I") in notes
    differ = book["ACH"]["J5"]  # E1 on H1: the first hypothesis column; E2 (more diagnostic) is row 4
    assert differ.value == "C/I"
    assert differ.comment is not None and "bob: I" in differ.comment.text


# --------------------------------------------------------------------------- terminal


def test_terminal_table_in_map_order_with_scores_first() -> None:
    console = rich_console.Console(record=True, width=200)
    to_terminal(*result_of(), console)
    text = console.export_text()
    header = next(line for line in text.splitlines() if "H1" in line and "H2" in line)
    assert header.index("H1") < header.index("H2") < header.index("H3")
    lines = text.splitlines()
    order = [
        next(i for i, line in enumerate(lines) if line.split()[:1] == [row])
        for row in ("Score", "E1", "E2", "E3", "E4")
    ]
    assert order == sorted(order)
    score = next(line for line in lines if line.split()[:1] == ["Score"])
    assert score.split()[1:] == ["1", "3", "2"]
    assert "Iran joined | 2023 <b>" in text
    assert "Linchpins:" in text
    assert "without E1: H3 first (top changes)" in text


def test_terminal_colours_cells_and_escapes_markup() -> None:
    hostile = MAP.replace("text: Neutral item", 'text: "[bold red]x[/] \\x1b[2J"')
    console = rich_console.Console(
        record=True, width=200, color_system="truecolor", force_terminal=True, file=io.StringIO()
    )
    to_terminal(*result_of(hostile), console)
    text = console.export_text(clear=False)
    assert "[bold red]x[/]" in text  # shown, not interpreted
    assert "\x1b[2J" not in console.export_text(styles=True, clear=False)
    assert "\\x1b[2J" in text
    html = console.export_html(inline_styles=True)
    assert "background-color: #b2182b" in html.lower()


def test_json_states_the_caveat_and_the_cutoff() -> None:
    from argmap import Analysis, load_map_text
    from argmap.ach import analyse
    from argmap.report.ach import to_json

    text = """\
map: {title: t, caveat: Restates one article.}
sources:
  S1: {title: a, cutoff: 2025-01-19}
statements:
  H1: {kind: hypothesis, text: The SCO grows.}
  H2: {kind: hypothesis, text: The SCO stalls.}
  E1: {kind: evidence, text: Iran joined., source: S1}
ach:
  ratings:
    E1: {H1: C, H2: I}
"""
    graph = Analysis(load_map_text(text, "m.yaml")).graph
    data = to_json(analyse(graph), graph)
    assert (data["caveat"], data["information_cutoff"]) == ("Restates one article.", "2025-01-19")
