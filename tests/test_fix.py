"""``argmap fix``: the rules' unambiguous repairs, and the nearest passage of a quote not found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.checks import run_checks
from argmap.cli import main
from argmap.load import load_map
from argmap.sources import segment

SOURCE = (
    "The SCO is expected to expand, especially through the building of a network.\n\n"
    'China said: "We will grow." Then more came.\n'
)

BROKEN = """\
# A map with one of each repairable fault.
map:
  title: Fix me
statements:
  C1:
    kind: claim
    key: true
    text: The SCO grows.   # the thesis
  E1:
    kind: evidence
    text: Expected expansion.
    source: S1
    quote: '"the sco is expected to expand especially"'   # case and outer quotes
    supports: [C1, C1]
  E2:
    kind: evidence
    text: China's words.
    source: S1
    quote:
      - China said ... Then more came
    undermines: C1
  A1:
    kind: assumption
    text: Members agree.
conflicts:
  X1: {kind: undermine, attacker: E2, target: A1, strength: weak}   # A1 is no premise
inferences:
  # written out as well as in E1's shorthand
  I1: {premises: [E1], conclusion: C1}
sources:
  S1:
    title: Src
    file: src.txt
"""


def _map(tmp_path: Path, text: str = BROKEN) -> Path:
    (tmp_path / "src.txt").write_text(SOURCE, encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _fix(*args: str) -> object:
    return CliRunner().invoke(main, ["fix", *args])


def test_fix_makes_every_repair_and_says_each(tmp_path: Path) -> None:
    path = _map(tmp_path)
    result = _fix(str(path))
    assert result.exit_code == 0, result.output
    said = [
        line.split(": ", 1)[1].split()[0] for line in result.output.splitlines() if line.startswith("fixed")
    ]
    assert sorted(said) == ["P002", "P002", "S010", "S010", "S011", "S011"]
    codes = {finding.code for finding in run_checks(load_map(path))}
    assert not codes & {"P002", "S010", "S011"}
    document = load_map(path).document
    assert document.statements["E1"].quote == ["The SCO is expected to expand, especially"]
    assert document.statements["E2"].quote == ["China said", "Then more came"]
    assert document.statements["E2"].rebuts == ["C1"] and document.statements["E2"].undermines == []
    assert document.statements["E1"].supports == []  # the explicit I1 stays, the shorthand copy goes
    assert document.inferences["I1"].premises == ["E1"]
    assert document.conflicts["X1"].kind == "rebut" and document.conflicts["X1"].strength == "weak"


def test_fix_keeps_every_comment(tmp_path: Path) -> None:
    path = _map(tmp_path)
    _fix(str(path))
    text = path.read_text(encoding="utf-8")
    for comment in (
        "# A map with one of each repairable fault.",
        "# the thesis",
        "# case and outer quotes",
        "# A1 is no premise",
        "# written out as well as in E1's shorthand",
    ):
        assert comment in text


def test_diff_shows_the_repairs_and_writes_nothing(tmp_path: Path) -> None:
    path = _map(tmp_path)
    result = _fix("--diff", str(path))
    assert result.exit_code == 0
    assert "-    undermines: C1\n" in result.output and "+    rebuts: C1\n" in result.output
    assert "would fix" in result.output
    assert path.read_text(encoding="utf-8") == BROKEN


def test_select_limits_the_repairs(tmp_path: Path) -> None:
    path = _map(tmp_path)
    result = _fix("--select", "S010", str(path))
    assert result.exit_code == 0
    codes = [finding.code for finding in run_checks(load_map(path))]
    assert "S010" not in codes and "S011" in codes and "P002" in codes


def test_nothing_to_fix_leaves_the_file_byte_for_byte(tmp_path: Path) -> None:
    clean = BROKEN.replace("C1, C1", "C1").replace("undermines: C1", "rebuts: C1")
    clean = clean.replace("'\"the sco is expected to expand especially\"'", "The SCO is expected to expand")
    clean = clean.replace("China said ... Then more came", "China said").replace(
        "kind: undermine", "kind: rebut"
    )
    clean = clean.replace(
        "  I1: {premises: [E1], conclusion: C1}\n", "  I1: {premises: [E2], conclusion: C1}\n"
    )
    path = _map(tmp_path, clean)
    result = _fix(str(path))
    assert result.exit_code == 0
    assert "nothing to fix" in result.output
    assert path.read_text(encoding="utf-8") == clean


def test_a_copy_that_carries_a_note_and_is_undercut_is_left_to_the_analyst(tmp_path: Path) -> None:
    text = BROKEN.replace(
        "  I1: {premises: [E1], conclusion: C1}",
        "  I1: {premises: [E1], conclusion: C1, note: why}\n  I2: {premises: [E2], conclusion: C1}",
    ).replace("supports: [C1, C1]", "supports: C1")
    text = text.replace("conflicts:\n", "conflicts:\n  X2: {kind: undercut, attacker: E2, target: E1->C1}\n")
    path = _map(tmp_path, text)
    [finding] = [f for f in run_checks(load_map(path)) if f.code == "S011"]
    assert finding.repair is None


def test_check_marks_fixable_findings_and_counts_them(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(_map(tmp_path))])
    lines = [line for line in result.output.splitlines() if " S010 " in line]
    assert lines and all(line.endswith("(argmap fix)") for line in lines)
    assert "6 fixable with 'argmap fix'" in result.output
    entries = json.loads(CliRunner().invoke(main, ["check", "--format", "json", str(_map(tmp_path))]).stdout)
    assert any(entry["fix"] and entry["code"] == "S010" for entry in entries)


@pytest.mark.parametrize(
    ("quote", "passages", "differences"),
    [
        ("the sco is expected to expand", ("The SCO is expected to expand",), ("case or punctuation",)),
        ('"The SCO is expected to expand"', ("The SCO is expected to expand",), ("outer quotation marks",)),
        (
            "\u201cThe SCO is expected to expand\u201d",
            ("The SCO is expected to expand",),
            ("outer quotation marks",),
        ),
        ("... expected to expand", ("expected to expand",), ("an ellipsis at an end",)),
        ("expected to expand\u2026", ("expected to expand",), ("an ellipsis at an end",)),
        ("The SCO is ... of a network", ("The SCO is", "of a network"), ("an ellipsis inside",)),
        ("china said we will grow", ('China said: "We will grow',), ("case or punctuation",)),
    ],
)
def test_nearest_passage(quote: str, passages: tuple[str, ...], differences: tuple[str, ...]) -> None:
    near = segment(SOURCE).nearest(quote)
    assert near is not None
    assert near.passages == passages
    assert near.differences == differences


@pytest.mark.parametrize(
    "quote",
    [
        "The SCO is expected to expand",  # found as it is
        "The SCO is expected to shrink",  # a word differs
        "expected to expand ... We will grow",  # the parts lie in two paragraphs
        "network ... The SCO",  # the parts are out of order
        "xpected to expand",  # inside a word
    ],
)
def test_no_nearest_passage(quote: str) -> None:
    assert segment(SOURCE).nearest(quote) is None


def test_a_passage_found_in_two_wordings_is_ambiguous() -> None:
    assert segment("It is Big News.\n\nIt is big news!\n").nearest("it is big news") is None
    assert segment("It is big news.\n\nIt is big news!\n").nearest("IT IS BIG NEWS").passages == (
        "It is big news",
    )


def test_diff_places_each_repair_where_check_places_its_finding(tmp_path: Path) -> None:
    path = _map(tmp_path)
    checked = CliRunner().invoke(main, ["check", str(path)]).output
    places = {
        line.split(": ")[0] + " " + line.split(": ")[1].split()[0]
        for line in checked.splitlines()
        if "(argmap fix)" in line
    }
    result = _fix("--diff", str(path))
    said = {
        line.split()[2].rstrip(":") + " " + line.split()[3]
        for line in result.output.splitlines()
        if line.startswith("would fix")
    }
    assert said and said <= places
    assert f"+++ {path} (fixed)" in result.output


def test_a_map_with_a_key_written_twice_offers_no_repair(tmp_path: Path) -> None:
    path = _map(tmp_path, BROKEN + "map:\n  title: again\n")
    assert all(f.repair is None for f in run_checks(load_map(path)))


def test_a_shorthand_undermine_renamed_keeps_its_comment(tmp_path: Path) -> None:
    text = (
        "map:\n  title: x\nstatements:\n  C1: {kind: claim, key: true, text: a}\n"
        "  E1:\n    kind: claim\n    text: b\n    undermines: C1   # why undermine\n"
    )
    path = _map(tmp_path, text)
    assert _fix(str(path)).exit_code == 0
    assert "    rebuts: C1       # why undermine\n" in path.read_text(encoding="utf-8")


def test_three_copies_are_placed_where_check_places_them(tmp_path: Path) -> None:
    text = BROKEN.replace("supports: [C1, C1]", "supports:\n      - C1\n      - C1\n      - C1")
    path = _map(tmp_path, text)
    checked = CliRunner().invoke(main, ["check", str(path)]).output
    places = sorted(
        line.split(": ")[0] for line in checked.splitlines() if " S011 " in line and "twice" in line
    )
    said = sorted(
        line.split()[2].rstrip(":")
        for line in _fix("--diff", str(path)).output.splitlines()
        if " S011 the second" in line
    )
    assert len(places) == 2 and said == places
