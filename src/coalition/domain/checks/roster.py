"""Who is on the coalition, by name as owners are written."""

from __future__ import annotations

from coalition.domain.models import Session
from coalition.domain.roles import Side


def name_key(name: str) -> str:
    """Names compare without regard to case or spacing: `alice  SMITH` is Alice Smith."""
    return " ".join(name.split()).casefold()


def roster_sides(session: Session) -> dict[str, Side]:
    """Each member's side, by `name_key`."""
    return {name_key(p.name): p.side for p in session.participants}


def one_sided(owners: tuple[str, ...], sides: dict[str, Side]) -> bool:
    """Owned, every owner on the roster, and not both business and IT among them."""
    owner_sides = [sides.get(name_key(owner)) for owner in owners]
    if not owner_sides or None in owner_sides:
        return False  # no owner is a gap of its own; a stranger is owner-not-on-roster
    return not {Side.BUSINESS, Side.IT} <= set(owner_sides)
