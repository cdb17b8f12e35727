"""Terminal renderer: a report printed to a rich console.

The terminal is a brief format (:mod:`argmap.report.model`): captions, item
notes, detail items and empty optional sections are left out. Tables come
first, so that the commentary ends up on screen under them: with one table,
the table carries the report's title; with several, the title is printed
first and each table carries its section's heading. Then come the fields
(``Label: value``) and the other sections (``Heading:`` then the paragraphs
and items indented; an empty section on one line with its empty text).

In a table, columns show their short titles; short titles that abbreviate
are explained under the table. Columns marked
:attr:`~argmap.report.model.Column.shorten` wrap and cut their text to
:data:`~argmap.report.model.SHORT_TEXT` characters, the others do not wrap;
cells show their short text if they have one, their marker after the text,
and their palette style as colours. Optional columns are left out on
consoles narrower than :data:`WIDE`. No other column is ever dropped: if
the table needs more room than the console has, it is drawn wider than the
console (lines wrap on screen) after a note saying so.

All text is escaped with :func:`rich.markup.escape` (or put into a
:class:`rich.text.Text`, which reads no markup).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from argmap.report.model import SHORT_TEXT, Cell, Column, Item, Report, Section, Style
from argmap.text import one_line, shorten

if TYPE_CHECKING:
    from rich.console import Console

WIDE = 140
"""Consoles narrower than this get tables without their optional columns."""

MIN_TEXT = 16
"""Narrowest width of a shortened (wrapping) column."""

MIN_CENTRED = 4
"""Narrowest width of a centred column, so that a coloured cell reads as a block."""


def rich_style(style: Style) -> str:
    """A palette style as a rich style string.

    Args:
        style: a palette style.

    Returns:
        Such as ``bold #FFFFFF on #B2182B``.
    """
    return f"{'bold ' if style.bold else ''}{style.text} on {style.background}"


def render(report: Report, console: Console) -> None:
    """Print the report to a rich console.

    Args:
        report: any report.
        console: where to print (a :class:`rich.console.Console`); its width
            decides which optional columns are shown. Its width is changed
            while a too-wide table prints, and restored.
    """
    from rich.markup import escape

    say = partial(console.print, highlight=False)
    shown = [section for section in report.sections if section.shown(full=False)]
    tables = [section for section in shown if section.table is not None]
    if len(tables) != 1:
        say(f"[bold]{escape(one_line(report.title))}[/]")
    for section in tables:
        title = report.title if len(tables) == 1 else section.heading
        _print_table(console, report, section, title)
    for field in report.fields:
        tag = f"{escape(one_line(field.tag))} — " if field.tag else ""
        say(f"[bold]{escape(one_line(field.label))}:[/] {tag}{escape(one_line(field.value))}")
    for section in shown:
        if section.table is None or section.paragraphs or section.items_for(full=False):
            _print_section(console, report, section)


def _print_section(console: Console, report: Report, section: Section) -> None:
    from rich.markup import escape

    say = partial(console.print, highlight=False)
    heading = f"[bold]{escape(one_line(section.heading))}:[/]"
    if section.is_empty(full=False):
        say(f"{heading} {escape(one_line(section.empty or ''))}".rstrip())
        return
    say(heading)
    for paragraph in section.paragraphs:
        say(f"  {escape(one_line(paragraph))}")
    for item in section.items_for(full=False):
        say(_item(report, item))
        for sub in item.sub:
            say(f"    {escape(one_line(sub))}")


def _item(report: Report, item: Item) -> str:
    from rich.markup import escape

    text = escape(shorten(item.text, SHORT_TEXT) if item.shorten else one_line(item.text))
    if item.style:
        return f"  [{rich_style(report.style(item.style))}]{escape(item.lead or ' ')}[/] {text}"
    return f"  [bold]{escape(one_line(item.lead))}[/] {text}" if item.lead else f"  {text}"


def _abbreviations(columns: list[Column]) -> str:
    """``Cr.: Credibility; ...`` for the columns whose short title abbreviates the title."""
    return "; ".join(
        f"{one_line(c.short_title)}: {one_line(c.full_title)}"
        for c in columns
        if c.short_title and not c.short_title.startswith(c.title)
    )


def _print_table(console: Console, report: Report, section: Section, title: str) -> None:
    from rich import box
    from rich.markup import escape
    from rich.measure import Measurement
    from rich.table import Table

    source = section.table
    assert source is not None
    keep = [i for i, column in enumerate(source.columns) if not (column.optional and console.width < WIDE)]
    dropped = [escape(c.short_title or c.full_title) for i, c in enumerate(source.columns) if i not in keep]
    if dropped:
        console.print(
            f"[dim](left out at this width: {', '.join(dropped)}; a console of {WIDE} columns, "
            "or a file written with -f, shows them)[/]",
            highlight=False,
        )
    columns = [source.columns[index] for index in keep]
    table = Table(
        title=escape(one_line(title)),
        caption=escape(_abbreviations(columns)) or None,
        show_lines=False,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    every_row = source.head + source.rows + source.footer
    for index, column in zip(keep, columns, strict=True):
        table.add_column(
            escape(column.short_title or column.full_title),
            justify=column.align,
            no_wrap=not column.shorten,
            overflow="fold" if column.shorten else "ellipsis",
            min_width=MIN_TEXT if column.shorten else _unwrapped_width(column, [r[index] for r in every_row]),
            ratio=(column.width or MIN_TEXT) if column.shorten else None,
        )
    for row in source.head:
        table.add_row(*(_cell(report, row[index], source.columns[index]) for index in keep))
    if source.head:
        table.add_section()
    for row in source.rows:
        table.add_row(*(_cell(report, row[index], source.columns[index]) for index in keep))
    if source.footer:
        table.add_section()
        for row in source.footer:
            table.add_row(*(_cell(report, row[index], source.columns[index]) for index in keep))
    say = partial(console.print, highlight=False)
    width = console.width
    needed = Measurement.get(console, console.options.update_width(10**4), table).minimum
    if width < needed:
        if console.is_terminal:  # piped or redirected output has no width to apologise for
            name = escape(one_line(section.heading).lower())
            say(f"[dim](terminal narrower than the {name}: drawn {needed} columns wide)[/]")
        console.width = needed  # lines wrap on screen, but no column is dropped
    try:
        say(table)
    finally:
        console.width = width


def _unwrapped_width(column: Column, cells: list[Cell]) -> int:
    """The width a column that does not wrap needs: its longest cell or its heading.

    rich measures a cell's minimum as its longest word even when the column
    does not wrap, so without this the table would be cut on the right.
    """
    from rich.cells import cell_len

    texts = [_cell_text(cell, column) for cell in cells]
    texts.append(column.short_title or column.full_title)
    width = max(cell_len(one_line(text)) for text in texts)
    return max(width, MIN_CENTRED) if column.align == "center" else width


def _cell_text(cell: Cell, column: Column) -> str:
    """The plain text a cell shows in the terminal."""
    text = cell.text if cell.short is None else cell.short
    if column.shorten:
        text = shorten(text, SHORT_TEXT)
    return f"{text} {cell.marker}" if cell.marker else text


def _cell(report: Report, cell: Cell, column: Column) -> Any:
    from rich.markup import escape
    from rich.text import Text

    text = _cell_text(cell, column)
    if cell.style:
        return Text(text, style=rich_style(report.style(cell.style)), justify=column.align)
    return f"[bold]{escape(text)}[/]" if cell.bold and text else escape(text)
