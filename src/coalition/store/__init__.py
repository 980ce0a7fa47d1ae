"""Session files on disk: the atomic TinyDB storage, the lock and the session store.

TinyDB is used only inside this package.
"""

from coalition.store.session_reading import (
    SCHEMA_VERSION,
    read_room_documents,
    read_session,
    read_session_summary,
)
from coalition.store.session_store import SessionStore
from coalition.store.sessions_reader import SessionsReader

__all__ = [
    "SCHEMA_VERSION",
    "SessionStore",
    "SessionsReader",
    "read_room_documents",
    "read_session",
    "read_session_summary",
]
