"""The room's rules: join, write (`card_rules`), reveal, vote, move the step. No HTTP, no
Textual.

Every change is saved through the session's own `SessionStore` before it is taken into
memory, so what the room answers is what the file holds. A refused request raises
`RoomRefusal` with the HTTP status and a message a person can act on.
"""

from __future__ import annotations

import dataclasses
import random
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coalition.domain.models import DecisionStatus, Participant, StepSnapshot
from coalition.domain.room_records import (
    INFO_KEY,
    Card,
    Result,
    RoomInfo,
    Vote,
    read_room,
)
from coalition.errors import CoalitionError, SessionCorrupt
from coalition.room.ballot import new_vote, tally, with_dots
from coalition.room.card_rules import CardRules, Person, locked, one_line
from coalition.room.limits import Limits, RateWindow
from coalition.room.refusal import RoomRefusal
from coalition.room.tokens import new_token
from coalition.services.editing import same_person
from coalition.store import SessionStore

REVEAL_AT_ONCE = 100  # cards made items in one save (see `RoomCore.reveal`)


@dataclass(slots=True)
class RoomCore(CardRules):
    """One opening of the room over one open session store."""

    store: SessionStore
    anonymous: bool = False
    limits: Limits = field(default_factory=Limits)
    on_change: Callable[[], None] | None = None
    info: RoomInfo = field(default_factory=RoomInfo)
    cards: dict[str, Card] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)  # by cookie
    holders: dict[str, str] = field(default_factory=dict)  # participant -> the cookie holding it
    authors: dict[str, str] = field(default_factory=dict)  # card ID -> voter (memory)
    aliases: dict[str, str] = field(default_factory=dict)  # participant -> anonymous voter
    written: dict[tuple[str, str], int] = field(default_factory=dict)  # (voter, step) -> n
    keys: dict[tuple[str, str], Card] = field(default_factory=dict)  # (voter, key) -> card
    in_flight: set[str] = field(default_factory=set)  # cards whose save is not on disk yet

    def __post_init__(self) -> None:
        try:
            info, cards = read_room(self.store.room_documents())
        except (KeyError, TypeError, ValueError) as error:
            raise SessionCorrupt(
                f"{self.store.source}: the room's table is not valid ({error!r}). The file "
                "was left as it is."
            ) from error
        vote = info.vote
        if vote is not None and vote.ballots and (info.anonymous or self.anonymous):
            vote = None  # its voters' aliases died with the last opening: a second budget each
        self.info = dataclasses.replace(info, anonymous=self.anonymous, vote=vote)
        self.cards = {card.id: card for card in cards}
        self.authors = {card.id: card.author for card in cards if card.author}
        self.keys = {(card.author, card.key): card for card in cards if card.author}
        self._save({INFO_KEY: self.info.to_document()})

    # -- reading ----------------------------------------------------------------------------

    def person(self, cookie: str | None) -> Person | None:
        return self.people.get(cookie) if cookie else None

    @locked
    def cards_of(self, voter: str) -> list[Card]:
        return [card for card in self.cards.values() if self.authors.get(card.id) == voter]

    @locked
    def counts_by_person(self) -> dict[str, int]:
        """Unrevealed cards per name (empty in an anonymous room: counts would tell)."""
        if self.anonymous:
            return {}
        names = {person.voter: person.name for person in self.people.values()}
        names |= self.info.joined
        counts: dict[str, int] = {}
        for card in self.cards.values():
            name = names.get(card.author, card.author)
            counts[name] = counts.get(name, 0) + 1
        return counts

    # -- participants ----------------------------------------------------------------------

    @locked
    def join(self, typed_name: str, cookie: str | None = None) -> Person:
        """A device joins as a roster member, or as a new one added to the roster.

        In one opening a name is held by the device that claimed it (its cookie): the same
        device joining again gets its own person back, another device is refused until the
        facilitator frees the name (`free`).
        """
        name = one_line(typed_name)
        if not name:
            raise RoomRefusal(400, "Choose your name from the list, or type it, to join.")
        if len(name) > self.limits.name_chars:
            raise RoomRefusal(400, f"A name has at most {self.limits.name_chars} characters.")
        roster = self.store.session.participants
        member = next((p for p in roster if same_person(p.name, name)), None)
        device = self.person(cookie)
        if member is not None and member.id in self.holders:
            if device is not None and device.participant == member.id:
                return device
            raise RoomRefusal(
                409,
                f"{member.name} has joined already from another device; ask the facilitator "
                "to free the name if that was you.",
            )
        known = {person.participant for person in self.people.values()}
        if (member is None or member.id not in known) and len(known) >= self.limits.participants:
            raise RoomRefusal(429, f"The room is full ({self.limits.participants} people).")
        with self.store.batch():
            if member is None:
                added = self.store.add("participant", name=name)
                assert isinstance(added, Participant)
                member = added
            elif not member.present:
                self.store.put(dataclasses.replace(member, present=True))
            joined = {**self.info.joined, member.id: member.name}
            info = dataclasses.replace(self.info, joined=joined)
            self._save({INFO_KEY: info.to_document()})
        self.info = info
        voter = member.id
        if self.anonymous:  # one alias per person (all their devices), in memory only
            voter = self.aliases.setdefault(member.id, "anon-" + secrets.token_hex(8))
        person = Person(
            member.id, member.name, new_token(), new_token(), voter,
            RateWindow(self.limits.requests_per_minute),
        )  # fmt: skip
        if device is not None:  # the device joined as someone else: its old name is free
            self._release(device)
        self.people[person.cookie] = person
        self.holders[member.id] = person.cookie
        self._changed()
        return person

    @locked
    def free(self, typed_name: str) -> str:
        """The facilitator frees a held name: its device is signed out, and the next device
        to join under it gets it (in an anonymous room with the same alias: one budget)."""
        name = one_line(typed_name)
        roster = self.store.session.participants
        member = next((p for p in roster if same_person(p.name, name)), None)
        device = self.person(self.holders.get(member.id, "")) if member else None
        if member is None or device is None:
            raise RoomRefusal(404, f"Nobody has joined as {name[:80]!r} from a device.")
        self._release(device)
        self._changed()
        return member.name

    def _release(self, device: Person) -> None:
        self.people.pop(device.cookie, None)
        if self.holders.get(device.participant) == device.cookie:
            del self.holders[device.participant]

    # -- the facilitator -------------------------------------------------------------------

    def reveal(self) -> list[str]:
        """The current step's cards become items, `raised by` their author (nobody's in an
        anonymous room, in a random order so the order tells nothing either).

        A hundred cards at a time, each hundred saved as one change (its items made and its
        cards gone together), so a capture in the app waits for one hundred, not a thousand.
        A card withdrawn meanwhile is left out; one written meanwhile waits for the next."""
        with self.store.lock:
            step = self.step().id
            cards = [card.id for card in self.cards.values() if card.step == step]
        if self.anonymous:
            random.SystemRandom().shuffle(cards)
        revealed: list[str] = []
        try:
            for start in range(0, len(cards), REVEAL_AT_ONCE):
                revealed += self._reveal_cards(cards[start : start + REVEAL_AT_ONCE])
        except CoalitionError as error:
            made = f" ({', '.join(revealed)} revealed before it)" if revealed else ""
            raise RoomRefusal(503, f"Not revealed: {error.message}{made}") from error
        finally:
            self._changed()
        return revealed

    @locked
    def _reveal_cards(self, card_ids: Sequence[str]) -> list[str]:
        cards = [
            self.cards[card_id]
            for card_id in card_ids
            if card_id in self.cards and card_id not in self.in_flight  # that one waits
        ]
        names = {p.id: p.name for p in self.store.session.participants}
        raised_by = dict(self.info.raised_by)
        revealed: list[str] = []
        with self.store.batch():
            for card in cards:
                fields: dict[str, object] = {"text": card.text, "step": card.step}
                if card.kind == "decision":
                    fields["status"] = DecisionStatus.PROPOSED
                if card.kind == "irritant":  # an improvement-register entry says who raised it
                    fields["raised_on"] = self.store.session.info.date
                    if card.author:
                        fields["raised_by"] = names.get(card.author, card.author)
                item = self.store.add(card.kind, **fields)
                revealed.append(item.id)
                if card.author:
                    raised_by[item.id] = names.get(card.author, card.author)
            anonymous = (*self.info.anonymous_items, *revealed) if self.anonymous else ()
            info = dataclasses.replace(
                self.info,
                revealed=(*self.info.revealed, *revealed),
                raised_by=raised_by,
                anonymous_items=anonymous or self.info.anonymous_items,
            )
            self._save({INFO_KEY: info.to_document()} | {c.document_key: None for c in cards})
        self.info = info
        for card in cards:
            del self.cards[card.id]
            self.authors.pop(card.id, None)
        return revealed

    @locked
    def open_vote(self, budget: int, max_per_item: int, items: Sequence[str] | None = None) -> Vote:
        if self.info.vote is not None:
            raise RoomRefusal(409, "A vote is open already; close it first.")
        irritants = self.store.session.irritants
        vote = new_vote(irritants, self.step().id, budget, max_per_item, items)
        self._set_info(dataclasses.replace(self.info, vote=vote))
        return vote

    @locked
    def cast(self, person: Person, item: str, dots: int) -> Vote:
        """Set this person's dots on one item, within the budget and the per-item limit."""
        vote = with_dots(self.info.vote, person.voter, item, dots)
        self._set_info(dataclasses.replace(self.info, vote=vote))
        return vote

    @locked
    def close_vote(self) -> tuple[Result, ...]:
        """Add each item's dots to the irritant (per voter unless anonymous); rank them."""
        vote = self.info.vote
        if vote is None:
            raise RoomRefusal(409, "No vote is open.")
        names = {p.id: p.name for p in self.store.session.participants}
        irritants = {i.id: i for i in self.store.session.irritants}
        changed, results = tally(vote, irritants, names, self.anonymous)
        info = dataclasses.replace(
            self.info,
            vote=None,
            results=tuple(results),
            vote_history=(*self.info.vote_history, *results),
        )
        with self.store.batch():
            for irritant in changed:
                self.store.put(irritant)
            self._save({INFO_KEY: info.to_document()})
        self.info = info
        self._changed()
        return info.results

    @locked
    def move_step(self, step_id: str) -> StepSnapshot:
        step = self.store.info.playbook.step(str(step_id))
        if step is None:
            raise RoomRefusal(404, f"The playbook has no step {str(step_id)[:40]!r}.")
        self.store.set_current_step(step.id)
        self._changed()
        return step

    # -- saving ----------------------------------------------------------------------------

    def _set_info(self, info: RoomInfo) -> None:
        self._save({INFO_KEY: info.to_document()})
        self.info = info
        self._changed()
