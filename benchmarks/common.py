"""What the benchmark scripts share: the figures table, percentiles, synthetic sessions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from coalition.domain.models import (
    ActionItem,
    ActionStatus,
    Decision,
    Irritant,
    IrritantStatus,
    Note,
    Participant,
    Session,
    SessionInfo,
)
from coalition.domain.playbook import load_playbook
from coalition.services.playbook_library import BUNDLED_DIR
from coalition.store import read_room_documents, read_session
from coalition.store.atomic_storage import encode_tables, write_atomically
from coalition.store.session_reading import CARRIED_TABLE, META_ID, SCHEMA_VERSION, TABLE_BY_KIND

Row = tuple[str, str, str, bool]
ROOM_TARGET_MS = 50.0  # a card sent -> durable -> acknowledged, and a keypress under load


@dataclass
class Figures:
    rows: list[Row]

    def add(self, what: str, measured: str, target: str, ok: bool) -> None:
        self.rows.append((what, measured, target, ok))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def session_info() -> SessionInfo:
    playbook = load_playbook(BUNDLED_DIR / "kotter-alignment.md")
    return SessionInfo(
        title="Benchmark",
        client="Bench Co",
        date=dt.date(2026, 11, 22),
        facilitator="Fran",
        playbook=playbook.snapshot(),
        current_step="review",
    )


def synthetic_session(items: int) -> Session:
    """A session with `items` items spread over kinds and steps, like a long series."""
    info = session_info()
    steps = [s.id for s in info.playbook.steps]
    session = Session(info=info)
    people = [f"Person {n}" for n in range(1, 21)]
    session.participants = [Participant(f"P-{n}", name) for n, name in enumerate(people, 1)]
    for n in range(1, items + 1):
        step = steps[n % len(steps)]
        text = f"Item {n}: a sentence of typical length about referral waiting times and owners"
        match n % 4:
            case 0:
                session.decisions.append(Decision(f"D-{n}", text, (people[n % 20],), step))
            case 1:
                session.actions.append(
                    ActionItem(f"A-{n}", text, people[n % 20], dt.date(2026, 12, 1), step=step)
                )
            case 2:
                session.irritants.append(Irritant(f"I-{n}", text, votes=n % 7, step=step))
            case _:
                session.notes.append(Note(f"N-{n}", text, step))
    numbers = {p: items + 1 for p in "ADIN"} | {"P": len(people) + 1}
    session.info = dataclasses.replace(info, next_numbers=numbers)
    return session


def write_session_file(path: Path, session: Session) -> None:
    """Write a session file directly (seeding 10,000 items one save at a time is slow)."""
    meta = session.info.to_record()
    playbook = meta.pop("playbook")
    meta["schema_version"] = SCHEMA_VERSION
    tables: dict[str, dict[str, object]] = {
        "session": {str(META_ID): meta},
        "playbook": {str(META_ID): playbook},
    }
    for kind, table in TABLE_BY_KIND.items():
        items = getattr(session, table)
        tables[table] = {str(i): item.to_record() for i, item in enumerate(items, 1)}
        assert all(item.kind == kind for item in items)
    if session.baseline:  # what the session carried in, as carry-forward stores it
        carried = sorted(session.baseline.values(), key=lambda item: (item.prefix, item.id))
        tables[CARRIED_TABLE] = {str(i): item.to_record() for i, item in enumerate(carried, 1)}
    write_atomically(path, encode_tables(tables))  # type: ignore[arg-type]


def workspace_with_session(
    folder: Path, items: int, step: str = "", name: str = "2026-11-22-benchmark"
) -> tuple[Path, Path]:
    """A workspace (root, session file) whose one session holds `items` items, all in `step`
    (the first step when not given), which is the session's current step."""
    from coalition.services.workspace import init_workspace

    workspace, _ = init_workspace(folder / "ws")
    session = synthetic_session(items)
    step = step or session.info.playbook.steps[0].id
    session.info = dataclasses.replace(session.info, current_step=step)
    for kind in ("decisions", "actions", "irritants", "notes"):
        setattr(session, kind, [dataclasses.replace(i, step=step)
                                for i in getattr(session, kind)])  # fmt: skip
    path = workspace.sessions_dir / "bench-co" / f"{name}.json"
    path.parent.mkdir(parents=True)
    write_session_file(path, session)
    return workspace.root, path


def synthetic_programme(count: int, items: int) -> list[tuple[Path, Session]]:
    """`count` weekly sessions of one client, each carrying the first one's `items` items
    (origins set, as carry-forward does) with statuses and attendance moving on."""
    base = synthetic_session(items)
    first = "2026-01-05-benchmark-1"
    statuses = list(IrritantStatus)
    programme = []
    for k in range(1, count + 1):
        date = dt.date(2026, 1, 5) + dt.timedelta(weeks=k - 1)
        origin = first if k > 1 else ""
        info = dataclasses.replace(base.info, date=date, sequence=k, title=f"Benchmark {k}")
        session = Session(info=info)
        session.participants = [dataclasses.replace(p, present=(n + k) % 4 != 0, origin=origin)
                                for n, p in enumerate(base.participants)]  # fmt: skip
        session.decisions = [dataclasses.replace(d, origin=origin) for d in base.decisions]
        session.actions = [
            dataclasses.replace(a, origin=origin, due=date - dt.timedelta(days=n % 20),
                                status=ActionStatus.DONE if (n + k) % 9 == 0 else a.status)
            for n, a in enumerate(base.actions)
        ]  # fmt: skip
        session.irritants = [dataclasses.replace(i, origin=origin, status=statuses[(n + k) % 4])
                             for n, i in enumerate(base.irritants)]  # fmt: skip
        session.notes = base.notes if k == 1 else []
        if programme:  # carried in: the previous session's items, as a real follow-up holds
            before = programme[-1][1]
            session.baseline = {i.id: i for i in before.items() if i.kind != "note"}
        programme.append((Path(f"/bench/{date.isoformat()}-benchmark-{k}.json"), session))
    return programme


def expected_texts(acked: set[str]) -> set[str]:
    """The texts of the acknowledged cards, from their idempotency keys (`p<n>-c<k>`)."""
    return {f"Card {k.split('-c')[1]} of person {k.split('-c')[0][1:]}" for k in acked}


def lost_and_duplicates(path: Path, acked: set[str]) -> tuple[int, int, int]:
    """Acknowledged cards missing from the session file, cards there twice, cards left
    unrevealed in the room's documents."""
    texts = [i.text for i in read_session(path).irritants]
    left = [d for k, d in read_room_documents(path).items() if k != "1"]
    return len(expected_texts(acked) - set(texts)), len(texts) - len(set(texts)), len(left)


def add_room_figures(figures: Figures, served_by: str, found: dict[str, object]) -> None:
    """The rows of one load run for benchmarks/run.py's table."""
    p95 = float(found["card -> durable -> 201 p95 ms"])  # type: ignore[arg-type]
    what = f"{found['people']} people × {found['cards each']} cards, room served by {served_by}"
    figures.add(f"card sent → durable → 201 received, {what} (p95)", f"{p95:.0f} ms",
                f"≤ {ROOM_TARGET_MS:.0f} ms", p95 <= ROOM_TARGET_MS)  # fmt: skip
    lost, duplicates = found["lost"], found["duplicates"]
    figures.add(f"cards lost / duplicated, {what}", f"{lost} / {duplicates} of "
                f"{found['acknowledged']}", "0 / 0", lost == duplicates == 0)  # fmt: skip
