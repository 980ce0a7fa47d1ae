"""Measure coalition against the targets in DESIGN.md and print a table of figures.

    make bench            (or: .venv/bin/python benchmarks/run.py [--quick])

Headless figures: command start-to-exit, capture-to-disk latency at 1,000 and 10,000 items,
minutes rendering at 10,000 items, memory at 10,000 items, the programme view over 25, 50
and 100 sessions of 500 items; the room under load from `coalition room` (room_bench.py).
The TUI figures (first screen against a bare Textual app, keypress latency with 2,000 items,
keypresses while the app's own room is under load) come from tui_bench.py and
room_tui_bench.py when the facilitation UI is installed.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import (
    Figures,
    percentile,
    synthetic_programme,
    synthetic_session,
    write_session_file,
)
from room_bench import bench_room

from coalition.minutes import render_minutes
from coalition.minutes.programme import render_programme
from coalition.services.programme import build_programme, client_programme
from coalition.services.workspace import Workspace
from coalition.store import SessionStore


def time_command(args: list[str], runs: int) -> float:
    """Median wall time of a command, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_commands(figures: Figures, folder: Path, runs: int) -> None:
    exe = [sys.executable, "-m", "coalition"]
    script = Path(sys.executable).with_name("coalition")
    if script.exists():
        exe = [str(script)]
    version = time_command([*exe, "--version"], runs)
    figures.add("`coalition --version`, start to exit (median)", f"{version:.0f} ms", "≤ 150 ms",
                version <= 150)  # fmt: skip
    path = folder / "minutes-100.json"
    write_session_file(path, synthetic_session(100))
    minutes = time_command([*exe, "minutes", str(path), "-o", "-"], runs)
    figures.add("`coalition minutes` (100 items), start to exit (median)", f"{minutes:.0f} ms",
                "≤ 150 ms", minutes <= 150)  # fmt: skip


def bench_listing(figures: Figures, folder: Path, runs: int) -> None:
    """`coalition actions --format json` over 300 sessions: 10 clients of 30 sessions, each
    of 100 items (25 actions), their IDs repeating from session to session as carried ones do."""
    root = folder / "listing"
    for client in range(10):
        for number in range(30):
            session = synthetic_session(100)
            date = dt.date(2026, 1, 5) + dt.timedelta(weeks=number)
            session.info = dataclasses.replace(session.info, client=f"Client {client}",
                                               date=date, title=f"Session {number + 1}",
                                               sequence=number + 1)  # fmt: skip
            path = root / "sessions" / f"client-{client}" / f"{date}-session-{number + 1}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_session_file(path, session)
    exe = [sys.executable, "-m", "coalition"]
    script = Path(sys.executable).with_name("coalition")
    if script.exists():
        exe = [str(script)]
    args = [*exe, "--workspace", str(root), "actions", "--format", "json"]
    median = time_command(args, runs)
    figures.add("`coalition actions --format json`, 300 sessions × 100 items (median)",
                f"{median:.0f} ms", "≤ 500 ms", median <= 500)  # fmt: skip


def bench_capture(figures: Figures, folder: Path, items: int, target_ms: float, runs: int) -> None:
    path = folder / f"capture-{items}.json"
    write_session_file(path, synthetic_session(items))
    latencies = []
    with SessionStore.open(path) as store:
        for n in range(runs):
            start = time.perf_counter()
            store.add("action", text=f"Benchmark capture {n}", owner="Person 1", step="review")
            latencies.append((time.perf_counter() - start) * 1000)
    p95 = percentile(latencies, 0.95)
    figures.add(f"capture → durably on disk, p95, {items:,} items", f"{p95:.1f} ms",
                f"≤ {target_ms:.0f} ms", p95 <= target_ms)  # fmt: skip


def bench_minutes(figures: Figures, items: int) -> None:
    session = synthetic_session(items)
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        render_minutes(session)
        timings.append(time.perf_counter() - start)
    best = statistics.median(timings)
    figures.add(f"minutes for {items:,} items (median)", f"{best:.3f} s", "≤ 0.5 s", best <= 0.5)
    small = synthetic_session(items // 10)
    start = time.perf_counter()
    render_minutes(small)
    ratio = best / max(time.perf_counter() - start, 1e-9)
    figures.add(f"minutes time, {items:,} ÷ {items // 10:,} items", f"{ratio:.1f}×",
                "≈ 10× (linear)", ratio < 15)  # fmt: skip


def bench_memory(figures: Figures, folder: Path, items: int) -> None:
    path = folder / f"memory-{items}.json"
    write_session_file(path, synthetic_session(items))
    code = (
        "import resource, sys; from pathlib import Path\n"
        "from coalition.store import SessionStore\n"
        "from coalition.minutes import render_minutes\n"
        "store = SessionStore.open(Path(sys.argv[1]))\n"
        "store.add('note', text='one more', step='review')\n"
        "render_minutes(store.session)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    rss_mb = int(out.strip()) / 1024
    figures.add(f"peak memory, open + capture + minutes, {items:,} items", f"{rss_mb:.0f} MB",
                "≤ 200 MB", rss_mb <= 200)  # fmt: skip


def bench_carry_forward(figures: Figures, folder: Path, items: int, runs: int) -> None:
    """`coalition new` for a client whose latest session holds `items` items."""
    from coalition.services.workspace import init_workspace

    workspace, _ = init_workspace(folder / "carry")
    session = synthetic_session(items)
    workspace.client_dir(session.info.client).mkdir(parents=True)
    write_session_file(workspace.client_dir(session.info.client) / "2026-11-22-bench.json", session)
    exe = [sys.executable, "-m", "coalition", "--workspace", str(workspace.root), "new",
           "--client", session.info.client, "--date", "2026-11-29"]  # fmt: skip
    times = []
    for n in range(runs):
        start = time.perf_counter()
        subprocess.run([*exe, "--title", f"Follow-up {n}"], check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
        for made in workspace.client_dir(session.info.client).glob("2026-11-29-*.json"):
            made.unlink()  # each run carries from the same latest session
    median = statistics.median(times)
    figures.add(f"`coalition new` carrying forward a {items:,}-item session (median)",
                f"{median:.0f} ms", "≤ 300 ms", median <= 300)  # fmt: skip


def bench_programme(figures: Figures, folder: Path, items: int = 500) -> None:
    """Build and render the programme view, in memory and from the session files on disk."""
    workspace = Workspace(folder / "programme")
    timings: dict[int, tuple[float, float]] = {}
    for count in (25, 50, 100):
        sessions = synthetic_programme(count, items)
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            render_programme(build_programme(sessions))
            runs.append(time.perf_counter() - start)
        client = workspace.client_dir("Bench Co")
        client.mkdir(parents=True, exist_ok=True)
        for path, session in sessions:
            write_session_file(client / path.name, session)
        start = time.perf_counter()
        render_programme(client_programme(workspace, "Bench Co")[1])
        timings[count] = (statistics.median(runs), time.perf_counter() - start)
        for path, _ in sessions:
            (client / path.name).unlink()
    for count, (built, read) in timings.items():
        target = "≤ 1 s" if count == 100 else "(linear)"
        figures.add(f"programme view, {count} sessions × {items} items: build + render",
                    f"{built:.3f} s", target, built <= count / 100)  # fmt: skip
        figures.add(f"programme view, {count} sessions × {items} items: read files, build, "
                    "render", f"{read:.3f} s", target, read <= count / 100)  # fmt: skip
    ratio = timings[100][0] / max(timings[25][0], 1e-9)
    figures.add("programme time, 100 ÷ 25 sessions", f"{ratio:.1f}×", "≈ 4× (linear)", ratio < 6)


def machine() -> str:
    cpus = os.cpu_count()
    return f"{platform.machine()}, {cpus} cores, Python {platform.python_version()}, " \
        f"{platform.system()} {platform.release()}"  # fmt: skip


def print_table(figures: Figures) -> None:
    print(f"coalition benchmark — {dt.date.today().isoformat()} — {machine()}\n")
    print("| what | measured | target | met |")
    print("| --- | --- | --- | --- |")
    for what, measured, target, ok in figures.rows:
        print(f"| {what} | {measured} | {target} | {'yes' if ok else '**no**'} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke test)")
    args = parser.parse_args()
    runs = 5 if args.quick else 21
    figures = Figures([])
    steps: list[Callable[[Path], None]] = [
        lambda f: bench_commands(figures, f, runs),
        lambda f: bench_listing(figures, f, 5 if args.quick else 11),
        lambda f: bench_capture(figures, f, 1_000, 25, 20 if args.quick else 60),
        lambda f: bench_capture(figures, f, 10_000, 100, 10 if args.quick else 40),
        lambda f: bench_minutes(figures, 10_000),
        lambda f: bench_memory(figures, f, 10_000),
        lambda f: bench_carry_forward(figures, f, 2_000, 5 if args.quick else 11),
        lambda f: bench_programme(figures, f),
    ]
    with tempfile.TemporaryDirectory(prefix="coalition-bench-", dir=Path.cwd()) as tmp:
        for step in steps:
            step(Path(tmp))
    try:
        from tui_bench import bench_tui  # type: ignore[import-not-found]
    except ImportError:
        pass
    else:
        bench_tui(figures, quick=args.quick)
    bench_room(figures, quick=args.quick)
    try:
        from room_tui_bench import bench_room_tui  # type: ignore[import-not-found]
    except ImportError:
        pass
    else:
        bench_room_tui(figures, cards=10 if args.quick else 20)
        # The same load spread out (still a hundred times what a room of people types).
        bench_room_tui(figures, cards=10 if args.quick else 20, runs=1, pace=0.5)
    print_table(figures)
    return 0 if all(ok for *_, ok in figures.rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
