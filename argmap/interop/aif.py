"""AIF JSON, as AIFdb, OVA and AraucariaDB write it: ``{"nodes": [...], "edges": [...]}``.

The Argument Interchange Format (Chesñevar et al. 2006; Rahwan and Reed's
AIF ontology) draws an argument as a graph of typed nodes joined by
``fromID`` → ``toID`` edges:

- **I** (information) nodes become statements (claims: AIF has no kinds);
- **RA** (rule application) nodes become inferences: every I-node with an
  edge into the RA is a premise (several are co-premises of one linked
  argument), the I-node it points to the conclusion; a scheme named in the
  RA's text (anything but "RA" or "Default Inference") becomes the scheme;
- **CA** (conflict application) nodes become conflicts: a CA into an RA is
  an undercut; into an I-node, an undermine where that I-node is only a
  premise (of some RA, and the conclusion of none), a rebut otherwise;
- **MA** (rephrase) nodes become a note on the rephrasing statement;
- **PA** (preference) nodes, "X preferred to Y", make an attack by Y on X weak;
- the dialogue layer (**L**, **YA**, **TA** nodes, the edges touching them, the
  ``locutions`` list) and the MA and PA nodes are kept in the map's
  ``interchange.aif`` section, untouched, so that exporting the map again
  gives them back; argmap itself does not read them.

Node ids become map ids (``I277``, ``RA281``, ``CA12``; any character a map id
may not hold becomes ``_``); the original ids are kept in
``interchange.aif.ids`` so that an export writes them again. Duplicate node
ids (the first is kept), edges that name a missing node, RA nodes without a
premise or conclusion, and nodes of unknown types are dropped and counted.

Exporting writes one I-node per statement, one RA per inference (its scheme
as its text), one CA per conflict, and adds an ``argmap`` key holding what
AIF cannot say (statement kinds and grades, sources, groups, the ACH...), so
that map → AIF → map gives the same map; other tools ignore the key.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.interop import Imported, Interchange, InterchangeError, MapIds, Note, read_json, register
from argmap.model import SHORTHAND_FIELD, ConflictKind, shorthand_conflict_id, shorthand_inference_id

if TYPE_CHECKING:
    from argmap.analysis import Analysis

ARGUMENT_TYPES = frozenset({"I", "RA", "CA", "MA", "PA"})
"""Node types of the argument layer."""

DIALOGUE_TYPES = frozenset({"L", "YA", "TA"})
"""Node types of the dialogue layer (locutions, illocutions, transitions)."""

GENERIC_RA = frozenset({"", "ra", "default inference", "inference"})
"""RA texts that name no scheme."""

GENERIC_CA = frozenset({"", "ca", "default conflict", "conflict"})
"""CA texts that name nothing."""


def read(data: bytes, file: Path) -> Imported:
    """An AIF JSON file as a map document, with notes on what was dropped or kept aside.

    Raises:
        InterchangeError: not JSON, not AIF's shape, or nothing to import.
    """
    notes: list[Note] = []
    document = read_json(data, file, notes)
    nodes, edges = _shape(document, file)
    imported = Imported({"map": {"title": _title(document, file)}}, notes)
    reading = _Reading(file, imported)
    reading.take_nodes(nodes)
    reading.take_edges(edges)
    reading.build()
    reading.finish(document.get("argmap"), document.get("locutions"))
    return imported


def _shape(document: Any, file: Path) -> tuple[list[Any], list[Any]]:
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        raise InterchangeError(file, "not AIF JSON: expected an object with a 'nodes' list")
    edges = document.get("edges", [])
    if not isinstance(edges, list):
        raise InterchangeError(file, "not AIF JSON: 'edges' is not a list")
    return document["nodes"], edges


def _title(document: dict[str, Any], file: Path) -> str:
    carried = document.get("argmap")
    if isinstance(carried, dict) and isinstance(carried.get("map"), dict):
        title = carried["map"].get("title")
        if isinstance(title, str) and title.strip():
            return title
    return f"Imported from {file.name}"


def _key(value: Any) -> str | None:
    """A node id as text (AIF files use numbers or strings), or None for anything else."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    return str(value)


NODE_FIELDS = frozenset({"nodeID", "type", "text"})
"""Node keys argmap reads; any other key of an I, RA or CA node (``timestamp``...) is kept aside."""


@dataclass
class _Edge:
    """One edge of the file, and whether an inference or conflict was built from it."""

    start: str
    end: str
    data: dict[str, Any]
    used: bool = False


class _Reading:
    """One file being read: its nodes by id, its edges, and the map taking shape.

    Whatever does not become a statement, inference or conflict (the dialogue
    layer, MA and PA nodes, an RA without a conclusion, an edge argmap reads
    nothing from) is kept aside verbatim, so that exporting gives it back.
    """

    def __init__(self, file: Path, imported: Imported) -> None:
        self.file = file
        self.imported = imported
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: list[_Edge] = []
        self.into: dict[str, list[_Edge]] = {}
        self.out_of: dict[str, list[_Edge]] = {}
        self.map_id = MapIds()
        self.ids = self.map_id.of
        self.aside_nodes: list[str] = []
        self.statements: dict[str, dict[str, Any]] = {}
        self.inferences: dict[str, dict[str, Any]] = {}
        self.conflicts: dict[str, dict[str, Any]] = {}

    def take_nodes(self, nodes: list[Any]) -> None:
        duplicates = unknown = malformed = unnamed = 0
        for node in nodes:
            key = _key(node.get("nodeID")) if isinstance(node, dict) else None
            kind = node.get("type") if isinstance(node, dict) else None
            if not isinstance(node, dict) or not isinstance(kind, str):
                malformed += 1
            elif key is None:
                unnamed += 1
            elif key in self.nodes:
                duplicates += 1
            elif kind not in ARGUMENT_TYPES | DIALOGUE_TYPES:
                unknown += 1
            else:
                self.nodes[key] = node
        self.imported.note("node that is no object or has no type, dropped", malformed)
        self.imported.note("node whose nodeID is missing or not a string or an integer, dropped", unnamed)
        self.imported.note("duplicate node id, the first node kept", duplicates)
        self.imported.note("node of a type AIF does not define, dropped", unknown)

    def take_edges(self, edges: list[Any]) -> None:
        missing = malformed = 0
        for data in edges:
            start = _key(data.get("fromID")) if isinstance(data, dict) else None
            end = _key(data.get("toID")) if isinstance(data, dict) else None
            if start is None or end is None:
                malformed += 1
            elif start not in self.nodes or end not in self.nodes:
                missing += 1
            else:
                edge = _Edge(start, end, data)
                self.edges.append(edge)
                self.into.setdefault(end, []).append(edge)
                self.out_of.setdefault(start, []).append(edge)
        self.imported.note("edge without fromID or toID, dropped", malformed)
        self.imported.note("edge to a missing node, dropped", missing)

    def of_type(self, kind: str) -> list[str]:
        return [key for key, node in self.nodes.items() if node["type"] == kind]

    def build(self) -> None:
        odd = untexted = 0
        for key in self.of_type("I"):
            raw = self.nodes[key].get("text")
            odd += raw is not None and not isinstance(raw, str)
            text = statement_text(self.nodes[key], key)
            untexted += text == _placeholder(key)
            self.statements[self.map_id(key, "I")] = {"kind": "claim", "text": text}
        self.imported.note("I-node text that is no string (a number, a list...), written out as text", odd)
        self.imported.note("I-node with no text, given a placeholder text", untexted)
        self._inferences()
        self._conflicts()
        self._rephrases()
        self._preferences()

    def _linked(self, edges: list[_Edge], end: str, kinds: Iterable[str]) -> list[_Edge]:
        """The edges whose node at ``end`` ("start" or "end") is of one of ``kinds``, one per node."""
        seen: dict[str, _Edge] = {}
        for edge in edges:
            node = getattr(edge, end)
            if self.nodes[node]["type"] in kinds:
                seen.setdefault(node, edge)
        return list(seen.values())

    def _inferences(self) -> None:
        incomplete = several = circular = 0
        for key in self.of_type("RA"):
            conclusions = self._linked(self.out_of.get(key, []), "end", ("I",))
            conclusion = conclusions[0].end if conclusions else None
            premises = [
                e for e in self._linked(self.into.get(key, []), "start", ("I",)) if e.start != conclusion
            ]
            circular += len(premises) < len(self._linked(self.into.get(key, []), "start", ("I",)))
            if not premises or conclusion is None:
                incomplete += 1
                self.aside_nodes.append(key)
                continue
            several += len(conclusions) > 1
            for edge in [*premises, conclusions[0]]:
                edge.used = True
            inference: dict[str, Any] = {
                "premises": [self.ids[e.start] for e in premises],
                "conclusion": self.ids[conclusion],
            }
            scheme = _scheme(self.nodes[key])
            if scheme:
                inference["scheme"] = scheme
            self.inferences[self.map_id(key, "RA")] = inference
        self.imported.note("RA node without a premise or a conclusion, kept aside for export", incomplete)
        self.imported.note("RA node with several conclusions: the first read, the others kept aside", several)
        self.imported.note("RA node concluding one of its own premises: that premise kept aside", circular)

    def _conflicts(self) -> None:
        premises = {p for inference in self.inferences.values() for p in inference["premises"]}
        premises -= {inference["conclusion"] for inference in self.inferences.values()}  # a claim too: rebut
        incomplete = several = self_attack = 0
        for key in self.of_type("CA"):
            attackers = self._linked(self.into.get(key, []), "start", ("I",))
            targets = [e for e in self.out_of.get(key, []) if self._attackable(e.end)]
            if not attackers or not targets or attackers[0].start == targets[0].end:
                self_attack += bool(attackers and targets)
                incomplete += not (attackers and targets)
                self.aside_nodes.append(key)
                continue
            several += len(attackers) > 1 or len(targets) > 1
            attackers[0].used = targets[0].used = True
            target = targets[0].end
            if self.nodes[target]["type"] == "RA":
                kind = ConflictKind.UNDERCUT
            else:
                kind = ConflictKind.UNDERMINE if self.ids[target] in premises else ConflictKind.REBUT
            self.conflicts[self.map_id(key, "CA")] = {
                "kind": kind.value,
                "attacker": self.ids[attackers[0].start],
                "target": self.ids[target],
            }
        self.imported.note(
            "CA node without an I-node attacking an I-node or an inference, kept aside for export", incomplete
        )
        self.imported.note(
            "CA node with several attackers or targets: the first read, the others kept aside", several
        )
        self.imported.note("CA node whose attacker is its target, kept aside for export", self_attack)

    def _attackable(self, key: str) -> bool:
        """An I-node, or an RA node that became an inference."""
        kind = self.nodes[key]["type"]
        return kind == "I" or (kind == "RA" and self.ids.get(key) in self.inferences)

    def _rephrases(self) -> None:
        count = 0
        for key in self.of_type("MA"):
            for source in self._linked(self.into.get(key, []), "start", ("I",)):
                for target in self._linked(self.out_of.get(key, []), "end", ("I",)):
                    statement = self.statements[self.ids[target.end]]
                    rephrase = f"Rephrases {self.ids[source.start]} (AIF MA node {key})."
                    statement["note"] = f"{statement['note']} {rephrase}" if "note" in statement else rephrase
                    count += 1
        self.imported.note("MA (rephrase) link kept as a note on the rephrasing statement", count)

    def _preferences(self) -> None:
        weakened = 0
        for key in self.of_type("PA"):
            for preferred in self.into.get(key, []):
                for other in self.out_of.get(key, []):
                    weakened += self._weaken(self.ids.get(other.end), self.ids.get(preferred.start))
        self.imported.note("PA (preference) made an attack weak", weakened)

    def _weaken(self, attacker: str | None, target: str | None) -> int:
        count = 0
        for conflict in self.conflicts.values():
            if conflict["attacker"] == attacker and conflict["target"] == target:
                conflict["strength"] = "weak"
                count += 1
        return count

    def kept_aside(self, locutions: Any) -> dict[str, Any]:
        """The ``interchange.aif`` section: ids, other node fields, and what argmap did not read."""
        layered = [k for k, n in self.nodes.items() if n["type"] in DIALOGUE_TYPES | {"MA", "PA"}]
        self.imported.note("dialogue-layer, MA or PA node kept aside for export", len(layered))
        aside = set(layered) | set(self.aside_nodes)
        unread = [e for e in self.edges if not e.used]
        odd = sum(1 for e in unread if not {e.start, e.end} & set(layered))
        self.imported.note(
            "edge argmap reads nothing from (e.g. I-node to I-node), kept aside for export", odd
        )
        attributes = {
            key: extra
            for key, node in self.nodes.items()
            if key not in aside and (extra := _extra_fields(node, key))
        }
        section: dict[str, Any] = {
            "ids": {
                mid: self.nodes[key]["nodeID"]
                for key, mid in self.ids.items()
                if mid != self.nodes[key]["nodeID"]
            },
            "attributes": attributes,
            "nodes": [node for key, node in self.nodes.items() if key in aside],
            "edges": [e.data for e in unread],
        }
        if isinstance(locutions, list):
            section["locutions"] = locutions
            self.imported.note("'locutions' list kept aside for export")
        elif locutions is not None:
            self.imported.note("'locutions' that is not a list, dropped")
        return {name: value for name, value in section.items() if value or name == "locutions"}

    def finish(self, carried: Any, locutions: Any) -> None:
        document = self.imported.document
        original = {mid: key for key, mid in self.ids.items()}
        for gone in _shorthand(self.statements, self.inferences, self.conflicts, original):
            del self.ids[original[gone]]
        document["statements"] = self.statements
        if self.inferences:
            document["inferences"] = self.inferences
        if self.conflicts:
            document["conflicts"] = self.conflicts
        aif = self.kept_aside(locutions)
        if isinstance(carried, dict):
            _restore(document, carried, self.imported)
        else:
            self.imported.note(
                "I-node imported as a claim (AIF gives no statement kinds)", len(self.statements)
            )
        if aif:
            document.setdefault("interchange", {})["aif"] = aif
        if not self.statements:
            why = "; ".join(str(note) for note in self.imported.notes if "dropped" in note.what)
            raise InterchangeError(
                self.file, "no I-node to import: the file holds no statement" + (f" ({why})" if why else "")
            )


def statement_text(node: dict[str, Any], key: str) -> str:
    """The text of the statement an I-node becomes: its text, trimmed, or a placeholder."""
    raw = node.get("text")
    text = (
        raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False) if raw is not None else ""
    ).strip()
    return text or _placeholder(key)


def _placeholder(key: str) -> str:
    return f"(I-node {key} had no text)"


def _default_text(node: dict[str, Any]) -> str | None:
    """The text an export writes on a node from the map alone (None for an I-node: see statement_text)."""
    if node["type"] == "RA":
        return _scheme(node) or "Default Inference"
    return "Default Conflict" if node["type"] == "CA" else None


def _extra_fields(node: dict[str, Any], key: str) -> dict[str, Any]:
    """What an export must write back on a node beyond its id, type and the text argmap would give it.

    Its other fields, and its text where that is not what the export would
    write anyway: an I-node's text that was trimmed, empty or no string; an
    RA's that differs from its scheme ("RA", "Argument from Expert Opinion"
    beside a ``scheme`` key); a CA's that is not "Default Conflict".
    """
    extra = {k: v for k, v in node.items() if k not in NODE_FIELDS}
    if "text" in node:
        made = statement_text(node, key) if node["type"] == "I" else _default_text(node)
        if node["text"] != made:
            extra["text"] = node["text"]
    return extra


def _scheme(node: dict[str, Any]) -> str | None:
    """The scheme an RA node names (its ``scheme`` key, else its text), or None for a generic one."""
    for value in (node.get("scheme"), node.get("text")):
        if isinstance(value, str) and " ".join(value.split()).lower() not in GENERIC_RA:
            return " ".join(value.split())
    return None


def _shorthand(
    statements: dict[str, Any],
    inferences: dict[str, Any],
    conflicts: dict[str, Any],
    original: dict[str, str],
) -> list[str]:
    """Inferences and conflicts whose ids are argmap's shorthand ids go back to being shorthand.

    An export writes ``E1: {supports: C1}`` as RA node ``E1->C1``; reading it
    back as ``supports`` gives the same map rather than an inference whose id
    a map may not hold. ``original`` gives each map id its node id in the
    file; returns the ids turned into shorthand.
    """
    turned: list[str] = []
    for iid, inference in list(inferences.items()):
        premises, conclusion = inference["premises"], inference["conclusion"]
        plain = set(inference) == {"premises", "conclusion"} and len(premises) == 1
        if plain and original.get(iid, iid) == shorthand_inference_id(premises[0], conclusion):
            statements[premises[0]].setdefault("supports", []).append(inference["conclusion"])
            del inferences[iid]
            turned.append(iid)
    for cid, conflict in list(conflicts.items()):
        kind = ConflictKind(conflict["kind"])
        plain = set(conflict) == {"kind", "attacker", "target"}
        if plain and original.get(cid, cid) == shorthand_conflict_id(
            conflict["attacker"], kind, conflict["target"]
        ):
            statements[conflict["attacker"]].setdefault(SHORTHAND_FIELD[kind], []).append(conflict["target"])
            del conflicts[cid]
            turned.append(cid)
    return turned


def _restore(document: dict[str, Any], carried: dict[str, Any], imported: Imported) -> None:
    """Put back what an argmap export carried beside the AIF nodes (the ``argmap`` key)."""
    for section in ("map", "sources", "groups", "indicators", "ach"):
        if section in carried:
            document[section] = carried[section]
    for section in ("statements", "inferences", "conflicts"):
        extras = carried.get(section)
        if not isinstance(extras, dict):
            continue
        for eid, fields in extras.items():
            if eid in document.get(section, {}) and isinstance(fields, dict):
                document[section][eid].update(fields)
    if isinstance(carried.get("interchange"), dict):
        document.setdefault("interchange", {}).update(carried["interchange"])
    imported.note("argmap's own fields restored from the file's 'argmap' key")


# ----------------------------------------------------------------------------- export

_CARRIED_MAP = ("map", "sources", "groups", "indicators", "ach")


def write(analysis: Analysis, notes: list[Note] | None = None) -> bytes:
    """The map as AIF JSON: I, RA and CA nodes and their edges, what was kept aside, an ``argmap`` key.

    Node ids are those the map was imported with where it was (kept in
    ``interchange.aif.ids``), the map's own ids otherwise (made unique
    against the kept nodes' ids); nodes get back the fields they came with
    (``interchange.aif.attributes``). Kept edges whose node is no longer in
    the map (a statement removed since) are left out; new edges get ids no
    kept edge has.
    """
    model = analysis.graph.model  # expanded: shorthand links are inferences and conflicts here
    kept = _kept(model.interchange.get("aif"))
    nodes = _argument_nodes(model, kept)
    present = {_key(node["nodeID"]) for node in nodes.values()} | {
        _key(node.get("nodeID")) for node in kept["nodes"]
    }
    edges = [e for e in kept["edges"] if _key(e.get("fromID")) in present and _key(e.get("toID")) in present]
    if notes is not None and len(edges) < len(kept["edges"]):
        gone = len(kept["edges"]) - len(edges)
        notes.append(
            Note("edge kept from the imported file whose node is no longer in the map, left out", gone)
        )
    taken = {_key(e.get("edgeID")) for e in edges}
    numbers = (f"e{n}" for n in itertools.count(1) if f"e{n}" not in taken)
    node_id = {mid: node["nodeID"] for mid, node in nodes.items()}

    def edge(start: str, end: str) -> dict[str, Any]:
        return {"edgeID": next(numbers), "fromID": node_id[start], "toID": node_id[end], "formEdgeID": None}

    argument_edges: list[dict[str, Any]] = []
    for iid, inference in model.inferences.items():
        argument_edges += [edge(premise, iid) for premise in inference.premises]
        argument_edges.append(edge(iid, inference.conclusion))
    for cid, conflict in model.conflicts.items():
        argument_edges += [edge(conflict.attacker, cid), edge(cid, conflict.target)]
    document: dict[str, Any] = {"nodes": [*nodes.values(), *kept["nodes"]], "edges": argument_edges + edges}
    if isinstance(kept.get("locutions"), list):
        document["locutions"] = kept["locutions"]
    document["argmap"] = _carried(model)
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _kept(section: Any) -> dict[str, Any]:
    """The ``interchange.aif`` section, each part of the shape an export needs (a hand edit may break it)."""
    section = section if isinstance(section, dict) else {}

    def part(name: str, kind: type) -> Any:
        value = section.get(name)
        return value if isinstance(value, kind) else kind()

    return {
        "ids": part("ids", dict),
        "attributes": part("attributes", dict),
        "nodes": [n for n in part("nodes", list) if isinstance(n, dict)],
        "edges": [e for e in part("edges", list) if isinstance(e, dict)],
        "locutions": section.get("locutions"),
    }


def _argument_nodes(model: Any, kept: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The I, RA and CA node of each statement, inference and conflict, by map id."""
    ids = {str(mid): key for mid, key in kept["ids"].items() if _key(key) is not None}
    taken = {_key(node.get("nodeID")) for node in kept["nodes"]} | {_key(key) for key in ids.values()}

    def node(mid: str, kind: str, text: str) -> dict[str, Any]:
        key = ids.get(mid, mid)
        if mid not in ids and mid in taken:  # a new element named like a node the file had
            key = f"{mid}_argmap"
        extra = kept["attributes"].get(_key(key))
        extra = extra if isinstance(extra, dict) else {}
        fields = {k: v for k, v in extra.items() if k not in NODE_FIELDS}
        if "text" in extra and (kind != "I" or statement_text(extra, str(key)) == text):
            text = extra["text"]  # the node's own text, where the statement's is still what came of it
        return {"nodeID": key, "text": text, "type": kind, **fields}

    nodes = {sid: node(sid, "I", s.text) for sid, s in model.statements.items()}
    for iid, inference in model.inferences.items():
        ra = nodes[iid] = node(iid, "RA", inference.scheme or "Default Inference")
        if _scheme(ra) != inference.scheme:  # the scheme was changed in argmap
            ra["text"] = inference.scheme or "Default Inference"
            if "scheme" in ra:
                ra["scheme"] = ra["text"]
            ra.pop("schemeID", None)
    nodes.update({cid: node(cid, "CA", "Default Conflict") for cid in model.conflicts})
    return nodes


def _carried(model: Any) -> dict[str, Any]:
    """What AIF cannot say, keyed like a map file: map info, sources, groups, and per element its fields."""
    data = model.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    carried = {section: data[section] for section in _CARRIED_MAP if data.get(section)}
    statements = {
        sid: {k: v for k, v in fields.items() if k != "text"}
        for sid, fields in data.get("statements", {}).items()
    }
    carried["statements"] = {sid: fields for sid, fields in statements.items() if fields}
    structural = {"inferences": {"premises", "conclusion"}, "conflicts": {"attacker", "target"}}
    for section, dropped in structural.items():
        extras = {
            eid: {k: v for k, v in fields.items() if k not in dropped}
            for eid, fields in data.get(section, {}).items()
        }
        carried[section] = {eid: fields for eid, fields in extras.items() if fields}
    others = {name: value for name, value in data.get("interchange", {}).items() if name != "aif"}
    if others:
        carried["interchange"] = others
    return carried


register(
    Interchange(
        name="aif",
        description="Argument Interchange Format JSON (AIFdb, OVA, AraucariaDB)",
        suffixes=(".json",),
        read=read,
        write=write,
        keeps="I, RA (scheme), CA (rebut, undermine, undercut) nodes; MA as notes, PA as weak attacks; "
        "dialogue layer and locutions kept aside for export; statement kinds and grades only between "
        "argmap maps (the 'argmap' key)",
    )
)
