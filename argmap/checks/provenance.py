"""Provenance rules (P…): evidence is tied to sources and its quotes are in them.

Source texts and their coverage come from the map's
:class:`~argmap.analysis.Analysis`, which reads only the files inside the
folders the user allows (:class:`~argmap.sources.SourceAccess`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from argmap.analysis import Analysis
from argmap.checks.registry import FileEdit, Hit, Repair, Severity, rule
from argmap.model import StatementKind
from argmap.sources import NearPassage, SourceText
from argmap.text import shorten, visible

SHOWN_CHARS = 60
"""Longest passage of a quote, sentence or exclusion shown in a message."""


def _shown(passage: str) -> str:
    """A passage for a message: unsafe characters and line breaks as escapes, cut to :data:`SHOWN_CHARS`."""
    return shorten(visible(passage), SHOWN_CHARS)


@rule(
    code="P001",
    name="evidence-without-source",
    severity=Severity.ERROR,
    summary="An evidence statement names no source.",
    rationale=(
        "Evidence is a reported item: without its source a reader cannot weigh its "
        "reliability (Admiralty grade), check it, or see when two items share one "
        "origin. Untraceable evidence is an assertion."
    ),
)
def evidence_without_source(analysis: Analysis) -> Iterator[Hit]:
    """Evidence statements with no ``source``."""
    for sid, statement in analysis.graph.statements.items():
        if statement.kind == StatementKind.EVIDENCE and not statement.source:
            yield Hit(("statements", sid), f"evidence '{sid}' has no source", (sid,))


@rule(
    code="P002",
    name="quote-not-found",
    severity=Severity.ERROR,
    summary="A quote is not in its source's text (whole words only), or holds no words.",
    rationale=(
        "A quote is the exact passage a statement rests on. If it is not in the source "
        "(after normalising curly quotes, dashes and whitespace), it was paraphrased, "
        "mistyped or taken from another document, and the statement's provenance is false."
    ),
)
def quote_not_found(analysis: Analysis) -> Iterator[Hit]:
    """Quotes of statements whose source text is readable but lacks them."""
    texts = analysis.source_texts
    for sid, statement in analysis.graph.statements.items():
        readable = {source: texts[source] for source in statement.source if source in texts}
        if not readable:
            continue
        named = ", ".join(f"'{source}'" for source in readable)
        for number, quote in enumerate(statement.quote):
            where = ("statements", sid, "quote", number)
            if not any(character.isalnum() for character in quote):
                yield Hit(where, f"quote of '{sid}' holds no words: \"{quote}\"", (sid,))
            elif all(text.find(quote) is None for text in readable.values()):
                message = f"quote of '{sid}' not found in source {named}: \"{_shown(quote)}\""
                near = _nearest(quote, readable.values())
                if near is None:
                    yield Hit(where, message, (sid, *readable))
                    continue
                shown = " ... ".join(f'"{_shown(passage)}"' for passage in near.passages)
                differs = ", ".join(near.differences)
                repair = Repair(
                    f"quote of '{sid}' becomes the source's words {shown}",
                    (FileEdit("split", where, near.passages),),
                )
                yield Hit(
                    where,
                    f"{message}; the source has {shown} (differs in {differs})",
                    (sid, *readable),
                    repair=repair,
                )


def _nearest(quote: str, texts: Iterable[SourceText]) -> NearPassage | None:
    """The one near passage among the statement's sources, or None if none or several differ."""
    found = {near for text in texts if (near := text.nearest(quote)) is not None}
    return found.pop() if len(found) == 1 else None


@rule(
    code="P003",
    name="source-file-missing",
    severity=Severity.ERROR,
    summary="A source's file is missing, unreadable, not UTF-8, or outside the allowed folders.",
    rationale=(
        "Quotes are verified against the source file. A missing or unreadable file means "
        "no quote of that source can be checked; the path is relative to the map file. A file "
        "outside the map's folder, its project's source roots and --source-root is not read at "
        "all: a map from elsewhere must not make argmap show the contents of other files."
    ),
)
def source_file_missing(analysis: Analysis) -> Iterator[Hit]:
    """Sources whose ``file`` cannot be opened, or lies outside the allowed folders."""
    for source_id, opened in analysis.sources.items():
        if opened.problem is not None:
            yield Hit(("sources", source_id, "file"), opened.problem, (source_id,))


@rule(
    code="P004",
    name="source-coverage",
    severity=Severity.INFO,
    summary="How much of each source the map's quotes cover.",
    rationale=(
        "Coverage shows whether a map represents its source or a selection of it. A map "
        "of an article that quotes a third of it may be fair, but the reader should "
        "know. Sentences count as quoted when quotes cover at least half of them."
    ),
)
def source_coverage(analysis: Analysis) -> Iterator[Hit]:
    """One info finding per readable source: quoted share of substantive sentences."""
    for source_id, result in analysis.coverage.items():
        if not analysis.source_texts[source_id].sentences:
            yield Hit(("sources", source_id), f"source '{source_id}' holds no text", (source_id,))
            continue
        substantive = len(result.quoted) + len(result.unquoted)
        yield Hit(
            ("sources", source_id),
            f"source '{source_id}': quotes cover half or more of {len(result.quoted)} of {substantive} "
            f"substantive sentences ({result.share:.0%}); {len(result.excluded)} excluded as furniture",
            (source_id,),
        )


@rule(
    code="P005",
    name="unquoted-sentence",
    severity=Severity.WARNING,
    summary="A sentence of a full-coverage source is neither quoted nor excluded.",
    rationale=(
        "A source marked 'full_coverage: true' promises that the map represents all of "
        "it: every sentence is quoted by a statement or excluded as page furniture with a "
        "reason. An unquoted sentence is a part of the source the map silently drops."
    ),
)
def unquoted_sentence(analysis: Analysis) -> Iterator[Hit]:
    """Each unquoted sentence of a source with ``full_coverage: true``."""
    for source_id, result in analysis.coverage.items():
        if not analysis.graph.sources[source_id].full_coverage:
            continue
        for sentence in result.unquoted:
            shown = _shown(sentence.text)
            yield Hit(
                ("sources", source_id),
                f"source '{source_id}' line {sentence.line}: sentence not quoted: \"{shown}\"",
                (source_id,),
            )


@rule(
    code="P006",
    name="evidence-without-quote",
    severity=Severity.WARNING,
    summary="An evidence statement with a readable source gives no quote.",
    rationale=(
        "The quote is what lets a reader check that the source says what the evidence "
        "claims. Without it the statement may paraphrase the source beyond what it says."
    ),
)
def evidence_without_quote(analysis: Analysis) -> Iterator[Hit]:
    """Evidence whose source has a file or text but which quotes nothing."""
    graph = analysis.graph
    for sid, statement in graph.statements.items():
        sources = [graph.sources[s] for s in statement.source if s in graph.sources]
        has_text = any(source.file or source.text for source in sources)
        if statement.kind == StatementKind.EVIDENCE and has_text and not statement.quote:
            yield Hit(("statements", sid), f"evidence '{sid}' quotes nothing from its source", (sid,))


@rule(
    code="P007",
    name="quote-without-source",
    severity=Severity.ERROR,
    summary="A statement quotes but names no source.",
    rationale=(
        "A quote can only be verified against the source it comes from; without a "
        "source the quote cannot be checked and the reader cannot find it."
    ),
)
def quote_without_source(analysis: Analysis) -> Iterator[Hit]:
    """Statements with quotes and no ``source``."""
    for sid, statement in analysis.graph.statements.items():
        if statement.quote and not statement.source:
            yield Hit(("statements", sid, "quote"), f"'{sid}' has a quote but no source", (sid,))


@rule(
    code="P008",
    name="exclusion-not-found",
    severity=Severity.WARNING,
    summary="A passage declared excluded is not in the source.",
    rationale=(
        "Exclusions say which parts of a source are page furniture. One that matches "
        "nothing excludes nothing: it is stale or mistyped, and the sentence it meant "
        "is then counted as unquoted."
    ),
)
def exclusion_not_found(analysis: Analysis) -> Iterator[Hit]:
    """Exclusions of readable sources that match no text."""
    for source_id, text in analysis.source_texts.items():
        for number, excerpt in enumerate(analysis.graph.sources[source_id].excluded):
            if text.find(excerpt.text) is None:
                shown = _shown(excerpt.text)
                yield Hit(
                    ("sources", source_id, "excluded", number, "text"),
                    f"source '{source_id}': excluded passage not found: \"{shown}\"",
                    (source_id,),
                )


@rule(
    code="P009",
    name="absolute-source-path",
    severity=Severity.WARNING,
    summary="A source file is given by an absolute path.",
    rationale=(
        "A map is shared with colleagues and kept in a repository; an absolute path "
        "(/home/ana/article.txt) exists only on one machine, so nobody else can verify the "
        "quotes. Keep sources beside the maps (e.g. seeds/) and give paths relative to the "
        "map file."
    ),
)
def absolute_source_path(analysis: Analysis) -> Iterator[Hit]:
    """Sources whose ``file`` is absolute."""
    for source_id, source in analysis.graph.sources.items():
        if source.file is not None and Path(source.file).is_absolute():
            yield Hit(
                ("sources", source_id, "file"),
                f"source '{source_id}': absolute path '{source.file}' works on this machine only",
                (source_id,),
            )


@rule(
    code="P010",
    name="quote-unverifiable",
    severity=Severity.WARNING,
    summary="A statement quotes a source that gives neither a file nor its text: the quote is never checked.",
    rationale=(
        "argmap holds every quote to the words of its source (P002), but only when it can read "
        "them. A source with a title alone lets any quote pass unread. Give the source its "
        "'file' or its 'text', or drop the quote and say in a note where the words are."
    ),
)
def quote_unverifiable(analysis: Analysis) -> Iterator[Hit]:
    """Statements with quotes whose sources all lack ``file`` and ``text``."""
    sources = analysis.graph.sources
    for sid, statement in analysis.graph.statements.items():
        cited = [sources[s] for s in statement.source if s in sources]
        if statement.quote and cited and all(s.file is None and s.text is None for s in cited):
            named = ", ".join(s for s in statement.source if s in sources)
            yield Hit(
                ("statements", sid, "quote"),
                f"'{sid}' quotes {named}, which gives neither a file nor its text: the quote is not checked",
                (sid, *statement.source),
            )
