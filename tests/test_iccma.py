"""Abstract frameworks against outside reference answers (ASPARTIX test suite)."""

import multiprocessing
import os
import re
import time
from pathlib import Path

import clingo
import pytest

from argmap.errors import MapError
from argmap.iccma import (
    _START_METHOD,
    AbstractFramework,
    Semantics,
    SolverFailed,
    SolverTimeout,
    acceptance,
    answer,
    extensions,
    read_framework,
)

CASES = Path(__file__).parent / "cases" / "af"
INSTANCES = sorted(path.stem for path in CASES.glob("*.apx"))
TASKS = {
    "SE-GR": Semantics.GROUNDED,
    "EE-CO": Semantics.COMPLETE,
    "EE-PR": Semantics.PREFERRED,
    "EE-ST": Semantics.STABLE,
}


def reference(instance: str, task: str) -> set[frozenset[str]]:
    text = (CASES / f"{instance}.{task}").read_text(encoding="utf-8").strip()
    if task.startswith("SE"):
        return {frozenset(re.findall(r"[^\[\],\s]+", text))}
    return {frozenset(re.findall(r"[^\[\],\s]+", group)) for group in re.findall(r"\[([^\[\]]*)\]", text)}


def test_every_instance_has_all_four_answers() -> None:
    assert len(INSTANCES) == 5
    for instance in INSTANCES:
        for task in TASKS:
            assert (CASES / f"{instance}.{task}").exists()


@pytest.mark.parametrize("task", list(TASKS))
@pytest.mark.parametrize("instance", INSTANCES)
def test_extensions_match_the_reference(instance: str, task: str) -> None:
    framework = read_framework(CASES / f"{instance}.apx")
    found = {frozenset(extension) for extension in extensions(framework, TASKS[task])}
    expected = reference(instance, task)
    if task.startswith("EE") and (CASES / f"{instance}.{task}").read_text().strip() == "[]":
        expected = set()  # under an enumeration task, [] means no extension
    assert found == expected


def test_formats_read_alike(tmp_path: Path) -> None:
    (tmp_path / "a.tgf").write_text("1\n2\n3\n#\n1 2\n2 3\n", encoding="utf-8")
    (tmp_path / "a.af").write_text("p af 3\n# comment\n1 2\n2 3\n", encoding="utf-8")
    tgf = read_framework(tmp_path / "a.tgf")
    numeric = read_framework(tmp_path / "a.af")
    assert tgf == numeric
    assert answer(extensions(tgf, Semantics.GROUNDED), single=True) == "[1,3]"
    assert answer(extensions(tgf, Semantics.PREFERRED)) == "[[1,3]]"


def test_solver_time_limit_is_a_clear_refusal(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from argmap.cli import main

    # 40 independent even cycles: 2^40 preferred extensions, far more than 0.3 s allows.
    lines = [f"arg(a{n}).\narg(b{n}).\natt(a{n},b{n}).\natt(b{n},a{n}).\n" for n in range(40)]
    path = tmp_path / "hard.apx"
    path.write_text("".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(path), "--semantics", "PR", "--seconds", "0.3"])
    assert result.exit_code == 2
    assert "clingo did not finish preferred within 0.3 s" in result.output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.af", b"1 2\n", "x.af:1:1: error: expected 'p af N' first"),
        ("e.apx", b"", "e.apx:1:1: error: the file holds no framework"),
        ("u.apx", b"arg(a).\natt(a,zz).\n", "u.apx:2:7: error: attack names 'zz', which is not an argument"),
        ("n.apx", b"arg(\xe9).\n", "n.apx:1:5: error: cannot read the framework: it is not UTF-8"),
    ],
)
def test_bad_framework_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    from click.testing import CliRunner

    from argmap.cli import main

    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["evaluate", str(path)])
    assert result.exit_code == 2
    assert f"{tmp_path}/{message}" in result.output


def test_a_huge_declared_framework_is_refused_before_it_is_built(tmp_path: Path) -> None:
    path = tmp_path / "huge.af"
    path.write_text("p af 99999999999\n", encoding="utf-8")
    expected = r"99,999,999,999 arguments; argmap takes frameworks of at most 2,000,000 \(set ARGMAP_MAX_ARG"
    with pytest.raises(MapError, match=expected):
        read_framework(path)


def test_framework_suffixes_in_any_case(tmp_path: Path) -> None:
    from argmap.app import is_framework

    assert is_framework(Path("S.APX")) and is_framework(Path("x.Af")) and not is_framework(Path("m.yaml"))


@pytest.mark.parametrize("suffix", [".af", ".i23"])
@pytest.mark.parametrize("semantics", ["GR", "PR"])
@pytest.mark.parametrize(
    ("content", "where", "word"),
    [
        ("p af 2\n01 2\n", "2:1", "01"),
        ("p af 2\n1 02\n", "2:3", "02"),
        ("p af 2\n１ 2\n", "2:1", "１"),  # full-width digit one
        ("p af 2\n1 ١٢\n", "2:3", "١٢"),  # Arabic-Indic twelve
        ("p af 2\n0 1\n", "2:1", "0"),
        ("p af 2\n1  3\n", "2:4", "3"),
    ],
)
def test_numeric_arguments_are_canonical_ascii_numerals(
    tmp_path: Path, suffix: str, semantics: str, content: str, where: str, word: str
) -> None:
    # A leading zero or another script's digits used to crash grounded labelling
    # (KeyError) and be silently dropped by the solver: one file, two answers.
    from click.testing import CliRunner

    from argmap.cli import main

    path = tmp_path / f"a{suffix}"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(path), "--semantics", semantics])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    expected = (
        f"{path}:{where}: error: '{word}' is not an argument: arguments are numbered 1 to 2, "
        "in ASCII digits without leading zeros"
    )
    assert expected in result.output


@pytest.mark.parametrize("count", ["02", "２", "٢"])
def test_the_declared_count_is_a_canonical_ascii_numeral(tmp_path: Path, count: str) -> None:
    path = tmp_path / "c.af"
    path.write_text(f"p af {count}\n1 2\n", encoding="utf-8")
    with pytest.raises(MapError, match=f"c.af:1:6: error: '{count}' is not a number of arguments"):
        read_framework(path)


def test_an_argument_of_thousands_of_digits_is_refused_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "long.af"
    path.write_text(f"p af 2\n1 {'9' * 5000}\n", encoding="utf-8")
    with pytest.raises(MapError, match=r"long\.af:2:3: error: '9999"):
        read_framework(path)


def test_comment_lines_of_the_numeric_format(tmp_path: Path) -> None:
    path = tmp_path / "c.i23"
    path.write_text("# a framework\np af 3\n#no space\n1 2\n  # indented\n2 3\n", encoding="utf-8")
    assert read_framework(path).attacks == (("1", "2"), ("2", "3"))


# A framework large enough to ground for long is slow to build; a grounding that never ends stands in for it.
needs_fork = pytest.mark.skipif(
    _START_METHOD != "fork", reason="the patched clingo reaches the solver by fork"
)
TWO_CYCLE = AbstractFramework(("a", "b"), (("a", "b"), ("b", "a")))


@needs_fork
def test_the_time_limit_bounds_grounding_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # clingo's grounding cannot be interrupted; --seconds used to bound only the search,
    # so a 300,000-argument framework took 14 s with --seconds 1.
    monkeypatch.setattr(clingo.Control, "ground", lambda *args, **kwargs: time.sleep(600))
    with pytest.raises(
        SolverTimeout, match=r"did not finish preferred within 0\.2 s \(grounding and search\)"
    ):
        extensions(TWO_CYCLE, Semantics.PREFERRED, seconds=0.2)
    assert multiprocessing.active_children() == []  # the solver's process is gone


@needs_fork
def test_a_failing_solver_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(clingo.Control, "ground", fail)
    with pytest.raises(SolverFailed, match="clingo failed: boom"):
        extensions(TWO_CYCLE, Semantics.STABLE)


@needs_fork
def test_a_solver_that_dies_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clingo.Control, "ground", lambda *args, **kwargs: os._exit(9))
    with pytest.raises(SolverFailed, match=r"clingo stopped without an answer \(exit status 9\)"):
        extensions(TWO_CYCLE, Semantics.COMPLETE)


def test_the_seconds_option_says_what_it_bounds() -> None:
    from click.testing import CliRunner

    from argmap.cli import main

    help_text = " ".join(CliRunner().invoke(main, ["evaluate", "--help"]).output.split())
    assert "it bounds clingo's grounding and search together" in help_text


def test_extensions_of_an_empty_framework() -> None:
    empty = AbstractFramework((), ())
    assert [extensions(empty, semantics) for semantics in Semantics] == [[[]]] * 4


def test_with_no_stable_extension_nothing_is_marked_accepted() -> None:
    # argmap's convention, which the CLI states: the usual one would make every argument
    # sceptically accepted, vacuously.
    odd = AbstractFramework(("a", "b", "c"), (("a", "b"), ("b", "c"), ("c", "a")))
    result = acceptance(odd, Semantics.STABLE)
    assert (result.extensions, result.credulous, result.sceptical) == ([], set(), set())


def test_a_framework_file_may_start_with_a_byte_order_mark(tmp_path) -> None:
    from argmap.iccma import read_framework

    path = tmp_path / "f.apx"
    path.write_bytes("\ufeffarg(a).\narg(b).\natt(a,b).\n".encode())
    assert read_framework(path).arguments == ("a", "b")
