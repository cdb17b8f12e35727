"""Indicator rules (I…): each hypothesis has observable indicators that tell it apart.

An indicator (``indicators:`` section) is an observable event with, for each
hypothesis, how likely it is to appear if that hypothesis is true
(``expect``: highly likely, likely, could, unlikely, highly unlikely), a
window and a status. Good indicators are observable, valid, reliable,
stable and unique (Heuer & Pherson): one expected alike under every
hypothesis cannot tell them apart.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from argmap.analysis import Analysis
from argmap.checks.registry import Hit, Severity, rule
from argmap.model import Expectation, IndicatorStatus
from argmap.standards import THEME_WORDS

EXPECTATION_ORDER = list(reversed(Expectation))
"""Expectations from least to most likely, for comparing them."""

MIN_POINTING = 2
"""Indicators that should point to each hypothesis (a suggested house rule, Pherson's "at least two")."""


def points_to(expect: dict[str, Expectation], hypothesis: str) -> bool:
    """True if an indicator is more likely under ``hypothesis`` than under every other one it is rated for."""
    if hypothesis not in expect or len(expect) < 2:
        return False
    own = EXPECTATION_ORDER.index(expect[hypothesis])
    return all(EXPECTATION_ORDER.index(value) < own for other, value in expect.items() if other != hypothesis)


@rule(
    code="I001",
    name="indicator-unknown-hypothesis",
    severity=Severity.ERROR,
    summary="An indicator's expectations name an id that is not a hypothesis of the map.",
    rationale=(
        "An indicator is read against the map's hypotheses; an expectation for an id that is "
        "not one of them (a typo, a renamed hypothesis, a claim) is lost from every table."
    ),
)
def indicator_unknown_hypothesis(analysis: Analysis) -> Iterator[Hit]:
    """Indicator expectations keyed by ids that are not hypotheses."""
    hypotheses = set(analysis.graph.hypotheses)
    for nid, indicator in analysis.graph.model.indicators.items():
        for hypothesis in indicator.expect:
            if hypothesis not in hypotheses:
                yield Hit(
                    ("indicators", nid, "expect", hypothesis),
                    f"indicator '{nid}': '{hypothesis}' is not a hypothesis of this map",
                    (nid, hypothesis),
                    key=True,
                )


@rule(
    code="I002",
    name="indicator-unrated-hypothesis",
    severity=Severity.WARNING,
    summary="An indicator does not say what it means under every hypothesis.",
    rationale=(
        "An indicator is diagnostic only against all the alternatives: rate it under every "
        "hypothesis (use 'could' where it says nothing), or the reader cannot tell which "
        "hypothesis its appearance favours."
    ),
)
def indicator_unrated_hypothesis(analysis: Analysis) -> Iterator[Hit]:
    """Indicators without an expectation for some hypothesis."""
    hypotheses = analysis.graph.hypotheses
    for nid, indicator in analysis.graph.model.indicators.items():
        missing = [h for h in hypotheses if h not in indicator.expect]
        if not missing:
            continue
        if indicator.expect:
            yield Hit(
                ("indicators", nid, "expect"),
                f"indicator '{nid}' is not rated under {', '.join(missing)}",
                (nid, *missing),
            )
        else:
            yield Hit(
                ("indicators", nid),
                f"indicator '{nid}' is rated under no hypothesis: rate it under {', '.join(missing)}",
                (nid, *missing),
            )


@rule(
    code="I003",
    name="indicator-non-diagnostic",
    severity=Severity.WARNING,
    summary="An indicator is expected alike under every hypothesis.",
    rationale=(
        "An indicator that would appear whatever the answer cannot tell the hypotheses apart: "
        "watching it tells the decision maker nothing about which is unfolding. Find the event "
        "that one hypothesis makes likely and the others not."
    ),
)
def indicator_non_diagnostic(analysis: Analysis) -> Iterator[Hit]:
    """Indicators with one expectation under two or more hypotheses and no other."""
    for nid, indicator in analysis.graph.model.indicators.items():
        values = set(indicator.expect.values())
        if len(indicator.expect) >= 2 and len(values) == 1:
            yield Hit(
                ("indicators", nid, "expect"),
                f"indicator '{nid}' is '{values.pop()}' under every hypothesis: not diagnostic",
                (nid,),
            )


@rule(
    code="I004",
    name="hypothesis-without-indicator",
    severity=Severity.WARNING,
    summary="A hypothesis has fewer than two indicators that point to it.",
    rationale=(
        "For each hypothesis, the analyst should know what would show it emerging: Pherson "
        "suggests at least two indicators more likely under it than under any other (a house "
        "rule). A hypothesis without them cannot be watched for."
    ),
)
def hypothesis_without_indicator(analysis: Analysis) -> Iterator[Hit]:
    """Hypotheses with fewer than :data:`MIN_POINTING` indicators pointing to them (maps with indicators)."""
    indicators = analysis.graph.model.indicators
    if not indicators:
        return
    for hypothesis in analysis.graph.hypotheses:
        pointing = [nid for nid, indicator in indicators.items() if points_to(indicator.expect, hypothesis)]
        if len(pointing) < MIN_POINTING:
            named = f" ({', '.join(pointing)})" if pointing else ""
            yield Hit(
                ("statements", hypothesis),
                f"hypothesis '{hypothesis}' has {len(pointing)} indicator(s) pointing to it{named}; "
                f"find {MIN_POINTING - len(pointing)} more",
                (hypothesis, *pointing),
            )


@rule(
    code="I005",
    name="indicator-is-a-theme",
    severity=Severity.WARNING,
    summary="An indicator reads as a trend or theme, not an observable event.",
    rationale=(
        "'Tensions rise' or 'cooperation deepens' cannot be observed on a given day: two "
        "analysts would disagree whether it happened. Name the event, statement or figure that "
        "would show it (a summit declaration signed, an agreement ratified, a number crossing "
        "a threshold)."
    ),
)
def indicator_is_a_theme(analysis: Analysis) -> Iterator[Hit]:
    """Indicators whose text names a trend and no number or date."""
    for nid, indicator in analysis.graph.model.indicators.items():
        if THEME_WORDS.search(indicator.text) and not any(
            character.isdigit() for character in indicator.text
        ):
            yield Hit(
                ("indicators", nid, "text"),
                f"indicator '{nid}' reads as a trend, not an observable event",
                (nid,),
            )


@rule(
    code="I006",
    name="indicator-window-passed",
    severity=Severity.WARNING,
    summary="An indicator is 'not yet seen' although its window has ended.",
    rationale=(
        "An expected indicator that did not appear by the end of its window is evidence, "
        "distinct from no information: mark it 'not observed' and weigh what its absence says, "
        "or extend the window and say why."
    ),
)
def indicator_window_passed(analysis: Analysis) -> Iterator[Hit]:
    """Indicators still ``not yet seen`` after their window's end (as of the map's date, else today)."""
    today = analysis.graph.map.date or datetime.date.today()
    for nid, indicator in analysis.graph.model.indicators.items():
        window = indicator.window
        if indicator.status == IndicatorStatus.NOT_YET_SEEN and window and window.end and window.end < today:
            yield Hit(
                ("indicators", nid, "status"),
                f"indicator '{nid}': the window ended on {window.end.isoformat()}; "
                "mark it observed or not observed",
                (nid,),
            )
