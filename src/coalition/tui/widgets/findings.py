"""Alignment-check findings as text: what failed, which items, and what to do about it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from coalition.domain.checks import CHECKS, Finding
from coalition.visible_text import visible


def findings_text(findings: Sequence[Finding], *, explain: bool = False) -> Text:
    """One paragraph per failed check; a single line when every check passes. With
    `explain`, each also gives its code (as `coalition check` prints it) and the seed idea
    it comes from."""
    text = Text()
    if not findings:
        text.append("Every alignment check passes.")
        return text
    for finding in findings:
        text.append("▲ ", style="bold")
        text.append(finding.check, style="bold")
        if finding.named:
            text.append(f": {visible(', '.join(finding.named))}")
        text.append("\n  ")
        text.append(finding.advice, style="italic")
        if explain:
            text.append(f"\n  {finding.code}: ", style="dim bold")
            text.append(CHECKS[finding.code].seed, style="dim")
        text.append("\n")
    text.rstrip()
    return text
