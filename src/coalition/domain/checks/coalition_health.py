"""Checks on the coalition's make-up, the irritants' publicity and the health ratings."""

from __future__ import annotations

from coalition.domain.balance import coalition_balance
from coalition.domain.checks.catalogue import CHECKS
from coalition.domain.checks.finding import Finding, found
from coalition.domain.models import IrritantStatus, Session
from coalition.domain.progress import red_dimensions


def balance_checks(session: Session) -> list[Finding]:
    """One finding per balance warning, each under its own code."""
    return [
        Finding(code, CHECKS[code].title, (), warning)
        for code, warning in coalition_balance(session.participants).coded_warnings
    ]


def publicity_checks(session: Session) -> list[Finding]:
    return found(
        "irritant-not-publicized",
        (i.id for i in session.irritants if i.status is IrritantStatus.REMOVED),
    )


def rating_checks(session: Session) -> list[Finding]:
    """Two dimensions or more whose latest rating is red (`progress.red_dimensions`)."""
    titles = {step.id: step.title for step in session.info.playbook.steps}
    reds = red_dimensions(session.ratings, titles)
    return found("health-two-reds", (r.id for r in reds)) if len(reds) >= 2 else []
