"""The irritant register: dot voting within a per-person budget, and the removal lifecycle.

The facilitator picks the voter (`v` lists the roster, `[` `]` step through it) and presses
`+` or `-` on an irritant; `cast_dot` keeps each person within the session's vote budget
(`b` sets it). Irritants are sorted by votes; `f` shows only those removed but not yet
publicized, because a quiet removal changes nobody's view of IT.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from coalition.domain.capture import match_participant, parse_capture
from coalition.domain.models import Irritant, IrritantStatus, Participant, id_number
from coalition.domain.voting import by_votes, cast_dot, dots_spent
from coalition.errors import UsageError
from coalition.services.editing import cycle_status, with_owner, with_text
from coalition.tui.dialogs.pick import PickDialog
from coalition.tui.host import SessionHost
from coalition.tui.screens.tools.base import COMMON_BINDINGS, ToolScreen
from coalition.tui.widgets.tool_table import Column

MAX_BUDGET = 99


class IrritantTool(ToolScreen):
    """One row per irritant, most votes first."""

    TOOL_TITLE = "Irritant register"
    COLUMNS = (
        Column("id", "ID", width=4),
        Column("text", "Irritant", weight=3),
        Column("votes", "Votes", width=5),
        Column("mine", "Dots", width=4),
        Column("owner", "Owner", weight=1, min_width=6),
        Column("status", "Status", width=13),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *COMMON_BINDINGS,
        Binding("plus,equals_sign", "dot(1)", "Dot", id="irritants.dot", key_display="+",
                tooltip="The voter puts a dot on the irritant"),
        Binding("minus", "dot(-1)", "Take", id="irritants.undot", key_display="-",
                tooltip="The voter takes a dot back"),
        Binding("v", "pick_voter", "Voter", id="irritants.voter",
                tooltip="Choose who is voting, from the coalition"),
        Binding("right_square_bracket", "next_voter(1)", "Next voter", show=False,
                id="irritants.next_voter", key_display="]",
                tooltip="The next member votes ([ goes back)"),
        Binding("left_square_bracket", "next_voter(-1)", "Previous voter", show=False,
                id="irritants.previous_voter", key_display="[",
                tooltip="The previous member votes"),
        Binding("s", "cycle_status", "Status", id="irritants.status",
                tooltip="Next status: open, being removed, removed, publicized"),
        Binding("f", "toggle_filter", "Removed", id="irritants.filter",
                tooltip="Show only irritants removed but not yet publicized (again: all)"),
        Binding("h", "toggle_hidden", "Hide", id="irritants.hide", show=False,
                tooltip="Hide the vote totals until everyone has voted (again: reveal)"),
        Binding("b", "set_budget", "Budget", id="irritants.budget", show=False,
                tooltip="Set how many dots each person may spend"),
        Binding("a", "add_irritant", "Add", id="irritants.add", show=False,
                tooltip="Add an irritant (for:Sales svc:\"Service desk\" @owner work too)"),
        Binding("e", "edit_text", "Edit", id="irritants.edit", show=False,
                tooltip="Edit the irritant's text"),
        Binding("o", "reown", "Owner", id="irritants.owner", show=False,
                tooltip="Who removes it (a unique prefix of a member's name)"),
    ]  # fmt: skip

    def __init__(self, session: SessionHost) -> None:
        super().__init__(session)
        participants = self.store.session.participants
        self.voter = participants[0].name if participants else ""
        self.only_removed = False
        self.hidden = False

    # -- reading -------------------------------------------------------------------------

    def shown(self) -> list[Irritant]:
        irritants = self.store.session.irritants
        if self.only_removed:
            irritants = [i for i in irritants if i.status is IrritantStatus.REMOVED]
        if self.hidden:
            return sorted(irritants, key=lambda i: id_number(i.id))
        return by_votes(irritants)

    def irritant(self) -> Irritant | None:
        key = self.table.cursor_key()
        return next((i for i in self.store.session.irritants if i.id == key), None)

    def voters(self) -> list[Participant]:
        return list(self.store.session.participants)

    def refresh_tool(self, cursor_key: str | None = None) -> None:
        if self.voter not in {p.name for p in self.voters()}:
            self.voter = self.voters()[0].name if self.voters() else ""
        self.show_summary(self.summary())
        shown = self.shown()
        self.table.fill(((i.id, self.row(i)) for i in shown), cursor_key)
        what = "removed, not yet publicized" if self.only_removed else "by votes"
        if self.hidden:
            what = "votes hidden"
        self.table.border_title = f"Irritant register ({len(shown)}, {what})"
        self.show_detail()

    def summary(self) -> Text:
        budget = self.store.info.vote_budget
        irritants = self.store.session.irritants
        text = Text()
        if not self.voter:
            text.append("Nobody to vote yet: ", style="bold")
            text.append("add the coalition's members on the session screen (p Name).")
        else:
            left = budget - dots_spent(self.voter, irritants)
            text.append("Voting: ")
            text.append(self.voter, style="bold reverse")
            text.append(f"  {left} of {budget} dots left", style="bold")
            text.append("  (v: who votes · ]: next · b: budget)", style="dim")
        text.append("\nDots left: ")
        text.append(
            " · ".join(
                f"{p.name.split()[0]} {budget - dots_spent(p.name, irritants)}"
                for p in self.voters()
            )
            or "-"
        )
        unpublicized = sum(i.status is IrritantStatus.REMOVED for i in irritants)
        if unpublicized:
            text.append(f"\n{unpublicized} removed but not publicized", style="bold")
            text.append(" (f shows them): tell the people they irritated.")
        return text

    def row(self, irritant: Irritant) -> list[Text | str]:
        mine = irritant.dots_of(self.voter) if self.voter else 0
        return [
            Text(irritant.id, style="bold"),
            irritant.text,
            "?" if self.hidden else str(irritant.votes),
            "●" * mine if mine <= 4 else str(mine),
            irritant.owner,
            irritant.status.value,
        ]

    def describe_cursor(self) -> Text | str:
        irritant = self.irritant()
        if irritant is None:
            if self.only_removed:
                return "Nothing removed and waiting to be publicized. f shows every irritant."
            return "No irritants yet: a adds one (or capture i … on the session screen)."
        text = Text(f"{irritant.id} ", style="bold")
        text.append(irritant.text)
        if irritant.irritates:
            text.append(f" · irritates {irritant.irritates}", style="dim")
        if irritant.service:
            text.append(f" · {irritant.service}", style="dim")
        if irritant.votes_by and not self.hidden:
            dots = ", ".join(f"{name} {count}" for name, count in irritant.votes_by)
            text.append(f" · dots: {dots}", style="dim")
        return text

    def need_irritant(self) -> Irritant | None:
        irritant = self.irritant()
        if irritant is None:
            self.notify("No irritant here: a adds one.", severity="warning")
        return irritant

    # -- voting --------------------------------------------------------------------------

    def action_dot(self, delta: int) -> None:
        irritant = self.need_irritant()
        if irritant is None:
            return
        if not self.voter:
            self.notify("Add the coalition's members first: only members vote.", severity="warning")
            return
        budget = self.store.info.vote_budget
        try:
            after = cast_dot(irritant, self.voter, delta, budget, self.store.session.irritants)
        except UsageError as error:  # over budget, or no dot to take back: just say so
            self.notify(error.message, severity="warning", timeout=5, markup=False)
            return
        self.attempt(lambda: self.put(irritant, after, "dot vote"), irritant.id)

    def action_next_voter(self, offset: int) -> None:
        names = [p.name for p in self.voters()]
        if not names:
            self.notify("Nobody in the coalition yet.", severity="warning")
            return
        index = names.index(self.voter) if self.voter in names else -offset
        self.voter = names[(index + offset) % len(names)]
        self.refresh_tool()

    def action_pick_voter(self) -> None:
        people = self.voters()
        if not people:
            self.notify("Nobody in the coalition yet.", severity="warning")
            return
        budget = self.store.info.vote_budget
        irritants = self.store.session.irritants
        choices = [
            (p.name, f"{p.name} ({budget - dots_spent(p.name, irritants)} dots left)", "")
            for p in people
        ]

        def chosen(name: str | None) -> None:
            if name:
                self.voter = name
                self.refresh_tool()

        self.app.push_screen(PickDialog("Who votes now?", choices, self.voter), chosen)

    def action_set_budget(self) -> None:
        def apply(text: str) -> None:
            try:
                budget = int(text.strip())
            except ValueError:
                budget = 0
            if not 1 <= budget <= MAX_BUDGET:
                raise ValueError(f"Give a whole number of dots, 1 to {MAX_BUDGET}.")
            self.store.update_info(vote_budget=budget)
            over = [
                p.name
                for p in self.voters()
                if dots_spent(p.name, self.store.session.irritants) > budget
            ]
            if over:
                self.notify(
                    f"Already over the new budget: {', '.join(over)}. Their dots stay; they "
                    "can take some back.",
                    markup=False,
                )

        self.ask(
            "Dots per person",
            "How many dots each member may place on irritants (the same for everyone).",
            str(self.store.info.vote_budget),
            apply,
        )

    def action_toggle_hidden(self) -> None:
        self.hidden = not self.hidden
        self.refresh_tool()
        self.notify("Totals hidden until you press h again." if self.hidden else "Votes revealed.")

    # -- the register --------------------------------------------------------------------

    def action_cycle_status(self) -> None:
        irritant = self.need_irritant()
        if irritant is not None:
            after = cycle_status(irritant)
            self.attempt(lambda: self.put(irritant, after, "status change"), irritant.id)

    def action_toggle_filter(self) -> None:
        self.only_removed = not self.only_removed
        self.refresh_tool()

    def action_add_irritant(self) -> None:
        def apply(text: str) -> None:
            capture = parse_capture(f"i {text}", self.store.session.participants)
            irritant = self.store.add(
                "irritant",
                **capture.fields,
                step=self.session.current_step.id,
                raised_on=self.store.info.date,
            )
            self.history.record(f"capture of {irritant.id}", None, irritant)
            self.session.tool_changed = True
            self.only_removed = False
            self.refresh_tool(irritant.id)

        self.ask(
            "New irritant",
            'In the words of the person who meets it; for:Sales svc:"Service desk" @owner.',
            "",
            apply,
        )

    def action_edit_text(self) -> None:
        irritant = self.need_irritant()
        if irritant is None:
            return

        def apply(text: str) -> None:
            if not text.strip():
                raise ValueError("An irritant needs its text.")
            current = self.irritant() or irritant
            self.put(current, with_text(current, text), "edit")

        self.ask(f"Edit {irritant.id}", "Enter saves · Esc cancels", irritant.text, apply)

    def activate(self) -> None:
        self.action_edit_text()

    def action_reown(self) -> None:
        irritant = self.need_irritant()
        if irritant is None:
            return

        def apply(text: str) -> None:
            token = text.strip().lstrip("@")
            person = match_participant(token, self.store.session.participants)
            name = person.name if person else " ".join(token.split())
            if person is None and name:
                raise ValueError(
                    f"Nobody in the coalition is called {name}: add them on the session "
                    "screen (p Name), or type a member's name."
                )
            current = self.irritant() or irritant
            self.put(current, with_owner(current, name), "owner change")

        self.ask(
            f"Owner of {irritant.id}",
            "A member's name (a unique prefix is enough). Empty removes the owner.",
            irritant.owner,
            apply,
        )
