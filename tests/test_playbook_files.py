"""Special files among the playbooks: a FIFO, a link to /dev/zero, a folder, a huge file.

Each is refused with one paragraph naming the file; `playbook list` shows it as a broken
entry and goes on; nothing hangs. The command line runs in a subprocess with a timeout and a
memory cap, so a regression fails in seconds instead of hanging or eating the machine.
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from coalition.domain.playbook import MAX_PLAYBOOK_BYTES, load_playbook, read_playbook_text
from coalition.errors import PlaybookError

BUNDLED = Path(__file__).parent.parent / "playbooks" / "kotter-alignment.md"
MEMORY_CAP = 1 << 30  # 1 GiB of address space: reading /dev/zero whole fails fast


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    assert cli(root.parent, "init", str(root)).returncode == 0
    return root


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(cwd / "user-data"), "COLUMNS": "300"}
    env.pop("COALITION_WORKSPACE", None)
    return subprocess.run([sys.executable, "-m", "coalition", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=20,
                          preexec_fn=_cap_memory)  # fmt: skip


def assert_refused(result: subprocess.CompletedProcess[str], path: str, *words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Playbook"), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr  # one paragraph
    assert path in result.stderr
    for word in words:
        assert word in result.stderr


SPECIAL = {
    "fifo": ("a named pipe",),
    "zero": ("a link to /dev/zero", "a device"),
    "folder": ("a folder",),
    "huge": ("larger than 1 MB",),
}


def make_special(folder: Path, kind: str) -> Path:
    path = folder / f"{kind}.md"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        text = BUNDLED.read_text(encoding="utf-8").replace("kotter-alignment", "huge", 1)
        path.write_text(text + "\n<!-- " + "x" * MAX_PLAYBOOK_BYTES + " -->\n")
    return path


@pytest.mark.parametrize("kind", list(SPECIAL))
def test_a_special_file_is_refused_by_name_and_by_path(workspace: Path, kind: str) -> None:
    path = make_special(workspace / "playbooks", kind)
    relative = f"playbooks/{path.name}"
    assert_refused(cli(workspace, "playbook", "validate", relative), relative, *SPECIAL[kind])
    result = cli(workspace, "new", "--client", "A", "--title", "B", "--playbook", relative)
    assert_refused(result, relative, *SPECIAL[kind])
    result = cli(workspace, "new", "--client", "A", "--title", "B", "--playbook", kind)
    assert_refused(result, str(path), *SPECIAL[kind])
    assert not list((workspace / "sessions").rglob("*.json"))


@pytest.mark.parametrize("kind", list(SPECIAL))
def test_playbook_list_shows_a_special_file_as_broken_and_goes_on(
    workspace: Path, kind: str
) -> None:
    make_special(workspace / "playbooks", kind)
    result = cli(workspace, "playbook", "list")
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if f"{kind}.md" in line)
    assert "unreadable" in line and SPECIAL[kind][-1] in line
    assert "kotter-alignment" in result.stdout  # the rest of the library is still listed


def test_new_with_the_default_playbook_ignores_special_files(workspace: Path) -> None:
    for kind in SPECIAL:
        make_special(workspace / "playbooks", kind)
    result = cli(workspace, "new", "--client", "A", "--title", "B")
    assert result.returncode == 0, result.stderr
    assert "kotter-alignment" in result.stdout


def test_a_link_to_a_regular_playbook_is_fine(workspace: Path) -> None:
    (workspace / "playbooks" / "mine.md").symlink_to(BUNDLED)
    result = cli(workspace, "playbook", "validate", "playbooks/mine.md")
    assert result.returncode == 0, result.stderr


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "swapped.md"
    os.mkfifo(path)
    yield path
    # Should a regression block a reader on the FIFO, opening its write end lets it go.
    with contextlib.suppress(OSError):  # ENXIO: nobody is reading, as it should be
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def test_a_fifo_swapped_in_after_the_check_does_not_block(
    fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`os.stat` said "regular file", then a FIFO took its place: opening must not block."""
    regular = os.stat(BUNDLED)
    real_stat = os.stat
    monkeypatch.setattr(
        os, "stat", lambda p, *a, **k: regular if Path(p) == fifo else real_stat(p, *a, **k)
    )
    outcome: list[BaseException | str] = []

    def read() -> None:
        try:
            outcome.append(read_playbook_text(fifo))
        except BaseException as error:  # reported to the test thread
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert isinstance(outcome[0], PlaybookError) and "named pipe" in str(outcome[0])


def test_a_playbook_of_exactly_the_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    path = tmp_path / "edge.md"
    padding = MAX_PLAYBOOK_BYTES - len(text.encode("utf-8")) - len("\n<!--  -->\n")
    path.write_text(text + "\n<!-- " + "x" * padding + " -->\n", encoding="utf-8")
    assert path.stat().st_size == MAX_PLAYBOOK_BYTES
    assert load_playbook(path).name == "kotter-alignment"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("x")
    with pytest.raises(PlaybookError, match="larger than 1 MB"):
        load_playbook(path)


def test_a_fifo_as_a_session_file_or_the_settings_never_hangs(workspace: Path) -> None:
    assert cli(workspace, "new", "--client", "A", "--title", "B").returncode == 0
    os.mkfifo(workspace / "sessions" / "a" / "2026-01-01-planted.json")
    listed = cli(workspace, "list")
    assert listed.returncode == 0, listed.stderr
    assert "named pipe" in listed.stdout and "2026-01-01-planted" in listed.stdout
    (workspace / "coalition.toml").unlink()
    os.mkfifo(workspace / "coalition.toml")
    started = cli(workspace, "new", "--client", "A", "--title", "C")
    assert started.returncode == 2 and "Traceback" not in started.stderr
    assert "coalition.toml: it is a named pipe" in started.stderr


def test_a_symlink_loop_is_an_unreadable_playbook_not_a_crash(workspace: Path) -> None:
    (workspace / "playbooks" / "loop.md").symlink_to("loop.md")
    listed = cli(workspace, "playbook", "list")
    assert listed.returncode == 0 and "unreadable" in listed.stdout, listed.stderr
    assert cli(workspace, "new", "--client", "A", "--title", "B").returncode == 0
    shown = cli(workspace, "playbook", "show", "loop")
    assert_refused(shown, "loop.md", "symbolic links")
