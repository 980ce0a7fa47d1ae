"""The agenda: the playbook's steps marked done, current, skipped or to do, with timeboxes.

One line per step, drawn straight from the step list: moving the room to another step only
changes two marks, so it redraws a dozen short lines instead of rebuilding a list widget
(the OptionList this replaces took about a third of a step change's time at 2,000 items).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from coalition.domain.facilitation import StepState, agenda
from coalition.domain.models import SessionInfo, StepSnapshot
from coalition.tui.messages import StepChosen
from coalition.visible_text import visible

MARKS = {StepState.DONE: "✓", StepState.CURRENT: "▶", StepState.SKIPPED: "↷", StepState.TODO: "·"}
NUMBERS_FROM = 30  # below this width the step numbers give their room to the titles


def short_title(title: str, room: int) -> str:
    """The title in `room` cells: whole, else without its "(Kotter 1)" tail, else cut."""
    if len(title) <= room:
        return title
    head = title.split(" (", 1)[0].rstrip()
    if len(head) <= room:
        return head
    return head[: max(0, room - 1)] + "…"


def agenda_parts(number: int, title: str, minutes: int, state: StepState, width: int) -> list[str]:
    """One line in exactly `width` cells: mark, (number,) title, timebox on the right."""
    left = f"{MARKS[state]} " + (f"{number:>2} " if width >= NUMBERS_FROM else "")
    right = f" {minutes}m "
    room = max(4, width - len(left) - len(right))
    return [left, short_title(visible(title), room).ljust(room), right]


def agenda_label(number: int, title: str, minutes: int, state: StepState, width: int) -> Text:
    """The line as Rich text (the widget draws the same parts as segments)."""
    style = "bold" if state is StepState.CURRENT else ""
    left, middle, right = agenda_parts(number, title, minutes, state, width)
    return Text.assemble((left, style), (middle, style), (right, "dim"), no_wrap=True)


BOLD = Style(bold=True)
DIM = Style(dim=True)


class Agenda(ScrollView, can_focus=True):
    """One line per step; ↑↓ move the cursor, Enter (or a click) jumps to that step."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("home", "cursor_to(0)", "First", show=False),
        Binding("end", "cursor_to(-1)", "Last", show=False),
        Binding(
            "enter", "choose", "Jump", id="agenda.jump", show=False, tooltip="Jump to this step"
        ),  # the status line says so; the footer is full
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"agenda--cursor"}
    DEFAULT_CSS = """
    Agenda { background: $surface; }
    Agenda > .agenda--cursor { background: $block-cursor-blurred-background; }
    Agenda:focus > .agenda--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._steps: list[tuple[StepSnapshot, StepState]] = []
        self.cursor = 0

    def show(self, info: SessionInfo, current_step: str, captured: Iterable[str] = ()) -> None:
        """Mark the steps for the current one; the cursor goes to it."""
        self._steps = agenda(info, current_step, captured)
        self.cursor = max(0, info.playbook.step_index(current_step))
        self.virtual_size = Size(self.size.width, len(self._steps))
        self._scroll_to_cursor()
        self.refresh()

    @property
    def step_ids(self) -> list[str]:
        return [step.id for step, _ in self._steps]

    # -- drawing -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._steps):
            return Strip.blank(width, base)
        step, state = self._steps[index]
        left, middle, right = agenda_parts(
            index + 1, step.title, step.timebox_minutes, state, width
        )
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("agenda--cursor")
        strong = style + BOLD if state is StepState.CURRENT else style
        if state is StepState.SKIPPED:
            strong = style + DIM
        segments = [Segment(left, strong), Segment(middle, strong), Segment(right, style + DIM)]
        return Strip(segments).crop_extend(0, width, style)

    # -- keys and mouse ------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        self._move_cursor(self.cursor + delta)

    def action_cursor_to(self, index: int) -> None:
        self._move_cursor(index if index >= 0 else len(self._steps) - 1)

    def _move_cursor(self, index: int) -> None:
        if not self._steps:
            return
        self.cursor = max(0, min(index, len(self._steps) - 1))
        self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, force=True)

    def action_choose(self) -> None:
        if self._steps:
            self.post_message(StepChosen(self._steps[self.cursor][0].id))

    def on_click(self, event: events.Click) -> None:
        _, scroll_y = self.scroll_offset
        index = scroll_y + event.y
        if 0 <= index < len(self._steps):
            self.cursor = index
            self.refresh()
            self.action_choose()
