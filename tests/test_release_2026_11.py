"""Session files written by the November 2026 release open with nothing lost.

`tests/fixtures/release-2026-11/` holds the worked example's sessions as that release wrote
them, and the minutes it rendered from them (`.md`). Whatever fields and kinds are added
later, these files must still open, every record must read back to the same record, and
their minutes must keep every item and every field value the old minutes showed.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coalition.domain.models import ITEM_TYPE_BY_PREFIX
from coalition.minutes import render_minutes
from coalition.minutes.escape import escape_cell, escape_inline
from coalition.store import SessionStore, read_session
from coalition.store.session_reading import CARRIED_TABLE, ITEM_TABLES

RELEASE = Path(__file__).parent / "fixtures" / "release-2026-11"
FILES = sorted(RELEASE.glob("*.json"))


def _records(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    tables = json.loads(path.read_text(encoding="utf-8"))
    for table in (*ITEM_TABLES, CARRIED_TABLE):
        for record in tables.get(table, {}).values():
            yield table, record


def _texts(value: Any) -> Iterator[str]:
    """Every text a record holds, however deep (stage names, systems, owners ...)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _texts(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _texts(inner)


def test_the_fixture_holds_every_kind_of_the_release() -> None:
    kinds = {record["id"].partition("-")[0] for path in FILES for _, record in _records(path)}
    assert kinds == {"P", "D", "A", "I", "N", "V", "M", "W", "H"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_record_reads_back_to_the_same_record(path: Path) -> None:
    for table, record in _records(path):
        item_type = ITEM_TYPE_BY_PREFIX[record["id"].partition("-")[0]]
        back = item_type.from_record(record).to_record()
        # A field the file lacks may come back with its default; none may change or go.
        assert {key: back.get(key) for key in record} == record, (table, record["id"])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_minutes_keep_every_item_and_field_they_had(path: Path) -> None:
    old = path.with_suffix(".md").read_text(encoding="utf-8")
    new = render_minutes(read_session(path))
    for _, record in _records(path):
        if record["id"] in old:
            assert record["id"] in new
        for text in _texts(record):
            for shown in {escape_cell(text), escape_inline(text)}:
                if shown and shown in old:
                    assert shown in new, (record["id"], text)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_opening_for_writing_leaves_the_items_as_they_were(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    with SessionStore.open(copy) as store:
        before = store.session.items()
    after = json.loads(copy.read_text(encoding="utf-8"))
    original = json.loads(path.read_text(encoding="utf-8"))
    for table in (*ITEM_TABLES, CARRIED_TABLE):
        assert after.get(table) == original.get(table), table
    assert read_session(copy).items() == before
