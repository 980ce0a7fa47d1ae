"""`coalition playbook list | show | validate | new`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coalition.services.workspace import Workspace, find_workspace
from coalition.visible_text import visible


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
    from rich.text import Text

    from coalition.services.playbook_library import list_playbooks, playbook_folders

    table = Table(title="Playbooks (the first of a name wins)", title_justify="left")
    for column in ("Name", "Version", "Source", "Title", "File"):
        table.add_column(column, overflow="fold")
    for entry in list_playbooks(workspace):
        source = f"{entry.source} (shadowed)" if entry.shadowed else entry.source
        cells = [Text(visible(cell)) for cell in (entry.name, entry.version, source,
                                                  entry.title, str(entry.path))]  # fmt: skip
        if entry.problem:  # a FIFO, a device, a huge file: shown broken, never read
            cells[3] = Text.assemble(("unreadable", "red"), f": {visible(entry.problem)}")
        table.add_row(*cells)  # Text cells: no markup read, no control character printed
    console = Console()
    console.print(table)
    order = ", then ".join(f"{source} {folder}" for source, folder in playbook_folders(workspace))
    console.print(visible(f"Searched in order: {order}"), markup=False, highlight=False)
    return 0


def _playbook_show(workspace: Workspace, name: str) -> int:
    from coalition.services.playbook_library import find_playbook

    playbook = find_playbook(name, workspace)
    total = sum(step.timebox_minutes for step in playbook.steps)
    print(visible(f"{playbook.title} ({playbook.name} {playbook.version}), {total} minutes"))
    if playbook.description:
        print(visible(playbook.description, keep_newlines=True))
    for number, step in enumerate(playbook.steps, 1):
        print()
        print(
            visible(
                f"{number}. {step.title} [{step.id}] {step.timebox_minutes}m "
                f"captures: {', '.join(step.captures)}"
            )
        )
        for prompt in step.prompts:
            print(visible(f"   - {prompt}"))
    return 0


def _playbook_new(workspace: Workspace, name: str, source: str) -> int:
    from coalition.services.playbook_library import copy_playbook

    path = copy_playbook(workspace, name, source)
    print(visible(f"Copied {source} to {path}; edit it, then check it with "
                  f"`coalition playbook validate {path}`."))  # fmt: skip
    return 0


def _playbook_validate(path: Path) -> int:
    from coalition.domain.playbook import check_playbook, read_playbook_text

    playbook, issues = check_playbook(read_playbook_text(path))
    if playbook is None:
        for issue in issues:
            print(visible(issue.format(str(path))), file=sys.stderr)
        print(
            visible(
                f"{path}: {len(issues)} problem(s). The format is described in the README "
                "(Playbooks); `coalition playbook new NAME --from kotter-alignment` gives a "
                "valid one to start from."
            ),
            file=sys.stderr,
        )
        return 1
    print(
        visible(
            f"{path}: valid playbook '{playbook.name}' {playbook.version}, "
            f"{len(playbook.steps)} steps."
        )
    )
    return 0
