"""The programme screen: from Home, the client's trends as sparklines and programme.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coalition.minutes.programme import render_programme
from coalition.services.programme import client_programme
from coalition.store import SessionStore
from coalition.tui.app import create_app
from coalition.tui.screens.home import HomeScreen
from coalition.tui.screens.programme import ProgrammeScreen, trend_label
from coalition.tui.widgets.trend_bars import TrendBars, axis, bars
from programme_example import CLIENT, build_example

from .conftest import SIZE, TODAY
from .helpers import screen_text, until


async def test_programme_screen_shows_trends_and_writes_programme_md(tmp_path: Path) -> None:
    workspace = build_example(tmp_path / "ws")
    folder, programme = client_programme(workspace, CLIENT)
    app = create_app(workspace, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "Acme Health" in screen_text(pilot), "the session list")
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, ProgrammeScreen), "the programme")
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        await until(pilot, lambda: bool(screen.query(TrendBars)), "the trends filled in")
        lines = [line.values for line in screen.query(TrendBars)]
        assert lines[0] == [float(len(s.attendance.present)) for s in programme.sessions]
        assert all(len(values) == 3 for values in lines)
        await until(pilot, lambda: "S1" in screen_text(pilot), "the axis")
        axis_row = next(line for line in screen_text(pilot).splitlines() if " S1 " in line)
        assert axis_row.split() == ["Session", "S1", "S2", "S3"]
        await until(pilot, lambda: "Members present" in screen_text(pilot), "the trends")
        assert "Programme · Acme Health · 3 sessions" in screen_text(pilot)
        await pilot.press("w")
        await until(pilot, lambda: (folder / "programme.md").exists(), "the file")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "Home")
    assert (folder / "programme.md").read_text(encoding="utf-8") == render_programme(programme)


def test_bars_read_from_zero() -> None:
    assert bars([2, 2, 2], 6) == "██████"  # steady, not empty
    assert bars([1, 2], 8) == "▅▅▅ ███ "  # a gap between sessions when there is room
    assert bars([0, 1, 2], 3) == "·▅█"  # zero is a dot, not the lowest bar
    assert bars([0.1, 7], 2) == "▁█"  # the lowest bar is more than nothing
    assert bars([None, 1], 8) == "    ███ "  # no value (no metrics): nothing drawn
    assert bars([], 5) == "" and bars([3], 0) == ""


def test_the_axis_names_each_session_under_its_bars() -> None:
    assert axis(3, 12) == "S1  S2  S3  "
    assert axis(2, 8) == "S1  S2  "
    assert axis(12, 12) == "S1  S5  S9  "  # one cell a session: every fourth is named
    assert axis(0, 10) == "" and axis(3, 0) == ""


def test_a_share_without_metrics_reads_n_a() -> None:
    label = trend_label("Outcome metrics to business", [None, 50.0], "{:.0f} %")
    assert label == f"{'Outcome metrics to business':<28}   n/a → 50 % "


async def test_resting_on_home_reads_the_programme_so_g_shows_it_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coalition.services.programme_cache as cache_module

    workspace = build_example(tmp_path / "ws")
    reads: list[str] = []
    real = cache_module.client_programme

    def counting(*args: Any) -> Any:
        reads.append(args[1])
        return real(*args)

    monkeypatch.setattr(cache_module, "client_programme", counting)
    app = create_app(workspace, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "Acme Health" in screen_text(pilot), "the session list")
        home = app.screen
        assert isinstance(home, HomeScreen)
        await until(pilot, lambda: home.programmes.cached(CLIENT) is not None, "read while idle")
        assert reads == [CLIENT]
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        await pilot.pause()
        assert screen.query(TrendBars), "filled in from what Home read, no worker needed"
        assert reads == [CLIENT]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "Home")
        with SessionStore.open(sorted(screen.folder.glob("*.json"))[-1]) as store:  # type: ignore[union-attr]
            store.add("win", text="A new win", step="wins")
        await pilot.press("g")
        screen = app.screen
        assert isinstance(screen, ProgrammeScreen)
        await until(pilot, lambda: "A new win" in screen.markdown, "read again after the save")
        assert reads == [CLIENT, CLIENT]


async def test_home_reads_ahead_only_while_it_is_on_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screen pushed before the cursor rested (a session opened, the playbooks) stops the
    reading ahead: it would only compete with that screen. Back on Home, it starts again."""
    import coalition.services.programme_cache as cache_module
    from coalition.tui.screens.playbooks import PlaybooksScreen

    workspace = build_example(tmp_path / "ws")
    reads: list[str] = []
    real = cache_module.client_programme
    monkeypatch.setattr(cache_module, "client_programme", lambda *a: reads.append(a[1]) or real(*a))
    app = create_app(workspace, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "Acme Health" in screen_text(pilot), "the session list")
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, PlaybooksScreen), "the playbooks")
        await pilot.pause(0.6)  # twice the rest Home waits for before it reads ahead
        assert reads == []
        await pilot.press("escape")
        await until(pilot, lambda: reads == [CLIENT], "the reading ahead, back on Home")
