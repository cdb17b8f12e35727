"""The showcase map of the SCO article: checked clean, faithful, fully quoted, rendered."""

from pathlib import Path

import pytest

from argmap import Analysis, Severity, build_dot, load_map, run_checks
from argmap.evaluate import evaluate
from argmap.model import StatementKind
from argmap.sources import coverage, normalise, read_source

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "maps" / "sco-expansion.yaml"
SEED = ROOT / "seeds" / "000_b27ba62403231285.txt"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / SEED.name

PAGE_FURNITURE = {
    # Two lines of one paragraph: a navigation link and an image file name.
    "Skip to content Shanghai_Cooperation_Organization_Secretariat_(20220909162501)",
    "China's Perspective on Expanding the SCO",
    "Russia's Perspective on Expanding the SCO",
    "Concerns From Other SCO Members",
    "The SCO in Coming Years",
    "The Shanghai Cooperation Organization Secretariat in Beijing.",
    "Credit: Photo by user N509FZ via Wikimedia Commons",
    "Back",
    "Related articles",
}


@pytest.fixture(scope="module")
def loaded():
    return Analysis(load_map(MAP))


def test_check_is_clean(loaded) -> None:
    findings = run_checks(loaded)
    assert [f for f in findings if f.severity == Severity.ERROR] == []
    # The honest warnings, each a true statement about the article and its matrix: the thesis and
    # the summing-up's growth judgment rest on one article (J002); the thesis partly on assumptions
    # it never states or supports (J003); the profiles of the matrix disagree (A013), and every
    # row of it comes from one author (A014).
    warnings = [(f.code, f.message) for f in findings if f.severity == Severity.WARNING]
    assert warnings == [
        ("J002", "key judgment 'C1' rests on one source only: S1"),
        ("J003", "key judgment 'C1' rests on unsupported assumption A11, A20"),
        ("J002", "key judgment 'C23' rests on one source only: S1"),
        ("A013", "the profiles put different hypotheses first: heuer H3 = H4; parc H3 = H4; likelihood H1"),
        ("A014", "all 27 sourced rows come from one originator (S1)"),
    ]


def test_seed_is_the_article_unchanged() -> None:
    if not SHARED_SEED.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_every_quote_is_in_the_seed(loaded) -> None:
    seed = read_source(SEED)
    quotes = [(sid, q) for sid, s in loaded.graph.statements.items() for q in s.quote]
    assert len(quotes) >= 30
    missing = [(sid, q) for sid, q in quotes if normalise(q) not in seed.text]
    assert missing == []


def test_every_substantive_sentence_is_quoted(loaded) -> None:
    seed = read_source(SEED)
    quote_spans = [seed.find(q) for s in loaded.graph.statements.values() for q in s.quote]
    excluded_spans = [seed.find(e.text) for e in loaded.graph.sources["S1"].excluded]
    result = coverage(seed, quote_spans, excluded_spans)
    assert [s.text for s in result.unquoted] == []
    assert len(result.quoted) == 29
    # Only page furniture and headings are excluded, never a sentence of the argument.
    assert {s.text for s in result.excluded} == PAGE_FURNITURE


def test_thesis_and_summing_up_are_the_key_judgments(loaded) -> None:
    graph = loaded.graph
    assert graph.key_judgments == ["C1", "C19", "C23", "C22"]
    assert "is expected to expand" in graph.statements["C1"].quote[0]
    # The summing-up is three judgments, each on its own grounds: regional stability (C19),
    # economic growth (C23) and a platform for China and Russia (C22).
    assert graph.statements["C19"].quote[0].startswith("In sum")
    assert graph.statements["C23"].quote == graph.statements["C19"].quote
    assert "platform for China and Russia" in graph.statements["C22"].quote[0]


def test_hedged_statements_keep_their_hedge_in_the_text(loaded) -> None:
    statements = loaded.graph.statements
    assert statements["C1"].text.startswith("The SCO is expected to expand, especially")
    assert "are likely to be" in statements["C2"].text
    assert "are expected to take" in statements["C17"].text
    assert "is possible" in statements["C15"].text
    # Restored: "would not be surprising" is not "may"; a pledge is not a delivery; the analyst's
    # conclusion from "possible if P" and P keeps "possible".
    assert statements["C10"].text.startswith("It would not be surprising if")
    assert statements["E8"].text.startswith("China pledged")
    # The platform judgment is read as likely, as its premise C2 is: the text says so too.
    assert statements["C22"].text.startswith("The SCO is likely to serve")


def test_estimative_words_are_recorded(loaded) -> None:
    words = {sid: s.estimative for sid, s in loaded.graph.statements.items() if s.estimative}
    assert words == {
        "C1": ["is expected to"],
        "C2": ["It is likely"],
        "C10": ["it would not be surprising"],
        "C15": ["It is possible"],
        "C17": ["is expected to"],
        "C19": ["will"],
        "C22": ["will"],
        "C23": ["will"],
    }
    for sid, terms in words.items():
        quote = normalise(" ".join(loaded.graph.statements[sid].quote))
        assert all(normalise(term) in quote for term in terms), sid


def test_assumptions_are_explicit_and_rated(loaded) -> None:
    assumptions = {sid: s for sid, s in loaded.graph.statements.items() if s.kind == StatementKind.ASSUMPTION}
    assert len(assumptions) >= 7
    for sid, statement in assumptions.items():
        assert statement.rating is not None, sid
        assert statement.why and statement.undermined_by and statement.impact_if_wrong, sid


def test_counter_considerations_are_objections(loaded) -> None:
    # Aimed at what they contradict, and weak where the article weakens rather than refutes.
    conflicts = {
        (c.attacker, c.kind.value, c.target, c.strength.value) for c in loaded.graph.conflicts.values()
    }
    assert conflicts == {
        ("C17", "rebut", "C10", "weak"),  # slow, cautious economic enlargement against more projects
        ("C17", "rebut", "C3", "weak"),  # ... and against more work with Iran a member
        ("E15", "undermine", "A5", "weak"),  # a U.S. tariff threat against pressure pushing members in
        ("E16", "rebut", "C16", "weak"),  # a past chair's non-security emphasis against the security focus
        ("C17", "rebut", "C23", "weak"),  # ... and against a dynamic role in economic growth
        ("E15", "undermine", "A11", "weak"),  # the threat against states close to the U.S. applying
    }
    assert not any(c.kind.value == "undercut" for c in loaded.graph.conflicts.values())
    labels = loaded.labelling.labels
    assert all(labels[sid] == "IN" for sid in ("C10", "C3", "A5", "C16"))  # weakened, not defeated
    # Each reaches a key judgment: C3 carries C23, C16 carries C19, A5 carries C1 (through C5).
    assert loaded.strengths.values["C3"] < 0.5 and loaded.strengths.values["C16"] < 0.5
    # Every key judgment is under burden of proof, and stands through an argument that stands.
    for key in loaded.graph.key_judgments:
        assert key in loaded.graph.burdened(), key
        assert any(labels[i] == "IN" for i in loaded.graph.inferences_into[key]), key


@pytest.mark.parametrize("view", ["full", "summary", "group:G2"])
def test_committed_dot_is_current(loaded, view: str) -> None:
    from argmap.views import parse_view

    picked = parse_view(view)
    committed = (ROOT / "renders" / f"sco-expansion{picked.tag}.dot").read_text(encoding="utf-8")
    expected = build_dot(loaded.graph, labels=evaluate(loaded.graph).labels, view=picked)
    assert committed == expected, "run 'make renders' and commit renders/"


def test_committed_svg_and_png_show_every_statement(loaded) -> None:
    svg = (ROOT / "renders" / "sco-expansion.svg").read_text(encoding="utf-8")
    for sid, statement in loaded.graph.statements.items():
        linked = statement.kind != "hypothesis" or loaded.graph.neighbours.get(sid)
        assert (f"<title>statement {sid}</title>" in svg) == bool(linked), sid
    assert (ROOT / "renders" / "sco-expansion.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("size", ["A4,landscape", "A3,landscape"])
def test_every_page_fits_at_nine_points_and_the_pages_hold_the_whole_map(loaded, size: str) -> None:
    import html
    import re
    import shutil

    from argmap.paging import MIN_TEXT_POINTS, parse_page, sheets
    from argmap.views import in_argument, select

    if shutil.which("dot") is None:
        pytest.skip("make test installs Graphviz")
    page = parse_page(size)
    pages = sheets(loaded.graph, loaded.labelling.labels, page)
    width, height = page.box
    for sheet in pages:
        assert sheet.scale == 1.0 and sheet.width <= width and sheet.height <= height, sheet.view.caption
        sizes = [float(x) for x in re.findall(r'font-size="([\d.]+)"', sheet.svg)]
        assert min(sizes) >= MIN_TEXT_POINTS, sheet.view.caption
    shown = set().union(*(select(loaded.graph, sheet.view).shown for sheet in pages[1:]))
    assert shown == {sid for sid in loaded.graph.statements if in_argument(loaded.graph, sid)}
    drawn = {html.unescape(i) for sheet in pages for i in re.findall(r'<g id="inf ([^ "]+) 0"', sheet.svg)}
    assert drawn == set(loaded.graph.inferences)
    assert len(pages) <= (26 if size.startswith("A4") else 16)  # a group a page where it fits


def test_ach_of_the_showcase(loaded) -> None:
    from argmap.ach import RowType, analyse, favoured_hypotheses
    from argmap.model import Profile

    graph = loaded.graph
    result = loaded.ach()
    matrix = result.matrix
    assert matrix.hypotheses == ("H1", "H2", "H3", "H4")
    # A disciplined set: exclusive and exhaustive, a horizon, a threshold each.
    assert (matrix.exclusive, matrix.exhaustive, matrix.horizon) == (True, True, "2030")
    assert all(graph.statements[h].threshold for h in matrix.hypotheses)
    # Every row is rated against every hypothesis, with a note, relevance and credibility set.
    for row in matrix.rows:
        assert set(matrix.ratings["argmap showcase"][row]) == {"H1", "H2", "H3", "H4"}, row
        assert graph.statements[row].relevance and graph.statements[row].ach_credibility, row
    # The article's counter-judgments are rows of their own kind; the assumptions a block apart.
    assert matrix.type_of("C16") == matrix.type_of("C17") == RowType.SOURCE_JUDGMENT
    assert len(matrix.assumption_rows) == 21 and matrix.excluded == {}
    # Worked by hand: only the article's own judgment that economic cooperation will be slow (C17)
    # rules anything out, the deeper courses; no reported event and no assumption does.
    assert result.block_scores["evidence"] == {"H1": 1, "H2": 1, "H3": 0, "H4": 0}
    assert result.block_scores["assumptions"] == {"H1": 0, "H2": 0, "H3": 0, "H4": 0}
    assert result.scores == {"H1": 1, "H2": 1, "H3": 0, "H4": 0}
    summary = result.summary
    assert (summary.leaders, summary.tentative) == (("H3", "H4"), True)  # breadth undecided
    assert summary.without_assumptions == ("H3", "H4")
    assert summary.inconsistency_sentence() == (
        "No reported evidence is rated inconsistent with any hypothesis: the I and II ratings are "
        "all in judgments (2 cells)."
    )
    assert not summary.profiles_agree
    assert (summary.sources, summary.originators) == (1, 1)
    # The map does not decide the matrix: no key judgment argues for a hypothesis.
    assert favoured_hypotheses(graph) == []
    likelihood = analyse(graph, Profile.LIKELIHOOD)
    assert likelihood.ranking[0] == "H1"
    assert likelihood.summary.posterior_withheld  # one author's rows are not independent


def test_committed_ach_renders_are_current(loaded) -> None:
    from argmap.ach import analyse
    from argmap.report.ach import to_html, to_markdown

    result = analyse(loaded.graph)
    renders = ROOT / "renders"
    assert (renders / "sco-expansion-ach.md").read_text(encoding="utf-8") == to_markdown(result, loaded.graph)
    assert (renders / "sco-expansion-ach.html").read_text(encoding="utf-8") == to_html(result, loaded.graph)


@pytest.mark.parametrize("name", ["sources", "assumptions", "indicators"])
def test_committed_tradecraft_tables_are_current(loaded, name: str) -> None:
    from argmap.report import render_file
    from argmap.report.tradecraft import TABLES

    report = TABLES[name].report(loaded)
    for suffix in ("md", "html"):
        committed = (ROOT / "renders" / f"sco-expansion-{name}.{suffix}").read_bytes()
        assert committed == render_file(report, suffix), f"run 'make renders' ({name}.{suffix})"


def test_the_showcase_under_the_analytic_standards(loaded) -> None:
    from argmap.model import Confidence, EvidenceType, ScaleName

    graph = loaded.graph
    assert graph.map.scale == ScaleName.ICD203
    # The thesis carries this map's reading of the article's "is expected to"; the summing-up is
    # stated as fact, and the map records that rather than invent a likelihood; each has a low
    # confidence with its basis.
    c1, c19, c22, c23 = (graph.statements[sid] for sid in ("C1", "C19", "C22", "C23"))
    likelihoods = (c1.likelihood, c19.likelihood, c22.likelihood, c23.likelihood)
    assert likelihoods == ("likely", "likely", "likely", "roughly even chance")
    assert not any(s.fact for s in (c1, c19, c22, c23))
    assert {s.confidence for s in (c1, c19, c22, c23)} == {Confidence.LOW}
    assert all("opinion piece" in s.confidence_basis for s in (c1, c19, c22, c23))
    # Only reported events and attributed statements are facts; the author's judgments are assessments.
    types = {sid: s.evidence_type for sid, s in graph.statements.items() if s.kind == StatementKind.EVIDENCE}
    attributed = {sid for sid, t in types.items() if t == EvidenceType.ATTRIBUTED}
    assert attributed == {"E15", "E16", "E20", "E21", "E22"}
    assert {sid for sid, t in types.items() if t == EvidenceType.EVENT} == {"E3", "E7", "E8", "E19"}
    # The grades follow the map's own rule (the article's own assessments cannot be judged, 6),
    # except items another source records, which are graded no higher than that record.
    rule = graph.map.credibility_rule
    stated_rule = {kind.value: grade.value for kind, grade in rule.items()}
    assert stated_rule == {"event": "3", "attributed": "3", "assessment": "6"}
    raised = {sid: graph.statements[sid].credibility.value for sid, t in types.items()}
    raised = {sid: grade for sid, grade in raised.items() if grade != rule[types[sid]].value}
    assert raised == dict.fromkeys(("E3", "E15", "E7", "E8", "E19", "E20", "E21", "E22"), "2")
    corroboration = {sid: graph.statements[sid].corroborated_by for sid in ("E3", "E15", "E7", "E8")}
    assert corroboration == {"E3": ["E19"], "E15": ["E20"], "E7": ["E21"], "E8": ["E22"]}
    sources = {graph.statements[sid].source[0] for sid in ("E19", "E20", "E21", "E22")}
    assert sources == {"S2", "S3", "S4", "S5"}
    # The source says what it is and when it was written.
    source = graph.sources["S1"]
    assert (source.kind.value, source.date) == ("opinion", "2024-12/2025-01")
    assert source.cutoff == "2024-12/2025-01-19"
    assert graph.information_cutoff == "2024-12/2025-01-19"
    assert "have not been checked" in graph.map.caveat
    assert "not support for current decisions" in " ".join(graph.map.caveat.split())
    # The assumptions the article needs but never states. The thesis has two routes, through
    # full members and through partners: no single assumption decides it, both together do.
    for sid in ("A8", "A9", "A10", "A11", "A12", "A13", "A14", "A15", "A16", "A17", "A18", "A19"):
        assert graph.statements[sid].kind == StatementKind.ASSUMPTION and graph.statements[sid].rating
    for sid in ("A6", "A11", "A12", "A13", "A16"):
        assert loaded.changed_key_judgments([sid]) == [], sid
    assert [key for key, _, _ in loaded.changed_key_judgments(["A11", "A16"])] == ["C1"]
    # With the unsupported A11 gone, the thesis stands on the partner route: A16 carries it.
    assert loaded.unsupported_assumptions == ("A11", "A20", "A3")
    assert loaded.changed_once_unsupported_fail("A16") == [("C1", "IN", "OUT")]
    # The table names only the unsupported assumption C1 rests on, not A3 (regression).
    from argmap.report import render_file
    from argmap.report.tradecraft import TABLES

    table = render_file(TABLES["assumptions"].report(loaded), "md").decode()
    assert "| C1 IN → OUT once A11, A20 (unsupported) fail |" in table
    assert [key for key, _, _ in loaded.changed_key_judgments(["A17"])] == ["C19", "C23"]
    assert [key for key, _, _ in loaded.changed_key_judgments(["A19"])] == ["C19"]
    assert [key for key, _, _ in loaded.changed_key_judgments(["A9"])] == ["C22"]
    # Indicators: the six the issue names, and (rule I004, run above) two per hypothesis.
    texts = " ".join(i.text for i in graph.model.indicators.values())
    asked = ("new full member", "development bank", "CSTO", "India signs", "dialogue partner", "tariff")
    for words in asked:
        assert words in texts, words
    # None is checked against events since the article: the map says so rather than guess.
    assert {i.status.value for i in graph.model.indicators.values()} == {"not assessed"}


def test_check_says_the_same_whatever_the_hash_seed() -> None:
    import subprocess
    import sys

    def check(seed: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", "from argmap.cli import main; main()", "check", str(MAP)],
            capture_output=True,
            text=True,
            env={**__import__("os").environ, "PYTHONHASHSEED": seed},
        )
        return done.stdout

    assert check("1") == check("2") == check("3")  # regression: grounds were listed in set order
