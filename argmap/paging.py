"""Paged output: the map split into views that each fit a page with no text under 9 points.

A diagram shrunk to fit a page makes its smallest text (9 points: footers,
references) unreadable. Here nothing is shrunk: the map is cut into views
that each fit the page's printable area at their natural size — one per key
judgment (its direct reasons and the objections to them), one per group,
one for the statements in no group — and a view that is still too big is cut
in halves by its members (in id order) until it fits, the statements it
leaves out drawn as references. A single statement too big for the page is
printed scaled down, and said so. The legend has a page of its own.

The pages are printed to one PDF by headless Chromium (Playwright driving
Debian's ``chromium``), which gives each page the map's title in its header
and "page N of M" in its footer; WeasyPrint would do as well, but Chromium is
already what argmap's browser tests and ``serve`` rely on, and it draws the
SVG exactly as a browser shows it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from argmap.evaluate import Label
from argmap.graph import ArgumentGraph
from argmap.model import natural_key
from argmap.render import build_dot, layout
from argmap.views import View, in_argument

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

PAGE_SIZES: dict[str, tuple[float, float]] = {
    "a4": (595.0, 842.0),
    "a3": (842.0, 1191.0),
    "letter": (612.0, 792.0),
}
"""Portrait page sizes in points."""

MARGIN = 36.0
"""Margin on every side, in points; the header and footer stand in it."""

MIN_TEXT_POINTS = 9.0
"""No text is printed smaller than this."""


class PagingFailed(RuntimeError):
    """The paged PDF cannot be made (no Chromium, or it failed); the message says why."""


@dataclass(frozen=True)
class PageSize:
    """A page: its name and its size in points."""

    name: str
    width: float
    height: float

    @property
    def box(self) -> tuple[float, float]:
        """The printable width and height: the page less its margins."""
        return self.width - 2 * MARGIN, self.height - 2 * MARGIN


def parse_page(text: str) -> PageSize:
    """``A4``, ``A3``, ``letter``, each optionally ``,landscape`` (any case).

    Raises:
        ValueError: an unknown size or orientation.
    """
    parts = [part.strip().lower() for part in text.split(",")]
    name, orientation = parts[0], (parts[1] if len(parts) > 1 else "portrait")
    if name not in PAGE_SIZES or orientation not in ("portrait", "landscape") or len(parts) > 2:
        raise ValueError(f"no page '{text}'; pages: A4, A3, letter, each with ',landscape' if wanted")
    width, height = PAGE_SIZES[name]
    if orientation == "landscape":
        width, height = height, width
    return PageSize(f"{name.upper() if name != 'letter' else 'Letter'} {orientation}", width, height)


@dataclass(frozen=True)
class Sheet:
    """One page's diagram: the view, its SVG and whether it had to be scaled down to fit."""

    view: View
    svg: str
    width: float
    height: float
    scale: float = 1.0


def sheets(graph: ArgumentGraph, labels: dict[str, Label] | None, page: PageSize) -> list[Sheet]:
    """The diagrams of every page, in order: the legend, each key judgment, each group, the rest.

    Raises:
        GraphvizMissing, GraphvizFailed: ``dot`` could not lay a view out.
    """
    found = [_drawn(graph, labels, View("members"), legend=True)]
    for view in _views(graph):
        found.extend(_fitted(graph, labels, view, page))
    return [_scaled(sheet, page) for sheet in found]


def _views(graph: ArgumentGraph) -> list[View]:
    views = [View("judgment", key) for key in sorted(graph.key_judgments, key=natural_key)]
    views += [View("group", gid) for gid in sorted(graph.groups, key=natural_key)]
    grouped = {member for group in graph.groups.values() for member in group.members}
    rest = [
        sid
        for sid, statement in graph.statements.items()
        if sid not in grouped and not statement.key and in_argument(graph, sid)
    ]
    if rest:
        views.append(
            View("members", members=tuple(sorted(rest, key=natural_key)), label="Statements in no group")
        )
    return views


def _members(graph: ArgumentGraph, view: View) -> tuple[str, ...]:
    if view.kind == "members":
        return view.members
    if view.kind == "group":
        return tuple(sorted(graph.groups[view.target or ""].members, key=natural_key))
    return ()


def _fitted(graph: ArgumentGraph, labels: dict[str, Label] | None, view: View, page: PageSize) -> list[Sheet]:
    sheet = _drawn(graph, labels, view)
    width, height = page.box
    members = _members(graph, view)
    if (sheet.width <= width and sheet.height <= height) or len(members) < 2:
        return [sheet]
    half = len(members) // 2
    parts = []
    for number, part in enumerate((members[:half], members[half:]), start=1):
        sub = View("members", members=part, label=f"{view.caption} (part {number})")
        parts.extend(_fitted(graph, labels, sub, page))
    return parts


def _drawn(graph: ArgumentGraph, labels: dict[str, Label] | None, view: View, legend: bool = False) -> Sheet:
    svg = layout(build_dot(graph, labels=labels, view=view, legend=legend, title=False), "svg").data.decode(
        "utf-8"
    )
    size = re.search(r'<svg[^>]*width="([\d.]+)pt"[^>]*height="([\d.]+)pt"', svg)
    width, height = (float(size.group(1)), float(size.group(2))) if size else (0.0, 0.0)
    return Sheet(view, svg, width, height)


def _scaled(sheet: Sheet, page: PageSize) -> Sheet:
    width, height = page.box
    scale = min(
        1.0, width / sheet.width if sheet.width else 1.0, height / sheet.height if sheet.height else 1.0
    )
    return Sheet(sheet.view, sheet.svg, sheet.width, sheet.height, scale)


def paged_pdf(pages: list[Sheet], title: str, page: PageSize) -> bytes:
    """One PDF with a page per sheet, the map's title in each header and "page N of M" in each footer.

    Raises:
        PagingFailed: Debian's Chromium is not installed, or printing failed.
    """
    if not CHROMIUM.exists():
        raise PagingFailed(
            "a paged PDF is printed by Debian's chromium: apt-get install chromium (make demo does)"
        )
    from playwright.sync_api import Error, sync_playwright

    document = _document(pages, title)
    box = '<div style="font-size:9pt;width:100%;text-align:center;font-family:sans-serif">'
    header = f"{box}{html.escape(title)}</div>"
    footer = f'{box}page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
            try:
                tab = browser.new_page()
                tab.set_content(document, wait_until="load")
                pdf = tab.pdf(
                    width=f"{page.width / 72:.4f}in",
                    height=f"{page.height / 72:.4f}in",
                    margin={side: f"{MARGIN / 72:.4f}in" for side in ("top", "right", "bottom", "left")},
                    display_header_footer=True,
                    header_template=header,
                    footer_template=footer,
                    print_background=True,
                )
            finally:
                browser.close()
        return _undated(pdf)
    except Error as error:
        raise PagingFailed(f"Chromium could not print the PDF: {str(error).splitlines()[0]}") from None


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")


def _undated(pdf: bytes) -> bytes:
    """The PDF without the time it was printed (same length, so offsets hold): one map, one file."""
    return _PDF_DATE.sub(
        lambda m: b"/" + m.group(1) + b" (D:" + b"0" * (len(m.group(0)) - len(m.group(1)) - 6) + b")", pdf
    )


def _document(pages: list[Sheet], title: str) -> str:
    parts = []
    for number, sheet in enumerate(pages):
        svg = re.sub(
            r"^.*?(<svg)", r"\1", sheet.svg, count=1, flags=re.S
        )  # drop the XML prologue and DOCTYPE
        style = f"width:{sheet.width * sheet.scale:.1f}pt;height:{sheet.height * sheet.scale:.1f}pt"
        svg = re.sub(
            r'<svg([^>]*?)width="[\d.]+pt" height="[\d.]+pt"', rf'<svg\1style="{style}"', svg, count=1
        )
        brk = "page-break-before:always;" if number else ""
        parts.append(f'<section style="{brk}">{svg}</section>')
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        + html.escape(title)
        + "</title></head><body style='margin:0'>"
        + "".join(parts)
        + "</body></html>"
    )
