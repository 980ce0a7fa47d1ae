"""Session files on disk: the atomic TinyDB storage, the lock and the session store.

TinyDB is used only inside this package.
"""

from coalition.store.session_store import (
    SCHEMA_VERSION,
    SessionStore,
    read_room_documents,
    read_session,
    read_session_summary,
)

__all__ = [
    "SCHEMA_VERSION",
    "SessionStore",
    "read_room_documents",
    "read_session",
    "read_session_summary",
]
