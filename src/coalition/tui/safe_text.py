"""Text from a session made safe for the screen: never read as markup, no control character.

Names, item texts, titles and playbook text are typed by people or read from files anyone
can edit. Textual reads a plain `str` as markup in many places (table cells, border titles,
option prompts, toasts): `[@click=app.quit]` would become a live action, `[link=…]` a link.
And an ESC in a text goes to the terminal as it is (it can clear the screen or set the
window title). So what comes from a session reaches a widget as a Rich `Text` (never parsed
as markup) with every control character shown as a visible stand-in
(`coalition.visible_text.visible`).
"""

from __future__ import annotations

from rich.text import Span, Text

from coalition.visible_text import visible


def plain(text: str, style: str = "") -> Text:
    """A data string as Text: shown literally, control characters made visible."""
    return Text(visible(text), style=style)


def shown(text: str) -> str:
    """A text of several lines: its line breaks kept, other control characters visible."""
    return visible(text, keep_newlines=True)


def safe(content: Text | str) -> Text:
    """Any Text (styles kept) or str of one or more lines, control characters made visible.

    Line breaks stay: a summary or a detail line is built with them.
    """
    if isinstance(content, str):
        return Text(shown(content))
    text = content.plain
    if shown(text) == text:
        return content
    marks = [i for i, char in enumerate(text) if shown(char) != char]
    cuts = sorted({cut for i in marks for cut in (i, i + 1)})
    result = content.blank_copy()
    for piece in content.divide(cuts):
        if len(piece.plain) == 1 and shown(piece.plain) != piece.plain:
            stand_in = visible(piece.plain)
            piece = Text(
                stand_in, spans=[Span(0, len(stand_in), span.style) for span in piece.spans]
            )
        result.append_text(piece)
    return result
