"""The briefing: one document from a map, its evaluation, its ACH and its tradecraft tables.

A briefing is what the analyst hands to a decision maker, in the shape the
field gives it (STANDARDS §8, ICD 203): a handling banner at top and bottom;
title, question, author, date and information cutoff; the **bottom line up
front**, each key judgment with its likelihood term and the band of the
declared scale, and in a separate sentence its confidence and the basis for
it (ICD 203 keeps the two apart), and what would change it; the summary
diagram with the full map one click away; the ACH matrix with its summary in
words and what would change the ranking; the alternatives still in play; the
key assumptions; indicators to watch; sources with the quotes used;
information gaps; a note on the scales. A part whose data the map lacks is
left out, never shown empty.

:func:`build_briefing` gathers it from the producers of the report layer
(:mod:`argmap.report.ach`, :mod:`argmap.report.tradecraft`) into one
:class:`Briefing` that every output reads: :func:`to_html` and
:func:`to_markdown` render the Jinja2 templates ``brief.html.j2`` and
``brief.md.j2`` (a user's own folder of templates may replace them), and
:func:`to_pdf` prints the HTML with Chromium (:mod:`argmap.printing`).

:func:`shortcomings` says what stops a briefing from being issued: a key
judgment without a likelihood term, a confidence or its basis, or one that
the map's own argument does not let stand (OUT or UNDEC); an ACH matrix that
cannot be scored, so that no summary can go with its leader. ``--draft``
issues it anyway, under a DRAFT banner that lists them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap import grades
from argmap.evaluate import Label
from argmap.model import (
    TLP_LABELS,
    IndicatorStatus,
    Reliability,
    StatementKind,
    banner_text,
    date_bounds,
    natural_key,
)
from argmap.report.ach import PROFILE_EXPLANATION, SCORE_MEANING, ach_report, competition_ranks
from argmap.report.model import Field, Item, Report, Section, Style
from argmap.report.tradecraft import (
    AssumptionFacts,
    assumption_facts,
    assumptions_report,
    indicators_report,
    sources_report,
)
from argmap.standards import CONFIDENCE_MEANING, SCALES, read_not_said
from argmap.text import one_line, visible

if TYPE_CHECKING:
    import jinja2

    from argmap.ach import AchResult
    from argmap.analysis import Analysis
    from argmap.graph import ArgumentGraph

DRAFT = "DRAFT — not for issue"
"""The banner of a briefing made with ``--draft``."""


@dataclass(frozen=True)
class Watch:
    """An assumption a key judgment's support needs, and what would show it wrong."""

    sid: str
    text: str
    undermined_by: str
    """The observable that would undermine it (the map's ``undermined_by``), or ``""``."""

    @property
    def sentence(self) -> str:
        """The assumption and what would show it wrong: ``A17: A larger SCO agrees. Watch for: ...``."""
        watch = f" Watch for: {self.undermined_by.rstrip('.')}." if self.undermined_by else ""
        return f"{self.sid}: {self.text.rstrip('.')}.{watch}"


@dataclass(frozen=True)
class KeyJudgment:
    """One key judgment as the bottom line states it: likelihood, confidence, what would change it."""

    sid: str
    text: str
    likelihood: str
    """The likelihood term, or ``""``."""
    band: str
    """The term's band on the map's scale (``55–80 % on the ICD 203 scale``), or ``""``."""
    said: str
    """The source's own estimative words, or ``""``."""
    reading: bool
    """True when the likelihood is the map's reading of the source, not its word."""
    confidence: str
    """``low``, ``moderate``, ``high`` or ``""``."""
    basis: str
    """Why the confidence is what it is, or ``""``."""
    label: str
    """IN, OUT or UNDEC: whether the map's own argument lets it stand."""
    fact: bool = False
    """Stated as fact (``fact: true``) rather than given a likelihood."""
    probability: str = ""
    """The probability the map gives with the term (``70 %``), or ``""``."""
    watches: tuple[Watch, ...] = ()
    """The assumptions whose failure would leave it without support."""
    together: bool = False
    """True when no single assumption does: the watches fail it only once the unsupported ones fail too."""
    unsupported: tuple[str, ...] = ()
    """The unsupported assumptions among its grounds (said when ``together``)."""

    @property
    def likelihood_sentence(self) -> str:
        """The likelihood term and its band, and whose term it is: one sentence."""
        if not self.likelihood:
            return "Stated as fact; no likelihood is given." if self.fact else "Likelihood: not stated."
        if not self.reading:
            whose = "the source's own term"
        elif self.said:
            whose = f"this map's reading of the source's “{self.said}”"
        else:
            whose = "this map's reading; the source gives no estimative words"
        probability = f", probability {self.probability}" if self.probability else ""
        return f"Likelihood: {self.likelihood} ({self.band}{probability}), {whose}."

    @property
    def confidence_sentence(self) -> str:
        """The confidence and its basis, a sentence apart from the likelihood (ICD 203 D.6.e(2)(b))."""
        if not self.confidence:
            return "Confidence: not stated."
        basis = f" {self.basis}" if self.basis else " No basis stated."
        return f"Confidence: {self.confidence}.{basis}"

    @property
    def change_sentence(self) -> str:
        """What would change it: the assumptions its support needs and what would show them wrong."""
        if not self.watches:
            return ""
        if self.together:
            failing = ", ".join(self.unsupported)
            rests = "this" if len(self.watches) == 1 else "these"
            lead = (
                f"What would change it: no single assumption decides it; if the unsupported "
                f"assumptions it also rests on ({failing}) fail, it rests on {rests} alone: "
            )
        elif len(self.watches) == 1:
            lead = "What would change it: its support would fail if this proved wrong: "
        else:
            lead = "What would change it: its support would fail if any of these proved wrong: "
        return lead + " ".join(watch.sentence for watch in self.watches)


@dataclass(frozen=True)
class Part:
    """One part of the briefing: a heading, an anchor for the contents, and report-layer sections."""

    heading: str
    anchor: str
    sections: tuple[Section, ...]
    intro: tuple[str, ...] = ()


@dataclass(frozen=True)
class Briefing:
    """Everything a briefing shows, built once; the HTML, Markdown and PDF read it."""

    title: str
    banner: str
    """The handling banner, top and bottom of every page (``""``: none)."""
    fields: tuple[Field, ...]
    """Question, author, date, information cutoff, caveat (each where the map has it)."""
    bottom_line: str
    """The answer first, one or two sentences (the map's ``bottom_line``), or ``""``."""
    judgments: tuple[KeyJudgment, ...]
    parts: tuple[Part, ...]
    palette: tuple[Style, ...]
    shortcomings: tuple[str, ...] = ()
    """What keeps it from being issued (only a draft has any)."""
    draft: bool = False
    summary_svg: str = ""
    """The summary view as interactive SVG (``""``: no diagram)."""
    full_svg: str = ""
    """The whole map as interactive SVG, shown on request."""
    sheets: tuple[str, ...] = ()
    """The summary view cut into pages that fit the paper at 9 points or more (inline SVG), for print."""

    @property
    def banners(self) -> tuple[str, ...]:
        """The banner lines: DRAFT first for a draft, then the handling banner."""
        return tuple(line for line in ((DRAFT if self.draft else ""), self.banner) if line)

    @property
    def contents(self) -> tuple[tuple[str, str], ...]:
        """(anchor, heading) of every part shown, in order, for the table of contents."""
        first = (("bluf", "Bottom line up front"),) if self.judgments or self.bottom_line else ()
        diagram = (("argument", "The argument"),) if self.summary_svg else ()
        return first + diagram + tuple((part.anchor, part.heading) for part in self.parts)

    @property
    def banner_lines(self) -> tuple[tuple[str, str], ...]:
        """Each banner line with its style.

        The style is ``draft``, ``tlp-red``, ``tlp-amber``, ``tlp-green``,
        ``tlp-clear`` (TLP's colours) or ``banner-text``.
        """
        return tuple((line, _banner_kind(line)) for line in self.banners)


def _banner_kind(line: str) -> str:
    if line == DRAFT:
        return "draft"
    if line in TLP_LABELS:
        return "tlp-" + line.removeprefix("TLP:").split("+")[0].lower()
    return "banner-text"


def shortcomings(
    analysis: Analysis, ach_blocked: Iterable[str] = (), errors: Iterable[str] = ()
) -> list[str]:
    """What stops ``analysis`` from being briefed without ``--draft``, one sentence each.

    A key judgment needs a likelihood term, a confidence and the basis for it,
    and must stand (IN) in the map's own argument; an ACH section must be
    scoreable, so that its leader goes out with its summary. A map with no
    key judgment has no bottom line.

    Args:
        analysis: the map's analysis.
        ach_blocked: codes of the error findings that keep its ACH matrix from
            being scored (the ``ach`` command's preconditions), if any.
        errors: the map's error findings (``argmap check``), one line each: a
            briefing does not go out on a map that fails its own checks (an
            unknown likelihood term, a quote its source does not hold...).
    """
    graph, labels = analysis.graph, analysis.labelling.labels
    found = list(errors)
    if not graph.key_judgments:
        found.append("the map has no key judgment (key: true): no bottom line to state")
    elif not (graph.map.bottom_line or "").strip():
        found.append("the map has no bottom_line: the answer first, in one or two sentences")
    for sid in graph.key_judgments:
        statement = graph.statements[sid]
        if not statement.likelihood and not statement.fact:
            found.append(f"key judgment {sid} has no likelihood term (nor fact: true)")
        if statement.confidence is None:
            found.append(f"key judgment {sid} has no confidence")
        elif not (statement.confidence_basis or "").strip():
            found.append(f"key judgment {sid} states its confidence without the basis for it")
        if labels.get(sid) != Label.IN:
            found.append(f"key judgment {sid} is {labels.get(sid)} in the map's own argument")
    codes = ", ".join(sorted(set(ach_blocked)))
    if graph.ach is not None and codes:
        found.append(f"the ACH matrix cannot be scored ({codes}), so its leader cannot go out with a summary")
    return found


def build_briefing(
    analysis: Analysis,
    result: AchResult | None,
    *,
    banner: str = "",
    draft: bool = False,
    ach_blocked: Iterable[str] = (),
    errors: Iterable[str] = (),
    summary_svg: str = "",
    full_svg: str = "",
    sheets: Iterable[str] = (),
) -> Briefing:
    """The briefing of ``analysis``.

    Args:
        analysis: the map's analysis.
        result: its scored ACH matrix, or None (no ACH section, or one that
            cannot be scored).
        banner: the handling banner (:func:`banner_text`), or ``""`` for the
            map's own (``map.banner``), if any.
        draft: a draft: shows what :func:`shortcomings` finds under a DRAFT banner.
        ach_blocked: as for :func:`shortcomings`.
        errors: as for :func:`shortcomings`.
        summary_svg: the summary view as interactive SVG (``""``: no diagram).
        full_svg: the whole map as interactive SVG.
        sheets: the summary view cut to fit the printed page (:mod:`argmap.paging`).

    Returns:
        The :class:`Briefing`; its parts hold only sections with data.

    Raises:
        ValueError: the banner starts with TLP but names no TLP label (:func:`~argmap.model.banner_text`).
    """
    graph = analysis.graph
    facts = assumption_facts(analysis)
    ach = ach_report(result, graph) if result is not None else None
    tables = {  # each tradecraft table made once: its sections go in a part, its palette in the page
        "assumptions": assumptions_report(analysis)
        if any(s.kind == StatementKind.ASSUMPTION for s in graph.statements.values())
        else None,
        "indicators": indicators_report(analysis) if graph.model.indicators else None,
        "sources": sources_report(analysis) if graph.sources else None,
    }
    parts = [
        _ach_part(analysis, result, ach),
        _alternatives_part(analysis, result),
        _part("Key assumptions", "assumptions", tables["assumptions"].sections)
        if tables["assumptions"]
        else None,
        _part("Indicators to watch", "indicators", tables["indicators"].sections)
        if tables["indicators"]
        else None,
        _sources_part(analysis, tables["sources"]) if tables["sources"] else None,
        _gaps_part(analysis),
        _scales_part(analysis),
    ]
    palette = _palette([ach, *tables.values()])
    return Briefing(
        title=visible(graph.map.title, multiline=True),
        banner=visible(banner_text(banner or graph.map.banner or "")),
        fields=tuple(_fields(analysis)),
        bottom_line=_one_line(graph.map.bottom_line or ""),
        judgments=tuple(
            _judgment(analysis, sid, facts) for sid in sorted(graph.key_judgments, key=natural_key)
        ),
        parts=tuple(part for part in parts if part is not None),
        palette=palette,
        shortcomings=tuple(_one_line(p) for p in shortcomings(analysis, ach_blocked, errors))
        if draft
        else (),
        draft=draft,
        summary_svg=summary_svg,
        full_svg=full_svg,
        sheets=tuple(sheets),
    )


def _palette(reports: list[Report | None]) -> tuple[Style, ...]:
    """The cell styles of the reports the briefing holds, each name once."""
    seen: dict[str, Style] = {}
    for report in reports:
        for style in report.palette if report is not None else ():
            seen.setdefault(style.name, style)
    return tuple(seen.values())


def _fields(analysis: Analysis) -> Iterable[Field]:
    info = analysis.graph.map
    cutoff = analysis.graph.information_cutoff
    for label, value in (
        ("Question", info.question),
        ("Author", info.author),
        ("Date", str(info.date) if info.date else None),
        ("Information cutoff", _cutoff_words(cutoff, info.date) if cutoff else None),
        ("Caveat", info.caveat),
    ):
        if value:
            yield Field(label, " ".join(str(value).split()))


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _date_words(value: str) -> str:
    """``2025-01-19`` → ``19 January 2025``; ``2024-12`` → ``December 2024``; ``2024`` as it is."""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return value


def _cutoff_words(cutoff: str, briefed: datetime.date | None) -> str:
    """The information cutoff in words, and how long before the briefing's date it ends."""
    try:
        words = " to ".join(_date_words(part) for part in cutoff.split("/"))
        end = date_bounds(cutoff)[1]
    except (ValueError, IndexError):
        return cutoff
    if briefed is None or briefed <= end:
        return words
    months = (briefed.year - end.year) * 12 + briefed.month - end.month
    age = f"{months} months" if months > 1 else f"{(briefed - end).days} days"
    return f"{words}: {age} before this briefing's date"


def _judgment(analysis: Analysis, sid: str, facts: list[AssumptionFacts]) -> KeyJudgment:
    graph = analysis.graph
    statement = graph.statements[sid]
    scale = SCALES[graph.map.scale]
    term = scale.term(statement.likelihood) if statement.likelihood else None
    band = f"{term.band} on the {scale.label} scale" if term else ""
    watches, together = _watches(analysis, facts, sid)
    return KeyJudgment(
        sid=sid,
        text=_one_line(statement.text),
        likelihood=_one_line(statement.likelihood or ""),
        band=band,
        said=_one_line(" … ".join(statement.estimative)),
        reading=read_not_said(statement.likelihood or "", statement.estimative),
        confidence=str(statement.confidence) if statement.confidence else "",
        basis=_one_line(statement.confidence_basis or ""),
        label=str(analysis.labelling.labels.get(sid, "")),
        fact=statement.fact,
        probability=f"{statement.probability:.0%}".replace("%", " %")
        if statement.probability is not None
        else "",
        watches=watches,
        together=together,
        unsupported=tuple(a for a in analysis.unsupported_assumptions if a in analysis.grounds(sid)),
    )


def _one_line(text: str) -> str:
    return visible(one_line(text))


def _watches(analysis: Analysis, facts: list[AssumptionFacts], sid: str) -> tuple[tuple[Watch, ...], bool]:
    """The assumptions whose failure alone leaves ``sid`` without support, and whether only together.

    Those that do once the unsupported assumptions fail too where no single
    one does; read off the Key Assumptions Check's what-if evaluations
    (:func:`argmap.report.tradecraft.assumption_facts`), most load-bearing first.
    """
    alone = [fact.assumption for fact in facts if any(k == sid for k, _, _ in fact.if_false)]
    later = [fact.assumption for fact in facts if any(k == sid for k, _, _ in fact.once_unsupported_fail)]
    chosen = alone or later
    statements = analysis.graph.statements
    watches = tuple(
        Watch(a, _one_line(statements[a].text), _one_line(statements[a].undermined_by or "")) for a in chosen
    )
    return watches, not alone and bool(later)


def _part(heading: str, anchor: str, sections: Iterable[Section], intro: tuple[str, ...] = ()) -> Part | None:
    """A part with the sections that have data (an empty part is left out, not shown empty)."""
    shown = tuple(s for s in sections if s.shown(full=True) and not s.is_empty(full=True))
    return Part(heading, anchor, shown, intro) if shown else None


def _ach_part(analysis: Analysis, result: AchResult | None, report: Report | None) -> Part | None:
    if result is None or report is None:
        return None
    wanted = (
        "Summary",
        "Hypotheses, in the map's order",
        "Matrix",
        "Ties",
        "Cell notes",
        "Not scored",
        "Legend",
    )
    chosen = [s for name in wanted for s in report.sections if s.heading == name]
    at = next((n for n, s in enumerate(chosen) if s.heading == "Ties"), len(chosen))
    chosen.insert(at + 1, _ranking_changes(analysis, result))
    intro = (
        f"Scored under the {result.profile.value} profile. {PROFILE_EXPLANATION[result.profile]} "
        f"Score: {SCORE_MEANING[result.profile]}.",
    )
    return _part("Competing hypotheses (ACH)", "ach", chosen, intro)


def _ranking_changes(analysis: Analysis, result: AchResult) -> Section:
    """What would change the ranking: rows whose removal would, flips of cells the map argues over.

    A cell the map argues over is one with a note; the other single-rating
    flips that would change the top are counted, not listed.
    """
    graph, sensitivity = analysis.graph, result.sensitivity
    noted = set(result.matrix.cell_notes)
    items = [
        Item(f"{_row_text(graph, change.row)}: left out, {change.describe()}.", lead=change.row)
        for change in sensitivity.left_out
    ]
    argued = [c for c in sensitivity.flips if (c.row, c.hypothesis) in noted]
    items += [Item(f"{change.describe()}: a cell the map argues over (it has a note).") for change in argued]
    others = [c for c in sensitivity.flips if (c.row, c.hypothesis) not in noted]
    if others:
        rows = len({c.row for c in others})
        items.append(
            Item(
                f"{len(others)} other single ratings, on {rows} rows, would change the top if moved one "
                "step; the ACH report lists them.",
                lead="Besides",
            )
        )
    return Section(
        "What would change the ranking",
        items=tuple(items),
        caption="Rows on which the top of the ranking hangs: left out, or one rating moved one step.",
        empty="Nothing: no single row left out or rating moved one step changes the top of the ranking.",
    )


def _row_text(graph: ArgumentGraph, row: str) -> str:
    statement = graph.statements.get(row)
    if statement is None:
        return row
    credibility = f", credibility {statement.ach_credibility}" if statement.ach_credibility else ""
    return f"“{_one_line(statement.text)}” ({statement.kind}{credibility})"


def _alternatives_part(analysis: Analysis, result: AchResult | None) -> Part | None:
    """Each hypothesis: rank, score, and whether it leads (on what) or one change brings it to the top.

    Ranks are competition ranks (1, 1, 3), as in the matrix.
    """
    if result is None:
        return None
    graph, summary = analysis.graph, result.summary
    ranks = competition_ranks(result)
    reachable: dict[str, list[str]] = {}
    for change in (*summary.single_flips, *summary.single_left_out):
        for hid in change.new_top:
            reachable.setdefault(hid, []).append(change.describe())
    hanging = [change.row for change in result.sensitivity.left_out]
    items = []
    for hid in result.ranking:
        text = _one_line(graph.statements[hid].text)
        tied = [h for h in result.ranking if h != hid and ranks[h] == ranks[hid]]
        rank = f"rank {ranks[hid]}" + (f" (tied with {', '.join(tied)})" if tied else "")
        if hid in summary.leaders:
            why = (
                "leads" if not tied else "shares the lead; a single rating that separates the tied decides it"
            )
            if hanging:
                why += f"; the top hangs on {', '.join(hanging)}: left out, the ranking changes"
        elif hid in reachable:
            why = f"in play: one change brings it to the top ({reachable[hid][0]})"
        else:
            why = "behind: no single rating or row brings it to the top"
        items.append(Item(f"{text} — {rank}, score {result.scores[hid]:g}; {why}.", lead=hid))
    section = Section("Hypotheses and where they stand", items=tuple(items))
    return _part("Alternatives", "alternatives", [section])


def _sources_part(analysis: Analysis, report: Report) -> Part | None:
    graph = analysis.graph
    quotes = [
        Item(f"“{' '.join(quote.split())}” ({', '.join(statement.source) or 'no source'})", lead=sid)
        for sid, statement in sorted(graph.statements.items(), key=lambda pair: natural_key(pair[0]))
        for quote in statement.quote
    ]
    sections = [*report.sections, Section("Quotes used", items=tuple(quotes))]
    return _part("Sources", "sources", sections)


def _gaps_part(analysis: Analysis) -> Part | None:
    """What the map does not know, as collection needs.

    Key judgments with no evidence item beneath them or on one source, the
    ungraded or ungradable sources they rest on, unsupported assumptions,
    indicators never assessed.
    """
    graph = analysis.graph
    items = []
    for sid in sorted(graph.key_judgments, key=natural_key):
        grounds = analysis.grounds(sid)
        if not any(graph.statements[g].kind == StatementKind.EVIDENCE for g in grounds):
            items.append(
                Item("no evidence item among its grounds: it rests on claims and assumptions", lead=sid)
            )
        sources = analysis.cited_sources(sid)
        if len(sources) == 1:
            items.append(Item(f"rests on one source only ({next(iter(sources))})", lead=sid))
    cited = (
        set().union(*(analysis.cited_sources(k) for k in graph.key_judgments))
        if graph.key_judgments
        else set()
    )
    for source_id in sorted(cited, key=natural_key):
        source = graph.sources.get(source_id)
        if source is not None and source.reliability in (None, Reliability.F):
            grade = "is not graded" if source.reliability is None else "cannot be judged (F)"
            title = _one_line(source.title or "")
            items.append(
                Item(f"the key judgments rest on it, and its reliability {grade}: {title}", lead=source_id)
            )
    for sid in analysis.unsupported_assumptions:
        items.append(Item(f"assumption rated unsupported: {_one_line(graph.statements[sid].text)}", lead=sid))
    indicators = graph.model.indicators
    unassessed = [i for i in indicators.values() if i.status == IndicatorStatus.NOT_ASSESSED]
    if unassessed:
        how_many = "none" if len(unassessed) == len(indicators) else f"{len(indicators) - len(unassessed)}"
        since = "assessed against events since the information cutoff"
        items.append(Item(f"{how_many} of the {len(indicators)} indicators {since}", lead="Indicators"))
    return _part("Information gaps", "gaps", [Section("Gaps", items=tuple(items))])


def _scales_part(analysis: Analysis) -> Part | None:
    graph = analysis.graph
    scale = SCALES[graph.map.scale]
    used = {scale.term(s.likelihood) for s in graph.statements.values() if s.likelihood}
    terms = tuple(
        Item(f"{term.band}{' (used here)' if term in used else ''}", lead=term.words)
        for term in scale.terms
        if term.row == 1
    )
    confidence = tuple(Item(meaning, lead=str(level)) for level, meaning in CONFIDENCE_MEANING.items())
    sections = [
        Section(
            f"Likelihood: {scale.title}",
            paragraphs=("A likelihood term says how probable a judgment is; these are its bands.",),
            items=terms,
        ),
        Section(
            "Confidence",
            paragraphs=("Confidence rates the basis of a judgment, not its probability (ICD 203).",),
            items=confidence,
        ),
    ]
    sections.append(_grades_section(analysis))
    return _part("Estimative language and grades", "scales", sections)


def _grades_section(analysis: Analysis) -> Section:
    """The Admiralty grades and Key Assumptions Check ratings the map uses, in words."""
    graph = analysis.graph
    used = {source.reliability for source in graph.sources.values() if source.reliability}
    used |= {s.credibility for s in graph.statements.values() if s.credibility}
    used |= {s.rating for s in graph.statements.values() if s.rating}
    items = tuple(
        Item(meaning, lead=f"{grade.value} ({system})")
        for system, names in (
            ("source reliability", grades.RELIABILITY_NAMES),
            ("information credibility", grades.CREDIBILITY_NAMES),
            ("Key Assumptions Check", grades.RATING_MEANING),
        )
        for grade, meaning in names.items()
        if grade in used
    )
    return Section(
        "Grades used",
        paragraphs=(
            "Sources are graded on the Admiralty system (NATO AJP-2.1): the source's reliability A-F and "
            "the information's credibility 1-6, two separate axes; F and 6 mean cannot be judged, not "
            "worst. Assumptions are rated in a Key Assumptions Check (Heuer and Pherson).",
        )
        if items
        else (),
        items=items,
    )


# ----------------------------------------------------------------------------- output


def environment(templates: Path | None = None, *, markdown: bool = False) -> jinja2.Environment:
    """The Jinja2 environment of the briefing's templates, ``templates`` first if given.

    A user's templates run sandboxed (:class:`jinja2.sandbox.SandboxedEnvironment`):
    a template can shape the page but cannot reach Python. HTML is
    autoescaped; Markdown escapes through the ``md`` filter.
    """
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from argmap.report import markdown as markdown_renderer
    from argmap.text import markdown as markdown_text

    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("argmap", "templates")]
    if templates is not None:
        loaders.insert(0, _folder_loader(templates))
    environment = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=not markdown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = markdown_text
    environment.globals["section_markdown"] = lambda section, level=3, heading=True: "\n".join(
        markdown_renderer.section_lines(section, level, full=True, heading=heading)
    )
    return environment


def _folder_loader(folder: Path) -> jinja2.BaseLoader:
    """Templates read from ``folder`` only: a link inside it that leads elsewhere is refused."""
    import jinja2

    root = folder.resolve()

    class FolderLoader(jinja2.FileSystemLoader):
        def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
            source, filename, uptodate = super().get_source(environment, template)
            if not Path(filename).resolve().is_relative_to(root):
                raise jinja2.TemplateError(f"{template} leads outside {folder}")
            return source, filename, uptodate

    return FolderLoader(str(folder))


def to_html(
    briefing: Briefing, templates: Path | None = None, page: tuple[float, float] = (595.0, 842.0)
) -> str:
    """The briefing as one self-contained HTML page (``brief.html.j2``).

    ``page`` is the printed page's width and height in points (A4 landscape
    by default), for the print stylesheet.

    Raises:
        jinja2.TemplateError: a user's template is broken.
    """
    from argmap.printing import MARGIN
    from argmap.report.html import column_rules

    numbered: dict[str, list[tuple[int, Section]]] = {}
    rules: list[str] = []
    number = 0
    for part in briefing.parts:
        for section in part.sections:
            number += 1
            numbered.setdefault(part.anchor, []).append((number, section))
            if section.table is not None:
                rules += column_rules(section.table, number)
    template = environment(templates).get_template("brief.html.j2")
    return template.render(brief=briefing, numbered=numbered, column_rules=rules, page=page, margin=MARGIN)


def to_markdown(briefing: Briefing, templates: Path | None = None) -> str:
    """The briefing as Markdown (``brief.md.j2``), every user text escaped.

    Raises:
        jinja2.TemplateError: a user's template is broken.
    """
    template = environment(templates, markdown=True).get_template("brief.md.j2")
    return template.render(brief=briefing)


def to_pdf(briefing: Briefing, html_text: str, page: tuple[float, float]) -> bytes:
    """The briefing's HTML printed by Chromium, the banner atop and below every page with "page N of M".

    Raises:
        PrintingFailed: Debian's Chromium is missing or could not print.
    """
    from argmap.printing import PAGE_NUMBER, page_box, print_pdf

    banner = " · ".join(briefing.banners)
    header = page_box(banner or briefing.title)
    footer = page_box(f"{banner} · " if banner else "", PAGE_NUMBER)
    return print_pdf(html_text, page[0], page[1], header, footer)
