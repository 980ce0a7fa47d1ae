"""The store shared by two threads (the app's and the room's), and the encoding cache that
makes a save encode only the documents that changed."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.domain.models import SessionInfo
from coalition.domain.room_records import Card
from coalition.store import SessionStore
from coalition.store.session_reading import ROOM_TABLE
from coalition.store.table_codec import TableEncodingCache, encode_tables

# -- the encoding cache ------------------------------------------------------------------------

_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)
_operations = st.lists(
    st.tuples(
        st.sampled_from(["put", "remove", "new-table"]),
        st.sampled_from(["items", "room", "meta"]),
        st.integers(min_value=1, max_value=12).map(str) | st.sampled_from(["1000", "x"]),
        st.dictionaries(st.text(max_size=5), _values, max_size=4),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(_operations)
def test_the_cache_encodes_what_a_fresh_encoding_gives(operations: list[Any]) -> None:
    """Whatever is put, replaced or removed, and whether a table is changed in place (and
    forgotten) or replaced, the cached bytes are the bytes of a fresh encoding."""
    cache = TableEncodingCache()
    tables: dict[str, dict[str, Any]] = {}
    for what, table, key, document in operations:
        if what == "new-table":  # TinyDB's way: a new dict for the changed table
            tables[table] = {**tables.get(table, {}), key: dict(document)}
        else:  # the store's way: in place, then forget the table
            docs = tables.setdefault(table, {})
            if what == "put":
                docs[key] = dict(document)
            else:
                docs.pop(key, None)
            cache.forget(table)
        assert cache.encode(tables) == encode_tables(tables)


# -- two threads -------------------------------------------------------------------------------


def test_two_threads_saving_at_once_lose_nothing(tmp_path: Path, info: SessionInfo) -> None:
    """The app's captures and the room's documents, saved from two threads at once: every
    one is in the file, and the file reads back whole."""
    path = tmp_path / "s.json"
    store = SessionStore.create(path, info)
    failures: list[BaseException] = []
    step = info.playbook.steps[0].id

    def captures() -> None:
        try:
            for n in range(150):
                store.add("note", text=f"note {n}", step=step)
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    def room() -> None:
        try:
            for n in range(150):
                card = Card(f"C-{n + 1}", f"key {n}", "note", f"card {n}", step, "")
                store.put_room_documents({card.document_key: card.to_document()})
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    threads = [threading.Thread(target=captures), threading.Thread(target=room)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store.close()
    assert failures == []
    tables = json.loads(path.read_text(encoding="utf-8"))
    assert len(tables["notes"]) == 150
    assert len(tables[ROOM_TABLE]) == 150
    reopened = SessionStore.open(path)
    assert [note.text for note in reopened.session.notes] == [f"note {n}" for n in range(150)]
    assert [note.id for note in reopened.session.notes] == [f"N-{n}" for n in range(1, 151)]
    reopened.close()


def test_a_batch_keeps_the_other_thread_out_until_it_ends(
    tmp_path: Path, info: SessionInfo
) -> None:
    """A change from another thread waits for a batch to end: it is never saved half-way
    through the batch, nor undone with it."""
    store = SessionStore.create(tmp_path / "s.json", info)
    step = info.playbook.steps[0].id
    inside = threading.Event()
    other_done = threading.Event()

    def other() -> None:
        inside.wait()
        store.add("note", text="from the other thread", step=step)
        other_done.set()

    thread = threading.Thread(target=other)
    thread.start()
    try:
        with store.batch():
            store.add("note", text="first of the batch", step=step)
            inside.set()
            assert not other_done.wait(0.2)  # held out while the batch runs
            raise RuntimeError("the batch fails")
    except RuntimeError:
        pass
    thread.join(5)
    assert other_done.is_set()
    assert [note.text for note in store.session.notes] == ["from the other thread"]
    store.close()
