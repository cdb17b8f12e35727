"""Paged output: the map split into views that each fit a page with no text under 9 points.

A diagram shrunk to fit a page makes its smallest text (9 points: footers,
references) unreadable. Here nothing is shrunk: the map is cut into views
that each fit the page's printable area at their natural size — one per key
judgment (its direct reasons and the objections to them), then each group's
statements with their reasons and objections, then those in no group. A view
too big for the page is cut into runs of its statements in the order its own
drawing shows them, each the longest that fits; a statement whose reasons
alone do not fit is taken an inference at a time. Only a single inference
too big for the page is printed scaled down, and said so. The legend has a
page of its own.

The pages are printed to one PDF by headless Chromium (:mod:`argmap.printing`),
with the map's title in each page's header and "page N of M" in its footer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from argmap.evaluate import Label
from argmap.graph import ArgumentGraph
from argmap.model import natural_key
from argmap.printing import MARGIN, PAGE_NUMBER, page_box, print_pdf
from argmap.render import build_dot, layout, legend_dot
from argmap.views import View, in_argument, select

PAGE_SIZES: dict[str, tuple[float, float]] = {
    "a4": (595.0, 842.0),
    "a3": (842.0, 1191.0),
    "letter": (612.0, 792.0),
}
"""Portrait page sizes in points."""

DEFAULT_PAGE = "A4,landscape"
"""The page a PDF is cut to fit when none is named."""

MIN_TEXT_POINTS = 9.0
"""No text is printed smaller than this."""


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

    @property
    def smallest_text(self) -> float:
        """The smallest font size in the SVG, in points, before scaling."""
        sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', self.svg)]
        return min(sizes, default=MIN_TEXT_POINTS)


def sheets(
    graph: ArgumentGraph,
    labels: dict[str, Label] | None,
    page: PageSize,
    view: View | None = None,
    legend: bool = True,
) -> list[Sheet]:
    """The diagrams of every page, in order: the legend, then the view cut to fit.

    The full map (``view`` None or ``full``) is cut into each key judgment's
    view, then each group's statements with their reasons and objections,
    then those in no group; another view is cut only where it does not fit.

    Raises:
        UnknownView: the view names a group or statement the map lacks.
        GraphvizMissing, GraphvizFailed: ``dot`` could not lay a view out.
    """
    found = [_legend(graph, labels)] if legend else []
    views = _views(graph) if view is None or view.kind == "full" else [view]
    for each in views:
        found.extend(_fitted(graph, labels, each, page))
    return [_scaled(sheet, page) for sheet in found]


def _splittable(graph: ArgumentGraph, view: View) -> View:
    """A view as the statements whose reasons it shows, so that it can be cut."""
    if view.kind == "judgment":
        return View("reasons", members=(view.target or "",), label=view.caption)
    if view.kind == "summary":
        keys = tuple(sorted(graph.key_judgments, key=natural_key))
        return View("reasons", members=keys, label=view.caption)
    if view.kind == "group" and view.target in graph.groups:
        heads = _heads(graph, graph.groups[view.target].members, keys=True)
        return View("reasons", members=heads, label=view.caption) if heads else view
    if view.kind == "around":
        heads = _heads(graph, select(graph, view).shown, keys=True)
        return View("reasons", members=heads, label=view.caption) if heads else view
    return view


def _views(graph: ArgumentGraph) -> list[View]:
    """Each key judgment's view, then each group's and the ungrouped statements' reasons views."""
    views = [View("judgment", key) for key in sorted(graph.key_judgments, key=natural_key)]
    grouped: set[str] = set()
    for gid in sorted(graph.groups, key=natural_key):
        group = graph.groups[gid]
        grouped.update(group.members)
        heads = _heads(graph, group.members)
        if heads:
            label = f"Group {gid}: {group.label}" if group.label else f"Group {gid}"
            views.append(View("reasons", members=heads, label=label))
    heads = _heads(graph, [sid for sid in graph.statements if sid not in grouped])
    if heads:
        views.append(View("reasons", members=heads, label="Statements in no group"))
    return views


def _heads(graph: ArgumentGraph, members: Iterable[str], keys: bool = False) -> tuple[str, ...]:
    """The statements of ``members`` a page draws with their reasons and objections.

    Every drawn statement but a key judgment (which has a page of its own,
    unless ``keys``) that has reasons or objections, or that stands on no other page (as a
    premise or an objection there): so every inference and every statement
    is drawn in full on some page.
    """
    shown_elsewhere = {p for premises in graph.premises_of.values() for p in premises}
    shown_elsewhere |= {conflict.attacker for conflict in graph.conflicts.values()}
    return tuple(
        sorted(
            (
                sid
                for sid in members
                if sid in graph.statements
                and (keys or not graph.statements[sid].key)
                and in_argument(graph, sid)
                and (
                    graph.inferences_into.get(sid)
                    or graph.attackers_of.get(sid)
                    or sid not in shown_elsewhere
                )
            ),
            key=natural_key,
        )
    )


Unit = tuple[str, tuple[str, ...]]
"""What a page may hold or not: a statement and the inferences into it drawn with it."""


def _fitted(graph: ArgumentGraph, labels: dict[str, Label] | None, view: View, page: PageSize) -> list[Sheet]:
    """``view`` on one page, or its statements cut into runs that each fit.

    The statements are taken in the order the whole view's drawing places
    them (top to bottom, then left to right), so a page holds statements
    that stood together; a statement whose reasons alone do not fit is taken
    an inference at a time. Each page is the longest run that fits (found by
    halving), at least one statement or inference.
    """
    sheet = _drawn(graph, labels, view)
    view = _splittable(graph, view)
    if _fits(sheet, page) or view.kind != "reasons":
        return [sheet]
    units = _units(graph, labels, view, _reading_order(sheet.svg, view.members), page)
    if len(units) < 2:
        return [sheet]
    parts: list[Sheet] = []
    start = 0
    while start < len(units):
        part, taken = _longest_fitting(graph, labels, view, units[start:], page)
        parts.append(part)
        start += taken
    return [_numbered(graph, labels, part, number, len(parts)) for number, part in enumerate(parts, start=1)]


def _units(
    graph: ArgumentGraph, labels: dict[str, Label] | None, view: View, heads: list[str], page: PageSize
) -> list[Unit]:
    units: list[Unit] = []
    for head in heads:
        into = tuple(sorted(graph.inferences_into.get(head, ()), key=natural_key))
        if len(into) > 1 and not _fits(_drawn(graph, labels, _part(view, [(head, into)])), page):
            units.extend((head, (iid,)) for iid in into)
        else:
            units.append((head, into))
    return units


def _fits(sheet: Sheet, page: PageSize) -> bool:
    width, height = page.box
    return sheet.width <= width and sheet.height <= height


def _longest_fitting(
    graph: ArgumentGraph, labels: dict[str, Label] | None, view: View, units: list[Unit], page: PageSize
) -> tuple[Sheet, int]:
    """The sheet of the longest run ``units[:n]`` that fits (n ≥ 1, by bisection on n), and n."""
    low, high = 1, len(units)
    best = _drawn(graph, labels, _part(view, units[:1]))
    while low < high:
        middle = (low + high + 1) // 2
        sheet = _drawn(graph, labels, _part(view, units[:middle]))
        if _fits(sheet, page):
            low, best = middle, sheet
        else:
            high = middle - 1
    return best, low


def _part(view: View, units: list[Unit]) -> View:
    heads = tuple(dict.fromkeys(head for head, _ in units))
    inferences = tuple(iid for _, ids in units for iid in ids)
    return View(view.kind, members=heads, label=view.caption, inferences=inferences)


def _numbered(
    graph: ArgumentGraph, labels: dict[str, Label] | None, sheet: Sheet, number: int, count: int
) -> Sheet:
    """The part drawn again with "(N of M)" after its caption (the same layout, a longer caption)."""
    view = View(
        sheet.view.kind,
        members=sheet.view.members,
        label=f"{sheet.view.caption} ({number} of {count})",
        inferences=sheet.view.inferences,
    )
    return _drawn(graph, labels, view)


_NODE_AT = re.compile(r'<g id="s&#45;([^"]+)" class="node">.*?<text[^>]*? x="([-\d.]+)" y="([-\d.]+)"', re.S)


def _reading_order(svg: str, members: tuple[str, ...]) -> list[str]:
    """``members`` in the order the drawing shows them: top to bottom, then left to right."""
    at = {html.unescape(m.group(1)): (float(m.group(3)), float(m.group(2))) for m in _NODE_AT.finditer(svg)}
    return sorted(members, key=lambda sid: (*at.get(sid, (0.0, 0.0)), natural_key(sid)))


def _legend(graph: ArgumentGraph, labels: dict[str, Label] | None) -> Sheet:
    """The legend page: every mark the pages use (references, corroboration, labels when evaluated)."""
    return _sheet(View("members", label="Legend"), legend_dot(graph, evaluated=labels is not None))


def _drawn(graph: ArgumentGraph, labels: dict[str, Label] | None, view: View) -> Sheet:
    return _sheet(view, build_dot(graph, labels=labels, view=view, legend=False, title=False, compact=True))


def _sheet(view: View, source: str) -> Sheet:
    svg = layout(source, "svg").data.decode("utf-8")
    size = re.search(r'<svg[^>]*width="([\d.]+)pt"[^>]*height="([\d.]+)pt"', svg)
    width, height = (float(size.group(1)), float(size.group(2))) if size else (0.0, 0.0)
    return Sheet(view, svg, width, height)


def _scaled(sheet: Sheet, page: PageSize) -> Sheet:
    width, height = page.box
    scale = min(
        1.0, width / sheet.width if sheet.width else 1.0, height / sheet.height if sheet.height else 1.0
    )
    if scale < 1.0:
        scale *= 0.995  # rounding in the browser must not spill the drawing onto a page of its own
    return Sheet(sheet.view, sheet.svg, sheet.width, sheet.height, scale)


def paged_pdf(pages: list[Sheet], title: str, page: PageSize) -> bytes:
    """One PDF with a page per sheet, the map's title in each header and "page N of M" in each footer.

    Raises:
        PrintingFailed: Debian's Chromium is not installed, or printing failed.
    """
    return print_pdf(
        _document(pages, title), page.width, page.height, page_box(title), page_box("", PAGE_NUMBER)
    )


def inline_svg(sheet: Sheet) -> str:
    """The sheet's SVG for an HTML page: no XML prologue, sized to its scale in points."""
    svg = re.sub(r"^.*?(<svg)", r"\1", sheet.svg, count=1, flags=re.S)
    size = f"width:{sheet.width * sheet.scale:.1f}pt;height:{sheet.height * sheet.scale:.1f}pt"
    style = f"display:block;margin:0 auto;{size}"  # a block: no line box below it to spill over the page
    return re.sub(r'<svg([^>]*?)width="[\d.]+pt" height="[\d.]+pt"', rf'<svg\1style="{style}"', svg, count=1)


def _document(pages: list[Sheet], title: str) -> str:
    parts = []
    for number, sheet in enumerate(pages):
        brk = "page-break-before:always;" if number else ""
        parts.append(f'<section style="{brk}text-align:center">{inline_svg(sheet)}</section>')
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        + html.escape(title)
        + "</title></head><body style='margin:0'>"
        + "".join(parts)
        + "</body></html>"
    )
