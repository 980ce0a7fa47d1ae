"""Decisions as decision records, with the fields of MADR.

The capture line records the quick case in one line: what was decided, by whom, why, and
which earlier decision it replaces. The record grows as the room fills in the rest: the
context or problem, the drivers, the options considered (each with its pros and cons), the
option chosen, the consequences (good and bad), how the room will know it is carried out
(confirmation) and the date. Its status is proposed, accepted, rejected or superseded; a
decision also reads as superseded when an accepted one names it (see `decision_log`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, Self

from coalition.domain.records import (
    date_or_none,
    iso_or_none,
    optional,
    text_field,
    texts_field,
)


class DecisionStatus(StrEnum):
    """Decision-record statuses (MADR)."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"


@dataclass(frozen=True, slots=True)
class Option:
    """An option the room considered, with what speaks for and against it."""

    name: str
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()

    def to_record(self) -> dict[str, Any]:
        return {"name": self.name, "pros": list(self.pros), "cons": list(self.cons)}

    @classmethod
    def from_record(cls, record: Any) -> Self:
        if not isinstance(record, Mapping):
            raise TypeError("each of 'options' must hold a name, pros and cons")
        return cls(
            name=text_field(record, "name"),
            pros=texts_field(record, "pros"),
            cons=texts_field(record, "cons"),
        )


# The record's list fields, each a list of text.
TEXT_LISTS = ("drivers", "good_consequences", "bad_consequences")


@dataclass(frozen=True, slots=True)
class Decision:
    """Something the room decided, with who owns it and why."""

    prefix: ClassVar[str] = "D"
    kind: ClassVar[str] = "decision"

    id: str
    text: str
    owners: tuple[str, ...] = ()  # the decision-makers
    step: str = ""
    status: DecisionStatus = DecisionStatus.ACCEPTED
    rationale: str = ""
    supersedes: str = ""  # the ID of the earlier decision this one replaces
    origin: str = ""
    # -- the decision record (MADR) --
    context: str = ""  # the context and problem
    drivers: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    chosen: str = ""  # the name of the option chosen
    good_consequences: tuple[str, ...] = ()
    bad_consequences: tuple[str, ...] = ()
    confirmation: str = ""  # how the room will know it is carried out
    decided_on: dt.date | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "owners": list(self.owners),
            "step": self.step,
            "status": self.status.value,
            "rationale": self.rationale,
        } | optional(
            supersedes=(self.supersedes, ""),
            origin=(self.origin, ""),
            context=(self.context, ""),
            drivers=(list(self.drivers), []),
            options=([option.to_record() for option in self.options], []),
            chosen=(self.chosen, ""),
            good_consequences=(list(self.good_consequences), []),
            bad_consequences=(list(self.bad_consequences), []),
            confirmation=(self.confirmation, ""),
            decided_on=(iso_or_none(self.decided_on), None),
        )

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        options = record.get("options", [])
        if not isinstance(options, list):
            raise TypeError("'options' must be a list")
        decided_on = record.get("decided_on")
        if decided_on is not None and not isinstance(decided_on, str):
            raise TypeError("'decided_on' must be a date (YYYY-MM-DD)")
        return cls(
            id=text_field(record, "id"),
            text=text_field(record, "text"),
            owners=texts_field(record, "owners"),
            step=text_field(record, "step", ""),
            status=DecisionStatus(record.get("status", "accepted")),
            rationale=text_field(record, "rationale", ""),
            supersedes=text_field(record, "supersedes", ""),
            origin=text_field(record, "origin", ""),
            context=text_field(record, "context", ""),
            drivers=texts_field(record, "drivers"),
            options=tuple(Option.from_record(option) for option in options),
            chosen=text_field(record, "chosen", ""),
            good_consequences=texts_field(record, "good_consequences"),
            bad_consequences=texts_field(record, "bad_consequences"),
            confirmation=text_field(record, "confirmation", ""),
            decided_on=date_or_none(decided_on),
        )

    @property
    def has_record(self) -> bool:
        """Whether anything beyond the one-line capture was filled in."""
        return bool(
            self.context
            or self.drivers
            or self.options
            or self.chosen
            or self.good_consequences
            or self.bad_consequences
            or self.confirmation
            or self.decided_on
        )


def option_pros_cons(line: str) -> Option:
    """`Weekly meetings + quick to set up + visible - takes diary time` -> an Option.

    ` + ` starts a pro and ` - ` a con (spaces around the sign), so an option's name may
    hold a hyphen; raises ValueError for an option with no name.
    """
    name = ""
    pros: list[str] = []
    cons: list[str] = []
    target: list[str] | None = None
    for part in _split_signs(line):
        if part in ("+", "-"):
            target = pros if part == "+" else cons
            continue
        text = " ".join(part.split())
        if target is None:
            name = text
        elif text:
            target.append(text)
    if not name:
        raise ValueError("an option needs a name before its pros (+) and cons (-)")
    return Option(name, tuple(pros), tuple(cons))


def _split_signs(line: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    for word in line.split(" "):
        if word in ("+", "-"):
            parts.extend([" ".join(current), word])
            current = []
        else:
            current.append(word)
    parts.append(" ".join(current))
    return parts
