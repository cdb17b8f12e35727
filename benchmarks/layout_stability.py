"""How much the showcase's diagram moves when one statement is added.

Run: .venv/bin/python benchmarks/layout_stability.py [MAP] [--limit N]

For each statement of the map (or the first N), the map is drawn again with
one new evidence item attached there (it supports the statement), and every
other node of the new drawing is compared with the old: does it change
column (the ranks of the left-to-right layout), change its order within the
column, and how far does it move (in points). Places are measured from the
drawing's top right corner: the key judgments stand at the right and a reader
starts at the top, and a drawing that only grows to the left or downwards has
not moved for them. Columns are counted from the right. Printed as a Markdown table,
one row a statement, and a summary with the target the README states:

- no node changes column;
- the median movement, over every node of every trial, is under 20 points.

Exit status 1 when the target is missed, so the script can gate a change.
Figures depend on the Graphviz version; they are measured, not promised.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from argmap import Analysis, build_dot, load_map_text

ROOT = Path(__file__).resolve().parent.parent
TARGET_MEDIAN_POINTS = 20.0
"""The README's target: the median node moves less than this when one statement is added."""


@dataclass(frozen=True)
class Placed:
    """A node's place in a drawing: its centre in points, its column and its order in the column."""

    x: float
    y: float
    column: int
    order: int


def positions(dot_source: str) -> dict[str, Placed]:
    """Statement nodes of a drawing with their places (``dot -Tjson``)."""
    run = subprocess.run(["dot", "-Tjson"], input=dot_source.encode(), capture_output=True, check=True)
    drawing = json.loads(run.stdout)
    width, height = (float(v) for v in drawing["bb"].split(",")[2:])
    centres = {  # from the top right corner, where the key judgments stand and a reader starts
        item["name"]: (width - float(item["pos"].split(",")[0]), height - float(item["pos"].split(",")[1]))
        for item in drawing.get("objects", [])
        if "pos" in item and item["name"].startswith("statement ")
    }
    columns = sorted({round(x) for x, _ in centres.values()})  # counted from the right
    placed = {}
    for name, (x, y) in centres.items():
        column = columns.index(round(x))
        same = sorted(
            (-other_y, other) for other, (other_x, other_y) in centres.items() if round(other_x) == round(x)
        )
        placed[name] = Placed(x, y, column, [other for _, other in same].index(name))
    return placed


def with_new_statement(text: str, anchor: str) -> str:
    """The map with one new evidence item supporting ``anchor`` (added at the end of the statements)."""
    new = f"  ZNEW1: {{kind: evidence, text: A new item., source: S1, supports: {anchor}}}\n"
    head, rest = text.split("\nstatements:\n", 1)
    return f"{head}\nstatements:\n{new}{rest}"


def dot_of(text: str, path: Path) -> str:
    analysis = Analysis(load_map_text(text, path))
    return build_dot(analysis.graph, labels=analysis.labelling.labels)


def main(arguments: list[str]) -> int:
    limit = None
    if "--limit" in arguments:
        at = arguments.index("--limit")
        limit = int(arguments[at + 1])
        del arguments[at : at + 2]
    path = Path(arguments[0]) if arguments else ROOT / "maps" / "sco-expansion.yaml"
    text = path.read_text(encoding="utf-8")
    before = positions(dot_of(text, path))
    anchors = [name.removeprefix("statement ") for name in sorted(before)][:limit]
    print("| statement | nodes | changed column | changed order | median move (pt) | max move (pt) |")
    print("|---|---:|---:|---:|---:|---:|")
    moves: list[float] = []
    column_changes = 0
    for anchor in anchors:
        after = positions(dot_of(with_new_statement(text, anchor), path))
        common = [name for name in before if name in after]
        moved = [((after[n].x - before[n].x) ** 2 + (after[n].y - before[n].y) ** 2) ** 0.5 for n in common]
        columns = sum(after[n].column != before[n].column for n in common)
        orders = sum(after[n].order != before[n].order for n in common)
        column_changes += columns
        moves.extend(moved)
        print(
            f"| {anchor} | {len(common)} | {columns} | {orders} | "
            f"{statistics.median(moved):.0f} | {max(moved):.0f} |"
        )
    median = statistics.median(moves)
    tenth = statistics.quantiles(moves, n=10)[-1]
    still = sum(move < 1 for move in moves) / len(moves)
    met = column_changes == 0 and median < TARGET_MEDIAN_POINTS
    print()
    print(
        f"{len(anchors)} trials, {len(moves)} node comparisons: {column_changes} column changes; "
        f"{still:.0%} of nodes stay put; movement median {median:.1f} pt, 90th percentile {tenth:.0f} pt, "
        f"largest {max(moves):.0f} pt. Target (no column change, median under "
        f"{TARGET_MEDIAN_POINTS:.0f} pt): {'met' if met else 'missed'}."
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
