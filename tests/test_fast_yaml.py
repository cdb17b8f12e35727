"""The fast composer (libyaml) reads every map exactly as ruamel's pure-Python composer does.

libyaml only speeds loading up: the data, the positions and spans of every
element, the duplicate keys and the error messages must be those of the
reference (ruamel), or the text must go to ruamel.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import load as load_module
from argmap.errors import MapError
from argmap.load import PositionIndex, _parse_yaml

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted(
    p for folder in ("maps", "tests", "argmap") for p in (ROOT / folder).rglob("*.yaml") if p.is_file()
)


def _read(text: str, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple:
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(load_module, "_compose_fast", lambda text: None)
        index = PositionIndex()
        try:
            data, duplicates = _parse_yaml(text, Path("m.yaml"), index)
        except MapError as error:
            return ("error", [str(p) for p in error.problems])
    return data, duplicates, index.positions, index.keys, index.spans


def test_the_fast_composer_is_used_on_an_ordinary_map() -> None:
    assert load_module._FastLoader is not None, "PyYAML with libyaml is a dependency"
    assert load_module._compose_fast((ROOT / "maps" / "sco-expansion.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_project_reads_the_same_both_ways(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    assert _read(text, True, monkeypatch) == _read(text, False, monkeypatch)


_PIECES = st.sampled_from(
    [
        "map:",
        "  title: x",
        "statements:",
        "  C1:",
        "    kind: claim",
        "    text: ",
        "- a",
        "  - b",
        "key: value",
        "k: 'quoted'",
        'k: "dq \\u00e9 \\x41"',
        "k: |",
        "k: >-",
        "  folded",
        "k: [a, b]",
        "k: {a: 1, b: [2, 3]}",
        "k: yes",
        "k: no",
        "k: on",
        "k: 0o17",
        "k: 017",
        "k: 1:20",
        "k: 0x1F",
        "k: 1e3",
        "k: .inf",
        "k: ~",
        "k: null",
        "k: 2025-02-30",
        "k: 2025-01-01T10:00:00Z",
        "k: 1_000",
        "k: true",
        "k: True",
        "# comment",
        "k: a # trailing",
        "k: a: b",
        "? complex",
        ": value",
        "---",
        "...",
        "k: \u00e9\u4e2d\U0001f600",
        "k: x\u2028y",
        "k: x\x85y",
        "k: x\u200by",
        "\ufeffk: v",
        "k: 'it''s'",
        'k: "a\\"b"',
        "k:",
        "  -",
        "k: -",
        "k: @x",
        "k: `x",
        "k: [a, b",
        "k: {a",
        "  bad indent: x",
        "k: v\r",
        "k: a\u00a0b",
        "k:  two  spaces ",
        "k: 12345678901234567890",
        "k: -0",
        "k: +1",
        "k: .5",
        "k: 1.",
        "'quoted key': v",
        '"k": v',
        'k: ""',
        "k: ''",
        "k: a\x01b",
        "k: a\x7fb",
        "k: \ufffe",
        "k: \U0010ffff",
        "k: \x1b[31m",
        'k: "\\ud800"',
        "x" * 1100 + ": v",
        "k: " + "y" * 2000,
        "k: [" + "[" * 60 + "]" * 60 + "]",
        "k: a\u202eb",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12), st.sampled_from(["\n", "\r\n", "\r"]))
def test_generated_yaml_reads_the_same_both_ways(pieces: list[str], newline: str) -> None:
    text = newline.join(pieces) + newline
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _read(text, True, monkeypatch) == _read(text, False, monkeypatch)


_WHAT_RUAMEL_READS = re.compile(
    r"(?:^|[\s\[{,:])[&*!][^\s]|(?:^|(?<=\r))(?:%|---|\.\.\.)|[\t\ufeff]", re.MULTILINE
)
"""The rule :func:`argmap.load._needs_ruamel` follows, as one (slow) expression: an anchor, alias
or tag after a space, bracket, comma or colon; a directive or document marker at a line start; a tab or
a byte-order mark anywhere."""


@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from(list("ab &*!%-.\n\r\t\ufeff[]{},:#'\" x")), max_size=12))
def test_the_quick_screen_sends_to_ruamel_exactly_what_the_rule_says(text: str) -> None:
    assert load_module._needs_ruamel(text) == bool(_WHAT_RUAMEL_READS.search(text))


def test_an_anchor_right_after_a_colon_in_a_flow_mapping_is_refused() -> None:
    """``{"text":&x Hello}`` holds an anchor (the quick screen once missed it after a colon)."""
    text = (
        "map: {title: T}\nstatements:\n"
        '  C1: {"kind": claim, "text":&x Hello}\n  C2: {"kind": claim, "text":*x}\n'
    )
    with pytest.raises(MapError) as raised:
        load_module.load_map_text(text)
    assert "anchors and aliases" in raised.value.problems[0].message
