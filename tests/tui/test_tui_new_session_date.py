"""The New session form's date: today unless changed, checked before anything is written,
and used as `coalition new --date` uses it (file name, sequence, what carries)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from coalition.cli import main
from coalition.services.workspace import Workspace
from coalition.store import read_session
from coalition.tui.app import CoalitionApp
from coalition.tui.dialogs.new_session import NewSessionDialog

from .conftest import SIZE, TODAY
from .helpers import screen_text, session_screen, until


async def open_form(pilot: Pilot[object], client: str, title: str) -> NewSessionDialog:
    await pilot.press("n")
    await until(pilot, lambda: isinstance(pilot.app.screen, NewSessionDialog), "the form")
    dialog = pilot.app.screen
    assert isinstance(dialog, NewSessionDialog)
    dialog.query_one("#new-client", Input).value = client
    dialog.query_one("#new-title", Input).value = title
    return dialog


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-02-30", "Date: '2026-02-30' is not a date; type it as YYYY-MM-DD"),
        ("next week", "Date: 'next week' is not a date"),
        ("   ", "Date: give the session's date as YYYY-MM-DD"),
    ],
)
async def test_a_date_that_is_not_one_is_refused_and_names_the_field(
    workspace: Workspace, app_factory: Callable[..., CoalitionApp], typed: str, message: str
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_form(pilot, "Acme", "Kick-off")
        date = dialog.query_one("#new-date", Input)
        assert date.value == TODAY.isoformat()  # today, unless changed
        date.value = typed
        await pilot.click("#new-start")
        await pilot.pause()
        assert app.screen is dialog and app.focused is date  # back where the mistake is
        assert message in screen_text(pilot).replace("\n", " ")
        start = dialog.query_one("#new-start").region
        assert start.bottom <= 24  # the message and the buttons fit 80x24
    assert list(workspace.sessions_dir.rglob("*.json")) == []


async def test_the_default_date_is_today(
    workspace: Workspace, app_factory: Callable[..., CoalitionApp]
) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, "Acme", "Kick-off")
        await pilot.press("enter")
        await until(pilot, lambda: pilot.app.screen.query("#capture"), "the session")
        info = session_screen(pilot).store.info
        assert info.date == TODAY
        assert session_screen(pilot).store.path == (
            workspace.sessions_dir / "acme" / f"{TODAY.isoformat()}-kick-off.json"
        )


async def test_a_dated_follow_up_is_the_session_new_date_makes(
    session_path: Path,
    workspace: Workspace,
    app_factory: Callable[..., CoalitionApp],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two dated follow-ups of the kick-off (one a week later, one backdated before it):
    the form's sessions match, field by field, those `coalition new --date` makes in a copy
    of the same workspace."""
    twin = tmp_path / "twin"
    shutil.copytree(workspace.root, twin)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    kick_off = session_path.read_bytes()
    made: list[Path] = []
    for title, date in (("Follow-up", "2026-03-09"), ("Catch-up", " 2026-02-23 ")):
        async with app_factory().run_test(size=SIZE) as pilot:
            dialog = await open_form(pilot, "Acme Insurance", title)
            dialog.query_one("#new-date", Input).value = date
            dialog.query_one("#new-facilitator", Input).value = "Fran"
            await pilot.click("#new-start")
            await until(pilot, lambda: pilot.app.screen.query("#capture"), "the session")
            path = session_screen(pilot).store.path
            assert path is not None
            made.append(path)
    assert [p.name for p in made] == ["2026-03-09-follow-up.json", "2026-02-23-catch-up.json"]
    assert session_path.read_bytes() == kick_off  # the earlier session is only read

    for title, date in (("Follow-up", "2026-03-09"), ("Catch-up", "2026-02-23")):
        code = main(["--workspace", str(twin), "new", "--client", "Acme Insurance",
                     "--title", title, "--date", date, "--facilitator", "Fran",
                     "--playbook", "kotter-alignment"])  # fmt: skip
        assert code == 0, capsys.readouterr().err
    for path in made:
        from_app = read_session(path)
        from_cli = read_session(twin / path.relative_to(workspace.root))
        assert from_app.info.date.isoformat() == path.name[:10]
        assert from_app.info.sequence == from_cli.info.sequence
        assert from_app.info.previous == from_cli.info.previous
        assert from_app.info.next_numbers == from_cli.info.next_numbers
        assert from_app.baseline == from_cli.baseline
        assert from_app.items() == from_cli.items()
    first, second = (read_session(p).info.sequence for p in made)
    assert read_session(session_path).info.sequence < first < second  # in the order started
    # Each carries from the latest session started, as `new` does, backdated or not.
    assert [read_session(p).info.previous for p in made] == [session_path.stem, made[0].stem]
