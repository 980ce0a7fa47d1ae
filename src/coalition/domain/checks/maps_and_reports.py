"""Checks on the value-stream maps (alignment action 2) and the reporting review (action 3)."""

from __future__ import annotations

from coalition.domain.alignment import MetricKind, Stage, ValueStream, Verdict
from coalition.domain.checks.finding import Finding, found
from coalition.domain.models import Session


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
