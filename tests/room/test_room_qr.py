"""The join link's QR code, drawn with half blocks, decodes to the same modules."""

from __future__ import annotations

import segno

from coalition.room.qr import HALF_BLOCKS, QUIET_ZONE, qr_for_terminal, qr_lines

URL = "http://192.168.1.20:8700/?t=Zk3V9sQmW1xPp0aLr7YtBn2cHd5eFg6J"


def test_the_half_blocks_hold_every_module_of_the_code() -> None:
    lines = qr_lines(URL)
    expected = [[bool(m) for m in row] for row in segno.make(URL, error="m").matrix_iter(
        scale=1, border=QUIET_ZONE
    )]  # fmt: skip
    drawn_by = {char: pair for pair, char in HALF_BLOCKS.items()}
    modules: list[list[bool]] = []
    for line in lines:
        pairs = [drawn_by[char] for char in line]
        modules.append([upper for upper, _ in pairs])
        modules.append([lower for _, lower in pairs])
    assert modules[: len(expected)] == expected
    assert len({len(line) for line in lines}) == 1
    assert lines[0].strip() == ""  # the quiet zone


def test_the_terminal_version_is_black_on_white() -> None:
    text = qr_for_terminal(URL)
    assert all(line.startswith("\x1b[30;47m") for line in text.splitlines())
