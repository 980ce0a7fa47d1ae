"""What screens need from the app, and what tools need from the session screen.

Screens and tools never import the app class (nor tools the session screen): they see it
through these protocols, so the UI's modules form layers without cycles (import-linter
checks it, see pyproject.toml). `CoalitionApp` and `SessionScreen` satisfy them
structurally; mypy checks that where each is defined.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from coalition.domain.facilitation import Timebox
    from coalition.domain.models import StepSnapshot
    from coalition.errors import CoalitionError
    from coalition.room import Room
    from coalition.services.editing import UndoHistory
    from coalition.store import SessionStore


@runtime_checkable
class AppHost(Protocol):
    """The app's flows that a screen starts: errors, sessions, minutes, closing."""

    def show_error(self, error: CoalitionError) -> None:
        """An expected failure, as a notification that stays long enough to read."""

    def open_session(self, path: Path) -> bool:
        """Open (lock) a session file and show it; False (and a message) if it cannot."""

    def preview_minutes(self, store: SessionStore) -> None:
        """Show the minutes the export would write."""

    def export_minutes(self, store: SessionStore) -> Path | None:
        """Write the minutes beside the session file; None (and a message) on failure."""

    def review_and_close(self, store: SessionStore, back: Callable[[], None]) -> None:
        """The end review; `back` runs when the facilitator goes back to the session."""

    @property
    def room(self) -> Room | None:
        """The room being served, if one is open."""

    async def open_room(self, store: SessionStore, on_change: Callable[[], None]) -> Room | None:
        """Serve the room over this store; None (and a message) if it cannot."""

    def close_room(self) -> None:
        """Stop serving the room: its links, code and cookies stop working."""


def app_host(node: DOMNode) -> AppHost:
    """The app a widget or screen runs in, seen as an `AppHost`."""
    app = node.app
    assert isinstance(app, AppHost), f"{type(app).__name__} is not a coalition app host"
    return app


class SessionHost(Protocol):
    """What an alignment tool needs from the session screen under it."""

    store: SessionStore
    history: UndoHistory
    # set by a tool that saved something the items list or the roster shows
    tool_changed: bool

    @property
    def current_step(self) -> StepSnapshot:
        """The step the room is on."""
        ...

    @property
    def timebox(self) -> Timebox:
        """The current step's countdown."""
        ...

    def tick(self) -> None:
        """Bring the countdown up to date."""

    def bar_labels(self) -> tuple[str, str]:
        """The position ("Step 3/13") and the title the countdown bar shows."""
        ...
