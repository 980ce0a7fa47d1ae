"""Saving one document at a time: where each item lives among TinyDB's raw tables.

TinyDB's `Table` rebuilds a whole table (twice) for every insert or update, so a batch of n
puts cost n² steps. The store instead changes one document of the raw tables in place and
tells the storage which table changed; the file keeps TinyDB's layout (`{table: {"<n>":
document}}`), so stock `tinydb.TinyDB(path)` still reads it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from tinydb.storages import MemoryStorage

from coalition.store.atomic_storage import DeferredSave, Tables


class DocumentIndex:
    """The document key of each item ID in a set of raw tables, and the next free key of
    each table (one more than the highest, as TinyDB numbers them)."""

    def __init__(self, tables: Tables, item_tables: tuple[str, ...]) -> None:
        self.tables = tables
        self._keys: dict[str, str] = {}
        self._next: dict[str, int] = {}
        for name in item_tables:
            docs = tables.get(name, {})
            for key, doc in docs.items():
                item_id = doc.get("id")
                if isinstance(item_id, str):
                    self._keys[item_id] = key
            self._next[name] = max((int(key) for key in docs if key.isdigit()), default=0) + 1

    def put(self, table: str, item_id: str, document: dict[str, Any]) -> None:
        """Insert the item's document, or replace the one it has."""
        docs = self.tables.setdefault(table, {})
        key = self._keys.get(item_id)
        if key is None or key not in docs:
            key = str(self._next.get(table, 1))
            self._next[table] = int(key) + 1
            self._keys[item_id] = key
        docs[key] = document

    def remove(self, table: str, item_id: str) -> None:
        key = self._keys.pop(item_id, None)
        if key is not None:
            self.tables.get(table, {}).pop(key, None)

    def set_document(self, table: str, key: str, document: dict[str, Any]) -> None:
        """Set a document by its key (the session's one-document tables)."""
        self.tables.setdefault(table, {})[key] = document


class MemoryTables(MemoryStorage):
    """TinyDB's memory storage with the atomic storage's interface: `write_changed` and a
    `batch` whose changes are all kept, or (on error) none."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._batch_depth = 0
        self.guard = threading.RLock()

    def write_changed(self, data: Tables, *changed: str) -> None:
        self.write(data)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        if self._batch_depth:
            yield
            return
        before = {name: dict(docs) for name, docs in (self.read() or {}).items()}
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self.write(before)  # documents are replaced, never changed: a shallow copy will do
            raise
        finally:
            self._batch_depth -= 1

    @contextlib.contextmanager
    def deferred(self) -> Iterator[DeferredSave]:
        """A batch whose save is done at once (there is no disk to wait for)."""
        with self.batch():
            yield DeferredSave()
