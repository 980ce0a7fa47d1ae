"""Command palette entries, grouped by prefix: "step: jump to …", "minutes: export", …

Every key's action is also here, so nothing is only reachable by a key one must remember.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from coalition.tui.host import app_host

Entry = tuple[str, Callable[[], object], str]


def session_entries(app: App[object]) -> list[Entry]:
    """Commands that act on the open session (none when no session screen is showing)."""
    from coalition.tui.screens.session import SessionScreen
    from coalition.tui.screens.tools import TOOLS

    screen = next((s for s in reversed(app.screen_stack) if isinstance(s, SessionScreen)), None)
    if screen is None:
        return []
    export = partial(app_host(app).export_minutes, screen.store)
    entries: list[Entry] = [
        ("step: next", screen.action_next_step, "Move the room to the next step (PgDn)"),
        ("step: previous", screen.action_previous_step, "Back to the previous step (PgUp)"),
    ]
    for number, step in enumerate(screen.store.info.playbook.steps, 1):
        entries.append(
            (
                f"step: jump to {number}. {step.title}",
                partial(screen.go_to_step, step.id),
                f"{step.timebox_minutes} minutes · captures {', '.join(step.captures)}",
            )
        )
    entries += [
        ("timebox: pause or resume", screen.action_toggle_timebox, "F5"),
        ("timebox: extend by 5 minutes", screen.action_extend_timebox, "F6"),
        ("items: undo", screen.action_undo, "Undo the last capture, edit or delete (Ctrl+Z)"),
        ("items: focus the list", screen.action_focus_items, "Edit, re-own, vote (Esc)"),
        (
            "tools: this step's tool",
            screen.action_open_tool,
            "The step's alignment tool, or a list of them (F2)",
        ),
    ]
    for name, (_, label, _key) in TOOLS.items():
        entries.append((f"tools: {label}", partial(screen.open_tool, name), "Esc comes back"))
    entries.append(
        (
            "tools: mark who is here",
            partial(screen.open_tool, "coalition"),
            "The coalition roster: h marks a member here or not",
        )
    )
    entries += [
        (
            "checks: show alignment checks",
            screen.action_show_checks,
            "What the seeds warn about, with what to do (F7)",
        ),
        ("room: open or close", screen.action_toggle_room, "Phones write and vote (F8)"),
        (
            "room: reveal the cards",
            screen.action_reveal_cards,
            "This step's cards become items (F3)",
        ),
        (
            "room: open or close a vote",
            screen.action_room_vote,
            "Dots on this step's irritants (F4)",
        ),
        ("minutes: preview", screen.action_preview_minutes, "What the export will write (F9)"),
        ("minutes: export", export, "Write <session>.md"),
        ("session: end", screen.action_end_session, "Review gaps, close, write minutes (F10)"),
    ]
    return entries


def app_entries(app: App[object]) -> list[Entry]:
    """Commands the app offers on every screen (its actions, run by name)."""
    return [
        ("help: keys and capture syntax", partial(app.run_action, "help"), "F1"),
        ("session: new", partial(app.run_action, "new_session"), "Start a session"),
        ("playbooks: browse", partial(app.run_action, "browse_playbooks"), "Preview the playbooks"),
    ]


class CoalitionCommands(Provider):
    """The app's own commands, next to Textual's (theme, quit, …)."""

    def _entries(self) -> list[Entry]:
        return session_entries(self.app) + app_entries(self.app)

    async def discover(self) -> Hits:
        for name, callback, help_text in self._entries():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
