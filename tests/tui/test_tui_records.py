"""The record dialog (r on an item): an irritant's register entry, a decision record, an
objective, an initiative and a value stream's end-to-end owner, filled in by keys."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Static

from coalition.domain.models import Option, Priority, Side
from coalition.store import read_session
from coalition.tui.app import CoalitionApp
from coalition.tui.dialogs.record_dialog import RecordDialog

from .conftest import SIZE
from .helpers import screen_text, send_burst, type_line, until


async def _open_record(pilot: Pilot[object], line: str) -> RecordDialog:
    """Capture a line, go to the items list (the new row is highlighted) and press r."""
    await type_line(pilot, line)
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("r")
    await until(pilot, lambda: isinstance(pilot.app.screen, RecordDialog), "the record dialog")
    dialog = pilot.app.screen
    assert isinstance(dialog, RecordDialog)
    assert isinstance(pilot.app.focused, Input)  # on the first line, ready to type
    return dialog


def flat(pilot: Pilot[object]) -> str:
    """The screen's words, however the lines wrap them."""
    return " ".join(screen_text(pilot).split())


async def _fill(pilot: Pilot[object], *parts: str) -> None:
    """Tab through the lines, typing into each (`<ctrl+u>` clears a line first)."""
    for part in parts:
        if part.startswith("<"):
            await pilot.press(part[1:-1])
        else:
            send_burst(pilot, part)
            await pilot.pause()


async def test_an_irritant_becomes_a_register_entry(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, 'v Referral stages:"Triage; Booked"')
        await _open_record(pilot, "i Password resets take 3 days +2")
        # Irritant, Owner, Due, Raised by, Raised on, Priority, Benefit, Measure, Baseline,
        # Target, Stream, Stage, Publicized via, Publicized on, Noticed?
        await _fill(pilot, "<tab>", "bob", "<tab>", "2026-12-10", "<tab>", "ali", "<tab>",
                    "<tab>", "high", "<tab>", "Back at work", "<tab>", "Days to reset",
                    "<tab>", "3", "<tab>", "0.5", "<tab>", "v-1", "<tab>", "Triage", "<tab>",
                    "Intranet", "<tab>", "2026-12-20", "<tab>", "Yes, calls dropped",
                    "<enter>")  # fmt: skip
        await until(pilot, lambda: not isinstance(pilot.app.screen, RecordDialog), "saving")
        irritant = read_session(session_path).irritants[0]
        assert (irritant.owner, irritant.raised_by) == ("Bob Lee", "Alice Smith")
        assert irritant.due == dt.date(2026, 12, 10) and irritant.priority is Priority.HIGH
        assert irritant.measured == "Days to reset: 3 → 0.5"
        assert (irritant.stream, irritant.stage) == ("V-1", "Triage")
        assert irritant.publicized_on == dt.date(2026, 12, 20)
        assert irritant.noticed == "Yes, calls dropped" and irritant.votes == 2
        await pilot.press("ctrl+z")  # one undo step brings the capture back as it was
        await pilot.pause()
        assert read_session(session_path).irritants[0].benefit == ""


async def test_a_bad_line_is_named_and_nothing_is_saved(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await _open_record(pilot, "i Forms ask twice")
        await _fill(pilot, "<tab>", "<tab>", "someday", "<enter>")
        error = dialog.query_one("#record-error", Static)
        await until(pilot, lambda: "Due" in str(error.render()), "the error")
        assert "is not a date" in screen_text(pilot)
        assert isinstance(pilot.app.screen, RecordDialog)
        assert read_session(session_path).irritants[0].due is None
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(pilot.app.screen, RecordDialog), "cancel")
        assert read_session(session_path).irritants[0].due is None


async def test_a_decision_record(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "d Monthly coalition meetings @alice")
        await _open_record(pilot, "d Weekly coalition meetings @alice")
        # Decision, Decided by, Date, Context, Drivers, Options, Chosen, Rationale, Good,
        # Bad, Confirmation, Supersedes
        await _fill(pilot, "<tab>", "<ctrl+u>", "ali; bob", "<tab>", "2026-11-19", "<tab>",
                    "Monthly is too slow", "<tab>", "Speed; Trust", "<tab>",
                    "Weekly + fast - diary time | Monthly + cheap", "<tab>", "1", "<tab>",
                    "<tab>", "Faster wins", "<tab>", "More meetings", "<tab>",
                    "Attendance log", "<tab>", "d-1", "<enter>")  # fmt: skip
        await until(pilot, lambda: not isinstance(pilot.app.screen, RecordDialog), "saving")
        decision = read_session(session_path).decisions[1]
        assert decision.owners == ("Alice Smith", "Bob Lee")
        assert decision.options == (
            Option("Weekly", ("fast",), ("diary time",)),
            Option("Monthly", ("cheap",)),
        )
        assert decision.chosen == "Weekly" and decision.drivers == ("Speed", "Trust")
        assert decision.good_consequences == ("Faster wins",)
        assert decision.bad_consequences == ("More meetings",)
        assert decision.confirmation == "Attendance log" and decision.supersedes == "D-1"
        assert decision.decided_on == dt.date(2026, 11, 19)


async def test_objective_initiative_and_stream_records(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "o Book referrals within 48 hours side:business")
        await _open_record(pilot, "o Self-service password resets side:business")
        await _fill(pilot, "<tab>", "<ctrl+u>", "it", "<tab>", "o-1", "<enter>")
        await until(pilot, lambda: not isinstance(pilot.app.screen, RecordDialog), "saving")
        await pilot.press("c")
        await _open_record(pilot, "x Triage assistant @alice")
        await _fill(pilot, "<tab>", "<ctrl+u>", "alice; bob", "<tab>", "<ctrl+u>", "yes",
                    "<tab>", "O-1", "<enter>")  # fmt: skip
        await until(pilot, lambda: not isinstance(pilot.app.screen, RecordDialog), "saving")
        await pilot.press("c")
        await _open_record(pilot, 'v Detect to correct stages:"Incident; Problem; Change"')
        await _fill(pilot, "<tab>", "bob", "<tab>", "2026-11-20", "<enter>")
        await until(pilot, lambda: not isinstance(pilot.app.screen, RecordDialog), "saving")
    session = read_session(session_path)
    objective = session.objectives[1]
    assert (objective.side, objective.serves) == (Side.IT, "O-1")
    initiative = session.initiatives[0]
    assert initiative.owners == ("Alice Smith", "Bob Lee") and initiative.ai
    assert initiative.serves == "O-1"
    stream = session.streams[0]
    assert stream.e2e_owner == "Bob Lee" and stream.walked_with_it_on == dt.date(2026, 11, 20)
    assert [stage.name for stage in stream.stages] == ["Incident", "Problem", "Change"]


async def test_a_note_has_no_record(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "n Only a note")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, RecordDialog)
        assert "no record to fill in" in screen_text(pilot)


async def test_hostile_text_shows_as_typed_and_saves_back_unchanged(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    from coalition.domain.models import Irritant
    from coalition.store import SessionStore

    hostile = "[bold red]x[/] \x1b]0;owned\x07 [@click=app.quit]Q[/]"
    with SessionStore.open(session_path) as store:
        store.add("irritant", text=f"Slow {hostile}", benefit=hostile, step=store.info.current_step)
    before = read_session(session_path).irritants[0]
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await until(pilot, lambda: isinstance(pilot.app.screen, RecordDialog), "the dialog")
        text = screen_text(pilot)
        assert "[bold red]x[/]" in text and "\x1b" not in text and "\x07" not in text
        await pilot.press("enter")  # nothing changed: saved back exactly as it was
        await until(pilot, lambda: not isinstance(pilot.app.screen, RecordDialog), "closing")
        assert pilot.app.is_running
    after = read_session(session_path).irritants[0]
    assert isinstance(after, Irritant) and after == before


async def test_the_value_streams_tool_names_the_end_to_end_owner(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    from coalition.tui.screens.tools import ValueStreamTool

    from .test_tui_tools import answer, open_tool

    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_tool(pilot, "value-streams", ValueStreamTool)
        await pilot.press("n")
        await answer(pilot, 'Detect to correct stages:"Incident; Problem; Change"')
        assert "no end-to-end owner (o names one)" in flat(pilot)
        await pilot.press("o")
        await until(pilot, lambda: isinstance(pilot.app.screen, RecordDialog), "the dialog")
        await _fill(pilot, "<tab>", "bob", "<tab>", "2026-11-20", "<tab>", "2026-11-27",
                    "<enter>")  # fmt: skip
        await until(pilot, lambda: isinstance(pilot.app.screen, ValueStreamTool), "the tool")
        await until(pilot, lambda: "end to end: Bob Lee" in flat(pilot), "the summary")
        stream = read_session(session_path).streams[0]
        assert stream.e2e_owner == "Bob Lee"
        assert stream.walked_with_business_on == dt.date(2026, 11, 27)
        await pilot.press("ctrl+z")
        await until(pilot, lambda: not read_session(session_path).streams[0].e2e_owner, "undo")


async def test_the_items_list_shows_objectives_and_initiatives(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "o Book referrals side:business")
        await type_line(pilot, "o Resets side:it serves:O-1")
        await type_line(pilot, "x Triage @alice @bob ai:yes serves:O-1")
        text = flat(pilot)
        assert "O-2 Resets IT → O-1" in text
        assert "X-1 Triage AI @Alice S. +1 → O-1" in text
    session = read_session(session_path)
    assert session.initiatives[0].owners == ("Alice Smith", "Bob Lee")
    assert session.objectives[1].side is Side.IT


async def test_filling_one_line_leaves_options_and_drivers_exactly_as_they_were(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    from coalition.store import SessionStore

    options = (Option("A|B", ("p;q",), ("c",)), Option("Plain"))
    with SessionStore.open(session_path) as store:
        store.add("decision", text="Pipe test", options=options, chosen="A|B",
                  drivers=("x; y",), step=store.info.current_step)  # fmt: skip
    before = read_session(session_path).decisions[0]
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await until(pilot, lambda: isinstance(pilot.app.screen, RecordDialog), "the dialog")
        await _fill(pilot, *["<tab>"] * 10, "Reviewed in March", "<enter>")
        await until(pilot, lambda: not isinstance(pilot.app.screen, RecordDialog), "saving")
    after = read_session(session_path).decisions[0]
    assert after.confirmation == "Reviewed in March"
    assert (after.options, after.drivers, after.chosen) == (options, ("x; y",), "A|B")
    assert after == dataclasses.replace(before, confirmation="Reviewed in March")


async def test_a_reference_to_nothing_is_named_and_the_dialog_stays_open(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = await _open_record(pilot, "x Triage assistant @alice")
        await _fill(pilot, "<tab>", "<tab>", "<tab>", "O-99", "<enter>")
        error = dialog.query_one("#record-error", Static)
        await until(pilot, lambda: "O-99" in str(error.render()), "the error")
        assert "Serves O-99: there is no objective O-99" in flat(pilot)
        assert isinstance(pilot.app.screen, RecordDialog)
        assert read_session(session_path).initiatives[0].serves == ""
