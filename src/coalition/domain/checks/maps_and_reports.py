"""Checks on the value-stream maps (alignment action 2) and the reporting review (action 3)."""

from __future__ import annotations

import re

from coalition.domain.alignment import MetricKind, Stage, ValueStream, Verdict
from coalition.domain.checks.finding import Finding, found
from coalition.domain.checks.roster import name_key
from coalition.domain.models import Session

# A stage named for one of the processes that detect-to-correct joins up.
PROCESS_STAGE = re.compile(r"\b(incidents?|problems?|changes?)\b", re.IGNORECASE)


def _stages_lacking(session: Session, code: str, attribute: str) -> list[Finding]:
    lacking: list[tuple[ValueStream, Stage]] = [
        (stream, stage)
        for stream in session.streams
        for stage in stream.stages
        if not getattr(stage, attribute)
    ]
    return found(
        code,
        (stream.id for stream, _ in lacking),
        (f"{stream.id} {stage.name}" for stream, stage in lacking),
    )


def stage_checks(session: Session) -> list[Finding]:
    """Stages with no technology mapped, no business owner, no IT owner."""
    return (
        _stages_lacking(session, "stage-no-technology", "systems")
        + _stages_lacking(session, "stage-no-business-owner", "business_owner")
        + _stages_lacking(session, "stage-no-it-owner", "it_owner")
    )


def owned_apart(stream: ValueStream) -> bool:
    """Its incident, problem and change stages are owned by more than one person (a stage's
    IT owner, else its business owner)."""
    owners = {
        name_key(stage.it_owner or stage.business_owner)
        for stage in stream.stages
        if PROCESS_STAGE.search(stage.name) and (stage.it_owner or stage.business_owner)
    }
    return len(owners) > 1


def stream_owner_checks(session: Session) -> list[Finding]:
    """Streams with no end-to-end owner; the message says which have their process stages
    owned apart."""
    lacking = [s for s in session.streams if not s.e2e_owner]
    return found(
        "stream-no-end-to-end-owner",
        (s.id for s in lacking),
        (f"{s.id} (its process stages owned apart)" if owned_apart(s) else s.id
         for s in lacking),
    )  # fmt: skip


def metric_checks(session: Session) -> list[Finding]:
    """Technology metrics still reported to the business, replacements not named, and metrics
    that serve no business goal."""
    metrics = session.metrics
    return (
        found(
            "tech-metric-to-business",
            (
                m.id
                for m in metrics
                if m.goes_to_business
                and m.metric_kind is MetricKind.TECHNOLOGY
                and m.stays_in_report
            ),
        )
        + found(
            "metric-replacement-missing",
            (m.id for m in metrics if m.verdict is Verdict.REPLACE and not m.replacement),
        )
        + found(
            "metric-no-goal",
            (m.id for m in metrics if m.verdict is not Verdict.RETIRE and not m.goal),
        )
    )
