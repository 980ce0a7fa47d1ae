"""A show of hands: one question put to the room, how many said yes out of how many present.

Kotter's urgency test is one: urgency is high enough when about three quarters of
management honestly believe business as usual is unacceptable. So the record keeps the
counts, not a sentence about them, and derives the share and the verdict (three in four or
more) from them. A show of hands belongs to the session it was taken in: it is not carried
into the next one (`carry_forward._carries`), where the room is asked again.

    hands 9/12 Is business as usual more dangerous than the change?
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar, Self

from coalition.domain.records import MAX_COUNT, count_field, text_field

# Kotter (1995): about three in four managers must believe the status quo is unacceptable.
THRESHOLD = Fraction(3, 4)
THRESHOLD_LABEL = "three in four"
COUNTS_HELP = "give the yes count and the number present, like 9/12, then the question"
_COUNTS = re.compile(r"(\d{1,7})\s*/\s*(\d{1,7})")


@dataclass(frozen=True, slots=True)
class ShowOfHands:
    """One question, the hands that went up (`yes`) and the people who could raise one."""

    prefix: ClassVar[str] = "Q"
    kind: ClassVar[str] = "hands"

    id: str
    question: str
    yes: int
    present: int
    step: str = ""

    def __post_init__(self) -> None:
        check_counts(self.yes, self.present)

    @property
    def text(self) -> str:
        """How a list shows it: the question (the counts have columns of their own)."""
        return self.question

    @property
    def share(self) -> Fraction:
        """The share of those present who said yes."""
        return Fraction(self.yes, self.present)

    @property
    def percent(self) -> int:
        """The share in whole percent, rounded half up (9 of 12 is 75)."""
        return int(self.share * 100 + Fraction(1, 2))

    @property
    def reaches_threshold(self) -> bool:
        """Kotter's test: three in four or more said yes."""
        return self.share >= THRESHOLD

    @property
    def verdict(self) -> str:
        """`three in four or more` or `fewer than three in four`."""
        if self.reaches_threshold:
            return f"{THRESHOLD_LABEL} or more"
        return f"fewer than {THRESHOLD_LABEL}"

    @property
    def tally(self) -> str:
        """`9 of 12 (75 %)`."""
        return f"{self.yes} of {self.present} ({self.percent} %)"

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "yes": self.yes,
            "present": self.present,
            "step": self.step,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=text_field(record, "id"),
            question=text_field(record, "question"),
            yes=count_field(record.get("yes"), "yes"),
            present=count_field(record.get("present"), "present", MAX_COUNT, 1),
            step=text_field(record, "step", ""),
        )


def check_counts(yes: int, present: int) -> None:
    """Refuse counts no room can give: nobody present, or more hands than people."""
    if type(yes) is not int or type(present) is not int:
        raise TypeError("the yes count and the number present must be whole numbers")
    if present < 1:
        raise ValueError(f"a show of hands needs someone present, not {present}")
    if not 0 <= yes <= present:
        raise ValueError(f"{yes} hands up is more than the {present} present")
    if present > MAX_COUNT:
        raise ValueError(f"{present} present is more than {MAX_COUNT:,}")


def parse_hands(text: str) -> dict[str, Any]:
    """`9/12 Is the status quo acceptable?` -> the fields of a ShowOfHands.

    Raises ValueError saying what to type when the counts or the question are missing or
    impossible.
    """
    match = _COUNTS.match(text.strip())
    if match is None:
        raise ValueError(f"A show of hands starts with its counts: {COUNTS_HELP}.")
    yes, present = int(match[1]), int(match[2])
    question = " ".join(text.strip()[match.end() :].split())
    if not question:
        raise ValueError(f"The show of hands has no question: {COUNTS_HELP}.")
    try:
        check_counts(yes, present)
    except ValueError as error:
        raise ValueError(f"{match[0]}: {error}.") from None
    return {"question": question, "yes": yes, "present": present}
