"""Time labelling with every reason on one long cycle: a support circle and an attack cycle.

Run: .venv/bin/python benchmarks/label_cycles.py [SIZES...]
Two maps per size, every node UNDEC: a circle of support under burden of
proof (statement C{n} supports C{n+1} through a one-premise inference, the
last supports C0) and a cycle of attacks (C{n} rebuts C{n+1}, the last
rebuts C0; an even length keeps every node UNDEC). The map is built as a
model (no YAML), so the time is the evaluation's: building the argument
graph, labelling it and working out the reason of every statement, as
``argmap evaluate`` prints them. The growth column is the ratio to the
previous size (2 for linear growth when sizes double).

Before the reasons were worked out once for the whole UNDEC region, 2,000
nodes took 270 s (support circle) and 116 s (attack cycle).
"""

import gc
import sys
import time

from argmap.evaluate import evaluate
from argmap.graph import ArgumentGraph
from argmap.model import ArgumentMap, Conflict, Inference, MapInfo, Statement


def support_circle(size: int) -> ArgumentMap:
    """``size`` claims under burden of proof, each supporting the next, the last the first."""
    statements = {f"C{n}": Statement(kind="claim", text=f"statement {n}") for n in range(size)}
    inferences = {
        f"I{n}": Inference(premises=[f"C{n}"], conclusion=f"C{(n + 1) % size}") for n in range(size)
    }
    info = MapInfo(title="support circle", burden_of_proof=True)
    return ArgumentMap(map=info, statements=statements, inferences=inferences)


def attack_cycle(size: int) -> ArgumentMap:
    """``size`` claims, each rebutting the next, the last the first."""
    statements = {f"C{n}": Statement(kind="claim", text=f"statement {n}") for n in range(size)}
    conflicts = {
        f"R{n}": Conflict(kind="rebut", attacker=f"C{n}", target=f"C{(n + 1) % size}") for n in range(size)
    }
    return ArgumentMap(map=MapInfo(title="attack cycle"), statements=statements, conflicts=conflicts)


def label_with_reasons(model: ArgumentMap) -> float:
    """Seconds to build the graph, label it and give every statement's reason as text."""
    gc.collect()  # not to time a full collection of what building the model left behind
    start = time.perf_counter()
    graph = ArgumentGraph(model)
    labelling = evaluate(graph)
    for sid in graph.statements:
        str(labelling.reason(sid))
    return time.perf_counter() - start


def main(sizes: list[int]) -> None:
    print(f"{'nodes':>7} {'support circle s':>17} {'growth':>7} {'attack cycle s':>15} {'growth':>7}")
    previous: tuple[float, float] | None = None
    for size in sizes:
        times = (label_with_reasons(support_circle(size)), label_with_reasons(attack_cycle(size)))
        growth = ["      -"] * 2
        if previous:
            growth = [f"{now / before:7.1f}" for now, before in zip(times, previous, strict=True)]
        print(f"{size:>7} {times[0]:17.3f} {growth[0]} {times[1]:15.3f} {growth[1]}")
        previous = times


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [500, 1_000, 2_000])
