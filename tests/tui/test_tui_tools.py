"""The alignment tools driven by keys: coalition balance, value streams, reporting review,
irritant register, alignment checks. Each test asserts on the session file as well as on
the screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from coalition.domain.alignment import MetricKind, Verdict
from coalition.domain.models import IrritantStatus, Quality, Side
from coalition.store import read_session
from coalition.tui.app import CoalitionApp
from coalition.tui.dialogs.checks import ChecksDialog
from coalition.tui.screens.tools import (
    CoalitionTool,
    IrritantTool,
    ReportingTool,
    ToolScreen,
    ValueStreamTool,
)

from .conftest import SIZE
from .helpers import screen_text, session_screen, type_line, until


async def open_tool(pilot: Pilot[object], step_id: str, tool: type[ToolScreen]) -> ToolScreen:
    """Move the room to a step and press F2."""
    session_screen(pilot).go_to_step(step_id)
    await pilot.press("f2")
    await until(pilot, lambda: isinstance(pilot.app.screen, tool), tool.__name__)
    screen = pilot.app.screen
    assert isinstance(screen, ToolScreen)
    return screen


async def answer(pilot: Pilot[object], text: str, *, clear: bool = False) -> None:
    """Type into the prompt a key opened, then Enter."""
    await until(pilot, lambda: pilot.app.screen.query("#prompt-input"), "the prompt")
    if clear:
        await pilot.press("ctrl+u")
    await type_line(pilot, text)


async def test_coalition_sides_and_qualities(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        tool = await open_tool(pilot, "coalition", CoalitionTool)
        text = screen_text(pilot)
        assert "1 business · 1 IT · 0 external" in text
        assert "Nobody brings position power, expertise, credibility, leadership" in text

        await pilot.press("s")  # Alice: business -> IT
        await until(pilot, lambda: "0 business · 2 IT" in screen_text(pilot), "the new split")
        assert read_session(session_path).participants[0].side is Side.IT
        assert "No business member" in screen_text(pilot)

        await pilot.press("1", "4", "down", "2", "3")
        await pilot.pause()
        alice, bob = read_session(session_path).participants
        assert alice.qualities == {Quality.POSITION_POWER, Quality.LEADERSHIP}
        assert bob.qualities == {Quality.EXPERTISE, Quality.CREDIBILITY}
        assert "Nobody brings" not in screen_text(pilot)

        await pilot.press("a")
        await answer(pilot, "Carol Diaz role:COO has:power")
        carol = read_session(session_path).participants[2]
        assert (carol.name, carol.role, carol.side) == ("Carol Diaz", "COO", Side.BUSINESS)
        assert tool.table.cursor_key() == carol.id

        await pilot.press("escape")  # back to the session: the roster shows the change
        await until(pilot, lambda: not isinstance(pilot.app.screen, ToolScreen), "the session")
        assert "Carol Diaz" in screen_text(pilot)
        await pilot.press("ctrl+z")  # undo from the session screen: Carol leaves again
        await pilot.pause()
        assert [p.name for p in read_session(session_path).participants] == [
            "Alice Smith",
            "Bob Lee",
        ]


async def test_v_marks_a_member_a_volunteer_and_the_summary_counts_them(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_tool(pilot, "coalition", CoalitionTool)
        assert "0 external · 0 volunteers" in screen_text(pilot)
        await pilot.press("v")  # Alice
        await until(pilot, lambda: "· 1 volunteer " in screen_text(pilot), "the count")
        alice = read_session(session_path).participants[0]
        assert alice.role.endswith("volunteer")
        await pilot.press("down", "v")  # Bob
        await until(pilot, lambda: "· 2 volunteers" in screen_text(pilot), "two")
        await pilot.press("v")  # Bob again: no longer one
        await until(pilot, lambda: "· 1 volunteer " in screen_text(pilot), "one again")
        assert not read_session(session_path).participants[1].role.endswith("volunteer")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "· 2 volunteers" in screen_text(pilot), "undone")
        assert read_session(session_path).participants[1].role.endswith("volunteer")


async def test_renaming_a_member_renames_their_items_and_undoes_in_one_step(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "a Book the room @bob")
        await type_line(pilot, "d Ship it @alice @bob")
        await open_tool(pilot, "coalition", CoalitionTool)
        await pilot.press("down", "e")  # Bob Lee
        await answer(pilot, "Robert Lee", clear=True)
        saved = read_session(session_path)
        assert [p.name for p in saved.participants] == ["Alice Smith", "Robert Lee"]
        assert saved.actions[0].owner == "Robert Lee"
        assert saved.decisions[0].owners == ("Alice Smith", "Robert Lee")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(pilot.app.screen, ToolScreen), "the session")
        assert "Robert Lee" in screen_text(pilot)  # the roster
        await pilot.press("ctrl+z")  # one undo: the name and every item it was on
        await pilot.pause()
        assert "Robert Lee" not in screen_text(pilot)
    saved = read_session(session_path)
    assert [p.name for p in saved.participants] == ["Alice Smith", "Bob Lee"]
    assert saved.actions[0].owner == "Bob Lee"
    assert saved.decisions[0].owners == ("Alice Smith", "Bob Lee")


async def test_a_member_cannot_take_another_members_name(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "a Book the room @bob")
        await open_tool(pilot, "coalition", CoalitionTool)
        await pilot.press("down", "e")  # Bob Lee
        await answer(pilot, "alice SMITH", clear=True)
        await until(pilot, lambda: pilot.app.screen.query("#prompt-input"), "the prompt again")
        notes = [n.message for n in pilot.app._notifications]
        assert any("Alice Smith (P-1) is already in the coalition" in n for n in notes)
        await pilot.press("escape")
        saved = read_session(session_path)
        assert [p.name for p in saved.participants] == ["Alice Smith", "Bob Lee"]
        assert saved.actions[0].owner == "Bob Lee"  # nothing merged into Alice

        await pilot.press("r")  # the role takes words without quotes
        await answer(pilot, "Head of Finance", clear=True)
        await pilot.press("s", "2")
        await pilot.pause()
        bob = read_session(session_path).participants[1]
        assert (bob.id, bob.role, bob.side, bob.qualities) == (
            "P-2", "Head of Finance", Side.EXTERNAL, {Quality.EXPERTISE},
        )  # fmt: skip


async def test_value_stream_table_by_keys(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        tool = await open_tool(pilot, "value-streams", ValueStreamTool)
        assert "No value stream yet" in screen_text(pilot)

        await pilot.press("n")
        await answer(pilot, 'Order to cash stages:"Order; Credit check; Ship"')
        (stream,) = read_session(session_path).streams
        assert [s.name for s in stream.stages] == ["Order", "Credit check", "Ship"]
        assert stream.step == "value-streams"

        await pilot.press("right", "right", "enter")  # the Systems cell of stage 1
        await answer(pilot, "CRM; ERP")
        await pilot.press("right", "e")  # its business owner, matched to a member
        await answer(pilot, "@ali")
        stage = read_session(session_path).streams[0].stages[0]
        assert stage.systems == ("CRM", "ERP")
        assert stage.business_owner == "Alice Smith"
        assert "CRM, ERP" in screen_text(pilot)

        await pilot.press("down", "shift+up")  # Credit check moves before Order
        await pilot.pause()
        names = [s.name for s in read_session(session_path).streams[0].stages]
        assert names == ["Credit check", "Order", "Ship"]
        assert tool.table.cursor_coordinate.row == 0

        await pilot.press("a")  # a stage after the highlighted one
        await answer(pilot, "Invoice")
        names = [s.name for s in read_session(session_path).streams[0].stages]
        assert names == ["Credit check", "Invoice", "Order", "Ship"]

        await pilot.press("down", "down", "x")  # delete Ship
        await pilot.pause()
        names = [s.name for s in read_session(session_path).streams[0].stages]
        assert names == ["Credit check", "Invoice", "Order"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        names = [s.name for s in read_session(session_path).streams[0].stages]
        assert names == ["Credit check", "Invoice", "Order", "Ship"]

        await pilot.press("home", "enter")  # rename a stage; empty is refused
        await answer(pilot, "", clear=True)
        await until(pilot, lambda: pilot.app.screen.query("#prompt-input"), "the prompt again")
        await answer(pilot, "Order entry", clear=True)
        names = [s.name for s in read_session(session_path).streams[0].stages]
        assert names == ["Credit check", "Invoice", "Order entry", "Ship"]


async def test_reporting_review_by_keys(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_tool(pilot, "reporting", ReportingTool)
        await pilot.press("a")
        await answer(pilot, "Server uptime to:Board kind:tech")
        await pilot.press("a")
        await answer(pilot, 'Orders shipped on time to:Sales kind:outcome goal:"Cash flow"')
        metrics = read_session(session_path).metrics
        assert [(m.id, m.metric_kind) for m in metrics] == [
            ("M-1", MetricKind.TECHNOLOGY),
            ("M-2", MetricKind.BUSINESS_OUTCOME),
        ]
        assert "1 of 2 (50 %) today" in screen_text(pilot)

        await pilot.press("up", "v", "v")  # M-1: undecided -> keep -> replace
        await pilot.pause()
        assert read_session(session_path).metrics[0].verdict is Verdict.REPLACE
        assert "2 of 2 (100 %)" in screen_text(pilot)

        await pilot.press(*["right"] * 7, "enter")  # the Replacement cell
        await answer(pilot, "Claims paid within 48 h")
        assert read_session(session_path).metrics[0].replacement == "Claims paid within 48 h"

        await pilot.press("s", "k")  # audience side business -> IT; kind -> outcome
        await pilot.pause()
        metric = read_session(session_path).metrics[0]
        assert (metric.audience_side, metric.metric_kind) == (
            Side.IT,
            MetricKind.BUSINESS_OUTCOME,
        )
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert read_session(session_path).metrics[0].metric_kind is MetricKind.TECHNOLOGY


async def test_irritant_dot_voting_and_lifecycle(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        session_screen(pilot).go_to_step("irritants")
        await type_line(pilot, "i Password resets take three days for:Sales")
        await type_line(pilot, "i The change freeze nobody explained")
        tool = await open_tool(pilot, "irritants", IrritantTool)
        assert "Voting: Alice Smith" in screen_text(pilot)

        await pilot.press("b")
        await answer(pilot, "2", clear=True)
        assert read_session(session_path).info.vote_budget == 2

        await pilot.press("down", "plus", "plus", "plus")  # the third dot is over budget
        await pilot.pause()
        irritants = read_session(session_path).irritants
        assert [i.votes for i in irritants] == [0, 2]
        assert irritants[1].votes_by == (("Alice Smith", 2),)
        assert "0 of 2 dots left" in screen_text(pilot)
        assert tool.table.cursor_key() == "I-2"  # sorted first now, the cursor followed it

        await pilot.press("v")  # pick the voter from the roster
        await until(pilot, lambda: pilot.app.screen.query("#pick-list"), "the voter list")
        await pilot.press("down", "enter")
        await until(pilot, lambda: "Voting: Bob Lee" in screen_text(pilot), "Bob voting")
        await pilot.press("down", "plus", "up", "plus", "minus")
        await pilot.pause()
        irritants = read_session(session_path).irritants
        assert [i.votes_by for i in irritants] == [(("Bob Lee", 1),), (("Alice Smith", 2),)]

        # status lifecycle on I-2, and the view of removed-but-not-publicized irritants
        await pilot.press("s", "s")
        await pilot.pause()
        assert read_session(session_path).irritants[1].status is IrritantStatus.REMOVED
        await pilot.press("f")
        await pilot.pause()
        assert [tool.table.cursor_key(), tool.table.row_count] == ["I-2", 1]
        assert "removed, not yet publicized" in screen_text(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert read_session(session_path).irritants[1].status is IrritantStatus.PUBLICIZED
        assert tool.table.row_count == 0
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert read_session(session_path).irritants[1].status is IrritantStatus.REMOVED


async def test_checks_any_time_and_at_the_end(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_line(pilot, "a Book the follow-up workshop")
        await pilot.press("f7")
        await until(pilot, lambda: isinstance(pilot.app.screen, ChecksDialog), "the checks")
        text = screen_text(pilot)
        assert "Actions without an owner: A-1" in text
        assert "Name one person for each before the room leaves." in text
        assert "action-no-owner: Facilitation practice" in text  # its code and seed idea
        await pilot.press("escape")
        await type_line(pilot, "i Forms asked for twice")  # a new check: no owner
        await pilot.press("f7")
        await until(pilot, lambda: isinstance(pilot.app.screen, ChecksDialog), "the checks")
        await pilot.press("end")
        await until(pilot, lambda: "irritant-no-owner" in screen_text(pilot), "the new check")
        assert "Irritants without an owner: I-1" in screen_text(pilot)
        await pilot.press("escape")
        await pilot.pause()

        # F2 on a step without its own tool offers the list; `r` opens the reporting review
        await pilot.press("f2")
        await until(pilot, lambda: pilot.app.screen.query("#pick-list"), "the tool list")
        await pilot.press("r")
        await until(pilot, lambda: isinstance(pilot.app.screen, ReportingTool), "reporting")
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("f10")
        await until(pilot, lambda: "End of session" in screen_text(pilot), "the end review")
        text = screen_text(pilot)
        assert "Alignment checks (" in text
        assert "action has no owner" in text
        assert "Actions without an owner" not in text  # listed once, item by item


async def test_palette_opens_a_tool(
    session_path: Path, app_factory: Callable[..., CoalitionApp]
) -> None:
    async with app_factory(session_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_line(pilot, "tools: value streams", enter=False)
        await until(pilot, lambda: "value streams plus" in screen_text(pilot), "the entry")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, ValueStreamTool), "the tool")
