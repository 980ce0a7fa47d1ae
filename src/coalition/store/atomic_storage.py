"""A TinyDB storage that never leaves a half-written session file.

Every write goes to a temporary file in the same folder, is flushed and fsynced, replaces
the old file with `os.replace`, and the folder is fsynced, so a crash leaves either the old
file or the new one. While it holds the session's lock the storage keeps the parsed data and
skips TinyDB's re-read of the whole file on every operation.

The file stays readable by stock `tinydb.TinyDB(path)`: it is plain JSON, written one
document per line with sorted keys, which keeps git diffs to the items that changed.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from coalition.errors import SaveFailed, SessionCorrupt, SessionReadOnly
from coalition.regular_files import NotARegularFile, read_regular_file
from coalition.store.session_lock import SessionLock

Tables = dict[str, dict[str, Any]]

_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(", ", ": ")).encode
# One reusable C encoder for documents: JSONEncoder.encode builds a new one per call, which
# costs more than the encoding itself for small documents.
_make_c_encoder = getattr(json.encoder, "c_make_encoder", None)
_c_encoder = (
    _make_c_encoder(None, None, json.encoder.encode_basestring, None, ": ", ", ", True, False, True)
    if _make_c_encoder is not None
    else None
)
_encode_ascii = json.JSONEncoder(ensure_ascii=True, sort_keys=True, separators=(", ", ": ")).encode


def _doc_key(doc_id: str) -> tuple[int, str]:
    return (len(doc_id), doc_id)  # numeric order for TinyDB's decimal document ids


def encode_table(docs: dict[str, Any], encode: Any = _encode) -> str:
    """The documents of one table, one per line, in document-id order."""
    keys = sorted(docs, key=_doc_key)
    if encode is _encode and _c_encoder is not None:
        fast = _c_encoder
        quote = json.encoder.encode_basestring
        return ",\n".join(f"{quote(key)}: {''.join(fast(docs[key], 0))}" for key in keys)
    return ",\n".join(f"{encode(key)}: {encode(docs[key])}" for key in keys)


def dumps_tables(
    tables: Tables, encode: Any = _encode, encoded: dict[str, str] | None = None
) -> str:
    """Serialise TinyDB's tables as JSON with one document per line.

    `encoded` may hold tables already encoded (by name), to skip re-encoding them.
    """
    parts = []
    for name in sorted(tables):
        body = encoded[name] if encoded and name in encoded else encode_table(tables[name], encode)
        parts.append(f"{encode(name)}: {{\n{body}\n}}" if body else f"{encode(name)}: {{}}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def encode_tables(tables: Tables, encoded: dict[str, str] | None = None) -> bytes:
    """UTF-8 bytes of the tables; text that UTF-8 cannot hold is written as JSON escapes."""
    try:
        return dumps_tables(tables, _encode, encoded).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate pasted into a field
        return dumps_tables(tables, _encode_ascii).encode("ascii")


class TableEncodingCache:
    """Encoded tables, reused while the same table object comes back unchanged.

    TinyDB replaces a table's dict with a new one whenever it changes that table; the store
    changes a table in place and says so (`forget`). An unchanged dict object therefore
    means unchanged text, and a save of one item re-encodes one table, not the session.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[dict[str, Any], str]] = {}

    def encode(self, tables: Tables) -> bytes:
        encoded: dict[str, str] = {}
        for name, docs in tables.items():
            cached = self._entries.get(name)
            if cached is not None and cached[0] is docs:
                encoded[name] = cached[1]
            else:
                text = encode_table(docs)
                self._entries[name] = (docs, text)
                encoded[name] = text
        for name in set(self._entries) - set(tables):
            del self._entries[name]
        return encode_tables(tables, encoded)

    def forget(self, name: str) -> None:
        """Table `name` was changed in place: encode it again at the next save."""
        self._entries.pop(name, None)

    def clear(self) -> None:
        self._entries.clear()


# Far above any real session (10,000 items take about 3 MB), far below what exhausts memory.
MAX_SESSION_BYTES = 256_000_000


def load_tables(path: Path) -> Tables | None:
    """Parse a session file; None when it does not exist or is empty."""
    try:
        raw = read_regular_file(path, limit=MAX_SESSION_BYTES)
    except FileNotFoundError:
        return None
    except NotARegularFile as error:
        raise SessionCorrupt(
            f"Cannot read {path}: {error.reason}, not a session file. The file was left as it "
            "is; remove it or put the session file back from git."
        ) from error
    except OSError as error:
        raise SessionCorrupt(f"Cannot read {path}: {error.strerror}.") from error
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except RecursionError as error:
        raise SessionCorrupt(
            f"{path} nests JSON too deeply to be a session file. The file was left as it is."
        ) from error
    except UnicodeDecodeError as error:
        raise SessionCorrupt(
            f"{path} is not UTF-8 text (byte {error.start}). The file was left as it is; "
            "restore it from git or a backup."
        ) from error
    except json.JSONDecodeError as error:
        raise SessionCorrupt(
            f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg.lower()} at line "
            f"{error.lineno}, column {error.colno}. The file was left as it is; restore it "
            "from git or a backup, or fix that line."
        ) from error
    except ValueError as error:  # a number of thousands of digits
        raise SessionCorrupt(
            f"{path} holds a number thousands of digits long, which no session file does. "
            "The file was left as it is; restore it from git or a backup."
        ) from error
    if not isinstance(data, dict) or not all(
        isinstance(docs, dict) and all(isinstance(doc, dict) for doc in docs.values())
        for docs in data.values()
    ):
        raise SessionCorrupt(
            f"{path} is JSON but not a session file (expected tables of documents). "
            "The file was left as it is."
        )
    return data


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        if sys.platform == "darwin":  # pragma: no cover - fsync does not flush the disk there
            import fcntl

            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
        else:
            os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash leaves the old or the new file, whole."""
    folder = path.parent
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(payload)
            tmp.flush()
            os.fchmod(tmp.fileno(), mode)
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_folder(folder)


def refuse_unwritable(path: Path) -> None:
    """Refuse to replace a session file that is a link (symbolic or hard) or is read-only.

    A read-only file is a frozen session: the mode bits decide (not `os.access`, which lets
    root write anything). A link is never saved through, nor replaced by a file of its own,
    which would split it silently from its target; its target can be opened directly.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        target = os.path.realpath(path)
        raise SessionReadOnly(
            f"{path} is a symbolic link to {target}; coalition reads it but never saves "
            "through a link (saving would split the link from its target), so nothing was "
            f"written. Open {target} itself to change it."
        )
    if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
        raise SessionReadOnly(
            f"{path} has {info.st_nlink} hard links; an atomic save replaces the file and "
            "would split it silently from its other names, so nothing was written. Copy it "
            "to a file of its own (cp, then rm the link) to change it; reading it still works."
        )
    if not info.st_mode & 0o222:
        raise SessionReadOnly(
            f"{path} is read-only: a frozen session; make it writable with chmod u+w {path} "
            "to change it. Nothing was written; reading it (minutes, lists) still works."
        )


def remove_stray_temporaries(path: Path) -> None:
    """Delete temporary files an interrupted save left beside `path` (call with the lock)."""
    for stray in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stray.unlink()


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic, durable writes; a cached parse while the lock is held.

    `readonly=True` opens without the lock and refuses to write. `batch()` groups several
    TinyDB operations into one write (all or nothing). A session file that is read-only or
    a symbolic link is refused for writing (see `refuse_unwritable`).
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
        self._identity: tuple[int, int, int] | None = None  # of the file we last read or wrote
        self._conflict = False  # set once the file changed under us: never write again
        self._encoding = TableEncodingCache()
        if not readonly:
            refuse_unwritable(self.path)
            self._lock = SessionLock(self.path, timeout=lock_timeout)
            self._lock.acquire()
            remove_stray_temporaries(self.path)

    def read(self) -> Tables | None:
        if self._cache is None or self.readonly:
            self._cache = load_tables(self.path)
            self._identity = _identity(self.path)
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

    def _flush(self) -> None:
        assert self._cache is not None
        self._dirty = False
        if self._conflict or (
            self._identity is not None and _identity(self.path) != self._identity
        ):
            # Stay refused until the session is reopened: re-reading the other program's
            # file (or nothing, if it was deleted) and saving on top of it would lose data.
            self._conflict = True
            self._cache = None
            raise SaveFailed(
                f"{self.path} was changed or deleted by another program while this session "
                "was open, so it was not overwritten. Check the file (git status), then "
                "reopen the session."
            )
        try:
            refuse_unwritable(self.path)  # frozen (or linked) while the session was open
        except SessionReadOnly:
            self._cache = None
            raise
        try:
            write_atomically(self.path, self._encoding.encode(self._cache))
            self._identity = _identity(self.path)
        except OSError as error:
            self._cache = None  # memory must not claim what the disk does not hold
            raise SaveFailed(
                f"Could not save {self.path}: {error.strerror or error}. The previous "
                "version of the file is intact; free some space or fix the folder's "
                "permissions, then try again."
            ) from error

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
