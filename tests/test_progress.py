"""Progress bars: drawn on a terminal after a delay, never elsewhere."""

from __future__ import annotations

import io
import time

import pytest

from argmap import progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def no_bars_after():
    yield
    progress.hide()


def wait_for(predicate, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_nothing_is_drawn_unless_the_command_line_asks_for_a_terminal() -> None:
    with progress.task("quiet work", total=3, delay=0) as work:
        work.advance(3)
        time.sleep(0.05)
    assert work.stream is None and work.done == 3


def test_a_stream_that_is_no_terminal_gets_no_bar() -> None:
    pipe = io.StringIO()
    progress.show_on_terminal(pipe)
    with progress.task("piped work", total=3, delay=0) as work:
        time.sleep(0.05)
    assert pipe.getvalue() == "" and work.stream is None


def test_a_long_step_on_a_terminal_shows_its_bar_and_erases_it() -> None:
    terminal = FakeTerminal()
    progress.show_on_terminal(terminal)
    with progress.task("splitting things", total=10, delay=0) as work:
        assert wait_for(lambda: work.shown)
        work.advance(5)
        assert wait_for(lambda: "splitting things" in terminal.getvalue())
    assert not work.shown
    assert "splitting things" in terminal.getvalue()


def test_a_quick_step_shows_nothing_even_on_a_terminal() -> None:
    terminal = FakeTerminal()
    progress.show_on_terminal(terminal)
    with progress.task("quick", total=1, delay=10) as work:
        work.advance()
    assert terminal.getvalue() == ""


def test_splitting_a_long_source_reports_its_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap import sources

    tasks: list[progress.Task] = []
    real_start = progress.Task.start
    monkeypatch.setattr(progress.Task, "start", lambda self: (tasks.append(self), real_start(self)))
    raw = "One sentence here. Another one there.\n\nA second paragraph.\n"
    made = sources._segment(raw)
    assert [s.text for s in made.sentences] == [
        "One sentence here.",
        "Another one there.",
        "A second paragraph.",
    ]
    [splitting] = tasks
    assert splitting.description == "splitting a source into sentences"
    assert splitting.total == len(raw)
    assert 0 < splitting.done <= len(raw)


def test_one_long_paragraph_moves_the_bar_piece_by_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap import sources

    steps: list[float] = []
    real_advance = progress.Task.advance
    monkeypatch.setattr(progress.Task, "advance", lambda self, n=1: (steps.append(n), real_advance(self, n)))
    raw = "word " * 2000 + "\n"  # 10,000 characters, no blank line and no full stop
    sources._segment(raw)
    assert len(steps) >= 10_000 // sources.CHUNK_CHARS
    assert sum(steps) == len(raw.strip()) + 1


def test_nested_steps_share_one_display_and_it_goes_when_both_end() -> None:
    terminal = FakeTerminal()
    progress.show_on_terminal(terminal)
    with progress.task("outer step", total=2, delay=0) as outer:
        assert wait_for(lambda: outer.shown)
        with progress.task("inner step", delay=0) as inner:
            assert wait_for(lambda: inner.shown)
            assert progress._display["shown"] == 2
        assert progress._display["shown"] == 1 and progress._display["bars"] is not None
    assert progress._display == {"bars": None, "shown": 0}
    output = terminal.getvalue()
    assert "outer step" in output and "inner step" in output


def test_a_file_name_in_a_bar_is_shown_as_text_not_markup_or_control() -> None:
    terminal = FakeTerminal()
    progress.show_on_terminal(terminal)
    with progress.task("reading b[bold red]xy\x1b[2Jz.yaml", delay=0) as work:
        assert wait_for(lambda: "[bold red]" in terminal.getvalue())
    assert not work.shown
    assert "\x1b[2J" not in terminal.getvalue()
