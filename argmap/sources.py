"""Source documents: normalised text, sentences, quote matching and coverage.

Used by the provenance checks. A source file is read as UTF-8, split into
paragraphs at blank lines, and each paragraph into sentences with pysbd (Sadvilkar &
Neumann 2020, rule-based sentence boundary detection; it keeps abbreviations
such as "U.S." inside their sentence). Matching is done on *normalised* text:
Unicode NFKC, curly quotes and apostrophes made straight, every dash and
hyphen variant made ``-``, and runs of whitespace (including no-break spaces)
made one space. Case is kept: a quote must match word for word, and may not begin or end
inside a word.

Coverage follows the character spans of the source that quotes match: a
sentence counts as quoted when at least half of its characters lie inside
matched quotes (a quote of a clause covers a short sentence, not a long one
it merely touches), and as excluded when half lies inside passages the map
declares as page furniture.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pysbd

from argmap.files import is_special_path

_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    }
)
_WHITESPACE = re.compile(r"\s+")

MAX_SOURCE_BYTES = 16 * 1024 * 1024
"""Source files above 16 MiB are refused rather than read."""


class SourceUnreadable(ValueError):
    """A source path names something that is not a readable text file of sensible size."""


COVERED_SHARE = 0.5
"""Share of a sentence's characters that quotes must cover for it to count as quoted."""


def normalise(text: str) -> str:
    """Normalise text for quote matching.

    Args:
        text: any string.

    Returns:
        NFKC form with straight quotes, ``-`` for every dash, no soft
        hyphens, single spaces, no leading or trailing space.
    """
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).replace("\u00ad", "")
    return _WHITESPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Sentence:
    """One sentence of a source, located in the file and in the normalised text."""

    text: str
    """The sentence, normalised."""
    line: int
    """Line of the source file it starts on (1-based)."""
    start: int
    """Offset of its first character in :attr:`SourceText.text`."""
    end: int
    """Offset one past its last character in :attr:`SourceText.text`."""


@dataclass(frozen=True)
class SourceText:
    """A source file's normalised text and its sentences.

    Paragraphs are joined by a newline, which no normalised quote contains,
    so a quote never matches across two paragraphs.
    """

    text: str
    """Normalised text, paragraphs joined by ``"\\n"``."""
    sentences: tuple[Sentence, ...]
    """The sentences in file order."""

    def find(self, quote: str) -> tuple[int, int] | None:
        """Span of the first whole-word match of ``quote`` (normalised), or None.

        A match may not start or end inside a word: "likely" does not match
        in "unlikely".
        """
        needle = normalise(quote)
        if not needle:
            return None
        found = _whole_words(needle).search(self.text)
        return found.span() if found else None


_NOT_AFTER_ALNUM = r"(?<![^\W_])"
_NOT_BEFORE_ALNUM = r"(?![^\W_])"


@lru_cache(maxsize=1024)
def _whole_words(needle: str) -> re.Pattern[str]:
    """A pattern for ``needle`` that may not begin or end inside a word."""
    start = _NOT_AFTER_ALNUM if needle[0].isalnum() else ""
    end = _NOT_BEFORE_ALNUM if needle[-1].isalnum() else ""
    return re.compile(start + re.escape(needle) + end)


@lru_cache(maxsize=64)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def read_source(path: Path) -> SourceText:
    """Read and segment a source file.

    Args:
        path: a UTF-8 text file.

    Returns:
        Its :class:`SourceText`.

    Raises:
        OSError: the file cannot be read.
        SourceUnreadable: the file is not a regular file or is larger than
            :data:`MAX_SOURCE_BYTES`.
        UnicodeDecodeError: the file is not UTF-8.
    """
    if is_special_path(path):
        raise SourceUnreadable("is a system file, not a document")
    status = path.stat()
    if not path.is_file():
        raise SourceUnreadable("is a folder" if path.is_dir() else "is not a regular file")
    if status.st_size > MAX_SOURCE_BYTES:
        raise SourceUnreadable("is larger than 16 MiB")
    return _read_source_cached(path.resolve(), status.st_mtime_ns)


@lru_cache(maxsize=32)
def _read_source_cached(path: Path, mtime_ns: int) -> SourceText:
    del mtime_ns  # part of the cache key only
    return segment(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def segment(raw: str) -> SourceText:
    """Split raw source text into normalised paragraphs and sentences.

    Paragraphs are separated by blank lines; the lines of one paragraph are
    joined with a space, so a sentence wrapped over several lines is one
    sentence. Each sentence records the file line it starts on.
    """
    parts: list[str] = []
    sentences: list[Sentence] = []
    offset = 0
    for paragraph, line_starts in _paragraphs(raw):
        if parts:
            offset += 1  # the joining newline
        cursor = 0
        for piece in _sentences(paragraph):
            piece = piece.strip()
            found = paragraph.find(piece, cursor)
            if not piece or found < 0:
                continue
            cursor = found + len(piece)
            line = line_starts[bisect.bisect_right([at for at, _ in line_starts], found) - 1][1]
            sentences.append(Sentence(piece, line, offset + found, offset + cursor))
        parts.append(paragraph)
        offset += len(paragraph)
    return SourceText("\n".join(parts), tuple(sentences))


CHUNK_CHARS = 2000
"""pysbd slows down sharply on long paragraphs, so longer ones are cut first."""

_BOUNDARY = re.compile(r"(?<=[.!?])\s+")


def _sentences(paragraph: str) -> Iterator[str]:
    """Sentences of one paragraph: pysbd on pieces of at most about :data:`CHUNK_CHARS`.

    A paragraph longer than that is cut at the last sentence-like boundary
    (end punctuation and a space) before the limit, or at a space, or hard
    at the limit, so the cost stays linear in the length of the text.
    """
    rest = paragraph
    while len(rest) > CHUNK_CHARS:
        window = rest[:CHUNK_CHARS]
        cuts = [m.end() for m in _BOUNDARY.finditer(window)] or [window.rfind(" ") + 1]
        cut = cuts[-1] if cuts[-1] > 0 else CHUNK_CHARS
        yield from _segmenter().segment(rest[:cut])
        rest = rest[cut:]
    yield from _segmenter().segment(rest)


def _paragraphs(raw: str) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """Normalised paragraphs with, for each, (offset in paragraph, file line) of its lines."""
    lines: list[str] = []
    starts: list[tuple[int, int]] = []
    length = 0
    for line_number, line in enumerate([*raw.splitlines(), ""], start=1):
        text = normalise(line)
        if text:
            starts.append((length, line_number))
            lines.append(text)
            length += len(text) + 1
        elif lines:
            yield " ".join(lines), starts
            lines, starts, length = [], [], 0


def covered_share(sentence: Sentence, spans: list[tuple[int, int]]) -> float:
    """Share in [0, 1] of ``sentence``'s characters that lie inside any of ``spans``."""
    length = sentence.end - sentence.start
    if length <= 0:
        return 0.0
    covered = [False] * length
    for start, end in spans:
        for offset in range(max(start, sentence.start), min(end, sentence.end)):
            covered[offset - sentence.start] = True
    return sum(covered) / length


@dataclass(frozen=True)
class Coverage:
    """How much of a source a map quotes."""

    quoted: tuple[Sentence, ...]
    """Sentences at least half covered by quotes."""
    excluded: tuple[Sentence, ...]
    """Sentences declared page furniture (and not quoted)."""
    unquoted: tuple[Sentence, ...]
    """Substantive sentences no quote covers."""

    @property
    def share(self) -> float:
        """Quoted sentences over substantive (not excluded) sentences, in [0, 1]."""
        substantive = len(self.quoted) + len(self.unquoted)
        return len(self.quoted) / substantive if substantive else 1.0


def coverage(
    source: SourceText, quote_spans: list[tuple[int, int]], excluded_spans: list[tuple[int, int]]
) -> Coverage:
    """Classify each sentence of ``source`` as quoted, excluded or unquoted.

    Args:
        source: the segmented source.
        quote_spans: character spans in ``source.text`` matched by the map's quotes.
        excluded_spans: spans matched by the source's declared exclusions.

    Returns:
        The :class:`Coverage`; a sentence both quoted and excluded counts as quoted.
    """
    quoted, excluded, unquoted = [], [], []
    for sentence in source.sentences:
        if covered_share(sentence, quote_spans) >= COVERED_SHARE:
            quoted.append(sentence)
        elif covered_share(sentence, excluded_spans) >= COVERED_SHARE:
            excluded.append(sentence)
        else:
            unquoted.append(sentence)
    return Coverage(tuple(quoted), tuple(excluded), tuple(unquoted))
