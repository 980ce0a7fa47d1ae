"""Minutes sections for the four alignment actions: balance, value streams, reporting, checks."""

from __future__ import annotations

from coalition.domain.alignment import (
    ReportingShare,
    reporting_share,
    retired_before,
    stage_cell,
)
from coalition.domain.balance import QUALITY_LABELS, coalition_balance
from coalition.domain.checks import alignment_checks
from coalition.domain.models import Session
from coalition.domain.roles import Quality, Side
from coalition.minutes import continuity
from coalition.minutes.escape import escape_cell, escape_inline
from coalition.minutes.mermaid import stream_flowchart
from coalition.minutes.records import stream_ownership
from coalition.minutes.tables import SIDE_LABELS, table


def balance(session: Session) -> str:
    """The coalition's sides and qualities, with the warnings the room should hear."""
    result = coalition_balance(session.participants)
    sides = result.by_side
    qualities = ", ".join(f"{QUALITY_LABELS[q]} {result.by_quality[q]}" for q in Quality)
    lines = [
        "### Balance",
        "",
        f"{sides[Side.BUSINESS]} business, {sides[Side.IT]} IT and {sides[Side.EXTERNAL]} "
        f"external members. Members bringing each quality: {qualities}.",
    ]
    if result.volunteers:
        lines[-1] += (
            f" {result.volunteers} of them are volunteers, the network beside the hierarchy."
            if result.volunteers > 1
            else " One of them is a volunteer, from the network beside the hierarchy."
        )
    if result.warnings:
        lines.append("")
        lines.extend(f"- {escape_inline(warning)}" for warning in result.warnings)
    return "\n".join(lines)


def value_streams(session: Session, shown: set[str] | None = None) -> str:
    streams = [s for s in session.streams if shown is None or s.id in shown]
    if not streams:
        if session.streams:
            return ""  # all carried unchanged: named in "Since the last session"
        return "## Value streams\n\nNo value streams were mapped."
    blocks = ["## Value streams"]
    headers = ["#", "Stage", "Systems and technology", "Business owner", "IT owner",
               "Pain points"]  # fmt: skip
    for stream in streams:
        blocks.append(f"### {stream.id} {escape_inline(stream.name)}")
        ownership = stream_ownership(stream)
        if ownership:
            blocks.append(ownership)
        if not stream.stages:
            blocks.append("No stages yet.")
            continue
        rows = (
            [str(number)]
            + [
                escape_cell(stage_cell(stage, field))
                for field in ("name", "systems", "business_owner", "it_owner", "pain_points")
            ]
            for number, stage in enumerate(stream.stages, 1)
        )
        blocks.append(table(headers, rows))
        blocks.append(stream_flowchart(stream))
    return "\n\n".join(blocks)


def _share_sentence(share: ReportingShare) -> str:
    percent = ReportingShare.percent
    return (
        "Business-outcome metrics among those sent to business audiences: "
        f"{share.outcome_now} of {share.total_now} ({percent(share.outcome_now, share.total_now)})"
        f" today; {share.outcome_after} of {share.total_after} "
        f"({percent(share.outcome_after, share.total_after)}) once the verdicts are carried out."
    )


def reporting(session: Session, shown: set[str] | None = None) -> str:
    """The metrics reviewed (new or changed), and the share over all of them."""
    metrics = [m for m in session.metrics if shown is None or m.id in shown]
    share = _share_sentence(
        reporting_share(session.metrics, retired_before(session.baseline.values()))
    )  # a report retired at an earlier session is no longer sent
    if not session.metrics:
        return "## Reporting review\n\nNo reports or metrics were reviewed."
    if not metrics:
        carried = continuity.carried_only("reports or metrics", len(session.metrics), "metric")
        return f"## Reporting review\n\n{carried}\n\n{share}"
    rows = (
        [
            m.id,
            escape_cell(m.name),
            escape_cell(m.audience),
            SIDE_LABELS[m.audience_side],
            m.metric_kind.value,
            escape_cell(m.goal),
            m.verdict.value,
            escape_cell(m.replacement),
        ]
        for m in metrics
    )
    headers = ["ID", "Report or metric", "Audience", "Audience side", "Kind", "Goal served",
               "Verdict", "Replacement"]  # fmt: skip
    return "\n\n".join(
        [
            "## Reporting review",
            table(headers, rows),
            share,
        ]
    )


def checks(session: Session) -> str:
    findings = alignment_checks(session)
    if not findings:
        return "## Alignment checks\n\nEvery alignment check passes."
    lines = ["## Alignment checks", ""]
    for finding in findings:
        items = f" ({escape_inline(', '.join(finding.named))})" if finding.named else ""
        lines.append(f"- **{finding.check}**{items}: {escape_inline(finding.advice)}")
    return "\n".join(lines)
