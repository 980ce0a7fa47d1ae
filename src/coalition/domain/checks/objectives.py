"""Checks on objectives and initiatives: each tied to a business objective, and AI work with
a business objective and a business owner."""

from __future__ import annotations

from collections.abc import Mapping

from coalition.domain.checks.finding import Finding, found
from coalition.domain.checks.roster import name_key, roster_sides
from coalition.domain.models import Objective, Session
from coalition.domain.roles import Side


def serves_business(serves: str, objectives: Mapping[str, Objective]) -> bool:
    """Whether following `serves` (through IT objectives) reaches a business objective."""
    seen: set[str] = set()
    while serves and serves not in seen:
        seen.add(serves)
        objective = objectives.get(serves)
        if objective is None:
            return False  # names nothing in this session
        if objective.side is Side.BUSINESS:
            return True
        serves = objective.serves
    return False


def ai_initiatives_lacking(session: Session) -> list[str]:
    """AI initiatives with no business objective served, or no business owner."""
    objectives = {o.id: o for o in session.objectives}
    sides = roster_sides(session)
    return [
        x.id
        for x in session.initiatives
        if x.ai
        and (
            not serves_business(x.serves, objectives)
            or all(sides.get(name_key(owner)) is not Side.BUSINESS for owner in x.owners)
        )
    ]


def objective_checks(session: Session) -> list[Finding]:
    """IT objectives and initiatives that serve no business objective; AI initiatives are
    reported under their own code instead."""
    objectives = {o.id: o for o in session.objectives}
    ai_lacking = ai_initiatives_lacking(session)
    unlinked = [
        *(o.id for o in session.objectives
          if o.side is Side.IT and not serves_business(o.serves, objectives)),
        *(x.id for x in session.initiatives
          if x.id not in ai_lacking and not serves_business(x.serves, objectives)),
    ]  # fmt: skip
    return found("objective-not-linked", unlinked) + found("ai-initiative-no-objective", ai_lacking)
