"""The value-stream editor: one row per stage, plus the technology behind it.

Add a stage, move it up or down the flow, edit a cell, delete a stage: each change is one
`store.put` of the whole stream (the editing functions live in `coalition.domain.alignment`),
and Ctrl+Z undoes it.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from coalition.domain.alignment import (
    Stage,
    ValueStream,
    add_stage,
    move_stage,
    remove_stage,
    set_stage_field,
    stage_cell,
)
from coalition.domain.capture import parse_capture
from coalition.domain.models import Item
from coalition.services.editing import with_text
from coalition.services.record_forms import apply_record_form
from coalition.tui.dialogs.record_dialog import RecordDialog
from coalition.tui.host import SessionHost
from coalition.tui.safe_text import plain
from coalition.tui.screens.tools.base import COMMON_BINDINGS, ToolScreen
from coalition.tui.widgets.tool_table import Column
from coalition.visible_text import visible

FIELD_LABELS = {
    "name": "Stage",
    "systems": "Systems and technology",
    "business_owner": "Business owner",
    "it_owner": "IT owner",
    "pain_points": "Pain points",
}
FIELD_HINTS = {
    "name": "The stage's name.",
    "systems": "Systems and services, comma-separated (e.g. CRM, payment gateway).",
    "business_owner": "Who in the business answers for this stage (@name matches a member).",
    "it_owner": "Who owns the technology behind it (@name matches a member).",
    "pain_points": "What goes wrong here, comma-separated.",
}


class ValueStreamTool(ToolScreen):
    """Edit the stages of one value stream at a time; `[` and `]` switch streams."""

    TOOL_TITLE = "Value stream"
    CURSOR = "cell"
    COLUMNS = (
        Column("number", "#", width=2),
        Column("name", "Stage", weight=3),
        Column("systems", "Systems", weight=3),
        Column("business_owner", "Biz owner", weight=2),
        Column("it_owner", "IT owner", weight=2),
        Column("pain_points", "Pain points", weight=3),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *COMMON_BINDINGS,
        Binding("e", "edit_cell", "Edit", id="streams.edit",
                tooltip="Edit the highlighted cell (Enter too)"),
        Binding("a", "add_stage", "Add", id="streams.add_stage",
                tooltip="Add a stage after the highlighted one"),
        Binding("shift+up,ctrl+up,u", "move(-1)", "Up", id="streams.move_up",
                key_display="u", tooltip="Move the stage earlier in the flow (u, Shift+Up)"),
        Binding("shift+down,ctrl+down,d", "move(1)", "Down", id="streams.move_down",
                key_display="d", tooltip="Move the stage later in the flow (d, Shift+Down)"),
        Binding("x,delete", "delete_stage", "Del", id="streams.delete",
                tooltip="Delete the highlighted stage (Ctrl+Z undoes)"),
        Binding("n", "new_stream", "New", id="streams.new",
                tooltip="Name a new value stream (stages:\"A; B\" adds stages too)"),
        Binding("r", "rename_stream", "Rename", id="streams.rename", show=False,
                tooltip="Rename this value stream"),
        Binding("o", "stream_record", "Owner", id="streams.record", show=False,
                tooltip="The stream's end-to-end owner and its walk-throughs with IT and "
                "the business"),
        Binding("right_square_bracket", "switch(1)", "Next", id="streams.next", key_display="]",
                show=False, tooltip="Show the next value stream ([ goes back)"),
        Binding("left_square_bracket", "switch(-1)", "Prev", id="streams.previous",
                key_display="[", show=False, tooltip="Show the previous value stream"),
    ]  # fmt: skip

    def __init__(self, session: SessionHost) -> None:
        super().__init__(session)
        streams = self.store.session.streams
        here = [s for s in streams if s.step == self.session.current_step.id]
        chosen = here[0] if here else (streams[0] if streams else None)
        self.stream_id = chosen.id if chosen else ""

    # -- reading -------------------------------------------------------------------------

    def stream(self) -> ValueStream | None:
        streams = self.store.session.streams
        found = next((s for s in streams if s.id == self.stream_id), None)
        if found is None and streams:
            found = streams[0]
            self.stream_id = found.id
        return found

    def stage_index(self) -> int | None:
        key = self.table.cursor_key()
        return int(key) if key is not None else None

    def refresh_tool(self, cursor_key: str | None = None) -> None:
        stream = self.stream()
        self.show_summary(self.summary(stream))
        stages = stream.stages if stream else ()
        self.table.fill(
            (
                (
                    str(index),
                    [Text(str(index + 1), style="dim")]
                    + [stage_cell(stage, field) for field in FIELD_LABELS],
                )
                for index, stage in enumerate(stages)
            ),
            cursor_key,
        )
        self.table.border_title = plain(
            f"{stream.id} {stream.name}" if stream else "No value stream"
        )
        self.show_detail()

    def summary(self, stream: ValueStream | None) -> Text:
        streams = self.store.session.streams
        text = Text()
        if stream is None:
            text.append("No value stream yet. ", style="bold")
            text.append("Press n and name one, e.g. Order to cash.")
            return text
        position = [s.id for s in streams].index(stream.id) + 1
        text.append(f"Value stream {position} of {len(streams)}", style="bold")
        text.append(f" · {len(stream.stages)} stages")
        no_tech = sum(not stage.systems for stage in stream.stages)
        no_owner = sum(not stage.business_owner for stage in stream.stages)
        if no_tech:
            text.append(f" · {no_tech} without technology", style="bold")
        if no_owner:
            text.append(f" · {no_owner} without a business owner", style="bold")
        if stream.e2e_owner:
            text.append(f" · end to end: {visible(stream.e2e_owner)}")
        else:  # detect to correct: stages owned apart, nobody owns the customer's outcome
            text.append(" · no end-to-end owner (o names one)", style="bold")
        if len(streams) > 1:
            text.append(" · [ ] switch", style="dim")
        return text

    def describe_cursor(self) -> Text | str:
        stream = self.stream()
        if stream is None:
            return "n: name a value stream."
        index = self.stage_index()
        if index is None:
            return "a: add the first stage, from what starts the stream to the value delivered."
        stage = stream.stages[index]
        field = self.field()
        text = Text()
        text.append(f"{index + 1}. {FIELD_LABELS[field]}: ", style="bold")
        text.append(stage_cell(stage, field) or "(empty)")
        text.append("  ⏎ edits", style="dim")
        return text

    def field(self) -> str:
        column = self.table.cursor_field()
        return "name" if column == "number" else column

    # -- stage changes -------------------------------------------------------------------

    def change(self, after: ValueStream, label: str, cursor: int | None) -> None:
        """Save the whole stream (raises CoalitionError), with the cursor on row `cursor`."""
        before = self.stream()
        self.put(before, after, label)
        self.refresh_tool(None if cursor is None else str(cursor))

    def need_stage(self) -> tuple[ValueStream, int] | None:
        stream = self.stream()
        index = self.stage_index()
        if stream is None or index is None:
            self.notify("No stage here: a adds one.", severity="warning")
            return None
        return stream, index

    def activate(self) -> None:
        self.action_edit_cell()

    def action_edit_cell(self) -> None:
        found = self.need_stage()
        if found is None:
            return
        stream, index = found
        field = self.field()
        stage = stream.stages[index]

        def apply(text: str) -> None:
            value = self.person(text) if field.endswith("_owner") else text
            current = self.stream() or stream
            self.change(set_stage_field(current, index, field, value), "stage edit", index)

        self.ask(
            f"{stream.id} stage {index + 1}: {FIELD_LABELS[field]}",
            f"{FIELD_HINTS[field]} Enter saves · Esc cancels",
            stage_cell(stage, field),
            apply,
        )

    def action_add_stage(self) -> None:
        stream = self.stream()
        if stream is None:
            self.notify("Name a value stream first (n).", severity="warning")
            return
        index = self.stage_index()
        at = len(stream.stages) if index is None else index + 1

        def apply(text: str) -> None:
            name = " ".join(text.split())
            if not name:
                raise ValueError("A stage needs a name.")
            current = self.stream() or stream
            self.change(add_stage(current, Stage(name), at), "new stage", at)

        where = f"after stage {index + 1}" if index is not None else "as the first stage"
        self.ask(f"{stream.id}: new stage {where}", "The stage's name. Enter adds it.", "", apply)

    def action_move(self, offset: int) -> None:
        found = self.need_stage()
        if found is None:
            return
        stream, index = found
        target = max(0, min(len(stream.stages) - 1, index + offset))
        if target == index:
            return
        self.attempt(
            lambda: self.change(move_stage(stream, index, offset), "stage move", target),
            str(target),
        )

    def action_delete_stage(self) -> None:
        found = self.need_stage()
        if found is None:
            return
        stream, index = found
        name = stream.stages[index].name
        if self.attempt(lambda: self.change(remove_stage(stream, index), "stage deletion", index)):
            self.notify(f"Deleted stage {name!r}. Ctrl+Z brings it back.", markup=False)

    # -- streams -------------------------------------------------------------------------

    def action_new_stream(self) -> None:
        def apply(text: str) -> None:
            capture = parse_capture(f"v {text}")
            stream = self.store.add("stream", **capture.fields, step=self.session.current_step.id)
            self.history.record(f"new value stream {stream.id}", None, stream)
            self.session.tool_changed = True
            self.stream_id = stream.id
            self.refresh_tool("0")

        self.ask(
            "New value stream",
            'Its name, e.g. Order to cash; stages:"Order; Pick; Ship; Invoice" adds stages.',
            "",
            apply,
        )

    def action_rename_stream(self) -> None:
        stream = self.stream()
        if stream is None:
            self.action_new_stream()
            return

        def apply(text: str) -> None:
            if not text.strip():
                raise ValueError("A value stream needs a name.")
            current = self.stream() or stream
            self.put(current, with_text(current, text), "rename")

        self.ask(f"Rename {stream.id}", "The value stream's name.", stream.name, apply)

    def action_stream_record(self) -> None:
        """The record dialog of the stream: name, end-to-end owner, walk-through dates."""
        stream = self.stream()
        if stream is None:
            self.action_new_stream()
            return

        def make(texts: dict[str, str]) -> Item:
            people = self.store.session.participants
            return apply_record_form(stream, texts, people, dt.date.today())

        def saved(after: Item | None) -> None:
            if after is not None:
                self.attempt(lambda: self.put(stream, after, "record edit"), None)

        self.app.push_screen(RecordDialog(stream, make), saved)

    def action_switch(self, offset: int) -> None:
        streams = self.store.session.streams
        stream = self.stream()
        if stream is None or len(streams) < 2:
            self.notify("Only one value stream: n names another.")
            return
        ids = [s.id for s in streams]
        self.stream_id = ids[(ids.index(stream.id) + offset) % len(ids)]
        self.refresh_tool("0")
