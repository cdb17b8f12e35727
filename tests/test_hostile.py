"""Regressions from trying to break argmap with hostile input (each once failed)."""

import os
import stat
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from argmap import Analysis, MapError, load_map_text, run_checks
from argmap.cli import main
from argmap.render import build_dot, layout
from argmap.text import visible as printable

XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"
SMALL = "map: {title: Small}\nstatements:\n  C1: {kind: claim, key: true, text: The SCO will expand.}\n"


def write(tmp_path: Path, text: str, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_control_characters_in_messages_are_escaped(tmp_path: Path) -> None:
    text = (
        "map: {title: x}\nsources:\n  S1: {title: s, text: Plain text.}\n"
        'statements:\n  E1: {kind: evidence, text: t, source: S1, quote: "zz\\e]0;pwned\\a\\nline2"}\n'
    )
    result = CliRunner().invoke(main, ["check", str(write(tmp_path, text))])
    line = next(x for x in result.output.splitlines() if "P002" in x)
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert 'zz\\x1b]0;pwned\\x07\\nline2"' in line
    assert printable("a\nb\x1bc") == "a\\nb\\x1bc"


def test_noncharacters_render(tmp_path: Path) -> None:
    map_file = write(tmp_path, SMALL.replace("The SCO will expand.", '"T\\uffff \\U0010ffff x"'))
    result = CliRunner().invoke(main, ["render", str(map_file), "-f", "svg", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "m.svg").read_text(encoding="utf-8")
    assert "T\\uffff \\U0010ffff x" in svg  # shown as escapes, like every unsafe character
    assert "\uffff" not in svg


def test_failing_dot_is_an_environment_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "bin" / "dot"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\necho "Format: \\"png\\" not recognized" >&2\nexit 1\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    result = CliRunner().invoke(
        main, ["render", str(write(tmp_path, SMALL)), "-f", "png", "-o", str(tmp_path)]
    )
    assert result.exit_code == 3
    assert "Graphviz 'dot' failed to write png: Format: \"png\" not recognized" in result.output


def test_empty_output_name_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(write(tmp_path, SMALL)), "-o", ""])
    assert result.exit_code == 2
    assert "give a file or folder name" in result.output


def test_symlink_is_kept_and_its_target_replaced(tmp_path: Path) -> None:
    real = write(tmp_path, "old", "real.dot")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "m.dot").symlink_to(real)
    result = CliRunner().invoke(
        main, ["render", str(write(tmp_path, SMALL)), "-f", "dot", "-o", f"{tmp_path}/out/"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "m.dot").is_symlink()
    assert real.read_text(encoding="utf-8").startswith("digraph")


def test_read_only_output_is_refused_and_kept(tmp_path: Path) -> None:
    map_file = write(tmp_path, SMALL)
    old = write(tmp_path, "keep me", "m.dot")
    old.chmod(0o444)
    result = CliRunner().invoke(main, ["render", str(map_file), "-f", "dot", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert f"cannot write {old}: it is read-only" in result.output
    assert old.read_text(encoding="utf-8") == "keep me"


def test_existing_output_keeps_its_permissions(tmp_path: Path) -> None:
    old = write(tmp_path, "old", "m.dot")
    old.chmod(0o600)
    CliRunner().invoke(main, ["render", str(write(tmp_path, SMALL)), "-f", "dot", "-o", str(tmp_path)])
    assert stat.S_IMODE(old.stat().st_mode) == 0o600


@pytest.mark.parametrize("note", ['Why \\N \\G \\L \\E \\\\ "so"', "a &amp; b &lt;c&gt; &#65; <i>d</i> & e"])
def test_notes_become_tooltips_shown_as_typed(tmp_path: Path, note: str) -> None:
    graph = Analysis(load_map_text(SMALL, "m.yaml")).graph
    graph.statements["C1"].note = note
    tree = ElementTree.fromstring(layout(build_dot(graph), "svg").data.decode("utf-8"))
    assert note in [e.get(XLINK_TITLE) for e in tree.iter() if e.get(XLINK_TITLE)]


def test_booleans_must_be_booleans() -> None:
    with pytest.raises(MapError) as raised:
        load_map_text(SMALL.replace("key: true", "key: 'yes'"), "m.yaml")
    assert "statements.C1.key: Input should be a valid boolean" in str(raised.value)


def codes(text: str) -> list[str]:
    return [f.code for f in run_checks(load_map_text(text, "m.yaml"), ["S", "P"])]


def test_premise_undercutting_its_own_inference_is_self_reference() -> None:
    text = SMALL + "  E1: {kind: claim, text: t, supports: C1, undercuts: E1->C1}\n"
    assert "S003" in codes(text)


def test_quote_without_words_is_not_found() -> None:
    text = (
        "map: {title: x}\nsources:\n  S1: {title: s, text: A sentence.}\n"
        "statements:\n  C1: {kind: claim, key: true, text: t, source: S1, quote: '.'}\n"
    )
    [finding] = [f for f in run_checks(load_map_text(text, "m.yaml")) if f.code == "P002"]
    assert finding.message == "quote of 'C1' holds no words: \".\""


def test_empty_source_text_is_said_plainly() -> None:
    text = "map: {title: x}\nsources:\n  S1: {title: s, text: ' '}\n"
    [finding] = run_checks(load_map_text(text, "m.yaml"), ["P"])
    assert finding.message == "source 'S1' holds no text"


def test_background_statements_need_no_link() -> None:
    text = SMALL + "  E1: {kind: claim, text: Founded in 2001., background: true}\n"
    assert "S005" not in codes(text)
    assert "S005" in codes(text.replace(", background: true", ""))


def test_dot_with_garbage_output_keeps_the_old_file(tmp_path: Path, fake_dot) -> None:
    fake_dot("cat >/dev/null; echo garbage\n")
    old = write(tmp_path, "<svg>old</svg>", "m.svg")
    result = CliRunner().invoke(main, ["render", str(write(tmp_path, SMALL)), "-o", str(tmp_path)])
    assert result.exit_code == 3
    assert "Graphviz 'dot' gave no valid svg output" in result.output
    assert f"wrote {tmp_path / 'm.dot'}" in result.output
    assert old.read_text(encoding="utf-8") == "<svg>old</svg>"


def test_hanging_dot_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_dot) -> None:
    fake_dot("sleep 30\n")
    monkeypatch.setattr("argmap.limits.layout_seconds", lambda: 0.5)
    result = CliRunner().invoke(
        main, ["render", str(write(tmp_path, SMALL)), "-f", "svg", "-o", str(tmp_path)]
    )
    assert result.exit_code == 3
    assert "did not finish svg within 0.5 s (draw a part with --view, or set ARGMAP_LAYOUT_SECONDS" in (
        result.output
    )


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.symlink_to("/dev/null"), "it is a system file"),
        (lambda p: os.mkfifo(p), "it is not a regular file"),
        (
            lambda p: (p.symlink_to(p.with_name("loop2.svg")), p.with_name("loop2.svg").symlink_to(p)),
            "a symbolic link loop",
        ),
    ],
)
def test_special_outputs_are_refused(tmp_path: Path, make, reason: str) -> None:
    target = tmp_path / "out" / "loop1.svg"
    target.parent.mkdir()
    make(target)
    result = CliRunner().invoke(main, ["render", str(write(tmp_path, SMALL)), "-f", "svg", "-o", str(target)])
    assert result.exit_code == 2
    assert f"error: cannot write {target}: {reason}" in result.output
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!bool maybe", "cannot read 'maybe' as bool"),
        ("!!int ''", "cannot read '' as int"),
        ("!!binary G1tbMzFt", "unsupported YAML tag 'tag:yaml.org,2002:binary'"),
    ],
)
def test_tagged_scalars_have_plain_messages(value: str, message: str) -> None:
    with pytest.raises(MapError) as raised:
        load_map_text(f"map: {{title: {value}}}\n", "m.yaml")
    assert raised.value.problems[0].message == message


def test_tagged_keys_are_refused() -> None:
    with pytest.raises(MapError, match="a key must be plain text"):
        load_map_text(
            "map: {title: x}\nstatements:\n  ? !!bool maybe\n  : {kind: claim, text: t}\n", "m.yaml"
        )


def test_invisible_format_characters_are_escaped_in_messages() -> None:
    assert printable("a\u202eb\u200bc\ufeff") == "a\\u202eb\\u200bc\\ufeff"
    assert printable("\u00ad\u034f\u3164\U000e0041") == "\\xad\\u034f\\u3164\\U000e0041"
    assert (
        printable("\u0645\u200c\u06cc \u2764\ufe0f") == "\u0645\u200c\u06cc \u2764\ufe0f"
    )  # joiners, selectors kept


def test_many_short_lines_segment_in_linear_time() -> None:
    from argmap.sources import segment

    text = "\n".join(["word"] * 30000)
    assert len(segment(text).text) == 30000 * 5 - 1  # one paragraph, fast (was quadratic)


KEPT_FORMAT_CHARACTERS = (
    {0x200C, 0x200D}  # zero-width non-joiner and joiner: scripts and emoji need them
    | set(range(0x0600, 0x0606))  # prepended concatenation marks: they draw a sign over digits
    | {0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD}
    | set(range(0x13430, 0x13456))  # Egyptian hieroglyph format controls
)


def test_every_invisible_format_character_but_the_kept_ones_is_escaped() -> None:
    """Regression: U+206A-206F, U+1BCA0-1BCA3 and U+1D173-1D17A were printed raw."""
    import sys
    import unicodedata

    from argmap.text import visible

    raw = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf"
        and code not in KEPT_FORMAT_CHARACTERS
        and visible(chr(code)) == chr(code)
    ]
    assert raw == []


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("True", "the key 'True' reads as true or false: quote it (\"True\") or use an id such as C1"),
        ("null", "the key 'null' reads as nothing (null): quote it (\"null\") or use an id such as C1"),
        ("2024-01-01", "the key '2024-01-01' reads as a date"),
    ],
)
def test_a_key_yaml_reads_as_a_value_says_so(key: str, message: str) -> None:
    with pytest.raises(MapError) as raised:
        load_map_text(f"map: {{title: x}}\nstatements:\n  {key}: {{kind: claim, text: t}}\n", "m.yaml")
    assert message in raised.value.problems[0].message


def test_an_overlong_id_is_shortened_in_its_message() -> None:
    long_id = "C" + "x" * 100
    with pytest.raises(MapError) as raised:
        load_map_text(f"map: {{title: x}}\nstatements:\n  {long_id}: {{kind: claim, text: t}}\n", "m.yaml")
    message = raised.value.problems[0].message
    assert message.endswith("…: too long: at most 64 characters, this has 101")
    assert long_id not in message


def test_a_key_longer_than_yaml_allows_is_said_plainly() -> None:
    long_id = "C" + "x" * 1100
    with pytest.raises(MapError) as raised:
        load_map_text(f"map: {{title: x}}\nstatements:\n  {long_id}: {{kind: claim, text: t}}\n", "m.yaml")
    assert "a key longer than 1,024 characters is not allowed in YAML" in raised.value.problems[0].message
