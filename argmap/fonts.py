"""Which characters of a diagram no installed font can draw.

Graphviz draws a character that no font covers as an empty box, and says
nothing. Before drawing, argmap asks fontconfig (``fc-list``, which Graphviz's
Cairo and Pango renderers use to find fonts) for the characters each
installed font covers, and names the characters none of them does, so that
``render`` can warn instead of shipping boxes. Debian's Noto packages
(``fonts-noto-core``, ``fonts-noto-cjk``, which ``make demo`` installs) cover
Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari and CJK.
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import cache

FONT_HINT = "install Debian's fonts-noto-core and fonts-noto-cjk (make demo does)"
"""What to do about characters no font covers."""

_NEVER_DRAWN = {"Cc", "Cf", "Zl", "Zp"}
"""Categories that need no glyph: controls and format characters (argmap shows them as escapes)."""


@cache
def covered_ranges() -> tuple[tuple[int, int], ...] | None:
    """The code point ranges some installed font covers, merged and sorted; None without fontconfig."""
    program = shutil.which("fc-list")
    if program is None:
        return None
    try:
        run = subprocess.run(
            [program, "--format", "%{charset}\\n"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if run.returncode != 0:
        return None
    ranges = sorted(_parse_charsets(run.stdout))
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _parse_charsets(listing: str) -> Iterable[tuple[int, int]]:
    """``fc-list``'s charsets (``20-7e a0-17f 192``) as (first, last) code points."""
    for word in listing.split():
        first, _, last = word.partition("-")
        try:
            yield int(first, 16), int(last or first, 16)
        except ValueError:
            continue


def missing_characters(texts: Iterable[str]) -> list[str] | None:
    """The characters of ``texts`` that no installed font covers, in order of first use, each once.

    Returns:
        The characters (empty when every one is covered), or None when
        fontconfig is not there to ask.
    """
    ranges = covered_ranges()
    if ranges is None:
        return None
    starts = [start for start, _ in ranges]
    missing: dict[str, None] = {}
    for text in texts:
        for character in text:
            if character.isascii() or character in missing or unicodedata.category(character) in _NEVER_DRAWN:
                continue
            code = ord(character)
            at = bisect.bisect_right(starts, code) - 1
            if at < 0 or code > ranges[at][1]:
                missing[character] = None
    return list(missing)


def describe(characters: list[str], limit: int = 12) -> str:
    """The characters for a message: each with its code point (``中 U+4E2D``), the first ``limit``."""
    shown = ", ".join(
        f"{c} U+{ord(c):04X}" if c.isprintable() else f"U+{ord(c):04X}" for c in characters[:limit]
    )
    more = f" and {len(characters) - limit} more" if len(characters) > limit else ""
    return shown + more
