"""Crash safety: real writer processes SIGKILLed at random moments, and two writers at once.

Every write a writer acknowledged (printed after `SessionStore.add` returned) must be in the
file afterwards, the file must load with stock TinyDB, and no temporary file may survive the
next open.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tinydb import TinyDB

from coalition.domain.models import PlaybookSnapshot, SessionInfo, StepSnapshot
from coalition.store import SessionStore

WRITER = """
import sys
from pathlib import Path
from coalition.store import SessionStore

path, tag, count, timeout = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
try:
    store = SessionStore.open(path, lock_timeout=timeout)
except Exception as error:
    print(f"refused {type(error).__name__}: {error}", flush=True)
    raise SystemExit(3)
print("opened", flush=True)
for n in range(count):
    item = store.add("note", text=f"{tag}-{n} " + "x" * (n % 50), step="s1")
    print(f"added {item.id} {tag}-{n}", flush=True)
    if n % 5 == 4:  # a shrinking write: the case that breaks an in-place save
        gone = store.delete(item.id)
        print(f"deleted {gone.id}", flush=True)
store.close()
"""


def make_session(path: Path) -> None:
    step = StepSnapshot("s1", "Step one", "Purpose.", ("A prompt?",), 10, ("note",))
    info = SessionInfo(
        title="Crash",
        client="Crash Co",
        date=dt.date(2026, 11, 22),
        facilitator="",
        playbook=PlaybookSnapshot("crash", "Crash", "1", (step,)),
        current_step="s1",
    )
    SessionStore.create(path, info).close()


def start_writer(path: Path, tag: str, count: int, timeout: float = 10.0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), tag, str(count), str(timeout)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def acknowledged(lines: list[str]) -> set[str]:
    """IDs whose add was acknowledged and whose deletion was neither acknowledged nor due.

    After "added N-5 r0-4" the writer deletes N-5 at once: if it was killed before printing
    "deleted N-5", the deletion may or may not have reached the disk.
    """
    present: set[str] = set()
    for line in lines:
        word, _, rest = line.partition(" ")
        if word == "added":
            present.add(rest.split()[0])
        elif word == "deleted":
            present.discard(rest.strip())
    if lines and lines[-1].startswith("added "):
        item_id, tag = lines[-1].split()[1:3]
        if int(tag.rsplit("-", 1)[1]) % 5 == 4:
            present.discard(item_id)
    return present


def note_ids_on_disk(path: Path) -> set[str]:
    db = TinyDB(path)  # stock TinyDB must read whatever a crash left
    try:
        return {doc["id"] for doc in db.table("notes").all()}
    finally:
        db.close()


def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path: Path) -> None:
    path = tmp_path / "crash.json"
    make_session(path)
    rng = random.Random(20261122)
    expected: set[str] = set()
    for round_number in range(30):
        writer = start_writer(path, f"r{round_number}", 10_000)
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "opened"
        time.sleep(rng.uniform(0.0, 0.08))  # let it write for a random while, then kill it
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        lines = out.splitlines()
        acked = acknowledged(lines)
        on_disk = note_ids_on_disk(path)
        assert acked <= on_disk, f"round {round_number}: lost {sorted(acked - on_disk)}"
        # An item whose add was in flight at the kill may or may not be there; nothing else.
        expected = (expected | acked) - {
            line.split()[1] for line in lines if line.startswith("deleted")
        }
        assert expected <= on_disk
        expected = on_disk
    with SessionStore.open(path) as store:  # the next open sweeps interrupted temporaries
        assert {n.id for n in store.session.notes} == expected
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_two_writers_take_turns_and_never_interleave(tmp_path: Path) -> None:
    path = tmp_path / "shared.json"
    make_session(path)
    first, second = start_writer(path, "a", 30), start_writer(path, "b", 30)
    outputs = [process.communicate()[0].splitlines() for process in (first, second)]
    assert first.returncode == 0 and second.returncode == 0
    acked = acknowledged(outputs[0]) | acknowledged(outputs[1])
    with SessionStore.open(path) as store:
        notes = store.session.notes
    assert {n.id for n in notes} == acked
    assert len(acked) == 48  # 2 × 30 added, 2 × 6 deleted
    ids = [n.id for n in notes]
    assert len(ids) == len(set(ids))  # no ID handed out twice


def test_a_second_writer_that_cannot_wait_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "held.json"
    make_session(path)
    with SessionStore.open(path):
        before = path.read_bytes()
        refused = start_writer(path, "late", 5, timeout=0.2)
        out, _ = refused.communicate()
    assert refused.returncode == 3
    assert "SessionLocked" in out and str(path) in out and "another coalition process" in out
    assert path.read_bytes() == before
