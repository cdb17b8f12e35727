"""The analytic standards as data: likelihood scales, confidence, and the words the checks look for.

Facts from the public standards, in argmap's words:

* **ICD 203** (US Intelligence Community Directive 203, Analytic Standards,
  2015, D.6.e(2)(a)): seven likelihood terms in two interchangeable rows,
  which a product must not mix; the bands are contiguous and *share their
  endpoints*, so a number on 5, 20, 45, 55, 80 or 95 % is ambiguous.
  "Certain" and "impossible" are not estimative terms.
* **PHIA probability yardstick** (UK Professional Head of Intelligence
  Analysis, 2025): seven terms whose bands leave deliberate *gaps* between
  them (no term means 50 %); it rates how likely a statement is true, past,
  present or future.
* Confidence is kept apart from likelihood: low, moderate, high, in the
  judgment's basis (ICD 203 D.6.e(2)(b): not in one sentence with the
  likelihood term).
* Words that are not estimates: "may", "might", "could", "possible" say the
  likelihood cannot be assessed (Kent 1964 kept "possible" for anywhere
  between near 0 and near 100); an unhedged "will" reads as near-certainty.

Probabilities are percentages here (0–100); a map writes them as
fractions in [0, 1] (``probability: 0.7``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from argmap.model import Confidence, ScaleName


@dataclass(frozen=True)
class Band:
    """The range of probabilities a likelihood term stands for, in percent."""

    low: float
    """Lowest probability of the band."""
    high: float
    """Highest probability of the band."""
    low_open: bool = False
    """True if ``low`` itself is outside the band (PHIA's "> 0")."""
    high_open: bool = False
    """True if ``high`` itself is outside the band (PHIA's "< 50", "< 100")."""

    def contains(self, percent: float) -> bool:
        """True if ``percent`` lies in the band (an open end excludes its value)."""
        above = percent > self.low if self.low_open else percent >= self.low
        below = percent < self.high if self.high_open else percent <= self.high
        return above and below

    def overlaps(self, other: Band) -> bool:
        """True if the two bands share more than an endpoint."""
        return self.low < other.high and other.low < self.high

    def __str__(self) -> str:
        """E.g. ``55–80 %`` or ``> 0–5 %``."""
        low = f"> {self.low:g}" if self.low_open else f"{self.low:g}"
        high = f"< {self.high:g}" if self.high_open else f"{self.high:g}"
        return f"{low}–{high} %"


@dataclass(frozen=True)
class Term:
    """One likelihood term of a scale."""

    words: str
    """The term, e.g. ``very likely``."""
    band: Band
    """The probabilities it stands for."""
    row: int = 1
    """ICD 203: the row (1 or 2) of the term; PHIA: 1."""
    aliases: tuple[str, ...] = ()
    """Other spellings of the same term (``almost certainly``, ``probable``)."""

    @property
    def spellings(self) -> tuple[str, ...]:
        """The term and its aliases."""
        return (self.words, *self.aliases)


@dataclass(frozen=True)
class Scale:
    """A likelihood scale: its terms in order, from least to most likely."""

    name: ScaleName
    """``icd203`` or ``phia``."""
    label: str
    """Its short name, for messages: ``ICD 203``, ``PHIA``."""
    title: str
    """Its full name, for tables and notes."""
    terms: tuple[Term, ...]
    """The terms, least likely first (ICD 203: both rows)."""

    def term(self, words: str) -> Term | None:
        """The term of this scale spelled ``words`` (any case, spaces folded), or None."""
        wanted = " ".join(words.lower().split())
        return next((t for t in self.terms if wanted in t.spellings), None)

    @property
    def shared_edges(self) -> frozenset[float]:
        """Probabilities on the boundary of two bands (ICD 203's 5, 20, 45, 55, 80, 95)."""
        lows = {t.band.low for t in self.terms if not t.band.low_open}
        highs = {t.band.high for t in self.terms if not t.band.high_open}
        return frozenset(lows & highs)

    def in_gap(self, percent: float) -> bool:
        """True if no term's band holds ``percent`` although it lies within the scale (a PHIA gap)."""
        first, last = self.terms[0].band, self.terms[-1].band
        above = percent > first.low if first.low_open else percent >= first.low
        below = percent < last.high if last.high_open else percent <= last.high
        return above and below and not any(t.band.contains(percent) for t in self.terms)

    def neighbours(self, term: Term) -> tuple[Term, ...]:
        """The terms of the same row whose bands lie next to ``term``'s."""
        row = [t for t in self.terms if t.row == term.row]
        at = row.index(term)
        return tuple(row[i] for i in (at - 1, at + 1) if 0 <= i < len(row))


def _icd(words: str, low: float, high: float, row: int, *aliases: str) -> Term:
    return Term(words, Band(low, high), row, aliases)


ICD203 = Scale(
    ScaleName.ICD203,
    "ICD 203",
    "ICD 203 (US Intelligence Community Directive 203, Analytic Standards)",
    (
        _icd("almost no chance", 1, 5, 1),
        _icd("very unlikely", 5, 20, 1),
        _icd("unlikely", 20, 45, 1),
        _icd("roughly even chance", 45, 55, 1),
        _icd("likely", 55, 80, 1),
        _icd("very likely", 80, 95, 1),
        _icd("almost certain", 95, 99, 1, "almost certainly"),
        _icd("remote", 1, 5, 2),
        _icd("highly improbable", 5, 20, 2),
        _icd("improbable", 20, 45, 2),
        _icd("roughly even odds", 45, 55, 2),
        _icd("probable", 55, 80, 2),
        _icd("highly probable", 80, 95, 2),
        _icd("nearly certain", 95, 99, 2),
    ),
)
"""ICD 203's two rows of terms; the bands of one row share their endpoints."""

PHIA = Scale(
    ScaleName.PHIA,
    "PHIA",
    "PHIA probability yardstick (UK Professional Head of Intelligence Analysis)",
    (
        Term("remote chance", Band(0, 5, low_open=True)),
        Term("highly unlikely", Band(10, 20)),
        Term("unlikely", Band(25, 35)),
        Term("realistic possibility", Band(40, 50, high_open=True)),
        Term("likely", Band(55, 75), aliases=("probable", "probably")),
        Term("highly likely", Band(80, 90)),
        Term("almost certain", Band(95, 100, high_open=True), aliases=("almost certainly",)),
    ),
)
"""The PHIA yardstick; its bands leave gaps (5–10, 20–25, 35–40, 50–55, 75–80, 90–95 %)."""

SCALES: dict[ScaleName, Scale] = {ICD203.name: ICD203, PHIA.name: PHIA}
"""The scales by name."""


CONFIDENCE_MEANING: dict[Confidence, str] = {
    Confidence.HIGH: (
        "good information from several independent sources, few gaps and assumptions, deception "
        "assessed; can still be wrong"
    ),
    Confidence.MODERATE: "credibly sourced and plausible, not corroborated enough for high",
    Confidence.LOW: (
        "questionable credibility or plausibility, fragmentary or poorly corroborated information, "
        "significant gaps"
    ),
}
"""What each confidence level says about a judgment's basis (NIC explainers; PHIA's confidence rating)."""

VAGUE_WORDS = (
    "may",
    "might",
    "could",
    "possibly",
    "possible",
    "perhaps",
    "conceivably",
    "conceivable",
    "would not be surprising",
    "cannot rule out",
    "cannot be ruled out",
    "can not be ruled out",
    "there is a chance",
)
"""Words that hedge without estimating: they say the likelihood cannot be assessed."""

HEDGES = (
    *VAGUE_WORDS,
    "likely",
    "unlikely",
    "probably",
    "probable",
    "expected",
    "expects",
    "would",
    "should",
    "appears",
    "seems",
    "suggests",
    "in all likelihood",
    "in all probability",
)
"""Words that hedge a statement: a conclusion drawn from one must not drop them.

A bare condition ("if P, then Q") is not among them: with P among the
premises, Q follows as it stands (modus ponens). "Q is possible if P" keeps
its hedge, "possible", after P is granted.
"""

CONDITIONS = ("if", "unless", "provided", "assuming", "as long as")
"""Words that make a statement conditional: a "will" under a condition is no flat certainty."""

CERTAIN_WILL = re.compile(r"\bwill\b(?!\s+(?:likely|probably|possibly|perhaps)\b)", re.IGNORECASE)
"""An unhedged "will": a near-certainty if nothing in the sentence hedges it."""

EVALUATIVE_WORDS = (
    "wants",
    "want",
    "seeks",
    "seek",
    "aims",
    "aim",
    "intends",
    "hopes",
    "fears",
    "believes",
    "sees",
    "views",
    "considers",
    "perceives",
    "regards",
    "ambition",
    "ambitions",
    "interest",
    "interests",
    "important",
    "significant",
    "crucial",
    "clearly",
    "obviously",
    "powerful",
    "becoming",
    "emerging",
    "influence",
    "dominance",
    "role",
    "should",
    "must",
    "appears",
    "seems",
    "suggests",
    "expected",
    "likely",
    "unlikely",
    "probably",
    "growing",
    "increasingly",
    "rising",
)
"""Words that mark a judgment rather than a reported event (rule Q001): intentions, evaluations, trends."""

CONFIDENCE_PHRASE = re.compile(
    r"\b(?:high|moderate|medium|low)[- ]confidence\b|\bconfiden(?:t|ce)\b", re.IGNORECASE
)
"""A statement of confidence inside a sentence."""

THEME_WORDS = re.compile(
    r"\b(?:tensions?|relations?|influence|ties|cooperation|pressure|stability|momentum|interest)\b.*"
    r"\b(?:rise|rises|rising|grow|grows|growing|increase|increases|improve|improves|deepen|deepens|"
    r"worsen|worsens|decline|declines|weaken|weakens|strengthen|strengthens)\b",
    re.IGNORECASE,
)
"""A trend ("tensions rise", "ties deepen") that no single observation shows: a theme, not an indicator."""

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def sentences(text: str) -> list[str]:
    """The sentences of a statement's text (split at . ! ? and ; followed by a space)."""
    return [part for part in _SENTENCE_END.split(" ".join(text.split())) if part]


@cache
def _phrase(words: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + _spaced(words) + r"(?![\w-])", re.IGNORECASE)


def _spaced(words: str) -> str:
    """A pattern for ``words`` with any run of spaces between them."""
    return r"\s+".join(map(re.escape, words.split()))


_MONTH_MAY = re.compile(r"May(?=\s+\d)|(?<=\d\s)May|May(?=\s+of\s+\d)")


def find_words(text: str, words: tuple[str, ...] | list[str]) -> list[str]:
    """The words or phrases of ``words`` that occur whole in ``text`` (any case), in list order.

    The month ("in May 2022", "4 May") is not the verb "may".
    """
    text = _MONTH_MAY.sub("Month", text)
    if not _any_phrase(tuple(words)).search(text):
        return []  # most texts hold none: one search instead of one per word
    return [w for w in words if _phrase(w).search(text)]


@cache
def _any_phrase(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching wherever any of ``words`` would (:func:`_phrase`)."""
    alternatives = "|".join(map(_spaced, words)) or "(?!)"
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])", re.IGNORECASE)


def read_not_said(likelihood: str, said: list[str] | tuple[str, ...]) -> bool:
    """Whether a likelihood term is the map's reading rather than the source's word.

    True when the source's estimative words (``said``, as the map records
    them) do not hold the term, so that a product must not present "likely"
    as the source's own.
    """
    return bool(likelihood) and not find_words(" ".join(said), [likelihood])


NEGATION = re.compile(r"(?:\b(?:not|never|hardly|no\s+longer)|n't)\s+(?:\w+\s+)?$", re.IGNORECASE)
"""A negation just before a term ("is not likely", "isn't very likely"): the words no longer say its band."""


def find_terms(text: str, scale: Scale, *, skip_negated: bool = False) -> list[Term]:
    """Likelihood terms of ``scale`` written in ``text``, longest spelling first, none counted twice.

    Spellings of every scale claim their words, so that ``highly unlikely`` (PHIA) is found
    once, not also as ICD 203's ``unlikely`` or ``likely``; only terms of ``scale`` are
    returned. With ``skip_negated``, a term right after a negation ("not likely") is left out.
    """
    found: list[Term] = []
    spans: list[tuple[int, int]] = []
    every = (
        (spelling, term, owner is scale)
        for owner in {id(s): s for s in (scale, *SCALES.values())}.values()
        for term in owner.terms
        for spelling in term.spellings
    )
    for spelling, term, ours in sorted(every, key=lambda entry: (-len(entry[0]), not entry[2])):
        for match in _phrase(spelling).finditer(text):
            if any(match.start() < end and start < match.end() for start, end in spans):
                continue
            spans.append(match.span())
            negated = skip_negated and NEGATION.search(text[: match.start()])
            if ours and not negated and term not in found:
                found.append(term)
    return found


def all_terms(text: str) -> Iterator[tuple[Scale, Term]]:
    """Every likelihood term of either scale written in ``text``."""
    for scale in SCALES.values():
        for term in find_terms(text, scale):
            yield scale, term
