"""The current step's purpose and prompts, for the facilitator to read out."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from coalition.domain.models import StepSnapshot
from coalition.tui.safe_text import plain
from coalition.visible_text import visible


def guide_text(step: StepSnapshot) -> Text:
    """The prompts first (what the room answers), then the purpose."""
    text = Text()
    for prompt in step.prompts:
        text.append("• ", style="bold")
        text.append(f"{visible(prompt)}\n")
    if step.captures:
        text.append(f"Captures: {visible(', '.join(step.captures))}\n", style="italic")
    if step.purpose:
        text.append("\n")
        text.append(visible(step.purpose.strip(), keep_newlines=True), style="dim")
    return text


class StepGuide(VerticalScroll, can_focus=False):
    """A scrollable box holding the step's guide."""

    def compose(self) -> ComposeResult:
        yield Static(id="guide-text")

    def show(self, step: StepSnapshot) -> None:
        self.border_title = plain(step.title)
        self.query_one("#guide-text", Static).update(guide_text(step))
        self.scroll_home(animate=False)
