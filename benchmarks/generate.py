"""Realistic generated maps for the benchmarks, at any size.

Run: .venv/bin/python benchmarks/generate.py SIZE [FOLDER]

Writes ``FOLDER/gen-SIZE.yaml`` (default folder ``benchmarks/out``) and the
source document it quotes, ``FOLDER/gen-SIZE-source.txt``. The map mixes
what an analyst writes: claims (a tenth of them key judgments with a
likelihood and confidence), evidence quoting the source with a credibility,
assumptions, four hypotheses; inferences of one premise (shorthand
``supports``) and of two or three co-premises (explicit); conflicts of every
kind (rebut, undermine, undercut; a fifth weak); groups of twenty statements;
an ACH matrix rating up to 200 evidence items against the hypotheses. The
shape is fixed by the size alone (no randomness), so runs compare.

:func:`ach_map` writes a map that is only an ACH matrix, for the sensitivity
benchmark (``H`` hypotheses × ``E`` evidence rows), rated as a real matrix is or,
for the worst case, so that every hypothesis ties.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

KINDS = ("claim", "evidence", "evidence", "assumption")
"""Kinds in turn: half the statements evidence."""

MIN_SIZE = 20
"""The smallest map generated: one group of twenty statements, some of every kind."""

RATINGS = ("CC", "C", "N", "I", "II")
HYPOTHESES = 4
RATED_ROWS = 200


def _sentence(number: int) -> str:
    return f"Report {number} records that delegation {number % 97} met partner {number % 89} on day {number}."


def _statement_id(number: int) -> str:
    return f"{'CEEA'[number % 4]}{number}"


def _text(number: int) -> str:
    subjects = ("The organisation", "A member state", "The secretariat", "An observer")
    verbs = ("expands cooperation in", "slows its work on", "reports progress on", "questions the plan for")
    fields = ("trade", "security", "energy", "transport", "finance", "education")
    return (
        f"{subjects[number % 4]} {verbs[number // 4 % 4]} {fields[number // 16 % 6]} "
        f"(item {number}), according to the record."
    )


def map_text(size: int, source_name: str, groups: bool = True) -> str:
    """The YAML text of a map of ``size`` statements (and four hypotheses) quoting ``source_name``."""
    lines = [
        "map:",
        f"  title: Generated map of {size:,} statements",
        "  question: How will the organisation develop?",
        "  author: benchmark",
        "  date: 2026-01-01",
        "  bottom_line: The organisation is likely to expand.",
        "sources:",
        "  S1:",
        "    title: Generated source",
        f"    file: {source_name}",
        "    reliability: B",
        "    kind: news report",
        "    date: 2025-12-01",
        "statements:",
    ]
    for hypothesis in range(1, HYPOTHESES + 1):
        lines += [
            f"  H{hypothesis}:",
            "    kind: hypothesis",
            f"    text: Course {hypothesis} of the organisation.",
        ]
    for number in range(size):
        lines += _statement(number, size)
    lines += _inferences(size) + _conflicts(size) + (_groups(size) if groups else []) + _ach(size)
    return "\n".join(lines) + "\n"


def _statement(number: int, size: int) -> list[str]:
    sid, kind = _statement_id(number), KINDS[number % 4]
    entry = [f"  {sid}:", f"    kind: {kind}", f"    text: {_text(number)}"]
    if kind == "claim" and number % 40 == 0:
        entry += ["    key: true", "    likelihood: likely", "    confidence: moderate"]
        entry += ["    confidence_basis: Several reports agree."]
    if kind == "evidence":
        entry += [
            "    source: S1",
            f'    quote: "{_sentence(number)}"',
            "    credibility: 2",
            "    evidence_type: event",
        ]
    parent = _parent(number)
    if parent is not None and number % 3 != 2:
        entry.append(f"    supports: {_statement_id(parent)}")
    return entry


def _parent(number: int) -> int | None:
    """The claim a statement bears on: claims form a tree under the key judgments."""
    if number < 4:
        return None
    return (number // 4 - 1) // 2 * 4 if number % 40 else None


def _inferences(size: int) -> list[str]:
    lines = ["inferences:"]
    for number in range(2, size, 3):  # every third statement argues with co-premises
        parent = _parent(number)
        if parent is None:
            continue
        premises = [_statement_id(number)] + [_statement_id(n) for n in (number - 1,) if _parent(n) != parent]
        premises += [_statement_id(n) for n in (number + 1,) if n < size and number % 2]
        lines.append(
            f"  I{number}: {{premises: [{', '.join(premises)}], conclusion: {_statement_id(parent)}}}"
        )
    return lines if len(lines) > 1 else []


def _conflicts(size: int) -> list[str]:
    lines = ["conflicts:"]
    for number in range(7, size, 7):
        attacker, target = _statement_id(number), _statement_id(number - 4)
        kind = ("rebut", "undermine", "undercut")[number // 7 % 3]
        if kind == "undercut":
            inference = next(
                (n for n in range(number - 1, 1, -1) if n % 3 == 2 and _parent(n) is not None), None
            )
            if inference is None:
                continue
            target = f"I{inference}"
        weak = ", strength: weak" if number % 5 == 0 and kind != "undercut" else ""
        lines.append(f"  X{number}: {{kind: {kind}, attacker: {attacker}, target: {target}{weak}}}")
    return lines if len(lines) > 1 else []


def _groups(size: int) -> list[str]:
    lines = ["groups:"]
    for start in range(0, size, 20):
        members = ", ".join(_statement_id(n) for n in range(start, min(start + 20, size)))
        lines += [f"  G{start // 20 + 1}:", f"    label: Part {start // 20 + 1}", f"    members: [{members}]"]
    return lines


def _ach(size: int) -> list[str]:
    rows = [n for n in range(size) if KINDS[n % 4] == "evidence"][:RATED_ROWS]
    lines = ["ach:", "  profile: heuer", "  ratings:"]
    for row in rows:
        cells = ", ".join(f"H{h}: {RATINGS[(row + h) % 5]}" for h in range(1, HYPOTHESES + 1))
        lines.append(f"    {_statement_id(row)}: {{{cells}}}")
    return lines


def source_text(size: int) -> str:
    """The source document: every quoted sentence, one per line."""
    return "\n".join(_sentence(n) for n in range(size) if KINDS[n % 4] == "evidence") + "\n"


def write_map(size: int, folder: Path, groups: bool = True) -> Path:
    """Write the map of ``size`` statements and its source into ``folder``; return the map's path.

    Without ``groups`` (``gen-SIZE-flat.yaml``), for drawing: Graphviz 2.43 loses edges laying out
    large maps drawn in groups, and fails.
    """
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"gen-{size}-source.txt"
    source.write_text(source_text(size), encoding="utf-8")
    path = folder / (f"gen-{size}.yaml" if groups else f"gen-{size}-flat.yaml")
    path.write_text(map_text(size, source.name, groups), encoding="utf-8")
    return path


def ach_map(hypotheses: int, rows: int, folder: Path, tied: bool = False) -> Path:
    """Write a map holding only an ACH matrix of ``hypotheses`` × ``rows``; return its path.

    The ratings are those of a real matrix (:func:`_realistic_ratings`) or,
    with ``tied``, the worst case for the sensitivity tests and the report: a
    rotation of the five ratings that ties every hypothesis, so every cell's
    flip changes the top and every row is a linchpin.
    """
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["map:", f"  title: ACH {hypotheses} x {rows}", "statements:"]
    lines += [f"  H{h}: {{kind: hypothesis, text: Hypothesis {h}.}}" for h in range(1, hypotheses + 1)]
    lines += [f"  E{r}: {{kind: evidence, text: Evidence item {r}.}}" for r in range(1, rows + 1)]
    lines += ["ach:", "  profile: heuer", "  ratings:"]
    chance = random.Random(hypotheses * 100_003 + rows)
    for row in range(1, rows + 1):
        ratings = (
            [RATINGS[(row * 7 + h * 3) % 5] for h in range(1, hypotheses + 1)]
            if tied
            else _realistic_ratings(chance, hypotheses)
        )
        cells = ", ".join(f"H{h}: {rating}" for h, rating in enumerate(ratings, start=1))
        lines.append(f"    E{row}: {{{cells}}}")
    path = folder / f"ach-{hypotheses}x{rows}{'-tied' if tied else ''}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _realistic_ratings(chance: random.Random, hypotheses: int) -> list[str]:
    """One evidence row as analysts rate it: H1 fits best, each later hypothesis a little worse.

    An item is inconsistent with H1 one time in twenty and with each later
    hypothesis two hundredths more often (at most half the time); two in five
    of the rest are neutral, and a third of the inconsistent ones very so.
    The seed is fixed, so runs compare.
    """
    row = []
    for h in range(1, hypotheses + 1):
        against = min(0.5, 0.05 + 0.02 * (h - 1))
        draw = chance.random()
        if draw < against:
            row.append("II" if draw < against / 3 else "I")
        elif draw < against + 0.4:
            row.append("N")
        else:
            row.append("CC" if draw > 0.9 else "C")
    return row


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("size", help="statements in the map, or HxE for an ACH matrix (e.g. 50x5000)")
    parser.add_argument("folder", nargs="?", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--flat", action="store_true", help="no groups")
    parser.add_argument("--tied", action="store_true", help="ACH: every hypothesis tied (the worst case)")
    parser.add_argument("--folder", dest="folder_option", type=Path, help="the folder, given after options")
    options = parser.parse_args()
    folder = options.folder_option or options.folder
    matrix = re.fullmatch(r"([0-9]+)x([0-9]+)", options.size)
    if matrix and int(matrix[1]) >= 2 and int(matrix[2]) >= 1:
        print(ach_map(int(matrix[1]), int(matrix[2]), folder, tied=options.tied))
    elif options.size.isascii() and options.size.isdigit() and int(options.size) >= MIN_SIZE:
        print(write_map(int(options.size), folder, groups=not options.flat))
    else:
        parser.error(f"size: a number of statements of at least {MIN_SIZE}, or HxE with H >= 2 and E >= 1")
