"""`coalition member SESSION P-ID`: change a member's name, role, side or qualities.

What the coalition tool's e, r, s and 1-4 do in the app. A new name moves the items the
member owns in this session with it, and the command names them; earlier session files are
never rewritten.
"""

from __future__ import annotations

import argparse

from coalition.commands import say
from coalition.errors import CaptureError, UsageError


def cmd_member(args: argparse.Namespace) -> int:
    from coalition.commands.capture import _open_for_change, _say_reopened
    from coalition.domain.models import Participant
    from coalition.domain.roles import qualities_named, side_named
    from coalition.services.members import edit_member

    if all(value is None for value in (args.name, args.role, args.side, args.has)):
        raise UsageError("Nothing to change: give --name, --role, --side or --has.")
    try:
        side = None if args.side is None else side_named(args.side, "--side ")
        qualities = None if args.has is None else qualities_named(args.has, "--has ")
    except CaptureError as error:
        raise UsageError(error.message) from None
    store, reopened = _open_for_change(args)
    path = store.path
    with store:
        person = store.get(args.member_id.upper())
        if not isinstance(person, Participant):
            article = "an" if person.kind[0] in "aeiou" else "a"
            raise UsageError(f"{person.id} is {article} {person.kind}, not a member (P-…).")
        try:
            changes = edit_member(person, store.session.items(), name=args.name,
                                  role=args.role, side=side, qualities=qualities)  # fmt: skip
        except ValueError as error:
            raise UsageError(f"{person.id}: {error}") from None
        with store.batch():  # the member and the items that follow them: all, or none
            for _, after in changes:
                store.put(after)
    if not changes:
        say(f"{person.id} {person.name} already reads so; nothing changed in {path}")
        return 0
    member = changes[0][1]
    assert isinstance(member, Participant)
    say(f"Saved {member.id} {member.name} in {path}")
    moved = [before.id for before, _ in changes[1:]]
    if moved:
        say(f"Renamed on {len(moved)} item(s) too, owned by {person.name} before: "
            f"{', '.join(moved)}")  # fmt: skip
    if reopened:
        _say_reopened(args, store)
    return 0
