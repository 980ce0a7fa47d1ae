"""The one Markdown parser configuration, shared by playbooks, minutes and the preview.

CommonMark plus GitHub's tables and strikethrough, with raw HTML off: what the facilitator
sees in the app is what the export writes and what GitHub shows.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt


@cache
def markdown_parser() -> MarkdownIt:
    """The shared parser (built once; markdown-it parsers are reusable)."""
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
