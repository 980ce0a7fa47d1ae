"""Checks on who owns what: decisions, actions and irritants, and whether owners are members."""

from __future__ import annotations

from collections.abc import Iterator

from coalition.domain.checks.finding import Finding, found
from coalition.domain.checks.objectives import ai_initiatives_lacking
from coalition.domain.checks.roster import name_key, one_sided, roster_sides
from coalition.domain.models import (
    ActionStatus,
    DecisionStatus,
    IrritantStatus,
    Session,
    id_number,
)
from coalition.domain.roles import Side

# The steps of the bundled playbooks whose prompts ask business and IT to own the outcome
# together (Kotter 3's shared outcomes, the objectives check, the end-to-end owner).
JOINT_OWNERSHIP_STEPS = frozenset({"vision", "objectives", "ownership"})
IN_FORCE = (DecisionStatus.PROPOSED, DecisionStatus.ACCEPTED)
OPEN_IRRITANT = (IrritantStatus.OPEN, IrritantStatus.BEING_REMOVED)
# The irritant steps of the bundled playbooks ask for business members' irritants first, so
# the register does not start as IT's view of itself; "first" is this many.
BUSINESS_FIRST_STEPS = frozenset({"irritants"})
FIRST_IRRITANTS = 3


def decision_checks(session: Session) -> list[Finding]:
    """IT-only decisions; decisions in a step that asks for joint ownership, and initiatives
    (which always do), owned by one side only. An AI initiative with no business owner is
    reported as ai-initiative-no-objective instead."""
    sides = roster_sides(session)
    joint = [
        d.id
        for d in session.decisions
        if d.step in JOINT_OWNERSHIP_STEPS and d.status in IN_FORCE and one_sided(d.owners, sides)
    ]
    it_only = [
        d.id
        for d in session.decisions
        if d.owners
        and d.id not in joint
        and all(sides.get(name_key(owner)) is Side.IT for owner in d.owners)
    ]
    ai_lacking = ai_initiatives_lacking(session)
    joint += [
        x.id for x in session.initiatives if x.id not in ai_lacking and one_sided(x.owners, sides)
    ]
    return found("decision-it-only", it_only) + found("one-sided-ownership", joint)


def unowned_checks(session: Session) -> list[Finding]:
    """Decisions not rejected, and initiatives, that nobody owns: someone has to carry each
    out (the end-of-session review lists the decisions item by item too)."""
    decisions = (
        d.id for d in session.decisions if not d.owners and d.status is not DecisionStatus.REJECTED
    )
    initiatives = (x.id for x in session.initiatives if not x.owners)
    return found("decision-no-owner", decisions) + found("initiative-no-owner", initiatives)


def action_checks(session: Session) -> list[Finding]:
    open_actions = [a for a in session.actions if a.status is ActionStatus.OPEN]
    return found("action-no-owner", (a.id for a in open_actions if not a.owner)) + found(
        "action-no-due-date", (a.id for a in open_actions if a.due is None)
    )


def _owners(session: Session) -> Iterator[tuple[str, str]]:
    """(item ID, owner) for everything still to be carried out: decisions in force, open
    actions, irritants not yet removed, initiatives, and the value streams (end to end and
    stage by stage)."""
    for decision in session.decisions:
        if decision.status in IN_FORCE:
            yield from ((decision.id, owner) for owner in decision.owners)
    for action in session.actions:
        if action.status is ActionStatus.OPEN and action.owner:
            yield action.id, action.owner
    for irritant in session.irritants:
        if irritant.status in OPEN_IRRITANT and irritant.owner:
            yield irritant.id, irritant.owner
    for initiative in session.initiatives:
        yield from ((initiative.id, owner) for owner in initiative.owners)
    for stream in session.streams:
        if stream.e2e_owner:
            yield stream.id, stream.e2e_owner
        for stage in stream.stages:
            for owner in (stage.business_owner, stage.it_owner):
                if owner:
                    yield stream.id, owner


def roster_checks(session: Session) -> list[Finding]:
    """Owners who are not members of the coalition (nor the session's facilitator, who is in
    the room and answers for the session's own follow-up)."""
    known = {*roster_sides(session), name_key(session.info.facilitator)}
    strangers = [(item, owner) for item, owner in _owners(session) if name_key(owner) not in known]
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


def irritants_it_first(session: Session) -> list[Finding]:
    """The first irritants raised in this session, in a step that asks for business members'
    first, all raised by IT members (irritants whose raiser is unknown are not counted)."""
    sides = roster_sides(session)
    raised_here = sorted(
        (
            i
            for i in session.irritants
            if not i.origin
            and i.step in BUSINESS_FIRST_STEPS
            and i.raised_by
            and name_key(i.raised_by) in sides
        ),
        key=lambda i: id_number(i.id),
    )
    first = raised_here[:FIRST_IRRITANTS]
    if first and all(sides[name_key(i.raised_by)] is Side.IT for i in first):
        return found("irritants-it-first", (i.id for i in first))
    return []
