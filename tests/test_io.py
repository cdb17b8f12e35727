"""What argmap reads and writes: the render fallback, the output rule, format names, maps that are
symbolic links, project files and their positions (each test once failed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import app
from argmap.analysis import Analysis
from argmap.cli import main
from argmap.errors import Position
from argmap.files import TargetExists, write_atomic
from argmap.load import load_map
from argmap.toml_positions import positions

SOURCE_MAP = """\
map: {{title: Sourced}}
sources:
  S1: {{title: Notes, file: {file}}}
statements:
  C1: {{kind: claim, key: true, text: The SCO will expand.}}
  E1: {{kind: evidence, text: Iran joined., source: S1, quote: Iran joined the SCO in 2023.}}
"""

ACH_MAP = """\
map: {title: Which course?}
statements:
  H1: {kind: hypothesis, text: Enlargement}
  H2: {kind: hypothesis, text: Stagnation}
  A1: {kind: assumption, text: India backs candidates., background: true}
ach:
  ratings:
    A1: {H1: CC, H2: I}
"""


def write(folder: Path, text: str, name: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


@pytest.fixture
def no_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH on which there is no ``dot``."""
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))


@pytest.fixture
def failing_dot(fake_dot) -> None:
    """A ``dot`` that fails as a broken Graphviz does: a message and exit status 1."""
    fake_dot("cat >/dev/null; echo 'Error: renderer for png is unavailable' >&2; exit 1\n")


# ----------------------------------------------------------------------------- 1, 2: the DOT written instead


def test_the_fallback_dot_never_replaces_the_map(
    tmp_path: Path, no_graphviz, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    the_map = write(tmp_path, SOURCE_MAP.format(file="notes.txt"), "renders/self.dot")
    before = the_map.read_bytes()
    result = run("render", "renders/self.dot", "-f", "svg")  # the default target: renders/self.svg
    assert result.exit_code == 3
    assert the_map.read_bytes() == before
    assert "wrote" not in result.output
    assert "no DOT file written in place of the drawing: 'renders/self.dot' is an input" in result.output


@pytest.mark.parametrize("output", ["notes.svg", "link.svg"])
def test_the_fallback_dot_never_replaces_a_source(tmp_path: Path, no_graphviz, output: str) -> None:
    notes = write(tmp_path, "Iran joined the SCO in 2023.\n", "notes.dot")
    (tmp_path / "link.dot").symlink_to(notes)
    the_map = write(tmp_path, SOURCE_MAP.format(file="notes.dot"), "m.yaml")
    result = run("render", the_map, "-f", "svg", "-o", tmp_path / output)
    assert result.exit_code == 3
    assert notes.read_text(encoding="utf-8") == "Iran joined the SCO in 2023.\n"
    assert "is an input of this command" in result.output


def test_the_fallback_dot_keeps_a_file_already_there(tmp_path: Path, no_graphviz) -> None:
    mine = write(tmp_path, "my own DOT\n", "x.dot")
    the_map = write(tmp_path, SOURCE_MAP.format(file="notes.txt"), "m.yaml")
    result = run("render", the_map, "-f", "svg", "-o", tmp_path / "x.svg")
    assert result.exit_code == 3
    assert mine.read_text(encoding="utf-8") == "my own DOT\n"
    assert f"'{mine}' already exists and dot was not asked for, so it is kept" in result.output
    # Asked for, it is replaced as any output is.
    assert run("render", the_map, "-f", "dot,svg", "-o", tmp_path / "x.svg").exit_code == 3
    assert mine.read_text(encoding="utf-8").startswith("digraph argmap {")


def test_the_fallback_dot_is_written_where_nothing_is(tmp_path: Path, no_graphviz) -> None:
    the_map = write(tmp_path, SOURCE_MAP.format(file="notes.txt"), "m.yaml")
    report = app.render(the_map, ["svg"], str(tmp_path / "y.svg"))
    [written] = report.written
    assert written.path == tmp_path / "y.dot" and written.instead
    assert report.graphviz_missing and report.dot_not_written is None


def test_a_failing_dot_gets_the_same_fallback_as_a_missing_one(
    tmp_path: Path, failing_dot, monkeypatch: pytest.MonkeyPatch
) -> None:
    the_map = write(tmp_path, SOURCE_MAP.format(file="notes.txt"), "m.yaml")
    monkeypatch.chdir(tmp_path)
    result = run("render", the_map, "-f", "png", "-o", "fail/")
    assert result.exit_code == 3
    assert "wrote fail/m.dot (DOT only)" in result.output
    assert "Graphviz 'dot' failed to write png: Error: renderer for png is unavailable" in result.output
    assert (tmp_path / "fail" / "m.dot").read_text(encoding="utf-8").startswith("digraph argmap {")
    assert not (tmp_path / "fail" / "m.png").exists()


def test_a_dot_failing_after_a_first_format_keeps_that_and_adds_the_dot(tmp_path: Path, fake_dot) -> None:
    fake_dot(
        'cat >/dev/null; [ "$1" = -Tsvg ] && { echo "<svg/>"; exit 0; }; echo "Error: no png" >&2; exit 1\n'
    )
    the_map = write(tmp_path, SOURCE_MAP.format(file="notes.txt"), "m.yaml")
    result = run("render", the_map, "-f", "svg,png", "-o", tmp_path / "out.svg")
    assert result.exit_code == 3
    assert f"wrote {tmp_path / 'out.svg'}\n" in result.output  # drawn: not "DOT only"
    assert f"wrote {tmp_path / 'out.dot'} (DOT only)" in result.output
    assert "Graphviz 'dot' failed to write png: Error: no png" in result.output


def test_a_write_that_must_not_replace_keeps_what_is_there(tmp_path: Path) -> None:
    kept = write(tmp_path, "kept\n", "kept.dot")
    (tmp_path / "broken.dot").symlink_to(tmp_path / "nowhere")
    for path in (kept, tmp_path / "broken.dot"):
        with pytest.raises(TargetExists):
            write_atomic(path, b"new\n", replace=False)
    assert kept.read_text(encoding="utf-8") == "kept\n"
    assert not (tmp_path / "nowhere").exists()
    write_atomic(tmp_path / "new.dot", b"new\n", replace=False)
    assert (tmp_path / "new.dot").read_bytes() == b"new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.dot", "kept.dot", "new.dot"]


# ----------------------------------------------------------------------------- 3: one rule for suffixes


@pytest.mark.parametrize(
    ("command", "the_map", "name", "written_as", "suggested"),
    [
        ("render", SOURCE_MAP.format(file="notes.txt"), "x.md", "md", "x.dot"),
        ("render", SOURCE_MAP.format(file="notes.txt"), "x.XLSX", "xlsx", "x.dot"),
        ("ach", ACH_MAP, "x.svg", "svg", "x.md"),
        ("sources", ACH_MAP, "x.png", "png", "x.md"),
    ],
)
def test_a_suffix_of_a_format_the_command_does_not_write_is_refused_with_or_without_f(
    tmp_path: Path, command: str, the_map: str, name: str, written_as: str, suggested: str
) -> None:
    path = write(tmp_path, the_map, "m.yaml")
    output = tmp_path / name
    without = run(command, path, "-o", output)
    with_f = run(command, path, "-f", "md" if command != "render" else "dot", "-o", output)
    for result in (without, with_f):
        assert result.exit_code == 2
        assert f"ends in {output.suffix}, which is for {written_as}, a format this command" in result.output
        assert f"name it e.g. {suggested}" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml"]


def test_a_suffix_of_another_of_the_commands_formats_still_names_the_files(tmp_path: Path) -> None:
    path = write(tmp_path, SOURCE_MAP.format(file="notes.txt"), "m.yaml")
    report = app.render(path, ["dot"], str(tmp_path / "out.x"))  # no format's suffix: added
    assert [w.path for w in report.written] == [tmp_path / "out.x.dot"]


# ----------------------------------------------------------------------------- 4: format names


@pytest.mark.parametrize(
    "args",
    [
        ["ach", "{map}", "-f", "MD", "-o", "-"],
        ["ach", "{map}", "-f", "Json", "-o", "-"],
        ["sources", "{map}", "-f", "CSV", "-o", "-"],
        ["assumptions", "{map}", "-f", "Md", "-o", "-"],
        ["indicators", "{map}", "-f", "JSON", "-o", "-"],
        ["render", "{map}", "-f", "DOT", "-o", "-"],
        ["check", "{map}", "--format", "JSON"],
        ["ach", "{map}", "-f", "TERMINAL", "--profile", "PARC"],
        ["evaluate", "{map}", "--semantics", "pr"],
    ],
)
def test_format_names_are_taken_in_any_case(tmp_path: Path, args: list[str]) -> None:
    path = write(tmp_path, ACH_MAP, "m.yaml")
    result = run(*(arg.format(map=path) for arg in args))
    assert result.exit_code in (0, 1), result.output


@pytest.mark.parametrize("command", ["ach", "sources", "assumptions", "indicators"])
def test_a_single_format_command_refuses_a_repeated_format(tmp_path: Path, command: str) -> None:
    path = write(tmp_path, ACH_MAP, "m.yaml")
    result = run(command, path, "-f", "md", "-f", "csv", "-o", tmp_path / "x.md")
    assert result.exit_code == 2
    assert "given 2 times (md, csv); this command writes one format, so give -f once" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml"]


# ----------------------------------------------------------------------------- 5: a map that is a link


@pytest.fixture
def linked_map(tmp_path: Path) -> Path:
    """``symB/m.yaml`` links to ``symA/m.yaml``, whose source ``a.md`` lies beside it.

    ``symB/a.md`` is a decoy with other text.
    """
    write(tmp_path, "Iran joined the SCO in 2023.\n", "symA/a.md")
    write(tmp_path, SOURCE_MAP.format(file="a.md"), "symA/m.yaml")
    write(tmp_path, "Another text altogether.\n", "symB/a.md")
    link = tmp_path / "symB" / "m.yaml"
    link.symlink_to(Path("..") / "symA" / "m.yaml")
    return link


def test_a_map_that_is_a_link_reads_its_sources_beside_the_real_file(linked_map: Path) -> None:
    report = app.check([linked_map])
    assert report.problems == []
    assert [f.code for f in report.findings if f.code.startswith("P")] == ["P004"]  # read, quote found
    assert all(f.file == linked_map for f in report.findings)  # shown as typed


def test_an_output_of_a_linked_map_never_replaces_its_real_source(linked_map: Path) -> None:
    real_source = linked_map.parent.parent / "symA" / "a.md"
    result = run("sources", linked_map, "-f", "md", "-o", real_source)
    assert result.exit_code == 2
    assert "is an input of this command" in result.output
    assert real_source.read_text(encoding="utf-8") == "Iran joined the SCO in 2023.\n"


def test_a_linked_maps_project_is_the_real_files(linked_map: Path) -> None:
    root = linked_map.parent.parent
    write(root, "Iran joined the SCO in 2023.\n", "seeds/doc.txt")
    write(root, SOURCE_MAP.format(file="../seeds/doc.txt"), "symA/m.yaml")
    write(root, 'source-roots = ["seeds"]\n', "argmap.toml")  # above both: allows seeds/
    write(root, 'source-roots = ["."]\n', "symB/argmap.toml")  # beside the link: not the map's project
    analysis = Analysis(load_map(linked_map))
    assert analysis.access.map_folder == (root / "symA").resolve()
    assert analysis.access.roots == ((root / "symA").resolve(), (root / "seeds").resolve())


# ----------------------------------------------------------------------------- 6: project file settings


def project_problem(tmp_path: Path, project_file: str, name: str = "argmap.toml"):
    """The one problem ``check`` reports on a map whose source needs the project file."""
    write(tmp_path, project_file, f"project/{name}")
    write(tmp_path, "A sentence.\n", "project/seeds/doc.txt")
    write(tmp_path, "A file, not a folder.\n", "project/a.txt")
    path = write(tmp_path, SOURCE_MAP.format(file="../seeds/doc.txt"), "project/maps/m.yaml")
    [problem] = app.check([path]).problems
    assert problem.file == tmp_path / "project" / name
    return problem


@pytest.mark.parametrize(
    ("project_file", "position", "message"),
    [
        ('source-roots = ["seeds", "nothere"]\n', (1, 26), "source root 'nothere' does not exist"),
        ('source-roots = ["a.txt"]\n', (1, 17), "source root 'a.txt' is a file, not a folder"),
        (
            'source_roots = ["seeds"]\n',
            (1, 1),
            "unknown setting 'source_roots'; known settings: source-roots; did you mean 'source-roots'?",
        ),
        ('source-roots = ["seeds"]\n\n[bogus]\nx = 1\n', (3, 2), "unknown setting 'bogus'; known settings"),
        ('source-roots = [\n  "seeds",\n  # a comment\n\n  "\\u0000",\n]\n', (5, 3), "not a usable folder"),
        ('source-roots = ["seeds", 3]\n', (1, 26), "'source-roots' must be a list of folder names"),
    ],
)
def test_project_settings_are_checked_at_their_position(
    tmp_path: Path, project_file: str, position: tuple[int, int], message: str
) -> None:
    problem = project_problem(tmp_path, project_file)
    assert message in problem.message
    assert problem.position == Position(*position)


def test_an_unknown_key_under_tool_argmap_is_refused_where_it_is(tmp_path: Path) -> None:
    pyproject = '[project]\nname = "x"\n\n[tool.argmap]\nsource-roots = ["seeds"]\n  "bogus" = 1\n'
    problem = project_problem(tmp_path, pyproject, "pyproject.toml")
    assert problem.position == Position(6, 3)
    assert "unknown setting 'bogus'" in problem.message


@pytest.mark.parametrize(
    ("pyproject", "position", "message"),
    [
        ("[tool]\nargmap = 5\n", (2, 1), "tool.argmap must be a table ([tool.argmap]), not a number"),
        ('[tool]\nargmap = "x"\n', (2, 1), "tool.argmap must be a table ([tool.argmap]), not text"),
    ],
)
def test_tool_argmap_that_is_not_a_table_is_refused(
    tmp_path: Path, pyproject: str, position: tuple[int, int], message: str
) -> None:
    problem = project_problem(tmp_path, pyproject, "pyproject.toml")
    assert problem.position == Position(*position) and message in problem.message


def test_toml_cut_short_is_refused_at_its_end(tmp_path: Path) -> None:
    problem = project_problem(tmp_path, 'source-roots = ["seeds"\n')
    assert problem.position == Position(2, 1)
    assert "not valid TOML: Unclosed array" in problem.message


def test_a_wrong_project_file_is_an_unusable_map_with_exit_2(tmp_path: Path) -> None:
    write(tmp_path, 'source-roots = ["nothere"]\n', "argmap.toml")
    path = write(tmp_path, SOURCE_MAP.format(file="../doc.txt"), "maps/m.yaml")
    result = run("check", path)
    assert result.exit_code == 2
    assert f"{tmp_path / 'argmap.toml'}:1:17: error: source root 'nothere' does not exist" in result.output
    assert "Traceback" not in result.output


def test_a_wrong_project_file_is_not_read_when_no_source_needs_it(tmp_path: Path) -> None:
    write(tmp_path, 'bogus = 1\nsource-roots = ["nothere"]\n', "argmap.toml")
    write(tmp_path, "Iran joined the SCO in 2023.\n", "maps/doc.txt")
    report = app.check([write(tmp_path, SOURCE_MAP.format(file="doc.txt"), "maps/m.yaml")])
    assert report.problems == []


def test_toml_positions_cover_keys_tables_and_items() -> None:
    text = (
        "# top\n"
        "a = 1.5\n"
        "[tool.argmap]\n"
        "source-roots = [\n"
        '  "x", # one\n'
        "  '''y''',\n"
        '  """z\n'
        '"""]\n'
        'b = {c = [1, 1979-05-27 07:32:00], "d.e" = "\\""}\n'
    )
    found = positions(text)
    assert found[("a",)] == Position(2, 1)
    assert found[("tool", "argmap")] == Position(3, 2)
    assert [found[("tool", "argmap", "source-roots", i)] for i in range(3)] == [
        Position(5, 3),
        Position(6, 3),
        Position(7, 3),
    ]
    assert found[("tool", "argmap", "b", "c", 1)] == Position(9, 14)
    assert found[("tool", "argmap", "b", "d.e")] == Position(9, 36)


# ----------------------------------------------------------------------------- 7: small messages


def test_a_source_that_is_a_link_loop_is_called_one(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    report = app.check([write(tmp_path, SOURCE_MAP.format(file="loop.txt"), "m.yaml")])
    [p003] = [f for f in report.findings if f.code == "P003"]
    assert (
        p003.message
        == "source 'S1': file 'loop.txt' is a symbolic link loop; it cannot be resolved to a file"
    )


def test_a_link_loop_outside_the_allowed_folders_is_only_outside(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    report = app.check([write(tmp_path, SOURCE_MAP.format(file="../loop.txt"), "maps/m.yaml")])
    [p003] = [f for f in report.findings if f.code == "P003"]
    assert "is outside the folders sources may be read from" in p003.message


@pytest.mark.parametrize(
    ("link_to", "reason"), [("nowhere", "is a broken symbolic link"), (None, "is a symbolic link loop")]
)
def test_an_output_folder_that_is_a_broken_link_is_called_one(
    tmp_path: Path, link_to: str | None, reason: str
) -> None:
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / link_to if link_to else dangling)
    path = write(tmp_path, ACH_MAP, "m.yaml")
    result = run("ach", path, "-f", "md", "-o", f"{dangling}/")
    assert result.exit_code == 2
    assert f"error: cannot write {dangling / 'm-ach.md'}: its folder {dangling} {reason}" in result.output
    assert "a parent of it is a file" not in result.output
    assert not (tmp_path / "nowhere").exists()


def test_check_json_keeps_the_order_of_the_maps(tmp_path: Path) -> None:
    first = write(tmp_path, SOURCE_MAP.format(file="a.txt"), "first.yaml")
    unusable = write(tmp_path, "- not a map\n", "unusable.yaml")
    last = write(tmp_path, SOURCE_MAP.format(file="b.txt"), "last.yaml")
    result = run("check", "--format", "json", first, unusable, last)
    assert result.exit_code == 2
    files = [entry["file"] for entry in json.loads(result.stdout)]
    assert list(dict.fromkeys(files)) == [str(first), str(unusable), str(last)]


def test_a_project_file_nested_too_deeply_is_refused(tmp_path: Path) -> None:
    problem = project_problem(tmp_path, "source-roots = " + "[" * 600 + "]" * 600 + "\n")
    assert problem.message == "not valid TOML: nested too deeply"


def test_a_project_file_may_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    write(tmp_path, '\ufeffsource-roots = ["seeds"]\n', "project/argmap.toml")
    write(tmp_path, "A sentence.\n", "project/seeds/doc.txt")
    path = write(tmp_path, SOURCE_MAP.format(file="../seeds/doc.txt"), "project/maps/m.yaml")
    assert app.check([path]).problems == []


def test_a_source_root_name_too_long_is_a_project_problem(tmp_path: Path) -> None:
    problem = project_problem(tmp_path, 'source-roots = ["' + "a" * 300 + '"]\n')
    assert problem.position == Position(1, 17)
    assert "is not a usable folder: File name too long" in problem.message
    assert len(problem.message) < 200


def test_a_long_sources_segmentation_is_kept_and_read_back(tmp_path, monkeypatch) -> None:
    from argmap import sources

    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    raw = "".join(f"Sentence number {n} is here. It has a second part.\n\n" for n in range(600))
    assert len(raw) > sources.CACHED_CHARS
    made = sources._segment(raw)
    assert sources._cached_segmentation(raw) is None
    sources.segment.cache_clear()
    assert sources.segment(raw) == made
    [kept] = (tmp_path / "cache" / "segments").iterdir()
    assert sources._cached_segmentation(raw) == made
    kept.write_text('{"text": 3, "sentences": [[1]]}', encoding="utf-8")  # damaged: computed again
    assert sources._cached_segmentation(raw) is None
    sources.segment.cache_clear()
    assert sources.segment(raw) == made
    monkeypatch.setenv("ARGMAP_CACHE_DIR", "/proc/argmap-cannot-write-here")
    sources.segment.cache_clear()
    assert sources.segment(raw) == made  # a cache that cannot be written is done without


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=8),
    st.integers(0, 50),
    st.integers(0, 20),
)
def test_merged_spans_cover_what_the_spans_cover_character_by_character(spans, start, length) -> None:
    from argmap.sources import Sentence, Spans

    sentence = Sentence("x", 1, start, start + length)
    covered = {at for a, b in spans for at in range(a, b)} & set(range(start, start + length))
    expected = len(covered) / length if length else 0.0
    assert Spans(spans).share(sentence) == pytest.approx(expected)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab c.-\n", max_size=80),
    st.text(alphabet="ab c.-", min_size=1, max_size=6),
    st.booleans(),
)
def test_finding_a_quote_agrees_with_a_whole_word_search(text: str, needle: str, indexed: bool) -> None:
    import re

    from argmap import sources

    saved = sources._INDEXED_CHARS, sources._KEY_CHARS
    if indexed:  # search through the index of word starts, as in a long text, with short keys
        sources._INDEXED_CHARS, sources._KEY_CHARS = 0, 2
    try:
        found = sources.SourceText(text, ()).find(needle)
    finally:
        sources._INDEXED_CHARS, sources._KEY_CHARS = saved
    normalised = sources.normalise(needle)
    match = re.search(sources._whole_words(normalised).pattern, text) if normalised else None
    assert found == (match.span() if match else None)
