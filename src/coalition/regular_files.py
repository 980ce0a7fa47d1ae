"""Reading a file that someone else may have planted: only a regular file, never blocking.

A playbook, a session file or `coalition.toml` can come from a cloned repository. A FIFO
there would block a read forever and a link to /dev/zero would never end, so the file is
checked from its `stat` (without opening it), opened non-blocking (a FIFO swapped in after
the check cannot block), checked again, and read up to a limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotARegularFile(Exception):
    """The path is not a regular file, or is too large; `reason` says what it is instead."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def what_it_is(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular_file(path: Path, *, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (a link to one is fine).

    Raises NotARegularFile for anything else, and FileNotFoundError / OSError as usual.
    """
    mode = os.stat(path).st_mode  # follows a link; never blocks
    if not stat.S_ISREG(mode):
        raise NotARegularFile(f"it is {what_it_is(mode)}")
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(f"it is {what_it_is(mode)}")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise NotARegularFile(f"it is larger than {limit // 1_000_000} MB")
    return data
