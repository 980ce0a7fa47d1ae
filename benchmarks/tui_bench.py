"""The TUI figures for benchmarks/run.py: start-up against a bare Textual app measured in the
same run, and keypress-to-screen latency with 2,000 items in one step."""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

START_SCRIPT = r"""
import sys, time
mode, workspace = sys.argv[1], sys.argv[2]


def first_frame_then_exit(app):
    original = app._display

    def display(*args, **kwargs):
        result = original(*args, **kwargs)
        if not getattr(app, "_bench_done", False):
            app._bench_done = True
            print(time.monotonic(), flush=True)  # the first frame is on the screen
            app.exit()
        return result

    app._display = display
    return app


if mode == "hello":
    from textual.app import App
    from textual.widgets import Static

    class Hello(App):
        def compose(self):
            yield Static("hello")

    app = Hello()
else:
    from pathlib import Path
    from coalition.tui.app import create_app
    from coalition.services.workspace import Workspace

    session = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    app = create_app(Workspace(Path(workspace)), session)
first_frame_then_exit(app).run(headless=True, size=(80, 24))
"""


def _median_start(args: list[str], runs: int) -> float:
    """Median milliseconds from starting the process to its first frame on the screen."""
    times = []
    for _ in range(runs):
        start = time.monotonic()
        out = subprocess.run([sys.executable, "-c", START_SCRIPT, *args], check=True,
                             capture_output=True, text=True).stdout  # fmt: skip
        times.append((float(out.strip().splitlines()[-1]) - start) * 1000)
    return statistics.median(times)


class _DisplaySpy:
    """Records when the app writes a frame, to time keypress -> screen updated."""

    def __init__(self, app: Any) -> None:
        self.frames: list[float] = []
        original = app._display

        def spy(*args: Any, **kwargs: Any) -> Any:
            self.frames.append(time.perf_counter())
            return original(*args, **kwargs)

        app._display = spy

    async def time_key(self, app: Any, key: str, char: str | None = None) -> float:
        """Milliseconds from the key reaching the app to the next frame written."""
        from textual import events

        seen = len(self.frames)
        event = events.Key(key, char)
        event.set_sender(app)
        start = time.perf_counter()
        app._driver.send_message(event)
        while len(self.frames) == seen and time.perf_counter() - start < 5:
            await asyncio.sleep(0)
        return (self.frames[seen] - start) * 1000 if len(self.frames) > seen else 5000.0


async def _keypress_latencies(
    workspace: Path, session: Path, presses: int
) -> dict[str, list[float]]:
    from coalition.services.workspace import Workspace
    from coalition.tui.app import create_app

    app = create_app(Workspace(workspace), session)
    results: dict[str, list[float]] = {"move": [], "capture": [], "step": []}
    async with app.run_test(size=(100, 32)) as pilot:
        spy = _DisplaySpy(app)
        await pilot.pause(0.5)  # let the items table finish loading its rows
        await pilot.press("escape")  # to the items of the step
        await pilot.pause()
        for _ in range(presses):
            results["move"].append(await spy.time_key(app, "down"))
            await pilot.pause()
        for n in range(max(5, presses // 4)):
            await pilot.press("tab")  # back to the capture line (not timed)
            await pilot.pause()
            focused: Any = app.focused
            if hasattr(focused, "value"):
                focused.value = f"n benchmark note {n}"
            results["capture"].append(await spy.time_key(app, "enter"))
            await pilot.pause()
        for key in ("pagedown", "pageup") * 3:
            results["step"].append(await spy.time_key(app, key))
            await pilot.pause(0.3)
        app.exit()
    return results


async def _programme_screen_ms(
    workspace: Path, presses: int, rest: bool
) -> list[tuple[float, float]]:
    """`g` on Home: to the programme screen's first frame, and to its trends filled in.

    `rest`: the cursor rested on Home long enough for Home to read the programme while idle
    (what a facilitator who talks before pressing `g` gets); otherwise `g` comes at once and
    what Home read before is forgotten, so each press reads every session file.
    """
    from coalition.services.programme_cache import ProgrammeCache
    from coalition.services.workspace import Workspace
    from coalition.tui.app import create_app
    from coalition.tui.screens.home import HomeScreen
    from coalition.tui.widgets.trend_bars import TrendBars

    app = create_app(Workspace(workspace))
    times = []
    async with app.run_test(size=(100, 32)) as pilot:
        spy = _DisplaySpy(app)
        for _ in range(presses):
            while not (isinstance(app.screen, HomeScreen) and app.screen.summaries):
                await pilot.pause(0.05)
            home = app.screen
            assert isinstance(home, HomeScreen)
            client = home.summaries[0].client
            if rest:
                while home.programmes.cached(client) is None:
                    await pilot.pause(0.05)
            else:
                home.programmes = ProgrammeCache(home.workspace)  # forget: `g` reads the files
            start = time.perf_counter()
            first = await spy.time_key(app, "g")
            while not app.screen.query(TrendBars) and time.perf_counter() - start < 10:
                await asyncio.sleep(0.001)
            seen = len(spy.frames)
            while len(spy.frames) == seen and time.perf_counter() - start < 10:
                await asyncio.sleep(0.001)
            times.append((first, (spy.frames[-1] - start) * 1000))
            await pilot.pause(0.2)
            await pilot.press("escape")
        app.exit()
    return times


def bench_programme_screen(figures: Any, sessions: int, items: int, presses: int) -> None:
    """The programme screen after `g` (Home is already on screen): shown, then filled in."""
    from common import synthetic_programme, write_session_file

    from coalition.services.workspace import init_workspace

    with tempfile.TemporaryDirectory(prefix="coalition-tui-bench-") as tmp:
        workspace, _ = init_workspace(Path(tmp) / "ws")
        programme = synthetic_programme(sessions, items)
        folder = workspace.client_dir(programme[0][1].info.client)
        folder.mkdir(parents=True)
        for path, session in programme:
            write_session_file(folder / path.name, session)
        for rest, when in ((False, "`g` at once"), (True, "`g` after resting on Home")):
            times = asyncio.run(_programme_screen_ms(workspace.root, presses, rest))
            shown = statistics.median(t[0] for t in times)
            filled = statistics.median(t[1] for t in times)
            what = f"programme screen, {when}, {sessions} sessions × {items} items (median)"
            figures.add(f"{what}: first frame / trends and Markdown filled in",
                        f"{shown:.0f} ms / {filled:.0f} ms", "≤ 300 ms", filled <= 300)  # fmt: skip


def bench_tui(figures: Any, quick: bool = False) -> None:
    """Add the TUI rows to the benchmark's figures."""
    runs = 5 if quick else 11
    with tempfile.TemporaryDirectory(prefix="coalition-tui-bench-") as tmp:
        from common import workspace_with_session

        workspace, session = workspace_with_session(Path(tmp), 2_000)
        hello = _median_start(["hello", str(workspace)], runs)
        home = _median_start(["app", str(workspace)], runs)
        opened = _median_start(["app", str(workspace), str(session)], runs)
        ratio = home / hello
        figures.add(
            "TUI start to the first frame of Home (median) vs a bare Textual app",
            f"{home:.0f} ms vs {hello:.0f} ms = {ratio:.2f}×",
            "≤ 1.30×",
            ratio <= 1.3,
        )
        figures.add(
            "TUI start straight into a 2,000-item session (median)",
            f"{opened:.0f} ms = {opened / hello:.2f}× bare",
            "(no target)",
            True,
        )
        latencies = asyncio.run(_keypress_latencies(workspace, session, 20 if quick else 60))
    from common import percentile

    labels = {
        "move": "cursor move",
        "capture": "capture line Enter → saved and shown",
        "step": "next/previous step",
    }
    for what, label in labels.items():
        p95 = percentile(latencies[what], 0.95)
        figures.add(f"keypress → screen updated, {label}, 2,000 items in the step (p95)",
                    f"{p95:.0f} ms", "≤ 50 ms", p95 <= 50)  # fmt: skip
    for sessions in (12, 100):
        bench_programme_screen(figures, sessions, 500, 3 if quick else 7)
