"""The capture line: a typed line parsed, saved through the store, and acknowledged.

An unknown `@name` asks whether to add that person (and their full name) before the line is
saved; a new member who looks like one already there gets a warning.
"""

from __future__ import annotations

import re

from coalition.domain.attendance import marked, member_named
from coalition.domain.capture import Capture, parse_capture
from coalition.domain.models import Decision, Participant
from coalition.errors import CaptureError, CoalitionError
from coalition.services.editing import same_person
from coalition.tui.dialogs.choice import ChoiceDialog
from coalition.tui.dialogs.text_prompt import TextPrompt
from coalition.tui.messages import CaptureSubmitted
from coalition.tui.screens.session.base import SessionBase


class CaptureHandling(SessionBase):
    """Enter on the capture line: parse, ask about unknown names, save, say what happened."""

    def on_capture_submitted(self, message: CaptureSubmitted) -> None:
        participants = self.store.session.participants
        try:
            capture = parse_capture(message.line, participants, self._today())
        except CaptureError as error:
            self.capture_line.show_error(error.message)
            return
        if not capture.unknown_owners:
            self.save_capture(capture)
            return
        names = ", ".join(capture.unknown_owners)
        plural = "s" if len(capture.unknown_owners) > 1 else ""

        def answered(answer: str | None) -> None:
            if answer == "a":
                self.add_unknown_people(message.line, list(capture.unknown_owners), [])
                return
            if answer == "k":
                self.save_capture(capture)
            else:
                self.capture_line.show_error(f"Not saved: fix @{names} and press Enter.")
            self.focus_capture()

        self.app.push_screen(
            ChoiceDialog(
                "Unknown name",
                f"Nobody in the coalition is called {names}. Add {names} as participant{plural}?",
                [("a", "Add and save"), ("k", "Save as typed"), ("escape", "Back to edit")],
            ),
            answered,
        )

    def add_unknown_people(self, line: str, unknown: list[str], added: list[str]) -> None:
        """Ask each unknown `@name`'s full name (and side), add them, then save the line.

        The line is parsed again once everyone is in, so `@zoe` becomes the owner
        "Zoe Martin" instead of a second, one-word person.
        """
        if not unknown:
            self.show_roster()
            try:
                capture = parse_capture(line, self.store.session.participants, self._today())
            except CaptureError as error:
                self.capture_line.show_error(error.message)
                return
            joined = f" · {', '.join(added)} joined the coalition" if added else ""
            self.save_capture(capture, joined)
            self.focus_capture()
            return
        typed, rest = unknown[0], unknown[1:]

        def named(text: str | None) -> None:
            if text is None or not text.strip():
                self.capture_line.show_error(f"Not saved: fix @{typed} and press Enter.")
                self.focus_capture()
                return
            try:
                fields = parse_capture(f"p {text}", (), self._today()).fields
            except CaptureError as error:
                self.capture_line.show_error(f"Not saved: {error.message}")
                self.focus_capture()
                return
            existing = self.existing_person(fields["name"])
            if existing is None:
                if not self.save(lambda: self.store.add("participant", **fields)):
                    return
                added.append(fields["name"])
            # `@Zoe Martin` would end at the space: name them by their name's letters
            token = "@" + "".join(fields["name"].split())
            named_line = re.sub(rf"@{re.escape(typed)}(?=[\s.,;:]|$)", lambda _: token, line)
            self.add_unknown_people(named_line, rest, added)

        self.app.push_screen(
            TextPrompt(
                f"New participant: @{typed}",
                "Full name, then optionally side:business|it|external role:… "
                "has:power,expertise,credibility,leadership · Esc: back to edit",
                typed,
            ),
            named,
        )

    def existing_person(self, name: str) -> Participant | None:
        """The participant already called `name` (compared as `@name` matching does)."""
        return next((p for p in self.store.session.participants if same_person(p.name, name)), None)

    def save_capture(self, capture: Capture, extra: str = "") -> None:
        """Save a parsed line through the store; on failure keep the text and say why."""
        fields = dict(capture.fields)
        if capture.kind == "irritant":  # the register's "date raised"
            fields.setdefault("raised_on", self.store.info.date)
        if capture.kind != "participant":
            fields["step"] = self._current
        elif self.mark_here(fields["name"]):
            return
        try:
            item = self.store.add(capture.kind, **fields)
        except CoalitionError as error:
            self.capture_line.show_error(f"Not saved: {error.message}")
            self.coalition_app.show_error(error)
            return
        self.history.record(f"capture of {item.id}", None, item)
        self.show_change(item, move_cursor=True)
        if isinstance(item, Decision) and item.supersedes:
            extra += self.replacing(item)
        self.capture_line.accepted(f"Saved {item.id} ({capture.kind}){extra}. Ctrl+Z undoes.")
        if isinstance(item, Participant):
            self.warn_if_twin(item)

    def replacing(self, decision: Decision) -> str:
        """What the acknowledgement adds for a decision that supersedes another."""
        return f", superseding {decision.supersedes}"  # the store refuses one not here

    def mark_here(self, name: str) -> bool:
        """`p Name` for a member on the roster but not here: they came (no second entry)."""
        person = member_named(self.store.session.participants, name)
        if person is None or person.present:
            return False
        after = marked(person, True)
        if self.save(lambda: self.store.put(after)):
            self.history.record(f"attendance of {person.id}", person, after)
            self.show_change(after)
            self.capture_line.accepted(f"{person.name} ({person.id}) is here. Ctrl+Z undoes.")
        return True

    def warn_if_twin(self, person: Participant) -> None:
        """A new member who looks like one already there: say so (Ctrl+Z, or rename)."""
        first = person.name.split()[0] if person.name.split() else ""
        for other in self.store.session.participants:
            if other.id == person.id:
                continue
            if same_person(other.name, person.name):
                why = "is already in the coalition"
            elif len(other.name.split()) == 1 and same_person(other.name, first):
                why = "may be the same person"
            else:
                continue
            self.notify(
                f"{other.name} ({other.id}) {why}. Ctrl+Z removes {person.id}; "
                "the coalition tool (F2) renames a member with e.",
                title="Duplicate person?",
                severity="warning",
                markup=False,
            )
            return
