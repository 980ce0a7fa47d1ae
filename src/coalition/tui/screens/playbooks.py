"""Browse the playbooks (workspace first, then per-user, then bundled) with a preview."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from coalition.domain.playbook import check_playbook, read_playbook_text
from coalition.errors import PlaybookError
from coalition.minutes.escape import escape_inline
from coalition.services.playbook_library import PlaybookEntry
from coalition.tui.safe_text import plain
from coalition.tui.widgets.rendered_markdown import RenderedMarkdown
from coalition.visible_text import visible


def without_front_matter(text: str) -> str:
    """The playbook's body: its `---` metadata block would render as a stray heading."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5 :]
    return text


def problems_markdown(text: str) -> str:
    """A broken playbook's validation problems, by line, ahead of its text ("" if valid)."""
    _, issues = check_playbook(text)
    if not issues:
        return ""
    lines = [f"> **Not a valid playbook: {len(issues)} problem(s).** Sessions cannot use it yet."]
    lines.append(">")
    lines.extend(f"> - line {issue.line}: {escape_inline(issue.message)}" for issue in issues)
    return "\n".join(lines) + "\n\n"


class PlaybooksScreen(Screen[None]):
    """A list of playbooks on the left, the highlighted one rendered on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="playbooks.back", tooltip="Back home"),
        Binding("tab", "app.focus_next", "Preview/list", id="playbooks.focus", show=False),
    ]

    def __init__(self, entries: list[PlaybookEntry]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        yield Static(" Playbooks · ↑↓ choose · Tab scrolls the preview", id="playbooks-title")
        with Horizontal(id="playbooks-body"):
            options = []
            for index, entry in enumerate(self.entries):
                label = plain(
                    f"{entry.name} {entry.version}",
                    style="strike dim" if entry.shadowed else "bold",
                )
                label.append("\n")
                label.append(visible(f"{entry.source}: {entry.title}"), style="dim")
                options.append(Option(label, id=str(index)))
            yield OptionList(*options, id="playbook-list")
            yield RenderedMarkdown(id="playbook-preview")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        playbook_list = self.query_one("#playbook-list", OptionList)
        playbook_list.focus()
        if self.entries:
            playbook_list.highlighted = 0
            self._preview(0)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self._preview(int(event.option.id))

    def _preview(self, index: int) -> None:
        entry = self.entries[index]
        try:  # a FIFO or a link to /dev/zero is refused, never read
            text = read_playbook_text(entry.path)
        except PlaybookError as error:
            text = escape_inline(error.message)
            problems = ""
        else:
            problems = problems_markdown(text)
        text = f"*{entry.source} · {entry.path}*\n\n{problems}" + without_front_matter(text)
        self.query_one("#playbook-preview", RenderedMarkdown).update(text)
