"""Sessions and the items a guiding coalition captures, as plain dataclasses.

Dates are `datetime.date`; everything converts to and from plain dicts at the store's
boundary (`to_record` / `from_record`), with ISO strings for dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Self

from coalition.domain.alignment import Metric as Metric
from coalition.domain.alignment import Stage as Stage
from coalition.domain.alignment import ValueStream as ValueStream
from coalition.domain.decisions import Decision as Decision
from coalition.domain.decisions import DecisionStatus as DecisionStatus
from coalition.domain.decisions import Option as Option
from coalition.domain.irritants import Irritant as Irritant
from coalition.domain.irritants import IrritantStatus as IrritantStatus
from coalition.domain.irritants import Priority as Priority
from coalition.domain.objectives import Initiative as Initiative
from coalition.domain.objectives import Objective as Objective
from coalition.domain.progress import Rating as Rating
from coalition.domain.progress import Win as Win
from coalition.domain.records import (
    MAX_COUNT as MAX_COUNT,
)
from coalition.domain.records import (
    MAX_ID_NUMBER as MAX_ID_NUMBER,
)
from coalition.domain.records import (
    count_field,
    date_or_none,
    flag_field,
    iso_or_none,
    optional,
    text_field,
    texts_field,
)
from coalition.domain.roles import Quality as Quality
from coalition.domain.roles import Side as Side
from coalition.domain.room_records import RoomInfo
from coalition.domain.show_of_hands import ShowOfHands as ShowOfHands


class ActionStatus(StrEnum):
    """An action item is open until it is done or dropped."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class SessionStatus(StrEnum):
    """A session is open while it runs and closed once its minutes are final."""

    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class Participant:
    """A member of the guiding coalition."""

    prefix: ClassVar[str] = "P"
    kind: ClassVar[str] = "participant"

    id: str
    name: str
    role: str = ""
    side: Side = Side.BUSINESS
    qualities: frozenset[Quality] = frozenset()
    # Carried into a later session, a member is on the coalition but not yet counted as
    # present; the facilitator marks who came.
    present: bool = True
    origin: str = ""

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "side": self.side.value,
            "qualities": sorted(q.value for q in self.qualities),
        } | optional(present=(self.present, True), origin=(self.origin, ""))

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=text_field(record, "id"),
            name=text_field(record, "name"),
            role=text_field(record, "role", ""),
            side=Side(record.get("side", "business")),
            qualities=frozenset(Quality(q) for q in record.get("qualities", ())),
            present=flag_field(record, "present", True),
            origin=text_field(record, "origin", ""),
        )


@dataclass(frozen=True, slots=True)
class ActionItem:
    """A commitment: one owner, a due date, open until done or dropped.

    `origin` names the session an action was carried over from, if any.
    """

    prefix: ClassVar[str] = "A"
    kind: ClassVar[str] = "action"

    id: str
    text: str
    owner: str = ""
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    step: str = ""
    origin: str = ""
    decision: str = ""  # the ID of the decision this action carries out (D-n)

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "owner": self.owner,
            "due": iso_or_none(self.due),
            "status": self.status.value,
            "step": self.step,
            "origin": self.origin,
        } | optional(decision=(self.decision, ""))

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=text_field(record, "id"),
            text=text_field(record, "text"),
            owner=text_field(record, "owner", ""),
            due=date_or_none(record.get("due")),
            status=ActionStatus(record.get("status", "open")),
            step=text_field(record, "step", ""),
            origin=text_field(record, "origin", ""),
            decision=text_field(record, "decision", ""),
        )


@dataclass(frozen=True, slots=True)
class Note:
    """Free text the facilitator records against a step."""

    prefix: ClassVar[str] = "N"
    kind: ClassVar[str] = "note"

    id: str
    text: str
    step: str = ""

    def to_record(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "step": self.step}

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=text_field(record, "id"),
            text=text_field(record, "text"),
            step=text_field(record, "step", ""),
        )


Item = (
    Participant
    | Decision
    | ActionItem
    | Irritant
    | Note
    | ValueStream
    | Metric
    | Win
    | Rating
    | ShowOfHands
    | Objective
    | Initiative
)
ITEM_TYPES: tuple[type[Item], ...] = (
    Participant,
    Decision,
    ActionItem,
    Irritant,
    Note,
    ValueStream,
    Metric,
    Win,
    Rating,
    ShowOfHands,
    Objective,
    Initiative,
)
ITEM_TYPE_BY_KIND: dict[str, type[Item]] = {t.kind: t for t in ITEM_TYPES}
ITEM_TYPE_BY_PREFIX: dict[str, type[Item]] = {t.prefix: t for t in ITEM_TYPES}
KINDS: tuple[str, ...] = tuple(ITEM_TYPE_BY_KIND)


_PLAIN_ID = re.compile(r"([A-Z])-([1-9][0-9]{0,6})")  # ASCII digits, no leading zero


def check_id(item_id: str, prefix: str) -> None:
    """Refuse an ID that is not `<prefix>-<n>`, n from 1 to MAX_ID_NUMBER, written plainly."""
    match = _PLAIN_ID.fullmatch(item_id)
    if match is None or match[1] != prefix or int(match[2]) > MAX_ID_NUMBER:
        shown = item_id if len(item_id) <= 20 else item_id[:17] + "..."
        raise ValueError(f"'id' must be {prefix}-1 to {prefix}-{MAX_ID_NUMBER}, not {shown!r}")


def id_number(item_id: str) -> int:
    """The number in a human ID (`"A-12"` -> 12); IDs sort by kind then by this number."""
    _, _, number = item_id.partition("-")
    return int(number) if number.isascii() and number.isdigit() else 0


def sort_by_id(items: Iterable[Item]) -> list[Item]:
    """Items in stable ID order, the order the minutes use."""
    return sorted(items, key=lambda item: (item.prefix, id_number(item.id), item.id))


@dataclass(frozen=True, slots=True)
class StepSnapshot:
    """One step of the playbook as the session ran it."""

    id: str
    title: str
    purpose: str
    prompts: tuple[str, ...]
    timebox_minutes: int
    captures: tuple[str, ...]

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "purpose": self.purpose,
            "prompts": list(self.prompts),
            "timebox_minutes": self.timebox_minutes,
            "captures": list(self.captures),
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=text_field(record, "id"),
            title=text_field(record, "title"),
            purpose=text_field(record, "purpose", ""),
            prompts=texts_field(record, "prompts"),
            timebox_minutes=count_field(record.get("timebox_minutes", 0), "timebox_minutes"),
            captures=texts_field(record, "captures"),
        )


@dataclass(frozen=True, slots=True)
class PlaybookSnapshot:
    """The playbook a session ran, frozen into the session so history never changes."""

    name: str
    title: str
    version: str
    steps: tuple[StepSnapshot, ...]
    description: str = ""
    # `sha256:<hex>` of the playbook's text (`playbook_versions.content_hash`): the version
    # says which release was meant, the hash which text ran. Empty in older session files.
    content_hash: str = ""

    def step(self, step_id: str) -> StepSnapshot | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def step_index(self, step_id: str) -> int:
        """The position of a step in the agenda, or len(steps) for an unknown step."""
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        return len(self.steps)

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "version": self.version,
            "description": self.description,
            "steps": [s.to_record() for s in self.steps],
        } | optional(content_hash=(self.content_hash, ""))

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            name=text_field(record, "name"),
            title=text_field(record, "title"),
            version=text_field(record, "version"),
            description=text_field(record, "description", ""),
            steps=tuple(StepSnapshot.from_record(s) for s in record.get("steps", ())),
            content_hash=text_field(record, "content_hash", ""),
        )


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """What describes a session apart from its items."""

    title: str
    client: str
    date: dt.date
    facilitator: str
    playbook: PlaybookSnapshot
    status: SessionStatus = SessionStatus.OPEN
    current_step: str = ""
    # The next number per ID prefix; seeded from the client's earlier sessions so IDs stay
    # unique across a series of workshops.
    next_numbers: Mapping[str, int] = field(default_factory=dict)
    # Dots each participant may spend when the room votes on irritants.
    vote_budget: int = 3
    # The steps the room has been on, in agenda order; a step passed over by a jump is
    # skipped, not done. None for files written before this was recorded: then every step
    # before the current one counts as visited.
    visited_steps: tuple[str, ...] | None = None
    # The earlier sessions that carried items came from, by file name (the items' `origin`):
    # their title and date, so the minutes can name them the way people remember them.
    origins: Mapping[str, tuple[str, dt.date]] = field(default_factory=dict)
    # Whole seconds each step's countdown has run, by step ID, so a reopened session resumes
    # each countdown where it was. Never rendered in the minutes.
    step_elapsed: Mapping[str, int] = field(default_factory=dict)
    # Its place among the client's sessions (1, 2, 3 ...: two sessions can share a date), and
    # the file name of the session it continued from (empty for a first or fresh session).
    sequence: int = 0
    previous: str = ""

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "vote_budget": self.vote_budget,
            "title": self.title,
            "client": self.client,
            "date": self.date.isoformat(),
            "facilitator": self.facilitator,
            "playbook": self.playbook.to_record(),
            "status": self.status.value,
            "current_step": self.current_step,
            "next_numbers": dict(sorted(self.next_numbers.items())),
        }
        return record | self._optional_fields()

    def _optional_fields(self) -> dict[str, Any]:
        """Fields older files lack; written only when set, so those files stay as they were."""
        record: dict[str, Any] = {}
        if self.visited_steps is not None:
            record["visited_steps"] = list(self.visited_steps)
        record |= optional(sequence=(self.sequence, 0), previous=(self.previous, ""))
        if self.step_elapsed:  # absent until a countdown ran
            record["step_elapsed"] = dict(sorted(self.step_elapsed.items()))
        if self.origins:
            record["origins"] = {
                name: {"title": title, "date": date.isoformat()}
                for name, (title, date) in sorted(self.origins.items())
            }
        return record

    def origin_label(self, origin: str) -> str:
        """`Kick-off (2026-11-01)` for an item's origin, or the file name if unknown."""
        if origin not in self.origins:
            return origin
        title, date = self.origins[origin]
        return f"{title} ({date.isoformat()})"

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            title=text_field(record, "title"),
            client=text_field(record, "client"),
            date=dt.date.fromisoformat(record["date"]),
            facilitator=text_field(record, "facilitator", ""),
            playbook=PlaybookSnapshot.from_record(record["playbook"]),
            status=SessionStatus(record.get("status", "open")),
            current_step=text_field(record, "current_step", ""),
            next_numbers=_numbers(record.get("next_numbers", {})),
            vote_budget=count_field(record.get("vote_budget", 3), "vote_budget"),
            visited_steps=texts_field(record, "visited_steps")
            if "visited_steps" in record
            else None,
            origins=_origins(record.get("origins", {})),
            step_elapsed=_seconds(record.get("step_elapsed", {})),
            sequence=count_field(record.get("sequence", 0), "sequence"),
            previous=text_field(record, "previous", ""),
        )


def _origins(value: Any) -> dict[str, tuple[str, dt.date]]:
    if not isinstance(value, Mapping) or not all(isinstance(v, Mapping) for v in value.values()):
        raise TypeError("'origins' must map session names to their title and date")
    return {
        str(name): (text_field(entry, "title"), dt.date.fromisoformat(text_field(entry, "date")))
        for name, entry in value.items()
    }


def _seconds(value: Any) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise TypeError("'step_elapsed' must map step IDs to seconds")
    return {str(k): count_field(v, f"step_elapsed.{k}") for k, v in value.items()}


def _numbers(value: Any) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise TypeError("'next_numbers' must map ID prefixes to numbers")
    return {
        str(k): count_field(v, f"next_numbers.{k}", MAX_ID_NUMBER + 1, 1) for k, v in value.items()
    }


@dataclass(slots=True)
class Session:
    """A session and everything captured in it: the aggregate the minutes render."""

    info: SessionInfo
    participants: list[Participant] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    irritants: list[Irritant] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    streams: list[ValueStream] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    wins: list[Win] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    shows_of_hands: list[ShowOfHands] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    # The items carried in from the previous session, as they were when it started: what
    # "since the last session" compares with. Never changed after the session starts.
    baseline: dict[str, Item] = field(default_factory=dict)
    # What the room (participants on their own devices) recorded; None if it never opened.
    room: RoomInfo | None = None

    def items(self) -> list[Item]:
        """Every item, in stable ID order."""
        everything: list[Item] = [
            *self.participants,
            *self.decisions,
            *self.actions,
            *self.irritants,
            *self.notes,
            *self.streams,
            *self.metrics,
            *self.wins,
            *self.ratings,
            *self.shows_of_hands,
            *self.objectives,
            *self.initiatives,
        ]
        return sort_by_id(everything)

    def items_in_step(self, step_id: str) -> list[Item]:
        return [i for i in self.items() if not isinstance(i, Participant) and i.step == step_id]
