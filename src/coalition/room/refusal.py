"""`RoomRefusal`: a request the room refuses, with its HTTP status."""

from __future__ import annotations


class RoomRefusal(Exception):
    """A request the room refuses: `status` is the HTTP status, `message` says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
