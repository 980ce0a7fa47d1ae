"""Snapshots of the key screens at 80x24 (the smallest size the app promises to serve).

The workspace lives at a fixed path because the Home screen and the end review show it.
Cursor blink and animations are off; the clock is fake, so the countdown is stable.
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from coalition.domain.alignment import Stage
from coalition.services.workspace import Workspace, init_workspace
from coalition.tui.app import CoalitionApp, create_app
from coalition.tui.screens.session import SessionScreen
from coalition.tui.widgets.rendered_markdown import RenderedMarkdown

from .conftest import TODAY, FakeClock, make_session
from .helpers import type_line

SNAPSHOT_ROOT = Path("/tmp/coalition-tui-snapshots")
SIZE = (80, 24)
LINES = [
    "d We adopt the value-stream map as our shared picture @alice @bob",
    "a Draft the metrics pack @bob due:+7d",
    "a Book the follow-up workshop",
    "i Password resets take three days +3 for:Sales",
    "n The CFO wants the warranty costs explained",
]


@pytest.fixture
def snapshot_workspace() -> Iterator[Workspace]:
    """The fixed-path workspace, for one test run at a time (two clones may test at once)."""
    with open(f"{SNAPSHOT_ROOT}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        shutil.rmtree(SNAPSHOT_ROOT, ignore_errors=True)
        workspace, _ = init_workspace(SNAPSHOT_ROOT / "ws")
        yield workspace


def build(workspace: Workspace, session: Path | None, theme: str | None = None) -> CoalitionApp:
    app = create_app(workspace, session, clock=FakeClock(), today=lambda: TODAY, theme=theme)
    app.animation_level = "none"
    return app


async def still(pilot: Pilot[Any]) -> None:
    """No blinking cursor, nothing pending."""
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


async def capture_lines(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    for line in LINES:
        await type_line(pilot, line)
    await still(pilot)


def test_home(snap_compare: Callable[..., bool], snapshot_workspace: Workspace) -> None:
    make_session(snapshot_workspace, (("Alice Smith", "business"),))
    assert snap_compare(build(snapshot_workspace, None), terminal_size=SIZE, run_before=still)


def test_session_dark(snap_compare: Callable[..., bool], snapshot_workspace: Workspace) -> None:
    path = make_session(snapshot_workspace, (("Alice Smith", "business"), ("Bob Lee", "it")))
    app = build(snapshot_workspace, path)
    assert snap_compare(app, terminal_size=SIZE, run_before=capture_lines)


def test_session_light_near_the_end(
    snap_compare: Callable[..., bool], snapshot_workspace: Workspace
) -> None:
    # nobody from IT: the roster warns
    people = (("Alice Smith", "business"), ("Bob Lee", "business"))
    path = make_session(snapshot_workspace, people)
    app = build(snapshot_workspace, path, theme="textual-light")

    async def run_before(pilot: Pilot[Any]) -> None:
        await capture_lines(pilot)
        clock = pilot.app.clock
        assert isinstance(clock, FakeClock)
        clock.advance(9 * 60)  # 1 minute of 10 left: the warning colour
        pilot.app.screen.tick()  # type: ignore[attr-defined]
        await pilot.press("escape")
        await still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_minutes_preview(snap_compare: Callable[..., bool], snapshot_workspace: Workspace) -> None:
    path = make_session(snapshot_workspace, (("Alice Smith", "business"), ("Bob Lee", "it")))
    app = build(snapshot_workspace, path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await capture_lines(pilot)
        await pilot.press("f9")
        view = pilot.app.screen.query_one(RenderedMarkdown)
        while view.line_count == 0:
            await pilot.pause(0.01)
        await pilot.press("pagedown")  # past the front matter, to the summary
        await still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_end_review(snap_compare: Callable[..., bool], snapshot_workspace: Workspace) -> None:
    path = make_session(snapshot_workspace, (("Alice Smith", "business"), ("Bob Lee", "it")))
    app = build(snapshot_workspace, path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await capture_lines(pilot)
        await pilot.press("f10")
        await still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_value_stream_editor(
    snap_compare: Callable[..., bool], snapshot_workspace: Workspace
) -> None:
    path = make_session(snapshot_workspace, (("Alice Smith", "business"), ("Bob Lee", "it")))
    app = build(snapshot_workspace, path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        screen.go_to_step("value-streams")
        stages = (
            Stage("Claim reported", ("Portal", "Telephony"), "Alice Smith", "Bob Lee",
                  ("Customers repeat their story",)),
            Stage("Assessment", ("Claims system",), "", "Bob Lee"),
            Stage("Payment", (), "Alice Smith", "", ("Two approvals [sic] -> delays",)),
        )  # fmt: skip
        screen.store.add("stream", name="Claim to payment", stages=stages, step="value-streams")
        await pilot.press("f2", "down", "right", "right")
        await still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_irritant_register_light(
    snap_compare: Callable[..., bool], snapshot_workspace: Workspace
) -> None:
    path = make_session(snapshot_workspace, (("Alice Smith", "business"), ("Bob Lee", "it")))
    app = build(snapshot_workspace, path, theme="textual-light")

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        screen.go_to_step("irritants")
        for text in ("Password resets take three days", "The change freeze nobody explained",
                     "Laptops arrive a week after the new starter"):  # fmt: skip
            screen.store.add("irritant", text=text, step="irritants")
        await pilot.press("f2", "down", "plus", "plus", "right_square_bracket", "plus", "s")
        await still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
