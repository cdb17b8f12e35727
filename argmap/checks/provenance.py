"""Provenance rules (P…): evidence is tied to sources and its quotes are in them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from argmap.checks.registry import Family, Hit, Severity, rule
from argmap.load import LoadedMap
from argmap.model import StatementKind
from argmap.sources import Coverage, SourceText, SourceUnreadable, coverage, read_source, segment

_HEAD = """map: {title: Example}
"""


@dataclass(frozen=True)
class _Opened:
    """A source's text, or why it could not be read."""

    text: SourceText | None
    problem: str | None


def _open(loaded: LoadedMap, source_id: str) -> _Opened:
    source = loaded.graph.sources[source_id]
    if source.text is not None:
        return _Opened(segment(source.text), None)
    path = loaded.source_path(source_id)
    if path is None:
        return _Opened(None, None)
    try:
        return _Opened(read_source(path), None)
    except FileNotFoundError:
        return _Opened(None, f"source '{source_id}': file '{source.file}' not found (looked at {path})")
    except SourceUnreadable as error:
        return _Opened(None, f"source '{source_id}': file '{source.file}' {error}")
    except UnicodeDecodeError:
        return _Opened(None, f"source '{source_id}': file '{source.file}' is not UTF-8 text")
    except ValueError:  # e.g. a NUL byte in the path
        return _Opened(None, f"source '{source_id}': '{source.file}' is not a usable file name")
    except OSError as error:
        return _Opened(None, f"source '{source_id}': cannot read '{source.file}': {error.strerror}")


def _shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with "..." so a message stays one readable line."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _texts(loaded: LoadedMap) -> dict[str, SourceText]:
    """Readable source texts by source id."""
    texts = {}
    for source_id in loaded.graph.sources:
        opened = _open(loaded, source_id)
        if opened.text is not None:
            texts[source_id] = opened.text
    return texts


@rule(
    code="P001",
    name="evidence-without-source",
    severity=Severity.ERROR,
    family=Family.PROVENANCE,
    summary="An evidence statement names no source.",
    rationale=(
        "Evidence is a reported item: without its source a reader cannot weigh its "
        "reliability (Admiralty grade), check it, or see when two items share one "
        "origin. Untraceable evidence is an assertion."
    ),
    example=_HEAD
    + """statements:
  C1: {kind: claim, text: The SCO will expand., key: true}
  E1: {kind: evidence, text: Iran joined in 2023., supports: C1}
""",
)
def evidence_without_source(loaded: LoadedMap) -> Iterator[Hit]:
    """Evidence statements with no ``source``."""
    for sid, statement in loaded.graph.statements.items():
        if statement.kind == StatementKind.EVIDENCE and statement.source is None:
            yield Hit(("statements", sid), f"evidence '{sid}' has no source")


@rule(
    code="P002",
    name="quote-not-found",
    severity=Severity.ERROR,
    family=Family.PROVENANCE,
    summary="A quote is not in its source's text.",
    rationale=(
        "A quote is the exact passage a statement rests on. If it is not in the source "
        "(after normalising curly quotes, dashes and whitespace), it was paraphrased, "
        "mistyped or taken from another document, and the statement's provenance is false."
    ),
    example=_HEAD
    + """sources:
  S1: {title: Note, text: "Iran became a full member of the SCO in July 2023."}
statements:
  C1: {kind: claim, text: The SCO will expand., key: true}
  E1:
    kind: evidence
    text: Iran joined in 2023.
    source: S1
    quote: Iran joined the SCO in 2023.
    supports: C1
""",
)
def quote_not_found(loaded: LoadedMap) -> Iterator[Hit]:
    """Quotes of statements whose source text is readable but lacks them."""
    texts = _texts(loaded)
    for sid, statement in loaded.graph.statements.items():
        text = texts.get(statement.source or "")
        if text is None:
            continue
        for number, quote in enumerate(statement.quote):
            if not any(character.isalnum() for character in quote):
                yield Hit(
                    ("statements", sid, "quote", number),
                    f"quote of '{sid}' holds no words: \"{quote}\"",
                )
            elif text.find(quote) is None:
                shown = _shorten(quote)
                yield Hit(
                    ("statements", sid, "quote", number),
                    f"quote of '{sid}' not found in source '{statement.source}': \"{shown}\"",
                )


@rule(
    code="P003",
    name="source-file-missing",
    severity=Severity.ERROR,
    family=Family.PROVENANCE,
    summary="A source's file does not exist or cannot be read as UTF-8 text.",
    rationale=(
        "Quotes are verified against the source file. A missing or unreadable file means "
        "no quote of that source can be checked; the path is relative to the map file."
    ),
    example=_HEAD
    + """sources:
  S1: {title: Article, file: no-such-file.txt}
statements:
  C1: {kind: claim, text: The SCO will expand., key: true}
""",
)
def source_file_missing(loaded: LoadedMap) -> Iterator[Hit]:
    """Sources whose ``file`` cannot be opened."""
    for source_id in loaded.graph.sources:
        problem = _open(loaded, source_id).problem
        if problem is not None:
            yield Hit(("sources", source_id, "file"), problem)


@rule(
    code="P004",
    name="source-coverage",
    severity=Severity.INFO,
    family=Family.PROVENANCE,
    summary="How much of each source the map's quotes cover.",
    rationale=(
        "Coverage shows whether a map represents its source or a selection of it. A map "
        "of an article that quotes a third of it may be fair, but the reader should "
        "know. Sentences count as quoted when quotes cover at least half of them."
    ),
    example=_HEAD
    + """sources:
  S1: {title: Note, text: "Iran joined in July 2023. Trade grew."}
statements:
  E1: {kind: evidence, text: Iran joined., source: S1, quote: Iran joined in July 2023.}
""",
)
def source_coverage(loaded: LoadedMap) -> Iterator[Hit]:
    """One info finding per readable source: quoted share of substantive sentences."""
    for source_id, text in _texts(loaded).items():
        result = _coverage(loaded, source_id, text)
        substantive = len(result.quoted) + len(result.unquoted)
        if not text.sentences:
            yield Hit(("sources", source_id), f"source '{source_id}' holds no text")
            continue
        yield Hit(
            ("sources", source_id),
            f"source '{source_id}': quotes cover {len(result.quoted)} of {substantive} "
            f"substantive sentences ({result.share:.0%}); {len(result.excluded)} excluded",
        )


def _coverage(loaded: LoadedMap, source_id: str, text: SourceText) -> Coverage:
    graph = loaded.graph
    quote_spans = [
        span
        for statement in graph.statements.values()
        if statement.source == source_id
        for quote in statement.quote
        if (span := text.find(quote)) is not None
    ]
    excluded_spans = [
        span for excerpt in graph.sources[source_id].excluded if (span := text.find(excerpt.text)) is not None
    ]
    return coverage(text, quote_spans, excluded_spans)


@rule(
    code="P005",
    name="unquoted-sentence",
    severity=Severity.WARNING,
    family=Family.PROVENANCE,
    summary="A sentence of a full-coverage source is neither quoted nor excluded.",
    rationale=(
        "A source marked 'full_coverage: true' promises that the map represents all of "
        "it: every sentence is quoted by a statement or excluded as page furniture with a "
        "reason. An unquoted sentence is a part of the source the map silently drops."
    ),
    example=_HEAD
    + """sources:
  S1: {title: Note, full_coverage: true, text: "Iran joined in July 2023. Trade grew."}
statements:
  E1: {kind: evidence, text: Iran joined., source: S1, quote: Iran joined in July 2023.}
""",
)
def unquoted_sentence(loaded: LoadedMap) -> Iterator[Hit]:
    """Each unquoted sentence of a source with ``full_coverage: true``."""
    for source_id, text in _texts(loaded).items():
        if not loaded.graph.sources[source_id].full_coverage:
            continue
        for sentence in _coverage(loaded, source_id, text).unquoted:
            shown = _shorten(sentence.text)
            yield Hit(
                ("sources", source_id),
                f"source '{source_id}' line {sentence.line}: sentence not quoted: \"{shown}\"",
            )


@rule(
    code="P006",
    name="evidence-without-quote",
    severity=Severity.WARNING,
    family=Family.PROVENANCE,
    summary="An evidence statement with a readable source gives no quote.",
    rationale=(
        "The quote is what lets a reader check that the source says what the evidence "
        "claims. Without it the statement may paraphrase the source beyond what it says."
    ),
    example=_HEAD
    + """sources:
  S1: {title: Note, text: "Iran joined in July 2023."}
statements:
  C1: {kind: claim, text: The SCO will expand., key: true}
  E1: {kind: evidence, text: Iran joined., source: S1, supports: C1}
""",
)
def evidence_without_quote(loaded: LoadedMap) -> Iterator[Hit]:
    """Evidence whose source has a file or text but which quotes nothing."""
    graph = loaded.graph
    for sid, statement in graph.statements.items():
        source = graph.sources.get(statement.source or "")
        has_text = source is not None and (source.file or source.text)
        if statement.kind == StatementKind.EVIDENCE and has_text and not statement.quote:
            yield Hit(("statements", sid), f"evidence '{sid}' quotes nothing from its source")


@rule(
    code="P007",
    name="quote-without-source",
    severity=Severity.ERROR,
    family=Family.PROVENANCE,
    summary="A statement quotes but names no source.",
    rationale=(
        "A quote can only be verified against the source it comes from; without a "
        "source the quote cannot be checked and the reader cannot find it."
    ),
    example=_HEAD
    + """statements:
  C1: {kind: claim, text: The SCO will expand., key: true, quote: SCO is expected to expand}
""",
)
def quote_without_source(loaded: LoadedMap) -> Iterator[Hit]:
    """Statements with quotes and no ``source``."""
    for sid, statement in loaded.graph.statements.items():
        if statement.quote and statement.source is None:
            yield Hit(("statements", sid, "quote"), f"'{sid}' has a quote but no source")


@rule(
    code="P008",
    name="exclusion-not-found",
    severity=Severity.WARNING,
    family=Family.PROVENANCE,
    summary="A passage declared excluded is not in the source.",
    rationale=(
        "Exclusions say which parts of a source are page furniture. One that matches "
        "nothing excludes nothing: it is stale or mistyped, and the sentence it meant "
        "is then counted as unquoted."
    ),
    example=_HEAD
    + """sources:
  S1:
    title: Note
    text: "Skip to content. Iran joined in July 2023."
    excluded: [{text: Skip to main content, reason: navigation}]
""",
)
def exclusion_not_found(loaded: LoadedMap) -> Iterator[Hit]:
    """Exclusions of readable sources that match no text."""
    for source_id, text in _texts(loaded).items():
        for number, excerpt in enumerate(loaded.graph.sources[source_id].excluded):
            if text.find(excerpt.text) is None:
                yield Hit(
                    ("sources", source_id, "excluded", number),
                    f"source '{source_id}': excluded passage not found: \"{_shorten(excerpt.text)}\"",
                )


@rule(
    code="P009",
    name="absolute-source-path",
    severity=Severity.WARNING,
    family=Family.PROVENANCE,
    summary="A source file is given by an absolute path.",
    rationale=(
        "A map is shared with colleagues and kept in a repository; an absolute path "
        "(/home/ana/article.txt) exists only on one machine, so nobody else can verify the "
        "quotes. Keep sources beside the maps (e.g. seeds/) and give paths relative to the "
        "map file."
    ),
    example=_HEAD
    + """sources:
  S1: {title: Article, file: /tmp/article.txt}
""",
)
def absolute_source_path(loaded: LoadedMap) -> Iterator[Hit]:
    """Sources whose ``file`` is absolute."""
    for source_id, source in loaded.graph.sources.items():
        if source.file is not None and Path(source.file).is_absolute():
            yield Hit(
                ("sources", source_id, "file"),
                f"source '{source_id}': absolute path '{source.file}' works on this machine only",
            )
