"""Loader edge cases: values YAML can write but a map cannot use are refused at their position."""

import pytest

from argmap import Analysis, MapError, Position, load_map, load_map_text, run_checks

CASES = [
    ("map: {title: x, date: 2025-13-45}\n", Position(1, 23), "map.date: '2025-13-45' names a day that"),
    ("map: {title: x, date: 2025-02-30}\n", Position(1, 23), "map.date: '2025-02-30' names a day that"),
    (
        "map: {title: x}\nsources: {S1: {title: y, date: 2025-13-01}}\n",
        Position(2, 32),
        "sources.S1.date: '2025-13-01' is not a date: write a year",
    ),
    ("map: {title: x}\nsources: {S1: {title: !!int abc}}\n", Position(2, 23), "cannot read 'abc'"),
    ("map: {title: x}\n? [a, b]\n: c\n", Position(2, 3), "a key must be plain text"),
    ("map: !!set {title: x}\n", Position(1, 6), "unsupported YAML tag"),
    ("map: {title: !!python/object:os.system ls}\n", Position(1, 14), "unsupported YAML tag"),
    ("map: &a {title: x}\nsources: *a\n", Position(1, 6), "anchors and aliases"),
    ("map: {title: x}\n---\nmap: {title: y}\n", Position(2, 1), "one YAML document"),
    ("a: " + "[" * 3000 + "]" * 3000 + "\n", Position(1, 1), "nests deeper than 128 levels"),
    ("a: " + "[" * 200 + "]" * 200 + "\n", Position(1, 131), "nests deeper than 128 levels"),
    ("a: " + "9" * 5000 + "\n", Position(1, 4), "a number of 5,000 characters is too long"),
    ("\ufeff%YAML 1.3\n---\na: 1\n", Position(1, 1), "YAML version '1.3' is not one argmap reads"),
    ("# c\r%YAML 1.3\r---\ra: 1\r", Position(2, 1), "YAML version '1.3' is not one argmap reads"),
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
    assert loaded.expanded.map.title == "yes"  # YAML 1.2: 'yes' is text, not true
    assert loaded.expanded.map.date.isoformat() == "2025-01-10"


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
    graph = Analysis(load_map_text(text, "m.yaml")).graph
    assert graph.sources["S1"].reliability == "B"
    assert graph.statements["E1"].credibility == "2"


SOURCE_MAP = (
    "map: {{title: x}}\nsources:\n  S1: {{title: t, file: {file}, kind: news report, date: 2024-07-04}}\n"
)


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ('"a\\0b"', "is not a usable file name"),
        (".", "is a folder"),
        ("no-such.txt", "was not found"),
    ],
)
def test_unusable_source_files_are_findings(tmp_path, file: str, message: str) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(SOURCE_MAP.format(file=file), encoding="utf-8")
    findings = [f for f in run_checks(load_map(map_file), ["P"]) if f.code != "P009"]
    assert [f.code for f in findings] == ["P003"]
    assert message in findings[0].message


@pytest.mark.parametrize("file", ["/dev/zero", "/proc/self/status", "/etc/passwd", "../outside.txt"])
def test_system_files_and_files_outside_the_map_folder_are_not_read(tmp_path, file: str) -> None:
    (tmp_path / "outside.txt").write_text("A secret sentence.", encoding="utf-8")
    map_file = tmp_path / "maps" / "m.yaml"
    map_file.parent.mkdir()
    map_file.write_text(SOURCE_MAP.format(file=file), encoding="utf-8")
    findings = [f for f in run_checks(load_map(map_file), ["P"]) if f.code != "P009"]
    assert [f.code for f in findings] == ["P003"]
    assert "is outside the folders sources may be read from" in findings[0].message


def test_oversized_source_is_refused_with_how_to_raise_the_limit(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ARGMAP_MAX_SOURCE_MB", "1")
    (tmp_path / "big.txt").write_text("Twelve bytes" * 90_000, encoding="utf-8")
    map_file = tmp_path / "m.yaml"
    map_file.write_text(SOURCE_MAP.format(file="big.txt"), encoding="utf-8")
    [finding] = run_checks(load_map(map_file), ["P"])
    assert finding.message == (
        "source 'S1': file 'big.txt' is larger than 1 MiB "
        "(set ARGMAP_MAX_SOURCE_MB to a larger number of MiB to allow it)"
    )
    monkeypatch.setenv("ARGMAP_MAX_SOURCE_MB", "2")
    assert [f.code for f in run_checks(load_map(map_file), ["P"])] != ["P003"]


def test_a_map_over_the_size_limit_is_refused_and_the_limit_can_be_raised(tmp_path, monkeypatch) -> None:
    map_file = tmp_path / "m.yaml"
    padding = "\n".join(f"# {'x' * 100}" for _ in range(11_000))
    map_file.write_text(f"map: {{title: Big}}\n{padding}\n", encoding="utf-8")
    monkeypatch.setenv("ARGMAP_MAX_MAP_MB", "1")
    with pytest.raises(MapError) as raised:
        load_map(map_file)
    assert raised.value.problems[0].message == (
        "cannot read the file: is larger than 1 MiB "
        "(set ARGMAP_MAX_MAP_MB to a larger number of MiB to allow it)"
    )
    monkeypatch.setenv("ARGMAP_MAX_MAP_MB", "2")
    assert load_map(map_file).document.map.title == "Big"


@pytest.mark.parametrize("given", ["", "0", "-3", "lots", "1e3", str(1 << 21)])
def test_a_limit_given_badly_is_the_default(monkeypatch, given: str) -> None:
    from argmap import limits

    monkeypatch.setenv("ARGMAP_MAX_MAP_MB", given)
    assert limits.max_map_bytes() == limits.MAP_MEBIBYTES * 1024 * 1024


def test_unquoted_sentences_are_listed_in_source_order() -> None:
    sentences = " ".join(f"Sentence number {n} is here." for n in range(1, 13))
    text = f"map: {{title: x}}\nsources:\n  S1: {{title: t, full_coverage: true, text: '{sentences}'}}\n"
    messages = [f.message for f in run_checks(load_map_text(text, "m.yaml"), ["P005"])]
    assert [int(m.split("Sentence number ")[1].split()[0]) for m in messages] == list(range(1, 13))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "indicators: {N1: {text: x, window: 2025}}",
            "window: expected a mapping of keys (from, to), not 2025",
        ),
        (
            "statements: {C1: 3}",
            "statements.C1: expected a mapping of keys such as kind, text, key, burden, not 3",
        ),
        (
            "statements: {C1: {kind: claim, text: x}}\ninferences: {I1: {premises: [], conclusion: C1}}",
            "inferences.I1.premises: the list is empty: give at least one item",
        ),
        (
            "statements: {C1: {kind: claim, text: '  '}}",
            "statements.C1.text: the text is empty (or only spaces)",
        ),
        (
            "indicators: {N1: {text: x, window: {until: 2025-01-01}}}",
            "unknown key 'until'; allowed here: from, to",
        ),
    ],
)
def test_messages_say_what_to_write(body: str, message: str) -> None:
    with pytest.raises(MapError) as raised:
        load_map_text(f"map: {{title: T}}\n{body}\n", "m.yaml")
    assert any(message in problem.message for problem in raised.value.problems), raised.value.problems


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-02-30", "'2025-02-30' names a day that does not exist: write a year (2025)"),
        ("0000-01-01", "'0000-01-01' names a day that does not exist: write a year (2025)"),
    ],
)
def test_an_impossible_source_date_says_what_to_write(value: str, message: str) -> None:
    with pytest.raises(MapError) as raised:
        load_map_text(f"map: {{title: T}}\nsources: {{S1: {{title: s, date: {value}}}}}\n", "m.yaml")
    assert message in raised.value.problems[0].message


def test_the_last_year_and_month_of_the_calendar_are_dates() -> None:
    text = "map: {title: T}\nsources: {S1: {title: s, date: 9999, cutoff: 9999-12}}\n"
    assert load_map_text(text, "m.yaml").expanded.sources["S1"].cutoff == "9999-12"


def test_stale_after_days_is_bounded() -> None:
    with pytest.raises(MapError) as raised:
        load_map_text("map: {title: T, stale_after_days: 1000000}\n", "m.yaml")
    assert "map.stale_after_days" in raised.value.problems[0].message


def test_a_date_that_is_not_text_says_what_to_write() -> None:
    with pytest.raises(MapError) as raised:
        load_map_text("map: {title: T}\nsources: {S1: {title: s, date: 999}}\n", "m.yaml")
    assert "sources.S1.date: 999 is not a date: write a year (2025)" in raised.value.problems[0].message


def test_a_tab_inside_a_plain_text_says_to_quote_it() -> None:
    from argmap.errors import MapError
    from argmap.load import load_map_text

    with pytest.raises(MapError) as error:
        load_map_text("map:\n  title: x\nstatements:\n  C1:\n    kind: claim\n    text: Iran\tjoined.\n")
    assert "put a text that holds a tab in quotes" in str(error.value)


@pytest.mark.parametrize("given", ["²", "١٢"])
def test_a_limit_in_other_digits_is_the_default_not_a_crash(monkeypatch, given: str) -> None:
    from argmap import limits

    monkeypatch.setenv("ARGMAP_MAX_SOURCE_MB", given)
    assert limits.max_source_bytes() == limits.SOURCE_MEBIBYTES * 1024 * 1024
