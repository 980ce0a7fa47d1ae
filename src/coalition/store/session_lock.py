"""One writer per session file: an exclusive lock on a stable sidecar file.

The lock lives in `<session>.lock` beside the session file, never on the data file itself,
whose inode changes on every atomic save. A second process waits briefly, then is refused
with a message that names the file and the process holding it.

The lock file is opened without following links and must be a plain file of its own: a
repository could commit `<session>.lock` as a link to another file, which writing the
holder's pid would overwrite. The holder removes the file when it releases the lock.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from pathlib import Path

from coalition.errors import SessionLocked, WorkspaceError

# Never follow a link; never block on a FIFO; never adopt a terminal.
_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY


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
        deadline = time.monotonic() + self._timeout
        while True:
            fd = self._open()
            self._wait_for(fd, deadline)
            if self._is_current(fd):
                break
            # The holder we waited for removed the file we locked: lock the one there now.
            os.close(fd)
        self._fd = fd
        try:  # the holder's pid, for the message a second opener gets
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass  # the lock holds without it

    def release(self) -> None:
        """Remove the lock file (if it is still the one locked), then unlock it."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if self._is_current(fd):  # still locked: nobody else can remove or replace it
                os.unlink(self.path)
        except OSError:
            pass  # a lock file left behind is harmless: the next holder reuses it
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _open(self) -> int:
        try:
            fd = os.open(self.path, _OPEN_FLAGS, 0o666)
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.EMLINK):
                raise self._refused("is a symbolic link") from None
            if error.errno == errno.EISDIR:
                raise self._refused("is not a plain file (it is a folder)") from None
            raise WorkspaceError(
                f"Cannot create the lock file {self.path}: {error.strerror}. "
                "Check that the folder exists and that you may write in it."
            ) from error
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            os.close(fd)
            what = "it has other hard links" if stat.S_ISREG(info.st_mode) else "a special file"
            raise self._refused(f"is not a plain file ({what})")
        return fd

    def _wait_for(self, fd: int, deadline: float) -> None:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
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

    def _is_current(self, fd: int) -> bool:
        """Whether the file open as `fd` is still the one at the lock's path."""
        try:
            there = os.lstat(self.path)
        except FileNotFoundError:
            return False
        here = os.fstat(fd)
        return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)

    def _refused(self, what: str) -> WorkspaceError:
        return WorkspaceError(
            f"The lock file {self.path} {what}; coalition only locks a plain file of its own "
            "there, so it wrote nothing (a repository may have planted it). Delete it "
            f"(rm {self.path}) and try again; the session file was not touched."
        )


def _read_holder(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {text})" if text.isdigit() else ""
