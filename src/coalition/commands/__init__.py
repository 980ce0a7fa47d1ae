"""What each command does; `cli.py` only parses arguments.

Each command's module is imported when that command runs, so a headless command loads only
what it needs (and never Textual).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import TextIO

from coalition.errors import CoalitionError, UsageError
from coalition.services.workspace import Workspace, find_workspace
from coalition.visible_text import visible

# What `coalition add` captures, in the order its help lists them.
KIND_CHOICES = (
    "decision", "action", "irritant", "note", "participant", "stream", "metric", "win", "rating",
    "hands",
    "objective", "initiative",
)  # fmt: skip

HANDLERS = {
    None: ("sessions", "cmd_open_app"),
    "init": ("sessions", "cmd_init"),
    "new": ("sessions", "cmd_new"),
    "list": ("sessions", "cmd_list"),
    "run": ("sessions", "cmd_run"),
    "add": ("capture", "cmd_add"),
    "mark": ("capture", "cmd_mark"),
    "stage": ("capture", "cmd_stage"),
    "member": ("members", "cmd_member"),
    "edit": ("record_edit", "cmd_edit"),
    "close": ("capture", "cmd_close"),
    "minutes": ("reports", "cmd_minutes"),
    "check": ("checks", "cmd_check"),
    "actions": ("reports", "cmd_actions"),
    "irritants": ("registers", "cmd_irritants"),
    "decisions": ("registers", "cmd_decisions"),
    "programme": ("programme", "cmd_programme"),
    "playbook": ("playbooks", "cmd_playbook"),
    "room": ("room", "cmd_room"),
}


def dispatch(args: argparse.Namespace) -> int:
    module_name, function_name = HANDLERS[args.command]
    module = importlib.import_module(f"coalition.commands.{module_name}")
    result: int = getattr(module, function_name)(args)
    return result


def check_up_to_date(what: str, target: Path, text: str, source: str, command: str) -> int:
    """`--check`: 0 when `target` holds exactly `text`, else 1 with what to run (for CI)."""
    try:
        current = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        say(f"{what} missing: {target} does not exist. Run `{command}`.", file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError) as error:
        raise CoalitionError(f"Cannot read {target}: {error}.", title="Not checked") from error
    if current != text:
        say(f"{what} out of date: {target} differs from {source}. Run `{command}` and commit "
            "the result.", file=sys.stderr)  # fmt: skip
        return 1
    say(f"{what} up to date: {target}")
    return 0


def write_file(target: Path, text: str) -> None:
    """Write an output file atomically; a clear error names the file when it cannot."""
    from coalition.store.atomic_storage import write_atomically

    try:
        write_atomically(target, text.encode("utf-8"))
    except OSError as error:
        raise CoalitionError(
            f"Cannot write {target}: {error.strerror or error}. Choose a folder you may write "
            "in (-o FILE), or print to the terminal with -o -.",
            title="Not written",
        ) from error


def say(text: str, *, file: TextIO | None = None) -> None:
    """Print a line that may quote session data, with control characters made visible."""
    print(visible(text), file=file or sys.stdout)


def workspace_for(args: argparse.Namespace) -> Workspace:
    workspace = find_workspace(args.workspace)
    if workspace.how == "per-user":
        print(
            visible(
                f"Using the per-user workspace {workspace.root} (no coalition.toml or sessions/ "
                "here or above; `coalition init` makes a workspace in this folder)."
            ),
            file=sys.stderr,
        )
    return workspace


def client_name(workspace: Workspace, reference: str) -> str:
    """The client a folder of sessions belongs to (`acme-corp` -> `Acme Corp`), else the
    reference itself: a client is named as people write it, or as its folder is."""
    from coalition.services.carry_forward import same_client
    from coalition.store import read_session_summary

    folder = workspace.sessions_dir / reference
    if Path(reference).name != reference or reference in ("", ".", "..") or not folder.is_dir():
        return reference
    names: list[str] = []
    for path in sorted(folder.glob("*.json")):
        try:
            client = read_session_summary(path)[0].client
        except CoalitionError:
            continue  # `coalition list` says why
        if workspace.client_dir(client) == folder and not any(
            same_client(client, n) for n in names
        ):
            names.append(client)
    if len(names) > 1:
        raise UsageError(
            f"The folder {folder} holds sessions of {len(names)} clients ({', '.join(names)}); "
            "give the client's name."
        )
    return names[0] if names else reference


def client_option(workspace: Workspace, reference: str | None) -> str | None:
    """`--client`: the client's name as people write it, or its folder's name."""
    return None if reference is None else client_name(workspace, reference)
