"""Coverage-guided fuzzing of the map loader and each importer, for a bounded time; prints a Markdown table.

Run: .venv/bin/python benchmarks/fuzz.py [--seconds 600] [--jobs 2] [TARGET ...]

Needs atheris (``pip install -e '.[fuzz]'``). TARGET is one or more of
``loader``, ``aif``, ``argdown-json``, ``kialo`` and ``framework`` (default:
all). Each target runs in its own process under libFuzzer (through atheris)
for ``--seconds``, at most ``--jobs`` at a time, starting from a seed corpus
of the repository's own files (maps, test maps, the cases and the bad-input
corpus) copied to ``benchmarks/out/fuzz/TARGET/corpus``, which grows as the
fuzzer finds new paths and is kept for the next run.

What counts as a finding: any exception but the refusal argmap makes of bad
input (a :class:`~argmap.errors.MapError`, a refused import, a refused
framework), an import whose written map would not load back as what was read
(:class:`~argmap.app.ImportBug`), one input taking longer than ``--timeout``
seconds, or the process growing past 3 GiB. libFuzzer writes the input that
caused it to ``benchmarks/out/fuzz/TARGET/crash-*`` (or ``timeout-*``,
``oom-*``); a finding is fixed and then added to the corpus under
``tests/corpus/``.

The ``loader`` target goes past loading: a map that loads is analysed,
checked by every rule, evaluated, scored for ACH when it has a matrix, and
drawn as DOT, so that fuzzing reaches every stage a real map reaches.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out" / "fuzz"
TARGETS = ("loader", "aif", "argdown-json", "kialo", "framework")
SEEDS = {
    "loader": ["maps/*.yaml", "tests/bad_maps/*.yaml", "tests/corpus/maps/*"],
    "aif": ["tests/cases/aif/*.json", "tests/corpus/aif/*"],
    "argdown-json": ["tests/corpus/argdown-json/*"],
    "kialo": ["tests/corpus/kialo/*"],
    "framework": ["tests/cases/af/*.apx", "tests/corpus/framework/*"],
}
"""Where each target's seed inputs come from, as globs under the repository, besides its own
folder of small valid inputs in ``benchmarks/fuzz_seeds/TARGET/`` (maps of the rule fixtures, their AIF
and Argdown JSON exports, a Kialo export, a framework)."""


def main() -> None:
    """Fuzz the chosen targets and print, per target, the executions, the time and what was found."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=f"{', '.join(TARGETS)} (default: all)")
    parser.add_argument("--seconds", type=_positive, default=600, help="how long each target runs (600)")
    parser.add_argument("--jobs", type=_positive, default=2, help="targets fuzzed at once (2)")
    parser.add_argument("--timeout", type=_positive, default=20, help="seconds one input may take (20)")
    if len(sys.argv) > 1 and sys.argv[1].startswith("--worker="):  # the child: the rest is libFuzzer's
        return _fuzz(sys.argv[1].removeprefix("--worker="), [sys.argv[0], *sys.argv[2:]])
    options = parser.parse_args()
    if not set(options.targets) <= set(TARGETS):
        parser.error(f"unknown target: {' '.join(sorted(set(options.targets) - set(TARGETS)))}")
    try:
        import atheris  # noqa: F401
    except ImportError:
        raise SystemExit("atheris is not installed: .venv/bin/pip install -e '.[fuzz]'") from None
    with ThreadPoolExecutor(options.jobs) as pool:
        rows = list(pool.map(lambda t: _run(t, options.seconds, options.timeout), options.targets or TARGETS))
    print("| target | seconds | executions | per second | corpus | findings |")
    print("|---|---:|---:|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    if any(row[-1] != "none" for row in rows):
        raise SystemExit(1)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be a whole number of at least 1")
    return number


def _run(target: str, seconds: int, timeout: int) -> tuple[str, int, str, str, str, str]:
    """Fuzz one target in a child process; its row of the table."""
    folder = OUT / target
    corpus = folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for pattern in [f"benchmarks/fuzz_seeds/{target}/*", *SEEDS[target]]:
        for seed in ROOT.glob(pattern):
            if seed.is_file() and seed.stat().st_size < 1 << 20:
                shutil.copyfile(seed, corpus / f"seed-{seed.name}")
    before = set(folder.glob("*-*"))
    log = folder / "log.txt"
    started = time.monotonic()
    with log.open("w") as stream:
        subprocess.run(
            [
                sys.executable,
                __file__,
                f"--worker={target}",
                f"-max_total_time={seconds}",
                f"-timeout={timeout}",
                "-max_len=16384",  # the showcase map (85 KB) as a seed would make every input that long
                "-rss_limit_mb=3072",
                "-print_final_stats=1",
                f"-artifact_prefix={folder}/",
                str(corpus),
            ],
            stdout=stream,
            stderr=subprocess.STDOUT,
            cwd=folder,
            check=False,
        )
    elapsed = time.monotonic() - started
    found = sorted(p.name for p in set(folder.glob("*-*")) - before if p.name.split("-")[0] in _KINDS)
    executions = _stat(log.read_text(errors="replace"), "number_of_executed_units")
    if not executions and not found:
        found = [f"did not run: see {log.relative_to(ROOT)}"]
    rate = f"{executions / elapsed:.0f}" if executions else "?"
    size = len(list(corpus.iterdir()))
    return target, round(elapsed), f"{executions:,}", rate, str(size), ", ".join(found) or "none"


_KINDS = ("crash", "timeout", "oom", "leak", "slow")


def _stat(log: str, name: str) -> int:
    match = re.search(rf"stat::{name}:\s*(\d+)", log)
    return int(match.group(1)) if match else 0


# ----------------------------------------------------------------------------- in the worker process


def _fuzz(target: str, argv: list[str]) -> None:
    """Run libFuzzer on one target, with argmap's own modules instrumented for coverage."""
    import atheris

    with atheris.instrument_imports(include=["argmap"]):
        _import_every_module()  # argmap imports most modules on first use, after this block
        one_input = _TARGET_MAKERS[target]()
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


def _import_every_module() -> None:
    import importlib
    import pkgutil

    import argmap

    for module in pkgutil.walk_packages(argmap.__path__, "argmap."):
        if module.name != "argmap.__main__":  # which would run the command line
            importlib.import_module(module.name)


def _loader():
    import gc
    import tempfile

    from argmap import Analysis, MapError, load_map_text, run_checks
    from argmap.app import CommandFailed
    from argmap.files import UnreadableFile, decode_utf8
    from argmap.render import build_dot

    gc.disable()  # as the command line runs; collected by hand below
    folder = Path(tempfile.mkdtemp(prefix="argmap-fuzz-"))
    file = folder / "map.yaml"
    count = 0

    def one_input(data: bytes) -> None:
        nonlocal count
        count += 1
        if count % 200 == 0:
            gc.collect()
        try:
            loaded = load_map_text(decode_utf8(data), file)
        except (MapError, UnreadableFile):
            return
        analysis = Analysis(loaded)
        try:
            run_checks(analysis)
            analysis.labelling  # noqa: B018 (evaluated on first use)
            build_dot(analysis.graph, labels=analysis.labelling.labels)
        except CommandFailed:  # the solver's time limit
            return

    return one_input


def _importer(name: str):
    def make():
        from argmap.app import CommandFailed, ImportBug, convert

        file = Path(f"fuzz.{name}")

        def one_input(data: bytes) -> None:
            try:
                convert(name, data, file, Path("fuzz.yaml"))
            except ImportBug:
                raise
            except CommandFailed:
                return

        return one_input

    return make


def _framework():
    import tempfile

    from argmap.errors import MapError
    from argmap.iccma import read_framework

    folder = Path(tempfile.mkdtemp(prefix="argmap-fuzz-"))

    def one_input(data: bytes) -> None:
        for suffix in (".apx", ".tgf", ".af"):
            path = folder / f"framework{suffix}"
            path.write_bytes(data)
            with contextlib.suppress(MapError):
                read_framework(path)

    return one_input


_TARGET_MAKERS = {
    "loader": _loader,
    "aif": _importer("aif"),
    "argdown-json": _importer("argdown-json"),
    "kialo": _importer("kialo"),
    "framework": _framework,
}

if __name__ == "__main__":
    os.environ.setdefault("ARGMAP_CACHE_DIR", str(OUT / "cache"))
    main()
