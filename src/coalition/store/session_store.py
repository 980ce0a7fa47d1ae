"""The session store: dataclasses in, dataclasses out; TinyDB and dicts stay in here.

A session file holds one table per kind of item plus a `session` table (one document: the
session's description and `schema_version`) and a `playbook` table (the snapshot of the
playbook the session runs). Each capture is one atomic, durable write.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from coalition.domain.models import (
    ITEM_TYPE_BY_KIND,
    ITEM_TYPE_BY_PREFIX,
    ITEM_TYPES,
    ActionItem,
    Decision,
    Irritant,
    Item,
    Note,
    Participant,
    Session,
    SessionInfo,
    SessionStatus,
    id_number,
)
from coalition.errors import SaveFailed, SessionCorrupt, SessionNotFound
from coalition.store.atomic_storage import AtomicJSONStorage, Tables, load_tables

SCHEMA_VERSION = 1

# Upgrades of the raw tables, keyed by the version they upgrade from. Each returns tables at
# the next version; the store applies them in order when it opens an older file.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}

TABLE_BY_KIND = {
    "participant": "participants",
    "decision": "decisions",
    "action": "actions",
    "irritant": "irritants",
    "note": "notes",
    "stream": "streams",
    "metric": "metrics",
}
META_TABLE = "session"
PLAYBOOK_TABLE = "playbook"
META_ID = 1

ItemT = TypeVar("ItemT", Participant, Decision, ActionItem, Irritant, Note)


def migrate(tables: Tables, source: Path | str) -> Tables:
    """Bring raw tables up to SCHEMA_VERSION, or refuse a file from a newer coalition."""
    meta = tables.get(META_TABLE, {}).get(str(META_ID))
    if meta is None:
        raise SessionCorrupt(
            f"{source} has no session description (table '{META_TABLE}'); it is not a "
            "coalition session file. The file was left as it is."
        )
    version = meta.get("schema_version", 0)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise SessionCorrupt(
            f"{source} was written by a newer coalition (schema_version {version}; this one "
            f"knows up to {SCHEMA_VERSION}). Upgrade coalition to open it; the file was left "
            "as it is."
        )
    while version < SCHEMA_VERSION:
        upgrade = MIGRATIONS.get(version)
        if upgrade is None:
            raise SessionCorrupt(
                f"{source} has schema_version {version}, which this coalition cannot upgrade."
            )
        tables = upgrade(tables)
        version += 1
        tables[META_TABLE][str(META_ID)]["schema_version"] = version
    return tables


def info_from_tables(tables: Tables, source: Path | str) -> SessionInfo:
    """The session's description from migrated tables."""
    try:
        return SessionInfo.from_record(
            {
                **tables[META_TABLE][str(META_ID)],
                "playbook": tables[PLAYBOOK_TABLE][str(META_ID)],
            }
        )
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise SessionCorrupt(
            f"{source}: the session description or playbook snapshot is incomplete "
            f"({error!r}). The file was left as it is."
        ) from error


def session_from_tables(tables: Tables, source: Path | str) -> Session:
    """Build the Session aggregate from raw tables, naming the document that is wrong."""
    tables = migrate(tables, source)
    session = Session(info=info_from_tables(tables, source))
    for item_type in ITEM_TYPES:
        table_name = TABLE_BY_KIND[item_type.kind]
        items: list[Any] = []
        for doc_id, record in tables.get(table_name, {}).items():
            try:
                items.append(item_type.from_record(record))
            except (KeyError, TypeError, ValueError, OverflowError) as error:
                raise SessionCorrupt(
                    f"{source}: document {doc_id} of table '{table_name}' is not a valid "
                    f"{item_type.kind} ({error!r}). The file was left as it is."
                ) from error
        items.sort(key=lambda item: id_number(item.id))
        getattr(session, table_name).extend(items)
    return session


def _read_tables(path: Path) -> Tables:
    tables = load_tables(path)
    if tables is None:
        if path.is_file():
            raise SessionCorrupt(f"{path} is empty. The file was left as it is.")
        raise SessionNotFound(f"{path} does not exist.")
    return tables


def read_session(path: Path) -> Session:
    """Load a session file without locking it (for minutes, lists and checks)."""
    return session_from_tables(_read_tables(path), path)


def read_session_summary(path: Path) -> tuple[SessionInfo, int]:
    """A session's description and its number of open actions, without building every item
    (the session list shows many sessions at once)."""
    tables = migrate(_read_tables(path), path)
    actions = tables.get(TABLE_BY_KIND["action"], {}).values()
    return info_from_tables(tables, path), sum(a.get("status") == "open" for a in actions)


class SessionStore:
    """One session, read and written through TinyDB; every change is saved before it returns.

    Use `SessionStore.create` for a new session file, `SessionStore.open` to resume one, and
    `SessionStore.in_memory` in tests.
    """

    def __init__(self, db: TinyDB, source: Path | str, session: Session) -> None:
        self._db = db
        self.source = source
        self._session = session

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, info: SessionInfo) -> SessionStore:
        """Create a new session file; refuses to overwrite an existing one."""
        if path.exists():
            raise SaveFailed(f"{path} already exists; choose another title or date.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise SaveFailed(
                f"Cannot create the folder {path.parent}: {error.strerror}. Check that you may "
                "write there."
            ) from error
        db = TinyDB(storage=AtomicJSONStorage, path=path)
        try:
            if db.storage.read() is not None:  # another process created it while we waited
                raise SaveFailed(f"{path} already exists; choose another title or date.")
            return cls._initialise(db, path, info)
        except BaseException:
            db.close()
            raise

    @classmethod
    def open(cls, path: Path, *, lock_timeout: float = 2.0) -> SessionStore:
        """Open an existing session file for writing (takes its lock)."""
        if not path.is_file():
            raise SessionNotFound(f"{path} does not exist.")
        db = TinyDB(storage=AtomicJSONStorage, path=path, lock_timeout=lock_timeout)
        try:
            storage = db.storage
            tables = storage.read()
            if tables is None:
                raise SessionCorrupt(f"{path} is empty. The file was left as it is.")
            meta = tables.get(META_TABLE, {}).get(str(META_ID), {})
            version_before = meta.get("schema_version")
            migrated = migrate(tables, path)
            session = session_from_tables(migrated, path)
            store = cls(db, path, session)
            if version_before != SCHEMA_VERSION:
                # Save the upgraded tables themselves: an upgrade may return new tables, and
                # the storage still holds the ones it read.
                storage.write(migrated)
                store._write_meta()
            return store
        except BaseException:
            db.close()
            raise

    @classmethod
    def in_memory(cls, info: SessionInfo) -> SessionStore:
        """A store with nothing on disk, for tests and previews."""
        return cls._initialise(TinyDB(storage=MemoryStorage), "<memory>", info)

    @classmethod
    def _initialise(cls, db: TinyDB, source: Path | str, info: SessionInfo) -> SessionStore:
        store = cls(db, source, Session(info=info))
        with store._batch():
            db.table(PLAYBOOK_TABLE).insert(info.playbook.to_record())
            db.table(META_TABLE).insert(store._meta_record())
        return store

    def close(self) -> None:
        """Release the file and its lock."""
        self._db.close()

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

    def add(self, kind: str, **fields: Any) -> Item:
        """Give a new item the next human ID of its kind and save it."""
        item_type = ITEM_TYPE_BY_KIND[kind]
        item = item_type(id=self.next_id(kind), **fields)
        self.put(item)
        return item

    def put(self, item: Item) -> None:
        """Save an item: insert it, or replace the item with the same ID."""
        table = self._db.table(TABLE_BY_KIND[item.kind])
        number = id_number(item.id)
        next_numbers = dict(self.info.next_numbers)
        if number >= next_numbers.get(item.prefix, 1):
            next_numbers[item.prefix] = number + 1
        record = item.to_record()
        before = self.info
        try:
            with self._batch():
                if self._holds(item):
                    table.update(_replace_with(record), Query()["id"] == item.id)
                else:
                    table.insert(record)
                if next_numbers != before.next_numbers:
                    self._session.info = dataclasses.replace(before, next_numbers=next_numbers)
                    self._write_meta()
        except BaseException:
            self._session.info = before
            raise
        self._replace_in_session(item)

    def delete(self, item_id: str) -> Item:
        """Delete an item and return it (so the caller can undo with `put`)."""
        item = self.get(item_id)
        with self._batch():
            self._db.table(TABLE_BY_KIND[item.kind]).remove(Query()["id"] == item_id)
        items: list[Any] = getattr(self._session, TABLE_BY_KIND[item.kind])
        items.remove(item)
        return item

    def get(self, item_id: str) -> Item:
        """The saved item with this ID."""
        prefix = item_id.partition("-")[0]
        item_type = ITEM_TYPE_BY_PREFIX.get(prefix)
        if item_type is not None:
            for item in getattr(self._session, TABLE_BY_KIND[item_type.kind]):
                if item.id == item_id:
                    return item  # type: ignore[no-any-return]
        raise SessionNotFound(f"No item {item_id} in {self.source}.")

    def set_current_step(self, step_id: str) -> None:
        self._update_info(current_step=step_id)

    def set_step_elapsed(self, elapsed: Mapping[str, int], current_step: str = "") -> None:
        """Save how long each step's countdown has run (and, if given, the current step)."""
        changes: dict[str, Any] = {"step_elapsed": dict(elapsed)}
        if current_step:
            changes["current_step"] = current_step
        self._update_info(**changes)

    def set_status(self, status: SessionStatus) -> None:
        self._update_info(status=status)

    def update_info(self, **changes: Any) -> None:
        """Change the session's title, facilitator and the like."""
        self._update_info(**changes)

    # -- internals -----------------------------------------------------------------------

    def _update_info(self, **changes: Any) -> None:
        before = self.info
        self._session.info = dataclasses.replace(before, **changes)
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

    def _write_meta(self) -> None:
        self._db.table(META_TABLE).update(_replace_with(self._meta_record()), doc_ids=[META_ID])

    def batch(self) -> AbstractContextManager[None]:
        """Group several changes into one save: all of them reach the disk, or none."""
        return self._batch()

    @contextmanager
    def _batch(self) -> Iterator[None]:
        storage = self._db.storage
        if isinstance(storage, AtomicJSONStorage):
            with storage.batch():
                yield
        else:
            yield

    def _holds(self, item: Item) -> bool:
        """Whether an item with this ID is saved (the session mirrors the file)."""
        items: list[Any] = getattr(self._session, TABLE_BY_KIND[item.kind])
        return any(existing.id == item.id for existing in items)

    def _replace_in_session(self, item: Item) -> None:
        """Replace the item with the same ID, or insert it in ID order, as a reload has it."""
        items: list[Any] = getattr(self._session, TABLE_BY_KIND[item.kind])
        for index, existing in enumerate(items):
            if existing.id == item.id:
                items[index] = item
                return
        bisect.insort(items, item, key=lambda each: id_number(each.id))


def _replace_with(record: Mapping[str, Any]) -> Callable[[MutableMapping[str, Any]], None]:
    """A TinyDB update operation that makes a document exactly `record`."""

    def transform(doc: MutableMapping[str, Any]) -> None:
        doc.clear()
        doc.update(record)

    return transform
