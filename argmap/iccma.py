"""Abstract argumentation frameworks in the ICCMA formats, and extensions with clingo.

Reads the three formats of the International Competition on Computational
Models of Argumentation: APX (``arg(a).`` and ``att(a,b).`` facts), TGF
(arguments, a ``#`` line, then attacks ``a b``) and the 2023 numeric format
(``p af N`` then attacks ``i j``, ``#`` comments; the arguments are 1 to N
in ASCII digits without leading zeros, any other spelling is refused with
its ``file:line:column``). Writes extensions in the
ICCMA answer format: ``[a,b]`` for one extension, ``[[a],[b]]`` for all.

Complete, preferred and stable extensions are computed with the clingo
answer-set solver (Gebser et al.) from argmap's own encodings of the
definitions (Dung 1995):

* conflict-free: no two accepted arguments attack each other;
* admissible: every attacker of an accepted argument is attacked by an
  accepted one;
* complete: admissible, and every argument so defended is accepted;
* stable: conflict-free, and every argument not accepted is attacked by an
  accepted one;
* preferred: the subset-maximal complete extensions, found by clingo's
  domain heuristic enumerating subset-maximal answer sets (``domRec``).

Grounded is computed by :func:`argmap.evaluate.grounded`, linear time.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from argmap.errors import START, MapError, Position
from argmap.evaluate import Framework, Label, grounded
from argmap.files import UnreadableFile, read_text
from argmap.graph import ArgumentGraph


class Semantics(StrEnum):
    """Extension-based semantics (ICCMA abbreviations)."""

    GROUNDED = "GR"
    COMPLETE = "CO"
    PREFERRED = "PR"
    STABLE = "ST"


@dataclass(frozen=True)
class AbstractFramework:
    """Arguments and attacks of an abstract framework, in file order."""

    arguments: tuple[str, ...]
    attacks: tuple[tuple[str, str], ...]

    def framework(self) -> Framework:
        """The :class:`~argmap.evaluate.Framework` to label (no inferences)."""
        attackers: dict[str, dict[str, None]] = {argument: {} for argument in self.arguments}
        for attacker, target in self.attacks:
            attackers[target][attacker] = None
        return Framework(nodes=list(self.arguments), attackers={t: list(a) for t, a in attackers.items()})


MAX_FRAMEWORK_BYTES = 256 * 1024 * 1024
"""Framework files above 256 MiB are refused (ICCMA benchmark files reach tens of MiB)."""

MAX_ARGUMENTS = 2_000_000
"""Frameworks of more arguments are refused: labelling two million takes some gigabytes already."""

_TOO_MANY = f"{{count}} arguments; argmap takes frameworks of at most {MAX_ARGUMENTS:,}"

_APX = re.compile(r"^\s*(arg|att)\(\s*([^,()\s]+)\s*(?:,\s*([^,()\s]+)\s*)?\)\s*\.\s*$")


def read_framework(path: Path) -> AbstractFramework:
    """Read an APX, TGF or ICCMA 2023 file (chosen by its content and suffix).

    Raises:
        MapError: the file cannot be read or a line does not fit the format,
            with its ``file:line:column``.
    """
    try:
        text = read_text(path, MAX_FRAMEWORK_BYTES)
    except UnreadableFile as error:
        raise MapError.at(path, error.position, f"cannot read the framework: it {error.reason}") from None
    lines = text.splitlines()
    first = next((line.strip() for line in lines if line.strip() and not line.startswith("#")), "")
    if not first:
        raise MapError.at(path, START, "the file holds no framework")
    suffix = path.suffix.lower()
    if first.startswith("p af") or suffix in (".af", ".i23"):
        framework = _read_numeric(path, lines)
    elif suffix == ".tgf":
        framework = _read_tgf(path, lines)
    else:
        framework = _read_apx(path, lines)
    if len(framework.arguments) > MAX_ARGUMENTS:
        raise MapError.at(path, START, _TOO_MANY.format(count=len(framework.arguments)))
    return framework


def _read_apx(path: Path, lines: list[str]) -> AbstractFramework:
    arguments: dict[str, None] = {}
    attacks: list[tuple[str, str]] = []
    pending: list[tuple[int, str, str]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("%"):
            continue
        match = _APX.match(line)
        if not match or (match.group(1) == "arg") != (match.group(3) is None):
            raise MapError.at(path, Position(number, 1), "expected arg(a). or att(a,b).")
        if match.group(1) == "arg":
            arguments[match.group(2)] = None
        else:
            pending.append((number, match.group(2), match.group(3)))
    for number, attacker, target in pending:
        _known(path, number, arguments, attacker, target, line=lines[number - 1])
        attacks.append((attacker, target))
    return AbstractFramework(tuple(arguments), tuple(attacks))


def _read_tgf(path: Path, lines: list[str]) -> AbstractFramework:
    arguments: dict[str, None] = {}
    attacks: list[tuple[str, str]] = []
    in_attacks = False
    for number, line in enumerate(lines, start=1):
        words = line.split()
        if not words:
            continue
        if words == ["#"]:
            in_attacks = True
        elif not in_attacks and len(words) == 1:
            arguments[words[0]] = None
        elif in_attacks and len(words) == 2:
            _known(path, number, arguments, *words, line=line)
            attacks.append((words[0], words[1]))
        else:
            raise MapError.at(path, Position(number, 1), "expected an argument, '#', or an attack 'a b'")
    return AbstractFramework(tuple(arguments), tuple(attacks))


def _read_numeric(path: Path, lines: list[str]) -> AbstractFramework:
    """Read the ICCMA 2023 format: ``p af N``, then one attack ``i j`` a line, ``#`` comments.

    Arguments are the numbers 1 to N written in ASCII digits without leading
    zeros; any other spelling (``01``, full-width or Arabic-Indic digits) is
    refused, so every semantics reads the same arguments.

    Raises:
        MapError: a line does not fit the format, at the offending word's column.
    """
    count = None
    attacks: list[tuple[str, str]] = []
    for number, line in enumerate(lines, start=1):
        words = [(match.start() + 1, match.group()) for match in _WORD.finditer(line)]
        if not words or words[0][1].startswith("#"):
            continue
        if count is None:
            count = _declared_count(path, number, words)
        else:
            attacks.append(_numeric_attack(path, number, words, count))
    if count is None:
        raise MapError.at(path, START, "missing the 'p af N' line")
    return AbstractFramework(tuple(str(i) for i in range(1, count + 1)), tuple(attacks))


_WORD = re.compile(r"\S+")
_COUNT = re.compile(r"0|[1-9][0-9]*")
_ARGUMENT = re.compile(r"[1-9][0-9]*")
_NUMERIC_SHAPE = "expected 'p af N' first, then attacks 'i j'"


def _declared_count(path: Path, number: int, words: list[tuple[int, str]]) -> int:
    """The N of a ``p af N`` line (ASCII digits, no leading zero).

    Raises:
        MapError: the line is not ``p af N``, or N is above :data:`MAX_ARGUMENTS`.
    """
    if len(words) != 3 or [word for _, word in words[:2]] != ["p", "af"]:
        raise MapError.at(path, Position(number, 1), _NUMERIC_SHAPE)
    column, word = words[2]
    if not _COUNT.fullmatch(word):
        message = f"'{word}' is not a number of arguments (ASCII digits, no leading zero)"
        raise MapError.at(path, Position(number, column), message)
    if len(word) > len(str(MAX_ARGUMENTS)) or int(word) > MAX_ARGUMENTS:
        raise MapError.at(path, Position(number, column), _TOO_MANY.format(count=word))
    return int(word)


def _numeric_attack(path: Path, number: int, words: list[tuple[int, str]], count: int) -> tuple[str, str]:
    """The attack ``i j`` of one line, each argument a canonical numeral in 1..``count``.

    Raises:
        MapError: the line is not two words, or a word is not an argument.
    """
    if len(words) != 2:
        raise MapError.at(path, Position(number, 1), _NUMERIC_SHAPE)
    for column, word in words:
        if not _ARGUMENT.fullmatch(word) or len(word) > len(str(count)) or int(word) > count:
            message = (
                f"'{word}' is not an argument: arguments are numbered 1 to {count}, "
                "in ASCII digits without leading zeros"
            )
            raise MapError.at(path, Position(number, column), message)
    return words[0][1], words[1][1]


def _known(path: Path, number: int, arguments: dict[str, None], *names: str, line: str = "") -> None:
    for name in names:
        if name not in arguments:
            column = max(line.find(name, line.find("(") + 1), 0) + 1
            raise MapError.at(
                path, Position(number, column), f"attack names '{name}', which is not an argument"
            )


class SolverTimeout(RuntimeError):
    """clingo did not finish within the time limit; the message says which task."""


_ENCODING = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
:- in(X), att(Y,X), not defeated(Y).
undefended(X) :- att(Y,X), not defeated(Y).
"""
_COMPLETE = ":- out(X), not undefended(X).\n"
_STABLE = ":- out(X), not defeated(X).\n"
_MAXIMAL = "#heuristic in(X) : arg(X). [1,true]\n"


def extensions(framework: AbstractFramework, semantics: Semantics, seconds: float = 60.0) -> list[list[str]]:
    """Every extension of ``framework`` under ``semantics``, arguments in file order.

    Raises:
        SolverTimeout: clingo ran longer than ``seconds``.
    """
    if semantics == Semantics.GROUNDED:
        labels = grounded(framework.framework()).labels
        return [[a for a in framework.arguments if labels[a] == Label.IN]]
    import clingo

    program = _ENCODING + {Semantics.COMPLETE: _COMPLETE, Semantics.STABLE: _STABLE}.get(
        semantics, _COMPLETE + _MAXIMAL
    )
    facts = "".join(f"arg({_atom(a)}).\n" for a in framework.arguments)
    facts += "".join(f"att({_atom(a)},{_atom(b)}).\n" for a, b in framework.attacks)
    arguments = ["--models=0"]
    if semantics == Semantics.PREFERRED:
        arguments += ["--heuristic=Domain", "--enum-mode=domRec"]
    control = clingo.Control(arguments, logger=lambda code, message: None)  # no solver chatter
    control.add("base", [], program + facts)
    control.ground([("base", [])])
    names = {_atom(a): a for a in framework.arguments}
    found: list[list[str]] = []
    with control.solve(yield_=True, async_=True) as handle:
        timer = threading.Timer(seconds, handle.cancel)
        timer.start()
        try:
            for model in handle:
                accepted = {
                    names[str(symbol.arguments[0])]
                    for symbol in model.symbols(shown=True)
                    if symbol.name == "in"
                }
                found.append([a for a in framework.arguments if a in accepted])
        finally:
            timer.cancel()
        if not handle.get().exhausted:
            raise SolverTimeout(f"clingo did not finish {semantics.name.lower()} within {seconds:g} s")
    return sorted(found, key=lambda e: [framework.arguments.index(a) for a in e])


def _atom(name: str) -> str:
    """A clingo term for an argument name: a quoted string, so any name is safe."""
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def answer(found: list[list[str]], single: bool = False) -> str:
    """ICCMA answer text: ``[a,b]`` for one extension, ``[[a],[b]]`` for all."""
    if single:
        return "[" + ",".join(found[0]) + "]"
    return "[" + ",".join("[" + ",".join(e) + "]" for e in found) + "]"


def flattened(graph: ArgumentGraph, rejected: Iterable[str] = ()) -> AbstractFramework:
    """A map as an abstract framework for the extension semantics.

    Arguments are the graph's statements and inferences; attacks are its
    conflicts plus *secondary attacks* for necessary support (Nouioua &
    Risch): whoever attacks a premise also attacks every inference that needs
    it. On acyclic support this agrees with the grounded labelling of
    :mod:`argmap.evaluate` (burden of proof aside, which extensions ignore).

    Args:
        graph: the map's argument graph.
        rejected: statements assumed false (a what-if): they are left out,
            with the inferences that need them, so they attack nothing and
            are in no extension.

    Returns:
        The :class:`AbstractFramework`, arguments in graph order.
    """
    out = set(rejected)
    out |= {iid for sid in out for iid in graph.needed_by.get(sid, ())}
    arguments = tuple(node for node in (*graph.statements, *graph.inferences) if node not in out)
    attacks: dict[tuple[str, str], None] = {}
    for target, attackers in graph.attackers_of.items():
        for attacker in attackers:
            if attacker in out or target in out:
                continue
            attacks[(attacker, target)] = None
            for iid in graph.needed_by.get(target, ()):
                if iid not in out:
                    attacks[(attacker, iid)] = None
    return AbstractFramework(arguments, tuple(attacks))


@dataclass(frozen=True)
class Acceptance:
    """Credulous and sceptical acceptance of each argument under one semantics."""

    extensions: list[list[str]]
    """Every extension found."""
    credulous: set[str]
    """Arguments in at least one extension."""
    sceptical: set[str]
    """Arguments in every extension (none if there is no extension)."""


def acceptance(framework: AbstractFramework, semantics: Semantics, seconds: float = 60.0) -> Acceptance:
    """Credulous and sceptical acceptance from every extension.

    Raises:
        SolverTimeout: clingo ran longer than ``seconds``.
    """
    found = extensions(framework, semantics, seconds)
    sets = [set(e) for e in found]
    credulous = set().union(*sets) if sets else set()
    sceptical = set.intersection(*sets) if sets else set()
    return Acceptance(found, credulous, sceptical)
