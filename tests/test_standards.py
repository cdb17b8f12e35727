"""The standards as data and the estimative and indicator rules built on them, with exact values.

ICD 203's bands share their endpoints (5, 20, 45, 55, 80, 95 %): a number on one is
E004 for the terms on either side. The PHIA yardstick leaves gaps (5-10, 20-25, 35-40,
50-55, 75-80, 90-95 %): a number in one is E005 next to the term and E003 far from it.
"""

from __future__ import annotations

import pytest

from argmap import load_map_text, run_checks
from argmap.checks.indicators import points_to
from argmap.model import Expectation, ScaleName
from argmap.standards import ICD203, PHIA, SCALES, Term, find_terms

E = Expectation


def findings(text: str, *codes: str) -> list[tuple[str, str]]:
    """(code, message) of the findings of ``codes`` on the map ``text``."""
    return [(f.code, f.message) for f in run_checks(load_map_text(text, "map.yaml"), select=codes)]


def estimate(scale: str, likelihood: str | None, probability: float) -> list[tuple[str, str]]:
    """E003, E004 and E005 on one statement with ``likelihood`` and ``probability``."""
    term = f"    likelihood: {likelihood}\n" if likelihood else ""
    text = (
        f"map: {{title: Will the SCO admit a new member by 2030?, scale: {scale}}}\n"
        "statements:\n"
        "  C1:\n"
        "    kind: claim\n"
        "    text: The SCO admits a new full member by 2030.\n"
        f"{term}"
        f"    probability: {probability}\n"
    )
    return findings(text, "E003", "E004", "E005")


OFF_SCALE = "(the term for it: none: it lies outside the scale)"


def words(terms: list[Term]) -> list[str]:
    return [term.words for term in terms]


# --- the scales as data ----------------------------------------------------------------------------

ICD_ROWS = [
    # row 1, row 2, band
    ("almost no chance", "remote", (1, 5)),
    ("very unlikely", "highly improbable", (5, 20)),
    ("unlikely", "improbable", (20, 45)),
    ("roughly even chance", "roughly even odds", (45, 55)),
    ("likely", "probable", (55, 80)),
    ("very likely", "highly probable", (80, 95)),
    ("almost certain", "nearly certain", (95, 99)),
]


@pytest.mark.parametrize(("first", "second", "band"), ICD_ROWS)
def test_icd203_terms_come_in_two_rows_with_one_band(first: str, second: str, band: tuple[int, int]) -> None:
    one, two = ICD203.term(first), ICD203.term(second)
    assert (one.row, two.row) == (1, 2)
    assert (one.band.low, one.band.high) == (two.band.low, two.band.high) == band
    assert not (one.band.low_open or one.band.high_open)


def test_icd203_terms_are_the_two_rows_in_order() -> None:
    assert words(ICD203.terms) == [row[0] for row in ICD_ROWS] + [row[1] for row in ICD_ROWS]


def test_phia_terms_and_their_bands() -> None:
    assert [(t.words, str(t.band)) for t in PHIA.terms] == [
        ("remote chance", "> 0–5 %"),
        ("highly unlikely", "10–20 %"),
        ("unlikely", "25–35 %"),
        ("realistic possibility", "40–< 50 %"),
        ("likely", "55–75 %"),
        ("highly likely", "80–90 %"),
        ("almost certain", "95–< 100 %"),
    ]


def test_scales_by_name() -> None:
    assert SCALES == {ScaleName.ICD203: ICD203, ScaleName.PHIA: PHIA}


def test_icd203_bands_share_their_edges_and_phia_has_none() -> None:
    assert ICD203.shared_edges == frozenset({5, 20, 45, 55, 80, 95})
    assert PHIA.shared_edges == frozenset()


@pytest.mark.parametrize("percent", [7.5, 20.5, 24.5, 35.5, 39.5, 50, 52.5, 75.5, 79.5, 90.5, 94.5])
def test_phia_gaps(percent: float) -> None:
    assert PHIA.in_gap(percent)


@pytest.mark.parametrize("percent", [0, 0.5, 5, 10, 20, 25, 35, 40, 49.5, 55, 75, 80, 90, 95, 99.5, 100])
def test_phia_values_in_a_band_or_off_the_scale_are_in_no_gap(percent: float) -> None:
    assert not PHIA.in_gap(percent)


@pytest.mark.parametrize("percent", [0, 1, 5, 50, 55, 99, 100])
def test_icd203_has_no_gap(percent: float) -> None:
    assert not ICD203.in_gap(percent)


# --- term lookup -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scale", "written", "words_", "row"),
    [
        (ICD203, "likely", "likely", 1),
        (ICD203, "Likely", "likely", 1),
        (ICD203, "PROBABLE", "probable", 2),
        (ICD203, "Highly Improbable", "highly improbable", 2),
        (ICD203, "almost certainly", "almost certain", 1),
        (ICD203, "  very\n  likely ", "very likely", 1),
        (ICD203, "Roughly Even Odds", "roughly even odds", 2),
        (PHIA, "probably", "likely", 1),
        (PHIA, "Probable", "likely", 1),
        (PHIA, "ALMOST CERTAINLY", "almost certain", 1),
        (PHIA, "Realistic possibility", "realistic possibility", 1),
    ],
)
def test_term_lookup_any_case_and_aliases(scale, written: str, words_: str, row: int) -> None:
    term = scale.term(written)
    assert term is not None
    assert (term.words, term.row) == (words_, row)


@pytest.mark.parametrize(
    ("scale", "written"),
    [
        (ICD203, "highly unlikely"),  # a PHIA term
        (ICD203, "realistic possibility"),
        (ICD203, "probably"),  # a PHIA alias
        (ICD203, "certain"),  # not an estimative term
        (PHIA, "very likely"),  # an ICD 203 term
        (PHIA, "remote"),
        (PHIA, "roughly even chance"),
        (PHIA, "likely-ish"),
    ],
)
def test_term_lookup_refuses_another_scales_terms(scale, written: str) -> None:
    assert scale.term(written) is None


def test_neighbours_stay_in_the_row() -> None:
    assert words(ICD203.neighbours(ICD203.term("likely"))) == ["roughly even chance", "very likely"]
    assert words(ICD203.neighbours(ICD203.term("probable"))) == ["roughly even odds", "highly probable"]
    assert words(ICD203.neighbours(ICD203.term("remote"))) == ["highly improbable"]
    assert words(PHIA.neighbours(PHIA.term("almost certain"))) == ["highly likely"]


# --- find_terms: longest match first, none counted twice ------------------------------------------


@pytest.mark.parametrize(
    ("scale", "text", "found"),
    [
        (PHIA, "India is highly unlikely to leave the SCO.", ["highly unlikely"]),
        (PHIA, "Turkey is unlikely to join.", ["unlikely"]),
        (PHIA, "Enlargement is HIGHLY LIKELY.", ["highly likely"]),
        (PHIA, "It will almost certainly meet; a new member is probable.", ["almost certain", "likely"]),
        (ICD203, "India is very unlikely to leave the SCO.", ["very unlikely"]),
        (ICD203, "It is highly improbable that India leaves.", ["highly improbable"]),
        (ICD203, "India is highly unlikely to leave.", []),  # PHIA's term, not ICD 203's 'unlikely'
        (ICD203, "Turkey is unlikely to join.", ["unlikely"]),
        (ICD203, "A new member is likely, a second one very likely.", ["very likely", "likely"]),
        (ICD203, "There is a roughly even chance.", ["roughly even chance"]),
        (ICD203, "The unlikeliest candidate applied.", []),
        (ICD203, "Iran joined in 2023.", []),
    ],
)
def test_find_terms_takes_the_longest_spelling_first(scale, text: str, found: list[str]) -> None:
    assert words(find_terms(text, scale)) == found


def test_find_terms_counts_a_term_once() -> None:
    assert words(find_terms("Likely, and likely again.", ICD203)) == ["likely"]


# --- E003, E004: ICD 203's shared edges and band ends ---------------------------------------------

EDGES = [
    # edge, term below, term above (both rows)
    (5, "almost no chance", "very unlikely"),
    (20, "very unlikely", "unlikely"),
    (45, "unlikely", "roughly even chance"),
    (55, "roughly even chance", "likely"),
    (80, "likely", "very likely"),
    (95, "very likely", "almost certain"),
    (5, "remote", "highly improbable"),
    (20, "highly improbable", "improbable"),
    (45, "improbable", "roughly even odds"),
    (55, "roughly even odds", "probable"),
    (80, "probable", "highly probable"),
    (95, "highly probable", "nearly certain"),
]


@pytest.mark.parametrize(("edge", "below", "above"), EDGES)
def test_a_probability_on_a_shared_edge_is_e004_for_the_terms_on_either_side(
    edge: int, below: str, above: str
) -> None:
    assert estimate("icd203", below, edge / 100) == [
        ("E004", f"'C1': {edge} % is on the edge of '{below}' and '{above}'")
    ]
    assert estimate("icd203", above, edge / 100) == [
        ("E004", f"'C1': {edge} % is on the edge of '{above}' and '{below}'")
    ]


@pytest.mark.parametrize(("edge", "below", "above"), EDGES[:6])
def test_a_shared_edge_is_e003_for_a_term_not_beside_it(edge: int, below: str, above: str) -> None:
    far = next(t for t in ICD203.terms if t.row == 1 and (t.band.high < edge or t.band.low > edge))
    assert estimate("icd203", far.words, edge / 100) == [
        ("E003", f"'C1': probability {edge} % is outside the band of '{far.words}' ({far.band})")
    ]


ICD_BANDS = [(t.words, t.band.low, t.band.high) for t in ICD203.terms]


@pytest.mark.parametrize(("term", "low", "high"), ICD_BANDS)
def test_icd203_just_inside_a_band_is_nothing(term: str, low: float, high: float) -> None:
    assert estimate("icd203", term, (low + 0.5) / 100) == []
    assert estimate("icd203", term, (high - 0.5) / 100) == []


@pytest.mark.parametrize(("term", "low", "high"), ICD_BANDS)
def test_icd203_just_outside_a_band_is_e003(term: str, low: float, high: float) -> None:
    band = f"{low:g}–{high:g} %"
    for percent in (low - 0.5, high + 0.5):
        assert estimate("icd203", term, percent / 100) == [
            ("E003", f"'C1': probability {percent:g} % is outside the band of '{term}' ({band})")
        ]


def test_icd203_ends_of_the_scale_are_in_their_bands_and_certainty_is_not() -> None:
    assert estimate("icd203", "almost no chance", 0.01) == []
    assert estimate("icd203", "almost certain", 0.99) == []
    assert estimate("icd203", "almost no chance", 0) == [
        ("E003", "'C1': probability 0 % is outside the band of 'almost no chance' (1–5 %)")
    ]
    assert estimate("icd203", "almost certain", 1) == [
        ("E003", "'C1': probability 100 % is outside the band of 'almost certain' (95–99 %)")
    ]


def test_icd203_probability_without_a_term() -> None:
    assert estimate("icd203", None, 0.3) == [
        ("E003", "'C1': probability 30 % has no likelihood term (the term for it: 'unlikely')")
    ]
    assert estimate("icd203", None, 1) == [
        ("E003", f"'C1': probability 100 % has no likelihood term {OFF_SCALE}")
    ]


def test_a_probability_of_0_55_is_on_the_edge_not_beside_it() -> None:
    # 0.55 * 100 is 55.00000000000001 in floating point.
    assert estimate("icd203", "roughly even chance", 0.55) == [
        ("E004", "'C1': 55 % is on the edge of 'roughly even chance' and 'likely'")
    ]
    assert estimate("phia", "realistic possibility", 0.55) == [
        ("E003", "'C1': probability 55 % is outside the band of 'realistic possibility' (40–< 50 %)")
    ]


# --- E003, E005: the PHIA yardstick's gaps and open ends -----------------------------------------

GAPS = [
    # a value in the gap, the term below, the term above, a term far from it
    (7.5, "remote chance", "highly unlikely", "unlikely"),
    (22.5, "highly unlikely", "unlikely", "realistic possibility"),
    (37.5, "unlikely", "realistic possibility", "highly unlikely"),
    (50, "realistic possibility", "likely", "unlikely"),
    (52.5, "realistic possibility", "likely", "highly likely"),
    (77.5, "likely", "highly likely", "realistic possibility"),
    (92.5, "highly likely", "almost certain", "likely"),
]


@pytest.mark.parametrize(("percent", "below", "above", "far"), GAPS)
def test_a_probability_in_a_gap_is_e005_next_to_the_term(
    percent: float, below: str, above: str, far: str
) -> None:
    for term in (below, above):
        band = PHIA.term(term).band
        assert estimate("phia", term, percent / 100) == [
            (
                "E005",
                f"'C1': {percent:g} % lies in a gap of the PHIA yardstick, next to '{term}' ({band})",
            )
        ]


@pytest.mark.parametrize(("percent", "below", "above", "far"), GAPS)
def test_a_probability_in_a_gap_is_e003_far_from_the_term(
    percent: float, below: str, above: str, far: str
) -> None:
    band = PHIA.term(far).band
    assert estimate("phia", far, percent / 100) == [
        ("E003", f"'C1': probability {percent:g} % is outside the band of '{far}' ({band})")
    ]


def test_50_percent_has_no_phia_term() -> None:
    assert estimate("phia", "realistic possibility", 0.5) == [
        (
            "E005",
            "'C1': 50 % lies in a gap of the PHIA yardstick, next to 'realistic possibility' (40–< 50 %)",
        )
    ]
    assert estimate("phia", "likely", 0.5) == [
        ("E005", "'C1': 50 % lies in a gap of the PHIA yardstick, next to 'likely' (55–75 %)")
    ]
    assert estimate("phia", None, 0.5) == [
        (
            "E003",
            "'C1': probability 50 % has no likelihood term "
            "(the term for it: none: it lies in a gap of the scale)",
        )
    ]


PHIA_BANDS = [(t.words, t.band) for t in PHIA.terms]


@pytest.mark.parametrize(("term", "band"), PHIA_BANDS)
def test_phia_closed_band_ends_are_in_the_band(term: str, band) -> None:
    ends = [end for end, open_ in ((band.low, band.low_open), (band.high, band.high_open)) if not open_]
    for percent in ends:
        assert estimate("phia", term, percent / 100) == []
    assert estimate("phia", term, (band.low + band.high) / 200) == []


@pytest.mark.parametrize(("term", "band"), PHIA_BANDS[1:-1])
def test_phia_just_outside_a_band_is_a_gap_beside_it(term: str, band) -> None:
    for percent in (band.low - 0.5, band.high + 0.5):
        assert [code for code, _ in estimate("phia", term, percent / 100)] == ["E005"]


def test_phia_probabilities_0_and_1_are_outside_the_scale() -> None:
    assert estimate("phia", "remote chance", 0.001) == []
    assert estimate("phia", "almost certain", 0.999) == []
    assert estimate("phia", "remote chance", 0) == [
        ("E003", "'C1': probability 0 % is outside the band of 'remote chance' (> 0–5 %)")
    ]
    assert estimate("phia", "almost certain", 1) == [
        ("E003", "'C1': probability 100 % is outside the band of 'almost certain' (95–< 100 %)")
    ]
    assert estimate("phia", None, 0) == [
        ("E003", f"'C1': probability 0 % has no likelihood term {OFF_SCALE}")
    ]
    assert estimate("phia", None, 1) == [
        ("E003", f"'C1': probability 100 % has no likelihood term {OFF_SCALE}")
    ]


def test_phia_has_no_shared_edge() -> None:
    for term, percent in [
        ("likely", 0.55),
        ("likely", 0.75),
        ("highly likely", 0.8),
        ("highly unlikely", 0.2),
    ]:
        assert estimate("phia", term, percent) == []


# --- E001, E002: terms of the map's scale, from one row ------------------------------------------


def likelihoods(scale: str, *terms: str) -> str:
    """A map whose claims C1, C2... carry the given likelihood terms."""
    lines = [f"map: {{title: Example, scale: {scale}}}", "statements:"]
    lines += [
        f"  C{n}: {{kind: claim, text: The SCO admits member {n}., likelihood: {term}}}"
        for n, term in enumerate(terms, start=1)
    ]
    return "\n".join(lines) + "\n"


def test_a_term_of_the_other_scale_is_e001_with_a_hint() -> None:
    assert findings(likelihoods("icd203", "highly likely"), "E001") == [
        (
            "E001",
            "'C1': 'highly likely' is not a likelihood term of ICD 203; it is a term of PHIA; "
            "declare 'scale: phia' under 'map', or use a term of ICD 203",
        )
    ]
    assert findings(likelihoods("phia", "very likely"), "E001") == [
        (
            "E001",
            "'C1': 'very likely' is not a likelihood term of PHIA; it is a term of ICD 203; "
            "declare 'scale: icd203' under 'map', or use a term of PHIA",
        )
    ]


def test_a_made_up_term_is_e001_with_the_terms_of_the_scale() -> None:
    assert findings(likelihoods("icd203", "fairly likely"), "E001") == [
        (
            "E001",
            "'C1': 'fairly likely' is not a likelihood term of ICD 203; use one of: almost no "
            "chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain",
        )
    ]


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        pytest.param(("likely", "very unlikely", "probable"), [("C3", 2, 1)], id="one-of-row-2"),
        pytest.param(("probable", "highly improbable", "likely"), [("C3", 1, 2)], id="one-of-row-1"),
        pytest.param(("likely", "probable"), [("C2", 2, 1)], id="tie-names-row-2"),
        pytest.param(("roughly even chance", "roughly even odds"), [("C2", 2, 1)], id="even"),
        pytest.param(("Likely", "Very Unlikely", "almost certainly"), [], id="row-1-any-case"),
        pytest.param(("probable", "remote", "nearly certain"), [], id="row-2-only"),
        pytest.param(("likely", "highly unlikely"), [], id="unknown-term-is-E001-only"),
    ],
)
def test_e002_names_the_terms_of_the_row_the_map_uses_less(
    terms: tuple[str, ...], expected: list[tuple[str, int, int]]
) -> None:
    assert findings(likelihoods("icd203", *terms), "E002") == [
        (
            "E002",
            f"'{sid}': '{terms[int(sid[1:]) - 1]}' is from ICD 203's row {row}, the rest of the map "
            f"from row {other}; keep to one row",
        )
        for sid, row, other in expected
    ]


def test_e002_is_icd203_only() -> None:
    assert findings(likelihoods("phia", "likely", "probable", "probably"), "E001", "E002") == []


# --- E006: likelihood and confidence apart --------------------------------------------------------


def statement(text: str, extra: str = "", scale: str = "icd203") -> str:
    """A map of one claim C1 saying ``text``, with ``extra`` fields (``", likelihood: likely"``)."""
    return (
        f"map: {{title: Example, scale: {scale}}}\nstatements:\n  C1: {{kind: claim, text: {text}{extra}}}\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "We assess with high confidence that Turkey is unlikely to join by 2030.",
            "'C1': 'unlikely' and 'high confidence' in one sentence; state the confidence apart",
        ),
        (
            "We are confident that a new member is very likely by 2030.",
            "'C1': 'very likely' and 'confident' in one sentence; state the confidence apart",
        ),
        (
            "Iran joined in 2023. With moderate-confidence we judge enlargement likely.",
            "'C1': 'likely' and 'moderate-confidence' in one sentence; state the confidence apart",
        ),
    ],
)
def test_e006_likelihood_and_confidence_in_one_sentence(text: str, message: str) -> None:
    assert findings(statement(text), "E006") == [("E006", message)]


@pytest.mark.parametrize(
    "text",
    [
        "Turkey is unlikely to join by 2030. We hold this judgment with high confidence.",
        "Turkey is unlikely to join by 2030; our confidence is moderate.",
        "We have high confidence that Iran joined in 2023.",
        "Turkey is unlikely to join by 2030.",
    ],
)
def test_e006_in_two_sentences_or_without_a_term_is_nothing(text: str) -> None:
    assert findings(statement(text), "E006") == []


# --- E009: the text agrees with the term ----------------------------------------------------------


@pytest.mark.parametrize(
    ("scale", "text", "likelihood", "message"),
    [
        (
            "icd203",
            "Turkey is likely to join by 2030.",
            "unlikely",
            "'C1': the text says 'likely' (55–80 %) but the likelihood is 'unlikely' (20–45 %)",
        ),
        (
            "icd203",
            "A new member is very likely by 2030.",
            "likely",
            "'C1': the text says 'very likely' (80–95 %) but the likelihood is 'likely' (55–80 %)",
        ),
        (
            "phia",
            "A new member is highly likely by 2030.",
            "realistic possibility",
            "'C1': the text says 'highly likely' (80–90 %) but the likelihood is 'realistic possibility' "
            "(40–< 50 %)",
        ),
    ],
)
def test_e009_text_contradicting_the_term(scale: str, text: str, likelihood: str, message: str) -> None:
    assert findings(statement(text, f", likelihood: {likelihood}", scale), "E009") == [("E009", message)]


@pytest.mark.parametrize(
    ("scale", "text", "likelihood"),
    [
        ("icd203", "Turkey is unlikely to join by 2030.", "unlikely"),
        ("icd203", "India is very unlikely to leave the SCO.", "very unlikely"),
        ("icd203", "It is highly probable that India stays.", "highly probable"),
        ("icd203", "India will almost certainly stay.", "almost certain"),
        ("icd203", "Iran joined in 2023.", "likely"),
        ("phia", "India is highly unlikely to leave the SCO.", "highly unlikely"),
        ("phia", "A new member is probable.", "likely"),
    ],
)
def test_e009_text_agreeing_with_the_term_is_nothing(scale: str, text: str, likelihood: str) -> None:
    assert findings(statement(text, f", likelihood: {likelihood}", scale), "E009") == []


# --- E010: the hedge is kept ----------------------------------------------------------------------


def inference(conclusion: str, premise: str, extra: str = "") -> str:
    return (
        "map: {title: Example}\n"
        "statements:\n"
        f"  C1: {{kind: claim, key: true, text: {conclusion}{extra}}}\n"
        f"  C2: {{kind: claim, text: {premise}, supports: C1}}\n"
    )


@pytest.mark.parametrize(
    ("premise", "hedge"),
    [
        ("India may drop its objections to new members.", "may"),
        ("Members would admit Azerbaijan if Russia agrees.", "would"),
        ("Turkey is expected to apply.", "expected"),
        ("Enlargement is likely.", "likely"),
    ],
)
def test_e010_a_hedged_premise_and_an_unhedged_will(premise: str, hedge: str) -> None:
    assert findings(inference("The SCO will admit a new member by 2030.", premise), "E010") == [
        ("E010", f"'C1' says 'will', but its premise 'C2' says '{hedge}': keep the hedge")
    ]


@pytest.mark.parametrize(
    ("conclusion", "premise", "extra"),
    [
        pytest.param(
            "The SCO will admit a new member by 2030.", "Iran joined in 2023.", "", id="premise-plain"
        ),
        pytest.param(
            "The SCO will admit a new member by 2030.",
            "India may drop its objections.",
            ", likelihood: likely",
            id="term",
        ),
        pytest.param(
            "The SCO will likely admit a new member.", "India may drop its objections.", "", id="will-likely"
        ),
        pytest.param(
            "The SCO will admit a new member if India agrees.",
            "India may drop its objections.",
            "",
            id="condition",
        ),
        pytest.param("The SCO admitted Belarus in 2024.", "India may drop its objections.", "", id="no-will"),
        pytest.param(
            "Turkey will apply.", "Turkey applies if the EU talks fail.", "", id="premise-condition"
        ),  # a bare condition is no hedge: granted its condition, the conclusion follows as it stands
    ],
)
def test_e010_nothing_when_the_hedge_is_kept_or_none_was_there(
    conclusion: str, premise: str, extra: str
) -> None:
    assert findings(inference(conclusion, premise, extra), "E010") == []


# --- indicators: points_to and I004 ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("expect", "hypothesis", "points"),
    [
        ({"H1": E.LIKELY, "H2": E.UNLIKELY}, "H1", True),
        ({"H1": E.LIKELY, "H2": E.UNLIKELY}, "H2", False),
        ({"H1": E.UNLIKELY, "H2": E.HIGHLY_UNLIKELY}, "H1", True),  # less unlikely still points
        ({"H1": E.COULD, "H2": E.HIGHLY_UNLIKELY}, "H1", True),
        ({"H1": E.HIGHLY_LIKELY, "H2": E.LIKELY}, "H1", True),
        ({"H1": E.LIKELY, "H2": E.LIKELY}, "H1", False),  # a tie points to neither
        ({"H1": E.LIKELY, "H2": E.COULD, "H3": E.LIKELY}, "H1", False),
        ({"H1": E.LIKELY, "H2": E.COULD, "H3": E.UNLIKELY}, "H1", True),
        ({"H1": E.HIGHLY_LIKELY}, "H1", False),  # rated under one hypothesis only
        ({"H1": E.LIKELY, "H2": E.UNLIKELY}, "H3", False),  # not rated under H3
        ({}, "H1", False),
    ],
)
def test_points_to(expect: dict[str, Expectation], hypothesis: str, points: bool) -> None:
    assert points_to(expect, hypothesis) is points


def indicator_map(*expectations: str) -> str:
    """Hypotheses H1, H2, H3 and one indicator per expectation (``"H1: likely, H2: unlikely"``)."""
    lines = [
        "map: {title: Which course will the SCO take by 2030?}",
        "statements:",
        "  H1: {kind: hypothesis, text: The SCO keeps admitting new members.}",
        "  H2: {kind: hypothesis, text: The SCO stops admitting new members.}",
        "  H3: {kind: hypothesis, text: The SCO turns into an economic bloc.}",
    ]
    if expectations:
        lines.append("indicators:")
        lines += [
            f"  N{n}: {{text: Indicator {n} is seen at a summit., expect: {{{expect}}}}}"
            for n, expect in enumerate(expectations, start=1)
        ]
    return "\n".join(lines) + "\n"


def test_i004_counts_the_indicators_pointing_to_each_hypothesis() -> None:
    text = indicator_map(
        "H1: highly likely, H2: unlikely, H3: could",
        "H1: likely, H2: unlikely, H3: unlikely",
        "H1: unlikely, H2: likely, H3: could",
        "H1: likely, H2: could, H3: likely",  # a tie between H1 and H3: points to neither
    )
    found = run_checks(load_map_text(text, "map.yaml"), select=["I004"])
    assert [(f.position.line, f.message, f.ids) for f in found] == [
        (4, "hypothesis 'H2' has 1 indicator(s) pointing to it (N3); find 1 more", ("H2", "N3")),
        (5, "hypothesis 'H3' has 0 indicator(s) pointing to it; find 2 more", ("H3",)),
    ]


def test_i004_is_silent_on_a_map_without_indicators() -> None:
    assert findings(indicator_map(), "I004") == []


def test_i004_is_silent_when_every_hypothesis_has_two() -> None:
    text = indicator_map(
        "H1: highly likely, H2: unlikely, H3: could",
        "H1: likely, H2: unlikely, H3: unlikely",
        "H1: unlikely, H2: likely, H3: could",
        "H1: unlikely, H2: highly likely, H3: unlikely",
        "H1: could, H2: unlikely, H3: likely",
        "H1: unlikely, H2: unlikely, H3: highly likely",
    )
    assert findings(text, "I004") == []


# --- second round: words that only look like hedges, and the hints ------------------------------


def test_the_month_may_is_not_the_verb() -> None:
    from argmap.standards import VAGUE_WORDS, find_words

    assert find_words("Iran applied in May 2022 and joined on 4 May.", VAGUE_WORDS) == []
    assert find_words("May the SCO expand? It may.", VAGUE_WORDS) == ["may"]


def test_high_confidence_on_no_source_at_all_is_e011() -> None:
    text = (
        "map: {title: Example}\nstatements:\n"
        "  C1: {kind: claim, key: true, text: The SCO is likely to expand., likelihood: likely,"
        " confidence: high, confidence_basis: Our own view.}\n"
    )
    assert [m for c, m in findings(text, "E011")] == [
        "key judgment 'C1' has high confidence but rests on no source at all"
    ]


def test_high_impact_on_a_judgment_without_burden_says_why_nothing_changes() -> None:
    text = (
        "map: {title: Example}\nstatements:\n"
        "  C1: {kind: claim, key: true, text: The SCO is likely to expand., likelihood: likely,"
        " confidence: low, confidence_basis: One guess.}\n"
        "  A1: {kind: assumption, text: Members consent., rating: caveated, why: w, undermined_by: u,"
        " impact_if_wrong: i, impact: high, supports: C1}\n"
    )
    [message] = [m for c, m in findings(text, "K002")]
    assert message.endswith("(C1 stand without their reasons: give them burden: true)")
    assert findings(text.replace("key: true,", "key: true, burden: true,"), "K002") == []


# --- found by a user test of the standards: each case is a bug fixed -----------------------------


def refusal(text: str) -> str:
    """The one problem that makes ``text`` unusable."""
    from argmap import MapError

    with pytest.raises(MapError) as raised:
        load_map_text(text, "map.yaml")
    [problem] = raised.value.problems
    return problem.message


def test_a_bare_year_is_a_date() -> None:
    loaded = load_map_text(
        "map: {title: t}\nsources:\n  S1: {title: a, date: 2024, cutoff: 2024/2025}\n", "m.yaml"
    )
    assert loaded.document.sources["S1"].date == "2024"


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2025-13", "'2025-13' is not a date: write a year (2025), a month (2025-01)"),
        ("yesterday", "'yesterday' is not a date"),
        ("'2025-02-30'", "'2025-02-30' names a day that does not exist"),
        ("2024-12-01T10:00:00", "has a time of day"),
        ("2025/2024", "'2025/2024' ends before it begins"),
    ],
)
def test_a_bad_date_says_how_to_write_one(date: str, message: str) -> None:
    assert message in refusal(f"map: {{title: t}}\nsources:\n  S1: {{title: a, date: {date}}}\n")


def test_the_maps_date_is_one_day() -> None:
    assert "map.date: '2026' is not a day" in refusal("map: {title: t, date: '2026'}\n")


def test_an_indicator_window_may_not_end_before_it_begins() -> None:
    text = (
        "map: {title: t}\nindicators:\n  N1: {text: A summit is held., "
        "window: {from: 2027-01-01, to: 2025-12-31}}\n"
    )
    assert "the window ends (2025-12-31) before it begins (2027-01-01)" in refusal(text)


def test_fact_and_likelihood_contradict() -> None:
    text = statement("The SCO will admit Laos.", ", fact: true, likelihood: unlikely")
    assert "'fact: true' and a 'likelihood' contradict each other" in refusal(text)


INDICATOR_MAP = """\
map: {title: t}
statements:
  H1: {kind: hypothesis, text: The SCO grows.}
  H2: {kind: hypothesis, text: The SCO stalls.}
indicators:
  N1: {text: A new member is admitted.%s}
"""


@pytest.mark.parametrize("expect", ["", ", expect: {}"])
def test_i002_an_indicator_rated_under_no_hypothesis(expect: str) -> None:
    assert findings(INDICATOR_MAP % expect, "I002") == [
        ("I002", "indicator 'N1' is rated under no hypothesis: rate it under H1, H2")
    ]


def test_e010_a_premise_hedged_by_its_likelihood_term() -> None:
    text = (
        "map: {title: t}\nstatements:\n"
        "  C4: {kind: claim, text: Laos applies for membership., likelihood: unlikely, supports: C2}\n"
        "  C2: {kind: claim, text: The SCO will admit Laos.}\n"
    )
    assert findings(text, "E010") == [
        ("E010", "'C2' says 'will', but its premise 'C4' says 'unlikely': keep the hedge")
    ]


@pytest.mark.parametrize(
    ("text", "extra"),
    [
        ("Turkey is not likely to join.", ", likelihood: unlikely"),  # a negated term says no band
        ("'The SCO will, in all likelihood, admit Laos.'", ", likelihood: very likely"),
        ("India is highly likely to stay.", ", likelihood: very likely"),  # PHIA's term, not ICD's 'likely'
    ],
)
def test_e009_is_silent_on_words_that_agree(text: str, extra: str) -> None:
    assert findings(statement(text, extra), "E009") == []


def test_e009_a_statement_of_fact_whose_text_hedges() -> None:
    assert findings(statement("Turkey is likely to join.", ", fact: true"), "E009") == [
        ("E009", "'C1': the text says 'likely' (55–80 %) but the statement is marked as fact")
    ]


def test_k001_wants_the_impact_level() -> None:
    text = (
        "map: {title: t}\nstatements:\n  A1: {kind: assumption, text: Members consent., rating: caveated, "
        "why: Both did before., undermined_by: A veto., impact_if_wrong: C1 falls.}\n"
    )
    assert findings(text, "K001") == [("K001", "assumption 'A1' has no impact")]


EVENT_MAP = """\
map: {title: t}
sources:
  S1: {title: a, kind: news report, date: 2024-07-04, reliability: B}
statements:
  E1: {kind: evidence, text: %s, source: S1, evidence_type: event, credibility: 3}
"""


def test_q001_reads_key_as_no_judgment_and_catches_clearly_becoming() -> None:
    assert findings(EVENT_MAP % "The key meeting took place in Astana.", "Q001") == []
    [(code, message)] = findings(EVENT_MAP % "The SCO is clearly becoming a powerful bloc.", "Q001")
    assert code == "Q001" and "clearly" in message


def test_corroboration_by_a_claim_or_by_itself_is_q008_not_q002() -> None:
    text = (
        "map: {title: t}\nsources:\n  S1: {title: a, kind: news report, date: 2024, reliability: B}\n"
        "statements:\n"
        "  C1: {kind: claim, text: Belarus joined.}\n"
        "  E1: {kind: evidence, text: Belarus joined in 2024., source: S1, evidence_type: event, date: 2024,"
        " credibility: 1, corroborated_by: [C1, E1]}\n"
    )
    assert findings(text, "Q002", "Q008") == [
        (
            "Q002",
            "'E1' is graded confirmed (1) but names no evidence item from another source",
        ),
        ("Q008", "'E1': corroborated_by names 'C1', a claim, not an evidence item"),
        ("Q008", "'E1': corroborated_by names the item itself"),
    ]


def test_a_probability_in_percent_is_told_to_be_a_fraction() -> None:
    text = statement("The SCO admits Laos.", ", likelihood: likely, probability: 70")
    assert (
        refusal(text)
        == "statements.C1.probability: 70 is not a probability: write a fraction from 0 to 1 (0.7 for 70 %)"
    )
