"""Abstract frameworks against outside reference answers (ASPARTIX test suite)."""

import re
from pathlib import Path

import pytest

from argmap.errors import MapError
from argmap.iccma import Semantics, answer, extensions, read_framework

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
    with pytest.raises(MapError, match="99999999999 arguments; argmap takes frameworks of at most 2,000,000"):
        read_framework(path)


def test_framework_suffixes_in_any_case(tmp_path: Path) -> None:
    from argmap.app import is_framework

    assert is_framework(Path("S.APX")) and is_framework(Path("x.Af")) and not is_framework(Path("m.yaml"))
