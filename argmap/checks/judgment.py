"""Judgment rules (J…): key judgments survive the evaluation and rest on enough."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from argmap.checks.registry import Family, Hit, Severity, rule, shared
from argmap.evaluate import Label, evaluate
from argmap.load import LoadedMap
from argmap.model import ArgumentMap, AssumptionRating, StatementKind

_SOURCES = """sources:
  S1: {title: Article}
"""


def grounds(graph: ArgumentMap, statement: str, labels: Mapping[str, Label]) -> set[str]:
    """Statements a statement rests on: every premise, transitively, of the inferences into it that stand.

    Only inferences labelled IN (in ``labels``, from :func:`~argmap.evaluate.evaluate`)
    count: a premise whose inference the map itself defeats (an undercut, a
    fallen co-premise) carries nothing.
    """
    into: dict[str, list[list[str]]] = {}
    for iid, inference in graph.inferences.items():
        if labels.get(iid) == Label.IN:
            into.setdefault(inference.conclusion, []).append(inference.premises)
    found: set[str] = set()
    stack = [statement]
    while stack:
        for premises in into.get(stack.pop(), []):
            for premise in premises:
                if premise not in found and premise != statement:
                    found.add(premise)
                    stack.append(premise)
    return found


@rule(
    code="J001",
    name="key-judgment-defeated",
    severity=Severity.ERROR,
    family=Family.JUDGMENT,
    summary="A key judgment is OUT or UNDEC in the map's own evaluation.",
    rationale=(
        "A bottom line that the map's own objections defeat, or leave open, cannot be "
        "briefed as it stands: either answer the objection (a rebuttal, an undercut of its "
        "inference) or restate the judgment with the doubt in it."
    ),
    example="""map: {title: Example}
statements:
  C1: {kind: claim, key: true, text: The SCO will enlarge.}
  C2: {kind: claim, text: India blocks every candidate., rebuts: C1}
""",
)
def key_judgment_defeated(loaded: LoadedMap) -> Iterator[Hit]:
    """Key judgments not labelled IN, with the reason."""
    labelling = shared(loaded, "labelling", evaluate)
    for key in loaded.graph.key_judgments:
        circular = labelling.reason(key) == "circular support"  # S004 reports it
        if labelling.labels[key] != Label.IN and not circular:
            yield Hit(
                ("statements", key),
                f"key judgment '{key}' is {labelling.labels[key]}: {labelling.reason(key)}",
            )


@rule(
    code="J002",
    name="key-judgment-single-source",
    severity=Severity.WARNING,
    family=Family.JUDGMENT,
    summary="A key judgment rests on several items that all come from one source.",
    rationale=(
        "Analytic standards (ICD 203) ask for the sources behind a judgment to be weighed; "
        "a judgment all of whose evidence comes from one source inherits that source's "
        "errors and biases, however many items it quotes. Look for corroboration or say so."
    ),
    example="""map: {title: Example}
"""
    + _SOURCES
    + """statements:
  C1: {kind: claim, key: true, text: The SCO will enlarge.}
  E1: {kind: evidence, text: Iran joined., source: S1, supports: C1}
  E2: {kind: evidence, text: Belarus joined., source: S1, supports: C1}
""",
)
def key_judgment_single_source(loaded: LoadedMap) -> Iterator[Hit]:
    """Key judgments whose grounds cite exactly one source."""
    graph = loaded.graph
    labels = shared(loaded, "labelling", evaluate).labels
    for key in graph.key_judgments:
        cited = [graph.statements[s] for s in grounds(graph, key, labels) if graph.statements[s].source]
        sources = {s.source for s in cited}
        if len(cited) >= 2 and len(sources) == 1:
            yield Hit(("statements", key), f"key judgment '{key}' rests on one source only: {sources.pop()}")


@rule(
    code="J003",
    name="key-judgment-unsupported-assumption",
    severity=Severity.WARNING,
    family=Family.JUDGMENT,
    summary="A key judgment rests on an assumption rated unsupported.",
    rationale=(
        "The Key Assumptions Check rates an assumption unsupported when nothing in hand "
        "backs it. A judgment that needs it is only as good as a guess; brief it as "
        "conditional on the assumption, or find support for it."
    ),
    example="""map: {title: Example}
statements:
  C1: {kind: claim, key: true, text: The SCO will enlarge.}
  A1: {kind: assumption, text: Payment systems will be built., rating: unsupported, supports: C1}
""",
)
def key_judgment_unsupported_assumption(loaded: LoadedMap) -> Iterator[Hit]:
    """Key judgments with an unsupported assumption among their grounds."""
    graph = loaded.graph
    labels = shared(loaded, "labelling", evaluate).labels
    for key in graph.key_judgments:
        weak = [
            s
            for s in grounds(graph, key, labels)
            if graph.statements[s].kind == StatementKind.ASSUMPTION
            and graph.statements[s].rating == AssumptionRating.UNSUPPORTED
        ]
        if weak:
            yield Hit(
                ("statements", key), f"key judgment '{key}' rests on unsupported assumption {', '.join(weak)}"
            )


@rule(
    code="J004",
    name="key-judgment-low-credibility",
    severity=Severity.WARNING,
    family=Family.JUDGMENT,
    summary="A key judgment rests only on evidence of credibility 4 to 6.",
    rationale=(
        "Evidence graded doubtful (4), improbable (5) or of unknown credibility (6) can "
        "illustrate but not carry a judgment. If nothing better supports it, the judgment's "
        "confidence must be low, and the brief should say why."
    ),
    example="""map: {title: Example}
"""
    + _SOURCES
    + """  S2: {title: Blog}
statements:
  C1: {kind: claim, key: true, text: The SCO will enlarge.}
  E1: {kind: evidence, text: A rumour of a new applicant., source: S1, credibility: 5, supports: C1}
  E2: {kind: evidence, text: Another rumour., source: S2, credibility: 4, supports: C1}
""",
)
def key_judgment_low_credibility(loaded: LoadedMap) -> Iterator[Hit]:
    """Key judgments whose evidence is all graded 4, 5 or 6."""
    graph = loaded.graph
    labels = shared(loaded, "labelling", evaluate).labels
    for key in graph.key_judgments:
        evidence = [graph.statements[s] for s in grounds(graph, key, labels)]
        evidence = [s for s in evidence if s.kind == StatementKind.EVIDENCE]
        if evidence and all(s.credibility is not None and s.credibility.value in "456" for s in evidence):
            yield Hit(("statements", key), f"key judgment '{key}' rests only on evidence of credibility 4-6")


@rule(
    code="J005",
    name="expected-label-differs",
    severity=Severity.ERROR,
    family=Family.JUDGMENT,
    summary="The evaluation labels a statement differently from the map's 'expect'.",
    rationale=(
        "A map that states the labels it expects becomes a regression test of its own "
        "reasoning: an edit that silently defeats a judgment, or reinstates an objection, "
        "shows up as a difference instead of going unnoticed."
    ),
    example="""map:
  title: Example
  expect: {in: [C1]}
statements:
  K1: {kind: claim, key: true, text: The SCO stays a security club., supports: C1}
  C1: {kind: claim, text: The SCO will enlarge.}
  C2: {kind: claim, text: India blocks every candidate., rebuts: C1}
""",
)
def expected_label_differs(loaded: LoadedMap) -> Iterator[Hit]:
    """Each expected label that the evaluation does not give, or an unknown expected id."""
    expect = loaded.graph.map.expect
    if expect is None:
        return
    labelling = shared(loaded, "labelling", evaluate)
    wanted = {Label.IN: expect.in_, Label.OUT: expect.out, Label.UNDEC: expect.undec}
    for label, ids in wanted.items():
        field = "in" if label == Label.IN else label.value.lower()
        for number, element in enumerate(ids):
            actual = labelling.labels.get(element)
            if actual is None:
                yield Hit(("map", "expect", field, number), f"expected '{element}', which is not in the map")
            elif actual != label:
                yield Hit(
                    ("map", "expect", field, number),
                    f"'{element}' is {actual}, expected {label}: {labelling.reason(element)}",
                )
