"""Source documents: which may be read, normalised text, sentences, quote matching and coverage.

Used by the provenance checks. A map names its sources' files; argmap reads
only those inside the folders the user allows (:class:`SourceAccess`): the
map's own folder tree, folders given with ``--source-root``, and folders a
project file names (:mod:`argmap.project`). Symbolic links are
followed before the test, so a link cannot lead out. A source outside is
refused without being opened, so no message ever shows text of a file the
user did not allow.

A source file is read as UTF-8, split into
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
import contextlib
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap import limits, progress
from argmap.files import UnreadableFile, read_text, resolve_links, write_atomic
from argmap.model import Source
from argmap.project import find_project

if TYPE_CHECKING:
    import pysbd

_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    }
)
_WHITESPACE = re.compile(r"\s+")


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
    _found: dict[str, tuple[int, int] | None] = field(default_factory=dict, compare=False, repr=False)
    """Spans already looked for, by normalised quote (the rules and the coverage ask for the same)."""

    def find(self, quote: str) -> tuple[int, int] | None:
        """Span of the first whole-word match of ``quote`` (normalised), or None.

        A match may not start or end inside a word: "likely" does not match
        in "unlikely". A long text is searched through an index of its word
        starts (:attr:`_word_starts`), so that finding every quote of a large
        map stays near-linear rather than one scan of the text per quote.
        """
        needle = normalise(quote)
        if not needle:
            return None
        if needle not in self._found:
            self._found[needle] = self._search(needle)
        return self._found[needle]

    def _search(self, needle: str) -> tuple[int, int] | None:
        bounded_start, bounded_end = needle[0].isalnum(), needle[-1].isalnum()
        text = self.text
        if bounded_start and len(needle) >= _KEY_CHARS and len(text) > _INDEXED_CHARS:
            candidates: Iterable[int] = self._word_starts.get(needle[:_KEY_CHARS], ())
        else:
            candidates = _occurrences(text, needle)
        for at in candidates:
            end = at + len(needle)
            if not text.startswith(needle, at):
                continue
            if bounded_start and at > 0 and text[at - 1].isalnum():
                continue
            if bounded_end and end < len(text) and text[end].isalnum():
                continue
            return at, end
        return None

    @cached_property
    def _word_starts(self) -> dict[str, list[int]]:
        """Where each word starts, by the :data:`_KEY_CHARS` characters from there."""
        starts: dict[str, list[int]] = {}
        for match in _WORD_START.finditer(self.text):
            at = match.start()
            starts.setdefault(self.text[at : at + _KEY_CHARS], []).append(at)
        return starts

    def nearest(self, quote: str) -> NearPassage | None:
        """The source's own words for a quote that differs from them only in small ways.

        The differences tried, in this order: outer quotation marks; an
        ellipsis at either end; an ellipsis inside (the parts found in order in
        one paragraph, each becoming a quote of its own); case and
        punctuation (letters, digits and word order the same). A passage
        found more than once with different wording is ambiguous: None.

        Returns:
            The :class:`NearPassage`, or None when the quote is found as it is
            or nothing near it is.
        """
        needle = normalise(quote)
        if not needle or self.find(needle) is not None:
            return None
        differences = []
        trimmed = _outer_quotes(needle)
        if trimmed != needle:
            differences.append("outer quotation marks")
        unclipped = _ELLIPSIS_ENDS.sub("", trimmed).strip()
        if unclipped != trimmed:
            differences.append("an ellipsis at an end")
        parts = [part.strip() for part in _ELLIPSIS.split(unclipped) if part.strip()]
        if len(parts) > 1:
            differences.append("an ellipsis inside")
        passages, loose = self._passages(parts)
        if passages is None:
            return None
        if loose:
            differences.append("case or punctuation")
        return NearPassage(tuple(passages), tuple(differences))

    def _passages(self, parts: list[str]) -> tuple[list[str] | None, bool]:
        """Each part as the source writes it, in order within one paragraph; and whether loosely."""
        if not parts:
            return None, False
        exact = self._in_order(parts, self._exact_spans)
        if exact is not None:
            return exact, False
        return self._in_order(parts, self._loose_spans), True

    def _in_order(self, parts: list[str], find: Any) -> list[str] | None:
        """The first passage of each part after the previous one's, all in one paragraph."""
        passages: list[str] = []
        after, paragraph_end = 0, len(self.text)
        for part in parts:
            spans = [span for span in find(part) if span[0] >= after]
            if not spans or spans[0][0] > paragraph_end:
                return None
            if len(parts) == 1 and len({self.text[a:b] for a, b in spans}) > 1:
                return None  # found in different wordings: ambiguous
            start, after = spans[0]
            if not passages:
                newline = self.text.find("\n", start)
                paragraph_end = len(self.text) if newline < 0 else newline
            passages.append(self.text[start:after])
        return passages

    def _exact_spans(self, part: str) -> list[tuple[int, int]]:
        return [m.span() for m in _whole_words(part).finditer(self.text)]

    def _loose_spans(self, part: str) -> list[tuple[int, int]]:
        """Spans of the source whose words, lower-cased and without punctuation, are ``part``'s."""
        words = _WORD.findall(part.casefold())
        if not words:
            return []
        loose, offsets = self._loose_index
        pattern = re.compile(r"(?<!\w)" + r" ".join(map(re.escape, words)) + r"(?!\w)")
        spans = []
        for match in pattern.finditer(loose):
            start, end = offsets[match.start()], offsets[match.end() - 1] + 1
            spans.append((start, end))
        return spans

    @cached_property
    def _loose_index(self) -> tuple[str, list[int]]:
        """The text as lower-cased words joined by single spaces, and each character's offset in the text."""
        characters: list[str] = []
        offsets: list[int] = []
        for match in _WORD.finditer(self.text):
            if characters:
                characters.append(" ")
                offsets.append(match.start())
            folded = match.group().casefold()
            characters.append(folded)
            offsets.extend([match.start()] * (len(folded) - 1) + [match.end() - 1])
        return "".join(characters), offsets


@dataclass(frozen=True)
class NearPassage:
    """What :meth:`SourceText.nearest` finds: the source's passages and how the quote differed."""

    passages: tuple[str, ...]
    """The source's words, normalised: one passage, or one per part of a quote cut by an ellipsis."""
    differences: tuple[str, ...]
    """How the quote differed, in words (e.g. ``"case or punctuation"``)."""


_WORD = re.compile(r"[^\W_]+")
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|\u2026)\s*")
_ELLIPSIS_ENDS = re.compile(r"^\s*(?:\.\s?\.\s?\.|\u2026)\s*|\s*(?:\.\s?\.\s?\.|\u2026)\s*$")
_QUOTE_PAIRS = {'"': '"', "'": "'"}


def _outer_quotes(text: str) -> str:
    """``text`` without a pair of quotation marks around the whole of it."""
    while len(text) > 2 and text[0] in _QUOTE_PAIRS and text[-1] == _QUOTE_PAIRS[text[0]]:
        text = text[1:-1].strip()
    return text


_NOT_AFTER_ALNUM = r"(?<![^\W_])"
_NOT_BEFORE_ALNUM = r"(?![^\W_])"


_KEY_CHARS = 12
"""Characters of a word start that key the index of a long text (:attr:`SourceText._word_starts`)."""

_INDEXED_CHARS = 50_000
"""Texts longer than this are searched through the index; shorter ones by scanning."""

_WORD_START = re.compile(r"(?<![^\W_])[^\W_]")


def _occurrences(text: str, needle: str) -> Iterator[int]:
    """Every offset where ``needle`` occurs in ``text``, in order."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


@lru_cache(maxsize=1024)
def _whole_words(needle: str) -> re.Pattern[str]:
    """A pattern for ``needle`` that may not begin or end inside a word."""
    start = _NOT_AFTER_ALNUM if needle[0].isalnum() else ""
    end = _NOT_BEFORE_ALNUM if needle[-1].isalnum() else ""
    return re.compile(start + re.escape(needle) + end)


@lru_cache(maxsize=64)
def _segmenter() -> pysbd.Segmenter:
    import pysbd  # loaded only when a source is split anew (split sentences are cached)

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def read_source(path: Path) -> SourceText:
    """Read and segment a source file (no access test: see :meth:`SourceAccess.open`).

    Args:
        path: a UTF-8 text file.

    Returns:
        Its :class:`SourceText`.

    Raises:
        UnreadableFile: the file is missing, not a regular file, larger
            than :func:`argmap.limits.max_source_bytes` or not UTF-8.
    """
    return segment(read_text(path, limits.max_source_bytes(), limits.how_to_raise("ARGMAP_MAX_SOURCE_MB")))


@dataclass(frozen=True)
class OpenedSource:
    """A source's text, or why it could not be read."""

    text: SourceText | None
    """The segmented text; None if unreadable or if the source has neither file nor text."""
    problem: str | None
    """Why the file cannot be read (rule P003), else None."""


@dataclass(frozen=True)
class SourceAccess:
    """The folders a map may read source files from, and the reading itself.

    Build it with :meth:`for_map`. Every root is an absolute path with
    symbolic links resolved. The project file (:mod:`argmap.project`) is
    looked for only when a source lies outside the map's folder and the
    folders given explicitly, so an unrelated broken project file never
    stops a map whose sources are beside it.
    """

    map_folder: Path
    """The real folder of the map file, links resolved (relative source paths start here)."""
    explicit_roots: tuple[Path, ...]
    """The map's folder and the folders the user allowed (``--source-root``)."""

    @classmethod
    def for_map(cls, map_file: Path, extra_roots: Iterable[Path] = ()) -> SourceAccess:
        """The access of one map: its folder, ``extra_roots`` and, when needed, the project's source roots.

        A map that is a symbolic link is the file it links to: its sources,
        its folder and its project are those of that file.

        Args:
            map_file: the map file.
            extra_roots: folders the user allows explicitly (``--source-root``).
        """
        try:
            folder = resolve_links(map_file).parent
        except OSError:  # a link loop, which loading the map has refused already
            folder = map_file.parent.resolve()
        return cls(folder, tuple(dict.fromkeys([folder, *(Path(r).resolve() for r in extra_roots)])))

    @cached_property
    def project_roots(self) -> tuple[Path, ...]:
        """The source roots of the map's project (none without a project file).

        Raises:
            MapError: the project file is unusable.
        """
        project = find_project(self.map_folder)
        return project.source_roots if project else ()

    @property
    def roots(self) -> tuple[Path, ...]:
        """Every allowed folder: the map's, the explicit ones, the project's."""
        return tuple(dict.fromkeys([*self.explicit_roots, *self.project_roots]))

    def allows(self, path: Path) -> bool:
        """True if ``path``, with symbolic links followed, lies inside one of the roots.

        Raises:
            ValueError: the path cannot name a file (it holds a NUL character).
            OSError: the path is a symbolic link loop (``errno.ELOOP``).
            MapError: the project file had to be read and is unusable.
        """
        return self._inside(resolve_links(self.map_folder / path))

    def _inside(self, path: Path) -> bool:
        """True if the absolute ``path`` lies in an explicit root, or else in a project root."""
        inside = any(path.is_relative_to(root) for root in self.explicit_roots)
        return inside or any(path.is_relative_to(root) for root in self.project_roots)

    def open(self, source_id: str, source: Source) -> OpenedSource:
        """Read a source's text: inline, or from its file if the file is allowed.

        Returns:
            An :class:`OpenedSource`: the text, or the problem in one line
            (never a line of a file outside the roots).
        """
        if source.text is not None:
            return OpenedSource(segment(source.text), None)
        if source.file is None:
            return OpenedSource(None, None)
        name = f"source '{source_id}': file '{source.file}'"
        path = self.map_folder / source.file
        refused = self._refusal(path)
        if refused is not None:
            return OpenedSource(None, f"{name} {refused}")
        try:
            return OpenedSource(read_source(path), None)
        except UnreadableFile as error:
            return OpenedSource(None, f"{name} {error.reason}")

    def _refusal(self, path: Path) -> str | None:
        """Why the source file ``path`` may not be read, as the end of a sentence; None if it may.

        A link loop is named as such only when the path as written lies in an
        allowed folder; elsewhere it is "outside", like any file there.
        """
        try:
            if self.allows(path):
                return None
        except ValueError:
            return "is not a usable file name"
        except OSError:  # a symbolic link loop
            if self._inside(Path(os.path.normpath(path))):
                return "is a symbolic link loop; it cannot be resolved to a file"
        shown = ", ".join(_shown(root) for root in self.roots)
        return (
            f"is outside the folders sources may be read from ({shown}); "
            "allow its folder with --source-root or 'source-roots' in argmap.toml"
        )


def _shown(root: Path) -> str:
    """A root as the user would write it: relative to the current folder when inside it."""
    try:
        relative = os.path.relpath(root)
    except ValueError:
        return str(root)
    return relative if not relative.startswith("..") else str(root)


@lru_cache(maxsize=64)
def segment(raw: str) -> SourceText:
    """Split raw source text into normalised paragraphs and sentences.

    Paragraphs are separated by blank lines; the lines of one paragraph are
    joined with a space, so a sentence wrapped over several lines is one
    sentence. Each sentence records the file line it starts on.

    pysbd reads about 70,000 characters a second here, so the segmentation
    of a long text (over :data:`CACHED_CHARS`) is kept on disk by the text's
    digest (:func:`cache_folder`) and read back the next time the same text
    is checked; a cache that cannot be read or written is done without.
    """
    if len(raw) <= CACHED_CHARS:
        return _segment(raw)
    cached = _cached_segmentation(raw)
    if cached is not None:
        return cached
    made = _segment(raw)
    _keep_segmentation(raw, made)
    return made


CACHED_CHARS = 20_000
"""Source texts longer than this have their segmentation kept on disk."""

SEGMENTATION_VERSION = "1"
"""Changes whenever :func:`_segment` would split a text otherwise (old cache entries are then not read)."""


def cache_folder() -> Path:
    """Where argmap keeps what it can compute again.

    ``$ARGMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/argmap``, else ``~/.cache/argmap``.
    """
    if os.environ.get("ARGMAP_CACHE_DIR"):
        return Path(os.environ["ARGMAP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "argmap"


@lru_cache(maxsize=1)
def _pysbd_version() -> str:
    """The version of pysbd, from its metadata: importing it for that would cost more than the lookup."""
    from importlib.metadata import version

    return version("pysbd")


def _cache_file(raw: str) -> Path:
    key = f"{SEGMENTATION_VERSION}\0{_pysbd_version()}\0{raw}"
    return (
        cache_folder()
        / "segments"
        / (hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest() + ".json")
    )


def _cached_segmentation(raw: str) -> SourceText | None:
    """The segmentation kept for ``raw``, or None when there is none or it is not of the right shape."""
    try:
        data = json.loads(_cache_file(raw).read_text(encoding="utf-8"))
        sentences = tuple(
            Sentence(str(t), int(line), int(start), int(end)) for t, line, start, end in data["sentences"]
        )
        return SourceText(str(data["text"]), sentences)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _keep_segmentation(raw: str, made: SourceText) -> None:
    """Keep a segmentation for :func:`_cached_segmentation` (not at all if the cache cannot be written)."""
    data = {"text": made.text, "sentences": [[s.text, s.line, s.start, s.end] for s in made.sentences]}
    with contextlib.suppress(OSError):
        write_atomic(
            _cache_file(raw), json.dumps(data, ensure_ascii=False).encode("utf-8"), create_folder=True
        )


def _segment(raw: str) -> SourceText:
    """:func:`segment` itself, without the cache."""
    parts: list[str] = []
    sentences: list[Sentence] = []
    offset = 0
    with progress.task("splitting a source into sentences", total=len(raw)) as splitting:
        for paragraph, line_starts in _paragraphs(raw):
            if parts:
                offset += 1  # the joining newline
            sentences += _paragraph_sentences(paragraph, line_starts, offset, splitting.advance)
            parts.append(paragraph)
            offset += len(paragraph)
            splitting.advance(1)
    return SourceText("\n".join(parts), tuple(sentences))


def _paragraph_sentences(
    paragraph: str, line_starts: list[tuple[int, int]], offset: int, done: Callable[[int], object]
) -> list[Sentence]:
    """The sentences of one paragraph, placed at ``offset`` in the joined text, each with its file line.

    ``done`` is told how many characters have been split, piece by piece (for a progress bar).
    """
    starts = [at for at, _ in line_starts]
    found_sentences = []
    cursor = 0
    for piece in _sentences(paragraph, done):
        piece = piece.strip()
        found = paragraph.find(piece, cursor)
        if not piece or found < 0:
            continue
        cursor = found + len(piece)
        line = line_starts[bisect.bisect_right(starts, found) - 1][1]
        found_sentences.append(Sentence(piece, line, offset + found, offset + cursor))
    return found_sentences


CHUNK_CHARS = 2000
"""pysbd slows down sharply on long paragraphs, so longer ones are cut first."""

_BOUNDARY = re.compile(r"(?<=[.!?])\s+")


def _sentences(paragraph: str, done: Callable[[int], object]) -> Iterator[str]:
    """Sentences of one paragraph: pysbd on pieces of at most about :data:`CHUNK_CHARS`.

    A paragraph longer than that is cut at the last sentence-like boundary
    (end punctuation and a space) before the limit, or at a space, or hard
    at the limit, so the cost stays linear in the length of the text.
    ``done`` gets the length of each piece once it is split.
    """
    rest = paragraph
    while len(rest) > CHUNK_CHARS:
        window = rest[:CHUNK_CHARS]
        cuts = [m.end() for m in _BOUNDARY.finditer(window)] or [window.rfind(" ") + 1]
        cut = cuts[-1] if cuts[-1] > 0 else CHUNK_CHARS
        yield from _segmenter().segment(rest[:cut])
        done(cut)
        rest = rest[cut:]
    yield from _segmenter().segment(rest)
    done(len(rest))


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


class Spans:
    """Character spans merged into disjoint runs, for the share of a passage they cover.

    Merging once and looking each passage up by bisection keeps coverage of
    every sentence by every quote near-linear (n log n) in the map and source.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        """Merge ``spans`` (start, end offsets; overlapping or touching ones join)."""
        runs: list[list[int]] = []
        for start, end in sorted(spans):
            if runs and start <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], end)
            elif end > start:
                runs.append([start, end])
        self.starts = [start for start, _ in runs]
        self.ends = [end for _, end in runs]

    def share(self, sentence: Sentence) -> float:
        """Share in [0, 1] of ``sentence``'s characters that lie inside any span."""
        length = sentence.end - sentence.start
        if length <= 0:
            return 0.0
        covered = 0
        run = bisect.bisect_right(self.ends, sentence.start)  # the first run ending after its start
        while run < len(self.starts) and self.starts[run] < sentence.end:
            covered += min(self.ends[run], sentence.end) - max(self.starts[run], sentence.start)
            run += 1
        return covered / length


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
    by_quotes, by_exclusions = Spans(quote_spans), Spans(excluded_spans)
    for sentence in source.sentences:
        if by_quotes.share(sentence) >= COVERED_SHARE:
            quoted.append(sentence)
        elif by_exclusions.share(sentence) >= COVERED_SHARE:
            excluded.append(sentence)
        else:
            unquoted.append(sentence)
    return Coverage(tuple(quoted), tuple(excluded), tuple(unquoted))
