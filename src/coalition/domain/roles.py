"""Who is in the room: the side of the house people come from, and Kotter's four qualities."""

from __future__ import annotations

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
