"""Who is in the room: the side of the house people come from, and Kotter's four qualities."""

from __future__ import annotations

from enum import StrEnum


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
