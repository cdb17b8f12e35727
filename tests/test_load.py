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
    ("map: {title: x}\n---\nmap: {title: y}\n", Position(2, 1), "one YAML document"),
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


def test_empty_value_is_reported_at_its_key() -> None:
    text = "map: {title: x}\nstatements:\n  C1:\n    kind:\n    text: t\n"
    with pytest.raises(MapError) as raised:
        load_map_text(text, "m.yaml")
    [problem] = raised.value.problems
    assert problem.position == Position(4, 5)
    assert problem.message == "statements.C1.kind: has no value; give one or remove the key"


def test_control_character_is_reported_at_its_line_and_column() -> None:
    with pytest.raises(MapError) as raised:
        load_map_text("map:\n  title: a\x07b\n", "m.yaml")
    [problem] = raised.value.problems
    assert problem.position == Position(2, 11)
    assert problem.message == "character U+0007 is not allowed in YAML; remove it"


def test_source_with_both_file_and_text_is_refused() -> None:
    text = "map: {title: x}\nsources:\n  S1: {title: t, file: a.txt, text: b}\n"
    with pytest.raises(MapError) as raised:
        load_map_text(text, "m.yaml")
    assert "give the source's 'file' or its 'text', not both" in raised.value.problems[0].message


def test_numbers_and_lowercase_grades_load() -> None:
    text = (
        "map: {title: x}\nsources:\n  S1: {title: t, reliability: b}\n"
        "statements:\n  E1: {kind: evidence, text: t, source: S1, credibility: 2}\n"
    )
    graph = load_map_text(text, "m.yaml").graph
    assert graph.sources["S1"].reliability == "B"
    assert graph.statements["E1"].credibility == "2"
