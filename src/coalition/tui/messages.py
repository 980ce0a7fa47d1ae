"""Custom messages: small dataclasses that widgets post up to their screen."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class CaptureSubmitted(Message):
    """The facilitator pressed Enter on the capture line."""

    line: str


@dataclass
class StepChosen(Message):
    """A step was picked in the agenda."""

    step_id: str


@dataclass
class SessionChosen(Message):
    """A session was picked on the Home screen (`path` of its file)."""

    path: str
