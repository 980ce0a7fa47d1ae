"""Objectives and the initiatives that pursue them.

Business objectives say what the organization is after. An IT objective names the business
objective it serves (`serves`): an IT objective tied to nothing the business wants is the
seeds' recurring warning. An initiative names the objective it serves, has owners on both
sides of the house (business and IT, as the roster has them), and says whether it applies
AI, because AI initiatives without objectives tied to business strategy are a warning of
their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

from coalition.domain.records import flag_field, optional, text_field, texts_field
from coalition.domain.roles import Side

# The sides an objective can be on (an external party's objectives are not the room's).
OBJECTIVE_SIDES = (Side.BUSINESS, Side.IT)


def objective_side(value: Any) -> Side:
    """`business` or `it`; ValueError for anything else."""
    side = Side(value)
    if side not in OBJECTIVE_SIDES:
        raise ValueError(f"an objective is business or it, not {side.value}")
    return side


@dataclass(frozen=True, slots=True)
class Objective:
    """A business objective, or an IT objective serving one (`serves`: its ID, O-n)."""

    prefix: ClassVar[str] = "O"
    kind: ClassVar[str] = "objective"

    id: str
    text: str
    side: Side = Side.BUSINESS
    serves: str = ""
    step: str = ""
    origin: str = ""

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "side": self.side.value,
            "serves": self.serves,
            "step": self.step,
        } | optional(origin=(self.origin, ""))

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=text_field(record, "id"),
            text=text_field(record, "text"),
            side=objective_side(record.get("side", "business")),
            serves=text_field(record, "serves", ""),
            step=text_field(record, "step", ""),
            origin=text_field(record, "origin", ""),
        )


@dataclass(frozen=True, slots=True)
class Initiative:
    """A piece of change work: its owners (business and IT), the objective it serves, and
    whether it applies AI."""

    prefix: ClassVar[str] = "X"
    kind: ClassVar[str] = "initiative"

    id: str
    text: str
    owners: tuple[str, ...] = ()
    ai: bool = False
    serves: str = ""
    step: str = ""
    origin: str = ""

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "owners": list(self.owners),
            "ai": self.ai,
            "serves": self.serves,
            "step": self.step,
        } | optional(origin=(self.origin, ""))

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=text_field(record, "id"),
            text=text_field(record, "text"),
            owners=texts_field(record, "owners"),
            ai=flag_field(record, "ai", False),
            serves=text_field(record, "serves", ""),
            step=text_field(record, "step", ""),
            origin=text_field(record, "origin", ""),
        )


def owner_sides(owners: tuple[str, ...], sides_by_name: Mapping[str, Side]) -> set[Side]:
    """The sides of the house an item's owners come from (names not on the roster: none)."""
    return {sides_by_name[name] for name in owners if name in sides_by_name}
