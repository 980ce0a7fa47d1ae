"""What each command does; `cli.py` only parses arguments.

Each command's module is imported when that command runs, so a headless command loads only
what it needs (and never Textual).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import TextIO

from coalition.services.workspace import Workspace, find_workspace
from coalition.visible_text import visible

# What `coalition add` captures, in the order its help lists them.
KIND_CHOICES = (
    "decision", "action", "irritant", "note", "participant", "stream", "metric", "win", "rating",
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
    "close": ("capture", "cmd_close"),
    "minutes": ("reports", "cmd_minutes"),
    "actions": ("reports", "cmd_actions"),
    "irritants": ("registers", "cmd_irritants"),
    "decisions": ("registers", "cmd_decisions"),
    "programme": ("programme", "cmd_programme"),
    "playbook": ("playbooks", "cmd_playbook"),
}


def dispatch(args: argparse.Namespace) -> int:
    module_name, function_name = HANDLERS[args.command]
    module = importlib.import_module(f"coalition.commands.{module_name}")
    result: int = getattr(module, function_name)(args)
    return result


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
