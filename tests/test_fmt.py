"""``argmap fmt``: canonical layout, comments kept, meaning unchanged, idempotent."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.fmt import format_loaded, format_map
from argmap.load import load_map, load_map_text
from argmap.model import natural_key

ROOT = Path(__file__).resolve().parent.parent
SHOWCASE = ROOT / "maps" / "sco-expansion.yaml"

UNORDERED = """\
# The file's own header: it stays on top.
# yaml-language-server: $schema=../argmap.schema.json

statements:
  # Why E10 matters.
  E10:
    text: Tenth item.   # inline comment kept
    kind: evidence
    supports: C1
  C1:
    key: true
    kind: claim
    text: |
      A claim whose text has a line that looks like a comment:
      # not a comment
  E2:
    kind: evidence
    text: Second item.
    supports: C1
  H1: {kind: hypothesis, text: One course.}
map:
  title: Unordered
  date: 2026-01-01
sources: {}
"""


def _write(tmp_path: Path, text: str, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _comments(text: str) -> list[str]:
    return sorted(line.split("#", 1)[1].strip() for line in text.splitlines() if "#" in line)


def test_sections_entries_and_fields_take_the_canonical_order(tmp_path: Path) -> None:
    after = format_map(_write(tmp_path, UNORDERED)).after
    top = [line.split(":")[0] for line in after.splitlines() if re.match(r"^\w", line)]
    assert top == ["map", "sources", "statements"]
    entries = re.findall(r"^  (\w+):", after.split("statements:")[1], flags=re.M)
    assert entries == ["C1", "E2", "E10", "H1"]  # kind first, then numbers as numbers
    e10 = after.split("  E10:")[1].split("  H1:")[0]
    assert e10.index("kind:") < e10.index("text:") < e10.index("supports:")


def test_every_comment_is_kept_and_travels_with_its_entry(tmp_path: Path) -> None:
    after = format_map(_write(tmp_path, UNORDERED)).after
    assert _comments(after) == _comments(UNORDERED)
    assert after.startswith("# The file's own header: it stays on top.\n# yaml-language-server:")
    assert "  # Why E10 matters.\n  E10:\n" in after
    assert "    text: Tenth item.   # inline comment kept\n" in after
    assert "      # not a comment\n" in after.split("  C1:")[1].split("  E2:")[0]


def test_layout_keeps_the_meaning_and_is_idempotent(tmp_path: Path) -> None:
    path = _write(tmp_path, UNORDERED)
    loaded = load_map(path)
    once = format_loaded(loaded)
    again = load_map_text(once, path)
    assert again.document == loaded.document
    assert format_loaded(again) == once


@pytest.mark.parametrize("keep_order", [False, True])
def test_the_showcase_keeps_its_meaning_and_comments(keep_order: bool) -> None:
    loaded = load_map(SHOWCASE)
    once = format_loaded(loaded, keep_order)
    assert load_map_text(once, SHOWCASE).document == loaded.document
    assert format_loaded(load_map_text(once, SHOWCASE), keep_order) == once
    assert _comments(once) == _comments(loaded.text)


def test_the_showcase_is_formatted_in_its_own_order() -> None:
    assert not format_map(SHOWCASE, keep_order=True).changed


def test_keep_order_keeps_entries_and_fields_as_written(tmp_path: Path) -> None:
    after = format_map(_write(tmp_path, UNORDERED), keep_order=True).after
    entries = re.findall(r"^  (\w+):", after.split("statements:")[1], flags=re.M)
    assert entries == ["E10", "C1", "E2", "H1"]
    assert after.index("map:") < after.index("sources:") < after.index("statements:")
    assert "    text: Tenth item.   # inline comment kept\n    kind: evidence" in after


def test_a_long_one_line_text_is_folded_and_reads_the_same(tmp_path: Path) -> None:
    text = " ".join(["word"] * 40)
    source = f"map:\n  title: Long\nstatements:\n  C1:\n    kind: claim\n    text: {text}\n"
    after = format_map(_write(tmp_path, source)).after
    assert "    text: >-\n" in after
    assert max(len(line) for line in after.splitlines()) <= 88
    assert load_map_text(after).document.statements["C1"].text == text


def test_a_text_with_double_spaces_or_one_long_word_is_left_on_its_line(tmp_path: Path) -> None:
    spaced = "two  spaces " + "x " * 50
    address = "https://example.org/" + "a" * 100
    source = (
        f"map:\n  title: Long\nsources:\n  S1:\n    title: T\n    url: {address}\n"
        f"statements:\n  C1:\n    kind: claim\n    text: '{spaced.strip()}'\n"
    )
    after = format_map(_write(tmp_path, source)).after
    assert f"    url: {address}\n" in after
    assert "    text: 'two  spaces" in after


def test_natural_key_compares_numbers_as_numbers() -> None:
    assert sorted(["E10", "E2", "C1", "E1a", "E1"], key=natural_key) == ["C1", "E1", "E1a", "E2", "E10"]


def test_check_shows_a_diff_and_exits_1_writing_nothing(tmp_path: Path) -> None:
    path = _write(tmp_path, UNORDERED)
    result = CliRunner().invoke(main, ["fmt", "--check", str(path)])
    assert result.exit_code == 1
    assert f"--- {path}" in result.output and "+map:" in result.output
    assert path.read_text(encoding="utf-8") == UNORDERED


def test_fmt_writes_and_then_check_passes(tmp_path: Path) -> None:
    path = _write(tmp_path, UNORDERED)
    assert CliRunner().invoke(main, ["fmt", str(path)]).exit_code == 0
    assert path.read_text(encoding="utf-8") != UNORDERED
    result = CliRunner().invoke(main, ["fmt", "--check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == ""


def test_diff_writes_nothing_and_exits_0(tmp_path: Path) -> None:
    path = _write(tmp_path, UNORDERED)
    result = CliRunner().invoke(main, ["fmt", "--diff", str(path)])
    assert result.exit_code == 0
    assert "+map:" in result.output
    assert path.read_text(encoding="utf-8") == UNORDERED


def test_a_broken_map_is_reported_with_its_position_and_left_alone(tmp_path: Path) -> None:
    broken = "map:\n  title: x\nstatements: [\n"
    path = _write(tmp_path, broken)
    result = CliRunner().invoke(main, ["fmt", str(path)])
    assert result.exit_code == 2
    assert f"{path}:4:1: error:" in result.output
    assert path.read_text(encoding="utf-8") == broken


def test_a_layout_that_would_change_a_text_is_refused(tmp_path: Path) -> None:
    # A kept trailing newline (|+) followed by a comment: moving lines about
    # could change the text, so the meaning check must hold the line.
    source = (
        "map:\n  title: T\nstatements:\n  C1:\n    kind: claim\n    text: |+\n      kept\n\n"
        "  # above E1\n  E1:\n    kind: evidence\n    text: e\n"
    )
    path = _write(tmp_path, source)
    result = CliRunner().invoke(main, ["fmt", str(path)])
    if result.exit_code == 2:
        assert "nothing was written" in result.output
        assert path.read_text(encoding="utf-8") == source
    else:
        assert result.exit_code == 0, result.output
        assert load_map(path).document == load_map_text(source).document


def test_many_files_at_once_count_the_unformatted(tmp_path: Path) -> None:
    clean = tmp_path / "clean.yaml"
    shutil.copy(SHOWCASE, clean)
    result = CliRunner().invoke(
        main, ["fmt", "--check", "--keep-order", str(clean), str(_write(tmp_path, UNORDERED))]
    )
    assert result.exit_code == 1
    assert "1 of 2 map(s) not formatted" in result.output


def test_the_editing_tests_map_keeps_every_comment_in_place(tmp_path: Path) -> None:
    from test_edit import COMMENTED

    after = format_map(_write(tmp_path, COMMENTED)).after
    assert _comments(after) == _comments(COMMENTED)
    assert "  # Assumptions at the end.\n  A1: {kind: assumption," in after  # a flow entry stays one
    assert "    kind: claim        # a reason\n" in after
    assert "    A1: {H1: C, H2: I}   # first rating\n" in after
    assert re.findall(r"^  (\w+):", after.split("statements:")[1].split("ach:")[0], flags=re.M) == [
        "C1",
        "C2",
        "A1",
        "H1",
        "H2",
    ]


def _fmt_twice(tmp_path: Path, text: str) -> tuple[str, str]:
    path = _write(tmp_path, text)
    assert CliRunner().invoke(main, ["fmt", str(path)]).exit_code == 0
    once = path.read_text(encoding="utf-8")
    assert CliRunner().invoke(main, ["fmt", str(path)]).exit_code == 0
    return once, path.read_text(encoding="utf-8")


def test_kept_trailing_newlines_survive_and_fmt_is_stable(tmp_path: Path) -> None:
    text = (
        "map:\n  title: T\nstatements:\n  E1:\n    kind: evidence\n    text: e\n    note: |+\n"
        "      Keep trailing newlines.\n\n\n  C1:\n    kind: claim\n    text: c\n"
    )
    once, twice = _fmt_twice(tmp_path, text)
    assert once == twice
    assert load_map_text(once).document.statements["E1"].note == "Keep trailing newlines.\n\n\n"
    assert "..." not in once


def test_a_comment_after_a_flow_entry_stays_above_the_next_entry(tmp_path: Path) -> None:
    text = (
        "map:\n  title: T\nstatements:\n  C3: {kind: claim, text: Three.}   # t3\n"
        "  # about C1\n  C1: {kind: claim, text: One.}\n"
    )
    once, twice = _fmt_twice(tmp_path, text)
    assert once == twice
    assert "  # about C1\n  C1: {kind: claim, text: One.}\n  C3: {kind: claim, text: Three.}   # t3\n" in once


def test_comments_that_end_a_section_or_the_file_stay_at_the_end(tmp_path: Path) -> None:
    text = (
        "statements:\n  C2: {kind: claim, text: Two.}\n  C1: {kind: claim, text: One.}\n"
        "  # end of the statements\nmap:\n  title: T\n# footer comment at end of file\n"
    )
    once, _ = _fmt_twice(tmp_path, text)
    statements = once.split("statements:")[1]
    assert statements.index("C1:") < statements.index("C2:") < statements.index("# end of the statements")
    assert once.rstrip().endswith("# footer comment at end of file")


def test_the_header_stays_on_top_when_the_first_section_moves(tmp_path: Path) -> None:
    text = "# header\n# still the header\nstatements:\n  C1: {kind: claim, text: One.}\nmap:\n  title: T\n"
    once, _ = _fmt_twice(tmp_path, text)
    assert once.startswith("# header\n# still the header\n\nmap:\n")


def test_an_empty_flow_section_is_left_as_it_is(tmp_path: Path) -> None:
    text = "map:\n  title: T\ninferences: {}   # empty flow\n"
    once, twice = _fmt_twice(tmp_path, text)
    assert once == twice and "inferences: {}   # empty flow\n" in once


def test_line_endings_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    text = "\ufeffmap:\r\n  title: T\r\n\r\nstatements:\r\n  C1: {kind: claim, text: One.}\r\n"
    path = tmp_path / "m.yaml"
    path.write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(main, ["fmt", "--check", str(path)])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(main, ["add", str(path), "claim", "Two."]).exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfmap:\r\n") and b"\n" not in raw.replace(b"\r\n", b"")


def test_invisible_characters_stay_escaped(tmp_path: Path) -> None:
    text = (
        'map:\n  title: "Ti\\u202etle"\nstatements:\n'
        '  C2: {kind: claim, text: "a\\u200bb"}\n  C1: {kind: claim, text: x}\n'
    )
    once, _ = _fmt_twice(tmp_path, text)
    assert "\u202e" not in once and "\u200b" not in once
    assert '"Ti\\u202Etle"' in once
    assert load_map_text(once).document.map.title == "Ti\u202etle"


def test_fmt_goes_on_past_a_broken_map_and_counts_it(tmp_path: Path) -> None:
    good = _write(tmp_path, UNORDERED, "a.yaml")
    broken = _write(tmp_path, "map: [\n", "b.yaml")
    later = _write(tmp_path, UNORDERED, "c.yaml")
    result = CliRunner().invoke(
        main, ["fmt", "--check", str(broken), str(good), str(later), str(tmp_path / "no.yaml")]
    )
    assert result.exit_code == 2
    assert f"--- {good}" in result.output and f"--- {later}" in result.output
    assert "2 of 4 map(s) not formatted" in result.output
    assert "2 of 4 map(s) could not be formatted" in result.output
    assert broken.read_text(encoding="utf-8") == "map: [\n"


@pytest.mark.parametrize("command", [["fmt"], ["fix"], ["add", "claim", "x"], ["watch"]])
def test_a_link_loop_is_a_message_not_a_traceback(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "one.yaml").symlink_to(tmp_path / "two.yaml")
    (tmp_path / "two.yaml").symlink_to(tmp_path / "one.yaml")
    name, *rest = command
    result = CliRunner().invoke(main, [name, str(tmp_path / "one.yaml"), *rest])
    assert result.exit_code == 2, result.output
    assert "one.yaml:1:1: error: cannot read the file" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    "command",
    [["rm", "C9"], ["unlink", "C2", "C1"], ["set", "C2", "supports", "--unset"]],
)
def test_a_removal_does_not_take_a_comment_it_does_not_own(tmp_path: Path, command: list[str]) -> None:
    text = (
        "map:\n  title: T\n  question:\n    # between key and value\n    What?\nstatements:\n"
        "  C1: {kind: claim, key: true, text: One.}\n  C2: {kind: claim, text: Two., supports: C1}\n"
        "  C9: {kind: claim, text: Spare.}\n"
    )
    path = _write(tmp_path, text)
    name, *rest = command
    result = CliRunner().invoke(main, [name, str(path), *rest])
    assert result.exit_code == 2, result.output
    assert f"the comment at {path}:4:5" in result.output
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    "number", ["1.330209305282413e+299", "0.80", "5e-324", "1.0E+3", "2.2250738585072014e-308"]
)
def test_a_number_is_laid_out_as_the_same_number(number: str) -> None:
    """ruamel.yaml cut the mantissa of 1.330209305282413e+299 to ...412 (found by the property tests)."""
    head = "map: {title: T}\nstatements:\n  H1: {kind: hypothesis, text: x}\n"
    text = head + f"ach: {{priors: {{H1: {number}}}}}\n"
    loaded = load_map_text(text, Path("n.yaml"))
    again = load_map_text(format_loaded(loaded), Path("n.yaml"))
    assert again.document.ach.priors == loaded.document.ach.priors == {"H1": float(number)}
    if number in ("1.330209305282413e+299", "0.80"):
        assert number in format_loaded(loaded)  # written as typed
