"""A fast, read-only Markdown view: rendered off the UI thread, shown line by line.

Textual's `Markdown` widget mounts one widget per block (about 6 ms a line: seconds for long
minutes). Here a worker thread renders the text once with Rich, using the shared parser
settings (`coalition.markdown_parser`), and the widget only copies ready-made lines to the
screen, so a 500-item session's minutes appear well within a second and the UI never blocks.
"""

from __future__ import annotations

from rich.console import Console
from rich.markdown import Markdown
from rich.segment import Segment
from rich.theme import Theme
from textual import work
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from coalition.markdown_parser import markdown_parser
from coalition.tui.widgets.theme_colours import solid
from coalition.visible_text import visible


def markdown_theme(variables: dict[str, str]) -> Theme:
    """Rich's Markdown styles, coloured from the app theme's variables."""
    primary = solid(variables, "primary", "#0178D4")
    accent = solid(variables, "accent", primary)
    secondary = solid(variables, "secondary", primary)
    muted = solid(variables, "foreground-muted", primary)
    return Theme(
        {
            "markdown.h1": f"bold {primary}",
            "markdown.h1.border": primary,
            "markdown.h2": f"bold underline {primary}",
            "markdown.h3": f"bold {accent}",
            "markdown.h4": f"italic {accent}",
            "markdown.code": f"bold {accent}",
            "markdown.block_quote": secondary,
            "markdown.item.bullet": f"bold {primary}",
            "markdown.item.number": f"bold {primary}",
            "markdown.hr": muted,
            "markdown.link": accent,
            "markdown.link_url": f"underline {accent}",
            "markdown.table.border": muted,
            "markdown.table.header": f"bold {primary}",
        },
        inherit=True,
    )


def render_markdown_lines(
    text: str, width: int, variables: dict[str, str], dark: bool
) -> list[list[Segment]]:
    """Render Markdown to lines of segments (safe to call from a thread)."""
    text = visible(text, keep_newlines=True)  # a playbook file may hold an ESC
    document = Markdown(text, code_theme="monokai" if dark else "default", hyperlinks=False)
    document.parsed = markdown_parser().parse(text)  # the export's parser, not Rich's own
    console = Console(
        width=width, color_system="truecolor", theme=markdown_theme(variables), force_terminal=True
    )
    return console.render_lines(document, console.options.update_width(width), pad=False)


class RenderedMarkdown(ScrollView, can_focus=True):
    """Scrollable Markdown rendered in a worker thread; shows a short notice meanwhile."""

    DEFAULT_CSS = """
    RenderedMarkdown { background: $surface; padding: 0 1; overflow-x: hidden; }
    """

    def __init__(self, markdown: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._markdown = markdown
        self._strips: list[Strip] = []
        self._rendered_width = 0
        self._generation = 0  # a render started before the latest one is thrown away
        self.rendering = False

    @property
    def markdown(self) -> str:
        return self._markdown

    @property
    def line_count(self) -> int:
        """How many rendered lines are ready (0 while rendering the first time)."""
        return len(self._strips)

    def update(self, markdown: str) -> None:
        """Show new Markdown (rendered in the background)."""
        self._markdown = markdown
        self._start_render()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._start_render())

    def _text_width(self) -> int:
        """The width lines are rendered at: what the vertical scrollbar leaves."""
        return max(20, self.content_size.width - self.styles.scrollbar_size_vertical)

    def on_resize(self) -> None:
        if self._text_width() != self._rendered_width:
            self._start_render()

    def _start_render(self) -> None:
        width = self._text_width()
        if not self.is_mounted:
            return
        self.rendering = True
        self._generation += 1
        variables = dict(self.app.theme_variables)
        self._render_in_thread(self._markdown, width, variables, self._generation)

    @work(thread=True, exclusive=True, group="render-markdown")
    def _render_in_thread(
        self, text: str, width: int, variables: dict[str, str], generation: int
    ) -> None:
        lines = render_markdown_lines(text, width, variables, self.app.current_theme.dark)
        strips = [Strip(line) for line in lines]
        self.app.call_from_thread(self._show, strips, width, generation)

    def _show(self, strips: list[Strip], width: int, generation: int) -> None:
        if generation != self._generation:
            return  # a thread cannot be cancelled: an older render may finish last
        self._strips = strips
        self._rendered_width = width
        self.rendering = False
        self.virtual_size = Size(width, len(strips))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        style = self.rich_style
        index = scroll_y + y
        if index >= len(self._strips):
            if not self._strips and y == 0 and self.rendering:
                return Strip([Segment("Rendering…", style)]).crop_extend(0, width, style)
            return Strip.blank(width, style)
        strip = self._strips[index].apply_style(style)
        return strip.crop_extend(scroll_x, scroll_x + width, style)
