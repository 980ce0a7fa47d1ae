"""The bar at the top of the session screen: where we are, and the step's countdown."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from coalition.domain.facilitation import Timebox, TimeboxPhase
from coalition.visible_text import visible


class TimeboxBar(Static):
    """Step position and title on the left, the countdown on the right.

    The bar's class follows the timebox phase (`-warning`, `-final`, `-overrun`, `-paused`)
    so that app.tcss colours it from the theme.
    """

    PHASE_CLASSES = ("-running", "-warning", "-final", "-overrun", "-paused")

    def show(self, position: str, title: str, timebox: Timebox) -> None:
        phase = timebox.phase
        clock = timebox.display()
        if timebox.paused:
            state = "paused"
        elif phase is TimeboxPhase.OVERRUN:
            state = "over"
        else:
            state = "left"
        right = f" {clock} {state} "
        width = max(10, self.size.width or 80)
        left = f" {position} {visible(title)}"
        room = width - len(right) - 1
        if len(left) > room:
            left = left[: max(0, room - 1)] + "…"
        text = Text(left.ljust(room + 1))
        text.append(right, style="bold reverse" if phase is not TimeboxPhase.RUNNING else "bold")
        self.update(text)
        self.set_class(phase is TimeboxPhase.WARNING, "-warning")
        self.set_class(phase is TimeboxPhase.FINAL, "-final")
        self.set_class(phase is TimeboxPhase.OVERRUN, "-overrun")
        self.set_class(timebox.paused, "-paused")
