"""Checks: the rule registry and the rules of each family."""

from argmap.checks import ach, judgment, provenance, structure
from argmap.checks.registry import RULES, Family, Finding, Rule, Severity, run_checks

__all__ = [
    "RULES",
    "Family",
    "Finding",
    "Rule",
    "Severity",
    "ach",
    "judgment",
    "provenance",
    "run_checks",
    "structure",
]
