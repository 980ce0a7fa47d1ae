"""Keys typed ahead land where they were typed for, however fast they come.

A terminal delivers a paste or a fast typist's keys in one burst; the app routes each key
to whatever has the focus when it reaches it, so a key that moves the focus (Tab) must act
before the next key is routed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from coalition.store import read_session
from coalition.tui.app import CoalitionApp
from coalition.tui.dialogs.new_session import NewSessionDialog
from coalition.tui.screens.session import SessionScreen

from .conftest import SIZE
from .helpers import capture_input, send_burst, session_screen, until


def capture_focused(app: CoalitionApp) -> bool:
    """The session screen is up, its capture line ready for typing."""
    return isinstance(app.focused, Input) and isinstance(app.screen, SessionScreen)


async def test_new_session_form_typed_in_one_burst(
    app_factory: Callable[..., CoalitionApp],
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.focused, Input), "the form's first field")
        send_burst(
            pilot,
            "Acme Insurance", "<tab>", "Kick-off", "<tab>", "<tab>", "<ctrl+u>", "Fran Okafor",
            "<tab>", "<tab>", "Alice Smith role:CFO; Bob Lee side:it", "<enter>",
        )  # fmt: skip
        await until(
            pilot,
            lambda: isinstance(app.focused, Input) and isinstance(app.screen, SessionScreen),
            "the new session's capture line",
        )
        info = session_screen(pilot).store.info
        assert (info.client, info.title, info.facilitator) == (
            "Acme Insurance",
            "Kick-off",
            "Fran Okafor",
        )
        names = [p.name for p in session_screen(pilot).store.session.participants]
        assert names == ["Alice Smith", "Bob Lee"]


async def test_shift_tab_in_a_burst_goes_back_a_field(
    app_factory: Callable[..., CoalitionApp],
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.focused, Input), "the form's first field")
        # back in a filled field its text is selected: End, then the rest of the name
        send_burst(pilot, "Acme", "<tab>", "Kick", "<shift+tab>", "<end>", " Ltd", "<tab>",
                   "<end>", "-off")  # fmt: skip
        dialog = app.screen
        assert isinstance(dialog, NewSessionDialog)
        await until(
            pilot, lambda: dialog.query_one("#new-title", Input).value == "Kick-off", "the title"
        )
        assert dialog.query_one("#new-client", Input).value == "Acme Ltd"


async def test_lines_typed_behind_enter_stay_on_the_capture_line(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    """The next line typed before the first one is saved is not wiped by its acknowledgement."""
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        send_burst(pilot, "n First", "<enter>", "n Second", "<enter>", "n Thi")
        await until(pilot, lambda: len(read_session(session_path).notes) == 2, "two notes")
        await until(pilot, lambda: capture_input(pilot).value == "n Thi", "the third line")
        assert [n.text for n in read_session(session_path).notes] == ["First", "Second"]


async def test_keys_typed_before_the_form_is_up_land_in_it(
    app_factory: Callable[..., CoalitionApp],
) -> None:
    """`n` and the client's name at once: the name waits for the form instead of reaching
    the Home screen, where `p`, `r` or `q` would browse, refresh or quit."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query("#sessions"), "the Home screen")
        send_burst(pilot, "n", "Iraq Post", "<tab>", "Kick-off")
        await until(pilot, lambda: isinstance(app.screen, NewSessionDialog), "the form")
        dialog = app.screen
        await until(
            pilot, lambda: dialog.query_one("#new-title", Input).value == "Kick-off", "the title"
        )
        assert dialog.query_one("#new-client", Input).value == "Iraq Post"
        assert app.is_running


async def test_a_follow_up_typed_in_one_burst_carries_and_marks_who_came(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    """The client has a session: the form says what carries; a carried member typed in the
    participants field is marked here, not added twice."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query("#sessions"), "the Home screen")
        send_burst(pilot, "n", "Acme Insurance", "<tab>", "Follow-up", "<tab>", "<tab>",
                   "<tab>", "<tab>", "Bob Lee; Dana Ross")  # fmt: skip
        await until(pilot, lambda: isinstance(app.screen, NewSessionDialog), "the form")
        dialog = app.screen
        assert isinstance(dialog, NewSessionDialog)
        await until(
            pilot,
            lambda: dialog.carry_summary == "Carries from Kick-off (2026-03-02): 2 members.",
            "what carries",
        )
        send_burst(pilot, "<enter>")
        await until(pilot, lambda: capture_focused(app), "the new session's capture line")
        session = session_screen(pilot).store.session
        assert session.info.title == "Follow-up"
        assert [(p.name, p.present) for p in session.participants] == [
            ("Alice Smith", False),
            ("Bob Lee", True),
            ("Dana Ross", True),
        ]
        assert set(session.baseline) == {"P-1", "P-2"}


@pytest.mark.parametrize(
    ("keys", "participants"),
    [
        (("<ctrl+f>",), []),  # Ctrl+F from the title field
        (("<tab>", "<tab>", "<tab>", "<tab>", "Zoe Hart", "<tab>", " "), [("P-3", "Zoe Hart")]),
    ],
    ids=["ctrl+f", "checkbox"],
)
async def test_start_fresh_by_key_or_checkbox_in_a_burst(
    session_path: Path,
    app_factory: Callable[..., CoalitionApp],
    keys: tuple[str, ...],
    participants: list[tuple[str, str]],
) -> None:
    """Ctrl+F from any field, or Space on the checkbox after the participants and Enter
    there: the new session starts empty, its IDs after the client's."""
    kick_off = read_session(session_path)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query("#sessions"), "the Home screen")
        send_burst(pilot, "n", "Acme Insurance", "<tab>", "Fresh start", *keys)
        await until(pilot, lambda: isinstance(app.screen, NewSessionDialog), "the form")
        dialog = app.screen
        assert isinstance(dialog, NewSessionDialog)
        await until(pilot, lambda: dialog.carry_summary.startswith("Starts empty"), "fresh")
        assert dialog.carry_summary == (
            "Starts empty: nothing carried from Kick-off (2026-03-02); IDs go on after it."
        )
        send_burst(pilot, "<enter>")
        await until(pilot, lambda: capture_focused(app), "the new session's capture line")
        session = session_screen(pilot).store.session
        assert session.info.title == "Fresh start"
        assert session.baseline == {} and session.info.previous == ""
        assert [(p.id, p.name) for p in session.participants] == participants
    assert read_session(session_path) == kick_off  # the earlier session is only read


async def test_closing_the_form_while_it_looks_up_the_client_is_harmless(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query("#sessions"), "the Home screen")
        send_burst(pilot, "n", "Acme Insurance", "<escape>")
        await until(pilot, lambda: app.screen.query("#sessions"), "Home again")
        await until(pilot, lambda: not any(w.is_running for w in app.workers), "the lookup")
        await pilot.pause()
        assert app.is_running and app.screen.query("#sessions")
