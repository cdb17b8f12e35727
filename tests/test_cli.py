"""The ``argmap`` command line: exit status and output of check, schema and rules."""

from __future__ import annotations

import gc
import json
import os
import re
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from argmap import RULES, app
from argmap.checks import ordered_rules
from argmap.cli import main

BROKEN_MAP = """\
map: {title: Will the SCO expand by 2030?}
statements:
  C1:
    kind: claim
    text: The SCO is likely to admit a new member by 2030.
    key: true
    likelihood: likely
    confidence: low
    confidence_basis: No evidence in this map.
  C2: {kind: claim, text: China wants a larger SCO., supports: C9}
"""
"""One error (S002, dangling C9) and one warning (S005, C2 is disconnected)."""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def stdout_of(result: Result) -> str:
    """Standard output only (click >= 8.2 mixes stderr into ``result.output``)."""
    try:
        return result.stdout
    except ValueError:  # click < 8.2 with mixed output: output is stdout + stderr
        return result.output


def stderr_of(result: Result) -> str:
    try:
        return result.stderr
    except ValueError:
        return result.output


@pytest.fixture
def broken_map_path(tmp_path: Path) -> Path:
    path = tmp_path / "sco-broken.yaml"
    path.write_text(BROKEN_MAP, encoding="utf-8")
    return path


# --- check ---------------------------------------------------------------------------------------


def test_check_clean_map_exits_0(clean_map_path: Path) -> None:
    result = run("check", str(clean_map_path))
    assert result.exit_code == 0, result.output
    assert stdout_of(result).splitlines() == [
        f"{clean_map_path}:7:3: P004 [info] source 'S1': quotes cover half or more of 2 of 3 "
        "substantive sentences (67%); "
        "0 excluded as furniture"
    ]
    assert "0 errors, 0 warnings, 1 info" in stderr_of(result)


def test_check_quiet_hides_info(clean_map_path: Path) -> None:
    result = run("check", "--quiet", str(clean_map_path))
    assert result.exit_code == 0
    assert stdout_of(result) == ""
    assert result.stderr.strip() == "0 errors, 0 warnings, 1 info (not shown: -q)"


def test_check_map_with_error_exits_1(broken_map_path: Path) -> None:
    result = run("check", str(broken_map_path))
    assert result.exit_code == 1, result.output
    assert stdout_of(result).splitlines() == [
        f"{broken_map_path}:10:3: S005 [warning] statement 'C2' is not connected to any key judgment",
        f"{broken_map_path}:10:64: S002 [error] inference 'C2->C9': conclusion 'C9' is not a statement "
        "of this map",
    ]
    assert "1 error, 1 warning, 0 info" in stderr_of(result)


def test_check_map_with_only_warnings_exits_0(broken_map_path: Path) -> None:
    result = run("check", "--select", "S005", str(broken_map_path))
    assert result.exit_code == 0, result.output
    assert [line.split(": ", 1)[1] for line in stdout_of(result).splitlines()] == [
        "S005 [warning] statement 'C2' is not connected to any key judgment"
    ]


def test_check_json_output(broken_map_path: Path) -> None:
    result = run("check", "--format", "json", str(broken_map_path))
    assert result.exit_code == 1
    findings = json.loads(stdout_of(result))
    assert findings == [
        {
            "file": str(broken_map_path),
            "line": 10,
            "column": 3,
            "code": "S005",
            "name": "disconnected-statement",
            "severity": "warning",
            "message": "statement 'C2' is not connected to any key judgment",
            "ids": ["C2"],
            "fix": None,
        },
        {
            "file": str(broken_map_path),
            "line": 10,
            "column": 64,
            "code": "S002",
            "name": "dangling-reference",
            "severity": "error",
            "message": "inference 'C2->C9': conclusion 'C9' is not a statement of this map",
            "ids": ["C2->C9", "C9"],
            "fix": None,
        },
    ]


def test_check_json_output_of_clean_map_is_a_list(clean_map_path: Path) -> None:
    result = run("check", "--format", "json", "--quiet", str(clean_map_path))
    assert result.exit_code == 0
    assert json.loads(stdout_of(result)) == []


def test_check_several_maps_one_unusable_exits_2_and_reports_the_others(
    tmp_path: Path, clean_map_path: Path, broken_map_path: Path
) -> None:
    unusable = tmp_path / "unusable.yaml"
    unusable.write_text("map: {title: Will the SCO expand by 2030?\n", encoding="utf-8")

    result = run("check", str(broken_map_path), str(unusable), str(clean_map_path))

    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert stderr_of(result).startswith(f"{unusable}:2:1: error: YAML syntax: ")
    assert [line.split(": ", 1)[1] for line in stdout_of(result).splitlines()] == [
        "S005 [warning] statement 'C2' is not connected to any key judgment",
        "S002 [error] inference 'C2->C9': conclusion 'C9' is not a statement of this map",
        "P004 [info] source 'S1': quotes cover half or more of 2 of 3 "
        "substantive sentences (67%); 0 excluded as furniture",
    ]
    assert [line.split(":", 1)[0] for line in stdout_of(result).splitlines()] == [
        str(broken_map_path),
        str(broken_map_path),
        str(clean_map_path),
    ]


def test_check_several_maps_one_unusable_in_json(tmp_path: Path, broken_map_path: Path) -> None:
    unusable = tmp_path / "unusable.yaml"
    unusable.write_text("- not a map\n", encoding="utf-8")
    result = run("check", "--format", "json", str(unusable), str(broken_map_path))
    assert result.exit_code == 2
    entries = json.loads(stdout_of(result))
    assert [entry["code"] for entry in entries] == ["unusable", "S005", "S002"]
    assert entries[0] == {
        "file": str(unusable),
        "line": 1,
        "column": 1,
        "code": "unusable",
        "name": "unusable-map",
        "severity": "error",
        "message": "a map file must be a YAML mapping with a 'map:' section",
        "ids": [],
        "fix": None,
    }


def test_select_takes_comma_separated_prefixes_in_any_case(broken_map_path: Path) -> None:
    result = run("check", "--format", "json", "--select", "s002,P", str(broken_map_path))
    assert [entry["code"] for entry in json.loads(stdout_of(result))] == ["S002"]
    assert result.exit_code == 1


def test_select_of_an_unknown_code_is_a_usage_error(broken_map_path: Path) -> None:
    result = run("check", "--select", "ZZ", str(broken_map_path))
    assert result.exit_code == 2
    assert "no rule code starts with 'ZZ'" in result.output


def test_check_needs_a_map() -> None:
    result = run("check")
    assert result.exit_code == 2
    assert "Missing argument 'MAPS...'" in result.output


# --- schema --------------------------------------------------------------------------------------


def test_schema_is_json_with_the_sections() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(stdout_of(result))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {"map", "sources", "statements", "inferences", "conflicts", "groups"} <= set(schema["properties"])
    assert schema["required"] == ["map"]


# --- rules ---------------------------------------------------------------------------------------


def test_rules_lists_every_rule() -> None:
    result = run("rules")
    assert result.exit_code == 0
    lines = stdout_of(result).splitlines()
    assert [line.split()[0] for line in lines] == [rule.code for rule in ordered_rules()]
    assert sorted(line.split()[0] for line in lines) == sorted(RULES)
    [s001] = [line for line in lines if line.startswith("S001")]
    assert s001.split(maxsplit=3) == ["S001", "error", "duplicate-id", "An id or key is written twice."]


def test_rules_code_explains_with_the_example() -> None:
    result = run("rules", "S001")
    assert result.exit_code == 0
    output = stdout_of(result)
    assert output.startswith("S001 duplicate-id (structure, error)\n")
    assert RULES["S001"].rationale in output
    fixture = RULES["S001"].fixture
    assert output.endswith(
        "Example (fails):\n\n" + fixture.failing_map + "\nUse instead:\n\n" + fixture.passing_map
    )


def test_rules_code_is_case_insensitive() -> None:
    assert run("rules", "p002").output == run("rules", "P002").output


def test_rules_unknown_code_exits_2() -> None:
    result = run("rules", "Z999")
    assert result.exit_code == 2
    assert "no rule 'Z999'; 'argmap rules' lists them" in result.output


# --- ach -----------------------------------------------------------------------------------------


def test_ach_prints_the_ranking_in_words(tmp_path: Path, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(
        ach_map_text.replace("H1: CC, H2: I", "H1: II, H2: C").replace("H1: C, H2: II", "H1: I, H2: N")
    )
    result = run("ach", str(map_file))
    assert result.exit_code == 0, result.output
    assert "H2 ranks first under heuer" in result.output  # H2 has less inconsistency


@pytest.mark.parametrize("fmt", ["md", "csv", "html", "json", "xlsx"])
def test_ach_writes_each_format(tmp_path: Path, fmt: str, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text, encoding="utf-8")
    target = tmp_path / f"out.{fmt}"
    result = run("ach", str(map_file), "-f", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(b"PK") if fmt == "xlsx" else b"A1" in data


def test_ach_json_to_standard_output(tmp_path: Path, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text, encoding="utf-8")
    result = run("ach", str(map_file), "-f", "json", "-o", "-", "--profile", "parc")
    data = json.loads(stdout_of(result))
    assert data["profile"]["name"] == "parc"
    assert [h["id"] for h in data["hypotheses"]] == ["H1", "H2"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("H1: CC, H2: I", "H1: CC, H9: I"), "A001 [error] 'H9' is not a statement of this map"),
        (("H1: CC, H2: I", "H1: CC, A2: I"), "A002 [error] 'A2' is a assumption, not a hypothesis"),
        (
            ("H1: CC, H2: I", "H1: XX, H2: I"),
            "ach.ratings.A1.H1: Input should be 'CC', 'C', 'N', 'I', 'II' or 'NA'",
        ),
        (("ach:\n  ratings:", "ach:\n  ratings: {}\n  unused:"), "unknown key 'unused'"),
    ],
)
def test_ach_refuses_bad_ratings_with_positions(tmp_path: Path, change, message: str, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text.replace(*change), encoding="utf-8")
    result = run("ach", str(map_file))
    assert result.exit_code == 2
    assert message in result.output
    assert re.search(rf"{re.escape(str(map_file))}:\d+:\d+: ", result.output)


def test_ach_without_section_is_refused(tmp_path: Path, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text.split("ach:")[0], encoding="utf-8")
    result = run("ach", str(map_file))
    assert result.exit_code == 2
    assert "the map has no 'ach' section" in result.output


def test_xlsx_cannot_go_to_standard_output(tmp_path: Path, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text, encoding="utf-8")
    result = run("ach", str(map_file), "-f", "xlsx", "-o", "-")
    assert result.exit_code == 2


def test_ach_in_a_narrow_terminal_keeps_every_hypothesis(tmp_path: Path, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text, encoding="utf-8")
    result = CliRunner().invoke(main, ["ach", str(map_file)], env={"COLUMNS": "40"}, terminal_width=40)
    assert result.exit_code == 0
    header = next(line for line in result.output.splitlines() if "Row" in line and "ID" in line)
    assert "#1" in header and "#2" in header
    assert "terminal narrower" not in result.output  # not a terminal: nothing to apologise for


def test_ach_output_file_needs_a_file_format(tmp_path: Path, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text, encoding="utf-8")
    result = run("ach", str(map_file), "-o", str(tmp_path / "x.txt"))
    assert result.exit_code == 2
    assert "--output needs a file format" in result.output


def test_ach_output_folder_with_slash(tmp_path: Path, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text, encoding="utf-8")
    result = run("ach", str(map_file), "-f", "csv", "-o", f"{tmp_path}/out/")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "m-ach.csv").is_file()


def test_ach_refuses_duplicate_ratings(tmp_path: Path, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text + "    A1: {H1: II, H2: CC}\n", encoding="utf-8")
    result = run("ach", str(map_file))
    assert result.exit_code == 2
    assert "S001 [error] duplicate key 'A1'" in result.output


def test_empty_ach_section_is_located(tmp_path: Path, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text.split("ach:")[0] + "ach:\n", encoding="utf-8")
    result = run("ach", str(map_file))
    assert result.exit_code == 2
    assert f"{map_file}:7:1: error: the map has no 'ach' section" in result.output


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("  likelihoods: {NA: 0.1}\n", "NA has no likelihood: it counts as N"),
        ("  likelihoods: {I: 0.99}\n", "likelihoods must not rise from CC to II"),
        ("  analyst: Ana\n  analysts:\n    Ana:\n      A1: {H1: C}\n", "analyst 'Ana' rates twice"),
    ],
)
def test_ach_model_errors_are_plain(tmp_path: Path, extra: str, message: str, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text + extra, encoding="utf-8")
    result = run("check", str(map_file))
    assert result.exit_code == 2
    assert message in result.output
    assert "Value error" not in result.output
    assert f"{map_file}:1:1" not in result.output


def test_analysts_may_have_names_with_spaces(tmp_path: Path, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(
        ach_map_text + "  analysts:\n    Ben Smith:\n      A1: {H1: C, H2: I}\n", encoding="utf-8"
    )
    result = run("ach", str(map_file), "-f", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "Ben Smith" in stdout_of(result)


# --- evaluate, explain ----------------------------------------------------------------------------


def test_evaluate_a_map_and_what_if(tmp_path: Path) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(
        "map: {title: t}\nstatements:\n"
        "  C1: {kind: claim, key: true, text: c, burden: true}\n"
        "  A1: {kind: assumption, text: a, supports: C1}\n",
        encoding="utf-8",
    )
    result = run("evaluate", str(map_file))
    assert result.exit_code == 0, result.output
    assert "IN    C1 (key judgment): no attacker; carried by inference A1->C1" in result.output
    flipped = run("evaluate", str(map_file), "--assume-false", "A1")
    assert "OUT   A1: assumed false" in flipped.output
    assert "key judgment C1: IN -> OUT" in flipped.output
    assert run("evaluate", str(map_file), "--assume-false", "Z9").exit_code == 2


def test_explain_names_the_attacker(tmp_path: Path) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(
        "map: {title: t}\nstatements:\n  C1: {kind: claim, key: true, text: c}\n"
        "  O1: {kind: claim, text: o, rebuts: C1}\n",
        encoding="utf-8",
    )
    assert stdout_of(run("explain", str(map_file), "C1")).strip() == "C1 is OUT: attacked by O1, which is IN"
    assert run("explain", str(map_file), "X9").exit_code == 2


def test_evaluate_an_abstract_framework_in_iccma_format(tmp_path: Path) -> None:
    apx = tmp_path / "f.apx"
    apx.write_text("arg(a).\narg(b).\natt(a,b).\natt(b,a).\n", encoding="utf-8")
    assert stdout_of(run("evaluate", str(apx))).strip() == "[]"
    assert stdout_of(run("evaluate", str(apx), "--semantics", "PR")).strip() == "[[a],[b]]"
    bad = tmp_path / "g.apx"
    bad.write_text("arg(a).\natt(a,z).\n", encoding="utf-8")
    result = run("evaluate", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:2:7: error: attack names 'z', which is not an argument" in result.output


def test_no_stable_extension_is_said(tmp_path: Path) -> None:
    map_file = tmp_path / "odd.yaml"
    map_file.write_text(
        "map: {title: t}\nstatements:\n  A: {kind: claim, text: a, rebuts: B}\n"
        "  B: {kind: claim, text: b, rebuts: C}\n  C: {kind: claim, key: true, text: c, rebuts: A}\n",
        encoding="utf-8",
    )
    result = run("evaluate", str(map_file), "--semantics", "ST", "--strength")
    assert result.exit_code == 0
    assert (
        "no stable extension: no statement is credulously accepted; argmap marks none sceptically "
        "accepted either, although by the usual convention (accepted in every extension) every "
        "statement is, vacuously"
    ) in result.output
    assert "[sceptical]" not in result.output and "[credulous]" not in result.output
    assert "strengths are left out" in result.output
    assert "UNDEC A: in a cycle of attacks: A -> B -> C -> A" in result.output


# --- exit statuses of the fixes ------------------------------------------------------------------


def test_no_arguments_prints_the_help_and_exits_0() -> None:
    result = run()
    assert result.exit_code == 0
    assert "Commands:" in result.output and "render" in result.output


def test_render_with_structural_errors_draws_then_exits_1(tmp_path: Path, broken_map_path: Path) -> None:
    result = run("render", str(broken_map_path), "-f", "dot", "-o", f"{tmp_path}/out/")
    assert result.exit_code == 1, result.output
    assert (tmp_path / "out" / "sco-broken.dot").is_file()
    assert f"wrote {tmp_path / 'out' / 'sco-broken.dot'}" in stdout_of(result)
    errors = stderr_of(result)
    assert "S002 [error] inference 'C2->C9'" in errors
    assert "has 1 structural error(s); 1 broken link(s) drawn grey and dashed" in errors


def test_render_dot_to_standard_output(broken_map_path: Path) -> None:
    result = run("render", str(broken_map_path), "-f", "dot", "-o", "-")
    assert stdout_of(result).startswith("digraph argmap {")
    assert result.exit_code == 1  # the map's structural error, said on stderr


def test_evaluate_warns_of_what_it_worked_around_and_exits_1(broken_map_path: Path) -> None:
    result = run("evaluate", str(broken_map_path))
    assert result.exit_code == 1
    left_out = (
        "inference 'C2->C9': conclusion 'C9' is not a statement of this map; left out of the evaluation"
    )
    assert f"warning: {broken_map_path}: {left_out}" in stderr_of(result)
    assert "S002 [error]" in stderr_of(result)
    assert "IN    C1 (key judgment): no attacker" in stdout_of(result)


def test_output_over_the_map_is_refused_with_exit_2(tmp_path: Path, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text, encoding="utf-8")
    (tmp_path / "same.md").symlink_to(map_file)
    result = run("ach", str(map_file), "-f", "md", "-o", str(tmp_path / "same.md"))
    assert result.exit_code == 2
    assert "is an input of this command" in result.output
    assert map_file.read_text(encoding="utf-8") == ach_map_text


def test_source_root_option(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "doc.txt").write_text("Iran joined in 2023.\n", encoding="utf-8")
    (tmp_path / "maps").mkdir()
    map_file = tmp_path / "maps" / "m.yaml"
    map_file.write_text(
        "map: {title: t}\nsources:\n  S1: {title: d, file: ../seeds/doc.txt}\n"
        "statements:\n  E1: {kind: evidence, key: true, text: e, source: S1, quote: Iran joined in 2023.}\n",
        encoding="utf-8",
    )
    assert run("check", str(map_file)).exit_code == 1  # P003: outside the map's folder
    allowed = run("check", "--source-root", str(tmp_path / "seeds"), str(map_file))
    assert allowed.exit_code == 0, allowed.output
    assert "quotes cover half or more of 1 of 1" in stdout_of(allowed)


@pytest.mark.parametrize(
    ("value", "message"),
    [("nan", "not a number"), ("1e308", "is not in the range"), ("inf", "is not in the range")],
)
def test_solver_seconds_must_be_a_sensible_number(tmp_path: Path, value: str, message: str) -> None:
    framework = tmp_path / "f.apx"
    framework.write_text("arg(a).\narg(b).\natt(a,b).\n", encoding="utf-8")
    result = run("evaluate", str(framework), "--semantics", "PR", "--seconds", value)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_typed_ids_are_escaped_in_messages(tmp_path: Path, ach_map_text: str) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text, encoding="utf-8")
    result = run("explain", str(map_file), "X\u202eY\x1b]0;t\x07")
    assert result.exit_code == 2
    assert "\u202e" not in result.output and "\x1b" not in result.output
    assert "X\\u202eY\\x1b]0;t\\x07" in result.output


def test_a_source_root_that_is_no_folder_is_refused(tmp_path: Path, ach_map_text: str) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text, encoding="utf-8")
    assert run("check", "--source-root", str(tmp_path / "none"), str(map_file)).exit_code == 2
    assert run("check", "--source-root", "", str(map_file)).exit_code == 2


def test_rules_shows_the_files_a_fixture_needs() -> None:
    output = stdout_of(run("rules", "P003"))
    assert "Both maps expect the file sco-expansion.txt beside them:" in output
    assert output.index("Use instead:") < output.index("Both maps expect")


def test_solver_timeout_is_an_error_not_a_usage_message(tmp_path: Path) -> None:
    lines = [f"arg(a{n}).\narg(b{n}).\natt(a{n},b{n}).\natt(b{n},a{n}).\n" for n in range(40)]
    path = tmp_path / "hard.apx"
    path.write_text("".join(lines), encoding="utf-8")
    result = run("evaluate", str(path), "--semantics", "PR", "--seconds", "0.3")
    assert result.exit_code == 2
    assert "error: clingo did not finish preferred within 0.3 s" in stderr_of(result)
    assert "Usage:" not in result.output


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command",
    [["check", "MAP"], ["sources", "MAP"], ["ach", "MAP", "-f", "md", "-o", "-"], ["--help"], ["schema"]],
)
def test_a_full_disk_on_standard_output_is_a_message_not_a_traceback(command: list[str]) -> None:
    import subprocess
    import sys

    showcase = str(Path(__file__).resolve().parent.parent / "maps" / "sco-expansion.yaml")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "from argmap.cli import main; main()",
                *(showcase if part == "MAP" else part for part in command),
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert "error: cannot write the output: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


@pytest.mark.parametrize("table", ["sources", "assumptions", "indicators"])
def test_table_json_shows_control_and_bidi_characters_as_escapes(tmp_path: Path, table: str) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(
        'map: {title: "T\\u202eX"}\n'
        "sources:\n"
        '  S1: {title: "A \\e[31mB", text: "Hello there."}\n'
        "statements:\n"
        '  E1: {kind: evidence, text: "Hello \\u202e", source: S1, quote: Hello there.}\n'
        '  A1: {kind: assumption, text: "Bidi \\u202e here.", rating: solid}\n',
        encoding="utf-8",
    )
    result = run(table, str(map_file), "-f", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "\u202e" not in result.output and "\x1b" not in result.output
    assert json.loads(result.output)["map"] == "T\\u202eX"


def test_a_reader_gone_away_ends_quietly_with_status_141() -> None:
    import subprocess
    import sys

    showcase = str(Path(__file__).resolve().parent.parent / "maps" / "sco-expansion.yaml")
    child = subprocess.Popen(
        [sys.executable, "-c", "from argmap.cli import main; main()", "evaluate", showcase],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    child.stdout.close()
    _, errors = child.communicate(timeout=60)
    assert child.returncode == 141
    assert errors == b""


@pytest.mark.parametrize("command", [["sources"], ["ach"]])
def test_a_terminal_table_whose_reader_goes_away_ends_with_141(command: list[str]) -> None:
    import subprocess
    import sys

    showcase = str(Path(__file__).resolve().parent.parent / "maps" / "sco-expansion.yaml")
    child = subprocess.Popen(
        [sys.executable, "-c", "from argmap.cli import main; main()", *command, showcase],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    child.stdout.close()
    _, errors = child.communicate(timeout=60)
    assert (child.returncode, errors) == (141, b"")


@pytest.mark.parametrize("command", [["evaluate", "MAP"], ["schema"]])
def test_closed_standard_output_is_a_message(command: list[str]) -> None:
    import subprocess
    import sys

    showcase = str(Path(__file__).resolve().parent.parent / "maps" / "sco-expansion.yaml")
    args = [showcase if part == "MAP" else part for part in command]
    done = subprocess.run(
        [sys.executable, "-c", "from argmap.cli import main; main()", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 2
    assert done.stderr == "error: cannot write the output: standard output is closed\n"


def test_unknown_ids_are_quoted_and_shortened(tmp_path: Path, ach_map_text) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(ach_map_text, encoding="utf-8")
    result = run("evaluate", str(map_file), "--assume-false", "")
    assert result.exit_code == 2 and "no statement '' in" in result.output
    result = run("explain", str(map_file), "X" * 5000)
    assert result.exit_code == 2 and len(result.output) < 600


def test_an_output_encoding_that_cannot_show_the_table_is_a_message() -> None:
    import subprocess
    import sys

    showcase = str(Path(__file__).resolve().parent.parent / "maps" / "sco-expansion.yaml")
    done = subprocess.run(
        [sys.executable, "-c", "from argmap.cli import main; main()", "ach", showcase],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == 2
    assert "the output's encoding (ascii) cannot show this text" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_map_dated_at_the_start_of_the_calendar_has_a_sources_table(tmp_path: Path) -> None:
    map_file = tmp_path / "m.yaml"
    map_file.write_text(
        "map: {title: T, date: 0001-01-01, stale_after_days: 1}\nsources: {S1: {title: s, date: 2020}}\n",
        encoding="utf-8",
    )
    result = run("sources", str(map_file), "-f", "md", "-o", "-")
    assert result.exit_code == 0, result.output


def test_help_loads_none_of_the_heavy_modules() -> None:
    """``argmap --help`` must start at once: it may not import the model, the graph or YAML."""
    import subprocess
    import sys

    probe = (
        "import sys\nfrom click.testing import CliRunner\nfrom argmap.cli import main\n"
        "assert CliRunner().invoke(main, ['--help']).exit_code == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pydantic', 'networkx', 'ruamel', 'yaml', 'pysbd', 'jinja2', 'rich', 'openpyxl', 'graphviz')"
        " or m in ('argmap.app', 'argmap.model', 'argmap.analysis', 'argmap.edit')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_light_lists_name_what_the_heavy_modules_hold() -> None:
    from argmap.outputs import REPORT_FORMATS
    from argmap.report import FILE_RENDERERS
    from argmap.report.tradecraft import TABLES
    from argmap.vocabulary import TABLE_COMMANDS

    assert tuple(FILE_RENDERERS) == REPORT_FORMATS
    assert {name: kind.help for name, kind in TABLES.items()} == TABLE_COMMANDS


def test_one_shot_commands_run_without_the_cyclic_collector_long_running_ones_with_it(
    clean_map_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Off while ``check`` runs (it rescans the loaded map), on for ``watch`` and ``serve``, on after."""
    seen: list[bool] = []

    def stop_at_once(*_args, **_kwargs):
        seen.append(gc.isenabled())
        raise app.UsageError("stopped by the test")

    monkeypatch.setattr(app, "check", stop_at_once)
    monkeypatch.setattr(app, "watchable", stop_at_once)
    for command in ("check", "watch", "serve"):
        result = CliRunner().invoke(main, [command, str(clean_map_path)])
        assert result.exit_code == 2, result.output
        assert gc.isenabled()
    assert seen == [False, True, True]


def test_sigterm_ends_a_command_as_ctrl_c_does_and_the_handler_is_restored(
    clean_map_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM unwinds the command (its cleanup runs: temporary files, a running dot, the bar)."""
    unwound: list[bool] = []

    def terminated_midway(*_args, **_kwargs):
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        finally:
            unwound.append(True)
        raise AssertionError("SIGTERM did not end the command")

    before = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(app, "check", terminated_midway)
    result = CliRunner().invoke(main, ["check", str(clean_map_path)])
    assert result.exit_code == 128 + signal.SIGTERM
    assert unwound == [True]
    assert signal.getsignal(signal.SIGTERM) is before
