r"""User text made safe to show: one sanitiser, one shortener, and the escapes of each output.

Map files, source documents and analysts' names are untrusted text. Before
any of it reaches a terminal, a diagram, a report or a spreadsheet it goes
through :func:`visible`, which shows every *unsafe* character as a Python
escape (``\x1b``, ``\u202e``) instead of letting it act. Unsafe are
(:data:`UNSAFE`):

* control characters (C0, DEL, C1): a terminal obeys them (``\x1b[2J``
  clears the screen), XML forbids most of them;
* line and paragraph separators (U+2028, U+2029), which break "one line";
* invisible format characters: zero-width spaces, word joiners, soft
  hyphens, the combining grapheme joiner, the Hangul and Mongolian fillers
  and Khmer inherent vowels (which show as nothing), the byte order mark,
  interlinear annotations, the Unicode *tag* characters (used to smuggle
  hidden text), and above all the **bidirectional** embeddings,
  overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks, which
  make text display in another order than it is written ("Trojan Source",
  Boucher & Anderson 2021);
* noncharacters and lone surrogates, which no output format can carry.

The zero-width joiner and non-joiner (U+200C, U+200D) and the variation
selectors are kept: Persian, the Indic scripts, CJK and emoji sequences need
them to render correctly, and they cannot reorder text. So are the other
format characters that show something: the prepended concatenation marks
(the Arabic number sign U+0600 and its kin, which draw a mark over the
digits that follow) and the Egyptian hieroglyph format controls.

After :func:`visible`, each output applies its own escape from this module:
:func:`dot_html` for Graphviz HTML-like labels, :func:`dot_attribute` for
Graphviz tooltips, :func:`markdown` for Markdown, :func:`html` for HTML
outside Jinja's autoescape, and :func:`spreadsheet` for CSV and Excel cells.
"""

from __future__ import annotations

import html as _html
import re
from typing import Any

_UNSAFE_RANGES = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # controls, except tab, line feed, carriage return
    "\u2028\u2029"  # line and paragraph separators
    "\u200b\u200e\u200f\u061c"  # zero-width space; left-to-right, right-to-left, Arabic letter marks
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0"  # soft hyphen, grapheme joiner, fillers
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
    "\u2060-\u2064\ufeff\ufff9-\ufffb"  # word joiner, invisible operators, byte order mark, annotations
    "\u206a-\u206f"  # deprecated format characters (symmetric swapping, digit shapes)
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"  # shorthand format controls, musical format characters
    "\U000e0000-\U000e007f"  # tag characters
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters of the Basic Multilingual Plane
    "\ud800-\udfff"  # lone surrogates
)
_PLANE_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
UNSAFE = re.compile(f"[{_UNSAFE_RANGES}{_PLANE_NONCHARACTERS}]")
"""Characters :func:`visible` always shows as escapes (see the module doc)."""

_UNSAFE_ONE_LINE = re.compile(f"[\t\n\r{_UNSAFE_RANGES}{_PLANE_NONCHARACTERS}]")
_LINE_ENDS = re.compile(r"\r\n?")
_WHITESPACE = re.compile(r"\s+")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~$])")

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection)."""

ELLIPSIS = "…"
"""Marks text cut by :func:`shorten`."""


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def visible(text: str | None, *, multiline: bool = False) -> str:
    r"""``text`` with every unsafe character shown as an escape.

    Args:
        text: any user text; None gives ``""``.
        multiline: keep line breaks (``\r\n`` and ``\r`` become ``\n``) and
            turn tabs into spaces, for reports that show paragraphs; when
            false, line breaks and tabs are escaped too (``\n``, ``\t``), so
            the result is always one line (for terminal messages).

    Returns:
        The text, unsafe characters (:data:`UNSAFE`) written as ``\x1b``,
        ``\u202e`` or ``\U000e0041``.
    """
    if not text:
        return ""
    if not multiline:
        return _UNSAFE_ONE_LINE.sub(_escape, text)
    text = _LINE_ENDS.sub("\n", text).replace("\t", " ")
    return UNSAFE.sub(_escape, text)


def visible_data(value: Any) -> Any:
    """JSON-ready data with every string, keys included, made :func:`visible` (multiline).

    Args:
        value: dicts, lists, strings, numbers, booleans and None.

    Returns:
        The same structure, new containers, strings escaped as :func:`visible` escapes them.
    """
    if isinstance(value, str):
        return visible(value, multiline=True)
    if isinstance(value, dict):
        return {visible_data(key): visible_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [visible_data(item) for item in value]
    return value


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (line breaks included) made one space, and stripped."""
    return _WHITESPACE.sub(" ", text).strip()


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to at most ``limit`` characters with :data:`ELLIPSIS`.

    Args:
        text: any text (apply :func:`visible` first if it is untrusted).
        limit: the longest result, at least 2.

    Returns:
        :func:`one_line` of ``text``, or its first ``limit - 1`` characters
        (trailing space dropped) and "…".
    """
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def html(text: str) -> str:
    """``text`` for HTML content or a quoted attribute: ``& < > " '`` as entities."""
    return _html.escape(text, quote=True)


def markdown(text: str) -> str:
    """One line of text for Markdown: Markdown and HTML special characters backslash-escaped.

    A table cell stays one cell (``|`` is escaped) and no tag reaches the
    rendered page (``<`` is escaped).
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))


def spreadsheet(text: str) -> str:
    """``text`` with a leading ``'`` if a spreadsheet would read it as a formula.

    Guards the starts in :data:`FORMULA_START`, also after leading spaces
    (OWASP, "CSV Injection").
    """
    return "'" + text if text.lstrip().startswith(FORMULA_START) else text


def is_formula_like(text: str) -> bool:
    """True if a spreadsheet would read ``text`` as a formula (see :func:`spreadsheet`)."""
    return text.lstrip().startswith(FORMULA_START)


def dot_html(text: str) -> str:
    r"""Text for inside a Graphviz HTML-like label.

    ``& < > "`` become entities and backslashes are doubled, so that
    Graphviz shows them instead of expanding escapes such as ``\N`` (the
    node name); an entity such as ``&#92;`` would be decoded first and
    expanded all the same. Apply :func:`visible` first.
    """
    return _html.escape(text).replace("\\", "\\\\")


def dot_attribute(text: str) -> str:
    r"""Text for a Graphviz attribute that is an *escString* shown in SVG, such as ``tooltip``.

    Graphviz reads such a value as an escString twice and keeps XML
    entities in the SVG: four backslashes and ``&amp;`` come out as one
    backslash and ``&``. Apply :func:`visible` first; the caller must also
    keep the python ``graphviz`` package from reading a value written
    ``<...>`` as an HTML string (:func:`graphviz.nohtml`).
    """
    return text.replace("&", "&amp;").replace("\\", "\\" * 4)
