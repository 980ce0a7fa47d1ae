"""Small helpers for driving the app by keys."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events
from textual.css.query import NoMatches
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


def send_key(pilot: Pilot[object], key: str, character: str | None = None) -> None:
    """Queue one named key (`tab`, `enter`, `escape`) behind the keys already queued."""
    app = pilot.app
    assert app._driver is not None
    event = events.Key(key, character)
    event.set_sender(app)
    app._driver.send_message(event)


def send_burst(pilot: Pilot[object], *parts: str) -> None:
    """Queue text and named keys (`<tab>`, `<enter>`) at once, with no wait between them."""
    for part in parts:
        if part.startswith("<") and part.endswith(">"):
            name = part[1:-1]
            send_key(pilot, name, {"enter": "\r", "tab": "\t"}.get(name))
        else:
            send_keys(pilot, part)


async def until(pilot: Pilot[object], condition: Callable[[], object], what: str) -> None:
    """Wait for a condition (a screen change after a key), never for a fixed time.

    A widget the condition looks for that is not mounted yet (a screen pushed but not yet
    composed) counts as not yet. Ten seconds at most: a loaded machine is slow, not wrong.
    """
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except NoMatches:
            pass
        await pilot.pause(0.01)
    raise AssertionError(f"timed out waiting for {what}")


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
