"""A TinyDB storage that never leaves a half-written session file, nor an older one.

Every write goes to a temporary file in the same folder, is flushed and fsynced, replaces
the old file with `os.replace`, and the folder is fsynced, so a crash leaves either the old
file or the new one. While it holds the session's lock the storage keeps the parsed data and
skips TinyDB's re-read of the whole file on every operation.

Most saves write on the caller's thread. A `deferred()` save (the room's group commit)
encodes its bytes at once, on the event loop, and writes them in a worker thread when
awaited, so the app stays responsive during the fsyncs. `OrderedWriter` keeps the two kinds
in order: every encoding takes the next version number (all of memory, so a version holds
every earlier one's changes), one write runs at a time (a lock), a version not newer than
the file's is skipped (the file holds it already), and one not newer than a failed save's is
refused (that save held it, and memory goes back to the file). A deferred save counts as
durable once a version at least as new as its own is on disk.

The file stays readable by stock `tinydb.TinyDB(path)`: see `table_codec`.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Iterator
from pathlib import Path

from tinydb.storages import Storage

from coalition.errors import CoalitionError, SaveFailed
from coalition.store.atomic_files import (
    fsync_folder,
    refuse_unwritable,
    remove_stray_temporaries,
    write_atomically,
)
from coalition.store.session_lock import SessionLock
from coalition.store.table_codec import (
    MAX_SESSION_BYTES,
    TableEncodingCache,
    Tables,
    dumps_tables,
    encode_table,
    encode_tables,
    load_tables,
)

__all__ = [
    "MAX_SESSION_BYTES",
    "AtomicJSONStorage",
    "DeferredSave",
    "Tables",
    "dumps_tables",
    "encode_table",
    "encode_tables",
    "fsync_folder",
    "load_tables",
    "write_atomically",
]


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class OrderedWriter:
    """Writes versions of one session file: one at a time, never older over newer.

    `write` blocks (it may run in a worker thread); `written` is the newest version on disk.
    A failure (disk full, a frozen file, a file changed by another program) raises
    `SaveFailed` or `SessionReadOnly` and marks every version up to it as never to be written.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.written = 0
        self._failed = 0
        self.identity: tuple[int, int, int] | None = None  # of the file last read or written
        self._conflict = False  # set once the file changed under us: never write again
        self.closed = False

    def read(self) -> Tables | None:
        with self.lock:
            tables = load_tables(self.path)
            self.identity = _identity(self.path)
            return tables

    def write(self, version: int, payload: bytes) -> None:
        with self.lock:
            if version <= self.written:
                return  # a newer file, holding this version's changes too, is on disk
            if version <= self._failed or self.closed:
                raise SaveFailed(
                    f"Could not save {self.path}: a save holding this change failed, or the "
                    "session was closed. The previous version of the file is intact."
                )
            try:
                self._check_unchanged()
                refuse_unwritable(self.path)  # frozen (or linked) while the session was open
                write_atomically(self.path, payload)
            except OSError as error:
                self._failed = version
                raise SaveFailed(
                    f"Could not save {self.path}: {error.strerror or error}. The previous "
                    "version of the file is intact; free some space or fix the folder's "
                    "permissions, then try again."
                ) from error
            except CoalitionError:
                self._failed = version
                raise
            self.identity = _identity(self.path)
            self.written = version

    def _check_unchanged(self) -> None:
        if self._conflict or (self.identity is not None and _identity(self.path) != self.identity):
            # Stay refused until the session is reopened: re-reading the other program's
            # file (or nothing, if it was deleted) and saving on top of it would lose data.
            self._conflict = True
            raise SaveFailed(
                f"{self.path} was changed or deleted by another program while this session "
                "was open, so it was not overwritten. Check the file (git status), then "
                "reopen the session."
            )


class DeferredSave:
    """The write a `deferred()` batch left to do: `await durable()` (nothing, if unchanged)."""

    def __init__(self, storage: AtomicJSONStorage | None = None) -> None:
        self._storage = storage
        self.staged: tuple[int, bytes] | None = None

    async def durable(self) -> None:
        """Return once the changes are on disk; raise SaveFailed/SessionReadOnly if not."""
        if self._storage is not None and self.staged is not None:
            await self._storage.write_in_thread(*self.staged)


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic, durable, ordered writes; a cached parse while the lock is held.

    `readonly=True` opens without the lock and refuses to write. `batch()` groups several
    TinyDB operations into one write (all or nothing); `deferred()` does too and leaves the
    write to a worker thread. A session file that is read-only or a symbolic link is refused
    for writing (see `refuse_unwritable`).
    """

    def __init__(
        self, path: str | Path, *, readonly: bool = False, lock_timeout: float = 2.0
    ) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._cache: Tables | None = None
        self._batch_depth = 0
        self._dirty = False
        self._lock: SessionLock | None = None
        self._writer = OrderedWriter(self.path)
        self._versions = itertools.count(1)
        self._last_version = 0
        self._deferring: DeferredSave | None = None
        self._deferred_pending = False
        self._encoding = TableEncodingCache()
        self.guard = threading.RLock()  # the store's lock: one thread changes it at a time
        if not readonly:
            refuse_unwritable(self.path)
            self._lock = SessionLock(self.path, timeout=lock_timeout)
            self._lock.acquire()
            remove_stray_temporaries(self.path)

    def read(self) -> Tables | None:
        if self._cache is None or self.readonly:
            self._cache = self._writer.read()
        return self._cache

    def write(self, data: Tables) -> None:
        if self.readonly:
            raise SaveFailed(f"{self.path} was opened read-only; nothing was written.")
        self._cache = data
        if self._batch_depth:
            self._dirty = True
            return
        self._flush()

    def write_changed(self, data: Tables, *changed: str) -> None:
        """Save tables of which the named ones were changed in place (see SessionStore)."""
        for name in changed:
            self._encoding.forget(name)
        self.write(data)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Run several TinyDB operations, then write once; on error nothing is written."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._cache = None  # forget the half-applied changes; re-read the file
            self._dirty = False
            raise
        finally:
            self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            self._flush()

    @contextlib.contextmanager
    def deferred(self) -> Iterator[DeferredSave]:
        """A batch whose bytes are encoded at its end and written by `await save.durable()`.

        Its changes are in memory at once (later saves include them). One deferred save at a
        time: the room's group commit awaits each before it stages the next.
        """
        if self._batch_depth or self._deferred_pending:
            raise RuntimeError("a deferred save cannot nest in a batch or overlap another")
        save = DeferredSave(self)
        self._deferring = save
        try:
            with self.batch():
                yield save
        finally:
            self._deferring = None
        self._deferred_pending = save.staged is not None

    async def write_in_thread(self, version: int, payload: bytes) -> None:
        import asyncio  # only the room's saves need it: commands start without it

        try:
            await asyncio.to_thread(self._writer.write, version, payload)
        except CoalitionError:
            with self.guard:
                if self._writer.written >= version:
                    return  # a newer save, holding these changes too, is on disk
                if version == self._last_version:
                    self._cache = None  # memory must not claim what the disk does not hold
            raise
        finally:
            with self.guard:
                self._deferred_pending = False

    def _flush(self) -> None:
        assert self._cache is not None
        self._dirty = False
        if self._writer.closed:
            raise SaveFailed(f"{self.path} was closed; nothing was written.")
        version = self._last_version = next(self._versions)
        payload = self._encoding.encode(self._cache)
        if self._deferring is not None:
            self._deferring.staged = (version, payload)
            return
        try:
            self._writer.write(version, payload)
        except CoalitionError:
            self._cache = None  # memory must not claim what the disk does not hold
            raise

    def close(self) -> None:
        with self._writer.lock:  # a write in a worker thread finishes first
            self._writer.closed = True
            if self._lock is not None:
                self._lock.release()
