"""One writer per session file: an exclusive lock on a stable sidecar file.

The lock lives in `<session>.lock` beside the session file, never on the data file itself,
whose inode changes on every atomic save. A second process waits briefly, then is refused
with a message that names the file and the process holding it.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from coalition.errors import SessionLocked, WorkspaceError


def lock_path_for(session_path: Path) -> Path:
    """The sidecar lock file of a session file."""
    return session_path.with_suffix(".lock")


class SessionLock:
    """An exclusive advisory lock (flock) held for as long as a session is open for writing."""

    def __init__(self, session_path: Path, *, timeout: float = 2.0) -> None:
        self.path = lock_path_for(session_path)
        self._session_path = session_path
        self._timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as error:
            raise WorkspaceError(
                f"Cannot create the lock file {self.path}: {error.strerror}. "
                "Check that the folder exists and that you may write in it."
            ) from error
        deadline = time.monotonic() + self._timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_holder(fd)
                    os.close(fd)
                    raise SessionLocked(
                        f"{self._session_path} is open in another coalition process"
                        f"{holder}. Close the session there (or wait for that command to "
                        "finish), then try again."
                    ) from None
                time.sleep(0.02)
        self._fd = fd
        try:  # the holder's pid, for the message a second opener gets
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass  # the lock holds without it

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def _read_holder(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode().strip()
    except OSError:
        return ""
    return f" (pid {text})" if text.isdigit() else ""
