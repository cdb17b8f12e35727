"""Rule fixtures: one file per rule, its failing map gives exactly its findings, its passing map is clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap import RULES, Finding, Severity, load_map, run_checks
from argmap.checks.fixtures import FIXTURES, RuleFixture, fixture_codes, fixture_path, load_fixture

CODES = list(RULES)


def checked(fixture: RuleFixture, folder: Path, *, passing: bool = False) -> list[Finding]:
    """Findings of all rules on the fixture's failing (or passing) map, loaded from an empty folder."""
    loaded = load_map(fixture.write(folder, passing=passing))
    # A source path outside the folder must behave alike on every machine: the fixtures
    # name absolute paths (P009) only where no such file can be expected to exist.
    for source in loaded.expanded.sources.values():
        if source.file is not None and Path(source.file).is_absolute():
            assert not Path(source.file).exists(), (
                f"{source.file} exists here; the fixture assumes it does not"
            )
    return run_checks(loaded)


# --- one file per rule --------------------------------------------------------------------------


def test_every_rule_has_one_fixture_file_named_after_it() -> None:
    expected = sorted(f"{rule.code}-{rule.name}.yaml" for rule in RULES.values())
    assert sorted(path.name for path in FIXTURES.iterdir()) == expected


def test_fixture_codes_are_the_registered_codes() -> None:
    assert fixture_codes() == sorted(RULES)


@pytest.mark.parametrize("code", CODES)
def test_fixture_belongs_to_its_rule(code: str) -> None:
    assert fixture_path(code).name == f"{code}-{RULES[code].name}.yaml"
    fixture = load_fixture(code)
    assert fixture.code == code
    assert fixture.failing_map.startswith("map:")
    assert fixture.passing_map.startswith("map:")
    assert fixture.failing_map != fixture.passing_map


# --- the maps ------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_failing_map_gives_exactly_its_findings(code: str, tmp_path: Path) -> None:
    fixture = load_fixture(code)
    assert code in [finding[0] for finding in fixture.findings], "the rule's own finding must be listed"
    findings = checked(fixture, tmp_path)
    assert [(f.code, f.position.line, f.position.column) for f in findings] == list(fixture.findings), [
        str(f) for f in findings
    ]


@pytest.mark.parametrize("code", CODES)
def test_passing_map_has_no_finding_of_its_rule_and_no_error_or_warning(code: str, tmp_path: Path) -> None:
    findings = checked(load_fixture(code), tmp_path, passing=True)
    assert [str(f) for f in findings if f.code == code or f.severity != Severity.INFO] == []


def test_fixture_files_are_written_beside_the_map(tmp_path: Path) -> None:
    fixture = load_fixture("P003")
    path = fixture.write(tmp_path, passing=True)
    assert path == tmp_path / "map.yaml"
    assert path.read_text(encoding="utf-8") == fixture.passing_map
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml", "sco-expansion.txt"]


# --- the loader ----------------------------------------------------------------------------------

GOOD = """\
# S001 duplicate-id: a map on which the rule fires, and the map to write instead.
rule: S001
files:
  note.txt: |
    Iran joined in July 2023.
fails:
  map: |
    map: {title: Example}
    statements:
      C1: {kind: claim, text: The SCO will expand., key: true}
      C1: {kind: claim, text: The SCO will stagnate.}
  findings:
    - S001 4:3
passes:
  map: |
    map: {title: Example}
"""


def write_fixture(folder: Path, text: str, name: str = "S001-duplicate-id.yaml") -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_loader_reads_a_fixture(tmp_path: Path) -> None:
    write_fixture(tmp_path, GOOD)
    assert load_fixture("S001", tmp_path) == RuleFixture(
        code="S001",
        failing_map=(
            "map: {title: Example}\n"
            "statements:\n"
            "  C1: {kind: claim, text: The SCO will expand., key: true}\n"
            "  C1: {kind: claim, text: The SCO will stagnate.}\n"
        ),
        findings=(("S001", 4, 3),),
        passing_map="map: {title: Example}\n",
        files={"note.txt": "Iran joined in July 2023.\n"},
    )
    assert fixture_codes(tmp_path) == ["S001"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            ("rule: S001", "rule: [S001"),
            "not valid YAML at line 3, column 6: expected ',' or ']'",
            id="not-yaml",
        ),
        pytest.param((GOOD, "- S001\n"), "must be a mapping (rule, fails, passes)", id="not-a-mapping"),
        pytest.param((GOOD, ""), "must be a mapping (rule, fails, passes)", id="empty"),
        pytest.param(
            ("rule: S001", "rule: S002"), "rule: 'S002' is not S001, the code of the file name", id="code"
        ),
        pytest.param(
            ("passes:", "expect:"), "unknown key expect; expected rule, files, fails, passes", id="key"
        ),
        pytest.param(("  findings:\n    - S001 4:3\n", ""), "fails: missing key findings", id="no-findings"),
        pytest.param(
            ("- S001 4:3", "- S001 4"),
            "fails.findings[0]: 'S001 4' is not written CODE LINE:COLUMN",
            id="pos",
        ),
        pytest.param(
            ("- S001 4:3", "- S001 0:3"), "fails.findings[0]: 'S001 0:3' is not written", id="line-0"
        ),
        pytest.param(("- S001 4:3", "[]"), "fails.findings: must be a list of findings", id="no-finding"),
        pytest.param(
            ("passes:\n  map: |\n    map: {title: Example}\n", "passes:\n  map: 3\n"),
            "passes.map: must be",
            id="map",
        ),
        pytest.param(
            ("  note.txt: |", "  ../note.txt: |"), "files: '../note.txt' is not a plain file name", id="file"
        ),
        pytest.param(
            ("  note.txt: |", "  map.yaml: |"), "files: 'map.yaml' is not a plain file name", id="map-file"
        ),
    ],
)
def test_loader_refuses_a_malformed_fixture_naming_the_file(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    assert change[0] in GOOD
    write_fixture(tmp_path, GOOD.replace(*change, 1))
    with pytest.raises(ValueError) as raised:
        load_fixture("S001", tmp_path)
    assert str(raised.value).startswith("S001-duplicate-id.yaml: ")
    assert message in str(raised.value)


def test_loader_refuses_a_fixture_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "S001-duplicate-id.yaml").write_bytes(b"rule: S001\xff\n")
    with pytest.raises(ValueError, match=r"^S001-duplicate-id\.yaml: not UTF-8 text$"):
        load_fixture("S001", tmp_path)


def test_fixture_path_needs_one_file_named_after_a_code(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no fixture file for rule S001"):
        fixture_path("S001", tmp_path)
    write_fixture(tmp_path, GOOD)
    write_fixture(tmp_path, GOOD, "S001-duplicate-key.yaml")
    with pytest.raises(ValueError, match=r"rule S001 has several fixture files: S001-duplicate-id\.yaml, "):
        fixture_path("S001", tmp_path)
    assert fixture_codes(tmp_path) == ["S001", "S001"]
    with pytest.raises(ValueError, match=r"'S\*' is not a rule code"):
        fixture_path("S*", tmp_path)
