"""Kialo's plain-text discussion export: a numbered tree of pros and cons.

Kialo (kialo.com) exports a discussion as text::

    Discussion Title: Should the SCO admit new members?

    1. The SCO should admit new members.
    1.1. Pro: New members bring markets.
    1.1.1. Con: Markets are not the SCO's purpose.
    1.2. Con: Consensus gets harder.
    1.3. Pro: -> See 1.1.

Each numbered claim becomes a statement (``K1_1`` for ``1.1.``): the thesis
(``1.``) a key judgment, a pro a support of its parent (an inference), a con a
rebuttal of it (a conflict). A text that runs over several lines is joined.
``-> See 1.1.`` (a claim Kialo shows in two places) links the claim it names
to the new parent instead of repeating it. Lines that are neither a claim nor
the title are reported and skipped; a claim whose parent is missing is
attached to nothing and reported.
"""

from __future__ import annotations

import re
from pathlib import Path

from argmap.interop import Imported, Interchange, InterchangeError, read_text, register

_CLAIM = re.compile(r"^\s*(\d+(?:\.\d+)*)\.\s+(?:(Pro|Con):\s*)?(.*)$")
_TITLE = re.compile(r"^\s*Discussion Title:\s*(.*)$", re.IGNORECASE)
_SEE = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$", re.IGNORECASE)


def read(data: bytes, file: Path) -> Imported:
    """A Kialo text export as a map document.

    Raises:
        InterchangeError: not UTF-8 text, or no numbered claim in it.
    """
    text = read_text(data, file)
    title, claims, skipped, repeated = _claims(text)
    if not claims:
        raise InterchangeError(file, "no numbered claim ('1. ...', '1.1. Pro: ...') in the file")
    imported = Imported({"map": {"title": title or f"Imported from {file.name}"}})
    imported.note("line that is neither a claim nor the title, skipped", skipped)
    imported.note("claim number given twice: the first claim kept, the later one skipped", repeated)
    statements: dict[str, dict] = {}
    links: list[tuple[str, str, str, int]] = []
    untexted = 0
    for number, (stance, body, line) in claims.items():
        see = _SEE.match(body)
        parent = number.rpartition(".")[0]
        if see:
            links.append((_id(see.group(1)), parent, stance, line))
            continue
        statement: dict = {"kind": "claim", "text": " ".join(body.split()) or f"(claim {number} had no text)"}
        untexted += not body.strip()
        if "." not in number:
            statement["key"] = True
        statements[_id(number)] = statement
        if parent:
            links.append((_id(number), parent, stance, line))
    imported.note("claim with no text, given a placeholder text", untexted)
    _link(imported, statements, links)
    imported.document["statements"] = statements
    return imported


def _claims(text: str) -> tuple[str, dict[str, tuple[str, str, int]], int, int]:
    """The title; each claim's stance, text and line by its number; lines skipped; numbers repeated.

    A number given a second time keeps its first claim: the later one (and the
    lines continuing it) is skipped and counted.
    """
    title = ""
    claims: dict[str, tuple[str, str, int]] = {}
    last: str | None = None
    skipped = repeated = 0
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if match := _TITLE.match(line):
            title = match.group(1).strip()
            continue
        if match := _CLAIM.match(line):
            last = match.group(1)
            if last in claims:
                repeated += 1
                last = ""  # the lines continuing it go with it
            else:
                claims[last] = (match.group(2) or "", match.group(3), line_number)
        elif last:
            stance, body, start = claims[last]
            claims[last] = (stance, f"{body} {line.strip()}", start)
        elif last is None:
            skipped += 1
    return title, claims, skipped, repeated


def _id(number: str) -> str:
    """``K1_2_1`` for ``1.2.1``; a number too deep for a map id (64 characters) is shortened with a digest."""
    made = "K" + number.replace(".", "_")
    if len(made) <= 60:
        return made
    import hashlib

    return made[:48] + "_" + hashlib.sha256(number.encode()).hexdigest()[:10]


def _link(imported: Imported, statements: dict[str, dict], links: list[tuple[str, str, str, int]]) -> None:
    orphans = unknown = unmarked = circular = repeated = 0
    for child, parent_number, stance, _line in links:
        parent = _id(parent_number) if parent_number else ""
        if child not in statements or parent not in statements:
            orphans += child not in statements
            unknown += parent not in statements
            continue
        if child == parent:
            circular += 1
            continue
        field = "rebuts" if stance == "Con" else "supports"
        unmarked += not stance
        if parent in statements[child].get(field, []):
            repeated += 1
        else:
            statements[child].setdefault(field, []).append(parent)
    imported.note("'-> See' to a claim not in the file, dropped", orphans)
    imported.note("claim whose parent is not in the file, left unlinked", unknown)
    imported.note("claim with neither Pro nor Con under a parent, taken as a pro", unmarked)
    imported.note("'-> See' from a claim to itself, dropped", circular)
    imported.note("'-> See' repeating a link the file makes already, nothing added", repeated)


register(
    Interchange(
        name="kialo",
        description="Kialo discussion export (plain text, numbered pros and cons)",
        suffixes=(".txt",),
        read=read,
        keeps="claims with their numbering as ids (K1_2_1), the thesis as a key judgment, pros as "
        "supports, cons as rebuttals, '-> See' links; import only",
    )
)
