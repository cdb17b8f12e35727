"""``argmap check --format github|sarif``: findings as code-review annotations."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from argmap.checks import RULES
from argmap.cli import main
from argmap.report.annotations import github_annotations

BROKEN = """\
map:
  title: Broken
statements:
  C1:
    kind: claim
    key: true
    text: A claim.
    supports: C9
"""


def _check(tmp_path: Path, output_format: str, text: str = BROKEN) -> tuple[int, str]:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", output_format, str(path)])
    return result.exit_code, result.stdout


def test_github_prints_one_workflow_command_per_finding(tmp_path: Path) -> None:
    status, out = _check(tmp_path, "github")
    assert status == 1
    lines = out.splitlines()
    path = tmp_path / "m.yaml"
    dangling = [line for line in lines if "S002" in line]
    assert dangling == [
        f"::error file={path},line=8,col=15,title=S002 dangling-reference::"
        "inference 'C1->C9': conclusion 'C9' is not a statement of this map"
    ]
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_github_escapes_what_would_end_a_command() -> None:
    entry = {
        "file": "a,b:c.yaml",
        "line": 1,
        "column": 2,
        "code": "S001",
        "name": "duplicate-id",
        "severity": "info",
        "message": "50% done\nnext::line",
    }
    assert github_annotations([entry]) == (
        "::notice file=a%2Cb%3Ac.yaml,line=1,col=2,title=S001 duplicate-id::50%25 done%0Anext::line\n"
    )


def test_sarif_log_names_rules_and_locates_results(tmp_path: Path) -> None:
    status, out = _check(tmp_path, "sarif")
    assert status == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert {rule["id"] for rule in rules} == {*RULES, "unusable"}
    [result] = [r for r in run["results"] if r["ruleId"] == "S002"]
    assert rules[result["ruleIndex"]]["id"] == "S002"
    assert result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (8, 15)
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["E012"] == "warning"


def test_an_unusable_map_is_an_error_result(tmp_path: Path) -> None:
    status, out = _check(tmp_path, "sarif", "- just a list\n")
    assert status == 2
    [result] = json.loads(out)["runs"][0]["results"]
    assert result["ruleId"] == "unusable" and result["level"] == "error"
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["name"] == "unusable-map"
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == (tmp_path / "m.yaml").as_uri()
    status, out = _check(tmp_path, "github", "- just a list\n")
    assert status == 2 and out.startswith("::error file=") and "title=unusable map::" in out
