"""The rule registry and the behaviour of individual rules, with exact values."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from argmap import RULES, Finding, Severity, load_map, load_map_text, run_checks
from argmap.checks import Rule
from argmap.checks.fixtures import fixture_codes
from argmap.checks.registry import FAMILY_OF_LETTER

ALL_CODES = fixture_codes()
"""One code per rule fixture file (``argmap/checks/fixtures/CODE-name.yaml``)."""


GRAPH_FAMILIES = ["S", "P", "A", "J"]
"""The rule families these tests pin: structure, provenance, ACH, judgment (others are tested apart)."""


def check(text: str) -> list[Finding]:
    return run_checks(load_map_text(text, "map.yaml"), GRAPH_FAMILIES)


def with_code(findings: list[Finding], code: str) -> list[Finding]:
    return [finding for finding in findings if finding.code == code]


def at(finding: Finding) -> tuple[int, int]:
    return (finding.position.line, finding.position.column)


# --- the registry ----------------------------------------------------------------------------------


def test_registry_holds_the_structure_and_provenance_rules() -> None:
    assert sorted(RULES) == sorted(ALL_CODES)


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_rule_metadata(rule: Rule) -> None:
    assert re.fullmatch(r"[SPQEJKIHA]\d{3}", rule.code)
    assert FAMILY_OF_LETTER[rule.code[0]] == rule.family
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name)
    assert rule.summary.strip()
    assert "\n" not in rule.summary
    assert rule.rationale.strip()
    assert rule.fixture.failing_map.startswith("map:")
    assert rule.fixture.passing_map.startswith("map:")


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(names) == len(set(names))


# --- a clean map ---------------------------------------------------------------------------------


def test_clean_map_has_no_error_or_warning(clean_map_text: str) -> None:
    loaded = load_map_text(clean_map_text, "map.yaml")
    # The map exercises what it should: a linked inference, a rebut, an undercut of inference I1.
    assert loaded.expanded.inferences["I2"].premises == ["C2", "A1"]
    assert {cid: (c.kind, c.target) for cid, c in loaded.expanded.conflicts.items()} == {
        "C3-rebut->C1": ("rebut", "C1"),
        "C4-undercut->I1": ("undercut", "I1"),
        "C5-rebut->C3": ("rebut", "C3"),
    }
    assert loaded.expanded.groups["G1"].members == ["E1", "E2", "C2"]

    findings = run_checks(loaded)
    assert [str(f) for f in findings if f.severity != Severity.INFO] == []
    assert [f.message for f in findings] == [
        "source 'S1': quotes cover half or more of 2 of 3 "
        "substantive sentences (67%); 0 excluded as furniture"
    ]


def test_undercut_may_name_a_shorthand_inference() -> None:
    findings = check("""\
map: {title: Will the SCO expand by 2030?}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true}
  C2: {kind: claim, text: China wants a larger SCO., supports: C1}
  C3: {kind: claim, text: China's wishes do not decide SCO membership., undercuts: C2->C1}
""")
    assert [f.code for f in findings] == ["J006"]  # the undercut is understood: C1's only argument fails


# --- structure: exact positions and messages ------------------------------------------------------

DANGLING = """\
map: {title: Will the SCO expand by 2030?}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true}
  C2:
    kind: claim
    text: China wants a larger SCO.
    supports: C9
  C3: {kind: claim, text: Russia backs enlargement., supports: [C1, C9]}
  C4:
    kind: claim
    text: India backs enlargement.
    rebuts:
      - C1
      - C9
inferences:
  I1: {premises: [C2, C8], conclusion: C1}
"""


def test_dangling_references_point_at_the_missing_id() -> None:
    findings = with_code(check(DANGLING), "S002")
    assert [(at(f), f.message) for f in findings] == [
        ((7, 15), "inference 'C2->C9': conclusion 'C9' is not a statement of this map"),
        ((8, 69), "inference 'C3->C9': conclusion 'C9' is not a statement of this map"),
        ((14, 9), "conflict 'C4-rebut->C9': target 'C9' is not a statement or inference of this map"),
        ((16, 23), "inference 'I1': premise 'C8' is not a statement of this map"),
    ]
    lines = DANGLING.splitlines()
    for finding, name in zip(findings, ["C9", "C9", "C9", "C8"], strict=True):
        line, column = at(finding)
        assert lines[line - 1][column - 1 :].startswith(name)


def test_duplicate_id_reports_the_line_of_the_first_and_keeps_it() -> None:
    text = """\
map: {title: Will the SCO expand by 2030?}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true}
  C2: {kind: claim, text: China wants a larger SCO., supports: C1}
  C1: {kind: claim, text: The SCO will stagnate.}
"""
    loaded = load_map_text(text, "map.yaml")
    assert loaded.document.statements["C1"].text == "The SCO will admit a new member by 2030."
    [finding] = run_checks(loaded, GRAPH_FAMILIES)
    assert (finding.code, at(finding)) == ("S001", (5, 3))
    assert finding.message == "duplicate id 'C1' (first at line 3); the second one is ignored"


def test_duplicate_key_inside_a_statement_and_id_shared_by_two_sections() -> None:
    text = """\
map: {title: Will the SCO expand by 2030?}
sources:
  C2: {title: SCO timeline}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true}
  C2:
    kind: claim
    text: China wants a larger SCO.
    text: Russia wants a larger SCO.
    supports: C1
"""
    assert [(at(f), f.message) for f in with_code(check(text), "S001")] == [
        ((6, 3), "id 'C2' is used in both sources and statements"),
        ((9, 5), "duplicate key 'text' (first at line 8); the second one is ignored"),
    ]


def test_circular_support_names_the_circle() -> None:
    text = """\
map: {title: Will the SCO expand by 2030?}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true, supports: C2}
  C2: {kind: claim, text: Many states want to join the SCO., supports: C1}
"""
    [finding] = check(text)
    assert (finding.code, at(finding)) == ("S004", (3, 3))
    assert finding.message == "circular support: C1 -> C2 -> C1"


def test_circular_support_follows_the_direction_of_support() -> None:
    # C1 supports C3, C3 supports C2, C2 supports C1: file order C1, C2, C3 is not the circle.
    text = """\
map: {title: Will the SCO expand by 2030?}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true, supports: C3}
  C2: {kind: claim, text: The SCO is gaining weight., supports: C1}
  C3: {kind: claim, text: Many states want to join the SCO., supports: C2}
"""
    [finding] = check(text)
    assert finding.message == "circular support: C1 -> C3 -> C2 -> C1"


def test_linked_inference_in_a_circle() -> None:
    text = """\
map: {title: Will the SCO expand by 2030?}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true, supports: C2}
  C2: {kind: claim, text: The SCO is gaining weight.}
  A1: {kind: assumption, text: Weight attracts applicants.}
inferences:
  I1: {premises: [C2, A1], conclusion: C1}
"""
    assert [f.message for f in check(text)] == ["circular support: C1 -> C2 -> C1"]


def test_rebut_of_an_inference_is_reported_as_wrong_target_kind() -> None:
    text = """\
map: {title: Will the SCO expand by 2030?}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true}
  C2: {kind: claim, text: China wants a larger SCO., supports: C1}
  C3: {kind: claim, text: China's wishes do not decide SCO membership.}
conflicts:
  X1: {kind: rebut, attacker: C3, target: C2->C1}
"""
    [finding] = check(text)
    assert (finding.code, at(finding)) == ("S007", (7, 43))
    assert finding.message == "rebut 'X1' targets inference 'C2->C1'; use undercut"


def test_two_kinds_of_attack_on_one_target_are_both_kept() -> None:
    text = """\
map: {title: Will the SCO expand by 2030?}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true}
  C2: {kind: claim, text: India blocks decisions that favour China., rebuts: C1, undermines: C1}
"""
    loaded = load_map_text(text, "map.yaml")
    assert sorted(c.kind for c in loaded.expanded.conflicts.values()) == ["rebut", "undermine"]


# --- shapes of a problem that the rule fixtures do not show ------------------------------------

SHAPES_HEAD = """\
map: {title: Will the SCO expand by 2030?}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true}
"""


def test_self_support_inside_a_list_of_conclusions() -> None:
    text = (
        SHAPES_HEAD
        + "  C2: {kind: claim, text: Membership is attractive to neighbours., supports: [C1, C2]}\n"
    )
    assert [(f.code, at(f), f.message) for f in check(text)] == [
        ("S003", (4, 83), "inference 'C2->C2': 'C2' is both premise and conclusion"),
    ]


def test_circle_of_support_beside_the_key_judgment_leaves_it_standing() -> None:
    text = SHAPES_HEAD + (
        "  C2: {kind: claim, text: The SCO is gaining weight., supports: [C1, C3]}\n"
        "  C3: {kind: claim, text: Many states want to join the SCO., supports: C2}\n"
    )
    # No J001: the circle C2-C3 is not labelled through, and C1 stands unattacked.
    assert [(f.code, at(f), f.message) for f in check(text)] == [
        ("S004", (4, 3), "circular support: C2 -> C3 -> C2"),
    ]


def test_disconnected_assumption_is_reported_like_a_claim() -> None:
    text = SHAPES_HEAD + (
        "  C2: {kind: claim, text: China wants a larger SCO., supports: C1}\n"
        "  A1: {kind: assumption, text: The SCO keeps deciding by consensus., rating: caveated}\n"
    )
    assert [(f.code, at(f), f.message) for f in check(text)] == [
        ("S005", (5, 3), "statement 'A1' is not connected to any key judgment"),
    ]


def test_shorthand_naming_one_target_twice_is_a_duplicate_link() -> None:
    text = (
        SHAPES_HEAD
        + "  C2: {kind: claim, text: Iran's accession shows the SCO is open., supports: [C1, C1]}\n"
    )
    assert [(f.code, at(f), f.message) for f in check(text)] == [
        ("S011", (4, 83), "'C2' supports 'C1' twice"),
    ]


def test_rated_rows_that_are_no_statement_a_hypothesis_or_the_analysts_own_claim() -> None:
    text = """\
map: {title: Which course will the SCO take by 2030?}
statements:
  H1: {kind: hypothesis, text: The SCO admits new members., threshold: One new member.}
  H2: {kind: hypothesis, text: The SCO stays a security club., threshold: No new member.}
  A1: {kind: assumption, text: India does not veto candidates., background: true}
  C1: {kind: claim, key: true, text: The SCO will enlarge.}
ach:
  exclusive: true
  horizon: 2030
  ratings:
    A1: {H1: CC, H2: II}
    C1: {H1: CC, H2: II}
    H2: {H1: I}
    A9: {H1: C, H2: N}
"""
    found = [(f.code, at(f), f.message) for f in check(text) if f.code.startswith("A")]
    assert found == [
        ("A010", (6, 3), "'C1' is a claim with no source, rated as a row"),
        ("A002", (13, 5), "'H2' is a hypothesis: a column, not a row"),
        ("A001", (14, 5), "rated item 'A9' is not a statement of this map"),
    ]


def test_every_expected_label_is_compared() -> None:
    text = """\
map:
  title: Will the SCO enlarge by 2030?
  expect: {in: [C2], out: [C3, C9]}
statements:
  C1: {kind: claim, key: true, text: The SCO stays a security club., supports: C2}
  C2: {kind: claim, text: The SCO will admit a new member by 2030.}
  C3: {kind: claim, text: India vetoes candidates., rebuts: C2}
"""
    assert [(f.code, at(f), f.message) for f in check(text)] == [
        ("J005", (3, 17), "'C2' is OUT, expected IN: attacked by C3, which is IN"),
        ("J005", (3, 28), "'C3' is IN, expected OUT: no attacker"),
        ("J005", (3, 32), "expected 'C9', which is not in the map"),
    ]


# --- provenance: quote matching -------------------------------------------------------------------


def evidence_map(source_text: str, quote: str) -> str:
    """A map whose evidence E1 quotes ``quote`` from an inline source; both as YAML strings."""
    return f"""\
map: {{title: Will the SCO expand by 2030?}}
sources:
  S1:
    title: SCO enlargement timeline
    text: {json.dumps(source_text)}
statements:
  C1: {{kind: claim, text: The SCO will admit a new member by 2030., key: true}}
  E1:
    kind: evidence
    text: Iran and Belarus joined the SCO.
    source: S1
    quote: {json.dumps(quote)}
    supports: C1
"""


TYPESET = (
    "Iran\u2019s accession \u2013 completed in July\u00a02023 \u2013 made it the SCO\u2019s ninth member."
    " Belarus\u2014the tenth\u2014joined in 2024."
)
PLAIN = (
    "Iran's accession - completed in July 2023 - made it the SCO's ninth member."
    " Belarus-the tenth-joined in 2024."
)


@pytest.mark.parametrize(
    ("source_text", "quote"),
    [
        pytest.param(TYPESET, "Iran's accession - completed in July 2023", id="straight-quote"),
        pytest.param(PLAIN, "Iran\u2019s accession \u2013 completed in July 2023", id="typeset-quote"),
        pytest.param(TYPESET, "made it the SCO's ninth member.", id="curly-apostrophe"),
        pytest.param(TYPESET, "Belarus-the tenth-joined in 2024.", id="em-dash"),
        pytest.param(TYPESET, "completed in July 2023", id="no-break-space"),
        pytest.param(TYPESET, "Iran's accession -\ncompleted in July\n2023", id="line-breaks-in-quote"),
        pytest.param(TYPESET, "  made it  the SCO's\tninth member.  ", id="extra-whitespace"),
    ],
)
def test_quote_matches_despite_typography(source_text: str, quote: str) -> None:
    assert with_code(check(evidence_map(source_text, quote)), "P002") == []


@pytest.mark.parametrize(
    ("quote", "nearest"),
    [
        pytest.param(
            "iran's accession - completed in July 2023",
            "Iran's accession - completed in July 2023",
            id="case",
        ),
        pytest.param("Iran's entry - completed in July 2023", None, id="word-changed"),
        pytest.param("Iran's accession - completed in July 2024", None, id="number-changed"),
        pytest.param(
            "Iran's accession completed in July 2023",
            "Iran's accession - completed in July 2023",
            id="dash-dropped",
        ),
        pytest.param("made it the SCO's tenth member.", None, id="wrong-ordinal"),
    ],
)
def test_quote_must_match_word_for_word(quote: str, nearest: str | None) -> None:
    [finding] = with_code(check(evidence_map(TYPESET, quote)), "P002")
    assert at(finding) == (12, 12)
    message = f"quote of 'E1' not found in source 'S1': \"{quote}\""
    if nearest is not None:  # only case or punctuation differ: the source's words are offered
        message += f'; the source has "{nearest}" (differs in case or punctuation)'
    assert finding.message == message
    assert (finding.repair is not None) == (nearest is not None)


def test_quote_must_start_and_end_at_word_boundaries() -> None:
    # The quote turns the source's "unlikely" into "likely".
    text = evidence_map("Turkey is unlikely to join the SCO by 2030.", "likely to join the SCO by 2030.")
    assert len(with_code(check(text), "P002")) == 1


def test_quote_matches_a_sentence_wrapped_over_two_lines() -> None:
    text = """\
map: {title: Will the SCO expand by 2030?}
sources:
  S1:
    title: SCO outlook
    text: |
      The Shanghai Cooperation Organization is expected
      to expand towards South Asia and the Middle East.
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true}
  E1:
    kind: evidence
    text: The SCO is expected to expand.
    source: S1
    quote: The Shanghai Cooperation Organization is expected to expand
    supports: C1
"""
    findings = check(text)
    assert with_code(findings, "P002") == []
    assert [f.message for f in with_code(findings, "P004")] == [
        "source 'S1': quotes cover half or more of 1 of 1 "
        "substantive sentences (100%); 0 excluded as furniture"
    ]


def test_quotes_are_checked_against_a_source_file_next_to_the_map(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "timeline.txt").write_text(
        "SCO enlargement\n\nIran became a full member of the SCO in July 2023.\n", encoding="utf-8"
    )
    map_file = tmp_path / "map.yaml"
    map_file.write_text(
        """\
map: {title: Will the SCO expand by 2030?}
sources:
  S1: {title: SCO enlargement timeline, file: sources/timeline.txt}
statements:
  C1: {kind: claim, text: The SCO will admit a new member by 2030., key: true}
  E1:
    kind: evidence
    text: Iran joined the SCO in 2023.
    source: S1
    quote: [Iran became a full member of the SCO in July 2023., Iran became a member in 2023.]
    supports: C1
""",
        encoding="utf-8",
    )
    findings = run_checks(load_map(map_file), GRAPH_FAMILIES)
    assert [(f.code, at(f), f.message) for f in findings if f.code != "P004"] == [
        ("P002", (10, 65), "quote of 'E1' not found in source 'S1': \"Iran became a member in 2023.\""),
    ]


# --- provenance: coverage -------------------------------------------------------------------------

COVERAGE_SOURCE = """\
    text: |
      Skip to content.
      Iran became a full member of the SCO in July 2023.
      Belarus became a full member in July 2024.
      The secretariat is based in Beijing.
      Turkey is a dialogue partner.
    excluded:
      - {text: Skip to content., reason: navigation}
"""


def coverage_map(quotes: list[str], *, full_coverage: bool = False) -> str:
    return (
        f"""\
map: {{title: Will the SCO expand by 2030?}}
sources:
  S1:
    title: SCO enlargement timeline
    full_coverage: {str(full_coverage).lower()}
"""
        + COVERAGE_SOURCE
        + f"""\
statements:
  C1: {{kind: claim, text: The SCO will admit a new member by 2030., key: true}}
  E1:
    kind: evidence
    text: Two states joined the SCO since 2023.
    source: S1
    quote: {json.dumps(quotes)}
    supports: C1
"""
    )


@pytest.mark.parametrize(
    ("quotes", "message"),
    [
        pytest.param(
            ["Iran became a full member of the SCO in July 2023."],
            "source 'S1': quotes cover half or more of 1 of 4 "
            "substantive sentences (25%); 1 excluded as furniture",
            id="one-sentence",
        ),
        pytest.param(
            # 28 of the sentence's 42 characters: more than half, so the sentence counts.
            ["Iran became a full member of the SCO in July 2023.", "Belarus became a full member"],
            "source 'S1': quotes cover half or more of 2 of 4 "
            "substantive sentences (50%); 1 excluded as furniture",
            id="more-than-half-of-a-sentence",
        ),
        pytest.param(
            # 10 of the sentence's 36 characters: less than half, so it does not count.
            ["Iran became a full member of the SCO in July 2023.", "in Beijing"],
            "source 'S1': quotes cover half or more of 1 of 4 "
            "substantive sentences (25%); 1 excluded as furniture",
            id="less-than-half-of-a-sentence",
        ),
    ],
)
def test_source_coverage_counts_sentences(quotes: list[str], message: str) -> None:
    findings = check(coverage_map(quotes))
    assert [(f.code, f.severity, at(f), f.message) for f in findings] == [
        ("P004", Severity.INFO, (3, 3), message),
    ]


def test_unquoted_sentences_of_a_full_coverage_source_are_listed() -> None:
    findings = check(
        coverage_map(
            ["Iran became a full member of the SCO in July 2023.", "The secretariat is based in Beijing."],
            full_coverage=True,
        )
    )
    unquoted = with_code(findings, "P005")
    assert [at(f) for f in unquoted] == [(3, 3), (3, 3)]
    assert [f.message for f in unquoted] == [
        "source 'S1' line 3: sentence not quoted: \"Belarus became a full member in July 2024.\"",
        "source 'S1' line 5: sentence not quoted: \"Turkey is a dialogue partner.\"",
    ]
    assert [f.code for f in findings] == ["P004", "P005", "P005"]


def test_sources_without_full_coverage_do_not_list_sentences() -> None:
    assert with_code(check(coverage_map([], full_coverage=False)), "P005") == []


def test_readme_rule_table_is_the_registry() -> None:
    from argmap.app import rules_table

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert rules_table() in readme, "run 'argmap rules --markdown' and paste the table into the README"
