"""The tradecraft tables: Quality of Information, Key Assumptions Check, Indicators.

Each table is a *producer* (an analysis in, a :class:`~argmap.report.model.Report`
out) and a *data* function (plain JSON-ready data, not layout), registered
in :data:`TABLES` by the name of its command (``argmap sources``,
``argmap assumptions``, ``argmap indicators``). Every format comes from the
report layer. What rests on what is computed from the map's evaluation
(:meth:`argmap.analysis.Analysis.grounds`, what-ifs), never typed.

* **sources** — the Tradecraft Primer's Quality of Information Check: each
  source with its Admiralty reliability, kind, date and cutoff; the evidence
  drawn from it by type; the key judgments resting on it; and flags for a
  key judgment resting on that source alone, on its own assessments alone,
  or on information older than the map's horizon (``stale_after_days``).
* **assumptions** — Heuer and Pherson's Key Assumptions Check: rating, why,
  what would undermine it, the impact stated, the key judgments resting on
  it and what assuming it false changes; most load-bearing first.
* **indicators** — each indicator with its window, status and what each
  hypothesis expects of it, which hypothesis it points to, and per
  hypothesis the indicators to watch.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from argmap.analysis import Analysis
from argmap.checks.indicators import points_to
from argmap.grades import CREDIBILITY_NAMES, RATING_MEANING, RELIABILITY_NAMES
from argmap.model import (
    AssumptionRating,
    Credibility,
    EvidenceType,
    Expectation,
    Impact,
    StatementKind,
    date_bounds,
    span_text,
)
from argmap.report.model import Cell, Column, Field, Item, Report, Section, Style, Table
from argmap.text import shorten, visible
from argmap.vocabulary import TABLE_COMMANDS

TYPE_NAMES: dict[str, tuple[str, str, str]] = {
    EvidenceType.EVENT.value: ("reported event", "reported events", "event"),
    EvidenceType.ATTRIBUTED.value: ("attributed statement", "attributed statements", "attributed"),
    EvidenceType.ASSESSMENT.value: (
        "assessment by the source itself",
        "assessments by the source itself",
        "assessment",
    ),
    "untyped": ("untyped item", "untyped items", "untyped"),
}
"""How each evidence type is counted in the sources table: singular, plural, and for the terminal."""


def _counts(evidence: dict[str, list[str]]) -> Cell:
    """The evidence counts in words ("1 reported event"), and briefer for the terminal ("1 event")."""
    if not evidence:
        return Cell("none")
    long, short = [], []
    for kind, ids in evidence.items():
        singular, plural, brief = TYPE_NAMES.get(kind, (kind, kind, kind))
        long.append(f"{len(ids)} {singular if len(ids) == 1 else plural}")
        short.append(f"{len(ids)} {brief}")
    return Cell("; ".join(long), short=", ".join(short))


EXPECTATION_STYLES = (
    Style("x-highly-likely", "#1B7837", "#FFFFFF", bold=True),
    Style("x-likely", "#A6DBA0", "#1F2328"),
    Style("x-could", "#E4E6EA", "#1F2328"),
    Style("x-unlikely", "#F4A582", "#1F2328"),
    Style("x-highly-unlikely", "#B2182B", "#FFFFFF", bold=True),
)
"""Cell colours of the indicator matrix, from highly likely (green) to highly unlikely (red)."""


EXPECTATION_MEANING: dict[Expectation, str] = {
    Expectation.HIGHLY_LIKELY: "should appear if the hypothesis is true; its absence counts against it",
    Expectation.LIKELY: "would probably appear if the hypothesis is true",
    Expectation.COULD: "may or may not appear: says little about the hypothesis",
    Expectation.UNLIKELY: "would probably not appear if the hypothesis is true",
    Expectation.HIGHLY_UNLIKELY: "should not appear if the hypothesis is true; seeing it counts against it",
}
"""What each expectation says, for the indicator legend."""


HEADER_TEXT = 90
"""Longest hypothesis text in a column header; the "Hypotheses" section gives it whole."""


def _style(expectation: Expectation) -> str:
    return "x-" + expectation.value.replace(" ", "-")


def _fields(analysis: Analysis) -> tuple[Field, ...]:
    """The map's question and information cutoff, which every product states."""
    info = analysis.graph.map
    fields = [Field("Map", visible(info.title, multiline=True))]
    if info.question:
        fields.append(Field("Question", visible(info.question, multiline=True)))
    if info.caveat:
        fields.append(Field("Caveat", visible(info.caveat, multiline=True)))
    cutoff = analysis.graph.information_cutoff
    fields.append(Field("Information cutoff", span_text(cutoff) if cutoff else "not stated"))
    return tuple(fields)


def _ids(ids: list[str] | tuple[str, ...]) -> str:
    return ", ".join(ids) if ids else "–"


def _date(value: datetime.date | str | None) -> str:
    """A date or a date span for reading; empty if none."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, datetime.date) else span_text(value)


# ----------------------------------------------------------------------------- sources


@dataclass(frozen=True)
class SourceFacts:
    """What the map draws from one source (derived once, read by the table and its data)."""

    source: str
    evidence: dict[str, list[str]]
    """Evidence type (or ``untyped``) → the items of that type citing the source."""
    key_judgments: list[str]
    """Key judgments whose grounds cite the source."""
    only_source: list[str]
    """Key judgments resting on this source and no other."""
    only_assessments: list[str]
    """Key judgments all of whose evidence from this source is its own assessment."""
    stale: list[str]
    """Items (or the source itself) dated before the map's horizon."""


def source_facts(analysis: Analysis) -> list[SourceFacts]:
    """One :class:`SourceFacts` per source, in file order."""
    graph = analysis.graph
    horizon = _horizon(analysis)
    facts = []
    for source_id, source in graph.sources.items():
        citing = [
            sid
            for sid, s in graph.statements.items()
            if source_id in s.source and s.kind == StatementKind.EVIDENCE
        ]
        by_type: dict[str, list[str]] = {}
        for sid in citing:
            kind = graph.statements[sid].evidence_type
            by_type.setdefault(kind.value if kind else "untyped", []).append(sid)
        keys = [k for k in graph.key_judgments if source_id in analysis.cited_sources(k)]
        only = [k for k in keys if analysis.cited_sources(k) == {source_id}]
        assessments = [k for k in keys if _rests_on_assessments(analysis, k, source_id)]
        stale = []
        own = source.cutoff or source.date
        if horizon is not None:
            # An undated item is as old as the source that reports it.
            dated = [("source", own)] + [(sid, graph.statements[sid].date or own) for sid in citing]
            stale = [what for what, when in dated if when is not None and date_bounds(when)[1] < horizon]
        facts.append(SourceFacts(source_id, by_type, keys, only, assessments, stale))
    return facts


def _horizon(analysis: Analysis) -> datetime.date | None:
    info = analysis.graph.map
    if info.stale_after_days is None:
        return None
    try:
        return (info.date or datetime.date.today()) - datetime.timedelta(days=info.stale_after_days)
    except OverflowError:  # a map dated in the first years of the calendar: nothing is older
        return datetime.date.min


def _rests_on_assessments(analysis: Analysis, key: str, source_id: str) -> bool:
    statements = analysis.graph.statements
    evidence = [
        statements[s]
        for s in analysis.grounds(key)
        if statements[s].kind == StatementKind.EVIDENCE and source_id in statements[s].source
    ]
    return bool(evidence) and all(s.evidence_type == EvidenceType.ASSESSMENT for s in evidence)


def sources_report(analysis: Analysis) -> Report:
    """The Quality of Information table: sources, the evidence drawn from each, and flags."""
    graph = analysis.graph
    facts = source_facts(analysis)
    rows = []
    for fact in facts:
        source = graph.sources[fact.source]
        rows.append(
            (
                Cell(fact.source),
                Cell(source.title),
                Cell(
                    " / ".join(part for part in (source.author, source.outlet) if part)
                    or "unknown (not stated)"
                ),
                Cell(source.kind.value if source.kind else "not stated"),
                Cell(
                    f"{source.reliability.value}: {RELIABILITY_NAMES[source.reliability]}",
                    short=source.reliability.value,
                ),
                Cell(_date(source.date)),
                Cell(_date(source.cutoff)),
                _counts(fact.evidence),
                Cell(_ids(fact.key_judgments)),
                Cell(source.url or ""),
            )
        )
    columns = (
        Column("id", "Source", width=8),
        Column("title", "Title", width=40, shorten=True),
        Column("author", "Author / outlet", short_title="By", width=24, shorten=True),
        Column("kind", "Kind", width=16),
        Column("reliability", "Reliability (Admiralty)", short_title="Rel.", width=22),
        Column("date", "Date", width=12),
        Column("cutoff", "Information cutoff", short_title="Cutoff", width=12),
        Column("evidence", "Evidence drawn", short_title="Evidence", width=30, shorten=True),
        Column(
            "key_judgments", "Key judgments resting on it", short_title="Judgments", width=16, shorten=True
        ),
        Column("url", "Link", width=30, shorten=True, optional=True),
    )
    table = Table("Sources", columns, rows=tuple(rows))
    evidence_table = _evidence_table(analysis)
    flags = _source_flags(analysis, facts)
    return Report(
        "Quality of information",
        _fields(analysis) + _grading_rule(analysis),
        (
            Section("Sources", table=table, caption="Each source with its grade, kind, date and cutoff."),
            Section(
                "Source summaries",
                items=tuple(
                    Item(source.summary, lead=sid) for sid, source in graph.sources.items() if source.summary
                ),
                caption="The sourcing: strengths, weaknesses, what corroborates, what conflicts (ICD 206).",
            ),
            Section("Evidence by source", table=evidence_table, empty="None: the map has no evidence."),
            Section(
                "Flags",
                items=flags,
                empty="None: no judgment rests on one source, on assessments alone, or on old information.",
            ),
            Section(
                "Reading the grades",
                items=tuple(Item(meaning, lead=grade.value) for grade, meaning in RELIABILITY_NAMES.items()),
                caption="Admiralty source reliability; F means unknown, not worst.",
            ),
            Section(
                "Reading the credibility",
                items=tuple(Item(meaning, lead=grade.value) for grade, meaning in CREDIBILITY_NAMES.items()),
                caption="Admiralty information credibility; 6 means unknown, not worst.",
            ),
        ),
    )


def _grading_rule(analysis: Analysis) -> tuple[Field, ...]:
    """The map's own grading rule (``credibility_rule``) as a field, if it states one."""
    rule = analysis.graph.map.credibility_rule
    if not rule:
        return ()
    parts = [f"{kind.value} {grade.value}" for kind, grade in rule.items()]
    return (Field("Grading rule (credibility by evidence type)", ", ".join(parts)),)


def _evidence_table(analysis: Analysis) -> Table | None:
    graph = analysis.graph
    rows = []
    for sid, statement in graph.statements.items():
        if statement.kind != StatementKind.EVIDENCE:
            continue
        said = ", ".join(part for part in (statement.attributed_to, _date(statement.date)) if part)
        rows.append(
            (
                Cell(sid),
                Cell(", ".join(statement.source) or "none"),
                Cell(statement.evidence_type.value if statement.evidence_type else "not stated"),
                _credibility_cell(statement.credibility),
                Cell(said),
                Cell(statement.text),
                Cell(_ids(statement.corroborated_by)),
            )
        )
    if not rows:
        return None
    columns = (
        Column("id", "ID", width=8),
        Column("source", "Source", width=10),
        Column("type", "Type", width=12),
        Column("credibility", "Credibility", short_title="Cr.", width=10),
        Column("said", "Who / when", width=20, shorten=True),
        Column("text", "Evidence", width=60, shorten=True),
        Column("corroborated_by", "Corroborated by", short_title="Corr.", width=14),
    )
    return Table("Evidence", columns, rows=tuple(rows))


def _verb(ids: list[str], singular: str, plural: str) -> str:
    """The verb agreeing with a list of ids: "C1 rests", "C1, C2 rest"."""
    return singular if len(ids) == 1 else plural


def _credibility_cell(credibility: Credibility | None) -> Cell:
    """A credibility grade, a number in spreadsheets."""
    if credibility is None:
        return Cell("")
    return Cell(credibility.value, number=int(credibility.value))


def _source_flags(analysis: Analysis, facts: list[SourceFacts]) -> tuple[Item, ...]:
    items = []
    for fact in facts:
        if fact.only_source:
            rests = _verb(fact.only_source, "rests", "rest")
            items.append(Item(f"{_ids(fact.only_source)} {rests} on this source alone", lead=fact.source))
        if fact.only_assessments:
            rests = _verb(fact.only_assessments, "rests", "rest")
            items.append(
                Item(f"{_ids(fact.only_assessments)} {rests} only on its own assessments", lead=fact.source)
            )
        if fact.stale:
            info = analysis.graph.map
            since = "the map's date" if info.date else "today (the map has no date)"
            items.append(
                Item(
                    f"older than {info.stale_after_days} days before {since}: {_ids(fact.stale)}",
                    lead=fact.source,
                )
            )
    return tuple(items)


def _map_data(analysis: Analysis) -> dict[str, Any]:
    """What every table's JSON says of the map: title, question, caveat and information cutoff."""
    info = analysis.graph.map
    return {
        "map": visible(info.title, multiline=True),
        "question": visible(info.question, multiline=True) or None,
        "caveat": visible(info.caveat, multiline=True) or None,
        "information_cutoff": analysis.graph.information_cutoff,
    }


def _evidence_data(analysis: Analysis) -> list[dict[str, Any]]:
    """Every evidence item as in the "Evidence by source" table."""
    return [
        {
            "id": sid,
            "sources": list(statement.source),
            "evidence_type": statement.evidence_type.value if statement.evidence_type else None,
            "credibility": statement.credibility.value if statement.credibility else None,
            "attributed_to": statement.attributed_to,
            "date": _date(statement.date) or None,
            "text": statement.text,
            "corroborated_by": list(statement.corroborated_by),
        }
        for sid, statement in analysis.graph.statements.items()
        if statement.kind == StatementKind.EVIDENCE
    ]


def sources_data(analysis: Analysis) -> dict[str, Any]:
    """The sources table as JSON-ready data."""
    graph = analysis.graph
    return {
        **_map_data(analysis),
        "evidence": _evidence_data(analysis),
        "sources": [
            {
                "id": fact.source,
                "title": graph.sources[fact.source].title,
                "author": graph.sources[fact.source].author,
                "outlet": graph.sources[fact.source].outlet,
                "kind": graph.sources[fact.source].kind.value if graph.sources[fact.source].kind else None,
                "reliability": graph.sources[fact.source].reliability.value,
                "date": _date(graph.sources[fact.source].date) or None,
                "cutoff": _date(graph.sources[fact.source].cutoff) or None,
                "url": graph.sources[fact.source].url,
                "summary": graph.sources[fact.source].summary,
                "evidence": fact.evidence,
                "key_judgments": fact.key_judgments,
                "only_source_of": fact.only_source,
                "only_assessments_of": fact.only_assessments,
                "stale": fact.stale,
            }
            for fact in source_facts(analysis)
        ],
    }


# ----------------------------------------------------------------------------- assumptions


@dataclass(frozen=True)
class AssumptionFacts:
    """What rests on one assumption (derived from the evaluation)."""

    assumption: str
    key_judgments: list[str]
    """Key judgments whose grounds include it."""
    resting: list[str]
    """Every statement whose grounds include it."""
    if_false: list[tuple[str, str, str]]
    """Key judgments assuming it false changes: (id, label now, label then)."""
    once_unsupported_fail: list[tuple[str, str, str]]
    """Key judgments it changes once the unsupported assumptions are rejected too (same form)."""


IMPACT_ORDER = {Impact.HIGH: 0, Impact.MODERATE: 1, Impact.LOW: 2, None: 3}
"""Stated impact, highest first, for ranking assumptions."""

RATING_ORDER = {
    AssumptionRating.UNSUPPORTED: 0,
    AssumptionRating.CAVEATED: 1,
    AssumptionRating.SOLID: 2,
    None: 3,
}
"""Key Assumptions Check ratings, weakest first: the key uncertainties lead."""


def assumption_facts(analysis: Analysis) -> list[AssumptionFacts]:
    """One :class:`AssumptionFacts` per assumption, most load-bearing first.

    Ranked by the key judgments assuming it false changes, then its stated
    impact, then its rating (unsupported first), then how much rests on it;
    ties in file order.
    """
    graph = analysis.graph
    facts = []
    for sid, statement in graph.statements.items():
        if statement.kind != StatementKind.ASSUMPTION:
            continue
        resting = analysis.resting_on(sid)
        keys = [k for k in graph.key_judgments if k in resting]
        changes = [(k, str(a), str(b)) for k, a, b in analysis.changed_key_judgments([sid])]
        later = [(k, str(a), str(b)) for k, a, b in analysis.changed_once_unsupported_fail(sid)]
        facts.append(AssumptionFacts(sid, keys, resting, changes, later))
    statements = graph.statements

    def rank(fact: AssumptionFacts) -> tuple[int, int, int, int, int]:
        statement = statements[fact.assumption]
        impact, rating = IMPACT_ORDER[statement.impact], RATING_ORDER[statement.rating]
        return (-len(fact.if_false), -len(fact.once_unsupported_fail), impact, rating, -len(fact.resting))

    return sorted(facts, key=rank)


def _necessary_for(fact: AssumptionFacts, analysis: Analysis) -> str:
    """``C1 IN → OUT``, or ``C1 IN → OUT once A11 (unsupported) fails``, or ``none``.

    Names only the unsupported assumptions the changed key judgments rest on.
    """
    if fact.if_false:
        return "; ".join(f"{k} {a} → {b}" for k, a, b in fact.if_false)
    if fact.once_unsupported_fail:
        changed = [k for k, _, _ in fact.once_unsupported_fail]
        unsupported = [
            u for u in analysis.unsupported_assumptions if any(u in analysis.grounds(k) for k in changed)
        ] or list(analysis.unsupported_assumptions)
        which = ", ".join(unsupported)
        fails = "fails" if len(unsupported) == 1 else "fail"
        changes = "; ".join(f"{k} {a} → {b}" for k, a, b in fact.once_unsupported_fail)
        return f"{changes} once {which} (unsupported) {fails}"
    return "none"


def assumptions_report(analysis: Analysis) -> Report:
    """The Key Assumptions Check table, most load-bearing assumption first."""
    graph = analysis.graph
    rows = []
    for fact in assumption_facts(analysis):
        statement = graph.statements[fact.assumption]
        changes = _necessary_for(fact, analysis)
        necessary = {change[0] for change in (*fact.if_false, *fact.once_unsupported_fail)}
        contributes = [k for k in fact.key_judgments if k not in necessary]
        rows.append(
            (
                Cell(fact.assumption),
                Cell(statement.text),
                Cell(statement.rating.value if statement.rating else "not rated"),
                Cell(statement.why or ""),
                Cell(statement.undermined_by or ""),
                Cell(statement.impact.value if statement.impact else "not stated"),
                Cell(statement.impact_if_wrong or ""),
                Cell(changes),
                Cell(_ids(contributes)),
                Cell(str(len(fact.resting)), number=len(fact.resting)),
            )
        )
    columns = (
        Column("id", "ID", width=6),
        Column("assumption", "Assumption", width=40, shorten=True),
        Column("rating", "Rating", width=12),
        Column("why", "Why", width=40, shorten=True, optional=True),
        Column(
            "undermined_by",
            "Would be undermined by",
            short_title="Undermined by",
            width=30,
            shorten=True,
            optional=True,
        ),
        Column("impact", "Impact (stated)", short_title="Impact", width=10),
        Column(
            "impact_if_wrong",
            "Impact if wrong (stated)",
            short_title="Impact if wrong",
            width=30,
            shorten=True,
        ),
        Column("necessary_for", "Necessary for: if assumed false", short_title="Necessary for", width=24),
        Column(
            "contributes_to", "Contributes to (other key judgments)", short_title="Contributes to", width=14
        ),
        Column("resting", "Statements resting on it", short_title="Resting", align="right", width=10),
    )
    table = Table("Key assumptions", columns, rows=tuple(rows))
    return Report(
        "Key Assumptions Check",
        _fields(analysis),
        (
            Section(
                "Key assumptions",
                table=table,
                caption=(
                    "Most load-bearing first: the key judgments that change if the assumption is assumed "
                    "false (alone, then once the unsupported assumptions have failed too), then the stated "
                    "impact, then the rating (unsupported first). What each is necessary for and "
                    "contributes to is computed from the map's evaluation, not typed."
                ),
                empty="None: the map states no assumption.",
            ),
            Section(
                "Ratings",
                items=tuple(Item(meaning, lead=rating.value) for rating, meaning in RATING_MEANING.items()),
            ),
        ),
    )


def assumptions_data(analysis: Analysis) -> dict[str, Any]:
    """The Key Assumptions Check as JSON-ready data."""
    graph = analysis.graph
    rows = []
    for fact in assumption_facts(analysis):
        statement = graph.statements[fact.assumption]
        rows.append(
            {
                "id": fact.assumption,
                "text": statement.text,
                "rating": statement.rating.value if statement.rating else None,
                "why": statement.why,
                "undermined_by": statement.undermined_by,
                "impact_if_wrong": statement.impact_if_wrong,
                "impact": statement.impact.value if statement.impact else None,
                "key_judgments": fact.key_judgments,
                "resting": fact.resting,
                "if_false": [{"id": k, "now": a, "then": b} for k, a, b in fact.if_false],
                "if_false_once_unsupported_fail": [
                    {"id": k, "now": a, "then": b} for k, a, b in fact.once_unsupported_fail
                ],
            }
        )
    return {**_map_data(analysis), "assumptions": rows}


# ----------------------------------------------------------------------------- indicators


def indicators_report(analysis: Analysis) -> Report:
    """The indicators: a matrix of what each hypothesis expects, then the indicators per hypothesis."""
    graph = analysis.graph
    hypotheses = graph.hypotheses
    indicators = graph.model.indicators
    rows = []
    for nid, indicator in indicators.items():
        cells = [
            Cell(indicator.expect[h].value, style=_style(indicator.expect[h]))
            if h in indicator.expect
            else Cell("")
            for h in hypotheses
        ]
        pointing = [h for h in hypotheses if points_to(indicator.expect, h)]
        rows.append(
            (
                Cell(nid),
                Cell(indicator.text),
                Cell(_window(indicator.window)),
                Cell(indicator.status.value),
                *cells,
                Cell(_ids(pointing) if len(set(indicator.expect.values())) > 1 else "none: not diagnostic"),
            )
        )
    columns = (
        Column("id", "ID", width=6),
        Column("indicator", "Indicator", width=44, shorten=True),
        Column("window", "Window", width=22),
        Column("status", "Status", width=12),
        *(
            Column(
                h,
                h,
                subtitle=shorten(visible(graph.statements[h].text), HEADER_TEXT),
                short_title=h,
                align="center",
                width=14,
            )
            for h in hypotheses
        ),
        Column("points_to", "Points to", width=12),
    )
    table = Table("Indicators", columns, rows=tuple(rows))
    per_hypothesis = tuple(
        Item(_ids([nid for nid, i in indicators.items() if points_to(i.expect, h)]), lead=h)
        for h in hypotheses
    )
    stated = tuple(Item(visible(graph.statements[h].text), lead=h, shorten=True) for h in hypotheses)
    return Report(
        "Indicators",
        _fields(analysis),
        (
            Section(
                "Indicators",
                table=table,
                caption="How likely each indicator is to appear if each hypothesis is true.",
                empty="None: the map names no indicator.",
            ),
            Section("Hypotheses", items=stated, empty="None: the map states no hypothesis."),
            Section(
                "To watch, per hypothesis",
                items=per_hypothesis,
                caption="Indicators more likely under it than under any other.",
            ),
            Section(
                "Expectations",
                items=tuple(Item(EXPECTATION_MEANING[e], lead=e.value, style=_style(e)) for e in Expectation),
            ),
        ),
        EXPECTATION_STYLES,
    )


def _window(window: Any) -> str:
    if window is None:
        return "open"
    start = _date(window.start) or "…"
    end = _date(window.end) or "…"
    return f"{start} to {end}"


def indicators_data(analysis: Analysis) -> dict[str, Any]:
    """The indicators as JSON-ready data."""
    graph = analysis.graph
    return {
        **_map_data(analysis),
        "hypotheses": list(graph.hypotheses),
        "indicators": [
            {
                "id": nid,
                "text": indicator.text,
                "window": {
                    "from": _date(indicator.window.start) or None,
                    "to": _date(indicator.window.end) or None,
                }
                if indicator.window
                else None,
                "status": indicator.status.value,
                "expect": {h: e.value for h, e in indicator.expect.items()},
                "points_to": [h for h in graph.hypotheses if points_to(indicator.expect, h)],
            }
            for nid, indicator in graph.model.indicators.items()
        ],
    }


# ----------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class TableKind:
    """A tradecraft table: its report producer and its JSON data."""

    report: Callable[[Analysis], Report]
    data: Callable[[Analysis], dict[str, Any]]
    help: str


TABLES: dict[str, TableKind] = {
    "sources": TableKind(sources_report, sources_data, TABLE_COMMANDS["sources"]),
    "assumptions": TableKind(assumptions_report, assumptions_data, TABLE_COMMANDS["assumptions"]),
    "indicators": TableKind(indicators_report, indicators_data, TABLE_COMMANDS["indicators"]),
}
"""The tradecraft tables by command name."""
