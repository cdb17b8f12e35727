"""Estimative language rules (E…): likelihood and confidence, on the map's scale, kept apart, not lost.

The scales and word lists are data in :mod:`argmap.standards` (ICD 203, the
PHIA yardstick). A map declares its scale (``map: {scale: icd203|phia}``,
ICD 203 by default); a key judgment carries a ``likelihood`` term of that
scale, or ``fact: true``, and separately a ``confidence`` with its
``confidence_basis``.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap import grades
from argmap.analysis import Analysis
from argmap.checks.registry import Hit, Severity, rule
from argmap.evaluate import Label
from argmap.model import AssumptionRating, Confidence, ScaleName, Statement
from argmap.standards import (
    CERTAIN_WILL,
    CONDITIONS,
    CONFIDENCE_PHRASE,
    HEDGES,
    SCALES,
    VAGUE_WORDS,
    Scale,
    Term,
    all_terms,
    find_terms,
    find_words,
    sentences,
)

NEAR_CERTAIN = 95
"""The probability (percent) from which an unhedged "will" is a fair reading of the term."""


def _scale(analysis: Analysis) -> Scale:
    return SCALES[analysis.graph.map.scale]


def _stated_terms(analysis: Analysis) -> Iterator[tuple[str, Statement, Term]]:
    """(id, statement, term) for every statement whose ``likelihood`` is a term of the map's scale."""
    scale = _scale(analysis)
    for sid, statement in analysis.graph.statements.items():
        term = scale.term(statement.likelihood) if statement.likelihood else None
        if term is not None:
            yield sid, statement, term


@rule(
    code="E001",
    name="likelihood-term-unknown",
    severity=Severity.ERROR,
    summary="A likelihood is not a term of the map's declared scale.",
    rationale=(
        "A likelihood term means a band of probability only on its scale: 'likely' is 55-80 % "
        "under ICD 203 and 55-75 % on the PHIA yardstick, and 'highly unlikely' is no ICD 203 "
        "term at all. A term from elsewhere, or a made-up one, leaves the reader to guess the "
        "band. Use a term of the declared scale, or declare the scale the terms come from."
    ),
)
def likelihood_term_unknown(analysis: Analysis) -> Iterator[Hit]:
    """Statements whose ``likelihood`` is no term of the map's scale."""
    scale = _scale(analysis)
    for sid, statement in analysis.graph.statements.items():
        if statement.likelihood is None or scale.term(statement.likelihood) is not None:
            continue
        other = next(s for name, s in SCALES.items() if name != scale.name)
        hint = (
            f"it is a term of {other.label}; declare 'scale: {other.name}' under 'map', or use a "
            f"term of {scale.label}"
            if other.term(statement.likelihood)
            else f"use one of: {', '.join(t.words for t in scale.terms if t.row == 1)}"
        )
        yield Hit(
            ("statements", sid, "likelihood"),
            f"'{sid}': '{statement.likelihood}' is not a likelihood term of {scale.label}; {hint}",
            (sid,),
        )


@rule(
    code="E002",
    name="likelihood-rows-mixed",
    severity=Severity.WARNING,
    summary="The map uses terms from both rows of ICD 203.",
    rationale=(
        "ICD 203 gives two interchangeable rows of terms ('likely' or 'probable', 'very unlikely' "
        "or 'highly improbable') and asks a product not to mix them: a reader who meets both "
        "wonders whether 'probable' means something other than 'likely'. Keep to one row."
    ),
)
def likelihood_rows_mixed(analysis: Analysis) -> Iterator[Hit]:
    """Statements using the row the map uses less (or the second row, on a tie)."""
    if analysis.graph.map.scale != ScaleName.ICD203:
        return
    stated = list(_stated_terms(analysis))
    rows = [term.row for _, _, term in stated]
    if len(set(rows)) < 2:
        return
    minority = 2 if rows.count(2) <= rows.count(1) else 1
    for sid, statement, term in stated:
        if term.row == minority:
            yield Hit(
                ("statements", sid, "likelihood"),
                f"'{sid}': '{statement.likelihood}' is from ICD 203's row {minority}, the rest of the map "
                f"from row {3 - minority}; keep to one row",
                (sid,),
            )


def _probabilities(analysis: Analysis) -> Iterator[tuple[str, Term | None, float]]:
    """(id, its term or None, its probability in percent) for every statement with a ``probability``."""
    scale = _scale(analysis)
    for sid, statement in analysis.graph.statements.items():
        if statement.probability is not None:
            term = scale.term(statement.likelihood) if statement.likelihood else None
            # Rounded: 0.55 * 100 is 55.00000000000001, which would miss the shared edge at 55 %.
            yield sid, term, round(statement.probability * 100, 6)


def _on_edge(scale: Scale, term: Term, percent: float) -> bool:
    return percent in scale.shared_edges and percent in (term.band.low, term.band.high)


def _in_adjacent_gap(scale: Scale, term: Term, percent: float) -> bool:
    if not scale.in_gap(percent):
        return False
    return any(
        min(a.band.high, b.band.high) <= percent <= max(a.band.low, b.band.low)
        for a in (term,)
        for b in scale.neighbours(term)
    )


@rule(
    code="E003",
    name="probability-outside-band",
    severity=Severity.ERROR,
    summary="A numeric probability lies outside its likelihood term's band, or has no term.",
    rationale=(
        "A number beside a term must fall in the term's band, or one of the two is wrong: "
        "'likely, 90 %' tells the reader two different things. A number with no term is read "
        "without the scale's words. Correct the number or the term."
    ),
)
def probability_outside_band(analysis: Analysis) -> Iterator[Hit]:
    """Probabilities outside their term's band (edges and PHIA gaps are E004 and E005)."""
    scale = _scale(analysis)
    for sid, term, percent in _probabilities(analysis):
        where = ("statements", sid, "probability")
        if term is None:
            holding = [t.words for t in scale.terms if t.band.contains(percent) and t.row == 1]
            if holding:
                hint = f"'{holding[0]}'"
            elif scale.in_gap(percent):
                hint = "none: it lies in a gap of the scale"
            else:
                hint = "none: it lies outside the scale"
            yield Hit(
                where,
                f"'{sid}': probability {percent:g} % has no likelihood term (the term for it: {hint})",
                (sid,),
            )
        elif not _band_holds(scale, term, percent):
            band = f"'{term.words}' ({term.band})"
            message = f"'{sid}': probability {percent:g} % is outside the band of {band}"
            yield Hit(where, message, (sid,))


def _band_holds(scale: Scale, term: Term, percent: float) -> bool:
    """True if ``percent`` is in the term's band, on its shared edge (E004) or in a gap beside it (E005)."""
    in_band = term.band.contains(percent)
    return in_band or _on_edge(scale, term, percent) or _in_adjacent_gap(scale, term, percent)


@rule(
    code="E004",
    name="probability-on-band-edge",
    severity=Severity.WARNING,
    summary="A numeric probability lies on the edge two ICD 203 bands share.",
    rationale=(
        "ICD 203's bands share their endpoints: 20 % is both 'very unlikely' and 'unlikely', "
        "55 % both 'roughly even chance' and 'likely'. A number on 5, 20, 45, 55, 80 or 95 % "
        "is ambiguous; move it into the band the judgment means."
    ),
)
def probability_on_band_edge(analysis: Analysis) -> Iterator[Hit]:
    """Probabilities on a shared band edge of the term's band."""
    scale = _scale(analysis)
    for sid, term, percent in _probabilities(analysis):
        if term is not None and _on_edge(scale, term, percent):
            others = [
                t.words
                for t in scale.terms
                if t is not term and t.row == term.row and t.band.contains(percent)
            ]
            yield Hit(
                ("statements", sid, "probability"),
                f"'{sid}': {percent:g} % is on the edge of '{term.words}' and '{others[0]}'",
                (sid,),
            )


@rule(
    code="E005",
    name="probability-in-gap",
    severity=Severity.WARNING,
    summary="A numeric probability lies in a gap of the PHIA yardstick, next to its term's band.",
    rationale=(
        "The PHIA yardstick leaves gaps between its bands (there is no term for 50 %): it does "
        "not pretend to more precision than exists. A number in a gap says more than any term "
        "can; round it into the band of the term it stands beside."
    ),
)
def probability_in_gap(analysis: Analysis) -> Iterator[Hit]:
    """Probabilities in a gap next to the term's band."""
    scale = _scale(analysis)
    for sid, term, percent in _probabilities(analysis):
        if term is not None and not term.band.contains(percent) and _in_adjacent_gap(scale, term, percent):
            yield Hit(
                ("statements", sid, "probability"),
                f"'{sid}': {percent:g} % lies in a gap of the PHIA yardstick, next to '{term.words}' "
                f"({term.band})",
                (sid,),
            )


@rule(
    code="E006",
    name="likelihood-and-confidence-in-one-sentence",
    severity=Severity.WARNING,
    summary="A sentence of a statement states both a likelihood and a confidence.",
    rationale=(
        "Likelihood (how probable the judgment is) and confidence (how good its basis is) are "
        "different things, and ICD 203 asks for them in separate sentences: 'we assess with high "
        "confidence that X is unlikely' is read as a hedge on a hedge. Put the confidence, with "
        "its basis, in a sentence of its own (or in 'confidence' and 'confidence_basis')."
    ),
)
def likelihood_and_confidence_in_one_sentence(analysis: Analysis) -> Iterator[Hit]:
    """Sentences of statement texts holding a likelihood term and a confidence phrase."""
    scale = _scale(analysis)
    for sid, statement in analysis.graph.statements.items():
        if not CONFIDENCE_PHRASE.search(" ".join(statement.text.split())):
            continue  # no sentence of it can hold one (the sentences are parts of this text)
        for sentence in sentences(statement.text):
            terms = [term.words for term in find_terms(sentence, scale)] + [
                t.words for _, t in all_terms(sentence)
            ]
            confidence = CONFIDENCE_PHRASE.search(sentence)
            if terms and confidence:
                yield Hit(
                    ("statements", sid, "text"),
                    f"'{sid}': '{terms[0]}' and '{confidence.group()}' in one sentence; "
                    "state the confidence apart",
                    (sid,),
                )
                break


@rule(
    code="E007",
    name="vague-key-judgment",
    severity=Severity.WARNING,
    summary="A key judgment hedges with words that are not estimates, and has no likelihood term.",
    rationale=(
        "'May', 'could', 'possibly' and 'would not be surprising' say that the likelihood cannot "
        "be assessed; read as estimates, they span almost the whole scale (Kent's 'possible': "
        "anywhere between near 0 and near 100). A key judgment needs a term of the scale."
    ),
)
def vague_key_judgment(analysis: Analysis) -> Iterator[Hit]:
    """Key judgments with vague words and no likelihood term."""
    graph = analysis.graph
    for key in graph.key_judgments:
        statement = graph.statements[key]
        vague = find_words(statement.text, VAGUE_WORDS)
        if vague and statement.likelihood is None:
            words = "', '".join(vague)
            yield Hit(
                ("statements", key, "text"),
                f"key judgment '{key}' says '{words}' but states no likelihood",
                (key,),
            )


def _weak_grounds(analysis: Analysis, statement: str) -> list[str]:
    """Why a judgment's basis is thin: one source, caveated or unsupported assumptions."""
    graph = analysis.graph
    reasons = []
    cited = analysis.cited_sources(statement)
    if len(cited) == 1:
        reasons.append(f"one source ({next(iter(cited))})")
    weak = [
        sid
        for sid in analysis.grounds(statement)
        if graph.statements[sid].rating in (AssumptionRating.CAVEATED, AssumptionRating.UNSUPPORTED)
    ]
    if weak:
        reasons.append(f"caveated or unsupported assumptions ({', '.join(weak)})")
    return reasons


def _unhedged_will(text: str) -> bool:
    """True if a sentence says "will" with no hedge, condition or likelihood term in it."""
    return any(
        CERTAIN_WILL.search(sentence)
        and not find_words(sentence, [*HEDGES, *CONDITIONS])
        and not list(all_terms(sentence))
        for sentence in sentences(text)
    )


@rule(
    code="E008",
    name="unhedged-will",
    severity=Severity.WARNING,
    summary="A key judgment with no likelihood says 'will' unhedged, on one source or weak assumptions.",
    rationale=(
        "An unhedged 'will' reads as near-certainty. A judgment resting on a single source, or "
        "on assumptions rated caveated or unsupported, cannot carry that: state its likelihood "
        "with a term of the scale."
    ),
)
def unhedged_will(analysis: Analysis) -> Iterator[Hit]:
    """Key judgments with an unhedged "will" and a thin basis."""
    graph = analysis.graph
    for key in graph.key_judgments:
        statement = graph.statements[key]
        if statement.likelihood is not None or not _unhedged_will(statement.text):
            continue  # with a likelihood term, a 'will' in the text is E009's business
        reasons = _weak_grounds(analysis, key)
        if reasons:
            yield Hit(
                ("statements", key, "text"),
                f"key judgment '{key}' says 'will' with no hedge but rests on {' and '.join(reasons)}",
                (key,),
            )


@rule(
    code="E009",
    name="text-contradicts-likelihood",
    severity=Severity.WARNING,
    summary="A statement's text says a likelihood (or an unhedged 'will') its term or 'fact' contradicts.",
    rationale=(
        "When the text says 'is likely' and the likelihood field says 'unlikely', one of them is "
        "wrong, and a reader of the text alone is misled; an unhedged 'will' in the text reads as "
        "near-certainty whatever the field says. Make the words in the text agree with the term "
        "('is likely to'), or take them out."
    ),
)
def text_contradicts_likelihood(analysis: Analysis) -> Iterator[Hit]:
    """Statements whose text holds a term whose band does not overlap the stated term's.

    The text is read on the map's scale, as the term is: on the other scale, 'very unlikely'
    would hold PHIA's 'unlikely' and 'highly probable' its 'probable'.
    """
    scale = _scale(analysis)
    for sid, statement, term in _stated_terms(analysis):
        written = find_terms(statement.text, scale, skip_negated=True)
        clashing = [found for found in written if not found.band.overlaps(term.band)]
        if clashing:
            said = f"'{clashing[0].words}' ({clashing[0].band})"
        elif term.band.high < NEAR_CERTAIN and _unhedged_will(statement.text):
            said = "an unhedged 'will' (near certainty)"
        else:
            continue
        message = f"'{sid}': the text says {said} but the likelihood is '{term.words}' ({term.band})"
        yield Hit(("statements", sid, "text"), message, (sid,))
    for sid, statement in analysis.graph.statements.items():
        if not statement.fact:
            continue
        written = find_terms(statement.text, scale, skip_negated=True)
        uncertain = [found for found in written if found.band.high < NEAR_CERTAIN]
        if uncertain:
            said = f"'{uncertain[0].words}' ({uncertain[0].band})"
            message = f"'{sid}': the text says {said} but the statement is marked as fact"
            yield Hit(("statements", sid, "text"), message, (sid,))


@rule(
    code="E010",
    name="hedge-dropped",
    severity=Severity.WARNING,
    summary="A conclusion says an unhedged 'will' where a premise is hedged.",
    rationale=(
        "A conclusion is no surer than what it rests on: from 'X is possible if P' and P, it "
        "follows that X is possible, not that X will happen. Carry the hedge into the "
        "conclusion, or give the conclusion a likelihood term. (A bare condition is no hedge: "
        "from 'if P, X will happen' and P, X will happen.)"
    ),
)
def hedge_dropped(analysis: Analysis) -> Iterator[Hit]:
    """Standing inferences from a hedged premise to a conclusion with an unhedged "will" and no likelihood."""
    graph, labels = analysis.graph, analysis.labelling.labels
    reported: set[str] = set()
    for iid, premises in graph.premises_of.items():
        if labels[iid] != Label.IN:
            continue  # an inference the map defeats carries no certainty to drop
        conclusion = graph.conclusion(iid)
        target = graph.statements[conclusion]
        if conclusion in reported or target.likelihood or not _unhedged_will(target.text):
            continue
        for premise in premises:
            hedges = _hedges_of(graph.statements[premise])
            if hedges:
                reported.add(conclusion)
                yield Hit(
                    ("statements", conclusion, "text"),
                    f"'{conclusion}' says 'will', but its premise '{premise}' says '{hedges[0]}': "
                    "keep the hedge",
                    (conclusion, premise, iid),
                )
                break


def _hedges_of(statement: Statement) -> list[str]:
    """The hedges a statement carries: words of its text, else its likelihood term (none is certainty)."""
    hedges = find_words(statement.text, HEDGES)
    if not hedges and statement.likelihood:
        hedges = [statement.likelihood]
    return hedges


@rule(
    code="E011",
    name="confidence-too-high",
    severity=Severity.WARNING,
    summary="A key judgment has high confidence while resting on one source, weak assumptions or weak items.",
    rationale=(
        "High confidence means good information from several independent sources, few gaps "
        "and few assumptions. A judgment resting on one source or none, on assumptions rated "
        "caveated or unsupported, or on items graded doubtful, improbable or unknown cannot have it."
    ),
)
def confidence_too_high(analysis: Analysis) -> Iterator[Hit]:
    """Key judgments of high confidence with a thin basis."""
    graph = analysis.graph
    for key in graph.key_judgments:
        if graph.statements[key].confidence != Confidence.HIGH:
            continue
        reasons = _weak_grounds(analysis, key)
        if not analysis.cited_sources(key):
            reasons.append("no source at all")
        weak_items = [
            s for s in analysis.grounds(key) if grades.is_weak_credibility(graph.statements[s].credibility)
        ]
        if weak_items:
            reasons.append(f"items graded 4-6 ({', '.join(sorted(weak_items))})")
        if reasons:
            yield Hit(
                ("statements", key, "confidence"),
                f"key judgment '{key}' has high confidence but rests on {' and '.join(reasons)}",
                (key,),
            )


@rule(
    code="E012",
    name="key-judgment-without-likelihood",
    severity=Severity.WARNING,
    summary="A key judgment carries no likelihood term and is not marked as a statement of fact.",
    rationale=(
        "A key judgment is the answer a decision maker takes away; ICD 203 asks for its "
        "likelihood in the standard terms. Give 'likelihood' a term of the map's scale, or mark "
        "the judgment 'fact: true' if it states something known rather than estimated."
    ),
)
def key_judgment_without_likelihood(analysis: Analysis) -> Iterator[Hit]:
    """Key judgments with neither ``likelihood`` nor ``fact: true``."""
    graph = analysis.graph
    for key in graph.key_judgments:
        statement = graph.statements[key]
        if statement.likelihood is None and not statement.fact:
            yield Hit(("statements", key), f"key judgment '{key}' has no likelihood term", (key,))


@rule(
    code="E013",
    name="key-judgment-without-confidence",
    severity=Severity.WARNING,
    summary="A key judgment states no confidence.",
    rationale=(
        "Confidence tells the decision maker how much weight the judgment bears: the quality "
        "of its sources, their corroboration, the assumptions it needs. ICD 203 asks for it "
        "with every key judgment, apart from the likelihood."
    ),
)
def key_judgment_without_confidence(analysis: Analysis) -> Iterator[Hit]:
    """Key judgments with no ``confidence``."""
    graph = analysis.graph
    for key in graph.key_judgments:
        if graph.statements[key].confidence is None:
            yield Hit(("statements", key), f"key judgment '{key}' states no confidence", (key,))


@rule(
    code="E014",
    name="confidence-without-basis",
    severity=Severity.WARNING,
    summary="A statement states a confidence but not its basis.",
    rationale=(
        "A confidence level alone is an assertion; its basis (the sources and how they "
        "corroborate each other, the gaps, the assumptions) is what the reader can weigh. "
        "Write it in 'confidence_basis'."
    ),
)
def confidence_without_basis(analysis: Analysis) -> Iterator[Hit]:
    """Statements with ``confidence`` and no ``confidence_basis``."""
    for sid, statement in analysis.graph.statements.items():
        if statement.confidence is not None and not statement.confidence_basis:
            yield Hit(
                ("statements", sid, "confidence"),
                f"'{sid}': confidence {statement.confidence} has no basis",
                (sid,),
            )
