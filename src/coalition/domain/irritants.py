"""Irritants as entries of a continual improvement register (ITIL).

An irritant is what annoys people when they deal with IT. Captured in one line (text, who it
irritates, the service, votes, an owner), it becomes a register entry as the room fills in
the rest: who raised it and when, its priority (set, or else from the dot votes), the
benefit expected from removing it, how that will be measured (a measure, its baseline and
target), a due date, the value-stream stage it belongs to, and how and when its removal was
publicized, with the follow-up question: did people notice? The status flow is open ->
being removed -> removed -> publicized.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, ClassVar, Self

from coalition.domain.records import (
    count_field,
    date_field,
    iso_or_none,
    optional,
    text_field,
)


class IrritantStatus(StrEnum):
    """An irritant is only half removed until its removal is publicized."""

    OPEN = "open"
    BEING_REMOVED = "being-removed"
    REMOVED = "removed"
    PUBLICIZED = "publicized"


class Priority(StrEnum):
    """A priority the room set; without one, an irritant's priority comes from its votes."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


# The register fields that hold free text, in the order the edit dialog and minutes show them.
REGISTER_TEXTS = (
    "raised_by", "benefit", "measure", "baseline", "target", "stream", "stage",
    "publicized_via", "noticed",
)  # fmt: skip
REGISTER_DATES = ("raised_on", "due", "publicized_on")


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
    owner: str = ""  # who removes it (the register's "to be actioned by")
    status: IrritantStatus = IrritantStatus.OPEN
    step: str = ""
    origin: str = ""
    # Dot votes by participant name, within the session's vote budget; `votes` counts them
    # together with votes captured without a name (`+2` on the capture line).
    votes_by: tuple[tuple[str, int], ...] = ()
    # Each status it reached, oldest first, with the date of the session it was reached in:
    # each change made in a session (`with_status_reached`) and the status at the end of each
    # earlier session that held it. The register's history, carried forward with it.
    history: tuple[tuple[dt.date, IrritantStatus], ...] = ()
    # -- the improvement register --
    raised_by: str = ""  # a participant's name
    raised_on: dt.date | None = None
    priority: Priority | None = None  # None: ranked by votes
    benefit: str = ""  # what removing it is expected to bring
    measure: str = ""  # how the benefit is measured ...
    baseline: str = ""  # ... where it stands now ...
    target: str = ""  # ... and where it should get to
    due: dt.date | None = None
    stream: str = ""  # the value stream (V-n) ...
    stage: str = ""  # ... and the name of its stage the irritant belongs to
    publicized_via: str = ""  # the channel its removal was announced on
    publicized_on: dt.date | None = None
    noticed: str = ""  # the follow-up: did people notice?

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
        } | self._register_record()

    def _register_record(self) -> dict[str, Any]:
        """Fields written only when set, so files written before them keep their bytes."""
        history = [[d.isoformat(), st.value] for d, st in self.history]
        dates = {name: (iso_or_none(getattr(self, name)), None) for name in REGISTER_DATES}
        texts = {name: (getattr(self, name), "") for name in REGISTER_TEXTS}
        priority = self.priority.value if self.priority else None
        return optional(history=(history, []), priority=(priority, None), **dates, **texts)

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        register: dict[str, Any] = {name: text_field(record, name, "") for name in REGISTER_TEXTS}
        register |= {name: date_field(record, name) for name in REGISTER_DATES}
        return cls(
            id=text_field(record, "id"),
            text=text_field(record, "text"),
            irritates=text_field(record, "irritates", ""),
            service=text_field(record, "service", ""),
            votes=count_field(record.get("votes", 0), "votes"),
            owner=text_field(record, "owner", ""),
            status=IrritantStatus(record.get("status", "open")),
            step=text_field(record, "step", ""),
            origin=text_field(record, "origin", ""),
            votes_by=_votes(record.get("votes_by", {})),
            history=_history(record.get("history", [])),
            priority=Priority(record["priority"]) if record.get("priority") else None,
            **register,
        )

    def dots_of(self, voter: str) -> int:
        return dict(self.votes_by).get(voter, 0)

    @property
    def measured(self) -> str:
        """`Days to reset a password: 3 -> 0.5`, or "" when nothing is measured."""
        if not (self.measure or self.baseline or self.target):
            return ""
        change = " → ".join(part for part in (self.baseline, self.target) if part)
        return f"{self.measure}: {change}" if self.measure and change else self.measure or change


def _history(value: Any) -> tuple[tuple[dt.date, IrritantStatus], ...]:
    if not isinstance(value, list) or not all(
        isinstance(entry, list) and len(entry) == 2 for entry in value
    ):
        raise TypeError("'history' must list [date, status] pairs")
    return tuple((dt.date.fromisoformat(day), IrritantStatus(status)) for day, status in value)


def _votes(value: Any) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, Mapping):
        raise TypeError("'votes_by' must map names to numbers of votes")
    counts = ((str(name), count_field(count, "votes_by")) for name, count in value.items())
    return tuple(sorted((name, count) for name, count in counts if count))


def with_status_reached(saved: Irritant, changed: Irritant, day: dt.date) -> Irritant:
    """The changed irritant with its new status in its history (dated `day`, the session's),
    after the status it leaves if the history does not end with that already: so moving
    on twice in one session keeps both steps. A change that sets the history itself (an undo
    putting back an earlier version) is saved as it is."""
    if changed.status is saved.status or changed.history != saved.history:
        return changed
    history = list(changed.history)
    if not history or history[-1][1] is not saved.status:
        history.append((day, saved.status))
    history.append((day, changed.status))
    return replace(changed, history=tuple(history))
