"""Properties every valid map and every input must have, tried on generated maps (hypothesis).

- a map written and read back is the same map, and ``fmt`` is idempotent;
- checking, evaluating, explaining, drawing and scoring ACH never raise on a valid map;
- any bytes given as a map give argmap's own error (:class:`MapError`) or a map, nothing else;
- every edit command leaves either a valid map or the file byte for byte as it was.

The number of examples is bounded so that the suite stays quick; the fuzzers
(``benchmarks/fuzz.py``) search the same ground for as long as they are let.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from argmap import Analysis, MapError, load_map, load_map_text, run_checks
from argmap.cli import main
from argmap.edit import tree_from_data
from argmap.fmt import format_loaded, layout
from argmap.render import build_dot
from argmap.vocabulary import Confidence, EvidenceType, Impact, Level, Profile, Reliability

EXAMPLES = int(os.environ.get("ARGMAP_PROPERTY_EXAMPLES", "60"))
"""Examples per property: 60 in the suite; more for a search (``ARGMAP_PROPERTY_EXAMPLES=2000``)."""

SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40
).filter(lambda text: text.strip() != "")
"""Any text a statement may hold: every character but surrogates and NUL (tabs, quotes, '#', ': ',
right-to-left marks and noncharacters included); at least one that is not white space."""

IDS = st.from_regex(r"[A-Z][A-Za-z0-9_]{0,5}", fullmatch=True)
KINDS = ["claim", "evidence", "assumption", "hypothesis"]
RATINGS = ["CC", "C", "N", "I", "II", "NA"]
LIKELIHOODS = [
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
]


@st.composite
def map_data(draw: st.DrawFn) -> dict[str, Any]:
    """A valid map as data: statements of every kind with their optional fields, sources with inline
    text and quotes from it, inferences, conflicts of each kind, and sometimes an ACH matrix."""
    ids = draw(st.lists(IDS, min_size=1, max_size=8, unique=True))
    sources = {"S1": {"title": draw(TEXT), "text": "Iran joined in 2023. Belarus joined in 2024."}}
    sources["S1"]["reliability"] = draw(st.sampled_from([r.value for r in Reliability]))
    statements = {sid: _statement(draw, draw(st.sampled_from(KINDS))) for sid in ids}
    data: dict[str, Any] = {"map": {"title": draw(TEXT)}, "sources": sources, "statements": statements}
    if draw(st.booleans()):
        data["map"]["question"] = draw(TEXT)
    inferences = _inferences(draw, ids)
    if inferences:
        data["inferences"] = inferences
    conflicts = _conflicts(draw, ids, list(inferences))
    if conflicts:
        data["conflicts"] = conflicts
    hypotheses = [sid for sid in ids if statements[sid]["kind"] == "hypothesis"]
    rows = [sid for sid in ids if statements[sid]["kind"] in ("evidence", "assumption")]
    if hypotheses and rows and draw(st.booleans()):
        data["ach"] = _ach(draw, hypotheses, rows)
    return data


def _statement(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    statement: dict[str, Any] = {"kind": kind, "text": draw(TEXT)}
    if draw(st.booleans()):
        statement["key"] = True
    if draw(st.booleans()):
        statement["note"] = draw(TEXT)
    if kind == "evidence" and draw(st.booleans()):
        statement["source"] = "S1"
        statement["quote"] = [draw(st.sampled_from(["Iran joined", "Belarus joined in 2024", "not there"]))]
        statement["evidence_type"] = draw(st.sampled_from([e.value for e in EvidenceType]))
        statement["credibility"] = draw(st.integers(1, 6))
    if kind == "claim" and draw(st.booleans()):
        statement["likelihood"] = draw(st.sampled_from(LIKELIHOODS))
        statement["confidence"] = draw(st.sampled_from([c.value for c in Confidence]))
    if kind == "assumption" and draw(st.booleans()):
        statement["impact"] = draw(st.sampled_from([i.value for i in Impact]))
        statement["why"] = draw(TEXT)
    if kind in ("evidence", "assumption") and draw(st.booleans()):
        statement["relevance"] = draw(st.sampled_from([level.value for level in Level]))
    if kind == "hypothesis" and draw(st.booleans()):
        statement["threshold"] = draw(TEXT)
    return statement


def _inferences(draw: st.DrawFn, ids: list[str]) -> dict[str, Any]:
    inferences = {}
    for number in range(draw(st.integers(0, 3))):
        premises = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        conclusion = draw(st.sampled_from(ids))
        if conclusion not in premises:
            inferences[f"R{number}"] = {"premises": premises, "conclusion": conclusion}
    return inferences


def _conflicts(draw: st.DrawFn, ids: list[str], inferences: list[str]) -> dict[str, Any]:
    conflicts = {}
    for number in range(draw(st.integers(0, 3))):
        attacker = draw(st.sampled_from(ids))
        if inferences and draw(st.booleans()):
            conflicts[f"K{number}"] = {"kind": "undercut", "attacker": attacker, "target": inferences[0]}
            continue
        target = draw(st.sampled_from(ids))
        if attacker != target:
            kind = draw(st.sampled_from(["rebut", "undermine"]))
            conflicts[f"K{number}"] = {"kind": kind, "attacker": attacker, "target": target}
    return conflicts


def _ach(draw: st.DrawFn, hypotheses: list[str], rows: list[str]) -> dict[str, Any]:
    ratings = {row: {h: draw(st.sampled_from(RATINGS)) for h in hypotheses} for row in rows}
    ach: dict[str, Any] = {
        "ratings": ratings,
        "profile": draw(st.sampled_from(["heuer", "parc", "likelihood"])),
    }
    if draw(st.booleans()):
        ach["priors"] = {h: draw(st.floats(1e-300, 1e300)) for h in hypotheses}
    if draw(st.booleans()):
        ach["exclusive"] = True
    return ach


def written(data: dict[str, Any]) -> str:
    """The map text argmap writes for ``data`` (as ``argmap import`` does)."""
    return layout(tree_from_data(data), keep_order=True)


@SETTINGS
@given(map_data())
def test_a_map_written_and_read_back_is_the_same_map(data: dict[str, Any]) -> None:
    first = load_map_text(written(data), Path("g.yaml"))
    again = load_map_text(format_loaded(first), Path("g.yaml"))
    assert again.document == first.document
    assert first.document.statements.keys() == data["statements"].keys()


@SETTINGS
@given(map_data())
def test_fmt_is_idempotent(data: dict[str, Any]) -> None:
    once = format_loaded(load_map_text(written(data), Path("g.yaml")))
    assert format_loaded(load_map_text(once, Path("g.yaml"))) == once


@SETTINGS
@given(map_data())
def test_checking_evaluating_drawing_and_scoring_never_raise(data: dict[str, Any]) -> None:
    analysis = Analysis(load_map_text(written(data), Path("g.yaml")))
    findings = run_checks(analysis)
    assert all(finding.position.line >= 1 for finding in findings)
    labels = analysis.labelling.labels
    assert set(labels) >= set(data["statements"])
    for sid in data["statements"]:
        assert analysis.labelling.reasons[sid]
    assert build_dot(analysis.graph, labels=labels).startswith("digraph")
    for profile in Profile:
        result = analysis.ach(profile)
        if result is not None:
            assert set(result.sensitivity.by_row) <= set(data["statements"])
            assert result.summary.sentences()


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_as_a_map_give_a_map_or_argmaps_own_error(tmp_path_factory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "map.yaml"
    path.write_bytes(raw)
    try:
        load_map(path)
        event("loaded")
    except MapError as error:
        assert all(problem.position.line >= 1 for problem in error.problems)


@SETTINGS
@given(map_data(), st.data())
def test_a_damaged_map_gives_a_map_or_argmaps_own_error(data: dict[str, Any], more: st.DataObject) -> None:
    text = written(data)
    at = more.draw(st.integers(0, len(text)))
    cut = more.draw(st.integers(0, 20))
    inserted = more.draw(st.text(alphabet="{}[]:,-&*!|>'\"#\t\n \\%@`?", max_size=5))
    try:
        load_map_text(text[:at] + inserted + text[at + cut :], Path("g.yaml"))
        event("still a map")
    except MapError as error:
        assert error.problems


EDITS = st.sampled_from(["set", "rename", "rm", "link", "unlink", "add", "rate"])


@SETTINGS
@given(map_data(), EDITS, st.data())
def test_every_edit_leaves_a_valid_map_or_the_file_as_it_was(
    tmp_path_factory, data: dict[str, Any], edit: str, more: st.DataObject
) -> None:
    path = tmp_path_factory.mktemp("edit") / "map.yaml"
    path.write_text("# kept\n" + written(data), encoding="utf-8")
    before = path.read_bytes()
    ids = list(data["statements"])
    arguments = _edit_arguments(edit, ids, more)
    assume(arguments is not None)
    result = CliRunner().invoke(main, [edit, str(path), *arguments])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if path.read_bytes() == before:
        event(f"{edit}: file unchanged (exit {result.exit_code})")
        return
    event(f"{edit}: map edited")
    assert result.exit_code == 0, result.output
    after = load_map(path)
    assert "# kept" in after.text
    assert not list(path.parent.glob("*.tmp*")) and not list(path.parent.glob(".*tmp*"))


def _edit_arguments(edit: str, ids: list[str], more: st.DataObject) -> list[str] | None:
    some_id = st.sampled_from([*ids, "NOPE", "R0", "K0"])
    word = st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
    )
    if edit == "set":
        field = more.draw(st.sampled_from(["text", "kind", "key", "note", "likelihood", "title", "nope"]))
        return [more.draw(some_id), field, more.draw(word)]
    if edit == "rename":
        return [more.draw(some_id), more.draw(st.one_of(IDS, word))]
    if edit == "rm":
        return [more.draw(some_id)]
    if edit in ("link", "unlink"):
        return [more.draw(some_id), more.draw(some_id)]
    if edit == "add":
        kind = more.draw(st.sampled_from(["claim", "evidence", "nope"]))
        return [kind, more.draw(word), "--id", more.draw(st.one_of(IDS, word))]
    return [more.draw(some_id), more.draw(some_id), more.draw(st.sampled_from([*RATINGS, "ZZ", ""]))]
