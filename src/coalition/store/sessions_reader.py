"""Reading many session files at once: a client's programme, carry-forward, the listings.

A client's sessions repeat one another: each carries the items of the one before, most of
them unchanged, and each holds a `carried` table (what it started from) that a reading
over many sessions never uses. So for a file in the codec's own layout (`codec_layout`) the
reader leaves that table unparsed, and parses and checks each item table, and each item
document, once per wording: one met before in the same words, in the same table, gives the
same items (items are frozen). Everything else takes the ordinary path (`read_session`),
which also names what is wrong in a file the shortcut cannot take.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

from coalition.domain.models import ITEM_TYPES, Item, Session, check_id
from coalition.errors import SessionCorrupt
from coalition.regular_files import NotARegularFile, read_regular_file
from coalition.store.codec_layout import document_lines, split_tables
from coalition.store.session_reading import (
    CARRIED_TABLE,
    META_ID,
    META_TABLE,
    ROOM_TABLE,
    SCHEMA_VERSION,
    TABLE_BY_KIND,
    check_document_id,
    in_id_order,
    info_from_tables,
    read_session,
    room_from_documents,
)
from coalition.store.table_codec import MAX_SESSION_BYTES

_ITEM_TABLES = {TABLE_BY_KIND[item_type.kind]: item_type for item_type in ITEM_TYPES}
_SKIPPED = frozenset({CARRIED_TABLE})


class _NotTheShortcut(Exception):
    """The file is not one the shortcut reads as `read_session` would: read it whole."""


class SessionsReader:
    """Reads session files without their baseline (`read_session(path, carried=False)`),
    sharing the items of one file with the next. Keep one for one reading of many files."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, list[Item]]] = {}  # table -> its text -> items
        self._items: dict[str, dict[str, Item]] = {}  # table -> document text -> item

    def read(self, path: Path) -> Session:
        """The session in the file, as `read_session(path, carried=False)` gives it.

        Raises SessionCorrupt / SessionNotFound as `read_session` does.
        """
        try:
            return self._read_laid_out(path)
        except _NotTheShortcut:
            return read_session(path, carried=False)

    def _read_laid_out(self, path: Path) -> Session:
        try:
            text = read_regular_file(path, limit=MAX_SESSION_BYTES).decode("utf-8")
        except (OSError, NotARegularFile, UnicodeDecodeError) as error:
            raise _NotTheShortcut from error
        tables = split_tables(text, skip=_SKIPPED)
        if tables is None:
            raise _NotTheShortcut
        try:
            plain = {
                name: _parsed(body) for name, body in tables.items() if name not in _ITEM_TABLES
            }
            meta = plain[META_TABLE][str(META_ID)]
            version = meta.get("schema_version")
            if type(version) is not int or version != SCHEMA_VERSION:
                raise _NotTheShortcut  # older (to migrate) or newer (to refuse): read whole
            session = Session(info=info_from_tables(plain, path))
            for name, item_type in _ITEM_TABLES.items():
                getattr(session, name).extend(self._table(item_type, tables.get(name, ""), path))
            session.room = room_from_documents(plain.get(ROOM_TABLE, {}), path)
        except (
            SessionCorrupt,
            KeyError,
            TypeError,
            ValueError,
            OverflowError,
            RecursionError,
        ) as error:
            raise _NotTheShortcut from error  # the whole reading names what is wrong
        return session

    def _table(self, item_type: type[Item], body: str, path: Path) -> list[Item]:
        """The items of one table's text, in ID order (the same list for the same text)."""
        name = TABLE_BY_KIND[item_type.kind]
        known = self._tables.setdefault(name, {})
        items = known.get(body)
        if items is None:
            items = known[body] = in_id_order(self._built(item_type, body, path), name, path)
        return items

    def _built(self, item_type: type[Item], body: str, path: Path) -> list[tuple[str, Item]]:
        documents = document_lines(body)
        if documents is None:
            raise _NotTheShortcut
        known = self._items.setdefault(TABLE_BY_KIND[item_type.kind], {})
        built = []
        for doc_id, text in documents:
            if len(doc_id) == 10:  # the layout takes up to ten digits; a key, up to 1e9
                check_document_id(doc_id)
            item = known.get(text)
            if item is None:  # checked as `item_from_record` does; wrong: the whole reading
                item = known[text] = item_type.from_record(_document(text))
                check_id(item.id, item_type.prefix)
            built.append((doc_id, item))
        return built


def _document(text: str) -> dict[str, Any]:
    """One document line's JSON, parsed on its own: a line holding more than one document
    (JSON would read them all) is refused here, so a wording is always one document."""
    document, end = _DECODER.raw_decode(text)  # json.loads less its whitespace handling
    if end != len(text) or not isinstance(document, dict):
        raise _NotTheShortcut
    return cast(dict[str, Any], document)


_DECODER = json.JSONDecoder()


def _parsed(body: str) -> dict[str, dict[str, Any]]:
    """A table's documents as the whole reading parses them: one json.loads for the table
    (a third of the time of one per document)."""
    documents = json.loads("{" + body + "}")
    if not all(isinstance(document, dict) for document in documents.values()):
        raise _NotTheShortcut
    return cast(dict[str, dict[str, Any]], documents)
