"""The room's rules: join, write, reveal, vote, move the step. No HTTP, no Textual.

Every change is saved through the session's own `SessionStore` before it is taken into
memory, so what the room answers is what the file holds. A refused request raises
`RoomRefusal` with the HTTP status and a message a person can act on.
"""

from __future__ import annotations

import dataclasses
import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from coalition.domain.models import DecisionStatus, Irritant, Participant, StepSnapshot
from coalition.domain.room_records import (
    CARD_KINDS,
    INFO_KEY,
    Card,
    Result,
    RoomInfo,
    Vote,
    read_room,
)
from coalition.domain.voting import by_votes
from coalition.errors import CoalitionError, SessionCorrupt
from coalition.room.limits import Limits, RateWindow
from coalition.room.tokens import new_token
from coalition.services.editing import same_person
from coalition.store import SessionStore
from coalition.visible_text import visible


class RoomRefusal(Exception):
    """A request the room refuses: `status` is the HTTP status, `message` says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(slots=True)
class Person:
    """One joined device: its cookie and CSRF token, and whose it is."""

    participant: str
    name: str
    cookie: str
    csrf: str
    voter: str  # the participant ID, or a random alias (memory only) in an anonymous room
    rate: RateWindow


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
    authors: dict[str, str] = field(default_factory=dict)  # card ID -> voter (memory)
    written: dict[tuple[str, str], int] = field(default_factory=dict)  # (voter, step) -> n

    def __post_init__(self) -> None:
        try:
            info, cards = read_room(self.store.room_documents())
        except (KeyError, TypeError, ValueError) as error:
            raise SessionCorrupt(
                f"{self.store.source}: the room's table is not valid ({error!r}). The file "
                "was left as it is."
            ) from error
        self.info = dataclasses.replace(info, anonymous=self.anonymous)
        self.cards = {card.id: card for card in cards}
        self.authors = {card.id: card.author for card in cards if card.author}
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

    def cards_of(self, voter: str) -> list[Card]:
        return [card for card in self.cards.values() if self.authors.get(card.id) == voter]

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

    def join(self, typed_name: str) -> Person:
        """A device joins as a roster member, or as a new one added to the roster."""
        name = " ".join(visible(str(typed_name)).split())
        if not name:
            raise RoomRefusal(400, "Type your name to join.")
        if len(name) > self.limits.name_chars:
            raise RoomRefusal(400, f"A name has at most {self.limits.name_chars} characters.")
        roster = self.store.session.participants
        member = next((p for p in roster if same_person(p.name, name)), None)
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
        voter = "anon-" + secrets.token_hex(8) if self.anonymous else member.id
        person = Person(
            member.id, member.name, new_token(), new_token(), voter,
            RateWindow(self.limits.requests_per_minute),
        )  # fmt: skip
        self.people[person.cookie] = person
        self._changed()
        return person

    # -- cards -----------------------------------------------------------------------------

    def add_card(self, person: Person, kind: str, text: str, key: str) -> tuple[Card, bool]:
        """Save a new card; the same key again returns the card it made (False: not new)."""
        key = str(key).strip()
        if not key or len(key) > 100:
            raise RoomRefusal(400, "A card needs a 'key' (idempotency key) of 1 to 100 characters.")
        for card in self.cards.values():
            if card.key == key and self.authors.get(card.id) == person.voter:
                return card, False
        if kind not in self.card_kinds():
            raise RoomRefusal(
                400, f"This step takes cards of kind {', '.join(self.card_kinds())}, not {kind!r}."
            )
        text = self._text(text)
        step = self.step().id
        if self.written.get((person.voter, step), 0) >= self.limits.cards_per_step:
            raise RoomRefusal(
                429, f"You have written {self.limits.cards_per_step} cards in this step already."
            )
        number = self.info.next_card
        card = Card(f"C-{number}", key, kind, text, step, "" if self.anonymous else person.voter)
        info = dataclasses.replace(self.info, next_card=number + 1)
        self._save({INFO_KEY: info.to_document(), card.document_key: card.to_document()})
        self.info = info
        self.cards[card.id] = card
        self.authors[card.id] = person.voter
        self.written[(person.voter, step)] = self.written.get((person.voter, step), 0) + 1
        self._changed()
        return card, True

    def edit_card(self, person: Person, card_id: str, text: str) -> Card:
        card = self._own_card(person, card_id)
        edited = dataclasses.replace(card, text=self._text(text))
        self._save({card.document_key: edited.to_document()})
        self.cards[card.id] = edited
        self._changed()
        return edited

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
        cleaned = " ".join(visible(str(text)).split())
        if not cleaned:
            raise RoomRefusal(400, "A card needs some text.")
        if len(cleaned) > self.limits.text_chars:
            raise RoomRefusal(400, f"A card has at most {self.limits.text_chars} characters.")
        return cleaned

    # -- the facilitator -------------------------------------------------------------------

    def reveal(self) -> list[str]:
        """The current step's cards become items, `raised by` their author (nobody's in an
        anonymous room, in a random order so the order tells nothing either)."""
        step = self.step().id
        cards = [card for card in self.cards.values() if card.step == step]
        if self.anonymous:
            random.SystemRandom().shuffle(cards)
        names = {p.id: p.name for p in self.store.session.participants}
        raised_by = dict(self.info.raised_by)
        revealed: list[str] = []
        with self.store.batch():
            for card in cards:
                fields: dict[str, object] = {"text": card.text, "step": card.step}
                if card.kind == "decision":
                    fields["status"] = DecisionStatus.PROPOSED
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
        self._changed()
        return revealed

    def open_vote(self, budget: int, max_per_item: int, items: list[str] | None = None) -> Vote:
        if self.info.vote is not None:
            raise RoomRefusal(409, "A vote is open already; close it first.")
        if not 1 <= budget <= 100 or not 1 <= max_per_item <= budget:
            raise RoomRefusal(400, "The budget must be 1 to 100, and at most that on one item.")
        irritants = {i.id: i for i in self.store.session.irritants}
        if items is None:
            items = [i.id for i in self.store.session.irritants if i.step == self.step().id]
        unknown = [item for item in items if item not in irritants]
        if unknown:
            raise RoomRefusal(400, f"Only irritants can be voted on; not {unknown[0][:20]!r}.")
        if not items:
            raise RoomRefusal(409, "This step has no irritants to vote on.")
        vote = Vote(tuple(dict.fromkeys(items)), budget, max_per_item)
        self._set_info(dataclasses.replace(self.info, vote=vote))
        return vote

    def cast(self, person: Person, item: str, dots: int) -> Vote:
        """Set this person's dots on one item, within the budget and the per-item limit."""
        vote = self.info.vote
        if vote is None:
            raise RoomRefusal(409, "No vote is open.")
        if item not in vote.items:
            raise RoomRefusal(404, f"{str(item)[:20]!r} is not on the ballot.")
        if type(dots) is not int or not 0 <= dots <= vote.max_per_item:
            raise RoomRefusal(400, f"Put 0 to {vote.max_per_item} dots on one item.")
        ballot = dict(vote.ballots.get(person.voter, {}))
        ballot[item] = dots
        ballot = {i: n for i, n in ballot.items() if n}
        if sum(ballot.values()) > vote.budget:
            raise RoomRefusal(409, f"That is over your budget of {vote.budget} dots.")
        ballots = {**vote.ballots, person.voter: ballot}
        vote = dataclasses.replace(vote, ballots=ballots)
        self._set_info(dataclasses.replace(self.info, vote=vote))
        return vote

    def close_vote(self) -> tuple[Result, ...]:
        """Add each item's dots to the irritant (per voter unless anonymous); rank them."""
        vote = self.info.vote
        if vote is None:
            raise RoomRefusal(409, "No vote is open.")
        names = {p.id: p.name for p in self.store.session.participants}
        changed: list[Irritant] = []
        results: list[Result] = []
        with self.store.batch():
            for item_id in vote.items:
                irritant = self.store.get(item_id)
                assert isinstance(irritant, Irritant)
                dots = {v: b[item_id] for v, b in vote.ballots.items() if b.get(item_id)}
                votes_by = dict(irritant.votes_by)
                if not self.anonymous:
                    for voter, count in dots.items():
                        name = names.get(voter, voter)
                        votes_by[name] = votes_by.get(name, 0) + count
                after = dataclasses.replace(
                    irritant,
                    votes=irritant.votes + sum(dots.values()),
                    votes_by=tuple(sorted(votes_by.items())),
                )
                self.store.put(after)
                changed.append(after)
                results.append(Result(item_id, sum(dots.values()), len(dots)))
            order = {i.id: n for n, i in enumerate(by_votes(changed))}
            results.sort(key=lambda r: order[r.item])
            info = dataclasses.replace(
                self.info,
                vote=None,
                results=tuple(results),
                vote_history=(*self.info.vote_history, *results),
            )
            self._save({INFO_KEY: info.to_document()})
        self.info = info
        self._changed()
        return info.results

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
