"""Interchange: AIF JSON in and out, GraphML out; real files, round trips, malformed input."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import Analysis, load_map, load_map_text
from argmap.cli import main
from argmap.edit import dump
from argmap.interop import InterchangeError, formats
from argmap.interop.aif import read as read_aif
from argmap.interop.aif import write as write_aif
from argmap.render import build_dot

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases" / "aif"
SHOWCASE = ROOT / "maps" / "sco-expansion.yaml"

COUNTS = {
    # statements, inferences (explicit or shorthand), conflicts: as the cases' README counts their nodes
    "araucaria-nodeset10.json": (4, 1, 0),
    "araucaria-nodeset108.json": (9, 3, 1),
    "araucaria-nodeset127.json": (6, 4, 1),
    "araucaria-nodeset137.json": (7, 2, 2),
    "ach-argnav-19398.json": (10, 3, 0),
}


def _imported(path: Path) -> Analysis:
    imported = read_aif(path.read_bytes(), path)
    return Analysis(load_map_text(dump(imported.document), path.with_suffix(".yaml")))


def _argument_layer(document: dict) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(node id, type) of the I, RA and CA nodes, and the edges between them."""
    nodes = {str(n["nodeID"]): n["type"] for n in document["nodes"] if n["type"] in ("I", "RA", "CA")}
    edges = {
        (str(e["fromID"]), str(e["toID"]))
        for e in document["edges"]
        if str(e["fromID"]) in nodes and str(e["toID"]) in nodes
    }
    return set(nodes.items()), edges


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_every_real_aif_file_imports_checks_and_draws(name: str) -> None:
    analysis = _imported(CASES / name)
    graph = analysis.graph
    assert (len(graph.statements), len(graph.premises_of), len(graph.conflicts)) == COUNTS[name]
    from argmap import run_checks

    assert [f for f in run_checks(analysis, select=["S"]) if f.severity == "error"] == []
    assert "digraph" in build_dot(graph, labels=analysis.labelling.labels)


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_aif_to_map_to_aif_keeps_every_node_and_edge(name: str) -> None:
    original = json.loads((CASES / name).read_text(encoding="utf-8"))
    again = json.loads(write_aif(_imported(CASES / name)))
    assert _argument_layer(again) == _argument_layer(original)

    def fields(node: dict) -> tuple:  # ids keep their JSON type, texts their spaces
        return tuple(sorted(node.items()))

    assert sorted(map(fields, again["nodes"]), key=str) == sorted(map(fields, original["nodes"]), key=str)
    assert sorted((e["fromID"], e["toID"]) for e in again["edges"]) == sorted(
        (e["fromID"], e["toID"]) for e in original["edges"]
    )
    assert len({e["edgeID"] for e in again["edges"]}) == len(again["edges"])
    assert again.get("locutions") == original.get("locutions")


def test_a_ca_into_an_inference_is_an_undercut_and_into_a_premise_an_undermine() -> None:
    document = {
        "nodes": [
            {"nodeID": 1, "type": "I", "text": "Premise."},
            {"nodeID": 2, "type": "I", "text": "Conclusion."},
            {"nodeID": 3, "type": "RA", "text": "Argument From Expert Opinion"},
            {"nodeID": 4, "type": "I", "text": "The expert is biased."},
            {"nodeID": 5, "type": "CA", "text": "Default Conflict"},
            {"nodeID": 6, "type": "I", "text": "The premise is false."},
            {"nodeID": 7, "type": "CA", "text": "Default Conflict"},
            {"nodeID": 8, "type": "I", "text": "The conclusion is false."},
            {"nodeID": 9, "type": "CA", "text": "Default Conflict"},
            {"nodeID": 10, "type": "PA", "text": "Default Preference"},
        ],
        "edges": [
            {"fromID": 1, "toID": 3},
            {"fromID": 3, "toID": 2},
            {"fromID": 4, "toID": 5},
            {"fromID": 5, "toID": 3},
            {"fromID": 6, "toID": 7},
            {"fromID": 7, "toID": 1},
            {"fromID": 8, "toID": 9},
            {"fromID": 9, "toID": 2},
            {"fromID": 2, "toID": 10},
            {"fromID": 10, "toID": 8},
            {"fromID": 99, "toID": 2},
        ],
    }
    imported = read_aif(json.dumps(document).encode(), Path("x.json"))
    conflicts = {
        c["attacker"]: (c["kind"], c["target"], c.get("strength"))
        for c in imported.document["conflicts"].values()
    }
    assert conflicts == {
        "I4": ("undercut", "RA3", None),
        "I6": ("undermine", "I1", None),
        "I8": ("rebut", "I2", "weak"),  # the PA prefers the conclusion to its rebutter
    }
    assert imported.document["inferences"]["RA3"]["scheme"] == "Argument From Expert Opinion"
    assert "edge to a missing node, dropped" in [str(n) for n in imported.notes]


def test_duplicate_ids_keep_the_first_and_string_ids_become_map_ids() -> None:
    document = {
        "nodes": [
            {"nodeID": "a 1", "type": "I", "text": "First."},
            {"nodeID": "a 1", "type": "I", "text": "Second, same id."},
            {"nodeID": "x", "type": "XX", "text": "Unknown type."},
        ],
        "edges": [],
    }
    imported = read_aif(json.dumps(document).encode(), Path("x.json"))
    assert imported.document["statements"] == {"a_1": {"kind": "claim", "text": "First."}}
    notes = [str(n) for n in imported.notes]
    assert "duplicate node id, the first node kept" in notes
    assert "node of a type AIF does not define, dropped" in notes
    assert imported.document["interchange"]["aif"]["ids"] == {"a_1": "a 1"}


def test_the_showcase_goes_to_aif_and_back_unchanged() -> None:
    analysis = Analysis(load_map(SHOWCASE))
    back = read_aif(write_aif(analysis), Path("sco.json"))
    again = load_map_text(dump(back.document), SHOWCASE)
    assert again.expanded.model_dump() == analysis.loaded.expanded.model_dump()  # no interchange section
    assert again.document == analysis.loaded.document


_IDS = st.sampled_from([f"S{n}" for n in range(1, 9)])


@st.composite
def maps(draw: st.DrawFn) -> str:
    """A map text: statements of every kind, linked and co-premised inferences, conflicts of each kind."""
    ids = draw(st.lists(_IDS, min_size=2, max_size=8, unique=True))
    kinds = ["claim", "evidence", "assumption"]
    lines = ["map: {title: Generated}", "statements:"]
    for sid in ids:
        kind = draw(st.sampled_from(kinds))
        text = draw(
            st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
        )
        lines.append(f"  {sid}: {{kind: {kind}, text: {json.dumps(text.strip() or 'x')}}}")
    inferences, conflicts = [], []
    for number in range(draw(st.integers(0, 3))):
        premises = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        conclusion = draw(st.sampled_from([i for i in ids if i not in premises] or ids))
        if conclusion in premises:
            continue
        inferences.append(f"  R{number}: {{premises: [{', '.join(premises)}], conclusion: {conclusion}}}")
    for number in range(draw(st.integers(0, 3))):
        attacker, target = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        if attacker != target:
            kind = draw(st.sampled_from(["rebut", "undermine"]))
            conflicts.append(f"  K{number}: {{kind: {kind}, attacker: {attacker}, target: {target}}}")
    if inferences:
        lines += ["inferences:", *inferences]
        if conflicts and draw(st.booleans()):
            conflicts.append(f"  U0: {{kind: undercut, attacker: {ids[0]}, target: R{inferences[0][3]}}}")
    if conflicts:
        lines += ["conflicts:", *conflicts]
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_any_map_goes_to_aif_and_back_unchanged(text: str) -> None:
    try:
        loaded = load_map_text(text, Path("g.yaml"))
    except Exception:  # a generated map the format refuses (e.g. an undercut of a missing inference)
        return
    analysis = Analysis(loaded)
    back = read_aif(write_aif(analysis), Path("g.json"))
    again = load_map_text(dump(back.document), Path("g.yaml"))
    assert again.expanded.model_dump(exclude={"interchange"}) == loaded.expanded.model_dump(
        exclude={"interchange"}
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"nodes": [{"nodeID": 1, "type": "I", "text": "x"}', "x.json:1:"),
        (b"[1, 2]", "expected an object with a 'nodes' list"),
        (b'{"nodes": {}, "edges": []}', "expected an object with a 'nodes' list"),
        (b'{"nodes": [], "edges": 3}', "'edges' is not a list"),
        (b'{"nodes": [], "edges": []}', "no I-node to import"),
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b"[" * 100_000, "x.json"),
    ],
)
def test_malformed_aif_is_a_clear_error(content: bytes, message: str) -> None:
    with pytest.raises(InterchangeError, match=message.replace("[", r"\[")):
        read_aif(content, Path("x.json"))


def test_import_and_export_from_the_command_line(tmp_path: Path) -> None:
    shutil.copy(CASES / "araucaria-nodeset137.json", tmp_path / "n.json")
    runner = CliRunner()
    result = runner.invoke(main, ["import", "aif", str(tmp_path / "n.json")])
    assert result.exit_code == 0, result.output
    assert "I-node imported as a claim" in result.output and (tmp_path / "n.yaml").exists()
    again = runner.invoke(main, ["import", "aif", str(tmp_path / "n.json")])
    assert again.exit_code == 2 and "never replaces a file" in again.output
    exported = runner.invoke(main, ["export", "aif", str(tmp_path / "n.yaml"), "-o", f"{tmp_path}/out.json"])
    assert exported.exit_code == 0, exported.output
    assert _argument_layer(json.loads((tmp_path / "out.json").read_text(encoding="utf-8")))[0]
    (tmp_path / "bad.json").write_text('{"nodes": [', encoding="utf-8")
    bad = runner.invoke(main, ["import", "aif", str(tmp_path / "bad.json")])
    assert bad.exit_code == 2 and "bad.json:1:" in bad.output and "Traceback" not in bad.output
    unknown = runner.invoke(main, ["import", "nope", str(tmp_path / "n.json")])
    assert unknown.exit_code == 2 and "formats: aif" in unknown.output


def test_graphml_holds_every_statement_inference_and_conflict_escaped(tmp_path: Path) -> None:
    text = (
        "map: {title: G}\nstatements:\n"
        '  C1: {kind: claim, key: true, text: "<b>x</b> & \\"q\\" \\x01"}\n'
        "  E1: {kind: evidence, text: E., supports: C1}\n  E2: {kind: evidence, text: F.}\n"
        "  X1: {kind: claim, text: No., rebuts: C1}\n"
        "inferences:\n  I1: {premises: [E1, E2], conclusion: C1, scheme: Sign}\n"
        "conflicts:\n  U1: {kind: undercut, attacker: X1, target: I1}\n"
    )
    analysis = Analysis(load_map_text(text, Path("g.yaml")))
    data = formats()["graphml"].write(analysis)
    root = ElementTree.fromstring(data)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    assert nodes == {"s:C1", "s:E1", "s:E2", "s:X1", "i:I1", "i:E1->C1"}
    relations = sorted(d.text for d in root.iterfind(".//g:edge/g:data[@key='edge_relation']", ns))
    assert relations == ["conclusion", "conclusion", "premise", "premise", "premise", "rebut", "undercut"]
    texts = [d.text for d in root.iterfind(".//g:data[@key='node_text']", ns)]
    assert '<b>x</b> & "q" \\x01' in texts


KIALO = """\
Discussion Title: Should the SCO admit new members?

1. The SCO should admit new members.
1.1. Pro: New members bring markets
and more trade.
1.1.1. Con: Markets are not the SCO's purpose.
1.2. Con: Consensus gets harder.
1.3. Pro: -> See 1.1.1.
1.4. Pro: -> See 9.9.
"""


def test_a_kialo_export_becomes_pros_as_supports_and_cons_as_rebuttals() -> None:
    imported = formats()["kialo"].read(KIALO.encode(), Path("k.txt"))
    statements = imported.document["statements"]
    assert imported.document["map"]["title"] == "Should the SCO admit new members?"
    assert statements["K1"] == {"kind": "claim", "text": "The SCO should admit new members.", "key": True}
    assert statements["K1_1"]["text"] == "New members bring markets and more trade."  # a text over two lines
    assert statements["K1_1"]["supports"] == ["K1"] and statements["K1_2"]["rebuts"] == ["K1"]
    assert statements["K1_1_1"] == {
        "kind": "claim",
        "text": "Markets are not the SCO's purpose.",
        "rebuts": ["K1_1"],
        "supports": ["K1"],  # shown again under 1.3 as a pro of the thesis
    }
    assert [str(n) for n in imported.notes] == ["'-> See' to a claim not in the file, dropped"]
    Analysis(load_map_text(dump(imported.document), Path("k.yaml")))  # a valid map


@pytest.mark.parametrize(
    ("content", "message"), [(b"just prose\n", "no numbered claim"), (b"\xff1. x", "not UTF-8")]
)
def test_a_file_that_is_no_kialo_export_is_a_clear_error(content: bytes, message: str) -> None:
    with pytest.raises(InterchangeError, match=message):
        formats()["kialo"].read(content, Path("k.txt"))


ARGDOWN_MAP = """\
map: {title: "T <x> & [y]", question: "Q?"}
statements:
  K1_1:
    kind: claim
    key: true
    text: "The line, with [brackets] <angles> #hash *star* _under_ + - // slash: colon"
  E1: {kind: evidence, text: "Evidence one.", supports: K1_1}
  E2: {kind: evidence, text: "Evidence two."}
  X1: {kind: claim, text: "An undercut."}
  X2: {kind: claim, text: "A weak rebuttal."}
inferences:
  I1: {premises: [E1, E2], conclusion: K1_1, scheme: "Sign (from effect)"}
conflicts:
  U1: {kind: undercut, attacker: X1, target: I1}
  W1: {kind: rebut, attacker: X2, target: K1_1, strength: weak}
groups:
  G1: {label: "Group [one]", members: [E1, E2]}
"""


@pytest.fixture(scope="module")
def argdown_cli() -> Path:
    """Argdown's command-line tool from the npm registry, installed once into a cache folder."""
    import subprocess
    import tempfile

    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed: Argdown's own parser cannot check the export here")
    folder = Path(tempfile.gettempdir()) / "argmap-argdown-cli"
    program = folder / "node_modules" / ".bin" / "argdown"
    if not program.exists():
        folder.mkdir(exist_ok=True)
        install = [npm, "install", "--no-audit", "--no-fund", "--prefix", str(folder), "@argdown/cli@1"]
        done = subprocess.run(install, capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0:
            pytest.skip(f"npm could not install @argdown/cli: {done.stderr.strip()[-300:]}")
    return program


def _argdown_json(program: Path, document: bytes, folder: Path) -> dict:
    import subprocess

    (folder / "m.argdown").write_bytes(document)
    run = subprocess.run(
        [str(program), "json", str(folder / "m.argdown"), str(folder / "out")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0 and "error" not in (run.stdout + run.stderr).lower(), run.stdout + run.stderr
    return json.loads((folder / "out" / "m.json").read_text(encoding="utf-8"))


def test_argdowns_own_parser_reads_the_export_with_every_relation_and_text(
    argdown_cli: Path, tmp_path: Path
) -> None:
    analysis = Analysis(load_map_text(ARGDOWN_MAP, Path("a.yaml")))
    parsed = _argdown_json(argdown_cli, formats()["argdown"].write(analysis), tmp_path)
    assert set(parsed["statements"]) == {"E1", "E2", "K1_1", "X1", "X2"}
    assert set(parsed["arguments"]) == {"I1", "E1 to K1_1"}
    relations = {(r["relationType"], r["from"], r["to"]) for r in parsed["relations"]}
    assert relations == {("undercut", "X1", "I1"), ("attack", "X2", "K1_1")}
    text = parsed["statements"]["K1_1"]["members"][0]["text"]
    assert text.startswith("The line, with [brackets] <angles> #hash *star* _under_ + - // slash: colon")


def test_argdown_reads_the_showcase_export(argdown_cli: Path, tmp_path: Path) -> None:
    analysis = Analysis(load_map(SHOWCASE))
    parsed = _argdown_json(argdown_cli, formats()["argdown"].write(analysis), tmp_path)
    graph = analysis.graph
    assert len(parsed["statements"]) == len(graph.statements)
    assert len(parsed["arguments"]) == len(graph.premises_of)
    assert len(parsed["relations"]) == len(graph.conflicts)


def _links(document) -> tuple[set, set, dict]:
    """What a round trip through Argdown must keep: inferences by their ends, conflicts, groups by label.

    Argdown has one attack for argmap's rebuttal and undermining, and no weak attack.
    """
    inferences = {(tuple(sorted(i.premises)), i.conclusion, i.scheme) for i in document.inferences.values()}
    conflicts = {
        (
            "undercut" if c.kind.value == "undercut" else "attack",
            c.attacker,
            "an inference" if c.target in document.inferences else c.target,
        )
        for c in document.conflicts.values()
    }
    groups = {g.label: sorted(g.members) for g in document.groups.values()}
    return inferences, conflicts, groups


@pytest.mark.parametrize("source", ["hostile", "showcase"])
def test_map_to_argdown_to_map_keeps_statements_arguments_and_attacks(
    argdown_cli: Path, tmp_path: Path, source: str
) -> None:
    loaded = load_map(SHOWCASE) if source == "showcase" else load_map_text(ARGDOWN_MAP, Path("a.yaml"))
    parsed = _argdown_json(argdown_cli, formats()["argdown"].write(Analysis(loaded)), tmp_path)
    back = formats()["argdown-json"].read(json.dumps(parsed).encode(), Path("m.json"))
    again = load_map_text(dump(back.document), Path("m.yaml")).expanded
    original = loaded.expanded
    assert {sid: (s.kind, s.text, s.key) for sid, s in again.statements.items()} == {
        sid: (s.kind, " ".join(s.text.split()), s.key) for sid, s in original.statements.items()
    }
    assert _links(again) == _links(original)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"statements": [', "m.json:1:"),
        (b"[]", "expected an object with a 'statements'"),
        (b'{"statements": {}}', "no statement"),
    ],
)
def test_malformed_argdown_json_is_a_clear_error(content: bytes, message: str) -> None:
    with pytest.raises(InterchangeError, match=message):
        formats()["argdown-json"].read(content, Path("m.json"))


# ------------------------------------------------------------------------- found by a fresh-clone test


def test_argdown_import_gives_relations_ids_no_statement_has() -> None:
    from argmap import run_checks

    parsed = {
        "statements": {
            "T": {
                "members": [{"text": "Thesis. #key-judgment", "tags": ["key-judgment"], "isTopLevel": True}]
            },
            "A1": {"members": [{"text": "Assumption one."}]},
            "R1": {"members": [{"text": "Reason one."}]},
        },
        "relations": [
            {"relationType": "attack", "from": "A1", "to": "T"},
            {"relationType": "support", "from": "R1", "to": "T"},
        ],
    }
    back = formats()["argdown-json"].read(json.dumps(parsed).encode(), Path("m.json"))
    analysis = Analysis(load_map_text(dump(back.document), Path("m.yaml")))
    assert [f for f in run_checks(analysis, select=["S"]) if f.severity == "error"] == []
    assert set(analysis.graph.conflicts) == {"attack1"} and set(analysis.graph.inferences) == {"support1"}


def test_a_kialo_discussion_deeper_than_an_id_allows_still_imports() -> None:
    lines = ["1. Thesis."]
    number = "1"
    for depth in range(40):
        number += ".1"
        lines.append(f"{number}. {'Pro' if depth % 2 else 'Con'}: Level {depth}.")
    imported = formats()["kialo"].read("\n".join(lines).encode(), Path("deep.txt"))
    analysis = Analysis(load_map_text(dump(imported.document), Path("deep.yaml")))
    assert len(analysis.graph.statements) == 41


def test_import_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    result = CliRunner().invoke(main, ["import", "aif", str(fifo)])
    assert result.exit_code == 2 and "is not a regular file" in result.output


def test_a_hand_edited_interchange_section_cannot_break_an_export() -> None:
    text = (
        "map: {title: T}\nstatements:\n  C1: {kind: claim, text: A.}\n"
        "interchange:\n  aif: {ids: [1, 2], nodes: 3}\n"
    )
    data = json.loads(write_aif(Analysis(load_map_text(text, Path("t.yaml")))))
    assert [n["nodeID"] for n in data["nodes"]] == ["C1"]


ODD_AIF = {
    "nodes": [
        {"nodeID": 1, "type": "I", "text": "Premise.", "timestamp": "2020-01-01 10:00:00"},
        {"nodeID": 2, "type": "I", "text": "Conclusion."},
        {"nodeID": 3, "type": "RA", "text": "RA", "scheme": "Expert Opinion", "schemeID": 7},
        {"nodeID": 4, "type": "I", "text": "Objection."},
        {"nodeID": 5, "type": "I", "text": "Second objection."},
        {"nodeID": 6, "type": "CA", "text": "Default Conflict"},
        {"nodeID": 7, "type": "CA", "text": "CA on a CA"},
        {"nodeID": 8, "type": "CA", "text": "Self attack"},
        {"nodeID": 9, "type": "RA", "text": "Circular"},
        {"nodeID": 10, "type": "L", "text": "Bob: premise"},
        {"nodeID": 11, "type": "YA", "text": "Asserting"},
    ],
    "edges": [
        {"edgeID": "e1", "fromID": 1, "toID": 3},
        {"edgeID": "e2", "fromID": 3, "toID": 2},
        {"edgeID": "e3", "fromID": 4, "toID": 6},
        {"edgeID": "e4", "fromID": 5, "toID": 6},  # a second attacker of one CA
        {"edgeID": "e5", "fromID": 6, "toID": 2},
        {"edgeID": "e6", "fromID": 4, "toID": 7},
        {"edgeID": "e7", "fromID": 7, "toID": 6},  # a CA attacking a CA
        {"edgeID": "e8", "fromID": 5, "toID": 8},
        {"edgeID": "e9", "fromID": 8, "toID": 5},  # attacker is target
        {"edgeID": "e10", "fromID": 2, "toID": 9},
        {"edgeID": "e11", "fromID": 9, "toID": 2},  # concludes its only premise
        {"edgeID": "e12", "fromID": 4, "toID": 5},  # I-node to I-node
        {"edgeID": "e13", "fromID": 10, "toID": 11},
        {"edgeID": "e14", "fromID": 11, "toID": 1},
    ],
    "locutions": {"not": "a list"},
}


def test_what_argmap_cannot_read_is_reported_kept_aside_and_exported_again() -> None:
    imported = read_aif(json.dumps(ODD_AIF).encode(), Path("odd.json"))
    notes = [str(n) for n in imported.notes]
    for expected in (
        "CA node with several attackers or targets: the first read, the others kept aside",
        "CA node without an I-node attacking an I-node or an inference, kept aside for export",
        "CA node whose attacker is its target, kept aside for export",
        "RA node concluding one of its own premises: that premise kept aside",
        "RA node without a premise or a conclusion, kept aside for export",
        "edge argmap reads nothing from (e.g. I-node to I-node), kept aside for export",
        "'locutions' that is not a list, dropped",
    ):
        assert any(expected in note for note in notes), (expected, notes)
    document = imported.document
    assert document["inferences"] == {
        "RA3": {"premises": ["I1"], "conclusion": "I2", "scheme": "Expert Opinion"}
    }
    assert document["conflicts"] == {"CA6": {"kind": "rebut", "attacker": "I4", "target": "I2"}}
    analysis = Analysis(load_map_text(dump(document), Path("odd.yaml")))
    from argmap import run_checks

    assert [f.code for f in run_checks(analysis, select=["S"]) if f.severity == "error"] == []
    again = json.loads(write_aif(analysis))
    assert sorted((e["fromID"], e["toID"]) for e in again["edges"]) == sorted(
        (e["fromID"], e["toID"]) for e in ODD_AIF["edges"]
    )
    assert {n["nodeID"] for n in again["nodes"]} == set(range(1, 12))  # integers stay integers
    by_id = {n["nodeID"]: n for n in again["nodes"]}
    assert by_id[1]["timestamp"] == "2020-01-01 10:00:00"
    assert (by_id[3]["text"], by_id[3]["scheme"], by_id[3]["schemeID"]) == ("RA", "Expert Opinion", 7)
    assert len({e["edgeID"] for e in again["edges"]}) == len(again["edges"])


def test_new_edges_never_take_a_kept_edge_id_and_a_changed_scheme_is_written() -> None:
    imported = read_aif(json.dumps(ODD_AIF).encode(), Path("odd.json"))
    imported.document["inferences"]["RA3"]["scheme"] = "Position To Know"
    imported.document["statements"]["New"] = {"kind": "claim", "text": "Added.", "supports": "I2"}
    again = json.loads(write_aif(Analysis(load_map_text(dump(imported.document), Path("odd.yaml")))))
    ids = [e["edgeID"] for e in again["edges"]]
    assert len(set(ids)) == len(ids)
    ra = next(n for n in again["nodes"] if n["nodeID"] == 3)
    assert (ra["text"], ra["scheme"], "schemeID" in ra) == ("Position To Know", "Position To Know", False)


def test_rename_and_rm_keep_the_aif_ids_true_so_an_export_has_no_dangling_edge(tmp_path: Path) -> None:
    (tmp_path / "n.json").write_text(json.dumps(ODD_AIF), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["import", "aif", str(tmp_path / "n.json")]).exit_code == 0
    renamed = runner.invoke(main, ["rename", str(tmp_path / "n.yaml"), "I1", "Premise"])
    assert renamed.exit_code == 0, renamed.output
    removed = runner.invoke(main, ["rm", "--cascade", str(tmp_path / "n.yaml"), "I4"])
    assert removed.exit_code == 0, removed.output
    out = tmp_path / "out.json"
    assert runner.invoke(main, ["export", "aif", str(tmp_path / "n.yaml"), "-o", str(out)]).exit_code == 0
    again = json.loads(out.read_text(encoding="utf-8"))
    node_ids = {n["nodeID"] for n in again["nodes"]}
    assert 1 in node_ids and "Premise" not in node_ids and 4 not in node_ids  # renamed keeps its AIF id
    assert all(e["fromID"] in node_ids and e["toID"] in node_ids for e in again["edges"])
    assert {"fromID": 11, "toID": 1} in [{k: e[k] for k in ("fromID", "toID")} for e in again["edges"]]
    kept = load_map(tmp_path / "n.yaml").document.interchange["aif"]["ids"]
    assert kept["Premise"] == 1 and "I1" not in kept and "I4" not in kept


def test_a_lone_surrogate_is_refused_at_its_place_in_the_file() -> None:
    content = b'{"nodes": [\n {"nodeID": 1, "type": "I", "text": "a \\ud800 b"}], "edges": []}'
    with pytest.raises(InterchangeError, match=r"x\.json:2:40: half of a character"):
        read_aif(content, Path("x.json"))
    paired = b'{"nodes": [{"nodeID": 1, "type": "I", "text": "\\ud83d\\ude00 \\\\ud800"}]}'
    assert read_aif(paired, Path("x.json")).document["statements"]["I1"]["text"] == "\U0001f600 \\ud800"


def test_import_follows_the_output_rule(tmp_path: Path) -> None:
    shutil.copy(CASES / "araucaria-nodeset10.json", tmp_path / "n.json")
    runner = CliRunner()
    to_stdout = runner.invoke(main, ["import", "aif", str(tmp_path / "n.json"), "-o", "-"])
    assert to_stdout.exit_code == 0 and to_stdout.stdout.startswith("map:")
    assert not (tmp_path / "n.yaml").exists()
    into = runner.invoke(main, ["import", "aif", str(tmp_path / "n.json"), "-o", f"{tmp_path}/maps/"])
    assert into.exit_code == 0 and (tmp_path / "maps" / "n.yaml").is_file()
    yml = runner.invoke(main, ["import", "aif", str(tmp_path / "n.json"), "-o", f"{tmp_path}/m.yml"])
    assert yml.exit_code == 0 and (tmp_path / "m.yml").is_file()
    foreign = runner.invoke(main, ["import", "aif", str(tmp_path / "n.json"), "-o", f"{tmp_path}/m.svg"])
    assert foreign.exit_code == 2 and "does not write" in foreign.output
    itself = runner.invoke(main, ["import", "aif", str(tmp_path / "n.json"), "-o", f"{tmp_path}/n.json.yaml"])
    assert itself.exit_code == 0


def test_kialo_repeated_numbers_and_self_links_are_reported() -> None:
    text = (
        "1. Thesis.\n1.1. Pro: First.\n1.1. Con: Again.\n   more of it\n"
        "1.2. Pro: Other.\n1.2.1. Pro: -> See 1.2.\n"
    )
    imported = formats()["kialo"].read(text.encode(), Path("k.txt"))
    notes = [str(n) for n in imported.notes]
    assert "claim number given twice: the first claim kept, the later one skipped" in notes
    assert "'-> See' from a claim to itself, dropped" in notes
    assert imported.document["statements"]["K1_1"]["text"] == "First."
    assert not any("skipped" in n and "line" in n for n in notes)


@pytest.mark.parametrize(
    "content",
    [
        {"statements": {"b": {"members": 5}}},
        {"statements": {"e": {"members": [{"text": "ok", "tags": 5}]}}},
        {"statements": {"e": {"members": [{"text": "ok #a", "ranges": 5}]}}},
        {
            "statements": {
                "e": {
                    "members": [
                        {
                            "text": "a #b",
                            "ranges": [
                                {"type": "tag", "start": "x", "stop": 1},
                                {"type": "tag", "start": None, "stop": 2},
                                {"type": "tag", "start": True, "stop": 2},
                            ],
                        }
                    ]
                }
            }
        },
        {"statements": {"a": 5}},
    ],
)
def test_argdown_json_of_the_wrong_types_reads_what_it_can(content: dict) -> None:
    imported = formats()["argdown-json"].read(json.dumps(content).encode(), Path("a.json"))
    assert imported.document["statements"]
    load_map_text(dump(imported.document), Path("a.yaml"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"nodes": [{"nodeID": ' + b"9" * 5000 + b', "type": "I", "text": "a"}]}', "not valid JSON"),
        (
            b'{"nodes": [{"nodeID": 1, "type": "I", "text": "a", "x": ' + b"[" * 400 + b"]" * 400 + b"}]}",
            "100",
        ),
        (b'{"nodes": [{"nodeID": 1, "type": "I", "text": "a", "w": NaN}]}', "NaN is not a JSON number"),
        (b'{"nodes": [{"nodeID": 1, "type": "I", "text": "a", "w": -Infinity}]}', "Infinity"),
        (b'{"nodes": [{"nodeID": 1.5, "type": "I"}, {"nodeID": null, "type": "I"}]}', "nodeID is missing or"),
    ],
)
def test_json_python_reads_but_no_map_can_hold_is_refused(content: bytes, message: str) -> None:
    with pytest.raises(InterchangeError, match=message):
        read_aif(content, Path("x.json"))


def test_a_key_given_twice_keeps_the_first_and_is_reported() -> None:
    content = b'{"nodes": [{"nodeID": 1, "type": "I", "text": "a"}], "edges": [], "nodes": []}'
    imported = read_aif(content, Path("x.json"))
    assert list(imported.document["statements"]) == ["I1"]
    assert "key given twice in one JSON object: the first kept" in [str(n) for n in imported.notes]


def test_node_texts_come_back_as_they_were() -> None:
    document = {
        "nodes": [
            {"nodeID": 1, "type": "I", "text": ""},
            {"nodeID": 2, "type": "I", "text": "  padded \n"},
            {"nodeID": 3, "type": "I", "text": 5},
            {"nodeID": 4, "type": "I", "text": None},
            {"nodeID": 5, "type": "RA", "text": "Argument from Expert Opinion", "scheme": "Expert Opinion"},
            {"nodeID": 6, "type": "RA", "text": "  Argument   from\nSign "},
            {"nodeID": 7, "type": "CA", "text": "Conflict from Bias"},
            {"nodeID": 8, "type": "I", "text": "Claim."},
        ],
        "edges": [
            {"fromID": 2, "toID": 5},
            {"fromID": 5, "toID": 8},
            {"fromID": 3, "toID": 6},
            {"fromID": 6, "toID": 8},
            {"fromID": 1, "toID": 7},
            {"fromID": 7, "toID": 2},
        ],
    }
    imported = read_aif(json.dumps(document).encode(), Path("t.json"))
    notes = [str(n) for n in imported.notes]
    assert "I-node text that is no string (a number, a list...), written out as text" in notes
    assert "2 × I-node with no text, given a placeholder text" in notes
    assert imported.document["inferences"]["RA6"]["scheme"] == "Argument from Sign"
    again = json.loads(write_aif(Analysis(load_map_text(dump(imported.document), Path("t.yaml")))))
    by_id = {n["nodeID"]: n for n in again["nodes"]}
    for node in document["nodes"]:
        assert by_id[node["nodeID"]] == node


def test_export_writes_a_map_with_a_circle_says_so_and_reports_what_it_leaves_out(tmp_path: Path) -> None:
    (tmp_path / "n.json").write_text(json.dumps(ODD_AIF), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["import", "aif", str(tmp_path / "n.json")]).exit_code == 0
    assert runner.invoke(main, ["rm", "--cascade", str(tmp_path / "n.yaml"), "I5"]).exit_code == 0
    text = (tmp_path / "n.yaml").read_text(encoding="utf-8")
    (tmp_path / "n.yaml").write_text(
        text.replace(
            "kind: claim\n    text: Conclusion.", "kind: claim\n    text: Conclusion.\n    supports: I1"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "o.json"
    result = runner.invoke(main, ["export", "aif", str(tmp_path / "n.yaml"), "-o", str(out)])
    assert result.exit_code == 1 and out.is_file(), result.output
    assert "S004" in result.output and "written as they are" in result.output
    assert "edge kept from the imported file whose node is no longer in the map, left out" in result.output
    refused = runner.invoke(main, ["export", "aif", str(tmp_path / "n.yaml"), "-o", str(tmp_path / "x.yml")])
    assert refused.exit_code == 2 and "yaml" in refused.output
    unknown = runner.invoke(main, ["export", "kialo", str(tmp_path / "n.yaml")])
    assert unknown.exit_code == 2 and "no export to 'kialo'" in unknown.output
    missing = runner.invoke(main, ["import", "aif", str(tmp_path / "nothere.json")])
    assert missing.exit_code == 2 and "was not found" in missing.output


def test_kialo_placeholders_and_repeated_links_are_reported() -> None:
    text = "1. Thesis.\n1.1. Pro: First.\n1.2. Pro: -> See 1.1\n1.3. \n"
    imported = formats()["kialo"].read(text.encode(), Path("k.txt"))
    notes = [str(n) for n in imported.notes]
    assert "'-> See' repeating a link the file makes already, nothing added" in notes
    assert "claim with no text, given a placeholder text" in notes


@pytest.mark.parametrize("given", [".", "/", "./"])
def test_a_folder_as_the_file_to_import_is_a_clear_error(given: str) -> None:
    result = CliRunner().invoke(main, ["import", "aif", given])
    assert result.exit_code == 2 and "is not a regular file" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("name", "file"), [("kialo", "kialo/sco.txt"), ("aif", "aif/A013-fails.json")])
def test_an_imported_map_is_in_the_canonical_layout(name: str, file: str, tmp_path: Path) -> None:
    seeds = Path(__file__).parent.parent / "benchmarks" / "fuzz_seeds"
    out = tmp_path / "imported.yaml"
    assert CliRunner().invoke(main, ["import", name, str(seeds / file), "-o", str(out)]).exit_code in (0, 1)
    checked = CliRunner().invoke(main, ["fmt", "--check", str(out)])
    assert checked.exit_code == 0, checked.output
