"""``argmap watch`` and ``argmap serve``: the map re-checked and redrawn on every save.

One :class:`Snapshot` of the map is built after each save: its findings
(or the problems that make it unusable), its diagram as SVG, its ACH
summary in words, and for each statement what a click on it shows (text,
sources and quotes, label and the reason for it). ``watch`` prints the
findings and writes the diagram; ``serve`` shows the snapshot in a page on
the loopback interface, which fetches the new snapshot when the server
tells it (Server-Sent Events) that the map changed.

Files are watched with watchfiles (the Rust ``notify`` crate): the map's
folder and the folders of its source files, because editors save by
writing a new file and renaming it over the old one.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from argmap.analysis import Analysis
from argmap.checks import run_checks
from argmap.errors import MapError
from argmap.load import load_map
from argmap.render import GraphvizFailed, GraphvizMissing, build_dot, layout, node_details
from argmap.text import shorten

LOOPBACK = "127.0.0.1"
"""``serve`` listens here only: the page is for the analyst's own machine."""

KEEPALIVE_SECONDS = 15.0
"""How often an idle event stream sends a comment, so a closed page is noticed."""


@dataclass
class Snapshot:
    """The map as of one save: what the page and the watcher show."""

    version: int
    """Counts the saves seen, from 1."""
    title: str = ""
    findings: list[dict[str, Any]] = field(default_factory=list)
    """Findings, or the problems of an unusable map, in ``check --format json``'s shape."""
    usable: bool = True
    """False when the map cannot be loaded: ``findings`` are its problems, the diagram the last good one."""
    svg: str | None = None
    """The diagram, or None when Graphviz could not draw it (``diagram_error`` says why)."""
    diagram_error: str | None = None
    ach: list[str] = field(default_factory=list)
    """The ACH summary in words (empty without an ACH section)."""
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Statement id → what a click on it shows."""

    def as_json(self) -> dict[str, Any]:
        """The snapshot as JSON-ready data (what ``/state`` returns)."""
        return {
            "version": self.version,
            "title": self.title,
            "usable": self.usable,
            "findings": self.findings,
            "svg": self.svg,
            "diagram_error": self.diagram_error,
            "ach": self.ach,
            "nodes": self.nodes,
        }


def snapshot(
    path: Path, version: int, source_roots: tuple[Path, ...] = (), previous: Snapshot | None = None
) -> Snapshot:
    """Check, evaluate and draw the map at ``path`` as it is now.

    An unusable map gives its problems, with the last good diagram and
    details kept from ``previous`` so the page does not go blank mid-edit.
    Never raises for anything in the map.
    """
    from argmap.app import problem_json

    try:
        analysis = Analysis(load_map(path), source_roots=source_roots)
        findings = [finding.as_json() for finding in run_checks(analysis)]
    except MapError as error:
        kept = previous or Snapshot(version)
        return Snapshot(
            version,
            title=kept.title,
            findings=[problem_json(problem) for problem in error.problems],
            usable=False,
            svg=kept.svg,
            diagram_error=kept.diagram_error,
            ach=kept.ach,
            nodes=kept.nodes,
        )
    svg, diagram_error = _diagram(analysis)
    return Snapshot(
        version,
        title=analysis.graph.map.title,
        findings=findings,
        svg=svg,
        diagram_error=diagram_error,
        ach=_ach_sentences(analysis),
        nodes=node_details(analysis.graph, analysis.labelling),
    )


def _diagram(analysis: Analysis) -> tuple[str | None, str | None]:
    source = build_dot(analysis.graph, labels=analysis.labelling.labels)
    try:
        return layout(source, "svg").data.decode("utf-8"), None
    except (GraphvizMissing, GraphvizFailed) as error:
        return None, str(error)


def _ach_sentences(analysis: Analysis) -> list[str]:
    from argmap.ach import summarise

    result = analysis.ach()
    if result is None:
        return []
    return summarise(result).sentences()


def _real(path: Path) -> Path:
    """``path`` with links followed, or as it is when they loop (loading the map then says so)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def watched_paths(path: Path, source_roots: tuple[Path, ...] = ()) -> tuple[set[Path], set[Path]]:
    """The folders to watch and the files in them that matter: the map and the source files it reads.

    Only files the map may read are named (the source folders the user
    allows); an unusable map watches itself alone.
    """
    files = {_real(path)}
    try:
        analysis = Analysis(load_map(path), source_roots=source_roots)
        access = analysis.access
        for source in analysis.graph.sources.values():
            if source.file is not None and access.allows(access.map_folder / source.file):
                files.add(_real(access.map_folder / source.file))
    except MapError:
        pass
    return {file.parent for file in files}, files


def changes(
    path: Path, source_roots: tuple[Path, ...], stop: threading.Event, debounce_ms: int = 150
) -> Iterator[None]:
    """Yield once after each save of the map or of a source file it reads, until ``stop`` is set.

    The set of files watched follows the map: a source added to it is
    watched from the next save on.
    """
    from watchfiles import watch

    while not stop.is_set():
        folders, files = watched_paths(path, source_roots)
        for batch in watch(
            *folders, stop_event=stop, debounce=debounce_ms, recursive=False, yield_on_timeout=False
        ):
            if any(_real(Path(changed)) in files for _, changed in batch):
                yield None  # saves made meanwhile are kept by the watcher and come next
                now_folders, files = watched_paths(path, source_roots)
                if now_folders != folders:
                    break  # the map reads sources elsewhere now: watch those folders


# ----------------------------------------------------------------------------- serve


class LiveState:
    """The latest snapshot, shared by the watcher thread and the page's requests."""

    def __init__(self, path: Path, source_roots: tuple[Path, ...] = ()) -> None:
        self.path = path
        self.source_roots = source_roots
        self._changed = threading.Condition()
        self.current = snapshot(path, 1, source_roots)

    def refresh(self) -> Snapshot:
        """Build the next snapshot and wake every page waiting for one."""
        fresh = snapshot(self.path, self.current.version + 1, self.source_roots, self.current)
        with self._changed:
            self.current = fresh
            self._changed.notify_all()
        return fresh

    def wait_after(self, version: int, timeout: float) -> int:
        """Wait until the snapshot is newer than ``version`` (or ``timeout`` s); return the version now."""
        with self._changed:
            self._changed.wait_for(lambda: self.current.version > version, timeout=timeout)
            return self.current.version


def make_server(state: LiveState, port: int, page: str, stop: threading.Event) -> ThreadingHTTPServer:
    """An HTTP server on :data:`LOOPBACK` serving the page, ``/state`` and ``/events``.

    Requests naming another host (``Host`` header) are refused, so a page
    on the web cannot reach this one through a name that points at the
    loopback address (DNS rebinding).

    Raises:
        OSError: the port cannot be bound (in use, or not allowed).
    """
    handler = type("Handler", (_Handler,), {"state": state, "page": page, "stop": stop})
    server = ThreadingHTTPServer((LOOPBACK, port), handler)
    server.daemon_threads = True
    return server


_PAGE_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'"
)


class _Handler(BaseHTTPRequestHandler):
    state: LiveState
    page: str
    stop: threading.Event
    server_version = "argmap"
    sys_version = ""

    def do_GET(self) -> None:
        if not self._host_allowed():
            self._send(HTTPStatus.FORBIDDEN, "text/plain", b"only this machine may use this page")
            return
        route = self.path.split("?", 1)[0]
        if route == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self.page.encode("utf-8"))
        elif route == "/state":
            body = json.dumps(self.state.current.as_json(), ensure_ascii=True).encode("ascii")
            self._send(HTTPStatus.OK, "application/json", body)
        elif route == "/events":
            self._events()
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found")

    def _host_allowed(self) -> bool:
        """The request names this server: 127.0.0.1 or localhost (any case), with its port or none."""
        port = self.server.server_address[1]
        allowed = rf"(?:127\.0\.0\.1|localhost)(?::{port})?"
        hosts = self.headers.get_all("Host") or []
        return len(hosts) == 1 and re.fullmatch(allowed, hosts[0], flags=re.IGNORECASE) is not None

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", _PAGE_POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        version = self.state.current.version
        try:
            self.wfile.write(f"data: {version}\n\n".encode())
            self.wfile.flush()
            while not self.stop.is_set():
                now = self.state.wait_after(version, KEEPALIVE_SECONDS)
                message = f"data: {now}\n\n" if now > version else ": still here\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
                version = now
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the terminal shows the map's findings instead."""


def watch_in_background(
    state: LiveState, stop: threading.Event, on_refresh: Callable[[Snapshot], None]
) -> threading.Thread:
    """Refresh ``state`` on every save, in a daemon thread, until ``stop`` is set."""

    def run() -> None:
        for _ in changes(state.path, state.source_roots, stop):
            on_refresh(state.refresh())

    thread = threading.Thread(target=run, name="argmap-watch", daemon=True)
    thread.start()
    return thread


def page(title: str) -> str:
    """The page ``serve`` sends: styles and script inline, the map's title escaped."""
    from argmap.report.html import environment

    return environment().get_template("live.html.j2").render(title=title)


def describe(snap: Snapshot) -> str:
    """One line for the terminal: the map's state after a save."""
    if not snap.usable:
        if not snap.findings:
            return "unusable"
        first = snap.findings[0]
        where = f"{first['file']}:{first['line']}:{first['column']}"
        return f"unusable: {where}: {shorten(str(first['message']), 100)}"
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in snap.findings:
        counts[str(finding["severity"])] = counts.get(str(finding["severity"]), 0) + 1
    drawn = "diagram redrawn" if snap.svg else f"no diagram ({snap.diagram_error})"
    words = {"error": "errors", "warning": "warnings", "info": "info"}
    said = ", ".join(f"{n} {words[s] if n != 1 else s}" for s, n in counts.items())
    return f"{said}; {drawn}"
