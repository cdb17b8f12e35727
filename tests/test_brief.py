"""The briefing: content and order, refusal, escaping, HTML in a browser, PDF text, templates."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import Analysis, load_map, load_map_text
from argmap.brief import DRAFT, build_briefing, shortcomings, to_markdown
from argmap.cli import main
from argmap.printing import CHROMIUM, CHROMIUM_ARGS
from argmap.views import View, select

ROOT = Path(__file__).resolve().parent.parent
SHOWCASE = ROOT / "maps" / "sco-expansion.yaml"

MAP = """\
map:
  title: Will the talks succeed?
  question: Do the talks end in a deal by June?
  author: A. Analyst
  date: 2026-05-01
  banner: tlp:amber
  bottom_line: A deal is likely by June, though it hangs on neither side bluffing.
statements:
  K1:
    kind: claim
    key: true
    burden: true
    text: The talks are likely to end in a deal.
    likelihood: likely
    confidence: moderate
    confidence_basis: Two independent reports agree.
  E1:
    kind: evidence
    text: Both sides said a deal is near.
    source: S1
  A1:
    kind: assumption
    text: Neither side is bluffing.
    rating: unsupported
inferences:
  I1: {premises: [E1, A1], conclusion: K1}
sources:
  S1: {title: A news report, reliability: B}
"""

ACH = """\
  H1: {kind: hypothesis, text: A deal by June.}
  H2: {kind: hypothesis, text: No deal by June.}
ach:
  ratings:
    E1: {H1: C, H2: I}
    A1: {H1: C, H2: N}
"""


def _with_ach(text: str = MAP) -> str:
    hypotheses, ratings = ACH.split("ach:")
    return text.replace("inferences:\n", hypotheses + "inferences:\n") + "ach:" + ratings


def _needs_browser() -> None:
    if shutil.which("dot") is None or not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("make test installs Graphviz and Debian's chromium")
        pytest.skip("Graphviz and Debian's chromium are installed by make test")


def _brief(tmp_path: Path, text: str, *args: str) -> tuple[int, str]:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["brief", str(path), "-o", f"{tmp_path}/out/", *args])
    return result.exit_code, result.output


# ----------------------------------------------------------------------------- what it holds


def test_the_bottom_line_states_likelihood_band_and_confidence_apart() -> None:
    analysis = Analysis(load_map_text(MAP, "m.yaml"))
    made = build_briefing(analysis, None)
    [judgment] = made.judgments
    assert judgment.likelihood_sentence == (
        "Likelihood: likely (55–80 % on the ICD 203 scale), this map's reading; "
        "the source gives no estimative words."
    )
    assert judgment.confidence_sentence == "Confidence: moderate. Two independent reports agree."
    assert judgment.change_sentence == (
        "What would change it: its support would fail if this proved wrong: A1: Neither side is bluffing."
    )
    assert made.bottom_line.startswith("A deal is likely by June")
    assert made.banner == "TLP:AMBER" and made.banner_lines == (("TLP:AMBER", "tlp-amber"),)
    assert [f.label for f in made.fields] == ["Question", "Author", "Date"]


def test_a_part_without_data_is_left_out() -> None:
    made = build_briefing(Analysis(load_map_text(MAP, "m.yaml")), None)
    anchors = [anchor for anchor, _ in made.contents]
    assert anchors == [
        "bluf",
        "assumptions",
        "sources",
        "gaps",
        "scales",
    ]  # no ACH, no indicators, no diagram
    assert all(part.sections for part in made.parts)
    markdown = to_markdown(made)
    assert "## Competing hypotheses" not in markdown and "## Indicators" not in markdown
    assert (
        "## Information gaps" in markdown
        and "assumption rated unsupported: Neither side is bluffing." in markdown
    )


def test_the_ach_part_gives_the_summary_and_what_would_change_the_ranking() -> None:
    analysis = Analysis(load_map_text(_with_ach(), "m.yaml"))
    made = build_briefing(analysis, analysis.ach())
    [ach] = [part for part in made.parts if part.anchor == "ach"]
    headings = [section.heading for section in ach.sections]
    assert headings[:3] == ["Summary", "Hypotheses, in the map's order", "Matrix"]
    assert "What would change the ranking" in headings
    [alternatives] = [part for part in made.parts if part.anchor == "alternatives"]
    assert [item.lead for item in alternatives.sections[0].items] == ["H1", "H2"]
    assert "leads" in alternatives.sections[0].items[0].text


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ("    likelihood: likely\n", "key judgment K1 has no likelihood term"),
        ("    confidence: moderate\n", "key judgment K1 has no confidence"),
        ("    confidence_basis: Two independent reports agree.\n", "without the basis for it"),
        (
            "  bottom_line: A deal is likely by June, though it hangs on neither side bluffing.\n",
            "no bottom_line",
        ),
    ],
)
def test_a_key_judgment_missing_a_part_of_the_standard_is_a_shortcoming(change: str, problem: str) -> None:
    analysis = Analysis(load_map_text(MAP.replace(change, ""), "m.yaml"))
    assert any(problem in found for found in shortcomings(analysis))


def test_a_key_judgment_that_does_not_stand_is_a_shortcoming() -> None:
    objection = "  X1: {kind: claim, text: No deal is near., rebuts: K1}\n"
    text = MAP.replace("inferences:\n", objection + "inferences:\n")
    assert "key judgment K1 is OUT in the map's own argument" in shortcomings(
        Analysis(load_map_text(text, "m.yaml"))
    )


def test_an_unscoreable_matrix_is_a_shortcoming() -> None:
    analysis = Analysis(load_map_text(_with_ach(), "m.yaml"))
    assert any("cannot be scored (A001)" in found for found in shortcomings(analysis, ["A001"]))
    assert shortcomings(analysis) == []


# ----------------------------------------------------------------------------- the command


def test_the_showcase_is_briefed_because_it_meets_the_standards_and_refused_without_a_confidence(
    tmp_path: Path,
) -> None:
    _needs_browser()
    text = SHOWCASE.read_text(encoding="utf-8")
    assert shortcomings(Analysis(load_map(SHOWCASE))) == []
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "sco-expansion.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "argmap.toml").write_text('source-roots = ["seeds"]\n', encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(
        main, ["brief", f"{tmp_path}/maps/sco-expansion.yaml", "-f", "md", "-o", f"{tmp_path}/b.md"]
    )
    assert ok.exit_code == 0, ok.output
    without = text.replace("    confidence: low\n", "", 1)
    (tmp_path / "maps" / "sco-expansion.yaml").write_text(without, encoding="utf-8")
    refused = runner.invoke(main, ["brief", f"{tmp_path}/maps/sco-expansion.yaml", "-o", f"{tmp_path}/c/"])
    assert refused.exit_code == 1
    assert "error: key judgment C1 has no confidence" in refused.output and "--draft" in refused.output
    assert not (tmp_path / "c").exists()  # nothing written


def test_a_draft_is_written_under_a_draft_banner_that_lists_what_is_missing(tmp_path: Path) -> None:
    _needs_browser()
    status, output = _brief(
        tmp_path, MAP.replace("    confidence: moderate\n", ""), "--draft", "-f", "html,md"
    )
    assert status == 0, output
    assert "draft: key judgment K1 has no confidence" in output
    html = (tmp_path / "out" / "m-brief.html").read_text(encoding="utf-8")
    markdown = (tmp_path / "out" / "m-brief.md").read_text(encoding="utf-8")
    assert html.count(DRAFT) == 2 and markdown.count(DRAFT) == 2  # top and bottom
    assert "Not ready for issue" in html and "key judgment K1 has no confidence" in markdown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--banner", "TLP:WHITE"], "is no TLP 2.0 label"),
        (["--page", "A5"], "no page 'A5'"),
        (["-f", "docx"], "docx"),
        (["--template", "/nonexistent/folder"], "is not a folder of templates"),
    ],
)
def test_bad_options_are_refused_clearly(tmp_path: Path, args: list[str], message: str) -> None:
    status, output = _brief(tmp_path, MAP, *args)
    assert status == 2 and message in output and "Traceback" not in output


def test_a_tlp_banner_in_the_map_must_be_a_tlp_label(tmp_path: Path) -> None:
    status, output = _brief(tmp_path, MAP.replace("banner: tlp:amber", "banner: TLP:PURPLE"), "-f", "md")
    assert status == 2 and "m.yaml:6:" in output and "is no TLP 2.0 label" in output


def test_a_users_template_replaces_argmaps_and_runs_sandboxed(tmp_path: Path) -> None:
    _needs_browser()
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "brief.md.j2").write_text("MINE {{ brief.title | md }}\n", encoding="utf-8")
    status, output = _brief(tmp_path, MAP, "-f", "md", "--template", str(mine))
    assert status == 0, output
    assert (tmp_path / "out" / "m-brief.md").read_text(encoding="utf-8") == "MINE Will the talks succeed?\n"
    (mine / "brief.md.j2").write_text("{{ brief.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    status, output = _brief(tmp_path, MAP, "-f", "md", "--template", str(mine), "-o", f"{tmp_path}/x.md")
    assert status == 2 and "the template cannot be used" in output
    (mine / "brief.md.j2").write_text("{% if %}\n", encoding="utf-8")
    status, output = _brief(tmp_path, MAP, "-f", "md", "--template", str(mine), "-o", f"{tmp_path}/y.md")
    assert status == 2 and "line 1" in output


# ----------------------------------------------------------------------------- user text stays text


def test_hostile_text_is_text_in_html_markdown_and_pdf(tmp_path: Path) -> None:
    _needs_browser()
    import pypdf

    text = (
        MAP.replace(
            "title: Will the talks succeed?", "title: '<script>alert(1)</script> \"quoted\" & ''single'' אבג'"
        )
        .replace(
            "text: The talks are likely to end in a deal.", "text: 'A deal <b>soon</b> & \"sure\" שלום.'"
        )
        .replace("Two independent reports agree.", "'<img src=x onerror=alert(2)> agree.'")
    )
    status, output = _brief(tmp_path, text)
    assert status == 0, output
    html = (tmp_path / "out" / "m-brief.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<b>soon</b>" not in html and "&amp; &#34;sure&#34;" in html
    markdown = (tmp_path / "out" / "m-brief.md").read_text(encoding="utf-8")
    assert "<script>" not in markdown and "\\<script\\>" in markdown and "\\<img src=x" in markdown
    reader = pypdf.PdfReader(io.BytesIO((tmp_path / "out" / "m-brief.pdf").read_bytes()))
    words = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "<script>alert(1)</script> \"quoted\" & 'single'" in words
    assert "<img src=x onerror=alert(2)> agree." in words and "<b>soon</b>" in words


# ----------------------------------------------------------------------------- the showcase's briefing


@pytest.fixture(scope="module")
def showcase_brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _needs_browser()
    folder = tmp_path_factory.mktemp("brief")
    result = CliRunner().invoke(main, ["brief", str(SHOWCASE), "-o", f"{folder}/"])
    assert result.exit_code == 0, result.output
    return folder


def test_the_pdf_has_the_banner_on_every_page_and_every_key_judgment(showcase_brief: Path) -> None:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO((showcase_brief / "sco-expansion-brief.pdf").read_bytes()))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) > 10
    assert all(page.count("TLP:CLEAR") >= 2 for page in pages)  # atop and below
    assert all(re.search(rf"page {number} of {len(pages)}", page) for number, page in enumerate(pages, 1))
    words = re.sub(r"(\w)- (\w)", r"\1-\2", " ".join(pages))  # a line broken after a hyphen
    analysis = Analysis(load_map(SHOWCASE))
    for sid in analysis.graph.key_judgments:
        statement = analysis.graph.statements[sid]
        assert f"{sid} {' '.join(statement.text.split())} Likelihood: {statement.likelihood} (" in words
        assert f"Confidence: {statement.confidence}." in words
    assert "Contents" in words


def test_the_html_in_a_browser(showcase_brief: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    analysis = Analysis(load_map(SHOWCASE))
    html = showcase_brief / "sco-expansion-brief.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            problems: list[str] = []
            requested: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("request", lambda request: requested.append(request.url))
            page.goto(html.as_uri())
            page.screenshot(path=str(tmp_path / "brief.png"), full_page=False)
            assert (tmp_path / "brief.png").stat().st_size > 10_000
            # Every part the map has data for, none empty, in the briefing's order.
            parts = page.eval_on_selector_all(
                "section.part", "els => els.map(e => [e.id, e.innerText.trim().split('\\n').length])"
            )
            expected = ["bluf", "argument", "ach", "alternatives", "assumptions", "indicators", "sources"]
            assert [anchor for anchor, _ in parts] == [*expected, "gaps", "scales"]
            assert all(lines > 2 for _, lines in parts), parts
            contents = page.eval_on_selector_all("nav.toc a", "els => els.map(e => e.getAttribute('href'))")
            assert contents == [f"#{anchor}" for anchor, _ in parts]
            # The summary diagram shows every statement of the summary view.
            drawn = page.eval_on_selector_all(
                '#summary-diagram g.node[id^="s-"]', "els => els.map(e => e.id.slice(2))"
            )
            assert set(drawn) == set(select(analysis.graph, View("summary")).visible)
            # Hover shows the full text and source; clicking a matrix row highlights its statement.
            page.hover('#summary-diagram g.node[id="s-C1"]')
            tip = page.locator("#summary-diagram #argmap-tip")
            assert tip.is_visible() and "Source S1" in (tip.text_content() or "")
            page.click('#ach tr.linked th:text-is("C3")')
            lit = page.eval_on_selector_all("#summary-diagram .argmap-hi", "els => els.map(e => e.id)")
            assert "s-C3" in lit
            page.click('#ach tr.linked th:text-is("E2")')  # not in the summary: the full map opens
            assert page.locator("#full-map").get_attribute("open") is not None
            lit = page.eval_on_selector_all("#full-map .argmap-hi", "els => els.map(e => e.id)")
            assert "s-E2" in lit
            assert problems == []
            assert requested == [html.as_uri()], requested  # the page itself, nothing else
        finally:
            browser.close()


def test_the_committed_briefing_is_current(showcase_brief: Path) -> None:
    for suffix in ("html", "md"):
        committed = (ROOT / "renders" / f"sco-expansion-brief.{suffix}").read_text(encoding="utf-8")
        made = (showcase_brief / f"sco-expansion-brief.{suffix}").read_text(encoding="utf-8")
        assert committed == made, "run 'make renders' and commit renders/"
    assert (ROOT / "renders" / "sco-expansion-brief.pdf").read_bytes().startswith(b"%PDF")


# ----------------------------------------------------------------------------- found by a fresh-clone test


def test_an_output_file_picks_the_one_format_by_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP, encoding="utf-8")
    result = CliRunner().invoke(main, ["brief", str(path), "-o", f"{tmp_path}/x.md"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml", "x.md"]


@pytest.mark.parametrize(
    "body", ["{{ 1/0 }}", "{{ 1 + 'a' }}", "{% for x in 5 %}{% endfor %}", "{{ 'x' | truncate(-1) }}"]
)
def test_a_template_that_fails_as_it_runs_is_a_usage_error_and_nothing_is_written(
    tmp_path: Path, body: str
) -> None:
    _needs_browser()
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "brief.md.j2").write_text(body + "\n", encoding="utf-8")
    status, output = _brief(tmp_path, MAP, "--template", str(mine))
    assert status == 2 and "the template in" in output and "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_a_template_linked_outside_its_folder_is_refused(tmp_path: Path) -> None:
    mine = tmp_path / "templates"
    mine.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET\n", encoding="utf-8")
    (mine / "brief.md.j2").symlink_to(secret)
    status, output = _brief(tmp_path, MAP, "-f", "md", "--template", str(mine))
    assert status == 2 and "is not a template file inside" in output


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("likelihood: likely", "likelihood: quite likely", "E001"),
        ("confidence_basis: Two independent reports agree.", "confidence_basis: '   '", "without the basis"),
    ],
)
def test_a_map_that_fails_its_checks_is_not_briefed(tmp_path: Path, old: str, new: str, problem: str) -> None:
    status, output = _brief(tmp_path, MAP.replace(old, new), "-f", "md")
    assert status == 1 and problem in output


def test_a_key_judgment_stated_as_fact_needs_no_likelihood() -> None:
    text = MAP.replace("    likelihood: likely\n", "    fact: true\n")
    analysis = Analysis(load_map_text(text, "m.yaml"))
    assert shortcomings(analysis) == []
    [judgment] = build_briefing(analysis, None).judgments
    assert judgment.likelihood_sentence == "Stated as fact; no likelihood is given."


@pytest.mark.parametrize(
    ("banner", "message"), [("\u202eOFFICIAL", None), ("\x1b[31mRED", None), ("x" * 81, "at most 80")]
)
def test_a_banner_is_one_short_line_of_visible_text(tmp_path: Path, banner: str, message: str | None) -> None:
    status, output = _brief(tmp_path, MAP, "-f", "md", "--banner", banner)
    if message:
        assert status == 2 and message in output
        return
    assert status == 0, output
    markdown = (tmp_path / "out" / "m-brief.md").read_text(encoding="utf-8")
    assert "\u202e" not in markdown and "\x1b" not in markdown
    assert "\\\\u202e" in markdown or "\\\\x1b" in markdown


# ------------------------------------------------------------------------- found by a second fresh-clone test


def test_a_draft_shows_control_and_direction_characters_as_escapes(tmp_path: Path) -> None:
    text = MAP.replace("likelihood: likely", 'likelihood: "quite\\e[31m\\u202elikely"')
    status, output = _brief(tmp_path, text, "--draft", "-f", "md")
    assert status == 0, output
    markdown = (tmp_path / "out" / "m-brief.md").read_text(encoding="utf-8")
    assert "\u202e" not in markdown and "\x1b" not in markdown


def test_a_template_folder_must_hold_a_template_file(tmp_path: Path) -> None:
    mine = tmp_path / "templates"
    mine.mkdir()
    status, output = _brief(tmp_path, MAP, "-f", "md", "--template", str(mine))
    assert status == 2 and "holds neither" in output
    (mine / "brief.md.j2").mkdir()
    status, output = _brief(tmp_path, MAP, "-f", "md", "--template", str(mine))
    assert status == 2 and "is not a template file" in output


def test_the_briefing_never_writes_over_its_template(tmp_path: Path) -> None:
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "brief.md.j2").write_text("MINE\n", encoding="utf-8")
    (tmp_path / "out.md").symlink_to(mine / "brief.md.j2")
    status, output = _brief(tmp_path, MAP, "-f", "md", "--template", str(mine), "-o", f"{tmp_path}/out.md")
    assert status == 2 and "input" in output
    assert (mine / "brief.md.j2").read_text(encoding="utf-8") == "MINE\n"


def test_the_pdf_prints_the_diagram_at_its_natural_size(showcase_brief: Path) -> None:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO((showcase_brief / "sco-expansion-brief.pdf").read_bytes()))
    sizes: list[float] = []

    def visit(text: str, cm: list, tm: list, font: dict, size: float) -> None:
        if text.strip():
            sizes.append(size * (tm[0] if tm[0] else 1) * (cm[0] if cm[0] else 1))

    for page in reader.pages:
        if "Summary: the key judgments" in page.extract_text():
            page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 8.9  # nothing shrunk below the 9 points the pages are cut for
