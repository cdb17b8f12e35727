"""The rule registry: each check is a small unit with a stable code.

Modelled on modern linters (ruff, ESLint): a rule has a code that never
changes meaning, a kebab-case name, a severity, a family, a one-line summary,
a paragraph of rationale and a complete failing example map. Rules register
themselves with the :func:`rule` decorator; :func:`run_checks` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from argmap.errors import Position
from argmap.load import ElementPath, LoadedMap
from argmap.model import ArgumentMap


class Severity(StrEnum):
    """How much a finding matters. Only errors make ``argmap check`` exit 1."""

    ERROR = "error"
    """The map is wrong: a broken reference, a quote that is not in its source."""
    WARNING = "warning"
    """Probably a mistake or a weakness an analyst should look at."""
    INFO = "info"
    """A figure worth knowing (e.g. source coverage); never a fault."""


class Family(StrEnum):
    """Rule families: structure (S), provenance (P), ACH (A) and judgment (J) codes."""

    STRUCTURE = "structure"
    PROVENANCE = "provenance"
    ACH = "ach"
    JUDGMENT = "judgment"


@dataclass(frozen=True)
class Hit:
    """What a rule function yields: where, and a one-line message."""

    where: ElementPath | Position
    """Element path in the graph (resolved through shorthand) or a position."""
    message: str
    """What is wrong, naming the ids involved."""


@dataclass(frozen=True)
class Finding:
    """One reported finding of one rule at one place in a map file."""

    code: str
    """Stable rule code, e.g. ``S002``."""
    name: str
    """Rule name, e.g. ``dangling-reference``."""
    severity: Severity
    """Severity of the rule."""
    file: Path
    """The map file."""
    position: Position
    """Line and column in the map file."""
    message: str
    """What is wrong."""

    def __str__(self) -> str:
        """``file:line:column: CODE [severity] message``."""
        where = f"{self.file}:{self.position.line}:{self.position.column}"
        return f"{where}: {self.code} [{self.severity}] {self.message}"

    def as_json(self) -> dict[str, object]:
        """A JSON-ready dict with keys file, line, column, code, name, severity, message."""
        return {
            "file": str(self.file),
            "line": self.position.line,
            "column": self.position.column,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
        }


RuleFunction = Callable[[LoadedMap], Iterable[Hit]]


def shared(loaded: LoadedMap, key: str, compute: Callable[[ArgumentMap], Any]) -> Any:
    """``compute(loaded.graph)``, worked out once per loaded map and shared by every rule that asks.

    Several rules need the same evaluation or ACH matrix; this keeps a check
    run from computing it once per rule.
    """
    if key not in loaded.derived:
        loaded.derived[key] = compute(loaded.graph)
    return loaded.derived[key]


@dataclass(frozen=True)
class Rule:
    """A registered check: metadata plus the function that finds hits."""

    code: str
    """Stable code: a family letter and three digits."""
    name: str
    """Kebab-case name."""
    severity: Severity
    """Severity of every finding of this rule."""
    family: Family
    """Family the rule belongs to."""
    summary: str
    """One line: what the rule finds."""
    rationale: str
    """Why it matters to an analyst."""
    example: str
    """A complete map file (YAML) on which the rule fires."""
    function: RuleFunction
    """Yields the hits on a loaded map."""

    def run(self, loaded: LoadedMap) -> Iterator[Finding]:
        """Run the rule on ``loaded`` and turn its hits into findings."""
        for hit in self.function(loaded):
            where = hit.where
            position = where if isinstance(where, Position) else loaded.locate(*where)
            yield Finding(self.code, self.name, self.severity, loaded.file, position, hit.message)


RULES: dict[str, Rule] = {}
"""Every registered rule by code, in registration order."""


def rule(
    code: str,
    name: str,
    severity: Severity,
    family: Family,
    summary: str,
    rationale: str,
    example: str,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as a rule.

    Raises:
        ValueError: the code or name is already registered.
    """

    def register(function: RuleFunction) -> RuleFunction:
        if code in RULES or any(existing.name == name for existing in RULES.values()):
            raise ValueError(f"rule {code} {name} registered twice")
        RULES[code] = Rule(code, name, severity, family, summary, rationale, example, function)
        return function

    return register


def run_checks(loaded: LoadedMap, select: Iterable[str] | None = None) -> list[Finding]:
    """Run the registered rules on a loaded map.

    Args:
        loaded: the map.
        select: codes or code prefixes to run (``["S", "P002"]``); all if None.

    Returns:
        Findings sorted by position, then code; findings of one rule at one
        position keep the order the rule gave them.
    """
    prefixes = tuple(select) if select is not None else ("",)
    findings = [
        finding
        for rule_ in RULES.values()
        if rule_.code.startswith(prefixes)
        for finding in rule_.run(loaded)
    ]
    return sorted(findings, key=lambda f: (f.position, f.code))
