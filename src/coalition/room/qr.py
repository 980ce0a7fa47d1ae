"""The join link as a QR code made of text, for a terminal or a projected screen.

Two module rows share one line of half blocks, so the code is about as tall as it is wide
in a terminal cell grid. A "dark" module is a block: show the lines dark on light (the
command line sets black on white itself; the app gives its panel those colours).
"""

from __future__ import annotations

import segno

# (upper dark, lower dark) -> the character that draws them
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
QUIET_ZONE = 2  # modules of light border (scanners want some)


def qr_lines(text: str) -> list[str]:
    """The QR code of `text` as lines of half blocks (dark modules drawn)."""
    rows = [[bool(m) for m in row] for row in segno.make(text, error="m").matrix_iter(
        scale=1, border=QUIET_ZONE
    )]  # fmt: skip
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return [
        "".join(HALF_BLOCKS[(upper, lower)] for upper, lower in zip(top, bottom, strict=True))
        for top, bottom in zip(rows[::2], rows[1::2], strict=True)
    ]


def qr_for_terminal(text: str) -> str:
    """The QR code in black on white (ANSI colours), whatever the terminal's own colours."""
    return "\n".join(f"\x1b[30;47m{line}\x1b[0m" for line in qr_lines(text))
