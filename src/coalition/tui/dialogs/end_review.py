"""The end-of-session review: what is missing, before closing and writing the minutes."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from coalition.domain.checks import Finding
from coalition.services.review import Gap
from coalition.tui.safe_text import plain
from coalition.tui.widgets.findings import findings_text
from coalition.visible_text import visible


def review_text(gaps: list[Gap], findings: list[Finding]) -> Text:
    """The gaps first (fix them while the people are here), then the alignment checks."""
    text = gaps_text(gaps)
    text.rstrip()
    text.append("\n\n")
    text.append(f"Alignment checks ({len(findings)})\n", style="bold underline")
    text.append_text(findings_text(findings))
    return text


def gaps_text(gaps: list[Gap]) -> Text:
    if not gaps:
        return Text("Every decision and action has an owner, and every open action a due date.")
    things = "1 thing" if len(gaps) == 1 else f"{len(gaps)} things"
    text = Text(f"{things} to fix, or accept as they are:\n\n")
    width = max(len(gap.item_id) for gap in gaps) + 1
    for gap in gaps:
        text.append(visible(gap.item_id).ljust(width) if gap.item_id else "· ", style="bold")
        text.append(f"{gap.problem}: ", style="italic")
        text.append(f"{visible(gap.text)}\n")
    return text


class EndReviewDialog(ModalScreen[str]):
    """Answers CLOSE (close and write the minutes), FACILITATOR (name one) or BACK."""

    CLOSE, FACILITATOR, BACK = "close", "facilitator", "back"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w,ctrl+s", "close_session", "Close & write minutes", id="review.close",
                tooltip="Mark the session closed and write the minutes beside it"),
        Binding("f", "name_facilitator", "Facilitator", id="review.facilitator",
                tooltip="Name the facilitator the minutes give"),
        Binding("escape", "back", "Back", id="review.back",
                tooltip="Go back and fix what is missing"),
    ]  # fmt: skip

    def __init__(self, gaps: list[Gap], minutes_path: str, findings: list[Finding]) -> None:
        super().__init__()
        self._gaps = gaps
        self._findings = findings
        self._minutes_path = minutes_path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="review"):
            yield Static("End of session: review", classes="dialog-title")
            with VerticalScroll(id="review-gaps"):
                yield Static(review_text(self._gaps, self._findings))
            yield Static(
                plain(
                    f"↑↓ scroll · w Close & write minutes ({self._minutes_path}) · "
                    "f Facilitator · Esc Back"
                ),
                classes="dialog-hint",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#review-gaps", VerticalScroll).focus()

    def action_close_session(self) -> None:
        self.dismiss(self.CLOSE)

    def action_name_facilitator(self) -> None:
        self.dismiss(self.FACILITATOR)

    def action_back(self) -> None:
        self.dismiss(self.BACK)
