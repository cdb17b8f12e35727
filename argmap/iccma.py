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

clingo runs in a process of its own, killed when the time limit passes, so
the limit bounds its grounding as well as its search: clingo offers no way
to interrupt grounding, which on a large framework takes longer than the
search (a 300,000-argument framework grounds in about 8 s).

Grounded is computed by :func:`argmap.evaluate.grounded`, linear time.
"""

from __future__ import annotations

import multiprocessing
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from argmap import limits
from argmap.errors import START, MapError, Position
from argmap.evaluate import Framework, Label, grounded
from argmap.files import UnreadableFile, read_text
from argmap.graph import ArgumentGraph
from argmap.vocabulary import Semantics


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


def _too_many(count: int | str) -> str:
    hint = limits.how_to_raise("ARGMAP_MAX_ARGUMENTS", "arguments")
    shown = f"{int(count):,}" if str(count).isdigit() and len(str(count)) < 30 else str(count)
    return f"{shown} arguments; argmap takes frameworks of at most {limits.max_arguments():,} ({hint})"


_APX = re.compile(r"^\s*(arg|att)\(\s*([^,()\s]+)\s*(?:,\s*([^,()\s]+)\s*)?\)\s*\.\s*$")


def read_framework(path: Path) -> AbstractFramework:
    """Read an APX, TGF or ICCMA 2023 file (chosen by its content and suffix).

    Raises:
        MapError: the file cannot be read or a line does not fit the format,
            with its ``file:line:column``.
    """
    try:
        text = read_text(
            path, limits.max_framework_bytes(), limits.how_to_raise("ARGMAP_MAX_FRAMEWORK_MB")
        ).removeprefix("\ufeff")  # an editor's BOM
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
    if len(framework.arguments) > limits.max_arguments():
        raise MapError.at(path, START, _too_many(len(framework.arguments)))
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
        MapError: the line is not ``p af N``, or N is above :func:`argmap.limits.max_arguments`.
    """
    if len(words) != 3 or [word for _, word in words[:2]] != ["p", "af"]:
        raise MapError.at(path, Position(number, 1), _NUMERIC_SHAPE)
    column, word = words[2]
    if not _COUNT.fullmatch(word):
        message = f"'{word}' is not a number of arguments (ASCII digits, no leading zero)"
        raise MapError.at(path, Position(number, column), message)
    if len(word) > len(str(limits.max_arguments())) or int(word) > limits.max_arguments():
        raise MapError.at(path, Position(number, column), _too_many(word))
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


class SolverFailed(RuntimeError):
    """clingo stopped without an answer; the message says why."""


class SolverTimeout(SolverFailed):
    """clingo did not finish within the time limit; the message says which task."""


_ENCODING = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
:- in(X), att(Y,X), not defeated(Y).
undefended(X) :- att(Y,X), not defeated(Y).
#show in/1.
"""
_COMPLETE = ":- out(X), not undefended(X).\n"
_STABLE = ":- out(X), not defeated(X).\n"
_MAXIMAL = "#heuristic in(X) : arg(X). [1,true]\n"

_START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"
"""How the solver process starts: by fork on Linux (nothing to copy), elsewhere afresh."""


def extensions(
    framework: AbstractFramework, semantics: Semantics, seconds: float = limits.SOLVER_SECONDS
) -> list[list[str]]:
    """Every extension of ``framework`` under ``semantics``, arguments in file order.

    Grounded is labelled here, in linear time. Complete, preferred and
    stable extensions are found by clingo in a process of their own, which
    is stopped when ``seconds`` have passed: the limit bounds clingo's whole
    run, reading the program and grounding it as well as the search (clingo
    cannot interrupt its grounding, and grounding a large framework takes
    longer than searching it).

    Args:
        framework: the framework.
        semantics: which extensions.
        seconds: the time limit of the solver's process, in seconds.

    Returns:
        The extensions, each in file order, sorted by the file positions of their arguments.

    Raises:
        SolverTimeout: clingo ran longer than ``seconds``.
        SolverFailed: the solver's process stopped without an answer (out of memory, say).
    """
    if semantics == Semantics.GROUNDED:
        labels = grounded(framework.framework()).labels
        return [[a for a in framework.arguments if labels[a] == Label.IN]]
    found = _run_solver(framework, semantics, seconds)
    return [[framework.arguments[number] for number in extension] for extension in sorted(found)]


def _run_solver(framework: AbstractFramework, semantics: Semantics, seconds: float) -> list[list[int]]:
    """Run :func:`_solve` in a process of its own, and kill it if it has no answer after ``seconds``.

    Returns:
        Every extension, as sorted argument positions.

    Raises:
        SolverTimeout: no answer within ``seconds``.
        SolverFailed: the process failed or died without an answer.
    """
    context = multiprocessing.get_context(_START_METHOD)
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_solve, args=(framework, semantics, sender), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise SolverTimeout(
                f"clingo did not finish {semantics.name.lower()} within {seconds:g} s (grounding and search)"
            )
        failure, found = receiver.recv()
    except EOFError:
        _stop(process)
        raise SolverFailed(
            f"clingo stopped without an answer (exit status {process.exitcode}); "
            "it may have run out of memory"
        ) from None
    finally:
        receiver.close()
        _stop(process)
    if failure:
        raise SolverFailed(failure)
    return found


def _stop(process: BaseProcess) -> None:
    """Kill the solver's process if it still runs, and wait for it to end."""
    if process.is_alive():
        process.kill()
    process.join()


def _solve(framework: AbstractFramework, semantics: Semantics, sender: Connection) -> None:
    """In the solver's process: send ``("", extensions)``, or ``(what went wrong, [])``."""
    try:
        sender.send(("", _search(framework, semantics)))
    except Exception as error:  # any failure goes to the parent, which raises SolverFailed
        sender.send((f"clingo failed: {error}", []))
    finally:
        sender.close()


def _search(framework: AbstractFramework, semantics: Semantics) -> list[list[int]]:
    """Ground and solve with clingo; arguments are numbered by their position in the file.

    Returns:
        Every extension, as sorted argument positions.
    """
    import clingo

    program = _ENCODING + {Semantics.COMPLETE: _COMPLETE, Semantics.STABLE: _STABLE}.get(
        semantics, _COMPLETE + _MAXIMAL
    )
    position = {argument: number for number, argument in enumerate(framework.arguments)}
    facts = [f"arg(0..{len(framework.arguments) - 1}).\n"]
    facts.extend(f"att({position[a]},{position[b]}).\n" for a, b in framework.attacks)
    options = ["--models=0"]
    if semantics == Semantics.PREFERRED:
        options += ["--heuristic=Domain", "--enum-mode=domRec"]
    control = clingo.Control(options, logger=lambda code, message: None)  # no solver chatter
    control.add("base", [], program + "".join(facts))
    control.ground([("base", [])])
    found: list[list[int]] = []
    with control.solve(yield_=True) as handle:
        for model in handle:
            found.append(sorted(symbol.arguments[0].number for symbol in model.symbols(shown=True)))
    return found


def answer(found: list[list[str]], single: bool = False) -> str:
    """ICCMA answer text: ``[a,b]`` for one extension, ``[[a],[b]]`` for all."""
    if single:
        return "[" + ",".join(found[0]) + "]"
    return "[" + ",".join("[" + ",".join(e) + "]" for e in found) + "]"


def flattened(graph: ArgumentGraph, rejected: Iterable[str] = ()) -> AbstractFramework:
    """A map as an abstract framework for the extension semantics.

    Arguments are the graph's statements and inferences; attacks are its
    defeating conflicts (weak attacks do not defeat) plus *secondary attacks* for necessary support (Nouioua &
    Risch): whoever attacks a premise also attacks every inference that needs
    it. On acyclic support this agrees with the grounded labelling of
    :mod:`argmap.evaluate` (burden of proof aside, which extensions ignore).

    Args:
        graph: the map's argument graph.
        rejected: statements assumed false (a what-if): they are left out,
            with the inferences that need them, so they attack nothing and
            are in no extension. Withdrawn statements are left out alike.

    Returns:
        The :class:`AbstractFramework`, arguments in graph order.
    """
    out = set(rejected) | set(graph.withdrawn)
    out |= {iid for sid in out for iid in graph.needed_by.get(sid, ())}
    arguments = tuple(node for node in (*graph.statements, *graph.inferences) if node not in out)
    attacks: dict[tuple[str, str], None] = {}
    for target, attackers in graph.defeaters_of.items():
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
    """Arguments in every extension; none if there is no extension.

    That is argmap's convention, chosen so that a framework without a stable
    extension marks nothing accepted. The usual convention reads "in every
    extension" literally, and so counts every argument as sceptically
    accepted, vacuously, when there is no extension (ICCMA's DS-ST answers YES).
    """


def acceptance(
    framework: AbstractFramework, semantics: Semantics, seconds: float = limits.SOLVER_SECONDS
) -> Acceptance:
    """Credulous and sceptical acceptance from every extension (see :func:`extensions`).

    With no extension (stable semantics only), no argument is credulously
    accepted, and none is marked sceptically accepted: see :attr:`Acceptance.sceptical`.

    Raises:
        SolverTimeout: clingo (grounding and search) ran longer than ``seconds``.
        SolverFailed: clingo stopped without an answer.
    """
    found = extensions(framework, semantics, seconds)
    sets = [set(e) for e in found]
    credulous = set().union(*sets) if sets else set()
    sceptical = set.intersection(*sets) if sets else set()
    return Acceptance(found, credulous, sceptical)
