"""Escaping user text so that nothing a participant types can change the minutes' structure.

Every piece of user text is placed inline (after a fixed prefix, or in a table cell) as a
single line; `escape_inline` backslash-escapes what could start markup there, and turns bare
URLs into autolinks so GitHub and linters treat them as links. Front matter values are JSON
strings, which YAML reads as double-quoted scalars.
"""

from __future__ import annotations

import json
import re
import unicodedata

# Characters that can open inline markup or raw HTML anywhere in a line.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~&!])")
# What can open a block when it comes first in a line (or first in a list item).
_BLOCK_START = re.compile(r"^(#|[-+=:]|\d{1,9}[.)])")
_URL = re.compile(r"https?://[^\s<>\"'`\\|\[\]]+")
_URL_TRAILING = ".,;:!?)*_~"


def clean_line(text: str) -> str:
    """One line: control characters and line separators become spaces, runs collapse."""
    if text.isprintable():  # no control character, no space but " ": nothing to replace
        return " ".join(text.split())
    chars = [" " if unicodedata.category(ch)[0] == "C" or ch.isspace() else ch for ch in text]
    return " ".join("".join(chars).split())


def _escape_plain(text: str) -> str:
    return _INLINE_SPECIALS.sub(r"\\\1", text)


def escape_inline(text: str, *, at_line_start: bool = False) -> str:
    """User text as literal inline Markdown on one line (safe in lists, tables, headings).

    `at_line_start` also escapes what would open a block (`#`, `-`, `1.`) when the text
    begins a line; the minutes always put a prefix first, so they never need it.
    """
    text = clean_line(text)
    parts: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        url = match[0].rstrip(_URL_TRAILING)
        if len(url) <= len("https://"):
            continue
        parts.append(_escape_plain(text[position : match.start()]))
        parts.append(f"<{url}>")
        position = match.start() + len(url)
    parts.append(_escape_plain(text[position:]))
    escaped = "".join(parts)
    if not at_line_start:
        return escaped
    return _BLOCK_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], escaped, count=1)


def escape_cell(text: str) -> str:
    """User text for a table cell; an empty cell shows a dash."""
    return escape_inline(text) or "—"


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar: a JSON string, with invisible BMP characters escaped.

    Characters above the BMP stay as they are (YAML allows them; `\\u` cannot name them).
    """
    encoded = json.dumps(text, ensure_ascii=False)
    return "".join(
        f"\\u{ord(ch):04x}"
        if ord(ch) <= 0xFFFF and unicodedata.category(ch)[0] in "CZ" and ch != " "
        else ch
        for ch in encoded
    )
