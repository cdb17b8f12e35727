"""Time grounded labelling of generated maps of 1,000, 10,000 and 100,000 statements.

Run: .venv/bin/python benchmarks/label_maps.py [SIZES...]
Each map is a support tree (every statement but the root supports its parent
through a one-premise inference, every third one a linked inference with the
next statement) with a rebut from every fifth statement to the one before it
and an undercut from every seventh. The map is built as a model (no YAML), so
the time is the evaluation's: building the argument graph and the framework
and labelling it. The growth column is the ratio to the previous size (10 for
linear growth).
"""

import sys
import time

from argmap.evaluate import evaluate
from argmap.graph import ArgumentGraph
from argmap.model import ArgumentMap, Conflict, Inference, MapInfo, Statement


def generated_map(size: int) -> ArgumentMap:
    """A map of ``size`` statements with about ``size`` inferences and ``size / 3`` conflicts."""
    statements = {"C0": Statement(kind="claim", key=True, text="root")}
    inferences, conflicts = {}, {}
    for number in range(1, size):
        statements[f"C{number}"] = Statement(kind="claim", text=f"statement {number}")
        parent = f"C{(number - 1) // 3}"
        premises = [f"C{number}"] if number % 3 or number + 1 >= size else [f"C{number}", f"C{number + 1}"]
        inferences[f"I{number}"] = Inference(premises=premises, conclusion=parent)
        if number % 5 == 0:
            conflicts[f"R{number}"] = Conflict(kind="rebut", attacker=f"C{number}", target=f"C{number - 1}")
        if number % 7 == 0:
            conflicts[f"U{number}"] = Conflict(
                kind="undercut", attacker=f"C{number}", target=f"I{number - 1}"
            )
    return ArgumentMap(
        map=MapInfo(title="generated"), statements=statements, inferences=inferences, conflicts=conflicts
    )


def main(sizes: list[int]) -> None:
    print(f"{'statements':>10} {'attacks':>8} {'label s':>8} {'growth':>7}")
    previous = None
    for size in sizes:
        model = generated_map(size)
        start = time.perf_counter()
        evaluate(ArgumentGraph(model))
        seconds = time.perf_counter() - start
        growth = f"{seconds / previous:7.1f}" if previous else "      -"
        print(f"{size:>10} {len(model.conflicts):>8} {seconds:8.3f} {growth}")
        previous = seconds


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1_000, 10_000, 100_000])
