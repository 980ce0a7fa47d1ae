"""The programme cache: a programme is read once and read again whenever its files change."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from coalition.errors import CoalitionError
from coalition.minutes.programme import render_programme
from coalition.services.programme import client_programme
from coalition.services.programme_cache import ProgrammeCache, folder_fingerprint
from coalition.services.sessions import start_session
from coalition.store import SessionStore
from programme_example import CLIENT, build_example, example_playbook


def test_a_programme_is_read_once_while_its_files_stay_the_same(tmp_path: Path) -> None:
    workspace = build_example(tmp_path / "ws")
    cache = ProgrammeCache(workspace)
    assert cache.cached(CLIENT) is None
    view = cache.view(CLIENT)
    folder, programme = client_programme(workspace, CLIENT)
    assert view.folder == folder and view.programme == programme
    assert view.markdown == render_programme(programme)
    assert cache.view(CLIENT) is view and cache.cached(CLIENT) is view
    assert cache.cached(CLIENT.upper()) is view  # the client's name as Home may spell it


def test_a_save_a_new_session_or_a_removed_one_makes_it_stale(tmp_path: Path) -> None:
    workspace = build_example(tmp_path / "ws")
    cache = ProgrammeCache(workspace)
    first = cache.view(CLIENT)
    latest = sorted(first.folder.glob("*.json"))[-1]
    with SessionStore.open(latest) as store:
        store.add("win", text="Recorded after the programme was read", step="wins")
    assert cache.cached(CLIENT) is None
    second = cache.view(CLIENT)
    assert "Recorded after the programme was read" not in first.markdown
    assert "Recorded after the programme was read" in second.markdown
    copy = first.folder / "2027-01-01-copy.json"
    copy.write_bytes(latest.read_bytes())
    assert cache.cached(CLIENT) is None
    cache.view(CLIENT)
    copy.unlink()
    assert cache.cached(CLIENT) is None
    assert cache.view(CLIENT).programme == client_programme(workspace, CLIENT)[1]


def test_a_rewrite_with_the_same_size_is_seen_by_its_new_inode(tmp_path: Path) -> None:
    workspace = build_example(tmp_path / "ws")
    folder = workspace.client_dir(CLIENT)
    before = folder_fingerprint(folder)
    target = sorted(folder.glob("*.json"))[0]
    replacement = target.with_suffix(".tmp")
    replacement.write_bytes(target.read_bytes())
    replacement.replace(target)  # what the store's atomic save does
    assert folder_fingerprint(folder) != before


def test_only_the_latest_clients_are_kept(tmp_path: Path) -> None:
    workspace = build_example(tmp_path / "ws")
    cache = ProgrammeCache(workspace, clients=1)
    cache.view(CLIENT)
    with pytest.raises(CoalitionError, match="No sessions of the client 'Nobody'"):
        cache.view("Nobody")
    assert cache.cached(CLIENT) is not None  # a failed read keeps what was there
    (workspace.sessions_dir / "other").mkdir()
    with pytest.raises(CoalitionError):
        cache.view("other")  # a folder without sessions
    assert cache.cached(CLIENT) is not None
    start_session(workspace, client="Other Co", title="Kick-off", playbook=example_playbook(),
                  date=dt.date(2026, 10, 2)).close()  # fmt: skip
    assert cache.view("Other Co").programme.client == "Other Co"
    assert cache.cached(CLIENT) is None  # one client kept: the one read last


def test_two_threads_asking_at_once_read_the_files_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = build_example(tmp_path / "ws")
    import coalition.services.programme_cache as module

    reads: list[str] = []
    real = module.client_programme

    def counting(*args: object) -> object:
        reads.append("read")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "client_programme", counting)
    cache = ProgrammeCache(workspace)
    views = []
    threads = [threading.Thread(target=lambda: views.append(cache.view(CLIENT))) for _ in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert reads == ["read"] and views[0] is views[1]
