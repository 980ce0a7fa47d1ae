"""What the room (coalition.room) keeps in the session file's `room` table, as dataclasses.

Document "1" describes the room (anonymous or not, who joined from a device, which items the
room revealed and who raised them, the open vote and the results of every closed one); every
other document is one card not yet revealed, its key one more than the card's number.
In an anonymous room a card's author is not stored: the field is empty, not hidden.
The minutes read document "1" (`Session.room`); the cards never become part of a Session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

INFO_KEY = "1"
CARD_KINDS = ("irritant", "note", "action", "decision")


@dataclass(frozen=True, slots=True)
class Card:
    """A participant's card, private until the facilitator reveals it."""

    id: str  # C-n
    key: str  # the idempotency key the page sent with it
    kind: str
    text: str
    step: str
    author: str = ""  # the participant's ID; empty in an anonymous room

    @property
    def number(self) -> int:
        return int(self.id.partition("-")[2])

    @property
    def document_key(self) -> str:
        return str(self.number + 1)

    def to_document(self) -> dict[str, Any]:
        return {
            "card": self.id,
            "key": self.key,
            "kind": self.kind,
            "text": self.text,
            "step": self.step,
            "author": self.author,
        }

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> Card:
        return cls(
            id=str(doc["card"]),
            key=str(doc["key"]),
            kind=str(doc["kind"]),
            text=str(doc["text"]),
            step=str(doc["step"]),
            author=str(doc.get("author", "")),
        )


@dataclass(frozen=True, slots=True)
class Vote:
    """A dot vote: the items, the budget and each ballot (by participant ID, or by an
    alias that lives only in memory in an anonymous room)."""

    items: tuple[str, ...]
    budget: int = 3
    max_per_item: int = 2
    ballots: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def spent(self, voter: str) -> int:
        return sum(self.ballots.get(voter, {}).values())

    def to_document(self) -> dict[str, Any]:
        return {
            "items": list(self.items),
            "budget": self.budget,
            "max_per_item": self.max_per_item,
            "ballots": {voter: dict(dots) for voter, dots in sorted(self.ballots.items())},
        }

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> Vote:
        return cls(
            items=tuple(str(i) for i in doc.get("items", ())),
            budget=int(doc.get("budget", 3)),
            max_per_item=int(doc.get("max_per_item", 2)),
            ballots={
                str(voter): {str(i): int(n) for i, n in dots.items()}
                for voter, dots in dict(doc.get("ballots", {})).items()
            },
        )


@dataclass(frozen=True, slots=True)
class Result:
    """One item's dots when a vote closed, and from how many people."""

    item: str
    dots: int
    people: int


@dataclass(frozen=True, slots=True)
class RoomInfo:
    """Document "1" of the room table."""

    anonymous: bool = False
    next_card: int = 1
    joined: Mapping[str, str] = field(default_factory=dict)  # participant ID -> name
    revealed: tuple[str, ...] = ()  # item IDs the room revealed
    raised_by: Mapping[str, str] = field(default_factory=dict)  # item ID -> name
    anonymous_items: tuple[str, ...] = ()  # revealed in an anonymous room: no author
    vote: Vote | None = None
    results: tuple[Result, ...] = ()  # of the last vote closed (the page shows them)
    vote_history: tuple[Result, ...] = ()  # of every vote closed, in order (the minutes)

    def has_news(self) -> bool:
        """Whether the minutes have anything of the room's to say."""
        return bool(self.joined or self.revealed or self.vote_history)

    def to_document(self) -> dict[str, Any]:
        return {
            "anonymous": self.anonymous,
            "next_card": self.next_card,
            "joined": dict(sorted(self.joined.items())),
            "revealed": list(self.revealed),
            "raised_by": dict(sorted(self.raised_by.items())),
            "anonymous_items": list(self.anonymous_items),
            "vote": self.vote.to_document() if self.vote else None,
            "results": [[r.item, r.dots, r.people] for r in self.results],
            "vote_history": [[r.item, r.dots, r.people] for r in self.vote_history],
        }

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> RoomInfo:
        vote = doc.get("vote")
        return cls(
            anonymous=bool(doc.get("anonymous", False)),
            next_card=int(doc.get("next_card", 1)),
            joined={str(k): str(v) for k, v in dict(doc.get("joined", {})).items()},
            revealed=tuple(str(i) for i in doc.get("revealed", ())),
            raised_by={str(k): str(v) for k, v in dict(doc.get("raised_by", {})).items()},
            anonymous_items=tuple(str(i) for i in doc.get("anonymous_items", ())),
            vote=Vote.from_document(vote) if isinstance(vote, Mapping) else None,
            results=_results(doc.get("results", ())),
            vote_history=_results(doc.get("vote_history", ())),
        )


def _results(rows: Any) -> tuple[Result, ...]:
    return tuple(Result(str(i), int(d), int(p)) for i, d, p in rows)


def read_room(documents: Mapping[str, Mapping[str, Any]]) -> tuple[RoomInfo, list[Card]]:
    """The room's description and its unrevealed cards (in card order) from its table."""
    info_doc = documents.get(INFO_KEY)
    info = RoomInfo.from_document(info_doc) if info_doc else RoomInfo()
    cards = [Card.from_document(doc) for key, doc in documents.items() if key != INFO_KEY]
    return info, sorted(cards, key=lambda card: card.number)
