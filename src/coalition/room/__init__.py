"""The room: participants write and vote from their own devices, served by the app itself.

Headless (never imports Textual): `Room` serves it on the running asyncio loop, writing
through the session's own `SessionStore`; `coalition room SESSION` runs it without the UI.
"""

from coalition.room.limits import Limits
from coalition.room.refusal import RoomRefusal
from coalition.room.server import Room

__all__ = ["Limits", "Room", "RoomRefusal"]
