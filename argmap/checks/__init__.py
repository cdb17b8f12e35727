"""Checks: the rule registry and the rules of each family (one module per family)."""

from argmap.checks import (
    ach,
    assumptions,
    estimative,
    hypotheses,
    indicators,
    judgment,
    provenance,
    quality,
    structure,
)
from argmap.checks.registry import RULES, Family, Finding, Hit, Rule, Severity, ordered_rules, run_checks

__all__ = [
    "RULES",
    "Family",
    "Finding",
    "Hit",
    "Rule",
    "Severity",
    "ach",
    "assumptions",
    "estimative",
    "hypotheses",
    "indicators",
    "judgment",
    "ordered_rules",
    "provenance",
    "quality",
    "run_checks",
    "structure",
]
