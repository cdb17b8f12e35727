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
takes the console too). Producers: :mod:`argmap.report.ach` (the ACH matrix).
"""

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

__all__ = [
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
]
