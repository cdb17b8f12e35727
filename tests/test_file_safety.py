"""Files are safe: concurrent edits all land, a full disk or a read-only folder keeps the old file,
and an interrupted write (SIGINT, SIGTERM) leaves the old file and no temporary file behind."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import load_map
from argmap.cli import main

MAP = """\
# The map several processes edit at once; this comment must survive them all.
map: {title: Concurrent edits}
statements:
  C1: {kind: claim, text: The SCO enlarges., key: true}
  C2: {kind: claim, text: Members court partners.}  # kept too
  H1: {kind: hypothesis, text: The SCO enlarges by 2030., threshold: A new full member joins.}
  H2: {kind: hypothesis, text: The SCO stays as it is., threshold: No state joins.}
  E1: {kind: evidence, text: Iran joined in 2023., supports: C1}
ach:
  ratings:
    E1: {H1: C, H2: I}
"""


def _start(*arguments: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "argmap", *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def test_several_processes_editing_one_map_lose_no_edit(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    edits = [
        *(("add", str(path), "claim", f"Reason {n}.", "--id", f"C{10 + n}") for n in range(4)),
        ("set", str(path), "C2", "note", "Set by one process."),
        ("set", str(path), "E1", "text", "Iran joined in July 2023."),
        ("rate", str(path), "E1", "H2", "ii"),
        ("link", str(path), "C2", "C1"),
    ]
    children = [_start(*edit) for edit in edits]
    for child, edit in zip(children, edits, strict=True):
        out, err = child.communicate(timeout=180)
        assert child.returncode == 0, (edit, out, err)

    loaded = load_map(path)
    statements = loaded.document.statements
    assert {f"C{10 + n}" for n in range(4)} <= set(statements)
    assert statements["C2"].note == "Set by one process."
    assert statements["E1"].text == "Iran joined in July 2023."
    assert loaded.document.ach.ratings["E1"].cells["H2"] == "II"
    assert "C1" in statements["C2"].supports
    assert "this comment must survive them all" in loaded.text and "# kept too" in loaded.text
    assert [p.name for p in tmp_path.iterdir()] == ["map.yaml"]  # the lock lives in the temporary folder


@pytest.mark.parametrize(
    ("where", "code", "said"),
    [
        ("os.fsync", errno.ENOSPC, "No space left on device"),
        ("tempfile.mkstemp", errno.EROFS, "Read-only file system"),
        ("tempfile.mkstemp", errno.EACCES, "Permission denied"),
        ("os.replace", errno.EIO, "Input/output error"),
    ],
)
def test_a_write_that_fails_keeps_the_old_file_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, code: int, said: str
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    module, name = where.split(".")

    def fail(*arguments: object, **options: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(f"{module}.{name}", fail)
    result = CliRunner().invoke(main, ["set", str(path), "C2", "text", "Changed."])

    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert said in result.output and str(path) in result.output
    assert path.read_text(encoding="utf-8") == MAP
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_full_disk_while_rendering_keeps_the_old_output(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    output = tmp_path / "out.dot"
    output.write_text("old drawing", encoding="utf-8")

    def full(*arguments: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("os.fsync", full)
    result = CliRunner().invoke(main, ["render", str(path), "-f", "dot", "-o", str(output)])

    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output
    assert output.read_text(encoding="utf-8") == "old drawing"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml", "out.dot"]


SLOW_WRITE = """\
import os, sys, time
real_fsync = os.fsync
def slow_fsync(handle):
    print("writing", flush=True)
    time.sleep(60)
    real_fsync(handle)
os.fsync = slow_fsync
from argmap.cli import main
sys.argv = ["argmap", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("command", ["set", "render"])
def test_a_write_interrupted_by_a_signal_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, sent: signal.Signals, command: str
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    output = tmp_path / "out.dot"
    output.write_text("old drawing", encoding="utf-8")
    arguments = {
        "set": ["set", str(path), "C2", "text", "Changed."],
        "render": ["render", str(path), "-f", "dot", "-o", str(output)],
    }[command]
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None
    assert child.stdout.readline() == b"writing\n"  # the temporary file is written and not yet in place
    assert any(p.name.startswith(".") for p in tmp_path.iterdir())
    child.send_signal(sent)
    started = time.monotonic()
    _, err = child.communicate(timeout=30)

    assert time.monotonic() - started < 20
    assert child.returncode == 128 + sent, err
    assert b"Traceback" not in err
    assert path.read_text(encoding="utf-8") == MAP
    assert output.read_text(encoding="utf-8") == "old drawing"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml", "out.dot"]


def test_graphviz_runs_in_a_session_of_its_own(tmp_path: Path, fake_dot) -> None:
    """A SIGINT to dot's process group does not reach argmap, nor one meant for argmap dot.

    (Graphviz, interrupted, writes half a layout and exits 0: argmap, run with SIGINT ignored
    in a script, wrote it as the drawing.) Here the fake dot interrupts its whole group and
    dies of it: argmap must see a failed dot (exit 3), not be interrupted itself (130).
    """
    fake_dot("cat >/dev/null; kill -INT 0; sleep 5\n")
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "argmap", "render", str(path), "-f", "svg", "-o", str(tmp_path / "out.svg")],
        capture_output=True,
        timeout=60,
        start_new_session=True,  # the fake dot's SIGINT must stay away from the test run itself
    )
    assert run.returncode == 3, run.stderr
    assert b"Graphviz" in run.stderr
    assert not (tmp_path / "out.svg").exists()
