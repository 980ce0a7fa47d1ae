"""The capture line's words for the fuller records, kept beside the capture line itself.

    o Book any referral within 48 hours side:business
    o Self-service password resets side:it serves:O-1
    x Triage assistant @maria @dev ai:yes serves:O-1
    a Send the invitations @dev decision:D-3
    i Forms ask twice for the NHS number by:maria due:+14d

The rest of a record (a decision's options, an irritant's benefit and measure ...) is filled
in the item's edit dialog or with `coalition edit`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from coalition.domain.dates import DUE_HELP, parse_due
from coalition.domain.objectives import objective_side
from coalition.errors import CaptureError

_IDS = {"serves": "O", "decision": "D"}
YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0")


def item_reference(key: str, value: str) -> str:
    """`serves:o-1` -> `O-1`; CaptureError when it is not an ID of the right kind."""
    prefix = _IDS[key]
    wanted = value.upper()
    if not re.fullmatch(rf"{prefix}-[1-9][0-9]{{0,6}}", wanted):
        raise CaptureError(f"{key}:{value[:20]} is not an ID like {prefix}-1.")
    return wanted


def due_date(key: str, value: str, today: dt.date) -> dt.date:
    day = parse_due(value, today)
    if day is None:
        raise CaptureError(f"{key}:{value[:20]} is not a date: {DUE_HELP}.")
    return day


def objective_fields(text: str, values: dict[str, str]) -> dict[str, Any]:
    """An objective says whose it is: `side:business` or `side:it` (never assumed)."""
    if "side" not in values:
        raise CaptureError(
            "An objective needs side:business or side:it (an IT one then names the business "
            "objective it serves: serves:O-1)."
        )
    try:
        side = objective_side(values["side"].lower())
    except ValueError:
        raise CaptureError("side: an objective is business or it.") from None
    serves = item_reference("serves", values["serves"]) if "serves" in values else ""
    return {"text": text, "side": side, "serves": serves}


def initiative_fields(text: str, owners: list[str], values: dict[str, str]) -> dict[str, Any]:
    word = values.get("ai", "no").lower()
    if word not in YES + NO:
        raise CaptureError(f"ai:{word[:20]} is not yes or no.")
    serves = item_reference("serves", values["serves"]) if "serves" in values else ""
    return {"text": text, "owners": tuple(dict.fromkeys(owners)), "ai": word in YES,
            "serves": serves}  # fmt: skip


def irritant_extras(
    values: dict[str, str], today: dt.date, person: Callable[[str], str]
) -> dict[str, Any]:
    """`by:` (who raised it) and `due:` of an irritant, when given."""
    extras: dict[str, Any] = {}
    if "by" in values:
        extras["raised_by"] = person(values["by"].lstrip("@"))
    if "due" in values:
        extras["due"] = due_date("due", values["due"], today)
    return extras
