"""The tradecraft tables: Quality of Information, Key Assumptions Check, Indicators.

A small map whose answers can be worked out by hand: C1 (key) rests on one
event from S1 and on assumption A1; C2 (key) rests on an assessment of S1
alone and is helped by A2; S2 corroborates the event; everything from S1 is
older than the map's 365-day horizon.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from argmap import Analysis, load_map
from argmap.cli import main
from argmap.report import render_file
from argmap.report.tradecraft import (
    TABLES,
    assumption_facts,
    assumptions_data,
    indicators_data,
    source_facts,
    sources_data,
)

MAP = """\
map:
  title: Will the SCO expand?
  date: 2026-06-01
  stale_after_days: 365
  caveat: A test map, not an assessment.
  credibility_rule: {event: 2, attributed: 2, assessment: 3}
  burden_of_proof: true
sources:
  S1:
    title: An article
    kind: opinion
    date: 2024-12
    reliability: F
    summary: One opinion piece; its events match the record.
  S2:
    title: A declaration
    author: SCO heads of state
    kind: official document
    date: 2025-07-04
    reliability: B
statements:
  C1: {kind: claim, key: true, text: The SCO will admit a member., fact: true, confidence: low,
       confidence_basis: One article.}
  C2: {kind: claim, key: true, text: The SCO will found a bank., fact: true, confidence: low,
       confidence_basis: One article.}
  E1: {kind: evidence, text: Iran joined in 2023., source: S1, evidence_type: event, date: 2023-07,
       credibility: 1, corroborated_by: [E3]}
  E2: {kind: evidence, text: China wants a bank., source: S1, evidence_type: assessment, credibility: 3}
  E3: {kind: evidence, text: The declaration records Iran's admission., source: S2, evidence_type: event,
       date: 2025-07-04, credibility: 1, corroborated_by: [E1], background: true}
  A1: {kind: assumption, text: Candidates want to join., rating: unsupported,
       why: No application is reported., undermined_by: No application.,
       impact_if_wrong: C1 falls., impact: high}
  A2: {kind: assumption, text: Russia does not object., rating: caveated, why: Russia has objected before.,
       undermined_by: A Russian veto., impact_if_wrong: C2 is weaker., impact: low}
  H1: {kind: hypothesis, text: The SCO grows.}
  H2: {kind: hypothesis, text: The SCO stalls.}
inferences:
  I1: {premises: [E1, A1], conclusion: C1}
  I2: {premises: [E2], conclusion: C2}
  I3: {premises: [A2], conclusion: C2}
indicators:
  N1:
    text: A new member is admitted.
    expect: {H1: highly likely, H2: highly unlikely}
    window: {from: 2026-06-01, to: 2027-12-31}
    status: not assessed
  N2:
    text: A summit is held.
    expect: {H1: likely, H2: likely}
"""


@pytest.fixture
def map_path(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path


@pytest.fixture
def analysis(map_path: Path) -> Analysis:
    return Analysis(load_map(map_path))


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args))


# ----------------------------------------------------------------------------- sources


def test_source_facts_count_types_and_find_what_rests_on_one_source(analysis: Analysis) -> None:
    s1, s2 = source_facts(analysis)
    assert s1.evidence == {"event": ["E1"], "assessment": ["E2"]}
    assert s1.key_judgments == ["C1", "C2"]
    assert s1.only_source == ["C1", "C2"]
    # C2's only evidence from S1 is the source's own assessment; C1 has a reported event.
    assert s1.only_assessments == ["C2"]
    # Horizon 2025-06-01: S1 (2024-12) and its items are old; the undated E2 inherits the source's date.
    assert s1.stale == ["source", "E1", "E2"]
    assert (s2.evidence, s2.key_judgments, s2.stale) == ({"event": ["E3"]}, [], [])


def test_sources_table_counts_in_words_with_singulars(analysis: Analysis) -> None:
    markdown = render_file(TABLES["sources"].report(analysis), "md").decode()
    assert "1 reported event; 1 assessment by the source itself" in markdown
    assert "| S2 | A declaration | SCO heads of state | official document | B: usually reliable |" in markdown
    assert "**S1** C1, C2 rest on this source alone" in markdown
    assert "**S1** C2 rests only on its own assessments" in markdown
    assert "**S1** older than 365 days before the map's date: source, E1, E2" in markdown
    assert "- **S1** One opinion piece; its events match the record." in markdown
    assert "**Caveat:** A test map, not an assessment." in markdown
    assert "**Grading rule (credibility by evidence type):** event 2, attributed 2, assessment 3" in markdown


def test_sources_data_is_the_table_as_json(analysis: Analysis) -> None:
    data = sources_data(analysis)
    first = data["sources"][0]
    assert first["id"] == "S1" and first["reliability"] == "F" and first["date"] == "2024-12"
    assert first["only_assessments_of"] == ["C2"]
    assert first["summary"] == "One opinion piece; its events match the record."
    assert json.loads(json.dumps(data)) == data


# ----------------------------------------------------------------------------- assumptions


def test_assumptions_rank_by_what_assuming_them_false_changes(analysis: Analysis) -> None:
    a1, a2 = assumption_facts(analysis)
    # A1 is a premise of C1's only inference: assumed false, C1 goes OUT. C2 keeps I2 without A2.
    assert (a1.assumption, a1.key_judgments, a1.if_false) == ("A1", ["C1"], [("C1", "IN", "OUT")])
    assert (a2.assumption, a2.key_judgments, a2.if_false) == ("A2", ["C2"], [])


def test_assumptions_table_separates_necessary_from_contributing(analysis: Analysis) -> None:
    markdown = render_file(TABLES["assumptions"].report(analysis), "md").decode()
    rows = [line for line in markdown.splitlines() if line.startswith("| A")]
    assert rows[0].startswith("| A1 | Candidates want to join. | unsupported |")
    assert "| high | C1 falls. | C1 IN → OUT | – |" in rows[0]
    assert "| low | C2 is weaker. | none | C2 |" in rows[1]


def test_assumptions_data_lists_the_what_if(analysis: Analysis) -> None:
    rows = assumptions_data(analysis)["assumptions"]
    assert rows[0]["if_false"] == [{"id": "C1", "now": "IN", "then": "OUT"}]
    assert rows[1]["impact"] == "low"


# ----------------------------------------------------------------------------- indicators


def test_indicators_point_to_the_hypothesis_they_favour(analysis: Analysis) -> None:
    data = indicators_data(analysis)
    n1, n2 = data["indicators"]
    assert n1["points_to"] == ["H1"] and n1["window"] == {"from": "2026-06-01", "to": "2027-12-31"}
    assert n1["status"] == "not assessed"
    assert n2["points_to"] == [] and n2["window"] is None


def test_indicators_table_says_what_is_not_diagnostic(analysis: Analysis) -> None:
    markdown = render_file(TABLES["indicators"].report(analysis), "md").decode()
    assert "none: not diagnostic" in markdown
    assert "| N2 | A summit is held. | open |" in markdown
    assert "should appear if the hypothesis is true; its absence counts against it" in markdown


# ----------------------------------------------------------------------------- command line


@pytest.mark.parametrize("name", sorted(TABLES))
@pytest.mark.parametrize("fmt", ["md", "csv", "html", "xlsx", "json"])
def test_each_table_in_each_format(map_path: Path, tmp_path: Path, name: str, fmt: str) -> None:
    out = tmp_path / f"{name}.{fmt}"
    result = _invoke(name, str(map_path), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 0
    if fmt == "json":
        assert json.loads(out.read_text(encoding="utf-8"))["map"] == "Will the SCO expand?"
    elif fmt == "xlsx":
        assert load_workbook(out).sheetnames
    elif fmt == "csv":
        assert out.read_text(encoding="utf-8").startswith("id,")
    else:
        assert "Will the SCO expand?" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(TABLES))
def test_each_table_prints_in_the_terminal(map_path: Path, name: str) -> None:
    result = _invoke(name, str(map_path))
    assert result.exit_code == 0, result.output
    assert "A1" in result.output or "N1" in result.output or "S1" in result.output


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_table_never_writes_over_its_map(map_path: Path, tmp_path: Path, name: str) -> None:
    before = map_path.read_bytes()
    link = tmp_path / "table.md"
    os.link(map_path, link)  # the same file under a table's name
    result = _invoke(name, str(map_path), "-o", str(link))
    assert result.exit_code == 2, result.output
    assert "is an input of this command" in result.output
    assert map_path.read_bytes() == before


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_broken_map_gets_a_located_message(tmp_path: Path, name: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("map: {title: x}\nstatements:\n  C1: {kind: claim, text: [unclosed\n", encoding="utf-8")
    result = _invoke(name, str(path))
    assert result.exit_code == 2
    assert re.search(r"bad\.yaml:\d+:\d+: error: YAML syntax", result.output)
    assert "Traceback" not in result.output


def test_terminal_table_keeps_every_column_on_a_narrow_console(analysis: Analysis) -> None:
    """Regression: rich measured a column that does not wrap by its longest word and cut the table."""
    from rich.console import Console

    from argmap.report.terminal import render

    console = Console(file=io.StringIO(), width=60, color_system=None)
    render(TABLES["assumptions"].report(analysis), console)
    text = console.file.getvalue()
    assert "C1 IN → OUT" in text
    assert "Resting" in text and "Contributes to" in text


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_tables_data_states_the_caveat_and_cutoff(analysis: Analysis, name: str) -> None:
    data = TABLES[name].data(analysis)
    assert data["caveat"] == "A test map, not an assessment."
    assert data["information_cutoff"] == "2025-07-04"
    assert data["map"] == "Will the SCO expand?"


def test_sources_data_lists_each_evidence_item(analysis: Analysis) -> None:
    items = {item["id"]: item for item in sources_data(analysis)["evidence"]}
    assert items["E1"] == {
        "id": "E1",
        "sources": ["S1"],
        "evidence_type": "event",
        "credibility": "1",
        "attributed_to": None,
        "date": "2023-07",
        "text": "Iran joined in 2023.",
        "corroborated_by": ["E3"],
    }


def test_sources_table_explains_both_grades_and_counts_credibility_as_a_number(analysis: Analysis) -> None:
    report = TABLES["sources"].report(analysis)
    markdown = render_file(report, "md").decode()
    assert "- **6** truth cannot be judged" in markdown
    evidence = next(section.table for section in report.sections if section.heading == "Evidence by source")
    assert [row[3].number for row in evidence.rows] == [1, 3, 1]


def test_indicators_name_their_hypotheses_and_keep_headers_short(map_path: Path) -> None:
    long_text = "The SCO grows " + "and grows " * 50 + "by 2030."
    text = MAP.replace(
        "H1: {kind: hypothesis, text: The SCO grows.}", f"H1: {{kind: hypothesis, text: {long_text}}}"
    )
    map_path.write_text(text, encoding="utf-8")
    report = TABLES["indicators"].report(Analysis(load_map(map_path)))
    table = report.sections[0].table
    assert len(table.columns[4].subtitle) <= 90
    hypotheses = next(section for section in report.sections if section.heading == "Hypotheses")
    assert [item.lead for item in hypotheses.items] == ["H1", "H2"]
    assert hypotheses.items[0].text == long_text
