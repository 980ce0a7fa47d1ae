"""The room's rules for cards: a participant writes them silently (each with an idempotency
key), edits or withdraws their own until the facilitator reveals them. No HTTP, no Textual.

`CardRules` is mixed into `RoomCore` (coalition.room.core), whose fields it uses; every
method that changes something holds the store's lock (`locked`), as the app's thread and
the room's may both call it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from coalition.domain.models import StepSnapshot
from coalition.domain.room_records import CARD_KINDS, INFO_KEY, Card, RoomInfo
from coalition.errors import CoalitionError
from coalition.locking import holding
from coalition.room.limits import Limits, RateWindow
from coalition.room.refusal import RoomRefusal
from coalition.store import SessionStore
from coalition.visible_text import visible

_LINE_BREAKS = re.compile("[\r\n\t]+")


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


# The room's thread and the app's may both call a method: it holds the store's lock.
locked = holding(lambda rules: rules.store.lock)


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


class CardRules:
    """Cards and the step they are written in, for `RoomCore`."""

    __slots__ = ()

    # RoomCore's fields (see there)
    store: SessionStore
    anonymous: bool
    limits: Limits
    on_change: Callable[[], None] | None
    info: RoomInfo
    cards: dict[str, Card]
    authors: dict[str, str]
    written: dict[tuple[str, str], int]
    keys: dict[tuple[str, str], Card]
    in_flight: set[str]

    # -- reading ---------------------------------------------------------------------------

    def step(self) -> StepSnapshot:
        info = self.store.info
        step = info.playbook.step(info.current_step) or info.playbook.steps[0]
        return step

    def card_kinds(self) -> tuple[str, ...]:
        """The kinds of card the current step captures (a note when it captures none)."""
        kinds = tuple(kind for kind in CARD_KINDS if kind in self.step().captures)
        return kinds or ("note",)

    def add_card(self, person: Person, kind: str, text: str, key: str) -> tuple[Card, bool]:
        """Save a new card; the same key again returns the card it made (False: not new)."""
        result = self.add_cards([(person, kind, text, key)])[0]
        if isinstance(result, RoomRefusal):
            raise result
        return result

    @locked
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
        self.info, self.keys, self.written = state  # type: ignore[misc]  # the slots are RoomCore's
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

    @locked
    def edit_card(self, person: Person, card_id: str, text: str) -> Card:
        card = self._own_card(person, card_id)
        edited = dataclasses.replace(card, text=self._text(text))
        self._save({card.document_key: edited.to_document()})
        self.cards[card.id] = edited
        self._changed()
        return edited

    @locked
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

    # -- saving ----------------------------------------------------------------------------

    def _save(self, documents: dict[str, dict[str, object] | None]) -> None:
        try:
            self.store.put_room_documents(documents)
        except CoalitionError as error:
            raise RoomRefusal(503, f"Not saved: {error.message}") from error

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()
