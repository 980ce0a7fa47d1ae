"""The room under load, over loopback only: participants join, write cards and vote.

    .venv/bin/python benchmarks/room_bench.py [--people 50] [--cards 20]

`coalition room` runs as its own process on 127.0.0.1 (port 0). Each simulated participant
joins, writes its cards one after another (every fifth one sent twice with the same key, as
a retry would; with --pace, each after a random pause of 0 to 2×pace seconds), and after
the facilitator reveals, places its dots. Reported: p95 of card sent -> durable -> 201
received, cards lost (acknowledged but not in the file) and
duplicates (one key, two cards). The load is bounded in count and stops after --seconds
whatever happens.

    .venv/bin/python benchmarks/room_bench.py --join URL --facilitator TOKEN

runs only the load, against a room served elsewhere (room_tui_bench.py serves it from the
app, F8), and prints the latencies and the acknowledged keys as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from common import (
    ROOM_TARGET_MS,
    Figures,
    add_room_figures,
    lost_and_duplicates,
    percentile,
    session_info,
)

from coalition.store import SessionStore, read_session


async def participant(
    base: str,
    join_token: str,
    number: int,
    cards: int,
    latencies: list[float],
    acked: set[str],
    pace: float = 0.0,
) -> tuple[aiohttp.ClientSession, str]:
    session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with session.post(
        f"{base}api/join?t={join_token}", json={"name": f"Person {number}"}
    ) as r:
        csrf = (await r.json())["csrf"]
    think = random.Random(number)  # the same pauses in every run
    for n in range(cards):
        if pace:
            await asyncio.sleep(think.uniform(0, 2 * pace))  # writing the next card
        key = f"p{number}-c{n}"
        body = {"kind": "irritant", "text": f"Card {n} of person {number}", "key": key}
        for _ in range(2 if n % 5 == 4 else 1):  # every fifth card retried: never twice
            sent = time.perf_counter()
            async with session.post(
                f"{base}api/cards", json=body, headers={"X-CSRF-Token": csrf}
            ) as answer:
                if answer.status == 201:
                    latencies.append((time.perf_counter() - sent) * 1000)
                    acked.add(key)
    return session, csrf


async def load(
    base: str, join: str, facilitator: str, people: int, cards: int, pace: float = 0.0
) -> dict[str, object]:
    latencies: list[float] = []
    acked: set[str] = set()
    started = time.perf_counter()
    joined = await asyncio.gather(
        *(participant(base, join, n, cards, latencies, acked, pace) for n in range(1, people + 1))
    )
    writing = time.perf_counter() - started
    auth = {"Authorization": f"Bearer {facilitator}"}
    async with aiohttp.ClientSession() as desk:
        async with desk.post(f"{base}api/reveal", headers=auth) as answer:
            revealed = (await answer.json())["revealed"]
        async with desk.post(
            f"{base}api/vote", json={"open": True, "budget": 3, "max_per_item": 2}, headers=auth
        ) as answer:
            assert answer.status == 200, await answer.text()
        votes = 0
        for n, (session, csrf) in enumerate(joined):
            for item in {revealed[n % len(revealed)], revealed[(n * 7 + 1) % len(revealed)]}:
                async with session.post(
                    f"{base}api/votes",
                    json={"item": item, "dots": 1},
                    headers={"X-CSRF-Token": csrf},
                ) as answer:
                    votes += answer.status == 200
            await session.close()
        async with desk.post(f"{base}api/vote", json={"open": False}, headers=auth) as answer:
            assert answer.status == 200
    return {"latencies": latencies, "acked": acked, "writing_s": writing, "votes": votes}


def bench_session(folder: Path) -> Path:
    """A session whose current step captures irritants, as the load writes them."""
    path = folder / "room-bench.json"
    info = session_info()
    step = next(s.id for s in info.playbook.steps if "irritant" in s.captures)
    SessionStore.create(path, info).close()
    with SessionStore.open(path) as store:
        store.set_current_step(step)
    return path


def serve_and_load(people: int, cards: int, seconds: float) -> dict[str, object]:
    """`coalition room` in its own process, the load against it; the figures."""
    with tempfile.TemporaryDirectory() as folder:
        path = bench_session(Path(folder))
        server = subprocess.Popen(
            [sys.executable, "-m", "coalition", "room", str(path), "--bind", "127.0.0.1",
             "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        try:
            assert server.stdout is not None
            join_url = server.stdout.readline().split(" ", 1)[1].strip()
            facilitator = server.stdout.readline().split("?t=", 1)[1].strip()
            base, _, join = join_url.partition("?t=")
            result = asyncio.run(
                asyncio.wait_for(load(base, join, facilitator, people, cards), seconds)
            )
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        acked: set[str] = result["acked"]  # type: ignore[assignment]
        lost, duplicates, left = lost_and_duplicates(path, acked)
        dots = sum(i.votes for i in read_session(path).irritants)
    latencies: list[float] = result["latencies"]  # type: ignore[assignment]
    return {
        "people": people, "cards each": cards, "acknowledged": len(acked),
        "card -> durable -> 201 p50 ms": round(percentile(latencies, 0.5), 1),
        "card -> durable -> 201 p95 ms": round(percentile(latencies, 0.95), 1),
        "target p95 ms": ROOM_TARGET_MS, "lost": lost, "duplicates": duplicates,
        "left unrevealed": left,
        "writing took s": round(float(result["writing_s"]), 1),  # type: ignore[arg-type]
        "dots stored": dots, "dots placed": result["votes"],
    }  # fmt: skip


def bench_room(figures: Figures, quick: bool = False) -> None:
    """The room under load from `coalition room`, for benchmarks/run.py."""
    add_room_figures(figures, "`coalition room`", serve_and_load(50, 10 if quick else 20, 120))


def load_only(
    join_url: str, facilitator: str, people: int, cards: int, seconds: float, pace: float
) -> None:
    """The load against a room served elsewhere; prints what the other side needs."""
    base, _, join = join_url.partition("?t=")
    result = asyncio.run(
        asyncio.wait_for(load(base, join, facilitator, people, cards, pace), seconds)
    )
    result["acked"] = sorted(result["acked"])  # type: ignore[call-overload]
    print(json.dumps(result))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--cards", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0, help="stop after this long")
    parser.add_argument("--join", metavar="URL", help="load a room served elsewhere")
    parser.add_argument("--facilitator", metavar="TOKEN", help="that room's facilitator token")
    parser.add_argument(
        "--pace", type=float, default=0.0, metavar="SECONDS",
        help="each person pauses 0 to 2×SECONDS before each card (default 0: all at once)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.join:
        load_only(args.join, args.facilitator, args.people, args.cards, args.seconds, args.pace)
        return 0
    found = serve_and_load(args.people, args.cards, args.seconds)
    print(json.dumps(found, indent=2))
    return 0 if found["lost"] == 0 and found["duplicates"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
