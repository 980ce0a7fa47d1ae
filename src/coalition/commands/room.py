"""`coalition room SESSION`: serve the room without the UI until Ctrl+C or SIGTERM.

It prints `join: <URL>` and `facilitator: <URL>` on their own lines (scripts read them),
then serves; every card is in the session file before the page says it is saved. Its
options follow the app's rule (coalition.services.room_options): a flag wins over
`coalition.toml`, whose relative `room_cert` and `room_key` are in the workspace folder.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import ssl
import sys
from typing import TYPE_CHECKING

from coalition.commands import say, workspace_for
from coalition.services.room_options import ALL_INTERFACES

if TYPE_CHECKING:
    from coalition.services.room_options import RoomOptions
    from coalition.store import SessionStore


def cmd_room(args: argparse.Namespace) -> int:
    from coalition.services.room_options import RoomOptions, room_options, tls_context
    from coalition.services.sessions import reopen_for_change, reserve_client_ids
    from coalition.store import SessionStore

    workspace = workspace_for(args)
    given = RoomOptions(args.bind, args.port, args.anonymous, args.cert, args.key)
    options = room_options(given, workspace.settings(), workspace.root)
    context = tls_context(options)
    store = SessionStore.open(workspace.resolve_session(args.session))
    try:
        how = "run `coalition room` with --reopen"
        reopen_for_change(store, reopen=args.reopen, how_to_reopen=how)
        reserve_client_ids(workspace, store)
        asyncio.run(_serve(store, options, context))
    finally:
        store.close()
    return 0


async def _serve(store: SessionStore, options: RoomOptions, context: ssl.SSLContext | None) -> None:
    from coalition.room import Room

    room = Room(
        store,
        bind=options.bind or ALL_INTERFACES,
        port=options.port,
        anonymous=options.anonymous,
        ssl_context=context,
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
