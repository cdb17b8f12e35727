"""The argument-map model: pydantic classes for statements, inferences, conflicts, sources.

The classes follow the Argument Interchange Format (AIF, Chesñevar et al. 2006;
Rahwan & Reed 2009):

* :class:`Statement` is an I-node (a proposition) of kind claim, evidence,
  assumption or hypothesis.
* :class:`Inference` is an RA-node: premises taken *together* (co-premises of
  one linked argument) support one conclusion.
* :class:`Conflict` is a CA-node: an attacker statement rebuts a conclusion,
  undermines a premise, or undercuts an inference (ASPIC+'s three attacks).
* :class:`Source` is where evidence comes from, graded on the Admiralty
  (NATO STANAG 2511) reliability scale A–F.

The same classes describe the map file (their JSON Schema is the file format,
see :func:`map_file_schema`); statements may carry the shorthand
``supports`` / ``rebuts`` / ``undermines`` / ``undercuts``. The loader turns
that shorthand into explicit inferences and conflicts
(:func:`ArgumentMap.expanded`), so every later stage sees one graph.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from argmap.vocabulary import (
    AssumptionRating,
    AttackStrength,
    Confidence,
    ConflictKind,
    Credibility,
    EvidenceType,
    Expectation,
    Impact,
    IndicatorStatus,
    Level,
    Profile,
    Rating,
    Reliability,
    ScaleName,
    SourceKind,
    StatementKind,
    StatementStatus,
)

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.]*$"
"""User ids: a letter, then letters, digits, ``_`` or ``.`` (e.g. ``C1``, ``E3a``)."""

NodeId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
"""A statement, inference, conflict, source or group id as written in a map file."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"\S")]
"""Non-empty plain text; surrounding whitespace is dropped."""


def _grade_text(value: Any) -> Any:
    """Accept ``credibility: 2`` and ``reliability: b`` as well as ``"2"`` and ``B``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value.strip().upper() if isinstance(value, str) else value


def _as_list(value: Any) -> Any:
    """Accept a single id where a list of ids is expected (``supports: C1``)."""
    return [value] if isinstance(value, str) else value


IdList = Annotated[list[NodeId], BeforeValidator(_as_list, json_schema_input_type=NodeId | list[NodeId])]
"""One id or a list of ids; always loaded as a list."""

REF_PATTERN = r"^[A-Za-z][A-Za-z0-9_.]*(->[A-Za-z][A-Za-z0-9_.]*)?$"
"""A reference: a user id, or a shorthand inference id such as ``E1->C1``."""

RefId = Annotated[str, StringConstraints(pattern=REF_PATTERN, max_length=130)]
"""An id that may also name an inference generated from ``supports`` shorthand."""

RefList = Annotated[list[RefId], BeforeValidator(_as_list, json_schema_input_type=RefId | list[RefId])]
"""One reference or a list of them; always loaded as a list."""

NonEmptyIdList = Annotated[
    list[NodeId],
    Field(min_length=1),
    BeforeValidator(_as_list, json_schema_input_type=NodeId | Annotated[list[NodeId], Field(min_length=1)]),
]
"""One id or a non-empty list of ids; always loaded as a list."""

TextList = Annotated[list[Text], BeforeValidator(_as_list, json_schema_input_type=Text | list[Text])]
"""One text or a list of texts; always loaded as a list."""

_DAY = r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
DATE_SPAN_PATTERN = f"^{_DAY}(?:/{_DAY})?$"
"""A date as precise as it is known: ``2024``, ``2024-12``, ``2024-12-04``, or a span ``2024-12/2025-01``."""


DATE_SPAN_HELP = (
    "write a year (2025), a month (2025-01), a day (2025-01-15) or a span of two of these (2024-12/2025-01)"
)
"""How to write a date span, for messages."""


def _date_text(value: Any) -> Any:
    """Accept a YAML date (``2024-12-04`` loads as a date) and a bare year (``2024``, an int) as text.

    Raises:
        ValueError: a date with a time of day.
    """
    if isinstance(value, datetime.datetime):
        raise ValueError(f"'{value.isoformat()}' has a time of day: {DATE_SPAN_HELP}")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    return value


def _check_span(value: str) -> str:
    """A well-formed span whose days exist and whose end is not before its start.

    Raises:
        ValueError: with what to write instead.
    """
    if not re.fullmatch(DATE_SPAN_PATTERN, value):
        raise ValueError(f"'{value}' is not a date: {DATE_SPAN_HELP}")
    try:
        first, last = date_bounds(value)
    except ValueError:
        raise ValueError(f"'{value}' names a day that does not exist: {DATE_SPAN_HELP}") from None
    if last < first:
        raise ValueError(f"'{value}' ends before it begins")
    return value


DateSpan = Annotated[
    str,
    BeforeValidator(_date_text, json_schema_input_type=str | Annotated[int, Field(ge=1000, le=9999)]),
    AfterValidator(_check_span),
]


def _day(value: Any) -> Any:
    """Accept a YAML date, or its text, as a day.

    Raises:
        ValueError: a time of day, or anything that is not one whole day.
    """
    if isinstance(value, datetime.datetime):
        raise ValueError(f"'{value.isoformat()}' has a time of day: write the day alone, e.g. 2025-01-15")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(
                f"'{value}' names a day that does not exist: write a real one, e.g. 2025-01-15"
            ) from None
    raise ValueError(f"'{value}' is not a day: write one whole day, e.g. 2025-01-15")


Day = Annotated[datetime.date, BeforeValidator(_day, json_schema_input_type=datetime.date)]
"""One whole day (ISO 8601), such as the map's date or the ends of an indicator's window."""
"""A date as precise as the source allows: a year, a month, a day, or a span of two of these (ISO 8601)."""


def date_bounds(value: str) -> tuple[datetime.date, datetime.date]:
    """The first and the last day a :data:`DateSpan` may mean.

    Raises:
        ValueError: the text is not a date span, or names a day that does not exist.
    """
    parts = value.split("/")
    return _first_day(parts[0]), _last_day(parts[-1])


def span_text(value: str) -> str:
    """A :data:`DateSpan` for reading: ``2024-12/2025-01`` as ``2024-12 to 2025-01``."""
    return " to ".join(value.split("/"))


def _first_day(part: str) -> datetime.date:
    numbers = [int(n) for n in part.split("-")] + [1, 1]
    return datetime.date(numbers[0], numbers[1], numbers[2])


def _last_day(part: str) -> datetime.date:
    numbers = [int(n) for n in part.split("-")]
    if len(numbers) == 3:
        return datetime.date(*numbers)
    year, month = numbers[0], numbers[1] if len(numbers) == 2 else 12
    if month == 12:  # computed without the next year, which 9999 does not have
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


ReliabilityInput = Literal["A", "B", "C", "D", "E", "F", "a", "b", "c", "d", "e", "f"]
"""Reliability as a map file may write it (either case)."""

CredibilityInput = Literal["1", "2", "3", "4", "5", "6", 1, 2, 3, 4, 5, 6]
"""Credibility as a map file may write it (number or text)."""


class _Strict(BaseModel):
    """Base for file-format models: unknown keys are errors, ids are validated."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class Excerpt(_Strict):
    """A passage of a source deliberately left unmapped (page furniture)."""

    text: Text
    """The passage as it stands in the source (normalised before matching)."""
    reason: Text
    """Why it is not mapped, e.g. ``navigation`` or ``photo credit``."""


class Source(_Strict):
    """Where evidence comes from: a document and its Admiralty reliability grade."""

    model_config = ConfigDict(json_schema_extra={"not": {"required": ["file", "text"]}})

    title: Text
    """The document's title."""
    author: str | None = None
    """Author, as the document names it (the originator to grade, not the outlet that repeats it)."""
    outlet: str | None = None
    """Where the document appeared: publisher, newspaper, website, agency."""
    kind: SourceKind | None = None
    """What kind of document it is: news report, opinion, analysis, official statement..."""
    date: DateSpan | None = None
    """Publication date, as precise as known: ``2025-01-15``, ``2025-01``, or a span ``2024-12/2025-01``."""
    cutoff: DateSpan | None = None
    """Information cutoff: the latest date the document's information reflects (a date or a span)."""
    url: str | None = None
    """Where the document was published."""
    file: Text | None = None
    """Path of the document's text, relative to the map file; quotes are checked against it."""
    text: str | None = None
    """The document's text inline, for short sources (instead of ``file``)."""
    reliability: Annotated[
        Reliability, BeforeValidator(_grade_text, json_schema_input_type=ReliabilityInput)
    ] = Reliability.F
    """Admiralty reliability A–F; F (cannot be judged) when not given."""
    excluded: list[Excerpt] = Field(default_factory=list)
    """Passages of the file that the map leaves out on purpose, each with a reason."""
    full_coverage: StrictBool = False
    """If true, every sentence of the file not excluded must be quoted (rule P005)."""
    summary: str | None = None
    """Source summary statement (ICD 206): the sourcing's strengths and weaknesses, what corroborates it,
    what conflicts with it."""
    note: str | None = None
    """Free commentary: how the grade, date or cutoff were established."""

    @model_validator(mode="after")
    def _file_or_text(self) -> Source:
        if self.file is not None and self.text is not None:
            raise ValueError("give the source's 'file' or its 'text', not both")
        return self


class Statement(_Strict):
    """A proposition (AIF I-node) with its kind, text and provenance."""

    kind: StatementKind
    """claim, evidence, assumption or hypothesis."""
    text: Text
    """The proposition in the analyst's words."""
    key: StrictBool = False
    """True for a key judgment: the bottom line the map argues for."""
    burden: StrictBool | None = None
    """Burden of proof for this statement; the map's ``burden_of_proof`` when not given."""
    background: StrictBool = False
    """True for context the source gives without arguing from it (exempt from rule S005)."""
    source: IdList = Field(default_factory=list)
    """Id of the source (or a list of sources) the statement is taken from (required for evidence)."""
    quote: TextList = Field(default_factory=list)
    """Exact passages of the source the statement rests on (one string or a list)."""
    credibility: Annotated[
        Credibility | None, BeforeValidator(_grade_text, json_schema_input_type=CredibilityInput | None)
    ] = None
    """Admiralty information credibility 1–6 of evidence."""
    evidence_type: EvidenceType | None = None
    """What evidence reports: an ``event``, an ``attributed`` statement, or the source's ``assessment``."""
    date: DateSpan | None = None
    """When the event happened or the statement was made, as precise as known (``2024-12``)."""
    attributed_to: str | None = None
    """Who made an attributed statement."""
    corroborated_by: IdList = Field(default_factory=list)
    """Other evidence items, from independent sources, that confirm this one."""
    estimative: TextList = Field(default_factory=list)
    """Estimative words as the source wrote them (``expected``, ``likely``, ``possible``)."""
    likelihood: str | None = None
    """The likelihood term of the map's scale the statement carries (``likely``, ``remote chance``)."""
    probability: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False, strict=True)] | None = None
    """A numeric probability in [0, 1] beside the term; it must lie in the term's band."""
    fact: StrictBool = False
    """True for a key judgment stated as fact, which then carries no likelihood term."""
    confidence: Confidence | None = None
    """Analytic confidence in the judgment's basis: low, moderate or high."""
    confidence_basis: str | None = None
    """Why that confidence: the sources, their corroboration, the assumptions it rests on."""
    relevance: Level | None = None
    """ACH relevance of an evidence item; medium when not given."""
    ach_credibility: Level | None = None
    """ACH credibility of an evidence item; derived from the Admiralty grades when not given."""
    rating: AssumptionRating | None = None
    """Key Assumptions Check rating of an assumption."""
    why: str | None = None
    """Key Assumptions Check: why the assumption is rated as it is."""
    undermined_by: str | None = None
    """Key Assumptions Check: what would show the assumption wrong."""
    impact_if_wrong: str | None = None
    """Key Assumptions Check: what changes in the analysis if it is wrong."""
    impact: Impact | None = None
    """Key Assumptions Check: how much changes if it is wrong (compared with a what-if, rule K001)."""
    horizon: DateSpan | None = None
    """A hypothesis's horizon: the date by which its threshold is judged (the ACH's when not given)."""
    threshold: Text | None = None
    """A hypothesis's observable threshold: what, seen by the horizon, makes it true."""
    status: StatementStatus | None = None
    """``retracted`` or ``discredited``: the statement is withdrawn (OUT, and not scored in ACH)."""
    status_reason: Text | None = None
    """Why the statement was withdrawn (required with ``status``)."""
    status_date: Day | None = None
    """When the statement was withdrawn (required with ``status``)."""
    note: str | None = None
    """Free commentary; not part of the proposition."""
    supports: IdList = Field(default_factory=list)
    """Shorthand: a single-premise inference from this statement to each target."""
    rebuts: IdList = Field(default_factory=list)
    """Shorthand: a rebut conflict from this statement to each target."""
    undermines: IdList = Field(default_factory=list)
    """Shorthand: an undermine conflict from this statement to each target."""
    undercuts: RefList = Field(default_factory=list)
    """Shorthand: an undercut conflict from this statement to each inference."""

    @model_validator(mode="after")
    def _fact_or_likelihood(self) -> Statement:
        if self.fact and self.likelihood is not None:
            raise ValueError(
                "'fact: true' and a 'likelihood' contradict each other: a judgment stated as fact "
                "carries no likelihood term; keep one"
            )
        if self.status is not None and (not self.status_reason or self.status_date is None):
            raise ValueError(
                f"a {self.status} statement needs 'status_reason' (why) and 'status_date' (when)"
            )
        if self.status is None and (self.status_reason or self.status_date is not None):
            raise ValueError("'status_reason' and 'status_date' go with 'status: retracted' or 'discredited'")
        if self.kind != StatementKind.HYPOTHESIS and (self.horizon or self.threshold):
            article = "an" if self.kind in (StatementKind.EVIDENCE, StatementKind.ASSUMPTION) else "a"
            raise ValueError(f"'horizon' and 'threshold' belong to hypotheses, not to {article} {self.kind}")
        if self.kind == StatementKind.HYPOTHESIS and self.status is not None:
            raise ValueError(
                "a hypothesis cannot be withdrawn: it is a candidate answer, not a claim; "
                "remove it from the map if it is no longer considered"
            )
        return self


class Inference(_Strict):
    """An inference (AIF RA-node): co-premises that together support a conclusion."""

    premises: NonEmptyIdList
    """Ids of the statements needed together (a linked argument if more than one)."""
    conclusion: NodeId
    """Id of the statement supported."""
    scheme: str | None = None
    """Argumentation scheme (Walton), e.g. ``cause to effect``, ``expert opinion``."""
    strength: float | None = Field(default=None, ge=0.0, le=1.0, allow_inf_nan=False, strict=True)
    """Optional strength of the link in [0, 1]."""
    note: str | None = None
    """Free commentary on the inference."""


class Conflict(_Strict):
    """A conflict (AIF CA-node): an attacker statement against a target."""

    kind: ConflictKind
    """rebut, undermine or undercut."""
    attacker: NodeId
    """Id of the attacking statement."""
    target: RefId
    """Id of the statement (rebut, undermine) or inference (undercut) attacked."""
    strength: AttackStrength = AttackStrength.STRONG
    """``weak``: the attacker is weaker than its target and does not defeat it (rebut, undermine)."""
    note: str | None = None
    """Free commentary on the conflict."""

    @model_validator(mode="after")
    def _undercuts_defeat(self) -> Conflict:
        if self.kind == ConflictKind.UNDERCUT and self.strength == AttackStrength.WEAK:
            raise ValueError(
                "an undercut always defeats: it says the inference does not hold, whatever the "
                "strength of its premises; write a weak rebut of the conclusion instead"
            )
        return self


class Group(_Strict):
    """A named cluster of statements, drawn as a box around them."""

    label: Text
    """Heading shown on the cluster."""
    members: NonEmptyIdList
    """Ids of the statements in the group."""


class ExpectedLabels(_Strict):
    """Statement and inference ids the evaluation should label IN, OUT or UNDEC."""

    in_: IdList = Field(default_factory=list, alias="in")
    """Ids expected to stand."""
    out: IdList = Field(default_factory=list)
    """Ids expected to fall."""
    undec: IdList = Field(default_factory=list)
    """Ids expected to stay open."""


class Window(_Strict):
    """When an indicator is watched for."""

    start: Day | None = Field(default=None, alias="from")
    """First day of the window (ISO 8601); open if not given."""
    end: Day | None = Field(default=None, alias="to")
    """Last day of the window (ISO 8601); open if not given."""

    @model_validator(mode="after")
    def _in_order(self) -> Window:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"the window ends ({self.end}) before it begins ({self.start})")
        return self


class Indicator(_Strict):
    """An observable event to watch for, with what each hypothesis makes of it."""

    text: Text
    """What would be observed: an event, a statement, a figure."""
    expect: dict[NodeId, Expectation] = Field(default_factory=dict)
    """Hypothesis id → how likely the indicator is to appear if that hypothesis is true."""
    window: Window | None = None
    """When it is watched for."""
    status: IndicatorStatus = IndicatorStatus.NOT_YET_SEEN
    """Whether it has been seen within the window."""
    note: str | None = None
    """Free commentary, e.g. where to look."""


TLP_LABELS = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")
"""The Traffic Light Protocol 2.0 labels (FIRST), the handling banners most briefings carry."""


BANNER_LENGTH = 80
"""The longest banner: it must fit one line atop every page."""


def banner_text(text: str) -> str:
    """A handling banner as printed: a TLP label in its canonical spelling, or free text on one line.

    Raises:
        ValueError: the text starts with ``TLP`` but names no TLP 2.0 label
            (``TLP:WHITE`` became ``TLP:CLEAR`` in TLP 2.0), or is longer than
            :data:`BANNER_LENGTH`.
    """
    line = " ".join(text.split())
    if len(line) > BANNER_LENGTH:
        raise ValueError(f"a banner is one short line: {len(line)} characters, at most {BANNER_LENGTH}")
    if re.match(r"(?i)tlp\b", line):
        canonical = re.sub(r"(?i)^tlp\s*:\s*", "TLP:", line).upper().replace(" ", "")
        if canonical not in TLP_LABELS:
            raise ValueError(f"'{line}' is no TLP 2.0 label; TLP labels: {', '.join(TLP_LABELS)}")
        return canonical
    return line


class MapInfo(_Strict):
    """Map metadata: what the map is about and who made it."""

    title: Text
    """Title of the map."""
    question: str | None = None
    """The question the map answers (its hypotheses are candidate answers)."""
    author: str | None = None
    """Who made the map."""
    date: Day | None = None
    """When the map was made or last revised (ISO 8601)."""
    description: str | None = None
    """A paragraph on scope and method."""
    expect: ExpectedLabels | None = None
    """Labels the map expects its evaluation to give; ``argmap check`` reports differences (J005)."""
    burden_of_proof: StrictBool = False
    """If true, claims stand only when an inference into them is IN (see :mod:`argmap.evaluate`)."""
    scale: ScaleName = ScaleName.ICD203
    """The likelihood scale of the map's terms: ``icd203`` (default) or ``phia``."""
    credibility_rule: dict[
        EvidenceType,
        Annotated[Credibility, BeforeValidator(_grade_text, json_schema_input_type=CredibilityInput)],
    ] = Field(default_factory=dict)
    """The map's own grading rule: the information credibility each evidence type gets (rule Q003)."""
    stale_after_days: Annotated[int, Field(gt=0, le=36_500, strict=True)] | None = None
    """Information dated more than this many days before the map's date is flagged as old."""
    caveat: str | None = None
    """What every product must say under its title, e.g. that the map restates one source."""
    bottom_line: Text | None = None
    """The answer first, in one or two sentences: what a briefing opens with (BLUF), before the key
    judgments; any restriction on the product's use belongs in it."""
    banner: Text | None = None
    """The handling banner a briefing prints atop and below every page: a Traffic Light Protocol
    label (``TLP:CLEAR``, ``TLP:GREEN``, ``TLP:AMBER``, ``TLP:AMBER+STRICT``, ``TLP:RED``) or free
    text such as ``OFFICIAL``."""

    @field_validator("banner")
    @classmethod
    def _known_tlp(cls, value: str | None) -> str | None:
        return banner_text(value) if value is not None else None


class RatedCell(_Strict):
    """One cell written out in full, to give it a note: ``H2: {rating: I, note: ...}``."""

    rating: Rating | None = None
    """The rating (None: not rated)."""
    note: Text | None = None
    """Why this cell is rated as it is, where that is arguable."""


class RatingRow(_Strict):
    """One ACH row's ratings against the hypotheses: ``{H1: C, H2: I, note: ...}``.

    Keys other than ``note`` are hypothesis ids; a value is a rating, blank
    (not rated), or a :class:`RatedCell` with its own note.
    """

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, Rating | RatedCell | None] = Field(init=False)  # type: ignore[assignment]

    note: str | None = None
    """Why the row is rated as it is."""

    @property
    def cells(self) -> dict[str, Rating | None]:
        """Hypothesis id → rating (None: not rated), in file order."""
        return {
            h: value.rating if isinstance(value, RatedCell) else value
            for h, value in (self.__pydantic_extra__ or {}).items()
        }

    @property
    def cell_notes(self) -> dict[str, str]:
        """Hypothesis id → the note of that cell, for cells that have one."""
        return {
            h: value.note
            for h, value in (self.__pydantic_extra__ or {}).items()
            if isinstance(value, RatedCell) and value.note
        }


class AchSection(_Strict):
    """The map's Analysis of Competing Hypotheses: ratings, scoring profile, priors."""

    profile: Profile = Profile.HEUER
    """Scoring profile shown by default."""
    exclusive: StrictBool = False
    """The analyst declares the hypotheses mutually exclusive: at most one can come true."""
    exhaustive: StrictBool = False
    """The analyst declares the hypotheses exhaustive: one of them will come true."""
    horizon: DateSpan | None = None
    """The date by which the hypotheses are judged (a hypothesis may state its own)."""
    analyst: Text | None = None
    """Who made ``ratings``; the map's author when not given."""
    ratings: dict[NodeId, RatingRow] = Field(default_factory=dict)
    """Row id (evidence, a source's judgment, an assumption) → its ratings against the hypotheses."""
    analysts: dict[Text, dict[NodeId, RatingRow]] = Field(default_factory=dict)
    """Further analysts' ratings, by analyst name; merged with ``ratings``."""
    priors: dict[NodeId, Annotated[float, Field(gt=0, allow_inf_nan=False, strict=True)]] = Field(
        default_factory=dict
    )
    """Prior weight of each hypothesis for the likelihood profile; normalised, one not listed weighs 1."""
    likelihoods: dict[Rating, Annotated[float, Field(gt=0, le=1, allow_inf_nan=False, strict=True)]] = Field(
        default_factory=dict
    )
    """Override of the rating → P(e|h) table of the likelihood profile (not NA; CC >= C >= N >= I >= II)."""

    @field_validator("likelihoods")
    @classmethod
    def _likelihoods_ordered(cls, table: dict[Rating, float]) -> dict[Rating, float]:
        if Rating.NA in table:
            raise ValueError("NA has no likelihood: it counts as N")
        defaults = {Rating.CC: 0.95, Rating.C: 0.75, Rating.N: 0.5, Rating.I: 0.25, Rating.II: 0.05}
        merged = [{**defaults, **table}[r] for r in defaults]
        if any(a < b for a, b in itertools.pairwise(merged)):
            raise ValueError("likelihoods must not rise from CC to II (CC >= C >= N >= I >= II)")
        return table


def normal_form(name: str) -> str:
    """A name in Unicode normal form NFKC, to tell names that only look different apart from ones that are."""
    return unicodedata.normalize("NFKC", name)


class ArgumentMap(_Strict):
    """A whole map file: metadata, sources, statements, inferences, conflicts, groups.

    Sections are mappings from id to object, in file order. After loading,
    :meth:`expanded` gives the graph with statement shorthand turned into
    inferences and conflicts.
    """

    map: MapInfo
    """Metadata of the map."""
    sources: dict[NodeId, Source] = Field(default_factory=dict)
    """Documents the map's evidence comes from, by id."""
    statements: dict[NodeId, Statement] = Field(default_factory=dict)
    """Statements by id."""
    inferences: dict[NodeId, Inference] = Field(default_factory=dict)
    """Explicit inferences by id (linked arguments need these)."""
    conflicts: dict[NodeId, Conflict] = Field(default_factory=dict)
    """Explicit conflicts by id."""
    groups: dict[NodeId, Group] = Field(default_factory=dict)
    """Clusters of statements by id."""
    indicators: dict[NodeId, Indicator] = Field(default_factory=dict)
    """Observable events to watch for, by id, with what each hypothesis expects of them."""
    ach: AchSection | None = None
    """Analysis of Competing Hypotheses over the map's hypotheses and evidence."""
    interchange: dict[str, Any] = Field(default_factory=dict)
    """Data of another format that argmap does not use, kept by an importer so that exporting to
    that format again gives it back (AIF: the dialogue layer, its node ids). Nothing reads it."""

    @field_validator("ach")
    @classmethod
    def _analysts_named_once(cls, ach: AchSection | None, info: ValidationInfo) -> AchSection | None:
        meta = info.data.get("map")
        if ach is not None:
            main = ach.analyst or (meta.author if meta else None) or "analyst"
            if main in ach.analysts:
                raise ValueError(
                    f"analyst '{main}' rates twice: as the map's own ratings and under 'analysts'"
                )
            same = [name for name in ach.analysts if normal_form(name) == normal_form(main)]
            if same:  # José typed with a composed é and with a combining accent: one person, two names
                raise ValueError(
                    f"analyst '{same[0]}' under 'analysts' is the map's own analyst '{main}' in other "
                    "Unicode characters (the same after NFKC normalisation); write the name one way"
                )
        return ach

    @property
    def key_judgments(self) -> list[str]:
        """Ids of statements flagged ``key: true``, in file order."""
        return [sid for sid, st in self.statements.items() if st.key]

    def expanded(self) -> ArgumentMap:
        """Return a copy with statement shorthand moved into inferences and conflicts.

        ``E1: {supports: C1}`` becomes inference ``E1->C1`` with premise E1;
        ``rebuts``, ``undermines`` and ``undercuts`` become conflicts
        ``E1-rebut->C1`` (``-undermine->``, ``-undercut->``) of that kind.
        Generated ids contain ``>`` so they never
        collide with user ids (:data:`ID_PATTERN`). Shorthand lists are emptied.

        Returns:
            A new :class:`ArgumentMap`; ``self`` is not changed. It shares
            with ``self`` every part the expansion leaves as it is (a shallow
            copy: a deep one cost more than reading the file), so neither is
            to be changed in place.
        """
        statements = dict(self.statements)
        inferences, conflicts = dict(self.inferences), dict(self.conflicts)
        for sid, statement in self.statements.items():
            if not statement.supports and not any(getattr(statement, n) for n in SHORTHAND_FIELD.values()):
                continue
            for target in statement.supports:
                inferences.setdefault(
                    shorthand_inference_id(sid, target), Inference(premises=[sid], conclusion=target)
                )
            for kind in ConflictKind:
                for target in getattr(statement, SHORTHAND_FIELD[kind]):
                    conflicts.setdefault(
                        shorthand_conflict_id(sid, kind, target),
                        Conflict(kind=kind, attacker=sid, target=target),
                    )
            cleared = {"supports": [], **{name: [] for name in SHORTHAND_FIELD.values()}}
            statements[sid] = statement.model_copy(update=cleared)
        return self.model_copy(
            update={"statements": statements, "inferences": inferences, "conflicts": conflicts}
        )


SHORTHAND_FIELD: dict[ConflictKind, str] = {
    ConflictKind.REBUT: "rebuts",
    ConflictKind.UNDERMINE: "undermines",
    ConflictKind.UNDERCUT: "undercuts",
}
"""Statement shorthand field for each conflict kind."""


def natural_key(identifier: Any) -> tuple[Any, ...]:
    """Sort key of an id: its letters, then its numbers as numbers (``E2`` before ``E10``).

    One order for ids wherever argmap needs one that does not depend on how
    a file is written: ``fmt``'s layout and the diagram's DOT. Each id's key
    is worked out once (a drawing sorts the same ids many times).
    """
    return _natural_key(str(identifier))


@functools.lru_cache(maxsize=1 << 20)
def _natural_key(identifier: str) -> tuple[Any, ...]:
    parts = _DIGITS.split(identifier)
    return tuple((0, int(part), part) if part.isdigit() else (1, 0, part) for part in parts)


_DIGITS = re.compile(r"(\d+)")


def shorthand_inference_id(premise: str, conclusion: str) -> str:
    """Id of the inference generated by ``premise: {supports: conclusion}``."""
    return f"{premise}->{conclusion}"


def shorthand_conflict_id(attacker: str, kind: ConflictKind, target: str) -> str:
    """Id of the conflict generated by ``attacker: {rebuts|undermines|undercuts: target}``.

    The kind is part of the id (``E1-rebut->C1``), so a statement that both
    rebuts and undermines one target yields two conflicts.
    """
    return f"{attacker}-{kind.value}->{target}"


def map_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a map file, generated from :class:`ArgumentMap`."""
    schema = ArgumentMap.model_json_schema()
    for section in schema["properties"].values():
        if "patternProperties" in section:
            section["additionalProperties"] = False
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "argmap map file"
    return schema
