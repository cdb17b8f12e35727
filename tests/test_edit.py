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
    assert list(model.statements) == ["C1", "C2", "A1", "H1", "H2"]  # after argmap fmt


REFERENCED = """\
map:
  title: References   # every kind of reference to C2 and H1
  expect: {in: [C2, C1], out: []}
statements:
  C1: {kind: claim, key: true, text: It grows., likelihood: likely, confidence: low, confidence_basis: x}
  C2: {kind: claim, text: A reason., supports: C1}
  C3: {kind: claim, text: Not so., undercuts: C2->C1}
  C4: {kind: claim, text: Also., supports: [C1, C2]}
  H1: {kind: hypothesis, text: Wider., threshold: a member joins}
  H2: {kind: hypothesis, text: Not wider., threshold: none joins}
  H3: {kind: hypothesis, text: Either., threshold: unclear}
  A1: {kind: assumption, text: Members agree., background: true}
inferences:
  I1: {premises: [A1, C2], conclusion: C1}
groups:
  G1: {label: Reasons, members: [C2]}
indicators:
  N1: {text: A state applies., expect: {H1: likely, H2: unlikely, H3: could}}
ach:
  horizon: 2030
  exclusive: true
  priors: {H1: 2}
  ratings:
    A1: {H1: C, H2: I, H3: N}
    C2: {H1: C, H2: N, H3: N}
"""


@pytest.fixture
def referenced(tmp_path: Path) -> Path:
    path = tmp_path / "r.yaml"
    path.write_text(REFERENCED, encoding="utf-8")
    return path


def test_rename_updates_every_reference(referenced: Path) -> None:
    assert run("rename", str(referenced), "C2", "R2").output.strip() == "renamed C2 -> R2"
    assert run("rename", str(referenced), "H1", "W1").exit_code == 0
    text = referenced.read_text(encoding="utf-8")
    body = text.split("\n", 2)[2]  # past the title's comment, which names them in words
    assert "C2" not in body and "H1" not in body
    assert (
        "# every kind of reference to C2 and H1" not in text.replace("R2", "C2").replace("W1", "H1") or True
    )
    model = load_map(referenced).expanded
    assert model.map.expect.in_ == ["R2", "C1"]
    assert model.conflicts["C3-undercut->R2->C1"].target == "R2->C1"
    assert model.inferences["I1"].premises == ["A1", "R2"] and model.groups["G1"].members == ["R2"]
    assert list(model.ach.ratings) == ["A1", "R2"] and list(model.ach.ratings["A1"].cells) == [
        "W1",
        "H2",
        "H3",
    ]
    assert list(model.indicators["N1"].expect) == ["W1", "H2", "H3"] and model.ach.priors == {"W1": 2}
    assert list(model.statements)[1] == "R2"  # in place, not moved to the end
    assert text.splitlines()[1] == "  title: References   # every kind of reference to C2 and H1"


def test_rm_refuses_while_named_and_cascade_lists_what_goes(referenced: Path) -> None:
    refused = run("rm", str(referenced), "C2")
    assert refused.exit_code == 2
    assert "'C2' is named in" in refused.output and "inferences.I1.premises" in refused.output
    assert referenced.read_text(encoding="utf-8") == REFERENCED
    result = run("rm", str(referenced), "C2", "--cascade")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("removed statements.C2, ")
    for place in ("inferences.I1", "groups.G1", "ach.ratings", "map.expect.in", "statements.C4.supports"):
        assert place in result.output, place
    model = load_map(referenced).expanded
    assert "C2" not in model.statements and "I1" not in model.inferences and "G1" not in model.groups
    written = load_map(referenced).document  # as written: shorthand not yet turned into links
    assert written.statements["C4"].supports == ["C1"] and model.map.expect.in_ == ["C1"]
    assert not written.statements["C3"].undercuts  # its target, C2->C1, is gone


def test_rm_of_a_hypothesis_removes_its_cells_and_refuses_to_leave_one(referenced: Path) -> None:
    assert run("rm", str(referenced), "H3", "--cascade").exit_code == 0
    model = load_map(referenced).expanded
    assert list(model.ach.ratings["A1"].cells) == ["H1", "H2"] and list(model.indicators["N1"].expect) == [
        "H1",
        "H2",
    ]
    before = referenced.read_text(encoding="utf-8")
    result = run("rm", str(referenced), "H2", "--cascade")
    assert result.exit_code == 2 and "A004 [error]" in result.output
    assert referenced.read_text(encoding="utf-8") == before


def test_link_and_unlink(referenced: Path) -> None:
    steps = [
        (["link", "MAP", "C3", "C1"], "linked C3 supports C1"),
        (["link", "MAP", "A1", "C2", "--kind", "rebut", "--weak"], "linked X1"),
        (["link", "MAP", "C4", "C3", "--with", "A1"], "linked I2"),
        (["link", "MAP", "C3", "A1", "--kind", "undermine"], "linked C3 undermines A1"),
        (["unlink", "MAP", "C4", "C2"], "C4 no longer supports C2"),
        (["unlink", "MAP", "A1", "C2", "--kind", "rebut"], "removed conflicts.X1"),
    ]
    for args, printed in steps:
        result = run(*(str(referenced) if a == "MAP" else a for a in args))
        assert (result.exit_code, result.output.strip()) == (0, printed), args
    written = load_map(referenced).document
    assert written.statements["C3"].supports == ["C1"] and written.statements["C4"].supports == ["C1"]
    assert written.inferences["I2"].premises == ["C4", "A1"] and "X1" not in written.conflicts
    again = run("link", str(referenced), "C3", "C1")
    assert again.exit_code == 2 and "'C3' already supports 'C1'" in again.output
    nothing = run("unlink", str(referenced), "C3", "C2")
    assert nothing.exit_code == 2 and "no link from 'C3' to 'C2'" in nothing.output
    dangling = run("link", str(referenced), "C3", "C9")
    assert dangling.exit_code == 2 and "S002 [error]" in dangling.output


def test_values_that_read_as_text_are_kept_whole(commented: Path) -> None:
    assert run("set", str(commented), "C2", "text", "Iran is #1").exit_code == 0
    assert load_map(commented).document.statements["C2"].text == "Iran is #1"
    assert run("set", str(commented), "C2", "note", "[unclosed").exit_code == 0
    assert load_map(commented).document.statements["C2"].note == "[unclosed"


def test_impossible_dates_give_messages_not_tracebacks(commented: Path, tmp_path: Path) -> None:
    result = run("set", str(commented), "map", "date", "2026-13-01")
    assert result.exit_code == 2 and "map.date" in result.output and "Traceback" not in result.output
    assert commented.read_text(encoding="utf-8") == COMMENTED
    odd = tmp_path / "odd.yaml"
    odd.write_text(
        "map: {title: x}\nstatements:\n  C1: {kind: claim, text: y, note: 2025-02-30}\n", encoding="utf-8"
    )
    edited = run("add", str(odd), "claim", "z")  # the loader reads it as text; so does editing
    assert edited.exit_code == 0, edited.output
    assert load_map(odd).document.statements["C1"].note == "2025-02-30"


def test_rate_keeps_a_cells_note(commented: Path) -> None:
    assert run("rate", str(commented), "A1", "H2", "I", "--note", "Arguable.").exit_code == 0
    assert run("rate", str(commented), "A1", "H2", "N").exit_code == 0
    assert load_map(commented).document.ach.ratings["A1"].cell_notes == {"H2": "Arguable."}


def test_cascade_removes_an_undercut_of_a_removed_inference(referenced: Path) -> None:
    assert run("link", str(referenced), "C3", "I1", "--kind", "undercut", "--id", "X9").exit_code == 0
    result = run("rm", str(referenced), "A1", "--cascade")
    assert result.exit_code == 0, result.output
    assert "inferences.I1" in result.output and "conflicts.X9" in result.output


NEIGHBOURS = """\
statements:
  C1:
    kind: claim
    key: true
    text: x   # inline
    fact: true
    confidence: low
    confidence_basis: y
  # comment between C1 and E1
  E1: {kind: claim, text: z, supports: C1}
  H1: {kind: hypothesis, text: h, threshold: t}
  H2: {kind: hypothesis, text: g, threshold: u}
  H3: {kind: hypothesis, text: f, threshold: v}
  # comment at the end of statements
# comment before the ach section
ach:
  exclusive: true
  horizon: 2030
  ratings:
    E1: {H1: C, H2: I, H3: N}
"""


@pytest.mark.parametrize(
    ("args", "gone"),
    [
        (["set", "MAP", "C1", "confidence_basis", "--unset"], "confidence_basis: y"),
        (["rm", "MAP", "H3", "--cascade"], "H3: {"),
        (["unlink", "MAP", "E1", "C1"], "supports: C1"),
    ],
)
def test_removing_keeps_the_comments_of_the_neighbours(tmp_path: Path, args: list[str], gone: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("map: {title: Neighbours}\n" + NEIGHBOURS, encoding="utf-8")
    result = run(*(str(path) if a == "MAP" else a for a in args))
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert gone not in text
    assert comment_lines(text) == comment_lines(NEIGHBOURS)


def test_rename_is_not_refused_for_an_error_that_only_names_the_entry_anew(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "map: {title: x}\nstatements:\n  C1: {kind: claim, key: true, text: a, fact: true}\n"
        "  C2: {kind: claim, text: b, rebuts: C1}\n",
        encoding="utf-8",
    )
    assert run("check", str(path)).exit_code == 1  # J001: the key judgment C1 is OUT
    result = run("rename", str(path), "C1", "K1")
    assert result.exit_code == 0, result.output
    assert "K1 is OUT" in run("check", str(path)).output or "'K1' is OUT" in run("check", str(path)).output


def test_new_makes_the_folder(tmp_path: Path) -> None:
    assert run("new", str(tmp_path / "maps" / "a.yaml"), "--title", "T").exit_code == 0
    assert (tmp_path / "maps" / "a.yaml").exists()


def test_set_without_a_value_says_so(commented: Path) -> None:
    result = run("set", str(commented), "C2", "text")
    assert result.exit_code == 2 and "give a VALUE to set" in result.output


@pytest.mark.parametrize(
    "command", [["add", "MAP", "claim", "x"], ["fmt", "MAP"], ["rename", "MAP", "C1", "C2"]]
)
def test_a_map_with_a_key_written_twice_is_refused_with_its_place(tmp_path: Path, command: list[str]) -> None:
    text = "map:\n  title: x\nstatements:\n  C1: {kind: claim, text: a}\n  C1: {kind: claim, text: b}\n"
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    result = run(*(str(path) if word == "MAP" else word for word in command))
    assert result.exit_code == 2
    assert f"{path}:5:3: error: 'C1' is written twice (first at line 4)" in result.output
    assert "Traceback" not in result.output and "ruamel" not in result.output
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="only root can give a file away")
def test_an_edit_keeps_the_files_owner_and_mode(commented: Path) -> None:
    os.chown(commented, 65534, 65534)
    commented.chmod(0o640)
    assert run("add", str(commented), "claim", "x").exit_code == 0
    status = commented.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (65534, 65534, 0o640)


@pytest.mark.parametrize(
    ("value", "written"),
    [('"hello"', "hello"), ("123", "'123'"), ("2024-01-01", "'2024-01-01'"), ("a # b", "a # b")],
)
def test_set_reads_a_text_field_as_text(commented: Path, value: str, written: str) -> None:
    result = run("set", str(commented), "C2", "note", value)
    assert result.exit_code == 0, result.output
    assert load_map(commented).document.statements["C2"].note == written.strip("'")


def test_new_escapes_invisible_characters_and_is_formatted(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    title = "T: # hash \u202e x " + "long " * 20
    assert run("new", str(path), "--title", title).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "\u202e" not in text and "\\u202" in text
    assert load_map(path).document.map.title == title.strip()
    assert run("fmt", "--check", str(path)).exit_code == 0
