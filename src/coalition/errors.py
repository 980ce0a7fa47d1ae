"""The typed error family: every expected failure carries a title and an actionable message.

The command line prints `title: message` on stderr and exits with `exit_code`; the UI shows
the same text in a notification or a dialog. Nothing here imports Textual.
"""

from __future__ import annotations


class CoalitionError(Exception):
    """An expected failure a person can act on (never a bug)."""

    title = "coalition"
    exit_code = 2

    def __init__(self, message: str, *, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return self.message


class UsageError(CoalitionError):
    """A command was given an argument it cannot use (bad date, unknown kind...)."""

    title = "Invalid input"


class WorkspaceError(CoalitionError):
    """The workspace folder is missing, unreadable or unwritable."""

    title = "Workspace problem"


class SessionNotFound(CoalitionError):
    """No session file matches what was asked for."""

    title = "Session not found"


class SessionCorrupt(CoalitionError):
    """A session file cannot be read as a session; it is left exactly as it is."""

    title = "Session file unreadable"


class SessionLocked(CoalitionError):
    """Another coalition process holds the session's lock."""

    title = "Session in use"


class SessionClosed(CoalitionError):
    """A change to a closed session, whose minutes are final, without asking to reopen it."""

    title = "Session closed"


class SaveFailed(CoalitionError):
    """Writing the session file failed; the previous file is intact."""

    title = "Not saved"


class SessionReadOnly(SaveFailed):
    """A session file coalition may read but not replace: a frozen (read-only) file, or a
    symbolic link; nothing is written to it."""

    title = "Read-only session"


class PlaybookError(CoalitionError):
    """A playbook cannot be found or does not follow the playbook format."""

    title = "Playbook problem"


class PlaybookUnreadable(PlaybookError):
    """A playbook file cannot be read: not a regular file (a FIFO, a device, a folder), over
    the size limit, or not UTF-8. `reason` says why in a few words, for a list entry."""

    def __init__(self, message: str, *, reason: str = "", title: str | None = None) -> None:
        super().__init__(message, title=title)
        self.reason = reason or message


class CaptureError(CoalitionError):
    """A capture line does not follow the capture syntax."""

    title = "Cannot capture"
    exit_code = 2
