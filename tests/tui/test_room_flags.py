"""The `--room-*` flags of F8's room: the same for `coalition` and `coalition run SESSION`,
checked before the app opens, refused with any other command."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition.cli import main
from coalition.services.room_options import RoomOptions
from coalition.services.workspace import Workspace


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path | None, RoomOptions | None]]:
    """What the app would have been opened with (the app itself is not run)."""
    calls: list[tuple[Path | None, RoomOptions | None]] = []

    def run_app(
        workspace: Workspace, session: Path | None, flags: RoomOptions | None = None
    ) -> int:
        calls.append((session, flags))
        return 0

    monkeypatch.setattr("coalition.tui.app.run_app", run_app)
    return calls


def test_the_bare_command_takes_the_room_flags_for_f8(
    workspace: Workspace, opened: list[tuple[Path | None, RoomOptions | None]]
) -> None:
    root = str(workspace.root)
    assert main(["--workspace", root, "--room-bind", "127.0.0.1", "--room-port", "0",
                 "--room-anonymous"]) == 0  # fmt: skip
    assert opened == [(None, RoomOptions("127.0.0.1", 0, True, None, None))]


def test_run_takes_them_after_the_session_or_before_the_command(
    workspace: Workspace,
    session_path: Path,
    opened: list[tuple[Path | None, RoomOptions | None]],
) -> None:
    root, session = str(workspace.root), str(session_path)
    assert main(["--workspace", root, "run", session, "--room-port", "8800"]) == 0
    assert main(["--workspace", root, "--room-bind", "127.0.0.1", "run", session]) == 0
    assert [flags for _, flags in opened] == [RoomOptions(port=8800),
                                              RoomOptions(bind="127.0.0.1")]  # fmt: skip


def test_a_bad_room_flag_stops_the_bare_command_before_the_app_opens(
    workspace: Workspace,
    opened: list[tuple[Path | None, RoomOptions | None]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--workspace", str(workspace.root), "--room-port", "99999"]) == 2
    assert "from 0 to 65535, not 99999" in capsys.readouterr().err
    assert opened == []


def test_another_command_refuses_them_instead_of_ignoring_them(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--workspace", str(workspace.root), "--room-port", "9000", "list"]) == 2
    error = capsys.readouterr().err
    assert "--room-port is for the app's room" in error
    assert "`coalition room` takes --bind, --port" in error
