"""The rule registry: each check is a small unit with a stable code.

Modelled on modern linters (ruff, sqlfluff): a rule has a code that never
changes meaning, a kebab-case name, a severity, a one-line summary and a
paragraph of rationale; its family is the code's letter. Its example lives
in one fixture file, ``argmap/checks/fixtures/<CODE>-<name>.yaml``: a map
on which it fails, with the findings expected there, and the map to write
instead (:mod:`argmap.checks.fixtures`). Rules register themselves with the
:func:`rule` decorator; :func:`run_checks` runs them all on one
:class:`~argmap.analysis.Analysis`, so every rule reads the same graph,
labelling and ACH matrix, each computed once.

Adding a rule touches its family module and its fixture file, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from argmap import progress
from argmap.analysis import Analysis
from argmap.checks.fixtures import RuleFixture, load_fixture
from argmap.errors import Position
from argmap.load import ElementPath, LoadedMap


class Severity(StrEnum):
    """How much a finding matters. Only errors make ``argmap check`` exit 1."""

    ERROR = "error"
    """The map is wrong: a broken reference, a quote that is not in its source."""
    WARNING = "warning"
    """Probably a mistake or a weakness an analyst should look at."""
    INFO = "info"
    """A figure worth knowing (e.g. source coverage); never a fault."""


class Family(StrEnum):
    """Rule families, named by the first letter of their codes."""

    STRUCTURE = "structure"
    """S: the map is a well-formed argument graph."""
    PROVENANCE = "provenance"
    """P: evidence is tied to sources and its quotes are in them."""
    QUALITY = "quality of information"
    """Q: what the source says is told apart from what the analyst says; grades follow their rules."""
    ESTIMATIVE = "estimative language"
    """E: likelihood and confidence are stated on the map's scale, apart, and not lost on the way."""
    JUDGMENT = "judgment"
    """J: key judgments survive the evaluation and rest on enough."""
    ASSUMPTIONS = "key assumptions"
    """K: the Key Assumptions Check is complete and its stated impacts match the map."""
    INDICATORS = "indicators"
    """I: each hypothesis has observable indicators that tell it apart."""
    HYPOTHESES = "hypotheses"
    """H: the competing hypotheses are a disciplined set the map does not prejudge."""
    ACH = "ach"
    """A: the competing-hypotheses matrix is complete and consistent with the map."""


FAMILY_OF_LETTER: dict[str, Family] = {
    "S": Family.STRUCTURE,
    "P": Family.PROVENANCE,
    "Q": Family.QUALITY,
    "E": Family.ESTIMATIVE,
    "J": Family.JUDGMENT,
    "K": Family.ASSUMPTIONS,
    "I": Family.INDICATORS,
    "H": Family.HYPOTHESES,
    "A": Family.ACH,
}
"""The family of each code letter."""


@dataclass(frozen=True)
class FileEdit:
    """One change to the map file as written, at ``path`` (a path of the document, not the expanded map).

    ``action`` is one of:

    - ``"set"``: the value at ``path`` becomes ``value``;
    - ``"remove"``: the list item or mapping entry at ``path`` goes (an index
      0 into a field written as one scalar removes the field);
    - ``"append"``: ``value`` is added to the id list at ``path`` (a field
      that is absent is created, one written as a scalar becomes a list);
    - ``"split"``: the list item at ``path`` becomes the items ``value`` (a tuple);
    - ``"rename"``: the field at ``path`` is renamed ``value``, in place, comments kept.
    """

    action: str
    path: ElementPath
    value: Any = None


@dataclass(frozen=True)
class Repair:
    """An unambiguous repair a rule offers for one hit: what it does, in words, and its edits."""

    description: str
    edits: tuple[FileEdit, ...]


@dataclass(frozen=True)
class Hit:
    """What a rule function yields: where, a one-line message, and the ids it is about."""

    where: ElementPath | Position
    """Element path in the expanded map (resolved through shorthand) or a position."""
    message: str
    """What is wrong, naming the ids involved."""
    ids: tuple[str, ...] = ()
    """The statements, inferences, conflicts, sources or groups the finding is about."""
    key: bool = False
    """Point at the key of the element (``H3`` in ``H3: I``) rather than at its value."""
    repair: Repair | None = None
    """The repair ``argmap fix`` may apply, where one is unambiguous."""


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
    ids: tuple[str, ...] = ()
    """The ids the finding is about (may be empty, e.g. for a duplicate key)."""
    repair: Repair | None = field(default=None, compare=False)
    """The repair ``argmap fix`` may apply, where one is unambiguous."""

    def __str__(self) -> str:
        """``file:line:column: CODE [severity] message``."""
        where = f"{self.file}:{self.position.line}:{self.position.column}"
        return f"{where}: {self.code} [{self.severity}] {self.message}"

    def as_json(self) -> dict[str, object]:
        """A JSON-ready dict: file, line, column, code, name, severity, message, ids."""
        return {
            "file": str(self.file),
            "line": self.position.line,
            "column": self.position.column,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "ids": list(self.ids),
            "fix": self.repair.description if self.repair else None,
        }


RuleFunction = Callable[[Analysis], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered check: metadata plus the function that finds hits."""

    code: str
    """Stable code: a family letter and three digits."""
    name: str
    """Kebab-case name."""
    severity: Severity
    """Severity of every finding of this rule."""
    summary: str
    """One line: what the rule finds."""
    rationale: str
    """Why it matters to an analyst."""
    function: RuleFunction
    """Yields the hits on an analysed map."""

    @property
    def family(self) -> Family:
        """The family, from the code's letter."""
        return FAMILY_OF_LETTER[self.code[0]]

    @property
    def fixture(self) -> RuleFixture:
        """The rule's fixture: a failing map with its findings, and the map to write instead.

        Raises:
            ValueError: the fixture file is missing or malformed.
        """
        return load_fixture(self.code)

    def run(self, analysis: Analysis) -> Iterator[Finding]:
        """Run the rule on ``analysis`` and turn its hits into findings."""
        loaded = analysis.loaded
        for hit in self.function(analysis):
            where = hit.where
            if isinstance(where, Position):
                position = where
            else:
                position = loaded.locate_key(*where) if hit.key else loaded.locate(*where)
            repair = None if loaded.duplicate_keys else hit.repair  # the editor refuses such a map
            yield Finding(
                self.code, self.name, self.severity, loaded.file, position, hit.message, hit.ids, repair
            )


RULES: dict[str, Rule] = {}
"""Every registered rule by code, in registration order."""


def rule(
    code: str, name: str, severity: Severity, summary: str, rationale: str
) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as a rule.

    Args:
        code: a family letter (:data:`FAMILY_OF_LETTER`) and three digits.
        name: a kebab-case name.
        severity: the severity of its findings.
        summary: one line, what it finds.
        rationale: a paragraph, why it matters.

    Raises:
        ValueError: the code is malformed or the code or name is already registered.
    """

    def register(function: RuleFunction) -> RuleFunction:
        if len(code) != 4 or code[0] not in FAMILY_OF_LETTER or not code[1:].isdigit():
            raise ValueError(f"rule code {code!r} is not a family letter and three digits")
        if code in RULES or any(existing.name == name for existing in RULES.values()):
            raise ValueError(f"rule {code} {name} registered twice")
        RULES[code] = Rule(code, name, severity, summary, rationale, function)
        return function

    return register


def ordered_rules() -> list[Rule]:
    """Every rule, family by family (in the order of :data:`FAMILY_OF_LETTER`), then by code."""
    families = list(FAMILY_OF_LETTER)
    return sorted(RULES.values(), key=lambda r: (families.index(r.code[0]), r.code))


def run_checks(target: Analysis | LoadedMap, select: Iterable[str] | None = None) -> list[Finding]:
    """Run the registered rules on a map.

    Args:
        target: the map's :class:`~argmap.analysis.Analysis`, or a loaded map
            (analysed with the default source folders).
        select: codes or code prefixes to run (``["S", "P002"]``); all if None.

    Returns:
        Findings sorted by position, then code; findings of one rule at one
        position keep the order the rule gave them.

    Raises:
        MapError: a project file naming source roots is unusable.
    """
    analysis = target if isinstance(target, Analysis) else Analysis(target)
    prefixes = tuple(select) if select is not None else ("",)
    chosen = [rule_ for rule_ in RULES.values() if rule_.code.startswith(prefixes)]
    findings: list[Finding] = []
    with progress.task(f"checking {analysis.loaded.file.name}", total=len(chosen)) as checking:
        for rule_ in chosen:
            findings.extend(rule_.run(analysis))
            checking.advance()
    return sorted(findings, key=lambda f: (f.position, f.code))
