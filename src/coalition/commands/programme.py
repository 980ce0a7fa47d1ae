"""`coalition programme CLIENT`: the programme view of a client's sessions, as Markdown
(and an HTML page) beside them; `--check` fails when the file is missing or stale."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coalition.commands import check_up_to_date, client_name, say, workspace_for, write_file
from coalition.errors import UsageError


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
