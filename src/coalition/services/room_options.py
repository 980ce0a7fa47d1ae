"""How the app serves the room: the flags given, else `coalition.toml`, else the defaults.

`coalition.toml` keys (the same as `coalition room` reads): `room_bind` (default all
interfaces; `127.0.0.1` behind a tunnel of one's own), `room_port` (default the first free
one from 8700), `room_anonymous` (true/false), `room_cert` and `room_key` (HTTPS).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coalition.errors import UsageError

if TYPE_CHECKING:
    import ssl

ALL_INTERFACES = "0.0.0.0"
YES = frozenset({"true", "yes", "1", "on"})
NO = frozenset({"false", "no", "0", "off", ""})


@dataclass(frozen=True, slots=True)
class RoomOptions:
    """Where and how the room is served; None / False where the flag was not given."""

    bind: str | None = None
    port: int | None = None
    anonymous: bool = False
    cert: str | None = None
    key: str | None = None


def room_options(
    given: RoomOptions, settings: dict[str, str], root: Path | None = None
) -> RoomOptions:
    """The flags win over `coalition.toml`; a bad value is a UsageError naming the key.

    A relative `room_cert` or `room_key` is taken from the workspace folder `root` (the
    file's own folder), a relative flag from the current folder.
    """
    port = given.port
    if port is None and settings.get("room_port", "").strip():
        try:
            port = int(settings["room_port"])
        except ValueError:
            raise UsageError(
                f"room_port in coalition.toml must be a port number, not {settings['room_port']!r}."
            ) from None
    if port is not None and not 0 <= port <= 65535:
        raise UsageError(
            f"The room's port (its flag, or room_port) must be from 0 to 65535, not {port}."
        )
    anonymous = given.anonymous
    if not anonymous:
        typed = settings.get("room_anonymous", "").strip().lower()
        if typed not in YES | NO:
            raise UsageError(
                f"room_anonymous in coalition.toml must be true or false, not {typed!r}."
            )
        anonymous = typed in YES
    return RoomOptions(
        bind=given.bind or settings.get("room_bind") or ALL_INTERFACES,
        port=port,
        anonymous=anonymous,
        cert=given.cert or _from(root, settings.get("room_cert")),
        key=given.key or _from(root, settings.get("room_key")),
    )


def _from(root: Path | None, setting: str | None) -> str | None:
    if not setting:
        return None
    return str(root / setting) if root is not None else setting


def tls_context(options: RoomOptions) -> ssl.SSLContext | None:
    """An HTTPS context from the certificate and key, or None for plain HTTP."""
    if not options.cert and not options.key:
        return None
    if not (options.cert and options.key):
        raise UsageError(
            "HTTPS needs both a certificate and its key: both flags (--cert FILE and --key "
            "FILE, or the app's --room-cert and --room-key), or room_cert and room_key."
        )
    import ssl  # only a room served over HTTPS needs it

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(Path(options.cert), Path(options.key))
    except (OSError, ssl.SSLError) as error:
        raise UsageError(
            f"Cannot use the certificate {options.cert} with the key {options.key}: {error}. "
            "Give a PEM certificate and its private key."
        ) from error
    return context
