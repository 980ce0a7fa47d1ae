"""A new session started in the app from sessions that clash (one ID, two items) starts
anyway, with a warning naming the ID and both files, as `coalition new` gives."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from coalition.services.playbook_library import find_playbook
from coalition.services.sessions import start_session
from coalition.services.workspace import Workspace
from coalition.tui.app import CoalitionApp
from coalition.tui.dialogs.new_session import NewSessionDialog

from .conftest import SIZE
from .helpers import session_screen, until


def two_laptops(workspace: Workspace, tmp_path: Path) -> None:
    """Both start a session from the kick-off and give A-1 to two actions; git merges."""
    other = Workspace(tmp_path / "laptop-2")
    shutil.copytree(workspace.root, other.root)
    for laptop, title, text in ((workspace, "Budget", "Cost the pilot"),
                                (other, "Pilot", "Choose the ward")):  # fmt: skip
        playbook = find_playbook("kotter-alignment", laptop)
        with start_session(laptop, client="Acme Insurance", title=title, playbook=playbook,
                           date=dt.date(2026, 3, 9)) as store:  # fmt: skip
            assert store.add("action", text=text).id == "A-1"
            assert store.path is not None
            path = store.path
    shutil.copy(path, workspace.client_dir("Acme Insurance"))


@pytest.mark.parametrize("fresh", [False, True])
async def test_starting_from_clashing_sessions_warns_and_starts(
    session_path: Path,
    workspace: Workspace,
    app_factory: Callable[..., CoalitionApp],
    tmp_path: Path,
    fresh: bool,
) -> None:
    two_laptops(workspace, tmp_path)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NewSessionDialog), "the form")
        dialog = app.screen
        assert isinstance(dialog, NewSessionDialog)
        dialog.query_one("#new-client", Input).value = "Acme Insurance"
        dialog.query_one("#new-title", Input).value = "Next"
        dialog.query_one("#new-date", Input).value = "2026-03-16"
        if fresh:
            await pilot.press("ctrl+f")
        await pilot.click("#new-start")
        await until(pilot, lambda: app.screen.query("#capture"), "the new session")
        assert session_screen(pilot).store.info.title == "Next"
        warnings = [n for n in app._notifications if n.title == "ID clash"]
        if fresh:
            assert warnings == []  # nothing carried, nothing to warn about
            return
        (warning,) = warnings
        assert warning.severity == "warning"
        assert (
            "keeps one item per ID: A-1 (action): 'Cost the pilot' in 2026-03-09-budget.json, "
            "'Choose the ward' in 2026-03-09-pilot.json. Check what the new session holds"
        ) in warning.message
