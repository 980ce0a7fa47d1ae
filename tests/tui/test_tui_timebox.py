"""The countdown: always visible, colour near the end and on overrun, pause and extend."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coalition.tui.app import CoalitionApp
from coalition.tui.widgets.timebox_bar import TimeboxBar

from .conftest import FakeClock
from .helpers import screen_text, session_screen


async def test_timebox_phases_pause_and_extend(
    session_path: Path, app_factory: Callable[..., CoalitionApp], clock: FakeClock
) -> None:
    async with app_factory(session_path).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = session_screen(pilot)
        bar = screen.query_one(TimeboxBar)
        assert "10:00 left" in screen_text(pilot)  # the review step has 10 minutes

        clock.advance(8 * 60 + 30)
        screen.tick()
        await pilot.pause()
        assert bar.has_class("-warning") and "01:30 left" in screen_text(pilot)

        clock.advance(75)
        screen.tick()
        assert bar.has_class("-final")

        await pilot.press("f5")  # pause: time no longer counts
        clock.advance(600)
        screen.tick()
        await pilot.pause()
        assert bar.has_class("-paused") and "00:15 paused" in screen_text(pilot)
        await pilot.press("f5")

        clock.advance(45)
        screen.tick()
        await pilot.pause()
        assert bar.has_class("-overrun") and "+00:30 over" in screen_text(pilot)

        await pilot.press("f6")
        await pilot.pause()
        assert not bar.has_class("-overrun") and "04:30 left" in screen_text(pilot)

        await pilot.press("pagedown")  # the next step starts its own countdown
        await pilot.pause()
        assert "15:00 left" in screen_text(pilot)
