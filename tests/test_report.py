"""The report layer: a throwaway producer rendered in every format, and the model's rules."""

import csv
import io
import re

import pytest

from argmap.report import Cell, Column, Field, Item, Part, Report, Section, Style, Table
from argmap.report import csv as csv_renderer
from argmap.report import html as html_renderer
from argmap.report import markdown as markdown_renderer
from argmap.report import terminal as terminal_renderer
from argmap.report import xlsx as xlsx_renderer

openpyxl = pytest.importorskip("openpyxl")
rich_console = pytest.importorskip("rich.console")

HOSTILE = "=cmd|' /C calc'!A0 <script>alert(1)</script> a|b \u202e \x1b[2J"
SHOWN = r"=cmd|' /C calc'!A0 <script>alert(1)</script> a|b \u202e \x1b[2J"
"""HOSTILE as the model keeps it: the bidi override and the escape character written as escapes."""

PALETTE = (Style("bad", "#B2182B", "#FFFFFF", bold=True), Style("good", "#1B7837", "#FFFFFF"))


def sources_report() -> Report:
    """A small producer: a two-column table of sources, one of them hostile, and three short sections."""
    table = Table(
        "Sources",
        (Column("id", "ID", width=8), Column("title", "Title", width=40, shorten=True)),
        rows=(
            (Cell("S1"), Cell(HOSTILE, style="bad", tooltip="a hostile title")),
            ("S2", "Plain [bold]title[/]"),
        ),
        footer=((Cell("Total", bold=True, data="total"), Cell("2", number=2)),),
    )
    return Report(
        "Sources of m.yaml",
        fields=(Field("Map", "m.yaml", tag="v1"),),
        sections=(
            Section("Sources", table=table, caption="One row per source."),
            Section("Unused", empty=None),
            Section("Gaps", empty="None: every source is graded."),
            Section("Ties", empty="None: no ties.", optional=True),
            Section(
                "Grades",
                items=(
                    Item("reliable", lead="A", style="good", note="full formats only"),
                    Item("a detail", lead="D", detail=True),
                    Item("x" * 100, lead="L", shorten=True, sub=("first change",)),
                ),
            ),
        ),
        palette=PALETTE,
    )


def table_cells(markdown: str) -> list[list[str]]:
    rows = []
    for line in markdown.splitlines():
        if line.startswith("| "):
            rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]])
    return rows


# --------------------------------------------------------------------------- the model


def test_the_model_makes_text_visible_once() -> None:
    assert Cell("a\x1bb").text == r"a\x1bb"
    assert Cell(r"a\x1bb").text == r"a\x1bb"  # already visible: unchanged
    assert Item("x\u202ey", lead="\x07").lead == r"\x07"
    assert Section("H", paragraphs=("one\r\ntwo\tthree",)).paragraphs == ("one\ntwo three",)
    assert Report("T\u2066").title == r"T\u2066"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: Report("T", sections=(Section("S", items=(Item("x", style="nope"),)),)),
            "not in the palette",
        ),
        (lambda: Cell("x", flags=("loud",)), "unknown flags"),
        (lambda: Cell("x", style="has space"), "is not a name"),
        (lambda: Cell("x", bar=1.5), "between 0 and 1"),
        (lambda: Style("s", "red", "#FFFFFF"), "is not #RRGGBB"),
        (lambda: Table("T", (Column("a", "A"),), rows=(("1", "2"),)), "a row of 2 cells"),
        (lambda: Table("a:b", (Column("a", "A"),)), "cannot name a sheet"),
        (lambda: Column("a", "A", align="middle"), "alignment"),
        (lambda: Report("T", palette=(PALETTE[0], PALETTE[0])), "names a style twice"),
        (
            lambda: Report(
                "T",
                sections=(
                    Section(
                        "S",
                        table=Table("T", (Column("a", "A"),), rows=((Cell(parts=(Part("x", "nope"),)),),)),
                    ),
                ),
            ),
            "not in the palette",
        ),
    ],
)
def test_the_model_refuses_what_no_renderer_could_show(build, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()


def test_sections_shown_by_brief_and_full_formats() -> None:
    report = sources_report()
    shown = {s.heading: (s.shown(full=False), s.shown(full=True)) for s in report.sections}
    assert shown == {
        "Sources": (True, True),
        "Unused": (False, False),
        "Gaps": (True, True),
        "Ties": (False, True),
        "Grades": (True, True),
    }


# --------------------------------------------------------------------------- Markdown


def test_markdown_table_cells_and_escapes() -> None:
    markdown = markdown_renderer.render(sources_report())
    rows = table_cells(markdown)
    assert rows[0] == ["ID", "Title"]
    assert rows[1] == ["---", "---"]
    hostile = r"=cmd\|' /C calc'!A0 \<script\>alert(1)\</script\> a\|b \\u202e \\x1b\[2J"
    assert rows[2] == ["S1", hostile]
    assert rows[3] == ["S2", r"Plain \[bold\]title\[/\]"]
    assert rows[4] == ["**Total**", "2"]
    assert "<script>" not in markdown
    assert "\u202e" not in markdown and "\x1b" not in markdown


def test_markdown_layout_leaves_out_what_brief_formats_leave_out() -> None:
    markdown = markdown_renderer.render(sources_report())
    assert markdown.startswith("# Sources of m.yaml\n\n**Map:** v1 — m.yaml\n\n## Sources\n\n| ID |")
    assert "## Unused" not in markdown  # empty, no empty text: left out
    assert "## Gaps\n\nNone: every source is graded.\n" in markdown
    assert "## Ties" not in markdown  # optional and empty
    assert "One row per source" not in markdown  # caption: full formats only
    assert "- **A** reliable\n" in markdown and "full formats only" not in markdown
    assert "a detail" not in markdown
    assert f"- **L** {'x' * 69}…\n  - first change\n" in markdown
    assert markdown.endswith("first change\n")


# --------------------------------------------------------------------------- CSV


def test_csv_parses_back_with_the_formula_guard() -> None:
    text = csv_renderer.render(sources_report())
    assert "\r\n\r\n" not in text  # one table: plain CSV
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["id", "title"], ["S1", "'" + SHOWN], ["S2", "Plain [bold]title[/]"], ["total", "2"]]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_csv_of_several_tables_writes_blocks_separated_by_an_empty_line() -> None:
    first = Table("A", (Column("id", "ID"), Column("n", "N")), rows=(("x", "1"),))
    second = Table("B", (Column("key", "Key"),), rows=(("+y",), ("z",)))
    report = Report("Two", sections=(Section("One", table=first), Section("Other", table=second)))
    text = csv_renderer.render(report)
    assert text == "id,n\r\nx,1\r\n\r\nkey\r\n'+y\r\nz\r\n"
    blocks = [list(csv.reader(io.StringIO(block))) for block in text.split("\r\n\r\n")]
    assert blocks == [[["id", "n"], ["x", "1"]], [["key"], ["'+y"], ["z"]]]


def test_csv_of_a_report_without_tables_is_empty() -> None:
    assert csv_renderer.render(Report("None", sections=(Section("S", paragraphs=("text",)),))) == ""


# --------------------------------------------------------------------------- HTML


def test_html_is_escaped_and_self_contained() -> None:
    html = html_renderer.render(sources_report())
    assert html.startswith("<!DOCTYPE html>")
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'\"" in html
    assert "<script" not in html.lower()
    assert not re.search(r"\b(src|href)\s*=", html)
    assert "http://" not in html and "https://" not in html and "@import" not in html and "url(" not in html
    assert "@media print" in html
    escaped = "=cmd|&#39; /C calc&#39;!A0 &lt;script&gt;alert(1)&lt;/script&gt; a|b \\u202e \\x1b[2J"
    assert f'<td class="cell bad" title="a hostile title">{escaped}</td>' in html
    assert "\u202e" not in html and "\x1b" not in html


def test_html_styles_rows_and_full_format_content() -> None:
    html = html_renderer.render(sources_report())
    assert ".bad { background: #B2182B; color: #FFFFFF; font-weight: 700; }" in html
    assert ".good { background: #1B7837; color: #FFFFFF; }" in html
    assert '<th class="col-id" scope="row">S1</th>' in html
    assert '<th class="col-id bold" scope="row">Total</th>' in html  # footer
    assert html.index("<tfoot>") < html.index(">Total<")
    assert '<p class="muted">One row per source.</p>' in html  # caption
    assert '<p class="muted">None: no ties.</p>' in html  # optional empty section
    assert "<h2>Unused</h2>" not in html
    assert (
        '<span class="swatch good">A</span> reliable <span class="muted">(full formats only)</span>' in html
    )
    assert "a detail" in html
    assert "x" * 100 in html  # full formats do not shorten items
    assert '<dd><span class="pill">v1</span> m.yaml</dd>' in html


# --------------------------------------------------------------------------- Excel


def test_xlsx_quote_prefix_fills_comments_and_notes() -> None:
    book = openpyxl.load_workbook(io.BytesIO(xlsx_renderer.render(sources_report())))
    assert book.sheetnames == ["Sources", "Notes"]
    sheet = book["Sources"]
    assert [c.value for c in sheet[1]] == ["ID", "Title"]
    assert all(c.font.bold for c in sheet[1])
    hostile = sheet["B2"]
    assert hostile.value == SHOWN  # shown as typed...
    assert hostile.data_type == "s" and hostile.quotePrefix  # ...stored as text, never a formula
    assert hostile.fill.fgColor.rgb.endswith("B2182B")
    assert hostile.font.color.rgb.endswith("FFFFFF") and hostile.font.bold
    assert hostile.comment is not None and hostile.comment.text == "a hostile title"
    assert sheet["B3"].value == "Plain [bold]title[/]" and not sheet["B3"].quotePrefix
    assert sheet["A4"].value == "Total" and sheet["A4"].font.bold
    assert sheet["B4"].value == 2  # the number, not the text
    assert sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["B"].width == 40
    assert sheet["A6"].value == "One row per source."  # caption under the table
    notes = [row for row in book["Notes"].iter_rows(values_only=True)]
    assert notes[0][0] == "Sources of m.yaml"
    assert ("Map", "v1 — m.yaml") in notes
    assert ("Gaps", None) in notes and (None, "None: every source is graded.") in notes
    assert ("Ties", None) in notes and (None, "None: no ties.") in notes
    assert ("A", "reliable (full formats only)") in notes and ("D", "a detail") in notes
    assert not any(row[0] == "Unused" for row in notes)
    swatch = next(row for row in book["Notes"].iter_rows() if row[0].value == "A")[0]
    assert swatch.fill.fgColor.rgb.endswith("1B7837")


def test_xlsx_sheet_names_stay_unique() -> None:
    table = Table("Notes", (Column("a", "A"),), rows=(("1",),))
    report = Report("T", sections=(Section("One", table=table), Section("Two", table=table)))
    book = openpyxl.load_workbook(io.BytesIO(xlsx_renderer.render(report)))
    assert book.sheetnames == ["Notes 2", "Notes 3", "Notes"]


# --------------------------------------------------------------------------- terminal


def record(report: Report, width: int = 120):
    console = rich_console.Console(
        record=True, width=width, color_system="truecolor", force_terminal=True, file=io.StringIO()
    )
    terminal_renderer.render(report, console)
    return console


def test_terminal_shows_user_text_and_never_sends_it() -> None:
    console = record(sources_report())
    text = console.export_text(clear=False)
    assert len(SHOWN) < 70 and SHOWN in text  # escapes shown, not sent
    assert "Plain [bold]title[/]" in text  # markup shown, not interpreted
    assert "\x1b[2J" not in console.export_text(styles=True, clear=False)
    assert "\u202e" not in text
    assert "background-color: #b2182b" in console.export_html(inline_styles=True).lower()


def test_terminal_layout() -> None:
    text = record(sources_report()).export_text()
    lines = text.splitlines()
    assert "Sources of m.yaml" in lines[0]  # the only table carries the report's title
    assert [line.split()[:1] for line in lines if line.split()[:1] in (["S1"], ["S2"], ["Total"])] == [
        ["S1"],
        ["S2"],
        ["Total"],
    ]
    assert lines.index("Map: v1 — m.yaml") > next(i for i, line in enumerate(lines) if "Total" in line)
    assert "Gaps: None: every source is graded." in lines
    assert not any(line.startswith(("Ties", "Unused")) for line in lines)
    assert "One row per source." not in text and "a detail" not in text and "full formats" not in text
    assert f"  L {'x' * 69}…" in lines and "    first change" in lines


def test_terminal_keeps_every_column_on_a_narrow_console() -> None:
    columns = (Column("id", "Identifier"), *(Column(f"c{i}", f"Column{i}") for i in range(8)))
    optional = Column("note", "Note", optional=True)
    rows = ((Cell("row-one"), *(Cell(f"value{i}") for i in range(8)), Cell("a note")),)
    table = Table("Wide", (*columns, optional), rows=rows)
    text = record(Report("Wide", sections=(Section("Wide table", table=table),)), width=50).export_text()
    assert "(terminal narrower than the wide table: drawn" in text
    header = next(line for line in text.splitlines() if "Identifier" in line)
    assert all(f"Column{i}" in header for i in range(8))
    assert "Note" not in header and "a note" not in text  # optional: left out on narrow consoles


def test_terminal_note_on_width_only_on_a_real_terminal() -> None:
    columns = tuple(Column(f"c{i}", f"Column{i}") for i in range(8))
    table = Table("Wide", columns, rows=(tuple(Cell(f"value{i}") for i in range(8)),))
    report = Report("Wide", sections=(Section("Wide table", table=table),))
    piped = rich_console.Console(record=True, width=50, file=io.StringIO())
    terminal_renderer.render(report, piped)
    text = piped.export_text()
    assert "terminal narrower" not in text and "Column7" in text
