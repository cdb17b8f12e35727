"""Printing HTML to PDF with headless Chromium: paged diagrams and briefings share it.

Chromium (Playwright driving Debian's ``chromium``, never a downloaded
browser) prints exactly what a browser shows, with a header and a footer on
every page (the map's title, a handling banner, "page N of M"). WeasyPrint
would also do, but it draws no SVG script and is one more renderer to keep
in step; Chromium is already what argmap's browser tests and ``serve`` use.
The PDF carries no print date, so the same input gives the same file.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Route

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium, which prints the PDF."""

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Headless Chromium with nothing that reaches off the machine (and no sandbox, which root lacks here)."""

MARGIN = 36.0
"""Margin on every side, in points; the header and footer stand in it."""


PREPARE = "() => { if (typeof window.argmapBeforePrint === 'function') window.argmapBeforePrint(); }"
"""Run before printing, with print styles applied: a document may fit its own wide parts to the page
(``window.argmapBeforePrint``), so that Chromium does not shrink every page to fit the widest one."""


class PrintingFailed(RuntimeError):
    """The PDF cannot be printed (no Chromium, or it failed); the message says why."""


def page_box(text: str, markup: str = "") -> str:
    """A header or footer line: ``text`` (escaped), then ``markup`` as is, in 9 points, centred."""
    return (
        '<div style="font-size:9pt;width:100%;text-align:center;font-family:sans-serif;'
        'overflow-wrap:anywhere;padding:0 36pt">'
        f"{html.escape(text)}{markup}</div>"
    )


PAGE_NUMBER = 'page <span class="pageNumber"></span> of <span class="totalPages"></span>'
"""Chromium's placeholders for "page N of M", for a header or footer (markup, not text)."""


def print_pdf(document: str, width: float, height: float, header: str, footer: str) -> bytes:
    """``document`` (HTML) printed to PDF on pages ``width`` × ``height`` points.

    A page the document's own CSS sizes (``@page`` rules, such as a named
    landscape page for a wide diagram) keeps that size.

    Args:
        document: a whole HTML page; it must load nothing from the network.
        width: the page's width in points.
        height: the page's height in points.
        header: HTML of the line printed on every page above the margin
            (Chromium's template: its ``pageNumber`` and ``totalPages``
            classes are filled in); escape user text in it (:func:`page_box`).
        footer: the same below the margin.

    Returns:
        The PDF, without its print date.

    Raises:
        PrintingFailed: Debian's Chromium is not installed, or printing failed.
    """
    if not CHROMIUM.exists():
        raise PrintingFailed(
            "PDFs are printed by Debian's chromium: apt-get install chromium (make demo does)"
        )
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
            try:
                # Laid out at the page's own width: a wider window would be shrunk to fit the
                # paper, every text with it (Chromium scales the whole document, not the wide part).
                inside = {
                    "width": round((width - 2 * MARGIN) * 96 / 72),
                    "height": round((height - 2 * MARGIN) * 96 / 72),
                }
                tab = browser.new_page(viewport=inside)
                tab.route("**/*", _only_the_document)
                tab.set_content(document, wait_until="load")
                tab.emulate_media(media="print")
                tab.evaluate(PREPARE)
                pdf = tab.pdf(
                    width=f"{width / 72:.4f}in",
                    height=f"{height / 72:.4f}in",
                    margin={side: f"{MARGIN / 72:.4f}in" for side in ("top", "right", "bottom", "left")},
                    display_header_footer=True,
                    header_template=header,
                    footer_template=footer,
                    print_background=True,
                    prefer_css_page_size=True,
                )
            finally:
                browser.close()
        return _undated(pdf)
    except Error as error:
        raise PrintingFailed(f"Chromium could not print the PDF: {str(error).splitlines()[0]}") from None


def _only_the_document(route: Route) -> None:
    """Refuse every request: the document is inline and must not reach out."""
    route.abort()


_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}")
_NO_DATE = b"19700101000000"
"""The date every PDF carries instead of the time it was printed: a valid date, the same length."""


def _undated(pdf: bytes) -> bytes:
    """The PDF without the time it was printed (same length, so offsets hold): one input, one file."""
    return _PDF_DATE.sub(lambda m: m.group(1) + _NO_DATE, pdf)
