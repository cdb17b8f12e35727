"""Argdown's JSON export (``argdown json FILE``) read as a map.

Argdown's parser writes ``statements`` (equivalence classes by title, each
with its members), ``arguments`` (by title, with a premise-conclusion
structure ``pcs`` where the document gives one), ``relations`` and
``sections``. This reader makes of it:

- a statement per equivalence class, its id the title (characters a map id
  may not hold become ``_``), its text that of the first member that has
  one with its ``#tags`` taken out; a tag naming a kind (``#evidence``,
  ``#assumption``, ``#hypothesis``, ``#claim``) gives the kind, and
  ``#key-judgment`` marks a key judgment;
- per argument with a premise-conclusion structure, an inference per step:
  the premises (and the conclusion of the step before) to each intermediary
  or main conclusion, the inference rule named on its line as the scheme;
  an argument written as ``<X to Y>`` with one premise X and conclusion Y
  (as argmap's own export writes ``X: {supports: Y}``) goes back to shorthand;
- support relations between statements as inferences, attacks as rebuttals
  (or underminings, where the target is a premise), undercuts as undercuts,
  contrary and contradictory statements as two rebuttals, each way;
- each section as a group of the statements first defined in it.

What it cannot carry (arguments without a premise-conclusion structure,
attacks on a whole argument, relations naming something that is not there)
is dropped or mapped and counted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argmap.interop import Imported, Interchange, InterchangeError, MapIds, Note, as_list, read_json, register
from argmap.model import shorthand_inference_id

KINDS = ("claim", "evidence", "assumption", "hypothesis")
"""Tags that name a statement kind."""


def read(data: bytes, file: Path) -> Imported:
    """Argdown's JSON as a map document.

    Raises:
        InterchangeError: not JSON, not the shape Argdown writes, or no statement.
    """
    notes: list[Note] = []
    document = read_json(data, file, notes)
    if not isinstance(document, dict) or not isinstance(document.get("statements"), dict):
        raise InterchangeError(file, "not Argdown JSON: expected an object with a 'statements' object")
    reading = _Reading(Imported({"map": {"title": f"Imported from {file.name}"}}, notes))
    reading.statements_of(document["statements"])
    if not reading.statements:
        raise InterchangeError(file, "no statement to import")
    arguments = document.get("arguments") if isinstance(document.get("arguments"), dict) else {}
    reading.arguments_of(arguments)
    relations = document.get("relations") if isinstance(document.get("relations"), list) else []
    reading.relations_of(relations, arguments)
    reading.groups_of(document.get("sections") if isinstance(document.get("sections"), list) else [])
    return reading.finish()


class _Reading:
    def __init__(self, imported: Imported) -> None:
        self.imported = imported
        self.map_id = MapIds()
        self.ids = self.map_id.of
        self.statements: dict[str, dict[str, Any]] = {}
        self.sections: dict[str, str] = {}
        self.inferences: dict[str, dict[str, Any]] = {}
        self.by_argument: dict[str, list[str]] = {}
        self.conflicts: dict[str, dict[str, Any]] = {}

    def fresh(self, prefix: str) -> str:
        """An id for a generated inference or conflict that no statement, inference or conflict has."""
        taken = self.map_id.taken | set(self.inferences) | set(self.conflicts)
        number = 1
        while f"{prefix}{number}" in taken:
            number += 1
        return f"{prefix}{number}"

    def statements_of(self, classes: dict[str, Any]) -> None:
        untexted = 0
        for title, entry in classes.items():
            members = as_list(entry.get("members") if isinstance(entry, dict) else None)
            members = [m for m in members if isinstance(m, dict)]
            defining = next(
                (m for m in members if isinstance(m.get("text"), str) and m["text"].strip()), None
            )
            tags = [t for m in members for t in as_list(m.get("tags")) if isinstance(t, str)]
            text = _untagged(defining) if defining else ""
            untexted += not text
            statement: dict[str, Any] = {
                "kind": next((t for t in tags if t in KINDS), "claim"),
                "text": text or f"(statement {title} has no text)",
            }
            if "key-judgment" in tags:
                statement["key"] = True
            self.statements[self.map_id(str(title))] = statement
            section = next(
                (m.get("section") for m in members if m.get("isTopLevel") and m.get("section")), None
            )
            if section:
                self.sections[self.ids[str(title)]] = str(section)
        self.imported.note(
            "statement with no text (or none that is text), given a placeholder text", untexted
        )

    def arguments_of(self, arguments: dict[str, Any]) -> None:
        described = 0
        for title, argument in arguments.items():
            pcs = argument.get("pcs") if isinstance(argument, dict) else None
            if not isinstance(pcs, list) or not pcs:
                described += 1
                continue
            self._steps(str(title), [p for p in pcs if isinstance(p, dict)])
        self.imported.note("argument without a premise-conclusion structure, left out", described)

    def _steps(self, title: str, pcs: list[dict[str, Any]]) -> None:
        premises: list[str] = []
        steps: list[str] = []
        for item in pcs:
            sid = self.ids.get(str(item.get("title")))
            if sid is None:
                continue
            if item.get("role") in ("intermediary-conclusion", "main-conclusion") and premises:
                iid = self.map_id(
                    title if item.get("role") == "main-conclusion" else f"{title}.{len(steps) + 1}"
                )
                inference: dict[str, Any] = {"premises": list(dict.fromkeys(premises)), "conclusion": sid}
                rules = (
                    (item.get("inference") or {}).get("inferenceRules")
                    if isinstance(item.get("inference"), dict)
                    else None
                )
                if isinstance(rules, list) and rules and isinstance(rules[0], str) and rules[0].strip():
                    inference["scheme"] = rules[0].strip()
                self.inferences[iid] = inference
                steps.append(iid)
                premises = [sid]
            else:
                premises.append(sid)
        self.by_argument[title] = steps

    def relations_of(self, relations: list[Any], arguments: dict[str, Any]) -> None:
        premises = {p for inference in self.inferences.values() for p in inference["premises"]}
        premises -= {inference["conclusion"] for inference in self.inferences.values()}  # a claim too: rebut
        dropped = on_argument = mutual = 0
        for relation in relations:
            if not isinstance(relation, dict):
                dropped += 1
                continue
            kind, start, end = (
                relation.get("relationType"),
                str(relation.get("from")),
                str(relation.get("to")),
            )
            attacker = self.ids.get(start)
            if kind == "undercut" and attacker and self.by_argument.get(end):
                target = self.by_argument[end][-1]
                self.conflicts[self.fresh("undercut")] = {
                    "kind": "undercut",
                    "attacker": attacker,
                    "target": target,
                }
            elif kind in ("attack", "contrary", "contradictory") and attacker and end in self.ids:
                target = self.ids[end]
                conflict_kind = "undermine" if target in premises else "rebut"
                self.conflicts[self.fresh("attack")] = {
                    "kind": conflict_kind,
                    "attacker": attacker,
                    "target": target,
                }
                if kind != "attack":
                    self.conflicts[self.fresh("attack")] = {
                        "kind": "rebut",
                        "attacker": target,
                        "target": attacker,
                    }
                    mutual += 1
            elif kind == "attack" and attacker and self.by_argument.get(end):
                self.conflicts[self.fresh("undercut")] = {
                    "kind": "undercut",
                    "attacker": attacker,
                    "target": self.by_argument[end][-1],
                }
                on_argument += 1
            elif kind in ("support", "entails") and attacker and end in self.ids:
                self.inferences[self.fresh("support")] = {"premises": [attacker], "conclusion": self.ids[end]}
            else:
                dropped += 1
        self.imported.note("relation naming no statement or argument with a structure, dropped", dropped)
        self.imported.note("attack on a whole argument taken as an undercut of its last step", on_argument)
        self.imported.note("contrary or contradictory pair taken as two rebuttals", mutual)

    def groups_of(self, sections: list[Any]) -> None:
        titles = {
            str(s.get("id")): str(s.get("title") or s.get("id")) for s in sections if isinstance(s, dict)
        }
        groups: dict[str, dict[str, Any]] = {}
        for sid, section in self.sections.items():
            gid = self.map_id(f"G_{section}")
            groups.setdefault(gid, {"label": titles.get(section, section), "members": []})["members"].append(
                sid
            )
        if groups:
            self.imported.document["groups"] = groups

    def finish(self) -> Imported:
        for iid, inference in list(self.inferences.items()):
            premises, conclusion = inference["premises"], inference["conclusion"]
            title = next((t for t, mid in self.ids.items() if mid == iid), iid)
            plain = set(inference) == {"premises", "conclusion"} and len(premises) == 1
            if plain and title.replace(" to ", "->") == shorthand_inference_id(premises[0], conclusion):
                self.statements[premises[0]].setdefault("supports", []).append(conclusion)
                del self.inferences[iid]
        document = self.imported.document
        document["statements"] = self.statements
        if self.inferences:
            document["inferences"] = self.inferences
        if self.conflicts:
            document["conflicts"] = self.conflicts
        return self.imported


def _untagged(member: dict[str, Any]) -> str:
    """The member's text without its tags (cut at the ranges Argdown marks as tags, not every ``#``)."""
    text = str(member.get("text") or "")
    ranges = [
        (r["start"], r["stop"])
        for r in as_list(member.get("ranges"))
        if isinstance(r, dict)
        and r.get("type") == "tag"
        and _offset(r.get("start"))
        and _offset(r.get("stop"))
    ]
    for start, stop in sorted(ranges, reverse=True):
        if start <= stop < len(text) + 1:
            text = text[:start] + text[stop + 1 :]
    return " ".join(text.split())


def _offset(value: Any) -> bool:
    """Whether a range's end is an offset (an integer from 0; a boolean is none)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


register(
    Interchange(
        name="argdown-json",
        description="Argdown's JSON export (argdown json FILE)",
        suffixes=(".json",),
        read=read,
        keeps="statements (kind and key judgment from tags), premise-conclusion arguments as inferences "
        "(one a step, inference rule as scheme), support, attack, undercut, contrary relations, "
        "sections as groups; import only",
    )
)
