"""Judgment rules (J…): key judgments survive the evaluation and rest on enough."""

from __future__ import annotations

from collections.abc import Iterator

from argmap import grades
from argmap.analysis import Analysis
from argmap.checks.registry import Hit, Severity, rule
from argmap.evaluate import Label
from argmap.model import AssumptionRating, StatementKind


@rule(
    code="J001",
    name="key-judgment-defeated",
    severity=Severity.ERROR,
    summary="A key judgment is OUT or UNDEC in the map's own evaluation.",
    rationale=(
        "A bottom line that the map's own objections defeat, or leave open, cannot be "
        "briefed as it stands: either answer the objection (a rebuttal, an undercut of its "
        "inference) or restate the judgment with the doubt in it."
    ),
)
def key_judgment_defeated(analysis: Analysis) -> Iterator[Hit]:
    """Key judgments not labelled IN, with the reason (a circle of support too: S004 names the circle)."""
    labelling = analysis.labelling
    for key in analysis.graph.key_judgments:
        reason = labelling.reason(key)
        if labelling.labels[key] != Label.IN:
            yield Hit(
                ("statements", key),
                f"key judgment '{key}' is {labelling.labels[key]}: {reason}",
                (key, *reason.ids),
            )


@rule(
    code="J002",
    name="key-judgment-single-source",
    severity=Severity.WARNING,
    summary="A key judgment rests on several items that all come from one source.",
    rationale=(
        "Analytic standards (ICD 203) ask for the sources behind a judgment to be weighed; "
        "a judgment all of whose evidence comes from one source inherits that source's "
        "errors and biases, however many items it quotes. Look for corroboration or say so."
    ),
)
def key_judgment_single_source(analysis: Analysis) -> Iterator[Hit]:
    """Key judgments whose grounds cite exactly one source."""
    graph = analysis.graph
    for key in graph.key_judgments:
        cited = [graph.statements[s] for s in analysis.grounds(key) if graph.statements[s].source]
        sources = {source for s in cited for source in s.source}
        if len(cited) >= 2 and len(sources) == 1:
            source = sources.pop()
            yield Hit(
                ("statements", key),
                f"key judgment '{key}' rests on one source only: {source}",
                (key, str(source)),
            )


@rule(
    code="J003",
    name="key-judgment-unsupported-assumption",
    severity=Severity.WARNING,
    summary="A key judgment rests on an assumption rated unsupported.",
    rationale=(
        "The Key Assumptions Check rates an assumption unsupported when nothing in hand "
        "backs it. A judgment that needs it is only as good as a guess; brief it as "
        "conditional on the assumption, or find support for it."
    ),
)
def key_judgment_unsupported_assumption(analysis: Analysis) -> Iterator[Hit]:
    """Key judgments with an unsupported assumption among their grounds."""
    graph = analysis.graph
    for key in graph.key_judgments:
        weak = [
            s
            for s in analysis.grounds(key)
            if graph.statements[s].kind == StatementKind.ASSUMPTION
            and graph.statements[s].rating == AssumptionRating.UNSUPPORTED
        ]
        if weak:
            yield Hit(
                ("statements", key),
                f"key judgment '{key}' rests on unsupported assumption {', '.join(weak)}",
                (key, *weak),
            )


@rule(
    code="J004",
    name="key-judgment-low-credibility",
    severity=Severity.WARNING,
    summary="A key judgment rests only on evidence of credibility 4 to 6.",
    rationale=(
        "Evidence graded doubtful (4), improbable (5) or of unknown credibility (6) can "
        "illustrate but not carry a judgment. If nothing better supports it, the judgment's "
        "confidence must be low, and the brief should say why."
    ),
)
def key_judgment_low_credibility(analysis: Analysis) -> Iterator[Hit]:
    """Key judgments whose evidence is all graded 4, 5 or 6 (:func:`argmap.grades.is_weak_credibility`)."""
    graph = analysis.graph
    for key in graph.key_judgments:
        evidence = [s for s in analysis.grounds(key) if graph.statements[s].kind == StatementKind.EVIDENCE]
        if evidence and all(grades.is_weak_credibility(graph.statements[s].credibility) for s in evidence):
            yield Hit(
                ("statements", key),
                f"key judgment '{key}' rests only on evidence of credibility 4-6",
                (key, *evidence),
            )


@rule(
    code="J005",
    name="expected-label-differs",
    severity=Severity.ERROR,
    summary="The evaluation labels a statement differently from the map's 'expect'.",
    rationale=(
        "A map that states the labels it expects becomes a regression test of its own "
        "reasoning: an edit that silently defeats a judgment, or reinstates an objection, "
        "shows up as a difference instead of going unnoticed."
    ),
)
def expected_label_differs(analysis: Analysis) -> Iterator[Hit]:
    """Each expected label that the evaluation does not give, or an unknown expected id."""
    expect = analysis.graph.map.expect
    if expect is None:
        return
    labelling = analysis.labelling
    wanted = {Label.IN: expect.in_, Label.OUT: expect.out, Label.UNDEC: expect.undec}
    for label, ids in wanted.items():
        field = "in" if label == Label.IN else label.value.lower()
        for number, element in enumerate(ids):
            actual = labelling.labels.get(element)
            where = ("map", "expect", field, number)
            if actual is None:
                yield Hit(where, f"expected '{element}', which is not in the map", (element,))
            elif actual != label:
                reason = labelling.reason(element)
                yield Hit(where, f"'{element}' is {actual}, expected {label}: {reason}", (element,))


@rule(
    code="J006",
    name="key-judgment-stands-by-default",
    severity=Severity.WARNING,
    summary="A key judgment has inferences into it, none of them IN: it stands only by default.",
    rationale=(
        "Without burden of proof an unattacked statement stands whatever its reasons; a key "
        "judgment whose every argument has failed is then IN with nothing behind it, and "
        "check would say nothing. Put it under burden of proof (burden: true) so the map "
        "shows it falling, or repair one of its arguments."
    ),
)
def key_judgment_stands_by_default(analysis: Analysis) -> Iterator[Hit]:
    """IN key judgments with inferences into them and none IN."""
    graph, labels = analysis.graph, analysis.labelling.labels
    for key in graph.key_judgments:
        inferences = graph.inferences_into.get(key, ())
        if inferences and labels[key] == Label.IN and not any(labels[i] == Label.IN for i in inferences):
            failed = ", ".join(inferences)
            yield Hit(
                ("statements", key),
                f"key judgment '{key}' stands only by default: no inference into it is IN ({failed})",
                (key, *inferences),
            )
