"""The room under load, over loopback only: participants join, write cards and vote.

    .venv/bin/python benchmarks/room_bench.py [--people 50] [--cards 20]

`coalition room` runs as its own process on 127.0.0.1 (port 0). Each simulated participant
joins, writes its cards one after another (every fifth one sent twice with the same key, as
a retry would), and after the facilitator reveals, places its dots. Reported: p95 of card
sent -> durable -> 201 received, cards lost (acknowledged but not in the file) and
duplicates (one key, two cards). The load is bounded in count and stops after --seconds
whatever happens. The TUI's keypress latency during the load needs the room's panel in the
app, which is not built yet.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from common import percentile, session_info

from coalition.store import SessionStore, read_room_documents, read_session

TARGET_MS = 50.0


async def participant(
    base: str, join_token: str, number: int, cards: int, latencies: list[float], acked: set[str]
) -> tuple[aiohttp.ClientSession, str]:
    session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with session.post(
        f"{base}api/join?t={join_token}", json={"name": f"Person {number}"}
    ) as r:
        csrf = (await r.json())["csrf"]
    for n in range(cards):
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
    base: str, join: str, facilitator: str, people: int, cards: int
) -> dict[str, object]:
    latencies: list[float] = []
    acked: set[str] = set()
    started = time.perf_counter()
    joined = await asyncio.gather(
        *(participant(base, join, n, cards, latencies, acked) for n in range(1, people + 1))
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--cards", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0, help="stop after this long")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "room-bench.json"
        info = session_info()
        step = next(s.id for s in info.playbook.steps if "irritant" in s.captures)
        SessionStore.create(path, info).close()
        with SessionStore.open(path) as store:
            store.set_current_step(step)
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
                asyncio.wait_for(
                    load(base, join, facilitator, args.people, args.cards), args.seconds
                )
            )
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        session = read_session(path)
        texts = [i.text for i in session.irritants]
        left = [d for k, d in read_room_documents(path).items() if k != "1"]
    latencies: list[float] = result["latencies"]  # type: ignore[assignment]
    acked: set[str] = result["acked"]  # type: ignore[assignment]
    expected = {f"Card {k.split('-c')[1]} of person {k.split('-c')[0][1:]}" for k in acked}
    lost = len(expected - set(texts))
    duplicates = len(texts) - len(set(texts))
    p95 = percentile(latencies, 0.95)
    dots = sum(i.votes for i in session.irritants)
    print(json.dumps({
        "people": args.people, "cards each": args.cards, "acknowledged": len(acked),
        "card -> durable -> 201 p50 ms": round(percentile(latencies, 0.5), 1),
        "card -> durable -> 201 p95 ms": round(p95, 1), "target p95 ms": TARGET_MS,
        "lost": lost, "duplicates": duplicates, "left unrevealed": len(left),
        "writing took s": round(float(result["writing_s"]), 1),  # type: ignore[arg-type]
        "dots stored": dots, "dots placed": result["votes"],
    }, indent=2))  # fmt: skip
    return 0 if lost == 0 and duplicates == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
