"""`coalition playbook list | show | validate | new`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from coalition.services.workspace import Workspace, find_workspace
from coalition.visible_text import visible


def cmd_playbook(args: argparse.Namespace) -> int:
    workspace = find_workspace(args.workspace)
    if args.playbook_command == "list":
        return _playbook_list(workspace, args.format)
    if args.playbook_command == "show":
        return _playbook_show(workspace, args.name)
    if args.playbook_command == "new":
        return _playbook_new(workspace, args.name, args.source)
    return _playbook_validate(args.path)


def _playbook_list(workspace: Workspace, fmt: str | None) -> int:
    from coalition.commands.listing import Column, Listing, Row, print_listing, unreadable
    from coalition.services.playbook_library import list_playbooks, playbook_folders

    rows = [
        Row(
            {
                "name": entry.name,
                "version": None if entry.problem else entry.version,
                "source": entry.source,
                "shadowed": entry.shadowed,
                "title": None if entry.problem else entry.title,
                "file": str(entry.path),
                "problem": entry.problem or None,  # a FIFO, a device, a huge file: never read
            },
            style="red" if entry.problem else None,
        )
        for entry in list_playbooks(workspace)
    ]
    columns = (
        Column("name", "Name"),
        Column("version", "Version", short=True),
        Column("source", "Source", table_text=_source_in_table),
        Column("shadowed", "Shadowed", in_table=False),
        Column("title", "Title"),
        Column("file", "File"),
        Column("problem", "Problem", optional=True, text=unreadable),
    )
    order = ", then ".join(f"{source} {folder}" for source, folder in playbook_folders(workspace))
    listing = Listing(
        name="playbooks",
        version=1,
        title="Playbooks (the first of a name wins)",
        columns=columns,
        rows=rows,
        empty="No playbooks found.",
        footer=f"Searched in order: {order}",
    )
    return print_listing(listing, fmt)


def _source_in_table(record: Mapping[str, Any]) -> str:
    return f"{record['source']} (shadowed)" if record["shadowed"] else str(record["source"])


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
    from coalition.services.playbook_library import playbook_version_warning

    warning = playbook_version_warning(playbook)
    if warning:
        print(visible(f"{path}: warning: {warning}"), file=sys.stderr)
    return 0
