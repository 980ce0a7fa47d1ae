"""The room's QR code as drawn in the terminal reads back as the join link."""

from __future__ import annotations

import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.tui.widgets.qr_code import HALF_BLOCKS, qr_lines, qr_matrix

PIXELS = 6  # a module drawn as a square of this many pixels, as a camera would see it
ROWS_OF = {char: pair for pair, char in HALF_BLOCKS.items()}


def modules(lines: list[str]) -> list[list[bool]]:
    """The modules the characters draw (each character: the one above, the one below)."""
    rows: list[list[bool]] = []
    for line in lines:
        pairs = [ROWS_OF[char] for char in line]
        rows += [[top for top, _ in pairs], [bottom for _, bottom in pairs]]
    return rows


def decode(lines: list[str]) -> str:
    """Photograph the drawing (dark modules black on white) and read it with zxing-cpp."""
    image = bytearray()
    for row in modules(lines):
        line = b"".join((b"\x00" if dark else b"\xff") * PIXELS for dark in row)
        image += line * PIXELS
    width = len(lines[0]) * PIXELS
    view = memoryview(bytes(image)).cast("B", (len(image) // width, width))
    result = zxingcpp.read_barcode(view, formats=zxingcpp.BarcodeFormat.QRCode)
    assert result is not None, "no QR code found in the drawing"
    return str(result.text)


def test_the_join_link_reads_back_from_the_half_blocks() -> None:
    link = "http://192.168.1.20:8700/?t=Zq3v8Qm1sXb7Kp2LwY9cHd"
    lines = qr_lines(link)
    assert decode(lines) == link
    assert len(lines) <= 24 and len(lines[0]) <= 41  # fits the panel, half as tall as wide


@settings(max_examples=25, deadline=None)
@given(
    host=st.ip_addresses(v=4).map(str),
    port=st.integers(1024, 65535),
    token=st.text(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", min_size=22, max_size=43
    ),
)
def test_every_link_drawn_is_its_modules_and_reads_back(host: str, port: int, token: str) -> None:
    link = f"https://{host}:{port}/?t={token}"
    lines = qr_lines(link)
    drawn = modules(lines)
    matrix = qr_matrix(link)
    assert drawn[: len(matrix)] == matrix
    assert all(not dark for row in drawn[len(matrix) :] for dark in row)  # an odd row's pad
    assert decode(lines) == link
