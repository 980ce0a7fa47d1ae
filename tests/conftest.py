"""Shared fixtures: a small playbook, session descriptions, and a store in memory and on disk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from coalition.domain.models import SessionInfo
from coalition.domain.playbook import Playbook, parse_playbook
from coalition.store import SessionStore

FIXTURES = Path(__file__).parent / "fixtures"
MINI_PLAYBOOK = FIXTURES / "playbooks" / "mini.md"


@pytest.fixture(scope="session")
def playbook() -> Playbook:
    """The three-step fixture playbook, parsed."""
    return parse_playbook(MINI_PLAYBOOK.read_text(encoding="utf-8"), MINI_PLAYBOOK)


@pytest.fixture
def make_info(playbook: Playbook) -> Callable[..., SessionInfo]:
    """Build a SessionInfo running the fixture playbook; keyword arguments override fields."""

    def make(**changes: Any) -> SessionInfo:
        fields: dict[str, Any] = {
            "title": "Quarterly review",
            "client": "Northwind",
            "date": dt.date(2026, 3, 2),
            "facilitator": "Fran",
            "playbook": playbook.snapshot(),
            "current_step": playbook.steps[0].id,
        }
        fields.update(changes)
        return SessionInfo(**fields)

    return make


@pytest.fixture
def info(make_info: Callable[..., SessionInfo]) -> SessionInfo:
    return make_info()


@pytest.fixture(params=["memory", "disk"])
def store(
    request: pytest.FixtureRequest, tmp_path: Path, info: SessionInfo
) -> Iterator[SessionStore]:
    """The same store contract, in memory and on disk (as TinyDB tests its storages)."""
    if request.param == "memory":
        made = SessionStore.in_memory(info)
    else:
        made = SessionStore.create(
            tmp_path / "sessions" / "northwind" / "2026-03-02-review.json", info
        )
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An initialised workspace as the current folder, with a private per-user folder, for
    tests that run the command line in-process (`coalition.cli.main`)."""
    from coalition.cli import main

    monkeypatch.delenv("COALITION_WORKSPACE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    root = tmp_path / "ws"
    assert main(["init", str(root)]) == 0
    monkeypatch.chdir(root)
    return root
