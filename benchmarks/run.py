"""Time argmap's commands at every size, as whole processes and stage by stage; print a Markdown table.

Run: .venv/bin/python benchmarks/run.py [--sizes 100,1000,10000] [--repeat 3] [--argdown PROGRAM]

For each size, a map is generated (:mod:`generate`: mixed kinds, co-premises,
conflicts of every kind, groups, a source with quotes, ACH ratings) in
``benchmarks/out/``, and

- **whole commands** are run as separate processes (the median of
  ``--repeat`` runs; wall time, CPU time and peak memory of the process, from
  ``wait4``): ``check``, ``evaluate``, ``render -f dot``, ``render -f svg``
  (up to 2,000 statements; beside it bare ``dot -Tsvg`` on argmap's own DOT,
  with the ratio), and once ``argmap --help``;
- **stages** are timed in this process: load, graph, labelling, the reason
  of every statement, each family of check rules, DOT;
- the **growth** column is the ratio to the size ten times smaller (10 for
  linear growth);
- **ACH**: ``ach -f json`` (scores and sensitivity) on matrices of 10 × 100
  and 50 × 5,000, and the scoring and sensitivity stage in-process;
- **Argdown** (when its command-line tool is found: ``--argdown PROGRAM``,
  or ``npm install @argdown/cli`` into ``/tmp/argmap-argdown-cli``, which the
  tests use): the map of 1,000 claims and 1,000 arguments written as Argdown
  (``argmap export argdown``), and Argdown's ``argdown map --format dot`` timed
  against ``argmap render -f dot`` on the same map.

The sources' sentence splits are cached on disk (``ARGMAP_CACHE_DIR``); every
``check`` here runs once before it is timed, so the times are those of an
analyst checking again after an edit (the first check of a long new source
pays for pysbd, noted under the table).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
ARGMAP = (
    [sys.executable, "-m", "argmap.cli"]
    if not (ROOT / ".venv/bin/argmap").exists()
    else [str(ROOT / ".venv/bin/argmap")]
)
ARGDOWN_SCRATCH = Path("/tmp/argmap-argdown-cli/node_modules/.bin/argdown")


def run_process(command: list[str], repeat: int, cwd: Path = OUT) -> tuple[float, float, float]:
    """Median wall seconds, median CPU seconds and largest peak memory (MiB) of ``repeat`` runs."""
    walls, cpus, peaks = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: findings, which a generated map has
            raise SystemExit(f"{' '.join(command)} failed with status {os.waitstatus_to_exitcode(status)}")
    return statistics.median(walls), statistics.median(cpus), max(peaks)


def stages(path: Path) -> dict[str, float]:
    """Seconds of each stage of checking and drawing one map, in this process."""
    from argmap import Analysis, load_map
    from argmap.checks import RULES
    from argmap.render import build_dot

    timed: dict[str, float] = {}
    gc.disable()  # as the command line runs (argmap.cli._Commands)

    def clock(name: str, work: Callable[[], object]) -> object:
        start = time.perf_counter()
        result = work()
        timed[name] = timed.get(name, 0.0) + time.perf_counter() - start
        return result

    loaded = clock("load", lambda: load_map(path))
    analysis = Analysis(loaded)
    graph = clock("graph", lambda: analysis.graph)
    labelling = clock("labelling", lambda: analysis.labelling)
    clock("reasons", lambda: [str(labelling.reason(sid)) for sid in graph.statements])
    rules = RULES.values() if isinstance(RULES, dict) else RULES
    for rule in rules:
        clock(f"rules {rule.code[0]}", lambda rule=rule: list(rule.run(analysis)))
    clock("DOT", lambda: build_dot(graph, labels=labelling.labels))
    gc.enable()
    return timed


def ach_stage(path: Path) -> float:
    """Seconds to score a matrix and summarise it (sensitivity tests included), in this process."""
    from argmap import Analysis, load_map

    gc.disable()  # as the command line runs
    analysis = Analysis(load_map(path))
    start = time.perf_counter()
    result = analysis.ach()
    result.summary  # noqa: B018 (the sensitivity tests, the smallest change, every profile's top)
    elapsed = time.perf_counter() - start
    gc.enable()
    return elapsed


def argdown_program(given: str | None) -> Path | None:
    """Argdown's command-line tool, if it is there."""
    if given:
        return Path(given)
    if ARGDOWN_SCRATCH.exists():
        return ARGDOWN_SCRATCH
    found = shutil.which("argdown")
    return Path(found) if found else None


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def growth(values: dict[int, float], size: int) -> str:
    """The ratio to the size ten times smaller, if measured."""
    smaller = values.get(size // 10)
    return f"{values[size] / smaller:.1f}×" if smaller else "–"


def generated(size: str, *options: str) -> Path:
    """Generate a map (:mod:`generate`) in a child process; return its path.

    This process stays small (see :func:`in_child`).
    """
    done = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "generate.py"), size, str(OUT), *options],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(done.stdout.strip())


def in_child(stage: str, path: Path) -> Any:
    """Run the in-process timing ``stage`` (:func:`stages` or :func:`ach_stage`) on ``path`` in a child.

    This process stays small, so the peak memory of each command it starts
    is the command's own: a child's peak counts its parent's memory from
    before it starts the program (Linux keeps the high-water mark across
    ``exec``), so a parent that had loaded a large map made a small command
    look large.
    """
    done = subprocess.run(
        [sys.executable, __file__, "--in-child", stage, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    )
    return json.loads(done.stdout)


def _positive(text: str) -> int:
    if not (text.isascii() and text.isdigit() and int(text) > 0):
        raise argparse.ArgumentTypeError(f"not a whole number of 1 or more: {text!r}")
    return int(text)


def _sizes(text: str) -> list[int]:
    sizes = [_positive(part.strip()) for part in text.split(",")]
    if any(size < 20 for size in sizes):  # generate.MIN_SIZE
        raise argparse.ArgumentTypeError("every size is at least 20 statements")
    return sizes


def main() -> None:
    if sys.argv[1:2] == ["--in-child"]:
        stage, path = sys.argv[2], Path(sys.argv[3])
        print(json.dumps({"stages": stages, "ach_stage": ach_stage}[stage](path)))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=_sizes, default="100,1000,10000", help="statements, comma-separated")
    parser.add_argument("--repeat", type=_positive, default=3, help="runs of each command (median shown)")
    parser.add_argument("--argdown", help="Argdown's command-line program")
    options = parser.parse_args()
    sizes = options.sizes
    OUT.mkdir(exist_ok=True)
    os.environ.setdefault("ARGMAP_CACHE_DIR", str(OUT / "cache"))
    os.environ.setdefault("ARGMAP_MAX_MAP_MB", "64")  # 100,000 statements are about 25 MB
    report = [
        f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores, median of {options.repeat} runs.\n"
    ]

    help_wall, help_cpu, _ = run_process([*ARGMAP, "--help"], options.repeat)
    report.append(f"`argmap --help`: {help_wall:.2f} s wall, {help_cpu:.2f} s CPU.\n")

    commands = {
        "check": ["check"],
        "evaluate": ["evaluate"],
        "render -f dot": ["render", "-f", "dot", "-o", "-"],
    }
    whole: dict[str, dict[int, tuple[float, float, float]]] = {name: {} for name in commands}
    staged: dict[int, dict[str, float]] = {}
    for size in sizes:
        path = generated(str(size))
        run_process([*ARGMAP, "check", path.name], 1)  # fills the sentence-split cache
        for name, arguments in commands.items():
            whole[name][size] = run_process([*ARGMAP, *arguments, path.name], options.repeat)
        staged[size] = in_child("stages", path)

    rows = []
    for name, by_size in whole.items():
        walls = {size: value[0] for size, value in by_size.items()}
        for size, (wall, cpu, peak) in by_size.items():
            rows.append(
                [f"`{name}`", f"{size:,}", f"{wall:.2f}", f"{cpu:.2f}", f"{peak:.0f}", growth(walls, size)]
            )
    report.append("### Whole commands\n")
    report.append(table(["command", "statements", "wall s", "CPU s", "peak MiB", "growth ×10"], rows) + "\n")

    names = sorted(
        {name for timed in staged.values() for name in timed}, key=lambda n: (n.startswith("rules"), n)
    )
    rows = []
    for name in names:
        values = {size: staged[size].get(name, 0.0) for size in sizes}
        rows.append([name, *(f"{values[size]:.3f}" for size in sizes), growth(values, sizes[-1])])
    report.append("### Stages in one process (seconds)\n")
    report.append(table(["stage", *(f"{size:,}" for size in sizes), "growth ×10 (largest)"], rows) + "\n")

    report.append(svg_against_dot(options.repeat))
    report.append(ach_section(options.repeat))
    report.append(argdown_section(argdown_program(options.argdown), options.repeat))
    print("\n".join(report))


def svg_against_dot(repeat: int) -> str:
    """``argmap render -f svg`` against bare ``dot -Tsvg`` on the same DOT, at 100 and 2,000 statements."""
    rows = []
    for size in (100, 2000):
        path = generated(str(size), "--flat")
        dot_file = OUT / f"{path.stem}.dot"
        subprocess.run(
            [*ARGMAP, "render", path.name, "-f", "dot", "-o", dot_file.name],
            cwd=OUT,
            check=False,
            stdout=subprocess.DEVNULL,
        )
        argmap_wall = run_process(
            [*ARGMAP, "render", path.name, "-f", "svg", "-o", f"{path.stem}.svg"], repeat
        )[0]
        dot_wall = run_process(["dot", "-Tsvg", dot_file.name, "-o", f"{path.stem}-bare.svg"], repeat)[0]
        rows.append([f"{size:,}", f"{argmap_wall:.2f}", f"{dot_wall:.2f}", f"{argmap_wall / dot_wall:.2f}×"])
    return (
        "### SVG: `argmap render -f svg` against bare `dot -Tsvg`\n\n"
        + table(["statements", "argmap s", "dot s", "ratio"], rows)
        + "\n"
    )


def ach_section(repeat: int) -> str:
    """``argmap ach`` (scores and sensitivity) on 10 × 100 and 50 × 5,000 matrices."""
    rows = []
    for hypotheses, evidence, tied in ((10, 100, False), (50, 5000, False), (50, 5000, True)):
        path = generated(f"{hypotheses}x{evidence}", *(["--tied"] if tied else []))
        wall, cpu, peak = run_process([*ARGMAP, "ach", path.name, "-f", "json", "-o", "-"], repeat)
        rows.append(
            [
                f"{hypotheses} × {evidence:,}" + (" (all tied: worst case)" if tied else ""),
                f"{wall:.2f}",
                f"{cpu:.2f}",
                f"{peak:.0f}",
                f"{in_child('ach_stage', path):.3f}",
            ]
        )
    return (
        "### ACH with sensitivity\n\n"
        + table(
            [
                "matrix",
                "`ach -f json` wall s",
                "CPU s",
                "peak MiB",
                "scoring + sensitivity + summary s (in process)",
            ],
            rows,
        )
        + "\n"
    )


def argdown_section(program: Path | None, repeat: int) -> str:
    """Argdown's DOT against argmap's on one map of 1,000 claims and 1,000 arguments."""
    if program is None:
        return "### Argdown\n\nArgdown's command-line tool not found (`--argdown PROGRAM`): not compared.\n"
    path = generated("2000", "--flat")
    argdown = OUT / f"{path.stem}.argdown"
    subprocess.run(
        [*ARGMAP, "export", "argdown", path.name, "-o", argdown.name],
        cwd=OUT,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    ours = run_process([*ARGMAP, "render", path.name, "-f", "dot", "-o", "-"], repeat)[0]
    theirs = run_process([str(program), "map", argdown.name, "argdown-out", "--format", "dot"], repeat)[0]
    return (
        "### Argdown: DOT of one map of 2,000 statements\n\n"
        + table(
            ["argmap s", "Argdown s", "argmap faster by"],
            [[f"{ours:.2f}", f"{theirs:.2f}", f"{theirs / ours:.2f}×"]],
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
