"""Findings as code-review annotations: GitHub Actions workflow commands and SARIF 2.1.0.

Both read the JSON shape of ``argmap check --format json`` (one entry per
finding or unusable-map problem, :meth:`argmap.app.CheckReport.as_json`), so
there is one description of a finding and several ways to print it.

- GitHub: one ``::error``/``::warning``/``::notice`` workflow command per
  finding, as GitHub Actions documents them ("Workflow commands for GitHub
  Actions": ``::error file=F,line=L,col=C,title=T::message``); property values
  escape ``%``, CR, LF, ``:`` and ``,``, messages ``%``, CR and LF.
- SARIF: the OASIS Static Analysis Results Interchange Format 2.1.0, the
  subset code-scanning services read: one run, the tool's rules with their
  summaries and default levels, one result per finding with its physical
  location (the map's path as given, line and column).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from argmap.checks.registry import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
"""The SARIF 2.1.0 JSON schema's address (written into the file, never fetched)."""

UNUSABLE = {
    "id": "unusable",
    "name": "unusable-map",
    "shortDescription": {"text": "The map cannot be loaded: unreadable, not YAML, or not a map."},
    "fullDescription": {
        "text": "argmap reports where the file stops being a map it can read; no rule ran on it."
    },
    "defaultConfiguration": {"level": "error"},
}
"""The descriptor of results for maps that could not be loaded (code ``unusable`` in argmap's JSON)."""

_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(entries: Iterable[Mapping[str, Any]]) -> str:
    """One GitHub Actions workflow command per finding (``argmap check --format github``).

    Args:
        entries: findings and problems in the JSON shape of ``check --format json``.

    Returns:
        The commands, one a line (empty when there are none).
    """
    lines = []
    for entry in entries:
        level = _GITHUB_LEVEL.get(str(entry["severity"]), "error")
        properties = ",".join(
            f"{name}={_escape_property(str(value))}"
            for name, value in (
                ("file", entry["file"]),
                ("line", entry["line"]),
                ("col", entry["column"]),
                ("title", _title(entry)),
            )
        )
        lines.append(f"::{level} {properties}::{_escape_data(str(entry['message']))}")
    return "".join(line + "\n" for line in lines)


def _title(entry: Mapping[str, Any]) -> str:
    if entry["code"] == UNUSABLE["id"]:
        return "unusable map"
    return f"{entry['code']} {entry['name']}"


def sarif_log(entries: Iterable[Mapping[str, Any]], rules: Iterable[Rule], version: str) -> dict[str, Any]:
    """A SARIF 2.1.0 log of one argmap run (``argmap check --format sarif``).

    Args:
        entries: findings and problems in the JSON shape of ``check --format json``.
        rules: every registered rule, listed in the log's tool section.
        version: argmap's version.

    Returns:
        The log as JSON-ready data.
    """
    rules = list(rules)
    index = {rule.code: number for number, rule in enumerate(rules)}
    index[UNUSABLE["id"]] = len(rules)
    descriptors = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.rationale},
            "defaultConfiguration": {"level": _SARIF_LEVEL[str(rule.severity)]},
        }
        for rule in rules
    ] + [UNUSABLE]
    results = [_result(entry, index) for entry in entries]
    driver = {"name": "argmap", "version": version, "rules": descriptors}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }


def _result(entry: Mapping[str, Any], index: Mapping[str, int]) -> dict[str, Any]:
    location = {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(str(entry["file"]))},
            "region": {"startLine": max(1, int(entry["line"])), "startColumn": max(1, int(entry["column"]))},
        }
    }
    result: dict[str, Any] = {
        "ruleId": entry["code"],
        "level": _SARIF_LEVEL.get(str(entry["severity"]), "error"),
        "message": {"text": str(entry["message"])},
        "locations": [location],
    }
    if entry["code"] in index:
        result["ruleIndex"] = index[str(entry["code"])]
    return result


def _uri(path: str) -> str:
    """The map's path as a URI: ``file://`` for an absolute path, else a relative reference."""
    from pathlib import PurePath
    from urllib.parse import quote

    if PurePath(path).is_absolute():
        return PurePath(path).as_uri()
    return quote(path.replace("\\", "/"), safe="/")
