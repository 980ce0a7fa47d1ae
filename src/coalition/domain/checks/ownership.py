"""Checks on who owns what: decisions, actions and irritants, and whether owners are members."""

from __future__ import annotations

from collections.abc import Iterator

from coalition.domain.checks.finding import Finding, found
from coalition.domain.models import (
    ActionStatus,
    Decision,
    DecisionStatus,
    IrritantStatus,
    Session,
)
from coalition.domain.roles import Side

# The steps of the bundled playbooks whose prompts ask business and IT to own the outcome
# together (Kotter 3's shared outcomes, the objectives check, the end-to-end owner).
JOINT_OWNERSHIP_STEPS = frozenset({"vision", "objectives", "ownership"})
IN_FORCE = (DecisionStatus.PROPOSED, DecisionStatus.ACCEPTED)
OPEN_IRRITANT = (IrritantStatus.OPEN, IrritantStatus.BEING_REMOVED)


def _key(name: str) -> str:
    """Names compare without regard to case or spacing: `alice  SMITH` is Alice Smith."""
    return " ".join(name.split()).casefold()


def _sides(session: Session) -> dict[str, Side]:
    return {_key(p.name): p.side for p in session.participants}


def _one_sided(decision: Decision, sides: dict[str, Side]) -> bool:
    """Owned, every owner on the roster, and not both business and IT among them."""
    owner_sides = [sides.get(_key(owner)) for owner in decision.owners]
    if not owner_sides or None in owner_sides:
        return False  # no owner is a gap of its own; a stranger is owner-not-on-roster
    return not {Side.BUSINESS, Side.IT} <= set(owner_sides)


def decision_checks(session: Session) -> list[Finding]:
    """IT-only decisions, and one-sided ones in a step that asks for joint ownership."""
    sides = _sides(session)
    joint = [
        d.id
        for d in session.decisions
        if d.step in JOINT_OWNERSHIP_STEPS and d.status in IN_FORCE and _one_sided(d, sides)
    ]
    it_only = [
        d.id
        for d in session.decisions
        if d.owners
        and d.id not in joint
        and all(sides.get(_key(owner)) is Side.IT for owner in d.owners)
    ]
    return found("decision-it-only", it_only) + found("one-sided-ownership", joint)


def action_checks(session: Session) -> list[Finding]:
    open_actions = [a for a in session.actions if a.status is ActionStatus.OPEN]
    return found("action-no-owner", (a.id for a in open_actions if not a.owner)) + found(
        "action-no-due-date", (a.id for a in open_actions if a.due is None)
    )


def _owners(session: Session) -> Iterator[tuple[str, str]]:
    """(item ID, owner) for everything still to be carried out: decisions in force, open
    actions, irritants not yet removed, and the stages of the value streams."""
    for decision in session.decisions:
        if decision.status in IN_FORCE:
            yield from ((decision.id, owner) for owner in decision.owners)
    for action in session.actions:
        if action.status is ActionStatus.OPEN and action.owner:
            yield action.id, action.owner
    for irritant in session.irritants:
        if irritant.status in OPEN_IRRITANT and irritant.owner:
            yield irritant.id, irritant.owner
    for stream in session.streams:
        for stage in stream.stages:
            for owner in (stage.business_owner, stage.it_owner):
                if owner:
                    yield stream.id, owner


def roster_checks(session: Session) -> list[Finding]:
    """Owners who are not members of the coalition (nor the session's facilitator, who is in
    the room and answers for the session's own follow-up)."""
    known = {*_sides(session), _key(session.info.facilitator)}
    strangers = [(item, owner) for item, owner in _owners(session) if _key(owner) not in known]
    return found(
        "owner-not-on-roster",
        (item for item, _ in strangers),
        (f"{item} {owner}" for item, owner in strangers),
    )


def irritant_owner_checks(session: Session) -> list[Finding]:
    """Irritants still to remove with nobody removing them."""
    return found(
        "irritant-no-owner",
        (i.id for i in session.irritants if i.status in OPEN_IRRITANT and not i.owner),
    )
