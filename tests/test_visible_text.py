"""No control character survives `visible`, and ordinary text is left as it is."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coalition.visible_text import visible

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _has_control(text: str, *, but_newline: bool = False) -> bool:
    return any(
        (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in BIDI) and not (but_newline and c == "\n")
        for c in text
    )


def test_escape_sequences_become_visible() -> None:
    hostile = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x9b31m"
    shown = visible(hostile)
    assert shown == "␛[2J␛]0;pwned␇␛]52;c;ZXZpbA==␇\\x9b31m"


def test_bidi_overrides_and_isolates_become_visible() -> None:
    assert visible("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert visible("a\u2066b\u2069\nc", keep_newlines=True) == "a\\u2066b\\u2069\nc"
    assert visible("עברית\u200fx") == "עברית\u200fx"  # a plain direction mark is harmless


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
