"""The bad-input corpus (``tests/corpus/cases.yaml``): each case gets its stated behaviour, safely.

Every case runs its command in a fresh folder holding its input, in this process (click's
runner), under a 60-second alarm. Beyond what the case states, every case must: give no
traceback, leave its input and every other file in the folder as they were, leave no file
behind but the outputs it names (no temporary files), and create nothing called ``PWNED``
(the file a code-running YAML tag would make).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shlex
import shutil
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from argmap.cli import main

CORPUS = Path(__file__).parent / "corpus"
CASES: list[dict[str, Any]] = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
KNOWN_FIELDS = {"class", "input", "make", "run", "exit", "says", "at", "never", "env", "writes", "keeps"}
SECONDS = 60


# --- makers: inputs that cannot be files in the repository ------------------------------------------


def _empty(folder: Path) -> str:
    (folder / "empty.yaml").write_bytes(b"")
    return "empty.yaml"


def _fifty_megabyte_text(folder: Path) -> str:
    with (folder / "fifty.yaml").open("w", encoding="utf-8") as stream:
        stream.write("map: {title: Fifty}\nstatements:\n  C1: {kind: claim, key: true, text: ")
        stream.write("x" * (50 * 1024 * 1024))
        stream.write("}\n")
    return "fifty.yaml"


def _deeper_than_python(folder: Path) -> str:
    (folder / "deeper.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    return "deeper.yaml"


def _outside_secret(folder: Path) -> None:
    outside = folder.parent / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret line was here\n", encoding="utf-8")
    (folder / "link.txt").symlink_to("../outside/secret.txt")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")


def _huge_source(folder: Path) -> None:
    with (folder / "huge.txt").open("w", encoding="utf-8") as stream:
        stream.write("A sentence. " * (17 * 1024 * 1024 // 12 + 1))


def _long_line_source(folder: Path) -> None:
    (folder / "long-line.txt").write_text("word " * 400_000, encoding="utf-8")


def _fifo_map(folder: Path) -> str:
    os.mkfifo(folder / "pipe.yaml")
    return "pipe.yaml"


def _folder_map(folder: Path) -> str:
    (folder / "folder.yaml").mkdir()
    return "folder.yaml"


def _no_map(folder: Path) -> None:
    return None


def _gzip_bomb(folder: Path) -> str:
    (folder / "bomb.json.gz").write_bytes(gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9))
    return "bomb.json.gz"


def _long_aif_text(folder: Path) -> str:
    node = '{"nodeID": "1", "type": "I", "text": "' + "word " * 40_000 + '"}'
    (folder / "long.json").write_text('{"nodes": [' + node + '], "edges": []}\n', encoding="utf-8")
    return "long.json"


def _two_megabyte_aif(folder: Path) -> str:
    node = '{"nodeID": "1", "type": "I", "text": "' + "x" * (2 * 1024 * 1024) + '"}'
    (folder / "big.json").write_text('{"nodes": [' + node + '], "edges": []}\n', encoding="utf-8")
    return "big.json"


def _article_md(folder: Path) -> None:
    (folder / "article.md").write_text("Iran joined in 2023. Belarus joined in 2024.\n", encoding="utf-8")


MAKERS: dict[str, Callable[[Path], str | None]] = {
    "empty": _empty,
    "fifty-megabyte-text": _fifty_megabyte_text,
    "deeper-than-python": _deeper_than_python,
    "outside-secret": _outside_secret,
    "fifo": _fifo,
    "huge-source": _huge_source,
    "long-line-source": _long_line_source,
    "fifo-map": _fifo_map,
    "folder-map": _folder_map,
    "no-map": _no_map,
    "gzip-bomb": _gzip_bomb,
    "long-aif-text": _long_aif_text,
    "two-megabyte-aif": _two_megabyte_aif,
    "article-md": _article_md,
}
"""Makers of inputs built at run time; each returns the input's name, or None if the case names its own."""


# --- running a case ---------------------------------------------------------------------------------


class Hang(Exception):
    """A case ran longer than :data:`SECONDS`."""


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def ring(signum: int, frame: Any) -> None:
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: a file's SHA-256, a link's target, or its kind."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = f"link to {os.readlink(path)}"
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[name] = "folder" if path.is_dir() else "special"
    return found


def case_id(case: dict[str, Any]) -> str:
    source = case.get("input") or case["make"]
    return f"{Path(source).stem}:{case['run'].split()[0]}"


def set_up(case: dict[str, Any], folder: Path) -> str:
    """Build the case's folder; the input's name."""
    name = ""
    if "input" in case:
        source = CORPUS / case["input"]
        shutil.copyfile(source, folder / source.name)
        name = source.name
    if "make" in case:
        name = MAKERS[case["make"]](folder) or name
    return name


def text_of(path: Path) -> str:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        return "\n".join(
            str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value
        )
    return path.read_bytes().decode("utf-8")  # as written: line ends kept


@pytest.mark.parametrize("case", CASES, ids=[case_id(case) for case in CASES])
def test_corpus_case(case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    name = set_up(case, folder)
    before = snapshot(tmp_path)
    monkeypatch.chdir(folder)
    for variable, value in case.get("env", {}).items():
        monkeypatch.setenv(variable, value)
    arguments = shlex.split(case["run"].format(input=name))

    with alarm(SECONDS):
        result = CliRunner().invoke(main, arguments)
    output = result.output

    assert result.exit_code == case["exit"], output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output
    for expected in case.get("says", []):
        assert expected in output
    for unexpected in case.get("never", []):
        assert unexpected not in output
    if "at" in case:
        first = next(line for line in output.splitlines() if name in line)
        assert f"{name}:{case['at']}:" in first, output

    written = {**case.get("writes", {}), **case.get("keeps", {})}
    after = snapshot(tmp_path)
    unwritten = {k: v for k, v in after.items() if k.removeprefix("work/") not in written}
    assert unwritten == {k: v for k, v in before.items() if k.removeprefix("work/") not in written}
    for file, wanted in case.get("writes", {}).items():
        text = text_of(folder / file)
        for expected in wanted:
            assert expected in text
    for file, unwanted in case.get("keeps", {}).items():
        text = text_of(folder / file)
        for expected in unwanted:
            assert expected not in text
    assert not (folder / "PWNED").exists()


# --- the corpus itself ------------------------------------------------------------------------------


def test_every_case_is_well_formed() -> None:
    for case in CASES:
        assert set(case) <= KNOWN_FIELDS, case
        assert {"class", "run", "exit"} <= set(case) and ("input" in case or "make" in case), case
        assert "input" not in case or (CORPUS / case["input"]).is_file(), case
        assert "make" not in case or case["make"] in MAKERS, case


def test_every_corpus_file_is_used() -> None:
    used = {case["input"] for case in CASES if "input" in case}
    files = {str(path.relative_to(CORPUS)) for path in CORPUS.rglob("*") if path.is_file()}
    assert files - {"cases.yaml"} == used


def test_the_corpus_covers_at_least_forty_classes() -> None:
    assert len({case["class"] for case in CASES}) >= 40


def test_excel_cells_hold_formulas_as_text(tmp_path: Path) -> None:
    """A text that starts like a formula is a string cell in the workbook, never a formula."""
    shutil.copyfile(CORPUS / "maps/labels-break-spreadsheet.yaml", tmp_path / "map.yaml")
    result = CliRunner().invoke(
        main, ["ach", str(tmp_path / "map.yaml"), "-f", "xlsx", "-o", str(tmp_path / "a")]
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    texts = [str(cell.value) for cell in cells]
    assert any("=1+1" in text for text in texts)
