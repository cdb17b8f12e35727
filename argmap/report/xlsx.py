"""Excel renderer: a report as an ``.xlsx`` workbook (openpyxl).

Each table gets a sheet named after :attr:`~argmap.report.model.Table.name`
(a number is added to a name already taken): a bold, filled header row
(title, subtitle in parentheses, description on a second line), the body
rows, and the footer rows filled like the header; thin borders; cells
aligned and columns sized from the column hints; panes frozen below the
header and right of :attr:`~argmap.report.model.Table.frozen_columns`; the
section's caption in italics two rows under the table.

A last sheet, ``Notes``, holds the title, the fields (label, value) and the
sections without a table: heading, caption, paragraphs, and items (lead or
key in the first column, text and note in the second, sub-items under them;
an item's style fills its first cell as a swatch). Excel is a full format
(:mod:`argmap.report.model`): captions, notes, detail items and empty
optional sections are shown.

Cells: a cell with a number stores the number in the column's number format;
any other cell stores its text. Text that a spreadsheet would read as a
formula (:func:`argmap.text.is_formula_like`) is stored as text with Excel's
quote prefix: shown as typed, never evaluated. A palette style fills the
cell and colours its text; a tooltip becomes a comment; a ``disputed`` flag
draws a dashed border.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from argmap.report.model import Cell, Column, Item, Report, Section, Style
from argmap.text import is_formula_like

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

NOTES_SHEET = "Notes"
"""Name of the sheet with the fields and the sections without a table."""

HEADER_FILL = "DDE3EA"
"""Fill of header and footer rows."""

DEFAULT_WIDTH = 16
"""Width of a column without a width hint."""

_HEADER_HEIGHT = 48


def render(report: Report) -> bytes:
    """The report as an Excel workbook.

    Args:
        report: any report.

    Returns:
        The ``.xlsx`` file's bytes.
    """
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    taken: set[str] = {NOTES_SHEET.lower()}
    sheets = 0
    for section in report.sections:
        if section.table is None or not section.shown(full=True):
            continue
        sheet = first if sheets == 0 else book.create_sheet()
        sheet.title = _free_name(section.table.name, taken)
        _table_sheet(sheet, report, section)
        sheets += 1
    notes = first if sheets == 0 else book.create_sheet()
    notes.title = NOTES_SHEET
    _notes_sheet(notes, report)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _free_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name 2``, ``name 3``...: the first not taken (Excel compares names without case)."""
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        suffix = f" {number}"
        candidate = name[: 31 - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def _put(sheet: Worksheet, row: int, column: int, text: str) -> Any:
    """Write ``text`` into a cell as text, never as a formula, and return the cell (empty text: empty)."""
    cell = sheet.cell(row=row, column=column, value=text or None)
    if text and is_formula_like(text):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _alignment(column: Column) -> Any:
    from openpyxl.styles import Alignment

    if column.align == "center":
        return Alignment(horizontal="center", vertical="center", wrap_text=True)
    if column.align == "right":
        return Alignment(horizontal="right", vertical="top")
    return Alignment(wrap_text=True, vertical="top")


def _paint(target: Any, style: Style, bold: bool = False) -> None:
    """Fill a cell and colour its text in a palette style."""
    from openpyxl.styles import Font, PatternFill

    target.fill = PatternFill("solid", fgColor=style.background.lstrip("#"))
    target.font = Font(bold=style.bold or bold, color=style.text.lstrip("#"))


def _border(flags: tuple[str, ...]) -> Any:
    from openpyxl.styles import Border, Side

    side = Side(style="mediumDashed", color="6F42C1") if "disputed" in flags else Side("thin", "C0C6CE")
    return Border(left=side, right=side, top=side, bottom=side)


def _header_text(column: Column) -> str:
    return f"{column.full_title}\n{column.description}" if column.description else column.full_title


def _table_sheet(sheet: Worksheet, report: Report, section: Section) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    table = section.table
    assert table is not None
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for index, column in enumerate(table.columns, start=1):
        cell = _put(sheet, 1, index, _header_text(column))
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = _border(())
        centre = column.align == "center"
        cell.alignment = _alignment(column) if centre else Alignment(wrap_text=True, vertical="top")
    body = range(len(table.head) + 2, len(table.head) + len(table.rows) + 2)
    for line, row in enumerate(table.head + table.rows + table.footer, start=2):
        for index, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            cell = _write(sheet, line, index, value, column)
            if line not in body:
                cell.fill = fill
            if value.style:
                _paint(cell, report.style(value.style), value.bold)
            elif value.bold:
                cell.font = Font(bold=True)
            if value.tooltip:
                cell.comment = Comment(value.tooltip, "argmap")
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width or DEFAULT_WIDTH
    if any(column.description for column in table.columns):
        sheet.row_dimensions[1].height = _HEADER_HEIGHT
    sheet.freeze_panes = f"{get_column_letter(table.frozen_columns + 1)}{len(table.head) + 2}"
    if section.caption:
        caption = _put(sheet, len(table.head) + len(table.rows) + len(table.footer) + 3, 1, section.caption)
        caption.font = Font(italic=True)


def _write(sheet: Worksheet, line: int, index: int, value: Cell, column: Column) -> Any:
    if value.number is not None:
        cell = sheet.cell(row=line, column=index, value=value.number)
        if column.number_format:
            cell.number_format = column.number_format
    else:
        cell = _put(sheet, line, index, value.text)
    cell.alignment = _alignment(column)
    cell.border = _border(value.flags)
    return cell


def _notes_sheet(sheet: Worksheet, report: Report) -> None:
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    line = 0

    def put(first: str, second: str = "", font: Any = None) -> Any:
        nonlocal line
        line += 1
        for column, text in ((1, first), (2, second)):
            _put(sheet, line, column, text).alignment = wrap
        cell = sheet.cell(row=line, column=1)
        if font is not None:
            cell.font = font
        return cell

    put(report.title, font=Font(bold=True, size=13))
    for field in report.fields:
        put(field.label, f"{field.tag} — {field.value}" if field.tag else field.value, font=bold)
    for section in report.sections:
        if not section.shown(full=True):
            continue
        if section.table is not None and not (section.paragraphs or section.items_for(full=True)):
            continue  # the table and its caption are on the table's own sheet
        line += 1
        put(section.heading, font=Font(bold=True, size=13))
        if section.is_empty(full=True):
            put("", section.empty or "")
            continue
        if section.caption and section.table is None:
            put("", section.caption).offset(column=1).font = Font(italic=True)
        for paragraph in section.paragraphs:
            put("", paragraph)
        for item in section.items_for(full=True):
            _notes_item(put, report, item)
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 100


def _notes_item(put: Any, report: Report, item: Item) -> None:
    from openpyxl.styles import Alignment, Font

    text = f"{item.text} ({item.note})" if item.note else item.text
    cell = put(item.lead or item.key, text, font=Font(bold=True) if item.lead else None)
    if item.style:
        _paint(cell, report.style(item.style), bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="top")
        if item.flags:
            cell.border = _border(item.flags)
    for sub in item.sub:
        put("", sub)
