"""The words of the map format: every closed list of values a map may use, as enumerations.

Kept apart from :mod:`argmap.model` (which re-exports them) so that reading
them costs nothing: the command line builds its choices from them before any
map is read.
"""

from __future__ import annotations

from enum import StrEnum


class StatementKind(StrEnum):
    """What a statement is."""

    CLAIM = "claim"
    """A judgment argued for; key judgments are flagged with ``key: true``."""
    EVIDENCE = "evidence"
    """A reported item, tied to a source and the quote it rests on."""
    ASSUMPTION = "assumption"
    """Taken as given; rated in a Key Assumptions Check."""
    HYPOTHESIS = "hypothesis"
    """A candidate answer to the map's question (an ACH column)."""


class ConflictKind(StrEnum):
    """The three attacks of ASPIC+ (Prakken 2010), as AIF CA-nodes."""

    REBUT = "rebut"
    """Attacks a statement that is the conclusion of an inference."""
    UNDERMINE = "undermine"
    """Attacks a statement used as a premise."""
    UNDERCUT = "undercut"
    """Attacks an inference: the link, not its conclusion."""


class AttackStrength(StrEnum):
    """Whether a rebut or undermine defeats its target (ASPIC+ preferences, Modgil & Prakken 2013)."""

    STRONG = "strong"
    """The attacker is at least as strong as its target: the attack defeats (the default)."""
    WEAK = "weak"
    """The attacker is weaker than its target: it lowers gradual strength but does not defeat."""


class StatementStatus(StrEnum):
    """Whether a statement still counts: withdrawn statements stay on the map, unused."""

    RETRACTED = "retracted"
    """The source withdrew or corrected it."""
    DISCREDITED = "discredited"
    """Shown false or unreliable since it was recorded."""


class Reliability(StrEnum):
    """Admiralty source reliability (NATO AJP-2.1). F means unknown, not worst."""

    A = "A"
    """Completely reliable."""
    B = "B"
    """Usually reliable."""
    C = "C"
    """Fairly reliable."""
    D = "D"
    """Not usually reliable."""
    E = "E"
    """Unreliable."""
    F = "F"
    """Reliability cannot be judged."""


class Credibility(StrEnum):
    """Admiralty information credibility 1–6 (NATO AJP-2.1). 6 means unknown."""

    CONFIRMED = "1"
    """Confirmed by independent sources."""
    PROBABLY_TRUE = "2"
    """Probably true."""
    POSSIBLY_TRUE = "3"
    """Possibly true."""
    DOUBTFUL = "4"
    """Doubtful."""
    IMPROBABLE = "5"
    """Improbable."""
    UNKNOWN = "6"
    """Truth cannot be judged."""


class AssumptionRating(StrEnum):
    """Key Assumptions Check rating (Heuer & Pherson, *Structured Analytic Techniques*)."""

    SOLID = "solid"
    CAVEATED = "caveated"
    UNSUPPORTED = "unsupported"


class Level(StrEnum):
    """A three-step weight level, as PARC ACH rates credibility and relevance."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Rating(StrEnum):
    """How consistent an evidence item is with a hypothesis (Heuer; PARC ACH)."""

    CC = "CC"
    """Very consistent."""
    C = "C"
    """Consistent."""
    N = "N"
    """Neutral: neither consistent nor inconsistent."""
    I = "I"  # noqa: E741 - the field's own abbreviation
    """Inconsistent."""
    II = "II"
    """Very inconsistent."""
    NA = "NA"
    """Not applicable."""


class Profile(StrEnum):
    """ACH scoring profiles (see :mod:`argmap.ach`)."""

    HEUER = "heuer"
    """Inconsistency count: I = 1, II = 2 (Heuer 1999)."""
    PARC = "parc"
    """Inconsistency weighted by credibility and relevance (PARC ACH 2.0)."""
    LIKELIHOOD = "likelihood"
    """Ratings as likelihoods P(e|h), normalised posterior (Bayes)."""


class Confidence(StrEnum):
    """Analytic confidence in the basis of a judgment, kept apart from likelihood (ICD 203)."""

    LOW = "low"
    """Questionable or fragmentary information, significant gaps."""
    MODERATE = "moderate"
    """Credibly sourced and plausible, not corroborated enough for high."""
    HIGH = "high"
    """Good information from several independent sources, few gaps; can still be wrong."""


class ScaleName(StrEnum):
    """The likelihood scales a map may declare (:mod:`argmap.standards`)."""

    ICD203 = "icd203"
    """US ICD 203: seven terms in two interchangeable rows, bands sharing their endpoints."""
    PHIA = "phia"
    """UK PHIA probability yardstick: seven terms with deliberate gaps between the bands."""


class EvidenceType(StrEnum):
    """What an evidence item reports: what happened, what someone said, or what the source judges."""

    EVENT = "event"
    """A reported event or fact (what happened, when)."""
    ATTRIBUTED = "attributed"
    """An attributed statement: who said it, and when."""
    ASSESSMENT = "assessment"
    """The source's own assessment: the author's judgment, weighed as a judgment, not a fact."""


class SourceKind(StrEnum):
    """What kind of document a source is."""

    NEWS = "news report"
    OPINION = "opinion"
    ANALYSIS = "analysis"
    OFFICIAL = "official statement"
    DOCUMENT = "official document"
    DATASET = "dataset"
    INTERVIEW = "interview"
    ACADEMIC = "academic"
    SOCIAL = "social media"
    OTHER = "other"


class Impact(StrEnum):
    """Key Assumptions Check: how much of the analysis changes if an assumption is wrong."""

    HIGH = "high"
    """A key judgment would fall or change."""
    MODERATE = "moderate"
    """Reasoning would weaken, key judgments would hold."""
    LOW = "low"
    """Little would change."""


class Expectation(StrEnum):
    """How likely an indicator is to appear if a hypothesis is true (Heuer & Pherson's indicator matrix)."""

    HIGHLY_LIKELY = "highly likely"
    LIKELY = "likely"
    COULD = "could"
    UNLIKELY = "unlikely"
    HIGHLY_UNLIKELY = "highly unlikely"


class IndicatorStatus(StrEnum):
    """Whether an indicator has been seen within its window."""

    NOT_YET_SEEN = "not yet seen"
    """Not seen so far; the window is still open."""
    OBSERVED = "observed"
    """Seen within the window."""
    NOT_OBSERVED = "not observed"
    """Not seen by the window's end: evidence too, distinct from no information."""
    NOT_ASSESSED = "not assessed"
    """Not checked against events since the sources' information cutoff."""


class Semantics(StrEnum):
    """Extension-based semantics (ICCMA abbreviations)."""

    GROUNDED = "GR"
    COMPLETE = "CO"
    PREFERRED = "PR"
    STABLE = "ST"


ALL_PROFILES = "all"
"""``--profile all``: the map's own profile, with every profile's ranking side by side."""

TABLE_COMMANDS: dict[str, str] = {
    "sources": "Quality of Information: sources, evidence by type, flags.",
    "assumptions": "Key Assumptions Check, most load-bearing first.",
    "indicators": "Indicators per hypothesis, with what each expects.",
}
"""The tradecraft tables by command name, with what each shows (:data:`argmap.report.tradecraft.TABLES`)."""
