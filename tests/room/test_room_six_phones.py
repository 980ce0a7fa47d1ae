"""A real session with six people on their phones, end to end.

`coalition room` runs in a pseudo-terminal, so it draws the QR code as it would for a
projected screen; the test reads the join link back from that drawing with zxing-cpp, as a
phone's camera would. Six phones (390×844) join from it, write silently (nobody's page shows
another's card), the facilitator reveals and opens a dot vote, everyone votes within budget
(one tries to go over and is told why), the vote closes, and `coalition minutes` tells it all:
who raised what, the dots, who joined from a device.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from playwright.async_api import expect

from coalition.room.qr import HALF_BLOCKS
from coalition.store import read_session

from .conftest import room_session
from .test_room_browser import browser, phone  # noqa: F401 (the fixture)

SESSION = "sessions/northwind/2026-11-25-room-test.json"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PEOPLE = {  # who, and the card only they may see until it is revealed
    "Ana Lima": "Password resets take three days",
    "Bruno Diaz": "The VPN drops every hour",
    "Chen Wei": "Nobody owns the supplier portal",
    "Dana Okafor": "Release notes arrive after the release",
    "Emil Novak": "Two ticket systems for one request",
    "Farah Haddad": "Laptops take four weeks to arrive",
}


@pytest.fixture
def room_terminal(tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    """`coalition room` on a terminal: its printed output (QR drawing included), the
    facilitator link, and the workspace; stopped with SIGTERM afterwards (exit 0)."""
    (tmp_path / "playbooks").mkdir()
    room_session(tmp_path / SESSION)
    screen, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "coalition", "room", SESSION, "--bind", "127.0.0.1",
         "--port", "0"],
        cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=terminal, stderr=subprocess.PIPE,
    )  # fmt: skip
    os.close(terminal)
    try:
        printed = _read_until_quiet(screen)
        facilitator = re.search(r"^facilitator: (\S+)", printed, re.M)
        assert facilitator, printed
        yield printed, facilitator.group(1), tmp_path
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        os.close(screen)


def _read_until_quiet(fd: int) -> str:
    """What the terminal showed, once the QR code is drawn and nothing more comes."""
    out = b""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            out += os.read(fd, 65536)
        elif b"\x1b[30;47m" in out and out.endswith(b"\n"):
            break
    return out.decode().replace("\r\n", "\n")


def read_qr(printed: str) -> str:
    """The link in the QR drawing, photographed (6 px a module) and read with zxing-cpp."""
    lines = [ANSI.sub("", line) for line in printed.splitlines() if "\x1b[30;47m" in line]
    drawn_by = {char: pair for pair, char in HALF_BLOCKS.items()}
    image = bytearray()
    for line in lines:
        pairs = [drawn_by[char] for char in line]
        for half in (0, 1):
            row = b"".join((b"\x00" if pair[half] else b"\xff") * 6 for pair in pairs)
            image += row * 6
    width = len(lines[0]) * 6
    view = memoryview(bytes(image)).cast("B", (len(image) // width, width))
    found = zxingcpp.read_barcode(view, formats=zxingcpp.BarcodeFormat.QRCode)
    assert found is not None, "no QR code in what the terminal showed"
    return str(found.text)


async def place(page: Any, item: str, dots: int) -> None:
    await page.get_by_label(f"Dots on {item}").select_option(str(dots))
    ballot = page.locator("form", has=page.get_by_label(f"Dots on {item}"))
    await ballot.get_by_role("button", name="Place").click()


async def test_six_people_on_their_phones_run_a_session(
    browser: Any,  # noqa: F811
    room_terminal: tuple[str, str, Path],
    tmp_path: Path,
) -> None:
    printed, facilitator_url, workspace = room_terminal
    join_url = read_qr(printed)
    assert f"join: {join_url}\n" in printed  # the code and the printed line agree
    errors: list[str] = []
    phones: dict[str, Any] = {}
    for name, card in PEOPLE.items():  # each scans the code, joins and writes in silence
        page = phones[name] = await phone(browser, errors)
        await page.goto(join_url)
        if name == "Ana Lima":  # on the roster already
            await page.get_by_label("Who are you?").select_option(name)
        else:
            await page.get_by_label("Not on the list? Your name").fill(name)
        await page.get_by_role("button", name="Join").click()
        await page.get_by_label("Your card").fill(card)
        await page.get_by_role("button", name="Add card").click()
        await page.get_by_role("status").filter(has_text="Saved.").wait_for(timeout=5000)
    for name, page in phones.items():  # nobody sees another's text before the reveal
        await page.reload()
        shown = await page.content()
        assert PEOPLE[name] in shown
        assert not [card for other, card in PEOPLE.items() if other != name and card in shown]

    desk = await (await browser.new_context()).new_page()
    desk.on("pageerror", lambda e: errors.append(str(e)))
    await desk.goto(facilitator_url)
    await desk.get_by_role("heading", name="6 cards not yet revealed").wait_for()
    await desk.get_by_role("button", name="Reveal this step's cards").click()
    await desk.get_by_label("Dots per person").fill("3")
    await desk.get_by_label("At most on one item").fill("2")
    await desk.get_by_role("button", name=re.compile("Open a vote")).click()
    await desk.get_by_role("button", name="Close the vote").wait_for()

    ids = {i.text: i.id for i in read_session(workspace / SESSION).irritants}
    vpn, portal, laptops = ids[PEOPLE["Bruno Diaz"]], ids[PEOPLE["Chen Wei"]], ids[PEOPLE[
        "Farah Haddad"]]  # fmt: skip
    for page in phones.values():  # the vote reaches every phone without a reload
        await page.get_by_label(f"Dots on {vpn}").wait_for(timeout=3000)
        for card in PEOPLE.values():  # revealed now: everyone reads every card
            assert card in await page.locator(".ballot").inner_text()
    await phones["Ana Lima"].screenshot(path=str(tmp_path / "six-phones.png"), full_page=True)
    for name, page in phones.items():
        await place(page, vpn, 2)
        await page.get_by_role("heading", name="Vote: 2 of 3 dots placed").wait_for(timeout=3000)
        if name == "Farah Haddad":  # two more would be four of three: refused, and said so
            await place(page, laptops, 2)
            refusal = page.get_by_role("alert").filter(has_text="over your budget of 3 dots")
            await expect(refusal).to_be_in_viewport()  # at the foot of the screen, not above
            await page.screenshot(path=str(tmp_path / "refused.png"))
            await page.get_by_role("heading", name="Vote: 2 of 3 dots placed").wait_for()
            await place(page, laptops, 1)
        else:
            await place(page, portal, 1)
        await page.get_by_role("heading", name="Vote: 3 of 3 dots placed").wait_for(timeout=3000)

    await desk.goto(facilitator_url)
    await desk.get_by_role("button", name="Close the vote").click()
    await phones["Chen Wei"].get_by_text("12 dots from 6 people").wait_for(timeout=3000)
    refused = "Failed to load resource: the server responded with a status of 409 (Conflict)"
    assert errors == [refused]  # the browser logs the refused vote; nothing else went wrong

    minutes = subprocess.run(
        [sys.executable, "-m", "coalition", "minutes", SESSION, "-o", "-"],
        cwd=workspace, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert minutes.returncode == 0, minutes.stderr
    text = minutes.stdout
    assert f"Joined from a device: {', '.join(sorted(PEOPLE))}." in text
    for name, card in PEOPLE.items():
        assert f"| {ids[card]} | {card} | {name} |" in text
    assert f"| {vpn} | {PEOPLE['Bruno Diaz']} | 12 dots from 6 people |" in text
    assert f"| {portal} | {PEOPLE['Chen Wei']} | 5 dots from 5 people |" in text
    assert f"| {laptops} | {PEOPLE['Farah Haddad']} | 1 dot from 1 person |" in text
