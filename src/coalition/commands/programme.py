"""`coalition programme CLIENT`: the programme view of a client's sessions, as Markdown
(and an HTML page) beside them; `--check` fails when the file is missing or stale."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coalition.commands import check_up_to_date, say, workspace_for, write_file
from coalition.errors import CoalitionError, UsageError
from coalition.services.workspace import Workspace


def cmd_programme(args: argparse.Namespace) -> int:
    from coalition.minutes.programme import render_programme
    from coalition.services.programme import PROGRAMME_FILE, client_programme

    if args.output == "-" and args.html:
        raise UsageError("--html writes programme.html beside the Markdown; drop -o - for it.")
    if args.check and args.output:
        raise UsageError("--check compares the programme beside the sessions; drop -o.")
    workspace = workspace_for(args)
    folder, programme = client_programme(workspace, client_name(workspace, args.client))
    if programme.clashes:
        ids = list(dict.fromkeys(clash.id for clash in programme.clashes))
        names = f"{ids[0]} names" if len(ids) == 1 else f"{', '.join(ids)} each name"
        say(f"Warning: {names} two different items, in sessions that did not carry them from "
            "one another (two laptops, say). See the ID clashes section of the programme and "
            "docs/programme.md before starting the next session.", file=sys.stderr)  # fmt: skip
    if args.output == "-":
        sys.stdout.write(render_programme(programme))
        return 0
    target = Path(args.output) if args.output else folder / PROGRAMME_FILE
    outputs = [(target, render_programme(programme))]
    if args.html:
        from coalition.minutes.programme_html import render_programme_html

        outputs.append((target.with_suffix(".html"), render_programme_html(programme)))
    if args.check:
        command = f'coalition programme "{args.client}"'
        return max(
            check_up_to_date("Programme", path, text, "the sessions", command)
            for path, text in outputs
        )
    for path, text in outputs:
        write_file(path, text)
        say(str(path))
    return 0


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
