"""A QR code drawn with half blocks: two modules a character, dark on light, to scan from
a projected terminal (the quiet zone around it is part of the drawing)."""

from __future__ import annotations

import functools

import segno
from rich.text import Text

QUIET_ZONE = 2  # modules of light around the code (phones read 2 well on a screen)
# (top dark, bottom dark) -> the character that draws them, dark as the foreground
HALF_BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
STYLE = "#000000 on #ffffff"


def qr_matrix(data: str) -> list[list[bool]]:
    """The code's modules, quiet zone included (True: dark)."""
    code = segno.make(data, error="m", micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(border=QUIET_ZONE)]


@functools.lru_cache(maxsize=8)
def qr_lines(data: str) -> tuple[str, ...]:
    """The code as text lines: each line draws two rows of modules (kept: the room's panel
    redraws on every card, and encoding a code takes milliseconds)."""
    matrix = qr_matrix(data)
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    return tuple(
        "".join(HALF_BLOCKS[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(matrix[::2], matrix[1::2], strict=True)
    )


def qr_text(data: str) -> Text:
    """The code as Rich text, dark on light whatever the theme."""
    return Text("\n".join(qr_lines(data)), style=STYLE, no_wrap=True)
