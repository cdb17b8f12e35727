"""Checks: the rule registry and the rules of each family (one module per family)."""

from argmap.checks import ach, judgment, provenance, structure
from argmap.checks.registry import RULES, Family, Finding, Hit, Rule, Severity, ordered_rules, run_checks

__all__ = [
    "RULES",
    "Family",
    "Finding",
    "Hit",
    "Rule",
    "Severity",
    "ach",
    "judgment",
    "ordered_rules",
    "provenance",
    "run_checks",
    "structure",
]
