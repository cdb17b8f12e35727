"""Each command's behaviour through the application layer (argmap.app), and the bugs it fixed."""

from __future__ import annotations

import json
import math
from pathlib import Path
from xml.etree import ElementTree

import pytest

from argmap import app
from argmap.analysis import Analysis
from argmap.errors import MapError
from argmap.evaluate import Label
from argmap.iccma import Semantics
from argmap.load import load_map, load_map_text
from argmap.model import Profile

XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"

SMALL = """\
map: {title: Will the SCO expand?}
statements:
  C1: {kind: claim, key: true, text: The SCO will expand., burden: true}
  A1: {kind: assumption, text: Members want new members., rating: caveated}
  E1: {kind: evidence, text: Iran joined in 2023., source: S1, credibility: 2}
  O1: {kind: claim, text: India blocks candidates., rebuts: C1}
  R1: {kind: evidence, text: India backed Iran., source: S1, rebuts: O1}
sources:
  S1: {title: Timeline, reliability: B}
inferences:
  I1: {premises: [E1, A1], conclusion: C1}
"""

MISSING_CO_PREMISE = """\
map: {title: A missing co-premise}
statements:
  C1: {kind: claim, key: true, text: The SCO will expand., burden: true}
  E1: {kind: evidence, text: Iran joined in 2023., source: S1}
sources:
  S1: {title: Timeline}
inferences:
  I1: {premises: [E1, C8], conclusion: C1}
"""


def write(folder: Path, text: str, name: str = "m.yaml") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- check


def test_check_reports_findings_and_unusable_maps(tmp_path: Path) -> None:
    broken = write(tmp_path, MISSING_CO_PREMISE, "broken.yaml")
    unusable = write(tmp_path, "- not a map\n", "unusable.yaml")
    report = app.check([broken, unusable])
    errors = [(f.code, f.ids) for f in report.findings if f.severity == "error"]
    assert errors == [("J001", ("C1",)), ("S002", ("I1", "C8"))]  # C1 needs I1 (burden of proof)
    assert report.unusable_maps == 1 and report.has_errors
    entries = report.as_json()
    assert [e["code"] for e in entries][-1:] == ["unusable"]  # in the order the maps were given
    assert {e["code"]: e["ids"] for e in entries}["S002"] == ["I1", "C8"]
    assert json.loads(json.dumps(entries)) == entries


def test_select_of_an_unknown_prefix_is_a_usage_error() -> None:
    assert app.parse_select(["s002,p"]) == ["S002", "P"]
    with pytest.raises(app.UsageError, match="no rule code starts with 'ZZ'"):
        app.parse_select(["ZZ"])


# ----------------------------------------------------------------------------- render


def test_render_draws_a_missing_co_premise_as_missing_and_fails(tmp_path: Path) -> None:
    report = app.render(write(tmp_path, MISSING_CO_PREMISE), ["dot"], f"{tmp_path}/out/")
    assert [f.code for f in report.structure_errors] == ["S002"]
    dot = (tmp_path / "out" / "m.dot").read_text(encoding="utf-8")
    # Never a plain green support arrow into the conclusion: the evaluation does not see I1.
    assert '"statement E1" -> "statement C1"' not in dot
    assert '"statement E1" -> "inference I1" [arrowhead=none color="#9e9e9e"' in dot
    assert '"missing C8" -> "inference I1" [arrowhead=none color="#9e9e9e"' in dot
    assert '"missing C8" [label=<C8<BR/><FONT POINT-SIZE="9">not in the map</FONT>>' in dot
    assert (
        '"inference I1" -> "statement C1" [label=<<I>left out: missing<BR ALIGN="CENTER"/>premise</I>>' in dot
    )
    assert "KEY JUDGMENT · OUT" in dot  # C1 is under burden of proof and nothing carries it
    assert "broken link, left out of the evaluation" in dot


def test_undercut_aimed_at_a_statement_is_drawn_broken_not_as_an_attack(tmp_path: Path) -> None:
    text = SMALL.replace("rebuts: O1}", "rebuts: O1}\n  U1: {kind: claim, text: u, undercuts: C1}")
    report = app.render(write(tmp_path, text), ["dot"], str(tmp_path / "x.dot"))
    assert [f.code for f in report.structure_errors] == ["S007"]
    dot = (tmp_path / "x.dot").read_text(encoding="utf-8")
    edge = next(line for line in dot.splitlines() if '"statement U1" -> "statement C1"' in line)
    assert "style=dashed" in edge and "#9e9e9e" in edge and "left out: wrong target" in edge


def test_render_to_standard_output_takes_one_text_format(tmp_path: Path) -> None:
    path = write(tmp_path, SMALL)
    report = app.render(path, ["dot"], "-")
    [written] = report.written
    assert written.path is None and written.data.decode("utf-8").startswith("digraph argmap {")
    assert not list(tmp_path.glob("-*"))  # no file named '-.dot'
    with pytest.raises(app.UsageError, match="standard output takes one format"):
        app.render(path, [], "-")
    with pytest.raises(app.UsageError, match=r"PNG image \(png\) cannot go to standard output"):
        app.render(path, ["png"], "-")


@pytest.mark.parametrize(
    ("formats", "output", "written"),
    [
        (["dot"], "out.x", ["out.x.dot"]),  # a suffix that is no format's: the format's is added
        (["dot"], "out", ["out.dot"]),
        ([], "diagram.svg", ["diagram.svg"]),  # no -f: the suffix picks the format
        (["dot", "svg"], "both.svg", ["both.dot", "both.svg"]),  # several: the suffix is replaced
    ],
)
def test_render_output_names(tmp_path: Path, formats: list[str], output: str, written: list[str]) -> None:
    report = app.render(write(tmp_path, SMALL), formats, str(tmp_path / output))
    assert [w.path.name for w in report.written if w.path] == written
    assert all(w.path.is_file() for w in report.written if w.path)


def test_a_suffix_that_contradicts_the_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(app.UsageError, match=r"ends in \.png, which is for png, not dot"):
        app.render(write(tmp_path, SMALL), ["dot"], str(tmp_path / "x.png"))


def test_a_note_written_as_html_is_a_tooltip_as_typed(tmp_path: Path) -> None:
    text = SMALL.replace(
        "text: Members want new members.,", "text: Members want new members., note: <b>why</b>,"
    )
    report = app.render(write(tmp_path, text), ["svg"], str(tmp_path / "m.svg"))
    assert report.graphviz_failed is None, report.graphviz_failed
    tree = ElementTree.fromstring((tmp_path / "m.svg").read_text(encoding="utf-8"))
    assert "<b>why</b>" in [e.get(XLINK_TITLE) for e in tree.iter()]


def test_bidirectional_overrides_are_shown_as_escapes_in_the_drawing(tmp_path: Path) -> None:
    text = SMALL.replace("title: Will the SCO expand?", 'title: "Will \\u202eSCO\\u2066 expand?"')
    app.render(write(tmp_path, text), ["dot", "svg"], f"{tmp_path}/")
    svg = (tmp_path / "m.svg").read_text(encoding="utf-8")
    assert "\u202e" not in svg and "\u2066" not in svg
    assert "Will \\u202eSCO\\u2066 expand?" in svg


def test_graphviz_warnings_are_passed_on(tmp_path: Path, fake_dot) -> None:
    fake_dot(
        "cat >/dev/null;"
        " echo 'Warning: graph too large for cairo-renderer bitmaps. Scaling by 0.5 to fit' >&2;"
        " printf '\\211PNG fake'\n",
    )
    report = app.render(write(tmp_path, SMALL), ["png"], str(tmp_path / "m.png"))
    assert report.warnings == ["Warning: graph too large for cairo-renderer bitmaps. Scaling by 0.5 to fit"]
    assert (tmp_path / "m.png").read_bytes() == b"\x89PNG fake"


def test_dot_rejecting_argmaps_dot_does_not_blame_the_install(tmp_path: Path, fake_dot) -> None:
    fake_dot("echo 'Error: <stdin>: syntax error in line 3 near <' >&2; exit 1\n")
    report = app.render(write(tmp_path, SMALL), ["svg"], str(tmp_path / "m.svg"))
    assert report.graphviz_failed is not None and not report.graphviz_failed.installation
    assert "this is a bug in argmap" in str(report.graphviz_failed)
    fake_dot("echo 'Format: \"svg\" not recognized. Use one of: dot' >&2; exit 1\n")
    report = app.render(write(tmp_path, SMALL), ["svg"], str(tmp_path / "m.svg"))
    assert report.graphviz_failed is not None and report.graphviz_failed.installation


# ----------------------------------------------------------------------------- ach


def test_ach_takes_the_format_from_the_suffix(tmp_path: Path, ach_map_text) -> None:
    report = app.ach(write(tmp_path, ach_map_text), output=str(tmp_path / "matrix.html"))
    assert report.written is not None and report.written.path == tmp_path / "matrix.html"
    assert (tmp_path / "matrix.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_ach_refuses_markdown_into_an_html_file(tmp_path: Path, ach_map_text) -> None:
    with pytest.raises(app.UsageError, match=r"ends in \.html, which is for html, not md"):
        app.ach(write(tmp_path, ach_map_text), output_format="md", output=str(tmp_path / "x.html"))
    assert not (tmp_path / "x.html").exists()


def test_ach_never_writes_over_its_map_or_a_source(tmp_path: Path, ach_map_text) -> None:
    source = write(tmp_path, "Iran joined.\n", "article.md")
    text = ach_map_text.replace("statements:", "sources:\n  S1: {title: t, file: article.md}\nstatements:")
    path = write(tmp_path, text)
    before = path.read_bytes()
    with pytest.raises(app.UsageError, match="is an input of this command"):
        app.ach(path, output_format="md", output=str(source))
    (tmp_path / "link.md").symlink_to(path)
    with pytest.raises(app.UsageError, match="is an input of this command"):
        app.ach(path, output_format="md", output=str(tmp_path / "link.md"))
    with pytest.raises(
        app.UsageError, match=r"ends in \.yaml, which is for yaml, a format this command does not"
    ):
        app.ach(path, output_format="md", output=str(path))  # a map's suffix is never an output of ach
    report = app.ach(path, output_format="md", output=str(tmp_path / "m.yaml.x"))
    assert report.written is not None and report.written.path == tmp_path / "m.yaml.x.md"
    assert path.read_bytes() == before and source.read_text(encoding="utf-8") == "Iran joined.\n"


def test_ach_blocks_on_its_preconditions(tmp_path: Path, ach_map_text) -> None:
    with pytest.raises(app.Blocked) as blocked:
        app.ach(write(tmp_path, ach_map_text.replace("H1: CC, H2: I", "H1: CC, H9: I")))
    assert [f.code for f in blocked.value.findings] == ["A001"]
    assert app.PRECONDITIONS["ach"].blocking == ("S001", "A001", "A002", "A004", "H004")


def test_ach_builds_the_matrix_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ach_map_text) -> None:
    from argmap import analysis as analysis_module

    calls = []
    real = analysis_module.build_matrix
    monkeypatch.setattr(
        analysis_module, "build_matrix", lambda graph, labelling: calls.append(1) or real(graph, labelling)
    )
    app.ach(write(tmp_path, ach_map_text), output_format="json", output="-")
    assert calls == [1]
    app.ach(write(tmp_path, ach_map_text), profile="all", output_format="json", output="-")
    assert calls == [1, 1]  # three profiles, one matrix


def test_huge_priors_do_not_overflow_to_a_false_tie(ach_map_text) -> None:
    text = ach_map_text + "  priors: {H1: 1.0e308, H2: 1.0e308}\n"
    result = Analysis(load_map_text(text, "m.yaml")).ach(Profile.LIKELIHOOD)
    assert result is not None
    assert result.matrix.priors == {"H1": 0.5, "H2": 0.5}
    assert math.isclose(sum(result.scores.values()), 1.0)
    assert result.scores["H1"] > 0.9 and result.ties == []


# ----------------------------------------------------------------------------- evaluate, explain


def test_what_if_computes_strengths_and_acceptance_on_the_changed_map(tmp_path: Path) -> None:
    path = write(tmp_path, SMALL)
    base = app.evaluate(path, semantics=Semantics.PREFERRED, strength=True)
    rows = {row.id: row for row in base.statements}
    assert rows["A1"].strength == pytest.approx(0.5) and rows["A1"].acceptance == "sceptical"
    report = app.evaluate(path, ["A1"], Semantics.PREFERRED, strength=True)
    rows = {row.id: row for row in report.statements}
    assert rows["A1"].label == Label.OUT and rows["A1"].reason == "assumed false"
    assert rows["A1"].strength == 0.0 and rows["A1"].acceptance is None
    assert rows["C1"].label == Label.OUT  # I1 needs A1, and C1 is under burden of proof
    assert report.burden_ignored  # which extensions ignore: the CLI says so
    assert [(c.id, c.before, c.after) for c in report.changes] == [("C1", Label.IN, Label.OUT)]


def test_evaluate_says_which_structural_errors_it_worked_around(tmp_path: Path) -> None:
    report = app.evaluate(write(tmp_path, MISSING_CO_PREMISE))
    assert [str(entry) for entry in report.left_out] == [
        "inference 'I1': premise 'C8' is not a statement of this map"
    ]
    assert [f.code for f in report.structure_errors] == ["S002"]
    assert {row.id: row.label for row in report.statements}["C1"] == Label.OUT


def test_unknown_what_if_id_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(app.UsageError, match="no statement 'Z9'"):
        app.evaluate(write(tmp_path, SMALL), ["Z9"])


@pytest.mark.parametrize(
    ("element", "answer"),
    [
        ("I1", "I1 is IN: no attacker; every premise is IN: E1, A1"),
        ("O1-rebut->C1", "O1-rebut->C1 (O1 rebuts C1): it has no effect, because O1 is OUT: attacked by R1"),
        ("R1-rebut->O1", "R1-rebut->O1 (R1 rebuts O1): it defeats O1, because R1 is IN: no attacker"),
        ("C1", "C1 is IN: every attacker is OUT: O1; carried by inference I1"),
    ],
)
def test_explain_knows_every_inference_and_conflict(tmp_path: Path, element: str, answer: str) -> None:
    assert app.explain(write(tmp_path, SMALL), element).startswith(answer)


def test_explain_a_shorthand_inference_and_a_left_out_one(tmp_path: Path) -> None:
    text = MISSING_CO_PREMISE.replace(
        "sources:", "  E2: {kind: evidence, text: Belarus joined., source: S1, supports: C1}\nsources:"
    )
    path = write(tmp_path, text)
    assert app.explain(path, "E2->C1") == "E2->C1 is IN: no attacker; every premise is IN: E2"
    assert app.explain(path, "I1") == (
        "I1 is left out of the evaluation: premise 'C8' is not a statement of this map (see argmap check)"
    )
    with pytest.raises(app.UsageError, match="no statement, inference or conflict 'X9'"):
        app.explain(path, "X9")


# ----------------------------------------------------------------------------- sources


SOURCE_MAP = """\
map: {{title: Sources}}
sources:
  S1: {{title: Document, file: {file}, full_coverage: true, kind: news report, date: 2025-01}}
statements:
  C1:
    kind: claim
    key: true
    text: A claim.
    likelihood: likely
    confidence: low
    confidence_basis: Nothing supports it in this map.
"""


@pytest.mark.parametrize("file", ["../../../../../../../../etc/passwd", "/etc/passwd", "../secret.txt"])
def test_a_source_outside_the_map_folder_is_not_read(tmp_path: Path, file: str) -> None:
    write(tmp_path, "A secret sentence that must not be printed.\n", "secret.txt")
    report = app.check([write(tmp_path, SOURCE_MAP.format(file=file), "maps/m.yaml")])
    messages = [f.message for f in report.findings]
    assert any("is outside the folders sources may be read from" in m for m in messages)
    assert not any("secret" in m.lower() and "file" not in m for m in messages)
    assert not any(f.code in ("P004", "P005") for f in report.findings)
    assert "root:" not in json.dumps(report.as_json())


def test_a_symbolic_link_out_of_the_map_folder_is_not_followed(tmp_path: Path) -> None:
    write(tmp_path, "A secret sentence that must not be printed.\n", "secret.txt")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "link.txt").symlink_to(tmp_path / "secret.txt")
    report = app.check([write(tmp_path, SOURCE_MAP.format(file="link.txt"), "maps/m.yaml")])
    assert [f.code for f in report.findings if f.severity != "info"] == ["P003"]
    assert "must not be printed" not in " ".join(f.message for f in report.findings)


def test_source_root_option_and_project_file_allow_a_folder(tmp_path: Path) -> None:
    write(tmp_path, "A sentence the map does not quote.\n", "seeds/doc.txt")
    path = write(tmp_path, SOURCE_MAP.format(file="../seeds/doc.txt"), "maps/m.yaml")
    assert [f.code for f in app.check([path]).findings if f.severity != "info"] == ["P003"]
    allowed = app.check([path], source_roots=[tmp_path / "seeds"])
    assert [f.code for f in allowed.findings] == ["P004", "P005"]  # read: coverage and the unquoted sentence
    write(tmp_path, 'source-roots = ["seeds"]\n', "argmap.toml")
    assert [f.code for f in app.check([path]).findings] == ["P004", "P005"]


@pytest.mark.parametrize(
    ("project_file", "position", "message"),
    [
        ('# the project\nsource-roots = ["seeds", "../.."]\n', (2, 26), "lies outside the project folder"),
        ('source-roots = ["\\u0000"]\n', (1, 17), "is not a usable folder name"),  # at the entry
        ('source-roots = "seeds"\n', (1, 1), "'source-roots' must be a list of folder names"),
        ("source-roots = [\n  'seeds',\n  =\n]\n", (3, 3), "not valid TOML: Invalid value"),
    ],
)
def test_an_unusable_project_file_is_reported_at_its_line(
    tmp_path: Path, project_file: str, position: tuple[int, int], message: str
) -> None:
    write(tmp_path, project_file, "project/argmap.toml")
    write(tmp_path, "A sentence.\n", "project/seeds/doc.txt")
    path = write(tmp_path, SOURCE_MAP.format(file="../seeds/doc.txt"), "project/maps/m.yaml")
    [problem] = app.check([path]).problems
    assert problem.file == tmp_path / "project" / "argmap.toml"
    assert (problem.position.line, problem.position.column) == position
    assert message in problem.message


def test_a_broken_project_file_is_not_read_when_no_source_needs_it(tmp_path: Path) -> None:
    write(tmp_path, "source-roots = [\n", "argmap.toml")
    write(tmp_path, "A sentence.\n", "maps/doc.txt")
    beside = app.check([write(tmp_path, SOURCE_MAP.format(file="doc.txt"), "maps/m.yaml")])
    assert beside.problems == [] and [f.code for f in beside.findings] == ["P004", "P005"]


def test_pyproject_tool_table_names_source_roots(tmp_path: Path) -> None:
    write(tmp_path, "[tool.other]\nx = 1\n", "sub/pyproject.toml")  # no [tool.argmap]: not the project
    write(tmp_path, '[tool.argmap]\nsource-roots = ["seeds"]\n', "pyproject.toml")
    write(tmp_path, "A sentence.\n", "seeds/doc.txt")
    path = write(tmp_path, SOURCE_MAP.format(file="../../seeds/doc.txt"), "sub/maps/m.yaml")
    assert Analysis(load_map(path)).access.roots == (
        (tmp_path / "sub" / "maps").resolve(),
        (tmp_path / "seeds").resolve(),
    )


# ----------------------------------------------------------------------------- loading


def test_tab_indentation_says_to_indent_with_spaces(tmp_path: Path) -> None:
    with pytest.raises(MapError) as raised:
        load_map(write(tmp_path, "map:\n\ttitle: x\n"))
    [problem] = raised.value.problems
    assert (problem.position.line, problem.position.column) == (2, 1)
    assert problem.message == (
        "YAML syntax: a tab cannot indent or start a value in YAML; indent with spaces, "
        "and put a text that holds a tab in quotes"
    )


def test_the_loader_keeps_the_text_and_where_each_element_starts_and_ends(tmp_path: Path) -> None:
    loaded = load_map(write(tmp_path, SMALL))
    assert loaded.text == SMALL
    span = loaded.index.spans[("statements", "A1")]
    assert SMALL[span.start_offset : span.end_offset] == (
        "A1: {kind: assumption, text: Members want new members., rating: caveated}"
    )
    assert (span.start.line, span.start.column) == (4, 3)
    item = loaded.index.spans[("inferences", "I1", "premises", 1)]
    assert SMALL[item.start_offset : item.end_offset] == "A1"


def test_only_left_out_links_are_said_to_be_left_out(tmp_path: Path) -> None:
    # A premise written twice is an error (S012), but the inference is evaluated (counted once).
    text = SMALL.replace("premises: [E1, A1]", "premises: [E1, A1, E1]")
    report = app.evaluate(write(tmp_path, text))
    assert report.left_out == []
    assert [f.code for f in report.structure_errors] == ["S012"]
    assert {row.id: row.reason for row in report.statements}["C1"].endswith("carried by inference I1")


def test_an_inference_with_a_statements_id_is_left_out_not_a_crash(tmp_path: Path) -> None:
    text = (
        "map: {title: t}\nstatements:\n  C1: {kind: claim, key: true, text: c1}\n"
        "  C2: {kind: claim, text: c2}\ninferences:\n  C2: {premises: [C2], conclusion: C1}\n"
    )
    path = write(tmp_path, text)
    report = app.evaluate(path)
    assert [str(e) for e in report.left_out] == ["inference 'C2': its id 'C2' is also a statement's"]
    assert {row.id: row.label for row in report.statements} == {"C1": Label.IN, "C2": Label.IN}
    assert app.explain(path, "C2") == (
        "C2 is IN: no attacker (the id also names inference 'C2', left out of the evaluation: "
        "its id 'C2' is also a statement's; see argmap check)"
    )


CLASHING_CONFLICTS = """\
map: {title: t}
statements:
  C1: {kind: claim, key: true, text: c1}
  C2: {kind: claim, text: c2}
  O1: {kind: claim, text: o1}
inferences:
  I1: {premises: [C2], conclusion: C1}
conflicts:
  C2: {kind: rebut, attacker: O1, target: C1}
  I1: {kind: undercut, attacker: O1, target: I1}
"""


def test_a_conflict_with_a_taken_id_is_left_out_like_an_inference(tmp_path: Path) -> None:
    # A conflict whose id is a statement's or an inference's used to count in the evaluation
    # (O1 defeated C1), while an inference with a statement's id is left out.
    path = write(tmp_path, CLASHING_CONFLICTS)
    report = app.evaluate(path)
    assert [str(e) for e in report.left_out] == [
        "conflict 'C2': its id 'C2' is also a statement's",
        "conflict 'I1': its id 'I1' is also an inference's",
    ]
    assert {row.id: row.label for row in report.statements} == {
        "C1": Label.IN,
        "C2": Label.IN,
        "O1": Label.IN,
    }
    assert [(f.code, f.ids) for f in report.structure_errors] == [("S001", ("C2",)), ("S001", ("I1",))]
    graph = Analysis(load_map(path)).graph
    assert not graph.conflicts and graph.attackers_of == {}
    assert graph.left_out_elements == (("conflicts", "C2"), ("conflicts", "I1"))


def test_explain_an_id_a_left_out_conflict_shares(tmp_path: Path) -> None:
    path = write(tmp_path, CLASHING_CONFLICTS)
    assert app.explain(path, "C2") == (
        "C2 is IN: no attacker (the id also names conflict 'C2', left out of the evaluation: "
        "its id 'C2' is also a statement's; see argmap check)"
    )
    assert app.explain(path, "I1") == (
        "I1 is IN: no attacker; every premise is IN: C2 (the id also names conflict 'I1', left out of "
        "the evaluation: its id 'I1' is also an inference's; see argmap check)"
    )


def test_explain_an_inference_and_a_conflict_both_left_out_under_one_id(tmp_path: Path) -> None:
    text = CLASHING_CONFLICTS.replace("premises: [C2]", "premises: [C9]")
    assert app.explain(write(tmp_path, text), "I1") == (
        "I1 is left out of the evaluation: inference 'I1': premise 'C9' is not a statement of this map; "
        "conflict 'I1': its id 'I1' is also an inference's (see argmap check)"
    )


def test_a_conflict_with_a_taken_id_is_drawn_broken(tmp_path: Path) -> None:
    report = app.render(write(tmp_path, CLASHING_CONFLICTS), ["dot"], str(tmp_path / "m.dot"))
    dot = (tmp_path / "m.dot").read_text(encoding="utf-8")
    broken = [line for line in dot.splitlines() if "left out" in line and "->" in line]
    assert len(broken) == 2 and all("style=dashed" in line and "#9e9e9e" in line for line in broken)
    assert "left out: id taken</I>" in broken[0] and "arrowhead=normal" in broken[0]
    assert "inference</I>" in broken[1] and "arrowhead=tee" in broken[1]
    assert report.left_out == 2


# ----------------------------------------------------------------------------- second round of fixes


def test_several_formats_replace_any_formats_suffix(tmp_path: Path) -> None:
    report = app.render(write(tmp_path, SMALL), ["dot", "svg"], str(tmp_path / "out.png"))
    assert [w.path.name for w in report.written if w.path] == ["out.dot", "out.svg"]


def test_a_files_folder_is_not_created_but_a_folder_output_is(tmp_path: Path, ach_map_text: str) -> None:
    path = write(tmp_path, ach_map_text)
    with pytest.raises(app.CommandFailed, match=r"its folder .*missing does not exist"):
        app.ach(path, output_format="md", output=str(tmp_path / "missing" / "x.md"))
    assert not (tmp_path / "missing").exists()
    report = app.ach(path, output_format="md", output=f"{tmp_path}/made/")
    assert report.written is not None and report.written.path == tmp_path / "made" / "m-ach.md"


def test_real_graphviz_scaling_message_is_passed_on(tmp_path: Path, fake_dot) -> None:
    message = "dot: graph is too large for cairo-renderer bitmaps. Scaling by 0.1922 to fit"
    fake_dot(f"cat >/dev/null; echo '{message}' >&2; printf '\\211PNG fake'\n")
    report = app.render(write(tmp_path, SMALL), ["png"], str(tmp_path / "m.png"))
    assert report.warnings == [message]


def test_a_key_judgment_left_open_by_a_circle_is_reported(tmp_path: Path) -> None:
    text = (
        "map: {title: t, burden_of_proof: true}\nstatements:\n"
        "  C1: {kind: claim, key: true, text: a, supports: C2}\n  C2: {kind: claim, text: b, supports: C1}\n"
    )
    findings = app.check([write(tmp_path, text)], ["S", "J"]).findings
    assert [(f.code, f.message) for f in findings] == [
        ("J001", "key judgment 'C1' is UNDEC: in a circle of support: C1 -> C2 -> C1"),
        ("S004", "circular support: C1 -> C2 -> C1"),
    ]


def test_boolean_priors_are_refused(tmp_path: Path, ach_map_text: str) -> None:
    with pytest.raises(MapError, match=r"ach.priors.H1: Input should be a valid number"):
        load_map(write(tmp_path, ach_map_text + "  priors: {H1: true}\n"))


def test_the_readme_explain_example(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    answer = app.explain(root / "maps" / "sco-expansion.yaml", "X3")
    assert f"`{answer}`" in (root / "README.md").read_text(encoding="utf-8").replace("\n", " ")
