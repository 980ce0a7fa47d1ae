"""What each command does; `cli.py` only parses arguments.

Textual is imported only inside `cmd_open_app` and `cmd_run`, so headless commands start fast.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from coalition.errors import CoalitionError, UsageError
from coalition.workspace import Workspace, find_workspace, init_workspace


def dispatch(args: argparse.Namespace) -> int:
    handler = {
        None: cmd_open_app,
        "init": cmd_init,
        "new": cmd_new,
        "list": cmd_list,
        "add": cmd_add,
        "minutes": cmd_minutes,
        "playbook": cmd_playbook,
        "run": cmd_run,
        "mark": cmd_mark,
        "stage": cmd_stage,
        "actions": cmd_actions,
    }[args.command]
    return handler(args)


def _workspace(args: argparse.Namespace) -> Workspace:
    workspace = find_workspace(args.workspace)
    if workspace.how == "per-user":
        print(
            f"Using the per-user workspace {workspace.root} (no coalition.toml or sessions/ "
            "here or above; `coalition init` makes a workspace in this folder).",
            file=sys.stderr,
        )
    return workspace


def cmd_init(args: argparse.Namespace) -> int:
    root = Path(args.directory).expanduser().resolve()
    _, created = init_workspace(root)
    for path in created:
        print(f"created {path}")
    print(f"Workspace ready in {root}. Next: coalition new --client NAME --title TITLE")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from coalition.playbook_library import DEFAULT_PLAYBOOK, find_playbook
    from coalition.sessions import start_session

    workspace = _workspace(args)
    settings = workspace.settings()
    playbook = find_playbook(
        args.playbook or settings.get("default_playbook", DEFAULT_PLAYBOOK), workspace
    )
    facilitator = (
        args.facilitator if args.facilitator is not None else settings.get("facilitator", "")
    )
    with start_session(
        workspace,
        client=args.client,
        title=args.title,
        playbook=playbook,
        facilitator=facilitator,
        date=args.date,
    ) as store:
        print(
            f"Started '{store.info.title}' for {store.info.client} with playbook "
            f"{playbook.name} {playbook.version} ({len(playbook.steps)} steps)."
        )
        print(store.path)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from coalition.sessions import summarize_sessions

    workspace = _workspace(args)
    summaries = summarize_sessions(workspace)
    console = Console()
    if not summaries:
        console.print(
            f"No sessions in {workspace.sessions_dir} yet. Start one with "
            "`coalition new --client NAME --title TITLE`.",
            markup=False,
        )
        return 0
    table = Table(title=f"Sessions in {workspace.root}", title_justify="left")
    for column in ("Date", "Client", "Title", "Status", "Open actions", "File"):
        table.add_column(column, overflow="fold")
    for s in summaries:
        file = str(s.path.relative_to(workspace.root))
        if s.problem:
            table.add_row("", "", f"[red]unreadable[/]: {s.problem}", "", "", file)
        else:
            table.add_row(s.date, s.client, s.title, s.status, str(s.open_actions), file)
    console.print(table)
    return 0


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

    workspace = _workspace(args)
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
    workspace = _workspace(args)
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


def cmd_minutes(args: argparse.Namespace) -> int:
    from coalition.store import read_session

    workspace = find_workspace(args.workspace)
    path = workspace.resolve_session(args.session)
    session = read_session(path)
    if args.format == "html":
        from coalition.minutes.export import render_html

        return _write_output(render_html(session), args.output, path.with_suffix(".html"))
    if args.format == "json":
        from coalition.minutes.export import render_json

        return _write_output(render_json(session), args.output or "-", None)
    from coalition.minutes import render_minutes

    text = render_minutes(session)
    target = path.with_suffix(".md")
    if args.check:
        if args.output:
            raise UsageError("--check compares the minutes beside the session; drop -o.")
        return _check_minutes(path, target, text)
    return _write_output(text, args.output, target)


def _check_minutes(path: Path, target: Path, text: str) -> int:
    try:
        current = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        print(
            f"Minutes missing: {target} does not exist. Run `coalition minutes {path}`.",
            file=sys.stderr,
        )
        return 1
    if current != text:
        print(
            f"Minutes out of date: {target} differs from {path}. Run "
            f"`coalition minutes {path}` and commit the result.",
            file=sys.stderr,
        )
        return 1
    print(f"Minutes up to date: {target}")
    return 0


def _write_output(text: str, output: str | None, default: Path | None) -> int:
    """Write to `output` (`-` is stdout), else beside the session; print where."""
    from coalition.store.atomic_storage import write_atomically

    if output == "-" or (output is None and default is None):
        sys.stdout.write(text)
        return 0
    target = Path(output) if output else default
    assert target is not None
    try:
        write_atomically(target, text.encode("utf-8"))
    except OSError as error:
        raise CoalitionError(
            f"Cannot write {target}: {error.strerror}. Choose a folder you may write in "
            "(-o FILE), or print to the terminal with -o -.",
            title="Not written",
        ) from error
    print(target)
    return 0


def cmd_mark(args: argparse.Namespace) -> int:
    from coalition.domain.models import ActionStatus, DecisionStatus, IrritantStatus
    from coalition.store import SessionStore

    status_types: dict[str, type[ActionStatus | DecisionStatus | IrritantStatus]] = {
        "action": ActionStatus,
        "decision": DecisionStatus,
        "irritant": IrritantStatus,
    }

    workspace = _workspace(args)
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


def cmd_actions(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from coalition.sessions import action_overview

    workspace = _workspace(args)
    today = dt.date.today()
    rows = action_overview(workspace, client=args.client, open_only=args.open, today=today)
    console = Console()
    if not rows:
        console.print("No action items match.", markup=False)
        return 0
    table = Table(title=f"Action items in {workspace.root}", title_justify="left")
    for column in ("Client", "ID", "Action", "Owner", "Due", "Status", "Age", "Session"):
        table.add_column(column, overflow="fold")
    for row in rows:
        style = "bold red" if row.overdue else None
        due = row.action.due.isoformat() if row.action.due else "—"
        if row.overdue:
            due += " OVERDUE"
        table.add_row(row.client, row.action.id, row.action.text, row.action.owner or "—", due,
                      row.action.status.value, f"{row.age_days} d", row.session,
                      style=style)  # fmt: skip
    console.print(table)
    return 0


def cmd_playbook(args: argparse.Namespace) -> int:
    workspace = find_workspace(args.workspace)
    if args.playbook_command == "list":
        return _playbook_list(workspace)
    if args.playbook_command == "show":
        return _playbook_show(workspace, args.name)
    if args.playbook_command == "new":
        return _playbook_new(workspace, args.name, args.source)
    return _playbook_validate(args.path)


def _playbook_list(workspace: Workspace) -> int:
    from rich.console import Console
    from rich.table import Table

    from coalition.playbook_library import list_playbooks, playbook_folders

    table = Table(title="Playbooks (the first of a name wins)", title_justify="left")
    for column in ("Name", "Version", "Source", "Title", "File"):
        table.add_column(column, overflow="fold")
    for entry in list_playbooks(workspace):
        source = f"{entry.source} (shadowed)" if entry.shadowed else entry.source
        table.add_row(entry.name, entry.version, source, entry.title, str(entry.path))
    console = Console()
    console.print(table)
    order = ", then ".join(f"{source} {folder}" for source, folder in playbook_folders(workspace))
    console.print(f"Searched in order: {order}", markup=False, highlight=False)
    return 0


def _playbook_show(workspace: Workspace, name: str) -> int:
    from coalition.playbook_library import find_playbook

    playbook = find_playbook(name, workspace)
    total = sum(step.timebox_minutes for step in playbook.steps)
    print(f"{playbook.title} ({playbook.name} {playbook.version}), {total} minutes")
    if playbook.description:
        print(playbook.description)
    for number, step in enumerate(playbook.steps, 1):
        print(
            f"\n{number}. {step.title} [{step.id}] {step.timebox_minutes}m "
            f"captures: {', '.join(step.captures)}"
        )
        for prompt in step.prompts:
            print(f"   - {prompt}")
    return 0


def _playbook_new(workspace: Workspace, name: str, source: str) -> int:
    from coalition.playbook_library import copy_playbook

    path = copy_playbook(workspace, name, source)
    print(f"Copied {source} to {path}; edit it, then check it with "
          f"`coalition playbook validate {path}`.")  # fmt: skip
    return 0


def _playbook_validate(path: Path) -> int:
    from coalition.domain.playbook import check_playbook
    from coalition.errors import PlaybookError

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlaybookError(f"Cannot read {path}: {error}.") from error
    playbook, issues = check_playbook(text)
    if playbook is None:
        for issue in issues:
            print(issue.format(str(path)), file=sys.stderr)
        print(
            f"{path}: {len(issues)} problem(s). The format is described in the README "
            "(Playbooks); `coalition playbook new NAME --from kotter-alignment` gives a valid "
            "one to start from.",
            file=sys.stderr,
        )
        return 1
    print(
        f"{path}: valid playbook '{playbook.name}' {playbook.version}, {len(playbook.steps)} steps."
    )
    return 0


def cmd_open_app(args: argparse.Namespace) -> int:
    """`coalition` with no command: the app, on the workspace's Home screen."""
    from coalition.tui.app import run_app

    return run_app(_workspace(args), None)


def cmd_run(args: argparse.Namespace) -> int:
    """`coalition run SESSION`: the app, straight into a session (resumed at its step)."""
    from coalition.store import read_session

    workspace = find_workspace(args.workspace)
    path = workspace.resolve_session(args.session)
    read_session(path)  # an unreadable file is reported here, before the screen changes

    from coalition.tui.app import run_app

    return run_app(workspace, path)
