"""Help: every key (read from the bindings themselves) and the capture syntax.

The app hands the key tables in (`HelpScreen(keys, tool_keys)`), so this screen needs no
other screen and no app class.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer

from coalition.domain import capture
from coalition.domain.dates import DUE_HELP
from coalition.tui.widgets.rendered_markdown import RenderedMarkdown

# A key table: its title and the bindings it lists.
KeyTable = tuple[str, Sequence[BindingType]]

# What each kind takes beyond its `key:value` words.
EXTRAS = {
    "decision": "`@owner` (several allowed); `supersedes:D-2` replaces decision D-2",
    "action": "one `@owner`",
    "irritant": "`+votes`, one `@owner`",
    "win": "one `@owner`: who delivered it",
    "objective": "`side:business` or `side:it` (required); `serves:O-1` for an IT one",
    "initiative": "`@owner` (several: from business and IT); `ai:yes` when it applies AI",
    "rating": "the level first: `green`, `amber` or `red` (`g`, `a`, `r`), then one sentence "
    'of evidence; `dim:"…"` names what is rated (else the step)',
    "hands": "how many said yes of how many are present, then the question: "
    "`hands 9/12 Is business as usual more dangerous than the change?` (Kotter's urgency "
    "test: three in four or more)",
}
CAPTURE_GUIDE = """\
`@name` matches a participant; a unique prefix of any word of the name is enough. An unknown
name asks whether to add that person to the coalition. Due dates: {due}.
A line that cannot be captured stays in the capture line with a message saying what to fix.
Typing while the agenda or the items list has focus goes to the capture line.

A person (`p`, the new-session form, the coalition tool's `a`) takes `role:CFO` (a role
runs to the next `key:`, so `role:Head of Finance side:it` needs no quotes),
`side:business|it|external` and `has:` with Kotter's qualities, comma-separated:
`has:power,expertise,credibility,leadership`. A role with the word volunteer
(`role:volunteer`, `role:"Ward nurse, volunteer"`; `v` in the coalition tool) counts the
member among the volunteers, Kotter's 2014 network beside the hierarchy. The new-session
form separates people
with `;`, for example `Dana Ross role:COO has:power,leadership; Ivan Petrov side:it`.
"""


TOOLS_GUIDE = """\
F2 on the session screen opens the current step's tool: the coalition step opens the roster
and balance, the value-stream step the stage table, the reporting step the metrics, the
irritant steps the register. On other steps F2 offers a list. Each tool saves every change
at once; Ctrl+Z undoes it (from the tool or the session screen); Esc or F2 goes back.
F7 shows the alignment checks at any time; the end review (F10) shows them too.

In a follow-up session the members carried from the last one start *not here*: in the
coalition tool `h` marks who came (or type `p Name` for a member on the roster). The roster
on the session screen lists those here first and marks the others `○`; its bottom line
counts the room (those here), the tool's summary the whole roster as well.

In the items list, `s` moves a decision, action or irritant to its next status and a health
rating to its next level (green, amber, red); `e` edits a rating's evidence and `o` the
owner of a decision, action, irritant or win. A decision shows as superseded once a
decision in force names it with `supersedes:`. `r` opens the full record of an irritant
(the register entry: raised by, priority, benefit, measure, due date, stage, publicized,
noticed), a decision (context, drivers, options with pros and cons, the chosen one,
consequences, confirmation, date), an action (the decision it carries out), an objective,
an initiative or a value stream (end-to-end owner, walk-throughs): one line per field, Tab
between them, Enter saves.
"""


def capture_table() -> str:
    """One row per kind, from the capture module's own tables."""
    rows = ["| start with | kind | takes |", "| --- | --- | --- |"]
    listed: set[str] = set()
    for word, kind in capture.KIND_BY_WORD.items():
        if kind in listed:  # the shortest word of each kind comes first
            continue
        listed.add(kind)
        extras = EXTRAS.get(kind, "")
        keys = ", ".join(
            f"`{key}:`"
            for key in sorted(capture.KEYS_BY_KIND.get(kind, ()))
            if f"`{key}:" not in extras  # explained already
        )
        takes = "; ".join(part for part in (extras, keys) if part)
        rows.append(f"| `{word}` | {kind} | {takes or 'just text'} |")
    return "\n".join(rows)


def capture_examples() -> str:
    """The indented example lines of the capture module's docstring."""
    lines = (capture.__doc__ or "").splitlines()
    return "\n".join(line.strip() for line in lines if line.startswith("    ") and line.strip())


def key_table(title: str, bindings: Sequence[BindingType]) -> str:
    """A Markdown table of a screen's keys."""
    rows = [f"### {title}", "", "| key | does |", "| --- | --- |"]
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue
        keys = binding.key_display or binding.key
        keys = ", ".join(k.replace("_sign", "") for k in keys.split(","))
        rows.append(f"| `{keys}` | {binding.tooltip or binding.description} |")
    return "\n".join(rows)


def help_markdown(keys: Sequence[KeyTable], tool_keys: Sequence[KeyTable]) -> str:
    """The whole help text, with the key tables the app passes in."""
    return "\n\n".join(
        [
            "# coalition: keys and capture syntax",
            "## Capture line",
            f"```text\n{capture_examples()}\n```",
            "Type one line and press Enter. The first letter picks the kind:",
            capture_table(),
            CAPTURE_GUIDE.format(due=DUE_HELP),
            "## Keys",
            *(key_table(title, bindings) for title, bindings in keys),
            "## Alignment tools",
            TOOLS_GUIDE,
            *(key_table(title, bindings) for title, bindings in tool_keys),
            "Ctrl+P opens the command palette: type `step`, `tools`, `checks`, `minutes`, "
            "`timebox` or `session` "
            "to find every action, including `step: jump to …` for each step. Ctrl+Q quits; "
            "everything shown as saved is already in the session file.",
        ]
    )


class HelpScreen(Screen[None]):
    """The help text, rendered like the minutes preview."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "app.pop_screen", "Back", id="help.back", tooltip="Close help")
    ]

    def __init__(self, keys: Sequence[KeyTable], tool_keys: Sequence[KeyTable]) -> None:
        super().__init__()
        self._keys = keys
        self._tool_keys = tool_keys

    def compose(self) -> ComposeResult:
        yield RenderedMarkdown(help_markdown(self._keys, self._tool_keys), id="help-view")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-view", RenderedMarkdown).focus()
