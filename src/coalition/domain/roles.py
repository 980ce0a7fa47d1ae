"""Who is in the room: the side of the house people come from, Kotter's four qualities, and
who volunteers."""

from __future__ import annotations

import re
from enum import StrEnum

from coalition.errors import CaptureError


class Side(StrEnum):
    """Which side of the house a coalition member (or a report's audience) comes from."""

    BUSINESS = "business"
    IT = "it"
    EXTERNAL = "external"


class Quality(StrEnum):
    """Kotter's four qualities of a guiding coalition."""

    POSITION_POWER = "position-power"
    EXPERTISE = "expertise"
    CREDIBILITY = "credibility"
    LEADERSHIP = "leadership"


QUALITY_BY_WORD = {
    "power": Quality.POSITION_POWER,
    "position-power": Quality.POSITION_POWER,
    "expertise": Quality.EXPERTISE,
    "credibility": Quality.CREDIBILITY,
    "leadership": Quality.LEADERSHIP,
}


def side_named(word: str, key: str = "side:") -> Side:
    """`business`, `it` or `external` (any case) as a Side, else CaptureError."""
    side_word = word.strip().lower()
    try:
        return Side(side_word)
    except ValueError:
        raise CaptureError(
            f"{key}{side_word} is not a side: use business, it or external."
        ) from None


def qualities_named(words: str, key: str = "has:") -> frozenset[Quality]:
    """`power,leadership` (comma-separated, any case; empty for none), else CaptureError."""
    qualities: set[Quality] = set()
    for word in filter(None, (w.strip() for w in words.lower().split(","))):
        quality = QUALITY_BY_WORD.get(word)
        if quality is None:
            raise CaptureError(
                f"{key}{word} is not one of Kotter's qualities: use power, expertise, "
                "credibility or leadership (comma-separated)."
            )
        qualities.add(quality)
    return frozenset(qualities)


# Kotter's 2014 wording ("Accelerate") drives change through a network of volunteers from
# every level, beside the hierarchy. A member is one when their role names it:
# `role:volunteer`, or `role:"Ward nurse, volunteer"` beside a job title.
VOLUNTEER = "volunteer"
_VOLUNTEER_WORD = re.compile(r"\bvolunteers?\b", re.IGNORECASE)


def is_volunteer(role: str) -> bool:
    """Whether a member's role makes them one of the volunteers, counted apart."""
    return _VOLUNTEER_WORD.search(role) is not None


def toggle_volunteer(role: str) -> str:
    """The role with `volunteer` added after the job title, or taken out of it."""
    if not is_volunteer(role):
        return f"{role}, {VOLUNTEER}" if role.strip() else VOLUNTEER
    parts = (" ".join(_VOLUNTEER_WORD.sub(" ", part).split()) for part in role.split(","))
    return ", ".join(part for part in parts if part)
