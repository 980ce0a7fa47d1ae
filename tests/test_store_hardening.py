"""The store against hostile or hand-edited files: planted links, frozen files, absurd numbers,
lock files left behind, and the cost of a long batch (issue 10)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalition.cli import main
from coalition.domain.models import Irritant, Note, SessionInfo
from coalition.errors import (
    CoalitionError,
    SaveFailed,
    SessionCorrupt,
    SessionLocked,
    WorkspaceError,
)
from coalition.services.workspace import init_workspace
from coalition.store import SessionStore, read_session, read_session_summary
from coalition.store.session_lock import SessionLock, lock_path_for


@pytest.fixture
def session_file(tmp_path: Path, info: SessionInfo) -> Path:
    """A closed session file with a note and an irritant that has named votes."""
    path = tmp_path / "sessions" / "northwind" / "2026-03-02-review.json"
    with SessionStore.create(path, info) as store:
        store.add("note", text="already saved", step=info.current_step)
        store.add("irritant", text="Slow resets", votes=3, votes_by=(("Ann", 2),))
    return path


def snapshot(path: Path) -> tuple[bytes, int]:
    """The bytes and inode of a file: both stay the same when nothing was written."""
    return path.read_bytes(), path.stat().st_ino


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.delenv("COALITION_WORKSPACE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    root = tmp_path / "ws"
    assert main(["init", str(root)]) == 0
    monkeypatch.chdir(root)
    yield root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def new_session(capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, err = run(capsys, "new", "--client", "Acme", "--title", "Kick-off",
                         "--date", "2026-11-19")  # fmt: skip
    assert code == 0, err
    return Path(out.strip().splitlines()[-1])


# -- 1. the lock file is never a link or anything but a plain file ------------------------


def test_a_symlinked_lock_is_refused_and_its_target_kept(
    session_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "important"
    target.write_text("precious\n")
    lock = lock_path_for(session_file)
    lock.unlink(missing_ok=True)
    lock.symlink_to(target)
    before = snapshot(session_file)

    with pytest.raises(WorkspaceError) as refused:
        SessionStore.open(session_file)
    assert str(lock) in refused.value.message
    assert "symbolic link" in refused.value.message
    assert target.read_text() == "precious\n"
    assert lock.is_symlink()
    assert snapshot(session_file) == before


def test_a_dangling_lock_link_creates_nothing(session_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "created-by-the-lock"
    lock = lock_path_for(session_file)
    lock.unlink(missing_ok=True)
    lock.symlink_to(target)

    with pytest.raises(WorkspaceError, match="symbolic link"):
        SessionStore.open(session_file)
    assert not target.exists()


@pytest.mark.parametrize("kind", ["fifo", "directory", "hard link"])
def test_a_lock_that_is_not_a_plain_file_is_refused(
    session_file: Path, tmp_path: Path, kind: str
) -> None:
    lock = lock_path_for(session_file)
    lock.unlink(missing_ok=True)
    other = tmp_path / "other-file"
    if kind == "fifo":
        os.mkfifo(lock)
    elif kind == "directory":
        lock.mkdir()
    else:
        other.write_text("someone else's\n")
        os.link(other, lock)

    with pytest.raises(WorkspaceError) as refused:
        SessionStore.open(session_file)
    assert str(lock) in refused.value.message
    assert "not a plain file" in refused.value.message
    if kind == "hard link":
        assert other.read_text() == "someone else's\n"


def test_the_cli_refuses_a_planted_lock_link_in_one_paragraph(
    workspace: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = new_session(capsys)
    target = tmp_path / "important"
    target.write_text("precious\n")
    lock_path_for(path).symlink_to(target)

    code, out, err = run(capsys, "add", str(path), "note", "hi")
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "symbolic link" in err
    assert target.read_text() == "precious\n"


# -- 12. a lock file goes away with its holder ------------------------------------------


def test_closing_a_store_removes_its_lock_file(session_file: Path) -> None:
    lock = lock_path_for(session_file)
    assert not lock.exists()  # the fixture's create() and close() left none
    with SessionStore.open(session_file) as store:
        assert lock.is_file()
        store.add("note", text="while open")
    assert not lock.exists()


def test_release_keeps_a_lock_file_that_is_no_longer_the_one_locked(
    session_file: Path, tmp_path: Path
) -> None:
    lock = SessionLock(session_file)
    lock.acquire()
    replacement = tmp_path / "replacement"
    replacement.write_text("not ours\n")
    os.replace(replacement, lock.path)
    lock.release()
    assert lock.path.read_text() == "not ours\n"


def test_an_opener_waiting_while_the_holder_removes_the_lock_file_still_excludes_others(
    session_file: Path,
) -> None:
    first = SessionLock(session_file)
    first.acquire()
    second = SessionLock(session_file, timeout=10)
    waiter = threading.Thread(target=second.acquire)
    waiter.start()
    time.sleep(0.2)  # the second has opened the lock file and polls for the lock
    first.release()  # ...and the file it opened is removed
    waiter.join(timeout=10)
    assert second.held
    try:
        third = SessionLock(session_file, timeout=0.1)
        with pytest.raises(SessionLocked):
            third.acquire()
    finally:
        second.release()
    assert not lock_path_for(session_file).exists()


def test_the_cli_leaves_no_lock_file_behind(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new_session(capsys)
    assert run(capsys, "add", str(path), "note", "hi")[0] == 0
    assert list(workspace.rglob("*.lock")) == []


# -- 12. `coalition init` makes git ignore lock and temporary files ---------------------


def test_init_appends_the_missing_ignore_lines_to_an_existing_gitignore(tmp_path: Path) -> None:
    ignore = tmp_path / "sessions" / ".gitignore"
    ignore.parent.mkdir()
    ignore.write_text("notes.txt")  # no newline at the end
    init_workspace(tmp_path)
    lines = ignore.read_text().splitlines()
    assert lines[0] == "notes.txt"
    assert "*.lock" in lines and ".*.tmp" in lines
    text = ignore.read_text()
    init_workspace(tmp_path)
    assert ignore.read_text() == text  # nothing added twice


def test_init_leaves_a_gitignore_link_and_its_target_alone(tmp_path: Path) -> None:
    target = tmp_path / "outside" / "precious"
    target.parent.mkdir()
    target.write_text("precious\n")
    (tmp_path / "ws" / "sessions").mkdir(parents=True)
    (tmp_path / "ws" / "sessions" / ".gitignore").symlink_to(target)
    with pytest.raises(WorkspaceError, match="symbolic link"):
        init_workspace(tmp_path / "ws")
    assert target.read_text() == "precious\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_ignores_lock_and_temporary_files_of_a_fresh_workspace(tmp_path: Path) -> None:
    init_workspace(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    folder = tmp_path / "sessions" / "acme"
    folder.mkdir()
    for name in ("2026-01-01-x.lock", ".2026-01-01-x.json.k2j3.tmp"):
        (folder / name).write_text("")
    (folder / "2026-01-01-x.json").write_text("{}")
    status = subprocess.run(["git", "status", "--porcelain", "-uall"], cwd=tmp_path,
                            capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert "2026-01-01-x.json" in status
    assert ".lock" not in status and ".tmp" not in status


# -- 5. a read-only session file is a frozen session --------------------------------------


def test_a_read_only_session_file_is_frozen_even_for_root(session_file: Path) -> None:
    session_file.chmod(0o444)  # root may write it anyway: the mode bits decide, not access()
    before = snapshot(session_file)

    with pytest.raises(SaveFailed) as refused:
        SessionStore.open(session_file)
    message = refused.value.message
    assert str(session_file) in message
    assert "read-only: a frozen session" in message and "chmod u+w" in message
    assert snapshot(session_file) == before
    assert not lock_path_for(session_file).exists()
    assert [n.text for n in read_session(session_file).notes] == ["already saved"]
    assert read_session_summary(session_file)[0].title == "Quarterly review"


def test_a_file_frozen_while_open_refuses_the_next_save(session_file: Path) -> None:
    with SessionStore.open(session_file) as store:
        session_file.chmod(0o444)
        before = snapshot(session_file)
        with pytest.raises(SaveFailed, match="read-only: a frozen session"):
            store.add("note", text="refused")
        assert snapshot(session_file) == before
        assert [n.text for n in store.session.notes] == ["already saved"]
        assert store.next_id("note") == "N-2"
        session_file.chmod(0o644)
        assert store.add("note", text="saved once writable").id == "N-2"
    assert [n.text for n in read_session(session_file).notes] == [
        "already saved",
        "saved once writable",
    ]


def test_the_cli_refuses_to_write_a_frozen_session_but_still_reads_it(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new_session(capsys)
    assert run(capsys, "add", str(path), "action", "Draft it", "--owner", "Fran")[0] == 0
    path.chmod(0o444)
    before = snapshot(path)
    code, out, err = run(capsys, "add", str(path), "note", "hi")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "read-only: a frozen session" in err and str(path) in err
    assert snapshot(path) == before
    for command in (["minutes", str(path)], ["list"], ["actions"]):
        code, out, err = run(capsys, *command)
        assert code == 0, (command, err)
    assert snapshot(path) == before


# -- 6. a symlinked session file is never split from its target ---------------------------


def test_a_symlinked_session_file_is_refused_for_writing_and_still_read(
    session_file: Path, tmp_path: Path
) -> None:
    real = tmp_path / "elsewhere" / "real.json"
    real.parent.mkdir()
    shutil.move(session_file, real)
    session_file.symlink_to(real)
    before = snapshot(real)

    with pytest.raises(SaveFailed) as refused:
        SessionStore.open(session_file)
    assert str(session_file) in refused.value.message
    assert "symbolic link" in refused.value.message and str(real) in refused.value.message
    assert session_file.is_symlink()
    assert snapshot(real) == before
    assert [n.text for n in read_session(session_file).notes] == ["already saved"]


def test_a_hard_linked_session_file_is_refused_for_writing_and_still_read(
    session_file: Path, tmp_path: Path
) -> None:
    real = tmp_path / "elsewhere" / "real.json"
    real.parent.mkdir()
    os.link(session_file, real)
    before = snapshot(real)
    with pytest.raises(SaveFailed, match="hard links"):
        SessionStore.open(session_file)
    assert os.stat(real).st_nlink == 2 and snapshot(real) == before
    assert [n.text for n in read_session(session_file).notes] == ["already saved"]


def test_create_refuses_a_dangling_link_where_the_new_file_goes(
    tmp_path: Path, info: SessionInfo
) -> None:
    path = tmp_path / "sessions" / "northwind" / "2026-03-02-review.json"
    path.parent.mkdir(parents=True)
    target = tmp_path / "planted.json"
    path.symlink_to(target)
    with pytest.raises(SaveFailed, match="symbolic link"):
        SessionStore.create(path, info)
    assert path.is_symlink() and not target.exists()
    assert not lock_path_for(path).exists()


# -- 4. numbers in a hand-edited file are range-checked on load ---------------------------

Edit = Callable[[dict[str, Any]], None]


def _set(keys: tuple[Any, ...], value: Any) -> Edit:
    def edit(tables: dict[str, Any]) -> None:
        target = tables
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return edit


def _rekey(new_key: str) -> Edit:
    def edit(tables: dict[str, Any]) -> None:
        tables["notes"][new_key] = tables["notes"].pop("1")

    return edit


NUMBER_FIELDS = {
    "next_numbers": ("session", "1", "next_numbers", "N"),
    "vote_budget": ("session", "1", "vote_budget"),
    "votes": ("irritants", "1", "votes"),
    "votes_by": ("irritants", "1", "votes_by", "Ann"),
    "timebox_minutes": ("playbook", "1", "steps", 0, "timebox_minutes"),
    "schema_version": ("session", "1", "schema_version"),
}
BAD_VALUES = {"1e308": 1e308, "300 digits": 10**300, "negative": -1, "a bool": True,
              "a float": 2.0, "text": "7", "a list": [1]}  # fmt: skip
BAD_IDS = {"300 digits": "N-" + "9" * 300, "past the limit": "N-1000001", "superscript": "N-²",
           "zero": "N-0", "leading zero": "N-01", "another kind": "A-1"}  # fmt: skip
# (test id, edit, what the message names, whether the session list reads it too)
BAD_NUMBERS: list[tuple[str, Edit, str, bool]] = [
    *(
        (f"{field} {label}", _set(keys, value), field, keys[0] in ("session", "playbook"))
        for field, keys in NUMBER_FIELDS.items()
        for label, value in BAD_VALUES.items()
    ),
    *(
        (f"id {label}", _set(("notes", "1", "id"), v), "'id'", False)
        for label, v in BAD_IDS.items()
    ),
    *(
        (f"key {key[:12]}", _rekey(key), "document", False)
        for key in ("abc", "1e3", "01", "9" * 40)
    ),
]


@pytest.mark.parametrize(
    ("edit", "field", "listed"), [case[1:] for case in BAD_NUMBERS],
    ids=[case[0] for case in BAD_NUMBERS],
)  # fmt: skip
def test_an_out_of_range_number_is_refused_naming_file_and_field(
    session_file: Path, edit: Edit, field: str, listed: bool
) -> None:
    tables = json.loads(session_file.read_bytes())
    edit(tables)
    content = json.dumps(tables).encode()
    session_file.write_bytes(content)
    openers: list[Callable[[Path], object]] = [SessionStore.open, read_session]
    if listed:
        openers.append(read_session_summary)
    for opener in openers:
        with pytest.raises(SessionCorrupt) as refused:
            opener(session_file)
        assert str(session_file) in refused.value.message
        assert field in refused.value.message
    assert session_file.read_bytes() == content


def test_an_id_used_twice_in_a_file_is_refused(session_file: Path) -> None:
    tables = json.loads(session_file.read_bytes())
    tables["notes"]["7"] = dict(tables["notes"]["1"], text="a second N-1")
    content = json.dumps(tables).encode()
    session_file.write_bytes(content)
    for opener in (SessionStore.open, read_session):
        with pytest.raises(SessionCorrupt, match="N-1 is in table 'notes' twice"):
            opener(session_file)  # type: ignore[operator]
    assert session_file.read_bytes() == content


def test_a_number_of_thousands_of_digits_is_refused_not_crashed_on(session_file: Path) -> None:
    content = session_file.read_bytes().replace(b'"votes": 3', b'"votes": ' + b"7" * 5000)
    session_file.write_bytes(content)
    for opener in (SessionStore.open, read_session):
        with pytest.raises(SessionCorrupt, match="thousands of digits"):
            opener(session_file)  # type: ignore[operator]
    assert session_file.read_bytes() == content


ANY_JSON_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-10, max_value=2_000_000),
    st.floats(),
    st.text(max_size=4),
    st.lists(st.integers(), max_size=2),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(sorted(NUMBER_FIELDS)), value=ANY_JSON_VALUE)
def test_any_value_in_a_number_field_loads_in_range_or_is_refused(
    session_file: Path, field: str, value: Any
) -> None:
    tables = json.loads(session_file.read_bytes())
    _set(NUMBER_FIELDS[field], value)(tables)
    path = session_file.with_name("edited.json")
    content = json.dumps(tables).encode()
    path.write_bytes(content)
    try:
        session = read_session(path)
    except SessionCorrupt as refused:
        assert str(path) in refused.message
        assert path.read_bytes() == content
        return
    numbers = [
        *session.info.next_numbers.values(),
        session.info.vote_budget,
        *(step.timebox_minutes for step in session.info.playbook.steps),
        *(irritant.votes for irritant in session.irritants),
        *(count for irritant in session.irritants for _, count in irritant.votes_by),
    ]
    assert all(type(n) is int and 0 <= n <= 1_000_001 for n in numbers), numbers


def test_the_store_refuses_to_save_a_number_it_would_refuse_to_load(session_file: Path) -> None:
    with SessionStore.open(session_file) as store:
        before = snapshot(session_file)
        for bad_item in (
            Irritant("I-2", "negative votes", votes=-1),
            Irritant("I-2", "absurd votes", votes=10**12),
            Note("N-" + "9" * 20, "an absurd ID"),
            Note("A-9", "another kind's prefix"),
        ):
            with pytest.raises(CoalitionError):
                store.put(bad_item)
        with pytest.raises(CoalitionError):
            store.update_info(vote_budget=-1)
        with pytest.raises(CoalitionError):
            store.update_info(next_numbers={"N": 10**300})
        assert snapshot(session_file) == before
        assert store.next_id("irritant") == "I-2"
        assert [n.id for n in store.session.notes] == ["N-1"]
    assert read_session(session_file).info.vote_budget == 3


def test_ids_run_out_with_a_clear_message_not_a_huge_number(session_file: Path) -> None:
    tables = json.loads(session_file.read_bytes())
    tables["session"]["1"]["next_numbers"]["N"] = 1_000_000
    session_file.write_text(json.dumps(tables))
    with SessionStore.open(session_file) as store:
        assert store.add("note", text="the last one").id == "N-1000000"
        with pytest.raises(CoalitionError, match="N-1000000"):
            store.add("note", text="one too many")
    assert [n.id for n in read_session(session_file).notes] == ["N-1", "N-1000000"]


# -- 15. a batch of puts does work linear in the number of puts ---------------------------


def lines_run(action: Callable[[], None]) -> int:
    """How many Python lines an action runs (a measure of work that ignores the clock)."""
    count = 0

    def trace(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        action()
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("where", ["memory", "disk"])
def test_a_batch_of_puts_does_work_linear_in_the_puts(
    tmp_path: Path, info: SessionInfo, where: str
) -> None:
    def batch_of(count: int) -> int:
        if where == "memory":
            store = SessionStore.in_memory(info)
        else:
            store = SessionStore.create(tmp_path / f"batch-{count}.json", info)
        notes = [Note(f"N-{n}", f"note {n}", info.current_step) for n in range(1, count + 1)]

        def put_all() -> None:
            with store.batch():
                for note in notes:
                    store.put(note)
                store.put(Note("N-1", "edited in the same batch", info.current_step))

        try:
            return lines_run(put_all)
        finally:
            store.close()

    small, large = batch_of(200), batch_of(800)
    assert large < 4.6 * small, (small, large)  # quadratic work would be about 16 times


@pytest.mark.parametrize("how", ["an error in the batch", "the save refused at its end"])
def test_a_failed_batch_leaves_the_session_as_the_file_has_it(session_file: Path, how: str) -> None:
    with SessionStore.open(session_file) as store:
        before = snapshot(session_file)
        with pytest.raises((RuntimeError, SaveFailed)), store.batch():
            store.add("note", text="never saved")
            store.delete("N-1")
            store.update_info(title="Never renamed")
            if how == "an error in the batch":
                raise RuntimeError("the user's change failed half-way")
            session_file.chmod(0o444)
        session_file.chmod(0o644)
        assert snapshot(session_file) == before
        assert [n.text for n in store.session.notes] == ["already saved"]
        assert store.info.title == "Quarterly review"
        assert store.next_id("note") == "N-2"
        assert store.add("note", text="after the failed batch").id == "N-2"
    assert [n.text for n in read_session(session_file).notes] == [
        "already saved",
        "after the failed batch",
    ]


def test_a_failed_batch_in_memory_leaves_the_store_as_it_was(info: SessionInfo) -> None:
    store = SessionStore.in_memory(info)
    store.add("note", text="kept")
    with pytest.raises(RuntimeError), store.batch():
        store.add("note", text="dropped")
        store.delete("N-1")
        raise RuntimeError("half-way")
    assert [n.text for n in store.session.notes] == ["kept"]
    store.put(Note("N-1", "edited", info.current_step))
    assert store.add("note", text="next").id == "N-2"
    assert [(n.id, n.text) for n in store.session.notes] == [("N-1", "edited"), ("N-2", "next")]


@pytest.mark.parametrize("counters", [{}, {"N": 1}, {"N": 2}])
def test_a_stale_counter_never_lets_a_new_item_replace_one(
    tmp_path: Path, info: SessionInfo, counters: dict[str, int]
) -> None:
    """After a git merge keeps one side's counters and both sides' items, or a hand edit."""
    path = tmp_path / "merge" / "2026-11-25-merge.json"
    with SessionStore.create(path, info) as store:
        store.add("note", text="first")
        store.add("note", text="Alice's note")
    data = json.loads(path.read_text())
    data["session"]["1"]["next_numbers"] = counters
    path.write_text(json.dumps(data))
    with SessionStore.open(path) as store:
        added = store.add("note", text="new")
    notes = {note.id: note.text for note in read_session(path).notes}
    assert notes == {"N-1": "first", "N-2": "Alice's note", "N-3": "new"}
    assert added.id == "N-3"
