"""Checks: the rule registry and the rules of each family (one module per family)."""

from argmap.checks import ach, judgment, provenance, structure
from argmap.checks.registry import RULES, Family, Finding, Hit, Rule, Severity, run_checks

__all__ = [
    "RULES",
    "Family",
    "Finding",
    "Hit",
    "Rule",
    "Severity",
    "ach",
    "judgment",
    "provenance",
    "run_checks",
    "structure",
]
