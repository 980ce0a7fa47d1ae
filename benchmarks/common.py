"""What the benchmark scripts share: the figures table, percentiles, synthetic sessions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from coalition.domain.models import (
    ActionItem,
    Decision,
    Irritant,
    Note,
    Participant,
    Session,
    SessionInfo,
)
from coalition.domain.playbook import load_playbook
from coalition.services.playbook_library import BUNDLED_DIR
from coalition.store.atomic_storage import encode_tables, write_atomically
from coalition.store.session_store import META_ID, SCHEMA_VERSION, TABLE_BY_KIND

Row = tuple[str, str, str, bool]


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
    write_atomically(path, encode_tables(tables))  # type: ignore[arg-type]
