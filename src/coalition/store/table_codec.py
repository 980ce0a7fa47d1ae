"""Session files as text: tables of documents to JSON bytes (one document per line, sorted
keys, so git diffs show the items that changed), and back, with a clear message for a file
that is not a session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coalition.errors import SessionCorrupt
from coalition.regular_files import NotARegularFile, read_regular_file

Tables = dict[str, dict[str, Any]]

_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(", ", ": ")).encode
# One reusable C encoder for documents: JSONEncoder.encode builds a new one per call, which
# costs more than the encoding itself for small documents.
_make_c_encoder = getattr(json.encoder, "c_make_encoder", None)
_c_encoder = (
    _make_c_encoder(None, None, json.encoder.encode_basestring, None, ": ", ", ", True, False, True)
    if _make_c_encoder is not None
    else None
)
_encode_ascii = json.JSONEncoder(ensure_ascii=True, sort_keys=True, separators=(", ", ": ")).encode


def _doc_key(doc_id: str) -> tuple[int, str]:
    return (len(doc_id), doc_id)  # numeric order for TinyDB's decimal document ids


def encode_table(docs: dict[str, Any], encode: Any = _encode) -> str:
    """The documents of one table, one per line, in document-id order."""
    keys = sorted(docs, key=_doc_key)
    if encode is _encode and _c_encoder is not None:
        fast = _c_encoder
        quote = json.encoder.encode_basestring
        return ",\n".join(f"{quote(key)}: {''.join(fast(docs[key], 0))}" for key in keys)
    return ",\n".join(f"{encode(key)}: {encode(docs[key])}" for key in keys)


def dumps_tables(
    tables: Tables, encode: Any = _encode, encoded: dict[str, str] | None = None
) -> str:
    """Serialise TinyDB's tables as JSON with one document per line.

    `encoded` may hold tables already encoded (by name), to skip re-encoding them.
    """
    parts = []
    for name in sorted(tables):
        body = encoded[name] if encoded and name in encoded else encode_table(tables[name], encode)
        parts.append(f"{encode(name)}: {{\n{body}\n}}" if body else f"{encode(name)}: {{}}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def encode_tables(tables: Tables, encoded: dict[str, str] | None = None) -> bytes:
    """UTF-8 bytes of the tables; text that UTF-8 cannot hold is written as JSON escapes."""
    try:
        return dumps_tables(tables, _encode, encoded).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate pasted into a field
        return dumps_tables(tables, _encode_ascii).encode("ascii")


class TableEncodingCache:
    """Encoded tables and documents, reused while the same objects come back unchanged.

    TinyDB replaces a table's dict with a new one whenever it changes that table; the store
    changes a table in place and says so (`forget`), and it never changes a document in
    place: a changed document is a new dict. An unchanged table object therefore means
    unchanged text, and within a changed table an unchanged document object means an
    unchanged line, so a save of one item encodes one document, not its table (a room's
    thousand cards are not encoded again for each new one).
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[dict[str, Any], str]] = {}
        self._lines: dict[str, dict[str, tuple[object, str]]] = {}

    def encode(self, tables: Tables) -> bytes:
        encoded: dict[str, str] = {}
        for name, docs in tables.items():
            cached = self._entries.get(name)
            if cached is not None and cached[0] is docs:
                encoded[name] = cached[1]
            else:
                text = self._encode_table(name, docs)
                self._entries[name] = (docs, text)
                encoded[name] = text
        for name in set(self._entries) - set(tables):
            del self._entries[name]
            self._lines.pop(name, None)
        return encode_tables(tables, encoded)

    def _encode_table(self, name: str, docs: dict[str, Any]) -> str:
        if _c_encoder is None:
            return encode_table(docs)
        known = self._lines.get(name, {})
        lines: dict[str, tuple[object, str]] = {}
        for key in sorted(docs, key=_doc_key):
            doc = docs[key]
            seen = known.get(key)
            if seen is not None and seen[0] is doc:
                lines[key] = seen
            else:
                text = "".join(_c_encoder(doc, 0))
                lines[key] = (doc, f"{json.encoder.encode_basestring(key)}: {text}")
        self._lines[name] = lines
        return ",\n".join(line for _, line in lines.values())

    def forget(self, name: str) -> None:
        """Table `name` was changed in place: encode it again at the next save (its
        unchanged documents keep their lines)."""
        self._entries.pop(name, None)

    def clear(self) -> None:
        self._entries.clear()
        self._lines.clear()


# Far above any real session (10,000 items take about 3 MB), far below what exhausts memory.
MAX_SESSION_BYTES = 256_000_000


def load_tables(path: Path) -> Tables | None:
    """Parse a session file; None when it does not exist or is empty."""
    try:
        raw = read_regular_file(path, limit=MAX_SESSION_BYTES)
    except FileNotFoundError:
        return None
    except NotARegularFile as error:
        raise SessionCorrupt(
            f"Cannot read {path}: {error.reason}, not a session file. The file was left as it "
            "is; remove it or put the session file back from git."
        ) from error
    except OSError as error:
        raise SessionCorrupt(f"Cannot read {path}: {error.strerror}.") from error
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except RecursionError as error:
        raise SessionCorrupt(
            f"{path} nests JSON too deeply to be a session file. The file was left as it is."
        ) from error
    except UnicodeDecodeError as error:
        raise SessionCorrupt(
            f"{path} is not UTF-8 text (byte {error.start}). The file was left as it is; "
            "restore it from git or a backup."
        ) from error
    except json.JSONDecodeError as error:
        raise SessionCorrupt(
            f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg.lower()} at line "
            f"{error.lineno}, column {error.colno}. The file was left as it is; restore it "
            "from git or a backup, or fix that line."
        ) from error
    except ValueError as error:  # a number of thousands of digits
        raise SessionCorrupt(
            f"{path} holds a number thousands of digits long, which no session file does. "
            "The file was left as it is; restore it from git or a backup."
        ) from error
    if not isinstance(data, dict) or not all(
        isinstance(docs, dict) and all(isinstance(doc, dict) for doc in docs.values())
        for docs in data.values()
    ):
        raise SessionCorrupt(
            f"{path} is JSON but not a session file (expected tables of documents). "
            "The file was left as it is."
        )
    return data
