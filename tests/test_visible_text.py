"""No control character survives `visible`, and ordinary text is left as it is."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coalition.visible_text import visible


def _has_control(text: str, *, but_newline: bool = False) -> bool:
    return any(
        (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) and not (but_newline and c == "\n") for c in text
    )


def test_escape_sequences_become_visible() -> None:
    hostile = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x9b31m"
    shown = visible(hostile)
    assert shown == "␛[2J␛]0;pwned␇␛]52;c;ZXZpbA==␇\\x9b31m"


def test_newline_kept_only_when_asked() -> None:
    assert visible("a\nb") == "a␊b"
    assert visible("a\nb\rc", keep_newlines=True) == "a\nb␍c"


def test_ordinary_text_is_unchanged() -> None:
    text = "Café — 48-hour referrals, 日本, [bold]x[/bold] $x"
    assert visible(text) is text


@given(st.text())
def test_no_control_character_survives(text: str) -> None:
    assert not _has_control(visible(text))
    assert not _has_control(visible(text, keep_newlines=True), but_newline=True)
