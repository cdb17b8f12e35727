"""Quality of information rules (Q…): what a source reports is told apart from what it judges.

Evidence has a type (``evidence_type``): a reported ``event``, an
``attributed`` statement (who said it, when), or the source's own
``assessment``. Sources carry their kind, date and information cutoff.
Corroboration is recorded (``corroborated_by``), not asserted, and a map
may state its own grading rule (``map: {credibility_rule: {event: 2, ...}}``).
The Tradecraft Primer's Quality of Information Check asks for all of it.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import Analysis
from argmap.checks.registry import Hit, Severity, rule
from argmap.model import Credibility, EvidenceType, StatementKind
from argmap.standards import EVALUATIVE_WORDS, VAGUE_WORDS, find_words


def _evidence(analysis: Analysis) -> Iterator[tuple[str, object]]:
    for sid, statement in analysis.graph.statements.items():
        if statement.kind == StatementKind.EVIDENCE:
            yield sid, statement


@rule(
    code="Q001",
    name="judgment-typed-as-event",
    severity=Severity.WARNING,
    summary="Evidence typed as a reported event reads as a judgment: judging words, no date, no attribution.",
    rationale=(
        "An author's opinion typed as a reported fact enters the analysis with the weight of a "
        "fact. Words of intention, evaluation or likelihood ('wants', 'important', 'is "
        "expected'), with no date of an event and no one it is attributed to, mark the source's "
        "own assessment: type it 'assessment', or date and attribute what was reported."
    ),
)
def judgment_typed_as_event(analysis: Analysis) -> Iterator[Hit]:
    """Evidence of type ``event`` whose text has evaluative or estimative words and no date or attribution."""
    for sid, statement in analysis.graph.statements.items():
        if statement.evidence_type != EvidenceType.EVENT or statement.date or statement.attributed_to:
            continue
        words = find_words(statement.text, [*EVALUATIVE_WORDS, *VAGUE_WORDS])
        if words:
            yield Hit(
                ("statements", sid, "evidence_type"),
                f"evidence '{sid}' is typed as an event but reads as a judgment ('{', '.join(words)}'), "
                "with no date and no attribution",
                (sid,),
            )


def independent_corroboration(analysis: Analysis, statement_id: str) -> list[str]:
    """The items in ``corroborated_by`` that come from a source the statement itself does not cite."""
    statements = analysis.graph.statements
    own = set(statements[statement_id].source)
    return [
        other
        for other in statements[statement_id].corroborated_by
        if _corroborates(analysis, statement_id, other) and set(statements[other].source) - own
    ]


def _corroborates(analysis: Analysis, statement_id: str, other: str) -> bool:
    """True if ``other`` can corroborate ``statement_id``: another evidence item of the map."""
    statements = analysis.graph.statements
    return other != statement_id and other in statements and statements[other].kind == StatementKind.EVIDENCE


@rule(
    code="Q002",
    name="confirmed-without-corroboration",
    severity=Severity.WARNING,
    summary="An item graded credibility 1 (confirmed) names no independent item that confirms it.",
    rationale=(
        "Admiralty credibility 1 means confirmed by other, independent sources. The grade must "
        "point at them: 'corroborated_by' names the evidence items, and at least one must come "
        "from a source the item itself does not cite. Otherwise grade 2 (probably true)."
    ),
)
def confirmed_without_corroboration(analysis: Analysis) -> Iterator[Hit]:
    """Credibility-1 items whose ``corroborated_by`` names no item from another source."""
    for sid, statement in analysis.graph.statements.items():
        if statement.credibility != Credibility.CONFIRMED:
            continue
        if not independent_corroboration(analysis, sid):
            why = (
                "names no corroborating item"
                if not statement.corroborated_by
                else "names no evidence item from another source"
            )
            yield Hit(
                ("statements", sid, "credibility"), f"'{sid}' is graded confirmed (1) but {why}", (sid,)
            )


@rule(
    code="Q003",
    name="grade-contradicts-map-rule",
    severity=Severity.WARNING,
    summary="An evidence item's credibility differs from the grade the map's own rule gives its type.",
    rationale=(
        "A map that states how it grades ('credibility_rule': events 2, the author's "
        "assessments 3) lets the reader check the grades; an item graded otherwise breaks the "
        "map's word. The rule grades an item on its own: one that records independent "
        "corroboration ('corroborated_by') may be graded better. Otherwise follow the rule, or "
        "change it."
    ),
)
def grade_contradicts_map_rule(analysis: Analysis) -> Iterator[Hit]:
    """Evidence whose credibility is not the one ``map.credibility_rule`` gives its type.

    The rule grades an item on its own; an item that names independent
    corroboration (``corroborated_by``, from another source) may be graded
    better than the rule.
    """
    rule_ = analysis.graph.map.credibility_rule
    for sid, statement in _evidence(analysis):
        expected = rule_.get(statement.evidence_type) if statement.evidence_type else None
        graded = statement.credibility
        raised = graded is not None and expected is not None and int(graded) < int(expected)
        if raised and independent_corroboration(analysis, sid):
            continue
        if expected is not None and statement.credibility != expected:
            given = f"is graded {statement.credibility.value}" if statement.credibility else "has no grade"
            yield Hit(
                ("statements", sid, "credibility"),
                f"'{sid}' ({statement.evidence_type}) {given}; the map's rule grades "
                f"{statement.evidence_type} {expected.value}",
                (sid,),
            )


@rule(
    code="Q004",
    name="evidence-type-missing",
    severity=Severity.WARNING,
    summary="An evidence item does not say whether it is an event, an attributed statement or an assessment.",
    rationale=(
        "What a source reports and what it judges weigh differently: an event can be checked, "
        "an attributed statement tells what someone said, the author's assessment is an opinion. "
        "Set 'evidence_type' so the reader, the quality table and the checks can tell them apart."
    ),
)
def evidence_type_missing(analysis: Analysis) -> Iterator[Hit]:
    """Evidence with no ``evidence_type``."""
    for sid, statement in _evidence(analysis):
        if statement.evidence_type is None:
            yield Hit(
                ("statements", sid),
                f"evidence '{sid}' has no evidence_type (event, attributed, assessment)",
                (sid,),
            )


@rule(
    code="Q005",
    name="attribution-missing",
    severity=Severity.WARNING,
    summary="An attributed statement does not say who made it, or when.",
    rationale=(
        "An attributed statement is evidence of what someone said: without the speaker it "
        "cannot be weighed, without the date it cannot be placed. Fill 'attributed_to' and 'date'."
    ),
)
def attribution_missing(analysis: Analysis) -> Iterator[Hit]:
    """Evidence of type ``attributed`` with no ``attributed_to`` or no ``date``."""
    for sid, statement in _evidence(analysis):
        if statement.evidence_type != EvidenceType.ATTRIBUTED:
            continue
        missing = [name for name in ("attributed_to", "date") if getattr(statement, name) is None]
        if missing:
            yield Hit(
                ("statements", sid), f"attributed statement '{sid}' has no {' and no '.join(missing)}", (sid,)
            )


@rule(
    code="Q006",
    name="source-undated",
    severity=Severity.WARNING,
    summary="A source has neither a publication date nor an information cutoff.",
    rationale=(
        "Information ages: what a source says is true as of when it was written. Without a "
        "date or a cutoff, no reader can tell whether later events overtook it, and no product "
        "built on it can state its own cutoff."
    ),
)
def source_undated(analysis: Analysis) -> Iterator[Hit]:
    """Sources with no ``date`` and no ``cutoff``."""
    for source_id, source in analysis.graph.sources.items():
        if source.date is None and source.cutoff is None:
            yield Hit(("sources", source_id), f"source '{source_id}' has no date and no cutoff", (source_id,))


@rule(
    code="Q007",
    name="source-kind-missing",
    severity=Severity.INFO,
    summary="A source does not say what kind of document it is.",
    rationale=(
        "A news report, an opinion piece and an official statement are weighed differently "
        "even when their words agree. Set the source's 'kind' so the quality table can say what "
        "the judgments rest on."
    ),
)
def source_kind_missing(analysis: Analysis) -> Iterator[Hit]:
    """Sources with no ``kind``."""
    for source_id, source in analysis.graph.sources.items():
        if source.kind is None:
            yield Hit(
                ("sources", source_id),
                f"source '{source_id}' does not say what kind of document it is",
                (source_id,),
            )


@rule(
    code="Q008",
    name="corroboration-not-evidence",
    severity=Severity.ERROR,
    summary="An item's 'corroborated_by' names itself or a statement that is not evidence.",
    rationale=(
        "Corroboration is information from elsewhere that says the same: another evidence item, "
        "with its own source. An item cannot confirm itself, and a claim, assumption or "
        "hypothesis is a judgment, not information; naming one makes a grade look better "
        "founded than it is. Name the evidence item that corroborates, or none."
    ),
)
def corroboration_not_evidence(analysis: Analysis) -> Iterator[Hit]:
    """``corroborated_by`` entries that are the item itself or a statement of another kind."""
    statements = analysis.graph.statements
    for sid, statement in statements.items():
        for number, other in enumerate(statement.corroborated_by):
            if other == sid:
                problem = "names the item itself"
            elif other in statements and statements[other].kind != StatementKind.EVIDENCE:
                problem = f"names '{other}', a {statements[other].kind.value}, not an evidence item"
            else:
                continue  # another evidence item, or an unknown id (S002)
            yield Hit(
                ("statements", sid, "corroborated_by", number), f"'{sid}': corroborated_by {problem}", (sid,)
            )
