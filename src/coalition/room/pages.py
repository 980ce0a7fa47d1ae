"""The room's HTML pages (Jinja2 templates with autoescape) and its bundled static files.

Every page works without JavaScript (plain forms that post and redirect back); `room.js`
makes them follow the room live. No path serves a file from disk other than the bundled
assets named in STATIC.
"""

from __future__ import annotations

from importlib import resources
from typing import Any
from urllib.parse import quote

import jinja2
from aiohttp import web

from coalition.room.guard import (
    COOKIE,
    SECRETS,
    SECURE,
    check_csrf,
    check_facilitator,
    check_join_rate,
    check_join_token,
    core_of,
    participant,
    read_form,
    set_cookie,
)
from coalition.room.limits import RateWindow
from coalition.room.refusal import RoomRefusal
from coalition.room.tokens import new_token
from coalition.room.views import KIND_LABELS, facilitator_state, participant_state
from coalition.visible_text import visible

STATIC = {
    "room.css": "text/css",
    "room.js": "text/javascript",
}
_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("coalition.room", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)
CODE_TRIES: web.AppKey[dict[str, RateWindow]] = web.AppKey("code_tries", dict)


def render(template: str, status: int = 200, **context: Any) -> web.Response:
    html = _ENVIRONMENT.get_template(template).render(kind_labels=KIND_LABELS, **context)
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")


def error_page(request: web.Request, status: int, message: str) -> web.Response:
    return render("error.html", status=status, message=message)


def _see(location: str) -> web.Response:
    """A 303 back to a page after a form (returned, not raised: the middleware adds the
    security headers)."""
    return web.Response(status=303, headers={"Location": location})


# -- joining -----------------------------------------------------------------------------


async def front(request: web.Request) -> web.Response:
    """The join page with the link's token; the code form at the bare address."""
    if core_of(request).person(request.cookies.get(COOKIE)) is not None:
        return _see("/room")
    token = request.query.get("t")
    if token is None:
        return render("code.html")
    check_join_token(request, token)
    roster = core_of(request).store.session.participants
    members = sorted((visible(p.name) for p in roster), key=str.casefold)
    return render("join.html", token=token, members=members)


async def enter_code(request: web.Request) -> web.Response:
    tries = request.app[CODE_TRIES]
    window = tries.setdefault(
        request.remote or "", RateWindow(core_of(request).limits.code_attempts_per_minute)
    )
    if not window.allow():
        raise RoomRefusal(429, "Too many tries of the code; wait a minute.")
    form = await read_form(request)
    secrets = request.app[SECRETS]
    if not secrets.code_matches(form.get("code", "")):
        raise RoomRefusal(403, "That is not the room's code. Check it on the facilitator's screen.")
    return _see("/?t=" + quote(secrets.join))


async def join(request: web.Request) -> web.Response:
    form = await read_form(request)
    check_join_token(request, form.get("t"))
    check_join_rate(request)
    name = form.get("name", "").strip() or form.get("member", "")
    person = core_of(request).join(name, request.cookies.get(COOKIE))
    response = _see("/room")
    set_cookie(response, request, person)
    return response


# -- the participant's page --------------------------------------------------------------


async def room_page(request: web.Request) -> web.Response:
    person = participant(request)
    state = participant_state(core_of(request), person)
    return render("room.html", state=state, csrf=person.csrf, key=new_token())


async def room_live(request: web.Request) -> web.Response:
    """The part of the room page that follows the room (room.js swaps it in)."""
    person = participant(request)
    state = participant_state(core_of(request), person)
    return render("room_parts.html", state=state, csrf=person.csrf)


async def post_card(request: web.Request) -> web.Response:
    person = participant(request)
    form = await read_form(request)
    check_csrf(person, form.get("csrf"))
    kind, text, key = form.get("kind", ""), form.get("text", ""), form.get("key", "")
    core_of(request).add_card(person, kind, text, key)
    return _see("/room")


async def change_card(request: web.Request) -> web.Response:
    person = participant(request)
    form = await read_form(request)
    check_csrf(person, form.get("csrf"))
    card = request.match_info["card"]
    if form.get("action") == "withdraw":
        core_of(request).withdraw_card(person, card)
    else:
        core_of(request).edit_card(person, card, form.get("text", ""))
    return _see("/room")


async def post_dots(request: web.Request) -> web.Response:
    person = participant(request)
    form = await read_form(request)
    check_csrf(person, form.get("csrf"))
    try:
        dots = int(form.get("dots", ""))
    except ValueError:
        raise RoomRefusal(400, "Dots must be a whole number.") from None
    core_of(request).cast(person, form.get("item", ""), dots)
    return _see("/room")


# -- the facilitator's page --------------------------------------------------------------


async def facilitator_page(request: web.Request) -> web.Response:
    token = request.query.get("t")
    check_facilitator(request, token)
    state = facilitator_state(core_of(request))
    return render("facilitator.html", state=state, token=token, secure=request.app[SECURE])


async def facilitator_action(request: web.Request) -> web.Response:
    form = await read_form(request)
    token = form.get("t")
    check_facilitator(request, token)
    core = core_of(request)
    action = form.get("action")
    if action == "reveal":
        core.reveal()
    elif action == "open-vote":
        try:
            budget, most = int(form.get("budget", "3")), int(form.get("max_per_item", "2"))
        except ValueError:
            raise RoomRefusal(400, "The budget and the dots per item are whole numbers.") from None
        core.open_vote(budget, most)
    elif action == "close-vote":
        core.close_vote()
    elif action == "step":
        core.move_step(form.get("step", ""))
    elif action == "free":
        core.free(form.get("name", ""))
    else:
        raise RoomRefusal(400, "Unknown action.")
    return _see("/facilitator?t=" + quote(str(token)))


async def static_file(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in STATIC:
        raise RoomRefusal(404, "No such file.")
    body = resources.files("coalition.room").joinpath("static", name).read_bytes()
    return web.Response(body=body, content_type=STATIC[name], charset="utf-8")


def add_routes(app: web.Application) -> None:
    app[CODE_TRIES] = {}
    app.router.add_get("/", front)
    app.router.add_post("/code", enter_code)
    app.router.add_post("/join", join)
    app.router.add_get("/room", room_page)
    app.router.add_get("/room/live", room_live)
    app.router.add_post("/room/cards", post_card)
    app.router.add_post("/room/cards/{card}", change_card)
    app.router.add_post("/room/votes", post_dots)
    app.router.add_get("/facilitator", facilitator_page)
    app.router.add_post("/facilitator", facilitator_action)
    app.router.add_get("/static/{name}", static_file)
