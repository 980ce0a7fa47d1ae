"""Small helpers for driving the app by keys."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from coalition.tui.screens.session import SessionScreen


async def type_line(pilot: Pilot[object], text: str, *, enter: bool = True) -> None:
    """Type `text` key by key (then Enter), as a person would."""
    await pilot.press(*text)
    if enter:
        await pilot.press("enter")
    await pilot.pause()


def session_screen(pilot: Pilot[object]) -> SessionScreen:
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen), f"not on the session screen: {screen!r}"
    return screen


def capture_input(pilot: Pilot[object]) -> Input:
    return session_screen(pilot).capture_line.input


def screen_text(pilot: Pilot[object]) -> str:
    """Everything on the screen (including a modal on top), as plain text lines."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)
