"""The room's aiohttp application: the JSON API under /api/, the pages, the static files.

`build_app` is what `Room` serves and what the tests drive with aiohttp's test client.
See docs/room.md for the API.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from coalition.errors import CoalitionError
from coalition.room import pages
from coalition.room.core import RoomCore
from coalition.room.group_commit import GroupCommit
from coalition.room.guard import (
    COOKIE,
    CORE,
    JOIN_TRIES,
    SECRETS,
    SECURE,
    bearer,
    check_csrf,
    check_facilitator,
    check_join_rate,
    check_join_token,
    core_of,
    participant,
    read_json,
    set_cookie,
    text_field,
)
from coalition.room.refusal import RoomRefusal
from coalition.room.tokens import RoomSecrets
from coalition.room.views import facilitator_state, participant_state

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
CONNECTION_WATCH: web.AppKey[Any] = web.AppKey("connection_watch", object)
CARD_WRITER: web.AppKey[GroupCommit] = web.AppKey("card_writer", GroupCommit)

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'none'; object-src 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the tokens travel in URLs: never pass them on
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@web.middleware
async def guarded(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Security headers on every answer; a refusal becomes its status with a message."""
    watch = request.app.get(CONNECTION_WATCH)
    if watch is not None:
        watch.request_started(request.transport)
    try:
        response = await handler(request)
    except RoomRefusal as refusal:
        response = _refusal(request, refusal.status, refusal.message)
    except CoalitionError as error:  # the store could not save: nothing was acknowledged
        response = _refusal(request, 503, f"Not saved: {error.message}")
    except web.HTTPException as http_error:
        response = _refusal(request, http_error.status, http_error.reason)
    response.headers.update(SECURITY_HEADERS)
    if watch is not None:
        watch.request_finished(request.transport)
    return response


def _refusal(request: web.Request, status: int, message: str) -> web.Response:
    if request.path.startswith("/api/"):
        return web.json_response({"error": message}, status=status)
    return pages.error_page(request, status, message)


# -- participants ------------------------------------------------------------------------


async def api_join(request: web.Request) -> web.Response:
    check_join_token(request, request.query.get("t"))
    check_join_rate(request)
    data = await read_json(request)
    person = core_of(request).join(text_field(data, "name"), request.cookies.get(COOKIE))
    response = web.json_response(
        {"participant": person.participant, "name": person.name, "csrf": person.csrf}
    )
    set_cookie(response, request, person)
    return response


async def api_state(request: web.Request) -> web.Response:
    token = bearer(request)
    if token:
        check_facilitator(request, token)
        return web.json_response(facilitator_state(core_of(request)))
    person = participant(request)
    return web.json_response(participant_state(core_of(request), person))


async def api_add_card(request: web.Request) -> web.Response:
    person = participant(request)
    check_csrf(person, request.headers.get("X-CSRF-Token"))
    data = await read_json(request)
    card, _ = await request.app[CARD_WRITER].add(
        person, text_field(data, "kind"), text_field(data, "text"), text_field(data, "key")
    )
    return web.json_response({"id": card.id}, status=201)


async def api_edit_card(request: web.Request) -> web.Response:
    person = participant(request)
    check_csrf(person, request.headers.get("X-CSRF-Token"))
    data = await read_json(request)
    card = core_of(request).edit_card(person, request.match_info["card"], text_field(data, "text"))
    return web.json_response({"id": card.id, "text": card.text})


async def api_withdraw_card(request: web.Request) -> web.Response:
    person = participant(request)
    check_csrf(person, request.headers.get("X-CSRF-Token"))
    core_of(request).withdraw_card(person, request.match_info["card"])
    return web.json_response({"withdrawn": request.match_info["card"]})


async def api_cast(request: web.Request) -> web.Response:
    person = participant(request)
    check_csrf(person, request.headers.get("X-CSRF-Token"))
    data = await read_json(request)
    vote = core_of(request).cast(person, text_field(data, "item"), data.get("dots"))  # type: ignore[arg-type]
    return web.json_response({"spent": vote.spent(person.voter), "budget": vote.budget})


# -- the facilitator ---------------------------------------------------------------------


async def api_reveal(request: web.Request) -> web.Response:
    check_facilitator(request, bearer(request))
    return web.json_response({"revealed": core_of(request).reveal()})


async def api_free(request: web.Request) -> web.Response:
    check_facilitator(request, bearer(request))
    data = await read_json(request)
    return web.json_response({"freed": core_of(request).free(text_field(data, "name"))})


async def api_vote(request: web.Request) -> web.Response:
    check_facilitator(request, bearer(request))
    data = await read_json(request)
    core = core_of(request)
    if data.get("open") is True:
        items = data.get("items")
        if items is not None and not (
            isinstance(items, list) and all(isinstance(i, str) for i in items)
        ):
            raise RoomRefusal(400, "'items' must be a list of irritant IDs.")
        budget, most = data.get("budget", 3), data.get("max_per_item", 2)
        if type(budget) is not int or type(most) is not int:
            raise RoomRefusal(400, "'budget' and 'max_per_item' must be whole numbers.")
        vote = core.open_vote(budget, most, items)
        return web.json_response({"open": True, "items": list(vote.items)})
    if data.get("open") is False:
        results = core.close_vote()
        return web.json_response(
            {"open": False, "results": [[r.item, r.dots, r.people] for r in results]}
        )
    raise RoomRefusal(400, 'Send {"open": true, ...} or {"open": false}.')


async def api_step(request: web.Request) -> web.Response:
    check_facilitator(request, bearer(request))
    data = await read_json(request)
    step = core_of(request).move_step(text_field(data, "step"))
    return web.json_response({"step": step.id})


def build_app(core: RoomCore, secrets: RoomSecrets, *, secure: bool = False) -> web.Application:
    """The room's application over one opening (its core and its secrets)."""
    app = web.Application(middlewares=[guarded], client_max_size=core.limits.body_bytes)
    app[CORE] = core
    app[SECRETS] = secrets
    app[SECURE] = secure
    app[JOIN_TRIES] = {}
    app[CARD_WRITER] = GroupCommit(core)
    app.router.add_post("/api/join", api_join)
    app.router.add_get("/api/state", api_state)
    app.router.add_post("/api/cards", api_add_card)
    app.router.add_post("/api/cards/{card}", api_edit_card)
    app.router.add_delete("/api/cards/{card}", api_withdraw_card)
    app.router.add_post("/api/votes", api_cast)
    app.router.add_post("/api/reveal", api_reveal)
    app.router.add_post("/api/vote", api_vote)
    app.router.add_post("/api/free", api_free)
    app.router.add_post("/api/step", api_step)
    pages.add_routes(app)
    return app
