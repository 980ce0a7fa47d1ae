"""The capture line: one Input and one line of feedback under it.

A line that cannot be captured keeps its text and gets an inline message; a saved one is
cleared and acknowledged with its new ID.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from coalition.tui.messages import CaptureSubmitted
from coalition.visible_text import visible

PLACEHOLDER = "d decision @owner · a action @owner due:fri · i irritant +2 · n note · p person"
HINT = "Enter saves · Esc: the items · F1: keys and syntax"
# One short example per kind; the placeholder shows those of the step, in the playbook's
# order, so a health check's step starts with `h green|amber|red`.
EXAMPLES = {
    "decision": "d decision @owner",
    "action": "a action @owner due:fri",
    "irritant": "i irritant +2",
    "note": "n note",
    "participant": "p person side:it",
    "stream": "v value stream",
    "metric": "m metric to:Board",
    "win": "w win @owner",
    "rating": "h green|amber|red evidence",
    "hands": "hands 9/12 question",
}


def placeholder_for(captures: Sequence[str]) -> str:
    """The capture line's placeholder for a step that captures these kinds."""
    return " · ".join(EXAMPLES[kind] for kind in captures if kind in EXAMPLES) or PLACEHOLDER


class CaptureLine(Vertical):
    """Type an item and press Enter; the screen parses and saves it."""

    DEFAULT_CSS = """
    CaptureLine { height: auto; }
    CaptureLine > #capture-message {
        height: auto; max-height: 3; padding: 0 1; color: $text-muted;
    }
    CaptureLine > #capture-message.-error { color: $text-error; }
    CaptureLine > #capture-message.-ok { color: $text-success; }
    """

    def compose(self) -> ComposeResult:
        # no select-all on focus: coming back to a half-typed line must not let the next
        # key replace it
        yield Input(placeholder=PLACEHOLDER, id="capture-input", select_on_focus=False)
        yield Static(HINT, id="capture-message", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one("#capture-input", Input)

    @property
    def value(self) -> str:
        return self.input.value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(CaptureSubmitted(event.value))

    def suggest(self, captures: Sequence[str]) -> None:
        """Show examples of what the current step captures, as the placeholder."""
        self.input.placeholder = placeholder_for(captures)

    def show_error(self, message: str) -> None:
        """Keep the typed text and say what to fix."""
        self._message(message, "-error")

    def accepted(self, message: str) -> None:
        """The line was saved: clear it and say so."""
        self.input.value = ""
        self._message(message, "-ok")

    def show_hint(self) -> None:
        """Back on the capture line: say how it works (unless a result is showing)."""
        label = self.query_one("#capture-message", Static)
        if not (label.has_class("-error") or label.has_class("-ok")):
            self._message(HINT, "")

    def show_info(self, message: str) -> None:
        self._message(message, "")

    def _message(self, message: str, css_class: str) -> None:
        label = self.query_one("#capture-message", Static)
        label.update(visible(message, keep_newlines=True))  # no markup read; may quote a text
        label.set_class(css_class == "-error", "-error")
        label.set_class(css_class == "-ok", "-ok")
