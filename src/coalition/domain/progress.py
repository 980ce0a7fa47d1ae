"""What shows a programme moving: short-term wins, and the health check's ratings.

A win is Kotter's short-term win, kept in a log that carries from session to session. A
rating is one dimension of the alignment health check, rated green, amber or red with a
sentence of evidence; the check's rule (two reds or more: run the full workshop again) is
in `checks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, Self

from coalition.domain.records import optional, text_field


@dataclass(frozen=True, slots=True)
class Win:
    """A short-term win the room can point to, and who delivered it."""

    prefix: ClassVar[str] = "W"
    kind: ClassVar[str] = "win"

    id: str
    text: str
    owner: str = ""
    step: str = ""
    origin: str = ""

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "owner": self.owner,
            "step": self.step,
        } | optional(origin=(self.origin, ""))

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=text_field(record, "id"),
            text=text_field(record, "text"),
            owner=text_field(record, "owner", ""),
            step=text_field(record, "step", ""),
            origin=text_field(record, "origin", ""),
        )


class RatingLevel(StrEnum):
    """A health check's traffic light."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


RATING_BY_WORD = {
    "g": RatingLevel.GREEN, "green": RatingLevel.GREEN,
    "a": RatingLevel.AMBER, "amber": RatingLevel.AMBER,
    "r": RatingLevel.RED, "red": RatingLevel.RED,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Rating:
    """One dimension of the health check (by default, the step it was rated in)."""

    prefix: ClassVar[str] = "H"
    kind: ClassVar[str] = "rating"

    id: str
    dimension: str
    level: RatingLevel
    comment: str = ""
    step: str = ""

    @property
    def text(self) -> str:
        """How the rating reads in a list."""
        return f"{self.dimension}: {self.level.value}" + (
            f", {self.comment}" if self.comment else ""
        )

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "dimension": self.dimension,
            "level": self.level.value,
            "comment": self.comment,
            "step": self.step,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=text_field(record, "id"),
            dimension=text_field(record, "dimension"),
            level=RatingLevel(text_field(record, "level")),
            comment=text_field(record, "comment", ""),
            step=text_field(record, "step", ""),
        )


def dimension_name(rating: Rating, step_titles: Mapping[str, str]) -> str:
    """What a rating rates, spaced once: its dimension, else the title of its step, else
    "Overall"."""
    name = " ".join((rating.dimension or step_titles.get(rating.step, rating.step)).split())
    return name or "Overall"


def latest_ratings(
    ratings: Iterable[Rating], step_titles: Mapping[str, str]
) -> dict[str, tuple[str, Rating]]:
    """Each dimension (its name casefolded, so `Reporting` and ` reporting` are one) with its
    first spelling and its latest rating, in ID order, in the order first rated."""
    latest: dict[str, tuple[str, Rating]] = {}
    for rating in sorted(ratings, key=lambda r: _id_order(r)):
        name = dimension_name(rating, step_titles)
        key = name.casefold()
        latest[key] = (latest.get(key, (name, rating))[0], rating)
    return latest


def red_dimensions(ratings: Iterable[Rating], step_titles: Mapping[str, str]) -> list[Rating]:
    """The latest rating of each dimension whose latest rating is red, in ID order: the
    health check's rule counts these."""
    latest = latest_ratings(ratings, step_titles).values()
    reds = [rating for _, rating in latest if rating.level is RatingLevel.RED]
    return sorted(reds, key=lambda r: _id_order(r))


def _id_order(rating: Rating) -> tuple[int, str]:
    """`H-2` before `H-10` (as `models.id_number`, which imports this module)."""
    number = rating.id.partition("-")[2]
    return (int(number) if number.isascii() and number.isdigit() else 0), rating.id
