"""Shared fixtures: a small clean map, a small ACH map, and a stand-in for Graphviz's dot."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """argmap's cache (sentence splits of long sources) in a folder of the test run, not the user's."""
    os.environ["ARGMAP_CACHE_DIR"] = str(tmp_path_factory.mktemp("argmap-cache"))


CLEAN_MAP = """\
map:
  title: Will the SCO expand by 2030?
  question: Will the Shanghai Cooperation Organization admit new full members by 2030?
  author: Test analyst
  date: 2025-01-15
sources:
  S1:
    title: SCO enlargement timeline
    author: SCO Secretariat
    kind: official document
    date: 2024-09
    reliability: B
    text: >-
      Iran became a full member of the SCO in July 2023.
      Belarus became a full member in July 2024.
      The secretariat is based in Beijing.
statements:
  C1:
    kind: claim
    text: The SCO is likely to admit at least one more full member by 2030.
    key: true
    burden: true
    likelihood: likely
    confidence: moderate
    confidence_basis: Two accessions in two years from one official source; consensus may not hold.
  C2:
    kind: claim
    text: The SCO has admitted new full members steadily in recent years.
  E1:
    kind: evidence
    text: Iran joined the SCO in 2023.
    source: S1
    quote: Iran became a full member of the SCO in July 2023.
    evidence_type: event
    date: 2023-07
    credibility: "2"
  E2:
    kind: evidence
    text: Belarus joined the SCO in 2024.
    source: S1
    quote: Belarus became a full member in July 2024.
    evidence_type: event
    date: 2024-07
    credibility: "2"
  A1:
    kind: assumption
    text: Members keep reaching consensus on new accessions.
    rating: caveated
    why: Consensus held for Iran and Belarus, but India has blocked other initiatives.
    undermined_by: A member vetoing a candidate.
    impact_if_wrong: I2 no longer carries C1; the enlargement judgment rests on nothing else.
    impact: high
  C3:
    kind: claim
    text: Russia and India resist diluting the organisation further.
    rebuts: C1
  C4:
    kind: claim
    text: Both accessions were one-off bargains, not the start of a trend.
    undercuts: I1
  C5:
    kind: claim
    text: Russia and India both backed the accessions of Iran and Belarus.
    rebuts: C3
inferences:
  I1:
    premises: [E1, E2]
    conclusion: C2
    scheme: argument from examples
  I2:
    premises: [C2, A1]
    conclusion: C1
groups:
  G1:
    label: Recent accessions
    members: [E1, E2, C2]
"""


@pytest.fixture
def clean_map_text() -> str:
    """A map with every kind of link and no error or warning finding."""
    return CLEAN_MAP


@pytest.fixture
def clean_map_path(tmp_path: Path) -> Path:
    """:data:`CLEAN_MAP` written to a file."""
    path = tmp_path / "sco-clean.yaml"
    path.write_text(CLEAN_MAP, encoding="utf-8")
    return path


ACH_MAP = """\
map: {title: Which course?}
statements:
  H1: {kind: hypothesis, text: Enlargement}
  H2: {kind: hypothesis, text: Stagnation}
  A1: {kind: assumption, text: India backs candidates., background: true}
  A2: {kind: assumption, text: Members expect upheaval., background: true}
ach:
  ratings:
    A1: {H1: CC, H2: I}
    A2: {H1: C, H2: II}
"""


@pytest.fixture
def ach_map_text() -> str:
    """Two hypotheses and two rated assumptions: H1 is least inconsistent."""
    return ACH_MAP


@pytest.fixture
def fake_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Put a shell script named ``dot`` first on PATH: ``fake_dot("echo oops >&2; exit 1")``."""

    def install(script: str) -> None:
        fake = tmp_path / "bin" / "dot"
        fake.parent.mkdir(exist_ok=True)
        fake.write_text("#!/bin/sh\n" + script, encoding="utf-8")
        fake.chmod(0o755)
        monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")

    return install
