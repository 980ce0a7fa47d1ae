"""Text from a session made safe to show: no control character ever reaches a terminal.

A client name or an item's text is typed by people, and a session file can be edited by
hand or committed by someone hostile. Printed raw, an ESC sequence clears the screen, sets
the window title or writes the clipboard (OSC 52). Every C0 and C1 control character (and
DEL) is shown as a visible stand-in instead: C0 as its Unicode control picture (ESC as
"␛"), DEL as "␡", C1 as "\\x9b". Newlines stay only where a field may hold several lines.
The bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are
shown as "\\u202e": one of them can make a name or a card read backwards in every text
after it.
No Textual and no Rich here, so the CLI, the app and the exports share it.
"""

from __future__ import annotations

import re

_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if code > 0xFF:
        return f"\\u{code:04x}"
    return f"\\x{code:02x}"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control character replaced by a visible stand-in."""
    pattern = _CONTROL_BUT_NEWLINE if keep_newlines else _CONTROL
    if pattern.search(text) is None:  # the common case: nothing to copy
        return text
    return pattern.sub(_stand_in, text)
