"""Loader edge cases: values YAML can write but a map cannot use are refused at their position."""

import pytest

from argmap import MapError, Position, load_map_text

CASES = [
    ("map: {title: x, date: 2025-13-45}\n", Position(1, 23), "cannot read '2025-13-45'"),
    ("map: {title: x}\nsources: {S1: {title: !!int abc}}\n", Position(2, 23), "cannot read 'abc'"),
    ("map: {title: x}\n? [a, b]\n: c\n", Position(2, 3), "a key must be plain text"),
    ("map: !!set {title: x}\n", Position(1, 6), "unsupported YAML tag"),
    ("map: {title: !!python/object:os.system ls}\n", Position(1, 14), "unsupported YAML value"),
    ("map: &a {title: x}\nsources: *a\n", Position(1, 6), "anchors and aliases"),
    ("map: {title: x}\n---\nmap: {title: y}\n", Position(2, 1), "YAML syntax"),
    ("a: " + "[" * 3000 + "]" * 3000 + "\n", Position(1, 1), "nested too deeply"),
    ("\ufeff\n  \n", Position(1, 1), "the file is empty"),
    ("# only a comment\n", Position(1, 1), "holds no data"),
]


@pytest.mark.parametrize(("text", "position", "message"), CASES)
def test_unusable_yaml_is_refused_at_its_position(text: str, position: Position, message: str) -> None:
    with pytest.raises(MapError) as raised:
        load_map_text(text, "m.yaml")
    [problem] = raised.value.problems
    assert problem.position == position
    assert message in problem.message


def test_yaml_1_2_booleans_and_dates() -> None:
    loaded = load_map_text("map: {title: yes, date: 2025-01-10}\n", "m.yaml")
    assert loaded.graph.map.title == "yes"  # YAML 1.2: 'yes' is text, not true
    assert loaded.graph.map.date.isoformat() == "2025-01-10"


def test_positions_of_keys_values_and_list_items() -> None:
    text = "map: {title: x}\nstatements:\n  C1:\n    kind: claim\n    text: t\n    supports: [C2, C3]\n"
    index = load_map_text(text, "m.yaml").index
    assert index.keys[("statements", "C1")] == Position(3, 3)
    assert index.positions[("statements", "C1", "kind")] == Position(4, 11)
    assert index.positions[("statements", "C1", "supports", 1)] == Position(6, 20)
