"""The TUI's keypresses while the room it serves is under load (for benchmarks/run.py).

    .venv/bin/python benchmarks/room_tui_bench.py [--people 50] [--cards 20] [--runs 3]

The app opens a session whose step holds 300 items, F8 opens the room on 127.0.0.1 (any
free port), and room_bench.py's load runs against it from its own process (participants'
phones are other machines: their work must not share the app's loop): 50 people join, each
writes 20 cards (every fifth retried with the same key), the facilitator reveals, they vote.
Meanwhile the facilitator moves the cursor in the items list and captures a note now and
then; each key is timed from reaching the app to the first frame that shows its effect (the
room's own updates write frames too, so "the next frame" would flatter the figure). Bounded:
at most --presses keys, and the load is stopped after --seconds whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import (
    ROOM_TARGET_MS,
    Figures,
    add_room_figures,
    lost_and_duplicates,
    percentile,
    session_info,
    workspace_with_session,
)

LOAD = Path(__file__).with_name("room_bench.py")


class ShownSpy:
    """Records each frame the app writes with what it showed (`probe()` at that moment)."""

    def __init__(self, app: Any, probe: Any) -> None:
        self.frames: list[tuple[float, object]] = []
        original = app._display

        def spy(*args: Any, **kwargs: Any) -> Any:
            self.frames.append((time.perf_counter(), probe()))
            return original(*args, **kwargs)

        app._display = spy

    async def time_key(self, app: Any, key: str, before: object) -> float:
        """Milliseconds from the key reaching the app to the first frame whose probe differs
        from `before` (5 s if none does)."""
        from textual import events

        seen = len(self.frames)
        event = events.Key(key, None)
        event.set_sender(app)
        start = time.perf_counter()
        app._driver.send_message(event)
        while time.perf_counter() - start < 5:
            for when, shown in self.frames[seen:]:
                if shown != before:
                    return (when - start) * 1000
            await asyncio.sleep(0)
        return 5000.0


async def keypresses_under_load(
    workspace: Path,
    session: Path,
    people: int,
    cards: int,
    presses: int,
    seconds: float,
    pace: float = 0.0,
) -> tuple[dict[str, list[float]], dict[str, Any]]:
    from coalition.services.room_options import RoomOptions
    from coalition.services.workspace import Workspace
    from coalition.tui.app import create_app
    from coalition.tui.widgets.capture_line import CaptureLine
    from coalition.tui.widgets.items_table import ItemsTable

    flags = RoomOptions(bind="127.0.0.1", port=0)
    app = create_app(Workspace(workspace), session, room_flags=flags)
    results: dict[str, list[float]] = {"move": [], "capture": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)  # the items table loads its rows
        await pilot.press("f8")
        while app.room is None:
            await pilot.pause(0.05)
        room = app.room
        store = app.store
        assert store is not None

        def probe() -> tuple[int, int]:
            table = app.screen.query(ItemsTable)
            row = table.first().cursor_row if table else -1
            return row, len(store.session.notes)

        spy = ShownSpy(app, probe)
        await pilot.press("escape")  # to the items of the step
        await pilot.pause()
        facilitator = room.facilitator_url.split("?t=", 1)[1]
        load = await asyncio.create_subprocess_exec(
            sys.executable, str(LOAD), f"--join={room.join_url}", f"--facilitator={facilitator}",
            "--people", str(people), "--cards", str(cards), "--seconds", str(seconds),
            "--pace", str(pace),
            stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        output = asyncio.create_task(load.communicate())
        started = time.perf_counter()
        for n in range(presses):
            if output.done() or time.perf_counter() - started > seconds:
                break
            # Focus moves directly: the pilot's own presses wait for an idle app, which a
            # loaded one seldom is, and would leave few keys timed while the load runs.
            if n % 4 == 3:  # a note captured on the capture line
                line = app.screen.query_one(CaptureLine).input
                line.focus()
                line.value = f"n note {n} while the room writes"
                # A person takes seconds to type the line: what the focus change set going
                # (the footer's keys change) is over before Enter, as it is then.
                await asyncio.sleep(0.1)
                results["capture"].append(await spy.time_key(app, "enter", probe()))
                app.screen.query_one(ItemsTable).focus()
                await asyncio.sleep(0.1)  # the focus change on the screen, not timed
            else:
                key = "down" if probe()[0] <= 0 else "up"  # a move the cursor can make
                results["move"].append(await spy.time_key(app, key, probe()))
            await asyncio.sleep(0.02)  # the next key once this one is on the screen
        stdout, _ = await asyncio.wait_for(output, seconds)
        await app.rooms.closed()
        app.exit()
    if load.returncode != 0:
        raise RuntimeError(f"the load stopped with exit code {load.returncode}")
    return results, json.loads(stdout)


def bench_room_tui(
    figures: Figures,
    people: int = 50,
    cards: int = 20,
    presses: int = 400,
    seconds: float = 120,
    runs: int = 3,
    pace: float = 0.0,
) -> dict[str, Any]:
    """Add the rows of the room served by the app (F8) under load, keypresses timed.

    The load is over in about a second, so one run times a handful of captures: `runs`
    fresh apps each take the whole load, and the figures pool every run's samples.
    """
    keys: dict[str, list[float]] = {"move": [], "capture": []}
    latencies: list[float] = []
    acknowledged = lost = duplicates = left = votes = 0
    writing: list[float] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="coalition-room-tui-bench-") as tmp:
            step = next(s.id for s in session_info().playbook.steps if "irritant" in s.captures)
            workspace, session = workspace_with_session(
                Path(tmp), 300, step, "2026-11-22-room-benchmark"
            )
            run_keys, load = asyncio.run(
                keypresses_under_load(workspace, session, people, cards, presses, seconds, pace)
            )
            run_lost, run_duplicates, run_left = lost_and_duplicates(session, set(load["acked"]))
        for what, times in run_keys.items():
            keys[what] += times
        latencies += load["latencies"]
        acknowledged += len(load["acked"])
        lost, duplicates, left = lost + run_lost, duplicates + run_duplicates, left + run_left
        votes += load["votes"]
        writing.append(load["writing_s"])
    found = {
        "runs": runs, "pace s": pace, "people": people, "cards each": cards,
        "acknowledged": acknowledged,
        "card -> durable -> 201 p50 ms": round(percentile(latencies, 0.5), 1),
        "card -> durable -> 201 p95 ms": round(percentile(latencies, 0.95), 1),
        "lost": lost, "duplicates": duplicates, "left unrevealed": left,
        "writing took s (each run)": [round(w, 1) for w in writing], "dots placed": votes,
        "cursor moves timed": len(keys["move"]), "captures timed": len(keys["capture"]),
        "cursor move p50 ms": round(percentile(keys["move"], 0.5), 1),
        "cursor move p95 ms": round(percentile(keys["move"], 0.95), 1),
        "capture p50 ms": round(percentile(keys["capture"], 0.5), 1),
        "capture p95 ms": round(percentile(keys["capture"], 0.95), 1),
    }  # fmt: skip
    how = f"{runs} run" + ("s" if runs > 1 else "")
    how += f", a card every {2 * pace:g} s at most per person" if pace else ""
    add_room_figures(figures, f"the app (F8), {how}", found)
    for what, label in (("move", "cursor move"), ("capture", "capture line Enter")):
        p95, target = percentile(keys[what], 0.95), ROOM_TARGET_MS
        figures.add(f"keypress → screen updated while the room is under load, {label}, "
                    f"300 items in the step (p95 of {len(keys[what])}, {how})",
                    f"{p95:.0f} ms", f"≤ {target:.0f} ms", p95 <= target)  # fmt: skip
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--cards", type=int, default=20)
    parser.add_argument("--presses", type=int, default=400, help="at most this many keys")
    parser.add_argument("--seconds", type=float, default=120.0, help="stop after this long")
    parser.add_argument("--runs", type=int, default=3, help="fresh apps, samples pooled")
    parser.add_argument(
        "--pace", type=float, default=0.0, metavar="SECONDS",
        help="each person pauses 0 to 2×SECONDS before each card (default 0: all at once)",
    )  # fmt: skip
    args = parser.parse_args()
    figures = Figures([])
    found = bench_room_tui(
        figures, args.people, args.cards, args.presses, args.seconds, args.runs, args.pace
    )
    print(json.dumps(found, indent=2))
    return 0 if all(ok for *_, ok in figures.rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
