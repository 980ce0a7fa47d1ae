"""`coalition edit SESSION ID`: change a captured item, field by field.

The capture line (and `add`) records the quick case; `edit` fills in the rest of the record
from the shell, as the item's edit dialog does in the app: an irritant's register entry, a
decision record, an objective's side and link, an initiative's owners and AI flag, a value
stream's end-to-end owner and walk-throughs. Only the options given change anything.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from typing import Any

from coalition.commands import say
from coalition.commands.capture import _open_for_change, _say_reopened
from coalition.commands.record_fields import (
    article,
    chosen_option,
    objective_side_option,
    options_given,
    record_fields,
    roster_name,
)
from coalition.errors import UsageError
from coalition.services.editing import with_text


def _basic_fields(args: argparse.Namespace, item: Any, store: Any) -> dict[str, Any]:
    """The fields every kind may have: text, owners, due date, a decision's link and why."""
    from coalition.domain.dates import DUE_HELP, parse_due

    fields: dict[str, Any] = {}
    kind = f"{article(item.kind)} {item.kind}"  # "an irritant", for the messages
    if args.owner is not None:
        names = tuple(dict.fromkeys(roster_name(store, n) for n in args.owner if n.strip()))
        if hasattr(item, "owners"):
            fields["owners"] = names
        elif hasattr(item, "owner"):
            if len(names) > 1:
                raise UsageError(f"{kind.capitalize()} has one owner; give --owner once.")
            fields["owner"] = names[0] if names else ""
        else:
            raise UsageError(f"{kind.capitalize()} has no owner.")
    if args.due is not None:
        if not hasattr(item, "due"):
            raise UsageError(f"{kind.capitalize()} has no due date.")
        due = parse_due(args.due, dt.date.today()) if args.due.strip() else None
        if args.due.strip() and due is None:
            raise UsageError(f"--due {args.due} is not a date: {DUE_HELP}.")
        fields["due"] = due
    for option, name in (("supersedes", "supersedes"), ("why", "rationale")):
        value = getattr(args, option)
        if value is not None:
            if item.kind != "decision":
                raise UsageError(f"--{option} applies to a decision, not {kind}.")
            fields[name] = _superseded(value) if option == "supersedes" else value.strip()
    if args.side is not None:
        if item.kind != "objective":
            raise UsageError(f"--side applies to an objective here, not {kind}.")
        fields["side"] = objective_side_option(args.side)
    return fields


def _superseded(value: str) -> str:
    from coalition.domain.capture import superseded_id

    return superseded_id(value) if value.strip() else ""


def cmd_edit(args: argparse.Namespace) -> int:
    store, reopened = _open_for_change(args)
    path = store.path
    with store:
        item = store.get(args.item_id.upper())
        before = item
        if args.text is not None:
            try:
                item = with_text(item, args.text)
            except ValueError:
                raise UsageError(f"--text: {item.id} needs some text.") from None
        fields = _basic_fields(args, item, store)
        fields |= record_fields(item.kind, options_given(args), store, existing=item)
        options = fields.get("options", getattr(item, "options", ()))
        fields = chosen_option(fields, options)
        if not fields and item == before:
            raise UsageError(f"Nothing to change: give {item.id} an option (see `edit --help`).")
        store.put(dataclasses.replace(item, **fields))
    changed = ", ".join(sorted([*fields, *(["text"] if args.text is not None else [])]))
    say(f"Saved {item.id} ({item.kind}: {changed}) in {path}")
    if reopened:
        _say_reopened(args, store)
    return 0
