"""Structure rules (S…): the map is a well-formed argument graph."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from argmap.checks.registry import Family, Hit, Severity, rule
from argmap.load import LoadedMap
from argmap.model import SHORTHAND_FIELD, ArgumentMap, ConflictKind, StatementKind

_HEAD = """map: {title: Example}
"""


@rule(
    code="S001",
    name="duplicate-id",
    severity=Severity.ERROR,
    family=Family.STRUCTURE,
    summary="An id or key is written twice.",
    rationale=(
        "Ids name statements, inferences, conflicts, sources and groups across the whole "
        "map. When one is written twice, YAML keeps only the first and the second "
        "statement silently disappears from the analysis; when a statement and a source "
        "share an id, references become ambiguous."
    ),
    example=_HEAD
    + """statements:
  C1: {kind: claim, text: The SCO will expand., key: true}
  C1: {kind: claim, text: The SCO will stagnate.}
""",
)
def duplicate_id(loaded: LoadedMap) -> Iterator[Hit]:
    """Duplicate keys anywhere, and one id used in two sections."""
    for duplicate in loaded.duplicate_keys:
        first = duplicate.first
        what = "id" if len(duplicate.path) == 2 else "key"
        yield Hit(
            duplicate.position,
            f"duplicate {what} '{duplicate.path[-1]}' (first at line {first.line}); "
            "the second one is ignored",
        )
    seen: dict[str, str] = {}
    for section in ("sources", "statements", "inferences", "conflicts", "groups"):
        for element_id in getattr(loaded.document, section):
            if element_id in seen:
                yield Hit(
                    (section, element_id),
                    f"id '{element_id}' is used in both {seen[element_id]} and {section}",
                )
            else:
                seen[element_id] = section


@rule(
    code="S002",
    name="dangling-reference",
    severity=Severity.ERROR,
    family=Family.STRUCTURE,
    summary="A reference names an id that the map does not define.",
    rationale=(
        "A premise, conclusion, attacker, target, source or group member that does not "
        "exist leaves a hole in the argument: the inference or conflict cannot be "
        "evaluated or drawn. Usually a typo or a statement deleted without its links."
    ),
    example=_HEAD
    + """statements:
  C1: {kind: claim, text: The SCO will expand., key: true}
  C2: {kind: claim, text: Iran joined in 2023., supports: [C1, C9]}
""",
)
def dangling_reference(loaded: LoadedMap) -> Iterator[Hit]:
    """References to statements, inferences and sources that are not defined."""
    graph = loaded.graph
    statements = graph.statements
    for iid, inference in graph.inferences.items():
        for number, premise in enumerate(inference.premises):
            if premise not in statements:
                yield Hit(
                    ("inferences", iid, "premises", number),
                    f"inference '{iid}': premise '{premise}' is not a statement of this map",
                )
        if inference.conclusion not in statements:
            yield Hit(
                ("inferences", iid, "conclusion"),
                f"inference '{iid}': conclusion '{inference.conclusion}' is not a statement of this map",
            )
    for cid, conflict in graph.conflicts.items():
        if conflict.attacker not in statements:
            yield Hit(
                ("conflicts", cid, "attacker"),
                f"conflict '{cid}': attacker '{conflict.attacker}' is not a statement of this map",
            )
        if conflict.target not in statements and conflict.target not in graph.inferences:
            yield Hit(
                ("conflicts", cid, "target"),
                f"conflict '{cid}': target '{conflict.target}' is not a statement or inference of this map",
            )
    for sid, statement in statements.items():
        if statement.source is not None and statement.source not in graph.sources:
            yield Hit(
                ("statements", sid, "source"),
                f"statement '{sid}': source '{statement.source}' is not defined under 'sources'",
            )
    for gid, group in graph.groups.items():
        for number, member in enumerate(group.members):
            if member not in statements:
                yield Hit(
                    ("groups", gid, "members", number),
                    f"group '{gid}': member '{member}' is not a statement of this map",
                )


@rule(
    code="S003",
    name="self-reference",
    severity=Severity.ERROR,
    family=Family.STRUCTURE,
    summary="A statement supports or attacks itself, or undercuts an inference it is a premise of.",
    rationale=(
        "An inference whose conclusion is one of its own premises proves nothing "
        "(begging the question); a statement that attacks itself is either a mistake "
        "or a paradox the map should state explicitly. Either makes evaluation meaningless."
    ),
    example=_HEAD
    + """statements:
  C1: {kind: claim, text: The SCO will expand., key: true, supports: C1}
""",
)
def self_reference(loaded: LoadedMap) -> Iterator[Hit]:
    """Inferences concluding one of their premises; conflicts whose attacker is the target."""
    for iid, inference in loaded.graph.inferences.items():
        if inference.conclusion in inference.premises:
            yield Hit(
                ("inferences", iid),
                f"inference '{iid}': '{inference.conclusion}' is both premise and conclusion",
            )
    graph = loaded.graph
    for cid, conflict in graph.conflicts.items():
        if conflict.attacker == conflict.target:
            yield Hit(("conflicts", cid), f"conflict '{cid}': '{conflict.attacker}' attacks itself")
        inference = graph.inferences.get(conflict.target)
        if inference is not None and conflict.attacker in inference.premises:
            yield Hit(
                ("conflicts", cid),
                f"conflict '{cid}': '{conflict.attacker}' undercuts inference "
                f"'{conflict.target}', of which it is a premise",
            )


def support_graph(graph: ArgumentMap) -> nx.DiGraph:
    """Directed graph of support: premise → inference id → conclusion.

    Only references to defined statements are included (S002 reports the rest).
    """
    support = nx.DiGraph()
    for iid, inference in graph.inferences.items():
        if inference.conclusion not in graph.statements:
            continue
        support.add_edge(iid, inference.conclusion)
        for premise in inference.premises:
            if premise in graph.statements:
                support.add_edge(premise, iid)
    return support


@rule(
    code="S004",
    name="circular-support",
    severity=Severity.ERROR,
    family=Family.STRUCTURE,
    summary="Statements support each other in a circle.",
    rationale=(
        "Circular support (A because B, B because A) gives no reason to believe either "
        "statement. Argumentation semantics also read such cycles in incompatible ways, "
        "so argmap reports them instead of labelling through them."
    ),
    example=_HEAD
    + """statements:
  C1: {kind: claim, text: The SCO will expand., key: true, supports: C2}
  C2: {kind: claim, text: Members want a larger SCO., supports: C1}
""",
)
def circular_support(loaded: LoadedMap) -> Iterator[Hit]:
    """One finding per strongly connected component of the support graph.

    The circle is a real cycle in the direction of support, starting at the
    component's first statement in file order.
    """
    graph = loaded.graph
    support = support_graph(graph)
    order = {sid: number for number, sid in enumerate(graph.statements)}
    for component in nx.strongly_connected_components(support):
        statements = sorted((n for n in component if n in order), key=order.__getitem__)
        if len(statements) < 2:  # a statement supporting itself is S003
            continue
        start = statements[0]
        inner = support.subgraph(component)
        back = min(
            (nx.shortest_path(inner, successor, start) for successor in inner.successors(start)),
            key=len,
        )
        circle = [start, *(node for node in back if node in order)]
        yield Hit(("statements", start), f"circular support: {' -> '.join(circle)}")


@rule(
    code="S005",
    name="disconnected-statement",
    severity=Severity.WARNING,
    family=Family.STRUCTURE,
    summary="A statement is not connected to any key judgment.",
    rationale=(
        "Every statement of a map should bear, directly or through others, on a key "
        "judgment; one that does not is either missing a link or does not belong in the "
        "map. Hypotheses are exempt (they are the ACH columns and stand on their own), and "
        "so are statements marked 'background: true' (context the source gives without "
        "arguing from it)."
    ),
    example=_HEAD
    + """statements:
  C1: {kind: claim, text: The SCO will expand., key: true}
  E1: {kind: claim, text: Iran joined in 2023.}
""",
)
def disconnected_statement(loaded: LoadedMap) -> Iterator[Hit]:
    """Statements in no weakly connected component holding a key judgment."""
    graph = loaded.graph
    keys = set(graph.key_judgments)
    if not keys:
        return
    links = nx.Graph()
    links.add_nodes_from(graph.statements)
    links.add_edges_from(support_graph(graph).edges)
    for cid, conflict in graph.conflicts.items():
        links.add_edge(conflict.attacker, cid)
        links.add_edge(cid, conflict.target)
    for component in nx.connected_components(links):
        if component & keys:
            continue
        for sid in component:
            statement = graph.statements.get(sid)
            exempt = statement is None or statement.kind == StatementKind.HYPOTHESIS or statement.background
            if not exempt:
                yield Hit(
                    ("statements", sid),
                    f"statement '{sid}' is not connected to any key judgment",
                )


@rule(
    code="S006",
    name="support-and-attack",
    severity=Severity.ERROR,
    family=Family.STRUCTURE,
    summary="A statement both supports and attacks the same target.",
    rationale=(
        "A statement cannot be a reason for a claim and an objection to it at once. "
        "One of the two links is wrong, or the statement mixes two propositions that "
        "should be split."
    ),
    example=_HEAD
    + """statements:
  C1: {kind: claim, text: The SCO will expand., key: true}
  E1: {kind: claim, text: Iran joined in 2023., supports: C1, rebuts: C1}
""",
)
def support_and_attack(loaded: LoadedMap) -> Iterator[Hit]:
    """Attacker/target pairs that are also premise/conclusion pairs."""
    graph = loaded.graph
    supported = {
        (premise, inference.conclusion)
        for inference in graph.inferences.values()
        for premise in inference.premises
    }
    for cid, conflict in graph.conflicts.items():
        if (conflict.attacker, conflict.target) in supported:
            yield Hit(
                ("conflicts", cid),
                f"'{conflict.attacker}' both supports and attacks '{conflict.target}'",
            )


@rule(
    code="S007",
    name="conflict-target-kind",
    severity=Severity.ERROR,
    family=Family.STRUCTURE,
    summary="An undercut targets a statement, or a rebut/undermine targets an inference.",
    rationale=(
        "An undercut denies that the premises support the conclusion: its target is the "
        "inference (AIF RA-node), not a statement. Rebut and undermine attack statements. "
        "Mixing them up changes what the evaluation defeats."
    ),
    example=_HEAD
    + """statements:
  C1: {kind: claim, text: The SCO will expand., key: true}
  E1: {kind: claim, text: Iran joined in 2023., supports: C1}
  E2: {kind: claim, text: Iran joined for trade only., undercuts: C1}
""",
)
def conflict_target_kind(loaded: LoadedMap) -> Iterator[Hit]:
    """Undercuts must target inferences; rebuts and undermines must target statements."""
    graph = loaded.graph
    for cid, conflict in graph.conflicts.items():
        target = conflict.target
        if conflict.kind == ConflictKind.UNDERCUT and target in graph.statements:
            yield Hit(
                ("conflicts", cid, "target"),
                f"undercut '{cid}' targets statement '{target}'; an undercut targets an "
                "inference (use rebut or undermine to attack a statement)",
            )
        if conflict.kind != ConflictKind.UNDERCUT and target in graph.inferences:
            yield Hit(
                ("conflicts", cid, "target"),
                f"{conflict.kind} '{cid}' targets inference '{target}'; use undercut",
            )


@rule(
    code="S008",
    name="no-key-judgment",
    severity=Severity.WARNING,
    family=Family.STRUCTURE,
    summary="The map has claims but no key judgment.",
    rationale=(
        "A key judgment is the bottom line the map argues for; briefings lead with it "
        "and the judgment checks test it. Flag at least one claim with 'key: true'."
    ),
    example=_HEAD
    + """statements:
  C1: {kind: claim, text: The SCO will expand.}
""",
)
def no_key_judgment(loaded: LoadedMap) -> Iterator[Hit]:
    """A map with at least one claim and no ``key: true``."""
    graph = loaded.graph
    claims = [sid for sid, s in graph.statements.items() if s.kind == StatementKind.CLAIM]
    if claims and not graph.key_judgments:
        yield Hit(("statements",), "no statement is flagged 'key: true'")


@rule(
    code="S009",
    name="statement-in-several-groups",
    severity=Severity.ERROR,
    family=Family.STRUCTURE,
    summary="A statement is a member of more than one group.",
    rationale=(
        "Groups are drawn as boxes around their members and a node can sit in one box "
        "only; a second membership would be dropped silently from the diagram."
    ),
    example=_HEAD
    + """statements:
  C1: {kind: claim, text: The SCO will expand., key: true}
groups:
  G1: {label: China, members: [C1]}
  G2: {label: Russia, members: [C1]}
""",
)
def statement_in_several_groups(loaded: LoadedMap) -> Iterator[Hit]:
    """Second and later memberships of a statement."""
    first_group: dict[str, str] = {}
    for gid, group in loaded.graph.groups.items():
        for number, member in enumerate(group.members):
            if member in first_group and first_group[member] != gid:
                yield Hit(
                    ("groups", gid, "members", number),
                    f"'{member}' is already in group '{first_group[member]}'",
                )
            first_group.setdefault(member, gid)


@rule(
    code="S010",
    name="undermine-non-premise",
    severity=Severity.WARNING,
    family=Family.STRUCTURE,
    summary="An undermine targets a statement that is no inference's premise.",
    rationale=(
        "To undermine is to attack a premise (ASPIC+). A statement that is not a premise "
        "of any inference is attacked as a conclusion or stand-alone claim: that is a rebut."
    ),
    example=_HEAD
    + """statements:
  C1: {kind: claim, text: The SCO will expand., key: true}
  E1: {kind: claim, text: Growth is slowing., undermines: C1}
""",
)
def undermine_non_premise(loaded: LoadedMap) -> Iterator[Hit]:
    """Undermines whose target is never used as a premise."""
    graph = loaded.graph
    premises = {p for inference in graph.inferences.values() for p in inference.premises}
    for cid, conflict in graph.conflicts.items():
        if (
            conflict.kind == ConflictKind.UNDERMINE
            and conflict.target in graph.statements
            and conflict.target not in premises
        ):
            yield Hit(
                ("conflicts", cid, "target"),
                f"undermine '{cid}': '{conflict.target}' is not a premise of any inference; use rebut",
            )


@rule(
    code="S011",
    name="duplicate-link",
    severity=Severity.WARNING,
    family=Family.STRUCTURE,
    summary="The same inference or conflict is written twice.",
    rationale=(
        "Two inferences with the same premises and conclusion, or two conflicts with the "
        "same attacker, kind and target, are one link written twice (often a shorthand "
        "beside an explicit entry). The map then seems to have more independent reasons "
        "or objections than it has, and edits to one copy miss the other."
    ),
    example=_HEAD
    + """statements:
  C1: {kind: claim, text: The SCO will expand., key: true}
  C2: {kind: claim, text: Iran joined in 2023., supports: C1}
inferences:
  I1: {premises: [C2], conclusion: C1}
""",
)
def duplicate_link(loaded: LoadedMap) -> Iterator[Hit]:
    """Repeated shorthand targets, and inferences or conflicts equal to an earlier one."""
    for sid, statement in loaded.document.statements.items():
        for name in ("supports", *SHORTHAND_FIELD.values()):
            targets = getattr(statement, name)
            for number, target in enumerate(targets):
                if target in targets[:number]:
                    yield Hit(("statements", sid, name, number), f"'{sid}' {name} '{target}' twice")
    graph = loaded.graph
    seen: dict[tuple[object, ...], str] = {}
    links = [
        *(
            (("inferences", iid), (frozenset(i.premises), i.conclusion))
            for iid, i in graph.inferences.items()
        ),
        *((("conflicts", cid), (c.attacker, c.kind, c.target)) for cid, c in graph.conflicts.items()),
    ]
    for path, signature in links:
        if signature in seen:
            yield Hit(path, f"'{path[1]}' repeats '{seen[signature]}'")
        else:
            seen[signature] = str(path[1])
