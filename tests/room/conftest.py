"""The room's fixtures: a session file on disk, a room over it, and a test client."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, CookieJar
from aiohttp.test_utils import TestClient

from coalition.domain.models import PlaybookSnapshot, SessionInfo, StepSnapshot
from coalition.room.core import RoomCore
from coalition.room.http import build_app
from coalition.room.limits import Limits
from coalition.room.tokens import RoomSecrets
from coalition.store import SessionStore

STEPS = (
    StepSnapshot(
        "ideas", "What annoys you?", "", ("What costs you time?",), 10, ("irritant", "note")
    ),
    StepSnapshot("plan", "What do we do?", "", ("Who does what?",), 10, ("action", "decision")),
    StepSnapshot("close", "Close", "", (), 5, ("participant",)),
)


def room_session(path: Path) -> Path:
    info = SessionInfo(
        title="Room test",
        client="Northwind",
        date=dt.date(2026, 11, 25),
        facilitator="Fran",
        playbook=PlaybookSnapshot("room", "Room", "1", STEPS),
        current_step="ideas",
    )
    with SessionStore.create(path, info) as store:
        store.add("participant", name="Ana Lima")
    return path


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    return room_session(tmp_path / "sessions" / "northwind" / "2026-11-25-room-test.json")


@pytest.fixture
def store(session_path: Path) -> Iterator[SessionStore]:
    with SessionStore.open(session_path) as opened:
        yield opened


@dataclass
class RoomClient:
    """A test client over one opening, with its secrets at hand."""

    client: TestClient[Any, Any]
    core: RoomCore
    secrets: RoomSecrets

    @property
    def facilitator(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secrets.facilitator}"}

    async def join(self, name: str) -> str:
        """Join as `name` (the client keeps the cookie); returns the CSRF token."""
        answer = await self.client.post(f"/api/join?t={self.secrets.join}", json={"name": name})
        assert answer.status == 200, await answer.text()
        csrf: str = (await answer.json())["csrf"]
        return csrf


MakeRoom = Callable[..., Awaitable[RoomClient]]


@pytest.fixture
async def make_room(
    store: SessionStore, aiohttp_client: Callable[..., Awaitable[TestClient[Any, Any]]]
) -> AsyncIterator[MakeRoom]:
    async def make(anonymous: bool = False, **limits: Any) -> RoomClient:
        core = RoomCore(store, anonymous=anonymous, limits=Limits(**limits))
        secrets = RoomSecrets()
        client = await aiohttp_client(build_app(core, secrets))
        return RoomClient(client, core, secrets)

    yield make


@pytest.fixture
async def room(make_room: MakeRoom) -> RoomClient:
    return await make_room()


@pytest.fixture
async def second_device(room: RoomClient) -> AsyncIterator[Callable[[], ClientSession]]:
    """Another device on the same room: a session with its own cookie jar."""
    sessions: list[ClientSession] = []

    def make() -> ClientSession:
        session = ClientSession(
            base_url=str(room.client.make_url("/")), cookie_jar=CookieJar(unsafe=True)
        )
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        await session.close()
