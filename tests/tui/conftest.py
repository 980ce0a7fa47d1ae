"""Fixtures for the UI tests: a workspace with one session, a fake clock, the app factory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from coalition.domain.models import Side
from coalition.services.playbook_library import find_playbook
from coalition.services.sessions import start_session
from coalition.services.workspace import Workspace, init_workspace
from coalition.tui.app import CoalitionApp, create_app

TODAY = dt.date(2026, 3, 2)  # a Monday
SIZE = (100, 32)


class FakeClock:
    """Monotonic time the tests move by hand, so the timebox is deterministic."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    workspace, _ = init_workspace(tmp_path / "ws")
    return workspace


def make_session(workspace: Workspace, participants: tuple[tuple[str, str], ...] = ()) -> Path:
    """A saved session of the bundled playbook, with participants (name, side)."""
    playbook = find_playbook("kotter-alignment", workspace)
    with start_session(
        workspace,
        client="Acme Insurance",
        title="Kick-off",
        playbook=playbook,
        facilitator="Fran",
        date=TODAY,
    ) as store:
        for name, side in participants:
            store.add("participant", name=name, side=Side(side))
        assert store.path is not None
        return store.path


@pytest.fixture
def session_path(workspace: Workspace) -> Path:
    return make_session(workspace, (("Alice Smith", "business"), ("Bob Lee", "it")))


@pytest.fixture
def app_factory(workspace: Workspace, clock: FakeClock) -> Iterator[object]:
    def build(session: Path | None = None, theme: str | None = None) -> CoalitionApp:
        return create_app(workspace, session, clock=clock, today=lambda: TODAY, theme=theme)

    yield build
