"""Moving the room between steps, and each step's countdown (pause, extend)."""

from __future__ import annotations

from coalition.domain.facilitation import neighbour_step
from coalition.tui.messages import StepChosen
from coalition.tui.screens.session.base import SessionBase

EXTEND_SECONDS = 300


class StepsAndTimebox(SessionBase):
    """Page Down / Page Up, a jump from the agenda or the palette; F5 pauses, F6 extends."""

    def go_to_step(self, step_id: str) -> None:
        """Move the room to a step; the store saves it so a reopened session resumes here.

        The step is shown first and saved right after that frame: the position is only
        where a reopened session resumes, and the room should not wait for a disk sync.
        """
        if step_id == self._current:
            return
        self.tick()
        self._current = step_id
        self._last_tick = self._clock()
        self.refresh_step()
        self.call_after_refresh(self._save_position, step_id)

    def _save_position(self, step_id: str) -> None:
        """Save the step and the countdowns in one write."""
        if step_id != self._current or step_id == self.store.info.current_step:
            return  # moved on again meanwhile (that move saves), or saved already
        self.save_elapsed(step_id)

    def action_next_step(self) -> None:
        self.go_to_step(neighbour_step(self.store.info.playbook, self._current, 1))

    def action_previous_step(self) -> None:
        self.go_to_step(neighbour_step(self.store.info.playbook, self._current, -1))

    def on_step_chosen(self, message: StepChosen) -> None:
        self.go_to_step(message.step_id)
        self.focus_capture()

    def action_toggle_timebox(self) -> None:
        self.tick()
        self.timebox.toggle_pause()
        self.update_bar()
        self.save_elapsed()

    def action_extend_timebox(self) -> None:
        self.timebox.extend(EXTEND_SECONDS)
        self.update_bar()
        self.capture_line.show_info(f"{self.current_step.title}: five more minutes.")
