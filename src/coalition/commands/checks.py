"""`coalition check SESSION`: the session's alignment findings, for people and for scripts.

Each finding has a stable code (docs/checks.md), the IDs of the items it concerns and a
one-line message. Exit 0 when every check passes, 1 when there are findings, 2 for bad
input. `coalition check --codes` lists every check with the seed idea it comes from.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from coalition.commands import say
from coalition.errors import UsageError
from coalition.services.workspace import find_workspace

FORMAT_VERSION = 1


def cmd_check(args: argparse.Namespace) -> int:
    if args.codes:
        if args.session is not None:
            raise UsageError("--codes lists every check; drop the SESSION (or drop --codes).")
        return _print_codes(args.format)
    if args.session is None:
        raise UsageError(
            "coalition check: give a SESSION (a file, or a unique prefix of its name), or "
            "--codes for the list of checks. Run `coalition check --help` for its options."
        )
    from coalition.domain.checks import alignment_checks
    from coalition.store import read_session

    path = find_workspace(args.workspace).resolve_session(args.session)
    findings = alignment_checks(read_session(path))
    if args.format == "json":
        _print_json(
            "coalition-check",
            "findings",
            [{"code": f.code, "items": list(f.items), "message": f.message} for f in findings],
        )
    elif findings:
        for finding in findings:
            say(f"{finding.code}: {finding.message}")
    else:
        say(f"Every alignment check passes: {path}")
    return 1 if findings else 0


def _print_codes(fmt: str) -> int:
    from coalition.domain.checks import CATALOGUE

    if fmt == "json":
        _print_json(
            "coalition-check-codes",
            "checks",
            [{"code": c.code, "title": c.title, "seed": c.seed} for c in CATALOGUE],
        )
        return 0
    for check in CATALOGUE:
        say(f"{check.code}: {check.title}. {check.seed}")
    return 0


def _print_json(name: str, key: str, entries: list[dict[str, Any]]) -> None:
    from coalition.minutes.html_and_json import json_text

    envelope = {"format": name, "format_version": FORMAT_VERSION, key: entries}
    sys.stdout.write(json_text(envelope))
