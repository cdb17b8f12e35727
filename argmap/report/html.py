"""HTML renderer: a report as one self-contained HTML page.

The page is rendered by the generic template ``argmap/templates/report.html.j2``
with Jinja's autoescape on, so every text is escaped. It has inline CSS
only: no scripts, no external resources (a Content-Security-Policy meta tag
forbids both), and a print stylesheet.

Layout: the title; the fields as a summary list (a tag as a badge); each
section with its heading, caption, paragraphs, items (an item with a style
shows its lead as a coloured swatch) and table. HTML is a full format
(:mod:`argmap.report.model`): captions, item notes, detail items and empty
optional sections are shown.

Table cells carry CSS classes that a stylesheet or a test can rely on:

* a cell with a palette style: ``cell <style>`` (the palette gives the
  colours); any other cell: its column's
  :attr:`~argmap.report.model.Column.html_class`;
* then the cell's flags (``best``, ``disputed``), and ``bold`` for a bold cell;
* the first cell of each row is a ``<th scope="row">`` when the table has
  row headers; a cell's kind follows its text in ``<span class="kind">``;
* a header with a subtitle or description is split into
  ``<span class="hid">``, ``<span class="sub">`` and ``<span class="htext">``.

Column alignment and widths come from the column hints, as CSS rules on the
column's position (``.t2 td:nth-child(3)``: the table of the second section shown).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from argmap.report.model import Column, Report, Table

if TYPE_CHECKING:
    import jinja2

TEMPLATE = "report.html.j2"
"""The page template, in ``argmap/templates``."""


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of argmap's page templates: autoescaped, strict about missing values."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("argmap", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(report: Report) -> str:
    """The report as one self-contained HTML page.

    Args:
        report: any report.

    Returns:
        The HTML text (``<!DOCTYPE html>``...), ending with a line end.
    """
    sections = [section for section in report.sections if section.shown(full=True)]
    rules = [
        rule
        for number, section in enumerate(sections, start=1)
        if section.table is not None
        for rule in column_rules(section.table, number)
    ]
    template = environment().get_template(TEMPLATE)
    return template.render(report=report, sections=sections, column_rules=rules)


def column_rules(table: Table, number: int) -> list[str]:
    """CSS rules that lay out each column of the table in section ``number`` from its hints."""
    rules = []
    for position, column in enumerate(table.columns, start=1):
        cells = f".t{number} td:nth-child({position})"
        both = f".t{number} th:nth-child({position}), {cells}"
        if column.align != "left":
            rules.append(f"{both} {{ text-align: {column.align}; }}")
        rules.append(f"{cells} {{ {_body_layout(column)} }}")
        if column.description:
            rules.append(
                f".t{number} thead th:nth-child({position}) {{ min-width: 7rem; max-width: 12rem; }}"
            )
    return rules


def _body_layout(column: Column) -> str:
    if column.shorten:
        width = column.width or 40
        return f"min-width: {0.32 * width:g}rem; max-width: {0.6 * width:g}rem; white-space: pre-line;"
    if column.align == "right":
        return "white-space: nowrap; font-variant-numeric: tabular-nums;"
    return "white-space: nowrap;"
