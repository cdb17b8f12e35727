"""Hypothesis rules (H…): the competing hypotheses are a disciplined set that the map does not prejudge."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from argmap.analysis import Analysis
from argmap.checks.registry import Hit, Severity, rule
from argmap.evaluate import Label


def _has_set(analysis: Analysis) -> bool:
    """True for a map with an ACH section and two hypotheses or more: a set to hold to the rules."""
    return analysis.graph.ach is not None and len(analysis.graph.hypotheses) >= 2


@rule(
    code="H001",
    name="hypotheses-without-horizon",
    severity=Severity.WARNING,
    summary="The hypotheses state no horizon: by when each would be true is left open.",
    rationale=(
        "'The SCO enlarges' is true at some point under almost any future, so evidence cannot "
        "tell it from its rivals. Give the set a horizon (ach: {horizon: 2030}) or each "
        "hypothesis its own, so that each can be found true or false by a date."
    ),
)
def hypotheses_without_horizon(analysis: Analysis) -> Iterator[Hit]:
    """Hypotheses with no horizon of their own in a set whose ACH section states none."""
    graph = analysis.graph
    if not _has_set(analysis) or (graph.ach and graph.ach.horizon):
        return
    missing = [h for h in graph.hypotheses if not graph.statements[h].horizon]
    if len(missing) == len(graph.hypotheses):
        yield Hit(
            ("ach",), "the hypotheses state no horizon: set 'horizon' in 'ach'", tuple(missing), key=True
        )
        return
    for hypothesis in missing:
        yield Hit(("statements", hypothesis), f"hypothesis '{hypothesis}' states no horizon", (hypothesis,))


@rule(
    code="H002",
    name="hypothesis-without-threshold",
    severity=Severity.WARNING,
    summary="A hypothesis states no observable threshold that would make it true.",
    rationale=(
        "Without a threshold ('at least two new full members by the horizon') two analysts "
        "can read the same events as confirming different hypotheses, and the hypotheses "
        "overlap. State for each what, if seen, makes it true."
    ),
)
def hypothesis_without_threshold(analysis: Analysis) -> Iterator[Hit]:
    """Hypotheses of a set with no ``threshold``."""
    if not _has_set(analysis):
        return
    graph = analysis.graph
    for hypothesis in graph.hypotheses:
        if not graph.statements[hypothesis].threshold:
            message = f"hypothesis '{hypothesis}' states no observable threshold"
            yield Hit(("statements", hypothesis), message, (hypothesis,))


@rule(
    code="H003",
    name="hypotheses-not-exclusive",
    severity=Severity.WARNING,
    summary="The hypotheses are not declared mutually exclusive.",
    rationale=(
        "ACH ranks hypotheses against each other: if two can both be true, evidence for one "
        "is evidence for the other and the ranking means little (Heuer). Write them so that "
        "at most one can come true, and say so (ach: {exclusive: true}); add 'exhaustive: "
        "true' once the set covers every outcome."
    ),
)
def hypotheses_not_exclusive(analysis: Analysis) -> Iterator[Hit]:
    """A set whose ACH section does not declare ``exclusive: true``."""
    ach = analysis.graph.ach
    if _has_set(analysis) and ach is not None and not ach.exclusive:
        message = "the hypotheses are not declared mutually exclusive ('exclusive: true' in 'ach')"
        yield Hit(("ach",), message, analysis.graph.hypotheses, key=True)


@rule(
    code="H004",
    name="exclusive-hypotheses-both-stand",
    severity=Severity.ERROR,
    summary="Two hypotheses declared mutually exclusive are both IN as conclusions of the map's arguments.",
    rationale=(
        "If at most one hypothesis can be true, an argument that establishes two of them is "
        "wrong somewhere: a premise, an inference, or the declaration. Find the conflict "
        "between the two and write it as a rebut, or revise the hypotheses."
    ),
)
def exclusive_hypotheses_both_stand(analysis: Analysis) -> Iterator[Hit]:
    """Pairs of hypotheses, each concluded by an IN inference, in a set declared exclusive."""
    graph = analysis.graph
    if graph.ach is None or not graph.ach.exclusive:
        return
    labels = analysis.labelling.labels
    argued = [
        h
        for h in graph.hypotheses
        if labels[h] == Label.IN and any(labels[i] == Label.IN for i in graph.inferences_into.get(h, ()))
    ]
    for first, second in itertools.combinations(argued, 2):
        yield Hit(
            ("statements", second),
            f"'{first}' and '{second}' are declared exclusive but the map's arguments establish both",
            (first, second),
        )


@rule(
    code="H005",
    name="hypothesis-concluded-from-key-judgment",
    severity=Severity.WARNING,
    summary="A key judgment is a premise of an inference to a hypothesis: the matrix is prejudged.",
    rationale=(
        "ACH exists to test the judgment against the alternatives. When the map argues from "
        "its bottom line to one hypothesis, the matrix is prejudged and A006 can only agree. "
        "Let the matrix rank the hypotheses; compare the judgment with the ranking instead."
    ),
)
def hypothesis_concluded_from_key_judgment(analysis: Analysis) -> Iterator[Hit]:
    """Inferences from a key judgment to a hypothesis."""
    graph = analysis.graph
    keys, hypotheses = set(graph.key_judgments), set(graph.hypotheses)
    for iid, premises in graph.premises_of.items():
        conclusion = graph.conclusion(iid)
        used = [p for p in premises if p in keys]
        if conclusion in hypotheses and used:
            yield Hit(
                ("inferences", iid),
                f"inference '{iid}' argues from key judgment {', '.join(used)} to hypothesis '{conclusion}'",
                (iid, *used, conclusion),
            )
