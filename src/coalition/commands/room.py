"""`coalition room SESSION`: serve the room without the UI until Ctrl+C or SIGTERM.

It prints `join: <URL>` and `facilitator: <URL>` on their own lines (scripts read them),
then serves; every card is in the session file before the page says it is saved.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import ssl
import sys
from pathlib import Path

from coalition.commands import say, workspace_for
from coalition.errors import UsageError


def _tls(cert: str | None, key: str | None) -> ssl.SSLContext | None:
    if not cert and not key:
        return None
    if not (cert and key):
        raise UsageError("HTTPS needs both --cert FILE and --key FILE.")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(Path(cert), Path(key))
    except (OSError, ssl.SSLError) as error:
        raise UsageError(
            f"Cannot use the certificate {cert} with the key {key}: {error}. Give a PEM "
            "certificate and its private key."
        ) from error
    return context


def _with_settings(args: argparse.Namespace, settings: dict[str, str]) -> None:
    """Options not given on the command line come from coalition.toml (`room_bind`,
    `room_port`, `room_cert`, `room_key`), else the defaults."""
    args.bind = args.bind or settings.get("room_bind") or "0.0.0.0"
    if args.port is None and settings.get("room_port"):
        try:
            args.port = int(settings["room_port"])
        except ValueError:
            raise UsageError(
                f"room_port in coalition.toml must be a port number, not {settings['room_port']!r}."
            ) from None
    args.cert = args.cert or settings.get("room_cert")
    args.key = args.key or settings.get("room_key")
    if args.port is not None and not 0 <= args.port <= 65535:
        raise UsageError(f"--port (or room_port) must be from 0 to 65535, not {args.port}.")


def cmd_room(args: argparse.Namespace) -> int:
    from coalition.services.sessions import reopen_for_change, reserve_client_ids
    from coalition.store import SessionStore

    workspace = workspace_for(args)
    _with_settings(args, workspace.settings())
    context = _tls(args.cert, args.key)
    store = SessionStore.open(workspace.resolve_session(args.session))
    try:
        how = "run `coalition room` with --reopen"
        reopen_for_change(store, reopen=args.reopen, how_to_reopen=how)
        reserve_client_ids(workspace, store)
        asyncio.run(_serve(store, args, context))
    finally:
        store.close()
    return 0


async def _serve(store: object, args: argparse.Namespace, context: ssl.SSLContext | None) -> None:
    from coalition.room import Room
    from coalition.store import SessionStore

    assert isinstance(store, SessionStore)
    room = Room(
        store, bind=args.bind, port=args.port, anonymous=args.anonymous, ssl_context=context
    )
    await room.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    say(f"join: {room.join_url}")
    say(f"facilitator: {room.facilitator_url}")
    say(f"code: {room.code} at {room.address}")
    if sys.stdout.isatty():  # a QR code people can scan from the projected terminal
        from coalition.room.qr import qr_for_terminal

        print(qr_for_terminal(room.join_url))
    if not room.secure:
        say(
            "The room runs over plain HTTP: anyone on this network can read the cards. "
            "Give --cert and --key to serve HTTPS.",
            file=sys.stderr,
        )
    sys.stdout.flush()
    try:
        await stop.wait()
    finally:
        await room.stop()
    say(f"The room is closed; everything is saved in {store.source}.", file=sys.stderr)
