"""Sessions and the items a guiding coalition captures, as plain dataclasses.

Dates are `datetime.date`; everything converts to and from plain dicts at the store's
boundary (`to_record` / `from_record`), with ISO strings for dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Self

from coalition.domain.alignment import Metric as Metric
from coalition.domain.alignment import Stage as Stage
from coalition.domain.alignment import ValueStream as ValueStream
from coalition.domain.roles import Quality as Quality
from coalition.domain.roles import Side as Side


class DecisionStatus(StrEnum):
    """Decision-record statuses (MADR)."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"


class ActionStatus(StrEnum):
    """An action item is open until it is done or dropped."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class IrritantStatus(StrEnum):
    """An irritant is only half removed until its removal is publicized."""

    OPEN = "open"
    BEING_REMOVED = "being-removed"
    REMOVED = "removed"
    PUBLICIZED = "publicized"


class SessionStatus(StrEnum):
    """A session is open while it runs and closed once its minutes are final."""

    OPEN = "open"
    CLOSED = "closed"


def _text(record: Mapping[str, Any], key: str, default: str | None = None) -> str:
    """A text field of a record; TypeError (not a crash later) when a file holds another type."""
    value = record[key] if default is None else record.get(key, default)
    if not isinstance(value, str):
        raise TypeError(f"'{key}' must be text, not {type(value).__name__}")
    return value


def _texts(record: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """A list-of-text field of a record (missing means empty)."""
    values = record.get(key, ())
    if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
        raise TypeError(f"'{key}' must be a list of text")
    return tuple(values)


# The largest number in an ID (`N-1000000`) and in any count a session file holds (votes,
# vote budget, minutes): a hand-edited file beyond them is refused, never trusted.
MAX_ID_NUMBER = 1_000_000
MAX_COUNT = 1_000_000


def _count(value: Any, name: str, maximum: int = MAX_COUNT, minimum: int = 0) -> int:
    """A whole number of a record within bounds; bools, floats and text are refused."""
    if type(value) is not int:
        raise TypeError(f"'{name}' must be a whole number, not {type(value).__name__}")
    if not minimum <= value <= maximum:
        shown = str(value) if abs(value) < 10**15 else "a far larger one"
        raise ValueError(f"'{name}' must be from {minimum} to {maximum:,}, not {shown}")
    return value


def _date_or_none(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso_or_none(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


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

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "side": self.side.value,
            "qualities": sorted(q.value for q in self.qualities),
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=_text(record, "id"),
            name=_text(record, "name"),
            role=_text(record, "role", ""),
            side=Side(record.get("side", "business")),
            qualities=frozenset(Quality(q) for q in record.get("qualities", ())),
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """Something the room decided, with who owns it and why."""

    prefix: ClassVar[str] = "D"
    kind: ClassVar[str] = "decision"

    id: str
    text: str
    owners: tuple[str, ...] = ()
    step: str = ""
    status: DecisionStatus = DecisionStatus.ACCEPTED
    rationale: str = ""

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "owners": list(self.owners),
            "step": self.step,
            "status": self.status.value,
            "rationale": self.rationale,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=_text(record, "id"),
            text=_text(record, "text"),
            owners=_texts(record, "owners"),
            step=_text(record, "step", ""),
            status=DecisionStatus(record.get("status", "accepted")),
            rationale=_text(record, "rationale", ""),
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

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "owner": self.owner,
            "due": _iso_or_none(self.due),
            "status": self.status.value,
            "step": self.step,
            "origin": self.origin,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=_text(record, "id"),
            text=_text(record, "text"),
            owner=_text(record, "owner", ""),
            due=_date_or_none(record.get("due")),
            status=ActionStatus(record.get("status", "open")),
            step=_text(record, "step", ""),
            origin=_text(record, "origin", ""),
        )


@dataclass(frozen=True, slots=True)
class Irritant:
    """Something that annoys people when they deal with IT, and its removal."""

    prefix: ClassVar[str] = "I"
    kind: ClassVar[str] = "irritant"

    id: str
    text: str
    irritates: str = ""
    service: str = ""
    votes: int = 0
    owner: str = ""
    status: IrritantStatus = IrritantStatus.OPEN
    step: str = ""
    origin: str = ""
    # Dot votes by participant name, within the session's vote budget; `votes` counts them
    # together with votes captured without a name (`+2` on the capture line).
    votes_by: tuple[tuple[str, int], ...] = ()

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "irritates": self.irritates,
            "service": self.service,
            "votes": self.votes,
            "votes_by": dict(self.votes_by),
            "owner": self.owner,
            "status": self.status.value,
            "step": self.step,
            "origin": self.origin,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=_text(record, "id"),
            text=_text(record, "text"),
            irritates=_text(record, "irritates", ""),
            service=_text(record, "service", ""),
            votes=_count(record.get("votes", 0), "votes"),
            owner=_text(record, "owner", ""),
            status=IrritantStatus(record.get("status", "open")),
            step=_text(record, "step", ""),
            origin=_text(record, "origin", ""),
            votes_by=_votes(record.get("votes_by", {})),
        )

    def dots_of(self, voter: str) -> int:
        return dict(self.votes_by).get(voter, 0)


def _votes(value: Any) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, Mapping):
        raise TypeError("'votes_by' must map names to numbers of votes")
    counts = ((str(name), _count(count, "votes_by")) for name, count in value.items())
    return tuple(sorted((name, count) for name, count in counts if count))


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
            id=_text(record, "id"), text=_text(record, "text"), step=_text(record, "step", "")
        )


Item = Participant | Decision | ActionItem | Irritant | Note | ValueStream | Metric
ITEM_TYPES: tuple[type[Item], ...] = (
    Participant,
    Decision,
    ActionItem,
    Irritant,
    Note,
    ValueStream,
    Metric,
)
ITEM_TYPE_BY_KIND: dict[str, type[Item]] = {t.kind: t for t in ITEM_TYPES}
ITEM_TYPE_BY_PREFIX: dict[str, type[Item]] = {t.prefix: t for t in ITEM_TYPES}
KINDS: tuple[str, ...] = tuple(ITEM_TYPE_BY_KIND)


def check_id(item_id: str, prefix: str) -> None:
    """Refuse an ID that is not `<prefix>-<n>`, n from 1 to MAX_ID_NUMBER, written plainly."""
    _, _, number = item_id.partition("-")
    if not (
        item_id == f"{prefix}-{number}"
        and number.isascii()
        and number.isdigit()
        and number[0] != "0"
        and len(number) <= len(str(MAX_ID_NUMBER))
        and int(number) <= MAX_ID_NUMBER
    ):
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
            id=_text(record, "id"),
            title=_text(record, "title"),
            purpose=_text(record, "purpose", ""),
            prompts=_texts(record, "prompts"),
            timebox_minutes=_count(record.get("timebox_minutes", 0), "timebox_minutes"),
            captures=_texts(record, "captures"),
        )


@dataclass(frozen=True, slots=True)
class PlaybookSnapshot:
    """The playbook a session ran, frozen into the session so history never changes."""

    name: str
    title: str
    version: str
    steps: tuple[StepSnapshot, ...]
    description: str = ""

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
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            name=_text(record, "name"),
            title=_text(record, "title"),
            version=_text(record, "version"),
            description=_text(record, "description", ""),
            steps=tuple(StepSnapshot.from_record(s) for s in record.get("steps", ())),
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
            title=_text(record, "title"),
            client=_text(record, "client"),
            date=dt.date.fromisoformat(record["date"]),
            facilitator=_text(record, "facilitator", ""),
            playbook=PlaybookSnapshot.from_record(record["playbook"]),
            status=SessionStatus(record.get("status", "open")),
            current_step=_text(record, "current_step", ""),
            next_numbers=_numbers(record.get("next_numbers", {})),
            vote_budget=_count(record.get("vote_budget", 3), "vote_budget"),
            visited_steps=_texts(record, "visited_steps") if "visited_steps" in record else None,
            origins=_origins(record.get("origins", {})),
            step_elapsed=_seconds(record.get("step_elapsed", {})),
        )


def _origins(value: Any) -> dict[str, tuple[str, dt.date]]:
    if not isinstance(value, Mapping) or not all(isinstance(v, Mapping) for v in value.values()):
        raise TypeError("'origins' must map session names to their title and date")
    return {
        str(name): (_text(entry, "title"), dt.date.fromisoformat(_text(entry, "date")))
        for name, entry in value.items()
    }


def _seconds(value: Any) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise TypeError("'step_elapsed' must map step IDs to seconds")
    return {str(k): _count(v, f"step_elapsed.{k}") for k, v in value.items()}


def _numbers(value: Any) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise TypeError("'next_numbers' must map ID prefixes to numbers")
    return {str(k): _count(v, f"next_numbers.{k}", MAX_ID_NUMBER + 1, 1) for k, v in value.items()}


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
        ]
        return sort_by_id(everything)

    def items_in_step(self, step_id: str) -> list[Item]:
        return [i for i in self.items() if not isinstance(i, Participant) and i.step == step_id]
