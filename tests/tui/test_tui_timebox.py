"""The countdown: always visible, colour near the end and on overrun, pause and extend."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tinydb import TinyDB

from coalition.domain.models import SessionInfo
from coalition.minutes import render_minutes
from coalition.store import SessionStore, read_session
from coalition.tui.app import CoalitionApp
from coalition.tui.screens.session.base import SAVE_ELAPSED_EVERY
from coalition.tui.widgets.timebox_bar import TimeboxBar

from .conftest import FakeClock
from .helpers import screen_text, session_screen, until


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


async def test_reopening_resumes_each_steps_countdown(
    session_path: Path, app_factory: Callable[..., CoalitionApp], clock: FakeClock
) -> None:
    async with app_factory(session_path).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.advance(4 * 60)
        await pilot.press("pagedown")  # the step change saves the countdowns
        await until(pilot, lambda: read_session(session_path).info.step_elapsed, "the save")
        assert read_session(session_path).info.step_elapsed == {"review": 240}
        clock.advance(60)
        await pilot.press("ctrl+q")  # quitting saves them too
    assert read_session(session_path).info.step_elapsed == {"review": 240, "urgency": 60}
    async with app_factory(session_path).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "14:00 left" in screen_text(pilot)  # the urgency step has 15 minutes
        await pilot.press("pageup")
        await pilot.pause()
        assert "06:00 left" in screen_text(pilot)


async def test_countdowns_are_saved_on_pause_and_now_and_then_not_every_tick(
    session_path: Path, app_factory: Callable[..., CoalitionApp], clock: FakeClock
) -> None:
    async with app_factory(session_path).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = session_screen(pilot)
        clock.advance(30)
        screen.tick()
        assert read_session(session_path).info.step_elapsed == {}  # not on a tick
        clock.advance(SAVE_ELAPSED_EVERY)
        screen.tick()
        assert read_session(session_path).info.step_elapsed == {"review": 90}
        clock.advance(5)
        await pilot.press("f5")
        await until(
            pilot, lambda: read_session(session_path).info.step_elapsed == {"review": 95}, "F5"
        )


async def test_closing_with_the_end_review_saves_the_last_step_s_countdown(
    session_path: Path, app_factory: Callable[..., CoalitionApp], clock: FakeClock
) -> None:
    async with app_factory(session_path).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.advance(14)
        await pilot.press("f10")
        await until(pilot, lambda: "End of session" in screen_text(pilot), "the review")
        await pilot.press("w")
        await until(pilot, lambda: read_session(session_path).info.status.value == "closed", "w")
    assert read_session(session_path).info.step_elapsed == {"review": 14}


def test_elapsed_times_stay_out_of_the_minutes_and_stock_tinydb_reads_them(
    session_path: Path,
) -> None:
    before = render_minutes(read_session(session_path))
    with SessionStore.open(session_path) as store:
        store.set_step_elapsed({"review": 600, "urgency": 75})
    session = read_session(session_path)
    assert session.info.step_elapsed == {"review": 600, "urgency": 75}
    assert render_minutes(session) == before
    db = TinyDB(session_path)
    try:
        records = [r for name in db.tables() for r in db.table(name).all()]
    finally:
        db.close()
    assert {"review": 600, "urgency": 75} in [r.get("step_elapsed") for r in records]


def test_a_file_without_elapsed_times_still_loads(session_path: Path) -> None:
    record = read_session(session_path).info.to_record()
    assert "step_elapsed" not in record  # nothing ran: the file is as before
    assert SessionInfo.from_record(record).step_elapsed == {}
