"""CSV renderer: the tables of a report as CSV text (RFC 4180).

Each table is written as a block: a header row of the column keys
(:attr:`~argmap.report.model.Column.key`), then the body rows, then the
footer rows. A cell is written as its :attr:`~argmap.report.model.Cell.data`
if it has one, else as its text. A report with one table gives plain CSV; a
report with several tables writes one block per table, in section order,
blocks separated by an empty line (split on it to read them back). Fields,
paragraphs and items are not written: CSV holds tables only, and a report
without tables gives an empty text.

Every cell that a spreadsheet would read as a formula (``= + - @``, also
after leading spaces) gets a leading ``'`` (:func:`argmap.text.spreadsheet`).
"""

from __future__ import annotations

import csv
import io

from argmap.report.model import Report
from argmap.text import spreadsheet


def render(report: Report) -> str:
    """The report's tables as CSV text.

    Args:
        report: any report.

    Returns:
        CSV with CRLF line ends (write it with ``newline=""``), one block per
        table as described in the module doc.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for index, table in enumerate(report.tables):
        if index:
            buffer.write("\r\n")
        writer.writerow([spreadsheet(column.key) for column in table.columns])
        for row in table.head + table.rows + table.footer:
            writer.writerow([spreadsheet(cell.text if cell.data is None else cell.data) for cell in row])
    return buffer.getvalue()
