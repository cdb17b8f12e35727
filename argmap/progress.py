"""Progress bars for the long steps of a command, shown on a terminal only.

The library reports its long steps (splitting a long source into sentences,
a Graphviz layout) through :func:`task`; nothing is shown unless the command
line has called :func:`show_on_terminal` and standard error is a terminal, so
tests, pipes, CI logs and library callers see no bars. A bar appears only
once a step has lasted :data:`DELAY` seconds, and is erased when it ends:
quick runs print exactly what they printed before.

Rich draws the bars (``rich.progress``); it is imported only when one is
about to show.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

DELAY = 1.0
"""Seconds a step runs before its bar appears."""

_target: dict[str, Any] = {"stream": None}
"""Where bars go once :func:`show_on_terminal` is called (a terminal), else None."""


def show_on_terminal(stream: TextIO | None = None) -> None:
    """Let :func:`task` draw bars on ``stream`` (standard error by default) if it is a terminal.

    Called by the command line, once, before a command runs; a stream that
    is not a terminal turns bars off.
    """
    stream = sys.stderr if stream is None else stream
    _target["stream"] = stream if _is_terminal(stream) else None


def hide() -> None:
    """Draw no bars from now on (the state before :func:`show_on_terminal`)."""
    _target["stream"] = None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


_lock = threading.Lock()
_display: dict[str, Any] = {"bars": None, "shown": 0}
"""The one rich display every shown task is a row of (nested steps share it), and how many rows."""


class Task:
    """One long step: :meth:`advance` it as work is done (a no-op when no bar is shown)."""

    def __init__(self, description: str, total: float | None, stream: TextIO | None, delay: float) -> None:
        self.description, self.total, self.stream, self.delay = description, total, stream, delay
        self.done = 0.0
        self._row: Any = None
        self._timer: threading.Timer | None = None

    @property
    def shown(self) -> bool:
        """True while the task's bar is on the terminal."""
        return self._row is not None

    def start(self) -> None:
        """Arm the timer that shows the bar after :attr:`delay` seconds (if there is a terminal)."""
        if self.stream is None:
            return
        self._timer = threading.Timer(self.delay, self._show)
        self._timer.daemon = True
        self._timer.start()

    def advance(self, amount: float = 1) -> None:
        """Count ``amount`` more of the work as done."""
        self.done += amount
        if self._row is not None:
            with _lock:
                if self._row is not None and _display["bars"] is not None:
                    _display["bars"].update(self._row, completed=self.done)

    def _show(self) -> None:
        with _lock:
            if self._timer is None:  # ended meanwhile
                return
            if _display["bars"] is None:
                _display["bars"] = _bars(self.stream)
                _display["bars"].start()
            self._row = _display["bars"].add_task(
                _shown(self.description), total=self.total, completed=self.done
            )
            _display["shown"] += 1

    def stop(self) -> None:
        """Cancel the timer and take the bar off the terminal, if shown."""
        with _lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._row is None:
                return
            bars = _display["bars"]
            bars.remove_task(self._row)
            self._row = None
            _display["shown"] -= 1
            if not _display["shown"]:
                bars.stop()
                _display["bars"] = None


def _shown(description: str) -> str:
    """A description as rich shows it literally: control characters visible, ``[...]`` not markup."""
    from rich.markup import escape

    from argmap.text import visible

    return escape(visible(description))


def _bars(stream: TextIO | None) -> Any:
    """A rich progress display on ``stream``: spinner, description, bar and percentage, time elapsed.

    A task without a total shows a pulsing bar. The display is transient:
    erased when its last task ends.
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=Console(file=stream, stderr=True),
        transient=True,
    )


@contextmanager
def task(description: str, total: float | None = None, delay: float | None = None) -> Iterator[Task]:
    """A long step of ``total`` units of work (None: unknown, a spinner) for the duration of the block.

    Args:
        description: what is being done, in a few words ("splitting sources into sentences").
        total: the units :meth:`Task.advance` will count up to, or None.
        delay: seconds before the bar shows; :data:`DELAY` if None.

    Yields:
        The :class:`Task`, to advance.
    """
    running = Task(description, total, _target["stream"], DELAY if delay is None else delay)
    running.start()
    try:
        yield running
    finally:
        running.stop()
