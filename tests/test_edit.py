"""Editing maps from the command line: comments and order kept, invalid edits refused, writes atomic."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import app, load_map
from argmap.cli import main
from argmap.edit import EditRefused, NewStatement, add_statement, dump, edit_map, next_id, round_trip_yaml
from argmap.model import StatementKind

ROOT = Path(__file__).resolve().parent.parent

COMMENTED = """\
# A map full of comments: every edit must keep them, and the order of what it does not touch.
map:
  title: Will the SCO expand?   # the question behind it
  question: How will it develop?

statements:
  # The bottom line first.
  C1: {kind: claim, key: true, text: It grows., likelihood: likely, confidence: low, confidence_basis: x}
  C2:
    kind: claim        # a reason
    text: Iran joined in 2023.
    supports: C1       # shorthand support
  H1: {kind: hypothesis, text: The SCO enlarges.}
  H2: {kind: hypothesis, text: The SCO stagnates.}

  # Assumptions at the end.
  A1: {kind: assumption, text: Members want new members., background: true}

ach:
  ratings:
    A1: {H1: C, H2: I}   # first rating
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def commented(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    return path


def comment_lines(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]


def test_a_round_trip_of_the_showcase_is_byte_for_byte() -> None:
    text = (ROOT / "maps" / "sco-expansion.yaml").read_text(encoding="utf-8")
    assert dump(round_trip_yaml().load(text)) == text


@pytest.mark.parametrize(
    ("args", "printed"),
    [
        (["add", "MAP", "claim", "Belarus joined in 2024.", "--supports", "C1"], "C3"),
        (["add", "MAP", "assumption", "India backs candidates.", "--supports", "C1", "--with", "C2"], "A2"),
        (["add", "MAP", "claim", "Members are wary.", "--rebuts", "C2", "--id", "X1"], "X1"),
        (["set", "MAP", "C2", "note", "From the article's first paragraph."], "set C2.note"),
        (["set", "MAP", "map", "date", "2025-01-20"], "set map.date"),
        (["rate", "MAP", "A1", "H2", "ii", "--note", "Wanting is not admitting."], "rated A1 on H2: II"),
        (["rate", "MAP", "A1", "H1", "N", "--analyst", "Ben"], "rated A1 on H1: N"),
    ],
)
def test_each_edit_keeps_every_comment_and_the_order_of_the_rest(
    commented: Path, args: list[str], printed: str
) -> None:
    result = run(*(str(commented) if a == "MAP" else a for a in args))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == printed
    text = commented.read_text(encoding="utf-8")
    assert comment_lines(text) == comment_lines(COMMENTED)
    before = [line for line in COMMENTED.splitlines() if line.strip()]
    after = [line for line in text.splitlines() if line.strip()]
    # Untouched lines stay in their order: the original's lines are a subsequence of the new text,
    # except the one line a set or rate changes in place.
    kept = iter(after)
    missing = [line for line in before if not any(line == other for other in kept)]
    assert len(missing) <= 1, missing
    load_map(commented)  # still a usable map


def test_add_writes_shorthand_and_linked_arguments(commented: Path) -> None:
    assert run("add", str(commented), "evidence", "Iran joined.", "--source", "S9").exit_code == 2  # no S9
    assert (
        run("add", str(commented), "assumption", "Both agree.", "--supports", "C1", "--with", "C2").exit_code
        == 0
    )
    model = load_map(commented).expanded
    assert model.inferences["I1"].premises == ["A2", "C2"] and model.inferences["I1"].conclusion == "C1"
    assert run("add", str(commented), "claim", "Wary.", "--undercuts", "I1").exit_code == 0
    assert load_map(commented).expanded.conflicts["C3-undercut->I1"].target == "I1"


def test_an_edit_that_adds_an_error_changes_nothing(commented: Path) -> None:
    result = run("add", str(commented), "claim", "x", "--supports", "C9")
    assert result.exit_code == 2
    assert "S002 [error]" in result.output and "nothing was written" in result.output
    assert commented.read_text(encoding="utf-8") == COMMENTED
    forced = run("add", str(commented), "claim", "x", "--supports", "C9", "--force")
    assert forced.exit_code == 0 and "C3" in forced.output  # written with its finding, on request


def test_an_edit_that_makes_the_map_unusable_is_refused_even_with_force(commented: Path) -> None:
    for args in (
        ["set", str(commented), "C2", "kind", "bogus"],
        ["set", str(commented), "C2", "kind", "bogus", "--force"],
    ):
        result = run(*args)
        assert result.exit_code == 2 and "would make the map unusable" in result.output
        assert commented.read_text(encoding="utf-8") == COMMENTED


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set", "MAP", "C9", "note", "x"], "no entry 'C9' in this map"),
        (["set", "MAP", "C2", "note", "--unset"], "'C2' has no field 'note' to unset"),
        (["add", "MAP", "claim", "x", "--id", "C2"], "the id 'C2' is already taken"),
        (["add", "MAP", "claim", "x", "--id", "2x"], "'2x' is not a valid id"),
        (["add", "MAP", "claim", "x", "--supports", "C1", "--rebuts", "C2"], "give one link at most"),
        (["set", "MAP", "C2", "note", "[unclosed"], "is not a YAML value"),
    ],
)
def test_bad_edits_are_usage_errors_and_change_nothing(
    commented: Path, args: list[str], message: str
) -> None:
    result = run(*(str(commented) if a == "MAP" else a for a in args))
    assert result.exit_code == 2
    assert message in result.output
    assert commented.read_text(encoding="utf-8") == COMMENTED


def test_an_unusable_map_is_not_edited(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("map: {title: x\n", encoding="utf-8")
    result = run("add", str(path), "claim", "x")
    assert result.exit_code == 2 and "m.yaml:" in result.output
    assert path.read_text(encoding="utf-8") == "map: {title: x\n"


def test_a_write_interrupted_before_the_rename_leaves_the_original(
    commented: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    monkeypatch.setattr(os, "link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        edit_map(commented, add_statement(NewStatement(StatementKind.CLAIM, "Belarus joined.")))
    assert commented.read_text(encoding="utf-8") == COMMENTED
    assert sorted(p.name for p in commented.parent.iterdir()) == ["m.yaml"]  # no temporary or lock file


def test_two_processes_editing_one_map_both_land(commented: Path) -> None:
    script = (
        "import sys; from argmap.cli import main; "
        "sys.argv = ['argmap', 'add', sys.argv[1], 'claim', sys.argv[2]]; main()"
    )
    children = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(commented), f"Reason {n}."], stdout=subprocess.PIPE
        )
        for n in range(4)
    ]
    ids = sorted(child.communicate(timeout=120)[0].decode().strip() for child in children)
    assert all(child.returncode == 0 for child in children)
    assert ids == ["C3", "C4", "C5", "C6"]
    texts = {s.text for s in load_map(commented).expanded.statements.values()}
    assert {f"Reason {n}." for n in range(4)} <= texts


def test_next_id_counts_every_section() -> None:
    tree = round_trip_yaml().load("statements: {C1: {}, C7: {}, E2: {}}\ninferences: {I3: {}}\n")
    assert (next_id(tree, "C"), next_id(tree, "E"), next_id(tree, "A"), next_id(tree, "I")) == (
        "C8",
        "E3",
        "A1",
        "I4",
    )


def test_new_writes_a_map_that_loads_and_never_replaces_a_file(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    written = app.new_map(path, 'A "quoted" title: with a colon', None, today=datetime.date(2026, 12, 2))
    model = load_map(written).expanded
    assert model.map.title == 'A "quoted" title: with a colon'
    assert model.map.date == datetime.date(2026, 12, 2)
    assert model.statements["C1"].key
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=map.schema.json\n")
    result = run("new", str(path), "--title", "Again")
    assert result.exit_code == 2 and "already exists" in result.output
    assert path.read_text(encoding="utf-8") == text
    check = run("check", str(path))
    assert check.exit_code == 0, check.output  # warnings only: a placeholder to fill in


def test_an_edit_of_the_showcase_keeps_everything_else(tmp_path: Path) -> None:
    original = (ROOT / "maps" / "sco-expansion.yaml").read_text(encoding="utf-8")
    path = tmp_path / "maps" / "sco.yaml"
    path.parent.mkdir()
    path.write_text(original, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    seed = ROOT / "seeds" / "000_b27ba62403231285.txt"
    (tmp_path / "seeds" / seed.name).write_bytes(seed.read_bytes())
    result = run("rate", str(path), "E4", "H1", "C", "--note", "Arguable.")
    assert result.exit_code == 0, result.output
    changed = [
        (a, b)
        for a, b in zip(original.splitlines(), path.read_text(encoding="utf-8").splitlines(), strict=True)
        if a != b
    ]
    assert len(changed) == 1 and "E4:" in changed[0][1] and "Arguable." in changed[0][1]


def test_a_flow_mapping_written_over_several_lines_comes_back_on_one(tmp_path: Path) -> None:
    # A known limit of ruamel.yaml's round trip, documented in the README: the content, its order
    # and the comments stay; the line breaks inside a flow mapping do not.
    path = tmp_path / "m.yaml"
    path.write_text("map: {title: x}\nstatements:\n  C1: {kind: claim,\n       text: y}\n", encoding="utf-8")
    assert run("add", str(path), "claim", "z").exit_code == 0
    assert "  C1: {kind: claim, text: y}\n" in path.read_text(encoding="utf-8")


def test_refused_edit_has_the_error_type(commented: Path) -> None:
    with pytest.raises(EditRefused) as refused:
        edit_map(commented, add_statement(NewStatement(StatementKind.CLAIM, "x", supports="C9")))
    assert [f.code for f in refused.value.findings] == ["S002"]


def test_the_readme_walk_through_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Editing maps from the command line")[1].split("```sh\n")[1].split("```")[0]
    (tmp_path / "maps").mkdir()
    monkeypatch.chdir(tmp_path)
    printed = []
    for line in block.splitlines():
        for command in line.split("#")[0].split("&&"):
            words = shlex.split(command)
            assert words[0] == "argmap"
            result = run(*words[1:])
            assert result.exit_code == 0, (command, result.output)
            printed.append(result.output.strip().splitlines()[0] if result.output.strip() else "")
    assert printed[1:5] == ["C2", "H1", "H2", "A1"]
    model = load_map(tmp_path / "maps" / "walk.yaml").expanded
    assert model.inferences["I1"].premises == ["A1", "C2"]
    assert model.ach.ratings["A1"].cell_notes == {"H2": "Wanting is not admitting."}
