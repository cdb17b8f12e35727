r"""The report model: a title, labelled fields, and sections of paragraphs, bullet items and tables.

A *producer* (such as :func:`argmap.report.ach.ach_report`) turns an
analysis into a :class:`Report`; one *renderer* per format turns any report
into Markdown, CSV, HTML, an Excel workbook or a terminal table. The model
knows nothing of ACH or any other analysis, and nothing of any format's
syntax. Every class is a frozen dataclass: a report, once built, does not
change.

Text is made safe once, here: every text a producer passes (titles, cells,
items, notes...) goes through :func:`argmap.text.visible` with
``multiline=True`` when the object is built, so control and invisible
characters are shown as escapes (``\x1b``) whichever renderer runs. Each
renderer then applies its own format's escape.

Two kinds of output read the model a little differently:

* the **full** formats, HTML and the Excel workbook, are documents read on
  their own: they show everything, including a section's :attr:`Section.caption`
  (how to read it), an item's :attr:`Item.note`, items marked
  :attr:`Item.detail`, and an :attr:`Section.optional` section that is empty
  (with its :attr:`Section.empty` text);
* the **brief** formats, Markdown and the terminal, are pasted into other
  documents or read at a glance: they leave those out.

CSV holds the tables only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from argmap.text import visible

Align = Literal["left", "right", "center"]
"""Horizontal alignment of a column."""

FLAGS = frozenset({"best", "disputed"})
"""Flags a cell or item may carry: ``best`` (the best value of its row or column, highlighted in
HTML) and ``disputed`` (a contested value, outlined in HTML, a dashed border in Excel)."""

SHORT_TEXT = 70
"""Longest text the terminal shows in a shortened column, and the brief formats in a shortened item
(longer text is cut with "…")."""

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_SHEET_NAME_LENGTH = 31


def _check_name(what: str, name: str | None) -> None:
    if name is not None and not _NAME.fullmatch(name):
        raise ValueError(f"{what} {name!r} is not a name (a letter, then letters, digits, '-' or '_')")


def _check_flags(flags: tuple[str, ...]) -> None:
    unknown = sorted(set(flags) - FLAGS)
    if unknown:
        raise ValueError(f"unknown flags {unknown}; known: {sorted(FLAGS)}")


def _make_visible(obj: object, *names: str) -> None:
    """Pass the named text attributes (str, str | None or tuple of str) of a frozen object through visible."""
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, str):
            object.__setattr__(obj, name, visible(value, multiline=True))
        elif isinstance(value, tuple):
            object.__setattr__(obj, name, tuple(visible(v, multiline=True) for v in value))


@dataclass(frozen=True)
class Style:
    """A named cell style of a report's palette: colours of a cell, a chip, a legend swatch.

    Attributes:
        name: the key cells refer to; also the CSS class in HTML, so a letter followed by
            letters, digits, ``-`` or ``_``.
        background: background colour, ``#RRGGBB``.
        text: text colour on that background, ``#RRGGBB``.
        bold: whether text in this style is bold.

    Raises:
        ValueError: a name or colour that does not have that form.
    """

    name: str
    background: str
    text: str
    bold: bool = False

    def __post_init__(self) -> None:
        _check_name("style name", self.name)
        for colour in (self.background, self.text):
            if not _COLOUR.fullmatch(colour):
                raise ValueError(f"colour {colour!r} of style {self.name!r} is not #RRGGBB")


@dataclass(frozen=True)
class Part:
    """One piece of a cell shown as a separate chip in HTML (such as one analyst's rating).

    Attributes:
        text: the chip's text.
        style: a palette style name for the chip, or None.
        tooltip: what hovering the chip shows (HTML), such as the analyst's name.
    """

    text: str
    style: str | None = None
    tooltip: str = ""

    def __post_init__(self) -> None:
        _make_visible(self, "text", "tooltip")
        _check_name("style", self.style)


@dataclass(frozen=True)
class Cell:
    """One cell of a table.

    Attributes:
        text: what every format shows (the merged view when there are :attr:`parts`).
        number: the value a spreadsheet stores instead of :attr:`text` (formatted by the
            column's :attr:`Column.number_format`); None for a text cell.
        style: a palette style name (background and text colour), or None.
        tooltip: supplementary text: an HTML tooltip, an Excel comment.
        parts: pieces HTML shows as separate chips instead of :attr:`text`.
        marker: a symbol HTML and the terminal show after the text (such as ``≠``).
        bar: a fraction 0–1 that HTML draws as a bar under the text.
        bold: bold text.
        kind: a small label HTML shows under the text (such as a statement's kind).
        short: shorter text for the terminal (such as ``H`` for ``high``).
        data: the text CSV writes instead of :attr:`text` (a machine-readable label).
        flags: words from :data:`FLAGS`.

    Raises:
        ValueError: a style name that is not a name, an unknown flag, a bar outside 0–1.
    """

    text: str = ""
    number: float | None = None
    style: str | None = None
    tooltip: str = ""
    parts: tuple[Part, ...] = ()
    marker: str = ""
    bar: float | None = None
    bold: bool = False
    kind: str = ""
    short: str | None = None
    data: str | None = None
    flags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _make_visible(self, "text", "tooltip", "marker", "kind", "short", "data")
        _check_name("style", self.style)
        _check_flags(self.flags)
        if self.bar is not None and not 0 <= self.bar <= 1:
            raise ValueError(f"bar {self.bar} is not between 0 and 1")


@dataclass(frozen=True)
class Column:
    """A column of a table: its names and how to lay it out.

    Attributes:
        key: machine name, the header of CSV output.
        title: display title (Markdown, HTML, Excel header).
        subtitle: a second part of the title, shown in parentheses after it (Markdown,
            Excel) or under it (HTML), such as ``rank 1``.
        description: a longer text under the title in the HTML and Excel header (such
            as a hypothesis's statement); Markdown and the terminal leave it out.
        short_title: the title in the terminal, where room is short. One that does not
            begin with :attr:`title` is an abbreviation, explained under the terminal table.
        align: horizontal alignment of the cells.
        width: width hint in characters (the Excel column width; HTML and the terminal
            scale from it); None: the renderer's default.
        shorten: long free text: the terminal cuts it to :data:`SHORT_TEXT` characters,
            HTML wraps it keeping its line breaks.
        optional: the terminal leaves the column out when the console is narrow.
        number_format: Excel number format of the cells that hold a :attr:`Cell.number`.
        css_class: class of the column's cells in HTML (default ``col-<key>``).

    Raises:
        ValueError: a CSS class that is not a name.
    """

    key: str
    title: str
    subtitle: str = ""
    description: str = ""
    short_title: str = ""
    align: Align = "left"
    width: int | None = None
    shorten: bool = False
    optional: bool = False
    number_format: str | None = None
    css_class: str = ""

    def __post_init__(self) -> None:
        _make_visible(self, "key", "title", "subtitle", "description", "short_title")
        _check_name("CSS class", self.css_class or None)
        if self.align not in ("left", "right", "center"):
            raise ValueError(f"alignment {self.align!r} is not left, right or center")

    @property
    def html_class(self) -> str:
        """The CSS classes of the column's cells.

        :attr:`css_class`, or ``col-<key>`` made a name; then ``long`` for a
        column of running text (:attr:`shorten`), which print layouts wrap anywhere.
        """
        name = self.css_class or "col-" + re.sub(r"[^A-Za-z0-9_-]", "-", self.key)
        return f"{name} long" if self.shorten else name

    @property
    def full_title(self) -> str:
        """The title with the subtitle in parentheses: ``H1 (rank 1)``."""
        return f"{self.title} ({self.subtitle})" if self.subtitle else self.title


Row = tuple[Cell, ...]
"""A row of cells, one per column."""


@dataclass(frozen=True)
class Table:
    r"""A table: columns, body rows and footer rows (such as totals).

    Rows may be given as tuples of :class:`Cell` or of plain strings (made cells).

    Attributes:
        name: short name: the Excel sheet's name, so 1 to 31 characters, none of ``[]:*?/\``.
        columns: the columns, left to right.
        rows: the body, one cell per column in each row.
        head: rows above the body (scores shown first, as PARC ACH does), set apart in every format.
        footer: rows under the body (totals, scores), set apart in every format.
        row_headers: the first column names each row (HTML row headers).
        frozen_columns: columns that stay in view when scrolling sideways (Excel).

    Raises:
        ValueError: a name that cannot name a sheet, a row whose length differs from the
            number of columns, or more frozen columns than columns.
    """

    name: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...] = ()
    footer: tuple[Row, ...] = ()
    row_headers: bool = True
    head: tuple[Row, ...] = ()
    frozen_columns: int = 1

    def __post_init__(self) -> None:
        _make_visible(self, "name")
        if not 0 < len(self.name) <= _SHEET_NAME_LENGTH or _NOT_IN_SHEET_NAME.search(self.name):
            raise ValueError(
                f"table name {self.name!r} cannot name a sheet: 1 to 31 characters, none of []:*?/\\"
            )
        for attribute in ("head", "rows", "footer"):
            rows = tuple(
                tuple(cell if isinstance(cell, Cell) else Cell(cell) for cell in row)
                for row in getattr(self, attribute)
            )
            for row in rows:
                if len(row) != len(self.columns):
                    raise ValueError(f"a row of {len(row)} cells in a table of {len(self.columns)} columns")
            object.__setattr__(self, attribute, rows)
        if not 0 <= self.frozen_columns <= len(self.columns):
            raise ValueError(f"{self.frozen_columns} frozen columns in a table of {len(self.columns)}")


@dataclass(frozen=True)
class Item:
    """A bullet item: an optional bold lead, a text, and nested sub-items.

    Attributes:
        text: the item's text.
        lead: a short bold label before the text (such as an id).
        key: a short label for the item when the lead is empty; the Excel notes put
            it in the first column (the brief formats do not show it).
        note: a remark after the text, in parentheses, for the full formats only.
        style: a palette style name: the lead (or an empty swatch) is shown in it.
        flags: words from :data:`FLAGS`, applied to the swatch.
        shorten: the brief formats cut the text to :data:`SHORT_TEXT` characters.
        detail: only the full formats show the item.
        sub: nested sub-items, as texts.

    Raises:
        ValueError: a style name that is not a name, an unknown flag.
    """

    text: str
    lead: str = ""
    key: str = ""
    note: str = ""
    style: str | None = None
    flags: tuple[str, ...] = ()
    shorten: bool = False
    detail: bool = False
    sub: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _make_visible(self, "text", "lead", "key", "note", "sub")
        _check_name("style", self.style)
        _check_flags(self.flags)


@dataclass(frozen=True)
class Section:
    """A headed part of a report: paragraphs, then bullet items, then a table.

    Attributes:
        heading: the section's heading.
        paragraphs: paragraphs of text.
        items: bullet items.
        table: a table, or None.
        caption: how to read the section, for the full formats only, shown when the
            section has content.
        empty: the text shown when the section has no paragraphs, items or table
            (a table counts even without rows); None leaves an empty section out.
        optional: when empty, the brief formats leave the section out while the
            full formats show :attr:`empty`.
    """

    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    table: Table | None = None
    caption: str = ""
    empty: str | None = None
    optional: bool = False

    def __post_init__(self) -> None:
        _make_visible(self, "heading", "paragraphs", "caption", "empty")

    def items_for(self, full: bool) -> tuple[Item, ...]:
        """The items a format shows.

        Args:
            full: True for a full format (HTML, Excel), False for a brief one
                (Markdown, terminal), which leaves out :attr:`Item.detail` items.

        Returns:
            The items, in order.
        """
        return self.items if full else tuple(item for item in self.items if not item.detail)

    def is_empty(self, full: bool) -> bool:
        """Whether the section has nothing to show: no paragraphs, no items shown, no table.

        Args:
            full: True for a full format, False for a brief one (see :meth:`items_for`).

        Returns:
            True if a format shows :attr:`empty` instead of content (or leaves the section out).
        """
        return not (self.paragraphs or self.items_for(full) or self.table is not None)

    def shown(self, full: bool) -> bool:
        """Whether a format shows the section at all.

        Args:
            full: True for a full format, False for a brief one.

        Returns:
            True unless the section is empty and has no empty text, or is empty,
            :attr:`optional` and ``full`` is False.
        """
        if not self.is_empty(full):
            return True
        return self.empty is not None and (full or not self.optional)


@dataclass(frozen=True)
class Field:
    """A labelled value shown at the top of a report (``Profile: heuer — ...``).

    Attributes:
        label: the label.
        value: the value.
        tag: a short word shown before the value (a badge in HTML), such as a profile's name.
    """

    label: str
    value: str
    tag: str = ""

    def __post_init__(self) -> None:
        _make_visible(self, "label", "value", "tag")


@dataclass(frozen=True)
class Report:
    """A whole report: title, fields, sections and the palette of cell styles.

    Attributes:
        title: the report's title.
        fields: labelled values shown under the title.
        sections: the sections, in order.
        palette: the named styles cells, parts and items may refer to.

    Raises:
        ValueError: two styles of one name, or a style used but not in the palette.
    """

    title: str
    fields: tuple[Field, ...] = ()
    sections: tuple[Section, ...] = ()
    palette: tuple[Style, ...] = ()

    def __post_init__(self) -> None:
        _make_visible(self, "title")
        names = [style.name for style in self.palette]
        if len(set(names)) != len(names):
            raise ValueError(f"the palette names a style twice: {names}")
        missing = sorted({name for name in self._styles_used() if name not in names})
        if missing:
            raise ValueError(f"styles not in the palette: {missing}")

    def _styles_used(self) -> Iterator[str]:
        for section in self.sections:
            for item in section.items:
                if item.style:
                    yield item.style
            for row in self.rows_of(section):
                for cell in row:
                    if cell.style:
                        yield cell.style
                    yield from (part.style for part in cell.parts if part.style)

    @staticmethod
    def rows_of(section: Section) -> tuple[Row, ...]:
        """Body and footer rows of a section's table.

        Args:
            section: any section.

        Returns:
            The table's rows then its footer rows; none if the section has no table.
        """
        return (section.table.rows + section.table.footer) if section.table else ()

    def style(self, name: str) -> Style:
        """The palette style called ``name``.

        Args:
            name: a style name.

        Returns:
            The style.

        Raises:
            KeyError: no style of that name.
        """
        for style in self.palette:
            if style.name == name:
                return style
        raise KeyError(name)

    @property
    def tables(self) -> tuple[Table, ...]:
        """Every table of the report, in section order."""
        return tuple(section.table for section in self.sections if section.table is not None)


__all__ = [
    "FLAGS",
    "SHORT_TEXT",
    "Align",
    "Cell",
    "Column",
    "Field",
    "Item",
    "Part",
    "Report",
    "Row",
    "Section",
    "Style",
    "Table",
]
