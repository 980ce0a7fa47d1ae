"""Who is asking, and what they sent: tokens, cookies, CSRF, rates and bounded bodies.

Every check here ends a request with a clear 4xx (`RoomRefusal`) before any handler runs.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web

from coalition.room.card_rules import Person
from coalition.room.core import RoomCore
from coalition.room.limits import RateWindow
from coalition.room.refusal import RoomRefusal
from coalition.room.tokens import RoomSecrets, same_secret

COOKIE = "coalition_room"
CORE: web.AppKey[RoomCore] = web.AppKey("core", RoomCore)
SECRETS: web.AppKey[RoomSecrets] = web.AppKey("secrets", RoomSecrets)
SECURE: web.AppKey[bool] = web.AppKey("secure", bool)
JOIN_TRIES: web.AppKey[dict[str, RateWindow]] = web.AppKey("join_tries", dict)

NO_ACCESS = "This needs the room's link (or code), and the room must be open."


def core_of(request: web.Request) -> RoomCore:
    return request.app[CORE]


def participant(request: web.Request) -> Person:
    """The joined person whose cookie this is, or 403; counts the request against their rate."""
    person = core_of(request).person(request.cookies.get(COOKIE))
    if person is None:
        raise RoomRefusal(403, NO_ACCESS)
    if not person.rate.allow():
        raise RoomRefusal(
            429,
            f"Too many requests: at most {core_of(request).limits.requests_per_minute} a "
            "minute. Wait a moment.",
        )
    return person


def check_csrf(person: Person, sent: str | None) -> None:
    if not same_secret(sent, person.csrf):
        raise RoomRefusal(403, "The page is out of date (its CSRF token is wrong); reload it.")


def bearer(request: web.Request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def check_facilitator(request: web.Request, token: str | None) -> None:
    if not same_secret(token, request.app[SECRETS].facilitator):
        raise RoomRefusal(403, NO_ACCESS)


def check_join_token(request: web.Request, token: str | None) -> None:
    if not same_secret(token, request.app[SECRETS].join):
        raise RoomRefusal(403, NO_ACCESS)


def check_join_rate(request: web.Request) -> None:
    """At most `limits.joins_per_minute` joins from one address."""
    most = core_of(request).limits.joins_per_minute
    if not request.app[JOIN_TRIES].setdefault(request.remote or "", RateWindow(most)).allow():
        raise RoomRefusal(
            429, f"Too many joins from this address (at most {most} a minute); wait a minute."
        )


async def read_body(request: web.Request) -> bytes:
    """The request body, at most `limits.body_bytes` and within `limits.body_seconds`."""
    limits = core_of(request).limits
    if (request.content_length or 0) > limits.body_bytes:
        raise RoomRefusal(413, f"The request is larger than {limits.body_bytes} bytes.")

    async def read() -> bytes:
        body = bytearray()
        while len(body) <= limits.body_bytes:
            chunk = await request.content.read(limits.body_bytes + 1 - len(body))
            if not chunk:
                break
            body += chunk
        return bytes(body)

    try:
        body = await asyncio.wait_for(read(), limits.body_seconds)
    except TimeoutError:
        raise RoomRefusal(408, "The request body came too slowly.") from None
    if len(body) > limits.body_bytes:
        raise RoomRefusal(413, f"The request is larger than {limits.body_bytes} bytes.")
    return body


async def read_json(request: web.Request) -> dict[str, Any]:
    body = await read_body(request)
    try:
        data = json.loads(body.decode("utf-8")) if body.strip() else {}
    except (UnicodeDecodeError, ValueError):
        raise RoomRefusal(400, "The body must be a JSON object.") from None
    if not isinstance(data, dict):
        raise RoomRefusal(400, "The body must be a JSON object.")
    return data


def text_field(data: dict[str, Any], name: str) -> str:
    """A JSON body's text field (missing: empty); any other type is refused."""
    value = data.get(name, "")
    if not isinstance(value, str):
        raise RoomRefusal(400, f"{name!r} must be text (a JSON string).")
    return value


async def read_form(request: web.Request) -> dict[str, str]:
    """A urlencoded form's fields (the first value of each)."""
    body = await read_body(request)
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        raise RoomRefusal(400, "The form could not be read.") from None
    return {name: values[0] for name, values in fields.items()}


def set_cookie(response: web.StreamResponse, request: web.Request, person: Person) -> None:
    response.set_cookie(
        COOKIE,
        person.cookie,
        httponly=True,
        samesite="Strict",
        secure=request.app[SECURE],
        path="/",
    )
