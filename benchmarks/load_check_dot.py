"""Time loading, checking and DOT generation on generated maps of growing size.

Run: .venv/bin/python benchmarks/load_check_dot.py [SIZES...]
Prints seconds per stage and the growth ratio between consecutive sizes
(about 10 for linear growth when sizes grow tenfold).
"""

import sys
import time

from argmap import Analysis, build_dot, load_map_text, run_checks


def generated_map(size: int) -> str:
    """A map of ``size`` statements: a support tree under C0 with a rebut every tenth node."""
    lines = ["map: {title: Generated}", "statements:", "  C0: {kind: claim, key: true, text: Root.}"]
    for number in range(1, size):
        parent = (number - 1) // 3
        extra = f", rebuts: C{number - 1}" if number % 10 == 0 else ""
        lines.append(f"  C{number}: {{kind: claim, text: Statement {number}., supports: C{parent}{extra}}}")
    return "\n".join(lines) + "\n"


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def main(sizes: list[int]) -> None:
    previous = None
    print(f"{'statements':>10} {'load s':>8} {'check s':>8} {'dot s':>8} {'total s':>8} {'growth':>7}")
    for size in sizes:
        text = generated_map(size)
        loaded, load_s = timed(load_map_text, text, "generated.yaml")
        analysis = Analysis(loaded)
        _, check_s = timed(run_checks, analysis)
        _, dot_s = timed(build_dot, analysis.graph)
        total = load_s + check_s + dot_s
        growth = f"{total / previous:7.1f}" if previous else "      -"
        print(f"{size:>10} {load_s:8.3f} {check_s:8.3f} {dot_s:8.3f} {total:8.3f} {growth}")
        previous = total


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100, 1_000, 10_000])
