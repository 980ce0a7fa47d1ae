"""Due dates as people say them: 2026-12-01, today, tomorrow, fri, +7d, +2w."""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE = re.compile(r"^\+(\d{1,3})([dw])$")
DUE_HELP = "use YYYY-MM-DD, today, tomorrow, a weekday (fri) or an offset (+7d, +2w)"


def parse_due(value: str, today: dt.date) -> dt.date | None:
    """The date `value` names, counted from `today`; None when it names no date.

    A weekday means the next such day after today (`fri` on a Friday is a week later).
    """
    word = value.strip().lower()
    if word == "today":
        return today
    if word in ("tomorrow", "tmr"):
        return today + dt.timedelta(days=1)
    if word in WEEKDAYS or word in DAY_NAMES:
        ahead = (WEEKDAYS.index(word[:3]) - today.weekday() - 1) % 7 + 1
        return today + dt.timedelta(days=ahead)
    match = RELATIVE.match(word)
    if match:
        days = int(match[1]) * (7 if match[2] == "w" else 1)
        return today + dt.timedelta(days=days)
    try:
        return dt.date.fromisoformat(word) if len(word) == 10 else None
    except ValueError:
        return None


def session_date(text: str) -> dt.date:
    """A session's date as typed (ISO, YYYY-MM-DD, as `new --date` takes it).

    Raises ValueError saying what to type.
    """
    text = text.strip()
    if not text:
        raise ValueError("give the session's date as YYYY-MM-DD.")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        shown = text if len(text) <= 20 else text[:19] + "…"
        raise ValueError(
            f"'{shown}' is not a date; type it as YYYY-MM-DD, e.g. 2026-12-01."
        ) from None
