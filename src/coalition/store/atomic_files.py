"""Replacing a file atomically and durably, and refusing files a save must not replace."""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import sys
import tempfile
from pathlib import Path

from coalition.errors import SessionReadOnly


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
