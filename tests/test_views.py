"""Views of a map: summary, one group, the neighbourhood of a statement."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import Analysis, build_dot, load_map_text
from argmap.cli import main
from argmap.views import UnknownView, View, parse_view, select

MAP = """\
map: {title: Views}
statements:
  K1: {kind: claim, key: true, text: The bottom line.}
  R1: {kind: claim, text: A direct reason., supports: K1}
  R2: {kind: claim, text: A reason of the reason., supports: R1}
  O1: {kind: claim, text: An objection to the bottom line., rebuts: K1}
  U1: {kind: claim, text: An objection to the inference., undercuts: R1->K1}
  P1: {kind: claim, text: First co-premise.}
  P2: {kind: claim, text: Second co-premise.}
  H1: {kind: hypothesis, text: A course no link touches.}
  H2: {kind: hypothesis, text: A course an argument reaches.}
inferences:
  I1: {premises: [P1, P2], conclusion: R2}
  I2: {premises: [R2], conclusion: H2}
groups:
  G1: {label: Reasons, members: [R1, R2]}
"""


def graph():
    return Analysis(load_map_text(MAP, "m.yaml")).graph


def drawn(dot: str) -> set[str]:
    return set(re.findall(r'^\s*"statement (\w+)" \[label=<', dot, flags=re.M))


def references(dot: str) -> set[str]:
    return set(re.findall(r'^\s*"statement (\w+)" \[label=<<FONT POINT-SIZE="9"><B>', dot, flags=re.M))


def test_full_view_leaves_out_hypotheses_no_link_touches() -> None:
    assert drawn(build_dot(graph())) == {"K1", "R1", "R2", "O1", "U1", "P1", "P2", "H2"}


def test_summary_is_key_judgments_direct_reasons_and_objections() -> None:
    dot = build_dot(graph(), view=View("summary"))
    assert drawn(dot) == {"K1", "R1", "O1", "U1"}
    assert references(dot) == set()
    assert "Summary: the key judgments" in dot
    assert '"statement U1" -> "inference R1->K1"' in dot  # the undercut lands on its inference


def test_group_view_draws_links_outside_as_references() -> None:
    selection = select(graph(), View("group", "G1"))
    assert selection.shown == {"R1", "R2"}
    assert selection.references == {"K1", "P1", "P2", "U1", "H2"}
    dot = build_dot(graph(), view=View("group", "G1"))
    assert references(dot) == {"K1", "P1", "P2", "U1", "H2"}
    assert "· outside this view" not in dot  # the dotted style and the legend say so


@pytest.mark.parametrize(
    ("depth", "shown", "outside"),
    [(0, {"R2"}, {"R1", "P1", "P2", "H2"}), (1, {"R2", "R1", "P1", "P2", "H2"}, {"K1", "U1"})],
)
def test_around_reaches_depth_links(depth: int, shown: set[str], outside: set[str]) -> None:
    selection = select(graph(), View("around", "R2", depth))
    assert selection.shown == shown and selection.references == outside


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("bogus", "no view 'bogus'"),
        ("group", "names what it shows"),
        ("summary:K1", "takes no id"),
    ],
)
def test_bad_views_are_refused(text: str, message: str) -> None:
    with pytest.raises(UnknownView, match=message):
        parse_view(text)


def test_views_parse_with_colon_or_space() -> None:
    assert parse_view("group G1") == parse_view("group:G1") == View("group", "G1")
    assert parse_view("around:R2", 3) == View("around", "R2", 3)
    assert View("group", "G1").tag == "-group-G1" and View().tag == ""


@pytest.mark.parametrize(
    ("view", "message"), [("group:G9", "no group 'G9'"), ("around:Z1", "no statement 'Z1'")]
)
def test_render_refuses_a_view_of_what_the_map_lacks(tmp_path: Path, view: str, message: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), "--view", view, "-f", "dot"])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "renders").exists()


def test_render_names_a_view_in_its_default_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text(MAP, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "m.yaml", "--view", "summary", "-f", "dot"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "renders" / "m-summary.dot").exists()


def test_summary_refers_to_what_attacks_a_reason_and_draws_no_reason_of_a_reason() -> None:
    text = MAP.replace(
        "  P1: {kind: claim, text: First co-premise.}",
        "  P1: {kind: claim, text: First co-premise.}\n"
        "  Q1: {kind: claim, text: Against the reason., rebuts: R1}\n"
        "  R3: {kind: claim, text: Another reason of the reason., supports: R1}\n"
        "  R4: {kind: claim, text: A second direct reason., supports: [K1, R1]}",
    )
    analysis = Analysis(load_map_text(text, "m.yaml"))
    selection = select(analysis.graph, View("summary"))
    assert "Q1" in selection.references and "R3" not in selection.visible
    dot = build_dot(analysis.graph, view=View("summary"))
    assert '"statement Q1" -> "statement R1"' in dot
    assert '"statement R4" -> "statement R1"' not in dot  # R1's own reasons are not the summary's


def test_a_link_between_two_references_is_not_drawn() -> None:
    text = MAP.replace(
        "  H1: {kind: hypothesis",
        "  Z1: {kind: claim, text: Against P1., rebuts: P1}\n  H1: {kind: hypothesis",
    )
    analysis = Analysis(load_map_text(text, "m.yaml"))
    dot = build_dot(analysis.graph, view=View("around", "R1", 0))
    assert "P1" not in select(analysis.graph, View("around", "R1", 0)).visible
    assert '"statement Z1"' not in dot
    dot = build_dot(analysis.graph, view=View("group", "G1"))
    assert '"statement Z1" -> "statement P1"' not in dot  # both outside G1


def test_the_legend_gives_the_likelihood_bands_used_and_marks_the_analysts_assumptions() -> None:
    text = MAP.replace("text: The bottom line.}", "text: The bottom line., likelihood: likely}").replace(
        "  P2: {kind: claim, text: Second co-premise.}", "  P2: {kind: assumption, text: Second co-premise.}"
    )
    dot = build_dot(Analysis(load_map_text(text, "m.yaml")).graph)
    assert "<B>likelihood (ICD 203)</B>" in dot and '<TD>likely</TD><TD ALIGN="LEFT">55–80 %</TD>' in dot
    p2 = next(line for line in dot.splitlines() if line.lstrip().startswith('"statement P2"'))
    assert "the analyst&#x27;s, not the source&#x27;s" in p2 or "the analyst's, not the source's" in p2


def test_a_judgment_view_is_the_summary_of_one_key_judgment() -> None:
    text = MAP.replace(
        "  P1: {kind: claim, text: First co-premise.}",
        "  P1: {kind: claim, text: First co-premise.}\n"
        "  K2: {kind: claim, key: true, text: Another bottom line.}\n"
        "  R5: {kind: claim, text: Its reason., supports: K2}",
    )
    graph = Analysis(load_map_text(text, "m.yaml")).graph
    assert select(graph, View("judgment", "K2")).shown == {"K2", "R5"}
    assert select(graph, View("judgment", "K1")).shown == {"K1", "R1", "O1", "U1"}
    with pytest.raises(UnknownView, match="'R1' is not a key judgment"):
        select(graph, View("judgment", "R1"))
    assert parse_view("judgment:K2").tag == "-judgment-K2"


def test_depth_is_refused_for_a_view_it_does_not_apply_to(tmp_path) -> None:
    from click.testing import CliRunner

    from argmap.cli import main

    path = tmp_path / "m.yaml"
    path.write_text("map: {title: T}\nstatements:\n  C1: {kind: claim, text: A.}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), "-f", "dot", "--view", "summary", "--depth", "3"])
    assert result.exit_code == 2 and "--view around:ID" in result.output


def test_what_a_view_draws_is_worked_out_once() -> None:
    """``visible`` is read for every conflict while columns are placed: a new union each time made
    drawing 100,000 statements take minutes (issue 14)."""
    from argmap.views import Selection

    selection = Selection(shown=frozenset({"C1", "C2"}), references=frozenset({"E1"}))
    assert selection.visible == {"C1", "C2", "E1"}
    assert selection.visible is selection.visible
