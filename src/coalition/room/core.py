"""The room's rules: join, write, reveal, vote, move the step. No HTTP, no Textual.

Every change is saved through the session's own `SessionStore` before it is taken into
memory, so what the room answers is what the file holds. A refused request raises
`RoomRefusal` with the HTTP status and a message a person can act on.
"""

from __future__ import annotations

import dataclasses
import random
import re
import secrets
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from coalition.domain.models import DecisionStatus, Participant, StepSnapshot
from coalition.domain.room_records import (
    CARD_KINDS,
    INFO_KEY,
    Card,
    Result,
    RoomInfo,
    Vote,
    read_room,
)
from coalition.errors import CoalitionError, SessionCorrupt
from coalition.locking import holding
from coalition.room.ballot import new_vote, tally, with_dots
from coalition.room.limits import Limits, RateWindow
from coalition.room.refusal import RoomRefusal
from coalition.room.tokens import new_token
from coalition.services.editing import same_person
from coalition.store import SessionStore
from coalition.visible_text import visible

_LINE_BREAKS = re.compile("[\r\n\t]+")
REVEAL_AT_ONCE = 100  # cards made items in one save (see `RoomCore.reveal`)


def one_line(text: object) -> str:
    """Typed text as one paragraph: runs of line breaks and tabs become one space, other
    control characters a visible stand-in, spaces collapsed."""
    return " ".join(visible(_LINE_BREAKS.sub(" ", str(text))).split())


@dataclass(slots=True)
class Person:
    """One joined device: its cookie and CSRF token, and whose it is."""

    participant: str
    name: str
    cookie: str
    csrf: str
    voter: str  # the participant ID, or a random alias (memory only) in an anonymous room
    rate: RateWindow


def _lock_of(core: RoomCore) -> AbstractContextManager[bool]:
    return core.store.lock


# The room's thread and the app's may both call a method: it holds the store's lock.
_locked = holding(_lock_of)


_CardState = tuple[RoomInfo, dict[tuple[str, str], Card], dict[tuple[str, str], int]]


def _card_documents(
    info: RoomInfo, new: list[tuple[Card, Person]]
) -> dict[str, dict[str, object] | None]:
    documents: dict[str, dict[str, object] | None] = {INFO_KEY: info.to_document()}
    return documents | {card.document_key: card.to_document() for card, _ in new}


def _refused(
    results: list[tuple[Card, bool] | RoomRefusal], refusal: RoomRefusal
) -> list[tuple[Card, bool] | RoomRefusal]:
    """Every new card of a batch refused (a repeated key still gets the card it made)."""
    return [refusal if isinstance(r, tuple) and r[1] else r for r in results]


@dataclass(slots=True)
class RoomCore:
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

    # -- reading ---------------------------------------------------------------------------

    def step(self) -> StepSnapshot:
        info = self.store.info
        step = info.playbook.step(info.current_step) or info.playbook.steps[0]
        return step

    def card_kinds(self) -> tuple[str, ...]:
        """The kinds of card the current step captures (a note when it captures none)."""
        kinds = tuple(kind for kind in CARD_KINDS if kind in self.step().captures)
        return kinds or ("note",)

    def person(self, cookie: str | None) -> Person | None:
        return self.people.get(cookie) if cookie else None

    @_locked
    def cards_of(self, voter: str) -> list[Card]:
        return [card for card in self.cards.values() if self.authors.get(card.id) == voter]

    @_locked
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

    @_locked
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

    @_locked
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

    # -- cards -----------------------------------------------------------------------------

    def add_card(self, person: Person, kind: str, text: str, key: str) -> tuple[Card, bool]:
        """Save a new card; the same key again returns the card it made (False: not new)."""
        result = self.add_cards([(person, kind, text, key)])[0]
        if isinstance(result, RoomRefusal):
            raise result
        return result

    @_locked
    def add_cards(
        self, requests: Sequence[tuple[Person, str, str, str]]
    ) -> list[tuple[Card, bool] | RoomRefusal]:
        """Several people's new cards in one save (see `GroupCommit`): each gets its card, or
        the refusal of its own request; if the save fails, every new card is refused."""
        results, new, state = self._plan_cards(requests)
        if not new:
            return results
        try:
            self._save(_card_documents(state[0], new))
        except RoomRefusal as refusal:
            return _refused(results, refusal)
        self._take_cards(new, state)
        self._changed()
        return results

    async def add_cards_durably(
        self, requests: Sequence[tuple[Person, str, str, str]]
    ) -> list[tuple[Card, bool] | RoomRefusal]:
        """`add_cards` with the file write in a worker thread, off the event loop.

        The cards are taken into memory when their bytes are encoded, so requests handled
        meanwhile number theirs after them and any save includes them; their requests are
        answered once they are on disk. If the write fails they leave memory and are refused.
        """
        with self.store.lock:
            results, new, state = self._plan_cards(requests)
            if not new:
                return results
            try:
                durable = self.store.stage_room_documents(_card_documents(state[0], new))
            except CoalitionError as error:
                return _refused(results, RoomRefusal(503, f"Not saved: {error.message}"))
            self._take_cards(new, state)
            self.in_flight.update(card.id for card, _ in new)  # not revealed before it is saved
        try:
            await durable
        except CoalitionError as error:
            with self.store.lock:  # they leave memory and the in-flight set together
                for card, person in new:  # the card numbers stay used: harmless, never reused
                    self.cards.pop(card.id, None)
                    self.authors.pop(card.id, None)
                    self.keys.pop((person.voter, card.key), None)
                    count = self.written.get((person.voter, card.step), 1)
                    self.written[(person.voter, card.step)] = count - 1
                self.in_flight.difference_update(card.id for card, _ in new)
            return _refused(results, RoomRefusal(503, f"Not saved: {error.message}"))
        finally:
            with self.store.lock:
                self.in_flight.difference_update(card.id for card, _ in new)
            self._changed()
        return results

    def _plan_cards(
        self, requests: Sequence[tuple[Person, str, str, str]]
    ) -> tuple[list[tuple[Card, bool] | RoomRefusal], list[tuple[Card, Person]], _CardState]:
        results: list[tuple[Card, bool] | RoomRefusal] = []
        new: list[tuple[Card, Person]] = []
        keys = dict(self.keys)
        written = dict(self.written)
        info = self.info
        for person, kind, text, key in requests:
            try:
                card, made = self._new_card(person, kind, text, key, keys, written, info)
            except RoomRefusal as refusal:
                results.append(refusal)
                continue
            if made:
                info = dataclasses.replace(info, next_card=card.number + 1)
                keys[(person.voter, card.key)] = card
                written[(person.voter, card.step)] = written.get((person.voter, card.step), 0) + 1
                new.append((card, person))
            results.append((card, made))
        return results, new, (info, keys, written)

    def _take_cards(self, new: list[tuple[Card, Person]], state: _CardState) -> None:
        self.info, self.keys, self.written = state
        for card, person in new:
            self.cards[card.id] = card
            self.authors[card.id] = person.voter

    def _new_card(
        self,
        person: Person,
        kind: str,
        text: str,
        key: str,
        keys: dict[tuple[str, str], Card],
        written: dict[tuple[str, str], int],
        info: RoomInfo,
    ) -> tuple[Card, bool]:
        key = str(key).strip()
        if not key or len(key) > 100:
            raise RoomRefusal(400, "A card needs a 'key' (idempotency key) of 1 to 100 characters.")
        if (person.voter, key) in keys:
            return keys[(person.voter, key)], False
        if kind not in self.card_kinds():
            raise RoomRefusal(
                400, f"This step takes cards of kind {', '.join(self.card_kinds())}, not {kind!r}."
            )
        text = self._text(text)
        step = self.step().id
        if written.get((person.voter, step), 0) >= self.limits.cards_per_step:
            raise RoomRefusal(
                429, f"You have written {self.limits.cards_per_step} cards in this step already."
            )
        author = "" if self.anonymous else person.voter
        return Card(f"C-{info.next_card}", key, kind, text, step, author), True

    @_locked
    def edit_card(self, person: Person, card_id: str, text: str) -> Card:
        card = self._own_card(person, card_id)
        edited = dataclasses.replace(card, text=self._text(text))
        self._save({card.document_key: edited.to_document()})
        self.cards[card.id] = edited
        self._changed()
        return edited

    @_locked
    def withdraw_card(self, person: Person, card_id: str) -> None:
        card = self._own_card(person, card_id)
        self._save({card.document_key: None})
        del self.cards[card.id]
        self.authors.pop(card.id, None)
        self._changed()

    def _own_card(self, person: Person, card_id: str) -> Card:
        card = self.cards.get(str(card_id))
        if card is None or self.authors.get(card.id) != person.voter:
            raise RoomRefusal(404, f"You have no unrevealed card {str(card_id)[:20]!r}.")
        return card

    def _text(self, text: object) -> str:
        cleaned = one_line(text)
        if not cleaned:
            raise RoomRefusal(400, "A card needs some text.")
        if len(cleaned) > self.limits.text_chars:
            raise RoomRefusal(400, f"A card has at most {self.limits.text_chars} characters.")
        return cleaned

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

    @_locked
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

    @_locked
    def open_vote(self, budget: int, max_per_item: int, items: Sequence[str] | None = None) -> Vote:
        if self.info.vote is not None:
            raise RoomRefusal(409, "A vote is open already; close it first.")
        irritants = self.store.session.irritants
        vote = new_vote(irritants, self.step().id, budget, max_per_item, items)
        self._set_info(dataclasses.replace(self.info, vote=vote))
        return vote

    @_locked
    def cast(self, person: Person, item: str, dots: int) -> Vote:
        """Set this person's dots on one item, within the budget and the per-item limit."""
        vote = with_dots(self.info.vote, person.voter, item, dots)
        self._set_info(dataclasses.replace(self.info, vote=vote))
        return vote

    @_locked
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

    @_locked
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

    def _save(self, documents: dict[str, dict[str, object] | None]) -> None:
        try:
            self.store.put_room_documents(documents)
        except CoalitionError as error:
            raise RoomRefusal(503, f"Not saved: {error.message}") from error

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()
