"""Every script readable: fonts checked before drawing, right-to-left text aligned as such."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import fonts
from argmap.cli import main

MULTILINGUAL = """\
map: {title: "Многоязычная карта 多语言地图"}
statements:
  C1: {kind: claim, key: true, text: "上海合作组织将扩大。"}
  C2: {kind: claim, text: "ШОС расширится за счёт новых членов.", supports: C1}
  C3: {kind: claim, text: "ستتوسع منظمة شنغهاي للتعاون في السنوات القادمة.", supports: C1}
  C4: {kind: claim, text: "शंघाई सहयोग संगठन का विस्तार होगा। Ελληνικά. עברית", supports: C1}
"""


def test_charsets_are_read_and_merged(monkeypatch: pytest.MonkeyPatch) -> None:
    assert list(fonts._parse_charsets("20-7e a0-17f 192 zz")) == [(0x20, 0x7E), (0xA0, 0x17F), (0x192, 0x192)]
    monkeypatch.setattr(fonts, "covered_ranges", lambda: ((0x20, 0x7E), (0xA0, 0x17F), (0x4E00, 0x9FFF)))
    assert fonts.missing_characters(["Ab é 中 ع ع \u202e"]) == ["ع"]  # controls need no glyph
    assert fonts.describe(["ع", "\ue000"]) == "ع U+0639, U+E000"


def test_without_fontconfig_nothing_is_claimed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "covered_ranges", lambda: None)
    assert fonts.missing_characters(["中"]) is None


def _needs_fonts() -> None:
    if shutil.which("fc-list") is None or shutil.which("dot") is None:
        if os.environ.get("CI"):
            pytest.fail("make test installs Graphviz and the Noto fonts")
        pytest.skip("Graphviz and fontconfig are installed by make test")


def test_a_map_in_five_scripts_renders_with_every_glyph(tmp_path: Path) -> None:
    _needs_fonts()
    path = tmp_path / "m.yaml"
    path.write_text(MULTILINGUAL, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), "-f", "pdf,svg", "-o", f"{tmp_path}/out/"])
    assert result.exit_code == 0, result.output
    assert "no installed font" not in result.output
    pdf = (tmp_path / "out" / "m.pdf").read_bytes()
    assert b"NotoSansCJK" in pdf  # the Chinese is drawn with a font that has it, not as boxes


def test_a_character_no_font_has_is_named(tmp_path: Path) -> None:
    _needs_fonts()
    path = tmp_path / "m.yaml"
    path.write_text(
        'map: {title: "private \\ue000 use"}\nstatements:\n  C1: {kind: claim, key: true, text: x}\n'
    )
    result = CliRunner().invoke(main, ["render", str(path), "-f", "svg", "-o", f"{tmp_path}/out/"])
    assert result.exit_code == 0
    assert "warning: no installed font has U+E000: they would show as empty boxes" in result.output
    only_dot = CliRunner().invoke(main, ["render", str(path), "-f", "dot", "-o", f"{tmp_path}/out/"])
    assert "no installed font" not in only_dot.output  # DOT is drawn elsewhere, with other fonts


def test_right_to_left_text_is_aligned_right() -> None:
    from argmap import Analysis, build_dot, load_map_text

    dot = build_dot(Analysis(load_map_text(MULTILINGUAL, "m.yaml")).graph)
    arabic = next(line for line in dot.splitlines() if line.lstrip().startswith('"statement C3"'))
    russian = next(line for line in dot.splitlines() if line.lstrip().startswith('"statement C2"'))
    assert '<BR ALIGN="RIGHT"/>' in arabic and '<BR ALIGN="RIGHT"/>' not in russian
