"""The current step's purpose and prompts, for the facilitator to read out."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from coalition.domain.models import StepSnapshot


def guide_text(step: StepSnapshot) -> Text:
    """The prompts first (what the room answers), then the purpose."""
    text = Text()
    for prompt in step.prompts:
        text.append("• ", style="bold")
        text.append(f"{prompt}\n")
    if step.captures:
        text.append(f"Captures: {', '.join(step.captures)}\n", style="italic")
    if step.purpose:
        text.append("\n")
        text.append(step.purpose.strip(), style="dim")
    return text


class StepGuide(VerticalScroll, can_focus=False):
    """A scrollable box holding the step's guide."""

    def compose(self) -> ComposeResult:
        yield Static(id="guide-text")

    def show(self, step: StepSnapshot) -> None:
        self.border_title = step.title
        self.query_one("#guide-text", Static).update(guide_text(step))
        self.scroll_home(animate=False)
