"""Rule fixtures: for each rule, a map on which it fires and the map to write instead.

Every registered rule owns one YAML file in ``argmap/checks/fixtures/``, named
``CODE-name.yaml`` after the rule (``S001-duplicate-id.yaml``), in the spirit of
sqlfluff's rule test fixtures and ruff's "Example / Use instead"::

    rule: S001
    files:              # optional: source files written beside map.yaml
      article.txt: |
        ...
    fails:
      map: |            # a complete map file on which the rule fires
        map: {title: Example}
        ...
      findings:         # every finding of every rule on it, in order: CODE LINE:COLUMN
        - S001 5:3
    passes:
      map: |            # the same map fixed: no finding of the rule, no error or warning
        ...

Lines and columns count in the map text itself. Relative source paths in a
map resolve beside it, so a fixture is checked by writing it to an empty
folder (:meth:`RuleFixture.write`) and loading ``map.yaml`` from there.

This module reads no file when it is imported, and imports neither the rule
registry nor the rules, so a rule module may read its own fixture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

FIXTURES = Path(__file__).parent / "fixtures"
"""The folder of the fixture files shipped with argmap."""

MAP_FILE = "map.yaml"
"""Name under which :meth:`RuleFixture.write` writes a fixture's map."""

_CODE = re.compile(r"[A-Z]\d{3}")
_FILE_NAME = re.compile(r"(?P<code>[A-Z]\d{3})-[a-z]+(?:-[a-z]+)*\.yaml")
_FINDING = re.compile(r"(?P<code>[A-Z]\d{3}) (?P<line>[1-9]\d*):(?P<column>[1-9]\d*)")

_KEYS = {"rule": True, "files": False, "fails": True, "passes": True}
_FAILS_KEYS = {"map": True, "findings": True}
_PASSES_KEYS = {"map": True}


@dataclass(frozen=True)
class RuleFixture:
    """One rule's fixture: its failing map with the findings it gives, and the map to write instead."""

    code: str
    """The rule's code, e.g. ``S001``."""
    failing_map: str
    """A complete map file (YAML) on which the rule fires: the rule's example."""
    findings: tuple[tuple[str, int, int], ...]
    """Every finding of every rule on the failing map, as ``(code, line, column)``, in report order."""
    passing_map: str
    """The failing map fixed as the rule's rationale says: no finding of the rule, no error or warning."""
    files: dict[str, str] = field(default_factory=dict, hash=False)
    """Source files (name to text) that both maps expect beside them."""

    def write(self, folder: Path, *, passing: bool = False) -> Path:
        """Write the failing (or passing) map and the fixture's files into ``folder``.

        Args:
            folder: an existing folder, best an empty one, so that relative source
                paths find the fixture's files and nothing else.
            passing: write the passing map instead of the failing one.

        Returns:
            The path of the map file, ``folder/map.yaml``, ready for :func:`argmap.load_map`.
        """
        for name, text in self.files.items():
            (folder / name).write_text(text, encoding="utf-8")
        path = folder / MAP_FILE
        path.write_text(self.passing_map if passing else self.failing_map, encoding="utf-8")
        return path


def fixture_codes(folder: Path = FIXTURES) -> list[str]:
    """The codes of the fixture files in ``folder``, sorted, one per ``CODE-name.yaml`` file.

    Files not named ``CODE-name.yaml`` are not fixtures and are left out; a code
    with two files appears twice.
    """
    names = (path.name for path in folder.glob("*.yaml"))
    return sorted(match["code"] for name in names if (match := _FILE_NAME.fullmatch(name)))


def fixture_path(code: str, folder: Path = FIXTURES) -> Path:
    """The fixture file of rule ``code``: the one file ``CODE-*.yaml`` in ``folder``.

    Raises:
        ValueError: ``code`` is not a rule code (a letter and three digits), or
            several files are named after it.
        FileNotFoundError: no fixture file is named after it.
    """
    if not _CODE.fullmatch(code):
        raise ValueError(f"'{code}' is not a rule code (a capital letter and three digits, e.g. S001)")
    found = sorted(path for path in folder.glob(f"{code}-*.yaml") if _FILE_NAME.fullmatch(path.name))
    if not found:
        raise FileNotFoundError(f"no fixture file for rule {code} ({code}-name.yaml) in {folder}")
    if len(found) > 1:
        raise ValueError(f"rule {code} has several fixture files: {', '.join(p.name for p in found)}")
    return found[0]


def load_fixture(code: str, folder: Path = FIXTURES) -> RuleFixture:
    """Read and check the fixture file of rule ``code``.

    Args:
        code: a rule code, e.g. ``S001``.
        folder: where the fixture files are; the ones shipped with argmap by default.

    Returns:
        The :class:`RuleFixture`.

    Raises:
        ValueError: the fixture is malformed: not YAML, a key missing or unknown,
            ``rule`` not the code of its file name, a map that is not text, a
            finding not written ``CODE LINE:COLUMN``. The message begins with
            the file name.
        FileNotFoundError: there is no fixture file for ``code``.
    """
    path = fixture_path(code, folder)
    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = error.problem or error.context or "unreadable"
        raise ValueError(f"{path.name}: not valid YAML{where}: {problem}") from None
    except YAMLError as error:
        raise ValueError(f"{path.name}: not valid YAML: {_one_line(str(error))}") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path.name}: not UTF-8 text") from None
    return _Reader(path.name).fixture(code, data)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Reader:
    """Checks the parsed content of one fixture file, naming the file in every error."""

    def __init__(self, name: str) -> None:
        self.name = name

    def error(self, where: str, message: str) -> ValueError:
        return ValueError(f"{self.name}: {where}: {message}" if where else f"{self.name}: {message}")

    def fixture(self, code: str, data: Any) -> RuleFixture:
        top = self.mapping(data, "", _KEYS)
        if top["rule"] != code:
            raise self.error("rule", f"'{top['rule']}' is not {code}, the code of the file name")
        fails = self.mapping(top["fails"], "fails", _FAILS_KEYS)
        passes = self.mapping(top["passes"], "passes", _PASSES_KEYS)
        return RuleFixture(
            code=code,
            failing_map=self.map_text(fails["map"], "fails.map"),
            findings=self.findings(fails["findings"]),
            passing_map=self.map_text(passes["map"], "passes.map"),
            files=self.files(top.get("files", {})),
        )

    def mapping(self, value: Any, where: str, keys: dict[str, bool]) -> dict[str, Any]:
        """``value`` as a mapping with only the given keys, the required ones present."""
        if not isinstance(value, dict):
            raise self.error(where, "must be a mapping" + ("" if where else " (rule, fails, passes)"))
        unknown = sorted(str(key) for key in value if key not in keys)
        if unknown:
            raise self.error(where, f"unknown key {', '.join(unknown)}; expected {', '.join(keys)}")
        missing = [key for key, required in keys.items() if required and key not in value]
        if missing:
            raise self.error(where, f"missing key {', '.join(missing)}")
        return value

    def map_text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(where, "must be the text of a map file (a block scalar, 'map: |')")
        return value

    def findings(self, value: Any) -> tuple[tuple[str, int, int], ...]:
        if not isinstance(value, list) or not value:
            raise self.error("fails.findings", "must be a list of findings, CODE LINE:COLUMN")
        found = []
        for number, item in enumerate(value):
            match = _FINDING.fullmatch(item) if isinstance(item, str) else None
            if match is None:
                raise self.error(f"fails.findings[{number}]", f"{item!r} is not written CODE LINE:COLUMN")
            found.append((match["code"], int(match["line"]), int(match["column"])))
        return tuple(found)

    def files(self, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.error("files", "must map file names to their text")
        for name, text in value.items():
            plain = isinstance(name, str) and name not in ("", ".", "..", MAP_FILE)
            if not plain or "/" in name or "\\" in name:
                raise self.error("files", f"{name!r} is not a plain file name other than {MAP_FILE}")
            if not isinstance(text, str):
                raise self.error(f"files.{name}", "must be the file's text")
        return dict(value)
