"""Paged output: views that fit the page with no text under 9 points, printed to one PDF."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import Analysis, load_map_text
from argmap.cli import main
from argmap.paging import PageSize, parse_page, sheets
from argmap.views import View

MAP = """\
map: {title: Pages}
statements:
  K1: {kind: claim, key: true, text: The bottom line.}
  R1: {kind: claim, text: A direct reason., supports: K1}
  R2: {kind: claim, text: A reason of the reason., supports: R1}
  O1: {kind: claim, text: An objection., rebuts: K1}
  P1: {kind: claim, text: First co-premise.}
  P2: {kind: claim, text: Second co-premise.}
  L1: {kind: claim, text: A loose statement.}
inferences:
  I1: {premises: [P1, P2], conclusion: R2}
groups:
  G1: {label: Reasons, members: [R1, R2, P1, P2]}
"""


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("A4", (595, 842)),
        ("a4,landscape", (842, 595)),
        ("Letter", (612, 792)),
        ("A3, landscape", (1191, 842)),
    ],
)
def test_page_sizes(text: str, size: tuple[int, int]) -> None:
    page = parse_page(text)
    assert (round(page.width), round(page.height)) == size


@pytest.mark.parametrize("text", ["A5", "A4,sideways", "A4,landscape,extra", ""])
def test_unknown_pages_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="pages: A4, A3, letter"):
        parse_page(text)


def _needs(programs: tuple[str, ...]) -> None:
    if any(shutil.which(p) is None for p in programs) or not Path("/usr/bin/chromium").exists():
        if os.environ.get("CI"):
            pytest.fail("make test installs Graphviz and Debian's chromium")
        pytest.skip("Graphviz and Debian's chromium are installed by make test")


def test_every_view_fits_at_natural_size_and_every_statement_is_on_a_page() -> None:
    _needs(("dot",))
    analysis = Analysis(load_map_text(MAP, "m.yaml"))
    page = parse_page("A4,landscape")
    found = sheets(analysis.graph, analysis.labelling.labels, page)
    width, height = page.box
    assert all(sheet.scale == 1.0 and sheet.width <= width and sheet.height <= height for sheet in found)
    fonts = {float(size) for sheet in found for size in re.findall(r'font-size="([\d.]+)"', sheet.svg)}
    assert min(fonts) >= 9.0
    drawn = {sid for sheet in found for sid in re.findall(r"<title>statement (\w+)</title>", sheet.svg)}
    assert drawn == {"K1", "R1", "R2", "O1", "P1", "P2", "L1"}
    assert [sheet.view.kind for sheet in found][:2] == ["members", "judgment"]  # the legend first


def test_a_view_too_big_is_cut_into_runs_of_its_statements() -> None:
    _needs(("dot",))
    analysis = Analysis(load_map_text(MAP, "m.yaml"))
    tiny = PageSize("tiny", 500, 300)
    found = sheets(analysis.graph, analysis.labelling.labels, tiny, legend=False)
    parts = [sheet for sheet in found if sheet.view.caption.startswith("Group G1")]
    assert [sheet.view.caption[-8:] for sheet in parts] == ["(1 of 2)", "(2 of 2)"]
    assert all(sheet.scale == 1.0 for sheet in parts)
    assert {m for sheet in parts for m in sheet.view.members} == {"R1", "R2"}  # each with its reasons
    assert all(sheet.view.caption in sheet.svg for sheet in parts)


def test_a_statement_whose_reasons_do_not_fit_is_cut_an_inference_at_a_time() -> None:
    _needs(("dot",))
    text = MAP.replace(
        "  I1: {premises: [P1, P2], conclusion: R2}", "  I1: {premises: [P1, P2], conclusion: K1}"
    )
    analysis = Analysis(load_map_text(text, "m.yaml"))
    found = sheets(analysis.graph, analysis.labelling.labels, PageSize("tiny", 560, 300), legend=False)
    judgment = [sheet for sheet in found if sheet.view.caption.startswith("Key judgment K1")]
    assert len(judgment) == 2
    assert sorted(sheet.view.inferences for sheet in judgment) == [("I1",), ("R1->K1",)]


def test_render_page_writes_one_paged_pdf_the_same_each_time(tmp_path: Path) -> None:
    _needs(("dot",))
    path = tmp_path / "m.yaml"
    path.write_text(MAP, encoding="utf-8")
    first = CliRunner().invoke(
        main, ["render", str(path), "--page", "A4,landscape", "-o", f"{tmp_path}/one.pdf"]
    )
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(
        main, ["render", str(path), "--page", "A4,landscape", "-o", f"{tmp_path}/two.pdf"]
    )
    assert again.exit_code == 0
    pdf = (tmp_path / "one.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf == (tmp_path / "two.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) >= 3
    assert b"about:blank" not in pdf  # the document's title is the map's


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--page", "A5"], "no page 'A5'"), (["--page", "A4", "-f", "svg"], "add pdf to -f")],
)
def test_bad_page_options(tmp_path: Path, args: list[str], message: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), *args])
    assert result.exit_code == 2 and message in result.output


def test_a_pdf_is_paged_a4_landscape_unless_page_none(tmp_path: Path) -> None:
    _needs(("dot",))
    path = tmp_path / "m.yaml"
    path.write_text(MAP, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["render", str(path), "-f", "pdf,svg", "--view", "summary", "-o", f"{tmp_path}/"]
    )
    assert result.exit_code == 0, result.output
    paged = (tmp_path / "m-summary.pdf").read_bytes()
    assert re.search(rb"/MediaBox\s*\[\s*0 0 841\.9\d* 595\.\d+", paged)  # A4 landscape, from Chromium
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", paged)) == 2  # the legend, then the summary
    assert (tmp_path / "m-summary.svg").exists()
    result = CliRunner().invoke(
        main, ["render", str(path), "-f", "pdf", "--page", "none", "-o", f"{tmp_path}/n.pdf"]
    )
    assert result.exit_code == 0, result.output
    single = (tmp_path / "n.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", single)) == 1 and b"cairo" in single  # drawn by Graphviz


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_a_pdf_named_by_its_suffix_is_paged_and_page_none_alone_writes_one_page(tmp_path: Path) -> None:
    _needs(("dot",))
    path = tmp_path / "m.yaml"
    path.write_text(MAP, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), "-o", f"{tmp_path}/x.pdf"])
    assert result.exit_code == 0, result.output
    assert _pages((tmp_path / "x.pdf").read_bytes()) > 1
    result = CliRunner().invoke(main, ["render", str(path), "--page", "none", "-o", f"{tmp_path}/one/"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "one").iterdir()] == ["m.pdf"]
    assert _pages((tmp_path / "one" / "m.pdf").read_bytes()) == 1


@pytest.mark.parametrize("args", [["--page", "none", "-f", "svg"], ["--page", ""], ["--page", " , "]])
def test_page_options_that_say_nothing_are_refused(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), *args])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_the_pages_do_not_depend_on_the_order_of_the_file() -> None:
    _needs(("dot",))
    lines = MAP.splitlines(keepends=True)
    start, end = lines.index("statements:\n") + 1, lines.index("inferences:\n")
    reordered = "".join(lines[:start] + lines[start:end][::-1] + lines[end:])
    page = PageSize("tiny", 500, 300)
    one, other = (Analysis(load_map_text(text, "m.yaml")) for text in (MAP, reordered))
    first = sheets(one.graph, one.labelling.labels, page)
    second = sheets(other.graph, other.labelling.labels, page)
    assert [sheet.svg for sheet in first] == [sheet.svg for sheet in second]


def test_an_around_view_too_big_is_cut_and_a_scaled_last_page_adds_no_empty_page(tmp_path: Path) -> None:
    _needs(("dot",))
    many = [f"P{n}" for n in range(3, 30)]
    premises = "".join(f"  {p}: {{kind: claim, text: Premise {p} of many.}}\n" for p in many)
    inference = f"  I2: {{premises: [{', '.join(many)}], conclusion: K1}}\n"
    text = MAP.replace("inferences:\n", premises + "inferences:\n" + inference)
    analysis = Analysis(load_map_text(text, "m.yaml"))
    wide = parse_page("A4,landscape")
    found = sheets(analysis.graph, analysis.labelling.labels, wide, view=View("around", "R1"))
    assert len(found) > 2  # the legend, then the neighbourhood cut into parts
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    args = ["render", str(path), "--view", "judgment:K1", "-f", "pdf", "-o", f"{tmp_path}/k.pdf"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "scaled to fit: smallest text" in result.output
    judged = sheets(analysis.graph, analysis.labelling.labels, wide, view=View("judgment", "K1"))
    assert judged[-1].scale < 1 or any(sheet.scale < 1 for sheet in judged)
    assert _pages((tmp_path / "k.pdf").read_bytes()) == len(judged)


def test_corroboration_is_drawn_on_the_pages() -> None:
    _needs(("dot",))
    text = MAP.replace(
        "  L1: {kind: claim, text: A loose statement.}\n",
        "  L1: {kind: claim, text: A loose statement., corroborated_by: [L2]}\n"
        "  L2: {kind: evidence, text: Another record of it.}\n",
    )
    analysis = Analysis(load_map_text(text, "m.yaml"))
    found = sheets(analysis.graph, analysis.labelling.labels, parse_page("A4,landscape"))
    assert "corroborates" in found[0].svg  # the legend explains the mark
    assert any('id="cor L2 L1"' in sheet.svg for sheet in found[1:])
