"""Structure rules (S…): the map is a well-formed argument graph.

The rules read the map's :class:`~argmap.graph.ArgumentGraph`: what it left
out (dangling references, conflicts aimed at the wrong kind of element), its
circles of support and its links. Rules about how the file is written
(duplicate keys, shorthand written twice) read the loaded file.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis import Analysis
from argmap.checks.registry import FileEdit, Hit, Repair, Severity, rule
from argmap.graph import ArgumentGraph, Omission
from argmap.model import SHORTHAND_FIELD, ConflictKind, StatementKind


@rule(
    code="S001",
    name="duplicate-id",
    severity=Severity.ERROR,
    summary="An id or key is written twice.",
    rationale=(
        "Ids name statements, inferences, conflicts, sources and groups across the whole "
        "map. When one is written twice, YAML keeps only the first and the second "
        "statement silently disappears from the analysis; when a statement and a source "
        "share an id, references become ambiguous."
    ),
)
def duplicate_id(analysis: Analysis) -> Iterator[Hit]:
    """Duplicate keys anywhere, and one id used in two sections."""
    loaded = analysis.loaded
    for duplicate in loaded.duplicate_keys:
        first = duplicate.first
        what = "id" if len(duplicate.path) == 2 else "key"
        ids = (str(duplicate.path[-1]),) if what == "id" else ()
        yield Hit(
            duplicate.position,
            f"duplicate {what} '{duplicate.path[-1]}' (first at line {first.line}); "
            "the second one is ignored",
            ids,
        )
    seen: dict[str, str] = {}
    for section in ("sources", "statements", "inferences", "conflicts", "groups", "indicators"):
        for element_id in getattr(loaded.document, section):
            if element_id in seen:
                yield Hit(
                    (section, element_id),
                    f"id '{element_id}' is used in both {seen[element_id]} and {section}",
                    (element_id,),
                )
            else:
                seen[element_id] = section


@rule(
    code="S002",
    name="dangling-reference",
    severity=Severity.ERROR,
    summary="A premise, conclusion, attacker, target, source or group member names an id the map lacks.",
    rationale=(
        "A premise, conclusion, attacker, target, source or group member that does not "
        "exist leaves a hole in the argument: the inference or conflict cannot be "
        "evaluated or drawn. Usually a typo or a statement deleted without its links."
    ),
)
def dangling_reference(analysis: Analysis) -> Iterator[Hit]:
    """References to statements, inferences and sources that are not defined."""
    graph = analysis.graph
    for entry in graph.left_out:
        if entry.missing:
            yield Hit(entry.path, str(entry), (entry.element, entry.ref))
    for sid, statement in graph.statements.items():
        for number, other in enumerate(statement.corroborated_by):
            if other not in graph.statements:
                yield Hit(
                    ("statements", sid, "corroborated_by", number),
                    f"statement '{sid}': corroborating item '{other}' is not a statement of this map",
                    (sid, other),
                )
        for number, source in enumerate(statement.source):
            if source not in graph.sources:
                yield Hit(
                    ("statements", sid, "source", number),
                    f"statement '{sid}': source '{source}' is not defined under 'sources'",
                    (sid, source),
                )
    for gid, group in graph.groups.items():
        for number, member in enumerate(group.members):
            if member not in graph.statements:
                yield Hit(
                    ("groups", gid, "members", number),
                    f"group '{gid}': member '{member}' is not a statement of this map",
                    (gid, member),
                )


@rule(
    code="S003",
    name="self-reference",
    severity=Severity.ERROR,
    summary="A statement supports or attacks itself, or undercuts an inference it is a premise of.",
    rationale=(
        "An inference whose conclusion is one of its own premises proves nothing "
        "(begging the question); a statement that attacks itself is either a mistake "
        "or a paradox the map should state explicitly. Either makes evaluation meaningless."
    ),
)
def self_reference(analysis: Analysis) -> Iterator[Hit]:
    """Inferences concluding one of their premises; conflicts whose attacker is the target."""
    graph = analysis.graph
    for iid, premises in graph.premises_of.items():
        conclusion = graph.conclusion(iid)
        if conclusion in premises:
            yield Hit(
                ("inferences", iid),
                f"inference '{iid}': '{conclusion}' is both premise and conclusion",
                (iid, conclusion),
            )
    for cid, conflict in graph.conflicts.items():
        if conflict.attacker == conflict.target:
            yield Hit(("conflicts", cid), f"conflict '{cid}': '{conflict.attacker}' attacks itself", (cid,))
        if conflict.attacker in graph.premises_of.get(conflict.target, ()):
            yield Hit(
                ("conflicts", cid),
                f"conflict '{cid}': '{conflict.attacker}' undercuts inference "
                f"'{conflict.target}', of which it is a premise",
                (cid, conflict.attacker, conflict.target),
            )


@rule(
    code="S004",
    name="circular-support",
    severity=Severity.ERROR,
    summary="Statements support each other in a circle.",
    rationale=(
        "Circular support (A because B, B because A) gives no reason to believe either "
        "statement: each borrows its support from the other. The evaluation labels such "
        "statements by the same rules as any other (an attacker that stands defeats them, an "
        "inference from outside the circle carries them), but under burden of proof what rests "
        "on the circle alone stays UNDEC. One finding names one circle through each group of "
        "statements that support each other."
    ),
)
def circular_support(analysis: Analysis) -> Iterator[Hit]:
    """One finding per circle of support (:attr:`~argmap.graph.ArgumentGraph.support_cycles`).

    The circle is a real cycle in the direction of support, starting at the
    circle's first statement in file order.
    """
    graph = analysis.graph
    order = {sid: number for number, sid in enumerate(graph.statements)}
    for component in graph.support_cycles:
        statements = sorted((n for n in component if n in order), key=order.__getitem__)
        if len(statements) < 2:  # a statement supporting itself is S003
            continue
        circle = graph.support_circle(component, statements[0])
        yield Hit(
            ("statements", statements[0]), f"circular support: {' -> '.join(circle)}", tuple(statements)
        )


@rule(
    code="S005",
    name="disconnected-statement",
    severity=Severity.WARNING,
    summary=(
        "A statement is not connected to any key judgment (hypotheses, background and ACH rows exempt)."
    ),
    rationale=(
        "Every statement of a map should bear, directly or through others, on a key "
        "judgment; one that does not is either missing a link or does not belong in the "
        "map. Hypotheses are exempt (they are the ACH columns and stand on their own), so "
        "are statements rated in the ACH matrix (they bear on the hypotheses there), and "
        "so are statements marked 'background: true' (context the source gives without "
        "arguing from it)."
    ),
)
def disconnected_statement(analysis: Analysis) -> Iterator[Hit]:
    """Statements in no weakly connected component holding a key judgment, links as written."""
    graph = analysis.graph
    keys = set(graph.key_judgments)
    if not keys:
        return
    import networkx as nx  # loaded by the commands that need it only

    links = nx.Graph()
    links.add_nodes_from(graph.statements)
    links.add_edges_from(graph.support_edges())
    for cid, conflict in graph.conflicts.items():
        links.add_edge(conflict.attacker, cid)
        links.add_edge(cid, conflict.target)
    for section, element in graph.left_out_elements:  # a broken link still links what it names
        links.add_edges_from(
            [((section, element), end) for end in _ends(graph, section, element) if end in links]
        )
    for component in nx.connected_components(links):
        if component & keys:
            continue
        for sid in component:
            statement = graph.statements.get(sid)
            exempt = (
                statement is None
                or statement.kind == StatementKind.HYPOTHESIS
                or statement.background
                or sid in graph.ach_rated
            )
            if not exempt:
                yield Hit(
                    ("statements", sid), f"statement '{sid}' is not connected to any key judgment", (sid,)
                )


def _ends(graph: ArgumentGraph, section: str, element: str) -> list[str]:
    """What an inference or conflict (``section``) names as written: premises and conclusion, or ends."""
    if section == "inferences":
        inference = graph.model.inferences[element]
        return [*inference.premises, inference.conclusion]
    conflict = graph.model.conflicts[element]
    return [conflict.attacker, conflict.target]


@rule(
    code="S006",
    name="support-and-attack",
    severity=Severity.ERROR,
    summary="A statement both supports and attacks the same target.",
    rationale=(
        "A statement cannot be a reason for a claim and an objection to it at once. "
        "One of the two links is wrong, or the statement mixes two propositions that "
        "should be split."
    ),
)
def support_and_attack(analysis: Analysis) -> Iterator[Hit]:
    """Attacker/target pairs that are also premise/conclusion pairs."""
    graph = analysis.graph
    supported = {
        (premise, graph.conclusion(iid))
        for iid, premises in graph.premises_of.items()
        for premise in premises
    }
    for cid, conflict in graph.conflicts.items():
        if (conflict.attacker, conflict.target) in supported:
            yield Hit(
                ("conflicts", cid),
                f"'{conflict.attacker}' both supports and attacks '{conflict.target}'",
                (conflict.attacker, conflict.target),
            )


@rule(
    code="S007",
    name="conflict-target-kind",
    severity=Severity.ERROR,
    summary="An undercut targets a statement, or a rebut/undermine targets an inference.",
    rationale=(
        "An undercut denies that the premises support the conclusion: its target is the "
        "inference (AIF RA-node), not a statement. Rebut and undermine attack statements. "
        "Mixing them up changes what the evaluation defeats."
    ),
)
def conflict_target_kind(analysis: Analysis) -> Iterator[Hit]:
    """Conflicts the graph left out because their target is the wrong kind of element."""
    graph = analysis.graph
    for entry in graph.left_out:
        if entry.why != Omission.TARGET_KIND:
            continue
        kind = graph.model.conflicts[entry.element].kind
        if kind == ConflictKind.UNDERCUT:
            message = (
                f"undercut '{entry.element}' targets statement '{entry.ref}'; an undercut targets an "
                "inference (use rebut or undermine to attack a statement)"
            )
        else:
            message = f"{kind} '{entry.element}' targets inference '{entry.ref}'; use undercut"
        yield Hit(entry.path, message, (entry.element, entry.ref))


@rule(
    code="S008",
    name="no-key-judgment",
    severity=Severity.WARNING,
    summary="The map has claims but no key judgment.",
    rationale=(
        "A key judgment is the bottom line the map argues for; briefings lead with it "
        "and the judgment checks test it. Flag at least one claim with 'key: true'."
    ),
)
def no_key_judgment(analysis: Analysis) -> Iterator[Hit]:
    """A map with at least one claim and no ``key: true``."""
    graph = analysis.graph
    claims = [sid for sid, s in graph.statements.items() if s.kind == StatementKind.CLAIM]
    if claims and not graph.key_judgments:
        yield Hit(("statements",), "no statement is flagged 'key: true'")


@rule(
    code="S009",
    name="statement-in-several-groups",
    severity=Severity.ERROR,
    summary="A statement is a member of more than one group.",
    rationale=(
        "Groups are drawn as boxes around their members and a node can sit in one box "
        "only; a second membership would be dropped silently from the diagram."
    ),
)
def statement_in_several_groups(analysis: Analysis) -> Iterator[Hit]:
    """Second and later memberships of a statement."""
    first_group: dict[str, str] = {}
    for gid, group in analysis.graph.groups.items():
        for number, member in enumerate(group.members):
            if member in first_group and first_group[member] != gid:
                yield Hit(
                    ("groups", gid, "members", number),
                    f"'{member}' is already in group '{first_group[member]}'",
                    (member, first_group[member], gid),
                )
            first_group.setdefault(member, gid)


@rule(
    code="S010",
    name="undermine-non-premise",
    severity=Severity.WARNING,
    summary="An undermine targets a statement that is no inference's premise.",
    rationale=(
        "To undermine is to attack a premise (ASPIC+). A statement that is not a premise "
        "of any inference is attacked as a conclusion or stand-alone claim: that is a rebut."
    ),
)
def undermine_non_premise(analysis: Analysis) -> Iterator[Hit]:
    """Undermines whose target is never used as a premise."""
    graph = analysis.graph
    for cid, conflict in graph.conflicts.items():
        if conflict.kind == ConflictKind.UNDERMINE and conflict.target not in graph.needed_by:
            yield Hit(
                ("conflicts", cid, "target"),
                f"undermine '{cid}': '{conflict.target}' is not a premise of any inference; use rebut",
                (cid, conflict.target),
                repair=_undermine_to_rebut(analysis, cid, conflict.attacker, conflict.target),
            )


def _undermine_to_rebut(analysis: Analysis, cid: str, attacker: str, target: str) -> Repair:
    origin = analysis.loaded.origin("conflicts", cid)
    description = f"'{attacker}' rebuts '{target}' instead of undermining it"
    if origin[0] == "conflicts":
        return Repair(description, (FileEdit("set", ("conflicts", cid, "kind"), ConflictKind.REBUT.value),))
    rebuts = ("statements", attacker, SHORTHAND_FIELD[ConflictKind.REBUT])
    written = analysis.loaded.document.statements[attacker]
    if written.undermines == [target] and not written.rebuts:  # the field is renamed, its comment kept
        return Repair(description, (FileEdit("rename", origin[:3], rebuts[2]),))
    return Repair(description, (FileEdit("remove", origin), FileEdit("append", rebuts, target)))


@rule(
    code="S011",
    name="duplicate-link",
    severity=Severity.WARNING,
    summary="The same inference or conflict is written twice.",
    rationale=(
        "Two inferences with the same premises and conclusion, or two conflicts with the "
        "same attacker, kind and target, are one link written twice (often a shorthand "
        "beside an explicit entry). The map then seems to have more independent reasons "
        "or objections than it has, and edits to one copy miss the other."
    ),
)
def duplicate_link(analysis: Analysis) -> Iterator[Hit]:
    """Repeated shorthand targets, and inferences or conflicts equal to an earlier one, as written."""
    for sid, statement in analysis.loaded.document.statements.items():
        for name in ("supports", *SHORTHAND_FIELD.values()):
            targets = getattr(statement, name)
            for number, target in enumerate(targets):
                if target in targets[:number]:
                    where = ("statements", sid, name, number)
                    repair = Repair(
                        f"the second '{target}' of '{sid}' {name} removed", (FileEdit("remove", where),)
                    )
                    yield Hit(where, f"'{sid}' {name} '{target}' twice", (sid, target), repair=repair)
    loaded = analysis.loaded
    written = loaded.expanded
    links = [
        *(
            (("inferences", iid), (frozenset(i.premises), i.conclusion))
            for iid, i in written.inferences.items()
        ),
        *((("conflicts", cid), (c.attacker, c.kind, c.target)) for cid, c in written.conflicts.items()),
    ]
    seen: dict[tuple[object, ...], str] = {}
    for path, signature in sorted(
        links, key=lambda link: loaded.locate(*link[0])
    ):  # the later copy is reported
        if signature in seen:
            repair = _drop_copy(analysis, path[0], (seen[signature], str(path[1])))
            yield Hit(
                path,
                f"'{path[1]}' repeats '{seen[signature]}'",
                (str(path[1]), seen[signature]),
                repair=repair,
            )
        else:
            seen[signature] = str(path[1])


def _drop_copy(analysis: Analysis, section: str, copies: tuple[str, str]) -> Repair | None:
    """Remove the copy that carries nothing the other lacks: a shorthand one, else a bare later entry.

    None when both carry something (a note, a scheme, a strength) or when an
    undercut names the copy, so no choice would be the analyst's to make.
    """
    loaded = analysis.loaded
    targeted = {conflict.target for conflict in analysis.graph.conflicts.values()}
    written = getattr(loaded.document, section)
    for copy in (*reversed(copies),):
        if copy in targeted:
            continue
        origin = loaded.origin(section, copy)
        if origin[0] == "statements":
            return Repair(f"the shorthand copy of '{copy}' removed", (FileEdit("remove", origin),))
    later = copies[1]
    bare = {"premises", "conclusion", "attacker", "kind", "target"}
    if later in written and later not in targeted and written[later].model_fields_set <= bare:
        return Repair(f"'{later}' removed: it repeats '{copies[0]}'", (FileEdit("remove", (section, later)),))
    return None


@rule(
    code="S012",
    name="duplicate-premise",
    severity=Severity.ERROR,
    summary="An inference lists the same premise twice.",
    rationale=(
        "Co-premises are the statements an inference needs together. One written twice is "
        "either a typo for another premise, which is then missing from the argument, or a "
        "redundancy that makes the argument look better supported than it is."
    ),
)
def duplicate_premise(analysis: Analysis) -> Iterator[Hit]:
    """Second and later listings of a premise in one inference, as written."""
    for iid, inference in analysis.loaded.expanded.inferences.items():
        for number, premise in enumerate(inference.premises):
            if premise in inference.premises[:number]:
                yield Hit(
                    ("inferences", iid, "premises", number),
                    f"inference '{iid}' lists premise '{premise}' twice",
                    (iid, premise),
                )
