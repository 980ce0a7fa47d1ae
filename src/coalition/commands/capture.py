"""Commands that capture into a session from the shell: add, mark, stage."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from typing import Any

from coalition.commands import workspace_for
from coalition.errors import UsageError


def _add_fields(args: argparse.Namespace, store: Any, today: dt.date) -> dict[str, Any]:
    """Turn the `add` options into the item's fields, as the capture line would."""
    from coalition.domain.capture import match_participant, parse_capture
    from coalition.domain.dates import DUE_HELP, parse_due

    kind = args.kind
    participants = store.session.participants
    owners = []
    for name in args.owner:
        person = match_participant(name.lstrip("@"), participants)
        owners.append(person.name if person else name.strip())
    text = " ".join(args.text.split())
    if kind == "participant":
        options = [f"side:{args.side}"] + ([f"has:{args.has}"] if args.has else [])
        fields = parse_capture(f"p x {' '.join(options)}", participants, today).fields
        return {**fields, "name": text, "role": args.role.strip()}
    if not text:
        raise UsageError(f"The {kind} has no text.")
    if kind == "stream":
        from coalition.domain.alignment import Stage, split_list

        return {"name": text, "stages": tuple(Stage(n) for n in split_list(args.stages))}
    if kind == "metric":
        return _metric_fields(args, text)
    if kind == "decision":
        return {"text": text, "owners": tuple(dict.fromkeys(owners)), "rationale": args.why}
    if kind in ("action", "irritant") and len(set(owners)) > 1:
        raise UsageError(f"An {kind} has one owner; give --owner once.")
    owner = owners[0] if owners else ""
    if kind == "action":
        due = parse_due(args.due, today) if args.due else None
        if args.due and due is None:
            raise UsageError(f"--due {args.due} is not a date: {DUE_HELP}.")
        return {"text": text, "owner": owner, "due": due}
    if kind == "irritant":
        if args.votes < 0:
            raise UsageError("--votes cannot be negative.")
        return {
            "text": text,
            "owner": owner,
            "votes": args.votes,
            "irritates": args.irritates,
            "service": args.service,
        }
    return {"text": text}


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


def cmd_stage(args: argparse.Namespace) -> int:
    from coalition.domain.alignment import Stage, ValueStream, add_stage, set_stage_field
    from coalition.store import SessionStore

    workspace = workspace_for(args)
    path = workspace.resolve_session(args.session)
    with SessionStore.open(path) as store:
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
        for field_name, value in (("systems", args.systems), ("pain_points", args.pain),
                                  ("business_owner", args.business_owner),
                                  ("it_owner", args.it_owner)):  # fmt: skip
            if value is not None:
                stream = set_stage_field(stream, index, field_name, value)
        store.put(stream)
    print(f"Saved stage {index + 1} '{name}' of {stream.id} in {path}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from coalition.cli import KIND_CHOICES
    from coalition.domain.models import SessionStatus
    from coalition.store import SessionStore

    if args.kind not in KIND_CHOICES:
        raise UsageError(f"Unknown kind '{args.kind}': use one of {', '.join(KIND_CHOICES)}.")
    workspace = workspace_for(args)
    path = workspace.resolve_session(args.session)
    with SessionStore.open(path) as store:
        fields = _add_fields(args, store, dt.date.today())
        if args.kind != "participant":
            step = args.step or store.info.current_step
            if store.info.playbook.step(step) is None:
                steps = ", ".join(s.id for s in store.info.playbook.steps)
                raise UsageError(f"--step {step} is not a step of this session ({steps}).")
            fields["step"] = step
        item = store.add(args.kind, **fields)
        closed = store.info.status is SessionStatus.CLOSED
        roster = {p.name for p in store.session.participants}
    print(f"Saved {item.id} ({args.kind}) in {path}")
    unknown = [name for name in _owners_of(fields) if name not in roster]
    if unknown:
        print(f"Note: {', '.join(unknown)} is not on the coalition roster; add them with "
              f"`coalition add {args.session} participant NAME` if they should be.",
              file=sys.stderr)  # fmt: skip
    if closed:
        print(f"Note: this session is closed, so its minutes are now out of date; run "
              f"`coalition minutes {args.session}`.", file=sys.stderr)  # fmt: skip
    return 0


def _owners_of(fields: dict[str, Any]) -> list[str]:
    owners = list(fields.get("owners", ()))
    if fields.get("owner"):
        owners.append(fields["owner"])
    return owners


def cmd_mark(args: argparse.Namespace) -> int:
    from coalition.domain.models import ActionStatus, DecisionStatus, IrritantStatus
    from coalition.store import SessionStore

    status_types: dict[str, type[ActionStatus | DecisionStatus | IrritantStatus]] = {
        "action": ActionStatus,
        "decision": DecisionStatus,
        "irritant": IrritantStatus,
    }

    workspace = workspace_for(args)
    path = workspace.resolve_session(args.session)
    with SessionStore.open(path) as store:
        item = store.get(args.item_id.upper())
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
    print(f"Marked {item.id} {status.value} in {path}")
    return 0
