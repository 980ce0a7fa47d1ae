"""The record fields `add` and `edit` set: an irritant's register entry, a decision record,
an action's decision, an objective's side and link, an initiative's owners and AI flag, a
value stream's end-to-end owner and walk-throughs.

Every option defaults to None ("not given"), so `edit` changes only what it is told to. This
module is imported when the parser is built: it imports nothing heavy at the top.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from coalition.errors import UsageError

if TYPE_CHECKING:
    from coalition.store import SessionStore

# (option, help, the kinds it applies to); the field is the option's name with underscores.
TEXT_OPTIONS = (
    ("--raised-by", "who raised an irritant (a participant)", ("irritant",)),
    ("--benefit", "the benefit expected from removing an irritant", ("irritant",)),
    ("--measure", "how an irritant's benefit is measured", ("irritant",)),
    ("--baseline", "the measure now", ("irritant",)),
    ("--target", "the measure to reach", ("irritant",)),
    ("--stream", "the value stream an irritant belongs to: V-1", ("irritant",)),
    ("--stage", "the stage of that value stream", ("irritant",)),
    ("--publicized-via", "the channel an irritant's removal was announced on", ("irritant",)),
    ("--noticed", "did people notice the removal? (the follow-up)", ("irritant",)),
    ("--context", "a decision's context and problem", ("decision",)),
    ("--chosen", "the option chosen: its number or name", ("decision",)),
    ("--confirmation", "how we will know a decision is carried out", ("decision",)),
    ("--decision", "the decision an action carries out: D-3", ("action",)),
    ("--serves", "the objective served: O-2", ("objective", "initiative")),
    ("--e2e-owner", "a value stream's end-to-end owner", ("stream",)),
)
DATE_OPTIONS = (
    ("--raised-on", "when an irritant was raised", ("irritant",)),
    ("--publicized-on", "when an irritant's removal was publicized", ("irritant",)),
    ("--decided-on", "a decision's date", ("decision",)),
    ("--walked-with-it", "when a value stream was walked through with IT staff", ("stream",)),
    ("--walked-with-business", "when it was walked through with business people", ("stream",)),
)
LIST_OPTIONS = (
    ("--driver", "a decision driver (repeatable)", ("decision",)),
    ("--option", "an option considered: 'Name + pro - con' (repeatable)", ("decision",)),
    ("--consequence", "a good consequence of a decision (repeatable)", ("decision",)),
    ("--bad-consequence", "a bad consequence of a decision (repeatable)", ("decision",)),
)
# Fields that name a person: spelled as the roster spells them.
PEOPLE = ("raised_by", "e2e_owner")
# Fields that name an item, with the kind of item they must name.
REFERENCES = {"stream": "V", "decision": "D", "serves": "O"}
LIST_FIELDS = {
    "driver": "drivers",
    "consequence": "good_consequences",
    "bad_consequence": "bad_consequences",
}
DATE_FIELDS = {
    "walked_with_it": "walked_with_it_on",
    "walked_with_business": "walked_with_business_on",
}


def article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _field(option: str) -> str:
    return option.lstrip("-").replace("-", "_")


def add_record_options(parser: argparse.ArgumentParser) -> None:
    """The record options of `add` and `edit` (each says which kinds it applies to)."""
    group = parser.add_argument_group("record fields (filled in later with `edit` too)")
    for option, text, kinds in (*TEXT_OPTIONS, *DATE_OPTIONS):
        name = _field(option)
        metavar = "NAME" if name in PEOPLE else "ID" if name in REFERENCES else "TEXT"
        metavar = "DATE" if (option, text, kinds) in DATE_OPTIONS else metavar
        about = f"{text} [{', '.join(kinds)}]"
        group.add_argument(option, default=None, metavar=metavar, help=about)
    for option, text, kinds in LIST_OPTIONS:
        about = f"{text} [{', '.join(kinds)}]"
        group.add_argument(option, action="append", default=None, metavar="TEXT", help=about)
    group.add_argument("--priority", default=None, metavar="WORD",
                       help="an irritant's priority: high, medium, low, or votes (ranked by its "
                       "votes) [irritant]")  # fmt: skip
    group.add_argument("--ai", action=argparse.BooleanOptionalAction, default=None,
                       help="an initiative that applies AI [initiative]")  # fmt: skip


def options_given(args: argparse.Namespace) -> dict[str, Any]:
    """The record options given on the command line, by field name."""
    names = [_field(o) for o, _, _ in (*TEXT_OPTIONS, *DATE_OPTIONS, *LIST_OPTIONS)]
    return {name: getattr(args, name) for name in [*names, "priority", "ai"]
            if getattr(args, name, None) is not None}  # fmt: skip


def _applies_to() -> dict[str, tuple[str, ...]]:
    every = (*TEXT_OPTIONS, *DATE_OPTIONS, *LIST_OPTIONS)
    kinds: dict[str, tuple[str, ...]] = {_field(option): k for option, _, k in every}
    return kinds | {"priority": ("irritant",), "ai": ("initiative",)}


def record_fields(
    kind: str, given: dict[str, Any], store: SessionStore, existing: Any = None
) -> dict[str, Any]:
    """The item fields the record options set, checked; UsageError names a bad option."""
    applies = _applies_to()
    wrong = [name for name in given if kind not in applies[name]]
    if wrong:
        shown = ", ".join("--" + name.replace("_", "-") for name in wrong)
        raise UsageError(f"{shown} does not apply to {article(kind)} {kind}.")
    fields: dict[str, Any] = {}
    for name, value in given.items():
        fields |= _one_field(name, value, store, existing)
    return fields


def _one_field(name: str, value: Any, store: SessionStore, existing: Any) -> dict[str, Any]:
    from coalition.domain.dates import DUE_HELP, parse_due

    option = "--" + name.replace("_", "-")
    if name in {_field(o) for o, _, _ in DATE_OPTIONS}:
        day = parse_due(value, dt.date.today()) if value.strip() else None
        if value.strip() and day is None:
            raise UsageError(f"{option} {value} is not a date: {DUE_HELP}.")
        return {DATE_FIELDS.get(name, name): day}
    if name in LIST_FIELDS or name == "option":
        return _list_field(name, value, existing)
    if name == "priority":
        return {"priority": _priority(value)}
    if name == "ai":
        return {"ai": bool(value)}
    text = " ".join(str(value).split())
    if name in PEOPLE:
        return {name: roster_name(store, text)}
    if name in REFERENCES and text:
        text = _reference(text, REFERENCES[name], option)
    return {name: text}


def _list_field(name: str, values: Iterable[str], existing: Any) -> dict[str, Any]:
    """A repeatable option adds to what the item has; `--driver ''` empties the list."""
    from coalition.domain.decisions import option_pros_cons

    field = LIST_FIELDS.get(name, "options")
    current = list(getattr(existing, field, ()) or ())
    parse: Callable[[str], Any] = (
        (lambda v: " ".join(v.split())) if name in LIST_FIELDS else (option_pros_cons)
    )
    for value in values:
        if not value.strip():
            current = []
            continue
        try:
            current.append(parse(value))
        except ValueError as error:
            raise UsageError(f"--option {value!r}: {error}.") from None
    return {field: tuple(current)}


def _priority(value: str) -> Any:
    from coalition.domain.irritants import Priority

    word = value.strip().lower()
    if word in ("", "votes", "none"):
        return None
    try:
        return Priority(word)
    except ValueError:
        raise UsageError(f"--priority {value} is not high, medium, low or votes.") from None


def _reference(text: str, prefix: str, option: str) -> str:
    """An item ID as typed (`v-1`) in its form (`V-1`), refused when it is of another kind."""
    from coalition.domain.models import check_id

    item_id = text.upper()
    try:
        check_id(item_id, prefix)
    except ValueError:
        raise UsageError(f"{option} {text} is not an ID like {prefix}-1.") from None
    return item_id


def roster_name(store: SessionStore, name: str) -> str:
    """A person as the roster spells them (`Grace` -> `Grace Kim`), else as typed."""
    from coalition.domain.capture import match_participant

    if not name:
        return name
    person = match_participant(name.lstrip("@").strip(), store.session.participants)
    return person.name if person else name


def chosen_option(fields: dict[str, Any], options: tuple[Any, ...]) -> dict[str, Any]:
    """`--chosen 2` names the second option; a name is kept as given."""
    chosen = fields.get("chosen", "")
    if chosen.isdigit():
        number = int(chosen)
        if not 1 <= number <= len(options):
            raise UsageError(f"--chosen {chosen}: there are {len(options)} options.")
        return fields | {"chosen": options[number - 1].name}
    return fields


def objective_side_option(value: str) -> Any:
    """`--side` of an objective: business or it."""
    from coalition.domain.objectives import objective_side

    try:
        return objective_side(value.lower())
    except ValueError:
        raise UsageError(f"--side {value}: an objective is business or it.") from None
