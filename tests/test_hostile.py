"""Regressions from trying to break argmap with hostile input (each once failed)."""

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import MapError, build_dot, load_map_text, run_checks
from argmap.cli import main, printable

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
    assert "T\ufffd \ufffd x" in (tmp_path / "m.svg").read_text(encoding="utf-8")


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


def test_notes_become_tooltips_escaped() -> None:
    text = SMALL.replace("text: The SCO will expand.}", 'text: x, note: "Why \\\\N \\"so\\""}')
    assert 'tooltip="Why \\\\N \\"so\\""' in build_dot(load_map_text(text, "m.yaml").graph)


def test_booleans_must_be_booleans() -> None:
    with pytest.raises(MapError) as raised:
        load_map_text(SMALL.replace("key: true", "key: 'yes'"), "m.yaml")
    assert "statements.C1.key: Input should be a valid boolean" in str(raised.value)


def codes(text: str) -> list[str]:
    return [f.code for f in run_checks(load_map_text(text, "m.yaml"))]


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
    [finding] = run_checks(load_map_text(text, "m.yaml"))
    assert finding.message == "source 'S1' holds no text"


def test_background_statements_need_no_link() -> None:
    text = SMALL + "  E1: {kind: claim, text: Founded in 2001., background: true}\n"
    assert "S005" not in codes(text)
    assert "S005" in codes(text.replace(", background: true", ""))
