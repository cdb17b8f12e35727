"""The report layer: tables and sections in every format.

A *producer* turns an analysis into a :class:`~argmap.report.model.Report`
(:mod:`argmap.report.model`: title, fields, sections of paragraphs, items and
tables, a palette of cell styles); one *renderer* per format turns any
report into output:

========================  ===========================================  ==========
module                    output                                       returns
========================  ===========================================  ==========
:mod:`.markdown`          GitHub-flavoured Markdown                    ``str``
:mod:`.csv`               the tables as CSV                            ``str``
:mod:`.html`              one self-contained HTML page                 ``str``
:mod:`.xlsx`              an Excel workbook (a sheet per table, Notes)  ``bytes``
:mod:`.terminal`          printed to a rich console                    ``None``
========================  ===========================================  ==========

Each renderer module has one function, ``render(report)`` (the terminal's
takes the console too); :data:`FILE_RENDERERS` registers the file formats
by the names of :data:`argmap.outputs.FORMATS`, so a new format is one
renderer module and one entry there. Producers: :mod:`argmap.report.ach`
(the ACH matrix).
"""

from collections.abc import Callable

from argmap.report.model import (
    FLAGS,
    SHORT_TEXT,
    Cell,
    Column,
    Field,
    Item,
    Part,
    Report,
    Section,
    Style,
    Table,
)


def _markdown(report: Report) -> bytes:
    from argmap.report import markdown

    return markdown.render(report).encode("utf-8")


def _csv(report: Report) -> bytes:
    from argmap.report import csv

    return csv.render(report).encode("utf-8")


def _html(report: Report) -> bytes:
    from argmap.report import html

    return html.render(report).encode("utf-8")


def _xlsx(report: Report) -> bytes:
    from argmap.report import xlsx

    return xlsx.render(report)


FILE_RENDERERS: dict[str, Callable[[Report], bytes]] = {
    "md": _markdown,
    "csv": _csv,
    "html": _html,
    "xlsx": _xlsx,
}
"""File format name (as in :data:`argmap.outputs.FORMATS`) → the renderer giving the file's bytes.

Its keys are :data:`argmap.outputs.REPORT_FORMATS` (a test holds them equal)."""


def render_file(report: Report, format_name: str) -> bytes:
    """A report as the bytes of a file in ``format_name`` (text formats in UTF-8).

    Raises:
        KeyError: no renderer is registered for ``format_name``.
    """
    return FILE_RENDERERS[format_name](report)


__all__ = [
    "FILE_RENDERERS",
    "FLAGS",
    "SHORT_TEXT",
    "Cell",
    "Column",
    "Field",
    "Item",
    "Part",
    "Report",
    "Section",
    "Style",
    "Table",
    "render_file",
]
