"""Key Assumptions Check rules (K…): every assumption is examined, and its stated impact is true of the map.

Heuer and Pherson's Key Assumptions Check (US Tradecraft Primer, 2009)
asks of each assumption: how solid it is (``rating``), why (``why``), what
would show it wrong (``undermined_by``) and what changes if it is wrong
(``impact_if_wrong``, and the level ``impact``). What rests on it is not
typed: the map's evaluation says, by assuming it false.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import Analysis
from argmap.checks.registry import Hit, Severity, rule
from argmap.model import Impact, StatementKind


def _assumptions(analysis: Analysis) -> Iterator[tuple[str, object]]:
    for sid, statement in analysis.graph.statements.items():
        if statement.kind == StatementKind.ASSUMPTION:
            yield sid, statement


KAC_FIELDS = ("rating", "why", "undermined_by", "impact_if_wrong", "impact")
"""The Key Assumptions Check fields every assumption fills."""


@rule(
    code="K001",
    name="assumption-check-incomplete",
    severity=Severity.WARNING,
    summary="An assumption lacks its rating, why, what would undermine it, or its impact (text and level).",
    rationale=(
        "An assumption taken as given without examination is where analysis fails silently: "
        "practitioners report about one key assumption in four collapsing under scrutiny. The "
        "Key Assumptions Check fills the four fields for every one, and the level of the impact "
        "(high, moderate, low) lets the map test it (K002)."
    ),
)
def assumption_check_incomplete(analysis: Analysis) -> Iterator[Hit]:
    """Assumptions with a Key Assumptions Check field empty."""
    for sid, statement in _assumptions(analysis):
        missing = [name for name in KAC_FIELDS if not getattr(statement, name)]
        if missing:
            yield Hit(("statements", sid), f"assumption '{sid}' has no {', '.join(missing)}", (sid,))


@rule(
    code="K002",
    name="assumption-impact-differs",
    severity=Severity.WARNING,
    summary="An assumption's stated impact differs from what assuming it false changes in the map.",
    rationale=(
        "The impact an analyst writes down is a claim about the analysis; the map can test it. "
        "If an assumption said to have high impact changes no key judgment when assumed false "
        "(alone, or once the unsupported assumptions have failed too), the map does not use it "
        "the way the analyst thinks; if one said to have low impact "
        "flips a key judgment, the analysis hangs on it more than the analyst says."
    ),
)
def assumption_impact_differs(analysis: Analysis) -> Iterator[Hit]:
    """Assumptions whose ``impact`` disagrees with the what-if of assuming them false."""
    for sid, statement in _assumptions(analysis):
        if statement.impact not in (Impact.HIGH, Impact.LOW):
            continue
        changed = analysis.changed_key_judgments([sid])
        where = ("statements", sid, "impact")
        if (
            statement.impact == Impact.HIGH
            and not changed
            and not analysis.changed_once_unsupported_fail(sid)
        ):
            message = f"assumption '{sid}' is said to have high impact, but assuming it false changes no "
            message += "key judgment"
            resting = [k for k in analysis.graph.key_judgments if sid in analysis.grounds(k)]
            unburdened = [k for k in resting if k not in analysis.graph.burdened()]
            if unburdened:
                message += f" ({', '.join(unburdened)} stand without their reasons: give them burden: true)"
            yield Hit(where, message, (sid,))
        elif statement.impact == Impact.LOW and changed:
            flips = ", ".join(f"{key} {before} -> {after}" for key, before, after in changed)
            yield Hit(
                where,
                f"assumption '{sid}' is said to have low impact, but assuming it false changes {flips}",
                (sid,),
            )
