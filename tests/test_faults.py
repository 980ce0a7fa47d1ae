"""Fault injection below the store: each failing system call during a save, huge and hostile
files, a playbook with every kind of mistake. The previous file always survives, the message
names the file, and a retry after the fault clears saves what the user typed."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from coalition.domain.models import Note
from coalition.errors import SaveFailed, SessionCorrupt
from coalition.store import SessionStore, atomic_files, atomic_storage, read_session

FAULTS: dict[str, tuple[str, int]] = {
    "disk full while writing": ("write", errno.ENOSPC),
    "permission denied creating the temporary file": ("mkstemp", errno.EACCES),
    "read-only file system at the rename": ("replace", errno.EROFS),
    "I/O error at fsync": ("fsync", errno.EIO),
}


def inject(monkeypatch: pytest.MonkeyPatch, call: str, code: int) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    if call == "write":
        real_fdopen = os.fdopen

        def fdopen(fd: int, *args: Any, **kwargs: Any) -> io.BufferedWriter:
            handle = real_fdopen(fd, *args, **kwargs)
            handle.write = fail  # type: ignore[method-assign]
            return handle  # type: ignore[no-any-return]

        monkeypatch.setattr(atomic_files.os, "fdopen", fdopen)
    elif call == "mkstemp":
        monkeypatch.setattr(atomic_files.tempfile, "mkstemp", fail)
    else:
        monkeypatch.setattr(atomic_files.os, call, fail)


@pytest.fixture
def session_file(tmp_path: Path, info: Any) -> Path:
    path = tmp_path / "sessions" / "northwind" / "2026-03-02-review.json"
    with SessionStore.create(path, info) as store:
        store.add("note", text="already saved", step=info.current_step)
    return path


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_during_a_save_keeps_the_old_file_and_allows_a_retry(
    session_file: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    before = session_file.read_bytes()
    with SessionStore.open(session_file) as store:
        inject(monkeypatch, *FAULTS[fault])
        with pytest.raises(SaveFailed) as failed:
            store.add("note", text="typed during the fault", step="one")
        assert str(session_file) in failed.value.message
        assert os.strerror(FAULTS[fault][1]) in failed.value.message
        assert "previous version of the file is intact" in failed.value.message
        monkeypatch.undo()
        assert session_file.read_bytes() == before
        assert [n.text for n in store.session.notes] == ["already saved"]
        assert not list(session_file.parent.glob(".*.tmp"))
        retried = store.add("note", text="typed during the fault", step="one")
    assert retried.id == "N-2"
    assert [n.text for n in read_session(session_file).notes] == [
        "already saved",
        "typed during the fault",
    ]


def test_a_huge_session_loads_and_still_takes_captures(tmp_path: Path, info: Any) -> None:
    path = tmp_path / "huge.json"
    SessionStore.create(path, info).close()
    tables = json.loads(path.read_bytes())  # 20,000 notes written at once, as a long series
    tables["notes"] = {
        str(n): Note(f"N-{n}", f"note {n} " + "x" * 80, info.current_step).to_record()
        for n in range(1, 20_001)
    }
    tables["session"]["1"]["next_numbers"] = {"N": 20_001}
    atomic_storage.write_atomically(path, atomic_storage.encode_tables(tables))
    assert path.stat().st_size > 2_000_000
    with SessionStore.open(path) as store:
        assert len(store.session.notes) == 20_000
        assert store.add("note", text="one more", step=info.current_step).id == "N-20001"
    assert len(read_session(path).notes) == 20_001


@pytest.mark.parametrize(
    "content",
    [b"x" * 5_000_000, os.urandom(200_000), b'{"session": {"1": ' * 20_000],
    ids=["5 MB of text", "random bytes", "endless opening"],
)
def test_huge_garbage_is_refused_quickly_and_left_alone(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "garbage.json"
    path.write_bytes(content)
    for opener in (SessionStore.open, read_session):
        with pytest.raises(SessionCorrupt) as refused:
            opener(path)  # type: ignore[operator]
        assert str(path) in refused.value.message
    assert path.read_bytes() == content


BROKEN_PLAYBOOK = """\
---
name: Not A Name
title: Broken on purpose
colour: blue
---

# Broken

## A step without prompts or settings

Why.

## Bad settings

Why.

- A prompt?

```coalition
timebox: forever
captures: note, memo
id: bad-settings
```

## Bad settings

- A second step with the same id, no purpose.

```coalition
timebox: 5m
captures: note
id: bad-settings
```

```coalition
timebox: 5m
```

- A second list.
  - nested

# A top heading after the steps
"""


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coalition", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def test_a_playbook_with_every_kind_of_mistake_gets_every_line_and_no_traceback(
    tmp_path: Path,
) -> None:
    path = tmp_path / "broken.md"
    path.write_text(BROKEN_PLAYBOOK)
    result = run_cli("playbook", "validate", str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    reported = {
        line.split(":")[1] for line in result.stderr.splitlines() if line.startswith(str(path))
    }
    for line in (1, 2, 4, 9, 20, 21, 25, 35, 39, 40, 42):
        assert str(line) in reported, (line, result.stderr)
    assert run_cli("new", "--client", "X", "--title", "Y", "--playbook", str(path),
                   cwd=tmp_path).returncode == 2  # fmt: skip
    assert not (tmp_path / "sessions").exists() or not list((tmp_path / "sessions").rglob("*.json"))
