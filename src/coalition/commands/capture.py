"""Commands that change a session from the shell: add, mark, stage, close.

A closed session is changed only with `--reopen`; then the command says that its minutes
are out of date and how to close it again.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

from coalition.commands import KIND_CHOICES, say, workspace_for
from coalition.errors import UsageError

if TYPE_CHECKING:
    from coalition.store import SessionStore


def _add_fields(args: argparse.Namespace, store: Any, today: dt.date) -> dict[str, Any]:
    """Turn the `add` options into the item's fields, as the capture line would."""
    from coalition.domain.capture import match_participant, parse_capture
    from coalition.domain.dates import DUE_HELP, parse_due

    kind = args.kind
    participants = store.session.participants
    owners = []
    facilitator = store.info.facilitator
    for name in args.owner:
        name = name.lstrip("@").strip()
        person = match_participant(name, participants)
        if person is not None:
            owners.append(person.name)
        else:  # the facilitator may own things without being on the roster
            owners.append(facilitator if name.casefold() == facilitator.casefold() else name)
    text = " ".join(args.text.split())
    if kind == "participant":
        options = [f"side:{args.side or 'business'}"] + ([f"has:{args.has}"] if args.has else [])
        fields = parse_capture(f"p x {' '.join(options)}", participants, today).fields
        return {**fields, "name": text, "role": args.role.strip()}
    if not text:
        raise UsageError(f"The {kind} has no text.")
    if kind == "stream":
        from coalition.domain.alignment import Stage, split_list

        return {"name": text, "stages": tuple(Stage(n) for n in split_list(args.stages))}
    if kind == "metric":
        return _metric_fields(args, text)
    if kind == "objective":
        from coalition.commands.record_fields import objective_side_option

        if args.side is None:
            raise UsageError(
                "An objective needs --side business or --side it: which side of the house "
                "wants it (an IT objective then names the one it serves with --serves)."
            )
        return {"text": text, "side": objective_side_option(args.side)}
    if kind == "initiative":
        return {"text": text, "owners": tuple(dict.fromkeys(owners))}
    if kind == "decision":
        from coalition.domain.capture import superseded_id

        return {
            "text": text,
            "owners": tuple(dict.fromkeys(owners)),
            "rationale": args.why,
            "supersedes": superseded_id(args.supersedes),
        }
    if kind == "hands":
        return _hands_fields(args, text)
    if kind == "rating":
        from coalition.domain.progress import RATING_BY_WORD

        level = RATING_BY_WORD.get(args.level.lower())
        if level is None:
            raise UsageError("A rating needs --level green, amber or red.")
        return {"dimension": args.dimension.strip(), "level": level, "comment": text}
    if kind in ("action", "irritant", "win") and len(set(owners)) > 1:
        raise UsageError(f"An {kind} has one owner; give --owner once.")
    owner = owners[0] if owners else ""
    if kind == "win":
        return {"text": text, "owner": owner}
    if kind == "action":
        due = parse_due(args.due, today) if args.due else None
        if args.due and due is None:
            raise UsageError(f"--due {args.due} is not a date: {DUE_HELP}.")
        return {"text": text, "owner": owner, "due": due}
    if kind == "irritant":
        if args.votes < 0:
            raise UsageError("--votes cannot be negative.")
        due = parse_due(args.due, today) if args.due else None
        if args.due and due is None:
            raise UsageError(f"--due {args.due} is not a date: {DUE_HELP}.")
        return {
            "text": text,
            "owner": owner,
            "votes": args.votes,
            "irritates": args.irritates,
            "service": args.service,
            "due": due,
            "raised_on": store.info.date,
        }
    return {"text": text}


def _hands_fields(args: argparse.Namespace, text: str) -> dict[str, Any]:
    """`--yes 9 --present 12 QUESTION`, or `9/12 QUESTION` as the capture line takes it."""
    from coalition.domain.show_of_hands import check_counts, parse_hands

    try:
        if args.yes is None and args.present is None:
            return parse_hands(text)
        if args.yes is None or args.present is None:
            raise ValueError("give both --yes and --present, or start the text with 9/12")
        check_counts(args.yes, args.present)
    except ValueError as error:
        reason = str(error).rstrip(".")
        raise UsageError(f"The show of hands was not saved: {reason}.") from None
    return {"question": text, "yes": args.yes, "present": args.present}


def _metric_fields(args: argparse.Namespace, name: str) -> dict[str, Any]:
    from coalition.domain.alignment import MetricKind, Verdict
    from coalition.domain.roles import Side

    def choose(enum: Any, value: str, option: str) -> Any:
        try:
            return enum(value.lower())
        except ValueError:
            known = ", ".join(member.value for member in enum)
            raise UsageError(f"{option} {value} is not one of {known}.") from None

    return {
        "name": name,
        "audience": args.audience.strip(),
        "audience_side": choose(Side, args.audience_side, "--audience-side"),
        "metric_kind": choose(MetricKind, args.metric_kind, "--metric-kind"),
        "goal": args.goal.strip(),
        "verdict": choose(Verdict, args.verdict, "--verdict"),
        "replacement": args.replacement.strip(),
    }


def _open_for_change(args: argparse.Namespace) -> tuple[SessionStore, bool]:
    """The session's store, open for a change; and whether it was reopened for it."""
    from coalition.services.sessions import reopen_for_change, reserve_client_ids
    from coalition.store import SessionStore

    workspace = workspace_for(args)
    path = workspace.resolve_session(args.session)
    store = SessionStore.open(path)
    try:
        how = "run the same command with --reopen (or open it in the app and reopen it there)"
        reopened = reopen_for_change(store, reopen=args.reopen, how_to_reopen=how)
        reserve_client_ids(workspace, store)
    except BaseException:
        store.close()
        raise
    return store, reopened


def _say_reopened(args: argparse.Namespace, store: SessionStore) -> None:
    from coalition.services.minutes_files import minutes_path

    assert store.path is not None  # opened from a file
    say(
        f"Reopened {store.path}: its minutes {minutes_path(store.path)} are out of date "
        f"until you close it again with `coalition close {args.session}`, which rewrites them.",
        file=sys.stderr,
    )


def _roster_name(store: SessionStore, name: str | None) -> str | None:
    """A stage owner as the roster spells them (`Grace` -> `Grace Kim`), else as typed."""
    from coalition.domain.capture import match_participant

    if not name:
        return name
    person = match_participant(name.lstrip("@").strip(), store.session.participants)
    return person.name if person else name


def cmd_stage(args: argparse.Namespace) -> int:
    from coalition.domain.alignment import Stage, ValueStream, add_stage, set_stage_field

    store, reopened = _open_for_change(args)
    path = store.path
    with store:
        stream = store.get(args.stream_id.upper())
        if not isinstance(stream, ValueStream):
            raise UsageError(f"{stream.id} is a {stream.kind}, not a value stream (V-…).")
        name = " ".join(args.name.split())
        if not name:
            raise UsageError("The stage has no name.")
        names = [s.name.casefold() for s in stream.stages]
        if name.casefold() not in names:
            stream = add_stage(stream, Stage(name))
            names.append(name.casefold())
        index = names.index(name.casefold())
        business_owner, it_owner = (
            _roster_name(store, name) for name in (args.business_owner, args.it_owner)
        )
        for field_name, value in (("systems", args.systems), ("pain_points", args.pain),
                                  ("business_owner", business_owner),
                                  ("it_owner", it_owner)):  # fmt: skip
            if value is not None:
                stream = set_stage_field(stream, index, field_name, value)
        store.put(stream)
    say(f"Saved stage {index + 1} '{name}' of {stream.id} in {path}")
    if reopened:
        _say_reopened(args, store)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from coalition.commands.record_fields import chosen_option, options_given, record_fields

    if args.kind not in KIND_CHOICES:
        import difflib

        close = difflib.get_close_matches(args.kind, KIND_CHOICES, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise UsageError(f"Unknown kind '{args.kind}'.{hint} Use one of {', '.join(KIND_CHOICES)}.")
    store, reopened = _open_for_change(args)
    path = store.path
    with store:
        fields = _add_fields(args, store, dt.date.today())
        fields |= record_fields(args.kind, options_given(args), store)
        fields = chosen_option(fields, fields.get("options", ()))
        if args.kind != "participant":
            step = args.step or store.info.current_step
            if store.info.playbook.step(step) is None:
                steps = ", ".join(s.id for s in store.info.playbook.steps)
                raise UsageError(f"--step {step} is not a step of this session ({steps}).")
            fields["step"] = step
        item = store.add(args.kind, **fields)
        roster = {p.name for p in store.session.participants} | {store.info.facilitator}
    say(f"Saved {item.id} ({args.kind}) in {path}")
    unknown = [name for name in _owners_of(fields) if name not in roster]
    if unknown:
        say(f"Note: {', '.join(unknown)} is not on the coalition roster; add them with "
              f"`coalition add {args.session} participant NAME` if they should be.",
              file=sys.stderr)  # fmt: skip
    if reopened:
        _say_reopened(args, store)
    return 0


def _owners_of(fields: dict[str, Any]) -> list[str]:
    owners = list(fields.get("owners", ()))
    owners += [fields[name] for name in ("owner", "raised_by", "e2e_owner") if fields.get(name)]
    return owners


def cmd_mark(args: argparse.Namespace) -> int:
    from coalition.domain.alignment import Verdict
    from coalition.domain.models import (
        ActionStatus,
        DecisionStatus,
        IrritantStatus,
        Metric,
        Participant,
    )

    status_types: dict[str, type[ActionStatus | DecisionStatus | IrritantStatus]] = {
        "action": ActionStatus,
        "decision": DecisionStatus,
        "irritant": IrritantStatus,
    }

    store, reopened = _open_for_change(args)
    path = store.path
    with store:
        item = store.get(args.item_id.upper())
        if isinstance(item, Participant):  # attendance: who came to this session
            word = args.status.lower()
            if word not in ("present", "absent"):
                raise UsageError(f"Mark a member present or absent, not '{args.status}'.")
            store.put(dataclasses.replace(item, present=word == "present"))
            say(f"Marked {item.id} {item.name} {word} in {path}")
            return 0
        if isinstance(item, Metric):  # a report's verdict: keep, replace, retire, undecided
            try:
                verdict = Verdict(args.status.lower())
            except ValueError:
                known = ", ".join(v.value for v in Verdict)
                raise UsageError(
                    f"Give a metric a verdict ({known}), not '{args.status}'."
                ) from None
            store.put(dataclasses.replace(item, verdict=verdict))
            say(f"Marked {item.id} {verdict.value} in {path}")
            return 0
        status_type = status_types.get(item.kind)
        if status_type is None:
            raise UsageError(f"{item.id} is a {item.kind}, which has no status to mark.")
        try:
            status = status_type(args.status.lower())
        except ValueError:
            known = ", ".join(s.value for s in status_type)
            raise UsageError(
                f"'{args.status}' is not a status of this {item.kind} ({known})."
            ) from None
        store.put(dataclasses.replace(item, status=status))  # type: ignore[arg-type]
    say(f"Marked {item.id} {status.value} in {path}")
    if reopened:
        _say_reopened(args, store)
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    """Close a session and write its final minutes; say what the review would flag."""
    from coalition.services.review import review_gaps
    from coalition.services.sessions import close_session, reopen_for_change
    from coalition.store import SessionStore

    path = workspace_for(args).resolve_session(args.session)
    with SessionStore.open(path) as store:
        facilitator = " ".join((args.facilitator or "").split())
        if args.facilitator is not None and facilitator != store.info.facilitator:
            how = "run the same command with --reopen"
            reopen_for_change(store, reopen=args.reopen, how_to_reopen=how)  # a change
            store.update_info(facilitator=facilitator)
        gaps = review_gaps(store.session)
        target = close_session(store)
    if gaps:
        things = "1 thing" if len(gaps) == 1 else f"{len(gaps)} things"
        print(f"Closed with {things} the minutes lack (fix them with --reopen, then close "
              "again):", file=sys.stderr)  # fmt: skip
        for gap in gaps:
            label = f"{gap.item_id}: " if gap.item_id else ""
            say(f"  {label}{gap.problem}: {gap.text}", file=sys.stderr)
    say(str(target))
    return 0
