r"""GraphML export, for yEd, Gephi, Cytoscape and other graph editors.

GraphML (graphml.graphdrawing.org) has plain nodes and edges, so an
inference is written as a node of its own (``role: inference``) with an
edge from each premise and one to its conclusion: co-premises stay one
argument. A conflict is an edge from its attacker to its target (an
undercut ends at the inference's node). Every node and edge carries its
attributes as GraphML keys: id, role, kind, text, label (IN/OUT/UNDEC),
likelihood, confidence, key judgment, group; conflicts their kind and
strength; inferences their scheme. Text is written by an XML library, so
any character a map holds is escaped; characters XML 1.0 cannot hold at all
are written as their escapes (``\\x01``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from typing import TYPE_CHECKING

from argmap.interop import Interchange, Note, register

if TYPE_CHECKING:
    from argmap.analysis import Analysis

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"

NODE_KEYS = ("role", "kind", "text", "label", "likelihood", "confidence", "key_judgment", "group", "scheme")
EDGE_KEYS = ("relation", "strength")

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: object) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group(0)):02x}", str(value))


def write(analysis: Analysis, notes: list[Note] | None = None) -> bytes:
    """The map as a GraphML document (UTF-8): statements and inferences as nodes, links as edges."""
    graph = analysis.graph
    labels = analysis.labelling.labels
    ElementTree.register_namespace("", NAMESPACE)
    root = ElementTree.Element(f"{{{NAMESPACE}}}graphml")
    for name in NODE_KEYS:
        _key(root, name, "node")
    for name in EDGE_KEYS:
        _key(root, name, "edge")
    body = ElementTree.SubElement(root, f"{{{NAMESPACE}}}graph", id="argmap", edgedefault="directed")
    group_of = {m: gid for gid, group in graph.groups.items() for m in group.members}
    for sid, statement in graph.statements.items():
        _node(
            body,
            f"s:{sid}",
            role="statement",
            kind=statement.kind.value,
            text=" ".join(statement.text.split()),
            label=str(labels.get(sid, "")),
            likelihood=statement.likelihood or "",
            confidence=statement.confidence.value if statement.confidence else "",
            key_judgment="true" if statement.key else "",
            group=group_of.get(sid, ""),
        )
    for iid, premises in graph.premises_of.items():
        inference = graph.inferences.get(iid)
        _node(
            body,
            f"i:{iid}",
            role="inference",
            label=str(labels.get(iid, "")),
            scheme=(inference.scheme or "") if inference else "",
        )
        for premise in premises:
            _edge(body, f"s:{premise}", f"i:{iid}", relation="premise")
        _edge(body, f"i:{iid}", f"s:{graph.conclusion(iid)}", relation="conclusion")
    for conflict in graph.conflicts.values():
        target = f"i:{conflict.target}" if conflict.target in graph.premises_of else f"s:{conflict.target}"
        _edge(
            body,
            f"s:{conflict.attacker}",
            target,
            relation=conflict.kind.value,
            strength=conflict.strength.value,
        )
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _key(root: ElementTree.Element, name: str, domain: str) -> None:
    ElementTree.SubElement(
        root,
        f"{{{NAMESPACE}}}key",
        {"id": f"{domain}_{name}", "for": domain, "attr.name": name, "attr.type": "string"},
    )


def _node(body: ElementTree.Element, node_id: str, **data: str) -> None:
    node = ElementTree.SubElement(body, f"{{{NAMESPACE}}}node", id=_xml_text(node_id))
    _data(node, "node", data)


def _edge(body: ElementTree.Element, source: str, target: str, **data: str) -> None:
    edge = ElementTree.SubElement(
        body, f"{{{NAMESPACE}}}edge", source=_xml_text(source), target=_xml_text(target)
    )
    _data(edge, "edge", data)


def _data(element: ElementTree.Element, domain: str, data: dict[str, str]) -> None:
    for name, value in data.items():
        if value:
            ElementTree.SubElement(element, f"{{{NAMESPACE}}}data", key=f"{domain}_{name}").text = _xml_text(
                value
            )


register(
    Interchange(
        name="graphml",
        description="GraphML for yEd, Gephi and other graph editors",
        suffixes=(".graphml",),
        write=write,
        keeps="statements and inferences as nodes (kind, text, label, likelihood, confidence, group, "
        "scheme); premise, conclusion and conflict edges (kind, strength); export only",
    )
)
