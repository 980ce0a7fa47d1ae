"""Due dates as people say them, counted from a fixed today."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.domain.dates import parse_due, session_date

WEDNESDAY = dt.date(2026, 3, 4)


def test_the_fixed_today_is_a_wednesday() -> None:
    assert WEDNESDAY.strftime("%A") == "Wednesday"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-01", dt.date(2026, 12, 1)),
        ("2025-01-31", dt.date(2025, 1, 31)),  # the past is a date too
        ("today", WEDNESDAY),
        ("TODAY", WEDNESDAY),
        ("  today  ", WEDNESDAY),
        ("tomorrow", dt.date(2026, 3, 5)),
        ("tmr", dt.date(2026, 3, 5)),
        ("thu", dt.date(2026, 3, 5)),
        ("fri", dt.date(2026, 3, 6)),
        ("Friday", dt.date(2026, 3, 6)),
        ("sun", dt.date(2026, 3, 8)),
        ("mon", dt.date(2026, 3, 9)),
        ("tuesday", dt.date(2026, 3, 10)),
        ("wed", dt.date(2026, 3, 11)),  # the same weekday means next week
        ("wednesday", dt.date(2026, 3, 11)),
        ("+0d", WEDNESDAY),
        ("+1d", dt.date(2026, 3, 5)),
        ("+7d", dt.date(2026, 3, 11)),
        ("+2w", dt.date(2026, 3, 18)),
        ("+30d", dt.date(2026, 4, 3)),  # across a month end
        ("+999d", WEDNESDAY + dt.timedelta(days=999)),
    ],
)
def test_due_forms(value: str, expected: dt.date) -> None:
    assert parse_due(value, WEDNESDAY) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "soon",
        "2026-13-01",
        "2026-02-30",
        "26-12-01",
        "20261201",
        "2026-12-1",
        "2026-12-01T10:00",
        "+7",
        "7d",
        "+1000d",
        "+2m",
        "-1d",
        "fr",
        "fridays",
        "next friday",
    ],
)
def test_bad_due_values_name_no_date(value: str) -> None:
    assert parse_due(value, WEDNESDAY) is None


@pytest.mark.parametrize("offset", range(7))
def test_a_weekday_is_always_one_to_seven_days_ahead(offset: int) -> None:
    today = WEDNESDAY + dt.timedelta(days=offset)
    for name in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        due = parse_due(name, today)
        assert due is not None
        assert 1 <= (due - today).days <= 7
        assert due.strftime("%a").lower() == name


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.dates(max_value=dt.date(9000, 1, 1)))
def test_parse_due_never_raises(value: str, today: dt.date) -> None:
    result = parse_due(value, today)
    assert result is None or isinstance(result, dt.date)


@pytest.mark.parametrize("text", ["2026-12-01", " 2026-12-01\t"])
def test_a_session_date_is_iso(text: str) -> None:
    assert session_date(text) == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "give the session's date as YYYY-MM-DD"),
        ("2026-02-30", "'2026-02-30' is not a date; type it as YYYY-MM-DD"),
        ("fri", "'fri' is not a date"),
        ("x" * 40, "'" + "x" * 19 + "…' is not a date"),
    ],
)
def test_a_session_date_that_is_not_one_says_what_to_type(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        session_date(text)
