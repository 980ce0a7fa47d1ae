"""Reading and writing item records: the checks every field of a session file goes through.

A session file may be edited by hand or committed by someone hostile, so a record's field is
checked for its type and range as it is read (a TypeError or ValueError naming the field),
never trusted and crashed on later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any


def text_field(record: Mapping[str, Any], key: str, default: str | None = None) -> str:
    """A text field of a record; TypeError (not a crash later) when a file holds another type."""
    value = record[key] if default is None else record.get(key, default)
    if not isinstance(value, str):
        raise TypeError(f"'{key}' must be text, not {type(value).__name__}")
    return value


def texts_field(record: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """A list-of-text field of a record (missing means empty)."""
    values = record.get(key, ())
    if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
        raise TypeError(f"'{key}' must be a list of text")
    return tuple(values)


# The largest number in an ID (`N-1000000`) and in any count a session file holds (votes,
# vote budget, minutes): a hand-edited file beyond them is refused, never trusted.
MAX_ID_NUMBER = 1_000_000
MAX_COUNT = 1_000_000


def count_field(value: Any, name: str, maximum: int = MAX_COUNT, minimum: int = 0) -> int:
    """A whole number of a record within bounds; bools, floats and text are refused."""
    if type(value) is not int:
        raise TypeError(f"'{name}' must be a whole number, not {type(value).__name__}")
    if not minimum <= value <= maximum:
        shown = str(value) if abs(value) < 10**15 else "a far larger one"
        raise ValueError(f"'{name}' must be from {minimum} to {maximum:,}, not {shown}")
    return value


def flag_field(record: Mapping[str, Any], key: str, default: bool) -> bool:
    value = record.get(key, default)
    if type(value) is not bool:
        raise TypeError(f"'{key}' must be true or false, not {type(value).__name__}")
    return value


def optional(**fields: tuple[Any, Any]) -> dict[str, Any]:
    """Record fields written only when they differ from their default (value, default), so
    files written before a field existed keep their bytes until something really changes."""
    return {key: value for key, (value, default) in fields.items() if value != default}


def date_or_none(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def iso_or_none(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def date_field(record: Mapping[str, Any], key: str) -> dt.date | None:
    """An optional date field (YYYY-MM-DD text, or absent/null)."""
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"'{key}' must be a date (YYYY-MM-DD), not {type(value).__name__}")
    return date_or_none(value)
