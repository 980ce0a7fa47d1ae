"""Writing a session's minutes beside its file, as `coalition minutes` does. No Textual here."""

from __future__ import annotations

from pathlib import Path

from coalition.domain.models import Session
from coalition.errors import CoalitionError
from coalition.minutes import render_minutes
from coalition.store.atomic_storage import write_atomically


def minutes_path(session_path: Path) -> Path:
    """`<session>.md` beside `<session>.json`."""
    return session_path.with_suffix(".md")


def export_minutes(session: Session, session_path: Path | None) -> Path:
    """Render and atomically write the minutes; returns where they went."""
    if session_path is None:
        raise CoalitionError(
            "This session has no file, so its minutes have nowhere to go.",
            title="Minutes not written",
        )
    target = minutes_path(session_path)
    try:
        write_atomically(target, render_minutes(session).encode("utf-8"))
    except OSError as error:
        raise CoalitionError(
            f"Cannot write {target}: {error.strerror or error}. Fix the folder's permissions "
            "or free some space, then export again (the session itself is saved).",
            title="Minutes not written",
        ) from error
    return target
