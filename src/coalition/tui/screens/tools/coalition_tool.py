"""The coalition roster and its balance: each member's side, Kotter's four qualities, and
who is here today.

The summary shows the roster's business / IT / external split, which qualities nobody
brings and the balance warnings (`coalition_balance`), then the split of those here
(`attendance`); `s` cycles a member's side, `1`-`4` toggle the four qualities and `h` marks
a member here or not (members carried into a follow-up start not here) and `v` marks a member
a volunteer (Kotter's 2014 network beside the hierarchy, counted in the summary), each saved
at once.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from coalition.domain.attendance import attendance, attendance_line, marked, room_warnings
from coalition.domain.balance import QUALITY_LABELS, coalition_balance
from coalition.domain.capture import parse_capture
from coalition.domain.models import Participant, Quality, Side
from coalition.domain.roles import toggle_volunteer
from coalition.services.editing import rename_participant
from coalition.tui.screens.tools.base import COMMON_BINDINGS, ToolScreen
from coalition.tui.widgets.tool_table import Column

SIDE_LABELS = {Side.BUSINESS: "business", Side.IT: "IT", Side.EXTERNAL: "external"}
QUALITY_KEYS = {
    "1": Quality.POSITION_POWER,
    "2": Quality.EXPERTISE,
    "3": Quality.CREDIBILITY,
    "4": Quality.LEADERSHIP,
}
QUALITY_COLUMNS = {
    Quality.POSITION_POWER: "Power",
    Quality.EXPERTISE: "Exper",
    Quality.CREDIBILITY: "Cred",
    Quality.LEADERSHIP: "Lead",
}


def balance_text(participants: list[Participant]) -> Text:
    """The roster's split and qualities, who is here, and every warning."""
    balance = coalition_balance(participants)
    sides = balance.by_side
    text = Text()
    text.append(f"{sides[Side.BUSINESS]} business", style="bold")
    text.append(" · ")
    text.append(f"{sides[Side.IT]} IT", style="bold")
    text.append(f" · {sides[Side.EXTERNAL]} external · ")
    volunteers = balance.volunteers
    text.append(f"{volunteers} volunteer{'' if volunteers == 1 else 's'}", style="bold")
    text.append("   Qualities: ")
    text.append(
        " · ".join(f"{QUALITY_LABELS[q]} {balance.by_quality[q]}" for q in Quality),
    )
    if participants and not attendance(participants).everyone_here:
        text.append("\nToday: ")
        text.append(attendance_line(participants), style="bold")
    warnings = (*balance.warnings, *room_warnings(participants))
    for warning in warnings:
        text.append("\n▲ ", style="bold")
        text.append(warning)
    if not warnings:
        text.append("\nBalanced: both sides present, and someone brings each quality.")
    return text


class CoalitionTool(ToolScreen):
    """One row per member; the balance above updates with every change."""

    TOOL_TITLE = "Coalition"
    COLUMNS = (
        Column("id", "ID", width=4),
        Column("name", "Name", weight=2),
        Column("role", "Role", weight=1),
        Column("side", "Side", width=8),
        Column("here", "Here", width=4),
        *(Column(q.value, label, width=5) for q, label in QUALITY_COLUMNS.items()),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *COMMON_BINDINGS,
        Binding("h", "toggle_here", "Here", id="coalition.here",
                tooltip="Mark the member here today, or not (members carried from the last "
                        "session start not here)"),
        Binding("v", "toggle_volunteer", "Volunteer", id="coalition.volunteer", show=False,
                tooltip="Mark the member a volunteer (the network beside the hierarchy), or not: "
                        "adds or removes 'volunteer' in their role"),
        Binding("s", "cycle_side", "Side", id="coalition.side",
                tooltip="Next side for the member: business, IT, external"),
        # the footer shows the four qualities as one entry (`1-4`): at 80 columns four do
        # not fit beside `h`; help lists each
        Binding("1", "toggle_quality('1')", "Qualities", id="coalition.power",
                key_display="1-4",
                tooltip="Toggle position power (could they block the change?); 2, 3 and 4 "
                        "toggle the other three qualities"),
        Binding("2", "toggle_quality('2')", "Exp", id="coalition.expertise", show=False,
                tooltip="Toggle expertise (a point of view the change needs)"),
        Binding("3", "toggle_quality('3')", "Cred", id="coalition.credibility", show=False,
                tooltip="Toggle credibility (taken seriously by the organization)"),
        Binding("4", "toggle_quality('4')", "Lead", id="coalition.leadership", show=False,
                tooltip="Toggle leadership (has led a change that stuck)"),
        Binding("a", "add_member", "Add", id="coalition.add",
                tooltip="Add a member (role:CFO side:it has:power,leadership work too)"),
        Binding("e", "rename", "Name", id="coalition.name", show=False,
                tooltip="Correct the member's name (their items follow: one Ctrl+Z undoes it)"),
        Binding("r", "edit_role", "Role", id="coalition.role", show=False,
                tooltip="Edit the member's role"),
        Binding("x,delete", "delete_member", "Del", id="coalition.delete", show=False,
                tooltip="Remove the member from the coalition (Ctrl+Z undoes)"),
    ]  # fmt: skip

    def member(self) -> Participant | None:
        key = self.table.cursor_key()
        return next((p for p in self.store.session.participants if p.id == key), None)

    def refresh_tool(self, cursor_key: str | None = None) -> None:
        participants = list(self.store.session.participants)
        self.show_summary(balance_text(participants))
        self.table.fill(((p.id, self.row(p)) for p in participants), cursor_key)
        self.table.border_title = f"Coalition ({len(participants)})"
        self.show_detail()

    def row(self, person: Participant) -> list[Text | str]:
        return [
            Text(person.id, style="dim"),
            Text(person.name, style="bold" if person.present else "dim"),
            person.role,
            SIDE_LABELS[person.side],
            Text("yes") if person.present else Text("no", style="dim"),
            *("  ●" if q in person.qualities else "  ·" for q in QUALITY_COLUMNS),
        ]

    def describe_cursor(self) -> Text | str:
        person = self.member()
        if person is None:
            return "a: add the first member (or capture p Name side:it on the session screen)."
        text = Text(person.name, style="bold")
        if person.role:
            text.append(f", {person.role}")
        text.append(f" · {SIDE_LABELS[person.side]}")
        text.append(" · here" if person.present else " · not here")
        qualities = [QUALITY_LABELS[q] for q in Quality if q in person.qualities]
        text.append(f" · brings {', '.join(qualities)}" if qualities else " · no quality yet")
        text.append("  h here · s side · v volunteer · 1-4 qualities", style="dim")
        return text

    def need_member(self) -> Participant | None:
        person = self.member()
        if person is None:
            self.notify("Nobody here: a adds a member.", severity="warning")
        return person

    def action_cycle_side(self) -> None:
        person = self.need_member()
        if person is None:
            return
        sides = list(Side)
        after = dataclasses.replace(person, side=sides[(sides.index(person.side) + 1) % 3])
        self.attempt(lambda: self.put(person, after, "side change"), person.id)

    def action_toggle_here(self) -> None:
        person = self.need_member()
        if person is None:
            return
        after = marked(person, not person.present)
        label = "arrival" if after.present else "absence"
        self.attempt(lambda: self.put(person, after, label), person.id)

    def action_toggle_volunteer(self) -> None:
        person = self.need_member()
        if person is None:
            return
        after = dataclasses.replace(person, role=toggle_volunteer(person.role))
        self.attempt(lambda: self.put(person, after, "volunteer change"), person.id)

    def action_toggle_quality(self, key: str) -> None:
        person = self.need_member()
        if person is None:
            return
        quality = QUALITY_KEYS[key]
        after = dataclasses.replace(person, qualities=person.qualities ^ {quality})
        self.attempt(lambda: self.put(person, after, "quality change"), person.id)

    def action_add_member(self) -> None:
        def apply(text: str) -> None:
            capture = parse_capture(f"p {text}")
            names = {p.name.casefold() for p in self.store.session.participants}
            if capture.fields["name"].casefold() in names:
                raise ValueError(f"{capture.fields['name']} is already in the coalition.")
            person = self.store.add("participant", **capture.fields)
            self.history.record(f"capture of {person.id}", None, person)
            self.session.tool_changed = True
            self.refresh_tool(person.id)

        self.ask(
            "New coalition member",
            "Name, then optionally role:CFO side:business|it|external "
            "has:power,expertise,credibility,leadership",
            "",
            apply,
        )

    def action_rename(self) -> None:
        person = self.need_member()
        if person is None:
            return

        def apply(text: str) -> None:
            current = self.member() or person
            changes = rename_participant(current, text, self.store.session.items())
            if not changes:
                return
            with self.store.batch():  # the member and their items: all saved, or none
                for _, after in changes:
                    self.store.put(after)
            self.history.record_group(f"rename of {current.id}", changes)
            self.session.tool_changed = True
            if len(changes) > 1:
                self.notify(f"Renamed on {len(changes) - 1} item(s) too. Ctrl+Z undoes it all.")

        self.ask(f"Name of {person.id}",
                 "Decisions, actions, wins, irritants and stages they own follow the new name.",
                 person.name, apply)  # fmt: skip

    def action_edit_role(self) -> None:
        person = self.need_member()
        if person is None:
            return

        def apply(text: str) -> None:
            current = self.member() or person
            self.put(current, dataclasses.replace(current, role=" ".join(text.split())), "role")

        self.ask(f"Role of {person.name}", "e.g. CFO, Head of service desk.", person.role, apply)

    def activate(self) -> None:
        self.action_edit_role()

    def action_delete_member(self) -> None:
        person = self.need_member()
        if person is not None and self.attempt(lambda: self.delete(person)):
            self.notify(f"Removed {person.name}. Ctrl+Z brings them back.", markup=False)
