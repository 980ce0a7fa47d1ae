"""`clean_line` puts user text on one line; its shortcut for printable text changes nothing."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.minutes.escape import clean_line


def _by_each_character(text: str) -> str:
    """The definition: controls and every kind of space become a space, runs collapse."""
    chars = [" " if unicodedata.category(ch)[0] == "C" or ch.isspace() else ch for ch in text]
    return " ".join("".join(chars).split())


def test_a_printable_character_is_never_one_that_becomes_a_space() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isprintable() and char != " ":
            assert not char.isspace() and unicodedata.category(char)[0] != "C", hex(code)


@settings(max_examples=500, deadline=None)
@given(st.text() | st.text(st.sampled_from("ab \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u200b\u3000é")))
def test_clean_line_is_the_definition(text: str) -> None:
    assert clean_line(text) == _by_each_character(text)
