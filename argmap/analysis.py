"""The analysis of one map: every derived result, typed, computed once and on first use.

:class:`Analysis` is the one object per loaded map that the checks, the
commands and a notebook user read: the argument graph, the labelling, the
ACH matrix and its scores, the source texts and their coverage, gradual
strengths and extension-based acceptance. Each is computed the first time
it is asked for and kept; nothing is cached under a string key.

A what-if (:meth:`Analysis.what_if`) is another :class:`Analysis` of the
same map with statements assumed false: it shares the graph, the sources
and the ACH matrix, and computes labels, strengths and acceptance anew, so
that everything it reports is about the changed map.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from argmap import limits
from argmap.ach import AchResult, Matrix, build_matrix, score
from argmap.evaluate import Label, Labelling, evaluate
from argmap.gradual import CycleError, strengths
from argmap.graph import ArgumentGraph
from argmap.iccma import Acceptance, Semantics, acceptance, flattened
from argmap.load import LoadedMap
from argmap.model import AssumptionRating, Profile, StatementKind
from argmap.sources import Coverage, OpenedSource, SourceAccess, SourceText, coverage


@dataclass(frozen=True)
class Strengths:
    """DF-QuAD strengths of a map, or the cycle that keeps them from being defined."""

    values: dict[str, float]
    """Node id → strength in [0, 1]; empty when :attr:`cycle` is set."""
    cycle: CycleError | None
    """The cycle found, if any (DF-QuAD need not converge on one)."""


class Analysis:
    """Everything computed from one loaded map, each result worked out once.

    Args:
        loaded: the loaded map (:func:`argmap.load.load_map`).
        source_roots: folders, beyond the map's own and its project's, from
            which source files may be read (``--source-root``).
        assume_false: statements assumed false for a what-if: labelled OUT,
            strength 0, in no extension.
    """

    def __init__(
        self, loaded: LoadedMap, *, source_roots: Iterable[Path] = (), assume_false: Iterable[str] = ()
    ) -> None:
        self.loaded = loaded
        """The loaded map: file, text, model, positions."""
        self.source_roots = tuple(source_roots)
        """Folders allowed beyond the map's own and its project's."""
        self.assumed_false = tuple(dict.fromkeys(assume_false))
        """Statements assumed false, in the order given."""
        self._ach: dict[Profile, AchResult] = {}
        self._grounds: dict[str, tuple[str, ...]] = {}
        self._acceptance: dict[tuple[Semantics, float], Acceptance] = {}

    @cached_property
    def graph(self) -> ArgumentGraph:
        """The argument graph: well-formed links, indexes, roles, circles of support."""
        return ArgumentGraph(self.loaded.expanded)

    @cached_property
    def labelling(self) -> Labelling:
        """The grounded labelling, with statements assumed false rejected."""
        return evaluate(self.graph, self.assumed_false)

    @cached_property
    def matrix(self) -> Matrix | None:
        """The ACH matrix (None without an ``ach`` section); rows OUT in :attr:`labelling` not scored."""
        return build_matrix(self.graph, self.labelling)

    def ach(self, profile: Profile | None = None) -> AchResult | None:
        """The ACH matrix scored under ``profile`` (the map's own if None); None without an ACH section."""
        matrix, section = self.matrix, self.graph.ach
        if matrix is None or section is None:
            return None
        chosen = profile or section.profile
        if chosen not in self._ach:
            self._ach[chosen] = score(matrix, chosen)
        return self._ach[chosen]

    @cached_property
    def access(self) -> SourceAccess:
        """The folders this map may read sources from.

        Raises:
            MapError: a project file naming source roots is unusable.
        """
        return SourceAccess.for_map(self.loaded.file, self.source_roots)

    @cached_property
    def sources(self) -> dict[str, OpenedSource]:
        """Every source opened: its text, or why it cannot be read."""
        return {sid: self.access.open(sid, source) for sid, source in self.graph.sources.items()}

    @cached_property
    def source_texts(self) -> dict[str, SourceText]:
        """The readable source texts by source id."""
        return {sid: opened.text for sid, opened in self.sources.items() if opened.text is not None}

    @cached_property
    def coverage(self) -> dict[str, Coverage]:
        """How much of each readable source the map's quotes cover, by source id."""
        return {sid: self._coverage(sid, text) for sid, text in self.source_texts.items()}

    def _coverage(self, source_id: str, text: SourceText) -> Coverage:
        quote_spans = [
            span
            for statement in self.graph.statements.values()
            if source_id in statement.source
            for quote in statement.quote
            if (span := text.find(quote)) is not None
        ]
        excluded = self.graph.sources[source_id].excluded
        excluded_spans = [span for excerpt in excluded if (span := text.find(excerpt.text)) is not None]
        return coverage(text, quote_spans, excluded_spans)

    @cached_property
    def strengths(self) -> Strengths:
        """DF-QuAD strengths (statements assumed false at 0), or the cycle that prevents them."""
        try:
            return Strengths(strengths(self.graph, self.assumed_false), None)
        except CycleError as error:
            return Strengths({}, error)

    def acceptance(self, semantics: Semantics, seconds: float = limits.SOLVER_SECONDS) -> Acceptance:
        """Credulous and sceptical acceptance under ``semantics`` (statements assumed false left out).

        Raises:
            SolverTimeout: the solver (grounding and search) ran longer than ``seconds``.
            SolverFailed: the solver stopped without an answer.
        """
        key = (semantics, seconds)
        if key not in self._acceptance:
            framework = flattened(self.graph, self.assumed_false)
            self._acceptance[key] = acceptance(framework, semantics, seconds)
        return self._acceptance[key]

    def grounds(self, statement: str) -> tuple[str, ...]:
        """Statements ``statement`` rests on: every premise, transitively, of its inferences that stand.

        Only inferences labelled IN count: a premise whose inference the map
        itself defeats (an undercut, a fallen co-premise) carries nothing.
        Worked out once per statement.

        Returns:
            The statements in file order, so that every message listing them
            reads the same from run to run.
        """
        if statement not in self._grounds:
            labels, graph = self.labelling.labels, self.graph
            found: set[str] = set()
            stack = [statement]
            while stack:
                for iid in graph.inferences_into.get(stack.pop(), ()):
                    if labels.get(iid) != Label.IN:
                        continue
                    for premise in graph.premises_of[iid]:
                        if premise not in found and premise != statement:
                            found.add(premise)
                            stack.append(premise)
            self._grounds[statement] = tuple(sorted(found, key=self._file_order.__getitem__))
        return self._grounds[statement]

    @cached_property
    def _file_order(self) -> dict[str, int]:
        """Statement id → its place in the file."""
        return {sid: number for number, sid in enumerate(self.graph.statements)}

    def cited_sources(self, statement: str) -> frozenset[str]:
        """The sources that the grounds of ``statement`` cite (and the statement itself, if it cites any)."""
        statements = self.graph.statements
        cited = {*statements[statement].source}
        for ground in self.grounds(statement):
            cited.update(statements[ground].source)
        return frozenset(cited)

    def resting_on(self, statement: str) -> list[str]:
        """The statements whose grounds include ``statement``, in file order."""
        return [sid for sid in self.graph.statements if statement in self.grounds(sid)]

    def changed_key_judgments(self, assume_false: Iterable[str]) -> list[tuple[str, Label, Label]]:
        """Key judgments a what-if changes: (id, label now, label with ``assume_false`` rejected)."""
        before, after = self.labelling.labels, self.what_if(assume_false).labelling.labels
        return [(k, before[k], after[k]) for k in self.graph.key_judgments if before[k] != after[k]]

    @cached_property
    def unsupported_assumptions(self) -> tuple[str, ...]:
        """Assumptions rated unsupported in the Key Assumptions Check: the ones most likely to fail."""
        return tuple(
            sid
            for sid, statement in self.graph.statements.items()
            if statement.kind == StatementKind.ASSUMPTION and statement.rating == AssumptionRating.UNSUPPORTED
        )

    @cached_property
    def without_unsupported(self) -> Analysis:
        """The map with every unsupported assumption rejected (:meth:`what_if`)."""
        return self.what_if(self.unsupported_assumptions)

    def changed_once_unsupported_fail(self, assumption: str) -> list[tuple[str, Label, Label]]:
        """Key judgments rejecting ``assumption`` changes once the unsupported assumptions are rejected.

        An assumption may carry no key judgment alone only because an unsupported
        one offers another route; this says what rests on it when that route is
        gone (Heuer and Pherson: the unsupported assumptions are the key
        uncertainties). Empty for an unsupported assumption itself.

        Returns:
            (key judgment, label with the unsupported ones rejected, label with ``assumption`` too).
        """
        if assumption in self.unsupported_assumptions:
            return []
        before = self.without_unsupported.labelling.labels
        after = self.what_if([*self.unsupported_assumptions, assumption]).labelling.labels
        return [(k, before[k], after[k]) for k in self.graph.key_judgments if before[k] != after[k]]

    def what_if(self, assume_false: Iterable[str]) -> Analysis:
        """The same map with ``assume_false`` rejected; shares the graph, sources and ACH matrix.

        Raises:
            KeyError: an id is not a statement of the map.
        """
        rejected = tuple(dict.fromkeys(assume_false))
        unknown = [sid for sid in rejected if sid not in self.graph.statements]
        if unknown:
            raise KeyError(", ".join(unknown))
        other = Analysis(self.loaded, source_roots=self.source_roots, assume_false=rejected)
        other.graph = self.graph
        for shared in ("matrix", "access", "sources", "source_texts", "coverage"):
            if shared in self.__dict__:
                other.__dict__[shared] = self.__dict__[shared]
        return other
