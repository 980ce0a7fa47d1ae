"""A closed session's minutes are final: changing it takes --reopen, which says what to rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition.cli import main
from coalition.domain.models import SessionStatus
from coalition.store import read_session


@pytest.fixture
def closed_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    monkeypatch.delenv("COALITION_WORKSPACE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    assert main(["init", str(tmp_path / "ws")]) == 0
    monkeypatch.chdir(tmp_path / "ws")
    assert main(["new", "--client", "Acme", "--title", "Kick", "--facilitator", "Fran",
                 "--date", "2026-11-19"]) == 0  # fmt: skip
    assert (
        main(["add", "kick", "action", "Chase it", "--owner", "Fran", "--due", "2026-12-01"]) == 0
    )
    assert main(["close", "kick"]) == 0
    capsys.readouterr()
    return tmp_path / "ws" / "sessions" / "acme" / "2026-11-19-kick.json"


@pytest.mark.parametrize(
    "change",
    [
        ["add", "kick", "note", "A late thought"],
        ["mark", "kick", "A-1", "done"],
        ["add", "kick", "stream", "Order to cash"],
    ],
)
def test_a_closed_session_is_not_changed_without_reopen(
    closed_session: Path, capsys: pytest.CaptureFixture[str], change: list[str]
) -> None:
    before = closed_session.read_bytes()
    minutes = closed_session.with_suffix(".md").read_bytes()
    assert main(change) == 2
    err = capsys.readouterr().err
    assert (
        "is closed" in err and "--reopen" in err and str(closed_session.with_suffix(".md")) in err
    )
    assert closed_session.read_bytes() == before
    assert closed_session.with_suffix(".md").read_bytes() == minutes


def test_reopen_changes_it_and_names_the_minutes_to_rewrite(
    closed_session: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["mark", "kick", "A-1", "done", "--reopen"]) == 0
    out, err = capsys.readouterr()
    assert "Marked A-1 done" in out
    assert f"its minutes {closed_session.with_suffix('.md')} are out of date" in err
    assert "coalition close kick" in err
    session = read_session(closed_session)
    assert session.info.status is SessionStatus.OPEN
    assert session.actions[0].status.value == "done"
    assert main(["close", "kick"]) == 0
    assert read_session(closed_session).info.status is SessionStatus.CLOSED
    minutes = closed_session.with_suffix(".md").read_text()
    assert "status: closed" in minutes and "[x] **A-1**" in minutes


def test_close_lists_what_the_minutes_lack_and_can_name_the_facilitator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    assert main(["init", str(tmp_path / "ws")]) == 0
    monkeypatch.chdir(tmp_path / "ws")
    assert main(["new", "--client", "Acme", "--title", "Kick", "--date", "2026-11-19"]) == 0
    assert main(["add", "kick", "action", "Chase it"]) == 0
    capsys.readouterr()
    assert main(["close", "kick"]) == 0
    out, err = capsys.readouterr()
    assert "no facilitator" in err and "action has no owner" in err
    assert out.strip().endswith("2026-11-19-kick.md")
    assert main(["close", "kick", "--facilitator", "Fran Okafor"]) == 2  # closed: a change
    assert "--reopen" in capsys.readouterr().err
    assert main(["close", "kick", "--facilitator", "Fran  Okafor", "--reopen"]) == 0
    minutes = Path(out.strip()).read_text()
    assert 'facilitator: "Fran Okafor"' in minutes
