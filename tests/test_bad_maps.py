"""Unusable input: each malformed map file is refused cleanly, at its position.

Every file in ``tests/bad_maps/`` is named ``unusable-*.yaml`` and starts with
comment lines that say what to expect: ``# expect-exit: 2``,
``# expect-message: <text>``, ``# expect-at: LINE:COLUMN`` (and optionally
``# expect-not-message: <text>``) -- ``argmap check`` says so at that place,
without a traceback.

Unusable inputs that cannot carry a comment (an empty file, bytes that are not
UTF-8) are written at run time instead. Maps that load and break a rule are the
rule fixtures (``argmap/checks/fixtures/``, ``tests/test_rule_fixtures.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from argmap import MapError, load_map, load_map_text
from argmap.cli import main

BAD_MAPS = Path(__file__).parent / "bad_maps"
HEADER_LINE = re.compile(r"^#\s*(expect[a-z-]*):\s*(.*?)\s*$")


def read_header(path: Path) -> dict[str, str]:
    """The ``# expect...: value`` lines at the top of a bad map file."""
    header: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = HEADER_LINE.match(line)
        if match is None:
            break
        header[match.group(1)] = match.group(2)
    return header


ALL_FILES = sorted(BAD_MAPS.glob("*"))
UNUSABLE_FILES = [path for path in ALL_FILES if "expect-exit" in read_header(path)]


def ids(paths: list[Path]) -> list[str]:
    return [path.stem for path in paths]


# --- the folder itself -----------------------------------------------------------------------------


def test_every_file_is_unusable_and_says_what_to_expect() -> None:
    assert UNUSABLE_FILES == ALL_FILES
    assert all(path.name.startswith("unusable-") and path.suffix == ".yaml" for path in ALL_FILES)
    assert ALL_FILES


# --- unusable input ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unusable:
    """What ``argmap check`` must say about an unusable file."""

    line: int
    column: int
    message: str
    not_message: str | None = None


def expectation(path: Path) -> Unusable:
    header = read_header(path)
    assert header["expect-exit"] == "2"
    line, column = header["expect-at"].split(":")
    return Unusable(int(line), int(column), header["expect-message"], header.get("expect-not-message"))


def all_output(result: Result) -> str:
    """stdout and stderr of a CliRunner result, whether or not click mixes them."""
    text = result.output
    try:
        stderr = result.stderr
    except ValueError:  # click < 8.2 with stderr mixed into output
        stderr = ""
    return text if stderr in text else text + stderr


def assert_refused(path: Path, expected: Unusable) -> None:
    """``argmap check PATH`` exits 2 with one ``path:LINE:COL: error: ...`` line, no traceback."""
    result = CliRunner().invoke(main, ["check", str(path)])
    output = all_output(result)

    assert result.exit_code == 2, output
    # CliRunner catches exceptions: a crash would show up here, not as a printed traceback.
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output

    pattern = re.compile(rf"^{re.escape(str(path))}:(\d+):(\d+): error: (.+)$", re.MULTILINE)
    errors = pattern.findall(output)
    assert len(errors) == 1, output
    line, column, message = errors[0]
    assert (int(line), int(column)) == (expected.line, expected.column), output
    assert expected.message in message
    if expected.not_message is not None:
        assert expected.not_message not in message

    # The Python API raises MapError carrying the same problem.
    with pytest.raises(MapError) as raised:
        load_map(path)
    [problem] = raised.value.problems
    assert (problem.position.line, problem.position.column) == (expected.line, expected.column)
    assert problem.message == message


@pytest.mark.parametrize("path", UNUSABLE_FILES, ids=ids(UNUSABLE_FILES))
def test_unusable_map_is_refused_with_its_position(path: Path) -> None:
    assert_refused(path, expectation(path))


GENERATED = {
    "empty": (b"", Unusable(1, 1, "the file is empty; a map needs at least a 'map:' section")),
    "blank-lines": (b"\n  \n\t\n", Unusable(1, 1, "the file is empty")),
    "not-utf8": (
        b"map:\n  title: \xff\xfe bad\n",
        Unusable(2, 10, "not UTF-8: byte 0xff cannot be decoded; save the file as UTF-8"),
    ),
}


@pytest.mark.parametrize("name", GENERATED)
def test_generated_unusable_file_is_refused(tmp_path: Path, name: str) -> None:
    content, expected = GENERATED[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    assert_refused(path, expected)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    assert_refused(tmp_path / "no-such-map.yaml", Unusable(1, 1, "cannot read the file"))


def test_unknown_key_is_not_suggested_from_another_section() -> None:
    text = """\
map: {title: Will the SCO expand by 2030?}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true}
  C2: {kind: claim, text: China wants a larger SCO., conclusion: C1}
"""
    with pytest.raises(MapError) as raised:
        load_map_text(text, "map.yaml")
    [problem] = raised.value.problems
    assert problem.message.startswith("statements.C2.conclusion: unknown key 'conclusion'")
    # 'conclusion' is a key of inferences, not of statements: suggesting it again is no help.
    assert "did you mean 'conclusion'" not in problem.message


# --- loader bugs -----------------------------------------------------------------------------------


def test_not_utf8_column_counts_characters(tmp_path: Path) -> None:
    # "  title: " is 9 characters and "Été " 4 more, so the bad byte is the 14th character;
    # the two accented letters take 2 bytes each, which a byte count adds on.
    path = tmp_path / "accents.yaml"
    path.write_bytes("map:\n  title: Été ".encode() + b"\xff\n")
    assert_refused(path, Unusable(2, 14, "not UTF-8: byte 0xff"))


def test_numeric_id_is_located_at_the_id() -> None:
    text = """\
map: {title: Will the SCO expand by 2030?}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true}
  2: {kind: claim, text: China wants a larger SCO., supports: C1}
"""
    with pytest.raises(MapError) as raised:
        load_map_text(text, "map.yaml")
    [problem] = raised.value.problems
    assert (problem.position.line, problem.position.column) == (4, 3)


def test_credibility_may_be_written_as_a_number() -> None:
    text = """\
map: {title: Will the SCO expand by 2030?}
sources:
  S1: {title: SCO timeline, text: Iran became a full member of the SCO in July 2023.}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true}
  E1:
    kind: evidence
    text: Iran joined the SCO in 2023.
    source: S1
    quote: Iran became a full member of the SCO in July 2023.
    credibility: 2
    supports: C1
"""
    loaded = load_map_text(text, "map.yaml")
    assert loaded.document.statements["E1"].credibility == "2"
