"""The session store: dataclasses in, dataclasses out; TinyDB and dicts stay in here.

A session file holds one table per kind of item plus a `session` table (one document: the
session's description and `schema_version`) and a `playbook` table (the snapshot of the
playbook the session runs). Each capture is one atomic, durable write. Reading and checking
a file is `session_reading`; this module writes.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Coroutine, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

from coalition.domain.facilitation import visit
from coalition.domain.irritants import with_status_reached
from coalition.domain.models import (
    ITEM_TYPE_BY_KIND,
    ITEM_TYPE_BY_PREFIX,
    MAX_ID_NUMBER,
    ActionItem,
    Decision,
    Irritant,
    Item,
    Note,
    Participant,
    Session,
    SessionInfo,
    SessionStatus,
    check_id,
    id_number,
)
from coalition.domain.references import reference_problem
from coalition.errors import SaveFailed, SessionCorrupt, SessionNotFound, UsageError
from coalition.locking import holding
from coalition.store.atomic_storage import AtomicJSONStorage, Tables
from coalition.store.documents import DocumentIndex, MemoryTables
from coalition.store.session_reading import (
    CARRIED_TABLE,
    ITEM_TABLES,
    META_ID,
    META_TABLE,
    PLAYBOOK_TABLE,
    ROOM_TABLE,
    SCHEMA_VERSION,
    TABLE_BY_KIND,
    check_document_id,
    migrate,
    session_from_tables,
)

ItemT = TypeVar("ItemT", Participant, Decision, ActionItem, Irritant, Note)


SessionStorage = AtomicJSONStorage | MemoryTables


_locked = holding(lambda store: store.lock)  # see `SessionStore.lock`


class SessionStore:
    """One session, in a TinyDB file; every change is saved before it returns.

    Use `SessionStore.create` for a new session file, `SessionStore.open` to resume one, and
    `SessionStore.in_memory` in tests. A change writes one document of the raw tables (see
    `documents`), so a batch of n changes costs n steps, then one save.

    Two threads may change it (the app's, and the room's when the app serves it): every
    change, and every batch, holds `lock` (reentrant) while it runs, and a reader that needs
    several things to agree (the room's views) takes it too. Lists of the session are only
    ever appended to, replaced or spliced in place, so a reader without it sees each change
    whole or not yet.
    """

    def __init__(self, storage: SessionStorage, source: Path | str, session: Session) -> None:
        self._storage = storage
        self.lock = storage.guard
        self.source = source
        self._session = session
        self._index: DocumentIndex | None = None
        self._batch_depth = 0
        self._meta_pending = False

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, info: SessionInfo, carried: Sequence[Item] = ()) -> SessionStore:
        """Create a new session file; refuses to overwrite an existing one.

        `carried` are the items the session starts from (the previous session's state): they
        are saved as its items and, unchanged for good, as its baseline.
        """
        if path.exists():
            raise SaveFailed(f"{path} already exists; choose another title or date.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise SaveFailed(
                f"Cannot create the folder {path.parent}: {error.strerror}. Check that you may "
                "write there."
            ) from error
        storage = AtomicJSONStorage(path)
        try:
            if storage.read() is not None:  # another process created it while we waited
                raise SaveFailed(f"{path} already exists; choose another title or date.")
            store = cls._initialise(storage, path, info, carried)
            with store.batch():
                for item in carried:
                    store.put(item)
            return store
        except BaseException:
            storage.close()
            raise

    @classmethod
    def open(cls, path: Path, *, lock_timeout: float = 2.0) -> SessionStore:
        """Open an existing session file for writing (takes its lock)."""
        if not path.is_file():
            raise SessionNotFound(f"{path} does not exist.")
        storage = AtomicJSONStorage(path, lock_timeout=lock_timeout)
        try:
            tables = storage.read()
            if tables is None:
                raise SessionCorrupt(f"{path} is empty. The file was left as it is.")
            meta = tables.get(META_TABLE, {}).get(str(META_ID), {})
            version_before = meta.get("schema_version")
            migrated = migrate(tables, path)
            session = session_from_tables(migrated, path)
            store = cls(storage, path, session)
            if version_before != SCHEMA_VERSION:
                # Save the upgraded tables themselves: an upgrade may return new tables, and
                # the storage still holds the ones it read.
                with storage.batch():
                    storage.write(migrated)
                    store._write_meta()
            return store
        except BaseException:
            storage.close()
            raise

    @classmethod
    def in_memory(cls, info: SessionInfo) -> SessionStore:
        """A store with nothing on disk, for tests and previews."""
        return cls._initialise(MemoryTables(), "<memory>", info)

    @classmethod
    def _initialise(
        cls,
        storage: SessionStorage,
        source: Path | str,
        info: SessionInfo,
        carried: Sequence[Item] = (),
    ) -> SessionStore:
        baseline = {item.id: item for item in carried}
        store = cls(storage, source, Session(info=info, baseline=baseline))
        key = str(META_ID)
        tables: Tables = {
            PLAYBOOK_TABLE: {key: info.playbook.to_record()},
            META_TABLE: {key: store._meta_record()},
        }
        if carried:
            tables[CARRIED_TABLE] = {
                str(number): _checked_record(item) for number, item in enumerate(carried, 1)
            }
        storage.write(tables)
        return store

    def close(self) -> None:
        """Release the file and its lock (once a change another thread makes is done)."""
        with self.lock:
            self._storage.close()

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------

    @property
    def session(self) -> Session:
        """The session as saved (the store keeps it in step with the file)."""
        return self._session

    @property
    def info(self) -> SessionInfo:
        return self._session.info

    @property
    def path(self) -> Path | None:
        return self.source if isinstance(self.source, Path) else None

    # -- writing -------------------------------------------------------------------------

    def next_id(self, kind: str) -> str:
        """The ID the next item of `kind` will get."""
        prefix = ITEM_TYPE_BY_KIND[kind].prefix
        return f"{prefix}-{self.info.next_numbers.get(prefix, 1)}"

    @_locked
    def add(self, kind: str, /, **fields: Any) -> Item:
        """Give a new item the next human ID of its kind and save it."""
        item_type = ITEM_TYPE_BY_KIND[kind]
        self._skip_taken_ids(item_type)
        if self.info.next_numbers.get(item_type.prefix, 1) > MAX_ID_NUMBER:
            raise SaveFailed(
                f"{self.source} has used every {kind} ID up to {item_type.prefix}-"
                f"{MAX_ID_NUMBER}, so nothing was saved. Start a new session to go on."
            )
        item = item_type(id=self.next_id(kind), **fields)
        self.put(item)
        return item

    @_locked
    def put(self, item: Item) -> None:
        """Save an item: insert it, or replace the item with the same ID (an irritant whose
        status changes gains it in its history: `with_status_reached`). A reference it
        changed that names nothing in the session (`serves O-99`) is refused."""
        problem = reference_problem(item, self._saved_or_carried(item.id), self._find)
        if problem:
            raise UsageError(problem)
        if isinstance(item, Irritant):
            saved: list[Irritant] = self._session.irritants
            position = _position(saved, item.id)
            if position is not None:
                item = with_status_reached(saved[position], item, self.info.date)
        table = TABLE_BY_KIND[item.kind]
        number = id_number(item.id)
        record = _checked_record(item)
        next_numbers = dict(self.info.next_numbers)
        if number >= next_numbers.get(item.prefix, 1):
            next_numbers[item.prefix] = number + 1
        before = self.info
        try:
            with self._batch():
                index = self._documents()
                index.put(table, item.id, record)
                self._storage.write_changed(index.tables, table)
                if next_numbers != before.next_numbers:
                    self._session.info = dataclasses.replace(before, next_numbers=next_numbers)
                    self._meta_changed()
        except BaseException:
            self._session.info = before
            raise
        self._replace_in_session(item)

    def _find(self, item_id: str) -> Item | None:
        try:
            return self.get(item_id)
        except SessionNotFound:
            return None

    def _saved_or_carried(self, item_id: str) -> Item | None:
        """The item as saved, else as carried in (a new session saves what it carried)."""
        return self._find(item_id) or self._session.baseline.get(item_id)

    def _skip_taken_ids(self, item_type: type[Item]) -> None:
        """A new ID never replaces an item: the counter can be stale (a hand edit, or a git
        merge that kept one side's counters and both sides' items)."""
        items: list[Any] = getattr(self._session, TABLE_BY_KIND[item_type.kind])
        highest = id_number(items[-1].id) if items else 0  # the lists are kept in ID order
        if highest >= self.info.next_numbers.get(item_type.prefix, 1):
            self.reserve_numbers({item_type.prefix: highest + 1})

    @_locked
    def reserve_numbers(self, numbers: Mapping[str, int]) -> None:
        """Move the ID counters up to at least `numbers` (never down); saved if they moved."""
        merged = dict(self.info.next_numbers)
        for prefix, number in numbers.items():
            merged[prefix] = max(merged.get(prefix, 1), number)
        if merged != dict(self.info.next_numbers):
            self._update_info(next_numbers=merged)

    @_locked
    def delete(self, item_id: str) -> Item:
        """Delete an item and return it (so the caller can undo with `put`)."""
        item = self.get(item_id)
        table = TABLE_BY_KIND[item.kind]
        with self._batch():
            index = self._documents()
            index.remove(table, item_id)
            self._storage.write_changed(index.tables, table)
        items: list[Any] = getattr(self._session, table)
        position = _position(items, item_id)
        if position is not None:
            del items[position]
        return item

    def get(self, item_id: str) -> Item:
        """The saved item with this ID."""
        prefix = item_id.partition("-")[0]
        item_type = ITEM_TYPE_BY_PREFIX.get(prefix)
        if item_type is not None:
            items: list[Any] = getattr(self._session, TABLE_BY_KIND[item_type.kind])
            position = _position(items, item_id)
            if position is not None:
                return items[position]  # type: ignore[no-any-return]
        raise SessionNotFound(f"No item {item_id} in {self.source}.")

    @_locked
    def set_current_step(self, step_id: str) -> None:
        """Move the room to a step; it counts as visited from now on."""
        self._update_info(**self._move_to(step_id))

    @_locked
    def set_step_elapsed(self, elapsed: Mapping[str, int], current_step: str = "") -> None:
        """Save how long each step's countdown has run (and, if given, move to that step)."""
        changes: dict[str, Any] = {"step_elapsed": dict(elapsed)}
        if current_step:
            changes |= self._move_to(current_step)
        self._update_info(**changes)

    def _move_to(self, step_id: str) -> dict[str, Any]:
        return {"current_step": step_id, "visited_steps": visit(self.info, step_id)}

    @_locked
    def set_status(self, status: SessionStatus) -> None:
        self._update_info(status=status)

    @_locked
    def update_info(self, /, **changes: Any) -> None:
        """Change the session's title, facilitator and the like."""
        self._update_info(**changes)

    # -- the room's table ----------------------------------------------------------------

    @_locked
    def room_documents(self) -> dict[str, dict[str, Any]]:
        """The room table's documents by key (copies; change them with put_room_documents)."""
        tables = self._storage.read() or {}
        return {key: dict(doc) for key, doc in tables.get(ROOM_TABLE, {}).items()}

    @_locked
    def put_room_documents(self, documents: Mapping[str, dict[str, Any] | None]) -> None:
        """Set the room documents by key, or remove those given as None, in one save (or
        as part of the open batch)."""
        for key in documents:
            check_document_id(key)
        with self._batch():
            index = self._documents()
            room = dict(index.tables.get(ROOM_TABLE, {}))
            for key, document in documents.items():
                if document is None:
                    room.pop(key, None)
                else:
                    room[key] = dict(document)
            index.tables[ROOM_TABLE] = room
            self._storage.write_changed(index.tables, ROOM_TABLE)

    @_locked
    def stage_room_documents(
        self, documents: Mapping[str, dict[str, Any] | None]
    ) -> Coroutine[Any, Any, None]:
        """`put_room_documents` without waiting for the disk: the documents are in memory
        now (later saves include them) and on disk once the returned coroutine returns; it
        raises SaveFailed if they never got there. The write runs in a worker thread, off
        the event loop. One staged save at a time: await it before staging the next."""
        with self._storage.deferred() as save:
            self.put_room_documents(documents)
        return save.durable()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one save: all of them reach the disk, or none, and
        then the session is again as the file has it."""
        with self.lock:
            if self._batch_depth:  # the outermost batch saves, or undoes
                yield
                return
            info = self._session.info
            lists = {name: list(getattr(self._session, name)) for name in ITEM_TABLES}
            self._batch_depth += 1
            try:
                with self._batch():
                    yield
                    if self._meta_pending:
                        self._write_meta()
            except BaseException:
                self._session.info = info
                for name, items in lists.items():
                    getattr(self._session, name)[:] = items
                raise
            finally:
                self._batch_depth -= 1
                self._meta_pending = False

    # -- internals -----------------------------------------------------------------------

    def _update_info(self, **changes: Any) -> None:
        before = self.info
        after = dataclasses.replace(before, **changes)
        try:  # refuse what reading the file back would refuse
            SessionInfo.from_record(after.to_record())
        except (KeyError, TypeError, ValueError) as error:
            raise UsageError(f"The session description was not saved: {error}.") from error
        self._session.info = after
        try:
            with self._batch():
                self._write_meta()
        except BaseException:
            self._session.info = before
            raise

    def _meta_record(self) -> dict[str, Any]:
        record = self.info.to_record()
        del record["playbook"]
        record["schema_version"] = SCHEMA_VERSION
        return record

    def _meta_changed(self) -> None:
        """The session's description changed: saved now, or once at the batch's end (a
        reveal of 1,000 cards encoded it 1,000 times)."""
        if self._batch_depth:
            self._meta_pending = True
        else:
            self._write_meta()

    def _write_meta(self) -> None:
        index = self._documents()
        index.set_document(META_TABLE, str(META_ID), self._meta_record())
        self._storage.write_changed(index.tables, META_TABLE)

    def _batch(self) -> AbstractContextManager[None]:
        return self._storage.batch()

    def _documents(self) -> DocumentIndex:
        """The index of the tables the storage holds now (rebuilt after it re-read them)."""
        tables = self._storage.read()
        if tables is None:
            tables = {}
        if self._index is None or self._index.tables is not tables:
            self._index = DocumentIndex(tables, ITEM_TABLES)
        return self._index

    def _replace_in_session(self, item: Item) -> None:
        """Replace the item with the same ID, or insert it in ID order, as a reload has it."""
        items: list[Any] = getattr(self._session, TABLE_BY_KIND[item.kind])
        if not items or _number_of(items[-1]) < id_number(item.id):
            items.append(item)  # a new item, the usual case
            return
        position = _position(items, item.id)
        if position is not None:
            items[position] = item
        else:
            bisect.insort(items, item, key=_number_of)


def _number_of(item: Item) -> int:
    return id_number(item.id)


def _position(items: list[Any], item_id: str) -> int | None:
    """Where the item with this ID is in a list kept in ID order, or None."""
    number = id_number(item_id)
    position = bisect.bisect_left(items, number, key=_number_of)
    while position < len(items) and _number_of(items[position]) == number:
        if items[position].id == item_id:
            return position
        position += 1
    return None


def _checked_record(item: Item) -> dict[str, Any]:
    """The item's record, refused when reading it back would refuse the file."""
    record = item.to_record()
    try:
        check_id(item.id, item.prefix)
        type(item).from_record(record)
    except (KeyError, TypeError, ValueError) as error:
        raise UsageError(f"{item.id[:24]} was not saved: {error}.") from error
    return record
