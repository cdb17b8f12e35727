"""The argument graph: the map as every later stage sees it, built once.

:class:`ArgumentGraph` is the intermediate representation between the file
model (:mod:`argmap.model`) and everything computed from it: evaluation,
extensions, gradual strength, ACH, the checks and the diagrams all read it,
and none of them filters or indexes the map on its own.

It holds:

* the **well-formed** inferences and conflicts only — every reference
  resolves to an element of the right kind (premises and conclusion are
  statements; an attacker is a statement; a rebut or undermine targets a
  statement, an undercut a well-formed inference), and no id names two
  elements (an inference whose id is a statement's, or a conflict whose id
  is a statement's or an inference's, is left out: one id, one node) — and
  :attr:`left_out`, the list of what was left out and why (rules S001, S002
  and S007 report it, the diagram shows it as broken);
* the indexes: premises of an inference (each once), the inferences into a
  statement, the inferences a statement is needed by, the attackers of a
  node and the conflicts into it;
* derived roles (an attack on an attacker is a *rebuttal*, any other an
  *objection*), circles of support, key judgments, hypotheses and ACH rows.

Whatever is not well-formed stays visible: it is in :attr:`left_out`, and the
model (:attr:`ArgumentGraph.model`) keeps every element as written.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from argmap.model import (
    AchSection,
    ArgumentMap,
    AttackStrength,
    Conflict,
    ConflictKind,
    Group,
    Inference,
    MapInfo,
    Source,
    Statement,
    StatementKind,
    date_bounds,
)

ACH_ROW_KINDS = (StatementKind.EVIDENCE, StatementKind.ASSUMPTION)
"""Statement kinds that are rows of the ACH matrix whether rated or not; a claim is a row once rated."""


class Omission(StrEnum):
    """Why an inference or conflict is not part of the graph."""

    MISSING_PREMISE = "missing premise"
    """A premise is not a statement of the map."""
    MISSING_CONCLUSION = "missing conclusion"
    """The conclusion is not a statement of the map."""
    MISSING_ATTACKER = "missing attacker"
    """The attacker is not a statement of the map."""
    MISSING_TARGET = "missing target"
    """The target is neither a statement nor an inference of the map."""
    TARGET_KIND = "wrong target kind"
    """An undercut targets a statement, or a rebut or undermine an inference."""
    TARGET_LEFT_OUT = "target left out"
    """An undercut targets an inference that is itself left out."""
    ID_TAKEN = "id taken"
    """The inference's or conflict's id is also a statement's (rule S001): one id cannot name both."""
    ID_OF_INFERENCE = "id taken by an inference"
    """The conflict's id is also an inference's (rule S001): one id cannot name both."""


@dataclass(frozen=True)
class LeftOut:
    """One reason an inference or conflict is left out of the graph."""

    element: str
    """Id of the inference or conflict."""
    section: str
    """``inferences`` or ``conflicts``."""
    why: Omission
    """What is wrong."""
    ref: str
    """The id concerned: the missing premise, conclusion, attacker or target."""
    path: tuple[str | int, ...]
    """Path of the offending reference in the expanded map, for positions."""

    @property
    def missing(self) -> bool:
        """True if :attr:`ref` names nothing in the map (a dangling reference, rule S002)."""
        return self.why in _MISSING

    @property
    def problem(self) -> str:
        """What is wrong, e.g. ``premise 'C8' is not a statement of this map``."""
        return _DESCRIBE[self.why].format(ref=self.ref)

    def __str__(self) -> str:
        """A one-line description, e.g. ``inference 'I1': premise 'C8' is not a statement of this map``."""
        what = "inference" if self.section == "inferences" else "conflict"
        return f"{what} '{self.element}': {self.problem}"


_MISSING = {Omission.MISSING_PREMISE, Omission.MISSING_CONCLUSION, Omission.MISSING_ATTACKER}
_MISSING.add(Omission.MISSING_TARGET)

_DESCRIBE = {
    Omission.MISSING_PREMISE: "premise '{ref}' is not a statement of this map",
    Omission.MISSING_CONCLUSION: "conclusion '{ref}' is not a statement of this map",
    Omission.MISSING_ATTACKER: "attacker '{ref}' is not a statement of this map",
    Omission.MISSING_TARGET: "target '{ref}' is not a statement or inference of this map",
    Omission.TARGET_KIND: "target '{ref}' is of the wrong kind for this conflict",
    Omission.TARGET_LEFT_OUT: "target inference '{ref}' is itself left out",
    Omission.ID_TAKEN: "its id '{ref}' is also a statement's",
    Omission.ID_OF_INFERENCE: "its id '{ref}' is also an inference's",
}


class AttackRole(StrEnum):
    """Role of a conflict, derived from its target, never typed by the analyst."""

    OBJECTION = "objection"
    """Attacks a statement or inference that attacks nothing itself."""
    REBUTTAL = "rebuttal"
    """Attacks an objection (a statement that attacks something)."""


class ArgumentGraph:
    """The well-formed argument graph of an expanded map, with its indexes.

    Build it once per map (:class:`argmap.analysis.Analysis` does); every
    attribute is computed in one pass over the map, linear in its size, and
    the circles of support on first use.

    Args:
        model: an expanded map (:meth:`argmap.model.ArgumentMap.expanded`):
            shorthand already turned into inferences and conflicts.
    """

    def __init__(self, model: ArgumentMap) -> None:
        self.model = model
        """The expanded map, every element as written (well-formed or not)."""
        self.statements: Mapping[str, Statement] = model.statements
        """Statements by id, in file order."""
        self.inferences: dict[str, Inference] = {}
        """Well-formed inferences by id, in file order."""
        self.conflicts: dict[str, Conflict] = {}
        """Well-formed conflicts by id, in file order."""
        self.premises_of: dict[str, tuple[str, ...]] = {}
        """Inference → its premises, each once, in the order written."""
        self.inferences_into: dict[str, tuple[str, ...]] = {}
        """Statement → the inferences concluding it (only statements that have some)."""
        self.needed_by: dict[str, tuple[str, ...]] = {}
        """Statement → the inferences that need it as a premise."""
        self.attackers_of: dict[str, tuple[str, ...]] = {}
        """Statement or inference → the statements attacking it, each once (weak attacks included)."""
        self.defeaters_of: dict[str, tuple[str, ...]] = {}
        """Statement or inference → the statements whose attack on it defeats (not only weak), each once."""
        self.weak_attackers_of: dict[str, tuple[str, ...]] = {}
        """Statement → the statements that attack it only weakly (``strength: weak``), each once."""
        self.conflicts_into: dict[str, tuple[str, ...]] = {}
        """Statement or inference → the conflicts targeting it."""
        left_out: list[LeftOut] = []
        self._add_inferences(model.inferences, left_out)
        self._add_conflicts(model.conflicts, left_out)
        self.left_out: tuple[LeftOut, ...] = tuple(left_out)
        """What was left out and why: one entry per offending reference."""
        attackers = {conflict.attacker for conflict in self.conflicts.values()}
        self.roles: dict[str, AttackRole] = {
            cid: AttackRole.REBUTTAL if conflict.target in attackers else AttackRole.OBJECTION
            for cid, conflict in self.conflicts.items()
        }
        """Conflict → its role: a rebuttal if its target attacks something, else an objection."""

    def _add_inferences(self, inferences: Mapping[str, Inference], left_out: list[LeftOut]) -> None:
        statements, kept, premises_of = self.statements, self.inferences, self.premises_of
        into: dict[str, list[str]] = {}
        needed: dict[str, list[str]] = {}
        for iid, inference in inferences.items():
            premises, conclusion = inference.premises, inference.conclusion
            if iid in statements:
                left_out.append(LeftOut(iid, "inferences", Omission.ID_TAKEN, iid, ("inferences", iid)))
                continue
            if conclusion not in statements or not all(p in statements for p in premises):
                left_out.extend(self._inference_problems(iid, inference))
                continue
            unique = (premises[0],) if len(premises) == 1 else tuple(dict.fromkeys(premises))
            kept[iid] = inference
            premises_of[iid] = unique
            if conclusion in into:
                into[conclusion].append(iid)
            else:
                into[conclusion] = [iid]
            for premise in unique:
                if premise in needed:
                    needed[premise].append(iid)
                else:
                    needed[premise] = [iid]
        self.inferences_into = {sid: tuple(ids) for sid, ids in into.items()}
        self.needed_by = {sid: tuple(ids) for sid, ids in needed.items()}

    def _inference_problems(self, iid: str, inference: Inference) -> list[LeftOut]:
        problems = [
            LeftOut(iid, "inferences", Omission.MISSING_PREMISE, premise, ("inferences", iid, "premises", n))
            for n, premise in enumerate(inference.premises)
            if premise not in self.statements
        ]
        if inference.conclusion not in self.statements:
            path = ("inferences", iid, "conclusion")
            problems.append(
                LeftOut(iid, "inferences", Omission.MISSING_CONCLUSION, inference.conclusion, path)
            )
        return problems

    def _add_conflicts(self, conflicts: Mapping[str, Conflict], left_out: list[LeftOut]) -> None:
        attackers: dict[str, dict[str, None]] = {}
        defeaters: dict[str, dict[str, None]] = {}
        into: dict[str, list[str]] = {}
        for cid, conflict in conflicts.items():
            problems = self._id_problem(cid) or self._conflict_problems(cid, conflict)
            if problems:
                left_out.extend(problems)
                continue
            self.conflicts[cid] = conflict
            attackers.setdefault(conflict.target, {})[conflict.attacker] = None
            if conflict.strength != AttackStrength.WEAK:
                defeaters.setdefault(conflict.target, {})[conflict.attacker] = None
            into.setdefault(conflict.target, []).append(cid)
        self.attackers_of = {node: tuple(found) for node, found in attackers.items()}
        self.defeaters_of = {node: tuple(found) for node, found in defeaters.items()}
        self.weak_attackers_of = {
            node: weak
            for node, found in attackers.items()
            if (weak := tuple(a for a in found if a not in defeaters.get(node, {})))
        }
        self.conflicts_into = {node: tuple(ids) for node, ids in into.items()}

    def _id_problem(self, cid: str) -> list[LeftOut]:
        """The problem of a conflict whose id a statement or an inference (well-formed or not) has.

        Returns:
            One :class:`LeftOut` if the id is taken, else nothing.
        """
        if cid in self.statements:
            return [LeftOut(cid, "conflicts", Omission.ID_TAKEN, cid, ("conflicts", cid))]
        if cid in self.model.inferences:
            return [LeftOut(cid, "conflicts", Omission.ID_OF_INFERENCE, cid, ("conflicts", cid))]
        return []

    def _conflict_problems(self, cid: str, conflict: Conflict) -> list[LeftOut]:
        problems = []
        if conflict.attacker not in self.statements:
            path = ("conflicts", cid, "attacker")
            problems.append(LeftOut(cid, "conflicts", Omission.MISSING_ATTACKER, conflict.attacker, path))
        why = self._target_problem(conflict)
        if why is not None:
            problems.append(LeftOut(cid, "conflicts", why, conflict.target, ("conflicts", cid, "target")))
        return problems

    def _target_problem(self, conflict: Conflict) -> Omission | None:
        target = conflict.target
        undercut = conflict.kind == ConflictKind.UNDERCUT
        if target in self.statements:
            return Omission.TARGET_KIND if undercut else None
        if target in self.inferences:
            return None if undercut else Omission.TARGET_KIND
        if target in self.model.inferences:
            return Omission.TARGET_LEFT_OUT if undercut else Omission.TARGET_KIND
        return Omission.MISSING_TARGET

    # ----------------------------------------------------------------- the map's own parts

    @property
    def map(self) -> MapInfo:
        """The map's metadata (title, question, author, expected labels...)."""
        return self.model.map

    @property
    def sources(self) -> Mapping[str, Source]:
        """Sources by id."""
        return self.model.sources

    @property
    def groups(self) -> Mapping[str, Group]:
        """Groups by id, as written (members may name undefined ids: S002 reports them)."""
        return self.model.groups

    @property
    def ach(self) -> AchSection | None:
        """The map's ACH section, or None."""
        return self.model.ach

    @cached_property
    def key_judgments(self) -> list[str]:
        """Ids of statements flagged ``key: true``, in file order."""
        return [sid for sid, statement in self.statements.items() if statement.key]

    @cached_property
    def hypotheses(self) -> tuple[str, ...]:
        """Ids of the hypotheses (the ACH columns), in file order."""
        return tuple(sid for sid, s in self.statements.items() if s.kind == StatementKind.HYPOTHESIS)

    @cached_property
    def ach_rated(self) -> frozenset[str]:
        """Ids that some analyst rates in the ACH section (statements or not)."""
        ach = self.ach
        if ach is None:
            return frozenset()
        return frozenset(ach.ratings).union(*(rows for rows in ach.analysts.values()))

    @cached_property
    def ach_rows(self) -> tuple[str, ...]:
        """Ids of the ACH rows, in file order: evidence and assumptions, and any claim that is rated."""
        rated = self.ach_rated
        return tuple(
            sid
            for sid, s in self.statements.items()
            if s.kind in ACH_ROW_KINDS or (s.kind == StatementKind.CLAIM and sid in rated)
        )

    @cached_property
    def withdrawn(self) -> tuple[str, ...]:
        """Statements marked ``retracted`` or ``discredited``, in file order."""
        return tuple(sid for sid, s in self.statements.items() if s.status is not None)

    @cached_property
    def information_cutoff(self) -> str | None:
        """The latest date the map's information reflects: the latest source cutoff (or date), if any.

        A :data:`~argmap.model.DateSpan` as the source writes it (``2024-12/2025-01``);
        of several sources, the one whose span ends last.
        """
        spans = [source.cutoff or source.date for source in self.sources.values()]
        known = [span for span in spans if span is not None]
        return max(known, key=lambda span: date_bounds(span)[1]) if known else None

    @cached_property
    def left_out_ids(self) -> frozenset[str]:
        """Ids of the inferences and conflicts left out."""
        return frozenset(entry.element for entry in self.left_out)

    @cached_property
    def left_out_elements(self) -> tuple[tuple[str, str], ...]:
        """Each inference and conflict left out, once, as (section, id), in the order found.

        An inference and a conflict may share an id (rule S001); both are listed.
        """
        return tuple(dict.fromkeys((entry.section, entry.element) for entry in self.left_out))

    @cached_property
    def neighbours(self) -> dict[str, set[str]]:
        """Statement → the statements one link away: co-premises and conclusion, attacker and target.

        An undercut links its attacker with the premises and conclusion of
        the inference it attacks. Used by the diagram's views.
        """
        found: dict[str, set[str]] = {}

        def join(ids: Iterable[str]) -> None:
            present = [i for i in ids if i in self.statements]
            for one in present:
                found.setdefault(one, set()).update(other for other in present if other != one)

        for iid, premises in self.premises_of.items():
            join([*premises, self.conclusion(iid)])
        for conflict in self.conflicts.values():
            if conflict.kind == ConflictKind.UNDERCUT and conflict.target in self.premises_of:
                for end in (*self.premises_of[conflict.target], self.conclusion(conflict.target)):
                    join([conflict.attacker, end])
            else:
                join([conflict.attacker, conflict.target])
        return found

    def conclusion(self, inference: str) -> str:
        """The conclusion of a well-formed inference."""
        return self.inferences[inference].conclusion

    def burdened(self) -> set[str]:
        """Statements under burden of proof: their own ``burden``, else the map's for claims.

        Under burden of proof a statement stands only if an inference into
        it stands (Carneades' "scintilla of evidence"); see :mod:`argmap.evaluate`.
        """
        default = self.map.burden_of_proof
        return {
            sid
            for sid, s in self.statements.items()
            if s.burden or (s.burden is None and default and s.kind == StatementKind.CLAIM)
        }

    # ----------------------------------------------------------------- support

    def support_edges(self) -> Iterable[tuple[str, str]]:
        """Edges of support: premise → inference and inference → conclusion."""
        for iid, premises in self.premises_of.items():
            for premise in premises:
                yield premise, iid
            yield iid, self.inferences[iid].conclusion

    @cached_property
    def support_cycles(self) -> tuple[frozenset[str], ...]:
        """Circles of support: the strongly connected parts of the support edges.

        Each is a set of statements and inferences of two or more nodes (an
        inference with its conclusion among its premises makes one of two).
        Kahn's topological peeling (linear) leaves only the nodes on or behind
        a circle, usually none; networkx then finds the circles among those.
        """
        successors: dict[str, list[str]] = {}
        indegree: dict[str, int] = {}
        for source, target in self.support_edges():
            successors.setdefault(source, []).append(target)
            indegree[target] = indegree.get(target, 0) + 1
        ready = deque(node for node in successors if not indegree.get(node))
        while ready:
            for target in successors.get(ready.popleft(), ()):
                indegree[target] -= 1
                if indegree[target] == 0:
                    ready.append(target)
        remaining = {node for node, count in indegree.items() if count > 0}
        if not remaining:
            return ()
        import networkx as nx  # imported only here: most maps have no circle, and it is slow to load

        support = nx.DiGraph((a, b) for a in remaining for b in successors.get(a, ()) if b in remaining)
        order = {node: number for number, node in enumerate((*self.statements, *self.inferences))}
        components = [c for c in nx.strongly_connected_components(support) if len(c) > 1]
        return tuple(frozenset(c) for c in sorted(components, key=lambda c: min(map(order.__getitem__, c))))

    def support_circle(self, component: frozenset[str], start: str) -> list[str]:
        """A shortest circle of support through ``start`` inside ``component``, as statement ids.

        Args:
            component: one of :attr:`support_cycles`.
            start: a statement in it.

        Returns:
            Statements along the circle, from ``start`` back to it (``[C1, C2, C1]``).
        """
        import networkx as nx

        inner = nx.DiGraph((a, b) for a, b in self.support_edges() if a in component and b in component)
        back = min(
            (nx.shortest_path(inner, successor, start) for successor in inner.successors(start)), key=len
        )
        return [start, *(node for node in back if node in self.statements)]
