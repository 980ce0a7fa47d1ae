"""The codec's layout cut into tables and documents (`codec_layout`): exactly what JSON reads
from the same text, or None; never a second grammar."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.store.codec_layout import document_lines, split_tables
from coalition.store.table_codec import encode_tables

_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
_documents = st.dictionaries(st.text(max_size=6), _values, max_size=4)
_tables = st.dictionaries(
    st.from_regex(r"[a-z_]{1,8}", fullmatch=True),
    st.dictionaries(st.integers(1, 10**9).map(str), _documents, max_size=4),
    max_size=5,
)


def _read(text: str, skip: tuple[str, ...] = ()) -> dict[str, dict[str, Any]] | None:
    """The tables as the layout gives them, each document parsed; None where it says no."""
    tables = split_tables(text, skip)
    if tables is None:
        return None
    read = {}
    for name, body in tables.items():
        documents = document_lines(body)
        if documents is None:
            return None
        read[name] = {key: json.loads(document) for key, document in documents}
    return read


@settings(max_examples=200, deadline=None)
@given(_tables)
def test_what_the_codec_writes_reads_back_table_by_table(tables: dict[str, Any]) -> None:
    text = encode_tables(tables).decode("utf-8")
    if not tables:
        assert _read(text) is None  # no table at all: left to the full parse
        return
    assert _read(text) == tables == json.loads(text)
    skipped = sorted(tables)[0]
    assert _read(text, (skipped,)) == {n: t for n, t in tables.items() if n != skipped}


_edits = st.tuples(
    st.integers(0, 10**6), st.sampled_from(["insert", "delete", "replace"]),
    st.sampled_from(list('{}[]",: \n\r\t01a\\')),
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(_tables.filter(bool), st.lists(_edits, min_size=1, max_size=3))
def test_a_damaged_text_reads_as_json_reads_it_or_not_at_all(
    tables: dict[str, Any], edits: list[tuple[int, str, str]]
) -> None:
    text = encode_tables(tables).decode("utf-8")
    for position, edit, char in edits:
        at = position % (len(text) + 1)
        if edit == "insert":
            text = text[:at] + char + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + char + text[at + 1 :]
    try:
        read = _read(text)
    except json.JSONDecodeError:
        read = None  # a document line that is not JSON: the caller parses the file whole
    if read is not None:
        assert json.loads(text) == read


def test_other_layouts_are_left_to_the_full_parse() -> None:
    tables = {"actions": {"1": {"id": "A-1"}, "2": {"id": "A-2"}}, "notes": {}}
    ours = encode_tables(tables).decode("utf-8")
    assert _read(ours) == tables
    for other in (
        json.dumps(tables),  # stock TinyDB: one line
        json.dumps(tables, indent=2),
        ours.replace("\n", "\r\n"),
        "\ufeff" + ours,
        ours.rstrip("\n"),
        ours.replace('"2": ', '"1": '),  # a key twice: JSON keeps the last one
        ours.replace('"2": ', '"02": '),
        ours.replace('"notes": {}', '"actions": {}'),  # a table twice
        ours.replace('"notes"', '"n\\u006ftes"'),
        ours.replace('{"id": "A-1"},', '{"id": "A-1"}'),
        ours.replace('"notes": {}', '"notes": {},'),
    ):
        assert _read(other) is None, other
