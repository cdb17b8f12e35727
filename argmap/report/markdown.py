"""Markdown renderer: a report as a GitHub-flavoured Markdown document.

Layout: ``# title``; each field as ``**Label:** value`` (a tag before the
value, ``tag — value``); each section as ``## heading`` followed by its
paragraphs, its bullet items (``- **lead** text``, sub-items indented two
spaces) and its table (a pipe table whose last rows are the footer), blocks
separated by an empty line. An empty section shows its empty text.

Markdown is a brief format (:mod:`argmap.report.model`): captions, item notes,
detail items and empty optional sections are left out, and shortened items
are cut to :data:`~argmap.report.model.SHORT_TEXT` characters. Styles,
tooltips, chips, markers, bars and cell kinds have no Markdown form and are
left out too. Every text is escaped with :func:`argmap.text.markdown` (one
line, special characters backslash-escaped), so user text can neither break
a table nor inject HTML.
"""

from __future__ import annotations

from argmap.report.model import SHORT_TEXT, Cell, Item, Report, Section, Table
from argmap.text import markdown, shorten

_ALIGN = {"left": "---", "right": "---:", "center": ":---:"}


def render(report: Report) -> str:
    """The report as Markdown text.

    Args:
        report: any report.

    Returns:
        The Markdown document, ending with a line end.
    """
    out = [f"# {markdown(report.title)}"]
    for field in report.fields:
        value = f"{field.tag} — {field.value}" if field.tag else field.value
        out += ["", f"**{markdown(field.label)}:** {markdown(value)}"]
    for section in report.sections:
        if section.shown(full=False):
            out += ["", *section_lines(section)]
    return "\n".join(out) + "\n"


def section_lines(section: Section, level: int = 2, *, full: bool = False, heading: bool = True) -> list[str]:
    """One section as Markdown lines: its heading at ``level`` (2: ``##``), its paragraphs, items, table.

    ``full`` shows what a full format shows (captions, item notes, detail
    items: :mod:`argmap.report.model`), for a document read on its own such
    as a briefing; ``heading`` False leaves the heading out (the part's own says it).
    """
    lines = [f"{'#' * level} {markdown(section.heading)}", ""] if heading else []
    if section.is_empty(full=full):
        return lines + ([markdown(section.empty)] if section.empty else [])
    blocks = [[markdown(section.caption)]] if full and section.caption else []
    blocks += [[markdown(paragraph)] for paragraph in section.paragraphs]
    items = section.items_for(full=full)
    if items:
        blocks.append([line for item in items for line in _item(item, full)])
    if section.table is not None:
        blocks.append(_table(section.table))
    for index, block in enumerate(blocks):
        lines += ([""] if index else []) + block
    return lines


def _item(item: Item, full: bool = False) -> list[str]:
    text = markdown(shorten(item.text, SHORT_TEXT) if item.shorten and not full else item.text)
    if full and item.note:
        text += f" ({markdown(item.note)})"
    line = f"- **{markdown(item.lead)}** {text}" if item.lead else f"- {text}"
    return [line, *(f"  - {markdown(sub)}" for sub in item.sub)]


def _table(table: Table) -> list[str]:
    lines = [
        _row([markdown(column.full_title) for column in table.columns]),
        _row([_ALIGN[column.align] for column in table.columns]),
    ]
    every_row = table.head + table.rows + table.footer
    return lines + [_row([_cell(cell) for cell in row]) for row in every_row]


def _cell(cell: Cell) -> str:
    text = markdown(cell.text)
    return f"**{text}**" if cell.bold and text else text


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
