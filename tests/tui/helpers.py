"""Small helpers for driving the app by keys."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input

from coalition.tui.screens.session import SessionScreen


async def type_line(pilot: Pilot[object], text: str, *, enter: bool = True) -> None:
    """Type `text` key by key (then Enter), as a fast typist would.

    The keys go to the app as one burst, in order, through the same path as a terminal's
    (`pilot.press` waits for the app to be idle twice after every key: about 50 ms a key,
    most of the UI tests' time). Enter follows once the line has landed.
    """
    send_keys(pilot, text)
    await pilot.pause()
    if enter:
        await pilot.press("enter")
    await pilot.pause()


def send_keys(pilot: Pilot[object], text: str) -> None:
    """Queue one key event per character, as the terminal driver does."""
    app = pilot.app
    assert app._driver is not None
    for char in text:
        key = char if char.isalnum() else _character_to_key(char)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


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


async def until(pilot: Pilot[object], condition: Callable[[], bool], what: str) -> None:
    """Wait for a condition (a screen change after a key), never for a fixed time."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"timed out waiting for {what}")
