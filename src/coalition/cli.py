"""The command line. Only `coalition` (no command) and `coalition run` load Textual.

Every expected failure is a CoalitionError: one paragraph on stderr, a non-zero exit code,
no traceback, and the session file untouched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from coalition import __version__
from coalition.commands import KIND_CHOICES
from coalition.commands.listing import FORMAT_HELP, FORMATS
from coalition.commands.record_fields import add_record_options
from coalition.errors import CoalitionError, UsageError
from coalition.visible_text import visible

REOPEN_HELP = "change a closed session: it opens again (close it with `coalition close`)"

# Words people type for what a command does, when difflib finds no command that looks alike.
COMMAND_HINTS = {
    "export": "To export a session, use `coalition minutes SESSION --format html` "
    "(or --format json)",
    "html": "For an HTML page, use `coalition minutes SESSION --format html`",
    "json": "For the session's data as JSON, use `coalition minutes SESSION --format json`",
    "open": "Did you mean 'run'?",
    "start": "Did you mean 'new'?",
    "create": "Did you mean 'new'?",
    "show": "Did you mean 'playbook show'?",
    "validate": "Did you mean 'playbook validate'?",
}


class CommandLineParser(argparse.ArgumentParser):
    """argparse, where a mistake is one paragraph (a UsageError, exit 2) instead of the usage
    text, and a mistyped command or playbook action gets the one it most looks like."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}. Run `{self.prog} --help` for its options.")

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if isinstance(action, argparse._SubParsersAction) and value not in action.choices:
            raise UsageError(self._unknown_command(str(value), list(action.choices)))
        super()._check_value(action, value)

    def _unknown_command(self, typed: str, commands: list[str]) -> str:
        import difflib  # only on this error path: start-up stays fast

        words = self.prog.split()[1:]  # [] for `coalition`, ["playbook"] for its actions
        unknown = " ".join([*words, typed])
        close = difflib.get_close_matches(typed, commands, n=1)
        if not words and typed.lower() in COMMAND_HINTS:
            hint = COMMAND_HINTS[typed.lower()]
        elif close:
            hint = f"Did you mean '{' '.join([*words, close[0]])}'?"
        else:
            kind = " ".join([*words, "commands"])
            hint = f"The {kind} are: {', '.join(commands)}"
        hint = hint if hint.endswith("?") else hint + "."
        return f"Unknown command '{unknown}'. {hint} `{self.prog} --help` says what each does."


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2026-12-01") from None


def _listing_format(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The `--format` every listing command takes (docs/export-json.md for json)."""
    parser.add_argument("--format", choices=FORMATS, default=None, help=FORMAT_HELP)
    return parser


ROOM_FLAGS = ("room_bind", "room_port", "room_anonymous", "room_cert", "room_key")


def _room_flags(parser: argparse.ArgumentParser, default: Any) -> None:
    """The app's room options (F8), for `coalition` and `coalition run SESSION` alike."""
    parser.add_argument("--room-bind", metavar="ADDR", default=default,
                        help="F8's room: address (default all interfaces; 127.0.0.1 behind a "
                        "tunnel of your own)")  # fmt: skip
    parser.add_argument("--room-port", type=int, metavar="N", default=default,
                        help="F8's room: port (default the first free from 8700)")  # fmt: skip
    parser.add_argument("--room-anonymous", action="store_true",
                        default=False if default is None else default,
                        help="F8's room: no card carries a name")  # fmt: skip
    parser.add_argument("--room-cert", metavar="FILE", default=default,
                        help="F8's room: serve HTTPS with this certificate")  # fmt: skip
    parser.add_argument("--room-key", metavar="FILE", default=default,
                        help="F8's room: the certificate's private key")  # fmt: skip


def _only_for_the_app(args: argparse.Namespace) -> None:
    """The room flags open the app's room: another command would silently ignore them."""
    if args.command in (None, "run"):
        return
    given = [name for name in ROOM_FLAGS if getattr(args, name) not in (None, False)]
    if given:
        flag = "--" + given[0].replace("_", "-")
        raise UsageError(
            f"{flag} is for the app's room: use it with `coalition` or `coalition run "
            f"SESSION` (`coalition room` takes --bind, --port, --anonymous, --cert, --key)."
        )


def build_parser() -> argparse.ArgumentParser:
    parser = CommandLineParser(
        prog="coalition",
        description="Run guiding-coalition workshops (Kotter's eight steps and the four "
        "business-IT alignment actions) and write Markdown minutes. With no command, "
        "opens the application.",
    )
    parser.add_argument("--version", action="version", version=f"coalition {__version__}")
    parser.add_argument("--workspace", metavar="DIR", help="the workspace folder to use")
    _room_flags(parser, default=None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="make a workspace (sessions/, playbooks/)")
    init.add_argument("directory", nargs="?", default=".", metavar="DIR")

    new = commands.add_parser("new", help="start a session; prints the new file's path last")
    new.add_argument("--client", required=True, help="the client (organization) name")
    new.add_argument("--title", required=True, help="the session's title")
    new.add_argument("--playbook", help="playbook name or path (default: kotter-alignment)")
    new.add_argument("--facilitator", default=None, help="who facilitates")
    new.add_argument("--date", type=_date, help="YYYY-MM-DD (default: today)")
    new.add_argument(
        "--fresh",
        action="store_true",
        help="start empty instead of from the client's latest session",
    )

    _listing_format(commands.add_parser("list", help="list the workspace's sessions"))

    add = commands.add_parser("add", help="capture an item in a session")
    add.add_argument("session", metavar="SESSION", help="session file, or a unique name prefix")
    add.add_argument("kind", metavar="KIND", help=f"one of {', '.join(KIND_CHOICES)}")
    add.add_argument("text", metavar="TEXT", help="the item's text (a participant's name)")
    add.add_argument(
        "--owner", action="append", default=[], help="owner (repeat for decisions, initiatives)"
    )
    add.add_argument("--due", help="due date of an action or irritant: YYYY-MM-DD, fri, +7d")
    add.add_argument("--step", help="step id (default: the session's current step)")
    add.add_argument("--votes", type=int, default=0, help="an irritant's votes")
    add.add_argument("--irritates", default="", help="who an irritant irritates")
    add.add_argument("--service", default="", help="the service an irritant concerns")
    add.add_argument("--why", default="", help="a decision's rationale")
    add.add_argument("--role", default="", help="a participant's role")
    add.add_argument(
        "--side",
        default=None,
        help="a participant's side: business (the "
        "default), it or external; an objective's (required): business or it",
    )
    add.add_argument("--has", default="", help="qualities: power,expertise,credibility,leadership")
    add.add_argument("--stages", default="", help="a value stream's stages: 'Order; Pay; Ship'")
    add.add_argument("--audience", default="", help="who receives a metric or report")
    add.add_argument("--audience-side", default="business", help="business, it or external")
    add.add_argument("--metric-kind", default="technology", help="technology or business-outcome")
    add.add_argument("--goal", default="", help="the business goal a metric serves")
    add.add_argument("--verdict", default="undecided", help="keep, replace, retire, undecided")
    add.add_argument("--replacement", default="", help="the metric that replaces this one")
    add.add_argument("--supersedes", default="", help="the decision this one replaces: D-3")
    add.add_argument("--level", default="", help="a rating's level: green, amber or red")
    add.add_argument("--dimension", default="", help="what a rating rates (default: the step)")
    add.add_argument("--yes", type=int, help="a show of hands: how many said yes")
    add.add_argument("--present", type=int, help="a show of hands: how many were present")
    add.add_argument("--reopen", action="store_true", help=REOPEN_HELP)
    add_record_options(add)

    edit = commands.add_parser("edit", help="change a captured item's text, owners or record")
    edit.add_argument("session", metavar="SESSION")
    edit.add_argument("item_id", metavar="ID", help="e.g. I-3, D-2, V-1")
    edit.add_argument("--text", help="the item's new text (a stream's or metric's name)")
    edit.add_argument("--owner", action="append", default=None, metavar="NAME",
                      help="owner (repeat for decisions, initiatives); '' for none")  # fmt: skip
    edit.add_argument("--due", metavar="DATE", help="an action's or irritant's due ('' clears)")
    edit.add_argument("--supersedes", default=None, metavar="ID", help="the decision replaced")
    edit.add_argument("--why", default=None, metavar="TEXT", help="a decision's rationale")
    edit.add_argument("--side", default=None, help="an objective's side: business or it")
    edit.add_argument("--reopen", action="store_true", help=REOPEN_HELP)
    add_record_options(edit)

    stage = commands.add_parser("stage", help="add or change a stage of a value stream")
    stage.add_argument("session", metavar="SESSION")
    stage.add_argument("stream_id", metavar="STREAM", help="the value stream's ID, e.g. V-1")
    stage.add_argument("name", metavar="NAME", help="the stage (added when new)")
    stage.add_argument("--systems", help="comma-separated systems that support the stage")
    stage.add_argument("--business-owner", help="who in the business owns the stage")
    stage.add_argument("--it-owner", help="who in IT owns the stage")
    stage.add_argument("--pain", help="comma-separated pain points")
    stage.add_argument("--reopen", action="store_true", help=REOPEN_HELP)

    member = commands.add_parser(
        "member", help="change a coalition member's name, role, side or qualities"
    )
    member.add_argument("session", metavar="SESSION")
    member.add_argument("member_id", metavar="ID", help="the member's ID, e.g. P-2")
    member.add_argument("--name", help="a new name (the items they own follow it)")
    member.add_argument("--role", help="a new role ('' clears it)")
    member.add_argument("--side", help="business, it or external")
    member.add_argument("--has", help="their qualities, replacing the old: power,leadership")
    member.add_argument("--reopen", action="store_true", help=REOPEN_HELP)

    minutes = commands.add_parser("minutes", help="write a session's Markdown minutes")
    minutes.add_argument("session", metavar="SESSION")
    minutes.add_argument("-o", "--output", metavar="FILE", help="where to write; - for stdout")
    minutes.add_argument(
        "--check", action="store_true", help="write nothing; fail if the minutes are stale"
    )
    minutes.add_argument(
        "--format",
        choices=("markdown", "html", "json"),
        default="markdown",
        help="markdown (default), a self-contained html page, or the session's data as json",
    )

    check = commands.add_parser(
        "check",
        help="a session's alignment findings; exit 1 when there are any",
        description="Print the session's alignment findings, one per line: its stable code, "
        "then a message naming the items (docs/checks.md). Exits 0 when every check passes, "
        "1 when there are findings, 2 for bad input.",
    )
    check.add_argument("session", metavar="SESSION", nargs="?", help="session file or prefix")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    check.add_argument(
        "--codes", action="store_true", help="list every check's code and the seed idea behind it"
    )

    mark = commands.add_parser(
        "mark", help="set an item's status, a metric's verdict or a member's attendance"
    )
    mark.add_argument("session", metavar="SESSION")
    mark.add_argument("item_id", metavar="ID", help="e.g. A-3")
    mark.add_argument(
        "status",
        metavar="STATUS",
        help="e.g. done, dropped, removed, publicized; retire; present, absent",
    )
    mark.add_argument("--reopen", action="store_true", help=REOPEN_HELP)

    close = commands.add_parser("close", help="close a session and write its final minutes")
    close.add_argument("session", metavar="SESSION")
    close.add_argument("--facilitator", default=None, help="name the facilitator first")
    close.add_argument("--reopen", action="store_true", help=REOPEN_HELP)

    actions = commands.add_parser("actions", help="action items across the sessions")
    actions.add_argument("--client", help="only this client's sessions")
    actions.add_argument("--open", action="store_true", help="only open actions")
    _listing_format(actions)

    irritants = commands.add_parser("irritants", help="the irritant register across sessions")
    irritants.add_argument("--client", help="only this client's sessions")
    irritants.add_argument(
        "--open", action="store_true", help="only irritants whose removal is not yet publicized"
    )
    _listing_format(irritants)

    decisions = commands.add_parser("decisions", help="the decision log across sessions")
    decisions.add_argument("--client", help="only this client's sessions")
    _listing_format(decisions)

    programme = commands.add_parser(
        "programme", help="a client's sessions as one programme: programme.md beside them"
    )
    programme.add_argument("client", metavar="CLIENT", help="the client's name or folder")
    programme.add_argument("-o", "--output", metavar="FILE", help="where to write; - for stdout")
    programme.add_argument(
        "--check", action="store_true", help="write nothing; fail if the file is stale"
    )
    programme.add_argument("--html", action="store_true", help="also write programme.html")

    playbook = commands.add_parser("playbook", help="list, show or validate playbooks")
    playbook_commands = playbook.add_subparsers(dest="playbook_command", metavar="ACTION")
    playbook_commands.required = True
    _listing_format(
        playbook_commands.add_parser("list", help="playbooks by precedence, with their source")
    )
    show = playbook_commands.add_parser("show", help="print a playbook's steps")
    show.add_argument("name", metavar="NAME")
    validate = playbook_commands.add_parser("validate", help="check a playbook file")
    validate.add_argument("path", metavar="PATH", type=Path)
    copy = playbook_commands.add_parser("new", help="copy a playbook into the workspace")
    copy.add_argument("name", metavar="NAME", help="the new playbook's name")
    copy.add_argument("--from", dest="source", default="kotter-alignment", metavar="PLAYBOOK")

    room = commands.add_parser(
        "room", help="serve the room: participants write and vote from their own devices"
    )
    room.add_argument("session", metavar="SESSION")
    room.add_argument("--bind", metavar="ADDR", help="default: all interfaces (0.0.0.0)")
    room.add_argument("--port", type=int, default=None, help="default: first free from 8700")
    room.add_argument("--anonymous", action="store_true", help="cards never carry a name")
    room.add_argument("--cert", metavar="FILE", help="serve HTTPS with this certificate (PEM)")
    room.add_argument("--key", metavar="FILE", help="the certificate's private key (PEM)")
    room.add_argument("--reopen", action="store_true", help=REOPEN_HELP)

    run = commands.add_parser("run", help="open a session in the application")
    run.add_argument("session", metavar="SESSION")
    _room_flags(run, default=argparse.SUPPRESS)  # given before `run`, the top-level ones hold
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    _show_undecodable_bytes()
    try:
        args = build_parser().parse_args(argv)
        _only_for_the_app(args)
        from coalition import commands

        return commands.dispatch(args)
    except CoalitionError as error:
        # Names and paths in a message come from people and files: shown, never obeyed.
        print(visible(f"{error.title}: {error.message}", keep_newlines=True), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _show_undecodable_bytes() -> None:
    """A byte that is not UTF-8 (in an argument or a file name, kept by Python as a lone
    surrogate) is printed as `\\udc9b`: never as a raw byte, which a terminal may read as a
    C1 control, and never as a UnicodeEncodeError traceback on a strict UTF-8 stream."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
