"""The edit dialog of a record, as data: which fields an item's form has, and the item the
filled-in form makes. No Textual here: the dialog shows `record_form(item)` and saves
`apply_record_form(item, texts, ...)`, which raises ValueError naming the field to fix.

Each field is one line of text. Lists are separated by `;`; a decision's options by `|`,
each `Name + pro - con`; names match the roster as `@name` does; dates take what a due date
takes (2026-12-01, fri, +7d). Only the lines the facilitator changed are read: a line left
as shown keeps its field exactly as it was, whatever characters it holds (a driver with a
`;` in it, an option named `A|B`), so editing one field never rewrites another.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coalition.domain.alignment import ValueStream
from coalition.domain.capture import match_participant
from coalition.domain.capture_records import NO, YES
from coalition.domain.dates import DUE_HELP, parse_due
from coalition.domain.decisions import Decision, Option, option_pros_cons
from coalition.domain.irritants import Irritant, Priority
from coalition.domain.models import ActionItem, Item, Participant, check_id
from coalition.domain.objectives import Initiative, Objective, objective_side
from coalition.errors import CaptureError


@dataclass(frozen=True, slots=True)
class FormField:
    """One line of a record's edit dialog."""

    name: str  # the item's field
    label: str
    how: str  # text, person, people, date, list, options, priority, side, flag, id:<prefix>


_TEXT = "text"
FORMS: dict[type[Any], tuple[FormField, ...]] = {
    Irritant: (
        FormField("text", "Irritant", _TEXT), FormField("owner", "Owner", "person"),
        FormField("due", "Due", "date"), FormField("raised_by", "Raised by", "person"),
        FormField("raised_on", "Raised on", "date"),
        FormField("priority", "Priority", "priority"), FormField("benefit", "Benefit", _TEXT),
        FormField("measure", "Measure", _TEXT), FormField("baseline", "Baseline", _TEXT),
        FormField("target", "Target", _TEXT), FormField("stream", "Stream", "id:V"),
        FormField("stage", "Stage", _TEXT), FormField("publicized_via", "Publicized via", _TEXT),
        FormField("publicized_on", "Publicized on", "date"),
        FormField("noticed", "Noticed?", _TEXT),
    ),
    Decision: (
        FormField("text", "Decision", _TEXT), FormField("owners", "Decided by", "people"),
        FormField("decided_on", "Date", "date"), FormField("context", "Context", _TEXT),
        FormField("drivers", "Drivers", "list"), FormField("options", "Options", "options"),
        FormField("chosen", "Chosen", _TEXT), FormField("rationale", "Rationale", _TEXT),
        FormField("good_consequences", "Good", "list"),
        FormField("bad_consequences", "Bad", "list"),
        FormField("confirmation", "Confirmation", _TEXT),
        FormField("supersedes", "Supersedes", "id:D"),
    ),
    ActionItem: (
        FormField("text", "Action", _TEXT), FormField("owner", "Owner", "person"),
        FormField("due", "Due", "date"), FormField("decision", "Carries out", "id:D"),
    ),
    Objective: (
        FormField("text", "Objective", _TEXT), FormField("side", "Side", "side"),
        FormField("serves", "Serves", "id:O"),
    ),
    Initiative: (
        FormField("text", "Initiative", _TEXT), FormField("owners", "Owners", "people"),
        FormField("ai", "Applies AI", "flag"), FormField("serves", "Serves", "id:O"),
    ),
    ValueStream: (
        FormField("name", "Stream", _TEXT), FormField("e2e_owner", "End-to-end", "person"),
        FormField("walked_with_it_on", "With IT on", "date"),
        FormField("walked_with_business_on", "With biz on", "date"),
    ),
}  # fmt: skip
HINTS = {
    "date": "a date: 2026-12-01, fri, +7d",
    "people": "names, separated by ;",
    "list": "separated by ;",
    "options": "Name + pro - con | Name + pro ...",
    "priority": "high, medium, low; empty: by votes",
    "side": "business or it",
    "flag": "yes or no",
}


def record_form(item: Item) -> tuple[FormField, ...]:
    """The fields of the item's record dialog (empty for items without one)."""
    return FORMS.get(type(item), ())


def has_record_form(item: Item) -> bool:
    return type(item) in FORMS


def field_text(item: Item, field: FormField) -> str:
    """A field's value as the dialog's line shows it."""
    value = getattr(item, field.name)
    if field.how == "options":
        return " | ".join(_option_text(option) for option in value)
    if isinstance(value, tuple):
        return "; ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    return str(value)


def _option_text(option: Option) -> str:
    return " ".join([option.name, *(f"+ {p}" for p in option.pros),
                     *(f"- {c}" for c in option.cons)])  # fmt: skip


def apply_record_form(
    item: Item, texts: Mapping[str, str], participants: Sequence[Participant], today: dt.date
) -> Item:
    """The item with the form's fields; ValueError (`Due: ...`) names a field to fix."""
    changes: dict[str, Any] = {}
    for field in record_form(item):
        if field.name not in texts or texts[field.name] == field_text(item, field):
            continue  # a line left as shown: its field stays exactly as it was
        try:
            changes[field.name] = _value(field, texts[field.name], participants, today)
        except (ValueError, CaptureError) as error:
            raise ValueError(f"{field.label}: {_message(error)}") from None
    if "chosen" in changes and changes["chosen"].isdigit():
        options = changes.get("options", getattr(item, "options", ()))
        number = int(changes["chosen"])
        if not 1 <= number <= len(options):
            raise ValueError(f"Chosen: there are {len(options)} options.")
        changes["chosen"] = options[number - 1].name
    changed: Item = dataclasses.replace(item, **changes)
    return changed


def _message(error: Exception) -> str:
    return error.message if isinstance(error, CaptureError) else str(error)


def _value(field: FormField, text: str, people: Sequence[Participant], today: dt.date) -> Any:
    line = " ".join(text.split())
    if field.how == _TEXT:
        if not line and field.name in ("text", "name"):
            raise ValueError("it cannot be empty")
        return line
    if field.how == "person":
        return _person(line, people)
    if field.how == "people":
        return tuple(dict.fromkeys(_person(n, people) for n in _parts(line, ";,") if n))
    if field.how == "list":
        return tuple(_parts(line, ";"))
    if field.how == "options":
        return tuple(option_pros_cons(part) for part in _parts(line, "|"))
    if field.how == "date":
        return _date(line, today)
    if field.how == "priority":
        if not line or line.lower() == "votes":
            return None
        if line.lower() not in tuple(Priority):
            raise ValueError(f"{line[:20]!r} is not high, medium, low or votes")
        return Priority(line.lower())
    if field.how == "side":
        return objective_side(line.lower() or "business")
    if field.how == "flag":
        if line.lower() not in YES + NO:
            raise ValueError(f"{line[:20]!r} is not yes or no")
        return line.lower() in YES
    prefix = field.how.partition(":")[2]  # id:<prefix>
    if line:
        check_id(line.upper(), prefix)
    return line.upper()


def _parts(line: str, separators: str) -> list[str]:
    for separator in separators[1:]:
        line = line.replace(separator, separators[0])
    return [part.strip() for part in line.split(separators[0]) if part.strip()]


def _person(name: str, people: Sequence[Participant]) -> str:
    name = name.strip().lstrip("@").strip()
    found = match_participant(name, people) if name else None
    return found.name if found else name


def _date(line: str, today: dt.date) -> dt.date | None:
    if not line:
        return None
    day = parse_due(line, today)
    if day is None:
        raise ValueError(f"{line[:20]!r} is not a date: {DUE_HELP}")
    return day
