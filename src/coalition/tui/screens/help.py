"""Help: every key (read from the bindings themselves) and the capture syntax."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer

from coalition.domain import capture
from coalition.domain.dates import DUE_HELP
from coalition.tui.widgets.rendered_markdown import RenderedMarkdown

CAPTURE_GUIDE = """\
Type one line and press Enter. The first letter picks the kind:

| start with | kind | takes |
| --- | --- | --- |
| `d` | decision | `@owner` (several allowed), `why:"the reason"` |
| `a` | action | one `@owner`, `due:` date |
| `i` | irritant | `+votes`, one `@owner`, `for:who` it irritates, `svc:"the service"` |
| `n` | note | just text |
| `p` | participant | `role:CFO`, `side:it` (or business, external), `has:power,expertise` |

`@name` matches a participant; a unique prefix of any word of the name is enough. An unknown
name asks whether to add that person to the coalition. Due dates: {due}.
A line that cannot be captured stays in the capture line with a message saying what to fix.
"""


def key_table(title: str, bindings: list[BindingType]) -> str:
    """A Markdown table of a screen's keys."""
    rows = [f"### {title}", "", "| key | does |", "| --- | --- |"]
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue
        keys = binding.key_display or binding.key
        keys = ", ".join(k.replace("_sign", "") for k in keys.split(","))
        rows.append(f"| `{keys}` | {binding.tooltip or binding.description} |")
    return "\n".join(rows)


def help_markdown() -> str:
    """The whole help text."""
    from coalition.tui.app import CoalitionApp
    from coalition.tui.screens.home import HomeScreen
    from coalition.tui.screens.minutes import MinutesScreen
    from coalition.tui.screens.session import SessionScreen
    from coalition.tui.widgets.items_table import ItemsTable

    examples = "\n".join(
        line.strip() for line in (capture.__doc__ or "").splitlines()[2:8] if line.strip()
    )
    return "\n\n".join(
        [
            "# coalition: keys and capture syntax",
            "## Capture line",
            f"```text\n{examples}\n```",
            CAPTURE_GUIDE.format(due=DUE_HELP),
            "## Keys",
            key_table("Everywhere", list(CoalitionApp.BINDINGS)),
            key_table("Session", list(SessionScreen.BINDINGS)),
            key_table("Items list (Esc from the capture line)", list(ItemsTable.BINDINGS)),
            key_table("Minutes preview", list(MinutesScreen.BINDINGS)),
            key_table("Home", list(HomeScreen.BINDINGS)),
            "Ctrl+P opens the command palette: type `step`, `minutes`, `timebox` or `session` "
            "to find every action, including `step: jump to …` for each step. Ctrl+Q quits; "
            "everything shown as saved is already in the session file.",
        ]
    )


class HelpScreen(Screen[None]):
    """The help text, rendered like the minutes preview."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "app.pop_screen", "Back", id="help.back", tooltip="Close help")
    ]

    def compose(self) -> ComposeResult:
        yield RenderedMarkdown(help_markdown(), id="help-view")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-view", RenderedMarkdown).focus()
