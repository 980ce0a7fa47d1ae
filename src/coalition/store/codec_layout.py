"""A session file as `table_codec` lays it out, cut into tables of document lines unparsed.

The codec writes one table per line block and one document per line:

    {
    "actions": {
    "1": {...},
    "2": {...}
    },
    "notes": {},
    "session": {
    "1": {...}
    }
    }

Cut along those lines, a reader can leave a table it does not need as text (the `carried`
table is half of a follow-up's file) and parse each table, or each document, on its own (so
one met before in the same words need not be parsed again). Any file laid out otherwise
(stock TinyDB writes one line, a person may indent) gives None, and the caller parses it
whole: this is a shortcut, never a second grammar.
"""

from __future__ import annotations

import re
from collections.abc import Collection

# A table's documents as (document key, the document's JSON text), in the file's order.
DocumentLines = list[tuple[str, str]]

# Names and keys that JSON writes without escapes; anything else is left to the full parse.
_TABLE_OPEN = re.compile(r'"([A-Za-z0-9_]{1,64})": \{')
_EMPTY_TABLE = re.compile(r'"([A-Za-z0-9_]{1,64})": \{\}(,?)')
_DOCUMENT = re.compile(r'"([1-9][0-9]{0,9})": ')  # TinyDB's document IDs, as it writes them


def split_tables(text: str, skip: Collection[str] = ()) -> dict[str, str] | None:
    """The tables of a file in the codec's layout, each as the text of its document lines
    ("" for an empty table); None for any other layout (the file may still be valid JSON:
    parse it whole then).

    The lines around the tables are checked here, commas included; the lines of a table's
    body by `document_lines`, which the caller runs on each body it reads, so the pieces
    taken together are exactly the file. The tables named in `skip` are left out without
    looking inside them beyond finding where they end. A table written twice gives None too
    (JSON would keep the last one; the full parse decides).
    """
    if not (text.startswith("{\n") and text.endswith("\n}\n")):
        return None
    tables: dict[str, str] = {}
    skipped: set[str] = set()
    position, end = 2, len(text) - 2  # after "{\n"; at the final "}\n"
    more = True  # a comma after the previous table: another one follows
    while position < end:
        if not more:
            return None
        line_end = text.index("\n", position)
        header = text[position:line_end]
        empty = _EMPTY_TABLE.fullmatch(header)
        if empty is not None:
            name, more, position = empty[1], bool(empty[2]), line_end + 1
            if name in tables or name in skipped:
                return None
            if name in skip:
                skipped.add(name)
            else:
                tables[name] = ""
            continue
        opening = _TABLE_OPEN.fullmatch(header)
        if opening is None or opening[1] in tables or opening[1] in skipped:
            return None
        name = opening[1]
        close = text.find("\n}", line_end)  # a document line starts with '"', never '}'
        if name in skip:
            skipped.add(name)
        else:
            tables[name] = text[line_end + 1 : close]
        position = close + 1
        line_end = text.index("\n", position)
        closing = text[position:line_end]
        if closing not in ("}", "},"):
            return None
        more, position = closing == "},", line_end + 1
    return None if more or position != end else tables


def document_lines(body: str) -> DocumentLines | None:
    """The documents of a table's body (from `split_tables`): lines `"key": {...},` with no
    comma on the last; None if a line is not one, or a key is written twice."""
    if not body:
        return []
    lines = body.split("\n")
    last = len(lines) - 1
    documents: DocumentLines = []
    for index, line in enumerate(lines):
        key = _DOCUMENT.match(line)
        if key is None:
            return None
        if index < last:
            if not line.endswith(","):
                return None
            documents.append((key[1], line[key.end() : -1]))
        else:
            if line.endswith(","):
                return None
            documents.append((key[1], line[key.end() :]))
    if len({key for key, _ in documents}) != len(documents):
        return None
    return documents
