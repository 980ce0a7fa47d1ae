"""Alignment checks: the warnings of the seeds, turned into findings the room can act on.

Shown in the app (F7, and at the end of a session), as a section of the minutes and by
`coalition check`. Each finding has a stable code (docs/checks.md), the items it concerns
and what to do; `catalogue` holds every check with the seed idea it comes from.
"""

from __future__ import annotations

from coalition.domain.checks.catalogue import CATALOGUE, CHECKS, TWO_REDS, Check
from coalition.domain.checks.coalition_health import (
    balance_checks,
    publicity_checks,
    rating_checks,
)
from coalition.domain.checks.finding import Finding
from coalition.domain.checks.maps_and_reports import (
    metric_checks,
    stage_checks,
    stream_owner_checks,
)
from coalition.domain.checks.objectives import objective_checks
from coalition.domain.checks.ownership import (
    action_checks,
    decision_checks,
    irritant_owner_checks,
    irritants_it_first,
    roster_checks,
    unowned_checks,
)
from coalition.domain.models import Session

__all__ = [
    "CATALOGUE",
    "CHECKS",
    "PER_ITEM_CHECKS",
    "TWO_REDS",
    "Check",
    "Finding",
    "alignment_checks",
    "checks_beyond_gaps",
]

# The end-of-session review lists these item by item (coalition.services.review), so it shows
# only the other findings beside them.
PER_ITEM_CHECKS = frozenset({"decision-no-owner", "action-no-owner", "action-no-due-date"})
RULES = (
    decision_checks,
    objective_checks,
    unowned_checks,
    action_checks,
    roster_checks,
    stage_checks,
    stream_owner_checks,
    metric_checks,
    balance_checks,
    irritant_owner_checks,
    irritants_it_first,
    publicity_checks,
    rating_checks,
)


def alignment_checks(session: Session) -> list[Finding]:
    """Every failed check, in the catalogue's order (so the minutes stay deterministic)."""
    return [finding for rule in RULES for finding in rule(session)]


def checks_beyond_gaps(session: Session) -> list[Finding]:
    """The findings the end-of-session review shows beside its item-by-item gaps."""
    return [f for f in alignment_checks(session) if f.code not in PER_ITEM_CHECKS]
