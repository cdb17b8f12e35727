"""Rendering: visual grammar, escaping, determinism and the Graphviz fallback."""

import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from argmap import Analysis, build_dot, load_map_text
from argmap.app import RENDER_DEFAULT, RENDER_FORMATS
from argmap.cli import main
from argmap.evaluate import evaluate
from argmap.graph import AttackRole
from argmap.outputs import output_targets
from argmap.render import CONFLICT_ARROW, ROLE_COLOUR


def output_paths(map_file: Path, formats: list[str], output):
    """The output rule as ``argmap render`` applies it."""
    output = None if output is None else str(output)
    return output_targets(
        map_file, formats=formats, output=output, allowed=RENDER_FORMATS, default=RENDER_DEFAULT
    )


MAP = """\
map: {title: Linked and attacked}
statements:
  C1: {kind: claim, key: true, text: The SCO will expand.}
  E1: {kind: evidence, text: Iran joined in 2023., source: S1}
  A1: {kind: assumption, text: Members want new members.}
  E2: {kind: evidence, text: New members dilute consensus., source: S1, rebuts: C1}
  C2: {kind: claim, text: Consensus survived past enlargement., rebuts: E2}
  H1: {kind: hypothesis, text: The SCO stagnates.}
  E3: {kind: evidence, text: Iran joined for trade only., source: S1, undercuts: I1}
sources:
  S1: {title: Article}
inferences:
  I1: {premises: [E1, A1], conclusion: C1, scheme: from sign}
groups:
  G1: {label: Objections, members: [E2, C2]}
"""


def dot_of(text: str) -> str:
    return build_dot(Analysis(load_map_text(text, "m.yaml")).graph)


def evaluated_dot_of(text: str) -> str:
    graph = Analysis(load_map_text(text, "m.yaml")).graph
    return build_dot(graph, labels=evaluate(graph).labels)


def test_labels_are_drawn() -> None:
    dot = evaluated_dot_of(MAP)
    # E2 rebuts C1 and is rebutted by C2: C2 IN, E2 OUT (greyed), C1 reinstated IN.
    line = next(x for x in dot.splitlines() if x.lstrip().startswith('"statement E2"'))
    assert "evidence · OUT" in line and 'fillcolor="#eeeeee"' in line
    assert "KEY JUDGMENT · IN" not in dot and "· IN<" not in dot  # IN goes unsaid
    assert '<TD ALIGN="LEFT">defeated: greyed</TD>' in dot


def test_undecided_nodes_are_dashed() -> None:
    text = MAP.replace("rebuts: E2}", "rebuts: E2}\n  E9: {kind: claim, text: loop, rebuts: C2}").replace(
        "  H1: {", "  C3: {kind: claim, text: c3, rebuts: E9}\n  H1: {"
    )
    text = text.replace("text: c3, rebuts: E9}", "text: c3, rebuts: E9}").replace(
        "E9: {kind: claim, text: loop, rebuts: C2}", "E9: {kind: claim, text: loop, rebuts: [C2, C3]}"
    )
    dot = evaluated_dot_of(text)
    line = next(x for x in dot.splitlines() if x.lstrip().startswith('"statement E9"'))
    assert "UNDEC" in line and "dashed" in line


def test_every_statement_is_a_node_with_its_text() -> None:
    dot = dot_of(MAP)
    for sid in ("C1", "E1", "A1", "E2", "C2", "E3"):
        assert f'"statement {sid}" [label=<' in dot
    assert '"statement H1"' not in dot  # a hypothesis no link touches belongs to the ACH matrix
    assert "Iran joined in 2023." in dot
    assert "KEY JUDGMENT" in dot


def test_linked_premises_meet_at_one_inference_point() -> None:
    dot = dot_of(MAP)
    assert '"inference I1" [label="" color="#2e7d32" id="p-I1" shape=point' in dot
    assert '"statement E1" -> "inference I1"' in dot
    assert '"statement A1" -> "inference I1"' in dot
    assert '"inference I1" -> "statement C1"' in dot
    assert "<I>from sign</I>" in dot


def test_undercut_lands_on_the_inference_point() -> None:
    dot = dot_of(MAP)
    line = next(x for x in dot.splitlines() if '"statement E3" -> "inference I1"' in x)
    assert f"arrowhead={CONFLICT_ARROW['undercut']}" in line


def test_objection_red_and_rebuttal_orange() -> None:
    dot = dot_of(MAP)
    objection = next(x for x in dot.splitlines() if '"statement E2" -> "statement C1"' in x)
    rebuttal = next(x for x in dot.splitlines() if '"statement C2" -> "statement E2"' in x)
    assert f'color="{ROLE_COLOUR[AttackRole.OBJECTION]}"' in objection
    assert f'color="{ROLE_COLOUR[AttackRole.REBUTTAL]}"' in rebuttal


def test_single_premise_support_is_a_plain_green_arrow() -> None:
    text = MAP.replace(
        "A1: {kind: assumption, text: Members want new members.}",
        "A2: {kind: assumption, text: Growth matters., supports: C1}",
    )
    text = text.replace("premises: [E1, A1]", "premises: [E1]")
    dot = dot_of(text.replace("undercuts: I1", "rebuts: C1"))
    assert '"statement A2" -> "statement C1" [arrowhead=normal color="#2e7d32"' in dot
    assert '"inference I1"' not in dot  # single premise, not undercut: no point


def test_groups_are_clusters_and_legend_is_drawn() -> None:
    dot = dot_of(MAP)
    assert "subgraph cluster_0" in dot
    assert "<B>Objections</B>" in dot
    assert "subgraph cluster_legend" in dot
    assert "cluster_legend" not in build_dot(Analysis(load_map_text(MAP, "m.yaml")).graph, legend=False)


def test_columns_are_counted_from_the_key_judgments_at_the_right() -> None:
    from argmap.render import _columns
    from argmap.views import View, select

    graph = Analysis(load_map_text(MAP, "m.yaml")).graph
    selection = select(graph, View())
    columns = _columns(graph, selection, set(graph.premises_of), {"I1"})
    assert columns["statement C1"] == 0  # the key judgment, alone in the right-most column
    assert columns["inference I1"] == 1 and columns["statement E1"] == columns["statement A1"] == 2
    assert columns["statement E3"] == 1  # an undercut fixes no column: E3 stands beside the key judgments
    assert columns["statement E2"] == 1 and columns["statement C2"] == 2  # attacker left of its target
    dot = dot_of(MAP)
    assert 'rank=same\n\t\t"statement C1"' in dot


HOSTILE = """\
map: {title: "Title \\" ] ; digraph x { a -> b } <b>bold</b>"}
statements:
  C1:
    kind: claim
    key: true
    text: "A <TABLE> & \\"quoted\\" text with \\\\N and \\\\L escapes; } ]> <<"
groups:
  G1: {label: "</B></TABLE>>", members: [C1]}
"""


def test_user_text_is_escaped() -> None:
    dot = dot_of(HOSTILE)
    assert "<TABLE> &" not in dot
    assert "A &lt;TABLE&gt; &amp; &quot;quoted&quot;" in dot
    assert "&lt;/B&gt;&lt;/TABLE&gt;&gt;" in dot
    assert "digraph x { a -&gt; b }" in dot  # kept as text, inside an HTML label
    assert dot.count("digraph") == 2


def test_hostile_text_still_lays_out(tmp_path: Path) -> None:
    result = subprocess.run(
        ["dot", "-Tsvg"], input=dot_of(HOSTILE), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "A &lt;TABLE&gt; &amp;" in result.stdout


def test_same_file_gives_the_same_dot_across_processes(tmp_path: Path) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(MAP, encoding="utf-8")
    code = (
        "import sys; from argmap import Analysis, build_dot, load_map; "
        "print(build_dot(Analysis(load_map(sys.argv[1])).graph))"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", code, str(map_file)], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_output_paths(tmp_path: Path) -> None:
    map_file = Path("maps/x.yaml")
    assert [t.path for t in output_paths(map_file, ["dot", "svg"], None)] == [
        Path("renders/x.dot"),
        Path("renders/x.svg"),
    ]
    assert [t.path for t in output_paths(map_file, ["png"], tmp_path)] == [tmp_path / "x.png"]
    assert [t.path for t in output_paths(map_file, ["svg", "pdf"], tmp_path / "out.svg")] == [
        tmp_path / "out.svg",
        tmp_path / "out.pdf",
    ]


def test_cli_render_writes_every_format(tmp_path: Path) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(MAP, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["render", str(map_file), "-f", "dot,svg", "-f", "png,pdf", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m.dot").read_text(encoding="utf-8") == evaluated_dot_of(MAP)
    assert (tmp_path / "m.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert (tmp_path / "m.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind


def test_cli_render_rejects_unknown_format(tmp_path: Path) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(MAP, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(map_file), "-f", "gif"])
    assert result.exit_code == 2
    assert "'gif' is not one of dot, svg, png, pdf" in result.output


def test_missing_graphviz_still_writes_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(MAP, encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = CliRunner().invoke(main, ["render", str(map_file), "-o", str(tmp_path)])
    assert result.exit_code == 3
    assert "apt-get install graphviz" in result.output
    assert (tmp_path / "m.dot").read_text(encoding="utf-8") == evaluated_dot_of(MAP)
    assert not (tmp_path / "m.svg").exists()


def test_missing_graphviz_writes_dot_even_if_not_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(MAP, encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = CliRunner().invoke(main, ["render", str(map_file), "-f", "svg", "-o", str(tmp_path / "d.svg")])
    assert result.exit_code == 3
    assert f"wrote {tmp_path / 'd.dot'} (DOT only)" in result.output
    assert (tmp_path / "d.dot").read_text(encoding="utf-8") == evaluated_dot_of(MAP)


def test_render_of_unusable_map_exits_2(tmp_path: Path) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text("map: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(map_file), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{map_file}:" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "m.dot").exists()


def test_control_characters_backslashes_and_long_text_still_render(tmp_path: Path) -> None:
    text = MAP.replace("The SCO will expand.", '"The SCO \\x01will\\0 expand \\\\N \\\\G."').replace(
        "title: Linked and attacked", "title: " + "T" * 20000
    )
    dot = dot_of(text)
    assert "\\\\N" in dot and "\\\\G." in dot
    assert "\x01" not in dot and "\x00" not in dot
    # The 20,000-character title is cut to 1,200 characters and wrapped at 100.
    assert dot.count("T" * 100) == 11 and "T" * 101 not in dot
    assert "T" * 99 + "…" in dot
    map_file = tmp_path / "m.yaml"
    map_file.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(map_file), "-f", "svg", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "m.svg").read_text(encoding="utf-8")
    assert "\\N" in svg and "\\G." in svg  # shown as typed, not expanded to the node name
    ElementTree.fromstring(svg)


def test_output_folder_with_trailing_slash_is_created(tmp_path: Path) -> None:
    targets = output_paths(Path("maps/x.yaml"), ["svg"], f"{tmp_path}/new/")
    assert [t.path for t in targets] == [tmp_path / "new" / "x.svg"]


def test_output_suffix_is_recognised_in_any_case(tmp_path: Path) -> None:
    targets = output_paths(Path("maps/x.yaml"), ["svg", "png"], tmp_path / "UP.SVG")
    assert [t.path for t in targets] == [tmp_path / "UP.svg", tmp_path / "UP.png"]


@pytest.mark.parametrize(
    ("output", "reason"),
    [("afile/x.svg", "a parent of it is a file, not a folder"), ("y.svg", "it is a folder")],
)
def test_write_errors_name_the_target_and_the_reason(tmp_path: Path, output: str, reason: str) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(MAP, encoding="utf-8")
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    (tmp_path / "y.dot").mkdir()
    result = CliRunner().invoke(
        main, ["render", str(map_file), "-f", "dot,svg", "-o", str(tmp_path / output)]
    )
    assert result.exit_code == 2
    target = (tmp_path / output).with_suffix(".dot")
    assert f"error: cannot write {target}: {reason}" in result.output
    assert "Traceback" not in result.output


def test_the_header_gives_the_likelihood_and_the_footer_whose_it_is() -> None:
    text = """\
map: {title: Footers, caveat: Restates one article.}
statements:
  C1: {kind: claim, key: true, text: The SCO is expected to expand., estimative: is expected to,
       likelihood: likely, confidence: low, confidence_basis: One article.}
  C2: {kind: claim, key: true, text: The SCO will matter., estimative: will, fact: true,
       confidence: moderate, confidence_basis: Two articles.}
  C3: {kind: claim, text: It is likely that ties strengthen., estimative: It is likely, likelihood: likely}
"""
    dot = dot_of(text).replace('<BR ALIGN="LEFT"/>', " ").replace("&#x27;", "'")
    c1 = next(x for x in dot.splitlines() if x.lstrip().startswith('"statement C1"'))
    c2 = next(x for x in dot.splitlines() if x.lstrip().startswith('"statement C2"'))
    c3 = next(x for x in dot.splitlines() if x.lstrip().startswith('"statement C3"'))
    assert "KEY JUDGMENT · likely</FONT>" in c1
    assert "“is expected to” · The likelihood is this map's reading. Confidence: low." in c1
    assert "“will” · Stated as fact by the source; this map gives no likelihood. Confidence: moderate." in c2
    assert "claim · likely</FONT>" in c3 and "“It is likely”" in c3 and "map's reading" not in c3
    # The caveat stands under the title.
    assert "Restates one article." in dot


def _shuffled(text: str, seed: int) -> str:
    """The map with every section's entries, group members and premises in a random order."""
    import random

    from ruamel.yaml.comments import CommentedMap

    from argmap.edit import dump, round_trip_yaml

    rng = random.Random(seed)
    tree = round_trip_yaml().load(text)
    for name in ("sources", "statements", "inferences", "conflicts", "groups", "indicators"):
        section = tree.get(name)
        if not isinstance(section, CommentedMap):
            continue
        keys = list(section)
        rng.shuffle(keys)
        tree[name] = CommentedMap((key, section[key]) for key in keys)
    for group in (tree.get("groups") or {}).values():
        rng.shuffle(group["members"])
    for inference in (tree.get("inferences") or {}).values():
        if isinstance(inference["premises"], list):
            rng.shuffle(inference["premises"])
    keys = list(tree)
    rng.shuffle(keys)
    return dump(CommentedMap((key, tree[key]) for key in keys))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_showcase_in_any_order_gives_the_same_dot(seed: int) -> None:
    showcase = Path(__file__).resolve().parent.parent / "maps" / "sco-expansion.yaml"
    text = showcase.read_text(encoding="utf-8")
    shuffled = _shuffled(text, seed)
    assert shuffled != text

    def dot_of(map_text: str) -> str:
        analysis = Analysis(load_map_text(map_text, showcase))
        return build_dot(analysis.graph, labels=analysis.labelling.labels)

    assert dot_of(shuffled) == dot_of(text)


@pytest.mark.skipif(__import__("shutil").which("dot") is None, reason="Graphviz is installed by make test")
def test_the_layout_stability_benchmark_meets_the_readmes_target() -> None:
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run(
        [sys.executable, str(root / "benchmarks" / "layout_stability.py")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    assert "| statement | nodes | changed column |" in run.stdout
    assert (
        ": 0 column changes;" in run.stdout
        and "Target (no column change, median under 20 pt): met." in run.stdout
    )


def test_corroborating_records_are_linked_once() -> None:
    text = """\
map: {title: Corroboration}
sources:
  S1: {title: One}
  S2: {title: Two}
statements:
  C1: {kind: claim, key: true, text: It grows.}
  E1: {kind: evidence, text: An event., source: S1, supports: C1, corroborated_by: E2}
  E2: {kind: evidence, text: "The same event, recorded elsewhere.", source: S2, corroborated_by: E1}
"""
    dot = dot_of(text)
    assert dot.count('id="cor ') == 1
    assert '"statement E2" -> "statement E1"' in dot and "style=dotted" in dot
    assert "corroborates: the same item recorded by another source" in dot


def test_a_drawing_past_the_layout_limit_is_not_given_to_graphviz(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from argmap.cli import main
    from argmap.render import layout_size

    lines = ["map: {title: Big}", "statements:", "  C0: {kind: claim, key: true, text: Root.}"]
    lines += [f"  E{n}: {{kind: claim, text: Item {n}., supports: C0}}" for n in range(1, 40)]
    (tmp_path / "big.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    dot = CliRunner().invoke(main, ["render", str(tmp_path / "big.yaml"), "-f", "dot", "-o", "-"])
    size = layout_size(dot.stdout)
    assert size >= 40 + 39  # each statement, and each support (one premise: an edge)
    result = CliRunner().invoke(
        main,
        [
            "render",
            str(tmp_path / "big.yaml"),
            "-o",
            str(tmp_path / "big.svg"),
            "--layout-limit",
            str(size - 1),
        ],
    )
    assert result.exit_code == 3 and f"the drawing has {size:,} nodes and edges" in result.output
    assert (tmp_path / "big.dot").read_text(encoding="utf-8") == dot.stdout and not (
        tmp_path / "big.svg"
    ).exists()
