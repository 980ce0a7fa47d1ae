"""The alignment checks, any time during the session (the end review shows them too)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from coalition.domain.checks import Finding
from coalition.tui.widgets.findings import findings_text


class ChecksDialog(ModalScreen[None]):
    """Each failed check with its items and advice; arrows scroll, Escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f7,q", "close", "Back", id="checks.back", tooltip="Close the checks"),
    ]

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__()
        self._findings = findings

    def compose(self) -> ComposeResult:
        count = len(self._findings)
        with Vertical(classes="dialog", id="checks"):
            yield Static(
                f"Alignment checks: {count} to act on" if count else "Alignment checks",
                classes="dialog-title",
            )
            with VerticalScroll(id="checks-list"):
                yield Static(findings_text(self._findings, explain=True), markup=False)
            yield Static("↑↓ scroll · Esc: back", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#checks-list", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
