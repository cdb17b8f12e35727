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

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.interop import Imported, Interchange, InterchangeError, MapIds, read_json, register
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
    document = read_json(data, file)
    nodes, edges = _shape(document, file)
    imported = Imported({"map": {"title": _title(document, file)}})
    reading = _Reading(file, imported)
    reading.take_nodes(nodes)
    reading.take_edges(edges)
    reading.build()
    if isinstance(document.get("locutions"), list):
        reading.aside["locutions"] = document["locutions"]
    reading.finish(document.get("argmap"))
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


class _Reading:
    """One file being read: its nodes by id, its edges, and the map taking shape."""

    def __init__(self, file: Path, imported: Imported) -> None:
        self.file = file
        self.imported = imported
        self.nodes: dict[str, dict[str, Any]] = {}
        self.into: dict[str, list[str]] = {}
        self.out_of: dict[str, list[str]] = {}
        self.map_id = MapIds()
        self.ids = self.map_id.of
        self.aside: dict[str, Any] = {"nodes": [], "edges": []}
        self.statements: dict[str, dict[str, Any]] = {}
        self.inferences: dict[str, dict[str, Any]] = {}
        self.conflicts: dict[str, dict[str, Any]] = {}

    def take_nodes(self, nodes: list[Any]) -> None:
        duplicates = unknown = malformed = 0
        for node in nodes:
            key = _key(node.get("nodeID")) if isinstance(node, dict) else None
            kind = node.get("type") if isinstance(node, dict) else None
            if key is None or not isinstance(kind, str):
                malformed += 1
                continue
            if key in self.nodes:
                duplicates += 1
                continue
            if kind in DIALOGUE_TYPES or kind in ("MA", "PA"):
                self.aside["nodes"].append(node)
            elif kind not in ARGUMENT_TYPES:
                unknown += 1
                continue
            self.nodes[key] = node
        self.imported.note("node without a nodeID or type, dropped", malformed)
        self.imported.note("duplicate node id, the first node kept", duplicates)
        self.imported.note("node of a type AIF does not define, dropped", unknown)

    def take_edges(self, edges: list[Any]) -> None:
        missing = malformed = 0
        for edge in edges:
            if not isinstance(edge, dict):
                malformed += 1
                continue
            start, end = _key(edge.get("fromID")), _key(edge.get("toID"))
            if start is None or end is None:
                malformed += 1
                continue
            if start not in self.nodes or end not in self.nodes:
                missing += 1
                continue
            kinds = {self.nodes[start]["type"], self.nodes[end]["type"]}
            if kinds & (DIALOGUE_TYPES | {"MA", "PA"}):
                self.aside["edges"].append(edge)
            self.into.setdefault(end, []).append(start)
            self.out_of.setdefault(start, []).append(end)
        self.imported.note("edge without fromID or toID, dropped", malformed)
        self.imported.note("edge to a missing node, dropped", missing)

    def of_type(self, kind: str) -> list[str]:
        return [key for key, node in self.nodes.items() if node["type"] == kind]

    def build(self) -> None:
        for key in self.of_type("I"):
            text = " ".join(str(self.nodes[key].get("text") or "").split()) or f"(I-node {key} had no text)"
            self.statements[self.map_id(key, "I")] = {"kind": "claim", "text": text}
        self._inferences()
        self._conflicts()
        self._rephrases()
        self._preferences()

    def _i_nodes(self, keys: Iterable[str]) -> list[str]:
        return [k for k in keys if self.nodes[k]["type"] == "I"]

    def _inferences(self) -> None:
        incomplete = several = 0
        for key in self.of_type("RA"):
            premises = self._i_nodes(self.into.get(key, []))
            conclusions = self._i_nodes(self.out_of.get(key, []))
            if not premises or not conclusions:
                incomplete += 1
                continue
            several += len(conclusions) > 1
            inference: dict[str, Any] = {
                "premises": [self.ids[p] for p in dict.fromkeys(premises)],
                "conclusion": self.ids[conclusions[0]],
            }
            text = " ".join(str(self.nodes[key].get("text") or "").split())
            scheme = self.nodes[key].get("scheme") or ("" if text.lower() in GENERIC_RA else text)
            if isinstance(scheme, str) and scheme.strip():
                inference["scheme"] = scheme.strip()
            self.inferences[self.map_id(key, "RA")] = inference
        self.imported.note("RA node without a premise or a conclusion, dropped", incomplete)
        self.imported.note("RA node with several conclusions: the first kept", several)

    def _conflicts(self) -> None:
        premises = {p for inference in self.inferences.values() for p in inference["premises"]}
        premises -= {inference["conclusion"] for inference in self.inferences.values()}  # a claim too: rebut
        incomplete = 0
        for key in self.of_type("CA"):
            attackers = self._i_nodes(self.into.get(key, []))
            targets = [k for k in self.out_of.get(key, []) if self._attackable(k)]
            if not attackers or not targets:
                incomplete += 1
                continue
            target = targets[0]
            if self.nodes[target]["type"] == "RA":
                kind = ConflictKind.UNDERCUT
            else:
                kind = ConflictKind.UNDERMINE if self.ids[target] in premises else ConflictKind.REBUT
            self.conflicts[self.map_id(key, "CA")] = {
                "kind": kind.value,
                "attacker": self.ids[attackers[0]],
                "target": self.ids[target],
            }
        self.imported.note("CA node without an attacker or a target, dropped", incomplete)

    def _attackable(self, key: str) -> bool:
        """An I-node, or an RA node that became an inference."""
        kind = self.nodes[key]["type"]
        return kind == "I" or (kind == "RA" and self.ids.get(key) in self.inferences)

    def _rephrases(self) -> None:
        count = 0
        for key in self.of_type("MA"):
            sources = self._i_nodes(self.into.get(key, []))
            targets = self._i_nodes(self.out_of.get(key, []))
            for source in sources:
                for target in targets:
                    statement = self.statements[self.ids[target]]
                    rephrase = f"Rephrases {self.ids[source]} (AIF MA node {key})."
                    statement["note"] = f"{statement['note']} {rephrase}" if "note" in statement else rephrase
                    count += 1
        self.imported.note("MA (rephrase) link kept as a note on the rephrasing statement", count)

    def _preferences(self) -> None:
        weakened = 0
        for key in self.of_type("PA"):
            for preferred in self.into.get(key, []):
                for other in self.out_of.get(key, []):
                    weakened += self._weaken(self.ids.get(other), self.ids.get(preferred))
        self.imported.note("PA (preference) made an attack weak", weakened)

    def _weaken(self, attacker: str | None, target: str | None) -> int:
        count = 0
        for conflict in self.conflicts.values():
            if conflict["attacker"] == attacker and conflict["target"] == target:
                conflict["strength"] = "weak"
                count += 1
        return count

    def finish(self, carried: Any) -> None:
        document = self.imported.document
        original = {mid: key for key, mid in self.ids.items()}
        for gone in _shorthand(self.statements, self.inferences, self.conflicts, original):
            del self.ids[original[gone]]
        document["statements"] = self.statements
        if self.inferences:
            document["inferences"] = self.inferences
        if self.conflicts:
            document["conflicts"] = self.conflicts
        aif: dict[str, Any] = {"ids": {mid: key for key, mid in self.ids.items() if mid != key}}
        aif.update({name: value for name, value in self.aside.items() if value})
        kept = len(self.aside["nodes"])
        self.imported.note("dialogue-layer, MA or PA node kept aside for export (interchange.aif)", kept)
        if "locutions" in self.aside:
            self.imported.note("'locutions' list kept aside for export (interchange.aif)")
        if isinstance(carried, dict):
            _restore(document, carried, self.imported)
        else:
            self.imported.note(
                "I-node imported as a claim (AIF gives no statement kinds)", len(self.statements)
            )
        aif = {name: value for name, value in aif.items() if value}
        if aif:
            document["interchange"] = {"aif": aif}
        if not self.statements:
            raise InterchangeError(self.file, "no I-node to import: the file holds no statement")


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


def write(analysis: Analysis) -> bytes:
    """The map as AIF JSON: I, RA and CA nodes and their edges, the kept dialogue layer, an ``argmap`` key.

    Node ids are those the map was imported with where it was (kept in
    ``interchange.aif.ids``), the map's own ids otherwise.
    """
    model = analysis.graph.model  # expanded: shorthand links are inferences and conflicts here
    kept = model.interchange.get("aif", {}) if isinstance(model.interchange.get("aif"), dict) else {}
    ids = kept.get("ids")
    original = {str(mid): str(key) for mid, key in ids.items()} if isinstance(ids, dict) else {}

    def node_id(mid: str) -> str:
        return str(original.get(mid, mid))

    expanded = model
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def edge(start: str, end: str) -> None:
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": start, "toID": end, "formEdgeID": None})

    for sid, statement in expanded.statements.items():
        nodes.append({"nodeID": node_id(sid), "text": statement.text, "type": "I"})
    for iid, inference in expanded.inferences.items():
        nodes.append({"nodeID": node_id(iid), "text": inference.scheme or "Default Inference", "type": "RA"})
        for premise in inference.premises:
            edge(node_id(premise), node_id(iid))
        edge(node_id(iid), node_id(inference.conclusion))
    for cid, conflict in expanded.conflicts.items():
        nodes.append({"nodeID": node_id(cid), "text": "Default Conflict", "type": "CA"})
        edge(node_id(conflict.attacker), node_id(cid))
        edge(node_id(cid), node_id(conflict.target))
    nodes += (
        [n for n in kept.get("nodes", []) or [] if isinstance(n, dict)]
        if isinstance(kept.get("nodes", []), list)
        else []
    )
    edges += (
        [e for e in kept.get("edges", []) or [] if isinstance(e, dict)]
        if isinstance(kept.get("edges", []), list)
        else []
    )
    document: dict[str, Any] = {"nodes": nodes, "edges": edges}
    if "locutions" in kept:
        document["locutions"] = kept["locutions"]
    document["argmap"] = _carried(model)
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


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
