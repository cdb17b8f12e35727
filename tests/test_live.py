"""``argmap watch`` and ``argmap serve``: redrawn on every save; the page in a real browser.

The browser test drives Debian's Chromium (``/usr/bin/chromium``, installed by
``make test``) with Playwright; it is skipped only outside CI when that
browser is missing.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from argmap.printing import CHROMIUM, CHROMIUM_ARGS

ARGMAP = Path(sys.executable).with_name("argmap")

SOURCE = "Members met in 2024. Trade grew by a tenth.\n"
MAP = """\
map:
  title: Live <map> & "test"
statements:
  C1:
    kind: claim
    text: Cooperation deepens.
    key: true
  E1:
    kind: evidence
    text: Members met in 2024.
    source: S1
    quote: Members met in 2024.
    supports: C1
sources:
  S1:
    title: A report
    file: src.txt
"""
ADDED = """\
  E2:
    kind: evidence
    text: Trade grew.
    source: S1
    quote: Trade grew by a tenth.
    supports: C1
"""


class Running:
    """An argmap process whose output lines are read as they come."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [str(ARGMAP), *args],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """The first line (from now on) that holds ``text``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} within {timeout} s")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "src.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "m.yaml").write_text(MAP, encoding="utf-8")
    return tmp_path


@pytest.fixture
def server(folder: Path) -> Iterator[tuple[Running, str]]:
    running = Running("serve", "m.yaml", "--port", "0", cwd=folder)
    try:
        line = running.wait_for("serving")
        time.sleep(1.0)  # the file watcher starts beside the server
        url = line.split(" at ", 1)[1].split(" ", 1)[0]
        yield running, url
    finally:
        running.stop()


def _save(path: Path, text: str) -> None:
    """Save as editors do: a new file renamed over the old one."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_watch_rechecks_and_redraws_on_every_save(folder: Path) -> None:
    running = Running("watch", "m.yaml", "-o", "out/", cwd=folder)
    try:
        running.wait_for("wrote out/m.svg")
        running.wait_for("watching")
        time.sleep(1.0)  # the file watcher starts just after the line is printed
        _save(folder / "m.yaml", MAP.replace("statements:\n", "statements:\n" + ADDED))
        running.wait_for("wrote out/m.svg")
        assert "Trade grew." in (folder / "out" / "m.svg").read_text(encoding="utf-8")
        _save(folder / "m.yaml", "map: [\n")
        line = running.wait_for("m.yaml:")
        assert "error:" in line
        running.wait_for("watching")
    finally:
        running.stop()


def test_the_server_answers_only_for_this_machine(server: tuple[Running, str]) -> None:
    _, url = server
    assert urlsplit(url).hostname == "127.0.0.1"
    with urllib.request.urlopen(url + "state") as response:
        assert response.status == 200
    request = urllib.request.Request(url, headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(url + "../../etc/passwd")
    assert missing.value.code == 404


def test_a_port_in_use_is_a_clear_error(server: tuple[Running, str], folder: Path) -> None:
    _, url = server
    port = str(urlsplit(url).port)
    result = subprocess.run(
        [str(ARGMAP), "serve", "m.yaml", "--port", port], cwd=folder, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


def _browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing: make test installs it")
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    return sync_playwright()


def test_the_page_redraws_on_save_and_explains_a_clicked_node(
    server: tuple[Running, str], folder: Path
) -> None:
    _, url = server
    with _browser() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page()
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto(url)
            page.wait_for_selector("#diagram g.node")
            assert page.title() == 'Live <map> & "test" · argmap'
            titles = page.eval_on_selector_all("#diagram g.node title", "ts => ts.map(t => t.textContent)")
            assert "statement E1" in titles and "statement E2" not in titles
            page.evaluate("window.sameDocument = true")

            _save(folder / "m.yaml", MAP.replace("statements:\n", "statements:\n" + ADDED))
            page.wait_for_function(
                "() => [...document.querySelectorAll('#diagram g.node title')]"
                ".some(t => t.textContent === 'statement E2')",
                timeout=20_000,
            )
            assert page.evaluate("window.sameDocument") is True  # no reload by hand, nor by the page

            page.locator("#diagram g.node", has=page.locator("title", has_text="statement E2")).click()
            details = page.inner_text("#details")
            assert "Trade grew." in details
            assert "Trade grew by a tenth." in details
            assert "S1: A report" in details
            assert "IN: no attacker" in details

            _save(folder / "m.yaml", "map: [\n")
            page.wait_for_function("() => document.getElementById('status').className === 'unusable'")
            assert page.locator("#diagram g.node").count() > 0  # the last good diagram stays
            assert "YAML" in page.inner_text("#findings")

            hosts = {urlsplit(address).hostname for address in requested}
            assert hosts == {"127.0.0.1"}, requested
        finally:
            browser.close()


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is installed by make test")
def test_snapshot_of_an_unusable_map_keeps_the_last_good_diagram(folder: Path) -> None:
    from argmap.live import snapshot

    good = snapshot(folder / "m.yaml", 1)
    assert good.usable and good.svg and set(good.nodes) == {"C1", "E1"}
    assert good.nodes["E1"]["quotes"] == ["Members met in 2024."]
    (folder / "m.yaml").write_text("map: [\n", encoding="utf-8")
    bad = snapshot(folder / "m.yaml", 2, previous=good)
    assert not bad.usable and bad.svg == good.svg and bad.version == 2
    assert bad.findings[0]["code"] == "unusable"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["watch", "."], "cannot read the file"),
        (["watch", "missing.yaml"], "cannot read the file"),
        (["watch", "nofolder/x.yaml"], "cannot read the file"),
        (["watch", "m.yaml", "-f", "xyz"], "xyz"),
    ],
)
def test_watch_refuses_at_once_what_no_save_can_mend(folder: Path, args: list[str], message: str) -> None:
    result = subprocess.run([str(ARGMAP), *args], cwd=folder, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:{port}@evil.example", 403),
        ("LOCALHOST:{port}", 200),
        ("localhost", 200),
        ("[::1]", 403),
        ("localhost:{port} evil.example", 403),
        ("localhost:{port}#evil", 403),
        ("localhost:abc", 403),
        ("127.0.0.1:1", 403),
    ],
)
def test_the_host_header_is_read_as_a_host(server: tuple[Running, str], host: str, status: int) -> None:
    _, url = server
    request = urllib.request.Request(url + "state", headers={"Host": host.format(port=urlsplit(url).port)})
    try:
        with urllib.request.urlopen(request) as response:
            got = response.status
    except urllib.error.HTTPError as error:
        got = error.code
    assert got == status


def test_an_unusable_save_is_told_with_its_place(folder: Path) -> None:
    from argmap.live import describe, snapshot

    (folder / "m.yaml").write_text("map: [\n", encoding="utf-8")
    line = describe(snapshot(folder / "m.yaml", 2))
    assert line.startswith(f"unusable: {folder / 'm.yaml'}:2:1: ")


def test_serve_starts_on_a_map_being_mended(folder: Path) -> None:
    (folder / "m.yaml").write_text("map: [\n", encoding="utf-8")
    running = Running("serve", "m.yaml", "--port", "0", cwd=folder)
    try:
        running.wait_for("serving")
        assert "unusable: m.yaml:2:1:" in running.wait_for("save 1:")
    finally:
        running.stop()


def test_the_interactive_svg_shows_details_on_hover_and_highlights_on_click(folder: Path) -> None:
    from click.testing import CliRunner

    from argmap.cli import main as cli

    text = MAP.replace("statements:\n", "statements:\n  X1: {kind: claim, text: Not so., rebuts: C1}\n")
    (folder / "m.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(folder / "m.yaml"), "-f", "svg", "-o", f"{folder}/out/"])
    assert result.exit_code == 0, result.output
    svg = folder / "out" / "m.svg"
    with _browser() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page()
            problems: list[str] = []
            requested: list[str] = []
            page.on(
                "console", lambda message: problems.append(message.text) if message.type == "error" else None
            )
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("request", lambda request: requested.append(request.url))
            page.goto(svg.as_uri())
            page.hover('g.node[id="s-E1"]')
            tip = page.locator("#argmap-tip")
            assert tip.is_visible()
            shown = tip.text_content() or ""
            assert "Members met in 2024." in shown and "Source S1: A report" in shown and "IN" in shown
            page.click('g.node[id="s-C1"]')
            marked = page.eval_on_selector_all(".argmap-hi", "els => els.map(e => e.getAttribute('id'))")
            assert {"s-C1", "s-E1", "s-X1", "inf E1->C1 0", "att X1-rebut->C1"} <= set(marked)
            assert problems == []
            assert all(address.startswith("file://") for address in requested), requested
        finally:
            browser.close()
