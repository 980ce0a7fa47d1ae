"""Reading a session file: raw tables in, the Session aggregate out, every document checked.

A session file may be edited by hand or committed by someone hostile, so each document is
checked as it is read and a wrong one is named (file, table, document) in SessionCorrupt,
never trusted and crashed on later. Older files are brought up to SCHEMA_VERSION first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from coalition.domain.models import (
    ITEM_TYPE_BY_PREFIX,
    ITEM_TYPES,
    Item,
    Session,
    SessionInfo,
    check_id,
)
from coalition.domain.room_records import RoomInfo, read_room
from coalition.errors import SessionCorrupt, SessionNotFound
from coalition.store.atomic_storage import Tables, load_tables

SCHEMA_VERSION = 1

# Upgrades of the raw tables, keyed by the version they upgrade from. Each returns tables at
# the next version; the store applies them in order when it opens an older file.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}

TABLE_BY_KIND = {
    "participant": "participants",
    "decision": "decisions",
    "action": "actions",
    "irritant": "irritants",
    "note": "notes",
    "stream": "streams",
    "metric": "metrics",
    "win": "wins",
    "rating": "ratings",
    "hands": "shows_of_hands",
    "objective": "objectives",
    "initiative": "initiatives",
}
META_TABLE = "session"
PLAYBOOK_TABLE = "playbook"
# The items a session carried in from the previous one, as they were when it started.
CARRIED_TABLE = "carried"
# The room's own documents (coalition.room): cards not yet revealed, who joined from a
# device, the vote. Items are never built from it, so the minutes leave those cards out.
ROOM_TABLE = "room"
META_ID = 1
# TinyDB numbers documents itself (one more than the highest, per table), apart from the IDs.
MAX_DOCUMENT_ID = 1_000_000_000


def migrate(tables: Tables, source: Path | str) -> Tables:
    """Bring raw tables up to SCHEMA_VERSION, or refuse a file from a newer coalition."""
    meta = tables.get(META_TABLE, {}).get(str(META_ID))
    if meta is None:
        raise SessionCorrupt(
            f"{source} has no session description (table '{META_TABLE}'); it is not a "
            "coalition session file. The file was left as it is."
        )
    version = meta.get("schema_version", 0)
    if type(version) is not int or version < 0:
        raise SessionCorrupt(
            f"{source}: 'schema_version' of the session description must be a whole number "
            f"from 0 to {SCHEMA_VERSION}, not {_short(version)}. The file was left as it is."
        )
    if version > SCHEMA_VERSION:
        raise SessionCorrupt(
            f"{source} was written by a newer coalition (schema_version {_short(version)}; "
            f"this one knows up to {SCHEMA_VERSION}). Upgrade coalition to open it; the file "
            "was left as it is."
        )
    while version < SCHEMA_VERSION:
        upgrade = MIGRATIONS.get(version)
        if upgrade is None:
            raise SessionCorrupt(
                f"{source} has schema_version {version}, which this coalition cannot upgrade."
            )
        tables = upgrade(tables)
        version += 1
        tables[META_TABLE][str(META_ID)]["schema_version"] = version
    return tables


_DOCUMENT_KEY = re.compile(r"[1-9][0-9]{0,9}")  # ASCII digits, no leading zero


def check_document_id(doc_id: str) -> None:
    """Refuse a TinyDB document key that is not a plain decimal number in range."""
    if _DOCUMENT_KEY.fullmatch(doc_id) is None or int(doc_id) > MAX_DOCUMENT_ID:
        raise ValueError(
            f"the document key must be a number from 1 to {MAX_DOCUMENT_ID:,}, not {_short(doc_id)}"
        )


def _short(value: Any) -> str:
    """A value as a message shows it: a hand-edited file may hold a 300-digit number."""
    shown = repr(value)
    return shown if len(shown) <= 24 else shown[:20] + "..."


def info_from_tables(tables: Tables, source: Path | str) -> SessionInfo:
    """The session's description from migrated tables."""
    try:
        return SessionInfo.from_record(
            {
                **tables[META_TABLE][str(META_ID)],
                "playbook": tables[PLAYBOOK_TABLE][str(META_ID)],
            }
        )
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise SessionCorrupt(
            f"{source}: the session description or playbook snapshot is incomplete or invalid "
            f"({error!r}). The file was left as it is."
        ) from error


def session_from_tables(tables: Tables, source: Path | str) -> Session:
    """Build the Session aggregate from raw tables, naming the document that is wrong."""
    tables = migrate(tables, source)
    session = Session(info=info_from_tables(tables, source))
    for item_type in ITEM_TYPES:
        table_name = TABLE_BY_KIND[item_type.kind]
        documents = tables.get(table_name, {}).items()
        built = ((key, item_from_record(item_type, key, doc, source)) for key, doc in documents)
        getattr(session, table_name).extend(in_id_order(built, table_name, source))
    session.baseline = _baseline(tables.get(CARRIED_TABLE, {}), source)
    session.room = room_from_documents(tables.get(ROOM_TABLE, {}), source)
    return session


def item_from_record(
    item_type: type[Item], doc_id: str, record: Mapping[str, Any], source: Path | str
) -> Item:
    """One document of an item table as an item, or SessionCorrupt naming the document."""
    try:
        check_document_id(doc_id)
        item = item_type.from_record(record)
        check_id(item.id, item_type.prefix)
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        table_name = TABLE_BY_KIND[item_type.kind]
        raise SessionCorrupt(
            f"{source}: document {_short(doc_id)} of table '{table_name}' is not a valid "
            f"{item_type.kind} ({error!r}). The file was left as it is."
        ) from error
    return item


def in_id_order(
    built: Iterable[tuple[str, Item]], table_name: str, source: Path | str
) -> list[Item]:
    """The items of one table (with their document keys) in ID order; an ID held by two
    documents is refused."""
    items: list[Item] = []
    documents: dict[str, str] = {}  # item ID -> document key, to find an ID used twice
    for doc_id, item in built:
        first = documents.setdefault(item.id, doc_id)
        if first != doc_id:
            raise SessionCorrupt(
                f"{source}: {item.id} is in table '{table_name}' twice (documents {first} "
                f"and {doc_id}); keep one of them. The file was left as it is."
            )
        items.append(item)
    return sorted(items, key=lambda item: int(item.id[2:]))  # checked: `X-<digits>`


def room_from_documents(documents: Mapping[str, Any], source: Path | str) -> RoomInfo | None:
    """The room's description (document "1" of its table), for the minutes."""
    if not documents:
        return None
    try:
        return read_room(documents)[0]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SessionCorrupt(
            f"{source}: the table '{ROOM_TABLE}' is not a valid room record ({error!r}). "
            "The file was left as it is."
        ) from error


def _baseline(documents: Mapping[str, Any], source: Path | str) -> dict[str, Item]:
    """The carried-in items, by ID (their kind is in the ID's prefix)."""
    baseline: dict[str, Item] = {}
    for doc_id, record in documents.items():
        try:
            check_document_id(doc_id)
            item_type = ITEM_TYPE_BY_PREFIX[str(record["id"]).partition("-")[0]]
            item = item_type.from_record(record)
            check_id(item.id, item_type.prefix)
        except (KeyError, TypeError, ValueError, OverflowError) as error:
            raise SessionCorrupt(
                f"{source}: document {_short(doc_id)} of table '{CARRIED_TABLE}' is not a valid "
                f"carried item ({error!r}). The file was left as it is."
            ) from error
        baseline[item.id] = item
    return baseline


def _read_tables(path: Path) -> Tables:
    tables = load_tables(path)
    if tables is None:
        if path.is_file():
            raise SessionCorrupt(f"{path} is empty. The file was left as it is.")
        raise SessionNotFound(f"{path} does not exist.")
    return tables


def read_session(path: Path, *, carried: bool = True) -> Session:
    """Load a session file without locking it (for minutes, lists and checks).

    `carried=False` leaves out what the session carried in (its baseline): the minutes
    need it, a listing or the programme over many sessions does not, and it is half of a
    follow-up's file.
    """
    tables = _read_tables(path)
    if not carried:
        tables.pop(CARRIED_TABLE, None)
    return session_from_tables(tables, path)


def read_room_documents(path: Path) -> dict[str, dict[str, Any]]:
    """The room table of a session file (empty when the room never opened), unlocked."""
    room = _read_tables(path).get(ROOM_TABLE, {})
    return {str(key): dict(doc) for key, doc in room.items() if isinstance(doc, dict)}


def read_session_summary(path: Path) -> tuple[SessionInfo, int]:
    """A session's description and its number of open actions, without building every item
    (the session list shows many sessions at once)."""
    tables = migrate(_read_tables(path), path)
    actions = tables.get(TABLE_BY_KIND["action"], {}).values()
    return info_from_tables(tables, path), sum(a.get("status") == "open" for a in actions)


ITEM_TABLES = tuple(TABLE_BY_KIND.values())
