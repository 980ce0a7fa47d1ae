"""The session store: the same contract in memory and on disk, then what only a file has."""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tinydb

from coalition.domain.models import (
    ActionItem,
    ActionStatus,
    Note,
    Quality,
    Session,
    SessionInfo,
    SessionStatus,
    Side,
)
from coalition.errors import SaveFailed, SessionCorrupt, SessionLocked, SessionNotFound
from coalition.store import (
    SCHEMA_VERSION,
    SessionStore,
    atomic_files,
    atomic_storage,
    read_session,
    session_reading,
)


def reopened(store: SessionStore) -> Session:
    """Close an on-disk store and read its file back through a fresh store."""
    assert store.path is not None
    store.close()
    with SessionStore.open(store.path) as again:
        return again.session


@pytest.fixture
def disk_store(tmp_path: Path, info: SessionInfo) -> SessionStore:
    made = SessionStore.create(tmp_path / "client" / "2026-03-02-review.json", info)
    yield made  # type: ignore[misc]
    made.close()


def fill(store: SessionStore) -> None:
    """One item of every kind, with every field set."""
    store.add(
        "participant",
        name="Alice Smith",
        role="CFO",
        side=Side.BUSINESS,
        qualities=frozenset({Quality.POSITION_POWER, Quality.CREDIBILITY}),
    )
    store.add("participant", name="Bob Jones", role="CIO", side=Side.IT)
    store.add(
        "decision",
        text="Adopt the value-stream map",
        owners=("Alice Smith", "Bob Jones"),
        step="review",
        rationale="one shared picture",
    )
    store.add("action", text="Draft the metrics pack", owner="Bob Jones", due=dt.date(2026, 4, 1))
    store.add(
        "irritant",
        text="Password resets take three days",
        irritates="Sales",
        service="Service desk",
        votes=3,
        owner="Bob Jones",
        step="irritants",
    )
    store.add("note", text="The CFO wants the warranty costs explained", step="review")


# -- the contract, in memory and on disk --------------------------------------------------


def test_add_gives_increasing_ids_per_kind(store: SessionStore) -> None:
    first = store.add("action", text="one")
    second = store.add("action", text="two")
    decision = store.add("decision", text="yes")

    assert (first.id, second.id, decision.id) == ("A-1", "A-2", "D-1")
    assert store.session.actions == [first, second]
    assert store.get("A-2") == second
    assert store.next_id("action") == "A-3"


def test_every_kind_round_trips_through_get(store: SessionStore) -> None:
    fill(store)
    for item in store.session.items():
        assert store.get(item.id) == item
    assert [i.id for i in store.session.items()] == ["A-1", "D-1", "I-1", "N-1", "P-1", "P-2"]


def test_put_replaces_the_item_with_the_same_id(store: SessionStore) -> None:
    action = store.add("action", text="draft", owner="Bob")
    assert isinstance(action, ActionItem)
    done = ActionItem(id=action.id, text="draft", owner="Bob", status=ActionStatus.DONE)

    store.put(done)

    assert store.session.actions == [done]
    assert store.get(action.id) == done
    assert store.next_id("action") == "A-2"


def test_put_of_a_carried_over_id_moves_the_numbering_past_it(store: SessionStore) -> None:
    store.put(ActionItem(id="A-7", text="carried over", origin="2026-01-10-kickoff"))

    assert store.next_id("action") == "A-8"
    assert store.info.next_numbers == {"A": 8}
    assert store.add("action", text="new").id == "A-8"


def test_delete_returns_the_item_and_put_undoes_it(store: SessionStore) -> None:
    note = store.add("note", text="hello")

    assert store.delete(note.id) == note
    assert store.session.notes == []
    with pytest.raises(SessionNotFound, match="N-1"):
        store.get("N-1")

    store.put(note)
    assert store.session.notes == [note]


def test_deleting_the_highest_id_does_not_reuse_it(store: SessionStore) -> None:
    store.add("irritant", text="one")
    store.add("irritant", text="two")
    store.delete("I-2")

    assert store.add("irritant", text="three").id == "I-3"


@pytest.mark.parametrize("item_id", ["A-99", "X-1", "nonsense", ""])
def test_get_and_delete_of_an_unknown_id_are_refused(store: SessionStore, item_id: str) -> None:
    store.add("action", text="one")
    with pytest.raises(SessionNotFound):
        store.get(item_id)
    with pytest.raises(SessionNotFound):
        store.delete(item_id)
    assert len(store.session.actions) == 1


def test_session_description_changes(store: SessionStore) -> None:
    store.set_current_step("close")
    store.set_status(SessionStatus.CLOSED)
    store.update_info(title="Renamed", facilitator="Gil")

    assert store.info.current_step == "close"
    assert store.info.status is SessionStatus.CLOSED
    assert (store.info.title, store.info.facilitator) == ("Renamed", "Gil")


def test_ids_are_seeded_from_earlier_sessions(
    make_info: Callable[..., SessionInfo], tmp_path: Path
) -> None:
    info = make_info(next_numbers={"A": 12, "I": 4})
    with SessionStore.create(tmp_path / "s.json", info) as store:
        assert store.add("action", text="x").id == "A-12"
        assert store.add("irritant", text="y").id == "I-4"
        assert store.add("decision", text="z").id == "D-1"


# -- on disk: persistence ----------------------------------------------------------------


def test_reopen_gives_an_equal_session(disk_store: SessionStore) -> None:
    fill(disk_store)
    disk_store.put(ActionItem(id="A-9", text="carried over", origin="earlier"))
    disk_store.put(ActionItem(id="A-5", text="also carried over"))
    disk_store.delete("P-2")
    disk_store.set_current_step("irritants")
    expected = disk_store.session
    assert disk_store.path is not None

    assert read_session(disk_store.path) == expected
    assert reopened(disk_store) == expected


def test_next_numbers_survive_a_reopen_after_deleting_the_highest(
    tmp_path: Path, info: SessionInfo
) -> None:
    path = tmp_path / "s.json"
    with SessionStore.create(path, info) as store:
        store.add("action", text="one")
        store.add("action", text="two")
        store.delete("A-2")

    with SessionStore.open(path) as store:
        assert store.info.next_numbers == {"A": 3}
        assert store.add("action", text="three").id == "A-3"


def test_create_refuses_an_existing_file(disk_store: SessionStore, info: SessionInfo) -> None:
    assert disk_store.path is not None
    before = disk_store.path.read_bytes()
    with pytest.raises(SaveFailed, match="already exists"):
        SessionStore.create(disk_store.path, info)
    assert disk_store.path.read_bytes() == before


def test_open_of_a_missing_file_is_session_not_found(tmp_path: Path) -> None:
    with pytest.raises(SessionNotFound, match=r"nowhere\.json"):
        SessionStore.open(tmp_path / "nowhere.json")
    with pytest.raises(SessionNotFound, match=r"nowhere\.json"):
        read_session(tmp_path / "nowhere.json")


# -- on disk: the file format -------------------------------------------------------------


def test_stock_tinydb_reads_what_the_store_holds(disk_store: SessionStore) -> None:
    fill(disk_store)
    disk_store.add("note", text="Ünïcödé — and “quotes”")
    assert disk_store.path is not None
    session = disk_store.session

    db = tinydb.TinyDB(disk_store.path, encoding="utf-8")
    try:
        assert db.table("actions").all() == [a.to_record() for a in session.actions]
        assert db.table("decisions").all() == [d.to_record() for d in session.decisions]
        assert db.table("irritants").all() == [i.to_record() for i in session.irritants]
        assert db.table("notes").all() == [n.to_record() for n in session.notes]
        assert db.table("participants").all() == [p.to_record() for p in session.participants]
        (meta,) = db.table("session").all()
        assert meta["schema_version"] == SCHEMA_VERSION
        assert meta["title"] == session.info.title
        (playbook,) = db.table("playbook").all()
        assert playbook == session.info.playbook.to_record()
    finally:
        db.close()


def test_one_document_per_line_so_an_edit_changes_one_line(disk_store: SessionStore) -> None:
    for number in range(12):
        disk_store.add("note", text=f"note {number}")
    assert disk_store.path is not None
    before = disk_store.path.read_text(encoding="utf-8").splitlines()

    disk_store.put(Note(id="N-5", text="edited"))

    after = disk_store.path.read_text(encoding="utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len(changed) == 2
    assert changed[0].startswith("-") and '"note 4"' in changed[0]
    assert changed[1].startswith("+") and '"edited"' in changed[1]
    notes_lines = [line for line in after if '"text": ' in line and '"id": "N-' in line]
    assert len(notes_lines) == 12


def test_keys_are_sorted_and_documents_in_numeric_order(disk_store: SessionStore) -> None:
    for number in range(11):  # doc ids 1..11: "10" and "11" must come after "9"
        disk_store.add("note", text=f"note {number}")
    assert disk_store.path is not None
    orders: list[list[str]] = []

    def record(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        orders.append([key for key, _ in pairs])
        return dict(pairs)

    json.loads(disk_store.path.read_text(encoding="utf-8"), object_pairs_hook=record)
    for keys in orders:
        if keys and all(key.isdigit() for key in keys):
            assert keys == sorted(keys, key=int)
        else:
            assert keys == sorted(keys)
    assert [str(n) for n in range(1, 12)] in orders
    text = disk_store.path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "\r" not in text


def test_saves_leave_no_temporary_files(disk_store: SessionStore) -> None:
    fill(disk_store)
    disk_store.delete("N-1")
    assert disk_store.path is not None
    assert list(disk_store.path.parent.glob(".*.tmp")) == []
    assert sorted(p.name for p in disk_store.path.parent.iterdir()) == [
        "2026-03-02-review.json",
        "2026-03-02-review.lock",
    ]


def test_a_new_file_gets_the_umask_mode_and_saves_keep_a_changed_mode(
    disk_store: SessionStore,
) -> None:
    assert disk_store.path is not None
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(disk_store.path.stat().st_mode) == 0o666 & ~umask

    disk_store.path.chmod(0o640)
    disk_store.add("note", text="after chmod")  # the chmod changed ctime only, not the data
    assert stat.S_IMODE(disk_store.path.stat().st_mode) == 0o640


def test_open_cleans_stray_temporaries_of_that_file_only(
    disk_store: SessionStore, info: SessionInfo
) -> None:
    assert disk_store.path is not None
    folder, name = disk_store.path.parent, disk_store.path.name
    disk_store.close()
    stray = folder / f".{name}.k3j2x1.tmp"
    stray.write_bytes(b'{"half": ')
    other = folder / ".another.json.abc.tmp"
    other.write_bytes(b"not ours")

    with SessionStore.open(disk_store.path) as again:
        assert again.info == info
    assert not stray.exists()
    assert other.exists()


def test_lone_surrogates_save_and_reload(disk_store: SessionStore) -> None:
    note = disk_store.add("note", text="pasted \ud800 half a character")
    decision = disk_store.add("decision", text="ok", rationale="\udfff")
    assert disk_store.path is not None

    assert reopened(disk_store).notes == [note]
    assert read_session(disk_store.path).decisions == [decision]
    assert json.loads(disk_store.path.read_bytes())["notes"]["1"]["text"] == note.text  # type: ignore[union-attr]


# -- on disk: the lock --------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from coalition.store import SessionStore

    store = SessionStore.open(Path(sys.argv[1]))
    print("open", flush=True)
    sys.stdin.readline()
    store.close()
    print("closed", flush=True)
    """
)


def test_a_second_process_is_refused_until_the_first_closes(disk_store: SessionStore) -> None:
    path = disk_store.path
    assert path is not None
    fill(disk_store)
    disk_store.close()
    before = path.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "open"  # waits until the child holds it

        with pytest.raises(SessionLocked) as refused:
            SessionStore.open(path, lock_timeout=0.1)
        assert str(path) in refused.value.message
        assert f"pid {holder.pid}" in refused.value.message
        assert path.read_bytes() == before
        assert read_session(path).notes  # reading without the lock still works

        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "closed"
    finally:
        holder.stdin.close()  # type: ignore[union-attr]
        holder.wait(timeout=30)
        holder.stdout.close()  # type: ignore[union-attr]
    assert holder.returncode == 0

    with SessionStore.open(path) as store:
        assert store.add("note", text="after the other closed").id == "N-2"


def test_the_lock_is_released_on_close_within_one_process(disk_store: SessionStore) -> None:
    path = disk_store.path
    assert path is not None
    with pytest.raises(SessionLocked):
        SessionStore.open(path, lock_timeout=0.05)
    disk_store.close()
    with SessionStore.open(path) as again:
        assert again.session == disk_store.session


# -- on disk: corrupt files ---------------------------------------------------------------


def valid_tables(disk_store: SessionStore) -> dict[str, Any]:
    fill(disk_store)
    disk_store.close()
    assert disk_store.path is not None
    tables: dict[str, Any] = json.loads(disk_store.path.read_text(encoding="utf-8"))
    return tables


def assert_refused_unchanged(path: Path, content: bytes, *fragments: str) -> str:
    """Both ways of opening refuse with SessionCorrupt naming the file; bytes untouched."""
    path.write_bytes(content)
    messages = []
    for opener in (SessionStore.open, read_session):
        with pytest.raises(SessionCorrupt) as refused:
            opener(path)  # type: ignore[operator]
        messages.append(refused.value.message)
        assert str(path) in refused.value.message
        for fragment in fragments:
            assert fragment in refused.value.message
        assert path.read_bytes() == content
    return messages[0]


def test_truncated_json_names_file_and_line(disk_store: SessionStore) -> None:
    fill(disk_store)
    assert disk_store.path is not None
    disk_store.close()
    whole = disk_store.path.read_bytes()
    cut = whole[: len(whole) * 2 // 3]
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(cut)

    assert_refused_unchanged(disk_store.path, cut, f"{disk_store.path}:{expected.value.lineno}:")


def test_bytes_that_are_not_utf8_are_refused(disk_store: SessionStore) -> None:
    disk_store.close()
    assert disk_store.path is not None
    assert_refused_unchanged(disk_store.path, b'{"session": {"1": {"title": "\xff"}}}', "UTF-8")


@pytest.mark.parametrize(
    "content",
    [b"[1, 2, 3]", b'"a string"', b'{"session": [1]}', b'{"session": {"1": 5}}', b"null"],
)
def test_json_of_the_wrong_shape_is_refused(disk_store: SessionStore, content: bytes) -> None:
    disk_store.close()
    assert disk_store.path is not None
    assert_refused_unchanged(disk_store.path, content)


def test_a_file_without_the_session_table_is_refused(disk_store: SessionStore) -> None:
    tables = valid_tables(disk_store)
    del tables["session"]
    assert disk_store.path is not None
    assert_refused_unchanged(disk_store.path, json.dumps(tables).encode(), "'session'")


def test_a_file_from_a_newer_coalition_is_refused(disk_store: SessionStore) -> None:
    tables = valid_tables(disk_store)
    tables["session"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    assert disk_store.path is not None
    assert_refused_unchanged(disk_store.path, json.dumps(tables).encode(), "newer coalition")


@pytest.mark.parametrize(
    ("table", "doc", "change"),
    [
        ("notes", "1", {"text": None}),  # deleted field -> see below
        ("actions", "1", {"status": "finished-ish"}),
        ("actions", "1", {"due": "next spring"}),
        ("actions", "1", {"due": 20260401}),
        ("irritants", "1", {"votes": "many"}),
        ("participants", "1", {"side": "both"}),
        ("participants", "1", {"qualities": ["charm"]}),
        ("participants", "1", {"qualities": 3}),
        ("decisions", "1", {"owners": 7}),
        ("decisions", "1", {"id": 7}),
        ("notes", "1", {"text": ["a", "list"]}),
        ("actions", "1", {"owner": None}),
        ("session", "1", {"date": "someday"}),
        ("session", "1", {"next_numbers": ["A", 3]}),
        ("session", "1", {"next_numbers": {"A": "three"}}),
        ("session", "1", {"status": "paused"}),
        ("playbook", "1", {"steps": ["not a step"]}),
        ("playbook", "1", {"steps": [{"id": "x"}]}),
    ],
)
def test_an_invalid_document_is_refused(
    disk_store: SessionStore, table: str, doc: str, change: dict[str, Any]
) -> None:
    tables = valid_tables(disk_store)
    record = tables[table][doc]
    for key, value in change.items():
        if value is None and key == "text":
            del record[key]
        else:
            record[key] = value
    assert disk_store.path is not None
    message = assert_refused_unchanged(disk_store.path, json.dumps(tables).encode())
    assert f"'{table}'" in message or "session description" in message


def test_an_empty_file_is_refused_by_open(disk_store: SessionStore) -> None:
    disk_store.close()
    assert disk_store.path is not None
    disk_store.path.write_bytes(b"")
    with pytest.raises(SessionCorrupt, match="empty"):
        SessionStore.open(disk_store.path)
    with pytest.raises(SessionCorrupt, match="empty"):
        read_session(disk_store.path)
    assert disk_store.path.read_bytes() == b""


def test_deeply_nested_json_is_refused_not_crashed_on(disk_store: SessionStore) -> None:
    disk_store.close()
    assert disk_store.path is not None
    nested = b"[" * 100_000 + b"]" * 100_000
    message = assert_refused_unchanged(disk_store.path, nested)
    assert "too deeply" in message


# -- on disk: migrations ------------------------------------------------------------------


def version_zero_file(disk_store: SessionStore) -> Path:
    """A file as an imagined version 0 wrote it: notes kept their text under `body`."""
    tables = valid_tables(disk_store)
    tables["session"]["1"]["schema_version"] = 0
    for note in tables["notes"].values():
        note["body"] = note.pop("text")
    assert disk_store.path is not None
    disk_store.path.write_text(json.dumps(tables), encoding="utf-8")
    return disk_store.path


def test_a_version_zero_file_is_migrated_on_open(
    disk_store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = version_zero_file(disk_store)
    calls: list[int] = []

    def upgrade(tables: dict[str, Any]) -> dict[str, Any]:
        calls.append(tables["session"]["1"]["schema_version"])
        upgraded = json.loads(json.dumps(tables))  # a fresh copy, as a real upgrade might
        for note in upgraded["notes"].values():
            note["text"] = note.pop("body")
        return upgraded

    monkeypatch.setitem(session_reading.MIGRATIONS, 0, upgrade)

    with SessionStore.open(path) as store:
        assert calls == [0]
        assert [n.text for n in store.session.notes] == [
            "The CFO wants the warranty costs explained"
        ]
        store.add("note", text="after the upgrade")

    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert on_disk["session"]["1"]["schema_version"] == SCHEMA_VERSION
    assert all("body" not in note for note in on_disk["notes"].values())
    assert read_session(path).notes[0].text == "The CFO wants the warranty costs explained"


def test_a_version_zero_file_without_a_migration_is_refused(disk_store: SessionStore) -> None:
    path = version_zero_file(disk_store)
    content = path.read_bytes()
    assert_refused_unchanged(path, content, "schema_version 0")


# -- on disk: failing saves ---------------------------------------------------------------


def no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("target", ["os.replace", "write_atomically"])
def test_a_failing_save_keeps_the_file_and_the_session_honest(
    disk_store: SessionStore, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    fill(disk_store)
    assert disk_store.path is not None
    before_bytes = disk_store.path.read_bytes()
    before_session = Session(
        info=disk_store.info,
        participants=list(disk_store.session.participants),
        decisions=list(disk_store.session.decisions),
        actions=list(disk_store.session.actions),
        irritants=list(disk_store.session.irritants),
        notes=list(disk_store.session.notes),
    )
    if target == "os.replace":
        monkeypatch.setattr(atomic_files.os, "replace", no_space)
    else:
        monkeypatch.setattr(atomic_storage, "write_atomically", no_space)

    with pytest.raises(SaveFailed, match="No space left") as failed:
        disk_store.add("action", text="never saved")
    assert str(disk_store.path) in failed.value.message
    with pytest.raises(SaveFailed):
        disk_store.delete("N-1")
    with pytest.raises(SaveFailed):
        disk_store.set_current_step("close")

    assert disk_store.path.read_bytes() == before_bytes
    assert disk_store.session == before_session
    assert disk_store.next_id("action") == "A-2"
    with pytest.raises(SessionNotFound):
        disk_store.get("A-2")
    assert list(disk_store.path.parent.glob(".*.tmp")) == []

    monkeypatch.undo()
    saved = disk_store.add("action", text="saved once there is space")
    assert saved.id == "A-2"
    assert reopened(disk_store) == Session(
        info=before_session.info.__class__(
            **{
                **_fields(before_session.info),
                "next_numbers": {**before_session.info.next_numbers, "A": 3},
            }
        ),
        participants=before_session.participants,
        decisions=before_session.decisions,
        actions=[*before_session.actions, saved],
        irritants=before_session.irritants,
        notes=before_session.notes,
    )


def _fields(info: SessionInfo) -> dict[str, Any]:
    return {name: getattr(info, name) for name in info.__dataclass_fields__}


@pytest.mark.parametrize("how", ["rewritten", "deleted"])
def test_a_file_changed_by_another_program_is_never_overwritten(
    disk_store: SessionStore, how: str
) -> None:
    fill(disk_store)
    path = disk_store.path
    assert path is not None
    if how == "rewritten":
        replacement = path.with_name("elsewhere.json")
        replacement.write_bytes(path.read_bytes().replace(b"Alice Smith", b"Alice Smyth"))
        os.replace(replacement, path)
        expected: bytes | None = path.read_bytes()
    else:
        path.unlink()
        expected = None

    for _ in range(2):  # a retry must not overwrite it either
        with pytest.raises(SaveFailed, match="changed or deleted by another program"):
            disk_store.add("note", text="would clobber")

    assert (path.read_bytes() if path.exists() else None) == expected
    assert [n.text for n in disk_store.session.notes] == [
        "The CFO wants the warranty costs explained"
    ]


def test_saves_reuse_unchanged_tables_and_match_a_full_encoding(disk_store: SessionStore) -> None:
    fill(disk_store)
    disk_store.add("note", text="after the cache is warm", step=disk_store.info.current_step)
    path = disk_store.path
    assert path is not None
    raw = json.loads(path.read_bytes())
    assert path.read_bytes() == atomic_storage.encode_tables(raw)  # as if encoded from scratch


def test_moving_between_steps_records_the_steps_visited(disk_store: SessionStore) -> None:
    disk_store.update_info(visited_steps=("review",))
    disk_store.set_current_step("close")
    disk_store.set_current_step("irritants")
    again = reopened(disk_store)
    assert again.info.visited_steps == ("review", "irritants", "close")  # agenda order
    assert again.info.current_step == "irritants"


def test_a_batch_saves_the_id_counters_once_and_right(
    disk_store: SessionStore, info: SessionInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counters move with every item of a batch and reach the file once, at its end; a
    batch that fails leaves them as they were."""
    step = info.playbook.steps[0].id
    writes: list[SessionStore] = []
    write_meta = SessionStore._write_meta

    def counted(store: SessionStore) -> None:
        writes.append(store)
        write_meta(store)

    monkeypatch.setattr(SessionStore, "_write_meta", counted)
    with disk_store.batch():
        for n in range(5):
            disk_store.add("note", text=f"note {n}", step=step)
        assert disk_store.info.next_numbers["N"] == 6
    assert len(writes) == 1
    with pytest.raises(RuntimeError), disk_store.batch():
        disk_store.add("note", text="undone", step=step)
        raise RuntimeError("the batch fails")
    assert disk_store.info.next_numbers["N"] == 6
    assert disk_store.path is not None
    disk_store.close()
    with SessionStore.open(disk_store.path) as again:
        assert again.info.next_numbers["N"] == 6
        assert [note.id for note in again.session.notes] == [f"N-{n}" for n in range(1, 6)]
