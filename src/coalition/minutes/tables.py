"""GFM tables for the minutes (cells must already be escaped), and their shared labels."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coalition.domain.roles import Side

SIDE_LABELS = {Side.BUSINESS: "business", Side.IT: "IT", Side.EXTERNAL: "external"}


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)
