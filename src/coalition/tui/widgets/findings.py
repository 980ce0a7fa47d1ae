"""Alignment-check findings as text: what failed, which items, and what to do about it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from coalition.domain.checks import Finding
from coalition.visible_text import visible


def findings_text(findings: Sequence[Finding]) -> Text:
    """One paragraph per failed check; a single line when every check passes."""
    text = Text()
    if not findings:
        text.append("Every alignment check passes.")
        return text
    for finding in findings:
        text.append("▲ ", style="bold")
        text.append(finding.check, style="bold")
        if finding.items:
            text.append(f": {visible(', '.join(finding.items))}")
        text.append("\n  ")
        text.append(finding.advice, style="italic")
        text.append("\n")
    text.rstrip()
    return text
