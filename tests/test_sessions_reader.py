"""Reading many sessions at once (`SessionsReader`): the same sessions as `read_session`
without their baseline, the same refusals with the same messages, whatever wrote the file."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import tinydb

from coalition.errors import SessionCorrupt, SessionNotFound
from coalition.store import SessionsReader, read_session
from coalition.store.codec_layout import split_tables
from coalition.store.session_reading import CARRIED_TABLE
from programme_example import CLIENT, build_example


@pytest.fixture(scope="module")
def example_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The example programme's session files, as the store wrote them (with carried tables)."""
    workspace = build_example(tmp_path_factory.mktemp("example") / "ws")
    return sorted(workspace.client_dir(CLIENT).glob("*.json"))


def _rewrite(source: Path, target: Path, dump: str) -> Path:
    target.write_text(dump, encoding="utf-8")
    return target


def test_the_example_reads_as_read_session_gives_it(example_files: list[Path]) -> None:
    assert any(CARRIED_TABLE in json.loads(p.read_text()) for p in example_files)
    reader = SessionsReader()
    for path in example_files:
        assert reader.read(path) == read_session(path, carried=False)


def test_the_items_of_one_wording_are_read_once_and_shared(
    example_files: list[Path], tmp_path: Path
) -> None:
    copy = tmp_path / "copy.json"
    copy.write_bytes(example_files[-1].read_bytes())
    reader = SessionsReader()
    first, second = reader.read(example_files[-1]), reader.read(copy)
    assert first == second
    assert all(a is b for a, b in zip(first.items(), second.items(), strict=True))
    first.participants.clear()  # yet each session has lists of its own
    assert second.participants == read_session(copy, carried=False).participants


def test_a_file_written_by_stock_tinydb_reads_the_same(
    example_files: list[Path], tmp_path: Path
) -> None:
    for path in example_files:
        tables = json.loads(path.read_text())
        target = tmp_path / path.name
        with tinydb.TinyDB(target, encoding="utf-8") as db:  # stock JSONStorage: one line
            for name, documents in tables.items():
                table = db.table(name)
                for key, document in documents.items():
                    table.insert(tinydb.table.Document(document, doc_id=int(key)))
        assert split_tables(target.read_text()) is None  # read whole
        assert SessionsReader().read(target) == read_session(path, carried=False)


def test_odd_whitespace_and_key_order_read_the_same(
    example_files: list[Path], tmp_path: Path
) -> None:
    shuffle = random.Random(7).shuffle
    for path in example_files:
        tables = json.loads(path.read_text())
        expected = read_session(path, carried=False)
        indented = _rewrite(path, tmp_path / "indented.json", json.dumps(tables, indent=2))
        assert SessionsReader().read(indented) == expected
        crlf = _rewrite(path, tmp_path / "crlf.json", path.read_text().replace("\n", "\r\n"))
        assert SessionsReader().read(crlf) == expected
        spaced = path.read_text().replace('": {"', '":  {"').replace("},\n", "} ,\n")
        assert SessionsReader().read(_rewrite(path, tmp_path / "spaced.json", spaced)) == expected
        # The codec's layout, with tables and keys in another order: read by the shortcut.
        names = list(tables)
        shuffle(names)
        lines = []
        for name in names:
            documents = [
                f"{json.dumps(key)}: "
                + json.dumps(dict(random.Random(key).sample(sorted(doc.items()), len(doc))))
                for key, doc in tables[name].items()
            ]
            body = ",\n".join(documents)
            lines.append(f"{json.dumps(name)}: {{\n{body}\n}}" if body else f'"{name}": {{}}')
        reordered = _rewrite(path, tmp_path / "reordered.json", "{\n" + ",\n".join(lines) + "\n}\n")
        assert split_tables(reordered.read_text()) is not None  # read by the shortcut
        assert SessionsReader().read(reordered) == expected


def _corrupt_variants(text: str) -> dict[str, str]:
    """A session file broken in the ways a hand edit or a bad merge breaks one."""
    action = next(line for line in text.splitlines() if '"id": "A-' in line)
    broken_status = action.replace('"status": "open"', '"status": "maybe"')
    return {
        "bad status": text.replace(action, broken_status),
        "a document that is not an object": text.replace(action, '"1": [1],', 1),
        "bad JSON in a document": text.replace(action, action.replace('"id"', '"id" "x"', 1)),
        "same ID twice": text.replace('"id": "A-3"', '"id": "A-1"', 1),
        "a document key with a leading zero": text.replace('\n"1": {"due"', '\n"01": {"due"', 1),
        "a document key beyond a billion": text.replace('\n"1": {"due"', '\n"9999999999": {"due"'),
        "a newer schema": text.replace('"schema_version": 1', '"schema_version": 99'),
        "an ID that is not one": text.replace('"id": "A-1"', '"id": "A-01"', 1),
        "a missing comma": text.replace("},\n", "}\n", 1),
        "a trailing comma": text.replace("\n}\n}\n", ",\n}\n}\n"),
        "no session table": text.replace('"session": {', '"sessions": {'),
        "not UTF-8": text.replace("Acme", "Acme\udcff", 1),
    }


def test_a_corrupt_file_gets_the_same_message(example_files: list[Path], tmp_path: Path) -> None:
    text = example_files[-1].read_text()
    assert '"status": "open"' in text and '"id": "A-3"' in text
    for what, broken in _corrupt_variants(text).items():
        target = tmp_path / "broken.json"
        target.write_bytes(broken.encode("utf-8", "surrogateescape"))
        with pytest.raises(SessionCorrupt) as expected:
            read_session(target, carried=False)
        with pytest.raises(SessionCorrupt) as got:
            SessionsReader().read(target)
        assert str(got.value) == str(expected.value), what


def test_a_missing_or_empty_file_is_refused_the_same_way(tmp_path: Path) -> None:
    with pytest.raises(SessionNotFound):
        SessionsReader().read(tmp_path / "gone.json")
    (tmp_path / "empty.json").write_text("")
    with pytest.raises(SessionCorrupt, match="is empty"):
        SessionsReader().read(tmp_path / "empty.json")


def test_a_damaged_carried_table_is_left_unread(example_files: list[Path], tmp_path: Path) -> None:
    """The reading of many sessions never uses what a session carried in; its text is skipped
    unparsed, so damage there (which `read_session` with the baseline refuses) does not hide
    the session from the programme."""
    path = next(p for p in example_files if CARRIED_TABLE in json.loads(p.read_text()))
    text = path.read_text()
    start = text.index(f'\n"{CARRIED_TABLE}": {{\n') + len(f'\n"{CARRIED_TABLE}": {{\n')
    damaged = tmp_path / path.name
    damaged.write_text(text[:start] + '"1": {"id": oops},\n' + text[start:])
    with pytest.raises(SessionCorrupt):
        read_session(damaged)
    assert SessionsReader().read(damaged) == read_session(path, carried=False)


def test_a_line_holding_two_documents_is_read_as_json_reads_it(
    example_files: list[Path], tmp_path: Path
) -> None:
    """A hand-made line with two documents on it (JSON reads both) is never taken for one
    document, in the file that has it or in a later file repeating the line."""
    text = example_files[-1].read_text()
    start = text.index('"actions": {\n') + len('"actions": {\n')
    end = text.index("\n}", start)
    a1 = '{"id": "A-1", "text": "First", "status": "open"}'
    a2 = '{"id": "A-2", "text": "Second", "status": "open"}'
    a3 = '{"id": "A-3", "text": "Third", "status": "open"}'
    both = tmp_path / "2027-01-01-both.json"  # "2" twice: JSON keeps A-3
    both.write_text(text[:start] + f'"1": {a1}, "2": {a2},\n"2": {a3}' + text[end:])
    again = tmp_path / "2027-01-02-again.json"  # the same first line alone
    again.write_text(text[:start] + f'"1": {a1}, "2": {a2}' + text[end:])
    reader = SessionsReader()
    for path in (both, again):
        assert reader.read(path) == read_session(path, carried=False), path.name
    assert [a.id for a in reader.read(again).actions] == ["A-1", "A-2"]
