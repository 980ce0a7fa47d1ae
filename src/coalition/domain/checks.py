"""Alignment checks: the warnings of the seeds, turned into findings the room can act on.

Shown in the app at the end of a session and as a section of the minutes. Each finding
says what is wrong, which items, and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

from coalition.domain.alignment import MetricKind, Verdict
from coalition.domain.balance import coalition_balance
from coalition.domain.models import ActionStatus, IrritantStatus, Session
from coalition.domain.progress import RatingLevel
from coalition.domain.roles import Side

ACTIONS_WITHOUT_OWNER = "Actions without an owner"
# The health check's own rule: its dimensions are quick signals, and several reds at once
# mean the alignment has slipped too far for a check-up to mend.
TWO_REDS = (
    "two or more dimensions are red, so run the full coalition workshop again rather than "
    "another health check."
)
ACTIONS_WITHOUT_DUE_DATE = "Actions without a due date"
# The end-of-session review lists these item by item (coalition.services.review), so it shows only
# the other findings beside them.
PER_ITEM_CHECKS = frozenset({ACTIONS_WITHOUT_OWNER, ACTIONS_WITHOUT_DUE_DATE})


@dataclass(frozen=True, slots=True)
class Finding:
    """One check that failed: its name, the items concerned, and the advice."""

    check: str
    items: tuple[str, ...]
    advice: str


def alignment_checks(session: Session) -> list[Finding]:
    """Every failed check, in a fixed order (so the minutes stay deterministic)."""
    findings: list[Finding] = []
    sides = {p.name: p.side for p in session.participants}

    it_only = [
        d.id
        for d in session.decisions
        if d.owners and all(sides.get(owner) is Side.IT for owner in d.owners)
    ]
    if it_only:
        findings.append(Finding(
            "Decisions owned only by IT", tuple(it_only),
            "Give each a business co-owner: an IT-only initiative is how ITSM lost the business.",
        ))  # fmt: skip
    open_actions = [a for a in session.actions if a.status is ActionStatus.OPEN]
    no_owner = [a.id for a in open_actions if not a.owner]
    if no_owner:
        findings.append(Finding(ACTIONS_WITHOUT_OWNER, tuple(no_owner),
                                "Name one person for each before the room leaves."))  # fmt: skip
    no_due = [a.id for a in open_actions if a.due is None]
    if no_due:
        findings.append(Finding(ACTIONS_WITHOUT_DUE_DATE, tuple(no_due),
                                "Agree a date the owner believes in."))  # fmt: skip
    no_tech = [
        f"{s.id} {stage.name}" for s in session.streams for stage in s.stages if not stage.systems
    ]
    if no_tech:
        findings.append(Finding(
            "Value-stream stages without supporting technology", tuple(no_tech),
            "Map the systems behind each stage: that is the 'plus' in value streams plus.",
        ))  # fmt: skip
    no_business_owner = [
        f"{s.id} {stage.name}"
        for s in session.streams
        for stage in s.stages
        if not stage.business_owner
    ]
    if no_business_owner:
        findings.append(Finding(
            "Value-stream stages without a business owner", tuple(no_business_owner),
            "Ask who in the business answers for each stage's outcome.",
        ))  # fmt: skip
    tech_to_business = [
        m.id
        for m in session.metrics
        if m.goes_to_business and m.metric_kind is MetricKind.TECHNOLOGY and m.stays_in_report
    ]
    if tech_to_business:
        findings.append(Finding(
            "Technology metrics sent to business audiences", tuple(tech_to_business),
            "Replace each with a measure of the business outcome it serves, or retire it.",
        ))  # fmt: skip
    replaced_blank = [
        m.id for m in session.metrics if m.verdict is Verdict.REPLACE and not m.replacement
    ]
    if replaced_blank:
        findings.append(Finding("Metrics to replace with no replacement named",
                                tuple(replaced_blank), "Name the replacement metric."))  # fmt: skip
    for warning in coalition_balance(session.participants).warnings:
        findings.append(Finding("Coalition balance", (), warning))
    unpublicized = [i.id for i in session.irritants if i.status is IrritantStatus.REMOVED]
    if unpublicized:
        findings.append(Finding(
            "Irritants removed but not publicized", tuple(unpublicized),
            "Tell the people they irritated: a quiet removal changes no one's view of IT.",
        ))  # fmt: skip
    reds = [r.id for r in session.ratings if r.level is RatingLevel.RED]
    if len(reds) >= 2:
        findings.append(
            Finding("Health check: two reds or more", tuple(reds), TWO_REDS.capitalize())
        )
    return findings


def checks_beyond_gaps(session: Session) -> list[Finding]:
    """The findings the end-of-session review shows beside its item-by-item gaps."""
    return [f for f in alignment_checks(session) if f.check not in PER_ITEM_CHECKS]
