"""The agenda: the playbook's steps marked done, current or to do, with their timeboxes."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coalition.domain.facilitation import StepState, agenda
from coalition.domain.models import PlaybookSnapshot
from coalition.tui.messages import StepChosen

TITLE_WIDTH = 13  # the agenda column is narrow; the full title is in the step guide
MARKS = {StepState.DONE: "✓", StepState.CURRENT: "▶", StepState.TODO: "·"}


class Agenda(OptionList):
    """One option per step; Enter on a step jumps there."""

    def show(self, playbook: PlaybookSnapshot, current_step: str) -> None:
        options = []
        for number, (step, state) in enumerate(agenda(playbook, current_step), 1):
            label = Text(no_wrap=True, overflow="ellipsis")
            title = (
                step.title
                if len(step.title) <= TITLE_WIDTH
                else step.title[: TITLE_WIDTH - 1] + "…"
            )
            label.append(f"{MARKS[state]} ", style="bold" if state is StepState.CURRENT else "")
            label.append(f"{number} {title}", style="bold" if state is StepState.CURRENT else "")
            label.append(f" {step.timebox_minutes}m", style="dim")
            options.append(Option(label, id=step.id))
        self.set_options(options)
        self.highlighted = playbook.step_index(current_step)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(StepChosen(event.option.id))
